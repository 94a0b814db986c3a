//! `/call` and `/note` typed in one message, naming the contact in the first words.
//!
//! ```text
//! manager: /call Petrov reached wants the price list
//! bot:     Call logged. (the card, its last activity being this call)
//! manager: /note Ivan Petrov prefers WhatsApp
//! bot:     Note saved. (the card)
//! ```

use super::contacts::{CallOutcome, now};
use super::{Action, Button, Core, Keyboard, Turn};
use crate::i18n::{arg, tr_args};
use crate::store::{ContactHit, HistoryKind, Member};

/// The contact is named by at most this many leading words.
const NAME_WORDS: usize = 3;

impl Core {
    /// Splits `args` into a contact the member can see, named by its first words, and the
    /// rest. Tries the longest name first; several matches are listed to choose from.
    async fn resolve_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
        usage_key: &str,
    ) -> anyhow::Result<Option<(ContactHit, String)>> {
        let words: Vec<&str> = args.split_whitespace().collect();
        if words.is_empty() {
            let text = turn.tr(usage_key);
            turn.send(text, Keyboard::none());
            return Ok(None);
        }
        let mut several: Vec<ContactHit> = Vec::new();
        for k in (1..=words.len().min(NAME_WORDS)).rev() {
            let hits = self.search(member, &words[..k].join(" ")).await?;
            if let [hit] = hits.as_slice() {
                return Ok(Some((hit.clone(), words[k..].join(" "))));
            }
            if several.is_empty() || (!hits.is_empty() && hits.len() < several.len()) {
                several = hits;
            }
        }
        if several.is_empty() {
            let text = tr_args(
                turn.lang,
                "contact-not-matched",
                &[("query", arg(words[0]))],
            );
            turn.send(format!("{text}\n{}", turn.tr(usage_key)), Keyboard::none());
            return Ok(None);
        }
        let keyboard = several
            .iter()
            .take(10)
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(
                    hit.name.clone(),
                    Action::OpenCard(hit.id),
                )])
            });
        let text = turn.tr("contact-ambiguous");
        turn.send(text, keyboard);
        Ok(None)
    }

    pub(super) async fn note_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<()> {
        let Some((contact, rest)) = self
            .resolve_contact(turn, member, args, "note-usage")
            .await?
        else {
            return Ok(());
        };
        let Some(note) = self.parse_note(turn, &rest) else {
            return Ok(());
        };
        self.store
            .add_history(
                contact.id,
                member.user_id,
                HistoryKind::Note,
                None,
                Some(&note),
                now(),
            )
            .await?;
        let done = turn.tr("note-saved");
        turn.send(done, Keyboard::none());
        self.open_card(turn, member, contact.id, false).await
    }

    pub(super) async fn call_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<()> {
        let Some((contact, rest)) = self
            .resolve_contact(turn, member, args, "call-usage")
            .await?
        else {
            return Ok(());
        };
        match CallOutcome::from_words(&rest) {
            None if rest.is_empty() => self.ask_call_outcome(turn, member, contact.id).await,
            None => {
                let text = turn.tr("call-usage");
                turn.send(text, Keyboard::none());
                Ok(())
            }
            Some((outcome, "")) => self.log_call(turn, member, contact.id, outcome).await,
            Some((outcome, note)) => {
                let Some(note) = self.parse_note(turn, note) else {
                    return Ok(());
                };
                self.store
                    .add_history(
                        contact.id,
                        member.user_id,
                        HistoryKind::Call,
                        Some(outcome.stored()),
                        Some(&note),
                        now(),
                    )
                    .await?;
                let done = turn.tr("call-saved");
                turn.send(done, Keyboard::none());
                self.open_card(turn, member, contact.id, false).await
            }
        }
    }
}
