//! Properties of the reader: any text is a moment after now or refused, and every phrase it
//! writes reads back as meant.

use super::day::*;
use super::doubt::*;
use super::instant::*;
use super::phrase::*;
use crate::domain::props::{SPACED, any_text, config, phrase};
use chrono::{DateTime, Datelike, Days, TimeDelta, Utc};
use chrono_tz::Tz;
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
