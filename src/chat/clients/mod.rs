//! What reaches clients themselves: their link to the bot, appointments and their reminders,
//! clients' feedback on surveys, and segments of the base with the mailings sent to them.

mod appointments;
mod feedback;
mod links;
mod segments;

pub(in crate::chat) use segments::SegmentCount;
