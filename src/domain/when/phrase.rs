//! A moment read from the leading words of a phrase against the user's clock.

use super::clock::{Clock, time_of_day};
use super::day::{Day, day};
use super::doubt::Doubt;
use super::moment::Moment;
use super::span::{Span, span};
use super::words::{more_of_the_time, skip_words};
use crate::domain::input_error::InputError;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

/// The time of day a date given without one stands for.
pub(super) const DEFAULT_TIME: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).unwrap();

/// A moment after the `now` it was read against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub at: DateTime<Utc>,
    /// Why `at` may not be the moment meant, if it may not; the bot then shows `at` and asks
    /// before it keeps it.
    pub doubt: Option<Doubt>,
}

impl When {
    /// Reads the whole input as one moment: "завтра в 10", "in 2 hours", "25.12.2026 9:00".
    pub fn parse(input: &str, now: DateTime<Tz>) -> Result<Self, InputError> {
        match Self::parse_prefix(input, now)? {
            (when, "") => Ok(when),
            _ => Err(InputError::WhenInvalid),
        }
    }

    /// Reads the longest leading phrase of the input that is a moment and returns the text
    /// after it, trimmed: "завтра в 10 перезвонить Ивану" is tomorrow at 10:00 and
    /// "перезвонить Ивану".
    ///
    /// A date without a time is at 10:00; a time without a date is today if it is still ahead,
    /// else tomorrow; a weekday is the next such day, never today; midnight ends its day.
    /// Minutes and hours count from `now`, days and weeks name a day on the user's clock. A
    /// moment that is not after `now` is refused. A reading that may not be the moment meant
    /// carries a [`Doubt`]; the text after the phrase is no cause for one.
    pub fn parse_prefix(input: &str, now: DateTime<Tz>) -> Result<(Self, &str), InputError> {
        let lowered: Vec<String> = input
            .split_whitespace()
            .map(|word| word.trim_end_matches([',', '.']).to_lowercase())
            .collect();
        let words: Vec<&str> = lowered.iter().map(String::as_str).collect();
        let (moment, used) = moment(&words, now.date_naive())?.ok_or(InputError::WhenInvalid)?;
        let (at, doubt) = moment.resolve(now).ok_or(InputError::WhenInvalid)?;
        if at <= now {
            return Err(InputError::WhenPast);
        }
        let doubt = doubt.or(more_of_the_time(&words[used..]).then_some(Doubt::PartlyRead));
        Ok((Self { at, doubt }, skip_words(input, used)))
    }

    /// Reads a moment at the start of the input or, when none starts it, at its end: "call
    /// Ivan tomorrow at 10" is tomorrow at 10:00 and "call Ivan". Returns the other words.
    pub fn parse_either_end(input: &str, now: DateTime<Tz>) -> Result<(Self, String), InputError> {
        let first_error = match Self::parse_prefix(input, now) {
            Ok((when, rest)) => return Ok((when, rest.to_owned())),
            Err(error) => error,
        };
        let words: Vec<&str> = input.split_whitespace().collect();
        // The longest ending that is a moment as a whole.
        for start in 1..words.len() {
            if let Ok(when) = Self::parse(&words[start..].join(" "), now) {
                return Ok((when, words[..start].join(" ")));
            }
        }
        Err(first_error)
    }
}

/// The moment the leading words name and how many words it takes, or `None` when they name
/// none. A date or time that has the right shape but does not exist ("31.02", "25:00") is an
/// error rather than the end of the phrase.
pub(super) fn moment(
    words: &[&str],
    today: NaiveDate,
) -> Result<Option<(Moment, usize)>, InputError> {
    let leading_day = match span(words) {
        Some((Span::Exact(span), used)) => return Ok(Some((Moment::In(span), used))),
        Some((Span::Days(days), used)) => today
            .checked_add_days(Days::new(days))
            .map(|date| (Day::sure(date), used)),
        None => day(words, today)?,
    };
    if let Some((day, used)) = leading_day {
        let (clock, more) = time_of_day(&words[used..])?.unwrap_or((Clock::at(DEFAULT_TIME), 0));
        return Ok(day.at(clock).map(|moment| (moment, used + more)));
    }
    // A time may also come first: "at 3pm tomorrow", "в 10 завтра".
    let Some((clock, used)) = time_of_day(words)? else {
        return Ok(None);
    };
    Ok(match day(&words[used..], today)? {
        Some((day, more)) => day.at(clock).map(|moment| (moment, used + more)),
        None => Some((Moment::At(clock), used)),
    })
}
