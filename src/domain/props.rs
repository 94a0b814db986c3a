//! What the parsers' property tests share: how many inputs each property tries, and generators
//! of text that looks like what a parser expects, so that the tests reach past its first check.
//!
//! Each property tries 20 000 inputs; `CHATCRM_PROP_CASES` sets another number, for a long run:
//! `CHATCRM_PROP_CASES=1000000 cargo test --release --lib props`.

use proptest::prelude::*;
use proptest::string::string_regex;
use proptest::test_runner::Config;

const DEFAULT_CASES: u32 = 20_000;
const CASES_VARIABLE: &str = "CHATCRM_PROP_CASES";

/// Separators between the pieces of [`phrase`]: none, the usual ones and some unusual spaces.
const SEPARATORS: &[&str] = &[
    "", " ", "  ", "\t", "\u{a0}", "\u{2009}", "\u{3000}", "\n", ",", ".", ":", "-", "/",
];

/// The property tests' configuration: the number of cases from `CHATCRM_PROP_CASES`, and
/// failures reported rather than saved as files next to the sources.
pub(crate) fn config() -> Config {
    let cases = match std::env::var(CASES_VARIABLE) {
        Ok(text) => text
            .parse()
            .unwrap_or_else(|_| panic!("{CASES_VARIABLE} is not a number: {text:?}")),
        Err(_) => DEFAULT_CASES,
    };
    Config {
        failure_persistence: None,
        ..Config::with_cases(cases)
    }
}

/// A strategy for the strings a regular expression matches, compiled once rather than for
/// every case, as a `&str` strategy would be.
pub(crate) fn matching(regex: &str) -> BoxedStrategy<String> {
    string_regex(regex)
        .unwrap_or_else(|error| panic!("{regex}: {error}"))
        .boxed()
}

/// Pieces of a [`phrase`] joined by spaces, as words are.
pub(crate) const SPACED: &[&str] = &[" "];
/// Pieces of a [`phrase`] joined by nothing, as in a code or an address.
pub(crate) const JOINED: &[&str] = &[""];

/// Up to five pieces, each one of `words`, a run of digits, a separator or any character,
/// joined mostly by one of `joiners`, now and then by another separator: what a person might
/// type to the parser, and near misses of it.
pub(crate) fn phrase(
    words: &'static [&'static str],
    joiners: &'static [&'static str],
) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        5 => prop::sample::select(words).prop_map(str::to_owned),
        2 => (0..100_000_u32).prop_map(|number| number.to_string()),
        1 => prop::sample::select(SEPARATORS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    let joiner = prop_oneof![
        6 => prop::sample::select(joiners),
        1 => prop::sample::select(SEPARATORS),
    ];
    prop::collection::vec((piece, joiner), 0..6).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, joiner)| piece + joiner)
            .collect()
    })
}

/// Any text of up to 40 characters. `any::<String>()` draws from the same characters but
/// through a regular expression, several times slower: that matters at a million cases.
pub(crate) fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter)
}
