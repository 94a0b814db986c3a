//! A team's clock and schedules: its time zone, the daily summary's chat and schedule, and
//! its quiet hours.

use super::database::Store;
use super::jobs::{JobKind, NewJob, cancel_team_jobs, insert_job};
use super::zone::zone;
use chrono_tz::Tz;
use sqlx::Row;

/// A team's clock and schedules as stored; `None` means the default.
#[derive(Debug, Clone, Default)]
pub struct TeamSchedule {
    pub time_zone: Option<Tz>,
    pub summary_chat_id: Option<i64>,
    pub summary_schedule: Option<String>,
    pub quiet_hours: Option<String>,
    pub dormancy_days: i64,
}

impl Store {
    pub async fn team_schedule(&self, team_id: i64) -> sqlx::Result<TeamSchedule> {
        let row = sqlx::query(
            "SELECT time_zone, summary_chat_id, summary_schedule, quiet_hours, dormancy_days \
             FROM teams WHERE id = $1",
        )
        .bind(team_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(TeamSchedule::default());
        };
        Ok(TeamSchedule {
            time_zone: zone(row.try_get("time_zone")?),
            summary_chat_id: row.try_get("summary_chat_id")?,
            summary_schedule: row.try_get("summary_schedule")?,
            quiet_hours: row.try_get("quiet_hours")?,
            dormancy_days: row.try_get("dormancy_days")?,
        })
    }

    pub async fn set_team_time_zone(&self, team_id: i64, zone: Tz) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET time_zone = $1 WHERE id = $2")
            .bind(zone.name())
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_quiet_hours(&self, team_id: i64, quiet_hours: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET quiet_hours = $1 WHERE id = $2")
            .bind(quiet_hours)
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Sets where and when the daily summary goes (`None` keeps the current value), replacing
    /// the planned summary with `next` in the same transaction.
    pub async fn set_summary(
        &self,
        team_id: i64,
        chat_id: Option<i64>,
        schedule: Option<&str>,
        next: Option<&NewJob>,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "UPDATE teams SET summary_chat_id = COALESCE($1, summary_chat_id), \
             summary_schedule = COALESCE($2, summary_schedule) WHERE id = $3",
        )
        .bind(chat_id)
        .bind(schedule)
        .bind(team_id)
        .execute(&mut *tx)
        .await?;
        cancel_team_jobs(&mut tx, team_id, JobKind::Summary).await?;
        if let Some(next) = next {
            insert_job(&mut tx, next).await?;
        }
        tx.commit().await
    }
}
