//! Moments for the next action on a contact, typed in Russian or English ("завтра в 10",
//! "in 2 hours", "25.12 14:00") and read against the user's own clock into an instant in UTC.

use super::InputError;
use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

/// The time of day a date given without one stands for.
const DEFAULT_TIME: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
/// How many years ahead a day and month without a year are looked for: the next 29.02 can be
/// eight years away (2096, then 2104).
const MAX_YEARS_AHEAD: i32 = 8;
/// Clocks jump forward by at most a day (Samoa skipped 30.12.2011), so a wall-clock time in a
/// gap finds a valid minute within this many.
const MAX_GAP_MINUTES: i64 = 24 * 60;

/// The spellings of each day of the week, matched in lower case.
const WEEKDAY_NAMES: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["понедельник", "пн", "monday", "mon"]),
    (Weekday::Tue, &["вторник", "вт", "tuesday", "tue"]),
    (Weekday::Wed, &["среда", "среду", "ср", "wednesday", "wed"]),
    (Weekday::Thu, &["четверг", "чт", "thursday", "thu"]),
    (Weekday::Fri, &["пятница", "пятницу", "пт", "friday", "fri"]),
    (
        Weekday::Sat,
        &["суббота", "субботу", "сб", "saturday", "sat"],
    ),
    (Weekday::Sun, &["воскресенье", "вс", "sunday", "sun"]),
];

/// A moment after the `now` it was read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub at: DateTime<Utc>,
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
    /// else tomorrow; a weekday is the next such day, never today. A moment that is not after
    /// `now` is refused.
    pub fn parse_prefix(input: &str, now: DateTime<Tz>) -> Result<(Self, &str), InputError> {
        let lowered: Vec<String> = input
            .split_whitespace()
            .map(|word| word.trim_end_matches([',', '.']).to_lowercase())
            .collect();
        let words: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let (moment, used) = moment(&words, now.date_naive())?.ok_or(InputError::WhenInvalid)?;
        let at = moment.resolve(now).ok_or(InputError::WhenInvalid)?;
        if at <= now {
            return Err(InputError::WhenPast);
        }
        Ok((Self { at }, skip_words(input, used)))
    }
}

/// What a phrase names, before it is placed on the user's clock.
enum Moment {
    /// A span from now: "in 2 hours".
    In(TimeDelta),
    /// A wall-clock date and time: "tomorrow", "25.12 14:00".
    On(NaiveDateTime),
    /// A time of day alone: today if it is still ahead, else tomorrow.
    At(NaiveTime),
}

impl Moment {
    fn resolve(self, now: DateTime<Tz>) -> Option<DateTime<Utc>> {
        let zone = now.timezone();
        match self {
            Moment::In(span) => Some(now.checked_add_signed(span)?.to_utc()),
            Moment::On(at) => instant(zone, at),
            Moment::At(time) => {
                let today = now.date_naive();
                match instant(zone, today.and_time(time))? {
                    at if at > now => Some(at),
                    _ => instant(zone, today.succ_opt()?.and_time(time)),
                }
            }
        }
    }
}

/// The instant a wall-clock time names in `zone`: the earlier one when clocks go back and it
/// comes twice, the first valid minute after it when clocks jump forward over it.
fn instant(zone: Tz, at: NaiveDateTime) -> Option<DateTime<Utc>> {
    (0..=MAX_GAP_MINUTES)
        .find_map(|minutes| {
            let shifted = at.checked_add_signed(TimeDelta::minutes(minutes))?;
            zone.from_local_datetime(&shifted).earliest()
        })
        .map(|at| at.to_utc())
}

/// The moment the leading words name and how many words it takes, or `None` when they name
/// none. A date or time that has the right shape but does not exist ("31.02", "25:00") is an
/// error rather than the end of the phrase.
fn moment(words: &[&str], today: NaiveDate) -> Result<Option<(Moment, usize)>, InputError> {
    let leading_day = match span(words) {
        Some((Span::Exact(span), used)) => return Ok(Some((Moment::In(span), used))),
        Some((Span::Days(days), used)) => today
            .checked_add_days(Days::new(days))
            .map(|day| (day, used)),
        None => day(words, today)?,
    };
    if let Some((day, used)) = leading_day {
        let (time, more) = time_of_day(&words[used..])?.unwrap_or((DEFAULT_TIME, 0));
        return Ok(Some((Moment::On(day.and_time(time)), used + more)));
    }
    // A time may also come first: "at 3pm tomorrow", "в 10 завтра".
    let Some((time, used)) = time_of_day(words)? else {
        return Ok(None);
    };
    Ok(Some(match day(&words[used..], today)? {
        Some((day, more)) => (Moment::On(day.and_time(time)), used + more),
        None => (Moment::At(time), used),
    }))
}

enum Span {
    /// Minutes and hours count from this very moment.
    Exact(TimeDelta),
    /// Days and weeks name a day, which may have its own time.
    Days(u64),
}

/// "in 2 hours", "in an hour", "через 30 минут", "через час", "in 3 days", "через неделю".
fn span(words: &[&str]) -> Option<(Span, usize)> {
    if !matches!(words.first(), Some(&("in" | "через"))) {
        return None;
    }
    // Without a count, as in "через час", the unit is one.
    let (count, used) = match *words.get(1)? {
        "a" | "an" => (1, 2),
        word => number(word, 4).map_or((1, 1), |count| (count, 2)),
    };
    let span = match *words.get(used)? {
        "минуту" | "минуты" | "минут" | "мин" | "minute" | "minutes" | "min" => {
            Span::Exact(TimeDelta::minutes(count.into()))
        }
        "час" | "часа" | "часов" | "ч" | "hour" | "hours" | "h" => {
            Span::Exact(TimeDelta::hours(count.into()))
        }
        "день" | "дня" | "дней" | "day" | "days" => Span::Days(count.into()),
        "неделю" | "недели" | "недель" | "week" | "weeks" => {
            Span::Days(7 * u64::from(count))
        }
        _ => return None,
    };
    Some((span, used + 1))
}

/// "today", "завтра", "послезавтра", "the day after tomorrow", "в понедельник", "fri",
/// "25.12", "25.12.2026", "2026-12-25".
fn day(words: &[&str], today: NaiveDate) -> Result<Option<(NaiveDate, usize)>, InputError> {
    let after = |days: u64, used: usize| Some((today.checked_add_days(Days::new(days))?, used));
    let next = |name: &str, used: usize| after(days_to_next(today, weekday(name)?), used);
    Ok(match words {
        ["today" | "сегодня", ..] => Some((today, 1)),
        ["tomorrow" | "завтра", ..] => after(1, 1),
        ["послезавтра", ..] => after(2, 1),
        ["the", "day", "after", "tomorrow", ..] => after(2, 4),
        ["day", "after", "tomorrow", ..] => after(2, 3),
        ["в" | "во" | "on", name, ..] => next(name, 2),
        [word, ..] => match next(word, 1) {
            Some(day) => Some(day),
            None => calendar_date(word, today)?.map(|date| (date, 1)),
        },
        [] => None,
    })
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
/// today on, so "29.02" waits for a leap year.
fn calendar_date(word: &str, today: NaiveDate) -> Result<Option<NaiveDate>, InputError> {
    let Some((day, month, year)) = date_parts(word) else {
        return Ok(None);
    };
    let date = match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => (today.year()..=today.year() + MAX_YEARS_AHEAD).find_map(|year| {
            NaiveDate::from_ymd_opt(year, month, day).filter(|date| *date >= today)
        }),
    };
    date.map(Some).ok_or(InputError::WhenInvalid)
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

/// "18:00", "в 10", "at 10", "10am", "3 pm", "10:30pm", with "в" or "at" before it or not. A
/// bare hour needs "в", "at", "am" or "pm", so "завтра 3 звонка" keeps its "3".
fn time_of_day(words: &[&str]) -> Result<Option<(NaiveTime, usize)>, InputError> {
    let with_preposition = matches!(words.first(), Some(&("в" | "at")));
    let start = usize::from(with_preposition);
    let Some(&word) = words.get(start) else {
        return Ok(None);
    };
    let (clock, meridiem, used) = match (
        split_meridiem(word),
        words.get(start + 1).and_then(|next| meridiem(next)),
    ) {
        (Some((clock, half)), _) => (clock, Some(half), start + 1),
        (None, Some(half)) => (word, Some(half), start + 2),
        (None, None) => (word, None, start + 1),
    };
    let (hour, minute) = match clock.split_once(':') {
        Some((hour, minute)) if minute.len() == 2 => (number(hour, 2), number(minute, 2)),
        None if meridiem.is_some() || with_preposition => (number(clock, 2), Some(0)),
        _ => return Ok(None),
    };
    let (Some(hour), Some(minute)) = (hour, minute) else {
        return Ok(None);
    };
    let hour = match meridiem {
        Some(half) if (1..=12).contains(&hour) => hour % 12 + half,
        Some(_) => return Err(InputError::WhenInvalid),
        None => hour,
    };
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or(InputError::WhenInvalid)?;
    Ok(Some((time, used)))
}

/// "10am" as ("10", 0), "3pm" as ("3", 12).
fn split_meridiem(word: &str) -> Option<(&str, u32)> {
    ["am", "pm"]
        .into_iter()
        .find_map(|suffix| Some((word.strip_suffix(suffix)?, meridiem(suffix)?)))
}

/// The hours "am" or "pm" adds to an hour from 1 to 12 (after 12 becomes 0).
fn meridiem(word: &str) -> Option<u32> {
    match word {
        "am" => Some(0),
        "pm" => Some(12),
        _ => None,
    }
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
            "вчера",
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
}
