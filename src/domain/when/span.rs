//! Spans from now: "in 2 hours", "через неделю".

use super::words::number;
use chrono::TimeDelta;

/// Counts written as words in a span: "через две недели", "in a week", "in five minutes".
const COUNT_WORDS: [(u32, &[&str]); 10] = [
    (1, &["a", "an", "one", "один", "одну", "одна"]),
    (2, &["two", "два", "две", "пару"]),
    (3, &["three", "три"]),
    (4, &["four", "четыре"]),
    (5, &["five", "пять"]),
    (6, &["six", "шесть"]),
    (7, &["seven", "семь"]),
    (8, &["eight", "восемь"]),
    (9, &["nine", "девять"]),
    (10, &["ten", "десять"]),
];

/// The units of a span and how long one of each is.
const SPAN_UNITS: [(&[&str], Unit); 8] = [
    (&["минуту", "минуты", "минут", "мин"], Unit::Minutes(1)),
    (&["minute", "minutes", "min", "mins"], Unit::Minutes(1)),
    (&["полчаса"], Unit::Minutes(30)),
    (&["час", "часа", "часов", "ч"], Unit::Minutes(60)),
    (&["hour", "hours", "h", "hr", "hrs"], Unit::Minutes(60)),
    (&["день", "дня", "дней", "day", "days"], Unit::Days(1)),
    (&["неделю", "недели", "недель"], Unit::Days(7)),
    (&["week", "weeks"], Unit::Days(7)),
];

pub(super) enum Span {
    /// Minutes and hours count from this very moment.
    Exact(TimeDelta),
    /// Days and weeks name a day, which may have its own time.
    Days(u64),
}

#[derive(Clone, Copy)]
enum Unit {
    Minutes(i64),
    Days(u64),
}

/// "in 2 hours", "in an hour", "через 30 минут", "через час", "in 3 days", "через неделю",
/// and halves of a unit: "in an hour and a half", "через полтора часа", "in 2.5 hours",
/// "через два с половиной часа"; "через час с небольшим" is a quarter of the unit more. A
/// count is digits or a word, never signed, so "через -3 дня" names no span; half a day or a
/// week names no moment of the clock and is not read.
pub(super) fn span(words: &[&str]) -> Option<(Span, usize)> {
    if !matches!(words.first(), Some(&("in" | "через"))) {
        return None;
    }
    let mut used = 1;
    // Counted in quarters of the unit, so that halves and "a little more" stay whole numbers.
    // Without a count, as in "через час", the unit is one.
    let mut quarters = match quarters_count(words.get(used)?) {
        Some(quarters) => {
            used += 1;
            quarters
        }
        None => 4,
    };
    if let Some(more) = half_after(&words[used..]) {
        quarters += 2;
        used += more;
    }
    let name = *words.get(used)?;
    let (_, unit) = SPAN_UNITS.iter().find(|(names, _)| names.contains(&name))?;
    used += 1;
    if let Some(more) = half_after(&words[used..]) {
        quarters += 2;
        used += more;
    } else if words[used..].starts_with(&["с", "небольшим"]) {
        quarters += 1;
        used += 2;
    }
    let span = match *unit {
        Unit::Minutes(minutes) => {
            Span::Exact(TimeDelta::minutes(i64::from(quarters) * minutes / 4))
        }
        Unit::Days(days) if quarters % 4 == 0 => Span::Days(u64::from(quarters / 4) * days),
        Unit::Days(_) => return None,
    };
    Some((span, used))
}

/// "and a half" or "с половиной" at the start of `words`, and how many words it takes.
fn half_after(words: &[&str]) -> Option<usize> {
    [&["and", "a", "half"][..], &["с", "половиной"]]
        .iter()
        .find(|phrase| words.starts_with(phrase))
        .map(|phrase| phrase.len())
}

/// A count in quarters of a unit: "2" is 8, "полтора" and "1.5" are 6.
fn quarters_count(word: &str) -> Option<u32> {
    if matches!(word, "полтора" | "полторы") {
        return Some(6);
    }
    if let Some((whole, "5")) = word.split_once(['.', ',']) {
        return Some(number(whole, 3)? * 4 + 2);
    }
    count(word).map(|count| count * 4)
}

/// "3", "две", "a".
fn count(word: &str) -> Option<u32> {
    number(word, 4).or_else(|| {
        COUNT_WORDS
            .iter()
            .find(|(_, names)| names.contains(&word))
            .map(|&(count, _)| count)
    })
}
