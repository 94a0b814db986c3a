-- Files members send or forward to the bot (photos, documents, voice notes, videos), filed on a
-- contact's card and optionally one of its deals. Telegram keeps the file; the CRM keeps its id
-- to send it again, with what the member saw of it.
CREATE TABLE attachments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    deal_id BIGINT REFERENCES deals (id),
    author_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    file_id TEXT NOT NULL,
    file_name TEXT,
    caption TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_by_contact ON attachments (contact_id);
-- The timeline entry that lists a file links to it, for the button that sends it again.
ALTER TABLE history ADD COLUMN attachment_id BIGINT REFERENCES attachments (id);
