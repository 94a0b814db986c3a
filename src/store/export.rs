//! What an export reads: the team's contacts and deals with everything a file of them shows.

use super::contacts::Contact;
use super::database::Store;
use crate::domain::Birthday;
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
                let birthday = Birthday::from_stored(
                    row.try_get("birth_day")?,
                    row.try_get("birth_month")?,
                    row.try_get("birth_year")?,
                );
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
}
