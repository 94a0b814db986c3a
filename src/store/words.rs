//! The name word indexes of contacts and companies: each word of a name key, and the word
//! reversed, so that a word can be found by its beginning or its end with an index range.

use super::database::Store;
use sqlx::Row;

/// Whose names a lookup reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordIndex {
    Contacts,
    Companies,
}

impl WordIndex {
    fn table(self) -> &'static str {
        match self {
            WordIndex::Contacts => "contact_words",
            WordIndex::Companies => "company_words",
        }
    }

    fn id_column(self) -> &'static str {
        match self {
            WordIndex::Contacts => "contact_id",
            WordIndex::Companies => "company_id",
        }
    }

    /// A query of the ids (as `id`) having a word from each of `word_sets`, its placeholders
    /// numbered from `first` on (the caller binds the words in order), and the next free
    /// placeholder number. Placeholders only: the text stays free of user input.
    pub(super) fn ids_with_words(self, word_sets: &[Vec<String>], first: usize) -> (String, usize) {
        let (table, column) = (self.table(), self.id_column());
        let mut next = first;
        let lookups: Vec<String> = word_sets
            .iter()
            .map(|set| {
                let placeholders: Vec<String> =
                    (next..next + set.len()).map(|n| format!("${n}")).collect();
                next += set.len();
                format!(
                    "SELECT {column} AS id FROM {table} WHERE word IN ({})",
                    placeholders.join(", ")
                )
            })
            .collect();
        (lookups.join(" INTERSECT "), next)
    }
}

/// One lookup: the words that start with `part`, or (`at_end`) end with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordRange {
    pub part: String,
    pub at_end: bool,
}

impl Store {
    /// The distinct words of `index` in each of `ranges`, at most `limit` a range, in one
    /// query: a name search asks for several ranges per query word. Only a step towards the
    /// names having those words, which applies the member's scope.
    pub async fn words_in_ranges(
        &self,
        index: WordIndex,
        ranges: &[WordRange],
        limit: i64,
    ) -> sqlx::Result<Vec<Vec<String>>> {
        if ranges.is_empty() {
            return Ok(Vec::new());
        }
        // Placeholders only: every value is bound, so the text stays free of user input.
        let table = index.table();
        let selects: Vec<String> = (ranges.iter().enumerate())
            .map(|(i, range)| {
                let column = if range.at_end { "reversed" } else { "word" };
                let first = 3 * i + 1;
                format!(
                    "SELECT CAST({i} AS BIGINT) AS k, word FROM (SELECT DISTINCT word FROM {table} \
                     WHERE {column} >= ${first} AND {column} < ${} LIMIT ${}) AS r{i}",
                    first + 1,
                    first + 2
                )
            })
            .collect();
        let mut query = sqlx::query(sqlx::AssertSqlSafe(selects.join(" UNION ALL ")));
        for range in ranges {
            let bound: String = match range.at_end {
                true => range.part.chars().rev().collect(),
                false => range.part.clone(),
            };
            let end = prefix_end(&bound);
            query = query.bind(bound).bind(end).bind(limit);
        }
        let mut found = vec![Vec::new(); ranges.len()];
        for row in query.fetch_all(&self.pool).await? {
            let k: i64 = row.try_get("k")?;
            if let Some(words) = found.get_mut(k as usize) {
                words.push(row.try_get("word")?);
            }
        }
        Ok(found)
    }
}

/// The smallest string greater than every string starting with `prefix` (byte order), so that
/// `x >= prefix AND x < prefix_end(prefix)` is an indexed prefix match on both backends.
pub(super) fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}
