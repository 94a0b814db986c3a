//! Writing contacts and deals out: CSV that Excel opens directly, and vCard 3.0 for phones and
//! mail programs.
//!
//! The caller fills the plain records below from the store (labels already localised, dates
//! already formatted); nothing here reads the database or the locale files.

use super::cells::write_csv;
use crate::domain::{Birthday, Lang};

/// One contact as exported. Empty lists and `None` are empty cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportContact {
    pub name: String,
    /// E.164, as stored.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// The username, with or without "@".
    pub telegram: Option<String>,
    pub companies: Vec<String>,
    pub tags: Vec<String>,
    /// The contact type's label in the reader's language.
    pub kind: Option<String>,
    pub region: Option<String>,
    pub birthday: Option<Birthday>,
    /// The priority's label in the reader's language.
    pub priority: Option<String>,
    pub notes: Option<String>,
    /// The owner's display name.
    pub owner: String,
    /// When the contact was created, formatted for the reader, e.g. "25.12.2025 14:30".
    pub created_at: String,
}

/// One deal as exported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDeal {
    pub title: String,
    pub contact: Option<String>,
    pub company: Option<String>,
    /// In kopecks or cents, as stored; written as "1500.00".
    pub amount_minor: Option<i64>,
    /// ISO 4217 code, e.g. "RUB".
    pub currency: Option<String>,
    pub stage: String,
    /// Dates and times formatted for the reader.
    pub expected_close: Option<String>,
    pub next_action: Option<String>,
    pub comment: Option<String>,
    pub lost_reason: Option<String>,
    pub owner: String,
    pub created_at: String,
    pub closed_at: Option<String>,
}

pub const CONTACT_COLUMNS: usize = 13;
pub const DEAL_COLUMNS: usize = 13;

/// Contact CSV headers, in the order of [`contacts_csv`]'s cells. The importer's
/// [`guess_mapping`](super::import::guess_mapping) recognises every column it can read back
/// (priority, owner and creation time are skipped on import).
pub fn contact_headers(lang: Lang) -> [&'static str; CONTACT_COLUMNS] {
    match lang {
        Lang::Ru => [
            "ФИО",
            "Телефон",
            "Email",
            "Telegram",
            "Компания",
            "Теги",
            "Тип",
            "Регион",
            "День рождения",
            "Приоритет",
            "Примечание",
            "Ответственный",
            "Создан",
        ],
        Lang::En => [
            "Name", "Phone", "Email", "Telegram", "Company", "Tags", "Type", "Region", "Birthday",
            "Priority", "Notes", "Owner", "Created",
        ],
    }
}

/// Deal CSV headers, in the order of [`deals_csv`]'s cells.
pub fn deal_headers(lang: Lang) -> [&'static str; DEAL_COLUMNS] {
    match lang {
        Lang::Ru => [
            "Сделка",
            "Контакт",
            "Компания",
            "Сумма",
            "Валюта",
            "Этап",
            "Ожидаемое закрытие",
            "Следующий шаг",
            "Комментарий",
            "Причина проигрыша",
            "Ответственный",
            "Создана",
            "Закрыта",
        ],
        Lang::En => [
            "Deal",
            "Contact",
            "Company",
            "Amount",
            "Currency",
            "Stage",
            "Expected close",
            "Next action",
            "Comment",
            "Lost reason",
            "Owner",
            "Created",
            "Closed",
        ],
    }
}

/// Contacts as CSV: UTF-8 with BOM, `;`-separated, CRLF, every cell protected against formula
/// injection (phones too: "'+79991234567"; see [`protect_cell`](super::cells::protect_cell)). Lists
/// are joined with ", ", which the importer splits again.
pub fn contacts_csv(contacts: &[ExportContact], headers: &[&str; CONTACT_COLUMNS]) -> Vec<u8> {
    let rows: Vec<[String; CONTACT_COLUMNS]> = contacts
        .iter()
        .map(|c| {
            [
                c.name.clone(),
                c.phones.join(", "),
                c.emails.join(", "),
                c.telegram
                    .as_deref()
                    .map(|t| t.trim_start_matches('@').to_owned())
                    .unwrap_or_default(),
                c.companies.join(", "),
                c.tags.join(", "),
                c.kind.clone().unwrap_or_default(),
                c.region.clone().unwrap_or_default(),
                c.birthday.map(|b| b.display()).unwrap_or_default(),
                c.priority.clone().unwrap_or_default(),
                c.notes.clone().unwrap_or_default(),
                c.owner.clone(),
                c.created_at.clone(),
            ]
        })
        .collect();
    write_table(headers, &rows)
}

/// Deals as CSV, formatted like [`contacts_csv`]. The amount is a decimal with a point and two
/// places ("1500.00"), the currency its ISO code in the next column.
pub fn deals_csv(deals: &[ExportDeal], headers: &[&str; DEAL_COLUMNS]) -> Vec<u8> {
    let rows: Vec<[String; DEAL_COLUMNS]> = deals
        .iter()
        .map(|d| {
            [
                d.title.clone(),
                d.contact.clone().unwrap_or_default(),
                d.company.clone().unwrap_or_default(),
                d.amount_minor.map(decimal_amount).unwrap_or_default(),
                d.currency.clone().unwrap_or_default(),
                d.stage.clone(),
                d.expected_close.clone().unwrap_or_default(),
                d.next_action.clone().unwrap_or_default(),
                d.comment.clone().unwrap_or_default(),
                d.lost_reason.clone().unwrap_or_default(),
                d.owner.clone(),
                d.created_at.clone(),
                d.closed_at.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write_table(headers, &rows)
}

fn write_table<const N: usize>(headers: &[&str; N], rows: &[[String; N]]) -> Vec<u8> {
    write_csv(
        std::iter::once(headers.to_vec()).chain(
            rows.iter()
                .map(|row| row.iter().map(String::as_str).collect()),
        ),
    )
}

/// "1500.00" for 150000 minor units; "-0.05" for -5.
fn decimal_amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

// ---------------------------------------------------------------------------------------------
// vCard

/// The longest line in octets, without the CRLF (RFC 2426 section 2.6 via RFC 2425 5.8.1).
const VCARD_LINE_OCTETS: usize = 75;

/// Contacts as vCard 3.0 (RFC 2426), one card after another, CRLF line endings, lines folded at
/// 75 octets without splitting a character. Each card has FN and N, a TEL;TYPE=CELL per phone,
/// an EMAIL;TYPE=INTERNET per address, ORG (the first company), CATEGORIES (the tags), BDAY
/// only when the year is known, URL (the Telegram link) and NOTE.
pub fn vcards(contacts: &[ExportContact]) -> String {
    let mut out = String::new();
    for contact in contacts {
        vcard(&mut out, contact);
    }
    out
}

fn vcard(out: &mut String, contact: &ExportContact) {
    let mut line = |text: String| push_folded(out, &text);
    line("BEGIN:VCARD".into());
    line("VERSION:3.0".into());
    line(format!("FN:{}", escape(&contact.name)));
    let [family, given, additional] = split_name(&contact.name).map(|part| escape(&part));
    line(format!("N:{family};{given};{additional};;"));
    for phone in &contact.phones {
        line(format!("TEL;TYPE=CELL:{}", escape(phone)));
    }
    for email in &contact.emails {
        line(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
    }
    if let Some(company) = contact.companies.first() {
        line(format!("ORG:{}", escape(company)));
    }
    if !contact.tags.is_empty() {
        let tags: Vec<String> = contact.tags.iter().map(|tag| escape(tag)).collect();
        line(format!("CATEGORIES:{}", tags.join(",")));
    }
    if let Some(Birthday {
        day,
        month,
        year: Some(year),
    }) = contact.birthday
    {
        line(format!("BDAY:{year:04}-{month:02}-{day:02}"));
    }
    if let Some(telegram) = &contact.telegram {
        let username = telegram.trim_start_matches('@');
        line(format!("URL:https://t.me/{}", escape(username)));
    }
    if let Some(notes) = contact.notes.as_deref().filter(|n| !n.is_empty()) {
        line(format!("NOTE:{}", escape(notes)));
    }
    line("END:VCARD".into());
}

/// A text value escaped for vCard 3.0: backslash, comma and semicolon get a backslash, every
/// line break (CRLF, CR or LF) becomes `\n`.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends a content line with CRLF, folded so that no physical line is longer than
/// [`VCARD_LINE_OCTETS`]: continuation lines start with a space, and a cut never falls inside
/// a UTF-8 character.
fn push_folded(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = VCARD_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space takes one octet of the next line.
        room = VCARD_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// (family, given, additional) names for N. The last word is the family name and the others
/// given names, except with a patronymic: "Иван Иванович Петров" and "Петров Иван Иванович"
/// both give ("Петров", "Иван", "Иванович"). A single word is a given name.
fn split_name(name: &str) -> [String; 3] {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words[..] {
        [] => Default::default(),
        [given] => [String::new(), given.to_owned(), String::new()],
        [given, patronymic, family] if is_patronymic(patronymic) => {
            [family.into(), given.into(), patronymic.into()]
        }
        [family, given, patronymic] if is_patronymic(patronymic) => {
            [family.into(), given.into(), patronymic.into()]
        }
        [ref given @ .., family] => [family.into(), given.join(" "), String::new()],
    }
}

/// "Иванович", "Ильинична", "Petrovich", "Petrovna".
fn is_patronymic(word: &str) -> bool {
    let word = word.to_lowercase();
    ["вич", "вна", "ична", "ич", "vich", "vna", "ichna"]
        .iter()
        .any(|ending| word.ends_with(ending))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::import::{
        Target, decode, detect_delimiter, guess_mapping, parse_row, read_table,
    };

    fn ivan() -> ExportContact {
        ExportContact {
            name: "Иван Петров".into(),
            phones: vec!["+79991234567".into(), "+79161234567".into()],
            emails: vec!["ivan@example.ru".into()],
            telegram: Some("ivan_petrov".into()),
            companies: vec!["ООО \"Ромашка\"".into()],
            tags: vec!["vip".into(), "опт".into()],
            kind: Some("Опт".into()),
            region: Some("Москва".into()),
            birthday: Some(Birthday {
                day: 25,
                month: 12,
                year: Some(1990),
            }),
            priority: Some("Высокий".into()),
            notes: Some("Звонить после 18:00;\nлюбит скидки".into()),
            owner: "Анна".into(),
            created_at: "01.03.2025 10:00".into(),
        }
    }

    fn others() -> Vec<ExportContact> {
        vec![
            ExportContact {
                name: "=cmd|' /C calc'!A0".into(),
                phones: vec!["+442079460958".into()],
                owner: "Анна".into(),
                created_at: "02.03.2025 11:00".into(),
                ..Default::default()
            },
            ExportContact {
                name: "Smith, John".into(),
                emails: vec!["john@example.com".into(), "j.smith@example.org".into()],
                tags: vec!["new-2025".into()],
                notes: Some("say \"hi\"".into()),
                owner: "Boris".into(),
                created_at: "03.03.2025".into(),
                ..Default::default()
            },
        ]
    }

    fn text(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM")).unwrap()
    }

    #[test]
    fn contacts_csv_is_what_russian_excel_opens() {
        let bytes = contacts_csv(&[ivan()], &contact_headers(Lang::Ru));
        let text = text(&bytes);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "ФИО;Телефон;Email;Telegram;Компания;Теги;Тип;Регион;День рождения;Приоритет;\
             Примечание;Ответственный;Создан"
        );
        assert_eq!(
            lines[1],
            "Иван Петров;'+79991234567, +79161234567;ivan@example.ru;ivan_petrov;\
             \"ООО \"\"Ромашка\"\"\";vip, опт;Опт;Москва;25.12.1990;Высокий;\
             \"Звонить после 18:00;\nлюбит скидки\";Анна;01.03.2025 10:00"
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn formula_cells_are_neutralised() {
        let bytes = contacts_csv(&others(), &contact_headers(Lang::En));
        let text = text(&bytes);
        assert!(
            text.contains("\r\n'=cmd|' /C calc'!A0;'+442079460958;"),
            "{text}"
        );
        assert!(!text.contains("\n=cmd"));
    }

    #[test]
    fn deals_csv_writes_decimal_amounts_and_codes() {
        let deal = ExportDeal {
            title: "Поставка; партия 2".into(),
            contact: Some("Иван Петров".into()),
            amount_minor: Some(150_000),
            currency: Some("RUB".into()),
            stage: "Переговоры".into(),
            owner: "Анна".into(),
            created_at: "01.03.2025".into(),
            ..Default::default()
        };
        let small = ExportDeal {
            title: "-скидка".into(),
            amount_minor: Some(5),
            currency: Some("USD".into()),
            stage: "Lost".into(),
            lost_reason: Some("@price".into()),
            ..Default::default()
        };
        let bytes = deals_csv(&[deal, small], &deal_headers(Lang::En));
        let lines: Vec<&str> = text(&bytes).split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Deal;Contact;Company;Amount;Currency;Stage;Expected close;Next action;Comment;\
             Lost reason;Owner;Created;Closed"
        );
        assert_eq!(
            lines[1],
            "\"Поставка; партия 2\";Иван Петров;;1500.00;RUB;Переговоры;;;;;Анна;01.03.2025;"
        );
        assert_eq!(lines[2], "'-скидка;;;0.05;USD;Lost;;;;'@price;;;");
        assert_eq!(decimal_amount(-5), "-0.05");
        assert_eq!(decimal_amount(123_456_789), "1234567.89");
        assert_eq!(decimal_amount(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn export_headers_are_recognised_by_the_importer() {
        for lang in Lang::ALL {
            let headers: Vec<String> = contact_headers(lang).map(String::from).to_vec();
            assert_eq!(
                guess_mapping(&headers),
                [
                    Target::Name,
                    Target::Phone,
                    Target::Email,
                    Target::Telegram,
                    Target::Company,
                    Target::Tags,
                    Target::Kind,
                    Target::Region,
                    Target::Birthday,
                    Target::Skip,
                    Target::Notes,
                    Target::Skip,
                    Target::Skip,
                ],
                "{lang:?}"
            );
        }
    }

    #[test]
    fn exported_contacts_import_back_unchanged() {
        let mut contacts = vec![ivan()];
        contacts.extend(others().into_iter().skip(1));
        contacts.push(ExportContact {
            name: "-Минус Плюсов".into(),
            phones: vec!["+79035556677".into()],
            tags: vec!["b2b".into()],
            ..Default::default()
        });
        for lang in Lang::ALL {
            let bytes = contacts_csv(&contacts, &contact_headers(lang));
            let text = decode(&bytes).unwrap();
            let delimiter = detect_delimiter(&text);
            assert_eq!(delimiter, b';');
            let file = read_table(&text, delimiter).unwrap();
            assert!(file.rejected.is_empty());
            let mapping = guess_mapping(&file.headers);
            let rows: Vec<_> = file
                .rows
                .iter()
                .map(|row| parse_row(row, &mapping, 2025).unwrap())
                .collect();
            assert_eq!(rows.len(), contacts.len());
            for (row, contact) in rows.iter().zip(&contacts) {
                assert_eq!(row.name.as_str(), contact.name);
                let phones: Vec<&str> = row.phones.iter().map(|p| p.as_str()).collect();
                assert_eq!(phones, contact.phones);
                let emails: Vec<&str> = row.emails.iter().map(|e| e.as_str()).collect();
                assert_eq!(emails, contact.emails);
                let tags: Vec<&str> = row.tags.iter().map(|t| t.as_str()).collect();
                assert_eq!(tags, contact.tags);
                assert_eq!(row.birthday, contact.birthday);
                assert_eq!(row.notes, contact.notes);
                assert_eq!(row.region, contact.region);
                assert_eq!(row.kind, contact.kind);
                assert_eq!(
                    row.telegram.as_ref().map(|t| t.as_str()),
                    contact.telegram.as_deref()
                );
                assert_eq!(
                    row.company.as_deref(),
                    contact.companies.first().map(|c| &**c)
                );
            }
            // Lines count from 1, the header is line 1, Ivan's notes span two lines.
            let lines: Vec<usize> = file.rows.iter().map(|row| row.line).collect();
            assert_eq!(lines, [2, 4, 5]);
        }
    }

    #[test]
    fn vcard_has_the_fields_escaped() {
        let card = vcards(&[ivan()]);
        assert_eq!(
            card,
            "BEGIN:VCARD\r\n\
             VERSION:3.0\r\n\
             FN:Иван Петров\r\n\
             N:Петров;Иван;;;\r\n\
             TEL;TYPE=CELL:+79991234567\r\n\
             TEL;TYPE=CELL:+79161234567\r\n\
             EMAIL;TYPE=INTERNET:ivan@example.ru\r\n\
             ORG:ООО \"Ромашка\"\r\n\
             CATEGORIES:vip,опт\r\n\
             BDAY:1990-12-25\r\n\
             URL:https://t.me/ivan_petrov\r\n\
             NOTE:Звонить после 18:00\\;\\nлюбит скидки\r\n\
             END:VCARD\r\n"
        );
    }

    #[test]
    fn vcard_leaves_out_unknown_years_and_empty_fields() {
        let card = vcards(&[ExportContact {
            name: "Smith, John".into(),
            birthday: Some(Birthday {
                day: 1,
                month: 5,
                year: None,
            }),
            tags: vec!["a,b".into(), "c\\d".into()],
            notes: Some(String::new()),
            ..Default::default()
        }]);
        assert_eq!(
            card,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith\\, John\r\nN:John;Smith\\,;;;\r\n\
             CATEGORIES:a\\,b,c\\\\d\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn escape_turns_every_line_break_into_backslash_n() {
        assert_eq!(escape("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
        assert_eq!(escape("x;y,z\\"), "x\\;y\\,z\\\\");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let contact = ExportContact {
            name: "Я".into(),
            // Two-byte letters after "NOTE:a" (6 octets): a cut at 75 would split one.
            notes: Some(format!("a{}", "ж".repeat(200))),
            ..Default::default()
        };
        let card = vcards(&[contact]);
        let lines: Vec<&str> = card.split("\r\n").collect();
        assert!(lines.iter().all(|line| line.len() <= 75), "{lines:?}");
        let note_start = lines.iter().position(|l| l.starts_with("NOTE:")).unwrap();
        assert_eq!(lines[note_start].len(), 74);
        assert!(lines[note_start + 1].starts_with(' '));
        // Unfolding (drop CRLF + space) gives the note back.
        let unfolded = card.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("NOTE:a{}\r\n", "ж".repeat(200))));
    }

    #[test]
    fn names_split_into_family_and_given() {
        let split = |name: &str| split_name(name).map(|part| part.to_owned());
        assert_eq!(split("Иван Петров"), ["Петров", "Иван", ""]);
        assert_eq!(
            split("Иван Иванович Петров"),
            ["Петров", "Иван", "Иванович"]
        );
        assert_eq!(
            split("Петров Иван Иванович"),
            ["Петров", "Иван", "Иванович"]
        );
        assert_eq!(
            split("Анна Ильинична Шостакович"),
            ["Шостакович", "Анна", "Ильинична"]
        );
        assert_eq!(split("Mary Ann Smith"), ["Smith", "Mary Ann", ""]);
        assert_eq!(split("Cher"), ["", "Cher", ""]);
        assert_eq!(split(""), ["", "", ""]);
    }
}
