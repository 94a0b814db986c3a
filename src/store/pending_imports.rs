//! Files waiting for their column mapping to be confirmed, between the bot's steps.

use super::database::Store;
use sqlx::Row;

/// A file waiting for its column mapping to be confirmed.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub id: i64,
    pub user_id: i64,
    pub team_id: i64,
    pub file_name: String,
    pub content: String,
    pub delimiter: u8,
    /// Target codes, one per column.
    pub mapping: Vec<String>,
    pub finished: bool,
}

impl Store {
    #[allow(clippy::too_many_arguments)]
    pub async fn create_import(
        &self,
        user_id: i64,
        team_id: i64,
        file_name: &str,
        content: &str,
        delimiter: u8,
        mapping: &[String],
        now: i64,
    ) -> sqlx::Result<i64> {
        sqlx::query(
            "INSERT INTO imports (user_id, team_id, file_name, content, delimiter, mapping, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(user_id)
        .bind(team_id)
        .bind(file_name)
        .bind(content)
        .bind(i64::from(delimiter))
        .bind(mapping.join(","))
        .bind(now)
        .fetch_one(&self.writer)
        .await?
        .try_get("id")
    }

    pub async fn pending_import(&self, id: i64) -> sqlx::Result<Option<PendingImport>> {
        let Some(row) = sqlx::query(
            "SELECT id, user_id, team_id, file_name, content, delimiter, mapping, finished_at \
             FROM imports WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let mapping: String = row.try_get("mapping")?;
        let delimiter: i64 = row.try_get("delimiter")?;
        Ok(Some(PendingImport {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            team_id: row.try_get("team_id")?,
            file_name: row.try_get("file_name")?,
            content: row.try_get("content")?,
            delimiter: u8::try_from(delimiter).unwrap_or(b';'),
            mapping: mapping.split(',').map(str::to_owned).collect(),
            finished: row.try_get::<Option<i64>, _>("finished_at")?.is_some(),
        }))
    }

    pub async fn set_import_mapping(&self, id: i64, mapping: &[String]) -> sqlx::Result<()> {
        sqlx::query("UPDATE imports SET mapping = $1 WHERE id = $2")
            .bind(mapping.join(","))
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Marks the import done (its text is dropped); `false` if it already was, so a second
    /// press of Import does nothing.
    pub async fn finish_import(&self, id: i64, now: i64) -> sqlx::Result<bool> {
        Ok(sqlx::query(
            "UPDATE imports SET finished_at = $1, content = '' WHERE id = $2 AND finished_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&self.writer)
        .await?
        .rows_affected()
            == 1)
    }
}
