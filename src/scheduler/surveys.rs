//! Client feedback surveys: when they are planned (the day after a won deal at the team's
//! hour in the client's zone, some hours after an appointment), moved when the team changes
//! that hour or those hours, and what the due job sends (the team's own question or the
//! locale's) — nothing when the survey was switched off, the client is not linked or opted
//! out of mailings, the deal is not won any more or the appointment was moved.
//!
//! ```text
//! bot → client: How did we do? Please rate your purchase with Olga.
//!               [⭐1] [⭐2] [⭐3] [⭐4] [⭐5]
//! ```

use super::client_messages::client_hold;
use super::plan::{JobPlan, push_contact};
use super::planning::{local_instant, team_zone};
use crate::chat::{Action, Button, Keyboard, Outgoing};
use crate::domain::{Lang, Rating, SURVEY_MANAGER_MARK, Survey};
use crate::i18n::{arg, tr_args};
use crate::store::{
    AppointmentStatus, Contact, DueJob, JobKind, NewJob, StageOutcome, Store, SurveySettings,
    survey_job_key,
};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

const HOUR: i64 = 3600;

/// The zone a client's days are read in: their own, else the team's.
fn client_zone(own: Option<&str>, team_zone: Tz) -> Tz {
    own.and_then(|zone| zone.parse().ok()).unwrap_or(team_zone)
}

/// When the survey after a deal won at `won_at` goes: at `hour` the next day in `zone`.
fn win_survey_due(zone: Tz, won_at: i64, hour: u32) -> Option<i64> {
    let day = DateTime::<Utc>::from_timestamp(won_at, 0)?
        .with_timezone(&zone)
        .date_naive()
        .succ_opt()?;
    local_instant(zone, day, hour)
}

/// When the survey after an appointment at `at` goes.
fn appointment_survey_due(at: i64, hours: i64) -> i64 {
    at + hours * HOUR
}

/// Stores the team's new hour after a win or hours after an appointment (`survey` says
/// which) and moves that survey's jobs planned and not sent yet to match, by the rule that
/// plans them, in one transaction.
pub async fn save_survey_time(
    store: &Store,
    default_zone: Tz,
    team_id: i64,
    settings: &SurveySettings,
    survey: Survey,
) -> anyhow::Result<()> {
    let team_zone = team_zone(store, default_zone, team_id).await?;
    store
        .set_survey_time(team_id, settings, survey, |planned| match survey {
            Survey::Win => win_survey_due(
                client_zone(planned.time_zone.as_deref(), team_zone),
                planned.after,
                settings.win_hour,
            ),
            Survey::Appointment => Some(appointment_survey_due(
                planned.after,
                settings.appointment_hours,
            )),
        })
        .await?;
    Ok(())
}

/// The question of `survey` in `lang`: the team's own, else the locale's, with the manager's
/// name in it.
pub fn survey_question(own: Option<&str>, survey: Survey, lang: Lang, manager: &str) -> String {
    if let Some(own) = own {
        return own.replace(SURVEY_MANAGER_MARK, manager);
    }
    let key = match survey {
        Survey::Win => "survey-after-win",
        Survey::Appointment => "survey-after-appointment",
    };
    tr_args(lang, key, &[("manager", arg(manager.to_owned()))])
}

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
    let zone = client_zone(
        contact.time_zone.as_deref(),
        team_zone(store, default_zone, contact.team_id).await?,
    );
    let Some(due) = win_survey_due(zone, now, settings.win_hour) else {
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
            appointment_survey_due(at, settings.appointment_hours),
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
    // Read when sent: a question changed after planning still counts.
    let own = store.survey_text(contact.team_id, survey, lang).await?;
    let text = survey_question(own.as_deref(), survey, lang, &manager);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_survey_after_a_win_goes_the_next_local_day_at_the_hour() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        // 25.11.2026 23:30 in Moscow is still the 25th in UTC and already late in the day:
        // the survey goes on the 26th at 12:00 Moscow time.
        let won_at = 1_795_638_600;
        assert_eq!(win_survey_due(moscow, won_at, 12), Some(1_795_683_600));
        // In Vladivostok it is the 26th already: the 27th at 12:00 there.
        let vladivostok: Tz = "Asia/Vladivostok".parse().unwrap();
        assert_eq!(win_survey_due(vladivostok, won_at, 12), Some(1_795_744_800));
        assert_eq!(client_zone(Some("Asia/Vladivostok"), moscow), vladivostok);
        assert_eq!(client_zone(Some("Mars/Olympus"), moscow), moscow);
        assert_eq!(client_zone(None, moscow), moscow);
    }
}
