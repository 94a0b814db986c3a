//! `/settings`: the member's language and time zone, and for the owner and leads the team's
//! card fields, contact types, funnel stages and schedules.

mod menu;
mod schedules;
mod stages;
mod surveys;
