//! Custom fields a team adds to its contacts: what kind each is, and how a typed value is
//! checked and normalised into the form it is stored in.

use super::input_error::InputError;
use chrono::{Datelike, NaiveDate};

const MAX_TEXT_CHARS: usize = 500;
/// More digits than any amount of money has; keeps pasted walls of digits out.
const MAX_NUMBER_DIGITS: usize = 30;
const EARLIEST_YEAR: i32 = 1900;
/// Dates may be in the future (a contract's end), but not by more than this many years.
const MAX_YEARS_AHEAD: i32 = 100;
const DATE_FORMATS: [&str; 3] = ["%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"];
const STORED_DATE_FORMAT: &str = "%Y-%m-%d";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomFieldKind {
    Text,
    Number,
    Date,
    /// One of these options, spelled as the team spelled them.
    Choice(Vec<String>),
}

impl CustomFieldKind {
    /// The kind stored under `kind` ("text", "number", "date" or "choice"); a choice needs at
    /// least one option.
    pub fn from_parts(kind: &str, options: &[String]) -> Option<Self> {
        match kind {
            "text" => Some(CustomFieldKind::Text),
            "number" => Some(CustomFieldKind::Number),
            "date" => Some(CustomFieldKind::Date),
            "choice" if !options.is_empty() => Some(CustomFieldKind::Choice(options.to_vec())),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            CustomFieldKind::Text => "text",
            CustomFieldKind::Number => "number",
            CustomFieldKind::Date => "date",
            CustomFieldKind::Choice(_) => "choice",
        }
    }

    /// The stored form of a value typed for a field of this kind: trimmed text, a number like
    /// "1500.5", a date like "2025-12-31", or the option's own spelling. `this_year` bounds
    /// dates.
    pub fn parse_value(&self, input: &str, this_year: i32) -> Result<String, InputError> {
        let input = input.trim();
        match self {
            CustomFieldKind::Text => parse_text(input),
            CustomFieldKind::Number => parse_number(input).ok_or(InputError::NumberInvalid),
            CustomFieldKind::Date => parse_date(input, this_year).ok_or(InputError::DateInvalid),
            CustomFieldKind::Choice(options) => options
                .iter()
                .find(|option| option.to_lowercase() == input.to_lowercase())
                .cloned()
                .ok_or(InputError::ChoiceInvalid),
        }
    }
}

fn parse_text(input: &str) -> Result<String, InputError> {
    if input.is_empty() {
        return Err(InputError::TextEmpty);
    }
    if input.chars().count() > MAX_TEXT_CHARS {
        return Err(InputError::TextTooLong {
            max: MAX_TEXT_CHARS,
        });
    }
    Ok(input.to_owned())
}

/// "1 500,50", "1500.50" and "01500.5" all become "1500.5"; spaces group thousands and a comma
/// is a decimal point.
fn parse_number(input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (negative, unsigned) = match compact.strip_prefix('-') {
        Some(unsigned) => (true, unsigned),
        None => (false, compact.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || whole.len() + fraction.len() > MAX_NUMBER_DIGITS
    {
        return None;
    }
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        whole => whole,
    };
    let fraction = fraction.trim_end_matches('0');
    let sign = if negative && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    Some(match fraction {
        "" => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}.{fraction}"),
    })
}

/// "31.12.2025", "31/12/2025" or "2025-12-31", stored as "2025-12-31".
fn parse_date(input: &str, this_year: i32) -> Option<String> {
    let date = DATE_FORMATS
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(input, format).ok())?;
    let years = EARLIEST_YEAR..=this_year + MAX_YEARS_AHEAD;
    years
        .contains(&date.year())
        .then(|| date.format(STORED_DATE_FORMAT).to_string())
}

/// Names of custom fields, options and contact types are short labels.
const MAX_LABEL_CHARS: usize = 40;
const MAX_OPTIONS: usize = 20;

/// A short label: a field's name, an option, a contact type.
pub fn parse_label(input: &str) -> Result<String, InputError> {
    let label = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        Err(InputError::TextEmpty)
    } else if label.chars().count() > MAX_LABEL_CHARS {
        Err(InputError::TextTooLong {
            max: MAX_LABEL_CHARS,
        })
    } else {
        Ok(label)
    }
}

/// A comma-separated list of labels ("site, call, exhibition"), without repeats.
pub fn parse_options(input: &str) -> Result<Vec<String>, InputError> {
    let mut options: Vec<String> = Vec::new();
    for part in input.split([',', ';']).filter(|p| !p.trim().is_empty()) {
        let option = parse_label(part)?;
        if !options
            .iter()
            .any(|o| o.to_lowercase() == option.to_lowercase())
        {
            options.push(option);
        }
    }
    if options.is_empty() || options.len() > MAX_OPTIONS {
        return Err(InputError::OptionsInvalid);
    }
    Ok(options)
}

/// A new custom field of kind `kind` ("text", "number", "date", "choice") from what the owner
/// typed: its name, and for a choice the options after a colon ("Source: site, call").
pub fn parse_definition(kind: &str, input: &str) -> Result<(String, CustomFieldKind), InputError> {
    if kind == "choice" {
        let (name, options) = input.split_once(':').ok_or(InputError::OptionsInvalid)?;
        let options = parse_options(options)?;
        return Ok((parse_label(name)?, CustomFieldKind::Choice(options)));
    }
    let kind = CustomFieldKind::from_parts(kind, &[]).ok_or(InputError::ChoiceInvalid)?;
    Ok((parse_label(input)?, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_name_a_field_and_a_choice_lists_its_options() {
        assert_eq!(
            parse_definition("date", " Contract  end "),
            Ok(("Contract end".to_owned(), CustomFieldKind::Date))
        );
        assert_eq!(
            parse_definition("choice", "Source: site, call, Site"),
            Ok((
                "Source".to_owned(),
                CustomFieldKind::Choice(vec!["site".to_owned(), "call".to_owned()])
            ))
        );
        assert_eq!(
            parse_definition("choice", "Source"),
            Err(InputError::OptionsInvalid)
        );
        assert_eq!(
            parse_definition("choice", "Source: ,"),
            Err(InputError::OptionsInvalid)
        );
        assert_eq!(parse_definition("text", "  "), Err(InputError::TextEmpty));
        assert_eq!(
            parse_definition("colour", "Hue"),
            Err(InputError::ChoiceInvalid)
        );
        assert_eq!(
            parse_options(&"x".repeat(41)),
            Err(InputError::TextTooLong { max: 40 })
        );
    }

    const THIS_YEAR: i32 = 2025;

    fn options(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn kinds_read_back_from_their_stored_names() {
        let choice = CustomFieldKind::Choice(options(&["Опт", "Розница"]));
        for kind in [
            CustomFieldKind::Text,
            CustomFieldKind::Number,
            CustomFieldKind::Date,
            choice,
        ] {
            let stored_options = match &kind {
                CustomFieldKind::Choice(options) => options.clone(),
                _ => Vec::new(),
            };
            assert_eq!(
                CustomFieldKind::from_parts(kind.as_str(), &stored_options),
                Some(kind)
            );
        }
    }

    #[test]
    fn unknown_kinds_and_choices_without_options_are_none() {
        assert_eq!(CustomFieldKind::from_parts("choice", &[]), None);
        assert_eq!(CustomFieldKind::from_parts("money", &[]), None);
        assert_eq!(CustomFieldKind::from_parts("Text", &[]), None);
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        let text = CustomFieldKind::Text;
        assert_eq!(
            text.parse_value("  до 18:00, без выходных \n", THIS_YEAR),
            Ok("до 18:00, без выходных".to_owned())
        );
        let longest = "ж".repeat(MAX_TEXT_CHARS);
        assert_eq!(text.parse_value(&longest, THIS_YEAR), Ok(longest.clone()));
        assert_eq!(
            text.parse_value(&format!("{longest}ж"), THIS_YEAR),
            Err(InputError::TextTooLong {
                max: MAX_TEXT_CHARS
            })
        );
        assert_eq!(
            text.parse_value(" \t ", THIS_YEAR),
            Err(InputError::TextEmpty)
        );
    }

    #[test]
    fn numbers_are_normalised() {
        for (input, stored) in [
            ("1 500,50", "1500.5"),
            ("1500.5", "1500.5"),
            ("1\u{a0}500", "1500"),
            ("1\u{202f}000\u{202f}000", "1000000"),
            ("007", "7"),
            ("0", "0"),
            ("0,0", "0"),
            ("-0", "0"),
            ("0.25", "0.25"),
            ("-12,300", "-12.3"),
            ("42.", "42"),
            (" 10.000 ", "10"),
        ] {
            assert_eq!(
                CustomFieldKind::Number.parse_value(input, THIS_YEAR),
                Ok(stored.to_owned()),
                "{input}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        let too_long = "1".repeat(MAX_NUMBER_DIGITS + 1);
        for bad in [
            "",
            "-",
            "abc",
            "12a",
            "1.5.5",
            "1,500.50",
            ".5",
            "+5",
            "--5",
            "5-",
            "1e5",
            "NaN",
            "inf",
            "５",
            too_long.as_str(),
        ] {
            assert_eq!(
                CustomFieldKind::Number.parse_value(bad, THIS_YEAR),
                Err(InputError::NumberInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_are_stored_year_first() {
        for input in ["31.12.2025", "31/12/2025", "2025-12-31", " 31.12.2025 "] {
            assert_eq!(
                CustomFieldKind::Date.parse_value(input, THIS_YEAR),
                Ok("2025-12-31".to_owned()),
                "{input}"
            );
        }
        assert_eq!(
            CustomFieldKind::Date.parse_value("29.02.2024", THIS_YEAR),
            Ok("2024-02-29".to_owned())
        );
        assert_eq!(
            CustomFieldKind::Date.parse_value("01.01.2125", THIS_YEAR),
            Ok("2125-01-01".to_owned())
        );
    }

    #[test]
    fn refuses_impossible_and_partial_dates() {
        for bad in [
            "",
            "31.02.2025",
            "29.02.2023",
            "2025-02-30",
            "31.12",
            "12/31/2025",
            "31.12.1899",
            "01.01.2126",
            "завтра",
            "31.12.2025 10:00",
        ] {
            assert_eq!(
                CustomFieldKind::Date.parse_value(bad, THIS_YEAR),
                Err(InputError::DateInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn choices_match_any_case_and_keep_the_option_spelling() {
        let kind = CustomFieldKind::Choice(options(&["Опт", "Розница", "VIP client"]));
        assert_eq!(kind.parse_value(" опт ", THIS_YEAR), Ok("Опт".to_owned()));
        assert_eq!(
            kind.parse_value("РОЗНИЦА", THIS_YEAR),
            Ok("Розница".to_owned())
        );
        assert_eq!(
            kind.parse_value("vip CLIENT", THIS_YEAR),
            Ok("VIP client".to_owned())
        );
        for bad in ["", "опт розница", "vip", "другое"] {
            assert_eq!(
                kind.parse_value(bad, THIS_YEAR),
                Err(InputError::ChoiceInvalid),
                "{bad}"
            );
        }
    }
}
