//! What a file may hold, and why a whole file is refused.

/// The largest file read. Callers check the Telegram file size before downloading too.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// Rows after the header; a longer file is refused as a whole.
pub const MAX_ROWS: usize = 100_000;
/// Cells in one row; a longer row is rejected, a longer header refuses the file.
pub const MAX_COLUMNS: usize = 300;
/// Why a whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("file is larger than {max} bytes")]
    TooLarge { max: usize },
    #[error("file is not text")]
    NotText,
    /// Valid UTF-8 in places and invalid elsewhere: rows pasted from files in two encodings.
    #[error("file mixes text encodings")]
    MixedEncoding,
    /// Not UTF-8, and not text in Windows-1251 either (e.g. Latin-1 or KOI8-R).
    #[error("file is in an unknown text encoding")]
    UnknownEncoding,
    #[error("file has no header row")]
    Empty,
    #[error("header row has broken quoting")]
    HeaderUnreadable,
    #[error("header has more than {max} columns")]
    TooManyColumns { max: usize },
    #[error("file has more than {max} rows")]
    TooManyRows { max: usize },
}

impl ImportError {
    /// The locale key of the message that explains this error to the user.
    pub fn locale_key(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "import-too-large",
            ImportError::NotText => "import-not-text",
            ImportError::MixedEncoding => "import-mixed-encoding",
            ImportError::UnknownEncoding => "import-unknown-encoding",
            ImportError::Empty => "import-empty",
            ImportError::HeaderUnreadable => "import-header-unreadable",
            ImportError::TooManyColumns { .. } => "import-too-many-columns",
            ImportError::TooManyRows { .. } => "import-too-many-rows",
        }
    }
}
