//! The plain records an export writes, filled by the caller from the store.

use crate::domain::Birthday;

/// One contact as exported. Empty lists and `None` are empty cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportContact {
    pub name: String,
    /// E.164, as stored.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// The username, with or without "@".
    pub telegram: Option<String>,
    pub companies: Vec<String>,
    pub tags: Vec<String>,
    /// The contact type's label in the reader's language.
    pub kind: Option<String>,
    pub region: Option<String>,
    pub birthday: Option<Birthday>,
    /// The priority's label in the reader's language.
    pub priority: Option<String>,
    pub notes: Option<String>,
    /// The owner's display name.
    pub owner: String,
    /// When the contact was created, formatted for the reader, e.g. "25.12.2025 14:30".
    pub created_at: String,
}

/// One deal as exported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDeal {
    pub title: String,
    pub contact: Option<String>,
    pub company: Option<String>,
    /// In kopecks or cents, as stored; written as "1500.00".
    pub amount_minor: Option<i64>,
    /// ISO 4217 code, e.g. "RUB".
    pub currency: Option<String>,
    pub stage: String,
    /// Dates and times formatted for the reader.
    pub expected_close: Option<String>,
    pub next_action: Option<String>,
    pub comment: Option<String>,
    pub lost_reason: Option<String>,
    pub owner: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}
