//! What a due job says to a client (a birthday greeting, an appointment reminder), and when
//! not: a client who unlinked or opted out hears nothing, and quiet hours in the client's zone
//! hold the message until morning.

use super::plan::{JobPlan, birthday_still_on, push_contact};
use super::planning::team_zone;
use crate::chat::{Action, Button, Keyboard, Outgoing};
use crate::domain::{Lang, QuietHours};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Appointment, AppointmentStatus, DueJob, LinkedClient, Store};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

fn client_lang(client: &LinkedClient) -> Lang {
    Lang::from_telegram(client.language.as_deref())
}

/// The quiet-hours hold at `now` for a push to a client, in the client's zone.
pub async fn client_hold(
    store: &Store,
    default_zone: Tz,
    client: &LinkedClient,
    now: i64,
) -> anyhow::Result<Option<i64>> {
    let schedule = store.team_schedule(client.team_id).await?;
    let quiet = schedule
        .quiet_hours
        .as_deref()
        .and_then(|text| QuietHours::parse(text).ok())
        .unwrap_or_default();
    let zone = client
        .time_zone
        .or(schedule.time_zone)
        .unwrap_or(default_zone);
    let now = DateTime::<Utc>::from_timestamp(now, 0).unwrap_or_default();
    Ok(quiet.hold_until(zone, now).map(|until| until.timestamp()))
}

pub(super) async fn birthday_greeting(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let Some(contact) = push_contact(store, job).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    let Some(client) = store.linked_client(contact.id).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    if !client.subscribed || !birthday_still_on(&contact, job) {
        return Ok(JobPlan::Skip { then: None });
    }
    if let Some(until) = client_hold(store, default_zone, &client, now).await? {
        return Ok(JobPlan::Hold(until));
    }
    let lang = client_lang(&client);
    let manager = store
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

pub(super) async fn appointment_reminder(
    store: &Store,
    default_zone: Tz,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let Some(appointment) = job.appointment_id else {
        return Ok(JobPlan::Skip { then: None });
    };
    let Some(appointment) = store.appointment(appointment).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    if appointment.status == AppointmentStatus::Reschedule || appointment.at <= now {
        return Ok(JobPlan::Skip { then: None });
    }
    let Some(client) = store.linked_client(appointment.contact_id).await? else {
        return Ok(JobPlan::Skip { then: None });
    };
    if let Some(until) = client_hold(store, default_zone, &client, now).await? {
        // A reminder held past the appointment is no use.
        return Ok(if until < appointment.at {
            JobPlan::Hold(until)
        } else {
            JobPlan::Skip { then: None }
        });
    }
    let lang = client_lang(&client);
    let text = appointment_text(store, default_zone, &client, lang, &appointment).await?;
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
pub async fn appointment_text(
    store: &Store,
    default_zone: Tz,
    client: &LinkedClient,
    lang: Lang,
    appointment: &Appointment,
) -> anyhow::Result<String> {
    let zone = match client.time_zone {
        Some(zone) => zone,
        None => team_zone(store, default_zone, client.team_id).await?,
    };
    let when = zone
        .timestamp_opt(appointment.at, 0)
        .single()
        .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default();
    let manager = store
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
