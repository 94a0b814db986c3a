//! Scheduled pushes: planning what will be due (each day's birthdays and morning digests,
//! clients fallen dormant) as jobs ahead of time, and rendering a due job into the message to
//! send — or deciding it has nothing to say any more, or must wait for the client's morning.
//!
//! ```text
//! bot → manager (09:00): 🎂 Today is Ivan Petrov's birthday (40).      [Open contact]
//! bot → client  (10:00): 🎉 Ivan, happy birthday! Olga wishes you all the best.
//! bot → manager:         💤 Ivan Petrov: no interaction for 30 days.
//!                        [📞 Log call] [⏰ In a week] [🚫 Not a client any more]
//! bot → client (−24 h):  📅 Reminder: your appointment on 27.11.2026 15:00, office.
//!                        [✅ Confirm] [🔁 Reschedule]
//! bot → group (09:00):   📊 Summary 24.11 09:00 – 25.11 09:00 …
//! ```

use crate::chat::choices::Period;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::domain::{Birthday, Lang, QuietHours, SummarySchedule, wall_clock_instant};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{
    AppointmentStatus, BirthdayContact, DueJob, JobKind, LinkedClient, ManagerFigures, Member,
    NewJob,
};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// What to do with a due job.
#[derive(Debug)]
pub enum JobPlan {
    /// Send `reply`; on success store `then` (the next summary) with the job's completion.
    /// `client` names the contact whose client receives it, to mark them unreachable on a 403.
    /// `also` follows the reply when it went out (the summary's funnel chart).
    Send {
        reply: Outgoing,
        then: Option<NewJob>,
        client: Option<i64>,
        also: Option<Outgoing>,
    },
    /// Nothing to send any more (done, moved, too late); store `then` all the same.
    Skip { then: Option<NewJob> },
    /// A client's quiet hours: try again at this instant.
    Hold(i64),
}

/// A push meant for a day (a birthday, a digest) is not sent later than this after its time.
const STALE_AFTER: i64 = 12 * 3600;
/// The local hour of the manager's heads-ups and digests, and of the clients' greetings.
const MORNING_HOUR: u32 = 9;
/// Tasks the morning digest lists; the rest are counted, with a pointer to /today.
const DIGEST_TASKS: i64 = 20;
const GREETING_HOUR: u32 = 10;
/// How many dormant clients one tick plans, so one tick stays short.
const REACTIVATIONS_PER_TICK: i64 = 200;
/// The planning mark: the last day (days from the common era) whose pushes are planned.
const DAILY_MARK: &str = "daily";
/// Within the next day to plan, the last contact whose birthday is planned.
const DAILY_CURSOR: &str = "daily-cursor";
/// Birthdays planned per tick (two jobs each), so a tick stays short at a million contacts.
const BIRTHDAYS_PER_TICK: i64 = 250;

/// The instant of `hour`:00 local on `date` in `zone` (the first such instant in a DST fold,
/// the first minute after a gap).
pub fn local_instant(zone: Tz, date: NaiveDate, hour: u32) -> Option<i64> {
    wall_clock_instant(zone, date.and_hms_opt(hour, 0, 0)?).map(|(at, _)| at.timestamp())
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn day_from_number(number: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(number).ok()?)
}

/// The birthdays celebrated on `date`: its own, and 29 February's on the 28th of a common year.
fn birthday_keys(date: NaiveDate) -> Vec<(u32, u32)> {
    let mut keys = vec![(date.month(), date.day())];
    if date.month() == 2
        && date.day() == 28
        && NaiveDate::from_ymd_opt(date.year(), 2, 29).is_none()
    {
        keys.push((2, 29));
    }
    keys
}

impl Core {
    /// The zone a team's schedules and its clients' times are read in.
    pub(in crate::chat) async fn team_zone(&self, team_id: i64) -> anyhow::Result<Tz> {
        Ok(self
            .store
            .team_schedule(team_id)
            .await?
            .time_zone
            .unwrap_or(self.config.time_zone))
    }

    /// Plans the pushes that will be due soon and are not jobs yet. Cheap when there is
    /// nothing new: one mark read and one indexed range for dormant clients.
    pub async fn plan_pushes(&self, now: i64) -> anyhow::Result<()> {
        let today = DateTime::<Utc>::from_timestamp(now, 0)
            .unwrap_or_default()
            .date_naive();
        // Tomorrow is planned today: 09:00 tomorrow somewhere east is still today in UTC.
        let last_to_plan = day_number(today) + 1;
        let planned = self.store.scheduler_mark(DAILY_MARK).await?;
        // After a long stop, yesterday's pushes are the oldest worth planning.
        let first = planned.map_or(day_number(today), |mark| {
            (mark + 1).max(day_number(today) - 1)
        });
        // On the very first start, what was due earlier today is not news any more; after a
        // stop, what fell due meanwhile is still sent (late) the same day.
        let not_before = if planned.is_none() {
            now
        } else {
            now - STALE_AFTER
        };
        // One slice of the next day not planned yet, so that no tick plans thousands at once.
        if first <= last_to_plan
            && let Some(date) = day_from_number(first)
        {
            let cursor = self.store.scheduler_mark(DAILY_CURSOR).await?.unwrap_or(0);
            let (jobs, next_cursor) = self.day_slice(date, not_before, cursor).await?;
            let marks = match next_cursor {
                Some(cursor) => vec![(DAILY_CURSOR, cursor)],
                None => vec![(DAILY_MARK, first), (DAILY_CURSOR, 0)],
            };
            self.store.plan_jobs(&jobs, &marks).await?;
        }
        self.store
            .plan_reactivations(now, REACTIVATIONS_PER_TICK)
            .await?;
        Ok(())
    }

    /// A slice of `date`'s birthday heads-ups and greetings (contacts after `cursor`), those
    /// due after `not_before`, and where the next slice starts; the last slice (`None`) also
    /// holds the day's morning digests.
    async fn day_slice(
        &self,
        date: NaiveDate,
        not_before: i64,
        cursor: i64,
    ) -> anyhow::Result<(Vec<NewJob>, Option<i64>)> {
        let mut contacts = Vec::new();
        let mut complete = true;
        for (month, day) in birthday_keys(date) {
            let found = self
                .store
                .birthdays_on(month, day, cursor, BIRTHDAYS_PER_TICK)
                .await?;
            complete &= (found.len() as i64) < BIRTHDAYS_PER_TICK;
            contacts.extend(found);
        }
        contacts.sort_by_key(|contact| contact.id);
        if contacts.len() as i64 > BIRTHDAYS_PER_TICK {
            contacts.truncate(BIRTHDAYS_PER_TICK as usize);
            complete = false;
        }
        let mut jobs = Vec::new();
        let mut team_zones = HashMap::new();
        for contact in &contacts {
            jobs.extend(
                self.birthday_jobs(contact, date, not_before, &mut team_zones)
                    .await?,
            );
        }
        if !complete {
            let next = contacts.last().map_or(cursor, |contact| contact.id);
            return Ok((jobs, Some(next)));
        }
        for member in self.store.active_members().await? {
            if let Some(due) = local_instant(self.zone(&member), date, MORNING_HOUR)
                && due > not_before
            {
                jobs.push(NewJob {
                    dedup_key: Some(format!("digest:{}:{date}", member.user_id)),
                    team_id: Some(member.team_id),
                    payload: Some(date.to_string()),
                    ..NewJob::new(JobKind::Digest, member.user_id, due)
                });
            }
        }
        Ok((jobs, None))
    }

    /// A contact's birthday pushes on `date`: the manager's heads-up at 09:00 in the manager's
    /// zone, and the client's greeting at 10:00 in the client's (sent only if by then the
    /// client has linked the bot and opted in).
    async fn birthday_jobs(
        &self,
        contact: &BirthdayContact,
        date: NaiveDate,
        not_before: i64,
        team_zones: &mut HashMap<i64, Tz>,
    ) -> anyhow::Result<Vec<NewJob>> {
        let client_zone = match contact.time_zone {
            Some(zone) => zone,
            None => match team_zones.get(&contact.team_id) {
                Some(zone) => *zone,
                None => {
                    let zone = self.team_zone(contact.team_id).await?;
                    team_zones.insert(contact.team_id, zone);
                    zone
                }
            },
        };
        let owner_zone = contact.owner_time_zone.unwrap_or(self.config.time_zone);
        let pushes = [
            (
                JobKind::BirthdayManager,
                owner_zone,
                MORNING_HOUR,
                contact.owner_id,
            ),
            // The client's chat is looked up when due.
            (JobKind::BirthdayClient, client_zone, GREETING_HOUR, 0),
        ];
        Ok(pushes
            .into_iter()
            .filter_map(|(kind, zone, hour, chat_id)| {
                let due = local_instant(zone, date, hour).filter(|due| *due > not_before)?;
                Some(NewJob {
                    dedup_key: Some(format!("{}:{}:{date}", kind.as_str(), contact.id)),
                    team_id: Some(contact.team_id),
                    contact_id: Some(contact.id),
                    payload: Some(date.to_string()),
                    ..NewJob::new(kind, chat_id, due)
                })
            })
            .collect())
    }

    /// The pushes of a birthday just set on a card, for the days already planned.
    pub(in crate::chat) async fn birthday_jobs_after_edit(
        &self,
        contact: &crate::store::Contact,
        birthday: Birthday,
    ) -> anyhow::Result<Vec<NewJob>> {
        let now = crate::clock::timestamp();
        let today = DateTime::<Utc>::from_timestamp(now, 0)
            .unwrap_or_default()
            .date_naive();
        let owner_time_zone = self
            .store
            .member(contact.owner_id)
            .await?
            .and_then(|m| m.time_zone);
        let birthday_contact = BirthdayContact {
            id: contact.id,
            team_id: contact.team_id,
            owner_id: contact.owner_id,
            owner_time_zone,
            time_zone: contact.time_zone.as_deref().and_then(|z| z.parse().ok()),
        };
        let mut jobs = Vec::new();
        for date in [Some(today), today.succ_opt()].into_iter().flatten() {
            if birthday_keys(date).contains(&(birthday.month, birthday.day)) {
                jobs.extend(
                    self.birthday_jobs(&birthday_contact, date, now, &mut HashMap::new())
                        .await?,
                );
            }
        }
        Ok(jobs)
    }

    /// Decides what a due job sends now.
    pub async fn due_message(&self, job: &DueJob) -> anyhow::Result<JobPlan> {
        let now = crate::clock::timestamp();
        let skip = JobPlan::Skip { then: None };
        let Some(kind) = job.kind else {
            return Ok(skip);
        };
        let stale = now - job.due_at > STALE_AFTER;
        let plan = match kind {
            JobKind::Reminder => match self.reminder(job).await? {
                Some(reply) => send(reply),
                None => skip,
            },
            JobKind::Summary => self.summary_message(job, now).await?,
            // Waits for the last message of its mailing, however long that takes.
            JobKind::MailingReport => self.mailing_report(job, now).await?,
            _ if stale => skip,
            JobKind::Digest => self.digest(job, now).await?,
            JobKind::BirthdayManager => self.birthday_heads_up(job).await?,
            JobKind::BirthdayClient => self.birthday_greeting(job, now).await?,
            JobKind::Reactivation => self.reactivation_prompt(job, now).await?,
            JobKind::Appointment => self.appointment_reminder(job, now).await?,
            JobKind::DealDueSoon | JobKind::DealOverdue => self.deal_deadline(job, kind).await?,
            JobKind::Mailing => self.mailing_message(job, now).await?,
        };
        Ok(plan)
    }

    /// The member a push goes to, with the language to speak.
    async fn recipient(&self, user_id: i64) -> anyhow::Result<Option<(Member, Lang)>> {
        Ok(self.store.member(user_id).await?.map(|member| {
            let lang = member.language.unwrap_or(Lang::En);
            (member, lang)
        }))
    }

    async fn digest(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        let Some((member, lang)) = self.recipient(job.chat_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let zone = self.zone(&member);
        let today = crate::clock::now().with_timezone(&zone).date_naive();
        let Some(end_of_today) = today
            .succ_opt()
            .and_then(|tomorrow| local_instant(zone, tomorrow, 0))
        else {
            return Ok(JobPlan::Skip { then: None });
        };
        let due_today = (self.store)
            .open_task_count(member.user_id, end_of_today)
            .await?;
        let unplanned = self
            .store
            .deals_without_next_action(member.user_id, now)
            .await?;
        if due_today == 0 && unplanned == 0 {
            return Ok(JobPlan::Skip { then: None });
        }
        // Due by `now` inclusive: before the next second.
        let overdue = self.store.open_task_count(member.user_id, now + 1).await?;
        let mut lines = vec![tr_args(
            lang,
            "digest-title",
            &[
                ("today", arg(due_today - overdue)),
                ("overdue", arg(overdue)),
            ],
        )];
        let shown = (self.store)
            .open_tasks_page(member.user_id, end_of_today, 0, DIGEST_TASKS)
            .await?;
        for task in &shown {
            let flag = if task.due_at <= now { "⚠️ " } else { "" };
            lines.push(format!(
                "{flag}{} — {}",
                self.moment(&member, task.due_at),
                task.text
            ));
        }
        if due_today > DIGEST_TASKS {
            lines.push(tr_args(
                lang,
                "digest-more-tasks",
                &[("count", arg(due_today - DIGEST_TASKS))],
            ));
        }
        if unplanned > 0 {
            lines.push(tr_args(
                lang,
                "digest-unplanned-deals",
                &[("count", arg(unplanned))],
            ));
        }
        Ok(send(Outgoing::Send {
            chat_id: member.user_id,
            text: lines.join("\n"),
            keyboard: Keyboard::none(),
        }))
    }

    /// The contact a push is about, if it still exists, is not archived, and (when `date` is
    /// given) still has its birthday on that day.
    async fn push_contact(&self, job: &DueJob) -> anyhow::Result<Option<crate::store::Contact>> {
        let Some(id) = job.contact_id else {
            return Ok(None);
        };
        Ok(self
            .store
            .contact(id)
            .await?
            .filter(|contact| !contact.archived))
    }

    fn birthday_still_on(contact: &crate::store::Contact, job: &DueJob) -> bool {
        let date = job
            .payload
            .as_deref()
            .and_then(|text| text.parse::<NaiveDate>().ok());
        match (contact.birthday, date) {
            (Some(birthday), Some(date)) => {
                birthday_keys(date).contains(&(birthday.month, birthday.day))
            }
            _ => false,
        }
    }

    async fn birthday_heads_up(&self, job: &DueJob) -> anyhow::Result<JobPlan> {
        let Some(contact) = self.push_contact(job).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        if !Self::birthday_still_on(&contact, job) {
            return Ok(JobPlan::Skip { then: None });
        }
        // To whoever is responsible for the client now.
        let Some((member, lang)) = self.recipient(contact.owner_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let this_year = crate::clock::now()
            .with_timezone(&self.zone(&member))
            .year();
        let text = match contact.birthday.and_then(|b| b.year) {
            Some(year) => tr_args(
                lang,
                "birthday-heads-up-age",
                &[
                    ("name", arg(contact.name.clone())),
                    ("age", arg(i64::from(this_year - year))),
                ],
            ),
            None => tr_args(
                lang,
                "birthday-heads-up",
                &[("name", arg(contact.name.clone()))],
            ),
        };
        let keyboard = Keyboard::none().row(vec![Button::new(
            tr(lang, "button-open-contact"),
            Action::OpenCard(contact.id),
        )]);
        Ok(send(Outgoing::Send {
            chat_id: member.user_id,
            text,
            keyboard,
        }))
    }

    /// The quiet-hours hold for a push to a client, in the client's zone.
    pub(in crate::chat) async fn client_hold(
        &self,
        client: &LinkedClient,
        now: i64,
    ) -> anyhow::Result<Option<i64>> {
        let schedule = self.store.team_schedule(client.team_id).await?;
        let quiet = schedule
            .quiet_hours
            .as_deref()
            .and_then(|text| QuietHours::parse(text).ok())
            .unwrap_or_default();
        let zone = client
            .time_zone
            .or(schedule.time_zone)
            .unwrap_or(self.config.time_zone);
        let now = DateTime::<Utc>::from_timestamp(now, 0).unwrap_or_default();
        Ok(quiet.hold_until(zone, now).map(|until| until.timestamp()))
    }

    async fn birthday_greeting(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        let Some(contact) = self.push_contact(job).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let Some(client) = self.store.linked_client(contact.id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        if !client.subscribed || !Self::birthday_still_on(&contact, job) {
            return Ok(JobPlan::Skip { then: None });
        }
        if let Some(until) = self.client_hold(&client, now).await? {
            return Ok(JobPlan::Hold(until));
        }
        let lang = client_lang(&client);
        let manager = self
            .store
            .member(contact.owner_id)
            .await?
            .map(|m| m.display_name)
            .unwrap_or_default();
        let first_name = contact
            .name
            .split_whitespace()
            .next()
            .unwrap_or(&contact.name)
            .to_owned();
        let text = tr_args(
            lang,
            "birthday-greeting",
            &[("name", arg(first_name)), ("manager", arg(manager))],
        );
        Ok(JobPlan::Send {
            reply: Outgoing::Send {
                chat_id: client.chat_id,
                text,
                keyboard: Keyboard::none(),
            },
            then: None,
            client: Some(contact.id),
            also: None,
        })
    }

    async fn reactivation_prompt(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        let Some(contact) = self.push_contact(job).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        // An interaction since the planning ended this dormancy.
        let last = self.store.last_interaction(contact.id).await?;
        if last.map(|t| t.to_string()) != job.payload
            || self.store.converted_at(contact.id).await?.is_none()
        {
            return Ok(JobPlan::Skip { then: None });
        }
        let Some((member, lang)) = self.recipient(contact.owner_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let days = (now - last.unwrap_or(now)) / 86_400;
        let text = tr_args(
            lang,
            "reactivation-prompt",
            &[("name", arg(contact.name.clone())), ("days", arg(days))],
        );
        let keyboard = Keyboard::none()
            .row(vec![
                Button::new(tr(lang, "button-log-call"), Action::LogCall(contact.id)),
                Button::new(
                    tr(lang, "button-remind-week"),
                    Action::RemindWeek(contact.id),
                ),
            ])
            .row(vec![
                Button::new(
                    tr(lang, "button-not-client"),
                    Action::DropClient(contact.id),
                ),
                Button::new(
                    tr(lang, "button-open-contact"),
                    Action::OpenCard(contact.id),
                ),
            ]);
        Ok(send(Outgoing::Send {
            chat_id: member.user_id,
            text,
            keyboard,
        }))
    }

    async fn appointment_reminder(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        let Some(appointment) = job.appointment_id else {
            return Ok(JobPlan::Skip { then: None });
        };
        let Some(appointment) = self.store.appointment(appointment).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        if appointment.status == AppointmentStatus::Reschedule || appointment.at <= now {
            return Ok(JobPlan::Skip { then: None });
        }
        let Some(client) = self.store.linked_client(appointment.contact_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        if let Some(until) = self.client_hold(&client, now).await? {
            // A reminder held past the appointment is no use.
            return Ok(if until < appointment.at {
                JobPlan::Hold(until)
            } else {
                JobPlan::Skip { then: None }
            });
        }
        let lang = client_lang(&client);
        let text = self.appointment_text(&client, lang, &appointment).await?;
        let keyboard = if appointment.status == AppointmentStatus::Confirmed {
            Keyboard::none()
        } else {
            Keyboard::none().row(vec![
                Button::new(
                    tr(lang, "button-confirm"),
                    Action::AppointmentAnswer(appointment.id, true),
                ),
                Button::new(
                    tr(lang, "button-reschedule"),
                    Action::AppointmentAnswer(appointment.id, false),
                ),
            ])
        };
        Ok(JobPlan::Send {
            reply: Outgoing::Send {
                chat_id: client.chat_id,
                text,
                keyboard,
            },
            then: None,
            client: Some(client.contact_id),
            also: None,
        })
    }

    /// "📅 Reminder: your appointment with Olga on 27.11.2026 15:00, office", in the client's
    /// zone.
    pub(in crate::chat) async fn appointment_text(
        &self,
        client: &LinkedClient,
        lang: Lang,
        appointment: &crate::store::Appointment,
    ) -> anyhow::Result<String> {
        let zone = match client.time_zone {
            Some(zone) => zone,
            None => self.team_zone(client.team_id).await?,
        };
        let when = zone
            .timestamp_opt(appointment.at, 0)
            .single()
            .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default();
        let manager = self
            .store
            .member(appointment.owner_id)
            .await?
            .map(|m| m.display_name)
            .unwrap_or_default();
        let mut text = tr_args(
            lang,
            "appointment-reminder",
            &[("when", arg(when)), ("manager", arg(manager))],
        );
        if let Some(place) = &appointment.place {
            text.push_str(&format!("\n📍 {place}"));
        }
        Ok(text)
    }

    async fn deal_deadline(&self, job: &DueJob, kind: JobKind) -> anyhow::Result<JobPlan> {
        let Some(deal_id) = job.deal_id else {
            return Ok(JobPlan::Skip { then: None });
        };
        let Some(deal) = self.store.deal(deal_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        if deal.closed_at.is_some() || deal.expected_close != job.payload {
            return Ok(JobPlan::Skip { then: None });
        }
        let Some((member, lang)) = self.recipient(deal.owner_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let key = if kind == JobKind::DealDueSoon {
            "deal-due-soon"
        } else {
            "deal-overdue"
        };
        let date = deal
            .expected_close
            .as_deref()
            .and_then(|d| d.parse::<NaiveDate>().ok())
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_default();
        let text = tr_args(
            lang,
            key,
            &[("title", arg(deal.title.clone())), ("date", arg(date))],
        );
        let keyboard = Keyboard::none().row(vec![Button::new(
            tr(lang, "button-open-deal"),
            Action::DealCard(deal.id),
        )]);
        Ok(send(Outgoing::Send {
            chat_id: member.user_id,
            text,
            keyboard,
        }))
    }

    /// The notices for a deal's expected close date (`YYYY-MM-DD`): the morning before, and
    /// the morning after if it is still open then.
    pub(in crate::chat) async fn deal_deadline_jobs(
        &self,
        deal: &crate::store::Deal,
        date: &str,
    ) -> anyhow::Result<Vec<NewJob>> {
        let Ok(close) = date.parse::<NaiveDate>() else {
            return Ok(Vec::new());
        };
        let zone = match self.store.member(deal.owner_id).await? {
            Some(member) => self.zone(&member),
            None => self.config.time_zone,
        };
        let now = crate::clock::timestamp();
        let notices = [
            (JobKind::DealDueSoon, close.pred_opt()),
            (JobKind::DealOverdue, close.succ_opt()),
        ];
        Ok(notices
            .into_iter()
            .filter_map(|(kind, day)| {
                let due = local_instant(zone, day?, MORNING_HOUR)?;
                (due > now).then(|| NewJob {
                    dedup_key: Some(format!("{}:{}:{date}", kind.as_str(), deal.id)),
                    team_id: Some(deal.team_id),
                    deal_id: Some(deal.id),
                    payload: Some(date.to_owned()),
                    ..NewJob::new(kind, deal.owner_id, due)
                })
            })
            .collect())
    }

    /// The next summary job of a team after `after`, per its schedule and zone.
    pub(in crate::chat) async fn next_summary_job(
        &self,
        team_id: i64,
        chat_id: i64,
        schedule: &SummarySchedule,
        after: i64,
    ) -> anyhow::Result<Option<NewJob>> {
        let zone = self.team_zone(team_id).await?;
        let after_instant = DateTime::<Utc>::from_timestamp(after, 0).unwrap_or_default();
        Ok(schedule.next_after(zone, after_instant).map(|at| {
            let due = at.timestamp();
            NewJob {
                dedup_key: Some(format!("summary:{team_id}:{due}")),
                team_id: Some(team_id),
                payload: Some(after.to_string()),
                ..NewJob::new(JobKind::Summary, chat_id, due)
            }
        }))
    }

    async fn summary_message(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        let Some(team_id) = job.team_id else {
            return Ok(JobPlan::Skip { then: None });
        };
        let schedule = self.store.team_schedule(team_id).await?;
        // The group was changed or unset since this job was planned.
        if schedule.summary_chat_id != Some(job.chat_id) {
            return Ok(JobPlan::Skip { then: None });
        }
        let summary_schedule = schedule
            .summary_schedule
            .as_deref()
            .and_then(|text| SummarySchedule::parse(text).ok())
            .unwrap_or_default();
        let then = self
            .next_summary_job(team_id, job.chat_id, &summary_schedule, job.due_at.max(now))
            .await?;
        if now - job.due_at > STALE_AFTER {
            return Ok(JobPlan::Skip { then });
        }
        let from = job
            .payload
            .as_deref()
            .and_then(|text| text.parse::<i64>().ok())
            .filter(|from| *from < job.due_at)
            .unwrap_or(job.due_at - 86_400);
        let figures = self.store.team_figures(team_id, from, job.due_at).await?;
        let zone = schedule.time_zone.unwrap_or(self.config.time_zone);
        let lang = self.team_language(team_id).await?;
        let text = summary_text(lang, zone, from, job.due_at, &figures);
        let (month_start, month_end) = Period::ThisMonth.bounds(zone, job.due_at);
        let (_, chart) = self
            .funnel_report(team_id, None, month_start, month_end, lang)
            .await?;
        let also = chart.map(|png| Outgoing::Photo {
            chat_id: job.chat_id,
            png,
            caption: tr(lang, "summary-funnel-caption"),
        });
        Ok(JobPlan::Send {
            reply: Outgoing::Send {
                chat_id: job.chat_id,
                text,
                keyboard: Keyboard::none(),
            },
            then,
            client: None,
            also,
        })
    }

    /// A group has no language of its own: the summary speaks the team owner's.
    async fn team_language(&self, team_id: i64) -> anyhow::Result<Lang> {
        Ok(self
            .store
            .team_members(team_id)
            .await?
            .into_iter()
            .find(|m| m.member.role == crate::domain::Role::Owner)
            .and_then(|m| m.member.language)
            .unwrap_or(Lang::En))
    }
}

fn send(reply: Outgoing) -> JobPlan {
    JobPlan::Send {
        reply,
        then: None,
        client: None,
        also: None,
    }
}

fn client_lang(client: &LinkedClient) -> Lang {
    Lang::from_telegram(client.language.as_deref())
}

fn sums_text(sums: &[(String, i64)]) -> String {
    crate::chat::view::sum_label(
        sums.iter()
            .map(|(code, minor)| (Some(*minor), Some(code.as_str()))),
    )
    .unwrap_or_else(|| "0".to_owned())
}

/// The daily summary: a title with the period, then a line per member.
pub fn summary_text(
    lang: Lang,
    zone: Tz,
    from: i64,
    to: i64,
    figures: &[ManagerFigures],
) -> String {
    let moment = |at: i64| {
        zone.timestamp_opt(at, 0)
            .single()
            .map(|t| t.format("%d.%m %H:%M").to_string())
            .unwrap_or_default()
    };
    let mut lines = vec![tr_args(
        lang,
        "summary-title",
        &[("from", arg(moment(from))), ("to", arg(moment(to)))],
    )];
    for line in figures {
        lines.push(tr_args(
            lang,
            "summary-line",
            &[
                ("name", arg(line.name.clone())),
                ("leads", arg(line.new_leads)),
                ("calls", arg(line.calls)),
                ("moved", arg(line.deals_moved)),
                ("won", arg(sums_text(&line.won))),
                ("lost", arg(sums_text(&line.lost))),
                ("overdue", arg(line.overdue_tasks)),
                ("unplanned", arg(line.deals_without_next_action)),
            ],
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_29th_of_february_is_celebrated_on_the_28th_in_common_years() {
        let common = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(birthday_keys(common), [(2, 28), (2, 29)]);
        let leap = NaiveDate::from_ymd_opt(2028, 2, 28).unwrap();
        assert_eq!(birthday_keys(leap), [(2, 28)]);
        let leap_day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(birthday_keys(leap_day), [(2, 29)]);
    }

    #[test]
    fn morning_hours_keep_the_wall_clock_across_a_dst_change() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        let after = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
        // 09:00 CEST is 07:00 UTC, 09:00 CET is 08:00 UTC.
        assert_eq!(local_instant(berlin, before, 9), Some(1_792_825_200));
        assert_eq!(local_instant(berlin, after, 9), Some(1_793_001_600));
        // 02:00 on the spring-forward day does not exist: the hour after is taken.
        let spring = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
        let at = local_instant(berlin, spring, 2).unwrap();
        let local = berlin.timestamp_opt(at, 0).unwrap();
        assert_eq!(local.format("%H:%M").to_string(), "03:00");
    }

    #[test]
    fn the_summary_has_a_line_per_member_with_sums_per_currency() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        let figures = [
            ManagerFigures {
                user_id: 1,
                name: "Olga".into(),
                new_leads: 2,
                calls: 5,
                deals_moved: 3,
                won: vec![("RUB".into(), 15_000_000), ("USD".into(), 250_000)],
                lost: vec![],
                overdue_tasks: 1,
                deals_without_next_action: 4,
            },
            ManagerFigures {
                user_id: 2,
                name: "Anna".into(),
                ..ManagerFigures::default()
            },
        ];
        let text = summary_text(Lang::En, moscow, 1_795_586_400, 1_795_672_800, &figures);
        assert_eq!(
            text,
            "📊 Summary 25.11 09:00 – 26.11 09:00\n\
             👤 Olga: new leads 2 · calls 5 · deals moved 3 · won 150 000 ₽ + 2 500 $ · \
             lost 0 · overdue tasks 1 · deals without next step 4\n\
             👤 Anna: new leads 0 · calls 0 · deals moved 0 · won 0 · lost 0 · \
             overdue tasks 0 · deals without next step 0"
        );
    }
}
