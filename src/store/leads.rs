//! Lead capture: the team's token and assignment rule, and a lead stored in one transaction
//! (its contact or the existing one's timeline entry, the assignee's message in the job
//! queue, its idempotency key).

use super::contact_inserts::{NewContact, insert_contact};
use super::database::Store;
use super::history::insert_history;
use super::jobs::{JobKind, NewJob, insert_job};
use crate::domain::{HistoryKind, Lead};
use sqlx::Row;

/// How long an idempotency key returns the first answer.
pub const IDEMPOTENCY_SECONDS: i64 = 24 * 60 * 60;

/// The team's lead capture settings.
#[derive(Debug, Clone, Default)]
pub struct LeadSettings {
    pub token: Option<String>,
    /// The one member leads go to when nobody is in the rotation; `None`: the owner.
    pub assign_to: Option<i64>,
    /// The members leads go to in turn, by user id.
    pub rotation: Vec<i64>,
}

/// What a stored lead became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadReceipt {
    pub lead_id: i64,
    /// The contact the lead is on: a new one, or the existing one it matched.
    pub contact_id: i64,
    /// The existing contact whose phone or email the lead had.
    pub duplicate_of: Option<i64>,
}

/// A stored lead, for the assignee's message.
#[derive(Debug, Clone)]
pub struct StoredLead {
    pub contact_id: i64,
    pub duplicate_of: Option<i64>,
    pub source: String,
    pub body: Option<String>,
}

impl Store {
    /// The team whose lead token this is.
    pub async fn lead_token_team(&self, token: &str) -> sqlx::Result<Option<i64>> {
        sqlx::query("SELECT team_id FROM lead_settings WHERE token = $1")
            .bind(token)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get("team_id"))
            .transpose()
    }

    /// The first team (a deployment serves one), for `CHATCRM_LEADS_TOKEN`.
    pub async fn first_team(&self) -> sqlx::Result<Option<i64>> {
        sqlx::query("SELECT id FROM teams ORDER BY id LIMIT 1")
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get("id"))
            .transpose()
    }

    pub async fn lead_settings(&self, team_id: i64) -> sqlx::Result<LeadSettings> {
        let row = sqlx::query("SELECT token, assign_to FROM lead_settings WHERE team_id = $1")
            .bind(team_id)
            .fetch_optional(&self.pool)
            .await?;
        let mut settings = LeadSettings::default();
        if let Some(row) = row {
            settings.token = row.try_get("token")?;
            settings.assign_to = row.try_get("assign_to")?;
        }
        settings.rotation =
            sqlx::query("SELECT user_id FROM lead_rotation WHERE team_id = $1 ORDER BY user_id")
                .bind(team_id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|row| row.try_get("user_id"))
                .collect::<sqlx::Result<_>>()?;
        Ok(settings)
    }

    /// Replaces the team's lead token: the old one stops working at once.
    pub async fn set_lead_token(&self, team_id: i64, token: &str) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO lead_settings (team_id, token) VALUES ($1, $2) \
             ON CONFLICT (team_id) DO UPDATE SET token = excluded.token",
        )
        .bind(team_id)
        .bind(token)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Leads go to this one member from now on (the rotation is cleared).
    pub async fn set_lead_assignee(&self, team_id: i64, user_id: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO lead_settings (team_id, assign_to) VALUES ($1, $2) \
             ON CONFLICT (team_id) DO UPDATE SET assign_to = excluded.assign_to",
        )
        .bind(team_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM lead_rotation WHERE team_id = $1")
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// Ticks a member for the rotation, or unticks them.
    pub async fn toggle_lead_rotation(&self, team_id: i64, user_id: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO lead_settings (team_id) VALUES ($1) ON CONFLICT DO NOTHING")
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        let removed = sqlx::query("DELETE FROM lead_rotation WHERE team_id = $1 AND user_id = $2")
            .bind(team_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() == 0 {
            sqlx::query("INSERT INTO lead_rotation (team_id, user_id) VALUES ($1, $2)")
                .bind(team_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Stores a lead, all or nothing: on the existing contact with its phone or email (a
    /// timeline entry, its manager told), or as a new contact (a lead, assigned by the team's
    /// rule, with a timeline entry of its source and details); the message to whoever has it
    /// goes in the job queue. With an idempotency key seen in the last 24 hours, nothing is
    /// stored and the first lead's receipt comes back.
    pub async fn capture_lead(
        &self,
        team_id: i64,
        lead: &Lead,
        idempotency_key: Option<&str>,
        now: i64,
    ) -> sqlx::Result<LeadReceipt> {
        let mut tx = self.begin().await?;
        if let Some(key) = idempotency_key {
            sqlx::query(
                "DELETE FROM lead_keys WHERE team_id = $1 AND idempotency_key = $2 \
                 AND created_at <= $3",
            )
            .bind(team_id)
            .bind(key)
            .bind(now - IDEMPOTENCY_SECONDS)
            .execute(&mut *tx)
            .await?;
            // A concurrent request with the key waits here until the first one commits.
            let claimed = sqlx::query(
                "INSERT INTO lead_keys (team_id, idempotency_key, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(team_id)
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if claimed.rows_affected() == 0 {
                let row = sqlx::query(
                    "SELECT l.id, l.contact_id, l.duplicate_of FROM lead_keys k \
                     JOIN leads l ON l.id = k.lead_id \
                     WHERE k.team_id = $1 AND k.idempotency_key = $2",
                )
                .bind(team_id)
                .bind(key)
                .fetch_one(&mut *tx)
                .await?;
                return receipt_from_row(&row);
            }
        }
        let existing = sqlx::query(
            "SELECT id, owner_id FROM contacts WHERE team_id = $1 AND archived_at IS NULL \
             AND (id IN (SELECT contact_id FROM contact_phones WHERE phone = $2) \
                  OR id IN (SELECT contact_id FROM contact_emails WHERE email = $3)) \
             ORDER BY id LIMIT 1",
        )
        .bind(team_id)
        .bind(lead.phone.as_ref().map(|p| p.as_str().to_owned()))
        .bind(lead.email.as_ref().map(|e| e.as_str().to_owned()))
        .fetch_optional(&mut *tx)
        .await?;
        let (contact_id, assignee, duplicate_of, body) = match existing {
            Some(row) => {
                let id: i64 = row.try_get("id")?;
                let owner: i64 = row.try_get("owner_id")?;
                // The existing card keeps its own; what the request said is on the timeline.
                let mut lines = vec![format!("name: {}", lead.name.as_str())];
                lines.extend(
                    lead.phone
                        .as_ref()
                        .map(|p| format!("phone: {}", p.as_str())),
                );
                lines.extend(
                    lead.email
                        .as_ref()
                        .map(|e| format!("email: {}", e.as_str())),
                );
                lines.extend(lead.details.iter().map(|(k, v)| format!("{k}: {v}")));
                (id, owner, Some(id), Some(lines.join("\n")))
            }
            None => {
                let assignee = self.next_assignee(&mut tx, team_id).await?;
                let contact = NewContact {
                    name: lead.name.clone(),
                    phones: lead.phone.iter().cloned().collect(),
                    emails: lead.email.iter().cloned().collect(),
                };
                let id = insert_contact(&mut tx, team_id, assignee, &contact, now).await?;
                let details = lead.details_text();
                (id, assignee, None, (!details.is_empty()).then_some(details))
            }
        };
        insert_history(
            &mut tx,
            contact_id,
            assignee,
            HistoryKind::Lead,
            Some(&lead.source),
            body.as_deref(),
            now,
        )
        .await?;
        let lead_id: i64 = sqlx::query(
            "INSERT INTO leads (team_id, contact_id, duplicate_of, assignee_id, source, body, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(team_id)
        .bind(contact_id)
        .bind(duplicate_of)
        .bind(assignee)
        .bind(&lead.source)
        .bind(body.as_deref())
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        let mut job = NewJob::new(JobKind::NewLead, assignee, now);
        job.team_id = Some(team_id);
        job.contact_id = Some(contact_id);
        job.payload = Some(lead_id.to_string());
        insert_job(&mut tx, &job).await?;
        if let Some(key) = idempotency_key {
            sqlx::query(
                "UPDATE lead_keys SET lead_id = $1 WHERE team_id = $2 AND idempotency_key = $3",
            )
            .bind(lead_id)
            .bind(team_id)
            .bind(key)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(LeadReceipt {
            lead_id,
            contact_id,
            duplicate_of,
        })
    }

    /// Who gets the next new lead: the next member of the rotation after the last one given
    /// a lead, or else the chosen member, or else the owner. The settings row is locked on
    /// PostgreSQL so that two leads at once go to two members.
    async fn next_assignee(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        team_id: i64,
    ) -> sqlx::Result<i64> {
        let lock = if self.is_sqlite { "" } else { " FOR UPDATE" };
        let sql =
            format!("SELECT assign_to, last_assigned FROM lead_settings WHERE team_id = $1{lock}");
        let settings = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .fetch_optional(&mut **tx)
            .await?;
        let (assign_to, last): (Option<i64>, Option<i64>) = match &settings {
            Some(row) => (row.try_get("assign_to")?, row.try_get("last_assigned")?),
            None => (None, None),
        };
        let rotation: Vec<i64> = sqlx::query(
            "SELECT r.user_id FROM lead_rotation r JOIN members m ON m.user_id = r.user_id \
             WHERE r.team_id = $1 AND m.team_id = $1 AND m.removed_at IS NULL ORDER BY r.user_id",
        )
        .bind(team_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|row| row.try_get("user_id"))
        .collect::<sqlx::Result<_>>()?;
        if let Some(first) = rotation.first() {
            let next = rotation
                .iter()
                .find(|id| Some(**id) > last)
                .unwrap_or(first);
            sqlx::query("UPDATE lead_settings SET last_assigned = $1 WHERE team_id = $2")
                .bind(next)
                .bind(team_id)
                .execute(&mut **tx)
                .await?;
            return Ok(*next);
        }
        let chosen = sqlx::query(
            "SELECT user_id FROM members WHERE team_id = $1 AND removed_at IS NULL \
             AND (user_id = $2 OR role = 'owner') \
             ORDER BY CASE WHEN user_id = $2 THEN 0 ELSE 1 END, joined_at, user_id LIMIT 1",
        )
        .bind(team_id)
        .bind(assign_to)
        .fetch_one(&mut **tx)
        .await?;
        chosen.try_get("user_id")
    }

    /// A lead by its id.
    pub async fn lead(&self, id: i64) -> sqlx::Result<Option<StoredLead>> {
        let row =
            sqlx::query("SELECT contact_id, duplicate_of, source, body FROM leads WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| {
            Ok(StoredLead {
                contact_id: row.try_get("contact_id")?,
                duplicate_of: row.try_get("duplicate_of")?,
                source: row.try_get("source")?,
                body: row.try_get("body")?,
            })
        })
        .transpose()
    }

    /// New leads (not requests from existing contacts) received in `[from, to)`, per source,
    /// most first.
    pub async fn leads_by_source(
        &self,
        team_id: i64,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<(String, i64)>> {
        sqlx::query(
            "SELECT source, COUNT(*) AS received FROM leads WHERE team_id = $1 \
             AND duplicate_of IS NULL AND created_at >= $2 AND created_at < $3 \
             GROUP BY source ORDER BY received DESC, source",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("source")?, row.try_get("received")?)))
        .collect()
    }
}

#[cfg(feature = "bench")]
impl Store {
    /// The leads' messages in the queue, for the benchmark's check.
    pub async fn new_lead_jobs(&self) -> sqlx::Result<i64> {
        sqlx::query("SELECT COUNT(*) AS jobs FROM jobs WHERE kind = 'new_lead'")
            .fetch_one(&self.pool)
            .await?
            .try_get("jobs")
    }
}

fn receipt_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<LeadReceipt> {
    Ok(LeadReceipt {
        lead_id: row.try_get("id")?,
        contact_id: row.try_get("contact_id")?,
        duplicate_of: row.try_get("duplicate_of")?,
    })
}
