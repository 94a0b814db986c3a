//! Editing a contact card: every field from the card's Edit button, each change recorded on
//! the timeline (who, when, old → new).
//!
//! ```text
//! manager: (taps ✏️ Edit)       bot: Edit Ivan Petrov: which field?  [Name] [Phones] … [Region] …
//! manager: (taps Region)        bot: New value for “Region” (now: —). Send - to clear.
//! manager: Moscow               bot: Saved. (the card, with "Region: Moscow")
//! ```

use super::fields::{Field, choices, current, label, parse_field, shown_value};
use crate::chat::context::Core;
use crate::chat::edit_field::{ask_new_value, show_field_menu};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{DEFAULT_KINDS, now};
use crate::domain::{CustomFieldKind, Priority};
use crate::i18n::{arg, tr_args};
use crate::scheduler::planning::replan_day_pushes;
use crate::store::{Contact, CustomField, DayPushesOf, EditNote, FieldValue, Member, TextColumn};

impl Core {
    /// The team's contact types, or the default list.
    pub(super) async fn kinds(&self, team_id: i64) -> anyhow::Result<Vec<String>> {
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

    pub(in crate::chat) async fn edit_menu(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let mut fields: Vec<Field> = Field::BUILT_IN
            .into_iter()
            .filter(|f| *f != Field::Owner || member.role.sees_all_contacts())
            .collect();
        fields.extend(custom.iter().map(|f| Field::Custom(f.id)));
        let buttons: Vec<Button> = fields
            .iter()
            .map(|field| {
                Button::new(
                    label(turn.lang, *field, &custom),
                    Action::EditField(id, *field),
                )
            })
            .collect();
        show_field_menu(turn, &contact.name, buttons, Action::ShowCard(id));
        Ok(())
    }

    pub(in crate::chat) async fn ask_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        field: Field,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, Some(field), &custom) else {
            return Ok(Outcome::Keep);
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
                .map(|(label, value)| Button::new(label, Action::EditChoice(id, field, value)))
                .collect();
            let keyboard = buttons
                .chunks(3)
                .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()))
                .row(vec![Button::new(turn.tr("button-back"), Action::Edit(id))]);
            turn.show(text, keyboard);
            return Ok(Outcome::Keep);
        }
        let hint_key = format!("edit-hint-{}", field.built_in_code());
        let hint = match field {
            Field::Custom(_) => turn.tr("edit-hint-custom"),
            _ => turn.tr(&hint_key),
        };
        let question = Conversation::EditField {
            contact_id: id,
            field: field.code(),
        };
        Ok(ask_new_value(turn, name, now_value, hint, question))
    }

    /// `field`, if it still exists and the member may edit it; otherwise says why.
    fn editable_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        field: Option<Field>,
        custom: &[CustomField],
    ) -> Option<Field> {
        let field = field.filter(|field| match field {
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
    pub(in crate::chat) async fn apply_choice(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        field: Field,
        choice: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, Some(field), &custom) else {
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
    pub(in crate::chat) async fn apply_text(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(Outcome::Done);
        };
        let custom = self.store.custom_fields(member.team_id).await?;
        let Some(field) = self.editable_field(turn, member, Field::parse(code), &custom) else {
            return Ok(Outcome::Done);
        };
        match parse_field(field, text, &custom) {
            Ok(value) => {
                self.save_field(turn, member, &contact, field, &value, &custom)
                    .await?;
                self.open_card(turn, member, id, false).await?;
                if matches!(
                    value,
                    FieldValue::Name(_) | FieldValue::Phones(_) | FieldValue::Emails(_)
                ) {
                    self.warn_duplicates_after_edit(turn, member, id).await?;
                }
                Ok(Outcome::Done)
            }
            Err(error) => Ok(Outcome::Refuse(error)),
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
        if field == Field::TimeZone {
            replan_day_pushes(
                &self.store,
                self.config.time_zone,
                DayPushesOf::Contact(contact.id),
            )
            .await?;
        }
        let text = turn.tr("edit-saved");
        turn.notice(text);
        Ok(())
    }
}
