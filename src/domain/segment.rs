//! A segment of contacts, typed as filters: `#vip type:wholesale region:Moscow stage:Proposal
//! manager:Anna after:30d before:2026-01-01 born:12 subscribed` (Russian keywords too:
//! `тип: регион: этап: менеджер: после: до: родились: подписан`). Values with spaces go in
//! quotes: `region:"Nizhny Novgorod"`. Every filter given must hold; no filter is everyone.

use super::input_error::InputError;
use super::tag::Tag;
use chrono::{Days, NaiveDate};

/// A moment for "last interaction before/after": some days ago, or a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    DaysAgo(u32),
    Date(NaiveDate),
}

impl Since {
    fn parse(text: &str) -> Option<Self> {
        let days = text
            .strip_suffix('d')
            .or_else(|| text.strip_suffix('д'))
            .and_then(|n| n.parse::<u32>().ok());
        match days {
            Some(days) if days <= 36_500 => Some(Since::DaysAgo(days)),
            Some(_) => None,
            None => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
                .ok()
                .map(Since::Date),
        }
    }

    fn as_text(self) -> String {
        match self {
            Since::DaysAgo(days) => format!("{days}d"),
            Since::Date(date) => date.to_string(),
        }
    }

    /// The calendar day this names, counted back from `today`.
    pub fn date(self, today: NaiveDate) -> NaiveDate {
        match self {
            Since::DaysAgo(days) => today
                .checked_sub_days(Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MIN),
            Since::Date(date) => date,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SegmentFilter {
    pub tags: Vec<Tag>,
    pub kind: Option<String>,
    pub region: Option<String>,
    /// The name of a funnel stage where the contact has an open deal.
    pub stage: Option<String>,
    /// The responsible member's name.
    pub manager: Option<String>,
    /// The last real interaction was after / before this.
    pub active_after: Option<Since>,
    pub active_before: Option<Since>,
    pub birth_month: Option<u32>,
    pub subscribed_only: bool,
}

const MAX_CHARS: usize = 500;
const MONTHS: [(&str, &str, &str); 12] = [
    ("jan", "янв", "1"),
    ("feb", "фев", "2"),
    ("mar", "мар", "3"),
    ("apr", "апр", "4"),
    ("may", "мая", "5"),
    ("jun", "июн", "6"),
    ("jul", "июл", "7"),
    ("aug", "авг", "8"),
    ("sep", "сен", "9"),
    ("oct", "окт", "10"),
    ("nov", "ноя", "11"),
    ("dec", "дек", "12"),
];

fn month(text: &str) -> Option<u32> {
    let text = text.to_lowercase();
    MONTHS
        .iter()
        .position(|(en, ru, number)| {
            text == *number
                || text.starts_with(en)
                || text.starts_with(ru)
                // "май" has no "мая" prefix.
                || (*number == "5" && text == "май")
        })
        .map(|i| i as u32 + 1)
}

/// Splits on spaces, keeping `key:"a b"` together (without the quotes).
fn tokens(input: &str) -> Result<Vec<String>, InputError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' | '«' | '»' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if quoted {
        return Err(InputError::SegmentInvalid);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    Ok(tokens)
}

impl SegmentFilter {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        if input.chars().count() > MAX_CHARS {
            return Err(InputError::SegmentInvalid);
        }
        let mut filter = Self::default();
        for token in tokens(input)? {
            let lowered = token.to_lowercase();
            if lowered.starts_with('#') {
                let tag = Tag::parse(&token)?;
                if !filter.tags.contains(&tag) {
                    filter.tags.push(tag);
                }
                continue;
            }
            if matches!(lowered.as_str(), "subscribed" | "подписан" | "подписаны")
            {
                filter.subscribed_only = true;
                continue;
            }
            let Some((key, value)) = token.split_once(':') else {
                return Err(InputError::SegmentInvalid);
            };
            let value = value.trim();
            if value.is_empty() {
                return Err(InputError::SegmentInvalid);
            }
            let text = Some(value.to_owned());
            match key.to_lowercase().as_str() {
                "type" | "тип" => filter.kind = text,
                "region" | "регион" | "city" | "город" => filter.region = text,
                "stage" | "этап" => filter.stage = text,
                "manager" | "менеджер" => filter.manager = text,
                "after" | "после" => {
                    filter.active_after = Some(
                        Since::parse(&value.to_lowercase()).ok_or(InputError::SegmentInvalid)?,
                    )
                }
                "before" | "до" => {
                    filter.active_before = Some(
                        Since::parse(&value.to_lowercase()).ok_or(InputError::SegmentInvalid)?,
                    )
                }
                "born" | "родились" | "birthday" | "др" => {
                    filter.birth_month = Some(month(value).ok_or(InputError::SegmentInvalid)?)
                }
                _ => return Err(InputError::SegmentInvalid),
            }
        }
        // What is stored is `as_text`, whose English keywords may be longer than the Russian
        // ones typed; it must be within the limit too, or the stored filter would not read back.
        if filter.as_text().chars().count() > MAX_CHARS {
            return Err(InputError::SegmentInvalid);
        }
        Ok(filter)
    }

    /// The filter as typed back, in English keywords: `parse(as_text())` gives it again.
    pub fn as_text(&self) -> String {
        let quoted = |value: &str| {
            if value.contains(char::is_whitespace) {
                format!("\"{value}\"")
            } else {
                value.to_owned()
            }
        };
        let mut parts: Vec<String> = self
            .tags
            .iter()
            .map(|t| format!("#{}", t.as_str()))
            .collect();
        let texts = [
            ("type", &self.kind),
            ("region", &self.region),
            ("stage", &self.stage),
            ("manager", &self.manager),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                parts.push(format!("{key}:{}", quoted(value)));
            }
        }
        if let Some(since) = self.active_after {
            parts.push(format!("after:{}", since.as_text()));
        }
        if let Some(since) = self.active_before {
            parts.push(format!("before:{}", since.as_text()));
        }
        if let Some(month) = self.birth_month {
            parts.push(format!("born:{month}"));
        }
        if self.subscribed_only {
            parts.push("subscribed".to_owned());
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let russian = SegmentFilter::parse(
            "тип:опт регион:Москва после:14д до:01.02.2026 родились:май подписан",
        )
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
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{SPACED, any_text, config, phrase};
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
}
