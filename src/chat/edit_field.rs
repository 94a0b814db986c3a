//! The one "edit a field of a record" flow that contacts, companies and deals share: the menu
//! of fields, and the question with the field's current value and a hint (a refused answer is
//! an [`Outcome::Refuse`], asked again). Each record kind keeps only what differs: its fields,
//! how a value is parsed and how it is stored.

use super::ask::ask;
use super::keyboard::{Button, Keyboard};
use super::route::answers::{Conversation, Outcome};
use super::route::buttons::Action;
use super::turn::Turn;
use crate::i18n::{arg, tr_args};

/// "Edit <name>: which field?" with the fields' buttons three a row, then Back to the record.
pub(crate) fn show_field_menu(turn: &mut Turn<'_>, name: &str, fields: Vec<Button>, back: Action) {
    let keyboard = fields
        .chunks(3)
        .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()))
        .row(vec![Button::new(turn.tr("button-back"), back)]);
    let text = tr_args(turn.lang, "edit-title", &[("name", arg(name))]);
    turn.show(text, keyboard);
}

/// Asks for a field's new value, showing its current one ("—" when empty) and a hint.
pub(crate) fn ask_new_value(
    turn: &mut Turn<'_>,
    field: String,
    current: String,
    hint: String,
    question: Conversation,
) -> Outcome {
    let text = tr_args(
        turn.lang,
        "edit-ask",
        &[
            ("field", arg(field)),
            ("value", arg(current)),
            ("hint", arg(hint)),
        ],
    );
    ask(turn, text, question)
}
