//! A Telegram username as a contact card keeps it: `@name`, checked against Telegram's rules.

use super::input_error::InputError;

/// 5 to 32 Latin letters, digits and underscores, starting with a letter; stored without "@".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TelegramUsername(String);

impl TelegramUsername {
    /// Accepts "@ivan_petrov", "ivan_petrov" and "https://t.me/ivan_petrov".
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let input = input.trim();
        let name = input
            .strip_prefix("https://t.me/")
            .or_else(|| input.strip_prefix("t.me/"))
            .or_else(|| input.strip_prefix('@'))
            .unwrap_or(input);
        let valid = (5..=32).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(InputError::TelegramInvalid);
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_usual_spellings() {
        for spelling in [
            "@ivan_petrov",
            "ivan_petrov",
            "https://t.me/ivan_petrov",
            " t.me/ivan_petrov ",
        ] {
            assert_eq!(
                TelegramUsername::parse(spelling).unwrap().as_str(),
                "ivan_petrov"
            );
        }
    }

    #[test]
    fn refuses_what_telegram_would() {
        for bad in [
            "@iva",
            "1ivan_petrov",
            "иван_петров",
            "ivan petrov",
            &"a".repeat(33),
            "@",
        ] {
            assert_eq!(
                TelegramUsername::parse(bad),
                Err(InputError::TelegramInvalid),
                "{bad}"
            );
        }
    }
}
