//! A lead sent by a web form or another system: its fields read like typed input, so that a
//! lead is stored only when it names someone to call back (a name, a phone or an email).

use super::{ContactName, Email, InputError, Phone};

/// Fields beyond the known ones kept as the lead's details.
pub const MAX_EXTRA_FIELDS: usize = 30;
/// Characters a field's value may have.
pub const MAX_VALUE_CHARS: usize = 1_000;
/// Characters a field's name may have.
const MAX_NAME_CHARS: usize = 64;
/// Characters of a source ("site", "landing-spring").
const MAX_SOURCE_CHARS: usize = 64;
/// The source of a lead that names none.
pub const DEFAULT_SOURCE: &str = "web";

/// Fields read as text and kept on the timeline under their own names.
const TEXT_FIELDS: [&str; 5] = [
    "company",
    "comment",
    "utm_source",
    "utm_medium",
    "utm_campaign",
];

/// A lead whose fields were read: who it is, where it came from, and the rest as details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// The contact's name: the one given, or else the email or the phone.
    pub name: ContactName,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub source: String,
    /// Every other field, in the order sent (known text fields first), as `(name, value)`;
    /// a phone or email that could not be read is kept here as given.
    pub details: Vec<(String, String)>,
}

/// Why a field was refused: the field's name and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    fn new(field: &str, reason: impl ToString) -> Self {
        Self {
            field: field.to_owned(),
            reason: reason.to_string(),
        }
    }
}

impl Lead {
    /// Reads a lead's fields (`name`, `phone`, `email`, `source`, the text fields and any
    /// others). Refused with every field's error when a field is over the limits, or when
    /// neither a name nor a phone nor an email could be read.
    pub fn parse(fields: &[(String, String)]) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut extra = 0;
        for (name, value) in fields {
            if name.is_empty()
                || name.chars().count() > MAX_NAME_CHARS
                || name.chars().any(char::is_control)
            {
                errors.push(FieldError::new(name, "field name is empty or too long"));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                errors.push(FieldError::new(
                    name,
                    InputError::TextTooLong {
                        max: MAX_VALUE_CHARS,
                    },
                ));
            }
            if !is_known(name) {
                extra += 1;
            }
        }
        if extra > MAX_EXTRA_FIELDS {
            errors.push(FieldError::new(
                "fields",
                format!("more than {MAX_EXTRA_FIELDS} extra fields"),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let value = |wanted: &str| {
            fields
                .iter()
                .find(|(name, value)| name == wanted && !value.trim().is_empty())
                .map(|(_, value)| value.trim())
        };
        let mut details = Vec::new();
        let mut read = |field: &str, parsed: Result<(), InputError>| {
            if let (Err(error), Some(given)) = (parsed, value(field)) {
                errors.push(FieldError::new(field, error));
                details.push((field.to_owned(), given.to_owned()));
            }
        };
        let name = value("name").map(ContactName::parse);
        let phone = value("phone").map(Phone::parse);
        let email = value("email").map(Email::parse);
        read("name", name.clone().transpose().map(drop));
        read("phone", phone.clone().transpose().map(drop));
        read("email", email.clone().transpose().map(drop));
        let phone = phone.and_then(Result::ok);
        let email = email.and_then(Result::ok);
        // A name needs a letter, which a phone has not: "Lead +79991234567".
        let name = name.and_then(Result::ok).or_else(|| {
            let fallback = email.as_ref().map(Email::as_str);
            let fallback = fallback.or(phone.as_ref().map(Phone::as_str))?;
            ContactName::parse(fallback)
                .or_else(|_| ContactName::parse(&format!("Lead {fallback}")))
                .ok()
        });
        let Some(name) = name else {
            if errors.is_empty() {
                errors.push(FieldError::new(
                    "name",
                    "a name, a phone or an email is required",
                ));
            }
            return Err(errors);
        };
        let source = value("source")
            .map(|source| source.chars().take(MAX_SOURCE_CHARS).collect())
            .unwrap_or_else(|| DEFAULT_SOURCE.to_owned());
        for field in TEXT_FIELDS {
            if let Some(text) = value(field) {
                details.push((field.to_owned(), text.to_owned()));
            }
        }
        for (field, text) in fields {
            if !is_known(field) && !text.trim().is_empty() {
                details.push((field.clone(), text.trim().to_owned()));
            }
        }
        Ok(Self {
            name,
            phone,
            email,
            source,
            details,
        })
    }

    /// The details as timeline text, a `name: value` line each.
    pub fn details_text(&self) -> String {
        self.details
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Whether a field is one of those read by name rather than kept as a detail.
fn is_known(field: &str) -> bool {
    ["name", "phone", "email", "source"].contains(&field) || TEXT_FIELDS.contains(&field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn reads_a_full_lead_with_its_details() {
        let lead = Lead::parse(&fields(&[
            ("name", "  Ivan   Petrov "),
            ("phone", "8 (999) 123-45-67"),
            ("email", "Ivan@Example.com"),
            ("source", "landing-spring"),
            ("comment", "Call after 6"),
            ("budget", "100k"),
            ("utm_source", "google"),
        ]))
        .unwrap();
        assert_eq!(lead.name.as_str(), "Ivan Petrov");
        assert_eq!(lead.phone.unwrap().as_str(), "+79991234567");
        assert_eq!(lead.email.unwrap().as_str(), "ivan@example.com");
        assert_eq!(lead.source, "landing-spring");
        assert_eq!(
            lead.details,
            vec![
                ("comment".to_owned(), "Call after 6".to_owned()),
                ("utm_source".to_owned(), "google".to_owned()),
                ("budget".to_owned(), "100k".to_owned()),
            ]
        );
    }

    #[test]
    fn a_phone_alone_names_the_lead_and_the_source_defaults() {
        let lead = Lead::parse(&fields(&[("phone", "+7 999 123 45 67")])).unwrap();
        assert_eq!(lead.name.as_str(), "Lead +79991234567");
        assert_eq!(lead.source, DEFAULT_SOURCE);
    }

    #[test]
    fn an_unreadable_phone_beside_a_name_is_kept_as_given() {
        let lead = Lead::parse(&fields(&[("name", "Olga"), ("phone", "call me")])).unwrap();
        assert_eq!(lead.phone, None);
        assert_eq!(
            lead.details,
            vec![("phone".to_owned(), "call me".to_owned())]
        );
    }

    #[test]
    fn nobody_to_call_back_is_refused_with_every_field_error() {
        let errors = Lead::parse(&fields(&[("phone", "12"), ("email", "nope")])).unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(named, ["phone", "email"]);
        let errors = Lead::parse(&fields(&[("comment", "hello")])).unwrap_err();
        assert_eq!(errors[0].field, "name");
    }

    #[test]
    fn limits_are_enforced() {
        let long = "x".repeat(MAX_VALUE_CHARS + 1);
        let errors = Lead::parse(&fields(&[("name", "Ivan"), ("note", &long)])).unwrap_err();
        assert_eq!(errors[0].field, "note");
        let mut many = fields(&[("name", "Ivan")]);
        many.extend((0..=MAX_EXTRA_FIELDS).map(|i| (format!("f{i}"), "v".to_owned())));
        let errors = Lead::parse(&many).unwrap_err();
        assert_eq!(errors[0].field, "fields");
    }
}
