//! A deal's next action: asked after each move, read from "<when> <what>", kept as a task
//! that reminds at its minute, or left for later.

use super::open::parse_title;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, now};
use crate::domain::When;
use crate::i18n::{arg, tr_args};
use crate::store::{Deal, Member};

impl Core {
    pub(in crate::chat) async fn ask_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, "deal-ask-next", &[("title", arg(deal.title))]);
        let keyboard = Keyboard::none().row(vec![Button::new(
            turn.tr("button-later"),
            Action::DealLater(id),
        )]);
        turn.send(text, keyboard);
        Ok(Outcome::Ask(Conversation::NextAction { deal_id: id }))
    }

    pub(in crate::chat) async fn set_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Done);
        };
        let parsed =
            When::parse_prefix(text, crate::clock::now().with_timezone(&self.zone(member)))
                .and_then(|(when, what)| Ok((when, parse_title(what)?)));
        match parsed {
            Ok((when, what)) if when.doubt.is_some() => {
                let pending = Conversation::ConfirmNextAction {
                    deal_id: id,
                    at: when.at.timestamp(),
                    what,
                };
                Ok(self.ask_to_confirm_time(turn, member, when, pending))
            }
            Ok((when, what)) => {
                self.save_next_action(turn, member, &deal, when.at.timestamp(), &what)
                    .await?;
                Ok(Outcome::Done)
            }
            Err(error) => {
                let message = input_error_text(turn.lang, &error);
                turn.send(
                    format!("{message}\n{}", turn.tr("deal-next-example")),
                    Keyboard::none(),
                );
                Ok(Outcome::Keep)
            }
        }
    }

    /// Stores the deal's next action and the task that reminds of it.
    pub(in crate::chat) async fn save_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        deal: &Deal,
        at: i64,
        what: &str,
    ) -> anyhow::Result<()> {
        // The next action is also a task, so it is reminded of at its minute; it replaces the
        // deal's previous one.
        let task = crate::store::NewTask {
            team_id: member.team_id,
            owner_id: deal.owner_id,
            contact_id: deal.contact.as_ref().map(|(id, _)| *id),
            deal_id: Some(deal.id),
            text: what,
            due_at: at,
        };
        let old = deal.next_action.as_deref().unwrap_or("—");
        let replaced = tr_args(
            turn.lang,
            "history-next-action-replaced",
            &[
                ("title", arg(deal.title.as_str())),
                ("old", arg(old)),
                ("new", arg(what)),
            ],
        );
        self.store
            .replace_next_action(deal, &task, &replaced, member.user_id, now())
            .await?;
        let text = tr_args(
            turn.lang,
            "deal-next",
            &[("when", arg(self.moment(member, at))), ("what", arg(what))],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// "Later" on the next-action question: leaves it unplanned (the card flags it).
    pub(in crate::chat) async fn deal_later(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let outcome = match self.open_question(turn).await? {
            Some(Conversation::NextAction { .. } | Conversation::LostReason { .. }) => {
                Outcome::Done
            }
            _ => Outcome::Keep,
        };
        self.open_deal_card(turn, member, id, true).await?;
        Ok(outcome)
    }
}
