//! Birthdays: a day and a month, with the year when the user knows it.

use super::input_error::InputError;
use chrono::NaiveDate;

const EARLIEST_YEAR: i32 = 1900;
/// A leap year, to check a day and month given without a year: 29.02 is a real birthday.
const ANY_LEAP_YEAR: i32 = 2000;

/// The spellings of each month, January first: Russian nominative, genitive and abbreviated,
/// English full and abbreviated. Matched in lower case.
const MONTH_NAMES: [&[&str]; 12] = [
    &["январь", "января", "янв", "january", "jan"],
    &["февраль", "февраля", "фев", "february", "feb"],
    &["март", "марта", "мар", "march", "mar"],
    &["апрель", "апреля", "апр", "april", "apr"],
    &["май", "мая", "may"],
    &["июнь", "июня", "июн", "june", "jun"],
    &["июль", "июля", "июл", "july", "jul"],
    &["август", "августа", "авг", "august", "aug"],
    &["сентябрь", "сентября", "сен", "september", "sep"],
    &["октябрь", "октября", "окт", "october", "oct"],
    &["ноябрь", "ноября", "ноя", "november", "nov"],
    &["декабрь", "декабря", "дек", "december", "dec"],
];

/// A date that exists, in a year from 1900 to the current one if the year is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Birthday {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl Birthday {
    /// Reads "25.12", "25.12.1990", "25/12/1990", "1990-12-25", "25 декабря 1990",
    /// "December 25, 1990", "25 Dec 1990" and the like. `this_year` bounds the year.
    pub fn parse(input: &str, this_year: i32) -> Result<Self, InputError> {
        let input = input.trim();
        let (day, month, year) = if input.chars().any(char::is_alphabetic) {
            parse_words(input)
        } else {
            parse_digits(input)
        }
        .ok_or(InputError::BirthdayInvalid)?;
        // At most four digits, so the year always fits.
        let year = year.map(|year| year as i32);
        let exists = match year {
            Some(year) => {
                (EARLIEST_YEAR..=this_year).contains(&year)
                    && NaiveDate::from_ymd_opt(year, month, day).is_some()
            }
            None => NaiveDate::from_ymd_opt(ANY_LEAP_YEAR, month, day).is_some(),
        };
        if !exists {
            return Err(InputError::BirthdayInvalid);
        }
        Ok(Self { day, month, year })
    }

    /// A birthday as the database stores it, day, month and year apart: one only when both the
    /// day and the month are there. Stored values were checked when they were parsed.
    pub fn from_stored(day: Option<i64>, month: Option<i64>, year: Option<i64>) -> Option<Self> {
        match (day, month) {
            (Some(day), Some(month)) => Some(Self {
                day: day as u32,
                month: month as u32,
                year: year.map(|year| year as i32),
            }),
            _ => None,
        }
    }

    /// "25.12" or "25.12.1990".
    pub fn display(&self) -> String {
        match self.year {
            Some(year) => format!("{:02}.{:02}.{year}", self.day, self.month),
            None => format!("{:02}.{:02}", self.day, self.month),
        }
    }
}

/// "25.12", "25.12.1990", "25/12/1990" or "1990-12-25", as (day, month, year).
fn parse_digits(input: &str) -> Option<(u32, u32, Option<u32>)> {
    let parts: Vec<&str> = input.split(['.', '/', '-']).collect();
    let numbers = parts
        .iter()
        .map(|part| number(part))
        .collect::<Option<Vec<_>>>()?;
    match (parts[0].len(), &numbers[..]) {
        (_, &[day, month]) => Some((day, month, None)),
        (4, &[year, month, day]) => Some((day, month, Some(year))),
        (_, &[day, month, year]) => Some((day, month, Some(year))),
        _ => None,
    }
}

/// "25 декабря", "25 декабря 1990 г.", "25 Dec 1990" or "December 25, 1990", as
/// (day, month, year): the month comes first or second, the year last.
fn parse_words(input: &str) -> Option<(u32, u32, Option<u32>)> {
    let lower = input.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|word| !word.is_empty() && !matches!(*word, "г" | "года"))
        .collect();
    let (month_at, month) = words
        .iter()
        .enumerate()
        .find_map(|(at, word)| Some((at, month_number(word)?)))?;
    if month_at > 1 {
        return None;
    }
    let numbers = words
        .iter()
        .enumerate()
        .filter(|&(at, _)| at != month_at)
        .map(|(_, word)| number(word))
        .collect::<Option<Vec<_>>>()?;
    match numbers[..] {
        [day] => Some((day, month, None)),
        [day, year] => Some((day, month, Some(year))),
        _ => None,
    }
}

/// A run of one to four ASCII digits; `str::parse` alone would also take "+5".
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn month_number(word: &str) -> Option<u32> {
    let index = MONTH_NAMES.iter().position(|names| names.contains(&word))?;
    Some(index as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const THIS_YEAR: i32 = 2025;

    fn parse(input: &str) -> Result<Birthday, InputError> {
        Birthday::parse(input, THIS_YEAR)
    }

    fn date(day: u32, month: u32, year: Option<i32>) -> Birthday {
        Birthday { day, month, year }
    }

    #[test]
    fn reads_dates_in_digits() {
        for (input, expected) in [
            ("25.12", date(25, 12, None)),
            (" 25.12.1990 ", date(25, 12, Some(1990))),
            ("25/12/1990", date(25, 12, Some(1990))),
            ("25-12-1990", date(25, 12, Some(1990))),
            ("1990-12-25", date(25, 12, Some(1990))),
            ("5.3", date(5, 3, None)),
            ("05.03.2025", date(5, 3, Some(2025))),
        ] {
            assert_eq!(parse(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn reads_month_names_in_both_languages() {
        for (input, expected) in [
            ("25 декабря", date(25, 12, None)),
            ("25 декабря 1990", date(25, 12, Some(1990))),
            ("25 декабря 1990 г.", date(25, 12, Some(1990))),
            ("1 Май", date(1, 5, None)),
            ("8 марта", date(8, 3, None)),
            ("3 сентябрь 1985", date(3, 9, Some(1985))),
            ("12 ФЕВ", date(12, 2, None)),
            ("December 25", date(25, 12, None)),
            ("December 25, 1990", date(25, 12, Some(1990))),
            ("25 Dec 1990", date(25, 12, Some(1990))),
            ("25 dec. 1990", date(25, 12, Some(1990))),
            ("may 9", date(9, 5, None)),
        ] {
            assert_eq!(parse(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn february_29_needs_a_leap_year_only_when_a_year_is_given() {
        assert_eq!(parse("29.02"), Ok(date(29, 2, None)));
        assert_eq!(parse("29.02.2024"), Ok(date(29, 2, Some(2024))));
        assert_eq!(parse("29.02.2000"), Ok(date(29, 2, Some(2000))));
        assert_eq!(parse("29.02.2023"), Err(InputError::BirthdayInvalid));
        assert_eq!(parse("29.02.1900"), Err(InputError::BirthdayInvalid));
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "31.02",
            "30 февраля",
            "31.04.1990",
            "32.01",
            "0.01",
            "15.13",
            "15.00",
            "12.25.1990",
        ] {
            assert_eq!(parse(bad), Err(InputError::BirthdayInvalid), "{bad}");
        }
    }

    #[test]
    fn refuses_years_before_1900_and_after_this_year() {
        assert_eq!(parse("01.01.1900"), Ok(date(1, 1, Some(1900))));
        for bad in [
            "31.12.1899",
            "01.01.2026",
            "25.12.90",
            "25.12.0990",
            "25.12.19900",
        ] {
            assert_eq!(parse(bad), Err(InputError::BirthdayInvalid), "{bad}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "tomorrow",
            "25",
            "декабря",
            "25 декабря декабря",
            "25 1990 декабря",
            "25 смарта",
            "25..12",
            "25.12.",
            "+25.12",
            "25 12 1990",
            "25.12.1990.1",
            "２５.１２",
        ] {
            assert_eq!(parse(bad), Err(InputError::BirthdayInvalid), "{bad}");
        }
    }

    #[test]
    fn displays_with_two_digit_day_and_month() {
        assert_eq!(parse("5 March").unwrap().display(), "05.03");
        assert_eq!(parse("1990-12-25").unwrap().display(), "25.12.1990");
    }

    #[test]
    fn stored_birthdays_need_a_day_and_a_month() {
        assert_eq!(
            Birthday::from_stored(Some(25), Some(12), Some(1990)),
            Some(Birthday {
                day: 25,
                month: 12,
                year: Some(1990)
            })
        );
        assert_eq!(
            Birthday::from_stored(Some(29), Some(2), None),
            Some(Birthday {
                day: 29,
                month: 2,
                year: None
            })
        );
        assert_eq!(Birthday::from_stored(Some(25), None, Some(1990)), None);
        assert_eq!(Birthday::from_stored(None, Some(12), None), None);
    }
}
