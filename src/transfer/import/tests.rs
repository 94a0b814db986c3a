//! Examples of the importer at work: real files from Excel and Google, decoding, splitting into
//! cells, and the limits of a file.

use super::columns::*;
use super::encoding::*;
use super::limits::*;
use super::rejects::*;
use super::rows::*;
use super::table::*;
use crate::domain::{Birthday, ContactRow, Email, InputError, Phone, Tag};
use encoding_rs::WINDOWS_1251;

pub(super) const THIS_YEAR: i32 = 2025;

const UTF8_BOM_SEMICOLON: &[u8] =
    include_bytes!("../../../tests/data/contacts_utf8_bom_semicolon.csv");
const UTF8_COMMA: &[u8] = include_bytes!("../../../tests/data/contacts_utf8_comma.csv");
const CP1251_SEMICOLON: &[u8] = include_bytes!("../../../tests/data/contacts_cp1251_semicolon.csv");
const TAB: &[u8] = include_bytes!("../../../tests/data/contacts_tab.tsv");
pub(super) const BAD_ROWS: &[u8] = include_bytes!("../../../tests/data/contacts_bad_rows.csv");
const BINARY: &[u8] = include_bytes!("../../../tests/data/binary.csv");

/// The whole pipeline with the guessed mapping: (file, contacts, all rejected by line).
pub(super) fn import(bytes: &[u8]) -> (ImportFile, Vec<ContactRow>, Vec<Rejected>) {
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

pub(super) fn names(contacts: &[ContactRow]) -> Vec<&str> {
    contacts.iter().map(|c| c.name.as_str()).collect()
}

pub(super) fn phones(contact: &ContactRow) -> Vec<&str> {
    contact.phones.iter().map(Phone::as_str).collect()
}

pub(super) fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|&cell| cell.to_owned()).collect()
}

pub(super) fn row(line: usize, cells: &[&str]) -> RawRow {
    RawRow {
        line,
        cells: strings(cells),
    }
}

pub(super) fn date(day: u32, month: u32, year: Option<i32>) -> Option<Birthday> {
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
