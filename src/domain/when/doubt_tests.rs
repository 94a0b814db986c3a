//! Examples of the doubts a reading carries, and of readings that carry none.

use super::doubt::*;
use super::phrase::*;
use super::tests::*;
use super::zone_tests::*;
use chrono::DateTime;
use chrono_tz::America::New_York;
use chrono_tz::Europe::Moscow;
use chrono_tz::Tz;

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
fn words_after_the_moment_that_tell_more_of_the_time_are_doubted() {
    let doubt = |input: &str| When::parse_prefix(input, now()).map(|(when, _)| when.doubt);
    for input in [
        "tomorrow around 5 call Ivan",
        "завтра после обеда позвонить",
        "в пятницу ближе к вечеру созвон",
        "tomorrow by noon send the price",
        "понедельник примерно в 10 демо",
    ] {
        assert_eq!(doubt(input), Ok(Some(Doubt::PartlyRead)), "{input}");
    }
    for input in [
        "завтра позвонить Ивану",
        "tomorrow about the contract",
        "tomorrow 10:00 at the office",
        "завтра 3 звонка",
    ] {
        assert_eq!(doubt(input), Ok(None), "{input}");
    }
}

#[test]
fn a_weekday_that_does_not_match_its_date_is_doubted_and_the_date_kept() {
    // 25 June 2026 is a Thursday.
    let mut wrong = doubt_mismatches(
        now(),
        &[
            (
                "Friday 25th",
                "2026-06-25 07:00",
                Some(Doubt::WeekdayDoesNotMatch),
            ),
            ("Thursday 25th", "2026-06-25 07:00", None),
        ],
    );
    wrong.sort();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
