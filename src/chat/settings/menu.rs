//! `/settings`: the member's language and time zone; for the owner also the team's custom card fields and
//! contact types.
//!
//! ```text
//! owner: /settings
//! bot:   Settings. Language: English   [Русский] [English] [🧩 Custom fields] [🏷 Contact types]
//! owner: (taps Custom fields, then ➕ Choice)
//! bot:   Send the new field's name and its options after a colon: Source: site, call
//! owner: Source: site, call, exhibition
//! bot:   Custom fields: • Source (choice: site, call, exhibition)
//! ```

use crate::chat::ask::ask;
use crate::chat::choices::FieldKind;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, ActionKind};
use crate::chat::turn::Turn;
use crate::chat::view::{DEFAULT_KINDS, kind_label};
use crate::domain::{
    CustomFieldKind, Lang, parse_definition, parse_options, parse_time_zone, time_zone_label,
};
use crate::i18n::{arg, tr, tr_args};
use crate::scheduler::planning::replan_day_pushes;
use crate::store::{DayPushesOf, Member};

/// The kinds of custom field, as codes.
impl Core {
    pub(in crate::chat) fn settings(&self, turn: &mut Turn<'_>, member: &Member) {
        let zone = time_zone_label(member.time_zone.unwrap_or(self.config.time_zone));
        let text = format!(
            "{}\n{}: {}\n{}: {zone}",
            turn.tr("settings-title"),
            turn.tr("settings-language"),
            turn.tr("language-name"),
            turn.tr("field-tz"),
        );
        let languages = Lang::ALL
            .iter()
            .map(|lang| Button::new(tr(*lang, "language-name"), Action::SetLanguage(*lang)))
            .collect();
        let mut keyboard = Keyboard::none().row(languages).row(vec![Button::new(
            turn.tr("button-time-zone"),
            Action::AskTimeZone,
        )]);
        keyboard = keyboard.row(vec![Button::new(
            turn.tr("button-business"),
            Action::Business,
        )]);
        if ActionKind::Schedules.allows(member.role) {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-schedules"),
                Action::Schedules,
            )]);
        }
        if ActionKind::CustomFields.allows(member.role) {
            keyboard = keyboard
                .row(vec![
                    Button::new(turn.tr("button-custom-fields"), Action::CustomFields),
                    Button::new(turn.tr("button-contact-kinds"), Action::ContactKinds),
                ])
                .row(vec![Button::new(
                    turn.tr("button-funnel-stages"),
                    Action::Stages,
                )]);
        }
        if ActionKind::LeadCapture.allows(member.role) {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-lead-capture"),
                Action::LeadCapture,
            )]);
        }
        turn.show(text, keyboard);
    }

    pub(in crate::chat) async fn set_language(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        lang: Lang,
    ) -> anyhow::Result<()> {
        self.store.set_language(member.user_id, lang).await?;
        turn.lang = lang;
        self.settings(turn, member);
        Ok(())
    }

    pub(in crate::chat) async fn ask_time_zone(
        &self,
        turn: &mut Turn<'_>,
    ) -> anyhow::Result<Outcome> {
        let text = turn.tr("settings-time-zone-ask");
        Ok(ask(turn, text, Conversation::SetTimeZone))
    }

    pub(in crate::chat) async fn set_time_zone(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let zone = match parse_time_zone(text) {
            Ok(zone) => zone,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store.set_time_zone(member.user_id, zone).await?;
        replan_day_pushes(
            &self.store,
            self.config.time_zone,
            DayPushesOf::Member(member.user_id),
        )
        .await?;
        let updated = Member {
            time_zone: Some(zone),
            ..member.clone()
        };
        turn.member = Some(updated.clone());
        self.settings(turn, &updated);
        Ok(Outcome::Done)
    }

    pub(in crate::chat) async fn custom_fields(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let fields = self.store.custom_fields(member.team_id).await?;
        let mut lines = vec![turn.tr("custom-fields-title")];
        if fields.is_empty() {
            lines.push(turn.tr("custom-fields-none"));
        }
        for field in &fields {
            let kind = turn.tr(&format!("field-kind-{}", field.kind.as_str()));
            let kind = match &field.kind {
                CustomFieldKind::Choice(options) => format!("{kind}: {}", options.join(", ")),
                _ => kind,
            };
            lines.push(format!("• {} ({kind})", field.name));
        }
        let add: Vec<Button> = FieldKind::ALL
            .iter()
            .map(|kind| {
                let label = format!("➕ {}", turn.tr(&format!("field-kind-{}", kind.code())));
                Button::new(label, Action::AddCustomField(*kind))
            })
            .collect();
        let keyboard = Keyboard::none()
            .row(add)
            .row(vec![Button::new(turn.tr("button-back"), Action::Settings)]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn ask_custom_field(
        &self,
        turn: &mut Turn<'_>,
        kind: FieldKind,
    ) -> anyhow::Result<Outcome> {
        let conversation = Conversation::NewCustomField {
            kind: kind.code().to_owned(),
        };
        let key = if kind == FieldKind::Choice {
            "custom-field-ask-choice"
        } else {
            "custom-field-ask"
        };
        let text = tr_args(
            turn.lang,
            key,
            &[("kind", arg(turn.tr(&format!("field-kind-{}", kind.code()))))],
        );
        Ok(ask(turn, text, conversation))
    }

    pub(in crate::chat) async fn add_custom_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        kind: &str,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        match parse_definition(kind, text) {
            Ok((name, kind)) => {
                let now = crate::clock::timestamp();
                self.store
                    .add_custom_field(member.team_id, &name, &kind, now)
                    .await?;
                self.custom_fields(turn, member).await?;
                Ok(Outcome::Done)
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }

    pub(in crate::chat) async fn ask_contact_kinds(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        let kinds = self.store.contact_kinds(member.team_id).await?;
        let shown: Vec<String> = match kinds {
            Some(kinds) => kinds,
            None => DEFAULT_KINDS
                .iter()
                .map(|kind| kind_label(turn.lang, kind))
                .collect(),
        };
        let text = tr_args(
            turn.lang,
            "contact-kinds-ask",
            &[("kinds", arg(shown.join(", ")))],
        );
        Ok(ask(turn, text, Conversation::SetContactKinds))
    }

    pub(in crate::chat) async fn set_contact_kinds(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        match parse_options(text) {
            Ok(kinds) => {
                self.store.set_contact_kinds(member.team_id, &kinds).await?;
                let text = tr_args(
                    turn.lang,
                    "contact-kinds-saved",
                    &[("kinds", arg(kinds.join(", ")))],
                );
                turn.send(text, Keyboard::none());
                Ok(Outcome::Done)
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }
}
