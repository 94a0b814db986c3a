//! Where every update enters the core and finds its handler. An update is read into what it
//! asks for (a command, a button, an answer to the open question, other input), the gate
//! checks the rule its table row gives, the row's handler runs, and the handler's outcome
//! decides the member's open question. The tables:
//!
//! - [`commands`]: `/name` → handler, with who may use it and where;
//! - [`buttons`]: callback data tag → handler, with who may press it;
//! - [`answers`]: open question → handler of the typed answer, with who may still answer;
//! - [`read`] and [`other`] below: plain text, inline queries, files and what is left.

pub mod answers;
pub mod buttons;
pub(in crate::chat) mod codec;
pub mod commands;
mod rows;

use crate::chat::context::Core;
use crate::chat::gate::{self, Place, Rule, Verdict, Who};
use crate::chat::io::{FileProblem, Incoming, Input, Origin, Outgoing};
use crate::chat::keyboard::Keyboard;
use crate::chat::turn::Turn;
use crate::domain::{Lang, SharedFile};
use answers::{Conversation, Outcome};
use buttons::{Action, ActionKind};
use commands::Command;

/// What an update asks for, read before the gate decides whether it may.
enum Request<'a> {
    Command(Command),
    /// Plain text in a private chat, with the member's open question if there is one.
    Text(&'a str, Option<Conversation>),
    /// Anything but a command in a group: people talking to each other.
    Chatter,
    Inline {
        query_id: &'a str,
        query: &'a str,
    },
    Document {
        file_name: &'a str,
        content: Result<&'a [u8], &'a FileProblem>,
    },
    /// A message the member forwarded, to file on a card.
    Forwarded {
        origin: &'a Origin,
        text: &'a str,
    },
    /// A file to file on a card.
    File {
        file: &'a SharedFile,
        origin: Option<&'a Origin>,
    },
    Unsupported,
    Button(Action),
    /// Button data that does not decode: an old button, or a forged one.
    StaleButton,
}

impl Request<'_> {
    /// Who may ask for it, and where: the tables' rules, and those of other input.
    fn rule(&self) -> Rule {
        match self {
            Request::Command(command) => command.rule(),
            Request::Text(_, Some(conversation)) => conversation.rule(),
            Request::Button(action) => ActionKind::from(action).rule(),
            Request::Chatter => Rule::group(Who::Anyone),
            Request::Text(_, None)
            | Request::Inline { .. }
            | Request::Document { .. }
            | Request::Forwarded { .. }
            | Request::File { .. }
            | Request::Unsupported
            | Request::StaleButton => Rule::private(Who::Member),
        }
    }
}

impl Core {
    /// Handles one update. Never fails: an internal error is logged and the user told to retry,
    /// and every button press and inline query is answered so no spinner is left turning.
    #[tracing::instrument(name = "update", skip_all, fields(user = incoming.from.id, chat = incoming.chat_id))]
    pub async fn handle(&self, incoming: &Incoming) -> Vec<Outgoing> {
        let lang = Lang::from_telegram(incoming.from.language_code.as_deref());
        let mut turn = Turn {
            incoming,
            member: None,
            form: None,
            lang,
            out: Vec::new(),
        };
        if let Err(error) = dispatch(self, &mut turn).await {
            tracing::error!("handling an update failed: {error:#}");
            turn.out.clear();
            let text = turn.tr("error-internal");
            turn.notice(text);
        }
        if let Input::Inline { query_id, .. } = &incoming.input {
            let answered = turn
                .out
                .iter()
                .any(|o| matches!(o, Outgoing::InlineResults { .. }));
            if !answered {
                turn.out.push(Outgoing::InlineResults {
                    query_id: query_id.clone(),
                    results: Vec::new(),
                });
            }
        }
        if let Input::Button { callback_id, .. } = &incoming.input {
            let answered = turn
                .out
                .iter()
                .any(|o| matches!(o, Outgoing::AnswerButton { .. }));
            if !answered {
                turn.out.insert(
                    0,
                    Outgoing::AnswerButton {
                        callback_id: callback_id.clone(),
                        text: None,
                    },
                );
            }
        }
        turn.out
    }

    /// The member's open question as it stood when the update arrived: read with the member,
    /// so a button that finishes it needs no second query.
    pub(crate) async fn open_question(
        &self,
        turn: &Turn<'_>,
    ) -> anyhow::Result<Option<Conversation>> {
        match (&turn.member, &turn.form) {
            (Some(member), Some(json)) => read_conversation(self, member.user_id, json).await,
            _ => Ok(None),
        }
    }
}

async fn dispatch(core: &Core, turn: &mut Turn<'_>) -> anyhow::Result<()> {
    let sender = turn.sender().clone();
    (turn.member, turn.form) = match core.store.member_and_form(sender.id).await? {
        Some((member, form)) => (Some(member), form),
        None => (None, None),
    };
    if let Some(member) = &mut turn.member {
        let app_says = sender.language_code.is_some();
        match member.language {
            Some(lang) if member.language_chosen || !app_says => turn.lang = lang,
            // The app's language, remembered so that messages the member did not ask for
            // (reminders) speak it too, and followed when the app's changes.
            known if known != Some(turn.lang) => {
                core.store
                    .follow_app_language(member.user_id, turn.lang)
                    .await?;
                member.language = Some(turn.lang);
            }
            _ => {}
        }
        if member.display_name != sender.name && !sender.name.is_empty() {
            core.store.set_display_name(sender.id, &sender.name).await?;
            member.display_name = sender.name.clone();
        }
    }
    let place = match turn.chat_id() == sender.id {
        true => Place::Private,
        false => Place::Group,
    };
    let request = read(core, turn, place).await?;
    let role = turn.member.as_ref().map(|member| member.role);
    match gate::check(request.rule(), role, place) {
        Verdict::Allow => {
            let outcome = run(core, turn, request).await?;
            settle(core, turn, outcome).await
        }
        Verdict::Refuse(key) => {
            // A question the member may no longer answer is closed, so it does not refuse
            // every message after this one.
            if let (Request::Text(_, Some(_)), Some(member)) = (&request, &turn.member) {
                core.store.clear_conversation(member.user_id).await?;
            }
            let text = turn.tr(key);
            turn.notice(text);
            Ok(())
        }
        Verdict::NotMember => match request {
            Request::Command(_) => core.client_text(turn, false, None).await,
            Request::Text(text, _) => core.client_text(turn, false, Some(text)).await,
            _ => {
                let text = turn.tr("not-member");
                turn.notice(text);
                Ok(())
            }
        },
        Verdict::Ignore => Ok(()),
    }
}

/// Reads the update into what it asks for; the open question matters only to a member's text
/// in their private chat.
async fn read<'a>(core: &Core, turn: &Turn<'a>, place: Place) -> anyhow::Result<Request<'a>> {
    let in_group = place == Place::Group;
    Ok(match &turn.incoming.input {
        Input::Text(text) => match Command::parse(text, &core.config.bot_username) {
            Some(command) => Request::Command(command),
            None if in_group => Request::Chatter,
            None => {
                let conversation = match (&turn.member, &turn.form) {
                    (Some(member), Some(form)) => {
                        read_conversation(core, member.user_id, form).await?
                    }
                    _ => None,
                };
                Request::Text(text, conversation)
            }
        },
        Input::Unsupported
        | Input::Document { .. }
        | Input::Forwarded { .. }
        | Input::File { .. }
            if in_group =>
        {
            Request::Chatter
        }
        Input::Forwarded { origin, text } => Request::Forwarded { origin, text },
        Input::File { file, origin } => Request::File {
            file,
            origin: origin.as_ref(),
        },
        Input::Unsupported => Request::Unsupported,
        Input::Document { file_name, content } => Request::Document {
            file_name,
            content: content.as_deref(),
        },
        Input::Inline { query_id, query } => Request::Inline { query_id, query },
        Input::Button { data, .. } => match Action::decode(data) {
            Some(action) => Request::Button(action),
            None => Request::StaleButton,
        },
    })
}

/// Runs what the gate let through: a table's row, or one of the other inputs.
async fn run(core: &Core, turn: &mut Turn<'_>, request: Request<'_>) -> anyhow::Result<Outcome> {
    match request {
        Request::Command(command) => {
            // A command leaves any half-filled form, like /cancel does.
            if let (Some(member), Some(_)) = (&turn.member, &turn.form) {
                core.store.clear_conversation(member.user_id).await?;
                turn.form = None;
            }
            commands::run(core, turn, command).await
        }
        Request::Button(action) => buttons::press(core, turn, action).await,
        Request::Text(text, Some(conversation)) => {
            answers::answer(core, turn, conversation, text).await
        }
        other => self::other(core, turn, other).await,
    }
}

/// Input that no table lists: plain text searches, an inline query lists contacts, a table
/// is an import, a forwarded message or another file is offered for a card; the rest is answered with a short notice or not at all.
async fn other(core: &Core, turn: &mut Turn<'_>, request: Request<'_>) -> anyhow::Result<Outcome> {
    let Some(member) = turn.member.clone() else {
        // The gate lets a non-member through only to a client's rows.
        return Ok(Outcome::Keep);
    };
    match request {
        Request::Text(text, _) => {
            core.find(turn, &member, text, 0).await?;
            Ok(Outcome::Keep)
        }
        Request::Inline { query_id, query } => {
            let results = core.inline_results(turn, &member, query).await?;
            turn.out.push(Outgoing::InlineResults {
                query_id: query_id.to_owned(),
                results,
            });
            Ok(Outcome::Keep)
        }
        Request::Document { file_name, content } => {
            core.received_file(turn, &member, file_name, content)
                .await?;
            Ok(Outcome::Keep)
        }
        Request::Forwarded { origin, text } => {
            core.inbox_forwarded(turn, &member, origin, text).await
        }
        Request::File { file, origin } => core.inbox_file(turn, &member, file, origin).await,
        Request::Unsupported => {
            let text = turn.tr("unsupported-message");
            turn.send(text, Keyboard::none());
            Ok(Outcome::Keep)
        }
        Request::StaleButton => {
            let text = turn.tr("button-expired");
            turn.notice(text);
            Ok(Outcome::Keep)
        }
        Request::Command(_) | Request::Button(_) | Request::Chatter => Ok(Outcome::Keep),
    }
}

/// Stores what the handler left of the member's open question.
pub(in crate::chat) async fn settle(
    core: &Core,
    turn: &mut Turn<'_>,
    outcome: Outcome,
) -> anyhow::Result<()> {
    let Some(member) = &turn.member else {
        return Ok(());
    };
    match outcome {
        Outcome::Keep => {}
        Outcome::Done => {
            if turn.form.is_some() {
                core.store.clear_conversation(member.user_id).await?;
            }
        }
        Outcome::Ask(conversation) => {
            let json = serde_json::to_string(&conversation)?;
            core.store
                .set_conversation(member.user_id, &json, crate::clock::timestamp())
                .await?;
        }
        Outcome::Refuse(error) => turn.refuse(&error),
    }
    Ok(())
}

/// The stored question `json` of `user_id`; an unreadable one (written by an older version) is
/// dropped rather than failing every message after it.
async fn read_conversation(
    core: &Core,
    user_id: i64,
    json: &str,
) -> anyhow::Result<Option<Conversation>> {
    match serde_json::from_str(json) {
        Ok(conversation) => Ok(Some(conversation)),
        Err(error) => {
            tracing::warn!(user_id, "dropping unreadable conversation state: {error}");
            core.store.clear_conversation(user_id).await?;
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::gate::check;
    use crate::domain::Role;
    use strum::IntoEnumIterator;

    const ACTORS: [Option<Role>; 4] = [
        None,
        Some(Role::Manager),
        Some(Role::Lead),
        Some(Role::Owner),
    ];

    #[test]
    fn no_button_works_in_a_group_for_anyone() {
        for kind in ActionKind::iter() {
            for role in ACTORS {
                let verdict = check(kind.rule(), role, Place::Group);
                assert_ne!(verdict, Verdict::Allow, "{kind:?} by {role:?} in a group");
            }
        }
    }

    #[test]
    fn a_non_member_may_press_only_a_clients_buttons() {
        for kind in ActionKind::iter() {
            let allowed = check(kind.rule(), None, Place::Private) == Verdict::Allow;
            let clients = matches!(
                kind,
                ActionKind::AppointmentAnswer
                    | ActionKind::Unsubscribe
                    | ActionKind::FeedbackRating
            );
            assert_eq!(allowed, clients, "{kind:?}");
        }
    }

    #[test]
    fn roles_are_ordered_manager_lead_owner() {
        for kind in ActionKind::iter() {
            let rule = kind.rule();
            let [_, manager, lead, owner] =
                ACTORS.map(|role| check(rule, role, Place::Private) == Verdict::Allow);
            assert!(
                !manager || lead,
                "{kind:?}: a manager may but a lead may not"
            );
            assert!(!lead || owner, "{kind:?}: a lead may but the owner may not");
        }
    }

    #[test]
    fn team_commands_are_for_leads_and_setgroup_only_in_a_group() {
        let team = Command::Team;
        assert_eq!(
            check(team.rule(), Some(Role::Manager), Place::Private),
            Verdict::Refuse("gate-leads-only")
        );
        assert_eq!(
            check(team.rule(), Some(Role::Lead), Place::Private),
            Verdict::Allow
        );
        let set_group = Command::SetGroup;
        assert_eq!(
            check(set_group.rule(), Some(Role::Owner), Place::Private),
            Verdict::Refuse("setgroup-private")
        );
        assert_eq!(
            check(set_group.rule(), Some(Role::Manager), Place::Group),
            Verdict::Refuse("gate-leads-only")
        );
        assert_eq!(
            check(Command::Help.rule(), None, Place::Group),
            Verdict::Ignore
        );
        assert_eq!(
            check(Command::Help.rule(), None, Place::Private),
            Verdict::NotMember
        );
    }
}
