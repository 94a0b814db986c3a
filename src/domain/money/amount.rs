//! Amounts of money: read from what people type in chat, shown with grouped thousands.

use super::currency::Currency;
use crate::domain::input_error::InputError;

/// Kopecks in a rouble, cents in a dollar: every currency here has two decimal places.
const MINOR_DIGITS: usize = 2;

const MINOR_PER_MAJOR: u64 = 100;

/// A trillion major units, in minor units: no deal is bigger, a longer number is a typo.
pub(super) const MAX_MINOR: i64 = 1_000_000_000_000 * MINOR_PER_MAJOR as i64;

const MAX_INPUT_CHARS: usize = 64;

/// A positive amount of at most a trillion major units, counted in minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Reads "150000", "150 000,50", "150000.5", "1 500 000 ₽", "2500 USD", "USD 2500", "15к",
    /// "1,5 млн". A comma or a point starts the kopecks; spaces group thousands. Without a
    /// currency the amount is in `default`.
    pub fn parse(input: &str, default: Currency) -> Result<Self, InputError> {
        let input = input.trim().to_lowercase();
        if input.chars().count() > MAX_INPUT_CHARS {
            return Err(InputError::AmountInvalid);
        }
        let mut groups = Vec::new();
        let mut power = 0;
        let mut currency = None;
        // Set once a word follows the number: its digits must not go on after that.
        let mut number_done = false;
        for piece in pieces(&input) {
            if piece.starts_with(|c: char| c.is_ascii_digit()) {
                if number_done {
                    return Err(InputError::AmountInvalid);
                }
                groups.push(piece);
                continue;
            }
            // "руб.", "млн.", "тыс."
            let word = piece.strip_suffix('.').unwrap_or(piece);
            let right_after_number = !groups.is_empty() && !number_done;
            number_done = !groups.is_empty();
            match (multiplier_power(word), Currency::parse(word)) {
                (Some(multiplier), _) if right_after_number => power = multiplier,
                (_, Some(found)) if currency.is_none() => currency = Some(found),
                (None, None) if looks_like_currency(word) => {
                    return Err(InputError::CurrencyUnknown);
                }
                _ => return Err(InputError::AmountInvalid),
            }
        }
        let (whole, fraction) = number(&groups).ok_or(InputError::AmountInvalid)?;
        if fraction.len() > MINOR_DIGITS + power {
            return Err(InputError::AmountInvalid);
        }
        let scale = 10_i64.pow((MINOR_DIGITS + power - fraction.len()) as u32);
        let minor = whole
            .bytes()
            .chain(fraction.bytes())
            .try_fold(0_i64, |sum, digit| {
                sum.checked_mul(10)?.checked_add(i64::from(digit - b'0'))
            })
            .and_then(|digits| digits.checked_mul(scale))
            .ok_or(InputError::AmountTooLarge)?;
        if minor == 0 {
            return Err(InputError::AmountInvalid);
        }
        if minor > MAX_MINOR {
            return Err(InputError::AmountTooLarge);
        }
        Ok(Self {
            minor,
            currency: currency.unwrap_or(default),
        })
    }

    /// "150 000 ₽", "150 000,50 ₽", "2 500 $": thousands grouped with spaces, kopecks or cents
    /// only when there are some.
    pub fn display(&self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let minor = self.minor.unsigned_abs();
        let major = group_thousands(minor / MINOR_PER_MAJOR);
        let symbol = self.currency.symbol();
        match minor % MINOR_PER_MAJOR {
            0 => format!("{sign}{major} {symbol}"),
            cents => format!("{sign}{major},{cents:02} {symbol}"),
        }
    }
}

/// Splits "1 500,50руб." into "1", "500,50" and "руб.": at whitespace, and where a number (digits
/// with the commas and points among them) meets other characters.
fn pieces(input: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    for chunk in input.split_whitespace() {
        let mut start = 0;
        let mut in_number = false;
        for (at, c) in chunk.char_indices() {
            let numeric = c.is_ascii_digit() || (in_number && (c == ',' || c == '.'));
            if at > start && numeric != in_number {
                pieces.push(&chunk[start..at]);
                start = at;
            }
            in_number = numeric;
        }
        pieces.push(&chunk[start..]);
    }
    pieces
}

/// Joins the space-separated groups of a number, "1", "500", "000,50", into its whole part,
/// "1500000", and its decimals, "50". A group after the first has three digits, the first at
/// most three when there are more, and only the last may have decimals.
fn number<'a>(groups: &[&'a str]) -> Option<(String, &'a str)> {
    let (&last, first) = groups.split_last()?;
    let (last, fraction) = match last.split_once([',', '.']) {
        Some((_, "")) => return None,
        Some(split) => split,
        None => (last, ""),
    };
    let grouped = groups.len() > 1;
    let mut whole = String::new();
    for (at, group) in first.iter().copied().chain([last]).enumerate() {
        let length_fits = match at {
            0 => !grouped || group.len() <= 3,
            _ => group.len() == 3,
        };
        if group.is_empty() || !length_fits || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        whole.push_str(group);
    }
    fraction
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then_some((whole, fraction))
}

/// The power of ten a word after a number multiplies it by: "к" thousands, "млн" millions.
fn multiplier_power(word: &str) -> Option<usize> {
    match word {
        "к" | "k" | "тыс" => Some(3),
        "м" | "m" | "млн" | "mln" => Some(6),
        _ => None,
    }
}

/// Whether a word is written like a currency, a three-letter code ("gbp") or a currency sign
/// ("£"), so the user hears that the currency is unknown rather than that the amount is.
fn looks_like_currency(word: &str) -> bool {
    let code = word.len() == 3 && word.bytes().all(|b| b.is_ascii_alphabetic());
    let sign = word.chars().count() == 1
        && word
            .chars()
            .all(|c| "£¢¤".contains(c) || ('\u{20A0}'..='\u{20CF}').contains(&c));
    code || sign
}

fn group_thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    grouped
}
