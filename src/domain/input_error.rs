//! Why a piece of user input was refused, and the message that tells the user.

/// Why a piece of user input was refused. Each variant maps to a localised message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("name is empty")]
    NameEmpty,
    #[error("name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("name has no letters")]
    NameWithoutLetters,
    #[error("not a phone number")]
    PhoneInvalid,
    #[error("not an email address")]
    EmailInvalid,
    #[error("note is empty")]
    NoteEmpty,
    #[error("note is longer than {max} characters")]
    NoteTooLong { max: usize },
    #[error("not a valid INN")]
    InnInvalid,
    #[error("not a valid KPP")]
    KppInvalid,
    #[error("not a birthday")]
    BirthdayInvalid,
    #[error("not a tag")]
    TagInvalid,
    #[error("not a priority")]
    PriorityInvalid,
    #[error("not a number")]
    NumberInvalid,
    #[error("not a date")]
    DateInvalid,
    #[error("not one of the options")]
    ChoiceInvalid,
    #[error("text is empty")]
    TextEmpty,
    #[error("text is longer than {max} characters")]
    TextTooLong { max: usize },
    #[error("not a Telegram username")]
    TelegramInvalid,
    #[error("not a time zone")]
    TimeZoneInvalid,
    #[error("no usable list of options")]
    OptionsInvalid,
    #[error("not an amount of money")]
    AmountInvalid,
    #[error("amount is larger than a trillion")]
    AmountTooLarge,
    #[error("not a known currency")]
    CurrencyUnknown,
    #[error("not a date and time")]
    WhenInvalid,
    #[error("moment is not in the future")]
    WhenPast,
    #[error("month {month} has no day {day}")]
    NoSuchDay { day: u32, month: u32 },
    #[error("not a probability")]
    ProbabilityInvalid,
    #[error("not a preset or a cron expression")]
    CronInvalid,
    #[error("cron expression does not fire in the next five years")]
    CronNeverFires,
    #[error("cron expression fires more often than once an hour")]
    CronTooOften,
    #[error("not a span of quiet hours")]
    QuietHoursInvalid,
    #[error("not dormancy rules")]
    DormancyInvalid,
    #[error("not a segment filter")]
    SegmentInvalid,
    #[error("not an hour of the day")]
    SurveyHourInvalid,
    #[error("not a number of hours from 1 to 72")]
    SurveyDelayInvalid,
}

impl InputError {
    /// The locale key of the message that explains this error to the user.
    pub fn locale_key(&self) -> &'static str {
        match self {
            InputError::NameEmpty => "error-name-empty",
            InputError::NameTooLong { .. } => "error-name-too-long",
            InputError::NameWithoutLetters => "error-name-no-letters",
            InputError::PhoneInvalid => "error-phone-invalid",
            InputError::TelegramInvalid => "error-telegram-invalid",
            InputError::TimeZoneInvalid => "error-time-zone-invalid",
            InputError::OptionsInvalid => "error-options-invalid",
            InputError::ProbabilityInvalid => "error-probability-invalid",
            InputError::EmailInvalid => "error-email-invalid",
            InputError::NoteEmpty => "error-note-empty",
            InputError::NoteTooLong { .. } => "error-note-too-long",
            InputError::InnInvalid => "error-inn-invalid",
            InputError::KppInvalid => "error-kpp-invalid",
            InputError::BirthdayInvalid => "error-birthday-invalid",
            InputError::TagInvalid => "error-tag-invalid",
            InputError::PriorityInvalid => "error-priority-invalid",
            InputError::NumberInvalid => "error-number-invalid",
            InputError::DateInvalid => "error-date-invalid",
            InputError::ChoiceInvalid => "error-choice-invalid",
            InputError::TextEmpty => "error-text-empty",
            InputError::TextTooLong { .. } => "error-text-too-long",
            InputError::AmountInvalid => "error-amount-invalid",
            InputError::AmountTooLarge => "error-amount-too-large",
            InputError::CurrencyUnknown => "error-currency-unknown",
            InputError::WhenInvalid => "error-when-invalid",
            InputError::WhenPast => "error-when-past",
            InputError::NoSuchDay { .. } => "error-no-such-day",
            InputError::CronInvalid => "error-cron-invalid",
            InputError::CronNeverFires => "error-cron-never",
            InputError::CronTooOften => "error-cron-too-often",
            InputError::QuietHoursInvalid => "error-quiet-hours-invalid",
            InputError::DormancyInvalid => "error-dormancy-invalid",
            InputError::SegmentInvalid => "error-segment-invalid",
            InputError::SurveyHourInvalid => "error-survey-hour-invalid",
            InputError::SurveyDelayInvalid => "error-survey-delay-invalid",
        }
    }
}
