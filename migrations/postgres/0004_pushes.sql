-- Scheduled pushes: birthdays, reactivation, client links and appointments, the team's daily
-- summary, and what the job queue needs to order, deduplicate and route them.

-- Jobs: lower priority numbers go first; a dedup key makes planning the same push twice a no-op.
ALTER TABLE jobs ADD COLUMN priority BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN dedup_key TEXT;
ALTER TABLE jobs ADD COLUMN team_id BIGINT REFERENCES teams (id);
ALTER TABLE jobs ADD COLUMN contact_id BIGINT REFERENCES contacts (id);
ALTER TABLE jobs ADD COLUMN deal_id BIGINT REFERENCES deals (id);
ALTER TABLE jobs ADD COLUMN appointment_id BIGINT;
-- What the push was planned from (a date, an instant), checked again when it is due.
ALTER TABLE jobs ADD COLUMN payload TEXT;
CREATE UNIQUE INDEX jobs_by_dedup_key ON jobs (dedup_key);
-- Claiming reads pending jobs in this order, and expired leases by their end.
CREATE INDEX jobs_pending_in_order ON jobs (status, priority, due_at, id);
CREATE INDEX jobs_by_lease ON jobs (status, lease_until);

-- The team's own clock and schedules.
ALTER TABLE teams ADD COLUMN time_zone TEXT;
ALTER TABLE teams ADD COLUMN summary_chat_id BIGINT;
-- A preset code or a cron expression; NULL means weekdays at 09:00.
ALTER TABLE teams ADD COLUMN summary_schedule TEXT;
ALTER TABLE teams ADD COLUMN summary_last_at BIGINT;
-- "21:00–09:00"; NULL means the default.
ALTER TABLE teams ADD COLUMN quiet_hours TEXT;
ALTER TABLE teams ADD COLUMN dormancy_days BIGINT NOT NULL DEFAULT 30;

-- Reactivation: a client's last real interaction, and when it falls dormant (NULL for leads,
-- archived contacts, and once the dormancy has been proposed to the manager).
ALTER TABLE contacts ADD COLUMN last_interaction_at BIGINT;
ALTER TABLE contacts ADD COLUMN reactivation_due_at BIGINT;
-- The last_interaction_at a proposal was made for: one proposal per dormancy.
ALTER TABLE contacts ADD COLUMN reactivation_proposed_for BIGINT;
-- The client's own chat with the bot, once they opened the link from their manager.
ALTER TABLE contacts ADD COLUMN client_chat_id BIGINT;
ALTER TABLE contacts ADD COLUMN client_language TEXT;
ALTER TABLE contacts ADD COLUMN client_unreachable_at BIGINT;
UPDATE contacts SET last_interaction_at = COALESCE(
    (SELECT MAX(created_at) FROM history
     WHERE history.contact_id = contacts.id
       AND kind IN ('call', 'note', 'meeting', 'stage_changed', 'deal_opened')),
    created_at);
UPDATE contacts SET reactivation_due_at = last_interaction_at + 30 * 86400
    WHERE converted_at IS NOT NULL AND archived_at IS NULL;
CREATE INDEX contacts_by_birthday ON contacts (birth_month, birth_day, id);
CREATE INDEX contacts_by_reactivation ON contacts (reactivation_due_at)
    WHERE reactivation_due_at IS NOT NULL;
CREATE INDEX contacts_by_client_chat ON contacts (client_chat_id)
    WHERE client_chat_id IS NOT NULL;

-- Per client type or tag, the days without interaction after which a client is dormant.
CREATE TABLE dormancy_rules (
    team_id BIGINT NOT NULL REFERENCES teams (id),
    -- 'kind' or 'tag'
    target TEXT NOT NULL,
    value TEXT NOT NULL,
    days BIGINT NOT NULL,
    PRIMARY KEY (team_id, target, value)
);

-- One-time links a manager sends a client so the bot can reach them.
CREATE TABLE client_links (
    token TEXT PRIMARY KEY,
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE appointments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    owner_id BIGINT NOT NULL REFERENCES members (user_id),
    at BIGINT NOT NULL,
    place TEXT,
    -- booked, confirmed, reschedule (the client asked for another time), cancelled
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX appointments_by_contact ON appointments (contact_id, at);

-- Marks of the scheduler's planning, such as the last day whose birthdays were planned.
CREATE TABLE scheduler_marks (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
