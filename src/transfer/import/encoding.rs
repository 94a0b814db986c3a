//! Bytes to text: the encodings Excel and other programs save a CSV in, and binary files told
//! apart.

use super::limits::{ImportError, MAX_BYTES};
use encoding_rs::{UTF_8, WINDOWS_1251};

/// The most control characters (other than tab, CR, LF and form feed) in a hundred bytes of
/// text; more is a binary file.
const MAX_CONTROL_PERCENT: usize = 1;

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
