//! Slash commands: parsing "/cmd@bot args" into what the user asked for.

use crate::domain::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/start` with its deep-link payload (`join_…`, `claim_…`).
    Start(Option<String>),
    Help,
    Add(String),
    Find(String),
    /// `/call <contact> [outcome] [note]`.
    Call(String),
    /// `/note <contact> <text>`.
    Note(String),
    /// `/meeting <contact> <text>`.
    Meeting(String),
    /// `/deal <contact> <title> [amount]`.
    Deal(String),
    Deals,
    Funnel,
    /// `/remind <when> <what>`.
    Remind(String),
    Today,
    Tasks,
    /// `/meet <contact> <when> [place]`.
    Meet(String),
    /// In the team's group chat: post the daily summary here.
    SetGroup,
    /// A linked client unsubscribes.
    Stop,
    Segments,
    Import,
    Export,
    Report,
    /// `/company <name>`: open or create.
    Company(String),
    /// The requested role as typed; checked by the handler.
    Invite(String),
    Settings,
    Team,
    Archive,
    Duplicates,
    Cancel,
    Unknown,
}

/// The commands registered with Telegram (`setMyCommands`) and listed in /help, with the roles
/// that may use each and the locale key of its description.
pub const BOT_COMMANDS: &[(&str, &[Role])] = &[
    ("add", &[Role::Owner, Role::Lead, Role::Manager]),
    ("find", &[Role::Owner, Role::Lead, Role::Manager]),
    ("call", &[Role::Owner, Role::Lead, Role::Manager]),
    ("note", &[Role::Owner, Role::Lead, Role::Manager]),
    ("meeting", &[Role::Owner, Role::Lead, Role::Manager]),
    ("remind", &[Role::Owner, Role::Lead, Role::Manager]),
    ("today", &[Role::Owner, Role::Lead, Role::Manager]),
    ("tasks", &[Role::Owner, Role::Lead, Role::Manager]),
    ("meet", &[Role::Owner, Role::Lead, Role::Manager]),
    ("deal", &[Role::Owner, Role::Lead, Role::Manager]),
    ("deals", &[Role::Owner, Role::Lead, Role::Manager]),
    ("funnel", &[Role::Owner, Role::Lead, Role::Manager]),
    ("company", &[Role::Owner, Role::Lead, Role::Manager]),
    ("invite", &[Role::Owner, Role::Lead]),
    ("team", &[Role::Owner, Role::Lead]),
    ("archive", &[Role::Owner, Role::Lead]),
    ("duplicates", &[Role::Owner, Role::Lead]),
    ("setgroup", &[Role::Owner, Role::Lead]),
    ("segments", &[Role::Owner, Role::Lead, Role::Manager]),
    ("report", &[Role::Owner, Role::Lead, Role::Manager]),
    ("import", &[Role::Owner, Role::Lead, Role::Manager]),
    ("export", &[Role::Owner, Role::Lead, Role::Manager]),
    ("settings", &[Role::Owner, Role::Lead, Role::Manager]),
    ("help", &[Role::Owner, Role::Lead, Role::Manager]),
    ("cancel", &[Role::Owner, Role::Lead, Role::Manager]),
];

impl Command {
    /// `None` when `text` is not a command at all (plain text).
    pub fn parse(text: &str, bot_username: &str) -> Option<Self> {
        let text = text.trim();
        let rest = text.strip_prefix('/')?;
        let (head, args) = match rest.split_once(char::is_whitespace) {
            Some((head, args)) => (head, args.trim()),
            None => (rest, ""),
        };
        // In groups Telegram appends the bot's name: "/find@crm_bot petrov".
        let name = match head.split_once('@') {
            Some((name, bot)) if bot.eq_ignore_ascii_case(bot_username) => name,
            Some(_) => return Some(Command::Unknown),
            None => head,
        };
        let args = args.to_owned();
        Some(match name.to_lowercase().as_str() {
            "start" => Command::Start((!args.is_empty()).then_some(args)),
            "help" => Command::Help,
            "add" => Command::Add(args),
            "find" => Command::Find(args),
            "call" => Command::Call(args),
            "note" => Command::Note(args),
            "meeting" => Command::Meeting(args),
            "deal" => Command::Deal(args),
            "deals" => Command::Deals,
            "funnel" => Command::Funnel,
            "remind" => Command::Remind(args),
            "today" => Command::Today,
            "tasks" => Command::Tasks,
            "meet" => Command::Meet(args),
            "setgroup" => Command::SetGroup,
            "stop" => Command::Stop,
            "segments" => Command::Segments,
            "import" => Command::Import,
            "export" => Command::Export,
            "report" => Command::Report,
            "company" => Command::Company(args),
            "invite" => Command::Invite(args),
            "settings" => Command::Settings,
            "team" => Command::Team,
            "archive" => Command::Archive,
            "duplicates" => Command::Duplicates,
            "cancel" => Command::Cancel,
            _ => Command::Unknown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands_with_arguments_and_bot_names() {
        assert_eq!(
            Command::parse("/find@crm_bot  petrov ", "crm_bot"),
            Some(Command::Find("petrov".into()))
        );
        assert_eq!(
            Command::parse("/start join_abc", "crm_bot"),
            Some(Command::Start(Some("join_abc".into())))
        );
        assert_eq!(
            Command::parse("/start", "crm_bot"),
            Some(Command::Start(None))
        );
        assert_eq!(
            Command::parse("/ADD", "crm_bot"),
            Some(Command::Add(String::new()))
        );
        assert_eq!(
            Command::parse("/frobnicate", "crm_bot"),
            Some(Command::Unknown)
        );
        assert_eq!(
            Command::parse("/find@other_bot x", "crm_bot"),
            Some(Command::Unknown)
        );
        assert_eq!(Command::parse("petrov", "crm_bot"), None);
    }
}
