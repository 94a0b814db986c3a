//! CSV tables of contacts and deals that Excel opens directly, with headers the importer reads
//! back.

use super::records::{ExportContact, ExportDeal};
use crate::domain::Lang;
use crate::transfer::cells::write_csv;

pub const CONTACT_COLUMNS: usize = 13;
pub const DEAL_COLUMNS: usize = 13;

/// Contact CSV headers, in the order of [`contacts_csv`]'s cells. The importer's
/// [`guess_mapping`](crate::transfer::import::guess_mapping) recognises every column it can
/// read back (priority, owner and creation time are skipped on import).
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
/// injection except E.164 phones, which compute nothing (see
/// [`protect_cell`](crate::transfer::protect_cell)). Lists are joined with ", ", which the
/// importer splits again.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transfer::import::{
        Target, decode, detect_delimiter, guess_mapping, parse_row, read_table,
    };

    use crate::transfer::export::fixtures::{ivan, others};

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
            "Иван Петров;+79991234567, +79161234567;ivan@example.ru;ivan_petrov;\
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
            text.contains("\r\n'=cmd|' /C calc'!A0;+442079460958;"),
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
}
