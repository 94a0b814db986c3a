-- Deals and the sales funnel. Amounts are integer minor units (kopecks, cents).

-- A team's funnel stages in order; outcome says whether a stage is open, won or lost.
CREATE TABLE stages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    -- A default stage keeps its locale key ("stage-new") until the owner renames it.
    name TEXT NOT NULL,
    position BIGINT NOT NULL,
    -- Win probability in percent, for the weighted forecast.
    probability BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    removed_at BIGINT
);
CREATE INDEX stages_by_team ON stages (team_id, position);

CREATE TABLE deals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    owner_id BIGINT NOT NULL REFERENCES members (user_id),
    contact_id BIGINT REFERENCES contacts (id),
    company_id BIGINT REFERENCES companies (id),
    title TEXT NOT NULL,
    amount_minor BIGINT,
    currency TEXT,
    stage_id BIGINT NOT NULL REFERENCES stages (id),
    expected_close TEXT,
    comment TEXT,
    next_action TEXT,
    next_action_at BIGINT,
    lost_reason TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX deals_by_team_owner ON deals (team_id, owner_id, closed_at);
CREATE INDEX deals_by_contact ON deals (contact_id);

-- Every stage a deal has been at. The funnel counts a deal at each stage up to the furthest it
-- reached in the current order, so renaming, reordering or adding stages keeps it right.
CREATE TABLE deal_visits (
    deal_id BIGINT NOT NULL REFERENCES deals (id),
    stage_id BIGINT NOT NULL REFERENCES stages (id),
    PRIMARY KEY (deal_id, stage_id)
);

-- A lead becomes a client when its first deal is won or by hand.
ALTER TABLE contacts ADD COLUMN converted_at BIGINT;
ALTER TABLE history ADD COLUMN deal_id BIGINT REFERENCES deals (id);
-- The reasons offered when a deal is lost, one a line; NULL means the default list.
ALTER TABLE teams ADD COLUMN lost_reasons TEXT;
