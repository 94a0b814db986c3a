//! The fields of the contact card as the edit menu knows them: their codes in buttons, labels,
//! current values, the choices offered, and typed values parsed into their types.

use crate::chat::view::{kind_label, priority_label, yes_no};
use crate::domain::{
    Birthday, ContactName, CustomFieldKind, Email, InputError, Lang, Phone, Priority, Tag,
    TelegramUsername,
};
use crate::i18n::tr;
use crate::store::{Contact, CustomField, FieldValue, TextColumn};
use chrono::Datelike;

const REGION_MAX_CHARS: usize = 100;

const NOTES_MAX_CHARS: usize = 2000;

/// A field of the contact card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phones,
    Emails,
    Telegram,
    Kind,
    Region,
    Tags,
    Priority,
    Birthday,
    TimeZone,
    Subscribed,
    Notes,
    Owner,
    Custom(i64),
}

impl Field {
    pub const BUILT_IN: [Field; 13] = [
        Field::Name,
        Field::Phones,
        Field::Emails,
        Field::Telegram,
        Field::Kind,
        Field::Region,
        Field::Tags,
        Field::Priority,
        Field::Birthday,
        Field::TimeZone,
        Field::Subscribed,
        Field::Notes,
        Field::Owner,
    ];

    pub fn code(self) -> String {
        match self {
            Field::Custom(id) => format!("c{id}"),
            built_in => built_in.built_in_code().to_owned(),
        }
    }

    pub(super) fn built_in_code(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Phones => "phones",
            Field::Emails => "emails",
            Field::Telegram => "telegram",
            Field::Kind => "kind",
            Field::Region => "region",
            Field::Tags => "tags",
            Field::Priority => "priority",
            Field::Birthday => "birthday",
            Field::TimeZone => "tz",
            Field::Subscribed => "subscribed",
            Field::Notes => "notes",
            Field::Owner => "owner",
            Field::Custom(_) => "custom",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        if let Some(id) = code.strip_prefix('c').and_then(|id| id.parse().ok()) {
            return Some(Field::Custom(id));
        }
        Field::BUILT_IN
            .into_iter()
            .find(|f| f.built_in_code() == code)
    }
}

/// A field's name as the card shows it; `custom` names the team's custom fields.
pub(super) fn label(lang: Lang, field: Field, custom: &[CustomField]) -> String {
    match field {
        Field::Custom(id) => custom
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        built_in => tr(lang, &format!("field-{}", built_in.built_in_code())),
    }
}

/// The field's current value as shown to the user; "—" when empty.
pub(super) fn current(lang: Lang, contact: &Contact, field: Field) -> String {
    let value = match field {
        Field::Name => Some(contact.name.clone()),
        Field::Phones => Some(contact.phones.join(", ")),
        Field::Emails => Some(contact.emails.join(", ")),
        Field::Telegram => contact.telegram.as_ref().map(|t| format!("@{t}")),
        Field::Kind => contact.kind.as_deref().map(|k| kind_label(lang, k)),
        Field::Region => contact.region.clone(),
        Field::Tags => Some(
            contact
                .tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Field::Priority => contact.priority.as_deref().map(|p| priority_label(lang, p)),
        Field::Birthday => contact.birthday.map(|b| b.display()),
        Field::TimeZone => contact.time_zone.clone(),
        Field::Subscribed => Some(yes_no(lang, contact.subscribed)),
        Field::Notes => contact.notes.clone(),
        Field::Owner => Some(contact.owner_name.clone()),
        Field::Custom(id) => contact
            .custom
            .iter()
            .find(|(field_id, _, _)| *field_id == id)
            .map(|(_, _, value)| value.clone()),
    };
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// The choices of a field picked with buttons: (label, value) pairs, or `None` for a field
/// typed as text. A value of -1 clears the field.
pub(super) fn choices(
    lang: Lang,
    field: Field,
    kinds: &[String],
    custom: &[CustomField],
    members: &[(String, i64)],
) -> Option<Vec<(String, i64)>> {
    let indexed = |labels: Vec<String>| {
        labels
            .into_iter()
            .enumerate()
            .map(|(i, label)| (label, i as i64))
            .collect::<Vec<_>>()
    };
    let clear = (tr(lang, "button-clear"), -1);
    match field {
        Field::Kind => {
            let mut options = indexed(kinds.iter().map(|k| kind_label(lang, k)).collect());
            options.push(clear);
            Some(options)
        }
        Field::Priority => {
            let mut options = indexed(
                Priority::ALL
                    .iter()
                    .map(|p| priority_label(lang, p.as_str()))
                    .collect(),
            );
            options.push(clear);
            Some(options)
        }
        Field::Subscribed => Some(vec![(yes_no(lang, true), 1), (yes_no(lang, false), 0)]),
        Field::Owner => Some(members.to_vec()),
        Field::Custom(id) => match &custom.iter().find(|f| f.id == id)?.kind {
            CustomFieldKind::Choice(options) => {
                let mut options = indexed(options.clone());
                options.push(clear);
                Some(options)
            }
            _ => None,
        },
        _ => None,
    }
}

/// A new value as the card would show it.
pub(super) fn shown_value(lang: Lang, value: &FieldValue) -> String {
    let shown = match value {
        FieldValue::Name(name) => name.as_str().to_owned(),
        FieldValue::Phones(phones) => phones
            .iter()
            .map(Phone::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Emails(emails) => emails
            .iter()
            .map(Email::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Tags(tags) => tags
            .iter()
            .map(|t| format!("#{}", t.as_str()))
            .collect::<Vec<_>>()
            .join(" "),
        FieldValue::Birthday(birthday) => birthday.map(|b| b.display()).unwrap_or_default(),
        FieldValue::Subscribed(yes) => yes_no(lang, *yes),
        FieldValue::Owner(_) => String::new(),
        FieldValue::Text(TextColumn::Telegram, Some(name)) => format!("@{name}"),
        FieldValue::Text(TextColumn::Kind, Some(kind)) => kind_label(lang, kind),
        FieldValue::Text(TextColumn::Priority, Some(priority)) => priority_label(lang, priority),
        FieldValue::Text(_, text) | FieldValue::Custom(_, text) => text.clone().unwrap_or_default(),
    };
    if shown.is_empty() {
        "—".to_owned()
    } else {
        shown
    }
}

/// Parses a typed value for `field`; "-" clears an optional field.
pub(super) fn parse_field(
    field: Field,
    text: &str,
    custom: &[CustomField],
) -> Result<FieldValue, InputError> {
    let text = text.trim();
    let clear = text == "-";
    let list = |text: &str| -> Vec<String> {
        text.split([',', ';'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let this_year = crate::clock::now().year();
    Ok(match field {
        Field::Name => FieldValue::Name(ContactName::parse(text)?),
        Field::Phones if clear => FieldValue::Phones(Vec::new()),
        Field::Phones => FieldValue::Phones(
            list(text)
                .iter()
                .map(|p| Phone::parse(p))
                .collect::<Result<_, _>>()?,
        ),
        Field::Emails if clear => FieldValue::Emails(Vec::new()),
        Field::Emails => FieldValue::Emails(
            list(text)
                .iter()
                .map(|e| Email::parse(e))
                .collect::<Result<_, _>>()?,
        ),
        Field::Tags if clear => FieldValue::Tags(Vec::new()),
        Field::Tags => FieldValue::Tags(Tag::parse_list(text)?),
        Field::Birthday if clear => FieldValue::Birthday(None),
        Field::Birthday => FieldValue::Birthday(Some(Birthday::parse(text, this_year)?)),
        _ if clear => match field {
            Field::Custom(id) => FieldValue::Custom(id, None),
            other => FieldValue::Text(text_column(other).ok_or(InputError::TextEmpty)?, None),
        },
        Field::Telegram => FieldValue::Text(
            TextColumn::Telegram,
            Some(TelegramUsername::parse(text)?.as_str().to_owned()),
        ),
        Field::Region => FieldValue::Text(
            TextColumn::Region,
            Some(short_text(text, REGION_MAX_CHARS)?),
        ),
        Field::Notes => {
            FieldValue::Text(TextColumn::Notes, Some(short_text(text, NOTES_MAX_CHARS)?))
        }
        Field::TimeZone => {
            let zone = crate::domain::parse_time_zone(text)?;
            FieldValue::Text(TextColumn::TimeZone, Some(zone.name().to_owned()))
        }
        Field::Custom(id) => {
            let kind = &custom
                .iter()
                .find(|f| f.id == id)
                .ok_or(InputError::ChoiceInvalid)?
                .kind;
            FieldValue::Custom(id, Some(kind.parse_value(text, this_year)?))
        }
        // Picked with buttons, never typed.
        Field::Kind | Field::Priority | Field::Subscribed | Field::Owner => {
            return Err(InputError::ChoiceInvalid);
        }
    })
}

pub(super) fn text_column(field: Field) -> Option<TextColumn> {
    Some(match field {
        Field::Telegram => TextColumn::Telegram,
        Field::Region => TextColumn::Region,
        Field::Notes => TextColumn::Notes,
        Field::TimeZone => TextColumn::TimeZone,
        _ => return None,
    })
}

pub(super) fn short_text(text: &str, max: usize) -> Result<String, InputError> {
    if text.is_empty() {
        Err(InputError::TextEmpty)
    } else if text.chars().count() > max {
        Err(InputError::TextTooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_survive_a_round_trip() {
        for field in Field::BUILT_IN.into_iter().chain([Field::Custom(42)]) {
            assert_eq!(Field::parse(&field.code()), Some(field));
        }
        assert_eq!(Field::parse("c"), None);
        assert_eq!(Field::parse("password"), None);
    }

    #[test]
    fn typed_values_are_parsed_into_their_types() {
        let phones = parse_field(Field::Phones, "8 999 123-45-67, +7 912 000 11 22", &[]).unwrap();
        assert!(matches!(phones, FieldValue::Phones(p) if p.len() == 2));
        assert_eq!(
            parse_field(Field::Birthday, "31.02", &[]).err(),
            Some(InputError::BirthdayInvalid)
        );
        assert_eq!(
            parse_field(Field::TimeZone, "Mars/Olympus", &[]).err(),
            Some(InputError::TimeZoneInvalid)
        );
        assert!(matches!(
            parse_field(Field::Region, "-", &[]),
            Ok(FieldValue::Text(TextColumn::Region, None))
        ));
        assert_eq!(
            parse_field(Field::Name, "-", &[]).err(),
            Some(InputError::NameWithoutLetters)
        );
        assert_eq!(
            parse_field(Field::Kind, "shop", &[]).err(),
            Some(InputError::ChoiceInvalid)
        );
    }
}
