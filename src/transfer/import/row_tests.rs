//! Examples of the importer at work on columns and rows: headers guessed in Russian and English,
//! cells read into contacts or rejected with their reasons, and rejected rows sent back.

use super::columns::*;
use super::encoding::*;
use super::rejects::*;
use super::rows::*;
use super::table::*;
use super::tests::{BAD_ROWS, THIS_YEAR, date, import, phones, row, strings};
use crate::domain::{Email, InputError, Tag};

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
    let rejected = parse_row(&row(8, &["Иван", "", "", "@iv"]), &mapping, THIS_YEAR).unwrap_err();
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
    let text = std::str::from_utf8(
        bytes
            .strip_prefix(crate::transfer::cells::UTF8_BOM)
            .unwrap(),
    )
    .unwrap();
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
