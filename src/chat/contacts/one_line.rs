//! Which contact a one-line command names by its first words (`/call`, `/note`, `/meeting`,
//! `/deal`, `/meet`), and picking among several without losing what was typed after the name.
//!
//! ```text
//! manager: /call Ivan reached 5 min wants the price
//! bot:     Several contacts match “Ivan”; the call is logged to the one you pick:
//!          [Ivan Petrov] [Ivan Sidorov]
//! ```

use crate::chat::choices::ContactCommand;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::search::{LeadingMatch, leading_match};
use crate::domain::{HistoryKind, name_key};
use crate::i18n::{arg, tr_args};
use crate::store::{ContactHit, Member};

/// The contact is named by at most this many leading words.
const NAME_WORDS: usize = 3;
/// Contacts offered to pick from.
const CHOICES: usize = 10;

/// What the leading words of a command name.
enum Named {
    One(ContactHit, String),
    /// Equally good matches, named by this many leading words.
    Several(Vec<ContactHit>, usize),
    Nothing,
}

impl Core {
    /// Splits `args` into a contact the member can see, named by its first words, and the
    /// rest of the line. An exact or clearly best match is taken; when several match equally
    /// the member picks one by a button, and the rest of the line waits in the open question.
    pub(in crate::chat) async fn resolve_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
        command: ContactCommand,
    ) -> anyhow::Result<Result<(ContactHit, String), Outcome>> {
        let words: Vec<&str> = args.split_whitespace().collect();
        if words.is_empty() {
            let text = turn.tr(command.usage_key());
            turn.send(text, Keyboard::none());
            return Ok(Err(Outcome::Done));
        }
        match self.named_contact(member, &words).await? {
            Named::One(hit, rest) => Ok(Ok((hit, rest))),
            Named::Nothing => {
                let text = tr_args(
                    turn.lang,
                    "contact-not-matched",
                    &[("query", arg(words[0]))],
                );
                let usage = turn.tr(command.usage_key());
                turn.send(format!("{text}\n{usage}"), Keyboard::none());
                Ok(Err(Outcome::Done))
            }
            Named::Several(hits, name_words) => {
                let keyboard = hits.iter().take(CHOICES).fold(Keyboard::none(), |k, hit| {
                    k.row(vec![Button::new(
                        hit.name.clone(),
                        Action::PickContact(hit.id),
                    )])
                });
                let text = tr_args(
                    turn.lang,
                    "contact-pick",
                    &[("query", arg(words[..name_words].join(" ")))],
                );
                turn.send(text, keyboard);
                Ok(Err(Outcome::Ask(Conversation::PickContact {
                    command,
                    rest: words[name_words..].join(" "),
                })))
            }
        }
    }

    /// The contacts the leading words name, best first: the most words matched, then the most
    /// matched exactly. A contact found otherwise (by phone, email, its company) is taken only
    /// when it is the only one found.
    async fn named_contact(&self, member: &Member, words: &[&str]) -> anyhow::Result<Named> {
        let leading: Vec<&str> = words.iter().take(NAME_WORDS).copied().collect();
        let keys: Vec<String> = leading.iter().map(|w| name_key(w)).collect();
        let mut found: Vec<ContactHit> = Vec::new();
        let mut only_hit: Option<(ContactHit, usize)> = None;
        for k in (1..=leading.len()).rev() {
            let hits = self.search(member, &leading[..k].join(" ")).await?;
            if let ([hit], None) = (hits.as_slice(), &only_hit) {
                only_hit = Some((hit.clone(), k));
            }
            for hit in hits {
                if !found.iter().any(|seen| seen.id == hit.id) {
                    found.push(hit);
                }
            }
        }
        let mut ranked: Vec<(LeadingMatch, ContactHit)> = found
            .into_iter()
            .map(|hit| (leading_match(&keys, &hit.name_key), hit))
            .filter(|(quality, _)| quality.words > 0)
            .collect();
        ranked.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
        let Some((best, _)) = ranked.first() else {
            return Ok(match only_hit {
                Some((hit, k)) => Named::One(hit, words[k..].join(" ")),
                None => Named::Nothing,
            });
        };
        let best = *best;
        let mut tied: Vec<ContactHit> = ranked
            .into_iter()
            .take_while(|(quality, _)| *quality == best)
            .map(|(_, hit)| hit)
            .collect();
        if tied.len() == 1 {
            let hit = tied.remove(0);
            return Ok(Named::One(hit, words[best.words..].join(" ")));
        }
        Ok(Named::Several(tied, best.words))
    }

    /// A contact picked among several: the command typed before runs on it with the rest of
    /// its line. Without the command (answered or replaced since), the card opens.
    pub(in crate::chat) async fn pick_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(Conversation::PickContact { command, rest }) = self.open_question(turn).await?
        else {
            self.open_card(turn, member, id, false).await?;
            return Ok(Outcome::Keep);
        };
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(Outcome::Keep);
        }
        self.run_contact_command(turn, member, command, id, &rest)
            .await
    }

    async fn run_contact_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        command: ContactCommand,
        contact_id: i64,
        rest: &str,
    ) -> anyhow::Result<Outcome> {
        match command {
            ContactCommand::Call => self.call_with(turn, member, contact_id, rest).await,
            ContactCommand::Note => {
                self.entry_with(turn, member, contact_id, rest, HistoryKind::Note)
                    .await
            }
            ContactCommand::Meeting => {
                self.entry_with(turn, member, contact_id, rest, HistoryKind::Meeting)
                    .await
            }
            ContactCommand::Deal => self.open_deal(turn, member, contact_id, rest).await,
            ContactCommand::Meet => self.book_appointment(turn, member, contact_id, rest).await,
        }
    }
}
