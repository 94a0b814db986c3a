//! Reading a CSV of contacts: the bytes into text, the text into a table, each row into a
//! contact or a reason to reject it.
//!
//! The steps are separate so the bot can stop between them: [`decode`], [`detect_delimiter`],
//! [`read_table`], [`guess_mapping`] (shown to the user to confirm), then [`parse_row`] for each
//! row, and [`rejected_csv`] for the rows that did not make it.

mod columns;
mod encoding;
mod limits;
#[cfg(test)]
mod props;
mod rejects;
#[cfg(test)]
mod row_tests;
mod rows;
mod table;
#[cfg(test)]
mod tests;

pub use columns::{Target, guess_mapping};
pub use encoding::decode;
pub use limits::{ImportError, MAX_BYTES, MAX_COLUMNS, MAX_ROWS};
pub use rejects::{RejectReason, Rejected};
pub use rows::{parse_row, rejected_csv};
pub use table::{ImportFile, RawRow, detect_delimiter, read_table};
