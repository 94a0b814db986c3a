//! Moments for the next action on a contact, typed in Russian or English ("завтра в 10",
//! "in 2 hours", "25.12 14:00") and read against the user's own clock into an instant in UTC.
//!
//! A phrase that may mean another moment than the one read carries a [`Doubt`](doubt::Doubt),
//! so that the bot shows the time it understood and asks before it keeps it rather than guess
//! in silence.

mod clock;
mod day;
mod doubt;
#[cfg(test)]
mod doubt_tests;
mod instant;
mod moment;
mod phrase;
#[cfg(test)]
mod props;
mod span;
#[cfg(test)]
mod tests;
mod words;
#[cfg(test)]
mod zone_tests;

pub use instant::wall_clock_instant;
pub use phrase::When;
