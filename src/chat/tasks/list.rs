//! `/today` and `/tasks`, paged, overdue first, and what a task's buttons do: done, or put off.

use crate::chat::choices::Snooze;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, pager};
use crate::chat::turn::Turn;
use crate::chat::view::appointment_lines;
use crate::chat::view::now;
use crate::chat::view::task_about;
use crate::i18n::{arg, tr_args};
use crate::store::{Member, Task};
use chrono::{Datelike, TimeZone};

const TASKS_PAGE: usize = 10;

impl Core {
    /// `/today` (due by the end of today, overdue first) and `/tasks` (all open) of `listed`,
    /// paged: the viewer's own lists, or a teammate's shown to the owner or a lead.
    pub(in crate::chat) async fn task_list(
        &self,
        turn: &mut Turn<'_>,
        viewer: &Member,
        listed: &Member,
        today_only: bool,
        page: u32,
    ) -> anyhow::Result<()> {
        let own = viewer.user_id == listed.user_id;
        // "Today" is the listed member's day; moments are shown on the viewer's clock.
        let zone = self.zone(listed);
        let local = crate::clock::now().with_timezone(&zone);
        let midnight = |date: chrono::NaiveDate| {
            zone.with_ymd_and_hms(date.year(), date.month(), date.day(), 0, 0, 0)
                .earliest()
                .map(|t| t.timestamp())
        };
        let today = local.date_naive();
        let end_of_today = today.succ_opt().and_then(midnight).unwrap_or(i64::MAX);
        let until = if today_only { end_of_today } else { i64::MAX };
        let count = self.store.open_task_count(listed.user_id, until).await?;
        let (empty_key, title_key) = match (own, today_only) {
            (true, true) => ("today-none", "today-title"),
            (true, false) => ("tasks-none", "tasks-title"),
            (false, true) => ("member-today-none", "member-today-title"),
            (false, false) => ("member-tasks-none", "member-tasks-title"),
        };
        let name = || arg(listed.display_name.clone());
        // The day's appointments head /today's first page.
        let mut lines = if today_only && page == 0 {
            let start_of_today = midnight(today).unwrap_or(0);
            let appointments = (self.store)
                .appointments_of(listed.user_id, start_of_today, end_of_today)
                .await?;
            appointment_lines(turn.lang, self.zone(viewer), &appointments)
        } else {
            Vec::new()
        };
        if !lines.is_empty() {
            lines.push(String::new());
        }
        // A teammate's list leads back to their menu in /team.
        let back = (!own).then(|| {
            vec![Button::new(
                turn.tr("button-back"),
                Action::Member(listed.user_id),
            )]
        });
        if count == 0 {
            lines.push(tr_args(turn.lang, empty_key, &[("name", name())]));
            turn.show(lines.join("\n"), Keyboard::none().rows(back));
            return Ok(());
        }
        let pages = (count as usize).div_ceil(TASKS_PAGE) as u32;
        let page = page.min(pages - 1);
        lines.push(tr_args(
            turn.lang,
            title_key,
            &[("count", arg(count)), ("name", name())],
        ));
        let mut keyboard = Keyboard::none();
        let tasks = (self.store)
            .open_tasks_page(
                listed.user_id,
                until,
                i64::from(page) * TASKS_PAGE as i64,
                TASKS_PAGE as i64,
            )
            .await?;
        for task in &tasks {
            let flag = if task.due_at <= now() { "⚠️ " } else { "" };
            let about = task_about(task).map_or(String::new(), |about| format!(" · {about}"));
            lines.push(format!(
                "{flag}{} — {}{about}",
                self.moment(viewer, task.due_at),
                task.text
            ));
            // The task opens its card; 🕓 asks straight away when it is due instead. ✅ shows
            // the viewer's own list again, so a teammate's rows do without it (the card has it).
            let mut row = vec![
                Button::new(
                    task.text.chars().take(30).collect::<String>(),
                    Action::TaskCard(task.id),
                ),
                Button::new("🕓", Action::TaskMove(task.id)),
            ];
            if own {
                row.push(Button::new(
                    "✅",
                    Action::ListTaskDone(task.id, today_only, page),
                ));
            }
            keyboard = keyboard.row(row);
        }
        if pages > 1 {
            let to_page = |to| match (own, today_only) {
                (true, true) => Action::TodayPage(to),
                (true, false) => Action::TasksPage(to),
                (false, _) => Action::MemberTasks(listed.user_id, today_only, to),
            };
            let nav = pager(page, pages, to_page).unwrap_or_default();
            keyboard = keyboard.row(nav);
        }
        if let Some(back) = back {
            keyboard = keyboard.row(back);
        }
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    /// The task if `member` may act on it (its owner, or the team's owner and leads).
    pub(in crate::chat) async fn own_task(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Task>> {
        let record = self.store.task(id).await?;
        Ok(turn.permit(member, record, "task", |task| (task.team_id, task.owner_id)))
    }

    pub(in crate::chat) async fn task_done(
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

    /// ✅ on a row of `/today` or `/tasks`: the task is done and the list shown again in place.
    pub(in crate::chat) async fn list_task_done(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        today_only: bool,
        page: u32,
    ) -> anyhow::Result<()> {
        if self.own_task(turn, member, id).await?.is_none() {
            return Ok(());
        }
        self.store.complete_task(id, now()).await?;
        let text = turn.tr("task-done-short");
        turn.notice(text);
        self.task_list(turn, member, member, today_only, page).await
    }

    pub(in crate::chat) async fn task_snooze(
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
        self.store.reschedule_task(&task, due_at).await?;
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
}
