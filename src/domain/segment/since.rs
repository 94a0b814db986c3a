//! How recent the last contact with a client must be, or must not be, for a segment.

use chrono::{Days, NaiveDate};

/// A moment for "last interaction before/after": some days ago, or a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    DaysAgo(u32),
    Date(NaiveDate),
}

impl Since {
    pub(super) fn parse(text: &str) -> Option<Self> {
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

    pub(super) fn as_text(self) -> String {
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
