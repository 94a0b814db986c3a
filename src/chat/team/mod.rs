//! The team: joining by a link, inviting, and the lead's `/team` with roles, hand-overs and
//! removals.

mod join;
mod members;

pub use join::new_link_token;
