//! Text to a table: the delimiter found, and the text split into a header and rows of cells,
//! strictly enough that broken quoting rejects one row rather than swallowing the file.

use super::limits::{ImportError, MAX_COLUMNS, MAX_ROWS};
use super::rejects::{RejectReason, Rejected};

/// Physical lines one quoted cell may span before its quote counts as never closed. Also
/// bounds the work a file full of stray quotes causes.
pub(super) const MAX_CELL_LINES: usize = 50;
/// Records looked at to find the delimiter.
const DELIMITER_SAMPLE_RECORDS: usize = 20;

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
