//! Tasks with a reminder: `/remind <when> <what>`, the card's Remind button, and the
//! reminder itself when it is due.

use crate::chat::choices::Snooze;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::chat::view::task_about;
use crate::domain::{InputError, Lang, When};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{DueJob, Member, NewTask};

const TASK_MAX_CHARS: usize = 500;

/// What a task says, as typed: not empty, not too long.
pub(super) fn task_text(typed: &str) -> Result<String, InputError> {
    let what = typed.trim();
    if what.is_empty() {
        Err(InputError::TextEmpty)
    } else if what.chars().count() > TASK_MAX_CHARS {
        Err(InputError::TextTooLong {
            max: TASK_MAX_CHARS,
        })
    } else {
        Ok(what.to_owned())
    }
}

impl Core {
    /// Creates a task from "<when> <what>" (or "<what> <when>") for the member (about a
    /// contact or deal), and says when it will fire; a doubtful time is shown to confirm first. A refused text (the
    /// reason is sent) leaves the question open.
    pub(in crate::chat) async fn add_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
        about: (Option<i64>, Option<i64>),
    ) -> anyhow::Result<Outcome> {
        let local_now = crate::clock::now().with_timezone(&self.zone(member));
        let parsed = When::parse_either_end(text, local_now)
            .and_then(|(when, what)| Ok((when, task_text(&what)?)));
        let (when, what) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = crate::chat::view::input_error_text(turn.lang, &error);
                turn.send(
                    format!("{message}\n{}", turn.tr("remind-usage")),
                    Keyboard::none(),
                );
                return Ok(Outcome::Keep);
            }
        };
        let at = when.at.timestamp();
        if when.doubt.is_some() {
            let pending = Conversation::ConfirmTask {
                contact_id: about.0,
                deal_id: about.1,
                at,
                text: what,
            };
            return Ok(self.ask_to_confirm_time(turn, member, when, pending));
        }
        self.save_task(turn, member, about, at, &what).await?;
        Ok(Outcome::Done)
    }

    /// Stores the task and says when it will fire.
    pub(in crate::chat) async fn save_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        about: (Option<i64>, Option<i64>),
        at: i64,
        what: &str,
    ) -> anyhow::Result<()> {
        let task = NewTask {
            team_id: member.team_id,
            owner_id: member.user_id,
            contact_id: about.0,
            deal_id: about.1,
            text: what,
            due_at: at,
        };
        self.store.create_task(&task, now()).await?;
        let text = tr_args(
            turn.lang,
            "remind-set",
            &[("when", arg(self.moment(member, at))), ("what", arg(what))],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }

    pub(in crate::chat) async fn remind_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        if args.trim().is_empty() {
            let text = turn.tr("remind-usage");
            turn.send(text, Keyboard::none());
            return Ok(Outcome::Done);
        }
        self.add_task(turn, member, args, (None, None)).await
    }

    pub(in crate::chat) async fn remind_about(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        self.add_task(turn, member, text, (Some(contact_id), None))
            .await
    }

    /// The reminder a due job sends, or `None` when there is nothing to remind of any more
    /// (the task is done, moved, or its owner left).
    pub(in crate::chat) async fn reminder(&self, job: &DueJob) -> anyhow::Result<Option<Outgoing>> {
        let Some(task_id) = job.task_id else {
            return Ok(None);
        };
        let Some(task) = self.store.task(task_id).await? else {
            return Ok(None);
        };
        // A snoozed task has a newer job of its own.
        if task.done_at.is_some() || task.due_at != job.due_at {
            return Ok(None);
        }
        let Some(member) = self.store.member(task.owner_id).await? else {
            return Ok(None);
        };
        let lang = member.language.unwrap_or(Lang::En);
        let late = crate::clock::timestamp() - job.due_at > 15 * 60;
        let mut text = format!("⏰ {}", task.text);
        if let Some(about) = task_about(&task) {
            text.push('\n');
            text.push_str(&about);
        }
        if late {
            text.push('\n');
            text.push_str(&tr_args(
                lang,
                "reminder-late",
                &[("when", arg(self.moment(&member, job.due_at)))],
            ));
        }
        let mut keyboard = Keyboard::none().row(vec![
            Button::new(tr(lang, "button-done"), Action::TaskDone(task.id)),
            Button::new(
                tr(lang, "button-snooze-hour"),
                Action::TaskSnooze(task.id, Snooze::Hour),
            ),
            Button::new(
                tr(lang, "button-snooze-tomorrow"),
                Action::TaskSnooze(task.id, Snooze::Tomorrow),
            ),
        ]);
        if let Some(contact_id) = task.contact_id {
            keyboard = keyboard.row(vec![
                Button::new(tr(lang, "button-log-call"), Action::ReminderCall(task.id)),
                Button::new(
                    tr(lang, "button-open-contact"),
                    Action::OpenCard(contact_id),
                ),
            ]);
        }
        if let Some(deal_id) = task.deal_id {
            keyboard = keyboard.row(vec![Button::new(
                tr(lang, "button-open-deal"),
                Action::DealCard(deal_id),
            )]);
        }
        Ok(Some(Outgoing::Send {
            chat_id: member.user_id,
            text,
            keyboard,
        }))
    }
}
