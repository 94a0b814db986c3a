//! Properties of the reader: any text is an amount or refused, and amounts shown read back.

use super::amount::*;
use super::currency::*;
use super::tests::ALL;
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
