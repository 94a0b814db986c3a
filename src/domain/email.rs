//! Email addresses, checked against RFC 5322 and kept in lower case.

use super::input_error::InputError;
use std::str::FromStr;

/// A syntactically valid email address with a dotted domain, in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let input = input.trim().to_lowercase();
        let address =
            email_address::EmailAddress::from_str(&input).map_err(|_| InputError::EmailInvalid)?;
        // The RFC allows "user@localhost"; no client of a sales team has one.
        if !address.domain().contains('.') || address.domain().ends_with('.') {
            return Err(InputError::EmailInvalid);
        }
        Ok(Self(address.as_str().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_cases_valid_addresses() {
        assert_eq!(
            Email::parse(" Ivan.Petrov@Example.RU ").unwrap().as_str(),
            "ivan.petrov@example.ru"
        );
    }

    #[test]
    fn refuses_invalid_addresses() {
        for bad in [
            "ivan",
            "ivan@",
            "@example.ru",
            "ivan@localhost",
            "a b@c.ru",
            "x@y.",
        ] {
            assert_eq!(Email::parse(bad), Err(InputError::EmailInvalid), "{bad}");
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::domain::props::{JOINED, any_text, config, matching, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "@",
        ".",
        "ivan",
        "Petrov",
        "example",
        "ru",
        "com",
        "рф",
        "почта",
        "+",
        "-",
        "_",
        "\"",
        "(",
        ")",
        "[",
        "]",
        "127.0.0.1",
        "localhost",
        "..",
        "xn--",
        "İ",
        "ß",
        "ivan@example.ru",
        "@mail.ru",
        "Ivan.Petrov",
        ".com",
        "@",
        "@",
        "@",
        " ",
    ];

    const PLAIN_ADDRESS: &str =
        "[A-Za-z0-9][A-Za-z0-9._+-]{0,15}@[A-Za-z0-9-]{1,12}(\\.[A-Za-z]{2,6}){1,2}";

    /// Refused, or a lower-case address that reads back as itself.
    fn check(input: &str) -> Result<(), TestCaseError> {
        if let Ok(email) = Email::parse(input) {
            prop_assert_eq!(email.as_str().to_lowercase(), email.as_str());
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email));
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
        fn address_like_text_is_refused_or_reads_back(input in phrase(PIECES, JOINED)) {
            check(&input)?;
        }

        #[test]
        fn a_plain_address_is_kept_in_lower_case(input in matching(PLAIN_ADDRESS)) {
            check(&input)?;
            if let Ok(email) = Email::parse(&format!(" {input}\t")) {
                prop_assert_eq!(email.as_str(), input.to_lowercase());
            }
        }
    }
}
