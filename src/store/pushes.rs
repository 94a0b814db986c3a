//! What the scheduled pushes read and write: the team's clock and schedules, client links,
//! appointments, birthdays, dormancy (reactivation) and the figures of the daily summary.

use super::Store;
use super::history::insert_history;
use super::jobs::{JobKind, NewJob, cancel_team_jobs, insert_job};
use crate::domain::HistoryKind;
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

/// A rule overriding the team's dormancy days for a client type or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DormancyRule {
    pub target: DormancyTarget,
    pub value: String,
    pub days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DormancyTarget {
    Kind,
    Tag,
}

impl DormancyTarget {
    fn as_str(self) -> &'static str {
        match self {
            DormancyTarget::Kind => "kind",
            DormancyTarget::Tag => "tag",
        }
    }
}

/// A contact whose birthday it is, with what routing its pushes needs.
#[derive(Debug, Clone)]
pub struct BirthdayContact {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub owner_time_zone: Option<Tz>,
    pub time_zone: Option<Tz>,
}

/// The client side of a contact: the chat they linked and the language they speak.
#[derive(Debug, Clone)]
pub struct LinkedClient {
    pub contact_id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub name: String,
    pub chat_id: i64,
    pub language: Option<String>,
    pub time_zone: Option<Tz>,
    pub subscribed: bool,
}

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

/// One manager's line in the daily summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManagerFigures {
    pub user_id: i64,
    pub name: String,
    pub new_leads: i64,
    pub calls: i64,
    pub deals_moved: i64,
    /// (currency, minor units) of deals won in the period.
    pub won: Vec<(String, i64)>,
    pub lost: Vec<(String, i64)>,
    pub overdue_tasks: i64,
    /// Open deals with no next action planned, or one already past.
    pub deals_without_next_action: i64,
}

/// The days after which a client without interaction is dormant: the smallest rule of its
/// tags, else its type's rule, else the team's default.
const DORMANCY_DAYS: &str = "COALESCE(\
     (SELECT MIN(r.days) FROM dormancy_rules r JOIN contact_tags t ON t.tag = r.value \
      WHERE r.team_id = contacts.team_id AND r.target = 'tag' AND t.contact_id = contacts.id), \
     (SELECT r.days FROM dormancy_rules r WHERE r.team_id = contacts.team_id \
      AND r.target = 'kind' AND r.value = contacts.kind), \
     (SELECT t.dormancy_days FROM teams t WHERE t.id = contacts.team_id))";

/// Recomputes when the contacts matching `filter` (bound to `$1`) fall dormant: clients only,
/// not archived, and not for a dormancy already proposed.
async fn refresh_reactivation(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    filter: &str,
    value: i64,
) -> sqlx::Result<()> {
    let sql = format!(
        "UPDATE contacts SET reactivation_due_at = CASE \
         WHEN converted_at IS NULL OR archived_at IS NOT NULL THEN NULL \
         WHEN reactivation_proposed_for = last_interaction_at THEN NULL \
         ELSE last_interaction_at + 86400 * {DORMANCY_DAYS} END WHERE {filter}"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(value)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Keeps a contact's dormancy clock right after a timeline entry: a real interaction resets
/// it, and conversions, edits (type, tags), archiving and merges change whether it runs.
pub(super) async fn after_history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contact_id: i64,
    kind: HistoryKind,
    now: i64,
) -> sqlx::Result<()> {
    if kind.is_interaction() {
        sqlx::query("UPDATE contacts SET last_interaction_at = $1 WHERE id = $2")
            .bind(now)
            .bind(contact_id)
            .execute(&mut **tx)
            .await?;
    }
    refresh_reactivation(tx, "id = $1", contact_id).await
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

fn zone(text: Option<String>) -> Option<Tz> {
    text.and_then(|zone| zone.parse().ok())
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

    pub async fn dormancy_rules(&self, team_id: i64) -> sqlx::Result<Vec<DormancyRule>> {
        sqlx::query(
            "SELECT target, value, days FROM dormancy_rules WHERE team_id = $1 \
             ORDER BY target, value",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            let target: String = row.try_get("target")?;
            Ok(DormancyRule {
                target: if target == "tag" {
                    DormancyTarget::Tag
                } else {
                    DormancyTarget::Kind
                },
                value: row.try_get("value")?,
                days: row.try_get("days")?,
            })
        })
        .collect()
    }

    /// Replaces the team's default dormancy and its rules, and recomputes every client's
    /// dormancy date, together.
    pub async fn set_dormancy(
        &self,
        team_id: i64,
        default_days: i64,
        rules: &[DormancyRule],
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE teams SET dormancy_days = $1 WHERE id = $2")
            .bind(default_days)
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM dormancy_rules WHERE team_id = $1")
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        for rule in rules {
            sqlx::query(
                "INSERT INTO dormancy_rules (team_id, target, value, days) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(team_id)
            .bind(rule.target.as_str())
            .bind(&rule.value)
            .bind(rule.days)
            .execute(&mut *tx)
            .await?;
        }
        refresh_reactivation(&mut tx, "team_id = $1", team_id).await?;
        tx.commit().await
    }

    /// Plans a prompt for up to `limit` clients that fell dormant by `now`: each gets one job
    /// and its dormancy is marked proposed, in one transaction. Returns how many were planned.
    pub async fn plan_reactivations(&self, now: i64, limit: i64) -> sqlx::Result<usize> {
        let mut tx = self.begin().await?;
        let due = sqlx::query(
            "SELECT id, team_id, owner_id, last_interaction_at FROM contacts \
             WHERE reactivation_due_at <= $1 ORDER BY reactivation_due_at LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        for row in &due {
            let id: i64 = row.try_get("id")?;
            let last: i64 = row.try_get("last_interaction_at")?;
            let job = NewJob {
                dedup_key: Some(format!("reactivation:{id}:{last}")),
                team_id: Some(row.try_get("team_id")?),
                contact_id: Some(id),
                payload: Some(last.to_string()),
                ..NewJob::new(JobKind::Reactivation, row.try_get("owner_id")?, now)
            };
            insert_job(&mut tx, &job).await?;
            sqlx::query(
                "UPDATE contacts SET reactivation_due_at = NULL, \
                 reactivation_proposed_for = last_interaction_at WHERE id = $1",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(due.len())
    }

    /// When the contact's last real interaction was.
    pub async fn last_interaction(&self, contact_id: i64) -> sqlx::Result<Option<i64>> {
        Ok(
            sqlx::query("SELECT last_interaction_at FROM contacts WHERE id = $1")
                .bind(contact_id)
                .fetch_optional(&self.pool)
                .await?
                .map(|row| row.try_get::<Option<i64>, _>("last_interaction_at"))
                .transpose()?
                .flatten(),
        )
    }

    /// "Not a client any more": the contact is a lead again and no longer proposed.
    pub async fn drop_client(&self, contact_id: i64, actor: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE contacts SET converted_at = NULL WHERE id = $1")
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
        insert_history(
            &mut tx,
            contact_id,
            actor,
            HistoryKind::ClientDropped,
            None,
            None,
            now,
        )
        .await?;
        tx.commit().await
    }

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

    /// Stores a one-time link for the contact's client.
    pub async fn create_client_link(
        &self,
        token: &str,
        contact_id: i64,
        created_by: i64,
        now: i64,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO client_links (token, contact_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token)
        .bind(contact_id)
        .bind(created_by)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Links the chat to the contact of an unused link, notes it on the timeline, and returns
    /// the contact; `None` for an unknown or used link.
    pub async fn redeem_client_link(
        &self,
        token: &str,
        chat_id: i64,
        language: Option<&str>,
        now: i64,
    ) -> sqlx::Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let contact_id: Option<i64> = sqlx::query(
            "UPDATE client_links SET used_at = $1 WHERE token = $2 AND used_at IS NULL \
             RETURNING contact_id",
        )
        .bind(now)
        .bind(token)
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| row.try_get("contact_id"))
        .transpose()?;
        let Some(contact_id) = contact_id else {
            return Ok(None);
        };
        sqlx::query(
            "UPDATE contacts SET client_chat_id = $1, client_language = $2, \
             client_unreachable_at = NULL WHERE id = $3",
        )
        .bind(chat_id)
        .bind(language)
        .bind(contact_id)
        .execute(&mut *tx)
        .await?;
        let author: i64 = sqlx::query("SELECT owner_id FROM contacts WHERE id = $1")
            .bind(contact_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get("owner_id")?;
        insert_history(
            &mut tx,
            contact_id,
            author,
            HistoryKind::ClientLinked,
            None,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(contact_id))
    }

    /// The contacts linked to this chat (one person can be a client of several teams).
    pub async fn linked_clients(&self, chat_id: i64) -> sqlx::Result<Vec<LinkedClient>> {
        self.linked_clients_where("c.client_chat_id = $1", chat_id)
            .await
    }

    /// The contact's linked client, if it has one.
    pub async fn linked_client(&self, contact_id: i64) -> sqlx::Result<Option<LinkedClient>> {
        Ok(self
            .linked_clients_where("c.id = $1 AND c.client_chat_id IS NOT NULL", contact_id)
            .await?
            .pop())
    }

    async fn linked_clients_where(
        &self,
        filter: &str,
        value: i64,
    ) -> sqlx::Result<Vec<LinkedClient>> {
        let sql = format!(
            "SELECT c.id, c.team_id, c.owner_id, c.name, c.client_chat_id, c.client_language, \
             c.time_zone, c.subscribed FROM contacts c \
             WHERE {filter} AND c.archived_at IS NULL AND c.client_unreachable_at IS NULL"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(value)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(LinkedClient {
                    contact_id: row.try_get("id")?,
                    team_id: row.try_get("team_id")?,
                    owner_id: row.try_get("owner_id")?,
                    name: row.try_get("name")?,
                    chat_id: row.try_get("client_chat_id")?,
                    language: row.try_get("client_language")?,
                    time_zone: zone(row.try_get("time_zone")?),
                    subscribed: row.try_get::<i64, _>("subscribed")? != 0,
                })
            })
            .collect()
    }

    /// `/stop` from a client: unlinks the chat from every contact, noting it on each timeline.
    pub async fn unlink_client(&self, chat_id: i64, now: i64) -> sqlx::Result<Vec<LinkedClient>> {
        let clients = self.linked_clients(chat_id).await?;
        let mut tx = self.begin().await?;
        for client in &clients {
            sqlx::query("UPDATE contacts SET client_chat_id = NULL WHERE id = $1")
                .bind(client.contact_id)
                .execute(&mut *tx)
                .await?;
            insert_history(
                &mut tx,
                client.contact_id,
                client.owner_id,
                HistoryKind::ClientUnlinked,
                None,
                None,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(clients)
    }

    /// The client blocked the bot: stop trying to reach them until they link again.
    pub async fn mark_client_unreachable(&self, contact_id: i64, now: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE contacts SET client_unreachable_at = $1 WHERE id = $2")
            .bind(now)
            .bind(contact_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

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

    /// Every member who can receive pushes.
    pub async fn active_members(&self) -> sqlx::Result<Vec<super::Member>> {
        let rows = sqlx::query(
            "SELECT user_id, team_id, role, display_name, language, time_zone FROM members \
             WHERE removed_at IS NULL ORDER BY user_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(super::members::member_from_row).collect()
    }

    /// The member's open deals with no next action, or one already past.
    pub async fn deals_without_next_action(&self, owner_id: i64, now: i64) -> sqlx::Result<i64> {
        sqlx::query(
            "SELECT COUNT(*) AS n FROM deals WHERE owner_id = $1 AND closed_at IS NULL \
             AND (next_action_at IS NULL OR next_action_at <= $2)",
        )
        .bind(owner_id)
        .bind(now)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")
    }

    /// Per member of the team, what happened in [from, to) and what is overdue at `to`.
    pub async fn team_figures(
        &self,
        team_id: i64,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<ManagerFigures>> {
        let mut figures: Vec<ManagerFigures> = sqlx::query(
            "SELECT m.user_id, m.display_name, \
             (SELECT COUNT(*) FROM contacts c WHERE c.team_id = m.team_id \
              AND c.created_by = m.user_id AND c.created_at >= $2 AND c.created_at < $3) AS new_leads, \
             (SELECT COUNT(*) FROM history h WHERE h.author_id = m.user_id AND h.kind = 'call' \
              AND h.created_at >= $2 AND h.created_at < $3) AS calls, \
             (SELECT COUNT(*) FROM history h WHERE h.author_id = m.user_id \
              AND h.kind = 'stage_changed' AND h.created_at >= $2 AND h.created_at < $3) AS moved, \
             (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = m.user_id AND t.done_at IS NULL \
              AND t.due_at < $3) AS overdue, \
             (SELECT COUNT(*) FROM deals d WHERE d.owner_id = m.user_id AND d.closed_at IS NULL \
              AND (d.next_action_at IS NULL OR d.next_action_at <= $3)) AS unplanned \
             FROM members m WHERE m.team_id = $1 AND m.removed_at IS NULL ORDER BY m.user_id",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(ManagerFigures {
                user_id: row.try_get("user_id")?,
                name: row.try_get("display_name")?,
                new_leads: row.try_get("new_leads")?,
                calls: row.try_get("calls")?,
                deals_moved: row.try_get("moved")?,
                overdue_tasks: row.try_get("overdue")?,
                deals_without_next_action: row.try_get("unplanned")?,
                ..ManagerFigures::default()
            })
        })
        .collect::<sqlx::Result<_>>()?;
        let closed = sqlx::query(
            "SELECT d.owner_id, s.outcome, d.currency, CAST(SUM(d.amount_minor) AS BIGINT) AS total \
             FROM deals d JOIN stages s ON s.id = d.stage_id \
             WHERE d.team_id = $1 AND d.closed_at >= $2 AND d.closed_at < $3 \
             AND d.amount_minor IS NOT NULL \
             GROUP BY d.owner_id, s.outcome, d.currency ORDER BY d.currency",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        for row in &closed {
            let owner: i64 = row.try_get("owner_id")?;
            let outcome: String = row.try_get("outcome")?;
            let currency: Option<String> = row.try_get("currency")?;
            let total: i64 = row.try_get("total")?;
            if let Some(line) = figures.iter_mut().find(|f| f.user_id == owner) {
                let sums = if outcome == "won" {
                    &mut line.won
                } else {
                    &mut line.lost
                };
                sums.push((currency.unwrap_or_default(), total));
            }
        }
        Ok(figures)
    }
}
