-- Telegram Business: members connect the bot to their own Telegram accounts, and the messages
-- of their private chats with clients are logged on the clients' timelines.
CREATE TABLE business_connections (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    can_reply BIGINT NOT NULL DEFAULT 0,
    enabled BIGINT NOT NULL,
    connected_at BIGINT NOT NULL
);
CREATE INDEX business_connections_by_user ON business_connections (user_id);
-- A member's chat with someone: logged on a contact, proposed to the member (its messages kept
-- until answered), or ignored (friends, family: never logged).
CREATE TABLE business_chats (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    user_id BIGINT NOT NULL,
    chat_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    username TEXT,
    contact_id BIGINT REFERENCES contacts (id),
    state TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (user_id, chat_id)
);
CREATE INDEX business_chats_by_contact ON business_chats (contact_id);
-- Each message logged (or kept while its chat is proposed); `history_id` is its timeline entry.
CREATE TABLE business_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_ref BIGINT NOT NULL REFERENCES business_chats (id),
    message_id BIGINT NOT NULL,
    outgoing BIGINT NOT NULL,
    body TEXT NOT NULL,
    file_kind TEXT,
    file_id TEXT,
    file_name TEXT,
    sent_at BIGINT NOT NULL,
    -- "edited" or "deleted" once Telegram says so, as on the timeline entry.
    outcome TEXT,
    history_id BIGINT REFERENCES history (id),
    UNIQUE (chat_ref, message_id)
);
CREATE INDEX business_messages_by_time ON business_messages (sent_at);
-- What opens a command typed in a client's chat (".task …", ".note …").
ALTER TABLE teams ADD COLUMN business_prefix TEXT NOT NULL DEFAULT '.';
-- Whether a message deleted in Telegram is erased from the timeline too (else marked deleted).
ALTER TABLE members ADD COLUMN business_follow_deletions BIGINT NOT NULL DEFAULT 0;
