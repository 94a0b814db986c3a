//! Phone numbers, normalised to E.164 so that every spelling of one number is one value.

use super::InputError;
use phonenumber::{Mode, country::Id};

/// Numbers written without a country code are read as Russian ones ("8 999 …", "999 …").
const DEFAULT_REGION: Id = Id::RU;
const MAX_INPUT_CHARS: usize = 32;

/// A valid phone number in E.164 form, e.g. `+79991234567`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let input = input.trim();
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        if input.is_empty()
            || input.chars().count() > MAX_INPUT_CHARS
            || !input.chars().all(allowed)
        {
            return Err(InputError::PhoneInvalid);
        }
        let number = phonenumber::parse(Some(DEFAULT_REGION), input)
            .map_err(|_| InputError::PhoneInvalid)?;
        if !phonenumber::is_valid(&number) {
            return Err(InputError::PhoneInvalid);
        }
        Ok(Self(number.format().mode(Mode::E164).to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a piece of free text is written like a phone number (digits and phone punctuation,
    /// at least four digits), as opposed to a name or an email.
    pub fn looks_like_phone(text: &str) -> bool {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        digits >= 4
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_russian_spelling_is_one_number() {
        for spelling in [
            "+79991234567",
            "8 (999) 123-45-67",
            "89991234567",
            "+7 999 123 45 67",
            "7-999-123-45-67",
        ] {
            assert_eq!(
                Phone::parse(spelling).unwrap().as_str(),
                "+79991234567",
                "{spelling}"
            );
        }
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(
            Phone::parse("+44 20 7946 0958").unwrap().as_str(),
            "+442079460958"
        );
    }

    #[test]
    fn refuses_what_cannot_be_a_number() {
        for bad in [
            "",
            "123",
            "+7 999",
            "call me",
            "+7999123456789012345",
            "'; DROP TABLE contacts; --",
            "８９９９１２３４５６７",
        ] {
            assert_eq!(Phone::parse(bad), Err(InputError::PhoneInvalid), "{bad}");
        }
    }

    #[test]
    fn tells_phones_from_names() {
        assert!(Phone::looks_like_phone("8 (999) 123-45-67"));
        assert!(Phone::looks_like_phone("4567"));
        assert!(!Phone::looks_like_phone("Petrov"));
        assert!(!Phone::looks_like_phone("123"));
        assert!(!Phone::looks_like_phone("12a4567"));
    }
}
