//! Appointments with a client: `/meet` or the card's 📅 button, booked with reminders to the
//! client before it, and the client's answer (confirm or reschedule).

use crate::chat::choices::ContactCommand;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::domain::{InputError, When};
use crate::i18n::{arg, tr_args};
use crate::scheduler::surveys::survey_after_appointment_job;
use crate::store::{AppointmentStatus, JobKind, Member, NewJob};

const PLACE_MAX_CHARS: usize = 200;

/// When the manager is reminded, before the appointment.
const MANAGER_REMINDER_BEFORE: i64 = 3600;

/// When the client is reminded, before the appointment.
const REMINDER_OFFSETS: [(i64, &str); 2] = [(24 * 3600, "24h"), (2 * 3600, "2h")];

impl Core {
    /// `/meet <contact> <when> [place]`.
    pub(in crate::chat) async fn meet_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        match self
            .resolve_contact(turn, member, args, ContactCommand::Meet)
            .await?
        {
            Ok((hit, rest)) => self.book_appointment(turn, member, hit.id, &rest).await,
            Err(outcome) => Ok(outcome),
        }
    }

    /// Reads "<when> [place]" and books the appointment, or asks to confirm a doubtful time; a
    /// refused text (the reason is sent) leaves the question open.
    pub(in crate::chat) async fn book_appointment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let local_now = crate::clock::now().with_timezone(&self.zone(member));
        let parsed = When::parse_prefix(text, local_now).and_then(|(when, place)| {
            let place = place.trim();
            if place.chars().count() > PLACE_MAX_CHARS {
                Err(InputError::TextTooLong {
                    max: PLACE_MAX_CHARS,
                })
            } else {
                Ok((when, (!place.is_empty()).then(|| place.to_owned())))
            }
        });
        let (when, place) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = crate::chat::view::input_error_text(turn.lang, &error);
                turn.send(
                    format!("{message}\n{}", turn.tr("meet-usage")),
                    Keyboard::none(),
                );
                return Ok(Outcome::Keep);
            }
        };
        let at = when.at.timestamp();
        if when.doubt.is_some() {
            let pending = Conversation::ConfirmMeet {
                contact_id,
                at,
                place,
            };
            return Ok(self.ask_to_confirm_time(turn, member, when, pending));
        }
        self.create_appointment(turn, member, contact_id, at, place)
            .await?;
        Ok(Outcome::Done)
    }

    pub(in crate::chat) async fn create_appointment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        at: i64,
        place: Option<String>,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        let survey =
            survey_after_appointment_job(&self.store, contact.team_id, contact_id, at).await?;
        let jobs: Vec<NewJob> = REMINDER_OFFSETS
            .iter()
            .filter(|(offset, _)| at - offset > now())
            .map(|(offset, code)| NewJob {
                dedup_key: Some(format!("appointment:{code}")),
                team_id: Some(contact.team_id),
                contact_id: Some(contact_id),
                // The client's chat is looked up when due: they may link the bot later.
                ..NewJob::new(JobKind::Appointment, 0, at - offset)
            })
            .chain((at - MANAGER_REMINDER_BEFORE > now()).then(|| NewJob {
                dedup_key: Some("appointment-manager".to_owned()),
                team_id: Some(contact.team_id),
                contact_id: Some(contact_id),
                ..NewJob::new(
                    JobKind::AppointmentManager,
                    contact.owner_id,
                    at - MANAGER_REMINDER_BEFORE,
                )
            }))
            .chain(survey)
            .collect();
        let moment = self.moment(member, at);
        let note = match &place {
            Some(place) => format!("{moment}, {place}"),
            None => moment.clone(),
        };
        self.store
            .create_appointment(
                member.team_id,
                contact_id,
                contact.owner_id,
                at,
                place.as_deref(),
                &note,
                &jobs,
                now(),
            )
            .await?;
        let linked = self.store.linked_client(contact_id).await?.is_some();
        let mut text = tr_args(
            turn.lang,
            "meet-booked",
            &[("name", arg(contact.name)), ("when", arg(note))],
        );
        text.push('\n');
        text.push_str(&turn.tr(if linked {
            "meet-client-reminded"
        } else {
            "meet-client-not-linked"
        }));
        let keyboard = Keyboard::none().row(vec![Button::new(
            turn.tr("button-client-link"),
            Action::ClientLink(contact_id),
        )]);
        turn.send(text, if linked { Keyboard::none() } else { keyboard });
        Ok(())
    }

    /// A client's Confirm or Reschedule: recorded once on the contact's timeline, and the
    /// manager told at once. Only the client the appointment is for may answer.
    pub(in crate::chat) async fn answer_appointment(
        &self,
        turn: &mut Turn<'_>,
        id: i64,
        confirm: bool,
    ) -> anyhow::Result<()> {
        let appointment = self.store.appointment(id).await?;
        let client = match &appointment {
            Some(appointment) => self.store.linked_client(appointment.contact_id).await?,
            None => None,
        };
        let (Some(appointment), Some(client)) = (appointment, client) else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
        if client.chat_id != turn.chat_id() {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        if appointment.at <= now() {
            let text = turn.tr("appointment-past");
            turn.notice(text);
            return Ok(());
        }
        let status = if confirm {
            AppointmentStatus::Confirmed
        } else {
            AppointmentStatus::Reschedule
        };
        let changed = self
            .store
            .answer_appointment(&appointment, status, now())
            .await?;
        let lang = turn.lang;
        let when = crate::scheduler::client_messages::appointment_text(
            &self.store,
            self.config.time_zone,
            &client,
            lang,
            &appointment,
        )
        .await?;
        let (client_key, manager_key) = if confirm {
            ("appointment-confirmed", "appointment-confirmed-manager")
        } else {
            ("appointment-reschedule", "appointment-reschedule-manager")
        };
        let text = format!("{when}\n\n{}", turn.tr(client_key));
        turn.show(text, Keyboard::none());
        if changed && let Some(manager) = self.store.member(appointment.owner_id).await? {
            let moment = self.moment(&manager, appointment.at);
            self.tell_manager(turn, &manager, &client, manager_key, Some(moment));
        }
        Ok(())
    }
}
