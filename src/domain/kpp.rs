//! Russian tax registration reason codes (КПП) of organisations.

use super::input_error::InputError;

/// A КПП: four digits (the tax office), two digits or capital Latin letters (the reason),
/// three digits (the serial number), e.g. `773601001` or `7736AB001`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpp(String);

impl Kpp {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let code = input.trim().to_uppercase();
        let chars: Vec<char> = code.chars().collect();
        let valid = chars.len() == 9
            && chars[..4].iter().all(char::is_ascii_digit)
            && chars[4..6]
                .iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            && chars[6..].iter().all(char::is_ascii_digit);
        if !valid {
            return Err(InputError::KppInvalid);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_digits_and_latin_letters_in_the_middle() {
        for (input, stored) in [
            ("773601001", "773601001"),
            ("  7736AB001 ", "7736AB001"),
            ("7736ab001", "7736AB001"),
            ("77360z001", "77360Z001"),
        ] {
            assert_eq!(Kpp::parse(input).unwrap().as_str(), stored, "{input}");
        }
    }

    #[test]
    fn refuses_wrong_lengths_and_letters_out_of_place() {
        for bad in [
            "",
            "77360100",
            "7736010011",
            "A73601001",
            "773601A01",
            "7736АВ001", // Cyrillic А and В
            "7736-01001",
            "7736 01 001",
            "7736!!001",
        ] {
            assert_eq!(Kpp::parse(bad), Err(InputError::KppInvalid), "{bad}");
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{JOINED, any_text, config, matching, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "7736",
        "01",
        "001",
        "AB",
        "ab",
        "z",
        "АВ",
        " ",
        "-",
        "ß",
        "ﬀ",
        "773601001",
        "7736ab001",
    ];

    /// Refused, or nine characters in upper case that read back as themselves.
    fn check(input: &str) -> Result<(), TestCaseError> {
        if let Ok(kpp) = Kpp::parse(input) {
            prop_assert_eq!(kpp.as_str().len(), 9);
            prop_assert_eq!(kpp.as_str().to_uppercase(), kpp.as_str());
            prop_assert_eq!(Kpp::parse(kpp.as_str()), Ok(kpp));
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
        fn code_like_text_is_refused_or_reads_back(input in phrase(PIECES, JOINED)) {
            check(&input)?;
        }

        #[test]
        fn every_well_formed_code_is_read_in_upper_case(
            code in matching("[0-9]{4}[0-9A-Za-z]{2}[0-9]{3}"),
            padding in matching("[ \t\n]{0,2}"),
        ) {
            let kpp = Kpp::parse(&format!("{padding}{code}{padding}"))
                .map_err(|error| TestCaseError::fail(format!("{code}: {error}")))?;
            prop_assert_eq!(kpp.as_str(), code.to_uppercase());
            check(&code)?;
        }
    }
}
