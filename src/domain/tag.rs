//! Tags that group contacts: "vip", "опт", "new-2025".

use super::input_error::InputError;
use unicode_normalization::UnicodeNormalization;

const MAX_CHARS: usize = 32;

/// A lower-case tag of letters (any script), ASCII digits, '-' and '_', without the '#'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    pub fn parse(input: &str) -> Result<Self, InputError> {
        let input = input.trim();
        let tag: String = input
            .strip_prefix('#')
            .unwrap_or(input)
            .nfc()
            .flat_map(char::to_lowercase)
            .collect();
        let allowed = |c: char| c.is_alphabetic() || c.is_ascii_digit() || c == '-' || c == '_';
        let length = tag.chars().count();
        if !(1..=MAX_CHARS).contains(&length) || !tag.chars().all(allowed) {
            return Err(InputError::TagInvalid);
        }
        Ok(Self(tag))
    }

    /// The tags in a list such as "vip, #Опт  new", split on commas and spaces, each once and
    /// in the order given. An empty list is no tags; one bad tag refuses the whole list.
    pub fn parse_list(input: &str) -> Result<Vec<Self>, InputError> {
        let mut tags: Vec<Self> = Vec::new();
        for word in input
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|word| !word.is_empty())
        {
            let tag = Self::parse(word)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        Ok(tags)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_drops_the_hash_and_lower_cases() {
        for (input, stored) in [
            ("vip", "vip"),
            ("  #VIP ", "vip"),
            ("#Опт", "опт"),
            ("new-2025", "new-2025"),
            ("follow_up", "follow_up"),
            ("Ёлка", "ёлка"),
            ("е\u{308}лка", "ёлка"),
        ] {
            assert_eq!(Tag::parse(input).unwrap().as_str(), stored, "{input}");
        }
    }

    #[test]
    fn allows_at_most_32_characters() {
        let longest = "я".repeat(MAX_CHARS);
        assert_eq!(Tag::parse(&longest).unwrap().as_str(), longest);
        assert_eq!(
            Tag::parse(&"я".repeat(MAX_CHARS + 1)),
            Err(InputError::TagInvalid)
        );
    }

    #[test]
    fn refuses_empty_tags_and_other_characters() {
        for bad in [
            "",
            " ",
            "#",
            "##vip",
            "vip!",
            "two words",
            "a.b",
            "c#",
            "🔥",
            "x²",
            "tag\u{200B}",
        ] {
            assert_eq!(Tag::parse(bad), Err(InputError::TagInvalid), "{bad}");
        }
    }

    #[test]
    fn splits_a_list_on_commas_and_spaces_and_drops_repeats() {
        let tags = Tag::parse_list("vip, #Опт  new,,VIP\tопт").unwrap();
        let names: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        assert_eq!(names, ["vip", "опт", "new"]);
        assert_eq!(Tag::parse_list(" , "), Ok(vec![]));
    }

    #[test]
    fn one_bad_tag_refuses_the_list() {
        assert_eq!(
            Tag::parse_list("vip, bad!, new"),
            Err(InputError::TagInvalid)
        );
        assert_eq!(Tag::parse_list("vip #"), Err(InputError::TagInvalid));
    }
}
