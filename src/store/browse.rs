//! Browsing contacts rather than searching them: a page of those a filter selects, by last
//! activity or by name, and the tags worth offering as filters.

use super::contacts::{ContactHit, Scope, hits};
use super::database::Store;
use sqlx::Row;

/// What `/contacts` narrows the list to, and its order.
#[derive(Debug, Clone, Copy, Default)]
pub struct ContactFilter<'a> {
    /// The contact type as stored.
    pub kind: Option<&'a str>,
    pub tag: Option<&'a str>,
    /// "lead" (not converted yet) or "client".
    pub status: Option<&'a str>,
    /// By name rather than by last activity, most recent first.
    pub by_name: bool,
}

/// The filter's conditions on `c` (placeholders `$3` to `$5`), after the scope's `$1`, `$2`.
const FILTERED: &str = "FROM contacts c WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) \
     AND c.archived_at IS NULL AND ($3 IS NULL OR c.kind = $3) \
     AND ($4 IS NULL OR EXISTS (SELECT 1 FROM contact_tags t \
          WHERE t.contact_id = c.id AND t.tag = $4)) \
     AND ($5 IS NULL OR ($5 = 'client' AND c.converted_at IS NOT NULL) \
          OR ($5 = 'lead' AND c.converted_at IS NULL))";

impl Store {
    /// A page of the contacts in `scope` that `filter` selects, and how many it selects.
    pub async fn browse_contacts(
        &self,
        scope: Scope,
        filter: &ContactFilter<'_>,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<(Vec<ContactHit>, i64)> {
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n {FILTERED}"
        )))
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .bind(filter.kind)
        .bind(filter.tag)
        .bind(filter.status)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let order = match filter.by_name {
            true => "c.name, c.id",
            false => "COALESCE(c.last_interaction_at, c.created_at) DESC, c.id DESC",
        };
        let page = hits(
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT c.id, c.name, c.name_key {FILTERED} ORDER BY {order} LIMIT $6 OFFSET $7"
            )))
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(filter.kind)
            .bind(filter.tag)
            .bind(filter.status)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?,
        )?;
        Ok((page, total))
    }

    /// The tags of contacts in `scope`, the most used first; at most `limit`.
    pub async fn tags_in_scope(&self, scope: Scope, limit: i64) -> sqlx::Result<Vec<String>> {
        sqlx::query(
            "SELECT t.tag, COUNT(*) AS n FROM contact_tags t JOIN contacts c ON c.id = t.contact_id \
             WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
             GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT $3",
        )
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| row.try_get("tag"))
        .collect()
    }

    /// The contacts `ids`, by name (for a page of a segment's members).
    pub async fn contacts_by_ids(&self, ids: &[i64]) -> sqlx::Result<Vec<ContactHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, name, name_key FROM contacts WHERE id IN ({}) ORDER BY name, id",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(id);
        }
        hits(query.fetch_all(&self.pool).await?)
    }
}
