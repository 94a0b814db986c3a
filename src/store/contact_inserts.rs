//! Writing new contacts, one at a time or in bulk, with their phones, emails, name words and
//! first timeline entry.

use super::bulk::{Cell, insert_rows};
use super::database::Store;
use super::history::insert_history;
use crate::domain::search::{index_words, sorted_key};
use crate::domain::{Birthday, ContactName, Email, HistoryKind, Phone, name_key};
use sqlx::Row;

/// A contact as typed in the bot: a name, and the phones and emails given with it.
pub struct NewContact {
    pub name: ContactName,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
}

impl Store {
    /// Stores a contact with its phones, emails, search words and a "created" timeline entry,
    /// all or nothing.
    pub async fn create_contact(
        &self,
        team_id: i64,
        owner_id: i64,
        contact: &NewContact,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id = insert_contact(&mut tx, team_id, owner_id, contact, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores many contacts in one transaction (bulk loads: imports, benchmarks).
    pub async fn create_contacts(
        &self,
        team_id: i64,
        owner_id: i64,
        contacts: &[NewContact],
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for contact in contacts {
            insert_contact(&mut tx, team_id, owner_id, contact, now).await?;
        }
        tx.commit().await
    }
}

pub(super) async fn insert_contact(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    owner_id: i64,
    contact: &NewContact,
    now: i64,
) -> sqlx::Result<i64> {
    let key = name_key(contact.name.as_str());
    let id: i64 = sqlx::query(
        "INSERT INTO contacts (team_id, owner_id, name, name_key, sorted_key, created_by, \
         created_at, last_interaction_at) VALUES ($1, $2, $3, $4, $5, $2, $6, $6) RETURNING id",
    )
    .bind(team_id)
    .bind(owner_id)
    .bind(contact.name.as_str())
    .bind(&key)
    .bind(sorted_key(&key))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    insert_words(tx, id, &key).await?;
    add_phones_and_emails(tx, id, &contact.phones, &contact.emails).await?;
    insert_history(tx, id, owner_id, HistoryKind::Created, None, None, now).await?;
    Ok(id)
}

/// Adds phones and emails to a contact, skipping those it already has.
pub(super) async fn add_phones_and_emails(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    phones: &[Phone],
    emails: &[Email],
) -> sqlx::Result<()> {
    for phone in phones {
        sqlx::query(
            "INSERT INTO contact_phones (contact_id, phone, reversed_digits) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(phone.as_str())
        .bind(reversed_digits(phone))
        .execute(&mut **tx)
        .await?;
    }
    for email in emails {
        sqlx::query(
            "INSERT INTO contact_emails (contact_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(email.as_str())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A phone's digits last to first: `contact_phones` finds a number by its last digits with an
/// index range on them.
fn reversed_digits(phone: &Phone) -> String {
    phone
        .as_str()
        .chars()
        .rev()
        .filter(char::is_ascii_digit)
        .collect()
}

/// Indexes each distinct word of a name key for [`Store::contacts_by_word_ends`].
pub(super) async fn insert_words(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contact_id: i64,
    key: &str,
) -> sqlx::Result<()> {
    for (word, reversed) in index_words(key) {
        sqlx::query("INSERT INTO contact_words (contact_id, word, reversed) VALUES ($1, $2, $3)")
            .bind(contact_id)
            .bind(word)
            .bind(reversed)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A contact an import creates: its name and the card fields a file fills.
pub(super) struct ImportedContact<'a> {
    pub name: &'a str,
    pub region: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub telegram: Option<&'a str>,
    pub birthday: Option<Birthday>,
}

/// Stores many contacts at once with their search words, as [`insert_contact`] does one (the
/// caller adds their phones, emails and "created" entries, in bulk too), and returns their ids
/// in the order given. The ids come back with the names stored, in order; should a database
/// ever return them in another order, this fails rather than mix contacts up.
pub(super) async fn insert_contacts_bulk(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    owner_id: i64,
    contacts: &[ImportedContact<'_>],
    now: i64,
) -> sqlx::Result<Vec<i64>> {
    let keys: Vec<(String, String)> = contacts
        .iter()
        .map(|contact| {
            let key = name_key(contact.name);
            let sorted = sorted_key(&key);
            (key, sorted)
        })
        .collect();
    let mut cells = Vec::with_capacity(contacts.len() * 10);
    for (contact, (key, sorted)) in contacts.iter().zip(&keys) {
        cells.extend([
            Cell::Text(contact.name),
            Cell::Text(key),
            Cell::Text(sorted),
            Cell::MaybeText(contact.region),
            Cell::MaybeText(contact.kind),
            Cell::MaybeText(contact.notes),
            Cell::MaybeText(contact.telegram),
            Cell::MaybeInt(contact.birthday.map(|b| i64::from(b.day))),
            Cell::MaybeInt(contact.birthday.map(|b| i64::from(b.month))),
            Cell::MaybeInt(contact.birthday.and_then(|b| b.year).map(i64::from)),
        ]);
    }
    let rows = insert_rows(
        tx,
        "INSERT INTO contacts (team_id, owner_id, name, name_key, sorted_key, created_by, \
         created_at, last_interaction_at, region, kind, notes, telegram, birth_day, birth_month, \
         birth_year) VALUES ",
        "($1, $2, ?, ?, ?, $2, $3, $3, ?, ?, ?, ?, ?, ?, ?)",
        " RETURNING id, name",
        &[Cell::Int(team_id), Cell::Int(owner_id), Cell::Int(now)],
        &cells,
    )
    .await?;
    if rows.len() != contacts.len() {
        return Err(sqlx::Error::Protocol(format!(
            "{} contacts stored, {} ids returned",
            contacts.len(),
            rows.len()
        )));
    }
    let mut ids: Vec<i64> = Vec::with_capacity(rows.len());
    for (row, contact) in rows.iter().zip(contacts) {
        let id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        if name != contact.name || ids.last().is_some_and(|last| *last >= id) {
            return Err(sqlx::Error::Protocol(format!(
                "the ids of new contacts came back out of order: {id} {name:?} for {:?}",
                contact.name
            )));
        }
        ids.push(id);
    }
    let words: Vec<(i64, &str, String)> = (ids.iter().zip(&keys))
        .flat_map(|(id, (key, _))| {
            index_words(key)
                .into_iter()
                .map(|(word, reversed)| (*id, word, reversed))
        })
        .collect();
    let cells: Vec<Cell> = words
        .iter()
        .flat_map(|(id, word, reversed)| [Cell::Int(*id), Cell::Text(word), Cell::Text(reversed)])
        .collect();
    insert_rows(
        tx,
        "INSERT INTO contact_words (contact_id, word, reversed) VALUES ",
        "(?, ?, ?)",
        "",
        &[],
        &cells,
    )
    .await?;
    Ok(ids)
}

/// Adds phones and emails to many contacts at once, as [`add_phones_and_emails`] does to one.
pub(super) async fn add_phones_and_emails_bulk(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    contacts: &[(i64, &[Phone], &[Email])],
) -> sqlx::Result<()> {
    let phones: Vec<(i64, &str, String)> = contacts
        .iter()
        .flat_map(|(id, phones, _)| {
            (phones.iter()).map(|phone| (*id, phone.as_str(), reversed_digits(phone)))
        })
        .collect();
    let cells: Vec<Cell> = phones
        .iter()
        .flat_map(|(id, phone, reversed)| [Cell::Int(*id), Cell::Text(phone), Cell::Text(reversed)])
        .collect();
    insert_rows(
        tx,
        "INSERT INTO contact_phones (contact_id, phone, reversed_digits) VALUES ",
        "(?, ?, ?)",
        " ON CONFLICT DO NOTHING",
        &[],
        &cells,
    )
    .await?;
    let cells: Vec<Cell> = contacts
        .iter()
        .flat_map(|(id, _, emails)| {
            emails
                .iter()
                .flat_map(|email| [Cell::Int(*id), Cell::Text(email.as_str())])
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO contact_emails (contact_id, email) VALUES ",
        "(?, ?)",
        " ON CONFLICT DO NOTHING",
        &[],
        &cells,
    )
    .await?;
    Ok(())
}
