//! What a due job says: the dispatch on its kind, and the messages to members (the morning
//! digest, a birthday heads-up, a dormant client's prompt, a deal's deadline). The clients'
//! are in [`super::client_messages`], the group's daily summary in [`super::summary`], and
//! the conversation core words the rest through [`Conversations`] (a task's reminder, a
//! mailing and its report, the summary's funnel chart).
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

use super::client_messages::{appointment_reminder, birthday_greeting};
use super::lead_message::new_lead;
use super::plan::{Conversations, JobPlan, birthday_still_on, instant, push_contact};
use super::planning::{STALE_AFTER, local_instant};
use super::summary::summary_message;
use super::surveys::survey_message;
use crate::chat::{Action, Button, Keyboard, Outgoing, appointment_lines};
use crate::domain::{Lang, Survey};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{DueJob, JobKind, Member, Store};
use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Tz;

/// Tasks the morning digest lists; the rest are counted, with a pointer to /today.
const DIGEST_TASKS: i64 = 20;

/// Decides what a due job sends at `now`.
pub async fn due_message(
    store: &Store,
    core: &impl Conversations,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let skip = JobPlan::Skip { then: None };
    let Some(kind) = job.kind else {
        return Ok(skip);
    };
    let zone = core.default_zone();
    let stale = now - job.due_at > STALE_AFTER;
    let plan = match kind {
        JobKind::Reminder => match core.task_reminder(job).await? {
            Some(reply) => JobPlan::send(reply),
            None => skip,
        },
        JobKind::Summary => summary_message(store, core, job, now).await?,
        // Waits for the last message of its mailing, however long that takes.
        JobKind::MailingReport => core.mailing_report_to_author(job, now).await?,
        JobKind::NewLead => new_lead(store, job).await?,
        _ if stale => skip,
        JobKind::Digest => digest(store, zone, job, now).await?,
        JobKind::BirthdayManager => birthday_heads_up(store, zone, job, now).await?,
        JobKind::BirthdayClient => birthday_greeting(store, zone, job, now).await?,
        JobKind::Reactivation => reactivation_prompt(store, job, now).await?,
        JobKind::Appointment => appointment_reminder(store, zone, job, now).await?,
        JobKind::AppointmentManager => appointment_heads_up(store, zone, job, now).await?,
        JobKind::SurveyAfterWin => survey_message(store, zone, job, Survey::Win, now).await?,
        JobKind::SurveyAfterAppointment => {
            survey_message(store, zone, job, Survey::Appointment, now).await?
        }
        JobKind::DealDueSoon | JobKind::DealOverdue => deal_deadline(store, job, kind).await?,
        JobKind::Mailing => core.mailing_to_client(job, now).await?,
    };
    Ok(plan)
}

/// The member a push goes to, with the language to speak.
async fn recipient(store: &Store, user_id: i64) -> anyhow::Result<Option<(Member, Lang)>> {
    Ok(store.member(user_id).await?.map(|member| {
        let lang = member.language.unwrap_or(Lang::En);
        (member, lang)
    }))
}

/// A push to a member with one button, to what it is about.
fn push_with_button(chat_id: i64, text: String, label: String, action: Action) -> JobPlan {
    JobPlan::send(Outgoing::Send {
        chat_id,
        text,
        keyboard: Keyboard::none().row(vec![Button::new(label, action)]),
    })
}

/// "25.11.2026 09:00" in `zone`.
fn moment(zone: Tz, at: i64) -> String {
    zone.timestamp_opt(at, 0)
        .single()
        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default()
}

async fn digest(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let Some((member, lang)) = recipient(store, job.chat_id).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    let zone = member.time_zone.unwrap_or(default_zone);
    let today = instant(now).with_timezone(&zone).date_naive();
    let Some(end_of_today) = today
        .succ_opt()
        .and_then(|tomorrow| local_instant(zone, tomorrow, 0))
    else {
        return Ok(JobPlan::Skip { then: None });
    };
    let due_today = store.open_task_count(member.user_id, end_of_today).await?;
    let unplanned = store.deals_without_next_action(member.user_id, now).await?;
    let appointments = store
        .appointments_of(member.user_id, now, end_of_today)
        .await?;
    if due_today == 0 && unplanned == 0 && appointments.is_empty() {
        return Ok(JobPlan::Skip { then: None });
    }
    // Due by `now` inclusive: before the next second.
    let overdue = store.open_task_count(member.user_id, now + 1).await?;
    let mut lines = vec![tr_args(
        lang,
        "digest-title",
        &[
            ("today", arg(due_today - overdue)),
            ("overdue", arg(overdue)),
        ],
    )];
    let shown = store
        .open_tasks_page(member.user_id, end_of_today, 0, DIGEST_TASKS)
        .await?;
    for task in &shown {
        let flag = if task.due_at <= now { "⚠️ " } else { "" };
        lines.push(format!(
            "{flag}{} — {}",
            moment(zone, task.due_at),
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
    let appointments = appointment_lines(lang, zone, &appointments);
    if !appointments.is_empty() {
        lines.push(String::new());
        lines.extend(appointments);
    }
    if unplanned > 0 {
        lines.push(tr_args(
            lang,
            "digest-unplanned-deals",
            &[("count", arg(unplanned))],
        ));
    }
    Ok(JobPlan::send(Outgoing::Send {
        chat_id: member.user_id,
        text: lines.join("\n"),
        keyboard: Keyboard::none(),
    }))
}

async fn birthday_heads_up(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let Some(contact) = push_contact(store, job).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    if !birthday_still_on(&contact, job) {
        return Ok(JobPlan::Skip { then: None });
    }
    // To whoever is responsible for the client now.
    let Some((member, lang)) = recipient(store, contact.owner_id).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    let this_year = instant(now)
        .with_timezone(&member.time_zone.unwrap_or(default_zone))
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
    Ok(push_with_button(
        member.user_id,
        text,
        tr(lang, "button-open-contact"),
        Action::OpenCard(contact.id),
    ))
}

/// An hour before an appointment, to whoever is responsible for the client now.
async fn appointment_heads_up(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let skip = JobPlan::Skip { then: None };
    let Some(appointment) = job.appointment_id else {
        return Ok(skip);
    };
    let (Some(appointment), Some(contact)) = (
        store.appointment(appointment).await?,
        push_contact(store, job).await?,
    ) else {
        return Ok(skip);
    };
    if appointment.at <= now {
        return Ok(skip);
    }
    let Some((member, lang)) = recipient(store, contact.owner_id).await? else {
        return Ok(skip);
    };
    let when = moment(member.time_zone.unwrap_or(default_zone), appointment.at);
    let when = match &appointment.place {
        Some(place) => format!("{when}, {place}"),
        None => when,
    };
    let text = tr_args(
        lang,
        "appointment-manager-reminder",
        &[("name", arg(contact.name.clone())), ("when", arg(when))],
    );
    Ok(push_with_button(
        member.user_id,
        text,
        tr(lang, "button-open-contact"),
        Action::OpenCard(contact.id),
    ))
}

async fn reactivation_prompt(store: &Store, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
    let Some(contact) = push_contact(store, job).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    // An interaction since the planning ended this dormancy.
    let last = store.last_interaction(contact.id).await?;
    if last.map(|t| t.to_string()) != job.payload || store.converted_at(contact.id).await?.is_none()
    {
        return Ok(JobPlan::Skip { then: None });
    }
    let Some((member, lang)) = recipient(store, contact.owner_id).await? else {
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
    Ok(JobPlan::send(Outgoing::Send {
        chat_id: member.user_id,
        text,
        keyboard,
    }))
}

async fn deal_deadline(store: &Store, job: &DueJob, kind: JobKind) -> anyhow::Result<JobPlan> {
    let Some(deal_id) = job.deal_id else {
        return Ok(JobPlan::Skip { then: None });
    };
    let Some(deal) = store.deal(deal_id).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    if deal.closed_at.is_some() || deal.expected_close != job.payload {
        return Ok(JobPlan::Skip { then: None });
    }
    let Some((member, lang)) = recipient(store, deal.owner_id).await? else {
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
    Ok(push_with_button(
        member.user_id,
        text,
        tr(lang, "button-open-deal"),
        Action::DealCard(deal.id),
    ))
}
