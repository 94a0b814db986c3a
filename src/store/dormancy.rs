//! Dormancy (reactivation): the team's rules, each client's clock, which every timeline entry
//! keeps right, and the prompts planned when a client falls dormant.

use super::database::Store;
use super::jobs::{JobKind, NewJob, insert_job};
use crate::domain::HistoryKind;
use sqlx::Row;

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
        // An entry may come late (a message logged when its chat is linked): the clock only
        // moves forward.
        sqlx::query(
            "UPDATE contacts SET last_interaction_at = $1 WHERE id = $2 \
             AND (last_interaction_at IS NULL OR last_interaction_at < $1)",
        )
        .bind(now)
        .bind(contact_id)
        .execute(&mut **tx)
        .await?;
    }
    refresh_reactivation(tx, "id = $1", contact_id).await
}

impl Store {
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
}
