//! Editing a deal's title, amount, expected close date or comment.

use super::open::parse_title;
use crate::chat::context::Core;
use crate::chat::edit_field::{ask_new_value, show_field_menu};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::route::codec::{Part, Parts};
use crate::chat::turn::Turn;
use crate::chat::view::{amount_label, now, shown_date};
use crate::domain::{Currency, CustomFieldKind, InputError, Money};
use crate::store::{DealColumn, Member};

/// (code, column, label key) of each deal field edited from the card.
const DEAL_FIELDS: [(&str, DealColumn, &str); 4] = [
    ("title", DealColumn::Title, "deal-field-title"),
    ("amount", DealColumn::Amount, "deal-field-amount"),
    ("close", DealColumn::ExpectedClose, "deal-field-close"),
    ("comment", DealColumn::Comment, "deal-field-comment"),
];

const COMMENT_MAX_CHARS: usize = 2000;

/// A typed value for a deal field: the text to store, or the amount; "-" clears all but the
/// title.
fn parse_deal_field(
    column: DealColumn,
    text: &str,
    this_year: i32,
) -> Result<(Option<String>, Option<Money>), InputError> {
    let text = text.trim();
    if text == "-" && column != DealColumn::Title {
        return Ok((None, None));
    }
    Ok(match column {
        DealColumn::Title => (Some(parse_title(text)?), None),
        DealColumn::Amount => (None, Some(Money::parse(text, Currency::Rub)?)),
        DealColumn::ExpectedClose => (
            Some(CustomFieldKind::Date.parse_value(text, this_year)?),
            None,
        ),
        DealColumn::Comment if text.is_empty() => return Err(InputError::TextEmpty),
        DealColumn::Comment if text.chars().count() > COMMENT_MAX_CHARS => {
            return Err(InputError::TextTooLong {
                max: COMMENT_MAX_CHARS,
            });
        }
        DealColumn::Comment => (Some(text.to_owned()), None),
    })
}

/// A deal field in a button: its code in [`DEAL_FIELDS`].
impl Part for DealColumn {
    fn write(&self, data: &mut String) {
        let code = DEAL_FIELDS.iter().find(|(_, column, _)| column == self);
        data.push_str(code.map_or("", |(code, _, _)| code));
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        let code = parts.next()?;
        DEAL_FIELDS
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, column, _)| *column)
    }
}

/// A deal field's value as shown; `None` when empty.
fn deal_value(deal: &crate::store::Deal, column: DealColumn) -> Option<String> {
    match column {
        DealColumn::Title => Some(deal.title.clone()),
        DealColumn::Amount => amount_label(deal.amount_minor, deal.currency.as_deref()),
        DealColumn::ExpectedClose => deal.expected_close.as_deref().and_then(shown_date),
        DealColumn::Comment => deal.comment.clone(),
    }
}

impl Core {
    pub(in crate::chat) async fn deal_edit_menu(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        let buttons: Vec<Button> = DEAL_FIELDS
            .iter()
            .map(|(_, column, label)| Button::new(turn.tr(label), Action::DealField(id, *column)))
            .collect();
        show_field_menu(turn, &deal.title, buttons, Action::DealShow(id));
        Ok(())
    }

    pub(in crate::chat) async fn ask_deal_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        column: DealColumn,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let Some((code, column, label)) = DEAL_FIELDS.iter().find(|(_, c, _)| *c == column) else {
            anyhow::bail!("deal field {column:?} has no code");
        };
        let conversation = Conversation::EditDealField {
            deal_id: id,
            field: (*code).to_owned(),
        };
        let value = deal_value(&deal, *column).unwrap_or_else(|| "—".to_owned());
        let (field, hint) = (turn.tr(label), turn.tr(&format!("{label}-hint")));
        Ok(ask_new_value(turn, field, value, hint, conversation))
    }

    pub(in crate::chat) async fn apply_deal_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let deal = self.open_deal_only(turn, member, id).await?;
        let field = DEAL_FIELDS.iter().find(|(c, _, _)| *c == code);
        let (Some(deal), Some((_, column, label))) = (deal, field) else {
            return Ok(Outcome::Done);
        };
        let this_year = chrono::Datelike::year(&crate::clock::now());
        match parse_deal_field(*column, text, this_year) {
            Ok((value, amount)) => {
                let old = deal_value(&deal, *column);
                let new = match column {
                    DealColumn::Amount => amount.map(|m| m.display()),
                    DealColumn::ExpectedClose => value.as_deref().and_then(shown_date),
                    _ => value.clone(),
                };
                let note = format!(
                    "{}: {}: {} → {}",
                    deal.title,
                    turn.tr(label),
                    old.unwrap_or_else(|| "—".to_owned()),
                    new.unwrap_or_else(|| "—".to_owned())
                );
                let amount = amount.map(|m| (m.minor, m.currency.code()));
                let deadline_jobs = match (column, value.as_deref()) {
                    (DealColumn::ExpectedClose, Some(date)) => {
                        crate::scheduler::planning::deal_deadline_jobs(
                            &self.store,
                            self.config.time_zone,
                            &deal,
                            date,
                            crate::clock::timestamp(),
                        )
                        .await?
                    }
                    _ => Vec::new(),
                };
                self.store
                    .edit_deal(
                        &deal,
                        *column,
                        value.as_deref(),
                        amount,
                        member.user_id,
                        &note,
                        now(),
                        &deadline_jobs,
                    )
                    .await?;
                let saved = turn.tr("edit-saved");
                turn.send(saved, Keyboard::none());
                self.open_deal_card(turn, member, id, false).await?;
                Ok(Outcome::Done)
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deal_fields_are_parsed_by_their_kind() {
        assert_eq!(
            parse_deal_field(DealColumn::ExpectedClose, "31.12.2026", 2026),
            Ok((Some("2026-12-31".to_owned()), None))
        );
        assert_eq!(
            parse_deal_field(DealColumn::ExpectedClose, "31.02.2026", 2026),
            Err(InputError::DateInvalid)
        );
        assert_eq!(
            parse_deal_field(DealColumn::Comment, "-", 2026),
            Ok((None, None))
        );
        assert_eq!(
            parse_deal_field(DealColumn::Title, "-", 2026),
            Ok((Some("-".to_owned()), None)),
            "a title cannot be cleared, so '-' is a title"
        );
        assert!(parse_deal_field(DealColumn::Amount, "-5", 2026).is_err());
    }
}
