//! Client feedback surveys: when they are planned (the day after a won deal at the team's
//! hour in the client's zone, some hours after an appointment) and what the due job sends —
//! nothing when the survey was switched off, the client is not linked or opted out of
//! mailings, the deal is not won any more or the appointment was moved.
//!
//! ```text
//! bot → client: How did we do? Please rate your purchase with Olga.
//!               [⭐1] [⭐2] [⭐3] [⭐4] [⭐5]
//! ```

use super::client_messages::client_hold;
use super::plan::{JobPlan, push_contact};
use super::planning::{local_instant, team_zone};
use crate::chat::{Action, Button, Keyboard, Outgoing};
use crate::domain::{Lang, Rating, Survey};
use crate::i18n::{arg, tr_args};
use crate::store::{
    AppointmentStatus, Contact, DueJob, JobKind, NewJob, StageOutcome, Store, survey_job_key,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const HOUR: i64 = 3600;

/// The survey after a deal won at `now`, for its contact; `None` when the team switched it off.
pub async fn survey_after_win_job(
    store: &Store,
    default_zone: Tz,
    contact: &Contact,
    deal_id: i64,
    now: i64,
) -> anyhow::Result<Option<NewJob>> {
    let settings = store.survey_settings(contact.team_id).await?;
    if !settings.after_win {
        return Ok(None);
    }
    let zone = match contact.time_zone.as_deref().and_then(|z| z.parse().ok()) {
        Some(zone) => zone,
        None => team_zone(store, default_zone, contact.team_id).await?,
    };
    let today = DateTime::<Utc>::from_timestamp(now, 0)
        .unwrap_or_default()
        .with_timezone(&zone)
        .date_naive();
    let Some(due) = today
        .succ_opt()
        .and_then(|day| local_instant(zone, day, settings.win_hour))
    else {
        return Ok(None);
    };
    Ok(Some(NewJob {
        dedup_key: Some(survey_job_key(Survey::Win, deal_id)),
        team_id: Some(contact.team_id),
        contact_id: Some(contact.id),
        deal_id: Some(deal_id),
        // The client's chat is looked up when due.
        ..NewJob::new(JobKind::SurveyAfterWin, 0, due)
    }))
}

/// The survey after an appointment at `at`, booked for a contact of the team (the store gives
/// it the appointment's id); `None` when the team switched it off.
pub async fn survey_after_appointment_job(
    store: &Store,
    team_id: i64,
    contact_id: i64,
    at: i64,
) -> anyhow::Result<Option<NewJob>> {
    let settings = store.survey_settings(team_id).await?;
    Ok(settings.after_appointment.then(|| NewJob {
        // The store appends the appointment's id, making it `survey_job_key`'s.
        dedup_key: Some(JobKind::SurveyAfterAppointment.as_str().to_owned()),
        team_id: Some(team_id),
        contact_id: Some(contact_id),
        ..NewJob::new(
            JobKind::SurveyAfterAppointment,
            0,
            at + settings.appointment_hours * HOUR,
        )
    }))
}

/// What a due survey sends to the client.
pub(super) async fn survey_message(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    survey: Survey,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let skip = JobPlan::Skip { then: None };
    let Some(contact) = push_contact(store, job).await? else {
        return Ok(skip);
    };
    let settings = store.survey_settings(contact.team_id).await?;
    let (subject_id, manager_id, still_on) = match survey {
        Survey::Win => {
            let deal = match job.deal_id {
                Some(id) => store.deal(id).await?,
                None => None,
            };
            let Some(deal) = deal else {
                return Ok(skip);
            };
            let won = deal.stage.outcome == StageOutcome::Won;
            (deal.id, deal.owner_id, settings.after_win && won)
        }
        Survey::Appointment => {
            let appointment = match job.appointment_id {
                Some(id) => store.appointment(id).await?,
                None => None,
            };
            let Some(appointment) = appointment else {
                return Ok(skip);
            };
            let held = appointment.status != AppointmentStatus::Reschedule;
            let on = settings.after_appointment && held;
            (appointment.id, appointment.owner_id, on)
        }
    };
    if !still_on || store.survey_answered(survey, subject_id).await? {
        return Ok(skip);
    }
    let Some(client) = store.linked_client(contact.id).await? else {
        return Ok(skip);
    };
    if !client.subscribed {
        return Ok(skip);
    }
    if let Some(until) = client_hold(store, default_zone, &client, now).await? {
        return Ok(JobPlan::Hold(until));
    }
    let lang = Lang::from_telegram(client.language.as_deref());
    let manager = store
        .member(manager_id)
        .await?
        .map(|m| m.display_name)
        .unwrap_or_default();
    let key = match survey {
        Survey::Win => "survey-after-win",
        Survey::Appointment => "survey-after-appointment",
    };
    let text = tr_args(lang, key, &[("manager", arg(manager))]);
    let stars = Rating::ALL
        .into_iter()
        .map(|rating| {
            Button::new(
                format!("⭐{}", rating.value()),
                Action::FeedbackRating(survey, subject_id, u32::from(rating.value())),
            )
        })
        .collect();
    Ok(JobPlan::Send {
        reply: Outgoing::Send {
            chat_id: client.chat_id,
            text,
            keyboard: Keyboard::none().row(stars),
        },
        then: None,
        client: Some(contact.id),
        also: None,
    })
}
