//! Rows that were not imported, and why.

use super::columns::Target;
use crate::domain::InputError;

/// A row that was not imported, with its cells as read so it can be sent back to be fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: usize,
    pub cells: Vec<String>,
    pub reason: RejectReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RejectReason {
    /// A cell that does not parse. `column` is the 0-based index into the row (and headers).
    Field {
        column: usize,
        target: Target,
        error: InputError,
    },
    /// No name in any name column.
    NoName,
    /// Text in cells beyond the header: a delimiter inside an unquoted cell has probably shifted
    /// the row, and its values would land in the wrong fields.
    ExtraCells { columns: usize },
    /// More than [`MAX_COLUMNS`](super::limits::MAX_COLUMNS) cells; only the first ones are kept.
    TooManyColumns { max: usize },
    /// A quote that is never closed, or text right after a closing quote.
    BrokenQuoting,
}

impl RejectReason {
    /// The locale key of the message that explains the rejection: an [`InputError`]'s own key
    /// for a bad cell.
    pub fn locale_key(&self) -> &'static str {
        match self {
            RejectReason::Field { error, .. } => error.locale_key(),
            RejectReason::NoName => "import-no-name",
            RejectReason::ExtraCells { .. } => "import-extra-cells",
            RejectReason::TooManyColumns { .. } => "import-row-too-many-columns",
            RejectReason::BrokenQuoting => "import-broken-quoting",
        }
    }
}
