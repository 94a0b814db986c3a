-- Telegram Business: members connect the bot to their own Telegram accounts, and the messages
-- of their private chats with clients are logged on the clients' timelines.
CREATE TABLE business_connections (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    can_reply INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL,
    connected_at INTEGER NOT NULL
);
CREATE INDEX business_connections_by_user ON business_connections (user_id);
-- A member's chat with someone: logged on a contact, proposed to the member (its messages kept
-- until answered), or ignored (friends, family: never logged).
CREATE TABLE business_chats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    username TEXT,
    contact_id INTEGER REFERENCES contacts (id),
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, chat_id)
);
CREATE INDEX business_chats_by_contact ON business_chats (contact_id);
-- Each message logged (or kept while its chat is proposed); `history_id` is its timeline entry.
CREATE TABLE business_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_ref INTEGER NOT NULL REFERENCES business_chats (id),
    message_id INTEGER NOT NULL,
    outgoing INTEGER NOT NULL,
    body TEXT NOT NULL,
    file_kind TEXT,
    file_id TEXT,
    file_name TEXT,
    sent_at INTEGER NOT NULL,
    -- "edited" or "deleted" once Telegram says so, as on the timeline entry.
    outcome TEXT,
    history_id INTEGER REFERENCES history (id),
    UNIQUE (chat_ref, message_id)
);
CREATE INDEX business_messages_by_time ON business_messages (sent_at);
-- What opens a command typed in a client's chat (".task …", ".note …").
ALTER TABLE teams ADD COLUMN business_prefix TEXT NOT NULL DEFAULT '.';
-- Whether a message deleted in Telegram is erased from the timeline too (else marked deleted).
ALTER TABLE members ADD COLUMN business_follow_deletions INTEGER NOT NULL DEFAULT 0;
