//! Examples of phrases read, in Russian and English, against clocks in several zones.

use super::phrase::*;
use crate::domain::input_error::InputError;
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Moscow;
use chrono_tz::Tz;

/// Wednesday, 10 June 2026, noon in Moscow.
pub(super) fn now() -> DateTime<Tz> {
    Moscow.with_ymd_and_hms(2026, 6, 10, 12, 0, 0).unwrap()
}

pub(super) fn moscow(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Moscow
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .unwrap()
        .to_utc()
}

pub(super) fn parse(input: &str) -> Result<DateTime<Utc>, InputError> {
    When::parse(input, now()).map(|when| when.at)
}

pub(super) fn assert_all(cases: &[(&str, DateTime<Utc>)]) {
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

#[test]
fn reads_dates_with_month_names() {
    assert_all(&[
        ("25 декабря в 14:30", moscow(2026, 12, 25, 14, 30)),
        ("15 января в 9:00", moscow(2027, 1, 15, 9, 0)),
        ("1 марта", moscow(2027, 3, 1, 10, 0)),
        ("Dec 25 at 2:30pm", moscow(2026, 12, 25, 14, 30)),
        ("December 31 at 11:59pm", moscow(2026, 12, 31, 23, 59)),
        ("25 December at 2pm", moscow(2026, 12, 25, 14, 0)),
        ("June 12th at 10", moscow(2026, 6, 12, 10, 0)),
        ("1 марта 2027 в 10:00", moscow(2027, 3, 1, 10, 0)),
    ]);
    assert_eq!(
        parse("31 февраля"),
        Err(InputError::NoSuchDay { day: 31, month: 2 })
    );
    let (when, rest) = When::parse_prefix("25 декабря в 14:30 созвон", now()).unwrap();
    assert_eq!((when.at, rest), (moscow(2026, 12, 25, 14, 30), "созвон"));
}

#[test]
fn reads_parts_of_the_day_said_alone() {
    assert_all(&[
        ("завтра вечером", moscow(2026, 6, 11, 19, 0)),
        ("tomorrow evening", moscow(2026, 6, 11, 19, 0)),
        ("tomorrow morning", moscow(2026, 6, 11, 9, 0)),
        ("завтра утром", moscow(2026, 6, 11, 9, 0)),
        ("сегодня вечером", moscow(2026, 6, 10, 19, 0)),
        ("tomorrow afternoon", moscow(2026, 6, 11, 14, 0)),
    ]);
    let (when, rest) = When::parse_prefix("завтра вечером позвонить", now()).unwrap();
    assert_eq!((when.at, rest), (moscow(2026, 6, 11, 19, 0), "позвонить"));
}

#[test]
fn a_day_the_month_does_not_have_is_named_in_the_error() {
    for (input, day, month) in [
        ("31.02", 31, 2),
        ("31.02 14:00", 31, 2),
        ("30.02.2027", 30, 2),
        ("29.02.2027", 29, 2),
        ("31 апреля", 31, 4),
        ("June 31", 31, 6),
    ] {
        assert_eq!(
            parse(input),
            Err(InputError::NoSuchDay { day, month }),
            "{input}"
        );
    }
}

#[test]
fn reads_halves_and_a_little_more_of_a_span() {
    let noon = moscow(2026, 6, 10, 12, 0);
    let later = |minutes: i64| noon + chrono::TimeDelta::minutes(minutes);
    assert_all(&[
        ("in an hour and a half", later(90)),
        ("in 1.5 hours", later(90)),
        ("in two and a half hours", later(150)),
        ("через полтора часа", later(90)),
        ("через 1,5 часа", later(90)),
        ("через два с половиной часа", later(150)),
        ("через час с половиной", later(90)),
        ("через час с небольшим", later(75)),
        ("через полчаса", later(30)),
        ("in 2 weeks", moscow(2026, 6, 24, 10, 0)),
    ]);
    assert_eq!(parse("через полтора дня"), Err(InputError::WhenInvalid));
    let (when, rest) = When::parse_prefix("in an hour and a half call Ivan", now()).unwrap();
    assert_eq!((when.at, rest), (later(90), "call Ivan"));
}

#[test]
fn reads_half_past_and_quarters() {
    assert_all(&[
        ("tomorrow at half past 10", moscow(2026, 6, 11, 10, 30)),
        ("tomorrow half past ten pm", moscow(2026, 6, 11, 22, 30)),
        ("tomorrow quarter past 11", moscow(2026, 6, 11, 11, 15)),
        ("tomorrow at quarter to 12", moscow(2026, 6, 11, 11, 45)),
    ]);
}

#[test]
fn a_weekday_with_a_date_is_that_date() {
    // 10 June 2026 is a Wednesday; Friday the 26th is the next 26th.
    assert_all(&[
        ("Friday 26th", moscow(2026, 6, 26, 10, 0)),
        ("friday the 26th at 3pm", moscow(2026, 6, 26, 15, 0)),
        ("в пятницу 26-го в 15:00", moscow(2026, 6, 26, 15, 0)),
        ("пт 26.06", moscow(2026, 6, 26, 10, 0)),
        ("Friday, 26 June", moscow(2026, 6, 26, 10, 0)),
        // The next 7th is a Tuesday: it is still the date read, with a doubt to confirm.
        ("Friday 7th", moscow(2026, 7, 7, 10, 0)),
    ]);
}

#[test]
fn reads_a_moment_at_either_end() {
    let (when, rest) = When::parse_either_end("call Ivan tomorrow", now()).unwrap();
    assert_eq!(
        (when.at, rest.as_str()),
        (moscow(2026, 6, 11, 10, 0), "call Ivan")
    );
    let (when, rest) = When::parse_either_end("позвонить Ивану завтра в 15:00", now()).unwrap();
    assert_eq!(
        (when.at, rest.as_str()),
        (moscow(2026, 6, 11, 15, 0), "позвонить Ивану")
    );
    let (when, rest) = When::parse_either_end("tomorrow 10:00 call Ivan", now()).unwrap();
    assert_eq!(
        (when.at, rest.as_str()),
        (moscow(2026, 6, 11, 10, 0), "call Ivan")
    );
    assert_eq!(
        When::parse_either_end("call Ivan", now()),
        Err(InputError::WhenInvalid)
    );
}
