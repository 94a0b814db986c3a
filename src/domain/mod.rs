//! Domain types: every value from a user, a file or the network is parsed into one of these at
//! the edge, so the rest of the program only ever sees valid data. No I/O lives here.

mod contact_name;
mod email;
mod lang;
mod phone;
mod role;
pub mod search;

pub use contact_name::{ContactName, name_key};
pub use email::Email;
pub use lang::Lang;
pub use phone::Phone;
pub use role::Role;

/// Why a piece of user input was refused. Each variant maps to a localised message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("name is empty")]
    NameEmpty,
    #[error("name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("name has no letters")]
    NameWithoutLetters,
    #[error("not a phone number")]
    PhoneInvalid,
    #[error("not an email address")]
    EmailInvalid,
    #[error("note is empty")]
    NoteEmpty,
    #[error("note is longer than {max} characters")]
    NoteTooLong { max: usize },
}

impl InputError {
    /// The locale key of the message that explains this error to the user.
    pub fn locale_key(&self) -> &'static str {
        match self {
            InputError::NameEmpty => "error-name-empty",
            InputError::NameTooLong { .. } => "error-name-too-long",
            InputError::NameWithoutLetters => "error-name-no-letters",
            InputError::PhoneInvalid => "error-phone-invalid",
            InputError::EmailInvalid => "error-email-invalid",
            InputError::NoteEmpty => "error-note-empty",
            InputError::NoteTooLong { .. } => "error-note-too-long",
        }
    }
}
