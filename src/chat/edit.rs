//! Editing a contact card: every field from the card's Edit button, each change recorded on
//! the timeline (who, when, old → new).
//!
//! ```text
//! manager: (taps ✏️ Edit)       bot: Edit Ivan Petrov: which field?  [Name] [Phones] … [Region] …
//! manager: (taps Region)        bot: New value for “Region” (now: —). Send - to clear.
//! manager: Moscow               bot: Saved. (the card, with "Region: Moscow")
//! ```

use super::contacts::now;
use super::state::Conversation;
use super::{Action, Button, Core, Keyboard, Turn};
use crate::domain::{
    Birthday, ContactName, CustomFieldKind, Email, InputError, Lang, Phone, Priority, Tag,
    TelegramUsername,
};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Contact, CustomField, EditNote, FieldValue, Member, TextColumn};
use chrono::Datelike;
use std::str::FromStr;

/// The contact types a team has until the owner sets its own.
pub const DEFAULT_KINDS: [&str; 3] = ["wholesale", "shop", "retail"];
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

const BUILT_IN: [Field; 13] = [
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

impl Field {
    pub fn code(self) -> String {
        match self {
            Field::Custom(id) => format!("c{id}"),
            built_in => built_in.built_in_code().to_owned(),
        }
    }

    fn built_in_code(self) -> &'static str {
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
        BUILT_IN.into_iter().find(|f| f.built_in_code() == code)
    }
}

/// A field's name as the card shows it; `custom` names the team's custom fields.
fn label(lang: Lang, field: Field, custom: &[CustomField]) -> String {
    match field {
        Field::Custom(id) => custom
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        built_in => tr(lang, &format!("field-{}", built_in.built_in_code())),
    }
}

/// The label of the field an edit entry on the timeline names.
pub fn history_label(lang: Lang, stored: &str) -> String {
    // Custom fields and company fields are stored with their label as shown at the time.
    match stored
        .strip_prefix("custom:")
        .or_else(|| stored.strip_prefix("company:"))
    {
        Some(name) => name.to_owned(),
        None => tr(lang, &format!("field-{stored}")),
    }
}

pub fn kind_label(lang: Lang, kind: &str) -> String {
    if DEFAULT_KINDS.contains(&kind) {
        tr(lang, &format!("kind-{kind}"))
    } else {
        kind.to_owned()
    }
}

pub fn priority_label(lang: Lang, priority: &str) -> String {
    tr(lang, &format!("priority-{priority}"))
}

pub fn yes_no(lang: Lang, yes: bool) -> String {
    tr(lang, if yes { "yes" } else { "no" })
}

/// The field's current value as shown to the user; "—" when empty.
fn current(lang: Lang, contact: &Contact, field: Field) -> String {
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
fn choices(
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

impl Core {
    async fn kinds(&self, team_id: i64) -> anyhow::Result<Vec<String>> {
        Ok(self
            .store
            .contact_kinds(team_id)
            .await?
            .unwrap_or_else(|| DEFAULT_KINDS.iter().map(|k| (*k).to_owned()).collect()))
    }

    /// Active members who may become responsible for a contact, as (user id, name).
    async fn assignable_members(&self, team_id: i64) -> anyhow::Result<Vec<(String, i64)>> {
        Ok(self
            .store
            .team_members(team_id)
            .await?
            .into_iter()
            .filter(|m| !m.removed)
            .map(|m| (m.member.display_name, m.member.user_id))
            .collect())
    }

    pub(super) async fn edit_menu(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let mut fields: Vec<Field> = BUILT_IN
            .into_iter()
            .filter(|f| *f != Field::Owner || member.role.sees_all_contacts())
            .collect();
        fields.extend(custom.iter().map(|f| Field::Custom(f.id)));
        let buttons: Vec<Button> = fields
            .iter()
            .map(|field| {
                Button::new(
                    label(turn.lang, *field, &custom),
                    Action::EditField(id, field.code()),
                )
            })
            .collect();
        let keyboard = buttons
            .chunks(3)
            .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()))
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::ShowCard(id),
            )]);
        let text = tr_args(turn.lang, "edit-title", &[("name", arg(contact.name))]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(super) async fn ask_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, code, &custom) else {
            return Ok(());
        };
        let name = label(turn.lang, field, &custom);
        let now_value = current(turn.lang, &contact, field);
        let kinds = self.kinds(member.team_id).await?;
        let members = if field == Field::Owner {
            self.assignable_members(member.team_id).await?
        } else {
            Vec::new()
        };
        if let Some(options) = choices(turn.lang, field, &kinds, &custom, &members) {
            let text = tr_args(
                turn.lang,
                "edit-choose",
                &[("field", arg(name)), ("value", arg(now_value))],
            );
            let buttons: Vec<Button> = options
                .into_iter()
                .map(|(label, value)| {
                    Button::new(label, Action::EditChoice(id, field.code(), value))
                })
                .collect();
            let keyboard = buttons
                .chunks(3)
                .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()))
                .row(vec![Button::new(turn.tr("button-back"), Action::Edit(id))]);
            turn.show(text, keyboard);
            return Ok(());
        }
        self.set_conversation(
            member.user_id,
            &Conversation::EditField {
                contact_id: id,
                field: field.code(),
            },
        )
        .await?;
        let hint_key = format!("edit-hint-{}", field.built_in_code());
        let hint = match field {
            Field::Custom(_) => turn.tr("edit-hint-custom"),
            _ => turn.tr(&hint_key),
        };
        let text = tr_args(
            turn.lang,
            "edit-ask",
            &[
                ("field", arg(name)),
                ("value", arg(now_value)),
                ("hint", arg(hint)),
            ],
        );
        turn.ask(text);
        Ok(())
    }

    /// The field `code` names, if the member may edit it; otherwise says why.
    fn editable_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        code: &str,
        custom: &[CustomField],
    ) -> Option<Field> {
        let field = Field::parse(code).filter(|field| match field {
            Field::Custom(id) => custom.iter().any(|f| f.id == *id),
            _ => true,
        });
        match field {
            Some(Field::Owner) if !member.role.sees_all_contacts() => {
                let text = turn.tr("edit-owner-not-allowed");
                turn.notice(text);
                None
            }
            Some(field) => Some(field),
            None => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                None
            }
        }
    }

    /// A value picked with a button.
    pub(super) async fn apply_choice(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        choice: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, code, &custom) else {
            return Ok(());
        };
        let kinds = self.kinds(member.team_id).await?;
        let pick = |options: &[String]| -> Option<Option<String>> {
            match choice {
                -1 => Some(None),
                n => options.get(usize::try_from(n).ok()?).cloned().map(Some),
            }
        };
        let value = match field {
            Field::Kind => pick(&kinds).map(|k| FieldValue::Text(TextColumn::Kind, k)),
            Field::Priority => {
                let names: Vec<String> = Priority::ALL
                    .iter()
                    .map(|p| p.as_str().to_owned())
                    .collect();
                pick(&names).map(|p| FieldValue::Text(TextColumn::Priority, p))
            }
            Field::Subscribed => {
                matches!(choice, 0 | 1).then_some(FieldValue::Subscribed(choice == 1))
            }
            Field::Owner => {
                let members = self.assignable_members(member.team_id).await?;
                members
                    .iter()
                    .any(|(_, user_id)| *user_id == choice)
                    .then_some(FieldValue::Owner(choice))
            }
            Field::Custom(field_id) => {
                match custom.iter().find(|f| f.id == field_id).map(|f| &f.kind) {
                    Some(CustomFieldKind::Choice(options)) => {
                        pick(options).map(|v| FieldValue::Custom(field_id, v))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(value) = value else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
        self.save_field(turn, member, &contact, field, &value, &custom)
            .await?;
        self.open_card(turn, member, id, true).await
    }

    /// A value typed after [`Core::ask_field`].
    pub(super) async fn apply_text(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        text: &str,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, code, &custom) else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        };
        match parse_field(field, text, &custom) {
            Ok(value) => {
                self.store.clear_conversation(member.user_id).await?;
                self.save_field(turn, member, &contact, field, &value, &custom)
                    .await?;
                self.open_card(turn, member, id, false).await?;
                if matches!(
                    value,
                    FieldValue::Name(_) | FieldValue::Phones(_) | FieldValue::Emails(_)
                ) {
                    self.warn_duplicates_after_edit(turn, member, id).await?;
                }
                Ok(())
            }
            Err(error) => {
                turn.refuse(&error);
                Ok(())
            }
        }
    }

    async fn save_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact: &Contact,
        field: Field,
        value: &FieldValue,
        custom: &[CustomField],
    ) -> anyhow::Result<()> {
        let old = current(turn.lang, contact, field);
        let new = match value {
            FieldValue::Owner(user_id) => self
                .assignable_members(member.team_id)
                .await?
                .into_iter()
                .find(|(_, id)| id == user_id)
                .map(|(name, _)| name)
                .unwrap_or_default(),
            _ => shown_value(turn.lang, value),
        };
        let stored_label = match field {
            Field::Custom(_) => format!("custom:{}", label(turn.lang, field, custom)),
            _ => field.code(),
        };
        let note = EditNote {
            field: &stored_label,
            old: &old,
            new: &new,
        };
        // A birthday set today or for tomorrow misses the day's planning: plan it with the edit.
        let jobs = match value {
            FieldValue::Birthday(Some(birthday)) => {
                crate::scheduler::planning::birthday_jobs_after_edit(
                    &self.store,
                    self.config.time_zone,
                    contact,
                    *birthday,
                    crate::clock::timestamp(),
                )
                .await?
            }
            _ => Vec::new(),
        };
        self.store
            .edit_field(contact.id, value, member.user_id, note, now(), &jobs)
            .await?;
        let text = turn.tr("edit-saved");
        turn.notice(text);
        Ok(())
    }
}

/// A new value as the card would show it.
fn shown_value(lang: Lang, value: &FieldValue) -> String {
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
fn parse_field(field: Field, text: &str, custom: &[CustomField]) -> Result<FieldValue, InputError> {
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
            let zone = chrono_tz::Tz::from_str(text).map_err(|_| InputError::TimeZoneInvalid)?;
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

fn text_column(field: Field) -> Option<TextColumn> {
    Some(match field {
        Field::Telegram => TextColumn::Telegram,
        Field::Region => TextColumn::Region,
        Field::Notes => TextColumn::Notes,
        Field::TimeZone => TextColumn::TimeZone,
        _ => return None,
    })
}

fn short_text(text: &str, max: usize) -> Result<String, InputError> {
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
        for field in BUILT_IN.into_iter().chain([Field::Custom(42)]) {
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
