-- Lead capture: the team's token for POST /api/leads and whom its leads go to, every lead
-- received, and the idempotency keys that make a repeated request return the first answer.

CREATE TABLE lead_settings (
    team_id BIGINT PRIMARY KEY REFERENCES teams (id),
    token TEXT UNIQUE,
    -- The one member leads go to when nobody is ticked for the rotation; NULL: the owner.
    assign_to BIGINT REFERENCES members (user_id),
    -- The member the rotation gave the last lead to.
    last_assigned BIGINT
);

-- The members ticked for the round-robin.
CREATE TABLE lead_rotation (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    user_id BIGINT NOT NULL REFERENCES members (user_id),
    PRIMARY KEY (team_id, user_id)
);

-- Every lead received: the contact it made, or (duplicate_of) the existing contact it was
-- added to; the body is the request's details as on the timeline.
CREATE TABLE leads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    duplicate_of BIGINT REFERENCES contacts (id),
    assignee_id BIGINT NOT NULL,
    source TEXT NOT NULL,
    body TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX leads_by_team_time ON leads (team_id, created_at);

CREATE TABLE lead_keys (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    idempotency_key TEXT NOT NULL,
    lead_id BIGINT REFERENCES leads (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, idempotency_key)
);
