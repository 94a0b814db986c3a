//! The command table: every slash command, where it may be typed, by whom, whether Telegram's
//! menu lists it, and the handler that runs. `/help`, the per-member menus and the gate all
//! read this table. A row's name is also the locale key of its description (`command-<name>`).

use super::answers::{IntoOutcome, Outcome};
use super::rows::{actor, commands};
use crate::chat::contacts::Browse;
use crate::chat::context::Core;
use crate::chat::gate::{Place, Rule, Who};
use crate::chat::io::Outgoing;
use crate::chat::keyboard::Keyboard;
use crate::chat::turn::Turn;
use crate::chat::view::role_name;
use crate::domain::HistoryKind;
use crate::domain::{Lang, Role};
use crate::i18n::{arg, tr, tr_args};

/// A command as `/help` and the menus list it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    pub name: &'static str,
    pub rule: Rule,
    /// Listed in Telegram's command menu and in `/help`.
    pub in_menu: bool,
}

commands! {
    |core, turn, member|
    /// `/start` with its deep-link payload (`join_…`, `claim_…`, `client_…`): follows a join,
    /// claim or client link, so anyone may send it.
    "start" Start(payload) in Private by Anyone, hidden
        => match payload.strip_prefix("client_") {
            Some(token) => core.link_client(turn, token).await,
            None => core.start(turn, (!payload.is_empty()).then_some(payload.as_str())).await,
        };
    "add" Add(args) in Private by Member, menu => core.add(turn, member, &args).await;
    "find" Find(query) in Private by Member, menu => core.find(turn, member, &query, 0).await;
    /// My contacts (the team's for the owner and leads), paged, sorted and filtered by buttons.
    "contacts" Contacts in Private by Member, menu
        => core.browse_contacts(turn, member, 0, Browse::default()).await;
    /// `/call <contact> [outcome] [note]`.
    "call" Call(args) in Private by Member, menu => core.call_command(turn, member, &args).await;
    /// `/note <contact> <text>`.
    "note" Note(args) in Private by Member, menu
        => core.entry_command(turn, member, &args, HistoryKind::Note).await;
    /// `/meeting <contact> <text>`.
    "meeting" Meeting(args) in Private by Member, menu
        => core.entry_command(turn, member, &args, HistoryKind::Meeting).await;
    /// `/remind <when> <what>`.
    "remind" Remind(args) in Private by Member, menu
        => core.remind_command(turn, member, &args).await;
    "today" Today in Private by Member, menu => core.task_list(turn, member, member, true, 0).await;
    "tasks" Tasks in Private by Member, menu => core.task_list(turn, member, member, false, 0).await;
    /// `/meet <contact> <when> [place]`.
    "meet" Meet(args) in Private by Member, menu => core.meet_command(turn, member, &args).await;
    /// `/deal <contact> <title> [amount]`.
    "deal" Deal(args) in Private by Member, menu => core.deal_command(turn, member, &args).await;
    "deals" Deals in Private by Member, menu => core.deals(turn, member, member, 0).await;
    "funnel" Funnel in Private by Member, menu
        => core.show_funnel(turn, member, crate::chat::choices::Period::ThisMonth).await;
    /// `/companies [INN]`: the list, or the companies with that INN.
    "companies" Companies(inn) in Private by Member, menu
        => core.companies(turn, member, &inn, 0).await;
    /// `/company <name>`: open or create.
    "company" Company(name) in Private by Member, menu
        => core.company_command(turn, member, &name).await;
    /// The requested role as typed; checked by the handler.
    "invite" Invite(role) in Private by Lead, menu => core.invite(turn, member, &role).await;
    "team" Team in Private by Lead, menu => core.team(turn, member).await;
    "archive" Archive in Private by Lead, menu => core.archive(turn, member, 0).await;
    "duplicates" Duplicates in Private by Lead, menu => core.duplicates(turn, member).await;
    /// In the team's group chat: post the daily summary here.
    "setgroup" SetGroup in Group by Lead, menu => core.set_group(turn, member).await;
    "segments" Segments in Private by Member, menu => core.segments(turn, member).await;
    "summary" Summary in Any by Member, menu => core.summary_now(turn, member).await;
    "report" Report in Private by Member, menu => {
        core.report_menu(turn);
        Ok(())
    };
    "import" Import in Private by Member, menu => {
        let text = turn.tr("import-how");
        turn.send(text, Keyboard::none());
        Ok(())
    };
    "export" Export in Private by Member, menu => {
        core.export_menu(turn);
        Ok(())
    };
    "settings" Settings in Private by Member, menu => {
        core.settings(turn, member);
        Ok(())
    };
    "help" Help in Private by Member, menu => {
        let text = help_text(turn.lang, member.role);
        turn.send(text, Keyboard::none());
        Ok(())
    };
    /// Leaves any half-filled form (every command does; this one says so).
    "cancel" Cancel in Private by Member, menu => {
        let text = turn.tr("cancelled");
        turn.send(text, Keyboard::none());
        Ok(())
    };
    /// A linked client unsubscribes; a member has nothing to unsubscribe from.
    "stop" Stop in Private by Anyone, hidden => match member {
        Some(_) => {
            let text = turn.tr("stop-member");
            turn.send(text, Keyboard::none());
            Ok(())
        }
        None => core.client_text(turn, true, None).await,
    };
    // Answered briefly, pointing to /help, not with the whole list.
    unknown by Member => {
        let text = turn.tr("unknown-command");
        turn.send(text, Keyboard::none());
        Ok(())
    };
}

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
        Some(Command::from_name(&name.to_lowercase(), args.to_owned()))
    }
}

/// The commands a member with `role` may use in their private chat, in menu order: what
/// Telegram's menu shows them and `/help` lists.
pub fn menu(role: Role) -> impl Iterator<Item = &'static Listing> {
    COMMANDS
        .iter()
        .filter(move |listing| listing.in_menu && listing.rule.who.admits(Some(role)))
}

/// Telegram's command menu for a member with `role` in their chat (`None`: no longer a
/// member, so the menu everyone else sees).
pub fn command_menu(chat_id: i64, role: Option<Role>, lang: Lang) -> Outgoing {
    let commands = role
        .into_iter()
        .flat_map(menu)
        .map(|listing| {
            let name = listing.name;
            (name.to_owned(), tr(lang, &format!("command-{name}")))
        })
        .collect();
    Outgoing::CommandMenu { chat_id, commands }
}

/// `/help`: the commands `role` may use, one a line with its description.
pub fn help_text(lang: Lang, role: Role) -> String {
    let mut text = tr_args(lang, "help-intro", &[("role", arg(role_name(lang, role)))]);
    for listing in menu(role) {
        let name = listing.name;
        text.push_str(&format!(
            "\n/{name} — {}",
            tr(lang, &format!("command-{name}"))
        ));
    }
    text.push_str("\n\n");
    text.push_str(&tr(lang, "help-search-hint"));
    text
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
            Some(Command::Start("join_abc".into()))
        );
        assert_eq!(
            Command::parse("/start", "crm_bot"),
            Some(Command::Start(String::new()))
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
    fn every_command_parses_back_to_its_name_and_rule() {
        for listing in COMMANDS {
            let command = Command::parse(&format!("/{}", listing.name), "crm_bot").unwrap();
            assert_eq!(command.name(), listing.name);
            assert_eq!(command.rule(), listing.rule);
        }
    }

    #[test]
    fn a_member_who_left_gets_the_common_menu_back() {
        let Outgoing::CommandMenu { commands, .. } = command_menu(7, None, Lang::En) else {
            panic!("not a menu");
        };
        assert!(commands.is_empty());
        let Outgoing::CommandMenu { commands, .. } = command_menu(7, Some(Role::Lead), Lang::En)
        else {
            panic!("not a menu");
        };
        assert_eq!(commands.len(), menu(Role::Lead).count());
        assert!(commands.iter().all(|(name, description)| {
            !description.is_empty() && description != &format!("command-{name}")
        }));
    }

    #[test]
    fn a_managers_menu_lists_only_what_a_manager_may_use() {
        let manager: Vec<_> = menu(Role::Manager).map(|l| l.name).collect();
        let lead: Vec<_> = menu(Role::Lead).map(|l| l.name).collect();
        let owner: Vec<_> = menu(Role::Owner).map(|l| l.name).collect();
        assert!(manager.contains(&"add") && !manager.contains(&"team"));
        assert!(lead.contains(&"team") && lead.contains(&"invite"));
        assert!(manager.iter().all(|name| lead.contains(name)));
        assert!(lead.iter().all(|name| owner.contains(name)));
        assert!(!owner.contains(&"start") && !owner.contains(&"stop"));
    }
}
