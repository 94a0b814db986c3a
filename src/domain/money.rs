//! Sums of money: a whole number of kopecks or cents in a known currency, read from the ways
//! people type prices in chat ("150 000", "1,5 млн ₽", "2500 USD", "15к"). Never a float.

use super::input_error::InputError;

/// Kopecks in a rouble, cents in a dollar: every currency here has two decimal places.
const MINOR_DIGITS: usize = 2;
const MINOR_PER_MAJOR: u64 = 100;
/// A trillion major units, in minor units: no deal is bigger, a longer number is a typo.
const MAX_MINOR: i64 = 1_000_000_000_000 * MINOR_PER_MAJOR as i64;
const MAX_INPUT_CHARS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Rub,
    Usd,
    Eur,
    Kzt,
    Byn,
    Cny,
}

impl Currency {
    /// The ISO 4217 code, e.g. "RUB".
    pub fn code(self) -> &'static str {
        match self {
            Currency::Rub => "RUB",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Kzt => "KZT",
            Currency::Byn => "BYN",
            Currency::Cny => "CNY",
        }
    }

    /// Reads the code in any case ("usd", "RUB") or a symbol or word people write for the
    /// currency ("₽", "руб", "$", "€", "тг", "Br", "юань").
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "rub" | "₽" | "р" | "руб" | "рубль" | "рубля" | "рублей" => {
                Some(Currency::Rub)
            }
            "usd" | "$" => Some(Currency::Usd),
            "eur" | "€" | "евро" => Some(Currency::Eur),
            "kzt" | "₸" | "тг" | "тенге" => Some(Currency::Kzt),
            "byn" | "br" => Some(Currency::Byn),
            "cny" | "¥" | "юань" | "юаня" | "юаней" => Some(Currency::Cny),
            _ => None,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Currency::Rub => "₽",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Kzt => "₸",
            Currency::Byn => "Br",
            Currency::Cny => "¥",
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const ALL: [Currency; 6] = [
        Currency::Rub,
        Currency::Usd,
        Currency::Eur,
        Currency::Kzt,
        Currency::Byn,
        Currency::Cny,
    ];

    fn money(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    fn rub(input: &str) -> Result<Money, InputError> {
        Money::parse(input, Currency::Rub)
    }

    #[test]
    fn currency_reads_codes_in_any_case_and_symbols() {
        for (text, expected) in [
            ("RUB", Currency::Rub),
            ("rub", Currency::Rub),
            ("₽", Currency::Rub),
            ("р", Currency::Rub),
            ("Руб", Currency::Rub),
            ("рублей", Currency::Rub),
            ("usd", Currency::Usd),
            ("$", Currency::Usd),
            ("Eur", Currency::Eur),
            ("€", Currency::Eur),
            ("KZT", Currency::Kzt),
            ("₸", Currency::Kzt),
            ("тг", Currency::Kzt),
            ("byn", Currency::Byn),
            ("Br", Currency::Byn),
            ("CNY", Currency::Cny),
            ("¥", Currency::Cny),
            ("юань", Currency::Cny),
            (" usd ", Currency::Usd),
        ] {
            assert_eq!(Currency::parse(text), Some(expected), "{text}");
        }
        for unknown in ["", "gbp", "£", "us", "рубли", "$$"] {
            assert_eq!(Currency::parse(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn code_reads_back() {
        for currency in ALL {
            assert_eq!(Currency::parse(currency.code()), Some(currency));
            assert_eq!(currency.code().len(), 3);
        }
    }

    #[test]
    fn reads_plain_and_grouped_amounts() {
        for (input, minor) in [
            ("150000", 15_000_000),
            ("150 000", 15_000_000),
            ("150\u{a0}000", 15_000_000),
            ("150 000,50", 15_000_050),
            ("150000.5", 15_000_050),
            ("150000,05", 15_000_005),
            ("1,5", 150),
            ("0,01", 1),
            ("1 500 000", 150_000_000),
            ("007", 700),
            (" 42 ", 4_200),
        ] {
            assert_eq!(rub(input), Ok(money(minor, Currency::Rub)), "{input}");
        }
    }

    #[test]
    fn reads_the_currency_before_or_after_the_amount() {
        for (input, expected) in [
            ("1 500 000 ₽", money(150_000_000, Currency::Rub)),
            ("1 500 000₽", money(150_000_000, Currency::Rub)),
            ("1500 руб.", money(150_000, Currency::Rub)),
            ("2500 USD", money(250_000, Currency::Usd)),
            ("USD 2500", money(250_000, Currency::Usd)),
            ("usd2500", money(250_000, Currency::Usd)),
            ("$2500", money(250_000, Currency::Usd)),
            ("2 500 $", money(250_000, Currency::Usd)),
            ("99,90 €", money(9_990, Currency::Eur)),
            ("50000 тг", money(5_000_000, Currency::Kzt)),
            ("300 Br", money(30_000, Currency::Byn)),
            ("100 юаней", money(10_000, Currency::Cny)),
        ] {
            assert_eq!(rub(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn amount_without_a_currency_is_in_the_default_one() {
        assert_eq!(
            Money::parse("2500", Currency::Kzt),
            Ok(money(250_000, Currency::Kzt))
        );
        assert_eq!(
            Money::parse("2500 ₽", Currency::Kzt),
            Ok(money(250_000, Currency::Rub))
        );
    }

    #[test]
    fn reads_thousands_and_millions() {
        for (input, expected) in [
            ("15к", money(1_500_000, Currency::Rub)),
            ("15k", money(1_500_000, Currency::Rub)),
            ("15 К", money(1_500_000, Currency::Rub)),
            ("15 тыс.", money(1_500_000, Currency::Rub)),
            ("1.5 млн", money(150_000_000, Currency::Rub)),
            ("1,5m", money(150_000_000, Currency::Rub)),
            ("1,25 млн ₽", money(125_000_000, Currency::Rub)),
            ("1,125m", money(112_500_000, Currency::Rub)),
            ("$1.5m", money(150_000_000, Currency::Usd)),
            ("2,5k usd", money(250_000, Currency::Usd)),
            ("0,00001m", money(1_000, Currency::Rub)),
        ] {
            assert_eq!(rub(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_positive_amount() {
        for bad in [
            "",
            "   ",
            "0",
            "0,00",
            "0k",
            "-5",
            "−5",
            "+5",
            "1,500",
            "1.005",
            "0,000000001m",
            "12,",
            ",5",
            "1.5.5",
            "1,5,5",
            "1 50",
            "1500 000",
            "1 500,50 000",
            "hello",
            "₽",
            "15kk",
            "k15",
            "15 к к",
            "15 ₽ к",
            "2500 USD 10",
            "USD 2500 EUR",
            "2500 ₽ ₽",
            "2 500 рублей 50 копеек",
            "пятьсот",
            "15%",
            "1e6",
            "２５００",
        ] {
            assert_eq!(rub(bad), Err(InputError::AmountInvalid), "{bad}");
        }
        assert_eq!(rub(&"1".repeat(65)), Err(InputError::AmountInvalid));
    }

    #[test]
    fn unknown_currency_is_named_as_such() {
        for bad in [
            "2500 GBP", "GBP 2500", "2500gbp", "2500 £", "₴2500", "15k chf",
        ] {
            assert_eq!(rub(bad), Err(InputError::CurrencyUnknown), "{bad}");
        }
    }

    #[test]
    fn refuses_more_than_a_trillion_without_overflowing() {
        assert_eq!(
            rub("1 000 000 000 000"),
            Ok(money(100_000_000_000_000, Currency::Rub))
        );
        assert_eq!(
            rub("1000000 млн"),
            Ok(money(100_000_000_000_000, Currency::Rub))
        );
        for bad in [
            "1 000 000 000 000,01",
            "1000000000001",
            "1000001 млн",
            "99999999999999999999",
            "99999999999999999999,99",
            "9999999999999999 млн",
            "99999999999999999999999999999999999999",
        ] {
            assert_eq!(rub(bad), Err(InputError::AmountTooLarge), "{bad}");
        }
    }

    #[test]
    fn displays_grouped_thousands_and_kopecks_only_when_there_are_some() {
        for (amount, shown) in [
            (money(15_000_000, Currency::Rub), "150 000 ₽"),
            (money(15_000_050, Currency::Rub), "150 000,50 ₽"),
            (money(250_000, Currency::Usd), "2 500 $"),
            (money(100, Currency::Eur), "1 €"),
            (money(5, Currency::Kzt), "0,05 ₸"),
            (money(99_900, Currency::Byn), "999 Br"),
            (money(123_456_789, Currency::Cny), "1 234 567,89 ¥"),
            (
                money(100_000_000_000_000, Currency::Rub),
                "1 000 000 000 000 ₽",
            ),
            (money(-150_000, Currency::Rub), "-1 500 ₽"),
        ] {
            assert_eq!(amount.display(), shown);
        }
    }

    #[test]
    fn displayed_amount_reads_back() {
        for currency in ALL {
            for minor in [1, 99, 100, 15_000_050, 100_000_000_000_000] {
                let amount = money(minor, currency);
                assert_eq!(
                    Money::parse(&amount.display(), Currency::Rub),
                    Ok(amount),
                    "{}",
                    amount.display()
                );
            }
        }
    }
}

#[cfg(test)]
mod props {
    use super::tests::ALL;
    use super::*;
    use crate::domain::props::{SPACED, any_text, config, phrase};
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "₽",
        "руб",
        "руб.",
        "р",
        "рублей",
        "$",
        "€",
        "usd",
        "USD",
        "eur",
        "тг",
        "Br",
        "¥",
        "юаней",
        "к",
        "k",
        "К",
        "тыс",
        "тыс.",
        "млн",
        "m",
        "mln",
        "gbp",
        "£",
        "₴",
        ",",
        ".",
        " ",
        "000",
        "500",
        "1,5",
        "2 500",
        "0,01",
        "-",
        "+",
        "−",
        "\u{a0}",
        "%",
        "e6",
        "２",
    ];

    /// Refused, or a positive amount of at most a trillion whose display reads back as itself,
    /// whatever the default currency.
    fn check(input: &str, default: Currency) -> Result<(), TestCaseError> {
        if let Ok(amount) = Money::parse(input, default) {
            prop_assert!(0 < amount.minor && amount.minor <= MAX_MINOR);
            for other in ALL {
                prop_assert_eq!(Money::parse(&amount.display(), other), Ok(amount));
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_text_is_refused_or_reads_back(
            input in any_text(),
            default in prop::sample::select(&ALL[..]),
        ) {
            check(&input, default)?;
        }

        #[test]
        fn price_like_text_is_refused_or_reads_back(
            input in phrase(PIECES, SPACED),
            default in prop::sample::select(&ALL[..]),
        ) {
            check(&input, default)?;
        }

        #[test]
        fn every_amount_displayed_reads_back(
            minor in 1..=MAX_MINOR,
            currency in prop::sample::select(&ALL[..]),
        ) {
            let amount = Money { minor, currency };
            prop_assert_eq!(Money::parse(&amount.display(), Currency::Rub), Ok(amount));
        }

        #[test]
        fn thousands_and_millions_multiply(
            whole in 1..1_000_000_i64,
            fraction in 0..100_i64,
            (word, power) in prop::sample::select(
                &[("к", 3), ("k", 3), ("тыс.", 3), ("млн", 6), ("m", 6)][..],
            ),
            currency in prop::sample::select(&ALL[..]),
        ) {
            let input = format!("{whole},{fraction:02} {word} {}", currency.code());
            let minor = (whole * 100 + fraction) * 10_i64.pow(power);
            prop_assert_eq!(Money::parse(&input, Currency::Rub), Ok(Money { minor, currency }));
        }
    }
}
