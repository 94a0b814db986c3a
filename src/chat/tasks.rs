//! Tasks and reminders: `/remind <when> <what>`, the card's Remind button, `/today`, `/tasks`,
//! and the reminder message the scheduler sends at the task's minute.
//!
//! ```text
//! manager: /remind завтра в 10 перезвонить Ивану
//! bot:     ⏰ I will remind you 26.11.2026 10:00: перезвонить Ивану
//! (at 10:00)
//! bot:     ⏰ перезвонить Ивану        [✅ Done] [💤 1 h] [Tomorrow]
//! ```

use super::ask::ask;
use super::choices::Snooze;
use super::context::Core;
use super::io::Outgoing;
use super::keyboard::{Button, Keyboard};
use super::route::answers::Conversation;
use super::route::answers::Outcome;
use super::route::buttons::Action;
use super::turn::Turn;
use super::view::now;
use crate::domain::{Lang, When};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{DueJob, Member, NewTask, Task};
use chrono::{Datelike, TimeZone};

const TASKS_PAGE: usize = 10;
const TASK_MAX_CHARS: usize = 500;

impl Core {
    /// Creates a task from "<when> <what>" for the member (about a contact or deal), and says
    /// when it will fire; a doubtful time is shown to confirm first. A refused text (the
    /// reason is sent) leaves the question open.
    pub(super) async fn add_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
        about: (Option<i64>, Option<i64>),
    ) -> anyhow::Result<Outcome> {
        let local_now = crate::clock::now().with_timezone(&self.zone(member));
        let parsed = When::parse_prefix(text, local_now).and_then(|(when, what)| {
            let what = what.trim();
            if what.is_empty() {
                Err(crate::domain::InputError::TextEmpty)
            } else if what.chars().count() > TASK_MAX_CHARS {
                Err(crate::domain::InputError::TextTooLong {
                    max: TASK_MAX_CHARS,
                })
            } else {
                Ok((when, what.to_owned()))
            }
        });
        let (when, what) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = super::view::input_error_text(turn.lang, &error);
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
    pub(super) async fn save_task(
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

    pub(super) async fn remind_command(
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

    /// The card's Remind button: the next text is "<when> <what>" about the contact.
    pub(super) async fn ask_remind(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, "remind-ask", &[("name", arg(contact.name))]);
        Ok(ask(turn, text, Conversation::Remind { contact_id }))
    }

    pub(super) async fn remind_about(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        if self
            .active_contact(turn, member, contact_id)
            .await?
            .is_none()
        {
            return Ok(Outcome::Done);
        }
        self.add_task(turn, member, text, (Some(contact_id), None))
            .await
    }

    /// `/today` (due by the end of today, overdue first) and `/tasks` (all open), paged.
    pub(super) async fn task_list(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        today_only: bool,
        page: u32,
    ) -> anyhow::Result<()> {
        let zone = self.zone(member);
        let local = crate::clock::now().with_timezone(&zone);
        let end_of_today = local
            .date_naive()
            .succ_opt()
            .and_then(|tomorrow| {
                zone.with_ymd_and_hms(tomorrow.year(), tomorrow.month(), tomorrow.day(), 0, 0, 0)
                    .earliest()
            })
            .map_or(i64::MAX, |t| t.timestamp());
        let until = if today_only { end_of_today } else { i64::MAX };
        let count = self.store.open_task_count(member.user_id, until).await?;
        let (empty_key, title_key) = if today_only {
            ("today-none", "today-title")
        } else {
            ("tasks-none", "tasks-title")
        };
        if count == 0 {
            let text = turn.tr(empty_key);
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let pages = (count as usize).div_ceil(TASKS_PAGE) as u32;
        let page = page.min(pages - 1);
        let mut lines = vec![tr_args(turn.lang, title_key, &[("count", arg(count))])];
        let mut keyboard = Keyboard::none();
        let tasks = (self.store)
            .open_tasks_page(
                member.user_id,
                until,
                i64::from(page) * TASKS_PAGE as i64,
                TASKS_PAGE as i64,
            )
            .await?;
        for task in &tasks {
            let flag = if task.due_at <= now() { "⚠️ " } else { "" };
            lines.push(format!(
                "{flag}{} — {}",
                self.moment(member, task.due_at),
                task.text
            ));
            keyboard = keyboard.row(vec![Button::new(
                format!("✅ {}", task.text.chars().take(40).collect::<String>()),
                Action::TaskDone(task.id),
            )]);
        }
        if pages > 1 && !today_only {
            let mut nav = Vec::new();
            if page > 0 {
                nav.push(Button::new("◀", Action::TasksPage(page - 1)));
            }
            if page + 1 < pages {
                nav.push(Button::new("▶", Action::TasksPage(page + 1)));
            }
            keyboard = keyboard.row(nav);
        }
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    /// The task if `member` may act on it (its owner, or the team's owner and leads).
    async fn own_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Task>> {
        match self.store.task(id).await? {
            Some(task)
                if task.team_id == member.team_id
                    && (task.owner_id == member.user_id || member.role.sees_all_contacts()) =>
            {
                Ok(Some(task))
            }
            _ => {
                let text = turn.tr("task-not-found");
                turn.notice(text);
                Ok(None)
            }
        }
    }

    pub(super) async fn task_done(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.own_task(turn, member, id).await? else {
            return Ok(());
        };
        self.store.complete_task(id, now()).await?;
        let text = tr_args(turn.lang, "task-done", &[("what", arg(task.text))]);
        turn.show(text, Keyboard::none());
        Ok(())
    }

    pub(super) async fn task_snooze(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        snooze: Snooze,
    ) -> anyhow::Result<()> {
        let Some(task) = self.own_task(turn, member, id).await? else {
            return Ok(());
        };
        if task.done_at.is_some() {
            let text = turn.tr("task-already-done");
            turn.notice(text);
            return Ok(());
        }
        let zone = self.zone(member);
        let due_at = match snooze {
            Snooze::Hour => now() + 3600,
            Snooze::Tomorrow => {
                let tomorrow = crate::clock::now()
                    .with_timezone(&zone)
                    .date_naive()
                    .succ_opt();
                tomorrow
                    .and_then(|d| {
                        zone.with_ymd_and_hms(d.year(), d.month(), d.day(), 9, 0, 0)
                            .earliest()
                    })
                    .map_or(now() + 86_400, |t| t.timestamp())
            }
        };
        self.store.snooze_task(&task, due_at).await?;
        let text = tr_args(
            turn.lang,
            "task-snoozed",
            &[
                ("when", arg(self.moment(member, due_at))),
                ("what", arg(task.text)),
            ],
        );
        turn.show(text, Keyboard::none());
        Ok(())
    }

    /// The reminder a due job sends, or `None` when there is nothing to remind of any more
    /// (the task is done, moved, or its owner left).
    pub(super) async fn reminder(&self, job: &DueJob) -> anyhow::Result<Option<Outgoing>> {
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
            keyboard = keyboard.row(vec![Button::new(
                tr(lang, "button-open-contact"),
                Action::OpenCard(contact_id),
            )]);
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
