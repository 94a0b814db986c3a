//! The one gate every update passes before any handler runs. It knows who is asking — a member
//! and their role, or someone who is not a member (a stranger, a client, a removed member) —
//! and in which chat, and lets through only what the route tables' rule for the request allows
//! there. Handlers then check only the record a request points at (one helper per record
//! kind), never the role.

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
    /// In a rule only: either kind of chat, as for what is fit to be read by the group too.
    Any,
}

/// Who may ask for something, and the kind of chat where it may be asked.
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
    if rule.place != Place::Any && place != rule.place {
        return match (place, role) {
            // In a group the bot answers only members, so strangers' chatter stays theirs.
            (Place::Group, None) => Verdict::Ignore,
            (Place::Group, Some(_)) => Verdict::Refuse("group-use-private"),
            (Place::Private | Place::Any, _) => Verdict::Refuse("setgroup-private"),
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
