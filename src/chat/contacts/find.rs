//! `/find`: contacts by name (typos and Cyrillic/Latin spellings forgiven), phone in any
//! format or its last digits, email, and `#tag`; results as buttons, paged.
//!
//! ```text
//! manager: /find petrof
//! bot:     Found 1 contact:   [Ivan Petrov]
//! ```

use crate::chat::context::Core;
use crate::chat::io::InlineArticle;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, Text, pager};
use crate::chat::turn::Turn;
use crate::chat::view::scope_of;
use crate::domain::search::{MIN_SCORE, name_score, word_halves, word_score};
use crate::domain::{ContactName, Inn, Phone, Tag, name_key};
use crate::i18n::{arg, tr_args};
use crate::store::{ContactHit, Member, Scope, WordIndex, WordRange};

const SEARCH_RESULTS: usize = 10;
/// Results offered in inline mode.
const INLINE_RESULTS: usize = 20;
/// More matches than this and the user is asked to narrow the query.
const SEARCH_LIMIT: usize = 200;
const QUERY_MAX_CHARS: usize = 100;
const QUERY_MAX_WORDS: usize = 4;
/// Distinct base words considered per query word and lookup.
const WORDS_PER_QUERY_WORD: i64 = 300;

/// One word with a dot, an underscore or a digit ("ivan.petrov", "ivan_p85") is more likely the
/// start of an email than a name.
fn looks_like_email_start(query: &str) -> bool {
    !query.contains(char::is_whitespace)
        && query.contains(|c: char| ".-_".contains(c) || c.is_ascii_digit())
}

/// Whether a query that found nothing could be a person's name, so that adding it makes sense:
/// a few words with no digits and no sentence punctuation (not an INN, not a pasted message).
fn could_be_a_name(query: &str) -> bool {
    query.split_whitespace().count() <= 4
        && !query.contains(|c: char| c.is_ascii_digit() || "!?.,:;".contains(c))
        && ContactName::parse(query).is_ok()
}

impl Core {
    /// Search results as buttons, [`SEARCH_RESULTS`] a page: a new message for a typed query,
    /// the same message edited when paging.
    pub(in crate::chat) async fn find(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        query: &str,
        page: u32,
    ) -> anyhow::Result<()> {
        let query: String = query.trim().chars().take(QUERY_MAX_CHARS).collect();
        if query.is_empty() {
            let text = turn.tr("find-usage");
            turn.send(text, Keyboard::none());
            return Ok(());
        }
        // An INN finds its companies first.
        if let Ok(inn) = Inn::parse(&query) {
            let companies = self
                .store
                .companies_by_inn(scope_of(member), inn.as_str())
                .await?;
            if !companies.is_empty() {
                let keyboard =
                    companies
                        .into_iter()
                        .fold(Keyboard::none(), |keyboard, (id, name)| {
                            keyboard.row(vec![Button::new(name, Action::OpenCompany(id))])
                        });
                let text = tr_args(turn.lang, "find-inn", &[("inn", arg(inn.as_str()))]);
                turn.show(text, keyboard);
                return Ok(());
            }
        }
        let hits = self.search(member, &query).await?;
        if hits.is_empty() {
            let key = match could_be_a_name(&query) {
                true => "find-nothing",
                false => "find-nothing-plain",
            };
            let text = tr_args(turn.lang, key, &[("query", arg(query.clone()))]);
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let mut hits = hits;
        let mut text = if hits.len() > SEARCH_LIMIT {
            hits.truncate(SEARCH_LIMIT);
            tr_args(
                turn.lang,
                "find-too-many",
                &[("shown", arg(SEARCH_LIMIT as i64))],
            )
        } else {
            tr_args(
                turn.lang,
                "find-found",
                &[("count", arg(hits.len() as i64))],
            )
        };
        let pages = hits.len().div_ceil(SEARCH_RESULTS) as u32;
        let page = page.min(pages - 1);
        let mut keyboard = hits
            .iter()
            .skip(page as usize * SEARCH_RESULTS)
            .take(SEARCH_RESULTS)
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(
                    hit.name.clone(),
                    Action::OpenCard(hit.id),
                )])
            });
        if pages > 1 {
            match pager(page, pages, |to| Action::FindPage(to, Text(query.clone()))) {
                Some(nav) => {
                    text.push('\n');
                    text.push_str(&tr_args(
                        turn.lang,
                        "find-page",
                        &[
                            ("page", arg(i64::from(page) + 1)),
                            ("pages", arg(i64::from(pages))),
                        ],
                    ));
                    keyboard = keyboard.row(nav);
                }
                // A query too long to ride in a button cannot be paged: ask for a narrower one.
                None => {
                    text.push('\n');
                    text.push_str(&tr_args(
                        turn.lang,
                        "find-showing-first",
                        &[("shown", arg(SEARCH_RESULTS as i64))],
                    ));
                }
            }
        }
        turn.show(text, keyboard);
        Ok(())
    }

    /// Contacts the member may see that match `query` as an email, a phone or a name, best first.
    /// At most [`SEARCH_LIMIT`] + 1 hits, so the caller can tell that there are more.
    pub(in crate::chat) async fn search(
        &self,
        member: &Member,
        query: &str,
    ) -> anyhow::Result<Vec<ContactHit>> {
        const LIMIT: i64 = SEARCH_LIMIT as i64 + 1;
        let scope = scope_of(member);
        if let Some(tag) = query.strip_prefix('#') {
            return Ok(match Tag::parse(tag) {
                Ok(tag) => {
                    self.store
                        .contacts_by_tag(scope, tag.as_str(), LIMIT)
                        .await?
                }
                Err(_) => Vec::new(),
            });
        }
        if query.contains('@') {
            return Ok(self
                .store
                .contacts_by_email(scope, &query.to_lowercase(), LIMIT)
                .await?);
        }
        if Phone::looks_like_phone(query) {
            let digits: String = match Phone::parse(query) {
                Ok(phone) => phone.as_str().trim_start_matches('+').to_owned(),
                Err(_) => query.chars().filter(char::is_ascii_digit).collect(),
            };
            return Ok(self
                .store
                .contacts_by_phone_digits(scope, &digits, LIMIT)
                .await?);
        }
        let key = name_key(query);
        if looks_like_email_start(query) {
            let hits = self
                .store
                .contacts_by_email(scope, &query.to_lowercase(), LIMIT)
                .await?;
            if !hits.is_empty() {
                return Ok(hits);
            }
        }
        let mut hits: Vec<ContactHit> = self
            .name_matches(scope, &key, LIMIT)
            .await?
            .into_iter()
            .map(|(_, hit)| hit)
            .collect();
        // Then the people of companies whose name matches.
        let companies: Vec<i64> = self
            .companies_matching(scope, query)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .take(10)
            .collect();
        for hit in self
            .store
            .contacts_of_companies(scope, &companies, LIMIT)
            .await?
        {
            if !hits.iter().any(|known| known.id == hit.id) {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    /// Inline mode: the member's contacts matching `query`, each sent as a short card.
    pub(in crate::chat) async fn inline_results(
        &self,
        turn: &Turn<'_>,
        member: &Member,
        query: &str,
    ) -> anyhow::Result<Vec<InlineArticle>> {
        let query: String = query.trim().chars().take(QUERY_MAX_CHARS).collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut results = Vec::new();
        for hit in self
            .search(member, &query)
            .await?
            .into_iter()
            .take(INLINE_RESULTS)
        {
            let Some(contact) = self.store.contact(hit.id).await? else {
                continue;
            };
            let details: Vec<&str> = (contact.phones.iter())
                .chain(&contact.emails)
                .map(String::as_str)
                .collect();
            let mut text = format!("👤 {}", contact.name);
            for detail in &details {
                text.push('\n');
                text.push_str(detail);
            }
            results.push(InlineArticle {
                id: contact.id.to_string(),
                title: contact.name,
                description: if details.is_empty() {
                    turn.tr("inline-no-details")
                } else {
                    details.join(", ")
                },
                text,
            });
        }
        Ok(results)
    }

    /// Each word of the name key `key` as the set of the index's words that match it (found
    /// by prefix, and by either half to forgive a typo, all in one query); the names having a
    /// word from every set are the candidates, ranked then by the whole name.
    pub(in crate::chat) async fn word_sets(
        &self,
        index: WordIndex,
        key: &str,
    ) -> anyhow::Result<Vec<Vec<String>>> {
        let query_words: Vec<&str> = key
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(QUERY_MAX_WORDS)
            .collect();
        // Each query word's ranges, and where they start in the list.
        let mut ranges = Vec::new();
        let mut starts = Vec::new();
        for query_word in &query_words {
            starts.push(ranges.len());
            ranges.push(WordRange {
                part: (*query_word).to_owned(),
                at_end: false,
            });
            if let Some((head, tail)) = word_halves(query_word) {
                ranges.push(WordRange {
                    part: head.to_owned(),
                    at_end: false,
                });
                ranges.push(WordRange {
                    part: tail.to_owned(),
                    at_end: true,
                });
            }
        }
        starts.push(ranges.len());
        let found = (self.store)
            .words_in_ranges(index, &ranges, WORDS_PER_QUERY_WORD)
            .await?;
        Ok((query_words.iter().enumerate())
            .map(|(i, query_word)| {
                let mut words: Vec<String> = found[starts[i]..starts[i + 1]].concat();
                words.sort_unstable();
                words.dedup();
                words.retain(|word| word_score(query_word, word) >= MIN_SCORE);
                words
            })
            .collect())
    }

    /// Contacts in `scope` whose name matches the name key `key`, best first, with scores.
    pub(in crate::chat) async fn name_matches(
        &self,
        scope: Scope,
        key: &str,
        limit: i64,
    ) -> anyhow::Result<Vec<(f64, ContactHit)>> {
        let word_sets = self.word_sets(WordIndex::Contacts, key).await?;
        // The names holding every query word as typed come first: a common surname is also
        // the start of patronymics ("ivanov", "ivanovich"), and a large base has thousands of
        // those. The looser matches fill what room is left, unless a name of several words was
        // found as typed: that is the one asked for.
        let exact_sets: Option<Vec<Vec<String>>> = (key.split(' ').filter(|w| !w.is_empty()))
            .zip(&word_sets)
            .map(|(query_word, set)| {
                set.iter()
                    .any(|word| word == query_word)
                    .then(|| vec![query_word.to_owned()])
            })
            .collect();
        let mut hits = match &exact_sets {
            Some(exact) if exact != &word_sets => {
                self.store.contacts_with_words(scope, exact, limit).await?
            }
            _ => Vec::new(),
        };
        let found_as_typed = !hits.is_empty() && word_sets.len() > 1;
        if (hits.len() as i64) < limit && !found_as_typed {
            for hit in (self.store)
                .contacts_with_words(scope, &word_sets, limit)
                .await?
            {
                if hits.len() as i64 == limit {
                    break;
                }
                if !hits.iter().any(|known| known.id == hit.id) {
                    hits.push(hit);
                }
            }
        }
        let mut scored: Vec<(f64, ContactHit)> = hits
            .into_iter()
            .map(|hit| (name_score(key, &hit.name_key), hit))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        Ok(scored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_could_be_a_name_is_offered_to_add() {
        assert!(could_be_a_name("Ivan Sidorov"));
        assert!(could_be_a_name("Анна Смирнова"));
        assert!(!could_be_a_name("7707083893"));
        assert!(!could_be_a_name("Hello! Please send me the price list"));
        assert!(!could_be_a_name("one two three four five"));
    }
}
