//! Team roles and what each may do.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Lead,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Lead, Role::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Lead => "lead",
            Role::Manager => "manager",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "owner" => Some(Role::Owner),
            "lead" | "лид" | "руководитель" => Some(Role::Lead),
            "manager" | "менеджер" => Some(Role::Manager),
            _ => None,
        }
    }

    /// Owners and leads see every contact of the team; a manager sees only their own.
    pub fn sees_all_contacts(self) -> bool {
        matches!(self, Role::Owner | Role::Lead)
    }

    /// Whether this role may invite or remove a member with role `other`: the owner anyone
    /// but another owner, a lead only managers.
    pub fn may_manage(self, other: Role) -> bool {
        match self {
            Role::Owner => other != Role::Owner,
            Role::Lead => other == Role::Manager,
            Role::Manager => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_manages_everyone_else_and_a_lead_only_managers() {
        assert!(Role::Owner.may_manage(Role::Lead));
        assert!(!Role::Owner.may_manage(Role::Owner));
        assert!(Role::Lead.may_manage(Role::Manager));
        assert!(!Role::Lead.may_manage(Role::Lead));
        assert!(!Role::Manager.may_manage(Role::Manager));
    }

    #[test]
    fn parses_role_names_in_both_languages() {
        assert_eq!(Role::parse("Lead"), Some(Role::Lead));
        assert_eq!(Role::parse("менеджер"), Some(Role::Manager));
        assert_eq!(Role::parse("boss"), None);
    }
}
