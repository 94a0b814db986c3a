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

/// "in 2 hours", "in an hour", "через 30 минут", "через час", "in 3 days", "через неделю".
/// A count is digits or a word, never signed, so "через -3 дня" names no span.
pub(super) fn span(words: &[&str]) -> Option<(Span, usize)> {
    if !matches!(words.first(), Some(&("in" | "через"))) {
        return None;
    }
    // Without a count, as in "через час", the unit is one.
    let (count, used) = count(words.get(1)?).map_or((1, 1), |count| (count, 2));
    let name = *words.get(used)?;
    let (_, unit) = SPAN_UNITS.iter().find(|(names, _)| names.contains(&name))?;
    let span = match *unit {
        Unit::Minutes(minutes) => Span::Exact(TimeDelta::minutes(i64::from(count) * minutes)),
        Unit::Days(days) => Span::Days(u64::from(count) * days),
    };
    Some((span, used + 1))
}

/// "3", "две", "a".
pub(super) fn count(word: &str) -> Option<u32> {
    number(word, 4).or_else(|| {
        COUNT_WORDS
            .iter()
            .find(|(_, names)| names.contains(&word))
            .map(|&(count, _)| count)
    })
}
