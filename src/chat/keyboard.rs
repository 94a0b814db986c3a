//! Inline keyboards as plain data; the adapters turn them into Telegram markup or numbered
//! choices in the terminal.

use super::Action;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub data: String,
}

impl Button {
    /// A button for `action`, whose encoding must fit in callback data (ids and codes do;
    /// free text must be checked with [`Action::try_encode`] first).
    pub fn new(label: impl Into<String>, action: Action) -> Self {
        Self {
            label: label.into(),
            data: action.encode(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyboard {
    pub rows: Vec<Vec<Button>>,
}

impl Keyboard {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn row(mut self, buttons: Vec<Button>) -> Self {
        if !buttons.is_empty() {
            self.rows.push(buttons);
        }
        self
    }

    /// Several rows at once, e.g. a list cut into rows of three.
    pub fn rows(self, rows: impl IntoIterator<Item = Vec<Button>>) -> Self {
        rows.into_iter().fold(self, Keyboard::row)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn buttons(&self) -> impl Iterator<Item = &Button> {
        self.rows.iter().flatten()
    }
}
