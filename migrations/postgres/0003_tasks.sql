-- Tasks (reminders) and the durable job queue that delivers what is due.

CREATE TABLE tasks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    owner_id BIGINT NOT NULL REFERENCES members (user_id),
    contact_id BIGINT REFERENCES contacts (id),
    deal_id BIGINT REFERENCES deals (id),
    text TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX tasks_by_owner_due ON tasks (owner_id, done_at, due_at);

-- One row per message to send at a moment. A job is claimed with a lease, sent, and marked
-- sent with the message id; a lease that runs out (a crashed instance) frees it again.
CREATE TABLE jobs (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    chat_id BIGINT NOT NULL,
    task_id BIGINT REFERENCES tasks (id),
    due_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until BIGINT,
    sent_message_id BIGINT,
    sent_at BIGINT
);
CREATE INDEX jobs_by_status_due ON jobs (status, due_at);
