//! What a phrase names before it is placed on the user's clock, and placing it there.

use super::clock::Clock;
use super::doubt::Doubt;
use super::instant::instant;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Tz;

/// A time alone that went by less than this long ago is read as tomorrow's with
/// [`Doubt::TimeRolledToTomorrow`]: it may be a reminder typed a little late for today.
const RECENTLY_PASSED: TimeDelta = TimeDelta::hours(3);

/// What a phrase names, before it is placed on the user's clock.
pub(super) enum Moment {
    /// A span from now: "in 2 hours".
    In(TimeDelta),
    /// A wall-clock date and time, "tomorrow", "25.12 14:00", and why the words may mean
    /// another.
    On {
        at: NaiveDateTime,
        doubt: Option<Doubt>,
    },
    /// A time of day alone: today if it is still ahead, else tomorrow.
    At(Clock),
}

impl Moment {
    /// The instant on the user's clock and the first doubt about it: about the words, then
    /// about the day they were put on, then about a time that does not exist.
    pub(super) fn resolve(self, now: DateTime<Tz>) -> Option<(DateTime<Utc>, Option<Doubt>)> {
        let zone = now.timezone();
        match self {
            Moment::In(span) => Some((now.checked_add_signed(span)?.to_utc(), None)),
            Moment::On { at, doubt } => {
                let (at, gap) = instant(zone, at)?;
                Some((at, doubt.or(gap)))
            }
            Moment::At(clock) => {
                let today = now.date_naive();
                let (at, gap) = instant(zone, clock.on(today)?)?;
                if at > now {
                    return Some((at, clock.doubt.or(gap)));
                }
                let rolled =
                    (now.to_utc() - at < RECENTLY_PASSED).then_some(Doubt::TimeRolledToTomorrow);
                let (at, gap) = instant(zone, clock.on(today.succ_opt()?)?)?;
                Some((at, clock.doubt.or(rolled).or(gap)))
            }
        }
    }
}
