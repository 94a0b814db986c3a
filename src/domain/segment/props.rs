//! Properties of the reader: any text is a filter or refused, and a filter written reads back.

use super::filter::*;
use super::since::*;
use crate::domain::input_error::InputError;
use crate::domain::props::{SPACED, any_text, config, phrase};
use crate::domain::tag::Tag;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "#vip",
    "#опт",
    "#",
    "type:",
    "тип:",
    "region:",
    "регион:",
    "city:",
    "город:",
    "stage:",
    "этап:",
    "manager:",
    "менеджер:",
    "after:",
    "после:",
    "before:",
    "до:",
    "born:",
    "родились:",
    "др:",
    "birthday:",
    "subscribed",
    "подписан",
    "подписаны",
    "\"",
    "«",
    "»",
    "30d",
    "14д",
    "99999999999d",
    "2026-01-01",
    "01.02.2026",
    "+12345-01-01",
    "dec",
    "май",
    "12",
    "13",
    "Moscow",
    "Nizhny Novgorod",
    "İ",
    ":",
    " ",
    "type:wholesale",
    "тип:опт",
    "region:\"Nizhny Novgorod\"",
    "город:«Нижний Новгород»",
    "after:30d",
    "до:01.02.2026",
    "born:dec",
    "др:май",
    "manager:Anna",
];

/// Refused, or a filter whose text form reads back as the same filter.
fn check(input: &str) -> Result<(), TestCaseError> {
    if let Ok(filter) = SegmentFilter::parse(input) {
        prop_assert_eq!(SegmentFilter::parse(&filter.as_text()), Ok(filter));
    }
    Ok(())
}

/// Words of the values of text filters, with the characters that mean something elsewhere
/// in a filter: `:`, `#`, a keyword.
const VALUE_WORDS: &[&str] = &[
    "Moscow",
    "Нижний",
    "Новгород",
    "wholesale",
    "опт",
    "Anna",
    "Proposal",
    "этап-2",
    "a:b",
    "type:x",
    "#vip",
    "subscribed",
    "O'Neil",
    "1.5",
    "İstanbul",
    "straße",
    "ёлка",
];
const TAGS: &[&str] = &["vip", "опт", "new-2025", "a_b", "ёж", "x", "VIP", "Ёж"];

/// A value as the text form keeps it: trimmed, without quotes, possibly with spaces.
fn value() -> impl Strategy<Value = Option<String>> {
    let space = prop::sample::select(&[" ", "\u{a0}", "  ", "\t"][..]);
    let words = prop::collection::vec((prop::sample::select(VALUE_WORDS), space), 1..4);
    prop::option::of(words.prop_map(|words| {
        let text: String = words
            .into_iter()
            .map(|(word, space)| word.to_owned() + space)
            .collect();
        text.trim().to_owned()
    }))
}

fn since(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Option<Since>> {
    let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).expect("a year chrono has");
    let last = NaiveDate::from_ymd_opt(*years.end(), 12, 31).expect("a year chrono has");
    let days = 0..=(last - first).num_days();
    prop::option::of(prop_oneof![
        (0..=36_500_u32).prop_map(Since::DaysAgo),
        days.prop_map(move |days| Since::Date(first + Days::new(days as u64))),
    ])
}

fn filter(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = SegmentFilter> {
    let tags = prop::collection::vec(prop::sample::select(TAGS), 0..4);
    (
        tags,
        (value(), value(), value(), value()),
        (since(years.clone()), since(years)),
        prop::option::of(1..=12_u32),
        any::<bool>(),
    )
        .prop_map(
            |(
                tags,
                (kind, region, stage, manager),
                (active_after, active_before),
                birth_month,
                subscribed_only,
            )| {
                let mut unique: Vec<Tag> = Vec::new();
                for tag in tags {
                    let tag = Tag::parse(tag).expect("generated tags are valid");
                    if !unique.contains(&tag) {
                        unique.push(tag);
                    }
                }
                SegmentFilter {
                    tags: unique,
                    kind,
                    region,
                    stage,
                    manager,
                    active_after,
                    active_before,
                    birth_month,
                    subscribed_only,
                }
            },
        )
}

/// The filter typed with the Russian keywords, days as "14д" and dates as "01.02.2026".
fn in_russian(filter: &SegmentFilter) -> String {
    let quoted = |value: &str| {
        if value.contains(char::is_whitespace) {
            format!("«{value}»")
        } else {
            value.to_owned()
        }
    };
    let since = |since: Since| match since {
        Since::DaysAgo(days) => format!("{days}д"),
        Since::Date(date) => date.format("%d.%m.%Y").to_string(),
    };
    let mut parts: Vec<String> = filter
        .tags
        .iter()
        .map(|t| format!("#{}", t.as_str()))
        .collect();
    for (key, value) in [
        ("тип", &filter.kind),
        ("город", &filter.region),
        ("этап", &filter.stage),
        ("менеджер", &filter.manager),
    ] {
        if let Some(value) = value {
            parts.push(format!("{key}:{}", quoted(value)));
        }
    }
    if let Some(after) = filter.active_after {
        parts.push(format!("после:{}", since(after)));
    }
    if let Some(before) = filter.active_before {
        parts.push(format!("до:{}", since(before)));
    }
    if let Some(month) = filter.birth_month {
        parts.push(format!("др:{}", MONTHS[month as usize - 1].1));
    }
    if filter.subscribed_only {
        parts.push("подписан".to_owned());
    }
    parts.join(" ")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_refused_or_reads_back(input in any_text()) {
        check(&input)?;
    }

    #[test]
    fn filter_like_text_is_refused_or_reads_back(input in phrase(PIECES, SPACED)) {
        check(&input)?;
    }

    #[test]
    fn every_filter_reads_back_from_its_text(filter in filter(-262_000..=262_000)) {
        let text = filter.as_text();
        let expected = if text.chars().count() <= MAX_CHARS {
            Ok(filter)
        } else {
            Err(InputError::SegmentInvalid)
        };
        prop_assert_eq!(SegmentFilter::parse(&text), expected);
    }

    #[test]
    fn a_filter_typed_in_russian_reads_back_from_its_text(filter in filter(1000..=9999)) {
        let typed = in_russian(&filter);
        prop_assert_eq!(SegmentFilter::parse(&typed), Ok(filter));
        check(&typed)?;
    }

    #[test]
    fn a_filter_typed_up_to_the_length_limit_reads_back(
        mut filter in filter(1000..=9999),
        short_by in 0..20_usize,
    ) {
        filter.kind = Some(String::new());
        let room = MAX_CHARS.saturating_sub(in_russian(&filter).chars().count() + short_by);
        filter.kind = Some("я".repeat(room.max(1)));
        check(&in_russian(&filter))?;
    }
}
