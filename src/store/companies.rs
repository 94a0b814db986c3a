//! Companies (counterparties) with their requisites, and their links to contacts.

use super::contacts::Scope;
use super::database::Store;
use super::fields::EditNote;
use super::history::insert_company_history;
use super::words::WordIndex;
use crate::domain::search::index_words;
use crate::domain::{HistoryKind, name_key};
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
        let id = insert_company(&mut tx, team_id, owner_id, name, now).await?;
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

    /// Companies in `scope` that have, for each set in `word_sets`, a name word from that set,
    /// as (id, name, name key); at most `limit`, in no particular order (the caller ranks them).
    pub async fn companies_with_words(
        &self,
        scope: Scope,
        word_sets: &[Vec<String>],
        limit: i64,
    ) -> sqlx::Result<Vec<(i64, String, String)>> {
        if word_sets.is_empty() || word_sets.iter().any(Vec::is_empty) {
            return Ok(Vec::new());
        }
        let (ids, next) = WordIndex::Companies.ids_with_words(word_sets, 3);
        let sql = format!(
            "SELECT c.id, c.name, c.name_key FROM ({ids}) AS m \
             CROSS JOIN companies c WHERE c.id = m.id \
             AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) LIMIT ${next}"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(scope.team_id)
            .bind(scope.owner_id);
        for word in word_sets.iter().flatten() {
            query = query.bind(word);
        }
        query
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("name_key")?)))
            .collect()
    }

    /// A page of the companies in `scope` by name, as (id, name, INN), and how many there are.
    pub async fn companies_page(
        &self,
        scope: Scope,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<(Vec<(i64, String, Option<String>)>, i64)> {
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM companies WHERE team_id = $1 \
             AND ($2 IS NULL OR owner_id = $2)",
        )
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let page = sqlx::query(
            "SELECT id, name, inn FROM companies WHERE team_id = $1 \
             AND ($2 IS NULL OR owner_id = $2) ORDER BY name, id LIMIT $3 OFFSET $4",
        )
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("inn")?)))
        .collect::<sqlx::Result<_>>()?;
        Ok((page, total))
    }

    /// Companies in `scope` with this INN (as stored: its digits), as (id, name).
    pub async fn companies_by_inn(
        &self,
        scope: Scope,
        inn: &str,
    ) -> sqlx::Result<Vec<(i64, String)>> {
        sqlx::query(
            "SELECT id, name FROM companies WHERE team_id = $1 \
             AND ($2 IS NULL OR owner_id = $2) AND inn = $3 ORDER BY name LIMIT 20",
        )
        .bind(scope.team_id)
        .bind(scope.owner_id)
        .bind(inn)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
        .collect()
    }

    /// Indexes the names of the companies stored before the word index existed (or by a
    /// version that did not fill it): run on start, a no-op once every company has its words.
    pub async fn index_company_names(&self) -> sqlx::Result<()> {
        let unindexed = sqlx::query(
            "SELECT id, name_key FROM companies c WHERE name_key <> '' AND NOT EXISTS \
             (SELECT 1 FROM company_words w WHERE w.company_id = c.id)",
        )
        .fetch_all(&self.pool)
        .await?;
        if unindexed.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        for row in &unindexed {
            let key: String = row.try_get("name_key")?;
            insert_company_words(&mut tx, row.try_get("id")?, &key).await?;
        }
        tx.commit().await
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
            let key = name_key(name);
            sqlx::query("UPDATE companies SET name_key = $1 WHERE id = $2")
                .bind(&key)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM company_words WHERE company_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            insert_company_words(&mut tx, id, &key).await?;
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

/// Stores a new company and indexes its name words; its "created" timeline entry is the
/// caller's.
pub(super) async fn insert_company(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    owner_id: i64,
    name: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let key = name_key(name);
    let id: i64 = sqlx::query(
        "INSERT INTO companies (team_id, owner_id, name, name_key, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(team_id)
    .bind(owner_id)
    .bind(name)
    .bind(&key)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    insert_company_words(tx, id, &key).await?;
    Ok(id)
}

async fn insert_company_words(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    company_id: i64,
    key: &str,
) -> sqlx::Result<()> {
    for (word, reversed) in index_words(key) {
        sqlx::query("INSERT INTO company_words (company_id, word, reversed) VALUES ($1, $2, $3)")
            .bind(company_id)
            .bind(word)
            .bind(reversed)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
