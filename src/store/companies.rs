//! Companies (counterparties) with their requisites, and their links to contacts.

use super::contacts::Scope;
use super::history::{HistoryKind, insert_company_history};
use super::{EditNote, Store};
use crate::domain::name_key;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Company {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    pub name: String,
    pub inn: Option<String>,
    pub kpp: Option<String>,
    pub legal_address: Option<String>,
    pub actual_address: Option<String>,
    pub bank_details: Option<String>,
    /// Linked contacts that are not archived, as (id, name).
    pub contacts: Vec<(i64, String)>,
}

/// A company field kept in one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyColumn {
    Name,
    Inn,
    Kpp,
    LegalAddress,
    ActualAddress,
    BankDetails,
}

impl CompanyColumn {
    fn update_sql(self) -> &'static str {
        match self {
            CompanyColumn::Name => "UPDATE companies SET name = $1 WHERE id = $2",
            CompanyColumn::Inn => "UPDATE companies SET inn = $1 WHERE id = $2",
            CompanyColumn::Kpp => "UPDATE companies SET kpp = $1 WHERE id = $2",
            CompanyColumn::LegalAddress => "UPDATE companies SET legal_address = $1 WHERE id = $2",
            CompanyColumn::ActualAddress => {
                "UPDATE companies SET actual_address = $1 WHERE id = $2"
            }
            CompanyColumn::BankDetails => "UPDATE companies SET bank_details = $1 WHERE id = $2",
        }
    }
}

impl Store {
    pub async fn create_company(
        &self,
        team_id: i64,
        owner_id: i64,
        name: &str,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO companies (team_id, owner_id, name, name_key, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(team_id)
        .bind(owner_id)
        .bind(name)
        .bind(name_key(name))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        insert_company_history(
            &mut tx,
            id,
            None,
            owner_id,
            HistoryKind::Created,
            None,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The company with the contacts linked to it that `viewer` may see (`None`: the whole
    /// team's, for the owner and leads; a manager sees only their own).
    pub async fn company(&self, id: i64, viewer: Option<i64>) -> sqlx::Result<Option<Company>> {
        let Some(row) = sqlx::query(
            "SELECT c.id, c.team_id, c.owner_id, c.name, c.inn, c.kpp, c.legal_address, \
             c.actual_address, c.bank_details, m.display_name AS owner_name \
             FROM companies c JOIN members m ON m.user_id = c.owner_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let contacts = sqlx::query(
            "SELECT c.id, c.name FROM company_contacts l JOIN contacts c ON c.id = l.contact_id \
             WHERE l.company_id = $1 AND c.archived_at IS NULL \
             AND ($2 IS NULL OR c.owner_id = $2) ORDER BY c.name",
        )
        .bind(id)
        .bind(viewer)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
        .collect::<sqlx::Result<Vec<_>>>()?;
        Ok(Some(Company {
            id: row.try_get("id")?,
            team_id: row.try_get("team_id")?,
            owner_id: row.try_get("owner_id")?,
            owner_name: row.try_get("owner_name")?,
            name: row.try_get("name")?,
            inn: row.try_get("inn")?,
            kpp: row.try_get("kpp")?,
            legal_address: row.try_get("legal_address")?,
            actual_address: row.try_get("actual_address")?,
            bank_details: row.try_get("bank_details")?,
            contacts,
        }))
    }

    /// The companies in `scope` as (id, name, name key), for ranking by name.
    pub async fn company_names(&self, scope: Scope) -> sqlx::Result<Vec<(i64, String, String)>> {
        sqlx::query(
            "SELECT id, name, name_key FROM companies \
             WHERE team_id = $1 AND ($2 IS NULL OR owner_id = $2) ORDER BY name LIMIT 10000",
        )
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("name_key")?)))
        .collect()
    }

    /// The companies a contact is linked to, as (id, name).
    pub async fn companies_of(&self, contact_id: i64) -> sqlx::Result<Vec<(i64, String)>> {
        sqlx::query(
            "SELECT c.id, c.name FROM company_contacts l JOIN companies c ON c.id = l.company_id \
             WHERE l.contact_id = $1 ORDER BY c.name",
        )
        .bind(contact_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
        .collect()
    }

    /// Writes one company field and notes it on the company's timeline.
    pub async fn edit_company_field(
        &self,
        id: i64,
        column: CompanyColumn,
        value: Option<&str>,
        actor: i64,
        note: EditNote<'_>,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(column.update_sql())
            .bind(value)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if let (CompanyColumn::Name, Some(name)) = (column, value) {
            sqlx::query("UPDATE companies SET name_key = $1 WHERE id = $2")
                .bind(name_key(name))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let body = format!("{} → {}", note.old, note.new);
        insert_company_history(
            &mut tx,
            id,
            None,
            actor,
            HistoryKind::Edited,
            Some(note.field),
            Some(&body),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Links a contact to a company, noting it on both timelines; `false` if already linked.
    pub async fn link_contact(
        &self,
        company_id: i64,
        contact_id: i64,
        company_name: &str,
        actor: i64,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let linked = sqlx::query(
            "INSERT INTO company_contacts (company_id, contact_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(company_id)
        .bind(contact_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if linked {
            insert_company_history(
                &mut tx,
                company_id,
                Some(contact_id),
                actor,
                HistoryKind::Linked,
                None,
                Some(company_name),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(linked)
    }
}
