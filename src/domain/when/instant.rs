//! Wall-clock times placed in a zone: the first of a fold, the first minute after a gap.

use super::doubt::Doubt;
use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// Clocks jump forward by at most a day (Samoa skipped 30.12.2011), so a wall-clock time in a
/// gap finds a valid minute within this many.
const MAX_GAP_MINUTES: i64 = 24 * 60;

/// The instant a wall-clock time names in `zone`: the earlier one when clocks go back and it
/// comes twice, the first valid minute after it when clocks jump forward over it, then with
/// [`Doubt::GapShifted`].
pub(super) fn instant(zone: Tz, at: NaiveDateTime) -> Option<(DateTime<Utc>, Option<Doubt>)> {
    let (instant, shifted) = wall_clock_instant(zone, at)?;
    Some((instant, shifted.then_some(Doubt::GapShifted)))
}

/// The instant a wall-clock time stands for in `zone`: the first one in a DST fold, the first
/// minute after a DST gap (`true` when it was moved so).
pub fn wall_clock_instant(zone: Tz, at: NaiveDateTime) -> Option<(DateTime<Utc>, bool)> {
    (0..=MAX_GAP_MINUTES).find_map(|minutes| {
        let shifted = at.checked_add_signed(TimeDelta::minutes(minutes))?;
        let instant = zone.from_local_datetime(&shifted).earliest()?;
        Some((instant.to_utc(), minutes > 0))
    })
}
