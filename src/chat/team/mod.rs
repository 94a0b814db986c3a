//! The team: joining by a link, inviting, and the lead's `/team` with roles, a member's deals
//! and tasks, hand-overs and removals; and the team's pipeline by manager.

mod join;
mod members;
mod work;

pub use join::new_link_token;
