//! Writing contacts and deals out: CSV that Excel opens directly, and vCard 3.0 for phones and
//! mail programs.
//!
//! The caller fills the plain records below from the store (labels already localised, dates
//! already formatted); nothing here reads the database or the locale files.

#[cfg(test)]
mod fixtures;
mod records;
mod tables;
mod vcard;

pub use records::{ExportContact, ExportDeal};
pub use tables::{
    CONTACT_COLUMNS, DEAL_COLUMNS, contact_headers, contacts_csv, deal_headers, deals_csv,
};
pub use vcard::vcards;
