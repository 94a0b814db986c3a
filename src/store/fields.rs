//! Editing a contact card field by field, each change noted on the timeline (who, when,
//! old → new), and the team's own custom fields and contact types.

use super::contact_inserts::{add_phones_and_emails, insert_words};
use super::database::Store;
use super::history::insert_history;
use super::jobs::{NewJob, insert_job};
use crate::domain::search::sorted_key;
use crate::domain::{
    Birthday, ContactName, CustomFieldKind, Email, HistoryKind, Phone, Tag, name_key,
};
use sqlx::Row;

/// The new value of one card field; `None` clears an optional one.
#[derive(Debug, Clone)]
pub enum FieldValue {
    Name(ContactName),
    Phones(Vec<Phone>),
    Emails(Vec<Email>),
    Tags(Vec<Tag>),
    Birthday(Option<Birthday>),
    Subscribed(bool),
    Owner(i64),
    /// A field kept in one text column of `contacts`.
    Text(TextColumn, Option<String>),
    Custom(i64, Option<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextColumn {
    Telegram,
    Kind,
    Region,
    Priority,
    TimeZone,
    Notes,
}

impl TextColumn {
    fn update_sql(self) -> &'static str {
        match self {
            TextColumn::Telegram => "UPDATE contacts SET telegram = $1 WHERE id = $2",
            TextColumn::Kind => "UPDATE contacts SET kind = $1 WHERE id = $2",
            TextColumn::Region => "UPDATE contacts SET region = $1 WHERE id = $2",
            TextColumn::Priority => "UPDATE contacts SET priority = $1 WHERE id = $2",
            TextColumn::TimeZone => "UPDATE contacts SET time_zone = $1 WHERE id = $2",
            TextColumn::Notes => "UPDATE contacts SET notes = $1 WHERE id = $2",
        }
    }
}

#[derive(Debug, Clone)]
pub struct CustomField {
    pub id: i64,
    pub name: String,
    pub kind: CustomFieldKind,
}

/// One edit for the timeline: the field's label and its value before and after, as shown.
pub struct EditNote<'a> {
    pub field: &'a str,
    pub old: &'a str,
    pub new: &'a str,
}

impl Store {
    /// Writes one field and its timeline entry in one transaction.
    /// Changes one field, noting it on the timeline, and stores `jobs` (a new birthday's
    /// pushes) with it.
    #[allow(clippy::too_many_arguments)]
    pub async fn edit_field(
        &self,
        id: i64,
        value: &FieldValue,
        actor: i64,
        note: EditNote<'_>,
        now: i64,
        jobs: &[NewJob],
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        match value {
            FieldValue::Name(name) => {
                let key = name_key(name.as_str());
                sqlx::query(
                    "UPDATE contacts SET name = $1, name_key = $2, sorted_key = $3 WHERE id = $4",
                )
                .bind(name.as_str())
                .bind(&key)
                .bind(sorted_key(&key))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM contact_words WHERE contact_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_words(&mut tx, id, &key).await?;
            }
            FieldValue::Phones(phones) => {
                sqlx::query("DELETE FROM contact_phones WHERE contact_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                add_phones_and_emails(&mut tx, id, phones, &[]).await?;
            }
            FieldValue::Emails(emails) => {
                sqlx::query("DELETE FROM contact_emails WHERE contact_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                add_phones_and_emails(&mut tx, id, &[], emails).await?;
            }
            FieldValue::Tags(tags) => {
                sqlx::query("DELETE FROM contact_tags WHERE contact_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                for tag in tags {
                    sqlx::query("INSERT INTO contact_tags (contact_id, tag) VALUES ($1, $2)")
                        .bind(id)
                        .bind(tag.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            FieldValue::Birthday(birthday) => {
                sqlx::query(
                    "UPDATE contacts SET birth_day = $1, birth_month = $2, birth_year = $3 \
                     WHERE id = $4",
                )
                .bind(birthday.map(|b| i64::from(b.day)))
                .bind(birthday.map(|b| i64::from(b.month)))
                .bind(birthday.and_then(|b| b.year).map(i64::from))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            FieldValue::Subscribed(subscribed) => {
                sqlx::query("UPDATE contacts SET subscribed = $1 WHERE id = $2")
                    .bind(i64::from(*subscribed))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            FieldValue::Owner(owner) => {
                sqlx::query("UPDATE contacts SET owner_id = $1 WHERE id = $2")
                    .bind(owner)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            FieldValue::Text(column, text) => {
                sqlx::query(column.update_sql())
                    .bind(text.as_deref())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            FieldValue::Custom(field_id, Some(text)) => {
                sqlx::query(
                    "INSERT INTO contact_custom_values (contact_id, field_id, value) \
                     VALUES ($1, $2, $3) ON CONFLICT (contact_id, field_id) \
                     DO UPDATE SET value = excluded.value",
                )
                .bind(id)
                .bind(field_id)
                .bind(text)
                .execute(&mut *tx)
                .await?;
            }
            FieldValue::Custom(field_id, None) => {
                sqlx::query(
                    "DELETE FROM contact_custom_values WHERE contact_id = $1 AND field_id = $2",
                )
                .bind(id)
                .bind(field_id)
                .execute(&mut *tx)
                .await?;
            }
        }
        for job in jobs {
            insert_job(&mut tx, job).await?;
        }
        let body = format!("{} → {}", note.old, note.new);
        insert_history(
            &mut tx,
            id,
            actor,
            HistoryKind::Edited,
            Some(note.field),
            Some(&body),
            now,
        )
        .await?;
        tx.commit().await
    }

    pub async fn custom_fields(&self, team_id: i64) -> sqlx::Result<Vec<CustomField>> {
        let rows = sqlx::query(
            "SELECT id, name, kind, options FROM custom_fields WHERE team_id = $1 ORDER BY id",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?;
        let mut fields = Vec::new();
        for row in rows {
            let kind: String = row.try_get("kind")?;
            let options: String = row.try_get("options")?;
            let options: Vec<String> = options.lines().map(str::to_owned).collect();
            if let Some(kind) = CustomFieldKind::from_parts(&kind, &options) {
                fields.push(CustomField {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    kind,
                });
            }
        }
        Ok(fields)
    }

    pub async fn add_custom_field(
        &self,
        team_id: i64,
        name: &str,
        kind: &CustomFieldKind,
        now: i64,
    ) -> sqlx::Result<()> {
        let options = match kind {
            CustomFieldKind::Choice(options) => options.join("\n"),
            _ => String::new(),
        };
        sqlx::query(
            "INSERT INTO custom_fields (team_id, name, kind, options, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(team_id)
        .bind(name)
        .bind(kind.as_str())
        .bind(options)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The team's contact types, or `None` for the default list.
    pub async fn contact_kinds(&self, team_id: i64) -> sqlx::Result<Option<Vec<String>>> {
        let kinds: Option<String> = sqlx::query("SELECT contact_kinds FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("contact_kinds")?;
        Ok(kinds.map(|k| k.lines().map(str::to_owned).collect()))
    }

    pub async fn set_contact_kinds(&self, team_id: i64, kinds: &[String]) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET contact_kinds = $1 WHERE id = $2")
            .bind(kinds.join("\n"))
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
