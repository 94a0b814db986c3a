//! Appointments with clients: booking one with its reminders, and the client's answer.

use super::database::Store;
use super::history::insert_history;
use super::jobs::{NewJob, insert_job};
use crate::domain::HistoryKind;
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppointmentStatus {
    Booked,
    Confirmed,
    Reschedule,
}

impl AppointmentStatus {
    fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Confirmed => "confirmed",
            AppointmentStatus::Reschedule => "reschedule",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "confirmed" => AppointmentStatus::Confirmed,
            "reschedule" => AppointmentStatus::Reschedule,
            _ => AppointmentStatus::Booked,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Appointment {
    pub id: i64,
    pub team_id: i64,
    pub contact_id: i64,
    pub owner_id: i64,
    pub at: i64,
    pub place: Option<String>,
    pub status: AppointmentStatus,
}

fn appointment_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Appointment> {
    let status: String = row.try_get("status")?;
    Ok(Appointment {
        id: row.try_get("id")?,
        team_id: row.try_get("team_id")?,
        contact_id: row.try_get("contact_id")?,
        owner_id: row.try_get("owner_id")?,
        at: row.try_get("at")?,
        place: row.try_get("place")?,
        status: AppointmentStatus::parse(&status),
    })
}

impl Store {
    /// Books an appointment, its reminders to the client (`jobs`, which get its id) and the
    /// timeline entry, together.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_appointment(
        &self,
        team_id: i64,
        contact_id: i64,
        owner_id: i64,
        at: i64,
        place: Option<&str>,
        note: &str,
        jobs: &[NewJob],
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO appointments (team_id, contact_id, owner_id, at, place, status, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(team_id)
        .bind(contact_id)
        .bind(owner_id)
        .bind(at)
        .bind(place)
        .bind(AppointmentStatus::Booked.as_str())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for job in jobs {
            let job = NewJob {
                appointment_id: Some(id),
                dedup_key: job.dedup_key.as_ref().map(|key| format!("{key}:{id}")),
                ..job.clone()
            };
            insert_job(&mut tx, &job).await?;
        }
        insert_history(
            &mut tx,
            contact_id,
            owner_id,
            HistoryKind::AppointmentBooked,
            None,
            Some(note),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn appointment(&self, id: i64) -> sqlx::Result<Option<Appointment>> {
        sqlx::query(
            "SELECT id, team_id, contact_id, owner_id, at, place, status FROM appointments \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(appointment_from_row)
        .transpose()
    }

    /// The member's appointments from `from` to before `until`, soonest first, with the
    /// contact's name.
    pub async fn appointments_of(
        &self,
        owner_id: i64,
        from: i64,
        until: i64,
    ) -> sqlx::Result<Vec<(Appointment, String)>> {
        let rows = sqlx::query(
            "SELECT a.id, a.team_id, a.contact_id, a.owner_id, a.at, a.place, a.status, \
             c.name FROM appointments a JOIN contacts c ON c.id = a.contact_id \
             WHERE a.owner_id = $1 AND a.at >= $2 AND a.at < $3 AND c.archived_at IS NULL \
             ORDER BY a.at, a.id",
        )
        .bind(owner_id)
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((appointment_from_row(row)?, row.try_get("name")?)))
            .collect()
    }

    /// Records the client's answer once: `false` if it was already answered this way.
    pub async fn answer_appointment(
        &self,
        appointment: &Appointment,
        status: AppointmentStatus,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query(
            "UPDATE appointments SET status = $1, answered_at = $2 WHERE id = $3 AND status <> $1",
        )
        .bind(status.as_str())
        .bind(now)
        .bind(appointment.id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if changed {
            let kind = match status {
                AppointmentStatus::Reschedule => HistoryKind::AppointmentReschedule,
                _ => HistoryKind::AppointmentConfirmed,
            };
            insert_history(
                &mut tx,
                appointment.contact_id,
                appointment.owner_id,
                kind,
                None,
                None,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(changed)
    }
}
