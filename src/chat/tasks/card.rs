//! A task's card, opened from `/tasks` or `/today`: its text edited, its time moved (the
//! reminder planned again), given to another member (owner, lead), or done.
//!
//! ```text
//! manager: /tasks → [call Ivan] [🕓] [✅]
//! bot:     📌 call Ivan
//!          ⏰ 27.11.2026 15:00 · 👤 Ivan Petrov
//!          [✏️ Edit text] [🕓 Move] [👤 Assign] [✅ Done]
//! manager: 🕓 → пт 15:00
//! bot:     🕓 I will remind you 27.11.2026 15:00: call Ivan
//! ```

use super::reminders::task_text;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{now, task_about};
use crate::domain::{Lang, When};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Member, Task};

impl Core {
    /// An open task `member` may act on; a done one is only said to be done.
    async fn open_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Task>> {
        match self.own_task(turn, member, id).await? {
            Some(task) if task.done_at.is_some() => {
                let text = turn.tr("task-already-done");
                turn.notice(text);
                Ok(None)
            }
            other => Ok(other),
        }
    }

    pub(in crate::chat) async fn task_card(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(());
        };
        let when = self.moment(member, task.due_at);
        let due = match task.due_at <= now() {
            true => tr_args(turn.lang, "task-card-overdue", &[("when", arg(when))]),
            false => format!("⏰ {when}"),
        };
        let mut lines = vec![format!("📌 {}", task.text), due];
        lines.extend(task_about(&task));
        if let Some(owner) = self.store.member(task.owner_id).await? {
            lines.push(tr_args(
                turn.lang,
                "card-responsible",
                &[("name", arg(owner.display_name))],
            ));
        }
        let mut keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-task-text"), Action::TaskText(id)),
            Button::new(turn.tr("button-task-move"), Action::TaskMove(id)),
        ]);
        if member.role.sees_all_contacts() {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-task-assign"),
                Action::TaskAssign(id),
            )]);
        }
        keyboard = keyboard.row(vec![Button::new(
            turn.tr("button-done"),
            Action::TaskDone(id),
        )]);
        turn.send(lines.join("\n"), keyboard);
        Ok(())
    }

    /// ✏️ on the card: the next text is the task's new text.
    pub(in crate::chat) async fn ask_task_text(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        self.ask_about_task(
            turn,
            member,
            id,
            "task-ask-text",
            Conversation::TaskText { task_id: id },
        )
        .await
    }

    pub(in crate::chat) async fn edit_task_text(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(Outcome::Done);
        };
        let text = match task_text(typed) {
            Ok(text) => text,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store.set_task_text(task.id, &text).await?;
        let saved = turn.tr("edit-saved");
        turn.send(saved, Keyboard::none());
        self.task_card(turn, member, id).await?;
        Ok(Outcome::Done)
    }

    /// 🕓 on the card or a list's row: the next text is when.
    pub(in crate::chat) async fn ask_task_when(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        self.ask_about_task(
            turn,
            member,
            id,
            "task-ask-when",
            Conversation::TaskWhen { task_id: id },
        )
        .await
    }

    /// Asks `key` (naming the task's text) about a task the member may act on.
    async fn ask_about_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        key: &str,
        question: Conversation,
    ) -> anyhow::Result<Outcome> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, key, &[("what", arg(task.text))]);
        turn.send(text, Keyboard::none());
        Ok(Outcome::Ask(question))
    }

    /// When the task is due now, as typed ("пт 15:00", "tomorrow 10:00"); a doubtful time is
    /// shown to confirm first.
    pub(in crate::chat) async fn move_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        if self.open_task(turn, member, id).await?.is_none() {
            return Ok(Outcome::Done);
        }
        let local_now = crate::clock::now().with_timezone(&self.zone(member));
        let when = match When::parse(typed, local_now) {
            Ok(when) => when,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        let at = when.at.timestamp();
        if when.doubt.is_some() {
            let pending = Conversation::ConfirmTaskMove { task_id: id, at };
            return Ok(self.ask_to_confirm_time(turn, member, when, pending));
        }
        self.save_task_move(turn, member, id, at).await?;
        Ok(Outcome::Done)
    }

    /// Moves the task to `at`, its reminder with it.
    pub(in crate::chat) async fn save_task_move(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        at: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(());
        };
        self.store.reschedule_task(&task, at).await?;
        tracing::info!(task = id, due_at = at, by = member.user_id, "task moved");
        let text = tr_args(
            turn.lang,
            "task-moved",
            &[
                ("when", arg(self.moment(member, at))),
                ("what", arg(task.text)),
            ],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// 👤 on the card (owner, lead): the team's members to give the task to.
    pub(in crate::chat) async fn pick_task_assignee(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(());
        };
        let keyboard = (self.store.team_members(member.team_id).await?)
            .iter()
            .filter(|other| !other.removed && other.member.user_id != task.owner_id)
            .fold(Keyboard::none(), |keyboard, other| {
                keyboard.row(vec![Button::new(
                    other.member.display_name.clone(),
                    Action::TaskAssignTo(id, other.member.user_id),
                )])
            })
            .row(vec![Button::new(turn.tr("button-back"), Action::Cancel)]);
        let text = tr_args(turn.lang, "task-assign-pick", &[("what", arg(task.text))]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// Gives the task to `to`, who is told of it in their own language.
    pub(in crate::chat) async fn assign_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        to: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.open_task(turn, member, id).await? else {
            return Ok(());
        };
        let assignee = self.store.member(to).await?;
        let Some(assignee) = assignee.filter(|m| m.team_id == member.team_id) else {
            let text = turn.tr("task-assignee-gone");
            turn.notice(text);
            return Ok(());
        };
        self.store.assign_task(&task, to, now()).await?;
        tracing::info!(task = id, to, by = member.user_id, "task assigned");
        let text = tr_args(
            turn.lang,
            "task-assigned",
            &[
                ("what", arg(task.text.clone())),
                ("name", arg(assignee.display_name.clone())),
            ],
        );
        turn.show(text, Keyboard::none());
        let lang = assignee.language.unwrap_or(Lang::En);
        let told = tr_args(
            lang,
            "task-assigned-to-you",
            &[
                ("by", arg(member.display_name.clone())),
                ("what", arg(task.text)),
                ("when", arg(self.moment(&assignee, task.due_at))),
            ],
        );
        turn.out.push(Outgoing::Send {
            chat_id: assignee.user_id,
            text: told,
            keyboard: Keyboard::none().row(vec![Button::new(
                tr(lang, "button-task-open"),
                Action::TaskCard(id),
            )]),
        });
        Ok(())
    }
}
