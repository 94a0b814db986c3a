//! What the member decides about their chats: the new-chat proposal's ➕ / 🔗 / 🙈, and
//! `/settings → 💬 Telegram Business` (ignored chats, deletions, the in-chat command prefix,
//! erasing a contact's logged messages).

use super::in_chat::parse_prefix;
use super::person;
use crate::chat::ask::ask;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, ActionKind};
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::domain::{ContactName, InputError};
use crate::i18n::{arg, tr_args};
use crate::store::{BusinessChat, ChatState, Member, NewContact};

/// How many contacts a typed name offers as buttons.
const CANDIDATES: usize = 8;

impl Core {
    /// The chat `chat_ref` if it is one of the member's own, in `state`; otherwise the button
    /// is reported as out of date (another member's chat does not exist for them).
    async fn own_chat(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
        state: ChatState,
    ) -> anyhow::Result<Option<BusinessChat>> {
        let chat = self.store.business_chat_by_id(chat_ref).await?;
        match chat.filter(|chat| chat.user_id == member.user_id && chat.state == state) {
            Some(chat) => Ok(Some(chat)),
            None => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(None)
            }
        }
    }

    /// ➕ Add as a lead: a lead of the member, named as Telegram shows the person, with the
    /// chat's messages so far.
    pub(in crate::chat) async fn business_add(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(chat) = self
            .own_chat(turn, member, chat_ref, ChatState::Proposed)
            .await?
        else {
            return Ok(Outcome::Keep);
        };
        let name = [Some(chat.name.as_str()), chat.username.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|name| ContactName::parse(name).ok())
            .or_else(|| ContactName::parse(&format!("Telegram {}", chat.chat_id)).ok());
        let Some(name) = name else {
            return Ok(Outcome::Keep);
        };
        let contact = NewContact {
            name,
            phones: Vec::new(),
            emails: Vec::new(),
        };
        let Some(contact_id) = self
            .store
            .add_business_chat_as_lead(&chat, &contact, now())
            .await?
        else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, "business-added", &[("who", arg(person(&chat)))]);
        turn.show(text, Keyboard::none());
        self.open_card(turn, member, contact_id, false).await?;
        Ok(Outcome::Done)
    }

    /// 🔗 Link to a contact: asks who the person is.
    pub(in crate::chat) async fn business_link(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(chat) = self
            .own_chat(turn, member, chat_ref, ChatState::Proposed)
            .await?
        else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(
            turn.lang,
            "business-link-ask",
            &[("who", arg(person(&chat)))],
        );
        Ok(ask(turn, text, Conversation::BusinessLinkName { chat_ref }))
    }

    /// The name typed after 🔗: the contacts it finds, each a button that links the chat.
    pub(in crate::chat) async fn business_link_search(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        self.offer_contacts(turn, member, typed, |id| Action::BizLinkTo(chat_ref, id))
            .await
    }

    /// Contacts named like `typed` that the member may see, offered as buttons of `action`
    /// (a note when there are none); the question stays open for another name.
    async fn offer_contacts(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        typed: &str,
        action: impl Fn(i64) -> Action,
    ) -> anyhow::Result<Outcome> {
        let mut hits = self.search(member, typed.trim()).await?;
        hits.truncate(CANDIDATES);
        if hits.is_empty() {
            let text = tr_args(
                turn.lang,
                "find-nothing-plain",
                &[("query", arg(typed.trim()))],
            );
            turn.send(text, Keyboard::none());
        }
        let keyboard = hits.into_iter().fold(Keyboard::none(), |keyboard, hit| {
            keyboard.row(vec![Button::new(hit.name, action(hit.id))])
        });
        let keyboard = keyboard.row(vec![Button::new(turn.tr("button-cancel"), Action::Cancel)]);
        turn.send(turn.tr("business-pick-contact"), keyboard);
        Ok(Outcome::Keep)
    }

    /// A contact picked after 🔗: the chat is logged on it from now on, with what it kept.
    pub(in crate::chat) async fn business_link_to(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
        contact_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(chat) = self
            .own_chat(turn, member, chat_ref, ChatState::Proposed)
            .await?
        else {
            return Ok(Outcome::Keep);
        };
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        if !self
            .store
            .log_business_chat_on(chat.id, contact.id, now())
            .await?
        {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        let text = tr_args(
            turn.lang,
            "business-linked",
            &[("who", arg(person(&chat))), ("name", arg(contact.name))],
        );
        turn.show(text, Keyboard::none());
        Ok(Outcome::Done)
    }

    /// 🙈 Ignore this chat: never logged; undone in /settings.
    pub(in crate::chat) async fn business_ignore(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
    ) -> anyhow::Result<()> {
        let Some(chat) = self
            .own_chat(turn, member, chat_ref, ChatState::Proposed)
            .await?
        else {
            return Ok(());
        };
        self.store.ignore_business_chat(chat.id, now()).await?;
        let text = tr_args(
            turn.lang,
            "business-ignored",
            &[("who", arg(person(&chat)))],
        );
        turn.show(text, Keyboard::none());
        Ok(())
    }

    /// `/settings → 💬 Telegram Business`: whether the account is connected, what is kept and
    /// for how long, and the member's choices.
    pub(in crate::chat) async fn business_settings(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let connection = self.store.business_connection_of(member.user_id).await?;
        let follows = self.store.follows_deletions(member.user_id).await?;
        let prefix = self.store.business_prefix(member.team_id).await?;
        let ignored = self
            .store
            .business_chats_in(member.user_id, ChatState::Ignored)
            .await?;
        let status = match &connection {
            Some(connection) if connection.can_reply => turn.tr("business-status-on"),
            Some(_) => turn.tr("business-status-on-no-reply"),
            None => turn.tr("business-status-off"),
        };
        let deletions = match follows {
            true => turn.tr("business-deletions-erase"),
            false => turn.tr("business-deletions-mark"),
        };
        let text = tr_args(
            turn.lang,
            "business-settings",
            &[
                ("status", arg(status)),
                ("days", arg(i64::from(self.config.business_retention_days))),
                ("deletions", arg(deletions)),
                ("prefix", arg(prefix.clone())),
                ("ignored", arg(ignored.len() as i64)),
            ],
        );
        let mut keyboard = Keyboard::none().row(vec![Button::new(
            turn.tr(match follows {
                true => "button-business-mark-deletions",
                false => "button-business-follow-deletions",
            }),
            Action::BizDeletions,
        )]);
        for chat in &ignored {
            let label = tr_args(
                turn.lang,
                "button-business-unignore",
                &[("who", arg(person(chat)))],
            );
            keyboard = keyboard.row(vec![Button::new(label, Action::BizUnignore(chat.id))]);
        }
        if ActionKind::BizPrefix.allows(member.role) {
            let label = tr_args(
                turn.lang,
                "button-business-prefix",
                &[("prefix", arg(prefix))],
            );
            keyboard = keyboard.row(vec![Button::new(label, Action::BizPrefix)]);
        }
        keyboard = keyboard
            .row(vec![Button::new(
                turn.tr("button-business-erase"),
                Action::BizErase,
            )])
            .row(vec![Button::new(turn.tr("button-back"), Action::Settings)]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// ↩️ on an ignored chat: its next message is proposed again.
    pub(in crate::chat) async fn business_unignore(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        chat_ref: i64,
    ) -> anyhow::Result<()> {
        if let Some(chat) = self
            .own_chat(turn, member, chat_ref, ChatState::Ignored)
            .await?
        {
            self.store.unignore_business_chat(chat.id).await?;
        }
        self.business_settings(turn, member).await
    }

    /// Switches between marking and erasing what the member deletes in Telegram.
    pub(in crate::chat) async fn business_deletions(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let follows = self.store.follows_deletions(member.user_id).await?;
        self.store
            .set_follows_deletions(member.user_id, !follows)
            .await?;
        self.business_settings(turn, member).await
    }

    pub(in crate::chat) fn business_prefix_ask(&self, turn: &mut Turn<'_>) -> Outcome {
        let text = turn.tr("business-prefix-ask");
        ask(turn, text, Conversation::BusinessPrefix)
    }

    /// The team's new prefix of in-chat commands (owner, lead).
    pub(in crate::chat) async fn set_business_prefix(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        let Some(prefix) = parse_prefix(typed) else {
            let text = turn.tr("business-prefix-invalid");
            turn.send(text, Keyboard::none());
            return Ok(Outcome::Keep);
        };
        self.store
            .set_business_prefix(member.team_id, &prefix)
            .await?;
        let text = tr_args(turn.lang, "business-prefix-set", &[("prefix", arg(prefix))]);
        turn.send(text, Keyboard::none());
        self.business_settings(turn, member).await?;
        Ok(Outcome::Done)
    }

    /// 🧹 Erase a contact's messages: asks whose.
    pub(in crate::chat) fn business_erase_ask(&self, turn: &mut Turn<'_>) -> Outcome {
        let text = turn.tr("business-erase-ask");
        ask(turn, text, Conversation::BusinessEraseName)
    }

    pub(in crate::chat) async fn business_erase_search(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        self.offer_contacts(turn, member, typed, Action::BizEraseAsk)
            .await
    }

    /// Asks once more before erasing: it cannot be undone.
    pub(in crate::chat) async fn business_erase_confirm(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "business-erase-confirm",
            &[("name", arg(contact.name))],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(
                turn.tr("button-business-erase-yes"),
                Action::BizEraseYes(contact_id),
            ),
            Button::new(turn.tr("button-back"), Action::Business),
        ]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// Erases every message logged from Telegram chats on the contact (a client asked to be
    /// forgotten), whoever's chat it came from.
    pub(in crate::chat) async fn business_erase(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.visible_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let erased = self.store.erase_logged_messages(contact.id).await?;
        let text = tr_args(
            turn.lang,
            "business-erased",
            &[("count", arg(erased as i64)), ("name", arg(contact.name))],
        );
        turn.show(text, Keyboard::none());
        Ok(Outcome::Done)
    }
}

/// A refused text for the ✍️ message: empty or over Telegram's limit.
pub(super) fn message_text(typed: &str) -> Result<String, InputError> {
    const LIMIT: usize = 4096;
    let text = typed.trim();
    if text.is_empty() {
        Err(InputError::TextEmpty)
    } else if text.chars().count() > LIMIT {
        Err(InputError::TextTooLong { max: LIMIT })
    } else {
        Ok(text.to_owned())
    }
}
