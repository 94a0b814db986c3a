//! Fuzzy name matching for `/find`: how well a query matches a contact's name key.

/// Matches scoring below this are not shown: it keeps one-letter typos and drops strangers.
pub const MIN_SCORE: f64 = 0.8;

/// Two names scoring at least this are shown as a possible duplicate.
pub const DUPLICATE_SCORE: f64 = 0.9;

/// How well `query` (a [`name_key`](super::contact_name::name_key)) matches `name` (another
/// key), from 0 to 1. Every query word must match some name word, in any order: exactly, as a
/// prefix, or with a typo (Jaro–Winkler similarity). The score is the weakest word's score.
pub fn name_score(query: &str, name: &str) -> f64 {
    let name_words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut weakest: Option<f64> = None;
    for query_word in query.split(' ').filter(|w| !w.is_empty()) {
        let best = name_words
            .iter()
            .map(|name_word| word_score(query_word, name_word))
            .fold(0.0, f64::max);
        weakest = Some(weakest.map_or(best, |w: f64| w.min(best)));
    }
    weakest.unwrap_or(0.0)
}

/// How far a one-line command's leading words name a contact: how many words, from the first,
/// each match a different word of the name, and how many of those match it exactly. Counting
/// stops at the first word that matches no word left, so "Harold Quincey Hand deal" names
/// "Harold Quincey" by two words and leaves "Hand deal" to the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LeadingMatch {
    pub words: usize,
    pub exact: usize,
}

/// The [`LeadingMatch`] of `words` (name keys, one word each) against `name` (a name key).
pub fn leading_match(words: &[String], name: &str) -> LeadingMatch {
    let mut unused: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let mut found = LeadingMatch { words: 0, exact: 0 };
    for word in words {
        let best = unused
            .iter()
            .enumerate()
            .map(|(i, name_word)| (i, word_score(word, name_word)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, score)) if score >= MIN_SCORE => {
                found.words += 1;
                if score == 1.0 {
                    found.exact += 1;
                }
                unused.swap_remove(i);
            }
            _ => break,
        }
    }
    found
}

/// How likely two name keys name the same person, from 0 to 1: every word of each must match
/// a word of the other ("Петров Иван" and "Ivan Petrov" score 1, "Ivan" and "Ivan Petrov" do
/// not).
pub fn duplicate_score(a: &str, b: &str) -> f64 {
    // "Office 1" and "Office 2" are different, however close the spelling.
    if numbered_words(a) != numbered_words(b) {
        return 0.0;
    }
    name_score(a, b).min(name_score(b, a))
}

fn numbered_words(key: &str) -> Vec<&str> {
    let mut words: Vec<&str> = key
        .split(' ')
        .filter(|w| w.contains(|c: char| c.is_ascii_digit()))
        .collect();
    words.sort_unstable();
    words
}

/// The words of a name key in alphabetical order, so that word order does not matter.
pub fn sorted_key(key: &str) -> String {
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

/// Each distinct word of a name key with the word reversed, as a word index stores them: the
/// reversed form finds a word by its end with an index range.
pub fn index_words(key: &str) -> Vec<(&str, String)> {
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.dedup();
    words
        .into_iter()
        .map(|word| (word, word.chars().rev().collect()))
        .collect()
}

/// How well one query word matches one name word, from 0 to 1.
pub fn word_score(query: &str, word: &str) -> f64 {
    if query == word {
        1.0
    } else if query.chars().count() >= 2 && word.starts_with(query) {
        0.95
    } else if query.chars().count() < 3 {
        // Two letters with a typo match half the base; only exact prefixes count.
        0.0
    } else {
        strsim::jaro_winkler(query, word)
    }
}

/// The head and the tail of a word of four letters or more, leaving out the middle letter or
/// two. One typo (a wrong, missing or extra letter, or two letters swapped) cannot touch both,
/// so words that begin with the head or end with the tail include the intended one.
pub fn word_halves(word: &str) -> Option<(&str, &str)> {
    let chars = word.chars().count();
    if chars < 4 {
        return None;
    }
    let part = ((chars - 1) / 2).max(2);
    let head_end = word.char_indices().nth(part).map_or(word.len(), |(i, _)| i);
    let tail_start = word
        .char_indices()
        .nth(chars - part)
        .map_or(word.len(), |(i, _)| i);
    Some((&word[..head_end], &word[tail_start..]))
}

#[cfg(test)]
mod tests {
    use super::super::contact_name::name_key;
    use super::*;

    fn score(query: &str, name: &str) -> f64 {
        name_score(&name_key(query), &name_key(name))
    }

    #[test]
    fn exact_prefix_and_any_word_order_match() {
        assert_eq!(score("petrov", "Ivan Petrov"), 1.0);
        assert_eq!(score("Петров Иван", "Иван Петров"), 1.0);
        assert!(score("petr", "Ivan Petrov") >= 0.95);
    }

    #[test]
    fn typos_and_transliteration_still_match() {
        assert!(score("Petrof", "Ivan Petrov") >= MIN_SCORE);
        assert!(score("petorv", "Ivan Petrov") >= MIN_SCORE);
        assert!(score("Petrov", "Иван Петров") >= MIN_SCORE);
    }

    fn leading(words: &str, name: &str) -> LeadingMatch {
        let words: Vec<String> = words.split_whitespace().map(name_key).collect();
        leading_match(&words, &name_key(name))
    }

    #[test]
    fn a_command_names_its_contact_by_the_words_that_match_it() {
        let found = leading("Harold Quincey Hand deal", "Harold Quincey");
        assert_eq!(found, LeadingMatch { words: 2, exact: 2 });
        assert_eq!(leading("Петров Иван дозвонился", "Иван Петров").words, 2);
        assert_eq!(leading("reached Petrov", "Ivan Petrov").words, 0);
    }

    #[test]
    fn an_exact_word_beats_a_close_one() {
        let exact = leading("Петров дозвонился", "Николай Петров");
        let close = leading("Петров дозвонился", "Пётр Васильев");
        assert_eq!(exact, LeadingMatch { words: 1, exact: 1 });
        assert!(close < exact, "{close:?}");
        // "Ivan" names both words of "Ivan Ivanov" once, not twice.
        assert_eq!(leading("Ivan Ivan", "Ivan Ivanov").exact, 1);
    }

    #[test]
    fn words_split_into_halves_that_survive_one_typo() {
        assert_eq!(word_halves("petrov"), Some(("pe", "ov")));
        assert_eq!(word_halves("sidorova"), Some(("sid", "ova")));
        assert_eq!(word_halves("ivan"), Some(("iv", "an")));
        assert_eq!(word_halves("ian"), None);
        // A swap across the middle ("gacria" for "garcia") keeps the tail.
        let (_, tail) = word_halves("gacria").unwrap();
        assert!("garcia".ends_with(tail));
    }

    #[test]
    fn duplicates_ignore_word_order_script_and_small_typos() {
        let dup = |a: &str, b: &str| duplicate_score(&name_key(a), &name_key(b));
        assert_eq!(dup("Петров Иван", "Ivan Petrov"), 1.0);
        assert!(dup("Ivan Petrov", "Ivan Petrof") >= DUPLICATE_SCORE);
        assert!(dup("Ivan", "Ivan Petrov") < DUPLICATE_SCORE);
        assert!(dup("Ivan Petrov", "Ivan Sidorov") < DUPLICATE_SCORE);
        assert!(dup("Anna Smith", "Hanna Smith") >= DUPLICATE_SCORE);
        assert_eq!(dup("Person Number01", "Person Number02"), 0.0);
        assert_eq!(sorted_key("petrov ivan"), sorted_key("ivan petrov"));
    }

    #[test]
    fn strangers_do_not_match() {
        assert!(score("Sidorov", "Ivan Petrov") < MIN_SCORE);
        assert!(score("Ivan Sidorov", "Ivan Petrov") < MIN_SCORE);
        assert!(score("ab", "Ivan Petrov") < MIN_SCORE);
        assert_eq!(score("", "Ivan Petrov"), 0.0);
    }
}
