//! Commands the member types in a client's chat: `.task tomorrow at 10 call back`,
//! `.note wants 50 chairs` (the prefix is the team's). The bot makes the task or note about
//! that client and confirms in its own chat; the client's chat is left as it is, and the
//! command is not logged as a message to the client.

use super::{member_incoming, send};
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::route::answers::Outcome;
use crate::chat::route::settle;
use crate::chat::view::now;
use crate::domain::{HistoryKind, Lang};
use crate::i18n::{arg, tr_args};
use crate::store::{BusinessChat, ChatState, Member};

/// The longest prefix a team may choose.
pub const PREFIX_MAX_CHARS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InChatCommand {
    Task(String),
    Note(String),
}

/// Reads `text` as a command after `prefix`: the prefix, a command word (English or
/// Russian) and the rest. Anything else is an ordinary message ("...", ".5 kg").
pub(super) fn parse_in_chat(prefix: &str, text: &str) -> Option<InChatCommand> {
    let rest = text.trim_start().strip_prefix(prefix)?;
    let (word, args) = match rest.split_once(char::is_whitespace) {
        Some((word, args)) => (word, args.trim()),
        None => (rest, ""),
    };
    match word.to_lowercase().as_str() {
        "task" | "remind" | "задача" | "напомни" => {
            Some(InChatCommand::Task(args.to_owned()))
        }
        "note" | "заметка" => Some(InChatCommand::Note(args.to_owned())),
        _ => None,
    }
}

/// A prefix as the team types it: 1 to 3 characters, no letters, digits or spaces (so an
/// ordinary word never reads as a command).
pub fn parse_prefix(typed: &str) -> Option<String> {
    let prefix = typed.trim();
    let count = prefix.chars().count();
    let plain = prefix
        .chars()
        .all(|c| !c.is_alphanumeric() && !c.is_whitespace());
    (1..=PREFIX_MAX_CHARS)
        .contains(&count)
        .then_some(prefix.to_owned())
        .filter(|_| plain)
}

impl Core {
    pub(super) async fn in_chat_command(
        &self,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Option<InChatCommand>> {
        let prefix = self.store.business_prefix(member.team_id).await?;
        Ok(parse_in_chat(&prefix, text))
    }

    /// Runs the member's command about the chat's contact; the confirmation (or the question
    /// a doubtful time raises) goes to the member's chat with the bot.
    pub(super) async fn run_in_chat(
        &self,
        member: &Member,
        chat: &BusinessChat,
        command: InChatCommand,
    ) -> anyhow::Result<Vec<Outgoing>> {
        let lang = member.language.unwrap_or(Lang::En);
        let contact_id = match (chat.state, chat.contact_id) {
            (ChatState::Logged, Some(contact_id)) => contact_id,
            _ => {
                let text = tr_args(
                    lang,
                    "business-command-no-contact",
                    &[("who", arg(chat.name.clone()))],
                );
                return Ok(vec![send(member.user_id, text)]);
            }
        };
        let typed = match &command {
            InChatCommand::Task(args) | InChatCommand::Note(args) => args.clone(),
        };
        let incoming = member_incoming(member, &typed);
        // With no form of its own, the turn leaves a form the member is filling alone, unless
        // a doubtful time needs their answer.
        let mut turn = self.member_turn(&incoming, member);
        let outcome = match command {
            InChatCommand::Task(what) => {
                self.add_task(&mut turn, member, &what, (Some(contact_id), None))
                    .await?
            }
            InChatCommand::Note(note) => {
                if let Some(note) = self.parse_note(&mut turn, &note) {
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
                    let text = tr_args(
                        lang,
                        "business-note-saved",
                        &[("who", arg(chat.name.clone()))],
                    );
                    turn.out.push(send(member.user_id, text));
                }
                Outcome::Keep
            }
        };
        settle(self, &mut turn, outcome).await?;
        Ok(turn.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_is_the_prefix_a_known_word_and_the_rest() {
        assert_eq!(
            parse_in_chat(".", ".task завтра в 10 перезвонить"),
            Some(InChatCommand::Task("завтра в 10 перезвонить".into()))
        );
        assert_eq!(
            parse_in_chat(".", ".note wants 50 chairs"),
            Some(InChatCommand::Note("wants 50 chairs".into()))
        );
        assert_eq!(
            parse_in_chat(".", ".Заметка  хочет 50 стульев"),
            Some(InChatCommand::Note("хочет 50 стульев".into()))
        );
        assert_eq!(
            parse_in_chat("!!", "!!task tomorrow call"),
            Some(InChatCommand::Task("tomorrow call".into()))
        );
    }

    #[test]
    fn ordinary_messages_are_not_commands() {
        for text in [
            "...",
            ".5 kg please",
            "task tomorrow",
            ". task",
            "!task x",
            "",
        ] {
            assert_eq!(parse_in_chat(".", text), None, "{text:?}");
        }
    }

    #[test]
    fn a_prefix_is_one_to_three_signs() {
        assert_eq!(parse_prefix(" ! "), Some("!".into()));
        assert_eq!(parse_prefix("//"), Some("//".into()));
        for typed in ["", "a", "1", ". .", "....", "x!"] {
            assert_eq!(parse_prefix(typed), None, "{typed:?}");
        }
    }
}
