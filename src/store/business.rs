//! Telegram Business: the members' connected accounts, their chats with clients (logged on a
//! contact, proposed, or ignored) and the messages logged from them onto the timeline.

use super::contact_inserts::{NewContact, insert_contact};
use super::database::Store;
use super::history::insert_history;
use crate::domain::{FileKind, HistoryKind, SharedFile};
use sqlx::Row;

/// How many messages of a proposed chat are kept until the member answers.
pub const KEPT_WHILE_PROPOSED: i64 = 50;

/// A member's account connected to the bot. Only connections of current members are read:
/// a member's removal stops the logging at once.
#[derive(Debug, Clone)]
pub struct BusinessConnection {
    pub id: String,
    pub user_id: i64,
    pub team_id: i64,
    pub can_reply: bool,
    pub enabled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatState {
    /// Its messages go to `contact_id`'s timeline.
    Logged,
    /// The member was asked what the chat is; its messages are kept meanwhile.
    Proposed,
    /// Never logged.
    Ignored,
}

impl ChatState {
    fn as_str(self) -> &'static str {
        match self {
            ChatState::Logged => "logged",
            ChatState::Proposed => "proposed",
            ChatState::Ignored => "ignored",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "logged" => ChatState::Logged,
            "ignored" => ChatState::Ignored,
            _ => ChatState::Proposed,
        }
    }
}

/// One of a member's chats with someone.
#[derive(Debug, Clone)]
pub struct BusinessChat {
    pub id: i64,
    pub team_id: i64,
    pub user_id: i64,
    /// The other person's Telegram id.
    pub chat_id: i64,
    pub name: String,
    pub username: Option<String>,
    pub contact_id: Option<i64>,
    pub state: ChatState,
}

/// A message to log: who wrote it, when, and what.
#[derive(Debug, Clone)]
pub struct LoggedMessage<'a> {
    /// Telegram's id in the chat.
    pub message_id: i32,
    pub outgoing: bool,
    pub body: &'a str,
    pub file: Option<&'a SharedFile>,
    pub at: i64,
}

const CHAT_COLUMNS: &str = "id, team_id, user_id, chat_id, name, username, contact_id, state";

fn chat_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<BusinessChat> {
    Ok(BusinessChat {
        id: row.try_get("id")?,
        team_id: row.try_get("team_id")?,
        user_id: row.try_get("user_id")?,
        chat_id: row.try_get("chat_id")?,
        name: row.try_get("name")?,
        username: row.try_get("username")?,
        contact_id: row.try_get("contact_id")?,
        state: ChatState::parse(&row.try_get::<String, _>("state")?),
    })
}

impl Store {
    /// Records a connection (new, its rights changed, or switched off) of the member's account.
    pub async fn save_business_connection(
        &self,
        connection: &BusinessConnection,
        now: i64,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO business_connections (id, user_id, team_id, can_reply, enabled, \
             connected_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET \
             user_id = excluded.user_id, team_id = excluded.team_id, \
             can_reply = excluded.can_reply, enabled = excluded.enabled",
        )
        .bind(&connection.id)
        .bind(connection.user_id)
        .bind(connection.team_id)
        .bind(i64::from(connection.can_reply))
        .bind(i64::from(connection.enabled))
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The connection `id` if it is switched on and its member is still in the team.
    pub async fn business_connection(&self, id: &str) -> sqlx::Result<Option<BusinessConnection>> {
        self.connection_where("b.id = $1", id).await
    }

    /// The member's switched-on connection, if any.
    pub async fn business_connection_of(
        &self,
        user_id: i64,
    ) -> sqlx::Result<Option<BusinessConnection>> {
        self.connection_where("b.user_id = $1", user_id).await
    }

    async fn connection_where<'q, T>(
        &self,
        filter: &str,
        value: T,
    ) -> sqlx::Result<Option<BusinessConnection>>
    where
        T: 'q + Send + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        let sql = format!(
            "SELECT b.id, b.user_id, b.team_id, b.can_reply, b.enabled \
             FROM business_connections b JOIN members m ON m.user_id = b.user_id \
             AND m.team_id = b.team_id WHERE {filter} AND b.enabled = 1 \
             AND m.removed_at IS NULL ORDER BY b.connected_at DESC LIMIT 1"
        );
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(value)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(BusinessConnection {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            team_id: row.try_get("team_id")?,
            can_reply: row.try_get::<i64, _>("can_reply")? != 0,
            enabled: row.try_get::<i64, _>("enabled")? != 0,
        }))
    }

    pub async fn business_chat(
        &self,
        user_id: i64,
        chat_id: i64,
    ) -> sqlx::Result<Option<BusinessChat>> {
        self.chat_where("user_id = $1 AND chat_id = $2", &[user_id, chat_id])
            .await
    }

    pub async fn business_chat_by_id(&self, id: i64) -> sqlx::Result<Option<BusinessChat>> {
        self.chat_where("id = $1", &[id]).await
    }

    /// The member's chat logged on the contact, if any.
    pub async fn business_chat_on_contact(
        &self,
        user_id: i64,
        contact_id: i64,
    ) -> sqlx::Result<Option<BusinessChat>> {
        self.chat_where(
            "user_id = $1 AND contact_id = $2 AND state = 'logged' \
             ORDER BY updated_at DESC LIMIT 1",
            &[user_id, contact_id],
        )
        .await
    }

    /// The first chat matching `filter`, its `$n` bound to `values` in order.
    async fn chat_where(&self, filter: &str, values: &[i64]) -> sqlx::Result<Option<BusinessChat>> {
        let sql = format!("SELECT {CHAT_COLUMNS} FROM business_chats WHERE {filter}");
        let query = values
            .iter()
            .fold(sqlx::query(sqlx::AssertSqlSafe(sql)), |query, value| {
                query.bind(*value)
            });
        query
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(chat_from_row)
            .transpose()
    }

    /// Whether the member's switched-on account talks to the contact (the card's ✍️): one
    /// read on every card opened.
    pub async fn writes_to_contact(&self, user_id: i64, contact_id: i64) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT bc.id FROM business_chats bc JOIN business_connections b \
             ON b.user_id = bc.user_id AND b.enabled = 1 \
             WHERE bc.user_id = $1 AND bc.contact_id = $2 AND bc.state = 'logged' LIMIT 1",
        )
        .bind(user_id)
        .bind(contact_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// The member's chats in `state`, by name.
    pub async fn business_chats_in(
        &self,
        user_id: i64,
        state: ChatState,
    ) -> sqlx::Result<Vec<BusinessChat>> {
        let sql = format!(
            "SELECT {CHAT_COLUMNS} FROM business_chats WHERE user_id = $1 AND state = $2 \
             ORDER BY name, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .bind(state.as_str())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(chat_from_row)
            .collect()
    }

    /// Starts keeping a chat: logged on `contact_id`, or proposed to the member. Returns it;
    /// `None` when it was started already (a concurrent update).
    pub async fn open_business_chat(
        &self,
        chat: &BusinessChat,
        now: i64,
    ) -> sqlx::Result<Option<BusinessChat>> {
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO business_chats (team_id, user_id, chat_id, name, username, contact_id, \
             state, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (user_id, chat_id) DO NOTHING RETURNING id",
        )
        .bind(chat.team_id)
        .bind(chat.user_id)
        .bind(chat.chat_id)
        .bind(&chat.name)
        .bind(&chat.username)
        .bind(chat.contact_id)
        .bind(chat.state.as_str())
        .bind(now)
        .fetch_optional(&self.writer)
        .await?;
        Ok(id.map(|id| BusinessChat { id, ..chat.clone() }))
    }

    /// Logs a message of `chat`: on its contact's timeline (it counts as an interaction) when
    /// the chat is logged, else kept (the newest [`KEPT_WHILE_PROPOSED`]) until the member
    /// answers. A message logged before (Telegram delivered it twice) is not logged again.
    pub async fn log_business_message(
        &self,
        chat: &BusinessChat,
        message: &LoggedMessage<'_>,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let file = message.file;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO business_messages (chat_ref, message_id, outgoing, body, file_kind, \
             file_id, file_name, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (chat_ref, message_id) DO NOTHING RETURNING id",
        )
        .bind(chat.id)
        .bind(i64::from(message.message_id))
        .bind(i64::from(message.outgoing))
        .bind(message.body)
        .bind(file.map(|f| f.kind.as_str()))
        .bind(file.map(|f| f.file_id.as_str()))
        .bind(file.and_then(|f| f.file_name.as_deref()))
        .bind(message.at)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(false);
        };
        match (chat.state, chat.contact_id) {
            (ChatState::Logged, Some(contact_id)) => {
                put_on_timeline(&mut tx, chat, contact_id, id).await?;
            }
            _ => {
                sqlx::query(
                    "DELETE FROM business_messages WHERE chat_ref = $1 AND id NOT IN \
                     (SELECT id FROM business_messages WHERE chat_ref = $1 \
                      ORDER BY sent_at DESC, id DESC LIMIT $2)",
                )
                .bind(chat.id)
                .bind(KEPT_WHILE_PROPOSED)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Logs the chat on `contact_id` from now on, with the messages kept so far; one
    /// transaction. `false` when the chat was answered already.
    pub async fn log_business_chat_on(
        &self,
        chat_ref: i64,
        contact_id: i64,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let moved = attach_chat(&mut tx, chat_ref, contact_id, now).await?;
        tx.commit().await?;
        Ok(moved)
    }

    /// Adds the chat's person as a lead of the member (named as Telegram shows them, with their
    /// username) and logs the chat on it with its history; one transaction. The new contact's
    /// id, or `None` when the chat was answered already.
    pub async fn add_business_chat_as_lead(
        &self,
        chat: &BusinessChat,
        contact: &NewContact,
        now: i64,
    ) -> sqlx::Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let contact_id = insert_contact(&mut tx, chat.team_id, chat.user_id, contact, now).await?;
        sqlx::query("UPDATE contacts SET telegram = $1 WHERE id = $2")
            .bind(&chat.username)
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
        if !attach_chat(&mut tx, chat.id, contact_id, now).await? {
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(contact_id))
    }

    /// Never logs the chat; what was kept of it is dropped.
    pub async fn ignore_business_chat(&self, chat_ref: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM business_messages WHERE chat_ref = $1 AND history_id IS NULL")
            .bind(chat_ref)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE business_chats SET state = 'ignored', contact_id = NULL, updated_at = $2 \
             WHERE id = $1",
        )
        .bind(chat_ref)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// Forgets that an ignored chat was ignored: its next message is proposed again.
    pub async fn unignore_business_chat(&self, chat_ref: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for sql in [
            "DELETE FROM business_messages WHERE chat_ref = $1",
            "DELETE FROM business_chats WHERE id = $1 AND state = 'ignored'",
        ] {
            sqlx::query(sql).bind(chat_ref).execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// A message edited in Telegram: its new text, marked "edited" on the timeline.
    pub async fn edit_business_message(
        &self,
        chat_ref: i64,
        message_id: i32,
        body: &str,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let history_id: Option<Option<i64>> = sqlx::query_scalar(
            "UPDATE business_messages SET body = $3, outcome = 'edited' \
             WHERE chat_ref = $1 AND message_id = $2 RETURNING history_id",
        )
        .bind(chat_ref)
        .bind(i64::from(message_id))
        .bind(body)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(Some(history_id)) = history_id {
            sqlx::query("UPDATE history SET body = $2, outcome = 'edited' WHERE id = $1")
                .bind(history_id)
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Messages deleted in Telegram: marked "deleted" on the timeline, or erased when the
    /// member follows deletions.
    pub async fn delete_business_messages(
        &self,
        chat_ref: i64,
        message_ids: &[i32],
        erase: bool,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for &message_id in message_ids {
            let found = sqlx::query(
                "SELECT id, history_id FROM business_messages \
                 WHERE chat_ref = $1 AND message_id = $2",
            )
            .bind(chat_ref)
            .bind(i64::from(message_id))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = found else { continue };
            let (id, history_id): (i64, Option<i64>) =
                (row.try_get("id")?, row.try_get("history_id")?);
            if erase {
                erase_messages(&mut tx, &[(id, history_id)]).await?;
            } else {
                sqlx::query("UPDATE business_messages SET outcome = 'deleted' WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE history SET outcome = 'deleted' WHERE id = $1")
                    .bind(history_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await
    }

    /// Erases every message logged on the contact (a client asked to be forgotten); how many.
    pub async fn erase_logged_messages(&self, contact_id: i64) -> sqlx::Result<u64> {
        self.erase_selected(
            "SELECT bm.id, bm.history_id FROM business_messages bm \
             JOIN business_chats bc ON bc.id = bm.chat_ref WHERE bc.contact_id = $1",
            contact_id,
        )
        .await
    }

    /// Erases what was logged before `before` (the retention), a thousand at a time; how many.
    pub async fn forget_business_messages(&self, before: i64) -> sqlx::Result<u64> {
        // Asked every tick: the writer is taken only when there is something to erase.
        let due: Option<i64> =
            sqlx::query_scalar("SELECT id FROM business_messages WHERE sent_at < $1 LIMIT 1")
                .bind(before)
                .fetch_optional(&self.pool)
                .await?;
        if due.is_none() {
            return Ok(0);
        }
        self.erase_selected(
            "SELECT id, history_id FROM business_messages WHERE sent_at < $1 LIMIT 1000",
            before,
        )
        .await
    }

    /// Erases the messages `select` (their id and `history_id`, `$1` bound to `value`) finds,
    /// with their entries and files, in one transaction; how many.
    async fn erase_selected(&self, select: &'static str, value: i64) -> sqlx::Result<u64> {
        let mut tx = self.begin().await?;
        let rows = sqlx::query(select).bind(value).fetch_all(&mut *tx).await?;
        let messages = rows
            .iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("history_id")?)))
            .collect::<sqlx::Result<Vec<_>>>()?;
        erase_messages(&mut tx, &messages).await?;
        tx.commit().await?;
        Ok(messages.len() as u64)
    }

    /// The team's prefix of commands typed in a client's chat.
    pub async fn business_prefix(&self, team_id: i64) -> sqlx::Result<String> {
        sqlx::query_scalar("SELECT business_prefix FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_one(&self.pool)
            .await
    }

    pub async fn set_business_prefix(&self, team_id: i64, prefix: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET business_prefix = $1 WHERE id = $2")
            .bind(prefix)
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Whether messages the member deletes in Telegram are erased here too.
    pub async fn follows_deletions(&self, user_id: i64) -> sqlx::Result<bool> {
        let follows: Option<i64> =
            sqlx::query_scalar("SELECT business_follow_deletions FROM members WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(follows == Some(1))
    }

    pub async fn set_follows_deletions(&self, user_id: i64, follow: bool) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET business_follow_deletions = $1 WHERE user_id = $2")
            .bind(i64::from(follow))
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

/// Puts the kept message `message_ref` on the contact's timeline, with its file as an
/// attachment that a button sends again.
async fn put_on_timeline(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chat: &BusinessChat,
    contact_id: i64,
    message_ref: i64,
) -> sqlx::Result<()> {
    let row = sqlx::query(
        "SELECT outgoing, body, file_kind, file_id, file_name, sent_at, outcome \
         FROM business_messages WHERE id = $1",
    )
    .bind(message_ref)
    .fetch_one(&mut **tx)
    .await?;
    let outgoing = row.try_get::<i64, _>("outgoing")? != 0;
    let body: String = row.try_get("body")?;
    let at: i64 = row.try_get("sent_at")?;
    let outcome: Option<String> = row.try_get("outcome")?;
    let kind = match outgoing {
        true => HistoryKind::MessageOut,
        false => HistoryKind::MessageIn,
    };
    let history_id = insert_history(
        tx,
        contact_id,
        chat.user_id,
        kind,
        outcome.as_deref(),
        Some(&body),
        at,
    )
    .await?;
    let file_kind: Option<String> = row.try_get("file_kind")?;
    if let Some(kind) = file_kind.as_deref().and_then(FileKind::parse) {
        let attachment_id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (team_id, contact_id, author_id, kind, file_id, file_name, \
             caption, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(chat.team_id)
        .bind(contact_id)
        .bind(chat.user_id)
        .bind(kind.as_str())
        .bind(row.try_get::<String, _>("file_id")?)
        .bind(row.try_get::<Option<String>, _>("file_name")?)
        .bind(&body)
        .bind(at)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("UPDATE history SET attachment_id = $1 WHERE id = $2")
            .bind(attachment_id)
            .bind(history_id)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("UPDATE business_messages SET history_id = $1 WHERE id = $2")
        .bind(history_id)
        .bind(message_ref)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Logs the proposed chat `chat_ref` on the contact with every message kept of it, oldest
/// first. `false` when the chat is not waiting for an answer any more.
async fn attach_chat(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chat_ref: i64,
    contact_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let sql = format!(
        "UPDATE business_chats SET state = 'logged', contact_id = $2, updated_at = $3 \
         WHERE id = $1 AND state = 'proposed' RETURNING {CHAT_COLUMNS}"
    );
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(chat_ref)
        .bind(contact_id)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?
    else {
        return Ok(false);
    };
    let chat = chat_from_row(&row)?;
    let kept: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM business_messages WHERE chat_ref = $1 AND history_id IS NULL \
         ORDER BY sent_at, id",
    )
    .bind(chat_ref)
    .fetch_all(&mut **tx)
    .await?;
    for message_ref in kept {
        put_on_timeline(tx, &chat, contact_id, message_ref).await?;
    }
    Ok(true)
}

/// Erases messages (id, timeline entry) with their entries and files.
async fn erase_messages(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    messages: &[(i64, Option<i64>)],
) -> sqlx::Result<()> {
    for &(id, history_id) in messages {
        sqlx::query("DELETE FROM business_messages WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        let Some(history_id) = history_id else {
            continue;
        };
        let attachment: Option<Option<i64>> =
            sqlx::query_scalar("DELETE FROM history WHERE id = $1 RETURNING attachment_id")
                .bind(history_id)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(Some(attachment_id)) = attachment {
            sqlx::query("DELETE FROM attachments WHERE id = $1")
                .bind(attachment_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}
