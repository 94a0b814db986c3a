//! The parts of a button's callback data: a tag, then each field after a `:`. Callback data
//! comes back from the client and can be forged, so every part is read strictly and a field
//! reads only what its own `write` makes.

use crate::chat::choices::{
    CallOutcome, Duplicates, ExportKind, FieldKind, Period, ReportKind, ScheduleSetting, Snooze,
    StageEdit,
};
use crate::chat::contacts::Field;
use crate::domain::{Lang, Role, Survey};
use crate::transfer::import::Target;

/// Telegram's limit on callback data.
pub const MAX_DATA_BYTES: usize = 64;

/// Callback data being read, part by part.
pub struct Parts<'a> {
    rest: Option<&'a str>,
}

impl<'a> Parts<'a> {
    pub fn new(data: &'a str) -> Self {
        Parts { rest: Some(data) }
    }

    /// The tag (the part before the first `:`).
    pub fn tag(&mut self) -> &'a str {
        self.next().unwrap_or_default()
    }

    pub fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.split_once(':') {
            Some((part, tail)) => {
                self.rest = Some(tail);
                Some(part)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }

    /// Everything not read yet, `:` included (free text such as a search query).
    pub fn remainder(&mut self) -> Option<&'a str> {
        self.rest.take()
    }

    /// Whether every part was read: trailing parts mean the data was not made by `encode`.
    pub fn finished(&self) -> bool {
        self.rest.is_none()
    }
}

/// A field of a button, written to and read from callback data.
pub trait Part: Sized {
    fn write(&self, data: &mut String);
    fn read(parts: &mut Parts<'_>) -> Option<Self>;
}

impl Part for i64 {
    fn write(&self, data: &mut String) {
        data.push_str(&self.to_string());
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        parts.next()?.parse().ok()
    }
}

impl Part for u32 {
    fn write(&self, data: &mut String) {
        data.push_str(&self.to_string());
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        parts.next()?.parse().ok()
    }
}

impl Part for bool {
    fn write(&self, data: &mut String) {
        data.push_str(if *self { "y" } else { "n" });
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        match parts.next()? {
            "y" => Some(true),
            "n" => Some(false),
            _ => None,
        }
    }
}

/// A code made of one part (a field's code, a report's kind): no `:` inside.
impl Part for String {
    fn write(&self, data: &mut String) {
        data.push_str(self);
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        parts.next().map(str::to_owned)
    }
}

/// Free text as the last field of a button (a search query): it may hold `:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl Part for Text {
    fn write(&self, data: &mut String) {
        data.push_str(&self.0);
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        parts.remainder().map(|text| Text(text.to_owned()))
    }
}

/// Enums that already have a short code of their own.
macro_rules! coded {
    ($($ty:ty),*) => {$(
        impl Part for $ty {
            fn write(&self, data: &mut String) {
                data.push_str(self.code());
            }
            fn read(parts: &mut Parts<'_>) -> Option<Self> {
                <$ty>::from_code(parts.next()?)
            }
        }
    )*};
}

coded!(
    CallOutcome,
    StageEdit,
    Snooze,
    Period,
    Duplicates,
    Lang,
    ReportKind,
    ExportKind,
    ScheduleSetting,
    FieldKind,
    Survey,
    Target
);

/// A field of the contact card: a built-in one by name, a custom one by its id.
impl Part for Field {
    fn write(&self, data: &mut String) {
        data.push_str(&self.code());
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        Field::parse(parts.next()?)
    }
}

impl Part for Role {
    fn write(&self, data: &mut String) {
        data.push_str(self.as_str());
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        let code = parts.next()?;
        // `Role::parse` also reads names typed in either language; data holds only the code.
        Role::parse(code).filter(|role| role.as_str() == code)
    }
}
