-- Lead capture: the team's token for POST /api/leads and whom its leads go to, every lead
-- received, and the idempotency keys that make a repeated request return the first answer.

CREATE TABLE lead_settings (
    team_id INTEGER PRIMARY KEY REFERENCES teams (id),
    token TEXT UNIQUE,
    -- The one member leads go to when nobody is ticked for the rotation; NULL: the owner.
    assign_to INTEGER REFERENCES members (user_id),
    -- The member the rotation gave the last lead to.
    last_assigned INTEGER
);

-- The members ticked for the round-robin.
CREATE TABLE lead_rotation (
    team_id INTEGER NOT NULL REFERENCES teams (id),
    user_id INTEGER NOT NULL REFERENCES members (user_id),
    PRIMARY KEY (team_id, user_id)
);

-- Every lead received: the contact it made, or (duplicate_of) the existing contact it was
-- added to; the body is the request's details as on the timeline.
CREATE TABLE leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    duplicate_of INTEGER REFERENCES contacts (id),
    assignee_id INTEGER NOT NULL,
    source TEXT NOT NULL,
    body TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX leads_by_team_time ON leads (team_id, created_at);

CREATE TABLE lead_keys (
    team_id INTEGER NOT NULL REFERENCES teams (id),
    idempotency_key TEXT NOT NULL,
    lead_id INTEGER REFERENCES leads (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, idempotency_key)
);
