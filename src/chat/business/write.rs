//! ✍️ on a contact's card: a message to the client sent from the member's own Telegram
//! account through their business connection, when the member let the bot reply. It is logged
//! like any message of the chat once Telegram reports it.

use super::chats::message_text;
use super::send;
use crate::chat::ask::ask;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::Keyboard;
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::turn::Turn;
use crate::i18n::{arg, tr_args};
use crate::store::{BusinessChat, BusinessConnection, Member};

impl Core {
    /// The member's connection that may reply, and their chat logged on the contact; else
    /// says what is missing.
    async fn writable_chat(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<Option<(BusinessConnection, BusinessChat)>> {
        let connection = self.store.business_connection_of(member.user_id).await?;
        let chat = self
            .store
            .business_chat_on_contact(member.user_id, contact_id)
            .await?;
        let key = match (connection, chat) {
            (Some(connection), Some(chat)) if connection.can_reply => {
                return Ok(Some((connection, chat)));
            }
            (Some(_), Some(_)) => "business-no-reply",
            _ => "business-no-chat",
        };
        let text = turn.tr(key);
        turn.send(text, Keyboard::none());
        Ok(None)
    }

    pub(in crate::chat) async fn business_write_ask(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let Some((_, chat)) = self.writable_chat(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(
            turn.lang,
            "business-write-ask",
            &[("name", arg(contact.name)), ("who", arg(chat.name))],
        );
        Ok(ask(turn, text, Conversation::BusinessWrite { contact_id }))
    }

    /// Sends the typed text to the client as the member; should Telegram refuse (the member
    /// took the right away), the member is told instead.
    pub(in crate::chat) async fn business_write(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        let text = match message_text(typed) {
            Ok(text) => text,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        let Some((connection, chat)) = self.writable_chat(turn, member, contact_id).await? else {
            return Ok(Outcome::Done);
        };
        let sent = tr_args(turn.lang, "business-write-sent", &[("who", arg(chat.name))]);
        let refused = turn.tr("business-write-refused");
        turn.out.push(Outgoing::SendAsMember {
            connection_id: connection.id,
            chat_id: chat.chat_id,
            text,
            sent: Box::new(send(member.user_id, sent)),
            refused: Box::new(send(member.user_id, refused)),
        });
        Ok(Outcome::Done)
    }
}
