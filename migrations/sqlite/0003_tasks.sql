-- Tasks (reminders) and the durable job queue that delivers what is due.

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    owner_id INTEGER NOT NULL REFERENCES members (user_id),
    contact_id INTEGER REFERENCES contacts (id),
    deal_id INTEGER REFERENCES deals (id),
    text TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX tasks_by_owner_due ON tasks (owner_id, done_at, due_at);

-- One row per message to send at a moment. A job is claimed with a lease, sent, and marked
-- sent with the message id; a lease that runs out (a crashed instance) frees it again.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    task_id INTEGER REFERENCES tasks (id),
    due_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until INTEGER,
    sent_message_id INTEGER,
    sent_at INTEGER
);
CREATE INDEX jobs_by_status_due ON jobs (status, due_at);
