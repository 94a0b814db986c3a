//! What a client sends lands on the card: a message the member forwards to the bot becomes a
//! note, and a photo, document, voice note or video sent or forwarded becomes a file on the
//! card (listed on the timeline, sent again by a button). The bot proposes the contact the
//! forward's sender is (by Telegram account, username, then name) and files it in one tap.
//!
//! ```text
//! manager: (forwards Ivan's "Send me the price list")
//! bot:     Forwarded from Ivan Petrov. Which card?   [👤 Ivan Petrov] [🔎 Another]
//! manager: (taps Ivan Petrov)
//! bot:     Filed on Ivan Petrov's card.
//! ```

use crate::chat::context::Core;
use crate::chat::io::{Origin, Outgoing};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{now, scope_of};
use crate::domain::{FileKind, HistoryKind, SharedFile};
use crate::i18n::{arg, tr_args};
use crate::store::{ContactHit, Member};

/// Contacts proposed as buttons.
const CANDIDATES: usize = 5;
/// The longest forwarded text kept (Telegram's own limit on a message); a longer one is cut
/// with an ellipsis.
const FORWARD_MAX_CHARS: usize = 4096;

/// What waits for the member to choose its contact.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InboxItem {
    /// A forwarded text, filed as a note saying whom it is from and when they wrote it.
    Message { from: String, at: i64, text: String },
    /// A file, filed on the card by its Telegram id.
    File { file: SharedFile },
}

/// `text` cut to [`FORWARD_MAX_CHARS`], marked with "…" when cut.
fn bounded(text: &str) -> String {
    if text.chars().count() <= FORWARD_MAX_CHARS {
        return text.to_owned();
    }
    let cut = (text.char_indices())
        .nth(FORWARD_MAX_CHARS - 1)
        .map_or(text.len(), |(cut, _)| cut);
    format!("{}…", &text[..cut])
}

pub(in crate::chat) fn file_kind_label(turn: &Turn<'_>, kind: FileKind) -> String {
    turn.tr(&format!("file-kind-{}", kind.as_str()))
}

impl Core {
    /// A message the member forwarded: asks which contact's card it goes on.
    pub(in crate::chat) async fn inbox_forwarded(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        origin: &Origin,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let item = InboxItem::Message {
            from: origin.name.clone(),
            at: origin.at,
            text: bounded(text),
        };
        let intro = tr_args(
            turn.lang,
            "inbox-forwarded",
            &[("name", arg(origin.name.clone()))],
        );
        let candidates = self.origin_candidates(member, Some(origin)).await?;
        self.offer_candidates(turn, intro, &candidates);
        Ok(Outcome::Ask(Conversation::Inbox { item }))
    }

    /// A file sent or forwarded to the bot: asks which contact's card it goes on.
    pub(in crate::chat) async fn inbox_file(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        file: &SharedFile,
        origin: Option<&Origin>,
    ) -> anyhow::Result<Outcome> {
        let label = file
            .label()
            .map_or_else(|| file_kind_label(turn, file.kind), str::to_owned);
        let intro = tr_args(turn.lang, "inbox-file", &[("file", arg(label))]);
        let candidates = self.origin_candidates(member, origin).await?;
        self.offer_candidates(turn, intro, &candidates);
        let item = InboxItem::File { file: file.clone() };
        Ok(Outcome::Ask(Conversation::Inbox { item }))
    }

    /// The contacts the member may see that the forward's sender may be: linked to the bot
    /// from their account or having their username first, then those matching their name.
    async fn origin_candidates(
        &self,
        member: &Member,
        origin: Option<&Origin>,
    ) -> anyhow::Result<Vec<ContactHit>> {
        let Some(origin) = origin else {
            return Ok(Vec::new());
        };
        let mut candidates = Vec::new();
        if origin.user_id.is_some() || origin.username.is_some() {
            candidates = self
                .store
                .contacts_by_telegram(
                    scope_of(member),
                    origin.user_id,
                    origin.username.as_deref(),
                    CANDIDATES as i64,
                )
                .await?;
        }
        if !origin.name.trim().is_empty() {
            for hit in self.search(member, origin.name.trim()).await? {
                if !candidates.iter().any(|known| known.id == hit.id) {
                    candidates.push(hit);
                }
            }
        }
        candidates.truncate(CANDIDATES);
        Ok(candidates)
    }

    /// `intro`, then the question, with a button for each candidate and 🔎 Another.
    fn offer_candidates(&self, turn: &mut Turn<'_>, intro: String, candidates: &[ContactHit]) {
        let question = match candidates.is_empty() {
            true => turn.tr("inbox-type-name"),
            false => turn.tr("inbox-which"),
        };
        let keyboard = candidates
            .iter()
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(
                    format!("👤 {}", hit.name),
                    Action::FileInbox(hit.id),
                )])
            })
            .row(vec![
                Button::new(turn.tr("button-inbox-another"), Action::InboxSearch),
                Button::new(turn.tr("button-cancel"), Action::Cancel),
            ]);
        let text = match intro.is_empty() {
            true => question,
            false => format!("{intro}\n{question}"),
        };
        turn.send(text, keyboard);
    }

    /// 🔎 Another: the next text names the contact.
    pub(in crate::chat) async fn ask_inbox_name(&self, turn: &mut Turn<'_>) -> anyhow::Result<()> {
        match self.open_question(turn).await? {
            Some(Conversation::Inbox { .. }) => {
                let text = turn.tr("inbox-type-name");
                turn.send(text, Keyboard::none());
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
            }
        }
        Ok(())
    }

    /// A name typed while something waits for its contact: the matching contacts to choose
    /// from. The item keeps waiting.
    pub(in crate::chat) async fn inbox_search(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        let mut hits = self.search(member, typed.trim()).await?;
        hits.truncate(CANDIDATES);
        let intro = match hits.is_empty() {
            true => tr_args(
                turn.lang,
                "find-nothing-plain",
                &[("query", arg(typed.trim()))],
            ),
            false => String::new(),
        };
        self.offer_candidates(turn, intro, &hits);
        Ok(Outcome::Keep)
    }

    /// Files what waits in the open question on the contact, if the member may work on it.
    pub(in crate::chat) async fn file_inbox(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(Conversation::Inbox { item }) = self.open_question(turn).await? else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let filed = tr_args(turn.lang, "inbox-filed", &[("name", arg(contact.name))]);
        match item {
            InboxItem::Message { from, at, text } => {
                let note = tr_args(
                    turn.lang,
                    "inbox-forwarded-note",
                    &[
                        ("name", arg(from)),
                        ("when", arg(self.moment(member, at))),
                        ("text", arg(text)),
                    ],
                );
                self.store
                    .add_history(
                        contact_id,
                        member.user_id,
                        HistoryKind::Note,
                        None,
                        Some(&note),
                        now(),
                    )
                    .await?;
                turn.show(filed, Keyboard::none());
            }
            InboxItem::File { file } => {
                let id = self
                    .store
                    .add_attachment(
                        member.team_id,
                        contact_id,
                        None,
                        member.user_id,
                        &file,
                        now(),
                    )
                    .await?;
                // The file may belong to one of the contact's open deals too.
                let deals = self
                    .store
                    .contact_open_deals(contact_id, scope_of(member).owner_id)
                    .await?;
                let keyboard =
                    deals
                        .iter()
                        .take(CANDIDATES)
                        .fold(Keyboard::none(), |keyboard, deal| {
                            keyboard.row(vec![Button::new(
                                format!("💼 {}", deal.title),
                                Action::AttachToDeal(id, deal.id),
                            )])
                        });
                let text = match deals.is_empty() {
                    true => filed,
                    false => format!("{filed}\n{}", turn.tr("inbox-also-deal")),
                };
                turn.show(text, keyboard);
            }
        }
        self.open_card(turn, member, contact_id, false).await?;
        Ok(Outcome::Done)
    }

    /// Files a file already on a contact's card on one of its open deals too.
    pub(in crate::chat) async fn attach_to_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        attachment_id: i64,
        deal_id: i64,
    ) -> anyhow::Result<()> {
        let Some(attachment) = self.visible_attachment(turn, member, attachment_id).await? else {
            return Ok(());
        };
        let Some(deal) = self.open_deal_only(turn, member, deal_id).await? else {
            return Ok(());
        };
        if deal.contact.as_ref().map(|(id, _)| *id) != Some(attachment.contact_id) {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        self.store.attach_to_deal(attachment.id, deal.id).await?;
        let text = tr_args(turn.lang, "inbox-on-deal", &[("title", arg(deal.title))]);
        turn.show(text, Keyboard::none());
        Ok(())
    }

    /// 📎 on the timeline: sends the stored file again.
    pub(in crate::chat) async fn send_attachment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        if let Some(attachment) = self.visible_attachment(turn, member, id).await? {
            let chat_id = turn.chat_id();
            turn.out.push(Outgoing::SharedFile {
                chat_id,
                file: attachment.file,
            });
        }
        Ok(())
    }

    /// The attachment if the member may see the contact whose card it is on, and, for a file
    /// from a member's own Telegram chat, that member's logged messages.
    async fn visible_attachment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<crate::store::Attachment>> {
        let attachment = self.store.attachment(id).await?.filter(|attachment| {
            attachment
                .logged_by
                .is_none_or(|author| author == member.user_id || member.role.sees_all_contacts())
        });
        let Some(attachment) = attachment else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(None);
        };
        Ok(self
            .visible_contact(turn, member, attachment.contact_id)
            .await?
            .map(|_| attachment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_forward_is_cut_with_an_ellipsis_and_a_short_one_kept() {
        assert_eq!(bounded("привет"), "привет");
        let long = "я".repeat(FORWARD_MAX_CHARS + 10);
        let cut = bounded(&long);
        assert_eq!(cut.chars().count(), FORWARD_MAX_CHARS);
        assert!(cut.ends_with('…'));
        let exact = "a".repeat(FORWARD_MAX_CHARS);
        assert_eq!(bounded(&exact), exact);
    }
}
