//! What reaches clients themselves: their link to the bot, appointments and their reminders,
//! and segments of the base with the mailings sent to them.

mod appointments;
mod links;
mod segments;

pub(in crate::chat) use segments::SegmentCount;
