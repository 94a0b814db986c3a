//! A client's own chat with the bot: the one-time link that connects it to their card,
//! what a client may write (their manager is told), and the link button on the card.

use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::domain::Lang;
use crate::i18n::{arg, tr, tr_args};
use crate::store::{LinkedClient, Member};

/// How long after a rating the client's next message counts as its comment.
const COMMENT_WINDOW: i64 = 24 * 3600;

impl Core {
    /// `/start client_<token>`: links the chat to the contact and tells the manager.
    pub(in crate::chat) async fn link_client(
        &self,
        turn: &mut Turn<'_>,
        token: &str,
    ) -> anyhow::Result<()> {
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

    /// Text from someone who is not a member: `/stop` from a linked client unlinks them; plain
    /// `text` after a survey's rating is its comment; other text from a client gets a short
    /// explanation; anyone else is told this is a team's bot.
    pub(in crate::chat) async fn client_text(
        &self,
        turn: &mut Turn<'_>,
        is_stop: bool,
        text: Option<&str>,
    ) -> anyhow::Result<()> {
        let chat_id = turn.chat_id();
        if is_stop {
            let clients = self.store.unlink_client(chat_id, now()).await?;
            if clients.is_empty() {
                turn.not_member();
                return Ok(());
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
            turn.not_member();
            return Ok(());
        };
        if let Some(text) = text
            && let Some(feedback) = self
                .store
                .open_feedback(chat_id, now() - COMMENT_WINDOW)
                .await?
        {
            return self.survey_comment(turn, &feedback, text).await;
        }
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
    pub(in crate::chat) fn tell_manager(
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

    /// The card's 🔗 button: a fresh one-time link to send the client.
    pub(in crate::chat) async fn client_link(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        let token = crate::chat::new_link_token();
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
}
