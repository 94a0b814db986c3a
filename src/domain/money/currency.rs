//! The currencies a deal may be in: their codes, symbols and the words people write for them.

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

    pub(super) fn symbol(self) -> &'static str {
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
