//! Properties of the importer: any bytes are refused or read, and any row becomes a contact or
//! is rejected as it was.

use super::columns::*;
use super::encoding::*;
use super::limits::*;
use super::rows::*;
use super::table::*;
use crate::domain::Phone;
use crate::domain::props::{any_text, config};
use crate::transfer::cells::write_csv;
use crate::transfer::cells::{WRITE_DELIMITER, protect_cell, unprotect_cell};
use encoding_rs::WINDOWS_1251;
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
        1 => [crate::transfer::cells::UTF8_BOM, text.as_bytes()].concat(),
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
