//! The client side: a manager gives a client a one-time link from the card; the client opens
//! it (`/start client_<token>`) and from then on gets appointment reminders and (if opted in)
//! greetings, answers them with buttons, and can leave with `/stop`. A client sees nothing of
//! the CRM. Also `/meet`, which books an appointment the client is reminded of.
//!
//! ```text
//! manager: /meet Petrov tomorrow 15:00 office on Lenina 1
//! bot:     📅 Appointment with Ivan Petrov on 26.11.2026 15:00, office on Lenina 1.
//! client (24 h before): 📅 Reminder: your appointment with Olga on 26.11.2026 15:00
//!                       [✅ Confirm] [🔁 Reschedule]
//! client:  (taps Confirm)
//! manager: ✅ Ivan Petrov confirmed the appointment on 26.11.2026 15:00.
//! ```

use super::contacts::now;
use super::state::Conversation;
use super::{Action, Button, Core, Keyboard, Outgoing, Turn};
use crate::domain::{InputError, Lang, When};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{AppointmentStatus, JobKind, LinkedClient, Member, NewJob};

const PLACE_MAX_CHARS: usize = 200;
/// When the client is reminded, before the appointment.
const REMINDER_OFFSETS: [(i64, &str); 2] = [(24 * 3600, "24h"), (2 * 3600, "2h")];

impl Core {
    /// `/start client_<token>`: links the chat to the contact and tells the manager.
    pub(super) async fn link_client(&self, turn: &mut Turn<'_>, token: &str) -> anyhow::Result<()> {
        let sender = turn.sender().clone();
        let linked = self
            .store
            .redeem_client_link(
                token,
                turn.chat_id(),
                sender.language_code.as_deref(),
                now(),
            )
            .await?;
        let Some(contact_id) = linked else {
            let text = turn.tr("client-link-invalid");
            turn.send(text, Keyboard::none());
            return Ok(());
        };
        let Some(client) = self.store.linked_client(contact_id).await? else {
            return Ok(());
        };
        let manager = self.store.member(client.owner_id).await?;
        let manager_name = manager
            .as_ref()
            .map(|m| m.display_name.clone())
            .unwrap_or_default();
        let text = tr_args(
            turn.lang,
            "client-linked",
            &[("manager", arg(manager_name))],
        );
        turn.send(text, Keyboard::none());
        if let Some(manager) = manager {
            self.tell_manager(turn, &manager, &client, "client-linked-manager", None);
        }
        Ok(())
    }

    /// Text from someone who is not a member: `/stop` from a linked client unlinks them; other
    /// text from a client gets a short explanation; anyone else is told this is a team's bot.
    pub(super) async fn client_text(
        &self,
        turn: &mut Turn<'_>,
        is_stop: bool,
    ) -> anyhow::Result<()> {
        let chat_id = turn.chat_id();
        if is_stop {
            let clients = self.store.unlink_client(chat_id, now()).await?;
            if clients.is_empty() {
                return self.not_member(turn);
            }
            let text = turn.tr("client-stopped");
            turn.send(text, Keyboard::none());
            for client in &clients {
                if let Some(manager) = self.store.member(client.owner_id).await? {
                    self.tell_manager(turn, &manager, client, "client-stopped-manager", None);
                }
            }
            return Ok(());
        }
        let clients = self.store.linked_clients(chat_id).await?;
        let Some(client) = clients.first() else {
            return self.not_member(turn);
        };
        let manager = self
            .store
            .member(client.owner_id)
            .await?
            .map(|m| m.display_name)
            .unwrap_or_default();
        let text = tr_args(turn.lang, "client-hello", &[("manager", arg(manager))]);
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// A message to the client's manager, in the manager's language, with the card button.
    fn tell_manager(
        &self,
        turn: &mut Turn<'_>,
        manager: &Member,
        client: &LinkedClient,
        key: &str,
        when: Option<String>,
    ) {
        let lang = manager.language.unwrap_or(Lang::En);
        let text = tr_args(
            lang,
            key,
            &[
                ("name", arg(client.name.clone())),
                ("when", arg(when.unwrap_or_default())),
            ],
        );
        turn.out.push(Outgoing::Send {
            chat_id: manager.user_id,
            text,
            keyboard: Keyboard::none().row(vec![Button::new(
                tr(lang, "button-open-contact"),
                Action::OpenCard(client.contact_id),
            )]),
        });
    }

    /// A client's Confirm or Reschedule: recorded once on the contact's timeline, and the
    /// manager told at once. Only the client the appointment is for may answer.
    pub(super) async fn answer_appointment(
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

    /// The card's 🔗 button: a fresh one-time link to send the client.
    pub(super) async fn client_link(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        let token = super::new_link_token();
        self.store
            .create_client_link(&token, contact_id, member.user_id, now())
            .await?;
        let link = format!(
            "https://t.me/{}?start=client_{token}",
            self.config.bot_username
        );
        let linked = self.store.linked_client(contact_id).await?.is_some();
        let mut text = tr_args(
            turn.lang,
            "client-link",
            &[("name", arg(contact.name)), ("link", arg(link))],
        );
        if linked {
            text.push_str("\n\n");
            text.push_str(&turn.tr("client-link-already"));
        }
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// `/meet <contact> <when> [place]`.
    pub(super) async fn meet_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<()> {
        let Some((hit, rest)) = self
            .resolve_contact(turn, member, args, "meet-usage")
            .await?
        else {
            return Ok(());
        };
        self.book_appointment(turn, member, hit.id, &rest).await?;
        Ok(())
    }

    /// The card's 📅 button: the next text is "<when> [place]".
    pub(super) async fn ask_meet(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        self.set_conversation(member.user_id, &Conversation::Meet { contact_id })
            .await?;
        let text = tr_args(turn.lang, "meet-ask", &[("name", arg(contact.name))]);
        turn.ask(text);
        Ok(())
    }

    /// Reads "<when> [place]" and books the appointment, or asks to confirm a doubtful time.
    /// `Ok(false)` when the text was refused (the reason is sent).
    pub(super) async fn book_appointment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<bool> {
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
                let message = super::contacts::input_error_text(turn.lang, &error);
                turn.send(
                    format!("{message}\n{}", turn.tr("meet-usage")),
                    Keyboard::none(),
                );
                return Ok(false);
            }
        };
        let at = when.at.timestamp();
        if when.doubt.is_some() {
            let pending = Conversation::ConfirmMeet {
                contact_id,
                at,
                place,
            };
            self.ask_to_confirm_time(turn, member, when, &pending)
                .await?;
            return Ok(true);
        }
        self.create_appointment(turn, member, contact_id, at, place)
            .await?;
        Ok(true)
    }

    pub(super) async fn create_appointment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        at: i64,
        place: Option<String>,
    ) -> anyhow::Result<()> {
        self.store.clear_conversation(member.user_id).await?;
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
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

    /// Shows the moment a doubtful phrase was read as and keeps `pending` until the member
    /// confirms it (or types another time, or cancels).
    pub(super) async fn ask_to_confirm_time(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        when: When,
        pending: &Conversation,
    ) -> anyhow::Result<()> {
        self.set_conversation(member.user_id, pending).await?;
        let text = tr_args(
            turn.lang,
            "when-confirm",
            &[("when", arg(self.moment(member, when.at.timestamp())))],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-yes"), Action::ConfirmWhen),
            Button::new(turn.tr("button-cancel"), Action::Cancel),
        ]);
        turn.send(text, keyboard);
        Ok(())
    }

    /// ✅ on a doubtful time: does what was waiting for it.
    pub(super) async fn confirm_when(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        match self.conversation(member.user_id).await? {
            Some(Conversation::ConfirmMeet {
                contact_id,
                at,
                place,
            }) => {
                self.create_appointment(turn, member, contact_id, at, place)
                    .await
            }
            Some(Conversation::ConfirmTask {
                contact_id,
                deal_id,
                at,
                text,
            }) => {
                self.store.clear_conversation(member.user_id).await?;
                self.save_task(turn, member, (contact_id, deal_id), at, &text)
                    .await
            }
            Some(Conversation::ConfirmNextAction { deal_id, at, what }) => {
                self.store.clear_conversation(member.user_id).await?;
                let Some(deal) = self.open_deal_only(turn, member, deal_id).await? else {
                    return Ok(());
                };
                self.save_next_action(turn, member, &deal, at, &what).await
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(())
            }
        }
    }
}
