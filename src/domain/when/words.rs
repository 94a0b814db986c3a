//! The small readers every part of a phrase uses: numbers, and the text after some words.

/// A run of one to `max_len` ASCII digits; `str::parse` alone would also take "+5".
pub(super) fn number(text: &str, max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// What is left of `input` after its first `count` words, trimmed.
pub(super) fn skip_words(input: &str, count: usize) -> &str {
    let mut rest = input.trim_start();
    for _ in 0..count {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest.trim_end()
}
