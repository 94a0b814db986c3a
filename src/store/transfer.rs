//! Bulk reads and writes for files: the contacts and deals an export writes, and the batches
//! an import stores (one transaction per batch, so a failure never leaves half a batch).

use super::contacts::{add_phones_and_emails, insert_contact};
use super::history::{HistoryKind, insert_history};
use super::{Contact, NewContact, Scope, Store};
use crate::domain::search::sorted_key;
use crate::domain::{Birthday, name_key};
use crate::transfer::import::ContactRow;
use sqlx::Row;
use std::collections::HashMap;

/// A contact with what an export adds to the card: its companies and when it was created.
#[derive(Debug, Clone)]
pub struct ExportedContact {
    pub contact: Contact,
    pub companies: Vec<String>,
    pub created_at: i64,
}

/// A deal as an export writes it.
#[derive(Debug, Clone)]
pub struct ExportedDeal {
    pub title: String,
    pub contact: Option<String>,
    pub company: Option<String>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    /// The stage's stored name (a locale key for a default stage).
    pub stage: String,
    pub expected_close: Option<String>,
    pub next_action: Option<String>,
    pub comment: Option<String>,
    pub lost_reason: Option<String>,
    pub owner: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

/// What an import does with one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAction {
    Create,
    /// Adds the row's phones, emails and tags to this existing contact.
    MergeInto(i64),
}

/// Values of one contact per id, from a two-column query.
async fn grouped(
    store: &Store,
    sql: &'static str,
    team_id: i64,
) -> sqlx::Result<HashMap<i64, Vec<String>>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for row in sqlx::query(sql)
        .bind(team_id)
        .fetch_all(&store.pool)
        .await?
    {
        map.entry(row.try_get(0)?)
            .or_default()
            .push(row.try_get(1)?);
    }
    Ok(map)
}

impl Store {
    /// The team's contacts (not archived), or one owner's, with phones, emails, tags and
    /// companies — a handful of queries, whatever the number of contacts.
    pub async fn export_contacts(
        &self,
        team_id: i64,
        owner: Option<i64>,
    ) -> sqlx::Result<Vec<ExportedContact>> {
        let phones = grouped(
            self,
            "SELECT p.contact_id, p.phone FROM contact_phones p \
             JOIN contacts c ON c.id = p.contact_id WHERE c.team_id = $1 ORDER BY p.phone",
            team_id,
        )
        .await?;
        let emails = grouped(
            self,
            "SELECT e.contact_id, e.email FROM contact_emails e \
             JOIN contacts c ON c.id = e.contact_id WHERE c.team_id = $1 ORDER BY e.email",
            team_id,
        )
        .await?;
        let tags = grouped(
            self,
            "SELECT t.contact_id, t.tag FROM contact_tags t \
             JOIN contacts c ON c.id = t.contact_id WHERE c.team_id = $1 ORDER BY t.tag",
            team_id,
        )
        .await?;
        let companies = grouped(
            self,
            "SELECT l.contact_id, co.name FROM company_contacts l \
             JOIN companies co ON co.id = l.company_id WHERE co.team_id = $1 ORDER BY co.name",
            team_id,
        )
        .await?;
        let rows = sqlx::query(
            "SELECT c.id, c.team_id, c.owner_id, c.name, c.telegram, c.kind, c.region, \
             c.priority, c.birth_day, c.birth_month, c.birth_year, c.time_zone, c.subscribed, \
             c.notes, c.created_at, m.display_name AS owner_name \
             FROM contacts c JOIN members m ON m.user_id = c.owner_id \
             WHERE c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
             ORDER BY c.name, c.id",
        )
        .bind(team_id)
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let birthday = match (
                    row.try_get::<Option<i64>, _>("birth_day")?,
                    row.try_get::<Option<i64>, _>("birth_month")?,
                ) {
                    (Some(day), Some(month)) => Some(Birthday {
                        day: day as u32,
                        month: month as u32,
                        year: row
                            .try_get::<Option<i64>, _>("birth_year")?
                            .map(|y| y as i32),
                    }),
                    _ => None,
                };
                let contact = Contact {
                    id,
                    team_id: row.try_get("team_id")?,
                    owner_id: row.try_get("owner_id")?,
                    owner_name: row.try_get("owner_name")?,
                    name: row.try_get("name")?,
                    phones: phones.get(&id).cloned().unwrap_or_default(),
                    emails: emails.get(&id).cloned().unwrap_or_default(),
                    archived: false,
                    telegram: row.try_get("telegram")?,
                    kind: row.try_get("kind")?,
                    region: row.try_get("region")?,
                    priority: row.try_get("priority")?,
                    birthday,
                    time_zone: row.try_get("time_zone")?,
                    subscribed: row.try_get::<i64, _>("subscribed")? != 0,
                    notes: row.try_get("notes")?,
                    tags: tags.get(&id).cloned().unwrap_or_default(),
                    custom: Vec::new(),
                };
                Ok(ExportedContact {
                    contact,
                    companies: companies.get(&id).cloned().unwrap_or_default(),
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }

    pub async fn export_deals(
        &self,
        team_id: i64,
        owner: Option<i64>,
    ) -> sqlx::Result<Vec<ExportedDeal>> {
        sqlx::query(
            "SELECT d.title, c.name AS contact, co.name AS company, d.amount_minor, d.currency, \
             s.name AS stage, d.expected_close, d.next_action, d.comment, d.lost_reason, \
             m.display_name AS owner, d.created_at, d.closed_at \
             FROM deals d JOIN stages s ON s.id = d.stage_id \
             JOIN members m ON m.user_id = d.owner_id \
             LEFT JOIN contacts c ON c.id = d.contact_id \
             LEFT JOIN companies co ON co.id = d.company_id \
             WHERE d.team_id = $1 AND ($2 IS NULL OR d.owner_id = $2) ORDER BY d.created_at, d.id",
        )
        .bind(team_id)
        .bind(owner)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(ExportedDeal {
                title: row.try_get("title")?,
                contact: row.try_get("contact")?,
                company: row.try_get("company")?,
                amount_minor: row.try_get("amount_minor")?,
                currency: row.try_get("currency")?,
                stage: row.try_get("stage")?,
                expected_close: row.try_get("expected_close")?,
                next_action: row.try_get("next_action")?,
                comment: row.try_get("comment")?,
                lost_reason: row.try_get("lost_reason")?,
                owner: row.try_get("owner")?,
                created_at: row.try_get("created_at")?,
                closed_at: row.try_get("closed_at")?,
            })
        })
        .collect()
    }

    /// A contact in `scope` (not archived) with one of these phones or emails, or the same
    /// name in any word order: the one an imported row duplicates. A manager's scope is their
    /// own base, so an import's counts never tell what a colleague's base holds.
    pub async fn import_duplicate(
        &self,
        scope: Scope,
        row: &ContactRow,
    ) -> sqlx::Result<Option<i64>> {
        for phone in &row.phones {
            let found = sqlx::query(
                "SELECT c.id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id \
                 WHERE p.phone = $1 AND c.team_id = $2 AND c.archived_at IS NULL \
                 AND ($3 IS NULL OR c.owner_id = $3) LIMIT 1",
            )
            .bind(phone.as_str())
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(found) = found {
                return Ok(Some(found.try_get("id")?));
            }
        }
        for email in &row.emails {
            let found = sqlx::query(
                "SELECT c.id FROM contact_emails e JOIN contacts c ON c.id = e.contact_id \
                 WHERE e.email = $1 AND c.team_id = $2 AND c.archived_at IS NULL \
                 AND ($3 IS NULL OR c.owner_id = $3) LIMIT 1",
            )
            .bind(email.as_str())
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .fetch_optional(&self.pool)
            .await?;
            if let Some(found) = found {
                return Ok(Some(found.try_get("id")?));
            }
        }
        let key = sorted_key(&name_key(row.name.as_str()));
        sqlx::query(
            "SELECT id FROM contacts WHERE team_id = $1 AND sorted_key = $2 \
             AND archived_at IS NULL AND ($3 IS NULL OR owner_id = $3) LIMIT 1",
        )
        .bind(scope.team_id)
        .bind(key)
        .bind(scope.owner_id)
        .fetch_optional(&self.pool)
        .await?
        .map(|row| row.try_get("id"))
        .transpose()
    }

    /// Stores one batch of imported rows, each created or merged, with `kind` already mapped
    /// to the team's types — all in one transaction.
    pub async fn import_batch(
        &self,
        team_id: i64,
        owner_id: i64,
        rows: &[(ImportAction, &ContactRow, Option<String>)],
        merge_note: &str,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for (action, row, kind) in rows {
            let id = match action {
                ImportAction::Create => {
                    let new = NewContact {
                        name: row.name.clone(),
                        phones: row.phones.clone(),
                        emails: row.emails.clone(),
                    };
                    let id = insert_contact(&mut tx, team_id, owner_id, &new, now).await?;
                    sqlx::query(
                        "UPDATE contacts SET region = $1, kind = $2, notes = $3, telegram = $4, \
                         birth_day = $5, birth_month = $6, birth_year = $7 WHERE id = $8",
                    )
                    .bind(row.region.as_deref())
                    .bind(kind.as_deref())
                    .bind(row.notes.as_deref())
                    .bind(row.telegram.as_ref().map(|t| t.as_str().to_owned()))
                    .bind(row.birthday.map(|b| i64::from(b.day)))
                    .bind(row.birthday.map(|b| i64::from(b.month)))
                    .bind(row.birthday.and_then(|b| b.year).map(i64::from))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
                ImportAction::MergeInto(id) => {
                    add_phones_and_emails(&mut tx, *id, &row.phones, &row.emails).await?;
                    insert_history(
                        &mut tx,
                        *id,
                        owner_id,
                        HistoryKind::Merged,
                        None,
                        Some(merge_note),
                        now,
                    )
                    .await?;
                    *id
                }
            };
            for tag in &row.tags {
                sqlx::query(
                    "INSERT INTO contact_tags (contact_id, tag) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(id)
                .bind(tag.as_str())
                .execute(&mut *tx)
                .await?;
            }
            if let Some(company) = &row.company {
                let company_id = company_in(&mut tx, team_id, owner_id, company, now).await?;
                sqlx::query(
                    "INSERT INTO company_contacts (company_id, contact_id) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(company_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await
    }
}

/// The team's company of that name (any case and spacing), created when there is none.
async fn company_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    owner_id: i64,
    name: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let key = name_key(name);
    let found =
        sqlx::query("SELECT id FROM companies WHERE team_id = $1 AND name_key = $2 LIMIT 1")
            .bind(team_id)
            .bind(&key)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some(found) = found {
        return found.try_get("id");
    }
    sqlx::query(
        "INSERT INTO companies (team_id, owner_id, name, name_key, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(team_id)
    .bind(owner_id)
    .bind(name)
    .bind(key)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")
}

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
        .fetch_one(&self.pool)
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
            .execute(&self.pool)
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
        .execute(&self.pool)
        .await?
        .rows_affected()
            == 1)
    }
}
