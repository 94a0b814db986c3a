-- Client feedback: a survey goes to a linked client after a won deal (the day after, at a
-- local hour) and after an appointment (some hours after its time). A client answers a survey
-- once: a rating of 1 to 5, then an optional comment (their next message while it is open).
CREATE TABLE feedback (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    manager_id BIGINT NOT NULL,
    survey TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    client_chat_id BIGINT NOT NULL,
    rating BIGINT NOT NULL,
    comment TEXT,
    comment_open BIGINT NOT NULL DEFAULT 1,
    answered_at BIGINT NOT NULL,
    UNIQUE (survey, subject_id)
);
CREATE INDEX feedback_by_team ON feedback (team_id, answered_at);
CREATE INDEX feedback_open_comment ON feedback (client_chat_id, comment_open);
-- Whether and when each survey goes; on by default.
ALTER TABLE teams ADD COLUMN survey_after_win BIGINT NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN survey_win_hour BIGINT NOT NULL DEFAULT 12;
ALTER TABLE teams ADD COLUMN survey_after_appointment BIGINT NOT NULL DEFAULT 1;
ALTER TABLE teams ADD COLUMN survey_appointment_hours BIGINT NOT NULL DEFAULT 2;
