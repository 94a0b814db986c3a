//! The one gate every update passes before any handler runs. It knows who is asking — a member
//! and their role, or someone who is not a member (a stranger, a client, a removed member) —
//! and in which chat, and lets through only what the tables below allow there. Handlers then
//! check only the record a request points at (one helper per record kind), never the role.

use super::action::ActionKind;
use super::command::{BOT_COMMANDS, Command};
use super::state::Conversation;
use crate::domain::Role;

/// Who may ask for something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone at all; the handler answers members and others differently.
    Anyone,
    /// Only someone who is not a member: a client answering the bot's messages to them.
    NotMember,
    /// Any member of the team.
    Member,
    /// The owner and team leads.
    Lead,
    Owner,
}

impl Who {
    /// Whether an actor with `role` (`None`: not a member) is one of these.
    pub fn admits(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Who::Anyone, _) => true,
            (Who::NotMember, None) => true,
            (Who::Member, Some(_)) => true,
            (Who::Lead, Some(role)) => role.sees_all_contacts(),
            (Who::Owner, Some(role)) => role == Role::Owner,
            _ => false,
        }
    }
}

/// The kind of chat an update comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The user's own chat with the bot: only they read the answers.
    Private,
    /// A group (the team's, or any other): everyone in it reads the answers.
    Group,
}

/// Who may ask for something, and the one kind of chat where it may be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub who: Who,
    pub place: Place,
}

impl Rule {
    pub const fn private(who: Who) -> Self {
        Rule {
            who,
            place: Place::Private,
        }
    }

    pub const fn group(who: Who) -> Self {
        Rule {
            who,
            place: Place::Group,
        }
    }
}

/// What the gate decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Refused with this locale key, told only to the asker (a button's notice) or in reply.
    Refuse(&'static str),
    /// A non-member asked for a member's thing: they learn they are not a member (or, a
    /// client, who their manager is) and nothing else.
    NotMember,
    /// Not for the bot: other people talking in a group.
    Ignore,
}

/// The gate itself: `rule` for an actor with `role` (`None`: not a member) in `place`.
pub fn check(rule: Rule, role: Option<Role>, place: Place) -> Verdict {
    if place != rule.place {
        return match (place, role) {
            // In a group the bot answers only members, so strangers' chatter stays theirs.
            (Place::Group, None) => Verdict::Ignore,
            (Place::Group, Some(_)) => Verdict::Refuse("group-use-private"),
            (Place::Private, _) => Verdict::Refuse("setgroup-private"),
        };
    }
    if rule.who.admits(role) {
        return Verdict::Allow;
    }
    match (rule.who, role) {
        (Who::Owner, Some(_)) => Verdict::Refuse("gate-owner-only"),
        (Who::Lead, Some(_)) => Verdict::Refuse("gate-leads-only"),
        // A member pressing a client's button (a forwarded message): not theirs to answer.
        (Who::NotMember, Some(_)) => Verdict::Refuse("button-expired"),
        _ => Verdict::NotMember,
    }
}

/// Whether a member with `role` may press a button of `kind`: menus offer only those, so the
/// table above also decides what a member is shown.
pub fn may_press(role: Role, kind: ActionKind) -> bool {
    action_rule(kind).who.admits(Some(role))
}

/// Every button kind: who may press it and where.
pub fn action_rule(kind: ActionKind) -> Rule {
    use ActionKind as A;
    match kind {
        A::AppointmentAnswer | A::Unsubscribe => Rule::private(Who::NotMember),
        A::Team
        | A::Member
        | A::PickHandOver
        | A::HandOver
        | A::AskRemove
        | A::Remove
        | A::ArchivePage
        | A::Restore
        | A::Duplicates
        | A::AskMerge
        | A::Merge
        | A::Schedules
        | A::SummaryPreset
        | A::ScheduleAsk
        | A::Mailing
        | A::SendMailing
        | A::AbcThresholds => Rule::private(Who::Lead),
        A::SetRole
        | A::CustomFields
        | A::AddCustomField
        | A::ContactKinds
        | A::Stages
        | A::StageMenu
        | A::StageEdit
        | A::StageRemove
        | A::StageAdd
        | A::LostReasons => Rule::private(Who::Owner),
        A::OpenCard
        | A::ShowCard
        | A::LogCall
        | A::CallOutcome
        | A::AddNote
        | A::History
        | A::FindPage
        | A::FormSkip
        | A::Cancel
        | A::SetLanguage
        | A::AskDelete
        | A::Delete
        | A::CreateAnyway
        | A::MergePending
        | A::Edit
        | A::EditField
        | A::EditChoice
        | A::OpenCompany
        | A::ShowCompany
        | A::CompanyEdit
        | A::CompanyField
        | A::CompanyLink
        | A::Link
        | A::CompanyHistory
        | A::CreateCompany
        | A::AskTimeZone
        | A::NewDeal
        | A::DealCard
        | A::DealShow
        | A::DealMove
        | A::DealStages
        | A::DealLost
        | A::DealLostReason
        | A::DealNextAction
        | A::DealLater
        | A::Funnel
        | A::Convert
        | A::DealsPage
        | A::DealEdit
        | A::DealField
        | A::NewCompanyDeal
        | A::Remind
        | A::TaskDone
        | A::TaskSnooze
        | A::TasksPage
        | A::RemindWeek
        | A::DropClient
        | A::Meet
        | A::ClientLink
        | A::ConfirmWhen
        | A::Segments
        | A::Segment
        | A::NewSegment
        | A::DeleteSegment
        | A::ImportColumn
        | A::ImportTarget
        | A::ImportRun
        | A::Export
        | A::Report => Rule::private(Who::Member),
    }
}

/// Every command: the listed ones as [`BOT_COMMANDS`] says, plus those Telegram's menu leaves
/// out.
pub fn command_rule(command: &Command) -> Rule {
    match command {
        // `/start` follows a join, claim or client link; `/stop` unsubscribes a client.
        Command::Start(_) | Command::Stop => Rule::private(Who::Anyone),
        Command::Unknown => Rule::private(Who::Member),
        Command::SetGroup => Rule::group(Who::Lead),
        listed => {
            let name = listed.name();
            let who = BOT_COMMANDS
                .iter()
                .find(|(command, _)| *command == name)
                .map_or(Who::Owner, |(_, who)| *who);
            Rule::private(who)
        }
    }
}

/// A typed answer continues a form only while the member may still do what the form does (a
/// lead made a manager midway loses the lead's forms).
pub fn conversation_rule(conversation: &Conversation) -> Rule {
    use Conversation as C;
    match conversation {
        C::NewCustomField { .. }
        | C::SetContactKinds
        | C::NewStage
        | C::RenameStage { .. }
        | C::StageProbability { .. }
        | C::SetLostReasons => Rule::private(Who::Owner),
        C::SetSummaryCron
        | C::SetTeamTimeZone
        | C::SetQuietHours
        | C::SetDormancy
        | C::SetAbcThresholds
        | C::MailingText { .. }
        | C::MailingConfirm { .. } => Rule::private(Who::Lead),
        C::Form { .. }
        | C::CallNote { .. }
        | C::Note { .. }
        | C::EditField { .. }
        | C::PendingCompany { .. }
        | C::EditCompanyField { .. }
        | C::LinkContact { .. }
        | C::SetTimeZone
        | C::Remind { .. }
        | C::DealTitle { .. }
        | C::NextAction { .. }
        | C::LostReason { .. }
        | C::EditDealField { .. }
        | C::CompanyDealTitle { .. }
        | C::Meet { .. }
        | C::ConfirmMeet { .. }
        | C::ConfirmTask { .. }
        | C::ConfirmNextAction { .. }
        | C::SegmentFilter
        | C::SegmentName { .. }
        | C::PendingContact { .. } => Rule::private(Who::Member),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
                let verdict = check(action_rule(kind), role, Place::Group);
                assert_ne!(verdict, Verdict::Allow, "{kind:?} by {role:?} in a group");
            }
        }
    }

    #[test]
    fn a_non_member_may_press_only_a_clients_buttons() {
        for kind in ActionKind::iter() {
            let allowed = check(action_rule(kind), None, Place::Private) == Verdict::Allow;
            let clients = matches!(
                kind,
                ActionKind::AppointmentAnswer | ActionKind::Unsubscribe
            );
            assert_eq!(allowed, clients, "{kind:?}");
        }
    }

    #[test]
    fn roles_are_ordered_manager_lead_owner() {
        for kind in ActionKind::iter() {
            let rule = action_rule(kind);
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
            check(command_rule(&team), Some(Role::Manager), Place::Private),
            Verdict::Refuse("gate-leads-only")
        );
        assert_eq!(
            check(command_rule(&team), Some(Role::Lead), Place::Private),
            Verdict::Allow
        );
        let set_group = Command::SetGroup;
        assert_eq!(
            check(command_rule(&set_group), Some(Role::Owner), Place::Private),
            Verdict::Refuse("setgroup-private")
        );
        assert_eq!(
            check(command_rule(&set_group), Some(Role::Manager), Place::Group),
            Verdict::Refuse("gate-leads-only")
        );
        assert_eq!(
            check(command_rule(&Command::Help), None, Place::Group),
            Verdict::Ignore
        );
        assert_eq!(
            check(command_rule(&Command::Help), None, Place::Private),
            Verdict::NotMember
        );
    }
}
