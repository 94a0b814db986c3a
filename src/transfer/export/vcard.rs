//! vCard 3.0 for phones and mail programs.

use super::records::ExportContact;
use crate::domain::Birthday;

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

/// (family, given, additional) names for N, as people write names in Russian and English:
/// "Smith, John" and "Smith, John Paul" name the family first; "Петров Иван" too (a Russian
/// surname before a given name); otherwise the last word is the family name and the others
/// given names, except with a patronymic: "Иван Иванович Петров" and "Петров Иван Иванович"
/// both give ("Петров", "Иван", "Иванович"). A single word is a given name.
fn split_name(name: &str) -> [String; 3] {
    if let Some((family, rest)) = name.split_once(',') {
        let mut rest = rest.split_whitespace();
        let given = rest.next().unwrap_or_default().to_owned();
        let additional = rest.collect::<Vec<_>>().join(" ");
        return [family.trim().to_owned(), given, additional];
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    match words[..] {
        [] => Default::default(),
        [given] => [String::new(), given.to_owned(), String::new()],
        [family, given] if is_russian_surname(family) && !is_russian_surname(given) => {
            [family.into(), given.into(), String::new()]
        }
        [given, patronymic, family] if is_patronymic(patronymic) => {
            [family.into(), given.into(), patronymic.into()]
        }
        [family, given, patronymic] if is_patronymic(patronymic) => {
            [family.into(), given.into(), patronymic.into()]
        }
        [ref given @ .., family] => [family.into(), given.join(" "), String::new()],
    }
}

/// "Петров", "Иванова", "Пушкин", "Достоевский", "Толстая": the common Russian surname endings.
fn is_russian_surname(word: &str) -> bool {
    let word = word.to_lowercase();
    word.chars().any(|c| matches!(c, 'а'..='я' | 'ё'))
        && [
            "ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "цкий",
            "ская", "цкая",
        ]
        .iter()
        .any(|ending| word.ends_with(ending))
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
    use crate::transfer::export::fixtures::ivan;

    #[test]
    fn names_are_split_as_people_write_them() {
        let split = |name: &str| split_name(name).map(|part| part.to_owned());
        assert_eq!(split("Smith, John"), ["Smith", "John", ""]);
        assert_eq!(split("Smith, John Paul"), ["Smith", "John", "Paul"]);
        assert_eq!(split("John Smith"), ["Smith", "John", ""]);
        assert_eq!(split("Иван Петров"), ["Петров", "Иван", ""]);
        assert_eq!(split("Петров Иван"), ["Петров", "Иван", ""]);
        assert_eq!(split("Анна Смирнова"), ["Смирнова", "Анна", ""]);
        assert_eq!(split("Смирнова Анна"), ["Смирнова", "Анна", ""]);
        assert_eq!(
            split("Петров Иван Иванович"),
            ["Петров", "Иван", "Иванович"]
        );
        assert_eq!(split("Madonna"), ["", "Madonna", ""]);
        let card = vcards(&[ExportContact {
            name: "Smith, John".into(),
            ..ivan()
        }]);
        assert!(card.contains("N:Smith;John;;;\r\n"), "{card}");
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
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith\\, John\r\nN:Smith;John;;;\r\n\
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
