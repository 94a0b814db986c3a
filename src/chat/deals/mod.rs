//! Deals: opening one, its card and the `/deals` list, moving it along the funnel, its next
//! action, editing it, and the funnel report.

mod card;
mod edit;
pub(in crate::chat) mod funnel;
mod next_action;
mod open;
mod stages;
