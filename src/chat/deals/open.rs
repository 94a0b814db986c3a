//! Opening a deal: `/deal <contact> <title> [amount]`, or the Deal button on a contact or
//! company card, then the question of its next action.

use crate::chat::ask::ask;
use crate::chat::choices::ContactCommand;
use crate::chat::context::Core;
use crate::chat::keyboard::Keyboard;
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, now};
use crate::domain::{Currency, InputError, Money};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, NewDeal, StageOutcome};

const TITLE_MAX_CHARS: usize = 120;

/// Splits "<title> [amount]": the longest tail of at most three words that reads as an amount.
/// A tail that looks like a number but is not a valid amount ("-500", "100 GBP") is refused.
pub fn split_title_amount(text: &str) -> Result<(String, Option<Money>), InputError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut refusal = None;
    for take in (1..=words.len().saturating_sub(1).min(3)).rev() {
        let (title, amount) = words.split_at(words.len() - take);
        let amount = amount.join(" ");
        match Money::parse(&amount, Currency::Rub) {
            Ok(money) => return Ok((title.join(" "), Some(money))),
            Err(error)
                if refusal.is_none()
                    && amount.starts_with(|c: char| c.is_ascii_digit() || c == '-') =>
            {
                refusal = Some(error);
            }
            Err(_) => {}
        }
    }
    match refusal {
        Some(error) => Err(error),
        None => Ok((words.join(" "), None)),
    }
}

pub(super) fn parse_title(title: &str) -> Result<String, InputError> {
    let title = title.trim();
    if title.is_empty() {
        Err(InputError::TextEmpty)
    } else if title.chars().count() > TITLE_MAX_CHARS {
        Err(InputError::TextTooLong {
            max: TITLE_MAX_CHARS,
        })
    } else {
        Ok(title.to_owned())
    }
}

impl Core {
    /// `/deal <contact> <title> [amount]`.
    pub(in crate::chat) async fn deal_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        match self
            .resolve_contact(turn, member, args, ContactCommand::Deal)
            .await?
        {
            Ok((contact, rest)) => self.open_deal(turn, member, contact.id, &rest).await,
            Err(outcome) => Ok(outcome),
        }
    }

    /// Opens a deal for the contact from "<title> [amount]" (linked to the contact's first
    /// company), then asks for the next action.
    pub(in crate::chat) async fn open_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let company_id = self
            .store
            .companies_of(contact_id)
            .await?
            .first()
            .map(|(id, _)| *id);
        self.create_deal(turn, member, Some(contact_id), company_id, text)
            .await
    }

    /// The Deal button on a company card: asks for the title and amount.
    pub(in crate::chat) async fn ask_company_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(company) = self.visible_company(turn, member, company_id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, "deal-ask-title", &[("name", arg(company.name))]);
        Ok(ask(
            turn,
            text,
            Conversation::CompanyDealTitle { company_id },
        ))
    }

    pub(in crate::chat) async fn open_company_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        self.create_deal(turn, member, None, Some(company_id), text)
            .await
    }

    async fn create_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: Option<i64>,
        company_id: Option<i64>,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let parsed =
            split_title_amount(text).and_then(|(title, amount)| Ok((parse_title(&title)?, amount)));
        let (title, amount) = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                let text = format!(
                    "{}\n{}",
                    input_error_text(turn.lang, &error),
                    turn.tr("deal-usage")
                );
                turn.send(text, Keyboard::none());
                return Ok(Outcome::Keep);
            }
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(first) = stages.iter().find(|s| s.outcome == StageOutcome::Open) else {
            anyhow::bail!("team {} has no open stage", member.team_id);
        };
        let deal = NewDeal {
            title: &title,
            contact_id,
            company_id,
            amount_minor: amount.map(|m| m.minor),
            currency: amount.map(|m| m.currency.code()),
        };
        let id = self
            .store
            .create_deal(member.team_id, member.user_id, &deal, first, now())
            .await?;
        self.open_deal_card(turn, member, id, false).await?;
        self.ask_next_action(turn, member, id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deal_line_splits_into_title_and_amount() {
        let (title, amount) = split_title_amount("100 chairs 150 000").unwrap();
        assert_eq!(title, "100 chairs");
        assert_eq!(amount.map(|m| m.minor), Some(15_000_000));
        let (title, amount) = split_title_amount("Annual contract 2 500 USD").unwrap();
        assert_eq!(title, "Annual contract");
        assert_eq!(amount.map(|m| m.currency), Some(Currency::Usd));
        assert_eq!(
            split_title_amount("Chairs").unwrap(),
            ("Chairs".to_owned(), None)
        );
        assert!(split_title_amount("Chairs -500").is_err());
    }
}
