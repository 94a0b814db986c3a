//! Domain types: every value from a user, a file or the network is parsed into one of these at
//! the edge, so the rest of the program only ever sees valid data. No I/O lives here.

mod birthday;
mod contact_name;
mod contact_row;
mod custom_field;
mod email;
mod history_kind;
mod inn;
mod input_error;
mod kpp;
mod lang;
mod lead;
mod money;
mod phone;
mod priority;
#[cfg(test)]
pub(crate) mod props;
mod role;
mod schedule;
pub mod search;
mod segment;
mod shared_file;
mod survey;
mod tag;
mod telegram_username;
mod time_zone;
mod when;

pub use birthday::Birthday;
pub use contact_name::{ContactName, name_key};
pub use contact_row::ContactRow;
pub use custom_field::{CustomFieldKind, parse_definition, parse_label, parse_options};
pub use email::Email;
pub use history_kind::HistoryKind;
pub use inn::Inn;
pub use input_error::InputError;
pub use kpp::Kpp;
pub use lang::Lang;
pub use lead::{FieldError, Lead};
pub use money::{Currency, Money};
pub use phone::Phone;
pub use priority::Priority;
pub use role::Role;
pub use schedule::{QuietHours, SummarySchedule};
pub use segment::{SegmentFilter, Since};
pub use shared_file::{FileKind, SharedFile, is_import_file};
pub use survey::{
    Rating, SURVEY_MANAGER_MARK, SURVEY_TEXT_MAX_CHARS, Survey, parse_survey_delay,
    parse_survey_hour, parse_survey_text,
};
pub use tag::Tag;
pub use telegram_username::TelegramUsername;
pub use time_zone::{parse_time_zone, time_zone_label};
pub use when::{When, wall_clock_instant};
