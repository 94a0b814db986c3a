//! Reading a CSV of contacts: the bytes into text, the text into a table, each row into a
//! contact or a reason to reject it.
//!
//! The steps are separate so the bot can stop between them: [`decode`], [`detect_delimiter`],
//! [`read_table`], [`guess_mapping`] (shown to the user to confirm), then [`parse_row`] for each
//! row, and [`rejected_csv`] for the rows that did not make it.

use super::{unprotect_cell, write_csv};
use crate::domain::{
    Birthday, ContactName, ContactRow, Email, InputError, Phone, Tag, TelegramUsername,
};
use encoding_rs::{UTF_8, WINDOWS_1251};

/// The largest file read. Callers check the Telegram file size before downloading too.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// Rows after the header; a longer file is refused as a whole.
pub const MAX_ROWS: usize = 100_000;
/// Cells in one row; a longer row is rejected, a longer header refuses the file.
pub const MAX_COLUMNS: usize = 300;
/// Physical lines one quoted cell may span before its quote counts as never closed. Also
/// bounds the work a file full of stray quotes causes.
const MAX_CELL_LINES: usize = 50;
/// The most control characters (other than tab, CR, LF and form feed) in a hundred bytes of
/// text; more is a binary file.
const MAX_CONTROL_PERCENT: usize = 1;
/// Records looked at to find the delimiter.
const DELIMITER_SAMPLE_RECORDS: usize = 20;
/// Limits for the free-text fields, as the contact card's editor has them.
const REGION_MAX_CHARS: usize = 100;
const KIND_MAX_CHARS: usize = 100;
const NOTES_MAX_CHARS: usize = 2000;

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

// ---------------------------------------------------------------------------------------------
// Bytes to text

/// The text of a file: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), or
/// Windows-1251 (what Russian Excel saves as "CSV").
///
/// Windows-1251 is chosen only when the bytes are not UTF-8, no line of the file is UTF-8 with
/// letters beyond ASCII, and the Windows-1251 reading looks like Cyrillic words rather than
/// Latin words with stray Cyrillic letters (which is what Latin-1 read as 1251 looks like).
/// A file with some lines valid UTF-8 with non-ASCII text and other lines not UTF-8 is
/// [`ImportError::MixedEncoding`]: whichever reading is picked, some rows come out as garbage,
/// and silently importing garbage names is worse than asking for the file to be saved again.
/// So is a file with a UTF-8 BOM and invalid UTF-8 after it.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { max: MAX_BYTES });
    }
    match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) if encoding == UTF_8 => {
            decode_8bit(&bytes[bom_length..], true)
        }
        Some((encoding, bom_length)) => {
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[bom_length..])
                .ok_or(ImportError::NotText)?;
            // Every character beyond ASCII counts as text, like a byte 0x80.
            if looks_binary(text.chars().map(|c| u32::from(c).min(0x80) as u8)) {
                return Err(ImportError::NotText);
            }
            Ok(text.into_owned())
        }
        None => decode_8bit(bytes, false),
    }
}

fn decode_8bit(bytes: &[u8], utf8_bom: bool) -> Result<String, ImportError> {
    if looks_binary(bytes.iter().copied()) {
        return Err(ImportError::NotText);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    if utf8_bom || has_utf8_line(bytes) {
        return Err(ImportError::MixedEncoding);
    }
    let (text, had_errors) = WINDOWS_1251.decode_without_bom_handling(bytes);
    if had_errors || !looks_cyrillic(&text) {
        return Err(ImportError::UnknownEncoding);
    }
    Ok(text.into_owned())
}

/// A NUL byte, or more than [`MAX_CONTROL_PERCENT`] control bytes: not text. Tab, CR, LF and
/// form feed are text; so is SUB (0x1A), the end-of-file mark old DOS programs leave.
fn looks_binary(bytes: impl Iterator<Item = u8>) -> bool {
    let (mut total, mut control) = (0_usize, 0_usize);
    for byte in bytes {
        if byte == 0 {
            return true;
        }
        total += 1;
        if (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || byte == 0x7F {
            control += 1;
        }
    }
    control * 100 > total * MAX_CONTROL_PERCENT
}

/// Whether some line is valid UTF-8 and not plain ASCII. Windows-1251 Cyrillic practically
/// never is: its lower-case letters are UTF-8 lead bytes that other letters cannot follow.
fn has_utf8_line(bytes: &[u8]) -> bool {
    bytes
        .split(|&byte| byte == b'\n')
        .any(|line| !line.is_ascii() && std::str::from_utf8(line).is_ok())
}

/// Whether text read as Windows-1251 is Cyrillic: at most one word in ten that has Cyrillic
/// letters also has Latin ones ("Mьller" is "Müller" in Latin-1), and no C1 control characters.
fn looks_cyrillic(text: &str) -> bool {
    if text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
        return false;
    }
    let (mut cyrillic, mut mixed) = (0_usize, 0_usize);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c)) {
            cyrillic += 1;
            if word.chars().any(|c| c.is_ascii_alphabetic()) {
                mixed += 1;
            }
        }
    }
    mixed * 10 <= cyrillic
}

// ---------------------------------------------------------------------------------------------
// Text to table

/// The delimiter of a CSV among `;`, `,` and tab: the one found on the header line whose count
/// (outside quotes) is the same on the most of the first lines, the larger count on a tie,
/// then `;`, tab, `,` in that order. A file with none of them on its header line is one column;
/// `;` is returned, since it does not split names like "Petrov, Ivan".
pub fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let mut counts: Vec<[usize; 3]> = Vec::new();
    let mut current = [0_usize; 3];
    let mut in_quotes = false;
    let mut blank = true;
    let mut bytes = text.trim_start_matches('\u{FEFF}').bytes().peekable();
    while let Some(byte) = bytes.next() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => {
                if byte == b'\r' && bytes.peek() == Some(&b'\n') {
                    bytes.next();
                }
                if !blank {
                    counts.push(current);
                    if counts.len() == DELIMITER_SAMPLE_RECORDS {
                        break;
                    }
                }
                current = [0; 3];
                blank = true;
                continue;
            }
            _ if !in_quotes => {
                if let Some(at) = CANDIDATES.iter().position(|&c| c == byte) {
                    current[at] += 1;
                }
            }
            _ => {}
        }
        blank = false;
    }
    if !blank && counts.len() < DELIMITER_SAMPLE_RECORDS {
        counts.push(current);
    }
    let Some(header) = counts.first() else {
        return b';';
    };
    let mut best: Option<((usize, usize), u8)> = None;
    for (at, &candidate) in CANDIDATES.iter().enumerate() {
        if header[at] == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|c| c[at] == header[at]).count();
        let score = (consistent, header[at]);
        // Strictly better only: on a tie the earlier candidate stays.
        if best.is_none_or(|(best, _)| score > best) {
            best = Some((score, candidate));
        }
    }
    best.map_or(b';', |(_, delimiter)| delimiter)
}

/// A file split into cells: the header, the rows that could be read, and the rows that could
/// not (broken quoting, too many cells). Blank lines and rows of empty cells are skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    /// Trimmed header cells; one per column.
    pub headers: Vec<String>,
    pub rows: Vec<RawRow>,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// The 1-based line of the file the row starts on.
    pub line: usize,
    /// The cells as written, unescaped but not trimmed. May be shorter or longer than the
    /// header.
    pub cells: Vec<String>,
}

/// Splits text into a header and rows, RFC 4180 style with the usual leniencies: rows of any
/// length, a quote inside an unquoted cell is a plain character, CRLF, LF or CR end a row.
///
/// The `csv` crate's reader is more lenient still — an unclosed quote swallows the rest of
/// the file into one cell, and `"a"b` reads as `ab` — so a strict reader is used here and the
/// crate only writes. A cell that opens a quote and does not close it (within
/// [`MAX_CELL_LINES`] lines), or closes it and goes on with anything but a delimiter or the end
/// of the row, makes its row rejected as [`RejectReason::BrokenQuoting`]: the row's physical
/// line is kept (split on the delimiter, quotes and all) and reading resumes on the next line.
///
/// `delimiter` is what [`detect_delimiter`] returns or another ASCII byte that is not a quote or
/// a line break; anything else is a bug in the caller and panics.
pub fn read_table(text: &str, delimiter: u8) -> Result<ImportFile, ImportError> {
    assert!(
        delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
        "unusable CSV delimiter {delimiter:#x}"
    );
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut scanner = Scanner {
        text,
        at: 0,
        line: 1,
        delimiter,
    };
    let headers = loop {
        match scanner.next_record() {
            None => return Err(ImportError::Empty),
            Some(record) if record.is_blank() => continue,
            Some(Record {
                cells: Ok(cells), ..
            }) => break cells,
            Some(Record {
                cells: Err(RejectReason::TooManyColumns { max }),
                ..
            }) => return Err(ImportError::TooManyColumns { max }),
            Some(_) => return Err(ImportError::HeaderUnreadable),
        }
    };
    let headers: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    let mut file = ImportFile {
        headers,
        rows: Vec::new(),
        rejected: Vec::new(),
    };
    while let Some(record) = scanner.next_record() {
        if record.is_blank() {
            continue;
        }
        if file.rows.len() + file.rejected.len() == MAX_ROWS {
            return Err(ImportError::TooManyRows { max: MAX_ROWS });
        }
        match record.cells {
            Ok(cells) => file.rows.push(RawRow {
                line: record.line,
                cells,
            }),
            Err(reason) => file.rejected.push(Rejected {
                line: record.line,
                cells: record.raw,
                reason,
            }),
        }
    }
    Ok(file)
}

struct Record {
    line: usize,
    cells: Result<Vec<String>, RejectReason>,
    /// For a rejected record: what to show of it.
    raw: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        matches!(&self.cells, Ok(cells) if cells.iter().all(|cell| cell.trim().is_empty()))
    }
}

struct Scanner<'a> {
    text: &'a str,
    /// Byte offset of the next unread character.
    at: usize,
    /// The 1-based line `at` is on.
    line: usize,
    delimiter: u8,
}

impl Scanner<'_> {
    fn next_record(&mut self) -> Option<Record> {
        if self.at >= self.text.len() {
            return None;
        }
        let (start, start_line) = (self.at, self.line);
        let bytes = self.text.as_bytes();
        let mut cells: Vec<String> = Vec::new();
        let mut too_many = false;
        loop {
            let cell = if bytes.get(self.at) == Some(&b'"') {
                match self.quoted_cell(start_line) {
                    Some(cell) => cell,
                    None => return Some(self.broken(start, start_line)),
                }
            } else {
                let end = bytes[self.at..]
                    .iter()
                    .position(|&b| b == self.delimiter || b == b'\n' || b == b'\r')
                    .map_or(bytes.len(), |offset| self.at + offset);
                let cell = self.text[self.at..end].to_owned();
                self.at = end;
                cell
            };
            if cells.len() < MAX_COLUMNS {
                cells.push(cell);
            } else {
                too_many = true;
            }
            match bytes.get(self.at) {
                Some(&b) if b == self.delimiter => self.at += 1,
                None => break,
                Some(b'\n' | b'\r') => {
                    self.skip_newline();
                    break;
                }
                Some(_) => return Some(self.broken(start, start_line)),
            }
        }
        Some(if too_many {
            Record {
                line: start_line,
                cells: Err(RejectReason::TooManyColumns { max: MAX_COLUMNS }),
                raw: cells,
            }
        } else {
            Record {
                line: start_line,
                cells: Ok(cells),
                raw: Vec::new(),
            }
        })
    }

    /// The cell starting at the opening quote under `at`, leaving `at` after the closing quote;
    /// `None` if the quote is never closed.
    fn quoted_cell(&mut self, start_line: usize) -> Option<String> {
        let bytes = self.text.as_bytes();
        let mut cell = String::new();
        self.at += 1;
        loop {
            let offset = bytes[self.at..].iter().position(|&b| b == b'"')?;
            let piece = &self.text[self.at..self.at + offset];
            self.line += count_newlines(piece);
            if self.line - start_line >= MAX_CELL_LINES {
                return None;
            }
            cell.push_str(piece);
            self.at += offset + 1;
            if bytes.get(self.at) == Some(&b'"') {
                cell.push('"');
                self.at += 1;
            } else {
                return Some(cell);
            }
        }
    }

    fn skip_newline(&mut self) {
        let bytes = self.text.as_bytes();
        match bytes.get(self.at) {
            Some(b'\r') => {
                self.at += 1;
                if bytes.get(self.at) == Some(&b'\n') {
                    self.at += 1;
                }
            }
            Some(b'\n') => self.at += 1,
            _ => return,
        }
        self.line += 1;
    }

    /// The record from `start` cannot be read: its physical line is rejected as it stands and
    /// reading goes on from the next line.
    fn broken(&mut self, start: usize, start_line: usize) -> Record {
        let bytes = self.text.as_bytes();
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |offset| start + offset);
        let raw = self.text[start..end]
            .split(char::from(self.delimiter))
            .take(MAX_COLUMNS)
            .map(str::to_owned)
            .collect();
        self.at = end;
        self.line = start_line;
        if self.at < bytes.len() {
            self.skip_newline();
        }
        Record {
            line: start_line,
            cells: Err(RejectReason::BrokenQuoting),
            raw,
        }
    }
}

/// Line breaks in a piece of text: CRLF, LF and a lone CR count once each.
fn count_newlines(text: &str) -> usize {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(at, &b)| b == b'\n' || (b == b'\r' && bytes.get(at + 1) != Some(&b'\n')))
        .count()
}

// ---------------------------------------------------------------------------------------------
// Columns

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The whole name.
    Name,
    FirstName,
    /// Отчество. Combined as "first middle last".
    MiddleName,
    LastName,
    /// One or more numbers, separated by `,` or `;`. Several columns may be phones.
    Phone,
    /// One or more addresses. Several columns may be emails.
    Email,
    Company,
    /// Tags separated by commas, `;` or spaces. Several columns may be tags.
    Tags,
    Birthday,
    Region,
    /// The contact type as written (a label such as "Опт"); the caller maps it.
    Kind,
    /// Several notes columns are joined with line breaks.
    Notes,
    Telegram,
    Skip,
}

impl Target {
    pub const ALL: [Target; 14] = [
        Target::Name,
        Target::FirstName,
        Target::MiddleName,
        Target::LastName,
        Target::Phone,
        Target::Email,
        Target::Company,
        Target::Tags,
        Target::Birthday,
        Target::Region,
        Target::Kind,
        Target::Notes,
        Target::Telegram,
        Target::Skip,
    ];

    /// A short ASCII code for callback data.
    pub fn code(self) -> &'static str {
        match self {
            Target::Name => "n",
            Target::FirstName => "fn",
            Target::MiddleName => "mn",
            Target::LastName => "ln",
            Target::Phone => "p",
            Target::Email => "e",
            Target::Company => "c",
            Target::Tags => "t",
            Target::Birthday => "b",
            Target::Region => "r",
            Target::Kind => "k",
            Target::Notes => "no",
            Target::Telegram => "tg",
            Target::Skip => "x",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Target::ALL.into_iter().find(|target| target.code() == code)
    }

    /// The locale key of the target's label, e.g. "import-target-phone".
    pub fn locale_key(self) -> &'static str {
        match self {
            Target::Name => "import-target-name",
            Target::FirstName => "import-target-first-name",
            Target::MiddleName => "import-target-middle-name",
            Target::LastName => "import-target-last-name",
            Target::Phone => "import-target-phone",
            Target::Email => "import-target-email",
            Target::Company => "import-target-company",
            Target::Tags => "import-target-tags",
            Target::Birthday => "import-target-birthday",
            Target::Region => "import-target-region",
            Target::Kind => "import-target-kind",
            Target::Notes => "import-target-notes",
            Target::Telegram => "import-target-telegram",
            Target::Skip => "import-target-skip",
        }
    }

    /// Whether several columns may have this target and all are read.
    pub fn repeatable(self) -> bool {
        matches!(
            self,
            Target::Phone | Target::Email | Target::Tags | Target::Notes | Target::Skip
        )
    }
}

/// Headers that are exactly one of these phrases (after [`normalize_header`]) have the target.
const HEADER_PHRASES: &[(Target, &[&str])] = &[
    (
        Target::Name,
        &[
            "фио",
            "ф и о",
            "имя фамилия",
            "фамилия имя",
            "фамилия имя отчество",
            "имя и фамилия",
            "фамилия и имя",
            "полное имя",
            "контакт",
            "контактное лицо",
            "клиент",
            "имя клиента",
            "имя контакта",
            "name",
            "full name",
            "fullname",
            "display name",
            "contact",
            "contact name",
            "client",
            "customer",
            "client name",
            "customer name",
        ],
    ),
    (
        Target::FirstName,
        &["имя", "first name", "firstname", "given name"],
    ),
    (
        Target::MiddleName,
        &[
            "отчество",
            "middle name",
            "middlename",
            "additional name",
            "patronymic",
        ],
    ),
    (
        Target::LastName,
        &["фамилия", "last name", "lastname", "surname", "family name"],
    ),
    (
        Target::Birthday,
        &[
            "день рождения",
            "дата рождения",
            "др",
            "birthday",
            "date of birth",
            "birth date",
            "birthdate",
            "dob",
            "bday",
        ],
    ),
];

/// Headers with a word starting with one of these prefixes have the target, checked in this
/// order. Prefixes cover Russian endings: "Телефоны", "Название компании".
const HEADER_WORD_PREFIXES: &[(Target, &[&str])] = &[
    (Target::Telegram, &["telegram", "телеграм", "телеграмм"]),
    (
        Target::Phone,
        &[
            "телефон",
            "phone",
            "mobile",
            "мобильн",
            "сотов",
            "telephone",
        ],
    ),
    (Target::Email, &["email", "емейл", "имейл", "емайл", "мейл"]),
    (
        Target::Company,
        &[
            "компани",
            "организаци",
            "company",
            "organization",
            "organisation",
            "фирм",
            "контрагент",
        ],
    ),
    (Target::Tags, &["тег", "метк", "tags"]),
    (
        Target::Region,
        &["регион", "город", "region", "city", "област"],
    ),
    (
        Target::Notes,
        &[
            "примечан",
            "комментар",
            "замет",
            "notes",
            "comment",
            "описани",
            "description",
        ],
    ),
    (Target::Kind, &["тип", "type", "kind"]),
];

/// Headers with one of these whole words have the target (too short for prefixes).
const HEADER_WORDS: &[(Target, &[&str])] = &[
    (Target::Name, &["фио"]),
    (Target::Telegram, &["tg", "тг"]),
    (Target::Phone, &["тел", "моб", "tel", "cell"]),
    // Not a prefix: "Почтовый индекс" is a postal code.
    (Target::Email, &["mail", "почта", "почты"]),
    (Target::Tags, &["tag"]),
    (Target::Notes, &["note"]),
];

/// Words that make a column a description of another one, e.g. Google's "Phone 1 - Type" next
/// to "Phone 1 - Value": such a column is skipped.
const HEADER_SKIP_WORDS: &[&str] = &["type", "label", "labels", "display", "тип"];

/// The target of each column, guessed from its header in Russian or English, ignoring case,
/// punctuation and spacing; [`Target::Skip`] for unknown headers. Targets that are not
/// [`Target::repeatable`] go to the first column that matches; later ones are skipped.
pub fn guess_mapping(headers: &[String]) -> Vec<Target> {
    let mut mapping: Vec<Target> = Vec::with_capacity(headers.len());
    for header in headers {
        let target = guess_target(header);
        let taken = !target.repeatable() && mapping.contains(&target);
        mapping.push(if taken { Target::Skip } else { target });
    }
    mapping
}

fn guess_target(header: &str) -> Target {
    let header = normalize_header(header);
    if header.is_empty() {
        return Target::Skip;
    }
    if let Some((target, _)) = HEADER_PHRASES
        .iter()
        .find(|(_, phrases)| phrases.contains(&header.as_str()))
    {
        return *target;
    }
    // "e-mail" normalises to "e mail".
    let joined = header.replace("e mail", "email");
    let words: Vec<&str> = joined.split(' ').collect();
    let found = HEADER_WORD_PREFIXES
        .iter()
        .find(|(_, prefixes)| {
            words
                .iter()
                .any(|word| prefixes.iter().any(|prefix| word.starts_with(prefix)))
        })
        .or_else(|| {
            HEADER_WORDS
                .iter()
                .find(|(_, list)| words.iter().any(|word| list.contains(word)))
        })
        .map(|(target, _)| *target);
    match found {
        Some(Target::Kind) => Target::Kind,
        Some(_) if words.iter().any(|word| HEADER_SKIP_WORDS.contains(word)) => Target::Skip,
        Some(target) => target,
        None => Target::Skip,
    }
}

/// Lower case, "ё" as "е", every run of non-alphanumeric characters one space, trimmed:
/// " Эл. почта:" is "эл почта", "E-Mail" is "e mail".
fn normalize_header(header: &str) -> String {
    let lower: String = header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Rows to contacts

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
    /// More than [`MAX_COLUMNS`] cells; only the first ones are kept.
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

/// Reads a row with a confirmed mapping (one target per header; cells beyond it must be empty).
/// Empty cells are absent values; the first bad cell rejects the row.
pub fn parse_row(row: &RawRow, mapping: &[Target], this_year: i32) -> Result<ContactRow, Rejected> {
    let reject = |reason| Rejected {
        line: row.line,
        cells: row.cells.clone(),
        reason,
    };
    if row.cells.len() > MAX_COLUMNS {
        return Err(reject(RejectReason::TooManyColumns { max: MAX_COLUMNS }));
    }
    if row
        .cells
        .iter()
        .skip(mapping.len())
        .any(|c| !c.trim().is_empty())
    {
        return Err(reject(RejectReason::ExtraCells {
            columns: mapping.len(),
        }));
    }
    // (column, target, cleaned text) of each filled cell.
    let cells: Vec<(usize, Target, &str)> = row
        .cells
        .iter()
        .zip(mapping)
        .enumerate()
        .map(|(column, (cell, &target))| (column, target, unprotect_cell(cell.trim()).trim()))
        .filter(|&(_, target, text)| target != Target::Skip && !text.is_empty())
        .collect();
    let field = |column, target| {
        move |error| {
            reject(RejectReason::Field {
                column,
                target,
                error,
            })
        }
    };

    let (column, target, name) =
        contact_name(&cells).ok_or_else(|| reject(RejectReason::NoName))?;
    let name = name.map_err(field(column, target))?;
    let mut contact = ContactRow::new(row.line, name);
    for &(column, target, text) in &cells {
        let field = field(column, target);
        match target {
            Target::Phone => {
                for piece in split_list(text, &[',', ';', '\n']) {
                    push_new(&mut contact.phones, Phone::parse(piece).map_err(&field)?);
                }
            }
            Target::Email => {
                for piece in split_list(text, &[',', ';', '\n', ' ', '\t']) {
                    push_new(&mut contact.emails, Email::parse(piece).map_err(&field)?);
                }
            }
            Target::Tags => {
                for tag in Tag::parse_list(&text.replace(';', ",")).map_err(&field)? {
                    push_new(&mut contact.tags, tag);
                }
            }
            Target::Company if contact.company.is_none() => {
                let company = ContactName::parse(text).map_err(&field)?;
                contact.company = Some(company.as_str().to_owned());
            }
            Target::Birthday if contact.birthday.is_none() && !is_zero_date(text) => {
                let text = iso_without_year(text).unwrap_or_else(|| text.to_owned());
                contact.birthday = Some(Birthday::parse(&text, this_year).map_err(&field)?);
            }
            Target::Region if contact.region.is_none() => {
                contact.region = Some(short_text(text, REGION_MAX_CHARS).map_err(&field)?);
            }
            Target::Kind if contact.kind.is_none() => {
                contact.kind = Some(short_text(text, KIND_MAX_CHARS).map_err(&field)?);
            }
            Target::Telegram if contact.telegram.is_none() => {
                contact.telegram = Some(TelegramUsername::parse(text).map_err(&field)?);
            }
            Target::Notes => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                let notes = match contact.notes.take() {
                    Some(notes) => format!("{notes}\n{text}"),
                    None => text,
                };
                if notes.chars().count() > NOTES_MAX_CHARS {
                    return Err(field(InputError::NoteTooLong {
                        max: NOTES_MAX_CHARS,
                    }));
                }
                contact.notes = Some(notes);
            }
            // Names were read above; a second column of a single-valued target is ignored.
            _ => {}
        }
    }
    Ok(contact)
}

/// The name from the first filled name column, or else "first middle last" from the parts,
/// with the column and target an error is about; `None` when there is no name at all.
fn contact_name(
    cells: &[(usize, Target, &str)],
) -> Option<(usize, Target, Result<ContactName, InputError>)> {
    if let Some(&(column, target, text)) = cells.iter().find(|c| c.1 == Target::Name) {
        return Some((column, target, ContactName::parse(text)));
    }
    let parts: Vec<&(usize, Target, &str)> =
        [Target::FirstName, Target::MiddleName, Target::LastName]
            .iter()
            .filter_map(|&part| cells.iter().find(|c| c.1 == part))
            .collect();
    let &&(column, target, _) = parts.first()?;
    let joined = parts.iter().map(|c| c.2).collect::<Vec<_>>().join(" ");
    Some((column, target, ContactName::parse(&joined)))
}

fn split_list<'a>(text: &'a str, separators: &'a [char]) -> impl Iterator<Item = &'a str> + 'a {
    text.split(separators)
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Google Contacts and vCard write a birthday without a year as "--12-25"; as "25.12".
fn iso_without_year(text: &str) -> Option<String> {
    let (month, day) = text.strip_prefix("--")?.split_once('-')?;
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    (digits(month) && digits(day)).then(|| format!("{day}.{month}"))
}

/// Outlook writes "0/0/00" for a contact without a birthday.
fn is_zero_date(text: &str) -> bool {
    text.bytes().any(|b| b == b'0')
        && text
            .bytes()
            .all(|b| b == b'0' || (!b.is_ascii_digit() && !b.is_ascii_alphabetic()))
}

fn short_text(text: &str, max: usize) -> Result<String, InputError> {
    if text.chars().count() > max {
        Err(InputError::TextTooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

// ---------------------------------------------------------------------------------------------
// Rejected rows back to the user

/// The rejected rows as a CSV to fix and send again: UTF-8 with BOM, `;`-separated, CRLF, every
/// cell protected against formulas. The first column is `reason_header` with `reason_text` of
/// each row (it gets the whole row, so it can name the line and the column); the row's cells
/// follow as they were read, under the original headers. The reason goes first so it lines up
/// even for rows longer than the header, and so the fixed file imports again as it is: an
/// unknown first header maps to [`Target::Skip`] (so `reason_header` should not look like a
/// notes header, e.g. "Ошибка" rather than "Комментарий").
pub fn rejected_csv(
    rejected: &[Rejected],
    headers: &[String],
    reason_header: &str,
    reason_text: impl Fn(&Rejected) -> String,
) -> Vec<u8> {
    let reasons: Vec<String> = rejected.iter().map(reason_text).collect();
    let header = std::iter::once(reason_header).chain(headers.iter().map(String::as_str));
    let rows = rejected.iter().zip(&reasons).map(|(row, reason)| {
        std::iter::once(reason.as_str()).chain(row.cells.iter().map(String::as_str))
    });
    write_csv(
        std::iter::once(header.collect::<Vec<_>>()).chain(rows.map(|row| row.collect::<Vec<_>>())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const THIS_YEAR: i32 = 2025;

    const UTF8_BOM_SEMICOLON: &[u8] =
        include_bytes!("../../tests/data/contacts_utf8_bom_semicolon.csv");
    const UTF8_COMMA: &[u8] = include_bytes!("../../tests/data/contacts_utf8_comma.csv");
    const CP1251_SEMICOLON: &[u8] =
        include_bytes!("../../tests/data/contacts_cp1251_semicolon.csv");
    const TAB: &[u8] = include_bytes!("../../tests/data/contacts_tab.tsv");
    const BAD_ROWS: &[u8] = include_bytes!("../../tests/data/contacts_bad_rows.csv");
    const BINARY: &[u8] = include_bytes!("../../tests/data/binary.csv");

    /// The whole pipeline with the guessed mapping: (file, contacts, all rejected by line).
    fn import(bytes: &[u8]) -> (ImportFile, Vec<ContactRow>, Vec<Rejected>) {
        let text = decode(bytes).unwrap();
        let file = read_table(&text, detect_delimiter(&text)).unwrap();
        let mapping = guess_mapping(&file.headers);
        let mut rejected = file.rejected.clone();
        let mut contacts = Vec::new();
        for row in &file.rows {
            match parse_row(row, &mapping, THIS_YEAR) {
                Ok(contact) => contacts.push(contact),
                Err(row) => rejected.push(row),
            }
        }
        rejected.sort_by_key(|row| row.line);
        (file, contacts, rejected)
    }

    fn names(contacts: &[ContactRow]) -> Vec<&str> {
        contacts.iter().map(|c| c.name.as_str()).collect()
    }

    fn phones(contact: &ContactRow) -> Vec<&str> {
        contact.phones.iter().map(Phone::as_str).collect()
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|&cell| cell.to_owned()).collect()
    }

    fn row(line: usize, cells: &[&str]) -> RawRow {
        RawRow {
            line,
            cells: strings(cells),
        }
    }

    fn date(day: u32, month: u32, year: Option<i32>) -> Option<Birthday> {
        Some(Birthday { day, month, year })
    }

    // --- Sample files ---------------------------------------------------------------------

    #[test]
    fn reads_russian_excel_utf8_with_bom() {
        let (file, contacts, rejected) = import(UTF8_BOM_SEMICOLON);
        assert_eq!(file.headers[0], "ФИО");
        assert_eq!(
            guess_mapping(&file.headers),
            [
                Target::Name,
                Target::Phone,
                Target::Email,
                Target::Company,
                Target::Tags,
                Target::Birthday,
                Target::Region,
                Target::Kind,
                Target::Notes,
                Target::Telegram,
            ]
        );
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(
            names(&contacts),
            [
                "Иван Петров",
                "Мария Сидорова",
                "Пётр Щукин-Юрьев",
                "Анна Кузнецова",
                "Олег Смирнов",
                "Елена Васильева",
                "Дмитрий Новиков",
            ]
        );
        let ivan = &contacts[0];
        assert_eq!(ivan.line, 2);
        assert_eq!(phones(ivan), ["+79991234567"]);
        assert_eq!(ivan.emails[0].as_str(), "ivan.petrov@example.ru");
        assert_eq!(ivan.company.as_deref(), Some("ООО Ромашка"));
        let tags: Vec<&str> = ivan.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["vip", "опт"]);
        assert_eq!(ivan.birthday, date(25, 12, Some(1990)));
        assert_eq!(ivan.region.as_deref(), Some("Москва"));
        assert_eq!(ivan.kind.as_deref(), Some("Опт"));
        assert_eq!(ivan.notes.as_deref(), Some("Звонить после обеда"));
        assert_eq!(ivan.telegram.as_ref().unwrap().as_str(), "ivan_petrov");
        assert_eq!(phones(&contacts[1]), ["+79167654321", "+79035556677"]);
        assert_eq!(contacts[1].birthday, date(8, 3, None));
        assert_eq!(contacts[2].company.as_deref(), Some("ИП \"Щукин\""));
        assert_eq!(contacts[2].birthday, date(14, 7, Some(1985)));
        assert_eq!(
            contacts[2].notes.as_deref(),
            Some("Заметка; с точкой с запятой")
        );
        assert_eq!(
            contacts[3].telegram.as_ref().unwrap().as_str(),
            "anna_k2025"
        );
        assert_eq!(contacts[5].notes.as_deref(), Some("Многострочная\nзаметка"));
        assert_eq!(contacts[5].birthday, date(1, 5, None));
        // The row of empty cells on line 9 is skipped; the multi-line note shifts lines.
        let lines: Vec<usize> = contacts.iter().map(|c| c.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6, 7, 10]);
    }

    #[test]
    fn reads_comma_separated_english_file() {
        let (file, contacts, rejected) = import(UTF8_COMMA);
        assert_eq!(
            guess_mapping(&file.headers),
            [
                Target::FirstName,
                Target::LastName,
                Target::Phone,
                Target::Phone,
                Target::Email,
                Target::Company,
                Target::Tags,
                Target::Birthday,
                Target::Region,
                Target::Notes,
            ]
        );
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(
            names(&contacts),
            [
                "John Smith",
                "Jane Doe",
                "Иван Петров",
                "Émile Zola",
                "Mary Ann O'Neil"
            ]
        );
        assert_eq!(phones(&contacts[0]), ["+16502530000"]);
        assert_eq!(contacts[0].company.as_deref(), Some("Acme, Inc."));
        assert_eq!(contacts[0].birthday, date(29, 2, Some(1980)));
        assert_eq!(phones(&contacts[1]), ["+442079460958", "+79997654321"]);
        assert_eq!(contacts[1].emails[0].as_str(), "jane@example.com");
        assert_eq!(contacts[1].region.as_deref(), Some("New York, NY"));
        assert_eq!(contacts[1].birthday, date(25, 12, None));
        assert_eq!(phones(&contacts[2]), ["+79991234567"]);
        assert!(contacts[3].phones.is_empty());
        let emails: Vec<&str> = contacts[4].emails.iter().map(Email::as_str).collect();
        assert_eq!(emails, ["mary@example.com", "mary.ann@example.org"]);
    }

    #[test]
    fn reads_windows_1251_file() {
        let (file, contacts, rejected) = import(CP1251_SEMICOLON);
        assert_eq!(
            guess_mapping(&file.headers),
            [
                Target::LastName,
                Target::FirstName,
                Target::MiddleName,
                Target::Phone,
                Target::Email,
                Target::Company,
                Target::Tags,
                Target::Birthday,
                Target::Region,
                Target::Notes,
            ]
        );
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(
            names(&contacts),
            [
                "Иван Иванович Иванов",
                "Ольга Смирнова",
                "Алексей Петрович Кузнецов",
                "Ёлка Попова",
                "Михаил Соколов",
            ]
        );
        assert_eq!(contacts[0].company.as_deref(), Some("ООО «Ромашка»"));
        assert_eq!(contacts[0].notes.as_deref(), Some("Постоянный клиент №1"));
        assert_eq!(
            contacts[2].notes.as_deref(),
            Some("Просил перезвонить — в пятницу")
        );
        assert_eq!(phones(&contacts[2]), ["+79035550011"]);
    }

    #[test]
    fn reads_tab_separated_file() {
        let (file, contacts, rejected) = import(TAB);
        assert_eq!(detect_delimiter(&decode(TAB).unwrap()), b'\t');
        assert_eq!(
            guess_mapping(&file.headers),
            [
                Target::Name,
                Target::Phone,
                Target::Email,
                Target::Tags,
                Target::Region
            ]
        );
        assert!(rejected.is_empty(), "{rejected:?}");
        assert_eq!(
            names(&contacts),
            ["Ivan Petrov", "Анна Смирнова", "Mike Brown", "Tab Inside"]
        );
        assert_eq!(phones(&contacts[1]), ["+79165554433", "+79035554433"]);
        let tags: Vec<&str> = contacts[1].tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["опт", "новый"]);
    }

    #[test]
    fn bad_rows_are_rejected_with_their_reasons() {
        let (file, contacts, rejected) = import(BAD_ROWS);
        assert_eq!(file.rows.len(), 10);
        assert_eq!(file.rejected.len(), 3);
        assert_eq!(
            names(&contacts),
            ["Хороший Клиент", "Формулов Фёдор", "Два Телефона"]
        );
        assert_eq!(contacts[1].notes.as_deref(), Some("=1+2"));
        assert_eq!(phones(&contacts[2]), ["+79991112243", "+79161112244"]);
        let reasons: Vec<(usize, &str)> = rejected
            .iter()
            .map(|row| (row.line, row.reason.locale_key()))
            .collect();
        assert_eq!(
            reasons,
            [
                (3, "error-phone-invalid"),
                (4, "error-email-invalid"),
                (5, "import-no-name"),
                (6, "import-broken-quoting"),
                (7, "import-row-too-many-columns"),
                (8, "error-birthday-invalid"),
                (11, "error-tag-invalid"),
                (12, "error-name-no-letters"),
                (13, "import-extra-cells"),
                (16, "import-broken-quoting"),
            ]
        );
        assert_eq!(
            rejected[0].reason,
            RejectReason::Field {
                column: 1,
                target: Target::Phone,
                error: InputError::PhoneInvalid
            }
        );
        // A broken row is kept as its line, split on the delimiter.
        assert_eq!(rejected[3].cells[0], "\"Петров\" Пётр");
        assert_eq!(rejected[4].cells.len(), MAX_COLUMNS);
        assert_eq!(rejected[9].cells[0], "\"Незакрытая Кавычка");
    }

    #[test]
    fn binary_files_are_refused() {
        assert_eq!(decode(BINARY), Err(ImportError::NotText));
    }

    // --- decode ---------------------------------------------------------------------------

    #[test]
    fn decode_strips_the_utf8_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFName;Phone").unwrap(), "Name;Phone");
        assert_eq!(decode("Имя;Телефон".as_bytes()).unwrap(), "Имя;Телефон");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn decode_reads_windows_1251() {
        let (bytes, _, _) = WINDOWS_1251.encode("ФИО;Телефон\r\nЁжиков Пётр;+79991234567\r\n");
        assert_eq!(
            decode(&bytes).unwrap(),
            "ФИО;Телефон\r\nЁжиков Пётр;+79991234567\r\n"
        );
    }

    #[test]
    fn decode_reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Имя\tТелефон\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes).unwrap(), "Имя\tТелефон\r\n");
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("Name".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&bytes).unwrap(), "Name");
    }

    #[test]
    fn decode_refuses_mixed_encodings() {
        let (cp1251, _, _) = WINDOWS_1251.encode("Сидоров Олег;+79160000000\n");
        let mut bytes = "ФИО;Телефон\nИван Петров;+79991234567\n"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(&cp1251);
        assert_eq!(decode(&bytes), Err(ImportError::MixedEncoding));
        // A UTF-8 BOM promises UTF-8.
        let mut bytes = b"\xEF\xBB\xBFName\n".to_vec();
        bytes.extend_from_slice(&cp1251);
        assert_eq!(decode(&bytes), Err(ImportError::MixedEncoding));
    }

    #[test]
    fn decode_refuses_other_8bit_encodings() {
        // Latin-1 "Müller;Straße": Cyrillic letters inside Latin words when read as 1251.
        let latin1 = b"Name;Street\nM\xFCller;Stra\xDFe\nJos\xE9;Caf\xE9\n";
        assert_eq!(decode(latin1), Err(ImportError::UnknownEncoding));
        // 0x98 is not a Windows-1251 character.
        assert_eq!(
            decode(b"\xD4\xC8\xCE\x98;x"),
            Err(ImportError::UnknownEncoding)
        );
    }

    #[test]
    fn decode_refuses_binary_and_huge_files() {
        assert_eq!(decode(b"Name\0;Phone"), Err(ImportError::NotText));
        assert_eq!(decode(b"\x01\x02\x03abc"), Err(ImportError::NotText));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend([1, 0, 2, 0, b'a', 0]);
        assert_eq!(decode(&utf16), Err(ImportError::NotText));
        // One stray control character in a real file is not enough.
        let mut text = "Имя;Телефон\n".repeat(20).into_bytes();
        text.push(0x1B);
        assert!(decode(&text).is_ok());
        let huge = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(decode(&huge), Err(ImportError::TooLarge { max: MAX_BYTES }));
        assert!(decode(&huge[1..]).is_ok());
    }

    // --- detect_delimiter -----------------------------------------------------------------

    #[test]
    fn delimiter_is_the_consistent_one() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        // Decimal commas in a ';' file.
        assert_eq!(
            detect_delimiter("Имя;Сумма;Теги\nИван;1,5;a, b, c\nПётр;2;\n"),
            b';'
        );
        // Semicolons inside quotes and in a few notes of a ',' file.
        assert_eq!(
            detect_delimiter("Name,Notes,Phone\n\"a;b;c\",x,1\nb,\"y;z\",2\nc,w;v,3\n"),
            b','
        );
        // Quoted line breaks do not end a record.
        assert_eq!(detect_delimiter("a;b\n\"x\ny,z\";1\n\"p\nq\";2\n"), b';');
    }

    #[test]
    fn delimiter_ties_and_single_columns() {
        assert_eq!(detect_delimiter("Name\nPetrov, Ivan\n"), b';');
        assert_eq!(detect_delimiter(""), b';');
        assert_eq!(detect_delimiter("\u{FEFF}a,b;c\n1,2;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c;d\n1,2,3;4\n"), b',');
        assert_eq!(detect_delimiter("\r\n\r\na\tb\r\n1\t2"), b'\t');
    }

    // --- read_table -----------------------------------------------------------------------

    #[test]
    fn table_reads_quotes_and_every_line_ending() {
        let file = read_table(
            "\u{FEFF} Name ;Notes\r\n\"Ivan \"\"Big\"\" Petrov\";\"two\r\nlines\"\rOlga;x\n\n;\nPetr;\"\"\n",
            b';',
        )
        .unwrap();
        assert_eq!(file.headers, ["Name", "Notes"]);
        assert_eq!(
            file.rows,
            [
                row(2, &["Ivan \"Big\" Petrov", "two\r\nlines"]),
                row(4, &["Olga", "x"]),
                row(7, &["Petr", ""]),
            ]
        );
        assert!(file.rejected.is_empty());
    }

    #[test]
    fn quotes_inside_unquoted_cells_are_text() {
        let file = read_table("a;b\nООО \"Ромашка\";x\"y\n", b';').unwrap();
        assert_eq!(file.rows, [row(2, &["ООО \"Ромашка\"", "x\"y"])]);
    }

    #[test]
    fn broken_quoting_rejects_one_line_and_reading_goes_on() {
        let file = read_table(
            "a;b\n\"x\"y;1\n\"unclosed;2\nok;3\n\"closed\";4\n\"never closed;5\nlast;6",
            b';',
        )
        .unwrap();
        assert_eq!(
            file.rows,
            [
                row(4, &["ok", "3"]),
                row(5, &["closed", "4"]),
                row(7, &["last", "6"])
            ]
        );
        let rejected: Vec<(usize, Vec<String>)> = file
            .rejected
            .iter()
            .map(|r| (r.line, r.cells.clone()))
            .collect();
        assert_eq!(
            rejected,
            [
                (2, strings(&["\"x\"y", "1"])),
                (3, strings(&["\"unclosed", "2"])),
                (6, strings(&["\"never closed", "5"])),
            ]
        );
        assert!(
            file.rejected
                .iter()
                .all(|r| r.reason == RejectReason::BrokenQuoting)
        );
    }

    #[test]
    fn a_quoted_cell_spans_at_most_fifty_lines() {
        let long = format!("a\n\"{}\"\nb\n", "x\n".repeat(MAX_CELL_LINES - 1));
        let file = read_table(&long, b';').unwrap();
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[1].line, MAX_CELL_LINES + 2);
        let too_long = format!("a\n\"{}\"\nb\n", "x\n".repeat(MAX_CELL_LINES));
        let file = read_table(&too_long, b';').unwrap();
        assert_eq!(file.rejected[0].line, 2);
        assert_eq!(file.rejected[0].reason, RejectReason::BrokenQuoting);
        // The lines of the would-be cell are read as rows of their own, and its closing quote
        // (line 52) now opens a quote that is never closed.
        assert_eq!(file.rows.len(), MAX_CELL_LINES);
        assert_eq!(file.rows[0], row(3, &["x"]));
        assert_eq!(file.rejected.len(), 2);
        assert_eq!(file.rejected[1].line, MAX_CELL_LINES + 2);
    }

    #[test]
    fn table_limits() {
        assert_eq!(read_table("", b';'), Err(ImportError::Empty));
        assert_eq!(read_table("\n;;\n\r\n", b';'), Err(ImportError::Empty));
        assert_eq!(
            read_table("\"a;b\n", b';'),
            Err(ImportError::HeaderUnreadable)
        );
        let wide = vec!["h"; MAX_COLUMNS + 1].join(";");
        assert_eq!(
            read_table(&wide, b';'),
            Err(ImportError::TooManyColumns { max: MAX_COLUMNS })
        );
        let widest = vec!["h"; MAX_COLUMNS].join(";");
        assert_eq!(
            read_table(&widest, b';').unwrap().headers.len(),
            MAX_COLUMNS
        );
        let full = format!("h\n{}", "a\n".repeat(MAX_ROWS));
        assert_eq!(read_table(&full, b';').unwrap().rows.len(), MAX_ROWS);
        let over = format!("h\n{}", "a\n".repeat(MAX_ROWS + 1));
        assert_eq!(
            read_table(&over, b';'),
            Err(ImportError::TooManyRows { max: MAX_ROWS })
        );
        // Only header: no rows, no error.
        assert!(read_table("a;b\r\n", b';').unwrap().rows.is_empty());
    }

    // --- guess_mapping --------------------------------------------------------------------

    fn guess(headers: &[&str]) -> Vec<Target> {
        guess_mapping(&strings(headers))
    }

    #[test]
    fn guesses_russian_and_english_headers() {
        for (header, target) in [
            ("ФИО", Target::Name),
            ("  ф.и.о. ", Target::Name),
            ("Full name", Target::Name),
            ("NAME", Target::Name),
            ("Имя", Target::FirstName),
            ("First Name", Target::FirstName),
            ("first_name", Target::FirstName),
            ("Фамилия", Target::LastName),
            ("Last name", Target::LastName),
            ("Отчество", Target::MiddleName),
            ("Телефон", Target::Phone),
            ("Тел.", Target::Phone),
            ("Мобильный", Target::Phone),
            ("Phone", Target::Phone),
            ("Mobile", Target::Phone),
            ("Рабочий телефон", Target::Phone),
            ("Email", Target::Email),
            ("E-mail", Target::Email),
            ("e_mail:", Target::Email),
            ("Почта", Target::Email),
            ("Эл. почта", Target::Email),
            ("Компания", Target::Company),
            ("Организация", Target::Company),
            ("Название компании", Target::Company),
            ("Company", Target::Company),
            ("Теги", Target::Tags),
            ("Метки", Target::Tags),
            ("Tags", Target::Tags),
            ("День рождения", Target::Birthday),
            ("Дата рождения", Target::Birthday),
            ("Birthday", Target::Birthday),
            ("Date of birth", Target::Birthday),
            ("Регион", Target::Region),
            ("Город", Target::Region),
            ("Region", Target::Region),
            ("City", Target::Region),
            ("Тип", Target::Kind),
            ("Type", Target::Kind),
            ("Тип клиента", Target::Kind),
            ("Примечание", Target::Notes),
            ("Комментарий", Target::Notes),
            ("Notes", Target::Notes),
            ("Comment", Target::Notes),
            ("Telegram", Target::Telegram),
            ("Телеграм", Target::Telegram),
            ("Ник в Telegram", Target::Telegram),
            ("ИНН", Target::Skip),
            ("Ответственный", Target::Skip),
            ("", Target::Skip),
            ("Telephone type", Target::Skip),
            ("Почтовый индекс", Target::Skip),
            ("Адрес электронной почты", Target::Email),
            ("E-mail Address", Target::Email),
            ("E-mail Display Name", Target::Skip),
            ("ФИО клиента", Target::Name),
            ("Имя клиента", Target::Name),
            ("Контактный телефон", Target::Phone),
        ] {
            assert_eq!(guess(&[header]), [target], "{header}");
        }
    }

    #[test]
    fn guesses_google_contacts_headers() {
        assert_eq!(
            guess(&[
                "First Name",
                "Middle Name",
                "Last Name",
                "E-mail 1 - Label",
                "E-mail 1 - Value",
                "Phone 1 - Label",
                "Phone 1 - Value",
                "Phone 2 - Type",
                "Phone 2 - Value",
                "Organization Name",
                "Labels",
            ]),
            [
                Target::FirstName,
                Target::MiddleName,
                Target::LastName,
                Target::Skip,
                Target::Email,
                Target::Skip,
                Target::Phone,
                Target::Skip,
                Target::Phone,
                Target::Company,
                Target::Skip,
            ]
        );
    }

    #[test]
    fn single_valued_targets_go_to_the_first_column_only() {
        assert_eq!(
            guess(&[
                "ФИО",
                "Телефон",
                "Телефон 2",
                "Name",
                "Компания",
                "Организация",
                "Почта",
                "Email"
            ]),
            [
                Target::Name,
                Target::Phone,
                Target::Phone,
                Target::Skip,
                Target::Company,
                Target::Skip,
                Target::Email,
                Target::Email,
            ]
        );
    }

    #[test]
    fn target_codes_are_short_unique_and_read_back() {
        for target in Target::ALL {
            assert_eq!(Target::from_code(target.code()), Some(target));
            assert!(target.code().len() <= 2 && target.code().is_ascii());
            assert_eq!(
                Target::ALL
                    .iter()
                    .filter(|t| t.code() == target.code())
                    .count(),
                1
            );
        }
        assert_eq!(Target::from_code("zz"), None);
    }

    // --- parse_row ------------------------------------------------------------------------

    #[test]
    fn name_parts_combine_and_a_full_name_wins() {
        let mapping = [
            Target::LastName,
            Target::FirstName,
            Target::MiddleName,
            Target::Name,
        ];
        let parse = |cells: &[&str]| parse_row(&row(2, cells), &mapping, THIS_YEAR);
        assert_eq!(
            parse(&["Петров", "Иван", "", ""]).unwrap().name.as_str(),
            "Иван Петров"
        );
        assert_eq!(
            parse(&["Петров", "Иван", "Ильич", ""])
                .unwrap()
                .name
                .as_str(),
            "Иван Ильич Петров"
        );
        assert_eq!(parse(&["", "Иван"]).unwrap().name.as_str(), "Иван");
        assert_eq!(
            parse(&["Петров", "Иван", "", " Ivan  Petrov "])
                .unwrap()
                .name
                .as_str(),
            "Ivan Petrov"
        );
        assert_eq!(
            parse(&[" ", "", "", ""]).unwrap_err().reason,
            RejectReason::NoName
        );
        assert_eq!(
            parse(&["123", "", "", ""]).unwrap_err().reason,
            RejectReason::Field {
                column: 0,
                target: Target::LastName,
                error: InputError::NameWithoutLetters
            }
        );
    }

    #[test]
    fn cells_are_trimmed_unprotected_and_split() {
        let mapping = [
            Target::Name,
            Target::Phone,
            Target::Phone,
            Target::Email,
            Target::Tags,
            Target::Tags,
            Target::Notes,
            Target::Notes,
            Target::Birthday,
            Target::Skip,
        ];
        let contact = parse_row(
            &row(
                3,
                &[
                    "'-Минус",
                    "'+79991234567; 8 999 123-45-67",
                    "+7 916 123-45-67\n+7 903 123-45-67",
                    "A@X.RU, b@y.ru",
                    "vip;опт",
                    "#VIP new",
                    "first",
                    "second\r\nthird",
                    "--12-25",
                    "=ignored(",
                ],
            ),
            &mapping,
            THIS_YEAR,
        )
        .unwrap();
        assert_eq!(contact.name.as_str(), "-Минус");
        assert_eq!(
            phones(&contact),
            ["+79991234567", "+79161234567", "+79031234567"]
        );
        let emails: Vec<&str> = contact.emails.iter().map(Email::as_str).collect();
        assert_eq!(emails, ["a@x.ru", "b@y.ru"]);
        let tags: Vec<&str> = contact.tags.iter().map(Tag::as_str).collect();
        assert_eq!(tags, ["vip", "опт", "new"]);
        assert_eq!(contact.notes.as_deref(), Some("first\nsecond\nthird"));
        assert_eq!(contact.birthday, date(25, 12, None));
    }

    #[test]
    fn a_bad_cell_names_its_column_and_target() {
        let mapping = [Target::Name, Target::Phone, Target::Phone, Target::Telegram];
        let rejected = parse_row(
            &row(7, &["Иван", "+79991234567", "+79991234567, 42", "@ivan_p"]),
            &mapping,
            THIS_YEAR,
        )
        .unwrap_err();
        assert_eq!(rejected.line, 7);
        assert_eq!(rejected.cells[2], "+79991234567, 42");
        assert_eq!(
            rejected.reason,
            RejectReason::Field {
                column: 2,
                target: Target::Phone,
                error: InputError::PhoneInvalid
            }
        );
        let rejected =
            parse_row(&row(8, &["Иван", "", "", "@iv"]), &mapping, THIS_YEAR).unwrap_err();
        assert_eq!(rejected.reason.locale_key(), "error-telegram-invalid");
    }

    #[test]
    fn text_fields_have_limits_and_extra_cells_must_be_empty() {
        let mapping = [Target::Name, Target::Region, Target::Notes];
        let parse = |cells: &[&str]| parse_row(&row(2, cells), &mapping, THIS_YEAR);
        let long_region = "я".repeat(REGION_MAX_CHARS + 1);
        assert_eq!(
            parse(&["Иван", &long_region, ""])
                .unwrap_err()
                .reason
                .locale_key(),
            "error-text-too-long"
        );
        let long_notes = "я".repeat(NOTES_MAX_CHARS + 1);
        assert_eq!(
            parse(&["Иван", "", &long_notes])
                .unwrap_err()
                .reason
                .locale_key(),
            "error-note-too-long"
        );
        assert!(parse(&["Иван", "Тверь", "", " ", ""]).is_ok());
        assert_eq!(
            parse(&["Иван", "Тверь", "", "x"]).unwrap_err().reason,
            RejectReason::ExtraCells { columns: 3 }
        );
        // Short rows are fine: missing cells are empty.
        assert_eq!(parse(&["Иван"]).unwrap().region, None);
    }

    #[test]
    fn outlook_empty_birthdays_are_no_birthday() {
        let mapping = [Target::Name, Target::Birthday];
        let parse = |cell: &str| parse_row(&row(2, &["Иван", cell]), &mapping, THIS_YEAR);
        for empty in ["0/0/00", "00.00.0000", "0.0"] {
            assert_eq!(parse(empty).unwrap().birthday, None, "{empty}");
        }
        assert_eq!(
            parse("0.13").unwrap_err().reason.locale_key(),
            "error-birthday-invalid"
        );
    }

    // --- rejected_csv ---------------------------------------------------------------------

    #[test]
    fn rejected_rows_go_back_as_excel_csv_with_reasons_first() {
        let (file, _, rejected) = import(BAD_ROWS);
        let bytes = rejected_csv(&rejected, &file.headers, "Ошибка", |row| {
            format!("{}: {}", row.line, row.reason.locale_key())
        });
        let text =
            std::str::from_utf8(bytes.strip_prefix(super::super::UTF8_BOM).unwrap()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Ошибка;ФИО;Телефон;Email;Теги;День рождения;Комментарий"
        );
        assert_eq!(
            lines[1],
            "3: error-phone-invalid;Плохой Телефон;12345;;;;'=cmd|' /C calc'!A0"
        );
        assert_eq!(
            lines[4],
            "6: import-broken-quoting;\"\"\"Петров\"\" Пётр\";'+7 999 111-22-36;;;;"
        );
        assert_eq!(lines.len(), rejected.len() + 2);

        // Fixed and sent again, the file imports: the reason column is skipped.
        let again = decode(&bytes).unwrap();
        let table = read_table(&again, detect_delimiter(&again)).unwrap();
        let mapping = guess_mapping(&table.headers);
        assert_eq!(mapping[0], Target::Skip);
        assert_eq!(mapping[2], Target::Phone);
        assert_eq!(table.rows[0].cells[6], "'=cmd|' /C calc'!A0");
        let reread = parse_row(&table.rows[2], &mapping, THIS_YEAR).unwrap_err();
        assert_eq!(reread.reason, RejectReason::NoName);
    }
}

#[cfg(test)]
mod props {
    use super::super::{WRITE_DELIMITER, protect_cell};
    use super::*;
    use crate::domain::props::{any_text, config};
    use proptest::prelude::*;
    use std::borrow::Cow;

    const HEADERS: &[&str] = &[
        "ФИО",
        "Имя",
        "Фамилия",
        "Отчество",
        "Телефон",
        "Моб. тел.",
        "E-mail",
        "Эл. почта",
        "Компания",
        "Теги",
        "День рождения",
        "Город",
        "Тип",
        "Комментарий",
        "Telegram",
        "Name",
        "First Name",
        "Last Name",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Birthday",
        "Notes",
        "Labels",
        "Ошибка",
        " ФИО ",
        "x",
    ];
    const CELLS: &[&str] = &[
        "Иван Петров",
        "Petrov, Ivan",
        "Пётр",
        "+7 999 123-45-67",
        "8 (999) 123-45-67; +7 495 123 45 67",
        "12345",
        "ivan@example.ru",
        "a@b.ru, c@d.com",
        "bad@",
        "#vip, опт",
        "vip;new-2025",
        "#bad!tag",
        "25.12.1990",
        "25 декабря",
        "--12-25",
        "0/0/00",
        "31.02",
        "December 25, 1990",
        "@ivan_petrov",
        "https://t.me/ivan_petrov",
        "ivan",
        "'=cmd|' /C calc'!A0",
        "'+79991234567",
        "=1+1",
        "Опт",
        "Москва",
        "",
        " ",
        "\"",
        "\"\"",
        "a\"b",
        "a;b",
        "a,b",
        "a\tb",
        "\t",
        "line\nbreak",
        "line\r\nbreak",
        "\u{feff}",
        "\u{200b}",
        "\u{0}",
        "\u{1b}",
    ];
    const DELIMITERS: &[u8] = b";;;,,,\t\t| ";
    const LINE_ENDINGS: &[&str] = &["\n", "\r\n", "\r", "\n\n"];

    /// Repeated to make long cells.
    const LONG_PIECES: &[&str] = &["я", "ab ", "Иван Петров ", "+7 999 ", "\"\"", ";", "a\nb"];

    /// What a cell may hold: a typical value, any text, or a long run of text.
    fn cell_text() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => prop::sample::select(CELLS).prop_map(str::to_owned),
            // A NUL makes the whole file binary: it is left to the files of any bytes.
            2 => any_text().prop_map(|text| text.replace('\0', "")),
            1 => (prop::sample::select(LONG_PIECES), 20..400_usize)
                .prop_map(|(piece, times)| piece.repeat(times)),
        ]
    }

    /// Bytes of text files: digits and CSV punctuation, and Windows-1251 letters or the bytes
    /// of UTF-8 Cyrillic and of a BOM.
    const ASCII_BYTES: &[u8] = b"09 ;,\t\"\r\n'=+@.\x1A";
    const CP1251_BYTES: &[u8] = b"\xC0\xC8\xE0\xE5\xEE\xFF\xA8\xB8";
    const UTF8_BYTES: &[u8] = b"\xD0\xD1\x80\x90\xB0\xBF\xEF\xBB";

    /// Up to a kilobyte of any bytes, or of bytes that text files are made of. Drawn eight at a
    /// time, which is several times faster than one by one.
    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        (0..3_usize, prop::collection::vec(any::<u64>(), 0..128)).prop_map(|(kind, words)| {
            let bytes = words.into_iter().flat_map(u64::to_le_bytes);
            let letters = match kind {
                0 => return bytes.collect(),
                1 => CP1251_BYTES,
                _ => UTF8_BYTES,
            };
            let pick = |byte: u8, from: &[u8]| from[usize::from(byte) % from.len()];
            bytes
                .map(|byte| match byte % 4 {
                    0 => pick(byte / 4, letters),
                    _ => pick(byte / 4, ASCII_BYTES),
                })
                .collect()
        })
    }

    /// How a cell is written: as it is, quoted as it should be, with a quote never closed, or
    /// with text after its closing quote.
    #[derive(Debug, Clone, Copy)]
    enum Quoting {
        Plain,
        Quoted,
        Unclosed,
        TextAfter,
    }

    fn written(cell: &str, quoting: Quoting) -> String {
        let escaped = cell.replace('"', "\"\"");
        match quoting {
            Quoting::Plain => cell.to_owned(),
            Quoting::Quoted => format!("\"{escaped}\""),
            Quoting::Unclosed => format!("\"{escaped}"),
            Quoting::TextAfter => format!("\"{escaped}\"x"),
        }
    }

    fn quoting() -> impl Strategy<Value = Quoting> {
        prop_oneof![
            8 => Just(Quoting::Plain),
            4 => Just(Quoting::Quoted),
            1 => Just(Quoting::Unclosed),
            1 => Just(Quoting::TextAfter),
        ]
    }

    /// The bytes as a file saved in UTF-8 (with a BOM or without), Windows-1251, UTF-16 with a
    /// BOM, or UTF-8 with one byte overwritten.
    fn encoded(text: &str, encoding: usize, at: prop::sample::Index, byte: u8) -> Vec<u8> {
        match encoding {
            0 => text.as_bytes().to_vec(),
            1 => [super::super::UTF8_BOM, text.as_bytes()].concat(),
            2 => WINDOWS_1251.encode(text).0.into_owned(),
            3 => [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect(),
            4 => [0xFE, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
            _ => {
                let mut bytes = text.as_bytes().to_vec();
                if !bytes.is_empty() {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
                bytes
            }
        }
    }

    /// A file that looks like a CSV of contacts: a header, rows of cells quoted or not, one
    /// delimiter or several, any line endings, in one of the encodings, and the delimiter it
    /// was written with.
    fn csv_file() -> impl Strategy<Value = (Vec<u8>, u8)> {
        let header = prop::collection::vec(prop::sample::select(HEADERS), 1..8);
        let row = (
            prop::collection::vec((cell_text(), quoting()), 0..6),
            prop::sample::select(LINE_ENDINGS),
        );
        let encoding = (0..6_usize, any::<prop::sample::Index>(), any::<u8>());
        (
            (any::<bool>(), header, prop::collection::vec(row, 0..6)),
            (prop::sample::select(DELIMITERS), any::<bool>()),
            encoding,
        )
            .prop_map(
                |((bom, header, rows), (delimiter, mixed), (encoding, at, byte))| {
                    let mut text = String::from(if bom { "\u{feff}" } else { "" });
                    text.push_str(&header.join(&char::from(delimiter).to_string()));
                    text.push_str("\r\n");
                    for (number, (cells, ending)) in rows.into_iter().enumerate() {
                        // Now and then a row with another delimiter, as if pasted from elsewhere.
                        let row_delimiter = if mixed && number % 3 == 2 {
                            ','
                        } else {
                            char::from(delimiter)
                        };
                        let cells: Vec<String> = cells
                            .iter()
                            .map(|(cell, quoting)| written(cell, *quoting))
                            .collect();
                        text.push_str(&cells.join(&row_delimiter.to_string()));
                        text.push_str(ending);
                    }
                    (encoded(&text, encoding, at, byte), delimiter)
                },
            )
    }

    /// Whether a character is text to [`decode`]: not a control character other than a tab or
    /// a line break.
    fn is_text(c: char) -> bool {
        !c.is_ascii_control() || "\t\r\n".contains(c)
    }

    /// Every step of an import in the bot's order: each either refuses the file or hands on
    /// something the next one can take, and every row becomes a contact or a rejected row on
    /// its own line. The text is read with the delimiter detected and with `delimiter`.
    fn import(bytes: &[u8], delimiter: u8, this_year: i32) -> Result<(), TestCaseError> {
        let Ok(text) = decode(bytes) else {
            return Ok(());
        };
        let detected = detect_delimiter(&text);
        prop_assert!(b";,\t".contains(&detected));
        read_rows(&text, detected, this_year)?;
        if delimiter != detected {
            read_rows(&text, delimiter, this_year)?;
        }
        Ok(())
    }

    fn read_rows(text: &str, delimiter: u8, this_year: i32) -> Result<(), TestCaseError> {
        let Ok(file) = read_table(text, delimiter) else {
            return Ok(());
        };
        prop_assert!(file.headers.len() <= MAX_COLUMNS);
        prop_assert!(file.rows.windows(2).all(|pair| pair[0].line < pair[1].line));
        let mapping = guess_mapping(&file.headers);
        prop_assert_eq!(mapping.len(), file.headers.len());
        for target in Target::ALL
            .into_iter()
            .filter(|target| !target.repeatable())
        {
            prop_assert!(mapping.iter().filter(|&&mapped| mapped == target).count() <= 1);
        }
        let mut rejected = file.rejected.clone();
        for row in &file.rows {
            match parse_row(row, &mapping, this_year) {
                Ok(contact) => prop_assert_eq!(contact.line, row.line),
                Err(rejection) => {
                    prop_assert_eq!(rejection.line, row.line);
                    rejected.push(rejection);
                }
            }
        }
        let sent_back = rejected_csv(&rejected, &file.headers, "Ошибка", |row| {
            format!("{}: {}", row.line, row.reason.locale_key())
        });
        if let Ok(text) = decode(&sent_back) {
            read_table(&text, WRITE_DELIMITER).map_err(|error| {
                TestCaseError::fail(format!("rejected rows do not read back: {error}"))
            })?;
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn any_bytes_are_refused_or_read(
            bytes in bytes(),
            this_year in 1900..2100,
        ) {
            import(&bytes, b';', this_year)?;
        }

        #[test]
        fn csv_like_files_are_refused_or_read(
            (bytes, delimiter) in csv_file(),
            this_year in 1900..2100,
        ) {
            import(&bytes, delimiter, this_year)?;
        }

        #[test]
        fn any_row_is_a_contact_or_rejected_as_it_was(
            cells in prop::collection::vec(cell_text(), 0..10),
            mapping in prop::collection::vec(prop::sample::select(&Target::ALL[..]), 0..8),
            line in 2..100_000_usize,
            this_year in 1900..2100,
        ) {
            let row = RawRow { line, cells };
            match parse_row(&row, &mapping, this_year) {
                Ok(contact) => {
                    prop_assert_eq!(contact.line, line);
                    prop_assert!(!contact.name.as_str().is_empty());
                    for phone in &contact.phones {
                        prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone.clone()));
                    }
                    let notes = contact.notes.as_deref().unwrap_or_default();
                    prop_assert!(notes.chars().count() <= NOTES_MAX_CHARS);
                }
                Err(rejected) => {
                    prop_assert_eq!(rejected.line, line);
                    prop_assert_eq!(rejected.cells, row.cells);
                }
            }
        }

        #[test]
        fn cells_written_for_excel_read_back(
            header in prop::collection::vec(prop::sample::select(HEADERS), 1..6),
            rows in prop::collection::vec(
                prop::collection::vec(
                    prop_oneof![
                        prop::sample::select(CELLS).prop_map(str::to_owned),
                        any_text(),
                    ]
                    .prop_map(|cell| cell.chars().filter(|&c| is_text(c)).collect::<String>()),
                    1..6,
                ),
                0..6,
            ),
        ) {
            let lines = rows.iter().map(|row| row.iter().map(String::as_str).collect());
            let bytes = write_csv(std::iter::once(header.clone()).chain(lines));
            let text = decode(&bytes).map_err(|error| TestCaseError::fail(error.to_string()))?;
            let file = read_table(&text, WRITE_DELIMITER)
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let headers: Vec<String> =
                header.iter().map(|cell| protect_cell(cell).trim().to_owned()).collect();
            prop_assert_eq!(&file.headers, &headers);
            prop_assert!(file.rejected.is_empty(), "{:?}", file.rejected);
            let filled: Vec<&Vec<String>> = rows
                .iter()
                .filter(|row| row.iter().any(|cell| !protect_cell(cell).trim().is_empty()))
                .collect();
            prop_assert_eq!(file.rows.len(), filled.len());
            // What the file holds is each cell protected; what an import sees of it is what it
            // would have seen of the cell itself.
            for (read, written) in file.rows.iter().zip(filled) {
                let protected: Vec<Cow<'_, str>> =
                    written.iter().map(|cell| protect_cell(cell)).collect();
                prop_assert_eq!(&read.cells, &protected);
                for (read, written) in read.cells.iter().zip(written) {
                    prop_assert_eq!(unprotect_cell(read), unprotect_cell(written));
                }
            }
        }
    }
}
