//! Inline keyboards as plain data; the adapters turn them into Telegram markup or numbered
//! choices in the terminal.

#[derive(Debug, Clone, PartialEq, Eq)]
/// A button: its label and callback data (made by `Button::new` from an action).
pub struct Button {
    pub label: String,
    pub data: String,
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
