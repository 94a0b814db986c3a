//! Step-by-step forms described as data in `dialogs/*.toml` (built into the binary). The engine
//! asks each step's question, parses the answer with the step's validator, and hands the
//! answers back when the last step is done; the chat core decides what a finished form does.

use crate::domain::{ContactName, Email, InputError, Phone, SegmentFilter};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dialog {
    pub id: String,
    /// Locale key of the form's title.
    pub title: String,
    pub steps: Vec<Step>,
    /// After a refused answer, the step's question is sent again under the reason (`true`),
    /// or only the reason with "try again".
    #[serde(default = "yes")]
    pub repeat_step_on_error: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub field: String,
    /// Locale key of the question.
    pub prompt: String,
    pub validator: Validator,
    #[serde(default)]
    pub optional: bool,
}

/// The domain type a step's answer must parse into.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    ContactName,
    Phone,
    Email,
    /// A segment's filters (`#vip type:wholesale after:30d`), kept in their canonical text.
    SegmentFilter,
    /// A segment's name: 1 to 60 characters.
    SegmentName,
}

/// The longest segment name.
const SEGMENT_NAME_MAX_CHARS: usize = 60;

impl Validator {
    /// The answer in its normalised form, or why it was refused.
    pub fn check(self, answer: &str) -> Result<String, InputError> {
        Ok(match self {
            Validator::ContactName => ContactName::parse(answer)?.as_str().to_owned(),
            Validator::Phone => Phone::parse(answer)?.as_str().to_owned(),
            Validator::Email => Email::parse(answer)?.as_str().to_owned(),
            Validator::SegmentFilter => SegmentFilter::parse(answer)?.as_text(),
            Validator::SegmentName => {
                let name = answer.trim();
                if name.is_empty() || name.chars().count() > SEGMENT_NAME_MAX_CHARS {
                    return Err(InputError::TextTooLong {
                        max: SEGMENT_NAME_MAX_CHARS,
                    });
                }
                name.to_owned()
            }
        })
    }
}

const SOURCES: &[&str] = &[
    include_str!("../dialogs/add_contact.toml"),
    include_str!("../dialogs/new_segment.toml"),
];

static DIALOGS: LazyLock<Vec<Dialog>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|source| toml::from_str(source).expect("dialogs/*.toml are checked by a test"))
        .collect()
});

pub fn dialog(id: &str) -> Option<&'static Dialog> {
    DIALOGS.iter().find(|dialog| dialog.id == id)
}

/// What the engine does with one answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Progress {
    /// Ask step `n` next.
    Ask(usize),
    /// Every step is answered.
    Done,
}

impl Dialog {
    /// Records `answer` to `step` (or skips it when `answer` is `None`) and says what comes next.
    pub fn answer(
        &self,
        step: usize,
        answer: Option<&str>,
        answers: &mut BTreeMap<String, String>,
    ) -> Result<Progress, StepError> {
        let current = self.steps.get(step).ok_or(StepError::NoSuchStep)?;
        // "skip" typed on an optional step is the Skip button, not a value to check.
        let answer = answer.filter(|text| !(current.optional && is_skip_word(text)));
        match answer {
            Some(text) => {
                let value = current.validator.check(text).map_err(StepError::Invalid)?;
                answers.insert(current.field.clone(), value);
            }
            None if current.optional => {
                answers.remove(&current.field);
            }
            None => return Err(StepError::Required),
        }
        Ok(if step + 1 < self.steps.len() {
            Progress::Ask(step + 1)
        } else {
            Progress::Done
        })
    }
}

/// Words that skip an optional step when typed instead of pressing Skip.
fn is_skip_word(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "skip" | "пропустить" | "пропуск" | "-" | "—"
    )
}

#[derive(Debug, PartialEq, Eq)]
pub enum StepError {
    Invalid(InputError),
    Required,
    /// The stored state points past the form (the form file changed since).
    NoSuchStep,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialog_file_parses() {
        assert_eq!(DIALOGS.len(), SOURCES.len());
        let add = dialog("add_contact").unwrap();
        assert_eq!(add.steps.len(), 3);
        assert!(!add.steps[0].optional);
        let segment = dialog("new_segment").unwrap();
        assert_eq!(segment.steps.len(), 2);
    }

    #[test]
    fn walks_through_the_add_contact_form() {
        let form = dialog("add_contact").unwrap();
        let mut answers = BTreeMap::new();
        assert_eq!(
            form.answer(0, Some(""), &mut answers),
            Err(StepError::Invalid(InputError::NameEmpty))
        );
        assert_eq!(form.answer(0, None, &mut answers), Err(StepError::Required));
        assert_eq!(
            form.answer(0, Some(" Ivan  Petrov "), &mut answers),
            Ok(Progress::Ask(1))
        );
        assert_eq!(
            form.answer(1, Some("8 999 123-45-67"), &mut answers),
            Ok(Progress::Ask(2))
        );
        assert_eq!(form.answer(2, None, &mut answers), Ok(Progress::Done));
        assert_eq!(answers["name"], "Ivan Petrov");
        assert_eq!(answers["phone"], "+79991234567");
        assert!(!answers.contains_key("email"));
        assert_eq!(
            form.answer(3, None, &mut answers),
            Err(StepError::NoSuchStep)
        );
    }

    #[test]
    fn skip_typed_on_an_optional_step_skips_it() {
        let form = dialog("add_contact").unwrap();
        let mut answers = BTreeMap::new();
        assert_eq!(
            form.answer(0, Some("skip"), &mut answers),
            Ok(Progress::Ask(1))
        );
        assert_eq!(answers["name"], "skip");
        assert_eq!(
            form.answer(1, Some("Skip"), &mut answers),
            Ok(Progress::Ask(2))
        );
        assert_eq!(
            form.answer(2, Some(" пропустить "), &mut answers),
            Ok(Progress::Done)
        );
        assert!(!answers.contains_key("phone") && !answers.contains_key("email"));
    }

    #[test]
    fn walks_through_the_new_segment_form() {
        let form = dialog("new_segment").unwrap();
        let mut answers = BTreeMap::new();
        assert!(matches!(
            form.answer(0, Some("colour:red"), &mut answers),
            Err(StepError::Invalid(_))
        ));
        assert_eq!(
            form.answer(0, Some("#VIP"), &mut answers),
            Ok(Progress::Ask(1))
        );
        assert_eq!(
            form.answer(1, Some("  "), &mut answers),
            Err(StepError::Invalid(InputError::TextTooLong { max: 60 }))
        );
        assert_eq!(
            form.answer(1, Some(" VIP clients "), &mut answers),
            Ok(Progress::Done)
        );
        assert_eq!(answers["name"], "VIP clients");
        assert_eq!(
            answers["filter"],
            SegmentFilter::parse("#VIP").unwrap().as_text()
        );
    }
}
