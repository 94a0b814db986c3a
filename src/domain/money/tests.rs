//! Examples of amounts read and shown, and of what is refused.

use super::amount::*;
use super::currency::*;
use crate::domain::input_error::InputError;

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
