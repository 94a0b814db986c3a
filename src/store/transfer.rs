//! Bulk reads and writes for files: the contacts and deals an export writes, and the batches
//! an import stores (one transaction per batch, so a failure never leaves half a batch).

use super::companies::insert_company;
use super::contacts::{ImportedContact, add_phones_and_emails_bulk, insert_contacts_bulk};
use super::history::insert_history_bulk;
use super::{Contact, Scope, Store};
use crate::domain::search::sorted_key;
use crate::domain::{Birthday, ContactRow, Email, HistoryKind, Phone, name_key};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

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
    /// Adds the row's phones, emails, tags and company to this existing contact.
    MergeInto(i64),
    /// Adds them to the contact an earlier row of the same batch creates (its index there).
    MergeIntoRow(usize),
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

    /// What each row of a batch duplicates, if anything: a contact in `scope` (not archived)
    /// with one of the row's phones, else one of its emails, else the same name in any word
    /// order (`MergeInto`) — or, by the same rules, an earlier row of the batch that duplicates
    /// nothing and so is created (`MergeIntoRow`, its index in `rows`). With `merging`, a row
    /// merged into a contact brings its phones and emails along, so later rows find that
    /// contact by them too. A manager's scope is their
    /// own base, so an import's counts never tell what a colleague's base holds.
    ///
    /// Four queries per batch (more only for a batch whose values outgrow one statement),
    /// whatever its size; earlier batches are in the base already.
    pub async fn import_duplicates(
        &self,
        scope: Scope,
        rows: &[ContactRow],
        merging: bool,
    ) -> sqlx::Result<Vec<Option<ImportAction>>> {
        let keys: Vec<String> = rows
            .iter()
            .map(|row| sorted_key(&name_key(row.name.as_str())))
            .collect();
        let phones = distinct(
            rows.iter()
                .flat_map(|row| row.phones.iter().map(|p| p.as_str())),
        );
        let emails = distinct(
            rows.iter()
                .flat_map(|row| row.emails.iter().map(|e| e.as_str())),
        );
        let names = distinct(keys.iter().map(String::as_str));
        let pairs = |rows: Vec<AnyRow>| -> sqlx::Result<Vec<(String, i64)>> {
            rows.iter()
                .map(|row| Ok((row.try_get("value")?, row.try_get("id")?)))
                .collect()
        };
        let scope = [Cell::Int(scope.team_id), Cell::MaybeInt(scope.owner_id)];
        let by_phone = pairs(self.lookup(PHONE_HOLDERS, &[], &texts(&phones)).await?)?;
        let by_email = pairs(self.lookup(EMAIL_HOLDERS, &[], &texts(&emails)).await?)?;
        let by_name = pairs(self.lookup(SAME_NAMES, &scope, &texts(&names)).await?)?;
        let held: HashSet<i64> = by_phone
            .iter()
            .chain(&by_email)
            .map(|(_, id)| *id)
            .collect();
        let held: Vec<Cell> = held.into_iter().map(Cell::Int).collect();
        let mut in_scope = HashSet::new();
        for row in self.lookup(IN_SCOPE, &scope, &held).await? {
            in_scope.insert(row.try_get::<i64, _>("id")?);
        }
        let stored = Stored {
            phones: lowest(by_phone.into_iter().filter(|(_, id)| in_scope.contains(id))),
            emails: lowest(by_email.into_iter().filter(|(_, id)| in_scope.contains(id))),
            names: lowest(by_name.into_iter()),
        };
        Ok(plan_duplicates(rows, &keys, &stored, merging))
    }

    /// The rows `sql` finds for `values`, its `{values}` list, in as many statements as the
    /// parameter limits need; `fixed` are its `$1`, `$2`…
    async fn lookup(
        &self,
        sql: &str,
        fixed: &[Cell<'_>],
        values: &[Cell<'_>],
    ) -> sqlx::Result<Vec<AnyRow>> {
        let (before, after) = sql.split_once("{values}").expect("a {values} list");
        let mut rows = Vec::new();
        for chunk in values.chunks(MAX_PARAMETERS - 2 * fixed.len()) {
            let mut statement = Statement::new(self.is_sqlite, fixed.len());
            statement.push(before);
            statement.push_list(chunk.len());
            statement.push(after);
            rows.extend(statement.query(fixed, chunk).fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }

    /// Stores one batch of imported rows, each created or merged, with `kind` already mapped
    /// to the team's types — all in one transaction, a few multi-row statements per table
    /// whatever the number of rows.
    pub async fn import_batch(
        &self,
        team_id: i64,
        owner_id: i64,
        rows: &[(ImportAction, &ContactRow, Option<String>)],
        merge_note: &str,
        now: i64,
    ) -> sqlx::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        let new: Vec<ImportedContact> = rows
            .iter()
            .filter(|(action, _, _)| *action == ImportAction::Create)
            .map(|(_, row, kind)| ImportedContact {
                name: row.name.as_str(),
                region: row.region.as_deref(),
                kind: kind.as_deref(),
                notes: row.notes.as_deref(),
                telegram: row.telegram.as_ref().map(|t| t.as_str()),
                birthday: row.birthday,
            })
            .collect();
        let mut created = insert_contacts_bulk(&mut tx, team_id, owner_id, &new, now)
            .await?
            .into_iter();
        let mut ids: Vec<i64> = Vec::with_capacity(rows.len());
        for (index, (action, _, _)) in rows.iter().enumerate() {
            let id = match *action {
                ImportAction::Create => created.next(),
                ImportAction::MergeInto(id) => Some(id),
                ImportAction::MergeIntoRow(earlier) if earlier < index => Some(ids[earlier]),
                ImportAction::MergeIntoRow(_) => None,
            };
            ids.push(id.ok_or_else(|| {
                sqlx::Error::Protocol(format!("import row {index} merges into no earlier row"))
            })?);
        }
        let details: Vec<(i64, &[Phone], &[Email])> = ids
            .iter()
            .zip(rows)
            .map(|(id, (_, row, _))| (*id, row.phones.as_slice(), row.emails.as_slice()))
            .collect();
        add_phones_and_emails_bulk(&mut tx, &details).await?;
        let entries: Vec<(i64, HistoryKind, Option<&str>)> = ids
            .iter()
            .zip(rows)
            .map(|(id, (action, _, _))| match action {
                ImportAction::Create => (*id, HistoryKind::Created, None),
                _ => (*id, HistoryKind::Merged, Some(merge_note)),
            })
            .collect();
        insert_history_bulk(&mut tx, owner_id, &entries, now).await?;
        let mut tags = Vec::new();
        for (id, (_, row, _)) in ids.iter().zip(rows) {
            for tag in &row.tags {
                tags.extend([Cell::Int(*id), Cell::Text(tag.as_str())]);
            }
        }
        insert_rows(
            &mut tx,
            "INSERT INTO contact_tags (contact_id, tag) VALUES ",
            "(?, ?)",
            " ON CONFLICT DO NOTHING",
            &[],
            &tags,
        )
        .await?;
        let names: Vec<&str> = rows
            .iter()
            .filter_map(|(_, row, _)| row.company.as_deref())
            .collect();
        let companies = companies_in(&mut tx, team_id, owner_id, &names, now).await?;
        let mut links = Vec::new();
        for (id, (_, row, _)) in ids.iter().zip(rows) {
            if let Some(company) = &row.company {
                let company_id = companies.get(&name_key(company)).copied().ok_or_else(|| {
                    sqlx::Error::Protocol(format!("no company {company:?} after creating it"))
                })?;
                links.extend([Cell::Int(company_id), Cell::Int(*id)]);
            }
        }
        insert_rows(
            &mut tx,
            "INSERT INTO company_contacts (company_id, contact_id) VALUES ",
            "(?, ?)",
            " ON CONFLICT DO NOTHING",
            &[],
            &links,
        )
        .await?;
        tx.commit().await
    }
}

// The holders of a batch's phones and emails are found wherever they are, and only then kept
// to the importer's scope: no join for a planner to get wrong on a base that has outgrown its
// statistics (a scan of the contacts per phone would make an import quadratic). `$1` is the
// team, `$2` the owner or NULL, `{values}` the batch's list.
const PHONE_HOLDERS: &str =
    "SELECT phone AS value, contact_id AS id FROM contact_phones WHERE phone IN ({values})";
const EMAIL_HOLDERS: &str =
    "SELECT email AS value, contact_id AS id FROM contact_emails WHERE email IN ({values})";
const IN_SCOPE: &str = "SELECT id FROM contacts WHERE id IN ({values}) AND team_id = $1 \
     AND archived_at IS NULL AND ($2 IS NULL OR owner_id = $2)";
const SAME_NAMES: &str = "SELECT sorted_key AS value, id FROM contacts WHERE team_id = $1 \
     AND sorted_key IN ({values}) AND archived_at IS NULL AND ($2 IS NULL OR owner_id = $2)";

/// The lowest id found for each value: the oldest contact holding it.
fn lowest(found: impl Iterator<Item = (String, i64)>) -> HashMap<String, i64> {
    let mut map: HashMap<String, i64> = HashMap::new();
    for (value, id) in found {
        map.entry(value)
            .and_modify(|lowest| *lowest = (*lowest).min(id))
            .or_insert(id);
    }
    map
}

/// The lowest id of the contacts in the base holding each phone, email and sorted name key.
#[derive(Debug, Default)]
struct Stored {
    phones: HashMap<String, i64>,
    emails: HashMap<String, i64>,
    names: HashMap<String, i64>,
}

fn texts<'a>(values: &[&'a str]) -> Vec<Cell<'a>> {
    values.iter().map(|value| Cell::Text(value)).collect()
}

/// Each value once, in the order first met.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    values.filter(|value| seen.insert(*value)).collect()
}

/// What each row duplicates (see [`Store::import_duplicates`]), given what the base holds and
/// each row's sorted name key. The base comes first for each value, as its contacts are older
/// than any row; between rows, the earliest.
fn plan_duplicates(
    rows: &[ContactRow],
    keys: &[String],
    stored: &Stored,
    merging: bool,
) -> Vec<Option<ImportAction>> {
    let mut phones: HashMap<&str, ImportAction> = HashMap::new();
    let mut emails: HashMap<&str, ImportAction> = HashMap::new();
    let mut names: HashMap<&str, ImportAction> = HashMap::new();
    let in_base = |map: &HashMap<String, i64>, value: &str| {
        map.get(value).map(|id| ImportAction::MergeInto(*id))
    };
    let mut plan = Vec::with_capacity(rows.len());
    for (index, (row, key)) in rows.iter().zip(keys).enumerate() {
        let found = row
            .phones
            .iter()
            .find_map(|phone| {
                in_base(&stored.phones, phone.as_str())
                    .or_else(|| phones.get(phone.as_str()).copied())
            })
            .or_else(|| {
                row.emails.iter().find_map(|email| {
                    in_base(&stored.emails, email.as_str())
                        .or_else(|| emails.get(email.as_str()).copied())
                })
            })
            .or_else(|| in_base(&stored.names, key).or_else(|| names.get(key.as_str()).copied()));
        // A created row is found by all it holds; a merged one adds its phones and emails to
        // the contact it goes into; a skipped one stores nothing.
        let holder = match found {
            None => {
                let this = ImportAction::MergeIntoRow(index);
                names.entry(key.as_str()).or_insert(this);
                Some(this)
            }
            Some(target) if merging => Some(target),
            Some(_) => None,
        };
        if let Some(holder) = holder {
            for phone in &row.phones {
                phones.entry(phone.as_str()).or_insert(holder);
            }
            for email in &row.emails {
                emails.entry(email.as_str()).or_insert(holder);
            }
        }
        plan.push(found);
    }
    plan
}

/// A value bound in a multi-row statement.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'a> {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(&'a str),
    MaybeText(Option<&'a str>),
}

/// The most values one statement binds: under SQLite's limit (32 766) and PostgreSQL's
/// (65 535).
pub(super) const MAX_PARAMETERS: usize = 30_000;

/// A statement being written, its placeholders numbered for PostgreSQL and anonymous for
/// SQLite: SQLite finds a numbered or named parameter by a linear search of the statement's,
/// so one with thousands of them would take quadratic time to prepare and bind.
#[derive(Debug)]
struct Statement {
    sql: String,
    sqlite: bool,
    /// Values bound to every row or list (`$1`, `$2`…).
    fixed: usize,
    /// Values of the rows or lists (`?`) so far.
    values: usize,
    /// On SQLite, what each placeholder takes, in order: a fixed value, then the values.
    order: Vec<usize>,
}

impl Statement {
    fn new(sqlite: bool, fixed: usize) -> Self {
        Self {
            sql: String::new(),
            sqlite,
            fixed,
            values: 0,
            order: Vec::new(),
        }
    }

    /// Appends SQL in which `$k` is the k-th fixed value and each `?` takes the next value.
    fn push(&mut self, template: &str) {
        let mut rest = template;
        while let Some(at) = rest.find(['$', '?']) {
            self.sql.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            if rest[at..].starts_with('?') {
                self.placeholder(self.fixed + self.values);
                self.values += 1;
                rest = after;
            } else {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                let k: usize = after[..digits].parse().unwrap_or(0);
                assert!(
                    (1..=self.fixed).contains(&k),
                    "${k} with {} fixed values",
                    self.fixed
                );
                self.placeholder(k - 1);
                rest = &after[digits..];
            }
        }
        self.sql.push_str(rest);
    }

    /// Appends `?, ?, …`: the next `count` values.
    fn push_list(&mut self, count: usize) {
        for n in 0..count {
            self.push(if n == 0 { "?" } else { ", ?" });
        }
    }

    fn placeholder(&mut self, index: usize) {
        if self.sqlite {
            self.sql.push('?');
            self.order.push(index);
        } else {
            self.sql.push('$');
            self.sql.push_str(&(index + 1).to_string());
        }
    }

    /// The statement with `fixed` and `values` bound.
    fn query(
        self,
        fixed: &[Cell<'_>],
        values: &[Cell<'_>],
    ) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
        assert_eq!((fixed.len(), values.len()), (self.fixed, self.values));
        let cell = |index: usize| match index.checked_sub(fixed.len()) {
            None => fixed[index],
            Some(value) => values[value],
        };
        let order: Vec<usize> = if self.sqlite {
            self.order
        } else {
            (0..self.fixed + self.values).collect()
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(self.sql)).persistent(false);
        for index in order {
            query = match cell(index) {
                Cell::Int(value) => query.bind(value),
                Cell::MaybeInt(value) => query.bind(value),
                Cell::Text(value) => query.bind(value),
                Cell::MaybeText(value) => query.bind(value),
            };
        }
        query
    }
}

/// Runs `head (row), (row)… tail` over `cells`, in as few statements as [`MAX_PARAMETERS`]
/// allows, and returns the rows they return (with `RETURNING`), in order. In `row`, `$k` is
/// the k-th of `fixed` and each `?` takes the row's next cell, so a row has as many cells as
/// `row` has `?`.
pub(super) async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    row: &str,
    tail: &str,
    fixed: &[Cell<'_>],
    cells: &[Cell<'_>],
) -> sqlx::Result<Vec<AnyRow>> {
    let width = row.matches('?').count();
    assert!(
        width > 0 && cells.len().is_multiple_of(width),
        "{} cells for rows of {width}",
        cells.len()
    );
    let sqlite = tx.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME;
    // On SQLite a fixed value is bound again wherever it appears.
    let per_row = width + row.matches('$').count();
    let rows_per_statement = (MAX_PARAMETERS - fixed.len()) / per_row;
    let mut returned = Vec::new();
    for chunk in cells.chunks(rows_per_statement * width) {
        let mut statement = Statement::new(sqlite, fixed.len());
        statement.push(head);
        for n in 0..chunk.len() / width {
            if n > 0 {
                statement.push(", ");
            }
            statement.push(row);
        }
        statement.push(tail);
        returned.extend(statement.query(fixed, chunk).fetch_all(&mut **tx).await?);
    }
    Ok(returned)
}

/// The team's companies named as in `names` (any case and spacing), by name key; those the
/// team has none of are created, named as first written.
async fn companies_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    owner_id: i64,
    names: &[&str],
    now: i64,
) -> sqlx::Result<HashMap<String, i64>> {
    let mut wanted: Vec<(String, &str)> = Vec::new();
    let mut seen = HashSet::new();
    for name in names {
        let key = name_key(name);
        if seen.insert(key.clone()) {
            wanted.push((key, name));
        }
    }
    let sqlite = tx.backend_name() == <sqlx::Sqlite as sqlx::Database>::NAME;
    let mut existing = Vec::new();
    for chunk in wanted.chunks(MAX_PARAMETERS - 1) {
        let mut statement = Statement::new(sqlite, 1);
        statement.push("SELECT name_key, id FROM companies WHERE team_id = $1 AND name_key IN (");
        statement.push_list(chunk.len());
        statement.push(")");
        let keys: Vec<Cell> = chunk.iter().map(|(key, _)| Cell::Text(key)).collect();
        for row in statement
            .query(&[Cell::Int(team_id)], &keys)
            .fetch_all(&mut **tx)
            .await?
        {
            existing.push((row.try_get("name_key")?, row.try_get("id")?));
        }
    }
    let mut found = lowest(existing.into_iter());
    for (key, name) in wanted {
        if let Entry::Vacant(missing) = found.entry(key) {
            missing.insert(insert_company(tx, team_id, owner_id, name, now).await?);
        }
    }
    Ok(found)
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
        .fetch_one(&self.writer)
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
            .execute(&self.writer)
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
        .execute(&self.writer)
        .await?
        .rows_affected()
            == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ContactName;

    /// A row with a name, phones and emails.
    fn row(name: &str, phones: &[&str], emails: &[&str]) -> ContactRow {
        ContactRow {
            phones: phones.iter().map(|p| Phone::parse(p).unwrap()).collect(),
            emails: emails.iter().map(|e| Email::parse(e).unwrap()).collect(),
            ..ContactRow::new(0, ContactName::parse(name).unwrap())
        }
    }

    fn plan(rows: &[ContactRow], stored: &Stored, merging: bool) -> Vec<Option<ImportAction>> {
        let keys: Vec<String> = rows
            .iter()
            .map(|row| sorted_key(&name_key(row.name.as_str())))
            .collect();
        plan_duplicates(rows, &keys, stored, merging)
    }

    fn rows() -> Vec<ContactRow> {
        vec![
            row("Ivan Petrov", &["+79991110001"], &["ivan@example.com"]),
            // The first row's phone, its email, its name in another order.
            row("Ivan Double", &["+79991110001"], &[]),
            row("Ivan Mail", &["+79991110002"], &["ivan@example.com"]),
            row("Petrov Ivan", &[], &[]),
            // Only the phone the third row brought along.
            row("Other Person", &["+79991110002"], &[]),
        ]
    }

    #[test]
    fn rows_repeating_an_earlier_row_of_the_batch_are_its_duplicates() {
        let earlier = Some(ImportAction::MergeIntoRow(0));
        // Skipped, the third row brings nothing along: the fifth is new.
        assert_eq!(
            plan(&rows(), &Stored::default(), false),
            [None, earlier, earlier, earlier, None]
        );
        // Merged, its phone leads to the first row.
        assert_eq!(
            plan(&rows(), &Stored::default(), true),
            [None, earlier, earlier, earlier, earlier]
        );
    }

    #[test]
    fn the_base_comes_first_then_phones_then_emails_then_names() {
        let mut stored = Stored::default();
        stored.emails.insert("ivan@example.com".into(), 7);
        stored.names.insert("ivan petrov".into(), 9);
        let in_base = |id| Some(ImportAction::MergeInto(id));
        // The first row is in the base by its email (before its name). Merged, it brings its
        // phone to contact 7, where the second row finds it; skipped, it leaves nothing behind
        // and the second row is new. The third is in the base by its email, the fourth by its
        // name; the fifth has the third's phone, brought to contact 7 only by a merge.
        assert_eq!(
            plan(&rows(), &stored, true),
            [in_base(7), in_base(7), in_base(7), in_base(9), in_base(7)]
        );
        assert_eq!(
            plan(&rows(), &stored, false),
            [in_base(7), None, in_base(7), in_base(9), None]
        );
        // A phone anywhere in the row beats an email or a name.
        let mut stored = Stored::default();
        stored.phones.insert("+79991110002".into(), 3);
        stored.emails.insert("ivan@example.com".into(), 7);
        let rows = [row(
            "Ivan Petrov",
            &["+79991110009", "+79991110002"],
            &["ivan@example.com"],
        )];
        assert_eq!(plan(&rows, &stored, true), [in_base(3)]);
    }

    #[test]
    fn placeholders_are_numbered_for_postgresql_and_anonymous_for_sqlite() {
        for sqlite in [false, true] {
            let mut statement = Statement::new(sqlite, 2);
            statement.push("INSERT INTO t VALUES ");
            statement.push("($2, ?, $1, ?)");
            statement.push(", ($2, ?, $1, ?)");
            statement.push(" WHERE x IN (");
            statement.push_list(3);
            statement.push(")");
            if sqlite {
                assert_eq!(
                    statement.sql,
                    "INSERT INTO t VALUES (?, ?, ?, ?), (?, ?, ?, ?) WHERE x IN (?, ?, ?)"
                );
                assert_eq!(statement.order, [1, 2, 0, 3, 1, 4, 0, 5, 6, 7, 8]);
            } else {
                assert_eq!(
                    statement.sql,
                    "INSERT INTO t VALUES ($2, $3, $1, $4), ($2, $5, $1, $6) \
                     WHERE x IN ($7, $8, $9)"
                );
            }
            assert_eq!(statement.values, 7);
        }
    }
}
