-- Updates received by webhook, by Telegram's update_id: an update is claimed with a lease while
-- an instance handles it and kept as done afterwards, so an update Telegram redelivers (its answer
-- was lost, or the instance died) is not applied twice. Done rows are pruned after a day.
CREATE TABLE webhook_updates (
    update_id BIGINT PRIMARY KEY,
    done_at BIGINT,
    lease_owner TEXT,
    lease_until BIGINT
);
CREATE INDEX webhook_updates_by_done_at ON webhook_updates (done_at);
