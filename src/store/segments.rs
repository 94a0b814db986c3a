//! Saved segments, the contacts a segment's filters select, and mailings to their clients.

use super::database::Store;
use super::jobs::{JobKind, NewJob, insert_job};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Segment {
    pub id: i64,
    pub team_id: i64,
    pub name: String,
    pub filter: String,
    /// The member who saved it: they, the owner and leads may delete it.
    pub created_by: i64,
}

/// A segment's filters with names already resolved to ids and dates to instants. Type and
/// region are compared in Rust (case-insensitively, in any script).
#[derive(Debug, Clone, Default)]
pub struct SegmentQuery {
    pub team_id: i64,
    /// A manager sees only their own contacts.
    pub scope_owner: Option<i64>,
    pub tags: Vec<String>,
    /// Contacts with an open deal at one of these stages.
    pub stage_ids: Option<Vec<i64>>,
    pub owner_id: Option<i64>,
    pub active_from: Option<i64>,
    pub active_until: Option<i64>,
    pub birth_month: Option<u32>,
    pub subscribed_only: bool,
}

/// A contact a segment selected, with what a mailing needs.
#[derive(Debug, Clone)]
pub struct SegmentContact {
    pub id: i64,
    pub kind: Option<String>,
    pub region: Option<String>,
    pub subscribed: bool,
    /// Set when the client linked the bot and has not blocked it.
    pub client_chat_id: Option<i64>,
}

/// How a mailing's messages ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MailingTally {
    pub sent: i64,
    /// The client blocked the bot.
    pub blocked: i64,
    /// Not sent: unsubscribed or unlinked meanwhile.
    pub skipped: i64,
    pub pending: i64,
}

/// A value bound to a segment query.
enum Value {
    Number(i64),
    Text(String),
}

impl Store {
    pub async fn segments(&self, team_id: i64) -> sqlx::Result<Vec<Segment>> {
        sqlx::query(
            "SELECT id, team_id, name, filter, created_by FROM segments WHERE team_id = $1 \
             ORDER BY name",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(segment_from_row)
        .collect()
    }

    pub async fn segment(&self, id: i64) -> sqlx::Result<Option<Segment>> {
        sqlx::query("SELECT id, team_id, name, filter, created_by FROM segments WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(segment_from_row)
            .transpose()
    }

    pub async fn save_segment(
        &self,
        team_id: i64,
        name: &str,
        filter: &str,
        created_by: i64,
        now: i64,
    ) -> sqlx::Result<i64> {
        sqlx::query(
            "INSERT INTO segments (team_id, name, filter, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(team_id)
        .bind(name)
        .bind(filter)
        .bind(created_by)
        .bind(now)
        .fetch_one(&self.writer)
        .await?
        .try_get("id")
    }

    pub async fn delete_segment(&self, id: i64) -> sqlx::Result<()> {
        sqlx::query(
            "DELETE FROM segments WHERE id = $1 AND NOT EXISTS \
                     (SELECT 1 FROM mailings WHERE segment_id = $1)",
        )
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The contacts (not archived) matching the query's database-side filters.
    pub async fn segment_contacts(
        &self,
        query: &SegmentQuery,
    ) -> sqlx::Result<Vec<SegmentContact>> {
        let mut sql = String::from(
            "SELECT c.id, c.kind, c.region, c.subscribed, c.client_chat_id, c.client_unreachable_at \
             FROM contacts c WHERE c.team_id = $1 AND c.archived_at IS NULL",
        );
        let mut values: Vec<Value> = Vec::new();
        // Adds a value to bind and returns its placeholder.
        let mut bind = |value: Value| {
            values.push(value);
            format!("${}", values.len() + 1)
        };
        for owner in [query.scope_owner, query.owner_id].into_iter().flatten() {
            sql.push_str(&format!(" AND c.owner_id = {}", bind(Value::Number(owner))));
        }
        if let Some(from) = query.active_from {
            sql.push_str(&format!(
                " AND c.last_interaction_at >= {}",
                bind(Value::Number(from))
            ));
        }
        if let Some(until) = query.active_until {
            sql.push_str(&format!(
                " AND c.last_interaction_at < {}",
                bind(Value::Number(until))
            ));
        }
        if let Some(month) = query.birth_month {
            let month = bind(Value::Number(i64::from(month)));
            sql.push_str(&format!(" AND c.birth_month = {month}"));
        }
        if query.subscribed_only {
            sql.push_str(" AND c.subscribed = 1");
        }
        if let Some(stage_ids) = &query.stage_ids {
            let placeholders: Vec<String> = stage_ids
                .iter()
                .map(|id| bind(Value::Number(*id)))
                .collect();
            // No stage of that name: no contact.
            let list = if placeholders.is_empty() {
                "NULL".to_owned()
            } else {
                placeholders.join(", ")
            };
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM deals d WHERE d.contact_id = c.id \
                 AND d.closed_at IS NULL AND d.stage_id IN ({list}))"
            ));
        }
        for tag in &query.tags {
            let tag = bind(Value::Text(tag.clone()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id \
                 AND t.tag = {tag})"
            ));
        }
        sql.push_str(" ORDER BY c.id LIMIT 100000");
        let mut statement = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(query.team_id);
        for value in values {
            statement = match value {
                Value::Number(number) => statement.bind(number),
                Value::Text(text) => statement.bind(text),
            };
        }
        statement
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                let reachable = row
                    .try_get::<Option<i64>, _>("client_unreachable_at")?
                    .is_none();
                Ok(SegmentContact {
                    id: row.try_get("id")?,
                    kind: row.try_get("kind")?,
                    region: row.try_get("region")?,
                    subscribed: row.try_get::<i64, _>("subscribed")? != 0,
                    client_chat_id: row
                        .try_get::<Option<i64>, _>("client_chat_id")?
                        .filter(|_| reachable),
                })
            })
            .collect()
    }

    /// Stores a mailing, one job per recipient and the job that reports on it when all are
    /// done, together.
    pub async fn create_mailing(
        &self,
        team_id: i64,
        segment_id: i64,
        author_id: i64,
        text: &str,
        recipients: &[i64],
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO mailings (team_id, segment_id, author_id, text, recipients, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(team_id)
        .bind(segment_id)
        .bind(author_id)
        .bind(text)
        .bind(recipients.len() as i64)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for contact_id in recipients {
            let job = NewJob {
                dedup_key: Some(format!("mailing:{id}:{contact_id}")),
                team_id: Some(team_id),
                contact_id: Some(*contact_id),
                mailing_id: Some(id),
                ..NewJob::new(JobKind::Mailing, 0, now)
            };
            insert_job(&mut tx, &job).await?;
        }
        let report = NewJob {
            dedup_key: Some(format!("mailing-report:{id}")),
            team_id: Some(team_id),
            mailing_id: Some(id),
            ..NewJob::new(JobKind::MailingReport, author_id, now)
        };
        insert_job(&mut tx, &report).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn mailing_text(&self, id: i64) -> sqlx::Result<Option<String>> {
        sqlx::query("SELECT text FROM mailings WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get("text"))
            .transpose()
    }

    /// How the mailing's messages ended so far.
    pub async fn mailing_tally(&self, id: i64) -> sqlx::Result<MailingTally> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM jobs WHERE mailing_id = $1 AND kind = $2 \
             GROUP BY status",
        )
        .bind(id)
        .bind(JobKind::Mailing.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut tally = MailingTally::default();
        for row in &rows {
            let status: String = row.try_get("status")?;
            let count: i64 = row.try_get("n")?;
            match status.as_str() {
                "sent" => tally.sent += count,
                "failed" => tally.blocked += count,
                "skipped" | "cancelled" => tally.skipped += count,
                _ => tally.pending += count,
            }
        }
        Ok(tally)
    }

    /// A client's 🔕 Unsubscribe: no more mailings, noted on the timeline.
    pub async fn unsubscribe(&self, contact_id: i64, now: i64) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let changed =
            sqlx::query("UPDATE contacts SET subscribed = 0 WHERE id = $1 AND subscribed = 1")
                .bind(contact_id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
        if changed {
            let owner: i64 = sqlx::query("SELECT owner_id FROM contacts WHERE id = $1")
                .bind(contact_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get("owner_id")?;
            super::history::insert_history(
                &mut tx,
                contact_id,
                owner,
                crate::domain::HistoryKind::Unsubscribed,
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

fn segment_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Segment> {
    Ok(Segment {
        id: row.try_get("id")?,
        team_id: row.try_get("team_id")?,
        name: row.try_get("name")?,
        created_by: row.try_get("created_by")?,
        filter: row.try_get("filter")?,
    })
}
