//! CSV cells safe to open in a spreadsheet (formula injection undone on import), and the one CSV
//! writer every file the bot sends goes through.

use std::borrow::Cow;

/// The UTF-8 byte order mark: with it Excel opens a CSV as UTF-8 instead of the ANSI code page.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The delimiter written: Russian Excel splits `;`-separated files into columns on opening
/// (its list separator is `;` because `,` is the decimal separator).
pub const WRITE_DELIMITER: u8 = b';';

/// The characters that make a spreadsheet treat a cell as a formula (OWASP's CSV injection
/// list): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as it can be written to a CSV that a spreadsheet opens: a cell starting with a
/// formula character gets a leading `'`, so `=cmd|' /C calc'!A0` stays text.
///
/// Phone numbers in E.164 (`+79991234567`, or several joined by ", ") are left as they are:
/// digits after a plus compute nothing, and the quote only gets in the way of whoever dials
/// them or pastes them into another app.
pub fn protect_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) && !is_phone_list(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// "+79991234567" or "+79991234567, +79161234567": a plus and digits, nothing else.
fn is_phone_list(cell: &str) -> bool {
    cell.split(", ").all(|phone| {
        phone
            .strip_prefix('+')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Undoes [`protect_cell`]: a `'` followed by a formula character is dropped. Any other
/// leading `'` is the user's and stays.
pub fn unprotect_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Writes rows as a CSV that Russian Excel opens directly: UTF-8 with BOM, `;` between cells,
/// CRLF after each row, quotes only where needed, every cell protected against formulas.
pub(super) fn write_csv<'a, R>(rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = &'a str>,
{
    let mut writer = csv::WriterBuilder::new()
        .delimiter(WRITE_DELIMITER)
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(UTF8_BOM.to_vec());
    for row in rows {
        let cells: Vec<Cow<'_, str>> = row.into_iter().map(protect_cell).collect();
        writer
            .write_record(cells.iter().map(|cell| cell.as_bytes()))
            .expect("writing to a Vec cannot fail");
    }
    writer
        .into_inner()
        .expect("flushing into a Vec cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_quote_and_others_do_not() {
        assert_eq!(protect_cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(protect_cell("+1+1"), "'+1+1");
        assert_eq!(protect_cell("+7 (999)"), "'+7 (999)");
        assert_eq!(protect_cell("+79991234567, =1"), "'+79991234567, =1");
        assert_eq!(protect_cell("-5"), "'-5");
        assert_eq!(protect_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(protect_cell("\t=1"), "'\t=1");
        assert_eq!(protect_cell("\r=1"), "'\r=1");
        for plain in [
            "Иван",
            "",
            " =1",
            "a=b",
            "'quoted",
            "1500.00",
            "+79991234567",
            "+79991234567, +79161234567",
        ] {
            assert_eq!(protect_cell(plain), plain);
        }
    }

    #[test]
    fn unprotect_undoes_protect_only() {
        for cell in ["=1+1", "+7999", "-", "@x", "Иван", "'already", "''=x", ""] {
            assert_eq!(unprotect_cell(&protect_cell(cell)), cell);
        }
        assert_eq!(unprotect_cell("'quoted"), "'quoted");
    }

    #[test]
    fn csv_has_bom_semicolons_crlf_and_quotes_where_needed() {
        let bytes = write_csv([
            vec!["a", "b;c"],
            vec!["line\nbreak", "say \"hi\""],
            vec!["=HYPERLINK(\"x\")", ""],
        ]);
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}a;\"b;c\"\r\n\"line\nbreak\";\"say \"\"hi\"\"\"\r\n\"'=HYPERLINK(\"\"x\"\")\";\r\n"
        );
    }
}
