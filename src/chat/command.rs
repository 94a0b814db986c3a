//! Slash commands: parsing "/cmd@bot args" into what the user asked for.

use super::gate::Who;

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

/// The commands registered with Telegram (`setMyCommands`) and listed in /help, with who may use
/// each: the gate's table for commands (the name is also the locale key of its description).
pub const BOT_COMMANDS: &[(&str, Who)] = &[
    ("add", Who::Member),
    ("find", Who::Member),
    ("call", Who::Member),
    ("note", Who::Member),
    ("meeting", Who::Member),
    ("remind", Who::Member),
    ("today", Who::Member),
    ("tasks", Who::Member),
    ("meet", Who::Member),
    ("deal", Who::Member),
    ("deals", Who::Member),
    ("funnel", Who::Member),
    ("company", Who::Member),
    ("invite", Who::Lead),
    ("team", Who::Lead),
    ("archive", Who::Lead),
    ("duplicates", Who::Lead),
    ("setgroup", Who::Lead),
    ("segments", Who::Member),
    ("report", Who::Member),
    ("import", Who::Member),
    ("export", Who::Member),
    ("settings", Who::Member),
    ("help", Who::Member),
    ("cancel", Who::Member),
];

impl Command {
    /// The command's name as typed after the slash.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Start(_) => "start",
            Command::Help => "help",
            Command::Add(_) => "add",
            Command::Find(_) => "find",
            Command::Call(_) => "call",
            Command::Note(_) => "note",
            Command::Meeting(_) => "meeting",
            Command::Deal(_) => "deal",
            Command::Deals => "deals",
            Command::Funnel => "funnel",
            Command::Remind(_) => "remind",
            Command::Today => "today",
            Command::Tasks => "tasks",
            Command::Meet(_) => "meet",
            Command::SetGroup => "setgroup",
            Command::Stop => "stop",
            Command::Segments => "segments",
            Command::Import => "import",
            Command::Export => "export",
            Command::Report => "report",
            Command::Company(_) => "company",
            Command::Invite(_) => "invite",
            Command::Settings => "settings",
            Command::Team => "team",
            Command::Archive => "archive",
            Command::Duplicates => "duplicates",
            Command::Cancel => "cancel",
            Command::Unknown => "",
        }
    }

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

    #[test]
    fn every_listed_command_parses_back_to_its_name() {
        for (name, _) in BOT_COMMANDS {
            let command = Command::parse(&format!("/{name}"), "crm_bot").unwrap();
            assert_eq!(command.name(), *name);
        }
    }
}
