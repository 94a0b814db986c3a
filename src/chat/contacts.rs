//! Contacts in the chat: adding one (in one message or step by step), finding, the card, and
//! logging calls and notes onto the timeline.
//!
//! ```text
//! manager: /add Ivan Petrov 8 (999) 123-45-67 ivan@example.com
//! bot:     Ivan Petrov / 📞 +79991234567 / ✉️ ivan@example.com   [📞 Log call] [📝 Note] [🕓 History]
//! manager: (taps Log call)            bot: How did the call go?  [Reached] [No answer] [Call back]
//! manager: (taps Reached)             bot: Call logged. Send a note for it, or tap Done.
//! manager: wants the price list by Friday
//! bot:     Note added to the call. (the card again)
//! ```

use super::edit;
use super::state::Conversation;
use super::{Action, Button, Core, Keyboard, Turn};
use crate::dialogs::{self, Progress, StepError};
use crate::domain::{ContactName, Email, HistoryKind, InputError, Phone};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Contact, HistoryEntry, Member, NewContact, Scope};
use chrono::TimeZone;
use std::collections::BTreeMap;

const ADD_CONTACT_FORM: &str = "add_contact";
const HISTORY_PAGE: u32 = 10;
/// How many open deals the card shows as buttons, three a row.
const CARD_DEALS: usize = 9;
const NOTE_MAX_CHARS: usize = 2000;
/// How much of a note a timeline line shows.
const ENTRY_PREVIEW_CHARS: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOutcome {
    Reached,
    NoAnswer,
    CallBack,
}

impl CallOutcome {
    pub const ALL: [CallOutcome; 3] = [
        CallOutcome::Reached,
        CallOutcome::NoAnswer,
        CallOutcome::CallBack,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CallOutcome::Reached => "r",
            CallOutcome::NoAnswer => "n",
            CallOutcome::CallBack => "b",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|outcome| outcome.code() == code)
    }

    /// Reads an outcome typed at the start of `text` ("reached", "no answer", "перезвонить"…)
    /// and returns it with the rest of the text.
    pub fn from_words(text: &str) -> Option<(Self, &str)> {
        const PHRASES: [(&str, CallOutcome); 12] = [
            ("no answer", CallOutcome::NoAnswer),
            ("noanswer", CallOutcome::NoAnswer),
            ("не ответил", CallOutcome::NoAnswer),
            ("не ответила", CallOutcome::NoAnswer),
            ("не дозвонился", CallOutcome::NoAnswer),
            ("не дозвонилась", CallOutcome::NoAnswer),
            ("call back", CallOutcome::CallBack),
            ("callback", CallOutcome::CallBack),
            ("перезвонить", CallOutcome::CallBack),
            ("reached", CallOutcome::Reached),
            ("дозвонился", CallOutcome::Reached),
            ("дозвонилась", CallOutcome::Reached),
        ];
        let lower = text.trim_start().to_lowercase();
        PHRASES.iter().find_map(|(phrase, outcome)| {
            let rest = lower.strip_prefix(phrase)?;
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                return None;
            }
            // The phrases' letters keep their byte length in lower case, so the same offset
            // splits `text`; `get` refuses an offset inside a character.
            let start = text.len() - text.trim_start().len() + phrase.len();
            Some((*outcome, text.get(start..)?.trim()))
        })
    }

    pub(super) fn stored(self) -> &'static str {
        match self {
            CallOutcome::Reached => "reached",
            CallOutcome::NoAnswer => "no_answer",
            CallOutcome::CallBack => "call_back",
        }
    }

    fn locale_key(stored: &str) -> String {
        format!("call-outcome-{}", stored.replace('_', "-"))
    }
}

/// Splits "/add" arguments into a name, a phone and emails: the name comes first; the phone
/// starts at the first word that begins like a number and has five digits or more after it.
pub fn parse_add_args(args: &str) -> Result<NewContact, InputError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    let (emails, rest): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.contains('@'));
    let phone_start = (0..rest.len()).find(|&i| {
        let starts_like_number =
            rest[i].starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '(');
        let digits: usize = rest[i..]
            .iter()
            .map(|w| w.chars().filter(char::is_ascii_digit).count())
            .sum();
        starts_like_number && digits >= 5
    });
    let (name_words, phone_words) = rest.split_at(phone_start.unwrap_or(rest.len()));
    let name = ContactName::parse(&name_words.join(" "))?;
    let phones = if phone_words.is_empty() {
        Vec::new()
    } else {
        vec![Phone::parse(&phone_words.join(" "))?]
    };
    let emails = emails
        .into_iter()
        .map(Email::parse)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(NewContact {
        name,
        phones,
        emails,
    })
}

pub(super) fn input_error_text(lang: crate::domain::Lang, error: &InputError) -> String {
    match error {
        InputError::NameTooLong { max }
        | InputError::NoteTooLong { max }
        | InputError::TextTooLong { max } => {
            tr_args(lang, error.locale_key(), &[("max", arg(*max as i64))])
        }
        _ => tr(lang, error.locale_key()),
    }
}

pub(super) fn scope_of(member: &Member) -> Scope {
    Scope {
        team_id: member.team_id,
        owner_id: (!member.role.sees_all_contacts()).then_some(member.user_id),
    }
}

pub(super) fn now() -> i64 {
    crate::clock::timestamp()
}

impl Core {
    pub(super) async fn add(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<()> {
        if args.is_empty() {
            let conversation = Conversation::Form {
                dialog: ADD_CONTACT_FORM.to_owned(),
                step: 0,
                answers: BTreeMap::new(),
            };
            self.set_conversation(member.user_id, &conversation).await?;
            self.ask_form_step(turn, ADD_CONTACT_FORM, 0);
            return Ok(());
        }
        match parse_add_args(args) {
            Ok(contact) => self.add_unless_duplicate(turn, member, &contact).await,
            Err(error) => {
                let text = format!(
                    "{}\n{}",
                    input_error_text(turn.lang, &error),
                    turn.tr("add-usage")
                );
                turn.send(text, Keyboard::none());
                Ok(())
            }
        }
    }

    pub(super) async fn save_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact: &NewContact,
    ) -> anyhow::Result<()> {
        let id = self
            .store
            .create_contact(member.team_id, member.user_id, contact, now())
            .await?;
        let saved = turn.tr("contact-saved");
        turn.send(saved, Keyboard::none());
        self.open_card(turn, member, id, false).await
    }

    fn ask_form_step(&self, turn: &mut Turn<'_>, dialog_id: &str, step: usize) {
        let Some(dialog) = dialogs::dialog(dialog_id) else {
            return;
        };
        let Some(current) = dialog.steps.get(step) else {
            return;
        };
        let header = tr_args(
            turn.lang,
            "form-step",
            &[
                ("title", arg(turn.tr(&dialog.title))),
                ("step", arg(step as i64 + 1)),
                ("steps", arg(dialog.steps.len() as i64)),
            ],
        );
        let text = format!("{header}\n{}", turn.tr(&current.prompt));
        let mut buttons = Vec::new();
        if current.optional {
            buttons.push(Button::new(turn.tr("button-skip"), Action::FormSkip));
        }
        buttons.push(Button::new(turn.tr("button-cancel"), Action::Cancel));
        turn.send(text, Keyboard::none().row(buttons));
    }

    pub(super) async fn continue_conversation(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        conversation: Conversation,
        text: &str,
    ) -> anyhow::Result<()> {
        match conversation {
            Conversation::Form {
                dialog,
                step,
                answers,
            } => {
                self.form_answer(turn, member, &dialog, step, answers, Some(text))
                    .await
            }
            Conversation::CallNote {
                contact_id,
                entry_id,
            } => {
                let Some(note) = self.parse_note(turn, text) else {
                    return Ok(());
                };
                // Access may have changed since the call was logged.
                if self
                    .active_contact(turn, member, contact_id)
                    .await?
                    .is_none()
                {
                    self.store.clear_conversation(member.user_id).await?;
                    return Ok(());
                }
                self.store
                    .set_history_body(entry_id, member.user_id, &note)
                    .await?;
                self.store.clear_conversation(member.user_id).await?;
                let done = turn.tr("call-note-saved");
                turn.send(done, Keyboard::none());
                self.open_card(turn, member, contact_id, false).await
            }
            Conversation::Note { contact_id } => {
                let Some(note) = self.parse_note(turn, text) else {
                    return Ok(());
                };
                // Access may have changed since the Note button was pressed.
                if self
                    .active_contact(turn, member, contact_id)
                    .await?
                    .is_none()
                {
                    self.store.clear_conversation(member.user_id).await?;
                    return Ok(());
                }
                self.store
                    .add_history(
                        contact_id,
                        member.user_id,
                        HistoryKind::Note,
                        None,
                        Some(&note),
                        now(),
                    )
                    .await?;
                self.store.clear_conversation(member.user_id).await?;
                let done = turn.tr("note-saved");
                turn.send(done, Keyboard::none());
                self.open_card(turn, member, contact_id, false).await
            }
            Conversation::NewCustomField { kind } => {
                self.add_custom_field(turn, member, &kind, text).await
            }
            Conversation::SetContactKinds => self.set_contact_kinds(turn, member, text).await,
            Conversation::SetTimeZone => self.set_time_zone(turn, member, text).await,
            Conversation::Remind { contact_id } => {
                self.remind_about(turn, member, contact_id, text).await
            }
            Conversation::Meet { contact_id } | Conversation::ConfirmMeet { contact_id, .. } => {
                self.book_appointment(turn, member, contact_id, text)
                    .await?;
                Ok(())
            }
            // Another time typed instead of confirming the doubtful one.
            Conversation::ConfirmTask {
                contact_id,
                deal_id,
                ..
            } => {
                self.add_task(turn, member, text, (contact_id, deal_id))
                    .await?;
                Ok(())
            }
            Conversation::ConfirmNextAction { deal_id, .. } => {
                self.set_next_action(turn, member, deal_id, text).await
            }
            schedules @ (Conversation::SetSummaryCron
            | Conversation::SetTeamTimeZone
            | Conversation::SetQuietHours
            | Conversation::SetDormancy) => self.schedule_text(turn, member, schedules, text).await,
            Conversation::SegmentFilter => self.segment_filter_text(turn, member, text).await,
            Conversation::SetAbcThresholds => self.set_abc_thresholds(turn, member, text).await,
            Conversation::SegmentName { filter } => {
                self.segment_name_text(turn, member, &filter, text).await
            }
            Conversation::MailingText { segment_id }
            | Conversation::MailingConfirm { segment_id, .. } => {
                self.mailing_preview(turn, member, segment_id, text).await
            }
            Conversation::DealTitle { contact_id } => {
                self.open_deal(turn, member, contact_id, text).await
            }
            Conversation::NextAction { deal_id } => {
                self.set_next_action(turn, member, deal_id, text).await
            }
            Conversation::EditDealField { deal_id, field } => {
                self.apply_deal_field(turn, member, deal_id, &field, text)
                    .await
            }
            Conversation::CompanyDealTitle { company_id } => {
                self.open_company_deal(turn, member, company_id, text).await
            }
            Conversation::LostReason { deal_id } => {
                self.lose_deal(turn, member, deal_id, Err(text)).await
            }
            funnel_setup @ (Conversation::NewStage
            | Conversation::RenameStage { .. }
            | Conversation::StageProbability { .. }
            | Conversation::SetLostReasons) => {
                self.stage_text(turn, member, funnel_setup, text).await
            }
            Conversation::EditCompanyField { company_id, field } => {
                self.apply_company_field(turn, member, company_id, &field, text)
                    .await
            }
            Conversation::LinkContact { company_id } => {
                self.offer_links(turn, member, company_id, text).await
            }
            Conversation::EditField { contact_id, field } => {
                self.apply_text(turn, member, contact_id, &field, text)
                    .await
            }
            // Typing instead of choosing leaves the choice; the text is a search as usual.
            Conversation::PendingContact { .. } | Conversation::PendingCompany { .. } => {
                self.store.clear_conversation(member.user_id).await?;
                self.find(turn, member, text, 0).await
            }
        }
    }

    /// A note's text, or `None` after telling the user why it was refused.
    pub(super) fn parse_note(&self, turn: &mut Turn<'_>, text: &str) -> Option<String> {
        let note = text.trim();
        let error = if note.is_empty() {
            InputError::NoteEmpty
        } else if note.chars().count() > NOTE_MAX_CHARS {
            InputError::NoteTooLong {
                max: NOTE_MAX_CHARS,
            }
        } else {
            return Some(note.to_owned());
        };
        let message = input_error_text(turn.lang, &error);
        turn.send(message, Keyboard::none());
        None
    }

    pub(super) async fn skip_form_step(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        match self.conversation(member.user_id).await? {
            Some(Conversation::Form {
                dialog,
                step,
                answers,
            }) => {
                self.form_answer(turn, member, &dialog, step, answers, None)
                    .await
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(())
            }
        }
    }

    async fn form_answer(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        dialog_id: &str,
        step: usize,
        mut answers: BTreeMap<String, String>,
        answer: Option<&str>,
    ) -> anyhow::Result<()> {
        let Some(dialog) = dialogs::dialog(dialog_id) else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        };
        match dialog.answer(step, answer, &mut answers) {
            Ok(Progress::Ask(next)) => {
                let conversation = Conversation::Form {
                    dialog: dialog_id.to_owned(),
                    step: next,
                    answers,
                };
                self.set_conversation(member.user_id, &conversation).await?;
                self.ask_form_step(turn, dialog_id, next);
                Ok(())
            }
            Ok(Progress::Done) => {
                self.store.clear_conversation(member.user_id).await?;
                self.finish_form(turn, member, dialog_id, &answers).await
            }
            Err(StepError::Invalid(error)) => {
                let text = input_error_text(turn.lang, &error);
                turn.send(text, Keyboard::none());
                self.ask_form_step(turn, dialog_id, step);
                Ok(())
            }
            Err(StepError::Required) => {
                let text = turn.tr("form-step-required");
                turn.notice(text);
                Ok(())
            }
            Err(StepError::NoSuchStep) => {
                self.store.clear_conversation(member.user_id).await?;
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(())
            }
        }
    }

    async fn finish_form(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        dialog_id: &str,
        answers: &BTreeMap<String, String>,
    ) -> anyhow::Result<()> {
        match dialog_id {
            ADD_CONTACT_FORM => {
                // The answers were validated step by step; parsing again yields the domain types.
                let field = |name: &str| answers.get(name).map(String::as_str);
                let contact = NewContact {
                    name: ContactName::parse(field("name").unwrap_or_default())?,
                    phones: field("phone")
                        .map(Phone::parse)
                        .transpose()?
                        .into_iter()
                        .collect(),
                    emails: field("email")
                        .map(Email::parse)
                        .transpose()?
                        .into_iter()
                        .collect(),
                };
                self.add_unless_duplicate(turn, member, &contact).await
            }
            other => anyhow::bail!("no handler for the finished form {other:?}"),
        }
    }

    /// The contact if `member` may see it; otherwise tells them why and returns `None`.
    /// Contacts of other teams are reported as missing, so their existence does not leak.
    pub(super) async fn visible_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Contact>> {
        let record = self.store.contact(id).await?;
        Ok(turn.permit(member, record, "contact", |r| (r.team_id, r.owner_id)))
    }

    /// The contact if `member` may see it and it is not archived; otherwise says why.
    pub(super) async fn active_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Contact>> {
        match self.visible_contact(turn, member, id).await? {
            Some(contact) if contact.archived => {
                let text = turn.tr("contact-archived");
                turn.notice(text);
                Ok(None)
            }
            other => Ok(other),
        }
    }

    pub(super) async fn convert(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(());
        }
        self.store
            .convert_contact(id, member.user_id, now())
            .await?;
        self.open_card(turn, member, id, true).await
    }

    /// Shows the card: as a new message, or (`in_place`) instead of the pressed message.
    pub(super) async fn open_card(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        in_place: bool,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, id).await? else {
            return Ok(());
        };
        if contact.archived && !member.role.sees_all_contacts() {
            let text = turn.tr("contact-archived");
            turn.notice(text);
            return Ok(());
        }
        let (last, _) = self.store.history_page(id, 0, 1).await?;
        let mut text = self.card_text(turn, &contact, last.first());
        let companies = self.store.companies_of(id).await?;
        if !companies.is_empty() {
            let names: Vec<&str> = companies.iter().map(|(_, name)| name.as_str()).collect();
            text.push_str(&format!("\n🏢 {}", names.join(", ")));
        }
        let company_buttons: Vec<Button> = companies
            .iter()
            .take(3)
            .map(|(company_id, name)| {
                Button::new(format!("🏢 {name}"), Action::OpenCompany(*company_id))
            })
            .collect();
        // A lead until the first won deal (or marked by hand).
        let converted = self.store.converted_at(id).await?;
        text.push('\n');
        text.push_str(&match converted {
            Some(at) => tr_args(
                turn.lang,
                "card-client-since",
                &[("when", arg(self.moment(member, at)))],
            ),
            None => turn.tr("card-lead"),
        });
        let open_deals = self
            .store
            .contact_open_deals(id, scope_of(member).owner_id)
            .await?;
        // Never a silent cut: past the buttons' room the card says how many there are.
        if open_deals.len() > CARD_DEALS {
            text.push('\n');
            text.push_str(&tr_args(
                turn.lang,
                "card-more-deals",
                &[
                    ("count", arg(open_deals.len() as i64)),
                    ("shown", arg(CARD_DEALS as i64)),
                ],
            ));
        }
        let deal_buttons: Vec<Button> = open_deals
            .into_iter()
            .take(CARD_DEALS)
            .map(|deal| Button::new(format!("💼 {}", deal.title), Action::DealCard(deal.id)))
            .collect();
        let history = Button::new(turn.tr("button-history"), Action::History(id, 0));
        let keyboard =
            if contact.archived {
                text.push('\n');
                text.push_str(&turn.tr("card-archived"));
                Keyboard::none().row(vec![
                    Button::new(turn.tr("button-restore"), Action::Restore(id)),
                    history,
                ])
            } else {
                Keyboard::none()
                    .row(vec![
                        Button::new(turn.tr("button-log-call"), Action::LogCall(id)),
                        Button::new(turn.tr("button-note"), Action::AddNote(id)),
                        Button::new(turn.tr("button-remind"), Action::Remind(id)),
                    ])
                    .row(vec![
                        Button::new(turn.tr("button-meet"), Action::Meet(id)),
                        Button::new(turn.tr("button-client-link"), Action::ClientLink(id)),
                    ])
                    .row(vec![
                        Button::new(turn.tr("button-edit"), Action::Edit(id)),
                        history,
                        Button::new(turn.tr("button-delete"), Action::AskDelete(id)),
                    ])
                    .row(
                        std::iter::once(Button::new(turn.tr("button-deal"), Action::NewDeal(id)))
                            .chain(converted.is_none().then(|| {
                                Button::new(turn.tr("button-convert"), Action::Convert(id))
                            }))
                            .collect(),
                    )
                    .rows(deal_buttons.chunks(3).map(<[Button]>::to_vec))
                    .row(company_buttons)
            };
        if in_place {
            turn.show(text, keyboard);
        } else {
            turn.send(text, keyboard);
        }
        Ok(())
    }

    fn card_text(&self, turn: &Turn<'_>, contact: &Contact, last: Option<&HistoryEntry>) -> String {
        let mut lines = vec![format!("👤 {}", contact.name)];
        lines.extend(contact.phones.iter().map(|phone| format!("📞 {phone}")));
        lines.extend(contact.emails.iter().map(|email| format!("✉️ {email}")));
        if let Some(telegram) = &contact.telegram {
            lines.push(format!("💬 @{telegram}"));
        }
        if !contact.tags.is_empty() {
            let tags: Vec<String> = contact.tags.iter().map(|t| format!("#{t}")).collect();
            lines.push(format!("🏷 {}", tags.join(" ")));
        }
        let lang = turn.lang;
        let fields = [
            (
                "field-kind",
                contact.kind.as_deref().map(|k| edit::kind_label(lang, k)),
            ),
            ("field-region", contact.region.clone()),
            (
                "field-priority",
                contact
                    .priority
                    .as_deref()
                    .map(|p| edit::priority_label(lang, p)),
            ),
            ("field-birthday", contact.birthday.map(|b| b.display())),
            ("field-tz", contact.time_zone.clone()),
            (
                "field-subscribed",
                contact.subscribed.then(|| edit::yes_no(lang, true)),
            ),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                lines.push(format!("{}: {value}", turn.tr(key)));
            }
        }
        lines.extend(
            contact
                .custom
                .iter()
                .map(|(_, name, value)| format!("{name}: {value}")),
        );
        if let Some(notes) = &contact.notes {
            lines.push(format!("📝 {notes}"));
        }
        lines.push(tr_args(
            turn.lang,
            "card-responsible",
            &[("name", arg(contact.owner_name.clone()))],
        ));
        if let Some(entry) = last {
            lines.push(tr_args(
                turn.lang,
                "card-last-activity",
                &[("entry", arg(self.entry_text(turn, entry)))],
            ));
        }
        lines.join("\n")
    }

    pub(super) fn entry_text(&self, turn: &Turn<'_>, entry: &HistoryEntry) -> String {
        // Times read in the viewer's own zone when they set one.
        let zone = turn
            .member
            .as_ref()
            .and_then(|m| m.time_zone)
            .unwrap_or(self.config.time_zone);
        let when = zone
            .timestamp_opt(entry.created_at, 0)
            .single()
            .map(|at| at.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let what = match entry.kind {
            HistoryKind::Created => turn.tr("history-created"),
            HistoryKind::Note => turn.tr("history-note"),
            HistoryKind::HandedOver => turn.tr("history-handed-over"),
            HistoryKind::Archived => turn.tr("history-archived"),
            HistoryKind::Restored => turn.tr("history-restored"),
            HistoryKind::Merged => turn.tr("history-merged"),
            HistoryKind::Linked => turn.tr("history-linked"),
            HistoryKind::DealOpened => turn.tr("history-deal-opened"),
            HistoryKind::StageChanged => turn.tr("history-stage-changed"),
            HistoryKind::Converted => turn.tr("history-converted"),
            HistoryKind::DealEdited => turn.tr("history-deal-edited"),
            HistoryKind::ClientLinked => turn.tr("history-client-linked"),
            HistoryKind::ClientUnlinked => turn.tr("history-client-unlinked"),
            HistoryKind::ClientDropped => turn.tr("history-client-dropped"),
            HistoryKind::AppointmentBooked => turn.tr("history-appointment-booked"),
            HistoryKind::AppointmentConfirmed => turn.tr("history-appointment-confirmed"),
            HistoryKind::AppointmentReschedule => turn.tr("history-appointment-reschedule"),
            HistoryKind::Unsubscribed => turn.tr("history-unsubscribed"),
            HistoryKind::Edited => {
                let field = entry.outcome.as_deref().unwrap_or_default();
                super::edit::history_label(turn.lang, field)
            }
            HistoryKind::Meeting => turn.tr("history-meeting"),
            HistoryKind::Call => {
                let outcome = entry
                    .outcome
                    .as_deref()
                    .map(|stored| turn.tr(&CallOutcome::locale_key(stored)))
                    .unwrap_or_default();
                match entry.duration {
                    Some(seconds) => tr_args(
                        turn.lang,
                        "history-call-duration",
                        &[
                            ("outcome", arg(outcome)),
                            ("minutes", arg((seconds + 59) / 60)),
                        ],
                    ),
                    None => tr_args(turn.lang, "history-call", &[("outcome", arg(outcome))]),
                }
            }
        };
        // Ten long notes would not fit one message: the timeline shows each note's start.
        let body = entry
            .body
            .as_deref()
            .map(|body| match body.char_indices().nth(ENTRY_PREVIEW_CHARS) {
                Some((cut, _)) => format!(": {}…", &body[..cut]),
                None => format!(": {body}"),
            })
            .unwrap_or_default();
        let about = entry
            .contact_name
            .as_deref()
            .map(|name| format!("{name}: "))
            .unwrap_or_default();
        format!("{when} · {} · {about}{what}{body}", entry.author_name)
    }

    pub(super) async fn ask_call_outcome(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "call-ask-outcome",
            &[("name", arg(contact.name))],
        );
        let outcomes = CallOutcome::ALL
            .iter()
            .map(|outcome| {
                Button::new(
                    turn.tr(&CallOutcome::locale_key(outcome.stored())),
                    Action::CallOutcome(id, *outcome),
                )
            })
            .collect();
        let keyboard = Keyboard::none().row(outcomes).row(vec![Button::new(
            turn.tr("button-back"),
            Action::ShowCard(id),
        )]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(super) async fn log_call(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        outcome: CallOutcome,
    ) -> anyhow::Result<()> {
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(());
        }
        let entry_id = self
            .store
            .add_history(
                id,
                member.user_id,
                HistoryKind::Call,
                Some(outcome.stored()),
                None,
                now(),
            )
            .await?;
        self.set_conversation(
            member.user_id,
            &Conversation::CallNote {
                contact_id: id,
                entry_id,
            },
        )
        .await?;
        let text = tr_args(
            turn.lang,
            "call-logged",
            &[(
                "outcome",
                arg(turn.tr(&CallOutcome::locale_key(outcome.stored()))),
            )],
        );
        let keyboard = Keyboard::none().row(vec![Button::new(
            turn.tr("button-done"),
            Action::ShowCard(id),
        )]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(super) async fn ask_note(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        self.set_conversation(member.user_id, &Conversation::Note { contact_id: id })
            .await?;
        let text = tr_args(turn.lang, "note-ask", &[("name", arg(contact.name))]);
        turn.ask(text);
        Ok(())
    }

    pub(super) async fn history(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, id).await? else {
            return Ok(());
        };
        let offset = i64::from(page) * i64::from(HISTORY_PAGE);
        let (entries, total) = self
            .store
            .history_page(id, offset, i64::from(HISTORY_PAGE))
            .await?;
        let pages = (total + i64::from(HISTORY_PAGE) - 1) / i64::from(HISTORY_PAGE);
        let mut lines = vec![tr_args(
            turn.lang,
            "history-title",
            &[
                ("name", arg(contact.name)),
                ("page", arg(i64::from(page) + 1)),
                ("pages", arg(pages.max(1))),
            ],
        )];
        lines.extend(entries.iter().map(|entry| self.entry_text(turn, entry)));
        let mut nav = Vec::new();
        if page > 0 {
            nav.push(Button::new("◀", Action::History(id, page - 1)));
        }
        if i64::from(page) + 1 < pages {
            nav.push(Button::new("▶", Action::History(id, page + 1)));
        }
        let keyboard = Keyboard::none().row(nav).row(vec![Button::new(
            turn.tr("button-back"),
            Action::ShowCard(id),
        )]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_arguments_split_into_name_phone_and_email() {
        let contact = parse_add_args("Ivan Petrov 8 (999) 123-45-67 Ivan@Example.com").unwrap();
        assert_eq!(contact.name.as_str(), "Ivan Petrov");
        assert_eq!(contact.phones[0].as_str(), "+79991234567");
        assert_eq!(contact.emails[0].as_str(), "ivan@example.com");

        let name_only = parse_add_args("ООО Ромашка 2").unwrap();
        assert_eq!(name_only.name.as_str(), "ООО Ромашка 2");
        assert!(name_only.phones.is_empty());
    }

    #[test]
    fn call_outcomes_are_read_in_both_languages() {
        assert_eq!(
            CallOutcome::from_words("No answer, try later"),
            None,
            "a comma glued to the phrase is not an outcome"
        );
        assert_eq!(
            CallOutcome::from_words("no answer try later"),
            Some((CallOutcome::NoAnswer, "try later"))
        );
        assert_eq!(
            CallOutcome::from_words("Перезвонить завтра в 10"),
            Some((CallOutcome::CallBack, "завтра в 10"))
        );
        assert_eq!(
            CallOutcome::from_words("reached"),
            Some((CallOutcome::Reached, ""))
        );
        assert_eq!(CallOutcome::from_words("wants a discount"), None);
    }

    #[test]
    fn bad_add_arguments_are_refused() {
        assert_eq!(
            parse_add_args("Ivan +7 999 12345 call me").err(),
            Some(InputError::PhoneInvalid)
        );
        assert_eq!(
            parse_add_args("Ivan ivan@").err(),
            Some(InputError::EmailInvalid)
        );
        assert_eq!(
            parse_add_args("+79991234567").err(),
            Some(InputError::NameEmpty)
        );
    }
}
