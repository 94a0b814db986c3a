//! The schedules' tests: reading cron expressions and quiet hours, and their fires across
//! changes of clocks; then properties over generated input.

use super::*;
use chrono_tz::Europe::{Berlin, Moscow};

/// The instant the tests read schedules at.
fn now() -> DateTime<Utc> {
    utc("2026-11-25T06:00:00Z")
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("test instants are RFC 3339")
        .to_utc()
}

fn schedule(text: &str) -> SummarySchedule {
    SummarySchedule::parse(text, now()).unwrap_or_else(|error| panic!("{text}: {error}"))
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("test times are HH:MM")
}

fn quiet(text: &str) -> QuietHours {
    QuietHours::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// The next `count` fires after `after`, each found from the one before.
fn fires(schedule: &SummarySchedule, zone: Tz, after: &str, count: usize) -> Vec<String> {
    let mut at = utc(after);
    (0..count)
        .map(|_| {
            at = schedule.next_after(zone, at).expect("fires again");
            at.to_rfc3339()
        })
        .collect()
}

#[test]
fn presets_read_back_and_say_which_they_are() {
    for (code, _) in SummarySchedule::PRESETS {
        let preset = schedule(code);
        assert_eq!(preset.preset(), Some(code));
        assert_eq!(preset.as_text(), code);
        assert_eq!(schedule(&preset.as_text()), preset);
    }
    assert_eq!(schedule(" Weekdays-9 ").preset(), Some("weekdays-9"));
}

#[test]
fn the_cron_text_of_a_preset_is_that_preset() {
    assert_eq!(schedule("0  9 * *  1-5").preset(), Some("weekdays-9"));
    assert_eq!(schedule("0 18 * * 1-5").as_text(), "weekdays-18");
}

#[test]
fn default_is_weekdays_at_nine() {
    let default = SummarySchedule::default();
    assert_eq!(default.preset(), Some("weekdays-9"));
    assert_eq!(default, schedule("weekdays-9"));
}

#[test]
fn a_cron_expression_is_stored_as_typed_with_spaces_collapsed() {
    let custom = schedule("  15 8  * * 1-5 ");
    assert_eq!(custom.preset(), None);
    assert_eq!(custom.as_text(), "15 8 * * 1-5");
    assert_eq!(schedule(&custom.as_text()), custom);
}

#[test]
fn weekdays_are_monday_to_friday() {
    // 2026-11-27 is a Friday.
    assert_eq!(
        fires(&schedule("0 9 * * 1-5"), Tz::UTC, "2026-11-26T10:00:00Z", 3),
        [
            "2026-11-27T09:00:00+00:00",
            "2026-11-30T09:00:00+00:00",
            "2026-12-01T09:00:00+00:00",
        ]
    );
    assert_eq!(
        fires(&schedule("weekdays-18"), Tz::UTC, "2026-11-27T18:00:00Z", 1),
        ["2026-11-30T18:00:00+00:00"]
    );
}

#[test]
fn days_of_the_week_count_from_sunday_zero_like_unix_cron() {
    let after = "2026-11-27T10:00:00Z"; // Friday
    let sunday = ["2026-11-29T09:00:00+00:00"];
    assert_eq!(fires(&schedule("0 9 * * 0"), Tz::UTC, after, 1), sunday);
    assert_eq!(fires(&schedule("0 9 * * 7"), Tz::UTC, after, 1), sunday);
    assert_eq!(fires(&schedule("0 9 * * sun"), Tz::UTC, after, 1), sunday);
    assert_eq!(
        fires(&schedule("0 9 * * 1"), Tz::UTC, after, 1),
        ["2026-11-30T09:00:00+00:00"]
    );
    assert_eq!(
        fires(&schedule("0 9 * * 5-7"), Tz::UTC, "2026-11-26T10:00:00Z", 4),
        [
            "2026-11-27T09:00:00+00:00",
            "2026-11-28T09:00:00+00:00",
            "2026-11-29T09:00:00+00:00",
            "2026-12-04T09:00:00+00:00",
        ]
    );
    assert_eq!(
        fires(&schedule("0 9 * * */3"), Tz::UTC, after, 3), // Sunday, Wednesday, Saturday
        [
            "2026-11-28T09:00:00+00:00",
            "2026-11-29T09:00:00+00:00",
            "2026-12-02T09:00:00+00:00",
        ]
    );
    for same in ["0 9 * * MON-FRI", "0 9 * * 1,2,3,4,5", "0 9 * * 1-5/1"] {
        assert_eq!(
            fires(&schedule(same), Tz::UTC, after, 5),
            fires(&schedule("0 9 * * 1-5"), Tz::UTC, after, 5),
            "{same}"
        );
    }
}

#[test]
fn the_crates_own_form_is_read_as_the_crate_reads_it() {
    let after = "2026-11-27T10:00:00Z";
    assert_eq!(
        fires(&schedule("0 0 9 * * Mon-Fri"), Tz::UTC, after, 5),
        fires(&schedule("0 9 * * 1-5"), Tz::UTC, after, 5),
    );
    // The crate counts from Sunday = 1, so its 2 is Monday.
    assert_eq!(
        fires(&schedule("0 30 8 * * 2"), Tz::UTC, after, 1),
        ["2026-11-30T08:30:00+00:00"]
    );
    assert_eq!(
        fires(&schedule("0 0 9 1 1 * 2029-2030"), Tz::UTC, after, 2),
        ["2029-01-01T09:00:00+00:00", "2030-01-01T09:00:00+00:00"]
    );
    assert_eq!(
        fires(&schedule("@daily"), Tz::UTC, after, 1),
        ["2026-11-28T00:00:00+00:00"]
    );
    assert_eq!(schedule("@daily").as_text(), "@daily");
}

#[test]
fn refuses_what_is_not_cron() {
    for bad in [
        "",
        "hello",
        "weekdays-10",
        "0 9 * *",
        "60 9 * * *",
        "0 24 * * *",
        "0 9 32 * *",
        "0 9 * 13 *",
        "0 9 * * 8",
        "0 9 * * 5-1",
        "0 9 * * 1/2",
        "0 9 * * 1-5/0",
        "0 9 * * +1",
        "0 9 * * 1,",
        "0 9 * * L",
        "0 9 L * *",
        "0 9 * * 1-5 extra",
        "0 0 9 * * * 2026 x",
        &format!("0 9 * * {}", ["1"; 60].join(",")),
    ] {
        assert_eq!(
            SummarySchedule::parse(bad, now()),
            Err(InputError::CronInvalid),
            "{bad}"
        );
    }
}

#[test]
fn refuses_a_schedule_that_never_fires() {
    for never in [
        "0 9 30 2 *",
        "0 9 31 4 *",
        "0 0 9 * * * 2020",
        "0 0 9 * * * 2099",
    ] {
        assert_eq!(
            SummarySchedule::parse(never, now()),
            Err(InputError::CronNeverFires),
            "{never}"
        );
    }
}

#[test]
fn refuses_more_than_once_an_hour() {
    for often in [
        "* * * * *",
        "*/30 * * * *",
        "0,30 9 * * 1-5",
        "0-1 9 1 1 *",
        "* * * * * *",
        "*/10 0 9 * * *",
        "0 */30 * * * *",
    ] {
        assert_eq!(
            SummarySchedule::parse(often, now()),
            Err(InputError::CronTooOften),
            "{often}"
        );
    }
    for hourly in ["0 * * * *", "@hourly", "0 9,10 * * *"] {
        assert!(SummarySchedule::parse(hourly, now()).is_ok(), "{hourly}");
    }
}

#[test]
fn next_is_strictly_after() {
    let daily = schedule("daily-9");
    assert_eq!(
        daily.next_after(Tz::UTC, utc("2026-11-27T09:00:00Z")),
        Some(utc("2026-11-28T09:00:00Z"))
    );
    assert_eq!(
        daily.next_after(Tz::UTC, utc("2026-11-27T08:59:59.900Z")),
        Some(utc("2026-11-27T09:00:00Z"))
    );
}

#[test]
fn nine_stays_nine_on_the_wall_clock_across_a_change_of_clocks() {
    let daily = schedule("daily-9");
    // Berlin goes from UTC+2 to UTC+1 on 2026-10-25, and back on 2027-03-28.
    assert_eq!(
        fires(&daily, Berlin, "2026-10-24T08:00:00Z", 2),
        ["2026-10-25T08:00:00+00:00", "2026-10-26T08:00:00+00:00"]
    );
    assert_eq!(
        fires(&daily, Berlin, "2027-03-27T08:00:00Z", 2),
        ["2027-03-28T07:00:00+00:00", "2027-03-29T07:00:00+00:00"]
    );
    assert_eq!(
        fires(&daily, Moscow, "2026-11-27T06:00:00Z", 2),
        ["2026-11-28T06:00:00+00:00", "2026-11-29T06:00:00+00:00"]
    );
}

#[test]
fn a_time_that_comes_twice_fires_once() {
    let night = schedule("30 2 * * *");
    // 02:30 in Berlin on 2026-10-25 is 00:30 UTC and again 01:30 UTC.
    assert_eq!(
        fires(&night, Berlin, "2026-10-24T23:00:00Z", 2),
        ["2026-10-25T00:30:00+00:00", "2026-10-26T01:30:00+00:00"]
    );
    // Asked in the repeated hour, after the first 02:30 has passed.
    assert_eq!(
        night.next_after(Berlin, utc("2026-10-25T01:10:00Z")),
        Some(utc("2026-10-26T01:30:00Z"))
    );
}

#[test]
fn a_time_the_clocks_skip_fires_when_they_have_jumped() {
    // Berlin has no 02:30 on 2027-03-28: 02:00 CET is followed by 03:00 CEST (01:00 UTC).
    assert_eq!(
        fires(&schedule("30 2 * * *"), Berlin, "2027-03-27T02:00:00Z", 2),
        ["2027-03-28T01:00:00+00:00", "2027-03-29T00:30:00+00:00"]
    );
}

#[test]
fn quiet_hours_read_in_several_spellings() {
    for (input, text) in [
        ("21:00-09:00", "21:00–09:00"),
        ("22-8", "22:00–08:00"),
        ("21:00–09:00", "21:00–09:00"),
        (" 23:30 — 7:15 ", "23:30–07:15"),
        ("13:00 - 14:00", "13:00–14:00"),
        ("0-6", "00:00–06:00"),
    ] {
        let hours = quiet(input);
        assert_eq!(hours.as_text(), text, "{input}");
        assert_eq!(quiet(&hours.as_text()), hours, "{input}");
    }
    assert_eq!(QuietHours::default().as_text(), "21:00–09:00");
}

#[test]
fn quiet_hours_refuse_garbage_and_an_empty_span() {
    for bad in [
        "",
        "21",
        "21:00",
        "21:00-21:00",
        "9-09:00",
        "25-8",
        "24:00-08:00",
        "21:60-09:00",
        "21:0-09:00",
        "21:00-09:00-10:00",
        "+5-8",
        "a-b",
        "21:00 09:00",
        "9pm-9am",
    ] {
        assert_eq!(
            QuietHours::parse(bad),
            Err(InputError::QuietHoursInvalid),
            "{bad}"
        );
    }
}

#[test]
fn quiet_hours_contain_their_start_but_not_their_end() {
    let night = QuietHours::default();
    for inside in ["21:00", "23:59", "00:00", "08:59"] {
        assert!(night.contains(time(inside)), "{inside}");
    }
    for outside in ["09:00", "12:00", "20:59"] {
        assert!(!night.contains(time(outside)), "{outside}");
    }
    let lunch = quiet("13-14");
    assert!(lunch.contains(time("13:00")) && lunch.contains(time("13:59")));
    for outside in ["12:59", "14:00", "00:00", "23:00"] {
        assert!(!lunch.contains(time(outside)), "{outside}");
    }
}

#[test]
fn a_message_in_quiet_hours_waits_for_their_end() {
    let night = QuietHours::default();
    // Moscow is UTC+3: 22:00 there waits for 09:00 the next morning, 02:00 for the same one.
    assert_eq!(
        night.hold_until(Moscow, utc("2026-11-27T19:00:00Z")),
        Some(utc("2026-11-28T06:00:00Z"))
    );
    assert_eq!(
        night.hold_until(Moscow, utc("2026-11-27T23:00:00Z")),
        Some(utc("2026-11-28T06:00:00Z"))
    );
    assert_eq!(night.hold_until(Moscow, utc("2026-11-28T06:00:00Z")), None);
    assert_eq!(night.hold_until(Moscow, utc("2026-11-28T17:59:00Z")), None);
    assert_eq!(
        quiet("13-14").hold_until(Moscow, utc("2026-11-28T10:30:00Z")),
        Some(utc("2026-11-28T11:00:00Z"))
    );
}

#[test]
fn quiet_hours_end_on_the_wall_clock_across_a_change_of_clocks() {
    let night = QuietHours::default();
    // 23:00 CEST on 2026-10-24; the morning after, Berlin is on UTC+1.
    assert_eq!(
        night.hold_until(Berlin, utc("2026-10-24T21:00:00Z")),
        Some(utc("2026-10-25T08:00:00Z"))
    );
    // 01:30 CET on 2027-03-28; 02:30 that night does not exist, so they end at 03:00 CEST.
    assert_eq!(
        quiet("01:00-02:30").hold_until(Berlin, utc("2027-03-28T00:30:00Z")),
        Some(utc("2027-03-28T01:00:00Z"))
    );
    // 02:30 comes twice on 2026-10-25: first at 00:30 UTC, then at 01:30 UTC.
    let late = quiet("21:00-02:30");
    assert_eq!(
        late.hold_until(Berlin, utc("2026-10-25T00:10:00Z")),
        Some(utc("2026-10-25T00:30:00Z"))
    );
    assert_eq!(late.hold_until(Berlin, utc("2026-10-25T00:45:00Z")), None);
    assert_eq!(
        late.hold_until(Berlin, utc("2026-10-25T01:10:00Z")),
        Some(utc("2026-10-25T01:30:00Z"))
    );
}

mod props {
    use super::*;
    use crate::domain::props::{SPACED, any_text, config, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "*",
        "*/5",
        "*/0",
        "0",
        "9",
        "18",
        "59",
        "60",
        "1-5",
        "5-1",
        "1-5/2",
        "MON-FRI",
        "mon",
        "Sun",
        "7",
        "8",
        "L",
        "?",
        "#",
        "W",
        ",",
        "-",
        "/",
        "@daily",
        "@hourly",
        "@weekly",
        "@monthly",
        "@yearly",
        "weekdays-9",
        "daily-9",
        "2027",
        "2029-2030",
        "2099",
        "99999999999",
        " ",
        "  ",
    ];
    /// Values of each field of a cron expression, in order: seconds (the crate's form only),
    /// minute, hour, day of month, month, day of week, year (the crate's form, optional).
    const FIELDS: [&[&str]; 7] = [
        &["0", "30", "*", "0,30", "60"],
        &["0", "15", "59", "60", "*", "*/30", "0,30", "0-1", "5/2"],
        &["9", "0", "23", "24", "*", "9,18", "9-18", "*/2", "9-18/3"],
        &[
            "*", "1", "15", "29", "30", "31", "32", "1-15", "*/10", "?", "L", "1,15",
        ],
        &[
            "*", "1", "2", "12", "13", "jan", "FEB", "1-6", "*/3", "jan-mar",
        ],
        &[
            "*",
            "?",
            "0",
            "1",
            "5",
            "7",
            "8",
            "1-5",
            "5-1",
            "0-7/3",
            "mon",
            "MON-FRI",
            "sat,sun",
            "1/2",
            "*/2",
            "1-5/0",
            "+1",
            "1,",
            "99999999999",
        ],
        &["2027", "2029-2030", "2020", "2099", "*", "2026-2126"],
    ];
    const SPANS: &[&str] = &[
        "-",
        "–",
        "—",
        ":",
        "00",
        "0",
        "9",
        "21",
        "23",
        "24",
        "30",
        "59",
        "60",
        " ",
        "+",
        "21:00",
        "9:30",
        "09:00",
        "22",
        "8",
        "24:00",
        "7:5",
        "21:00-09:00",
    ];

    /// A cron expression field by field: five fields for Unix cron, or six or seven with the
    /// seconds and the year of the crate's form.
    fn cron_fields() -> impl Strategy<Value = String> {
        let [seconds, minute, hour, day, month, weekday, year] = FIELDS.map(prop::sample::select);
        (
            (any::<bool>(), seconds),
            (minute, hour, day, month, weekday),
            prop::option::of(year),
        )
            .prop_map(
                |((crate_form, seconds), (minute, hour, day, month, weekday), year)| {
                    let mut fields = vec![minute, hour, day, month, weekday];
                    if crate_form {
                        fields.insert(0, seconds);
                        fields.extend(year);
                    }
                    fields.join(" ")
                },
            )
    }

    /// Refused, or a schedule that fires, at most hourly, and whose stored form reads back.
    fn check_schedule(input: &str) -> Result<(), TestCaseError> {
        if let Ok(schedule) = SummarySchedule::parse(input, now()) {
            prop_assert_eq!(
                SummarySchedule::parse(&schedule.as_text(), now()),
                Ok(schedule.clone())
            );
            let after = now();
            let next = schedule.next_after(chrono_tz::Europe::Moscow, after);
            prop_assert!(next.is_some_and(|next| next > after), "{:?}", next);
        }
        Ok(())
    }

    /// Refused, or a span whose stored form reads back.
    fn check_quiet(input: &str) -> Result<(), TestCaseError> {
        if let Ok(quiet) = QuietHours::parse(input) {
            prop_assert_eq!(QuietHours::parse(&quiet.as_text()), Ok(quiet));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_is_refused_or_a_schedule_that_reads_back(input in any_text()) {
            check_schedule(&input)?;
        }

        #[test]
        fn cron_like_text_is_refused_or_a_schedule_that_reads_back(
            input in phrase(PIECES, SPACED),
        ) {
            check_schedule(&input)?;
        }

        #[test]
        fn cron_fields_are_refused_or_a_schedule_that_reads_back(input in cron_fields()) {
            check_schedule(&input)?;
        }

        #[test]
        fn any_text_is_refused_or_quiet_hours_that_read_back(input in any_text()) {
            check_quiet(&input)?;
        }

        #[test]
        fn span_like_text_is_refused_or_quiet_hours_that_read_back(
            input in phrase(SPANS, &["", " "]),
        ) {
            check_quiet(&input)?;
        }

        #[test]
        fn every_span_of_two_times_is_read(
            (start, end) in (0..24 * 60_u32, 0..24 * 60_u32),
            dash in prop::sample::select(&["-", "–", "—", " - "][..]),
        ) {
            let clock = |minutes: u32| format!("{}:{:02}", minutes / 60, minutes % 60);
            let parsed = QuietHours::parse(&format!("{}{dash}{}", clock(start), clock(end)));
            if start == end {
                prop_assert_eq!(parsed, Err(InputError::QuietHoursInvalid));
            } else {
                let text = |minutes: u32| format!("{:02}:{:02}", minutes / 60, minutes % 60);
                let quiet = parsed.map_err(|error| TestCaseError::fail(error.to_string()))?;
                prop_assert_eq!(quiet.as_text(), format!("{}–{}", text(start), text(end)));
                check_quiet(&quiet.as_text())?;
            }
        }
    }
}
