//! A segment's filter as the user types it: tags, type, region, birthday month, last contact.

use super::since::Since;
use crate::domain::input_error::InputError;
use crate::domain::tag::Tag;

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

pub(super) const MAX_CHARS: usize = 500;

pub(super) const MONTHS: [(&str, &str, &str); 12] = [
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

pub(super) fn month(text: &str) -> Option<u32> {
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
