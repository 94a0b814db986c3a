//! Tasks and reminders, the `/today` and `/tasks` lists, and the answers to a dormant client's
//! reminder.

mod dormant;
mod list;
mod reminders;
