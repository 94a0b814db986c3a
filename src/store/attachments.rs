//! Files filed on a contact's card (and optionally one of its deals), each listed on the
//! timeline, and the contacts a forwarded message's sender may be.

use super::contacts::{ContactHit, Scope, hits};
use super::database::Store;
use crate::domain::{FileKind, HistoryKind, SharedFile};
use sqlx::Row;

/// A stored file and the contact whose card it is on.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub id: i64,
    pub contact_id: i64,
    pub file: SharedFile,
    /// The member whose own Telegram chat it came from, when it did: theirs to see.
    pub logged_by: Option<i64>,
}

impl Store {
    /// Files `file` on the contact (and the deal, when given), listed on its timeline; one
    /// transaction. Returns the attachment's id.
    pub async fn add_attachment(
        &self,
        team_id: i64,
        contact_id: i64,
        deal_id: Option<i64>,
        author_id: i64,
        file: &SharedFile,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO attachments (team_id, contact_id, deal_id, author_id, kind, file_id, \
             file_name, caption, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(team_id)
        .bind(contact_id)
        .bind(deal_id)
        .bind(author_id)
        .bind(file.kind.as_str())
        .bind(&file.file_id)
        .bind(&file.file_name)
        .bind(&file.caption)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        sqlx::query(
            "INSERT INTO history (contact_id, deal_id, author_id, kind, outcome, body, \
             attachment_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(contact_id)
        .bind(deal_id)
        .bind(author_id)
        .bind(HistoryKind::File.as_str())
        .bind(file.kind.as_str())
        .bind(file.label())
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        super::dormancy::after_history(&mut tx, contact_id, HistoryKind::File, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Files an attachment on one of its contact's deals too, with its timeline entry.
    pub async fn attach_to_deal(&self, attachment_id: i64, deal_id: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for sql in [
            "UPDATE attachments SET deal_id = $1 WHERE id = $2",
            "UPDATE history SET deal_id = $1 WHERE attachment_id = $2",
        ] {
            sqlx::query(sql)
                .bind(deal_id)
                .bind(attachment_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    pub async fn attachment(&self, id: i64) -> sqlx::Result<Option<Attachment>> {
        let Some(row) = sqlx::query(
            "SELECT a.id, a.contact_id, a.kind, a.file_id, a.file_name, a.caption, \
             (SELECT h.author_id FROM history h WHERE h.attachment_id = a.id \
              AND h.kind IN ('message_in', 'message_out')) AS logged_by \
             FROM attachments a WHERE a.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let kind: String = row.try_get("kind")?;
        Ok(Some(Attachment {
            id: row.try_get("id")?,
            contact_id: row.try_get("contact_id")?,
            file: SharedFile {
                kind: FileKind::parse(&kind).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown file kind {kind:?}").into())
                })?,
                file_id: row.try_get("file_id")?,
                file_name: row.try_get("file_name")?,
                caption: row.try_get("caption")?,
            },
            logged_by: row.try_get("logged_by")?,
        }))
    }

    /// Contacts in `scope` linked to the bot from the Telegram account `user_id`, or whose
    /// Telegram username is `username`: who a forwarded message's sender is. Each is looked up
    /// by its own index (an `OR` of the two would read the whole team).
    pub async fn contacts_by_telegram(
        &self,
        scope: Scope,
        user_id: Option<i64>,
        username: Option<&str>,
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        let mut found = Vec::new();
        if let Some(user_id) = user_id {
            found = self
                .contacts_where(scope, "c.client_chat_id = $3", user_id, limit)
                .await?;
        }
        if let Some(username) = username {
            let by_name = self
                .contacts_where(
                    scope,
                    "LOWER(c.telegram) = $3",
                    username.to_lowercase(),
                    limit,
                )
                .await?;
            for hit in by_name {
                if !found.iter().any(|known: &ContactHit| known.id == hit.id) {
                    found.push(hit);
                }
            }
        }
        found.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(found)
    }

    async fn contacts_where<'q, T>(
        &self,
        scope: Scope,
        filter: &str,
        value: T,
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>>
    where
        T: 'q + Send + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        let sql = format!(
            "SELECT c.id, c.name, c.name_key FROM contacts c \
             WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) \
             AND c.archived_at IS NULL AND {filter} ORDER BY c.name LIMIT $4"
        );
        hits(
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(scope.team_id)
                .bind(scope.owner_id)
                .bind(value)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
