//! The contact timeline: every call, note and change, with who and when.

use super::bulk::{Cell, insert_rows};
use super::database::Store;
use crate::domain::HistoryKind;
use sqlx::Row;

/// The messages logged from a member's own Telegram chats are theirs: shown only to the
/// member who wrote or received them, and (`$2` NULL) to the owner and leads.
const PRIVATE_MESSAGES: &str = "(h.kind NOT IN ('message_in', 'message_out') \
     OR $2 IS NULL OR h.author_id = $2)";

#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub kind: HistoryKind,
    pub outcome: Option<String>,
    pub body: Option<String>,
    pub author_name: String,
    pub created_at: i64,
    /// A call's length in seconds.
    pub duration: Option<i64>,
    /// The contact it concerns, on a company's timeline.
    pub contact_name: Option<String>,
    /// The file it lists, which a button sends again.
    pub attachment_id: Option<i64>,
}

/// Records an entry on a company's timeline, and on the contact's if it concerns one.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_company_history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    company_id: i64,
    contact_id: Option<i64>,
    author_id: i64,
    kind: HistoryKind,
    outcome: Option<&str>,
    body: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO history (contact_id, company_id, author_id, kind, outcome, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(contact_id)
    .bind(company_id)
    .bind(author_id)
    .bind(kind.as_str())
    .bind(outcome)
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if let Some(contact_id) = contact_id {
        super::dormancy::after_history(tx, contact_id, kind, now).await?;
    }
    Ok(())
}

pub(super) async fn insert_history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contact_id: i64,
    author_id: i64,
    kind: HistoryKind,
    outcome: Option<&str>,
    body: Option<&str>,
    now: i64,
) -> sqlx::Result<i64> {
    let id = sqlx::query(
        "INSERT INTO history (contact_id, author_id, kind, outcome, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(contact_id)
    .bind(author_id)
    .bind(kind.as_str())
    .bind(outcome)
    .bind(body)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    super::dormancy::after_history(tx, contact_id, kind, now).await?;
    Ok(id)
}

impl Store {
    pub async fn add_history(
        &self,
        contact_id: i64,
        author_id: i64,
        kind: HistoryKind,
        outcome: Option<&str>,
        body: Option<&str>,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id = insert_history(&mut tx, contact_id, author_id, kind, outcome, body, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Logs a call typed in one message, with its length when given.
    pub async fn add_call(
        &self,
        contact_id: i64,
        author_id: i64,
        outcome: &str,
        duration: Option<i64>,
        note: Option<&str>,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO history (contact_id, author_id, kind, outcome, duration, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(contact_id)
        .bind(author_id)
        .bind(HistoryKind::Call.as_str())
        .bind(outcome)
        .bind(duration)
        .bind(note)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        super::dormancy::after_history(&mut tx, contact_id, HistoryKind::Call, now).await?;
        tx.commit().await
    }

    /// Attaches a note to a call its author just logged.
    pub async fn set_history_body(
        &self,
        entry_id: i64,
        author_id: i64,
        body: &str,
    ) -> sqlx::Result<bool> {
        let done = sqlx::query("UPDATE history SET body = $1 WHERE id = $2 AND author_id = $3")
            .bind(body)
            .bind(entry_id)
            .bind(author_id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// One page of a contact's timeline, newest first, and the total number of entries. The
    /// messages logged from members' own chats show only to `messages_of` (`None`: every
    /// member's, for the owner and leads).
    pub async fn history_page(
        &self,
        contact_id: i64,
        messages_of: Option<i64>,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<(Vec<HistoryEntry>, i64)> {
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM history h WHERE h.contact_id = $1 AND {PRIVATE_MESSAGES}"
        )))
        .bind(contact_id)
        .bind(messages_of)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT h.kind, h.outcome, h.duration, h.body, h.created_at, h.attachment_id, \
             m.display_name AS author_name, \
             NULL AS contact_name \
             FROM history h JOIN members m ON m.user_id = h.author_id \
             WHERE h.contact_id = $1 AND {PRIVATE_MESSAGES} \
             ORDER BY h.created_at DESC, h.id DESC LIMIT $3 OFFSET $4"
        )))
        .bind(contact_id)
        .bind(messages_of)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((entries(&rows)?, total))
    }

    /// One page of a company's timeline: its own entries and those of its contacts.
    /// A page of the company's timeline as `viewer` may see it (`None`: everything, for the
    /// owner and leads): the company's own entries, and those of its contacts and deals that are
    /// the viewer's — a manager never reads a colleague's notes through a shared company.
    pub async fn company_history_page(
        &self,
        company_id: i64,
        viewer: Option<i64>,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<(Vec<HistoryEntry>, i64)> {
        let visible = format!(
            "FROM history h \
             JOIN members m ON m.user_id = h.author_id \
             LEFT JOIN contacts c ON c.id = h.contact_id \
             LEFT JOIN deals d ON d.id = h.deal_id \
             WHERE (h.company_id = $1 \
             OR h.contact_id IN (SELECT contact_id FROM company_contacts WHERE company_id = $1)) \
             AND ($2 IS NULL OR ((h.contact_id IS NULL OR c.owner_id = $2) \
             AND (h.deal_id IS NULL OR d.owner_id = $2))) AND {PRIVATE_MESSAGES}"
        );
        let total: i64 = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n {visible}"
        )))
        .bind(company_id)
        .bind(viewer)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT h.kind, h.outcome, h.duration, h.body, h.created_at, h.attachment_id, \
             m.display_name AS author_name, \
             c.name AS contact_name {visible} \
             ORDER BY h.created_at DESC, h.id DESC LIMIT $3 OFFSET $4"
        )))
        .bind(company_id)
        .bind(viewer)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((entries(&rows)?, total))
    }
}

fn entries(rows: &[sqlx::any::AnyRow]) -> sqlx::Result<Vec<HistoryEntry>> {
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(HistoryEntry {
                kind: HistoryKind::parse(&kind).ok_or_else(|| {
                    sqlx::Error::Decode(format!("unknown history kind {kind:?}").into())
                })?,
                outcome: row.try_get("outcome")?,
                body: row.try_get("body")?,
                author_name: row.try_get("author_name")?,
                created_at: row.try_get("created_at")?,
                duration: row.try_get("duration")?,
                contact_name: row.try_get("contact_name")?,
                attachment_id: row.try_get("attachment_id")?,
            })
        })
        .collect()
}

/// Records many entries by one author at once, in the order given, as [`insert_history`] does
/// one: (contact, kind, body) each. A `Created` entry is taken to be a new contact's first: no
/// interaction, and no dormancy clock to refresh (a new contact is no client yet); the others
/// have it refreshed as after any entry.
pub(super) async fn insert_history_bulk(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    author_id: i64,
    entries: &[(i64, HistoryKind, Option<&str>)],
    now: i64,
) -> sqlx::Result<()> {
    let cells: Vec<Cell> = entries
        .iter()
        .flat_map(|(contact_id, kind, body)| {
            [
                Cell::Int(*contact_id),
                Cell::Text(kind.as_str()),
                Cell::MaybeText(*body),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO history (contact_id, author_id, kind, body, created_at) VALUES ",
        "(?, $1, ?, ?, $2)",
        "",
        &[Cell::Int(author_id), Cell::Int(now)],
        &cells,
    )
    .await?;
    // Once per contact and kind: the refresh reads only the contact as it now is.
    let mut refreshed = std::collections::HashSet::new();
    for (contact_id, kind, _) in entries {
        if *kind != HistoryKind::Created && refreshed.insert((*contact_id, kind.as_str())) {
            super::dormancy::after_history(tx, *contact_id, *kind, now).await?;
        }
    }
    Ok(())
}
