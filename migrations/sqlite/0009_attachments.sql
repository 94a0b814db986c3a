-- Files members send or forward to the bot (photos, documents, voice notes, videos), filed on a
-- contact's card and optionally one of its deals. Telegram keeps the file; the CRM keeps its id
-- to send it again, with what the member saw of it.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    deal_id INTEGER REFERENCES deals (id),
    author_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    file_id TEXT NOT NULL,
    file_name TEXT,
    caption TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX attachments_by_contact ON attachments (contact_id);
-- The timeline entry that lists a file links to it, for the button that sends it again.
ALTER TABLE history ADD COLUMN attachment_id INTEGER REFERENCES attachments (id);
