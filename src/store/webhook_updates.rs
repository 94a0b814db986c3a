//! Updates received by webhook, so that one Telegram delivers again is not applied twice: an
//! instance claims an update's id with a lease before handling it and marks it done after.
//! Leases count real seconds (not the demo clock): they bound how long handling may take.

use super::database::Store;

/// How long an instance may take over an update before another may take it over (it died).
const UPDATE_LEASE_SECONDS: i64 = 120;

/// Telegram keeps an undelivered update for a day at most: older ids need not be remembered.
const DONE_KEPT_SECONDS: i64 = 24 * 3600;

/// What claiming an update found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateClaim {
    /// Ours to handle: new, or left half-way by an instance whose lease ran out.
    Claimed,
    /// Handled already: a redelivery.
    Done,
    /// Another instance is handling it now.
    Busy,
}

impl Store {
    /// Claims update `update_id` for `instance` at `now` (Unix seconds, real time).
    pub async fn claim_update(
        &self,
        update_id: i64,
        instance: &str,
        now: i64,
    ) -> sqlx::Result<UpdateClaim> {
        let inserted = sqlx::query(
            "INSERT INTO webhook_updates (update_id, lease_owner, lease_until) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(update_id)
        .bind(instance)
        .bind(now + UPDATE_LEASE_SECONDS)
        .execute(&self.writer)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(UpdateClaim::Claimed);
        }
        let taken_over = sqlx::query(
            "UPDATE webhook_updates SET lease_owner = $2, lease_until = $3 \
             WHERE update_id = $1 AND done_at IS NULL AND lease_until < $4",
        )
        .bind(update_id)
        .bind(instance)
        .bind(now + UPDATE_LEASE_SECONDS)
        .bind(now)
        .execute(&self.writer)
        .await?;
        if taken_over.rows_affected() == 1 {
            return Ok(UpdateClaim::Claimed);
        }
        let done_at: Option<i64> =
            sqlx::query_scalar("SELECT done_at FROM webhook_updates WHERE update_id = $1")
                .bind(update_id)
                .fetch_one(&self.writer)
                .await?;
        Ok(match done_at {
            Some(_) => UpdateClaim::Done,
            None => UpdateClaim::Busy,
        })
    }

    /// Marks a claimed update handled, and forgets the ids Telegram can no longer send again.
    pub async fn finish_update(&self, update_id: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE webhook_updates SET done_at = $2, lease_owner = NULL, lease_until = NULL \
             WHERE update_id = $1",
        )
        .bind(update_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM webhook_updates WHERE done_at < $1")
            .bind(now - DONE_KEPT_SECONDS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }
}
