-- Saved segments, mailings to the clients of a segment, and CSV imports waiting for the
-- member to confirm the column mapping.

CREATE TABLE segments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    name TEXT NOT NULL,
    -- The filters as text (SegmentFilter::as_text).
    filter TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX segments_by_team ON segments (team_id, name);

CREATE TABLE mailings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    segment_id INTEGER REFERENCES segments (id),
    author_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    recipients INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
ALTER TABLE jobs ADD COLUMN mailing_id INTEGER REFERENCES mailings (id);
CREATE INDEX jobs_by_mailing ON jobs (mailing_id, status) WHERE mailing_id IS NOT NULL;

-- A file being imported: its text and the column mapping, until imported or dropped.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    delimiter INTEGER NOT NULL,
    -- Target codes, one per column, comma-separated.
    mapping TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
);

-- The ABC analysis' class boundaries as "A/B" cumulative percents; NULL means 80/95.
ALTER TABLE teams ADD COLUMN abc_thresholds TEXT;
