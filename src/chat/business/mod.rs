//! Telegram Business: a member connects the bot to their own Telegram account and the
//! messages of their private chats with clients log themselves on the clients' cards. A chat
//! with someone no contact matches is proposed to the member once (add as a lead, link to a
//! contact, ignore); its messages are kept meanwhile, so the lead comes with its history.
//!
//! - [`chats`]: the proposal's buttons and the `/settings` part (ignored chats, deletions,
//!   the command prefix, erasing a contact's messages);
//! - [`in_chat`]: `.task` / `.note` typed by the member in a client's chat;
//! - [`write`]: ✍️ on the card, a message sent to the client from the member's account.

mod chats;
mod in_chat;
mod write;

use crate::chat::context::Core;
use crate::chat::io::{BusinessMessage, BusinessUpdate, Incoming, Input, Outgoing, Sender};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{now, scope_of};
use crate::domain::Lang;
use crate::i18n::{arg, tr_args};
use crate::store::{BusinessChat, BusinessConnection, ChatState, LoggedMessage, Member};

impl Core {
    /// Erases the logged messages older than the retention (the scheduler's tick).
    pub async fn forget_old_business_messages(&self) -> anyhow::Result<()> {
        let days = i64::from(self.config.business_retention_days);
        let before = crate::clock::timestamp() - days * 86_400;
        let forgotten = self.store.forget_business_messages(before).await?;
        if forgotten > 0 {
            tracing::info!(
                forgotten,
                "logged business messages past their retention erased"
            );
        }
        Ok(())
    }

    /// Handles one Business update. Never fails: an internal error is logged.
    pub async fn handle_business(&self, update: &BusinessUpdate) -> Vec<Outgoing> {
        match self.business(update).await {
            Ok(out) => out,
            Err(error) => {
                tracing::error!("handling a business update failed: {error:#}");
                Vec::new()
            }
        }
    }

    async fn business(&self, update: &BusinessUpdate) -> anyhow::Result<Vec<Outgoing>> {
        match update {
            BusinessUpdate::Connection {
                id,
                user,
                can_reply,
                enabled,
            } => {
                self.business_connected(id, user, *can_reply, *enabled)
                    .await
            }
            BusinessUpdate::Message {
                connection_id,
                message,
                edited,
            } => {
                let Some(connection) = self.store.business_connection(connection_id).await? else {
                    return Ok(Vec::new());
                };
                let Some(member) = self.store.member(connection.user_id).await? else {
                    return Ok(Vec::new());
                };
                self.business_message(&member, message, *edited).await
            }
            BusinessUpdate::Deleted {
                connection_id,
                chat_id,
                message_ids,
            } => {
                let Some(connection) = self.store.business_connection(connection_id).await? else {
                    return Ok(Vec::new());
                };
                let chat = self
                    .store
                    .business_chat(connection.user_id, *chat_id)
                    .await?;
                if let Some(chat) = chat.filter(|chat| chat.state != ChatState::Ignored) {
                    let erase = self.store.follows_deletions(connection.user_id).await?;
                    self.store
                        .delete_business_messages(chat.id, message_ids, erase)
                        .await?;
                }
                Ok(Vec::new())
            }
        }
    }

    /// A member connected the bot to their account (or changed or removed it): noted, and
    /// told what is logged and how to stop it. Someone who is not a member is told so, and
    /// their chats are never read.
    async fn business_connected(
        &self,
        id: &str,
        user: &Sender,
        can_reply: bool,
        enabled: bool,
    ) -> anyhow::Result<Vec<Outgoing>> {
        let lang = Lang::from_telegram(user.language_code.as_deref());
        let Some(member) = self.store.member(user.id).await? else {
            return Ok(match enabled {
                true => vec![send(user.id, crate::i18n::tr(lang, "not-member"))],
                false => Vec::new(),
            });
        };
        let connection = BusinessConnection {
            id: id.to_owned(),
            user_id: member.user_id,
            team_id: member.team_id,
            can_reply,
            enabled,
        };
        self.store
            .save_business_connection(&connection, now())
            .await?;
        // Proposals come later with no word of the member's app: its language is kept now.
        if member.language.is_none() && user.language_code.is_some() {
            self.store.follow_app_language(member.user_id, lang).await?;
        }
        let lang = member.language.unwrap_or(lang);
        let text = match (enabled, can_reply) {
            (false, _) => crate::i18n::tr(lang, "business-disconnected"),
            (true, reply) => {
                let mut text = tr_args(
                    lang,
                    "business-connected",
                    &[("days", arg(i64::from(self.config.business_retention_days)))],
                );
                if !reply {
                    text = format!("{text}\n\n{}", crate::i18n::tr(lang, "business-no-reply"));
                }
                text
            }
        };
        Ok(vec![send(member.user_id, text)])
    }

    /// Logs a message of one of the member's chats, or runs the member's in-chat command, or
    /// proposes a new chat to the member.
    async fn business_message(
        &self,
        member: &Member,
        message: &BusinessMessage,
        edited: bool,
    ) -> anyhow::Result<Vec<Outgoing>> {
        // The member's own "Saved Messages" are nobody's.
        if message.chat.id == member.user_id {
            return Ok(Vec::new());
        }
        let outgoing = message.from_id == member.user_id;
        let known = self
            .store
            .business_chat(member.user_id, message.chat.id)
            .await?;
        if edited {
            if let Some(chat) = known.filter(|chat| chat.state != ChatState::Ignored) {
                let body = message_body(message);
                self.store
                    .edit_business_message(chat.id, message.message_id, &body)
                    .await?;
            }
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let chat = match known {
            Some(chat) => chat,
            // A chat with a teammate is work talk, not a client's.
            None if self
                .store
                .member(message.chat.id)
                .await?
                .is_some_and(|other| other.team_id == member.team_id) =>
            {
                return Ok(Vec::new());
            }
            None => match self.start_chat(member, message).await? {
                Some(chat) => {
                    if chat.state == ChatState::Proposed {
                        out.push(self.proposal(member, &chat));
                    }
                    chat
                }
                // Another instance started it a moment ago: this message goes to it too.
                None => match self
                    .store
                    .business_chat(member.user_id, message.chat.id)
                    .await?
                {
                    Some(chat) => chat,
                    None => return Ok(Vec::new()),
                },
            },
        };
        if chat.state == ChatState::Ignored {
            return Ok(out);
        }
        if outgoing
            && !message.by_bot
            && let Some(text) = &message.text
            && let Some(command) = self.in_chat_command(member, text).await?
        {
            out.extend(self.run_in_chat(member, &chat, command).await?);
            return Ok(out);
        }
        let body = message_body(message);
        let logged = LoggedMessage {
            message_id: message.message_id,
            outgoing,
            body: &body,
            file: message.file.as_ref(),
            at: message.at,
        };
        self.store.log_business_message(&chat, &logged).await?;
        Ok(out)
    }

    /// A chat seen for the first time: logged on the contact the person is (linked to the bot
    /// from their account, else with their username, else with the phone they shared), among
    /// those the member may see; else proposed. `None` when another update started it.
    async fn start_chat(
        &self,
        member: &Member,
        message: &BusinessMessage,
    ) -> anyhow::Result<Option<BusinessChat>> {
        let contact_id = self.contact_of_person(member, message).await?;
        let chat = BusinessChat {
            id: 0,
            team_id: member.team_id,
            user_id: member.user_id,
            chat_id: message.chat.id,
            name: message.chat.name.clone(),
            username: message.chat.username.clone(),
            contact_id,
            state: match contact_id {
                Some(_) => ChatState::Logged,
                None => ChatState::Proposed,
            },
        };
        Ok(self.store.open_business_chat(&chat, now()).await?)
    }

    async fn contact_of_person(
        &self,
        member: &Member,
        message: &BusinessMessage,
    ) -> anyhow::Result<Option<i64>> {
        let scope = scope_of(member);
        let by_id = self
            .store
            .contacts_by_telegram(scope, Some(message.chat.id), None, 1)
            .await?;
        if let Some(hit) = by_id.first() {
            return Ok(Some(hit.id));
        }
        if let Some(username) = &message.chat.username {
            let by_name = self
                .store
                .contacts_by_telegram(scope, None, Some(username), 1)
                .await?;
            if let Some(hit) = by_name.first() {
                return Ok(Some(hit.id));
            }
        }
        // A contact card shared in the chat, of the person themselves.
        let shared = message
            .shared_contact
            .as_ref()
            .filter(|shared| shared.user_id.is_none_or(|id| id == message.chat.id));
        if let Some(shared) = shared {
            let digits: String = shared.phone.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 7 {
                let tail = &digits[digits.len().saturating_sub(10)..];
                let by_phone = self.store.contacts_by_phone_digits(scope, tail, 1).await?;
                if let Some(hit) = by_phone.first() {
                    return Ok(Some(hit.id));
                }
            }
        }
        Ok(None)
    }

    /// "💬 New client in your Telegram: Ivan (@ivan)" with ➕ / 🔗 / 🙈.
    fn proposal(&self, member: &Member, chat: &BusinessChat) -> Outgoing {
        let lang = member.language.unwrap_or(Lang::En);
        let tr = |key: &str| crate::i18n::tr(lang, key);
        let text = tr_args(lang, "business-new-chat", &[("who", arg(person(chat)))]);
        let keyboard = Keyboard::none()
            .row(vec![Button::new(
                tr("button-business-add"),
                Action::BizAdd(chat.id),
            )])
            .row(vec![Button::new(
                tr("button-business-link"),
                Action::BizLink(chat.id),
            )])
            .row(vec![Button::new(
                tr("button-business-ignore"),
                Action::BizIgnore(chat.id),
            )]);
        Outgoing::Send {
            chat_id: member.user_id,
            text,
            keyboard,
        }
    }

    /// A turn in the member's private chat with the bot, for what a business update makes the
    /// bot say or ask there.
    fn member_turn<'a>(&self, incoming: &'a Incoming, member: &Member) -> Turn<'a> {
        Turn {
            incoming,
            member: Some(member.clone()),
            form: None,
            lang: member.language.unwrap_or(Lang::En),
            out: Vec::new(),
        }
    }
}

/// What the member's private chat with the bot receives when a business update speaks to them.
fn member_incoming(member: &Member, text: &str) -> Incoming {
    Incoming {
        chat_id: member.user_id,
        from: Sender {
            id: member.user_id,
            name: member.display_name.clone(),
            language_code: member.language.map(|lang| lang.code().to_owned()),
        },
        input: Input::Text(text.to_owned()),
    }
}

fn send(chat_id: i64, text: String) -> Outgoing {
    Outgoing::Send {
        chat_id,
        text,
        keyboard: Keyboard::none(),
    }
}

/// "Ivan (@ivan)", or the name alone.
fn person(chat: &BusinessChat) -> String {
    match &chat.username {
        Some(username) => format!("{} (@{username})", chat.name),
        None => chat.name.clone(),
    }
}

/// What a timeline entry says of a message: its text or caption, else the file's name or kind.
fn message_body(message: &BusinessMessage) -> String {
    if let Some(text) = message
        .text
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        return text.to_owned();
    }
    match &message.file {
        Some(file) => file
            .file_name
            .clone()
            .unwrap_or_else(|| file.kind.as_str().to_owned()),
        None => match &message.shared_contact {
            Some(shared) => shared.phone.clone(),
            None => String::new(),
        },
    }
}
