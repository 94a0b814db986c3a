//! Asking a question whose answer is the member's next text: the question with a Cancel
//! button, and the open question for the route to keep.

use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;

/// Sends `text` with a Cancel button; the member's next text answers `question`.
pub(crate) fn ask(turn: &mut Turn<'_>, text: String, question: Conversation) -> Outcome {
    let keyboard =
        Keyboard::none().row(vec![Button::new(turn.tr("button-cancel"), Action::Cancel)]);
    turn.send(text, keyboard);
    Outcome::Ask(question)
}
