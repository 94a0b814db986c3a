//! The day in a phrase: "завтра", "в пятницу", "next fri", "25.12", "2026-12-25".

use super::clock::Clock;
use super::doubt::Doubt;
use super::moment::Moment;
use super::words::number;
use crate::domain::input_error::InputError;
use chrono::{Datelike, Days, Months, NaiveDate, TimeDelta, Weekday};

/// How many years ahead a day and month without a year are looked for: the next 29.02 can be
/// eight years away (2096, then 2104).
const MAX_YEARS_AHEAD: i32 = 8;

/// A day and month whose date this year has gone by are next year's; within this many months
/// from today that is only the new year coming ("15.01" typed on 20 December), further off it
/// is read with [`Doubt::DateRolledToNextYear`].
const NEW_YEAR_AHEAD_MONTHS: u32 = 2;

/// The spellings of each day of the week, matched in lower case.
pub(super) const WEEKDAY_NAMES: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["понедельник", "пн", "monday", "mon"]),
    (Weekday::Tue, &["вторник", "вт", "tuesday", "tue", "tues"]),
    (Weekday::Wed, &["среда", "среду", "ср", "wednesday", "wed"]),
    (
        Weekday::Thu,
        &["четверг", "чт", "thursday", "thu", "thur", "thurs"],
    ),
    (Weekday::Fri, &["пятница", "пятницу", "пт", "friday", "fri"]),
    (
        Weekday::Sat,
        &["суббота", "субботу", "сб", "saturday", "sat"],
    ),
    (Weekday::Sun, &["воскресенье", "вс", "sunday", "sun"]),
];

/// Words that may lead up to a weekday without changing which day it is, each group at most
/// once and in this order: "в следующую пятницу", "on next monday", "this friday". A weekday is
/// always the next such day, so "next" and "this" add nothing to it.
const WEEKDAY_LEAD_INS: [&[&str]; 2] = [
    &["в", "во", "on"],
    &[
        "next",
        "this",
        "следующий",
        "следующую",
        "следующее",
        "ближайший",
        "ближайшую",
        "ближайшее",
        "этот",
        "эту",
        "это",
    ],
];

/// A date as typed: the day, the month, and the year if given.
type DateParts = (u32, u32, Option<i32>);

/// Month names as people write a date: Russian in the genitive ("25 декабря"), English in
/// full or short ("Dec 25", "25 December").
const MONTH_NAMES: [(u32, &[&str]); 12] = [
    (1, &["января", "january", "jan"]),
    (2, &["февраля", "february", "feb"]),
    (3, &["марта", "march", "mar"]),
    (4, &["апреля", "april", "apr"]),
    (5, &["мая", "may"]),
    (6, &["июня", "june", "jun"]),
    (7, &["июля", "july", "jul"]),
    (8, &["августа", "august", "aug"]),
    (9, &["сентября", "september", "sep", "sept"]),
    (10, &["октября", "october", "oct"]),
    (11, &["ноября", "november", "nov"]),
    (12, &["декабря", "december", "dec"]),
];

/// Days named by where they stand from today. Past ones are read too, so that "вчера в 10" is
/// refused as being in the past rather than as not a moment.
const RELATIVE_DAYS: [(&[&str], i64); 10] = [
    (&["today"], 0),
    (&["сегодня"], 0),
    (&["tomorrow"], 1),
    (&["завтра"], 1),
    (&["послезавтра"], 2),
    (&["day", "after", "tomorrow"], 2),
    (&["the", "day", "after", "tomorrow"], 2),
    (&["yesterday"], -1),
    (&["вчера"], -1),
    (&["позавчера"], -2),
];

/// A day a phrase names and why it may be another: [`Doubt::DateRolledToNextYear`] or none.
#[derive(Clone, Copy)]
pub(super) struct Day {
    pub(super) date: NaiveDate,
    pub(super) doubt: Option<Doubt>,
}

impl Day {
    pub(super) fn sure(date: NaiveDate) -> Self {
        Self { date, doubt: None }
    }

    /// The time of day on this day, doubted first for the time as typed, then for the day.
    pub(super) fn at(self, clock: Clock) -> Option<Moment> {
        Some(Moment::On {
            at: clock.on(self.date)?,
            doubt: clock.doubt.or(self.doubt),
        })
    }
}

/// "today", "завтра", "послезавтра", "the day after tomorrow", "вчера", "в понедельник",
/// "next fri", "25.12", "25.12.2026", "2026-12-25".
pub(super) fn day(words: &[&str], today: NaiveDate) -> Result<Option<(Day, usize)>, InputError> {
    if let Some((phrase, days)) = RELATIVE_DAYS
        .iter()
        .find(|(phrase, _)| words.starts_with(phrase))
    {
        let day = today.checked_add_signed(TimeDelta::days(*days));
        return Ok(day.map(|date| (Day::sure(date), phrase.len())));
    }
    if let Some((weekday, used)) = weekday_phrase(words) {
        if let Some((mut day, more)) = date_after_weekday(&words[used..], today)? {
            // "Friday 25th" when the 25th is a Thursday: one of the two is wrong.
            if day.date.weekday() != weekday {
                day.doubt = day.doubt.or(Some(Doubt::WeekdayDoesNotMatch));
            }
            return Ok(Some((day, used + more)));
        }
        let day = today.checked_add_days(Days::new(days_to_next(today, weekday)));
        return Ok(day.map(|date| (Day::sure(date), used)));
    }
    if let Some(((day, month, year), used)) = named_month_date(words) {
        return Ok(Some((resolve_date(day, month, year, today)?, used)));
    }
    match words.first() {
        Some(word) => Ok(calendar_date(word, today)?.map(|day| (day, 1))),
        None => Ok(None),
    }
}

/// "25 декабря", "1 марта 2027", "25 December", "Dec 25", "December 31st", with how many
/// words it takes.
/// The date that follows a weekday: "Friday 25th", "пятница 25-го", "Friday, 25 December",
/// "пт 25.12". A bare number needs a month after it, so "friday 3 calls" keeps its "3".
fn date_after_weekday(
    words: &[&str],
    today: NaiveDate,
) -> Result<Option<(Day, usize)>, InputError> {
    let the = usize::from(words.first() == Some(&"the"));
    let words = &words[the..];
    if let Some(((day, month, year), used)) = named_month_date(words) {
        return Ok(Some((resolve_date(day, month, year, today)?, the + used)));
    }
    let Some(first) = words.first() else {
        return Ok(None);
    };
    if let Some(day) = calendar_date(first, today)? {
        return Ok(Some((day, the + 1)));
    }
    let Some(day) = ordinal_day(first) else {
        return Ok(None);
    };
    // The next date with that day of the month, this month or a later one.
    let date = (0..12)
        .filter_map(|months| today.with_day(1)?.checked_add_months(Months::new(months)))
        .find_map(|month| month.with_day(day).filter(|date| *date >= today))
        .ok_or(InputError::WhenInvalid)?;
    Ok(Some((Day::sure(date), the + 1)))
}

/// A day of the month said with its ending: "25th", "1st", "25-го", "25го".
fn ordinal_day(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th", "-го", "го"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))?;
    number(digits, 2).filter(|day| (1..=31).contains(day))
}

fn named_month_date(words: &[&str]) -> Option<(DateParts, usize)> {
    let month = |word: &str| {
        MONTH_NAMES
            .iter()
            .find(|(_, names)| names.contains(&word))
            .map(|&(month, _)| month)
    };
    let day_number = |word: &str| {
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix))
            .unwrap_or(word);
        number(digits, 2).filter(|day| (1..=31).contains(day))
    };
    let (day, month) = match words {
        [first, second, ..] => match (day_number(first), month(second)) {
            (Some(day), Some(month)) => (day, month),
            _ => (day_number(second)?, month(first)?),
        },
        _ => return None,
    };
    let year = words
        .get(2)
        .and_then(|word| number(word, 4).filter(|_| word.len() == 4))
        .map(|year| year as i32);
    Some(((day, month, year), 2 + usize::from(year.is_some())))
}

/// "пн", "в пятницу", "next monday", "в следующий вторник", and how many words it takes.
fn weekday_phrase(words: &[&str]) -> Option<(Weekday, usize)> {
    let mut used = 0;
    for lead_ins in WEEKDAY_LEAD_INS {
        if words.get(used).is_some_and(|word| lead_ins.contains(word)) {
            used += 1;
        }
    }
    Some((weekday(words.get(used)?)?, used + 1))
}

pub(super) fn weekday(name: &str) -> Option<Weekday> {
    WEEKDAY_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|&(weekday, _)| weekday)
}

/// One to seven: the next Monday after a Monday is a week away.
fn days_to_next(today: NaiveDate, weekday: Weekday) -> u64 {
    u64::from(7 - today.weekday().days_since(weekday))
}

/// "25.12", "25.12.2026" or "2026-12-25". A day and month alone are the next such date from
/// today on, so "29.02" waits for a leap year; one in a later year that is not just past the
/// new year is doubted.
fn calendar_date(word: &str, today: NaiveDate) -> Result<Option<Day>, InputError> {
    let Some((day, month, year)) = date_parts(word) else {
        return Ok(None);
    };
    resolve_date(day, month, year, today).map(Some)
}

/// The date of a day and month, in `year` or else the next such date from today on; one in a
/// later year that is not just past the new year is doubted.
fn resolve_date(
    day: u32,
    month: u32,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<Day, InputError> {
    let found = match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day).map(Day::sure),
        None => (today.year()..=today.year() + MAX_YEARS_AHEAD)
            .find_map(|year| {
                NaiveDate::from_ymd_opt(year, month, day).filter(|date| *date >= today)
            })
            .map(|date| {
                let new_year_ahead = today.checked_add_months(Months::new(NEW_YEAR_AHEAD_MONTHS));
                let rolled = date.year() > today.year()
                    && new_year_ahead.is_none_or(|new_year_ahead| date > new_year_ahead);
                Day {
                    date,
                    doubt: rolled.then_some(Doubt::DateRolledToNextYear),
                }
            }),
    };
    found.ok_or(if (1..=12).contains(&month) && (1..=31).contains(&day) {
        InputError::NoSuchDay { day, month }
    } else {
        InputError::WhenInvalid
    })
}

/// The day, month and year, if given, of "25.12", "25/12", "25.12.2026" or "2026-12-25".
fn date_parts(word: &str) -> Option<DateParts> {
    // At most four digits, so a year always fits.
    let year = |text: &str| Some(number(text, 4)? as i32).filter(|_| text.len() == 4);
    if let [y, m, d] = word.split('-').collect::<Vec<_>>()[..] {
        return Some((number(d, 2)?, number(m, 2)?, Some(year(y)?)));
    }
    match word.split(['.', '/']).collect::<Vec<_>>()[..] {
        [d, m] => Some((number(d, 2)?, number(m, 2)?, None)),
        [d, m, y] => Some((number(d, 2)?, number(m, 2)?, Some(year(y)?))),
        _ => None,
    }
}
