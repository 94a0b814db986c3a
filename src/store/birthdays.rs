//! Whose birthday it is on a day, with what their pushes need.

use super::database::Store;
use super::zone::zone;
use chrono_tz::Tz;
use sqlx::Row;

/// A contact whose birthday it is, with what routing its pushes needs.
#[derive(Debug, Clone)]
pub struct BirthdayContact {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub owner_time_zone: Option<Tz>,
    pub time_zone: Option<Tz>,
}

impl Store {
    /// Up to `limit` contacts (not archived) whose birthday is on `month`/`day`, by id, after
    /// the contact `after`: a day's birthdays are planned a slice per tick.
    pub async fn birthdays_on(
        &self,
        month: u32,
        day: u32,
        after: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<BirthdayContact>> {
        sqlx::query(
            "SELECT c.id, c.team_id, c.owner_id, m.time_zone AS owner_zone, c.time_zone \
             FROM contacts c JOIN members m ON m.user_id = c.owner_id \
             WHERE c.birth_month = $1 AND c.birth_day = $2 AND c.id > $3 \
             AND c.archived_at IS NULL ORDER BY c.id LIMIT $4",
        )
        .bind(i64::from(month))
        .bind(i64::from(day))
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(BirthdayContact {
                id: row.try_get("id")?,
                team_id: row.try_get("team_id")?,
                owner_id: row.try_get("owner_id")?,
                owner_time_zone: zone(row.try_get("owner_zone")?),
                time_zone: zone(row.try_get("time_zone")?),
            })
        })
        .collect()
    }
}
