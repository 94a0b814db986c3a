//! Why a phrase may mean another moment than the one it was read as.

/// Why a phrase may mean another moment than the one it was read as. The reading is kept;
/// the doubt only says to confirm it. When a phrase has more than one, the first of these in
/// this order is given: what the words say before where the moment falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// An hour from 1 to 8 alone, without minutes and without am, pm, утра, дня, вечера or
    /// ночи: "в 7", "at 8", "завтра в 5", "в 3 часа", "at 5 o'clock". It is read as that hour
    /// of the morning, but the evening is as likely. From 9 to 11 the morning is taken without
    /// doubt, and 0 and 12 to 23 are unambiguous, as is any time with minutes ("в 7:00").
    HourWithoutDaypart,
    /// A day and month without a year ("01.03") whose date this year has gone by, so it was
    /// read as next year's (or, for 29.02, the next leap year's), and that date is more than two
    /// months away: "01.03" on 25.11.2026 is 01.03.2027 with this doubt, while "15.01" on
    /// 20.12.2026 is 15.01.2027 without one, the new year being that near.
    DateRolledToNextYear,
    /// A time of day alone ("14:30", "10am", "noon") that went by today less than three hours
    /// ago, so it was read as tomorrow's: "14:30" at 15:00 is 14:30 tomorrow with this doubt.
    /// A time gone longer ago ("10am" at 18:00) is plainly tomorrow's.
    TimeRolledToTomorrow,
    /// A wall-clock time that does not exist in the user's zone, as clocks jump forward over it,
    /// moved on to the first minute that does: 2:30 on the night New York goes from 2:00 to
    /// 3:00 is read as 3:00. A time that comes twice when clocks go back is not doubted: the
    /// first is when the clock shows it.
    GapShifted,
    /// A weekday with a date that falls on another weekday: "Friday 25th" when the 25th is a
    /// Thursday. The date is kept.
    WeekdayDoesNotMatch,
    /// The words right after the moment look like more of it ("tomorrow around 5", "в
    /// пятницу после обеда"): the moment was read from the words before them only.
    PartlyRead,
}
