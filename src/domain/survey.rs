/// A feedback survey a client gets: the day after a won deal, or after an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Survey {
    Win,
    Appointment,
}

impl Survey {
    /// The survey as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Survey::Win => "win",
            Survey::Appointment => "appointment",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Survey::Win, Survey::Appointment]
            .into_iter()
            .find(|survey| survey.as_str() == text)
    }

    /// Its short code in a button's data.
    pub fn code(self) -> &'static str {
        match self {
            Survey::Win => "w",
            Survey::Appointment => "a",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Survey::Win, Survey::Appointment]
            .into_iter()
            .find(|survey| survey.code() == code)
    }
}

/// A client's rating, ⭐1 to ⭐5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating(u8);

impl Rating {
    pub const ALL: [Rating; 5] = [Rating(1), Rating(2), Rating(3), Rating(4), Rating(5)];

    pub fn new(value: u32) -> Option<Self> {
        (1..=5).contains(&value).then(|| Rating(value as u8))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// 3 or less: the team hears of it at once.
    pub fn is_low(self) -> bool {
        self.0 <= 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_one_to_five_and_three_or_less_is_low() {
        assert_eq!(Rating::new(0), None);
        assert_eq!(Rating::new(6), None);
        assert!(Rating::new(3).unwrap().is_low());
        assert!(!Rating::new(4).unwrap().is_low());
    }

    #[test]
    fn surveys_read_back_their_codes() {
        for survey in [Survey::Win, Survey::Appointment] {
            assert_eq!(Survey::from_code(survey.code()), Some(survey));
            assert_eq!(Survey::parse(survey.as_str()), Some(survey));
        }
        assert_eq!(Survey::from_code("x"), None);
    }
}
