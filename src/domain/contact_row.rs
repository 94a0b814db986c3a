//! A contact as read from one row of a file, in domain values: what the importer produces and
//! the store checks for duplicates and saves.

use super::birthday::Birthday;
use super::contact_name::ContactName;
use super::email::Email;
use super::phone::Phone;
use super::tag::Tag;
use super::telegram_username::TelegramUsername;

/// A row read into domain values, ready for duplicate detection and storing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub line: usize,
    pub name: ContactName,
    /// Each once, in the order of the file.
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
    /// Checked like a company name typed in the bot.
    pub company: Option<String>,
    pub tags: Vec<Tag>,
    pub birthday: Option<Birthday>,
    pub region: Option<String>,
    /// As written in the file: the caller maps labels such as "Опт" to its kinds.
    pub kind: Option<String>,
    pub notes: Option<String>,
    pub telegram: Option<TelegramUsername>,
}

impl ContactRow {
    /// The row of line `line` with only a name; the other columns fill the rest.
    pub fn new(line: usize, name: ContactName) -> Self {
        Self {
            line,
            name,
            phones: Vec::new(),
            emails: Vec::new(),
            company: None,
            tags: Vec::new(),
            birthday: None,
            region: None,
            kind: None,
            notes: None,
            telegram: None,
        }
    }
}
