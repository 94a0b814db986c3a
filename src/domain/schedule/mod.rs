//! When a team hears from the bot on its own: the time of the daily summary, and the quiet hours
//! in which scheduled messages wait rather than wake anyone up. Both are wall-clock times in
//! the team's zone, so 09:00 stays 09:00 when the clocks change.

use super::InputError;
use super::when::wall_clock_instant;
use chrono::{DateTime, Months, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use cron::TimeUnitSpec;
use std::collections::BTreeSet;
use std::str::FromStr;

/// A schedule that stays silent this long is a typo rather than a plan.
const HORIZON: Months = Months::new(5 * 12);
/// Longer text is not a cron expression anyone types, and the column it is stored in stays short.
const MAX_CRON_LEN: usize = 100;
/// Day names in the `cron` crate's language, indexed by the Unix number of the day (Sunday = 0).
const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// When the team's daily summary is posted: one of the preset codes or a cron expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummarySchedule {
    /// What is stored: a preset code, or the expression as typed with runs of spaces collapsed.
    text: String,
    /// The expression in the `cron` crate's form, read as wall-clock time.
    cron: cron::Schedule,
}

impl SummarySchedule {
    /// The presets offered as buttons: the code stored for each and the cron expression it
    /// stands for.
    pub const PRESETS: [(&'static str, &'static str); 4] = [
        ("weekdays-9", "0 9 * * 1-5"),
        ("daily-9", "0 9 * * *"),
        ("weekdays-18", "0 18 * * 1-5"),
        ("monday-9", "0 9 * * 1"),
    ];

    /// Reads a preset code ("weekdays-9") or a cron expression. Five fields are standard Unix
    /// cron — minute, hour, day of month, month, day of week with Sunday 0 or 7 and "1-5"
    /// Monday to Friday; six or seven fields (or "@daily" and the like) are the `cron` crate's
    /// own form: seconds first, an optional year last, and days of the week numbered from
    /// Sunday = 1. Unlike Unix cron, a day of month and a day of week given together must both
    /// match. An expression that does not fire in the five years after `now`, or that fires
    /// more often than once an hour, is refused.
    pub fn parse(input: &str, now: DateTime<Utc>) -> Result<Self, InputError> {
        let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(&preset) = Self::PRESETS
            .iter()
            .find(|(code, expression)| text.eq_ignore_ascii_case(code) || text == *expression)
        {
            return Ok(Self::from_preset(preset));
        }
        if text.len() > MAX_CRON_LEN {
            return Err(InputError::CronInvalid);
        }
        let cron = crate_form(&text).ok_or(InputError::CronInvalid)?;
        let schedule = Self { text, cron };
        let fires_soon = now
            .checked_add_months(HORIZON)
            .zip(schedule.next_after(Tz::UTC, now))
            .is_some_and(|(horizon, next)| next <= horizon);
        if !fires_soon {
            return Err(InputError::CronNeverFires);
        }
        // Within any hour that fires at all, two seconds or two minutes mean two messages less
        // than an hour apart; one of each means a message per hour at most. This holds for
        // every hour, unlike measuring gaps between the next few fires, which may miss a burst
        // that comes only on some day of the year.
        if schedule.cron.seconds().count() > 1 || schedule.cron.minutes().count() > 1 {
            return Err(InputError::CronTooOften);
        }
        Ok(schedule)
    }

    fn from_preset((code, expression): (&str, &str)) -> Self {
        Self {
            text: code.to_owned(),
            cron: crate_form(expression).expect("the presets are valid cron expressions"),
        }
    }

    /// What to store so that `parse` gives this schedule back.
    pub fn as_text(&self) -> String {
        self.text.clone()
    }

    /// The preset code, when the schedule is one of the presets.
    pub fn preset(&self) -> Option<&'static str> {
        Self::PRESETS
            .iter()
            .map(|&(code, _)| code)
            .find(|code| *code == self.text)
    }

    /// The first time the summary is due strictly after `after`, on the wall clock of `zone`.
    /// A time the clocks skip when they jump forward fires at the first minute after the jump;
    /// a time that comes twice when they go back fires only the first time. `None` when the
    /// schedule never fires again.
    pub fn next_after(&self, zone: Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        // The crate, given a zone, skips a time in a gap and fires twice in an overlap, so it
        // walks the wall clock as if it were UTC and each wall time is placed in `zone` here.
        let wall_after = Utc.from_utc_datetime(&after.with_timezone(&zone).naive_local());
        self.cron
            .after(&wall_after)
            .filter_map(|wall| wall_clock_instant(zone, wall.naive_utc()).map(|(at, _)| at))
            .find(|fire| *fire > after)
    }
}

impl Default for SummarySchedule {
    /// Weekdays at 09:00.
    fn default() -> Self {
        Self::from_preset(Self::PRESETS[0])
    }
}

/// The expression in the `cron` crate's form: a five-field Unix expression gets a seconds field
/// and its days of the week translated; anything else goes to the crate as it is.
fn crate_form(text: &str) -> Option<cron::Schedule> {
    let fields: Vec<&str> = text.split(' ').collect();
    let expression = match fields[..] {
        [minute, hour, day, month, weekday] => {
            let weekday = crate_days_of_week(weekday)?;
            format!("0 {minute} {hour} {day} {month} {weekday}")
        }
        _ => text.to_owned(),
    };
    cron::Schedule::from_str(&expression).ok()
}

/// A Unix day-of-week field ("1-5", "0,6", "*/2", "mon-fri") as a list of day names. Unix cron
/// counts from Sunday = 0 (7 is Sunday again) while the crate counts from Sunday = 1, so passing
/// the numbers through would turn "1-5" into Sunday to Thursday; names mean the same to both.
fn crate_days_of_week(field: &str) -> Option<String> {
    if field == "*" || field == "?" {
        return Some(field.to_owned());
    }
    let mut days = BTreeSet::new();
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => (range, Some(step.parse::<usize>().ok().filter(|&s| s > 0)?)),
            None => (item, None),
        };
        let (first, last) = match (range, range.split_once('-')) {
            ("*", _) => (0, 6),
            (_, Some((first, last))) => (unix_day(first)?, unix_day(last)?),
            // "5/2" means different things to different crons; a step needs a range here.
            (_, None) if step.is_some() => return None,
            (day, None) => (unix_day(day)?, unix_day(day)?),
        };
        if first > last {
            return None;
        }
        days.extend((first..=last).step_by(step.unwrap_or(1)).map(|day| day % 7));
    }
    let names: Vec<&str> = days.into_iter().map(|day| DAY_NAMES[day]).collect();
    Some(names.join(","))
}

/// A day of the week as Unix cron numbers it, 0 to 7 with Sunday at both ends, from the
/// number or an English name ("mon", "Monday").
fn unix_day(text: &str) -> Option<usize> {
    if text.bytes().all(|byte| byte.is_ascii_digit()) {
        return text.parse().ok().filter(|&day| day <= 7);
    }
    Weekday::from_str(text)
        .ok()
        .map(|day| day.num_days_from_sunday() as usize)
}

/// The span of the night in which scheduled messages wait, in the team's wall-clock time. The
/// span may cross midnight (21:00–09:00) or not (13:00–14:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    start: NaiveTime,
    end: NaiveTime,
}

impl Default for QuietHours {
    /// 21:00–09:00.
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(21, 0, 0).expect("21:00 is a time"),
            end: NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a time"),
        }
    }
}

impl QuietHours {
    /// Reads "21:00-09:00", "22-8" or "21:00–09:00" (with an en or em dash). A span that starts
    /// when it ends is refused: it is either nothing or the whole day, and neither is meant.
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let (start, end) = input
            .split_once(['-', '–', '—'])
            .ok_or(InputError::QuietHoursInvalid)?;
        let start = clock_time(start.trim()).ok_or(InputError::QuietHoursInvalid)?;
        let end = clock_time(end.trim()).ok_or(InputError::QuietHoursInvalid)?;
        if start == end {
            return Err(InputError::QuietHoursInvalid);
        }
        Ok(Self { start, end })
    }

    /// "21:00–09:00": what is shown and stored.
    pub fn as_text(&self) -> String {
        format!(
            "{}–{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }

    /// Whether `local` falls in the quiet hours: from the start, up to but not including the end.
    pub fn contains(&self, local: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= local && local < self.end
        } else {
            self.start <= local || local < self.end
        }
    }

    /// When a message due at `now` may go out: `None` when `now` is outside the quiet hours in
    /// `zone`, otherwise the instant they end.
    pub fn hold_until(&self, zone: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = now.with_timezone(&zone);
        if !self.contains(local.time()) {
            return None;
        }
        let mut day = local.date_naive();
        if local.time() >= self.end {
            day = day.succ_opt()?;
        }
        let end = day.and_time(self.end);
        let (first, _) = wall_clock_instant(zone, end)?;
        if first > now {
            return Some(first);
        }
        // The clocks went back and the end comes twice: `now` is between the two.
        zone.from_local_datetime(&end)
            .latest()
            .map(|second| second.to_utc())
    }
}

/// "21:00", "9:30" or "22" as a time of day.
fn clock_time(text: &str) -> Option<NaiveTime> {
    let (hour, minute) = text.split_once(':').unwrap_or((text, "00"));
    let digits = |part: &str, lengths: &[usize]| {
        lengths.contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !digits(hour, &[1, 2]) || !digits(minute, &[2]) {
        return None;
    }
    NaiveTime::from_hms_opt(hour.parse().ok()?, minute.parse().ok()?, 0)
}

#[cfg(test)]
mod tests;
