//! Every user-facing string comes from `locales/<lang>/main.ftl` (Fluent, with CLDR plural
//! rules: "1 контакт, 2 контакта, 5 контактов").

use crate::domain::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would show up as garbage in terminals and copied text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static RU: LanguageIdentifier = langid!("ru");

fn language_id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// The message `key` in `lang`.
pub fn tr(lang: Lang, key: &str) -> String {
    tr_args(lang, key, &[])
}

/// The message `key` in `lang` with named arguments: `tr_args(lang, "found", &[("count", 3.into())])`.
pub fn tr_args(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(language_id(lang), key, &args)
        .unwrap_or_else(|| {
            tracing::error!(key, lang = lang.code(), "missing locale message");
            key.to_owned()
        })
}

/// An argument for [`tr_args`].
pub fn arg<'a>(value: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    value.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id.trim().to_owned())
            .filter(|id| !id.is_empty() && !id.starts_with(['#', ' ', '[', '*']))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en = message_ids("en");
        let ru = message_ids("ru");
        assert!(en.len() > 20, "found only {} messages", en.len());
        assert_eq!(
            en.difference(&ru).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in ru"
        );
        assert_eq!(
            ru.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in en"
        );
    }

    #[test]
    fn russian_plurals_have_three_forms() {
        let found = |n: i64| tr_args(Lang::Ru, "find-found", &[("count", arg(n))]);
        assert!(found(1).contains("1 контакт"), "{}", found(1));
        assert!(found(3).contains("3 контакта"), "{}", found(3));
        assert!(found(5).contains("5 контактов"), "{}", found(5));
        assert!(found(21).contains("21 контакт:"), "{}", found(21));
    }
}
