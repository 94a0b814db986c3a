//! What an import writes: which rows of a batch duplicate a contact (in the base or earlier in
//! the batch), and a batch stored created or merged, a few multi-row statements per table and
//! one transaction per batch, so a failure never leaves half a batch.

use super::bulk::{Cell, MAX_PARAMETERS, Statement, insert_rows};
use super::companies::insert_company;
use super::contact_inserts::{ImportedContact, add_phones_and_emails_bulk, insert_contacts_bulk};
use super::contacts::Scope;
use super::database::Store;
use super::history::insert_history_bulk;
use crate::domain::search::sorted_key;
use crate::domain::{ContactRow, Email, HistoryKind, Phone, name_key};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

/// What an import does with one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAction {
    Create,
    /// Adds the row's phones, emails, tags and company to this existing contact.
    MergeInto(i64),
    /// Adds them to the contact an earlier row of the same batch creates (its index there).
    MergeIntoRow(usize),
}

impl Store {
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
}
