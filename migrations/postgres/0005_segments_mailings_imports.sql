-- Saved segments, mailings to the clients of a segment, and CSV imports waiting for the
-- member to confirm the column mapping.

CREATE TABLE segments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    name TEXT NOT NULL,
    -- The filters as text (SegmentFilter::as_text).
    filter TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX segments_by_team ON segments (team_id, name);

CREATE TABLE mailings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    segment_id BIGINT REFERENCES segments (id),
    author_id BIGINT NOT NULL,
    text TEXT NOT NULL,
    recipients BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
ALTER TABLE jobs ADD COLUMN mailing_id BIGINT REFERENCES mailings (id);
CREATE INDEX jobs_by_mailing ON jobs (mailing_id, status) WHERE mailing_id IS NOT NULL;

-- A file being imported: its text and the column mapping, until imported or dropped.
CREATE TABLE imports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    file_name TEXT NOT NULL,
    content TEXT NOT NULL,
    delimiter BIGINT NOT NULL,
    -- Target codes, one per column, comma-separated.
    mapping TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);

-- The ABC analysis' class boundaries as "A/B" cumulative percents; NULL means 80/95.
ALTER TABLE teams ADD COLUMN abc_thresholds TEXT;
