//! The time of day in a phrase: "18:00", "в 7 вечера", "10am", "noon".

use super::doubt::Doubt;
use super::words::number;
use crate::domain::input_error::InputError;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use std::ops::RangeInclusive;

/// Bare hours ("в 7", "at 5", "в 3 часа") that are as likely in the evening as in the
/// morning, read as the morning all the same but with [`Doubt::HourWithoutDaypart`]. From 9 to
/// 11 the working morning is meant; 0 and 12 to 23 can only be read one way.
const HOURS_EITHER_SIDE_OF_NOON: RangeInclusive<u32> = 1..=8;

/// Words after an hour that say which part of the day it is in, with the hours of the 24-hour
/// clock that part covers: the first and how many. Russian has no am and pm, so "в 7 вечера"
/// is 19:00, "в 3 дня" 15:00, "в 2 ночи" 02:00.
const DAYPARTS: [(&[&str], u32, u32); 6] = [
    (&["am", "a.m"], 0, 12),
    (&["pm", "p.m"], 12, 12),
    (&["утра"], 1, 11),   // 01–11
    (&["дня"], 12, 6),    // 12–17
    (&["вечера"], 16, 8), // 16–23
    (&["ночи"], 22, 8),   // 22–05, past midnight
];

/// Words after a bare hour that only say it is an hour: "в 3 часа дня", "at 5 o'clock".
const HOUR_WORDS: [&str; 4] = ["час", "часа", "часов", "o'clock"];

/// Times of day said as words. Midnight is the one that ends the day it is said with: the
/// midnight of tonight is 00:00 tomorrow, "завтра в полночь" is 00:00 the day after. A part
/// of the day said alone ("завтра вечером", "tomorrow morning") is its usual working hour.
const NAMED_TIMES: [(&str, Clock); 14] = [
    ("noon", NOON),
    ("midday", NOON),
    ("полдень", NOON),
    ("midnight", MIDNIGHT),
    ("полночь", MIDNIGHT),
    ("утром", MORNING),
    ("morning", MORNING),
    ("днём", AFTERNOON),
    ("днем", AFTERNOON),
    ("afternoon", AFTERNOON),
    ("вечером", EVENING),
    ("evening", EVENING),
    ("tonight", EVENING),
    ("ночью", NIGHT),
];

const MORNING: Clock = Clock::at(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
const AFTERNOON: Clock = Clock::at(NaiveTime::from_hms_opt(14, 0, 0).unwrap());
const EVENING: Clock = Clock::at(NaiveTime::from_hms_opt(19, 0, 0).unwrap());
const NIGHT: Clock = Clock::at(NaiveTime::from_hms_opt(23, 0, 0).unwrap());

const NOON: Clock = Clock::at(NaiveTime::from_hms_opt(12, 0, 0).unwrap());

const MIDNIGHT: Clock = Clock {
    time: NaiveTime::MIN,
    days_later: 1,
    doubt: None,
};

/// A time of day as typed, on the day it is said with or, for midnight, the day after.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    pub(super) time: NaiveTime,
    pub(super) days_later: u64,
    /// Why the time as typed may be another: [`Doubt::HourWithoutDaypart`] or none.
    pub(super) doubt: Option<Doubt>,
}

impl Clock {
    pub(super) const fn at(time: NaiveTime) -> Self {
        Self {
            time,
            days_later: 0,
            doubt: None,
        }
    }

    pub(super) fn on(self, day: NaiveDate) -> Option<NaiveDateTime> {
        let day = day.checked_add_days(Days::new(self.days_later))?;
        Some(day.and_time(self.time))
    }
}

/// "18:00", "в 10", "at 10", "10am", "3 pm", "10:30pm", "в 7 вечера", "в 3 часа дня",
/// "noon", "в полночь", with "в" or "at" before it or not. A bare hour needs "в", "at" or a
/// part of the day, so "завтра 3 звонка" keeps its "3"; from 1 to 8 it is read as the morning
/// but doubted, as it may be the evening.
pub(super) fn time_of_day(words: &[&str]) -> Result<Option<(Clock, usize)>, InputError> {
    let with_preposition = matches!(words.first(), Some(&("в" | "at")));
    let start = usize::from(with_preposition);
    let Some(&word) = words.get(start) else {
        return Ok(None);
    };
    if let Some(clock) = named_time(word) {
        return Ok(Some((clock, start + 1)));
    }
    if let Some((clock, more)) = past_or_to(&words[start..]) {
        return Ok(Some((clock, start + more)));
    }
    let (clock, part, used) = match split_daypart(word) {
        Some((clock, part)) => (clock, Some(part), start + 1),
        None => {
            let (part, more) = daypart_after(&words[start + 1..]);
            (word, part, start + 1 + more)
        }
    };
    // Only a bare hour, as in "в 7", leaves the part of the day unsaid.
    let (hour, minute, bare_hour) = match clock.split_once(':') {
        Some((hour, minute)) if minute.len() == 2 => (number(hour, 2), number(minute, 2), false),
        None if part.is_some() || with_preposition => (number(clock, 2), Some(0), part.is_none()),
        _ => return Ok(None),
    };
    let (Some(hour), Some(minute)) = (hour, minute) else {
        return Ok(None);
    };
    let hour = match part {
        Some(part) => part.hour(hour).ok_or(InputError::WhenInvalid)?,
        None => hour,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or(InputError::WhenInvalid)?;
    let doubt = (bare_hour && HOURS_EITHER_SIDE_OF_NOON.contains(&hour))
        .then_some(Doubt::HourWithoutDaypart);
    let clock = Clock {
        doubt,
        ..Clock::at(time)
    };
    Ok(Some((clock, used)))
}

/// English hours said as words, as in "half past ten".
const HOUR_NAMES: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// "half past 3", "quarter past ten pm", "quarter to 5": minutes from or before an hour,
/// which is doubted like a bare hour when no part of the day follows.
fn past_or_to(words: &[&str]) -> Option<(Clock, usize)> {
    let minutes: i64 = match words {
        ["half", "past", ..] => 30,
        ["quarter", "past", ..] => 15,
        ["quarter", "to", ..] => -15,
        _ => return None,
    };
    let word = *words.get(2)?;
    let hour = number(word, 2)
        .or_else(|| {
            HOUR_NAMES
                .iter()
                .position(|name| *name == word)
                .map(|i| i as u32 + 1)
        })
        .filter(|hour| (1..=12).contains(hour))?;
    let (part, more) = daypart_after(&words[3..]);
    let hour = match part {
        Some(part) => part.hour(hour)?,
        None => hour,
    };
    let (time, _) = NaiveTime::from_hms_opt(hour, 0, 0)?
        .overflowing_add_signed(chrono::TimeDelta::minutes(minutes));
    let doubt = (part.is_none() && HOURS_EITHER_SIDE_OF_NOON.contains(&hour))
        .then_some(Doubt::HourWithoutDaypart);
    Some((
        Clock {
            doubt,
            ..Clock::at(time)
        },
        3 + more,
    ))
}

/// The part of the day named by the words after an hour, as in "часа дня" or "pm", and how
/// many words it takes; "часа" alone is taken too, as in "в 3 часа".
fn daypart_after(words: &[&str]) -> (Option<Daypart>, usize) {
    let hour_word = usize::from(words.first().is_some_and(|word| HOUR_WORDS.contains(word)));
    match words.get(hour_word).and_then(|word| daypart(word)) {
        Some(part) => (Some(part), hour_word + 1),
        None => (None, hour_word),
    }
}

fn named_time(word: &str) -> Option<Clock> {
    NAMED_TIMES
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, clock)| clock)
}

/// A part of the day: the hours of the 24-hour clock from `first`, `hours` of them.
#[derive(Clone, Copy)]
struct Daypart {
    pub(super) first: u32,
    pub(super) hours: u32,
}

impl Daypart {
    /// The hour of the 24-hour clock that an hour from 1 to 12 is in this part of the day: of
    /// its two readings, as in 3 and 15, the one inside it.
    pub(super) fn hour(self, hour: u32) -> Option<u32> {
        if !(1..=12).contains(&hour) {
            return None;
        }
        [hour % 12, hour % 12 + 12]
            .into_iter()
            .find(|reading| (reading + 24 - self.first) % 24 < self.hours)
    }
}

fn daypart(word: &str) -> Option<Daypart> {
    dayparts()
        .find(|&(name, _)| name == word)
        .map(|(_, part)| part)
}

/// "10am" as ("10", am), "7:30pm" as ("7:30", pm).
fn split_daypart(word: &str) -> Option<(&str, Daypart)> {
    dayparts().find_map(|(name, part)| {
        let clock = word.strip_suffix(name).filter(|clock| !clock.is_empty())?;
        Some((clock, part))
    })
}

/// Every spelling in `DAYPARTS` with the part of the day it names.
fn dayparts() -> impl Iterator<Item = (&'static str, Daypart)> {
    DAYPARTS.iter().flat_map(|&(names, first, hours)| {
        names
            .iter()
            .map(move |&name| (name, Daypart { first, hours }))
    })
}
