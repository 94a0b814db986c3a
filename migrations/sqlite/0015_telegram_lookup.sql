-- Who a Telegram account or username is, found by an index: a client's chat in a member's
-- own Telegram, a forwarded message's sender.
CREATE INDEX contacts_by_telegram_name ON contacts (LOWER(telegram));
