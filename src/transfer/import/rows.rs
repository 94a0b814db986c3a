//! Rows to contacts: each row read with the confirmed mapping into domain values or a reason
//! to reject it, and the rejected rows written back for the user to fix.

use super::columns::Target;
use super::limits::MAX_COLUMNS;
use super::rejects::{RejectReason, Rejected};
use super::table::RawRow;
use crate::domain::{
    Birthday, ContactName, ContactRow, Email, InputError, Phone, Tag, TelegramUsername,
};
use crate::transfer::cells::{unprotect_cell, write_csv};

/// Limits for the free-text fields, as the contact card's editor has them.
pub(super) const REGION_MAX_CHARS: usize = 100;
const KIND_MAX_CHARS: usize = 100;
pub(super) const NOTES_MAX_CHARS: usize = 2000;

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
