//! The small readers every part of a phrase uses: numbers, and the text after some words.

/// A run of one to `max_len` ASCII digits; `str::parse` alone would also take "+5".
pub(super) fn number(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What is left of `input` after its first `count` words, trimmed.
pub(super) fn skip_words(input: &str, count: usize) -> &str {
    let mut rest = input.trim_start();
    for _ in 0..count {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest.trim_end()
}

/// Words that cannot start the text after a moment: they go on telling the time ("завтра
/// ближе к вечеру", "tomorrow 5 pm" split oddly, "at half past").
const MORE_OF_THE_TIME: [&str; 13] = [
    "утра",
    "вечера",
    "ночи",
    "полудня",
    "am",
    "pm",
    "half",
    "quarter",
    "o'clock",
    "часов",
    "часа",
    "ближе",
    "примерно",
];

/// Words that go on telling the time when a number or a part of the day follows them
/// ("tomorrow around 5", "в пятницу после обеда", "tomorrow by noon").
const TIME_PREPOSITIONS: [&str; 16] = [
    "at",
    "в",
    "во",
    "к",
    "by",
    "around",
    "about",
    "около",
    "после",
    "до",
    "before",
    "after",
    "till",
    "until",
    "approximately",
    "ближе",
];

const PARTS_OF_THE_DAY: [&str; 14] = [
    "lunch",
    "обеда",
    "обед",
    "обеду",
    "noon",
    "полудня",
    "вечеру",
    "утру",
    "вечера",
    "утра",
    "morning",
    "evening",
    "afternoon",
    "tonight",
];

/// Whether `words`, the lowered words right after a moment, seem to say more of it, so that
/// the moment may have been read from only part of the phrase.
pub(super) fn more_of_the_time(words: &[&str]) -> bool {
    let starts_with_a_number = |word: &&str| word.starts_with(|c: char| c.is_ascii_digit());
    match words {
        [first, ..] if MORE_OF_THE_TIME.contains(first) => true,
        [first, ..] if first.contains(':') && starts_with_a_number(first) => true,
        [first, next, ..] if TIME_PREPOSITIONS.contains(first) => {
            starts_with_a_number(next) || PARTS_OF_THE_DAY.contains(next)
        }
        _ => false,
    }
}
