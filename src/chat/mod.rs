//! The conversation core: takes a message or a button press from a Telegram user and returns
//! the replies to send, after checking who the user is and what they may see. It knows nothing
//! of HTTP, so the Telegram adapter and the terminal demo drive the very same flows.
//!
//! An update enters at [`Core::handle`] in `route/`, whose tables map every command, button and
//! answer to its handler and rule. Handlers are grouped by area (contacts, companies, deals,
//! tasks, team, settings, clients, files, reports); what several areas show lives in `view`.

mod ask;
mod business;
mod choices;
mod clients;
mod companies;
mod company_list;
mod confirm;
mod contacts;
mod context;
mod deals;
mod edit_field;
mod files;
mod forms;
mod gate;
mod inbox;
mod io;
mod keyboard;
mod pushes;
mod reports;
mod route;
mod settings;
mod tasks;
mod team;
mod turn;
mod view;

pub use choices::{CallOutcome, Duplicates};
pub use contacts::Field;
pub use context::{BUSINESS_RETENTION_DAYS, Core, CoreConfig};
pub use files::ImportOutcome;
pub use gate::Who;
pub use io::{
    BusinessMessage, BusinessUpdate, Counterpart, FileProblem, Incoming, InlineArticle, Input,
    MAX_FILE_BYTES, Origin, Outgoing, Sender, SharedContact,
};
pub use keyboard::{Button, Keyboard};
pub use route::buttons::{Action, ActionKind};
pub use route::commands::{COMMANDS, Command, Listing, menu};
pub use team::new_link_token;
pub use view::appointment_lines;
