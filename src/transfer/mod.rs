//! Moving contacts in and out of the CRM as files: CSV from Excel or another CRM in, CSV and
//! vCard out. Only parsing and formatting lives here; the bot flows and the database are
//! elsewhere.
//!
//! Every CSV cell written here is protected against formula injection (see [`protect_cell`]),
//! and the importer undoes that protection, so an exported file imports back unchanged.

mod cells;
pub mod export;
pub mod import;

pub use cells::{UTF8_BOM, WRITE_DELIMITER, protect_cell, unprotect_cell};
