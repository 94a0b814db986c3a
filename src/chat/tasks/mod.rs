//! Tasks and reminders, the `/today` and `/tasks` lists, a task's card, and the answers to a
//! dormant client's reminder.

mod card;
mod dormant;
mod list;
mod reminders;
