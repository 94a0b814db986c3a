//! Moments for the next action on a contact, typed in Russian or English ("завтра в 10",
//! "in 2 hours", "25.12 14:00") and read against the user's own clock into an instant in UTC.
//!
//! A phrase that may mean another moment than the one read carries a [`Doubt`], so that the
//! bot shows the time it understood and asks before it keeps it rather than guess in silence.

use super::input_error::InputError;
use chrono::{
    DateTime, Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;
use std::ops::RangeInclusive;

/// The time of day a date given without one stands for.
const DEFAULT_TIME: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
/// How many years ahead a day and month without a year are looked for: the next 29.02 can be
/// eight years away (2096, then 2104).
const MAX_YEARS_AHEAD: i32 = 8;
/// Clocks jump forward by at most a day (Samoa skipped 30.12.2011), so a wall-clock time in a
/// gap finds a valid minute within this many.
const MAX_GAP_MINUTES: i64 = 24 * 60;
/// Bare hours ("в 7", "at 5", "в 3 часа") that are as likely in the evening as in the
/// morning, read as the morning all the same but with [`Doubt::HourWithoutDaypart`]. From 9 to
/// 11 the working morning is meant; 0 and 12 to 23 can only be read one way.
const HOURS_EITHER_SIDE_OF_NOON: RangeInclusive<u32> = 1..=8;
/// A time alone that went by less than this long ago is read as tomorrow's with
/// [`Doubt::TimeRolledToTomorrow`]: it may be a reminder typed a little late for today.
const RECENTLY_PASSED: TimeDelta = TimeDelta::hours(3);
/// A day and month whose date this year has gone by are next year's; within this many months
/// from today that is only the new year coming ("15.01" typed on 20 December), further off it
/// is read with [`Doubt::DateRolledToNextYear`].
const NEW_YEAR_AHEAD_MONTHS: u32 = 2;

/// The spellings of each day of the week, matched in lower case.
const WEEKDAY_NAMES: [(Weekday, &[&str]); 7] = [
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
/// midnight of tonight is 00:00 tomorrow, "завтра в полночь" is 00:00 the day after.
const NAMED_TIMES: [(&str, Clock); 5] = [
    ("noon", NOON),
    ("midday", NOON),
    ("полдень", NOON),
    ("midnight", MIDNIGHT),
    ("полночь", MIDNIGHT),
];
const NOON: Clock = Clock::at(NaiveTime::from_hms_opt(12, 0, 0).unwrap());
const MIDNIGHT: Clock = Clock {
    time: NaiveTime::MIN,
    days_later: 1,
    doubt: None,
};

/// A moment after the `now` it was read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub at: DateTime<Utc>,
    /// Why `at` may not be the moment meant, if it may not; the bot then shows `at` and asks
    /// before it keeps it.
    pub doubt: Option<Doubt>,
}

/// Why a phrase may mean another moment than the one it was read as. The reading is kept;
/// the doubt only says to confirm it. When a phrase has more than one, the first of these in
/// this order is given: what the words say before where the moment falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// An hour from 1 to 8 alone, without minutes and without am, pm, утра, дня, вечера or
    /// ночи: "в 7", "at 8", "завтра в 5", "в 3 часа", "at 5 o'clock". It is read as that hour
    /// of the morning, but the evening is as likely. From 9 to 11 the morning is taken without
    /// doubt, and 0 and 12 to 23 are unambiguous, as is any time with minutes ("в 7:00").
    HourWithoutDaypart,
    /// A day and month without a year ("01.03") whose date this year has gone by, so it was
    /// read as next year's (or, for 29.02, the next leap year's), and that date is more than two
    /// months away: "01.03" on 25.11.2026 is 01.03.2027 with this doubt, while "15.01" on
    /// 20.12.2026 is 15.01.2027 without one, the new year being that near.
    DateRolledToNextYear,
    /// A time of day alone ("14:30", "10am", "noon") that went by today less than three hours
    /// ago, so it was read as tomorrow's: "14:30" at 15:00 is 14:30 tomorrow with this doubt.
    /// A time gone longer ago ("10am" at 18:00) is plainly tomorrow's.
    TimeRolledToTomorrow,
    /// A wall-clock time that does not exist in the user's zone, as clocks jump forward over it,
    /// moved on to the first minute that does: 2:30 on the night New York goes from 2:00 to
    /// 3:00 is read as 3:00. A time that comes twice when clocks go back is not doubted: the
    /// first is when the clock shows it.
    GapShifted,
}

impl When {
    /// Reads the whole input as one moment: "завтра в 10", "in 2 hours", "25.12.2026 9:00".
    pub fn parse(input: &str, now: DateTime<Tz>) -> Result<Self, InputError> {
        match Self::parse_prefix(input, now)? {
            (when, "") => Ok(when),
            _ => Err(InputError::WhenInvalid),
        }
    }

    /// Reads the longest leading phrase of the input that is a moment and returns the text
    /// after it, trimmed: "завтра в 10 перезвонить Ивану" is tomorrow at 10:00 and
    /// "перезвонить Ивану".
    ///
    /// A date without a time is at 10:00; a time without a date is today if it is still ahead,
    /// else tomorrow; a weekday is the next such day, never today; midnight ends its day.
    /// Minutes and hours count from `now`, days and weeks name a day on the user's clock. A
    /// moment that is not after `now` is refused. A reading that may not be the moment meant
    /// carries a [`Doubt`]; the text after the phrase is no cause for one.
    pub fn parse_prefix(input: &str, now: DateTime<Tz>) -> Result<(Self, &str), InputError> {
        let lowered: Vec<String> = input
            .split_whitespace()
            .map(|word| word.trim_end_matches([',', '.']).to_lowercase())
            .collect();
        let words: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let (moment, used) = moment(&words, now.date_naive())?.ok_or(InputError::WhenInvalid)?;
        let (at, doubt) = moment.resolve(now).ok_or(InputError::WhenInvalid)?;
        if at <= now {
            return Err(InputError::WhenPast);
        }
        Ok((Self { at, doubt }, skip_words(input, used)))
    }
}

/// What a phrase names, before it is placed on the user's clock.
enum Moment {
    /// A span from now: "in 2 hours".
    In(TimeDelta),
    /// A wall-clock date and time, "tomorrow", "25.12 14:00", and why the words may mean
    /// another.
    On {
        at: NaiveDateTime,
        doubt: Option<Doubt>,
    },
    /// A time of day alone: today if it is still ahead, else tomorrow.
    At(Clock),
}

impl Moment {
    /// The instant on the user's clock and the first doubt about it: about the words, then
    /// about the day they were put on, then about a time that does not exist.
    fn resolve(self, now: DateTime<Tz>) -> Option<(DateTime<Utc>, Option<Doubt>)> {
        let zone = now.timezone();
        match self {
            Moment::In(span) => Some((now.checked_add_signed(span)?.to_utc(), None)),
            Moment::On { at, doubt } => {
                let (at, gap) = instant(zone, at)?;
                Some((at, doubt.or(gap)))
            }
            Moment::At(clock) => {
                let today = now.date_naive();
                let (at, gap) = instant(zone, clock.on(today)?)?;
                if at > now {
                    return Some((at, clock.doubt.or(gap)));
                }
                let rolled =
                    (now.to_utc() - at < RECENTLY_PASSED).then_some(Doubt::TimeRolledToTomorrow);
                let (at, gap) = instant(zone, clock.on(today.succ_opt()?)?)?;
                Some((at, clock.doubt.or(rolled).or(gap)))
            }
        }
    }
}

/// A time of day as typed, on the day it is said with or, for midnight, the day after.
#[derive(Debug, Clone, Copy)]
struct Clock {
    time: NaiveTime,
    days_later: u64,
    /// Why the time as typed may be another: [`Doubt::HourWithoutDaypart`] or none.
    doubt: Option<Doubt>,
}

impl Clock {
    const fn at(time: NaiveTime) -> Self {
        Self {
            time,
            days_later: 0,
            doubt: None,
        }
    }

    fn on(self, day: NaiveDate) -> Option<NaiveDateTime> {
        let day = day.checked_add_days(Days::new(self.days_later))?;
        Some(day.and_time(self.time))
    }
}

/// The instant a wall-clock time names in `zone`: the earlier one when clocks go back and it
/// comes twice, the first valid minute after it when clocks jump forward over it, then with
/// [`Doubt::GapShifted`].
fn instant(zone: Tz, at: NaiveDateTime) -> Option<(DateTime<Utc>, Option<Doubt>)> {
    let (instant, shifted) = wall_clock_instant(zone, at)?;
    Some((instant, shifted.then_some(Doubt::GapShifted)))
}

/// The instant a wall-clock time stands for in `zone`: the first one in a DST fold, the first
/// minute after a DST gap (`true` when it was moved so).
pub fn wall_clock_instant(zone: Tz, at: NaiveDateTime) -> Option<(DateTime<Utc>, bool)> {
    (0..=MAX_GAP_MINUTES).find_map(|minutes| {
        let shifted = at.checked_add_signed(TimeDelta::minutes(minutes))?;
        let instant = zone.from_local_datetime(&shifted).earliest()?;
        Some((instant.to_utc(), minutes > 0))
    })
}

/// The moment the leading words name and how many words it takes, or `None` when they name
/// none. A date or time that has the right shape but does not exist ("31.02", "25:00") is an
/// error rather than the end of the phrase.
fn moment(words: &[&str], today: NaiveDate) -> Result<Option<(Moment, usize)>, InputError> {
    let leading_day = match span(words) {
        Some((Span::Exact(span), used)) => return Ok(Some((Moment::In(span), used))),
        Some((Span::Days(days), used)) => today
            .checked_add_days(Days::new(days))
            .map(|date| (Day::sure(date), used)),
        None => day(words, today)?,
    };
    if let Some((day, used)) = leading_day {
        let (clock, more) = time_of_day(&words[used..])?.unwrap_or((Clock::at(DEFAULT_TIME), 0));
        return Ok(day.at(clock).map(|moment| (moment, used + more)));
    }
    // A time may also come first: "at 3pm tomorrow", "в 10 завтра".
    let Some((clock, used)) = time_of_day(words)? else {
        return Ok(None);
    };
    Ok(match day(&words[used..], today)? {
        Some((day, more)) => day.at(clock).map(|moment| (moment, used + more)),
        None => Some((Moment::At(clock), used)),
    })
}

/// A day a phrase names and why it may be another: [`Doubt::DateRolledToNextYear`] or none.
#[derive(Clone, Copy)]
struct Day {
    date: NaiveDate,
    doubt: Option<Doubt>,
}

impl Day {
    fn sure(date: NaiveDate) -> Self {
        Self { date, doubt: None }
    }

    /// The time of day on this day, doubted first for the time as typed, then for the day.
    fn at(self, clock: Clock) -> Option<Moment> {
        Some(Moment::On {
            at: clock.on(self.date)?,
            doubt: clock.doubt.or(self.doubt),
        })
    }
}

enum Span {
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
fn span(words: &[&str]) -> Option<(Span, usize)> {
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
fn count(word: &str) -> Option<u32> {
    number(word, 4).or_else(|| {
        COUNT_WORDS
            .iter()
            .find(|(_, names)| names.contains(&word))
            .map(|&(count, _)| count)
    })
}

/// "today", "завтра", "послезавтра", "the day after tomorrow", "вчера", "в понедельник",
/// "next fri", "25.12", "25.12.2026", "2026-12-25".
fn day(words: &[&str], today: NaiveDate) -> Result<Option<(Day, usize)>, InputError> {
    if let Some((phrase, days)) = RELATIVE_DAYS
        .iter()
        .find(|(phrase, _)| words.starts_with(phrase))
    {
        let day = today.checked_add_signed(TimeDelta::days(*days));
        return Ok(day.map(|date| (Day::sure(date), phrase.len())));
    }
    if let Some((weekday, used)) = weekday_phrase(words) {
        let day = today.checked_add_days(Days::new(days_to_next(today, weekday)));
        return Ok(day.map(|date| (Day::sure(date), used)));
    }
    match words.first() {
        Some(word) => Ok(calendar_date(word, today)?.map(|day| (day, 1))),
        None => Ok(None),
    }
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

fn weekday(name: &str) -> Option<Weekday> {
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
    let day = match year {
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
    day.map(Some).ok_or(InputError::WhenInvalid)
}

/// The day, month and year, if given, of "25.12", "25/12", "25.12.2026" or "2026-12-25".
fn date_parts(word: &str) -> Option<(u32, u32, Option<i32>)> {
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

/// "18:00", "в 10", "at 10", "10am", "3 pm", "10:30pm", "в 7 вечера", "в 3 часа дня",
/// "noon", "в полночь", with "в" or "at" before it or not. A bare hour needs "в", "at" or a
/// part of the day, so "завтра 3 звонка" keeps its "3"; from 1 to 8 it is read as the morning
/// but doubted, as it may be the evening.
fn time_of_day(words: &[&str]) -> Result<Option<(Clock, usize)>, InputError> {
    let with_preposition = matches!(words.first(), Some(&("в" | "at")));
    let start = usize::from(with_preposition);
    let Some(&word) = words.get(start) else {
        return Ok(None);
    };
    if let Some(clock) = named_time(word) {
        return Ok(Some((clock, start + 1)));
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
    first: u32,
    hours: u32,
}

impl Daypart {
    /// The hour of the 24-hour clock that an hour from 1 to 12 is in this part of the day: of
    /// its two readings, as in 3 and 15, the one inside it.
    fn hour(self, hour: u32) -> Option<u32> {
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

/// A run of one to `max_len` ASCII digits; `str::parse` alone would also take "+5".
fn number(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What is left of `input` after its first `count` words, trimmed.
fn skip_words(input: &str, count: usize) -> &str {
    let mut rest = input.trim_start();
    for _ in 0..count {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest.trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Europe::Moscow;

    /// Wednesday, 10 June 2026, noon in Moscow.
    fn now() -> DateTime<Tz> {
        Moscow.with_ymd_and_hms(2026, 6, 10, 12, 0, 0).unwrap()
    }

    fn moscow(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Moscow
            .with_ymd_and_hms(year, month, day, hour, minute, 0)
            .unwrap()
            .to_utc()
    }

    fn parse(input: &str) -> Result<DateTime<Utc>, InputError> {
        When::parse(input, now()).map(|when| when.at)
    }

    fn assert_all(cases: &[(&str, DateTime<Utc>)]) {
        for &(input, expected) in cases {
            assert_eq!(parse(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn reads_today_and_tomorrow_with_a_time() {
        assert_all(&[
            ("today 18:00", moscow(2026, 6, 10, 18, 0)),
            ("сегодня 18:00", moscow(2026, 6, 10, 18, 0)),
            ("Сегодня в 18:00", moscow(2026, 6, 10, 18, 0)),
            ("today at 6pm", moscow(2026, 6, 10, 18, 0)),
            ("tomorrow 10:00", moscow(2026, 6, 11, 10, 0)),
            ("завтра в 10", moscow(2026, 6, 11, 10, 0)),
            ("ЗАВТРА 10:30", moscow(2026, 6, 11, 10, 30)),
            ("tomorrow 10am", moscow(2026, 6, 11, 10, 0)),
            ("tomorrow at 10 am", moscow(2026, 6, 11, 10, 0)),
            ("tomorrow 3pm", moscow(2026, 6, 11, 15, 0)),
            ("tomorrow 3:45 PM", moscow(2026, 6, 11, 15, 45)),
            ("tomorrow 12am", moscow(2026, 6, 11, 0, 0)),
            ("tomorrow 12pm", moscow(2026, 6, 11, 12, 0)),
            ("завтра 0:05", moscow(2026, 6, 11, 0, 5)),
            ("в 10 завтра", moscow(2026, 6, 11, 10, 0)),
            ("at 3pm tomorrow", moscow(2026, 6, 11, 15, 0)),
        ]);
    }

    #[test]
    fn a_day_without_a_time_is_at_ten() {
        assert_all(&[
            ("завтра", moscow(2026, 6, 11, 10, 0)),
            ("tomorrow", moscow(2026, 6, 11, 10, 0)),
            ("послезавтра", moscow(2026, 6, 12, 10, 0)),
            ("day after tomorrow", moscow(2026, 6, 12, 10, 0)),
            ("the day after tomorrow 9:00", moscow(2026, 6, 12, 9, 0)),
            ("послезавтра в 16:30", moscow(2026, 6, 12, 16, 30)),
        ]);
    }

    #[test]
    fn reads_dates_in_digits() {
        assert_all(&[
            ("25.12 14:00", moscow(2026, 12, 25, 14, 0)),
            ("25.12", moscow(2026, 12, 25, 10, 0)),
            ("25/12 в 14:00", moscow(2026, 12, 25, 14, 0)),
            ("25.12.2026 9:00", moscow(2026, 12, 25, 9, 0)),
            ("2026-12-25 14:00", moscow(2026, 12, 25, 14, 0)),
            ("5.1.2027", moscow(2027, 1, 5, 10, 0)),
            ("10.06 18:00", moscow(2026, 6, 10, 18, 0)),
        ]);
    }

    #[test]
    fn a_day_and_month_alone_are_the_next_such_date() {
        assert_all(&[
            ("01.06", moscow(2027, 6, 1, 10, 0)),
            ("11.06", moscow(2026, 6, 11, 10, 0)),
            ("29.02", moscow(2028, 2, 29, 10, 0)),
        ]);
    }

    #[test]
    fn a_weekday_is_the_next_such_day_never_today() {
        // Today is a Wednesday.
        assert_all(&[
            ("monday", moscow(2026, 6, 15, 10, 0)),
            ("on Monday", moscow(2026, 6, 15, 10, 0)),
            ("в понедельник", moscow(2026, 6, 15, 10, 0)),
            ("пн", moscow(2026, 6, 15, 10, 0)),
            ("во вторник", moscow(2026, 6, 16, 10, 0)),
            ("в среду", moscow(2026, 6, 17, 10, 0)),
            ("wed", moscow(2026, 6, 17, 10, 0)),
            ("в четверг в 15:00", moscow(2026, 6, 11, 15, 0)),
            ("пятница 9:30", moscow(2026, 6, 12, 9, 30)),
            ("sunday 8pm", moscow(2026, 6, 14, 20, 0)),
        ]);
    }

    #[test]
    fn reads_spans_from_now() {
        assert_all(&[
            ("in 2 hours", moscow(2026, 6, 10, 14, 0)),
            ("через 2 часа", moscow(2026, 6, 10, 14, 0)),
            ("через час", moscow(2026, 6, 10, 13, 0)),
            ("in an hour", moscow(2026, 6, 10, 13, 0)),
            ("через 30 минут", moscow(2026, 6, 10, 12, 30)),
            ("in 1 minute", moscow(2026, 6, 10, 12, 1)),
            ("через 36 часов", moscow(2026, 6, 12, 0, 0)),
        ]);
    }

    #[test]
    fn days_and_weeks_from_now_are_days_at_ten_or_at_a_given_time() {
        assert_all(&[
            ("in 3 days", moscow(2026, 6, 13, 10, 0)),
            ("через 3 дня", moscow(2026, 6, 13, 10, 0)),
            ("через 1 день", moscow(2026, 6, 11, 10, 0)),
            ("через неделю", moscow(2026, 6, 17, 10, 0)),
            ("in a week", moscow(2026, 6, 17, 10, 0)),
            ("через 2 недели", moscow(2026, 6, 24, 10, 0)),
            ("через 3 дня в 15:00", moscow(2026, 6, 13, 15, 0)),
        ]);
    }

    #[test]
    fn a_time_alone_is_today_while_ahead_else_tomorrow() {
        assert_all(&[
            ("18:00", moscow(2026, 6, 10, 18, 0)),
            ("в 12:01", moscow(2026, 6, 10, 12, 1)),
            ("3pm", moscow(2026, 6, 10, 15, 0)),
            ("9:00", moscow(2026, 6, 11, 9, 0)),
            ("в 10", moscow(2026, 6, 11, 10, 0)),
            ("at 12:00", moscow(2026, 6, 11, 12, 0)),
        ]);
    }

    #[test]
    fn the_instant_is_in_utc() {
        let when = When::parse("завтра в 10", now()).unwrap();
        assert_eq!(when.at, Utc.with_ymd_and_hms(2026, 6, 11, 7, 0, 0).unwrap());
    }

    #[test]
    fn prefix_leaves_the_rest_of_the_text() {
        for (input, at, rest) in [
            (
                "завтра в 10 перезвонить Ивану",
                moscow(2026, 6, 11, 10, 0),
                "перезвонить Ивану",
            ),
            (
                "  Завтра,  в 10,  перезвонить  ",
                moscow(2026, 6, 11, 10, 0),
                "перезвонить",
            ),
            ("завтра 3 звонка", moscow(2026, 6, 11, 10, 0), "3 звонка"),
            (
                "tomorrow 3pm send the proposal",
                moscow(2026, 6, 11, 15, 0),
                "send the proposal",
            ),
            ("через 2 часа КП", moscow(2026, 6, 10, 14, 0), "КП"),
            ("18:00 встреча", moscow(2026, 6, 10, 18, 0), "встреча"),
            ("в пятницу договор", moscow(2026, 6, 12, 10, 0), "договор"),
            ("25.12", moscow(2026, 12, 25, 10, 0), ""),
            ("пн. созвон", moscow(2026, 6, 15, 10, 0), "созвон"),
            (
                "Завтра в 10. Позвонить",
                moscow(2026, 6, 11, 10, 0),
                "Позвонить",
            ),
        ] {
            let (when, left) = When::parse_prefix(input, now()).unwrap();
            assert_eq!((when.at, left), (at, rest), "{input}");
        }
    }

    #[test]
    fn whole_parse_refuses_text_after_the_moment() {
        for bad in ["завтра в 10 звонок", "tomorrow call", "18:00 обед"] {
            assert_eq!(parse(bad), Err(InputError::WhenInvalid), "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_moment() {
        for bad in [
            "",
            "   ",
            "hello",
            "перезвонить завтра",
            "31.02",
            "31.02 14:00",
            "30.02.2027",
            "32.01",
            "25.13",
            "0.05",
            "завтра 25:00",
            "завтра 10:60",
            "в 24",
            "tomorrow 13pm",
            "tomorrow 0am",
            "через",
            "in 2 lightyears",
            "в",
            "25.12.26",
            "25-12-2026",
            "２５.１２",
        ] {
            assert_eq!(parse(bad), Err(InputError::WhenInvalid), "{bad}");
            assert!(When::parse_prefix(bad, now()).is_err(), "{bad}");
        }
    }

    #[test]
    fn refuses_moments_not_after_now() {
        for past in [
            "вчера",
            "сегодня 9:00",
            "today",
            "сегодня в 12:00",
            "01.01.2026",
            "2026-06-10 11:59",
            "через 0 минут",
        ] {
            assert_eq!(parse(past), Err(InputError::WhenPast), "{past}");
        }
        assert_eq!(
            When::parse_prefix("сегодня 9:00 позвонить", now()),
            Err(InputError::WhenPast)
        );
    }

    #[test]
    fn clocks_changing_neither_panic_nor_lose_the_day() {
        let utc = |day: u32, hour: u32, minute: u32| {
            Utc.with_ymd_and_hms(2026, 3, day, hour, minute, 0).unwrap()
        };
        // Saturday noon; on Sunday 8 March New York skips from 2:00 to 3:00.
        let saturday = New_York.with_ymd_and_hms(2026, 3, 7, 12, 0, 0).unwrap();
        let at = |input: &str| When::parse(input, saturday).map(|when| when.at);
        assert_eq!(at("tomorrow 1:30"), Ok(utc(8, 6, 30)));
        assert_eq!(at("tomorrow 2:30"), Ok(utc(8, 7, 0)));
        assert_eq!(at("tomorrow 3:00"), Ok(utc(8, 7, 0)));
        assert_eq!(at("tomorrow 10:00"), Ok(utc(8, 14, 0)));

        // On Sunday 1 November 1:30 comes twice; the first is meant.
        let saturday = New_York.with_ymd_and_hms(2026, 10, 31, 12, 0, 0).unwrap();
        assert_eq!(
            When::parse("tomorrow 1:30", saturday).map(|when| when.at),
            Ok(Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap())
        );
    }

    /// "2026-06-10 09:00" as an instant in UTC.
    fn utc(text: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    /// "2026-06-10 12:00" on the wall clock of `zone`, where it must name one instant.
    fn wall(zone: Tz, text: &str) -> DateTime<Tz> {
        let at = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        zone.from_local_datetime(&at).single().unwrap()
    }

    /// Each input read against `now`, with what it should give, as "input: got, expected" for
    /// those that do not.
    fn mismatches(
        now: DateTime<Tz>,
        cases: impl IntoIterator<Item = (&'static str, Result<DateTime<Utc>, InputError>)>,
    ) -> Vec<String> {
        cases
            .into_iter()
            .filter_map(|(input, expected)| {
                let got = When::parse(input, now).map(|when| when.at);
                (got != expected).then(|| format!("{input} at {now}: {got:?}, not {expected:?}"))
            })
            .collect()
    }

    /// Phrases read on Wednesday 10 June 2026 at 12:00 on the wall clock in Moscow (UTC+3, so
    /// 09:00 UTC) and in New York (EDT, UTC−4, so 16:00 UTC), with the instant each should give
    /// there, in UTC. New York is on EST (UTC−5) from 1 November to 14 March.
    const PHRASES: &[(&str, &str, &str)] = &[
        // Minutes and hours count from now.
        ("через 2 часа", "2026-06-10 11:00", "2026-06-10 18:00"),
        ("in 2 hours", "2026-06-10 11:00", "2026-06-10 18:00"),
        ("через 30 минут", "2026-06-10 09:30", "2026-06-10 16:30"),
        ("in 45 minutes", "2026-06-10 09:45", "2026-06-10 16:45"),
        ("in 90 minutes", "2026-06-10 10:30", "2026-06-10 17:30"),
        ("через час", "2026-06-10 10:00", "2026-06-10 17:00"),
        ("in an hour", "2026-06-10 10:00", "2026-06-10 17:00"),
        ("через полчаса", "2026-06-10 09:30", "2026-06-10 16:30"),
        ("через пару часов", "2026-06-10 11:00", "2026-06-10 18:00"),
        ("in five minutes", "2026-06-10 09:05", "2026-06-10 16:05"),
        ("через 24 часа", "2026-06-11 09:00", "2026-06-11 16:00"),
        // Days and weeks name a day, at 10:00 unless a time is given.
        ("через 3 дня", "2026-06-13 07:00", "2026-06-13 14:00"),
        ("in 3 days", "2026-06-13 07:00", "2026-06-13 14:00"),
        ("через неделю", "2026-06-17 07:00", "2026-06-17 14:00"),
        ("in a week", "2026-06-17 07:00", "2026-06-17 14:00"),
        ("через две недели", "2026-06-24 07:00", "2026-06-24 14:00"),
        (
            "через 1 день в 18:00",
            "2026-06-11 15:00",
            "2026-06-11 22:00",
        ),
        ("in 2 days at 9pm", "2026-06-12 18:00", "2026-06-13 01:00"),
        // Named days; a weekday is the next one, never today (a Wednesday).
        ("завтра", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("tomorrow", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("завтра в 10", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("tomorrow at 7:30pm", "2026-06-11 16:30", "2026-06-11 23:30"),
        ("послезавтра", "2026-06-12 07:00", "2026-06-12 14:00"),
        ("day after tomorrow", "2026-06-12 07:00", "2026-06-12 14:00"),
        (
            "the day after tomorrow at 5pm",
            "2026-06-12 14:00",
            "2026-06-12 21:00",
        ),
        (
            "в 9 утра послезавтра",
            "2026-06-12 06:00",
            "2026-06-12 13:00",
        ),
        ("в пятницу", "2026-06-12 07:00", "2026-06-12 14:00"),
        ("friday 3pm", "2026-06-12 12:00", "2026-06-12 19:00"),
        ("next monday", "2026-06-15 07:00", "2026-06-15 14:00"),
        ("пн 15:00", "2026-06-15 12:00", "2026-06-15 19:00"),
        ("в понедельник в 9", "2026-06-15 06:00", "2026-06-15 13:00"),
        (
            "во вторник в 7 вечера",
            "2026-06-16 16:00",
            "2026-06-16 23:00",
        ),
        ("в среду", "2026-06-17 07:00", "2026-06-17 14:00"),
        ("четверг в 8 утра", "2026-06-11 05:00", "2026-06-11 12:00"),
        (
            "в следующую субботу",
            "2026-06-13 07:00",
            "2026-06-13 14:00",
        ),
        ("sat 8am", "2026-06-13 05:00", "2026-06-13 12:00"),
        ("on sunday at noon", "2026-06-14 09:00", "2026-06-14 16:00"),
        ("сегодня в 18:00", "2026-06-10 15:00", "2026-06-10 22:00"),
        ("today at 6pm", "2026-06-10 15:00", "2026-06-10 22:00"),
        // Dates; New York is on winter time in December and January.
        ("25.12", "2026-12-25 07:00", "2026-12-25 15:00"),
        ("25.12.2026 14:30", "2026-12-25 11:30", "2026-12-25 19:30"),
        ("2026-12-25 14:30", "2026-12-25 11:30", "2026-12-25 19:30"),
        ("31.12.2026 23:59", "2026-12-31 20:59", "2027-01-01 04:59"),
        ("01.01", "2027-01-01 07:00", "2027-01-01 15:00"),
        ("1.7 9:00", "2026-07-01 06:00", "2026-07-01 13:00"),
        // Times alone: today while ahead, else tomorrow.
        ("14:30", "2026-06-10 11:30", "2026-06-10 18:30"),
        ("12:01", "2026-06-10 09:01", "2026-06-10 16:01"),
        ("10am", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("3 pm", "2026-06-10 12:00", "2026-06-10 19:00"),
        ("10 p.m.", "2026-06-10 19:00", "2026-06-11 02:00"),
        ("в 10", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("в 10 утра", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("at 10", "2026-06-11 07:00", "2026-06-11 14:00"),
        ("в 7 вечера", "2026-06-10 16:00", "2026-06-10 23:00"),
        ("в 3 дня", "2026-06-10 12:00", "2026-06-10 19:00"),
        ("в 3 часа дня", "2026-06-10 12:00", "2026-06-10 19:00"),
        ("в 12 дня", "2026-06-11 09:00", "2026-06-11 16:00"),
        ("в 2 ночи", "2026-06-10 23:00", "2026-06-11 06:00"),
        ("в 11 ночи", "2026-06-10 20:00", "2026-06-11 03:00"),
        ("at 7:30pm", "2026-06-10 16:30", "2026-06-10 23:30"),
        ("в 10:15 вечера", "2026-06-10 19:15", "2026-06-11 02:15"),
        ("at 3pm tomorrow", "2026-06-11 12:00", "2026-06-11 19:00"),
        // Noon now is not ahead, so it is tomorrow's; midnight ends the day it is said with.
        ("noon", "2026-06-11 09:00", "2026-06-11 16:00"),
        ("полдень", "2026-06-11 09:00", "2026-06-11 16:00"),
        ("завтра в полдень", "2026-06-11 09:00", "2026-06-11 16:00"),
        ("midnight", "2026-06-10 21:00", "2026-06-11 04:00"),
        ("полночь", "2026-06-10 21:00", "2026-06-11 04:00"),
        ("в полночь", "2026-06-10 21:00", "2026-06-11 04:00"),
        ("at midnight", "2026-06-10 21:00", "2026-06-11 04:00"),
        ("завтра в полночь", "2026-06-11 21:00", "2026-06-12 04:00"),
    ];

    /// Phrases refused the same way in both zones at the same noon.
    const REFUSED: &[(&str, InputError)] = &[
        ("через -3 дня", InputError::WhenInvalid),
        ("in -2 hours", InputError::WhenInvalid),
        ("31.02", InputError::WhenInvalid),
        ("25:00", InputError::WhenInvalid),
        ("14:61", InputError::WhenInvalid),
        ("в 13 вечера", InputError::WhenInvalid),
        ("в 12 утра", InputError::WhenInvalid),
        ("в 6 дня", InputError::WhenInvalid),
        ("yesterday 10:00", InputError::WhenPast),
        ("вчера в 10", InputError::WhenPast),
        ("позавчера", InputError::WhenPast),
        ("today at noon", InputError::WhenPast),
        ("сегодня в 9 утра", InputError::WhenPast),
        ("01.06.2026", InputError::WhenPast),
        ("через 0 минут", InputError::WhenPast),
    ];

    #[test]
    fn reads_phrases_on_the_users_clock_in_moscow_and_new_york() {
        assert!(PHRASES.len() >= 60);
        let in_moscow = wall(Moscow, "2026-06-10 12:00");
        let in_new_york = wall(New_York, "2026-06-10 12:00");
        assert_eq!(in_moscow.to_utc(), utc("2026-06-10 09:00"));
        assert_eq!(in_new_york.to_utc(), utc("2026-06-10 16:00"));
        let mut wrong = mismatches(
            in_moscow,
            PHRASES.iter().map(|&(input, at, _)| (input, Ok(utc(at)))),
        );
        wrong.extend(mismatches(
            in_new_york,
            PHRASES.iter().map(|&(input, _, at)| (input, Ok(utc(at)))),
        ));
        for now in [in_moscow, in_new_york] {
            wrong.extend(mismatches(
                now,
                REFUSED
                    .iter()
                    .map(|(input, error)| (*input, Err(error.clone()))),
            ));
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn days_keep_the_wall_clock_when_new_york_changes_clocks() {
        // Saturday noon, EST (17:00 UTC); on Sunday 8 March 2:00 EST becomes 3:00 EDT.
        let spring = wall(New_York, "2026-03-07 12:00");
        // Saturday noon, EDT (16:00 UTC); on Sunday 1 November 2:00 EDT becomes 1:00 EST.
        let autumn = wall(New_York, "2026-10-31 12:00");
        let cases = |rows: &[(&'static str, &'static str)]| {
            rows.iter()
                .map(|&(input, at)| (input, Ok(utc(at))))
                .collect::<Vec<_>>()
        };
        let mut wrong = mismatches(
            spring,
            cases(&[
                ("tomorrow 10:00", "2026-03-08 14:00"),
                ("завтра в 10", "2026-03-08 14:00"),
                ("через 1 день", "2026-03-08 14:00"),
                ("in 1 day", "2026-03-08 14:00"),
                ("in 1 day at noon", "2026-03-08 16:00"),
                // Hours are exact: 24 of them end at 13:00 EDT.
                ("in 24 hours", "2026-03-08 17:00"),
                ("через 24 часа", "2026-03-08 17:00"),
                ("midnight", "2026-03-08 05:00"),
                ("в 3 ночи", "2026-03-08 07:00"),
                // 2:30 does not exist that night; the clock reads 3:00 at that moment.
                ("завтра в 2:30 ночи", "2026-03-08 07:00"),
                ("sunday 9am", "2026-03-08 13:00"),
                ("in a week", "2026-03-14 14:00"),
                ("через 2 дня в 9 утра", "2026-03-09 13:00"),
                ("today 6pm", "2026-03-07 23:00"),
                ("tomorrow at midnight", "2026-03-09 04:00"),
            ]),
        );
        wrong.extend(mismatches(
            autumn,
            cases(&[
                ("tomorrow 10:00", "2026-11-01 15:00"),
                ("через 1 день", "2026-11-01 15:00"),
                ("in 1 day", "2026-11-01 15:00"),
                ("in 24 hours", "2026-11-01 16:00"),
                // 1:30 comes twice that night; the first, in EDT, is meant.
                ("завтра в 1:30", "2026-11-01 05:30"),
                ("midnight", "2026-11-01 04:00"),
                ("tomorrow at midnight", "2026-11-02 05:00"),
                ("в 7 вечера", "2026-10-31 23:00"),
            ]),
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_late_evening_in_moscow_rolls_into_the_new_year() {
        // Thursday 31 December 2026, 23:30 in Moscow: 20:30 UTC.
        let now = wall(Moscow, "2026-12-31 23:30");
        let wrong = mismatches(
            now,
            [
                ("завтра", Ok(utc("2027-01-01 07:00"))),
                ("через час", Ok(utc("2026-12-31 21:30"))),
                ("в полночь", Ok(utc("2026-12-31 21:00"))),
                ("в 2 ночи", Ok(utc("2026-12-31 23:00"))),
                ("01.01", Ok(utc("2027-01-01 07:00"))),
                ("в пятницу", Ok(utc("2027-01-01 07:00"))),
                ("через неделю", Ok(utc("2027-01-07 07:00"))),
                // Today's date stands for 10:00 today, long gone.
                ("31.12", Err(InputError::WhenPast)),
            ],
        );
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn prefix_ends_after_the_new_forms() {
        for (input, at, rest) in [
            (
                "в 7 вечера позвонить",
                moscow(2026, 6, 10, 19, 0),
                "позвонить",
            ),
            ("в 3 часа дня созвон", moscow(2026, 6, 10, 15, 0), "созвон"),
            ("next monday demo", moscow(2026, 6, 15, 10, 0), "demo"),
            ("10 p.m. call back", moscow(2026, 6, 10, 22, 0), "call back"),
            ("полночь дедлайн", moscow(2026, 6, 11, 0, 0), "дедлайн"),
            ("через пару дней КП", moscow(2026, 6, 12, 10, 0), "КП"),
        ] {
            let (when, left) = When::parse_prefix(input, now()).unwrap();
            assert_eq!((when.at, left), (at, rest), "{input}");
        }
        assert_eq!(
            When::parse_prefix("через -3 дня позвонить", now()),
            Err(InputError::WhenInvalid)
        );
    }

    /// Each input read against `now`, with the instant in UTC and the doubt it should give, as
    /// "input: got, expected" for those that do not.
    fn doubt_mismatches(now: DateTime<Tz>, cases: &[(&str, &str, Option<Doubt>)]) -> Vec<String> {
        cases
            .iter()
            .filter_map(|&(input, at, doubt)| {
                let got = When::parse(input, now).map(|when| (when.at, when.doubt));
                let expected = Ok((utc(at), doubt));
                (got != expected).then(|| format!("{input} at {now}: {got:?}, not {expected:?}"))
            })
            .collect()
    }

    const HOUR: Option<Doubt> = Some(Doubt::HourWithoutDaypart);
    const NEXT_YEAR: Option<Doubt> = Some(Doubt::DateRolledToNextYear);
    const TOMORROW: Option<Doubt> = Some(Doubt::TimeRolledToTomorrow);
    const GAP: Option<Doubt> = Some(Doubt::GapShifted);

    #[test]
    fn a_bare_hour_from_one_to_eight_is_read_as_the_morning_but_doubted() {
        // Wednesday 10 June 2026, noon in Moscow (09:00 UTC).
        let mut wrong = doubt_mismatches(
            now(),
            &[
                ("в 7", "2026-06-11 04:00", HOUR),
                ("at 8", "2026-06-11 05:00", HOUR),
                ("завтра в 5", "2026-06-11 02:00", HOUR),
                ("tomorrow at 5", "2026-06-11 02:00", HOUR),
                ("в 3 часа", "2026-06-11 00:00", HOUR),
                ("at 5 o'clock tomorrow", "2026-06-11 02:00", HOUR),
                ("в понедельник в 1", "2026-06-14 22:00", HOUR),
                ("at 1", "2026-06-10 22:00", HOUR),
                ("в 07", "2026-06-11 04:00", HOUR),
                // A part of the day, minutes, or an hour that can be read one way only.
                ("в 7 утра", "2026-06-11 04:00", None),
                ("в 7 вечера", "2026-06-10 16:00", None),
                ("at 8pm", "2026-06-10 17:00", None),
                ("в 7:00", "2026-06-11 04:00", None),
                ("at 7:30", "2026-06-11 04:30", None),
                ("завтра в 9", "2026-06-11 06:00", None),
                ("at 11 tomorrow", "2026-06-11 08:00", None),
                ("завтра в 12", "2026-06-11 09:00", None),
                ("в 19", "2026-06-10 16:00", None),
                ("в 0", "2026-06-10 21:00", None),
            ],
        );
        // The same in New York (EDT, 16:00 UTC).
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-06-10 12:00"),
            &[
                ("at 8", "2026-06-11 12:00", HOUR),
                ("завтра в 5", "2026-06-11 09:00", HOUR),
                ("at 9 tomorrow", "2026-06-11 13:00", None),
                ("3 pm", "2026-06-10 19:00", None),
            ],
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_day_and_month_gone_by_this_year_are_next_years_and_doubted() {
        // Wednesday 25 November 2026, noon in Moscow (09:00 UTC).
        let mut wrong = doubt_mismatches(
            wall(Moscow, "2026-11-25 12:00"),
            &[
                ("01.03", "2027-03-01 07:00", NEXT_YEAR),
                ("01.03 14:00", "2027-03-01 11:00", NEXT_YEAR),
                ("1/3 at 2pm", "2027-03-01 11:00", NEXT_YEAR),
                ("20.11 в 18:00", "2027-11-20 15:00", NEXT_YEAR),
                ("29.02", "2028-02-29 07:00", NEXT_YEAR),
                // Just over two months away.
                ("26.01", "2027-01-26 07:00", NEXT_YEAR),
                // Two months away at most: only the new year coming.
                ("25.01", "2027-01-25 07:00", None),
                ("15.01 в 9:00", "2027-01-15 06:00", None),
                // Still ahead this year, or the year given.
                ("25.12", "2026-12-25 07:00", None),
                ("26.11", "2026-11-26 07:00", None),
                ("01.03.2027", "2027-03-01 07:00", None),
                ("2027-03-01 14:00", "2027-03-01 11:00", None),
            ],
        );
        // Wednesday 25 November 2026, noon in New York (EST, 17:00 UTC).
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-11-25 12:00"),
            &[
                ("01.03", "2027-03-01 15:00", NEXT_YEAR),
                ("1/3 at 9am", "2027-03-01 14:00", NEXT_YEAR),
                ("15.01", "2027-01-15 15:00", None),
            ],
        ));
        // Sunday 20 December 2026 in Moscow: January and most of February are near.
        wrong.extend(doubt_mismatches(
            wall(Moscow, "2026-12-20 12:00"),
            &[
                ("15.01", "2027-01-15 07:00", None),
                ("20.02", "2027-02-20 07:00", None),
                ("21.02", "2027-02-21 07:00", NEXT_YEAR),
                ("19.12", "2027-12-19 07:00", NEXT_YEAR),
            ],
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_time_alone_gone_by_lately_is_tomorrows_and_doubted() {
        // Wednesday 10 June 2026, 15:00 in Moscow (12:00 UTC).
        let mut wrong = doubt_mismatches(
            wall(Moscow, "2026-06-10 15:00"),
            &[
                ("14:30", "2026-06-11 11:30", TOMORROW),
                ("в 14:30", "2026-06-11 11:30", TOMORROW),
                ("2:30pm", "2026-06-11 11:30", TOMORROW),
                ("at 2:30 pm", "2026-06-11 11:30", TOMORROW),
                // Now itself is not ahead.
                ("в 3 часа дня", "2026-06-11 12:00", TOMORROW),
                ("3pm", "2026-06-11 12:00", TOMORROW),
                ("12:01", "2026-06-11 09:01", TOMORROW),
                // Three hours ago or more: plainly tomorrow's.
                ("12:00", "2026-06-11 09:00", None),
                ("noon", "2026-06-11 09:00", None),
                ("10am", "2026-06-11 07:00", None),
                ("в 9:00", "2026-06-11 06:00", None),
                // Still ahead today, or a day given, or midnight, which is always ahead.
                ("15:01", "2026-06-10 12:01", None),
                ("завтра в 14:30", "2026-06-11 11:30", None),
                ("tomorrow 2:30pm", "2026-06-11 11:30", None),
                ("в полночь", "2026-06-10 21:00", None),
            ],
        );
        // Wednesday 10 June 2026, 23:30 in New York (EDT, 03:30 UTC on the 11th).
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-06-10 23:30"),
            &[
                ("в 11 вечера", "2026-06-12 03:00", TOMORROW),
                ("11pm", "2026-06-12 03:00", TOMORROW),
                ("at 23:00", "2026-06-12 03:00", TOMORROW),
                ("7pm", "2026-06-11 23:00", None),
                ("midnight", "2026-06-11 04:00", None),
            ],
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_time_skipped_when_clocks_jump_forward_is_moved_on_and_doubted() {
        // Saturday 7 March 2026, noon in New York; on Sunday 2:00 EST becomes 3:00 EDT.
        let mut wrong = doubt_mismatches(
            wall(New_York, "2026-03-07 12:00"),
            &[
                ("tomorrow 2:30", "2026-03-08 07:00", GAP),
                ("завтра в 2:30 ночи", "2026-03-08 07:00", GAP),
                ("sunday 2:15am", "2026-03-08 07:00", GAP),
                ("tomorrow 2am", "2026-03-08 07:00", GAP),
                ("tomorrow 1:59", "2026-03-08 06:59", None),
                ("tomorrow 3:00", "2026-03-08 07:00", None),
                ("tomorrow 10:00", "2026-03-08 14:00", None),
            ],
        );
        // Sunday 8 March 2026, 1:00 EST in New York: 2:30 today never comes.
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-03-08 01:00"),
            &[
                ("2:30", "2026-03-08 07:00", GAP),
                ("в 2:30", "2026-03-08 07:00", GAP),
                ("1:30", "2026-03-08 06:30", None),
            ],
        ));
        // Saturday 26 March 2011, noon in Moscow (MSK, UTC+3); on Sunday 2:00 became 3:00
        // (MSD, UTC+4) for the last time.
        wrong.extend(doubt_mismatches(
            wall(Moscow, "2011-03-26 12:00"),
            &[
                ("завтра в 2:30", "2011-03-26 23:00", GAP),
                ("tomorrow 2:30am", "2011-03-26 23:00", GAP),
                ("завтра в 10:00", "2011-03-27 06:00", None),
            ],
        ));
        // A time that comes twice when clocks go back is the first, with no doubt: 1:30 on
        // Sunday 1 November 2026 in New York, and on Sunday 26 October 2014 in Moscow.
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-10-31 12:00"),
            &[
                ("завтра в 1:30", "2026-11-01 05:30", None),
                ("tomorrow 1:30am", "2026-11-01 05:30", None),
            ],
        ));
        wrong.extend(doubt_mismatches(
            wall(Moscow, "2014-10-25 12:00"),
            &[("завтра в 1:30", "2014-10-25 21:30", None)],
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_bare_hour_is_doubted_before_where_it_falls() {
        let mut wrong = doubt_mismatches(
            // 7:00 went by half an hour ago, and 7 may be the evening: the hour comes first.
            wall(Moscow, "2026-06-10 07:30"),
            &[
                ("в 7", "2026-06-11 04:00", HOUR),
                ("at 7", "2026-06-11 04:00", HOUR),
            ],
        );
        wrong.extend(doubt_mismatches(
            wall(Moscow, "2026-11-25 12:00"),
            &[("01.03 в 7", "2027-03-01 04:00", HOUR)],
        ));
        wrong.extend(doubt_mismatches(
            wall(New_York, "2026-03-07 12:00"),
            &[("tomorrow at 2", "2026-03-08 07:00", HOUR)],
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn plain_phrases_carry_no_doubt() {
        let wrong = doubt_mismatches(
            now(),
            &[
                ("завтра в 10:00", "2026-06-11 07:00", None),
                ("in 2 hours", "2026-06-10 11:00", None),
                ("через 2 часа", "2026-06-10 11:00", None),
                ("25.12.2026 14:30", "2026-12-25 11:30", None),
                ("в 7 вечера", "2026-06-10 16:00", None),
                ("3 pm", "2026-06-10 12:00", None),
                ("tomorrow", "2026-06-11 07:00", None),
                ("через неделю", "2026-06-17 07:00", None),
                ("в пятницу", "2026-06-12 07:00", None),
                ("next monday at 9am", "2026-06-15 06:00", None),
                ("25.12", "2026-12-25 07:00", None),
                ("18:00", "2026-06-10 15:00", None),
                ("midnight", "2026-06-10 21:00", None),
            ],
        );
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_table_is_doubted_only_where_it_should_be() {
        // At noon on 10 June 10:00 went by two hours ago and noon just now; 01.01 is next
        // year's, more than two months away. The rest of the table is plain.
        let doubted = [
            ("01.01", NEXT_YEAR),
            ("10am", TOMORROW),
            ("в 10", TOMORROW),
            ("в 10 утра", TOMORROW),
            ("at 10", TOMORROW),
            ("в 12 дня", TOMORROW),
            ("noon", TOMORROW),
            ("полдень", TOMORROW),
        ];
        let mut wrong = Vec::new();
        for now in [
            wall(Moscow, "2026-06-10 12:00"),
            wall(New_York, "2026-06-10 12:00"),
        ] {
            for &(input, _, _) in PHRASES {
                let expected = doubted
                    .iter()
                    .find(|&&(doubted, _)| doubted == input)
                    .and_then(|&(_, doubt)| doubt);
                let got = When::parse(input, now).map(|when| when.doubt);
                if got != Ok(expected) {
                    wrong.push(format!("{input} at {now}: {got:?}, not {expected:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_rest_of_the_text_is_no_cause_for_doubt() {
        for (input, at, doubt, rest) in [
            (
                "в 7 позвонить",
                moscow(2026, 6, 11, 7, 0),
                HOUR,
                "позвонить",
            ),
            (
                "завтра 3 звонка",
                moscow(2026, 6, 11, 10, 0),
                None,
                "3 звонка",
            ),
            (
                "tomorrow at 10 send the proposal",
                moscow(2026, 6, 11, 10, 0),
                None,
                "send the proposal",
            ),
        ] {
            let (when, left) = When::parse_prefix(input, now()).unwrap();
            assert_eq!((when.at, when.doubt, left), (at, doubt, rest), "{input}");
        }
    }

    #[test]
    fn days_keep_the_wall_clock_when_moscow_changes_clocks() {
        // Saturday noon, MSK (UTC+3, 09:00 UTC); on Sunday 27 March 2011 2:00 became 3:00
        // MSD (UTC+4), the last time Moscow changed clocks for summer.
        let spring = wall(Moscow, "2011-03-26 12:00");
        // Saturday noon, UTC+4 (08:00 UTC); on Sunday 26 October 2014 2:00 became 1:00 MSK
        // (UTC+3) for good.
        let autumn = wall(Moscow, "2014-10-25 12:00");
        let cases = |rows: &[(&'static str, &'static str)]| {
            rows.iter()
                .map(|&(input, at)| (input, Ok(utc(at))))
                .collect::<Vec<_>>()
        };
        let mut wrong = mismatches(
            spring,
            cases(&[
                ("завтра в 10", "2011-03-27 06:00"),
                ("tomorrow 10am", "2011-03-27 06:00"),
                ("через 1 день", "2011-03-27 06:00"),
                // Hours are exact: 24 of them end at 13:00 MSD.
                ("через 24 часа", "2011-03-27 09:00"),
                ("midnight", "2011-03-26 21:00"),
                // 2:30 does not exist that night; the clock reads 3:00 at that moment.
                ("завтра в 2:30 ночи", "2011-03-26 23:00"),
                ("в 3 ночи", "2011-03-26 23:00"),
                ("через неделю", "2011-04-02 06:00"),
            ]),
        );
        wrong.extend(mismatches(
            autumn,
            cases(&[
                ("завтра в 10", "2014-10-26 07:00"),
                ("in 1 day", "2014-10-26 07:00"),
                ("in 24 hours", "2014-10-26 08:00"),
                // 1:30 comes twice that night; the first, at UTC+4, is meant.
                ("завтра в 1:30", "2014-10-25 21:30"),
                ("midnight", "2014-10-25 20:00"),
                ("tomorrow at midnight", "2014-10-26 21:00"),
            ]),
        ));
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{SPACED, any_text, config, phrase};
    use chrono_tz::{America, Asia, Australia, Europe, Pacific};
    use proptest::prelude::*;

    /// Zones with the usual summer time, none, a quarter-hour offset, a half-hour change of
    /// clocks (Lord Howe) and a skipped day (Apia, 30 December 2011).
    const ZONES: [Tz; 7] = [
        Europe::Moscow,
        America::New_York,
        Europe::Berlin,
        Asia::Kathmandu,
        Australia::Lord_Howe,
        Pacific::Apia,
        Tz::UTC,
    ];

    const PIECES: &[&str] = &[
        "завтра",
        "сегодня",
        "послезавтра",
        "вчера",
        "позавчера",
        "в",
        "во",
        "через",
        "in",
        "at",
        "on",
        "next",
        "this",
        "следующую",
        "ближайший",
        "пн",
        "пятницу",
        "воскресенье",
        "monday",
        "fri",
        "минут",
        "мин",
        "час",
        "часа",
        "полчаса",
        "hours",
        "h",
        "дня",
        "days",
        "неделю",
        "week",
        "a",
        "an",
        "пару",
        "две",
        "десять",
        "утра",
        "вечера",
        "ночи",
        "am",
        "pm",
        "p.m.",
        "o'clock",
        "noon",
        "полдень",
        "полночь",
        "midnight",
        "the",
        "day",
        "after",
        "tomorrow",
        "today",
        "10",
        "7",
        "12",
        "0",
        "24",
        "15:00",
        "9:30",
        "25:61",
        "25.12",
        "29.02",
        "31.02",
        "2026-12-25",
        "25/12/2026",
        "10am",
        "7:30pm",
        "12am",
        "13pm",
        "-3",
        "+5",
        "перезвонить",
        "Ивану",
        ",",
        ".",
        ":",
        "/",
        "-",
        "завтра в 10",
        "пн 15:00",
        "через 2 часа",
        "in 3 days at 9pm",
        "в 7 вечера",
        "at 5 o'clock",
        "day after tomorrow",
    ];

    /// An instant from 1900 to 2200 or, with `anytime`, now and then any instant chrono has,
    /// some of them within two months of either end of its range (a few days off, so that
    /// the wall clock of every zone is in range too).
    fn now(anytime: bool) -> impl Strategy<Value = DateTime<Tz>> {
        const DAY: i64 = 24 * 60 * 60;
        let common = -2_208_988_800_i64..7_258_118_400;
        let first = DateTime::<Utc>::MIN_UTC.timestamp() + 3 * DAY;
        let last = DateTime::<Utc>::MAX_UTC.timestamp() - 3 * DAY;
        let seconds = if anytime {
            prop_oneof![
                8 => common,
                1 => first..last,
                1 => prop_oneof![first..first + 60 * DAY, last - 60 * DAY..last],
            ]
            .boxed()
        } else {
            common.boxed()
        };
        (seconds, prop::sample::select(&ZONES[..])).prop_map(|(seconds, zone)| {
            DateTime::from_timestamp(seconds, 0)
                .expect("seconds within chrono's range")
                .with_timezone(&zone)
        })
    }

    /// Refused, or a moment after now that the prefix reading agrees with, also when more text
    /// follows.
    fn check(input: &str, now: DateTime<Tz>) -> Result<(), TestCaseError> {
        let prefix = When::parse_prefix(input, now);
        if let Ok((when, rest)) = prefix {
            prop_assert!(when.at > now);
            prop_assert!(input.trim_end().ends_with(rest) && rest.len() < input.len());
        }
        if let Ok(when) = When::parse(input, now) {
            prop_assert_eq!(prefix, Ok((when, "")));
            let followed = format!("{input} перезвонить");
            prop_assert_eq!(
                When::parse_prefix(&followed, now),
                Ok((when, "перезвонить"))
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_is_refused_or_a_moment_ahead(input in any_text(), now in now(true)) {
            check(&input, now)?;
        }

        #[test]
        fn phrase_like_text_is_refused_or_a_moment_ahead(
            input in phrase(PIECES, SPACED),
            now in now(true),
        ) {
            check(&input, now)?;
        }

        #[test]
        fn a_date_and_time_written_out_is_that_time_on_the_wall_clock(
            now in now(false),
            days_ahead in 2..7_300_u64,
            minute_of_day in 0..24 * 60_u32,
            style in 0..3_usize,
        ) {
            let date = now.date_naive() + Days::new(days_ahead);
            let (hour, minute) = (minute_of_day / 60, minute_of_day % 60);
            let wall = date.and_hms_opt(hour, minute, 0).expect("a time of day");
            let input = match style {
                0 => format!("{} {hour:02}:{minute:02}", date.format("%d.%m.%Y")),
                1 => format!("{} в {hour}:{minute:02}", date.format("%Y-%m-%d")),
                _ => format!("{} at {hour}:{minute:02}", date.format("%-d/%-m/%Y")),
            };
            let (at, shifted) = wall_clock_instant(now.timezone(), wall)
                .expect("a wall-clock time within chrono's range");
            let doubt = shifted.then_some(Doubt::GapShifted);
            prop_assert_eq!(When::parse(&input, now), Ok(When { at, doubt }));
            check(&input, now)?;
        }

        #[test]
        fn minutes_and_hours_count_from_now(
            now in now(false),
            count in 1..=9_999_i64,
            (lead, unit, minutes) in prop::sample::select(&[
                ("через", "минут", 1),
                ("in", "minutes", 1),
                ("через", "часов", 60),
                ("in", "hours", 60),
            ][..]),
        ) {
            let input = format!("{lead} {count} {unit}");
            let at = now.to_utc() + TimeDelta::minutes(count * minutes);
            prop_assert_eq!(When::parse(&input, now), Ok(When { at, doubt: None }));
            check(&input, now)?;
        }

        #[test]
        fn a_weekday_is_the_next_such_day_at_ten(
            now in now(false),
            (weekday, names) in prop::sample::select(&WEEKDAY_NAMES[..]),
            pick in any::<prop::sample::Index>(),
            lead in prop::sample::select(&["", "в ", "on ", "next ", "в следующую "][..]),
        ) {
            let input = format!("{lead}{}", pick.get(names));
            let when = When::parse(&input, now)
                .map_err(|error| TestCaseError::fail(format!("{input}: {error}")))?;
            if when.doubt.is_none() {
                let local = when.at.with_timezone(&now.timezone());
                let days = (local.date_naive() - now.date_naive()).num_days();
                prop_assert_eq!(local.weekday(), weekday);
                prop_assert!((1..=7).contains(&days), "{} days", days);
                prop_assert_eq!(local.time(), DEFAULT_TIME);
            }
            check(&input, now)?;
        }
    }
}
