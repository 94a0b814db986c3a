//! Step-by-step forms from `dialogs/`: asking each step (with Skip on optional ones and
//! Cancel), reading answers through the step's validator, and what a finished form does.

use crate::chat::clients::SegmentCount;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::input_error_text;
use crate::dialogs::{self, Progress, StepError};
use crate::domain::{ContactName, Email, Phone, SegmentFilter};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, NewContact};
use std::collections::BTreeMap;

/// The forms the core knows how to finish, by their id in `dialogs/`.
pub(in crate::chat) const ADD_CONTACT: &str = "add_contact";
pub(in crate::chat) const NEW_SEGMENT: &str = "new_segment";

impl Core {
    /// Starts the form `dialog_id` at its first step.
    pub(in crate::chat) fn start_form(&self, turn: &mut Turn<'_>, dialog_id: &str) -> Outcome {
        self.ask_form_step(turn, dialog_id, 0, None);
        Outcome::Ask(Conversation::Form {
            dialog: dialog_id.to_owned(),
            step: 0,
            answers: BTreeMap::new(),
        })
    }

    /// Asks step `step`, after `preface` when the answers so far have something to say.
    fn ask_form_step(
        &self,
        turn: &mut Turn<'_>,
        dialog_id: &str,
        step: usize,
        preface: Option<String>,
    ) {
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
        let mut text = format!("{header}\n{}", turn.tr(&current.prompt));
        if let Some(preface) = preface {
            text = format!("{preface}\n\n{text}");
        }
        let mut buttons = Vec::new();
        if current.optional {
            buttons.push(Button::new(turn.tr("button-skip"), Action::FormSkip));
        }
        buttons.push(Button::new(turn.tr("button-cancel"), Action::Cancel));
        turn.send(text, Keyboard::none().row(buttons));
    }

    pub(in crate::chat) async fn skip_form_step(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        match self.open_question(turn).await? {
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
                Ok(Outcome::Keep)
            }
        }
    }

    pub(in crate::chat) async fn form_answer(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        dialog_id: &str,
        step: usize,
        mut answers: BTreeMap<String, String>,
        answer: Option<&str>,
    ) -> anyhow::Result<Outcome> {
        let Some(dialog) = dialogs::dialog(dialog_id) else {
            return Ok(Outcome::Done);
        };
        match dialog.answer(step, answer, &mut answers) {
            Ok(Progress::Ask(next)) => {
                let preface = self.form_preface(member, dialog_id, &answers).await?;
                self.ask_form_step(turn, dialog_id, next, preface.map(|p| p.text(turn.lang)));
                Ok(Outcome::Ask(Conversation::Form {
                    dialog: dialog_id.to_owned(),
                    step: next,
                    answers,
                }))
            }
            Ok(Progress::Done) => self.finish_form(turn, member, dialog_id, &answers).await,
            Err(StepError::Invalid(error)) if dialog.repeat_step_on_error => {
                let text = input_error_text(turn.lang, &error);
                turn.send(text, Keyboard::none());
                self.ask_form_step(turn, dialog_id, step, None);
                Ok(Outcome::Keep)
            }
            Err(StepError::Invalid(error)) => Ok(Outcome::Refuse(error)),
            Err(StepError::Required) => {
                let text = turn.tr("form-step-required");
                turn.notice(text);
                Ok(Outcome::Keep)
            }
            Err(StepError::NoSuchStep) => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(Outcome::Done)
            }
        }
    }

    /// What the answers so far say before the next step: how many contacts a new segment's
    /// filters pick, before it is named.
    async fn form_preface(
        &self,
        member: &Member,
        dialog_id: &str,
        answers: &BTreeMap<String, String>,
    ) -> anyhow::Result<Option<SegmentCount>> {
        match (dialog_id, answers.get("filter")) {
            (NEW_SEGMENT, Some(filter)) => {
                let filter = SegmentFilter::parse(filter)?;
                Ok(Some(self.segment_count(member, &filter).await?))
            }
            _ => Ok(None),
        }
    }

    async fn finish_form(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        dialog_id: &str,
        answers: &BTreeMap<String, String>,
    ) -> anyhow::Result<Outcome> {
        let field = |name: &str| answers.get(name).map(String::as_str);
        match dialog_id {
            ADD_CONTACT => {
                // The answers were validated step by step; parsing again yields the domain types.
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
            NEW_SEGMENT => {
                let filter = SegmentFilter::parse(field("filter").unwrap_or_default())?;
                let name = field("name").unwrap_or_default();
                self.save_segment(turn, member, &filter, name).await
            }
            other => anyhow::bail!("no handler for the finished form {other:?}"),
        }
    }
}
