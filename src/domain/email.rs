//! Email addresses, checked against RFC 5322 and kept in lower case.

use super::InputError;
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
