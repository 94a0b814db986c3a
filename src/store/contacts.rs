//! Contacts with their phones and emails, and the queries `/find` narrows candidates with.

use super::Store;
use super::history::insert_history;
use super::words::WordIndex;
use crate::domain::search::{index_words, sorted_key};
use crate::domain::{Birthday, ContactName, Email, HistoryKind, Phone, name_key};
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
    /// Deleted contacts are archived: hidden from search, restorable by the owner or a lead.
    pub archived: bool,
    pub telegram: Option<String>,
    pub kind: Option<String>,
    pub region: Option<String>,
    pub priority: Option<String>,
    pub birthday: Option<Birthday>,
    pub time_zone: Option<String>,
    /// Opted in to mailings.
    pub subscribed: bool,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    /// (field id, field name, value) of each filled custom field.
    pub custom: Vec<(i64, String, String)>,
}

/// What two contacts listed as duplicates have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateReason {
    Phone,
    Email,
    Name,
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

// Search queries find matching ids through an index first and only then join the contacts:
// `CROSS JOIN` keeps SQLite from starting at the (unselective) team index instead.
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

    pub async fn contact(&self, id: i64) -> sqlx::Result<Option<Contact>> {
        let Some(row) = sqlx::query(
            "SELECT c.id, c.team_id, c.owner_id, c.name, c.archived_at, c.telegram, c.kind, \
             c.region, c.priority, c.birth_day, c.birth_month, c.birth_year, c.time_zone, \
             c.subscribed, c.notes, m.display_name AS owner_name \
             FROM contacts c JOIN members m ON m.user_id = c.owner_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        // Phones, emails and tags in one round trip, each list in order.
        let (mut phones, mut emails, mut tags) = (Vec::new(), Vec::new(), Vec::new());
        for detail in sqlx::query(
            "SELECT 'p' AS k, phone AS v FROM contact_phones WHERE contact_id = $1 \
             UNION ALL SELECT 'e', email FROM contact_emails WHERE contact_id = $1 \
             UNION ALL SELECT 't', tag FROM contact_tags WHERE contact_id = $1 ORDER BY 1, 2",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        {
            let value: String = detail.try_get("v")?;
            match detail.try_get::<String, _>("k")?.as_str() {
                "p" => phones.push(value),
                "e" => emails.push(value),
                _ => tags.push(value),
            }
        }
        let custom = sqlx::query(
            "SELECT f.id, f.name, v.value FROM contact_custom_values v \
             JOIN custom_fields f ON f.id = v.field_id WHERE v.contact_id = $1 ORDER BY f.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("value")?)))
        .collect::<sqlx::Result<Vec<_>>>()?;
        let birthday = Birthday::from_stored(
            row.try_get("birth_day")?,
            row.try_get("birth_month")?,
            row.try_get("birth_year")?,
        );
        Ok(Some(Contact {
            id: row.try_get("id")?,
            team_id: row.try_get("team_id")?,
            owner_id: row.try_get("owner_id")?,
            owner_name: row.try_get("owner_name")?,
            name: row.try_get("name")?,
            phones,
            emails,
            archived: row.try_get::<Option<i64>, _>("archived_at")?.is_some(),
            telegram: row.try_get("telegram")?,
            kind: row.try_get("kind")?,
            region: row.try_get("region")?,
            priority: row.try_get("priority")?,
            birthday,
            time_zone: row.try_get("time_zone")?,
            subscribed: row.try_get::<i64, _>("subscribed")? != 0,
            notes: row.try_get("notes")?,
            tags,
            custom,
        }))
    }

    /// Adds phones and emails to an existing contact (a duplicate's details merged into it),
    /// noting `note` on its timeline.
    pub async fn add_details(
        &self,
        id: i64,
        phones: &[Phone],
        emails: &[Email],
        actor: i64,
        note: &str,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        add_phones_and_emails(&mut tx, id, phones, emails).await?;
        insert_history(
            &mut tx,
            id,
            actor,
            HistoryKind::Merged,
            None,
            Some(note),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Merges contact `drop` into `keep`: phones, emails and the whole timeline move over,
    /// the merge is noted, and `drop` is gone. One transaction.
    pub async fn merge_contacts(
        &self,
        keep: i64,
        drop: i64,
        actor: i64,
        note: &str,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for sql in [
            "INSERT INTO contact_phones (contact_id, phone, reversed_digits) \
             SELECT $1, phone, reversed_digits FROM contact_phones WHERE contact_id = $2 \
             ON CONFLICT DO NOTHING",
            "INSERT INTO contact_emails (contact_id, email) \
             SELECT $1, email FROM contact_emails WHERE contact_id = $2 ON CONFLICT DO NOTHING",
            "INSERT INTO contact_tags (contact_id, tag) \
             SELECT $1, tag FROM contact_tags WHERE contact_id = $2 ON CONFLICT DO NOTHING",
            "INSERT INTO contact_custom_values (contact_id, field_id, value) \
             SELECT $1, field_id, value FROM contact_custom_values WHERE contact_id = $2 \
             ON CONFLICT DO NOTHING",
            "INSERT INTO company_contacts (company_id, contact_id) \
             SELECT company_id, $1 FROM company_contacts WHERE contact_id = $2 \
             ON CONFLICT DO NOTHING",
            "UPDATE history SET contact_id = $1 WHERE contact_id = $2",
        ] {
            sqlx::query(sql)
                .bind(keep)
                .bind(drop)
                .execute(&mut *tx)
                .await?;
        }
        for sql in [
            "DELETE FROM contact_phones WHERE contact_id = $1",
            "DELETE FROM contact_emails WHERE contact_id = $1",
            "DELETE FROM contact_words WHERE contact_id = $1",
            "DELETE FROM contact_tags WHERE contact_id = $1",
            "DELETE FROM contact_custom_values WHERE contact_id = $1",
            "DELETE FROM company_contacts WHERE contact_id = $1",
            "DELETE FROM contacts WHERE id = $1",
        ] {
            sqlx::query(sql).bind(drop).execute(&mut *tx).await?;
        }
        insert_history(
            &mut tx,
            keep,
            actor,
            HistoryKind::Merged,
            None,
            Some(note),
            now,
        )
        .await?;
        tx.commit().await
    }

    /// Pairs of the team's active contacts that share a phone, an email or a name (in any word
    /// order and script), the older contact first; at most `limit`.
    pub async fn duplicate_pairs(
        &self,
        team_id: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<(i64, i64, DuplicateReason)>> {
        let mut pairs = Vec::new();
        for (reason, sql) in [
            (
                DuplicateReason::Phone,
                "SELECT a.contact_id AS a, b.contact_id AS b FROM contact_phones a \
                 JOIN contact_phones b ON b.phone = a.phone AND b.contact_id > a.contact_id \
                 JOIN contacts ca ON ca.id = a.contact_id JOIN contacts cb ON cb.id = b.contact_id \
                 WHERE ca.team_id = $1 AND cb.team_id = $1 \
                 AND ca.archived_at IS NULL AND cb.archived_at IS NULL LIMIT $2",
            ),
            (
                DuplicateReason::Email,
                "SELECT a.contact_id AS a, b.contact_id AS b FROM contact_emails a \
                 JOIN contact_emails b ON b.email = a.email AND b.contact_id > a.contact_id \
                 JOIN contacts ca ON ca.id = a.contact_id JOIN contacts cb ON cb.id = b.contact_id \
                 WHERE ca.team_id = $1 AND cb.team_id = $1 \
                 AND ca.archived_at IS NULL AND cb.archived_at IS NULL LIMIT $2",
            ),
            (
                DuplicateReason::Name,
                "SELECT a.id AS a, b.id AS b FROM contacts a \
                 JOIN contacts b ON b.team_id = a.team_id AND b.sorted_key = a.sorted_key AND b.id > a.id \
                 WHERE a.team_id = $1 AND a.archived_at IS NULL AND b.archived_at IS NULL LIMIT $2",
            ),
        ] {
            for row in sqlx::query(sql)
                .bind(team_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?
            {
                let pair = (row.try_get("a")?, row.try_get("b")?);
                if !pairs.iter().any(|(a, b, _)| (*a, *b) == pair) {
                    pairs.push((pair.0, pair.1, reason));
                }
            }
        }
        pairs.truncate(limit as usize);
        Ok(pairs)
    }

    /// Archives (`archived`) or restores a contact, noting it on the timeline.
    pub async fn set_archived(
        &self,
        id: i64,
        archived: bool,
        actor: i64,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE contacts SET archived_at = $1 WHERE id = $2")
            .bind(archived.then_some(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let kind = if archived {
            HistoryKind::Archived
        } else {
            HistoryKind::Restored
        };
        insert_history(&mut tx, id, actor, kind, None, None, now).await?;
        tx.commit().await
    }

    /// A page of the team's archived contacts, most recently archived first, and how many
    /// there are in all.
    pub async fn archived_contacts(
        &self,
        team_id: i64,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<(Vec<ContactHit>, i64)> {
        let total: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM contacts WHERE team_id = $1 AND archived_at IS NOT NULL",
        )
        .bind(team_id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        let page = hits(
            sqlx::query(
                "SELECT id, name, name_key FROM contacts \
                 WHERE team_id = $1 AND archived_at IS NOT NULL \
                 ORDER BY archived_at DESC, id DESC LIMIT $2 OFFSET $3",
            )
            .bind(team_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?,
        )?;
        Ok((page, total))
    }

    /// Contacts in `scope` with a phone ending in `digits` (the full number or its tail).
    pub async fn contacts_by_phone_digits(
        &self,
        scope: Scope,
        digits: &str,
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        let reversed: String = digits.chars().rev().collect();
        hits(
            sqlx::query(
                "SELECT c.id, c.name, c.name_key FROM \
                 (SELECT DISTINCT contact_id FROM contact_phones \
                  WHERE reversed_digits >= $3 AND reversed_digits < $4) AS m \
                 CROSS JOIN contacts c WHERE c.id = m.contact_id \
                 AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
                 ORDER BY c.name LIMIT $5",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(&reversed)
            .bind(prefix_end(&reversed))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Contacts in `scope` linked to any of the companies `company_ids`.
    pub async fn contacts_of_companies(
        &self,
        scope: Scope,
        company_ids: &[i64],
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        let mut hits_found = Vec::new();
        for company_id in company_ids {
            hits_found.extend(hits(
                sqlx::query(
                    "SELECT c.id, c.name, c.name_key FROM \
                     (SELECT contact_id FROM company_contacts WHERE company_id = $3) AS m \
                     CROSS JOIN contacts c WHERE c.id = m.contact_id \
                     AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) \
                     AND c.archived_at IS NULL ORDER BY c.name LIMIT $4",
                )
                .bind(scope.team_id)
                .bind(scope.owner_id)
                .bind(company_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?,
            )?);
        }
        Ok(hits_found)
    }

    /// Contacts in `scope` tagged `tag`.
    pub async fn contacts_by_tag(
        &self,
        scope: Scope,
        tag: &str,
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        hits(
            sqlx::query(
                "SELECT c.id, c.name, c.name_key FROM \
                 (SELECT contact_id FROM contact_tags WHERE tag = $3) AS m \
                 CROSS JOIN contacts c WHERE c.id = m.contact_id \
                 AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
                 ORDER BY c.name LIMIT $4",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(tag)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Contacts in `scope` with an email starting with `prefix` (lower case).
    pub async fn contacts_by_email(
        &self,
        scope: Scope,
        prefix: &str,
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        hits(
            sqlx::query(
                "SELECT c.id, c.name, c.name_key FROM \
                 (SELECT DISTINCT contact_id FROM contact_emails \
                  WHERE email >= $3 AND email < $4) AS m \
                 CROSS JOIN contacts c WHERE c.id = m.contact_id \
                 AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
                 ORDER BY c.name LIMIT $5",
            )
            .bind(scope.team_id)
            .bind(scope.owner_id)
            .bind(prefix)
            .bind(prefix_end(prefix))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?,
        )
    }

    /// Contacts in `scope` that have, for each set in `word_sets`, a name word from that set;
    /// at most `limit`, in no particular order (the caller ranks them).
    pub async fn contacts_with_words(
        &self,
        scope: Scope,
        word_sets: &[Vec<String>],
        limit: i64,
    ) -> sqlx::Result<Vec<ContactHit>> {
        if word_sets.is_empty() || word_sets.iter().any(Vec::is_empty) {
            return Ok(Vec::new());
        }
        let (ids, next) = WordIndex::Contacts.ids_with_words(word_sets, 3);
        let sql = format!(
            "SELECT c.id, c.name, c.name_key FROM ({ids}) AS m \
             CROSS JOIN contacts c WHERE c.id = m.id \
             AND c.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND c.archived_at IS NULL \
             LIMIT ${next}"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(scope.team_id)
            .bind(scope.owner_id);
        for word in word_sets.iter().flatten() {
            query = query.bind(word);
        }
        hits(query.bind(limit).fetch_all(&self.pool).await?)
    }
}

/// The smallest string greater than every string starting with `prefix` (byte order), so that
/// `x >= prefix AND x < prefix_end(prefix)` is an indexed prefix match on both backends.
pub(super) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
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
    use super::transfer::{Cell, insert_rows};
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
    use super::transfer::{Cell, insert_rows};
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
