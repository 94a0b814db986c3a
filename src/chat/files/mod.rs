//! Files: importing contacts from a file sent to the bot, and `/export`.

mod export;
mod import;

pub use import::ImportOutcome;
