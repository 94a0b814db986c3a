use super::InputError;

/// A feedback survey a client gets: the day after a won deal, or after an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Survey {
    Win,
    Appointment,
}

impl Survey {
    pub const ALL: [Survey; 2] = [Survey::Win, Survey::Appointment];

    /// The survey as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Survey::Win => "win",
            Survey::Appointment => "appointment",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|survey| survey.as_str() == text)
    }

    /// Its short code in a button's data.
    pub fn code(self) -> &'static str {
        match self {
            Survey::Win => "w",
            Survey::Appointment => "a",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|survey| survey.code() == code)
    }
}

/// A client's rating, ⭐1 to ⭐5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating(u8);

impl Rating {
    pub const ALL: [Rating; 5] = [Rating(1), Rating(2), Rating(3), Rating(4), Rating(5)];

    pub fn new(value: u32) -> Option<Self> {
        (1..=5).contains(&value).then_some(Rating(value as u8))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// 3 or less: the team hears of it at once.
    pub fn is_low(self) -> bool {
        self.0 <= 3
    }
}

/// The local hour of the survey after a win: "12" or "12:00".
pub fn parse_survey_hour(text: &str) -> Result<u32, InputError> {
    let text = text.trim();
    let hour = text.strip_suffix(":00").unwrap_or(text);
    hour.parse::<u32>()
        .ok()
        .filter(|hour| *hour < 24)
        .ok_or(InputError::SurveyHourInvalid)
}

/// The hours between an appointment and its survey, 1 to 72.
pub fn parse_survey_delay(text: &str) -> Result<i64, InputError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|hours| (1..=72).contains(hours))
        .ok_or(InputError::SurveyDelayInvalid)
}

/// A team's own survey question is at most this long: a short line above the stars.
pub const SURVEY_TEXT_MAX_CHARS: usize = 300;

/// Where a team's own survey question names the manager.
pub const SURVEY_MANAGER_MARK: &str = "{manager}";

/// A team's own survey question: the trimmed text, or `None` for "-" (the default back).
pub fn parse_survey_text(text: &str) -> Result<Option<String>, InputError> {
    let text = text.trim();
    if text.is_empty() {
        Err(InputError::TextEmpty)
    } else if text == "-" {
        Ok(None)
    } else if text.chars().count() > SURVEY_TEXT_MAX_CHARS {
        Err(InputError::TextTooLong {
            max: SURVEY_TEXT_MAX_CHARS,
        })
    } else {
        Ok(Some(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_times_are_an_hour_of_the_day_and_up_to_three_days_after() {
        assert_eq!(parse_survey_hour("12"), Ok(12));
        assert_eq!(parse_survey_hour(" 9:00 "), Ok(9));
        for bad in ["24", "-1", "noon", "12:30", ""] {
            assert!(parse_survey_hour(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_survey_delay("2"), Ok(2));
        for bad in ["0", "73", "two", ""] {
            assert!(parse_survey_delay(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn survey_texts_are_one_to_300_characters_and_a_dash_is_the_default() {
        assert_eq!(
            parse_survey_text("  Rate us, {manager}! "),
            Ok(Some("Rate us, {manager}!".to_owned()))
        );
        assert_eq!(parse_survey_text(" - "), Ok(None));
        assert_eq!(parse_survey_text(" \n "), Err(InputError::TextEmpty));
        // Characters, not bytes: 300 Cyrillic letters fit.
        assert_eq!(
            parse_survey_text(&"я".repeat(300)),
            Ok(Some("я".repeat(300)))
        );
        assert_eq!(
            parse_survey_text(&"я".repeat(301)),
            Err(InputError::TextTooLong { max: 300 })
        );
        assert_eq!(parse_survey_text("--"), Ok(Some("--".to_owned())));
    }

    #[test]
    fn ratings_are_one_to_five_and_three_or_less_is_low() {
        assert_eq!(Rating::new(0), None);
        assert_eq!(Rating::new(6), None);
        assert!(Rating::new(3).unwrap().is_low());
        assert!(!Rating::new(4).unwrap().is_low());
    }

    #[test]
    fn surveys_read_back_their_codes() {
        for survey in Survey::ALL {
            assert_eq!(Survey::from_code(survey.code()), Some(survey));
            assert_eq!(Survey::parse(survey.as_str()), Some(survey));
        }
        assert_eq!(Survey::from_code("x"), None);
    }
}
