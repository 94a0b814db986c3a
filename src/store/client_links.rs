//! The client side of a contact: the one-time links that connect a client's chat, unlinking,
//! unreachable clients, and a client dropped back to a lead.

use super::database::Store;
use super::history::insert_history;
use super::zone::zone;
use crate::domain::HistoryKind;
use chrono_tz::Tz;
use sqlx::Row;

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

impl Store {
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
        // A comment the client may still write on a survey is closed with the link.
        sqlx::query("UPDATE feedback SET comment_open = 0 WHERE client_chat_id = $1")
            .bind(chat_id)
            .execute(&mut *tx)
            .await?;
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
}
