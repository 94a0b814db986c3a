//! The languages the bot speaks.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The language for a Telegram `language_code` ("ru", "en-US", …). Users of the other
    /// post-Soviet languages read Russian more often than English.
    pub fn from_telegram(code: Option<&str>) -> Self {
        let primary = code.unwrap_or("").split(['-', '_']).next().unwrap_or("");
        match primary {
            "ru" | "uk" | "be" | "kk" | "uz" | "ky" | "tg" => Lang::Ru,
            _ => Lang::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_telegram_language_code() {
        assert_eq!(Lang::from_telegram(Some("ru")), Lang::Ru);
        assert_eq!(Lang::from_telegram(Some("en-US")), Lang::En);
        assert_eq!(Lang::from_telegram(Some("kk")), Lang::Ru);
        assert_eq!(Lang::from_telegram(None), Lang::En);
    }
}
