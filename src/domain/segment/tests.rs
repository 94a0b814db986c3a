//! Examples of filters read and written back, and of what is refused.

use super::filter::*;
use super::since::*;
use chrono::NaiveDate;

#[test]
fn reads_every_filter_in_english_and_russian() {
    let english = SegmentFilter::parse(
        "#VIP #опт type:wholesale region:\"Nizhny Novgorod\" stage:Proposal manager:Anna \
         after:30d before:2026-01-01 born:dec subscribed",
    )
    .unwrap();
    assert_eq!(english.tags.len(), 2);
    assert_eq!(english.kind.as_deref(), Some("wholesale"));
    assert_eq!(english.region.as_deref(), Some("Nizhny Novgorod"));
    assert_eq!(english.stage.as_deref(), Some("Proposal"));
    assert_eq!(english.manager.as_deref(), Some("Anna"));
    assert_eq!(english.active_after, Some(Since::DaysAgo(30)));
    assert_eq!(
        english.active_before,
        Some(Since::Date(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()))
    );
    assert_eq!(english.birth_month, Some(12));
    assert!(english.subscribed_only);
    let russian =
        SegmentFilter::parse("тип:опт регион:Москва после:14д до:01.02.2026 родились:май подписан")
            .unwrap();
    assert_eq!(russian.kind.as_deref(), Some("опт"));
    assert_eq!(russian.active_after, Some(Since::DaysAgo(14)));
    assert_eq!(
        russian.active_before,
        Some(Since::Date(NaiveDate::from_ymd_opt(2026, 2, 1).unwrap()))
    );
    assert_eq!(russian.birth_month, Some(5));
    assert!(russian.subscribed_only);
}

#[test]
fn the_text_form_reads_back_the_same() {
    for input in [
        "#vip type:wholesale region:\"Nizhny Novgorod\" after:30d born:3 subscribed",
        "",
        "manager:Anna before:2025-12-31",
    ] {
        let filter = SegmentFilter::parse(input).unwrap();
        assert_eq!(SegmentFilter::parse(&filter.as_text()).unwrap(), filter);
    }
    assert_eq!(SegmentFilter::parse("").unwrap(), SegmentFilter::default());
}

#[test]
fn refuses_unknown_keys_bad_values_and_open_quotes() {
    for bad in [
        "colour:red",
        "born:13",
        "after:yesterday",
        "after:99999999d",
        "region:",
        "region:\"Moscow",
        "just words",
        "#bad!tag",
        // 500 characters, but 507 as stored with the English keywords.
        &format!("тип:{} до:0д подписан", "я".repeat(481)),
    ] {
        assert!(
            SegmentFilter::parse(bad).is_err(),
            "{bad:?} should be refused"
        );
    }
}

#[test]
fn days_ago_count_back_from_today() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    assert_eq!(
        Since::DaysAgo(30).date(today),
        NaiveDate::from_ymd_opt(2026, 10, 26).unwrap()
    );
}
