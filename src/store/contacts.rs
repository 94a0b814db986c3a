//! Contacts with their phones and emails, and the queries `/find` narrows candidates with.

use super::contact_inserts::add_phones_and_emails;
use super::database::Store;
use super::history::insert_history;
use super::words::{WordIndex, prefix_end};
use crate::domain::{Birthday, Email, HistoryKind, Phone};
use sqlx::Row;

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
            "UPDATE attachments SET contact_id = $1 WHERE contact_id = $2",
            "UPDATE feedback SET contact_id = $1 WHERE contact_id = $2",
            "UPDATE business_chats SET contact_id = $1 WHERE contact_id = $2",
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

pub(super) fn hits(rows: Vec<sqlx::any::AnyRow>) -> sqlx::Result<Vec<ContactHit>> {
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
