//! `/settings`: the member's language and time zone, and for the owner and leads the team's
//! card fields, contact types, funnel stages and schedules, and for the owner lead capture.

mod leads;
mod menu;
mod schedules;
mod stages;
mod surveys;
