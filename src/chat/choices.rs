//! The small closed sets a button can carry: a call's outcome, a stage edit, a snooze, a
//! report and its period, what an import does with duplicates, what an export writes, a
//! schedule setting, a custom field's kind. Each has a short code for callback data.

use chrono::{Datelike, TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOutcome {
    Reached,
    NoAnswer,
    CallBack,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 3] = [
        CallOutcome::Reached,
        CallOutcome::NoAnswer,
        CallOutcome::CallBack,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CallOutcome::Reached => "r",
            CallOutcome::NoAnswer => "n",
            CallOutcome::CallBack => "b",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|outcome| outcome.code() == code)
    }

    /// Reads an outcome typed at the start of `text` ("reached", "no answer", "перезвонить"…)
    /// and returns it with the rest of the text.
    pub fn from_words(text: &str) -> Option<(Self, &str)> {
        const PHRASES: [(&str, CallOutcome); 12] = [
            ("no answer", CallOutcome::NoAnswer),
            ("noanswer", CallOutcome::NoAnswer),
            ("не ответил", CallOutcome::NoAnswer),
            ("не ответила", CallOutcome::NoAnswer),
            ("не дозвонился", CallOutcome::NoAnswer),
            ("не дозвонилась", CallOutcome::NoAnswer),
            ("call back", CallOutcome::CallBack),
            ("callback", CallOutcome::CallBack),
            ("перезвонить", CallOutcome::CallBack),
            ("reached", CallOutcome::Reached),
            ("дозвонился", CallOutcome::Reached),
            ("дозвонилась", CallOutcome::Reached),
        ];
        let lower = text.trim_start().to_lowercase();
        PHRASES.iter().find_map(|(phrase, outcome)| {
            let rest = lower.strip_prefix(phrase)?;
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                return None;
            }
            // The phrases' letters keep their byte length in lower case, so the same offset
            // splits `text`; `get` refuses an offset inside a character.
            let start = text.len() - text.trim_start().len() + phrase.len();
            Some((*outcome, text.get(start..)?.trim()))
        })
    }

    pub fn stored(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::CallBack => "call_back",
        }
    }

    pub fn locale_key(stored: &str) -> String {
        format!("call-outcome-{}", stored.replace('_', "-"))
    }
}

/// A stage menu action.
/// A one-line command that names a contact by its first words (`/call Petrov reached …`):
/// kept with the rest of the line while the member picks among several matching contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactCommand {
    Call,
    Note,
    Meeting,
    Deal,
    Meet,
}

impl ContactCommand {
    /// What to say when the command has no contact or names none.
    pub fn usage_key(self) -> &'static str {
        match self {
            ContactCommand::Call => "call-usage",
            ContactCommand::Note => "note-usage",
            ContactCommand::Meeting => "meeting-usage",
            ContactCommand::Deal => "deal-usage",
            ContactCommand::Meet => "meet-usage",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageEdit {
    Rename,
    Probability,
    Up,
    Down,
    Remove,
}

impl StageEdit {
    pub const ALL: [StageEdit; 5] = [
        StageEdit::Rename,
        StageEdit::Probability,
        StageEdit::Up,
        StageEdit::Down,
        StageEdit::Remove,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StageEdit::Rename => "r",
            StageEdit::Probability => "p",
            StageEdit::Up => "u",
            StageEdit::Down => "d",
            StageEdit::Remove => "x",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            StageEdit::Rename => "button-stage-rename",
            StageEdit::Probability => "button-stage-probability",
            StageEdit::Up => "button-stage-up",
            StageEdit::Down => "button-stage-down",
            StageEdit::Remove => "button-stage-remove",
        }
    }
}

/// How a reminder is put off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snooze {
    Hour,
    /// Tomorrow at 09:00 in the owner's zone.
    Tomorrow,
}

impl Snooze {
    pub const ALL: [Snooze; 2] = [Snooze::Hour, Snooze::Tomorrow];

    pub fn code(self) -> &'static str {
        match self {
            Snooze::Hour => "h",
            Snooze::Tomorrow => "d",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    ThisMonth,
    LastMonth,
    AllTime,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::ThisMonth, Period::LastMonth, Period::AllTime];

    pub fn code(self) -> &'static str {
        match self {
            Period::ThisMonth => "m",
            Period::LastMonth => "p",
            Period::AllTime => "a",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Period::ThisMonth => "period-this-month",
            Period::LastMonth => "period-last-month",
            Period::AllTime => "period-all-time",
        }
    }

    /// The period as Unix seconds `[from, to)`, months counted in `zone`.
    pub fn bounds(self, zone: chrono_tz::Tz, now: i64) -> (i64, i64) {
        let local = zone.timestamp_opt(now, 0).single().map(|t| t.date_naive());
        let Some(today) = local else {
            return (0, i64::MAX);
        };
        let month_start = |year: i32, month: u32| {
            zone.with_ymd_and_hms(year, month, 1, 0, 0, 0)
                .earliest()
                .map_or(0, |t| t.timestamp())
        };
        let (year, month) = (today.year(), today.month());
        let next = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        let previous = if month == 1 {
            (year - 1, 12)
        } else {
            (year, month - 1)
        };
        match self {
            Period::ThisMonth => (month_start(year, month), month_start(next.0, next.1)),
            Period::LastMonth => (
                month_start(previous.0, previous.1),
                month_start(year, month),
            ),
            Period::AllTime => (0, i64::MAX),
        }
    }
}

/// What an import does with a row that duplicates a contact already in the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    Skip,
    Merge,
    Create,
}

impl Duplicates {
    pub const ALL: [Duplicates; 3] = [Duplicates::Skip, Duplicates::Merge, Duplicates::Create];

    pub fn code(self) -> &'static str {
        match self {
            Duplicates::Skip => "s",
            Duplicates::Merge => "m",
            Duplicates::Create => "c",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn button_key(self) -> &'static str {
        match self {
            Duplicates::Skip => "button-import-skip",
            Duplicates::Merge => "button-import-merge",
            Duplicates::Create => "button-import-create",
        }
    }
}

/// A report of `/report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Funnel,
    Managers,
    Abc,
    Forecast,
    /// Clients' ratings of the surveys.
    Feedback,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::Funnel,
        ReportKind::Managers,
        ReportKind::Abc,
        ReportKind::Forecast,
        ReportKind::Feedback,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Funnel => "f",
            ReportKind::Managers => "m",
            ReportKind::Abc => "a",
            ReportKind::Forecast => "p",
            ReportKind::Feedback => "fb",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ReportKind::Funnel => "button-report-funnel",
            ReportKind::Managers => "button-report-managers",
            ReportKind::Abc => "button-report-abc",
            ReportKind::Forecast => "button-report-forecast",
            ReportKind::Feedback => "button-report-feedback",
        }
    }
}

/// What `/export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Contacts as a CSV table.
    Contacts,
    Deals,
    /// Contacts as vCards.
    VCards,
}

impl ExportKind {
    pub const ALL: [ExportKind; 3] = [ExportKind::Contacts, ExportKind::Deals, ExportKind::VCards];

    pub fn code(self) -> &'static str {
        match self {
            ExportKind::Contacts => "c",
            ExportKind::Deals => "d",
            ExportKind::VCards => "v",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ExportKind::Contacts => "button-export-contacts",
            ExportKind::Deals => "button-export-deals",
            ExportKind::VCards => "button-export-vcard",
        }
    }
}

/// A team schedule setting typed in `/settings → Schedules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleSetting {
    /// The daily summary's cron expression.
    SummaryCron,
    TeamTimeZone,
    QuietHours,
    Dormancy,
    /// The local hour of the survey the day after a win.
    SurveyWinHour,
    /// The hours between an appointment and its survey.
    SurveyAppointmentHours,
}

impl ScheduleSetting {
    pub const ALL: [ScheduleSetting; 6] = [
        ScheduleSetting::SummaryCron,
        ScheduleSetting::TeamTimeZone,
        ScheduleSetting::QuietHours,
        ScheduleSetting::Dormancy,
        ScheduleSetting::SurveyWinHour,
        ScheduleSetting::SurveyAppointmentHours,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ScheduleSetting::SummaryCron => "cron",
            ScheduleSetting::TeamTimeZone => "zone",
            ScheduleSetting::QuietHours => "quiet",
            ScheduleSetting::Dormancy => "dormancy",
            ScheduleSetting::SurveyWinHour => "swh",
            ScheduleSetting::SurveyAppointmentHours => "sah",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The kind of a new custom field of the contact card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    Date,
    /// One of a list of options.
    Choice,
}

impl FieldKind {
    pub const ALL: [FieldKind; 4] = [
        FieldKind::Text,
        FieldKind::Number,
        FieldKind::Date,
        FieldKind::Choice,
    ];

    /// Also the kind as a custom field definition names it.
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_outcomes_are_read_in_both_languages() {
        assert_eq!(
            CallOutcome::from_words("No answer, try later"),
            None,
            "a comma glued to the phrase is not an outcome"
        );
        assert_eq!(
            CallOutcome::from_words("no answer try later"),
            Some((CallOutcome::NoAnswer, "try later"))
        );
        assert_eq!(
            CallOutcome::from_words("Перезвонить завтра в 10"),
            Some((CallOutcome::CallBack, "завтра в 10"))
        );
        assert_eq!(
            CallOutcome::from_words("reached"),
            Some((CallOutcome::Reached, ""))
        );
        assert_eq!(CallOutcome::from_words("wants a discount"), None);
    }
}
