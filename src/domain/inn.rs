//! Russian taxpayer numbers (ИНН), checked by their control digits.

use super::input_error::InputError;

const ORGANISATION_LEN: usize = 10;
const INDIVIDUAL_LEN: usize = 12;
/// The weights of the official algorithm: each control digit is the weighted sum of the digits
/// before it, mod 11, mod 10.
const ORGANISATION_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INDIVIDUAL_WEIGHTS_11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INDIVIDUAL_WEIGHTS_12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// A taxpayer number with correct control digits: 10 digits for an organisation, 12 for an
/// individual or a sole trader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inn(String);

impl Inn {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let input = input.trim();
        let digits: Vec<u32> = input
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()
            .ok_or(InputError::InnInvalid)?;
        let valid = match digits.len() {
            ORGANISATION_LEN => control_digit_matches(&digits, &ORGANISATION_WEIGHTS),
            INDIVIDUAL_LEN => {
                control_digit_matches(&digits, &INDIVIDUAL_WEIGHTS_11)
                    && control_digit_matches(&digits, &INDIVIDUAL_WEIGHTS_12)
            }
            _ => false,
        };
        // The first two digits are a region code, and there is no region 00: this refuses
        // placeholders such as "0000000000", whose control digits happen to be right.
        if !valid || digits[..2] == [0, 0] {
            return Err(InputError::InnInvalid);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is an organisation's number (10 digits) rather than a person's (12).
    pub fn is_organisation(&self) -> bool {
        self.0.len() == ORGANISATION_LEN
    }
}

/// Whether the digit right after the weighted ones is their control digit.
fn control_digit_matches(digits: &[u32], weights: &[u32]) -> bool {
    let sum: u32 = weights.iter().zip(digits).map(|(w, d)| w * d).sum();
    sum % 11 % 10 == digits[weights.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_organisation_numbers() {
        for (input, stored) in [
            ("7707083893", "7707083893"),
            ("  7736207543 ", "7736207543"),
            ("7830002293", "7830002293"),
        ] {
            let inn = Inn::parse(input).unwrap();
            assert_eq!(inn.as_str(), stored);
            assert!(inn.is_organisation(), "{input}");
        }
    }

    #[test]
    fn accepts_a_real_individual_number() {
        let inn = Inn::parse("\t500100732259\n").unwrap();
        assert_eq!(inn.as_str(), "500100732259");
        assert!(!inn.is_organisation());
    }

    #[test]
    fn refuses_a_changed_digit() {
        for bad in [
            "7707083894",   // the control digit
            "7707083393",   // a digit the control digit covers
            "500100732258", // the second control digit
            "500100732269", // the first control digit
            "500100722259", // a digit both control digits cover
        ] {
            assert_eq!(Inn::parse(bad), Err(InputError::InnInvalid), "{bad}");
        }
    }

    #[test]
    fn refuses_other_lengths_letters_and_separators() {
        for bad in [
            "",
            "   ",
            "770708389",
            "77070838933",
            "5001007322599",
            "770708389O",
            "ИНН 7707083893",
            "7707 083 893",
            "7707-083-893",
            "+7707083893",
            "７７０７０８３８９３",
        ] {
            assert_eq!(Inn::parse(bad), Err(InputError::InnInvalid), "{bad}");
        }
    }

    #[test]
    fn refuses_all_zero_placeholders() {
        assert_eq!(Inn::parse("0000000000"), Err(InputError::InnInvalid));
        assert_eq!(Inn::parse("000000000000"), Err(InputError::InnInvalid));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{JOINED, any_text, config, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "7707083893",
        "500100732259",
        "0",
        "00",
        "77",
        " ",
        "-",
        "ИНН",
        "７",
    ];

    /// Refused, or ten or twelve digits that read back as themselves.
    fn check(input: &str) -> Result<(), TestCaseError> {
        if let Ok(inn) = Inn::parse(input) {
            let length = if inn.is_organisation() {
                ORGANISATION_LEN
            } else {
                INDIVIDUAL_LEN
            };
            prop_assert_eq!(inn.as_str().len(), length);
            prop_assert!(inn.as_str().bytes().all(|b| b.is_ascii_digit()));
            prop_assert_eq!(Inn::parse(inn.as_str()), Ok(inn));
        }
        Ok(())
    }

    /// `digits` followed by the control digit of `weights`.
    fn with_control(mut digits: Vec<u32>, weights: &[u32]) -> Vec<u32> {
        let sum: u32 = weights.iter().zip(&digits).map(|(w, d)| w * d).sum();
        digits.push(sum % 11 % 10);
        digits
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_is_refused_or_reads_back(input in any_text()) {
            check(&input)?;
        }

        #[test]
        fn digits_are_refused_or_read_back(input in phrase(PIECES, JOINED)) {
            check(&input)?;
        }

        #[test]
        fn numbers_with_their_control_digits_are_read(
            digits in prop::collection::vec(0..10_u32, 10),
            individual in any::<bool>(),
        ) {
            let number = if individual {
                let digits = with_control(digits, &INDIVIDUAL_WEIGHTS_11);
                with_control(digits, &INDIVIDUAL_WEIGHTS_12)
            } else {
                with_control(digits[..9].to_vec(), &ORGANISATION_WEIGHTS)
            };
            let text: String = number.iter().map(u32::to_string).collect();
            let parsed = Inn::parse(&format!("  {text}\n"));
            if text.starts_with("00") {
                prop_assert_eq!(parsed, Err(InputError::InnInvalid));
            } else {
                let inn = parsed.map_err(|error| TestCaseError::fail(format!("{text}: {error}")))?;
                prop_assert_eq!(inn.as_str(), text.as_str());
                prop_assert_eq!(inn.is_organisation(), !individual);
                check(&text)?;
            }
        }
    }
}
