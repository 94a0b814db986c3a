//! Phone numbers, normalised to E.164 so that every spelling of one number is one value.

use super::input_error::InputError;
use phonenumber::{Mode, country::Id};

/// Numbers written without a country code are read as Russian ones ("8 999 …", "999 …").
const DEFAULT_REGION: Id = Id::RU;
/// A region without a trunk prefix, to read numbers written with a country code. The crate
/// strips the region's trunk prefix (Russia's 8) from every number, even one with a country
/// code, so "+7 812 …" (St. Petersburg) and "+7 800 …" would lose their 8; the region is not
/// otherwise used for such numbers.
const NO_TRUNK_PREFIX_REGION: Id = Id::DK;
/// The first digits of Russian numbers: 3 and 4 for most regions, 8 for the north-west, the
/// Volga, the south and free calls, 9 for mobiles.
const RUSSIAN_FIRST_DIGITS: [char; 4] = ['3', '4', '8', '9'];
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
        // The crate misreads some separators after a country code ("+7999-123-45-67" is an
        // invalid country code to it), and they mean nothing to the number: it gets none.
        let digits: String = input.chars().filter(|c| !" -().".contains(*c)).collect();
        let international = if digits.starts_with('+') {
            Some(digits.clone())
        } else {
            russian_international(&digits)
        };
        let number = match international {
            Some(international) => phonenumber::parse(Some(NO_TRUNK_PREFIX_REGION), international),
            None => phonenumber::parse(Some(DEFAULT_REGION), &digits),
        }
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

/// A Russian number written at home, "8 812 …", "7 812 …" or "812 …", with the country code
/// instead, so that the crate cannot take its first 8 for the trunk prefix. Other digits, as
/// "8 10 …" (a call abroad) or "8 701 …" (Kazakhstan), are left to the crate.
fn russian_international(digits: &str) -> Option<String> {
    let national = match digits.len() {
        11 => digits.strip_prefix(['7', '8'])?,
        10 => digits,
        _ => return None,
    };
    national
        .starts_with(RUSSIAN_FIRST_DIGITS)
        .then(|| format!("+7{national}"))
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
            "+7999-123-45-67",
            "+79991234-5-67",
        ] {
            assert_eq!(
                Phone::parse(spelling).unwrap().as_str(),
                "+79991234567",
                "{spelling}"
            );
        }
    }

    #[test]
    fn numbers_starting_with_eight_keep_it() {
        for (spelling, number) in [
            ("+7 812 123-45-67", "+78121234567"),
            ("8 (812) 123-45-67", "+78121234567"),
            ("7 812 123 45 67", "+78121234567"),
            ("812 123 45 67", "+78121234567"),
            ("8 800 555-35-35", "+78005553535"),
            ("+7 (831) 123-45-67", "+78311234567"),
        ] {
            assert_eq!(
                Phone::parse(spelling).unwrap().as_str(),
                number,
                "{spelling}"
            );
        }
        assert_eq!(
            Phone::parse("8 701 123 45 67").unwrap().as_str(),
            "+77011234567"
        );
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

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{any_text, config, matching, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "+",
        "+7",
        "8",
        "7",
        "9",
        "(",
        ")",
        "-",
        ".",
        " ",
        "999",
        "495",
        "123-45-67",
        "+44",
        "+1",
        "00",
        "+380",
        "８",
        "+7 999 123-45-67",
        "8 (999)",
        "(495)",
        "123 45 67",
        "2079460958",
    ];

    /// Refused, or a number in E.164 form that reads back as itself.
    fn check(input: &str) -> Result<(), TestCaseError> {
        if let Ok(phone) = Phone::parse(input) {
            let digits = phone.as_str().strip_prefix('+').unwrap_or_default();
            prop_assert!(!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
            prop_assert!(Phone::looks_like_phone(phone.as_str()));
            prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_is_refused_or_reads_back(input in any_text()) {
            check(&input)?;
        }

        #[test]
        fn phone_like_text_is_refused_or_reads_back(input in phrase(PIECES, &["", " ", "-"])) {
            check(&input)?;
        }

        #[test]
        fn every_spelling_of_a_russian_number_is_the_same(
            // "8 10…" is the international prefix, not a number in Russia.
            digits in matching("[2-9][0-9]{9}"),
            prefix in prop::sample::select(&["+7", "8", "7", "+7 ", "8 ", "+7(", "+7-"][..]),
            separators in prop::collection::vec(
                prop::sample::select(&["", "", " ", "-", ".", ")", "("][..]),
                10,
            ),
        ) {
            let spelled: String = digits
                .chars()
                .zip(separators)
                .map(|(digit, separator)| format!("{digit}{separator}"))
                .collect();
            let canonical = Phone::parse(&format!("+7{digits}"));
            prop_assert_eq!(Phone::parse(&format!("{prefix}{spelled}")), canonical.clone());
            check(&spelled)?;
            if let Ok(phone) = canonical {
                prop_assert_eq!(phone.as_str(), format!("+7{digits}"));
            }
        }
    }
}
