//! Contacts with their phones and emails, and the queries `/find` narrows candidates with.

use super::Store;
use super::history::{HistoryKind, insert_history};
use crate::domain::{ContactName, Email, Phone, name_key};
use sqlx::Row;

pub struct NewContact {
    pub name: ContactName,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// A search result: enough to label a button.
#[derive(Debug, Clone)]
pub struct ContactHit {
    pub id: i64,
    pub name: String,
    pub name_key: String,
}

/// Which contacts a member may see: the whole team, or (for a manager) only their own.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub team_id: i64,
    pub owner_id: Option<i64>,
}

impl Store {
    /// Stores a contact with its phones, emails and a "created" timeline entry, all or nothing.
    pub async fn create_contact(
        &self,
        scope_team: i64,
        owner_id: i64,
        contact: &NewContact,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO contacts (team_id, owner_id, name, name_key, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $2, $5) RETURNING id",
        )
        .bind(scope_team)
        .bind(owner_id)
        .bind(contact.name.as_str())
        .bind(name_key(contact.name.as_str()))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for phone in &contact.phones {
            sqlx::query(
                "INSERT INTO contact_phones (contact_id, phone) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(phone.as_str())
            .execute(&mut *tx)
            .await?;
        }
        for email in &contact.emails {
            sqlx::query(
                "INSERT INTO contact_emails (contact_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(email.as_str())
            .execute(&mut *tx)
            .await?;
        }
        insert_history(&mut tx, id, owner_id, HistoryKind::Created, None, None, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn contact(&self, id: i64) -> sqlx::Result<Option<Contact>> {
        let Some(row) = sqlx::query(
            "SELECT c.id, c.team_id, c.owner_id, c.name, m.display_name AS owner_name \
             FROM contacts c JOIN members m ON m.user_id = c.owner_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let phones =
            sqlx::query("SELECT phone FROM contact_phones WHERE contact_id = $1 ORDER BY phone")
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.try_get("phone"))
                .collect::<sqlx::Result<_>>()?;
        let emails =
            sqlx::query("SELECT email FROM contact_emails WHERE contact_id = $1 ORDER BY email")
                .bind(id)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.try_get("email"))
                .collect::<sqlx::Result<_>>()?;
        Ok(Some(Contact {
            id: row.try_get("id")?,
            team_id: row.try_get("team_id")?,
            owner_id: row.try_get("owner_id")?,
            owner_name: row.try_get("owner_name")?,
            name: row.try_get("name")?,
            phones,
            emails,
        }))
    }

    /// Contacts in `scope` with a phone ending in `digits` (the full number or its tail).
    pub async fn contacts_by_phone_digits(
        &self,
        scope: Scope,
        digits: &str,
    ) -> sqlx::Result<Vec<ContactHit>> {
        let pattern = format!("%{}", escape_like(digits));
        hits(
            sqlx::query(
                "SELECT DISTINCT c.id, c.name, c.name_key FROM contacts c \
                 JOIN contact_phones p ON p.contact_id = c.id \
                 WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) \
                 AND p.phone LIKE $3 ESCAPE '\\' ORDER BY c.name LIMIT 50",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(pattern)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Contacts in `scope` with an email containing `fragment`.
    pub async fn contacts_by_email(
        &self,
        scope: Scope,
        fragment: &str,
    ) -> sqlx::Result<Vec<ContactHit>> {
        let pattern = format!("%{}%", escape_like(&fragment.to_lowercase()));
        hits(
            sqlx::query(
                "SELECT DISTINCT c.id, c.name, c.name_key FROM contacts c \
                 JOIN contact_emails e ON e.contact_id = c.id \
                 WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) \
                 AND e.email LIKE $3 ESCAPE '\\' ORDER BY c.name LIMIT 50",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(pattern)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Every contact in `scope` with its name key, for fuzzy ranking by name.
    pub async fn contact_names(&self, scope: Scope) -> sqlx::Result<Vec<ContactHit>> {
        hits(
            sqlx::query(
                "SELECT id, name, name_key FROM contacts \
                 WHERE team_id = $1 AND ($2 IS NULL OR owner_id = $2)",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .fetch_all(&self.pool)
            .await?,
        )
    }
}

fn hits(rows: Vec<sqlx::any::AnyRow>) -> sqlx::Result<Vec<ContactHit>> {
    rows.iter()
        .map(|row| {
            Ok(ContactHit {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                name_key: row.try_get("name_key")?,
            })
        })
        .collect()
}

/// Makes user text literal inside a LIKE pattern.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
