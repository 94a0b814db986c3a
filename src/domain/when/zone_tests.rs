//! Tables of phrases read on the wall clocks of Moscow and New York, across changes of clocks
//! and the new year.

use super::phrase::*;
use super::tests::*;
use crate::domain::input_error::InputError;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Moscow;
use chrono_tz::Tz;

/// "2026-06-10 09:00" as an instant in UTC.
pub(super) fn utc(text: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

/// "2026-06-10 12:00" on the wall clock of `zone`, where it must name one instant.
pub(super) fn wall(zone: Tz, text: &str) -> DateTime<Tz> {
    let at = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    zone.from_local_datetime(&at).single().unwrap()
}

/// Each input read against `now`, with what it should give, as "input: got, expected" for
/// those that do not.
pub(super) fn mismatches(
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
pub(super) const PHRASES: &[(&str, &str, &str)] = &[
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
    ("31.02", InputError::NoSuchDay { day: 31, month: 2 }),
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
