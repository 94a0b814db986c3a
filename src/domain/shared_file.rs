//! A file a member sent or forwarded to the bot and filed on a card: Telegram keeps the file,
//! the CRM keeps its id and what kind of message re-sends it.

/// How a stored file is sent back: each kind has its own Bot API method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Photo,
    Document,
    Voice,
    Video,
}

impl FileKind {
    pub const ALL: [FileKind; 4] = [
        FileKind::Photo,
        FileKind::Document,
        FileKind::Voice,
        FileKind::Video,
    ];

    /// The kind as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Photo => "photo",
            FileKind::Document => "document",
            FileKind::Voice => "voice",
            FileKind::Video => "video",
        }
    }

    /// Reads a stored kind; `None` for one this version does not know.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// A file as Telegram knows it: enough to send it again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SharedFile {
    pub kind: FileKind,
    pub file_id: String,
    pub file_name: Option<String>,
    pub caption: Option<String>,
}

impl SharedFile {
    /// What the timeline calls it: its name, else its caption.
    pub fn label(&self) -> Option<&str> {
        self.file_name.as_deref().or(self.caption.as_deref())
    }
}

/// Whether a document sent to the bot is a table to import rather than a file for a card: a
/// table's extension, and sent by the member (a forwarded file came from a client's chat).
pub fn is_import_file(file_name: &str, forwarded: bool) -> bool {
    let lowered = file_name.to_lowercase();
    !forwarded
        && [".csv", ".tsv", ".txt"]
            .iter()
            .any(|ext| lowered.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for kind in FileKind::ALL {
            assert_eq!(FileKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(FileKind::parse("sticker"), None);
    }

    #[test]
    fn tables_sent_by_the_member_are_imports_and_the_rest_are_files() {
        assert!(is_import_file("Clients.CSV", false));
        assert!(is_import_file("base.tsv", false));
        assert!(!is_import_file("clients.csv", true));
        assert!(!is_import_file("contract.pdf", false));
        assert!(!is_import_file("notes.docx", false));
    }
}
