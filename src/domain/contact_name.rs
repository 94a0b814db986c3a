//! A contact's display name and the search key derived from it.

use super::input_error::InputError;
use unicode_normalization::UnicodeNormalization;

/// Long enough for "Фамилия Имя Отчество" plus a company in brackets; short enough for a card.
const MAX_CHARS: usize = 120;

/// A trimmed, single-spaced name with at least one letter and no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactName(String);

impl ContactName {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let collapsed = input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect::<String>();
        if collapsed.is_empty() {
            return Err(InputError::NameEmpty);
        }
        if collapsed.chars().count() > MAX_CHARS {
            return Err(InputError::NameTooLong { max: MAX_CHARS });
        }
        if !collapsed.chars().any(char::is_alphabetic) {
            return Err(InputError::NameWithoutLetters);
        }
        // Zero-width and other format characters make names that look equal but are not.
        let cleaned: String = collapsed
            .chars()
            .filter(|c| !c.is_control() && !is_invisible(*c))
            .collect();
        Ok(Self(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// The form a name is searched by: lower case, Cyrillic transliterated to Latin, accents and
/// punctuation dropped, words single-spaced. "Пётр Иванов" and "Petr Ivanov" share one key.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.nfc().flat_map(char::to_lowercase) {
        if let Some(latin) = transliterate(c) {
            key.push_str(latin);
        } else if c.is_whitespace() || c == '-' {
            key.push(' ');
        } else {
            // "é" decomposes into "e" and an accent; the accent is not alphanumeric.
            key.extend(std::iter::once(c).nfkd().filter(|c| c.is_alphanumeric()));
        }
    }
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_collapses_spaces() {
        let name = ContactName::parse("  Ivan \t  Petrov ").unwrap();
        assert_eq!(name.as_str(), "Ivan Petrov");
    }

    #[test]
    fn refuses_empty_long_and_letterless_names() {
        assert_eq!(ContactName::parse("   "), Err(InputError::NameEmpty));
        assert_eq!(
            ContactName::parse(&"я".repeat(5000)),
            Err(InputError::NameTooLong { max: MAX_CHARS })
        );
        assert_eq!(
            ContactName::parse("12345 !!!"),
            Err(InputError::NameWithoutLetters)
        );
    }

    #[test]
    fn keeps_emoji_and_mixed_scripts_but_drops_invisible_characters() {
        let name = ContactName::parse("Анна 🌸 Smith\u{200B}").unwrap();
        assert_eq!(name.as_str(), "Анна 🌸 Smith");
    }

    #[test]
    fn cyrillic_and_latin_spellings_share_a_key() {
        assert_eq!(name_key("Иван Петров"), "ivan petrov");
        assert_eq!(name_key("IVAN  PETROV"), "ivan petrov");
        assert_eq!(name_key("Пётр Щукин-Юрьев"), "petr shchukin yurev");
        assert_eq!(name_key("Йоханна О'Брайен"), "yokhanna obrayen");
        assert_eq!(name_key("José"), "jose");
    }
}
