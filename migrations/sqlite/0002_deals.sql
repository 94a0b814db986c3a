-- Deals and the sales funnel. Amounts are integer minor units (kopecks, cents).

-- A team's funnel stages in order; outcome says whether a stage is open, won or lost.
CREATE TABLE stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    -- A default stage keeps its locale key ("stage-new") until the owner renames it.
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    -- Win probability in percent, for the weighted forecast.
    probability INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    removed_at INTEGER
);
CREATE INDEX stages_by_team ON stages (team_id, position);

CREATE TABLE deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    owner_id INTEGER NOT NULL REFERENCES members (user_id),
    contact_id INTEGER REFERENCES contacts (id),
    company_id INTEGER REFERENCES companies (id),
    title TEXT NOT NULL,
    amount_minor INTEGER,
    currency TEXT,
    stage_id INTEGER NOT NULL REFERENCES stages (id),
    expected_close TEXT,
    comment TEXT,
    next_action TEXT,
    next_action_at INTEGER,
    lost_reason TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER
);
CREATE INDEX deals_by_team_owner ON deals (team_id, owner_id, closed_at);
CREATE INDEX deals_by_contact ON deals (contact_id);

-- Every stage a deal has been at. The funnel counts a deal at each stage up to the furthest it
-- reached in the current order, so renaming, reordering or adding stages keeps it right.
CREATE TABLE deal_visits (
    deal_id INTEGER NOT NULL REFERENCES deals (id),
    stage_id INTEGER NOT NULL REFERENCES stages (id),
    PRIMARY KEY (deal_id, stage_id)
);

-- A lead becomes a client when its first deal is won or by hand.
ALTER TABLE contacts ADD COLUMN converted_at INTEGER;
ALTER TABLE history ADD COLUMN deal_id INTEGER REFERENCES deals (id);
-- The reasons offered when a deal is lost, one a line; NULL means the default list.
ALTER TABLE teams ADD COLUMN lost_reasons TEXT;
