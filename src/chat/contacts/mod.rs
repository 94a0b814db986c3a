//! Contacts: adding them, the card, calls and notes on the timeline, editing fields, finding,
//! duplicates and the archive.

mod add;
mod archive;
mod browse;
mod calls;
mod card;
mod duplicates;
mod edit;
mod fields;
mod one_line;

pub use browse::Browse;
pub use fields::Field;
mod find;
mod timeline;
