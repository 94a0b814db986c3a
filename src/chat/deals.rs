//! Deals and the funnel: opening a deal, moving it stage by stage to Won or Lost, and the rule
//! that every open deal has a planned next action.
//!
//! ```text
//! manager: /deal Petrov 100 chairs 150000
//! bot:     💼 100 chairs / 💰 150 000 ₽ / Stage: New (10%)   [➡️ Qualified] [📋 Stage] [✅ Won] [❌ Lost]
//!          What is the next step for “100 chairs”, and when? e.g. tomorrow 10:00 send the proposal
//! manager: завтра в 10 отправить КП
//! bot:     Next action: 26.11 10:00 — отправить КП
//! ```

use super::contacts::{input_error_text, now};
use super::state::Conversation;
use super::{Action, Button, Core, Keyboard, Turn};
use crate::domain::{Currency, CustomFieldKind, InputError, Lang, Money, When};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Deal, DealColumn, Member, NewDeal, OpenDealTotal, Stage, StageOutcome};
use chrono::TimeZone;
use chrono_tz::Tz;

const TITLE_MAX_CHARS: usize = 120;
/// Deals listed as buttons per page of `/deals`.
const DEALS_PAGE: usize = 10;
/// The default reasons offered when a deal is lost (locale keys).
const DEFAULT_LOST_REASONS: [&str; 4] = [
    "lost-reason-price",
    "lost-reason-competitor",
    "lost-reason-budget",
    "lost-reason-silence",
];

/// A stage's name in `lang`: default stages are locale keys.
pub fn stage_label(lang: Lang, stage: &Stage) -> String {
    if stage.name.starts_with("stage-") {
        tr(lang, &stage.name)
    } else {
        stage.name.clone()
    }
}

/// An amount as shown, when the deal has one.
pub fn amount_label(amount_minor: Option<i64>, currency: Option<&str>) -> Option<String> {
    let currency = Currency::parse(currency?)?;
    Some(
        Money {
            minor: amount_minor?,
            currency,
        }
        .display(),
    )
}

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

/// (code, column, label key) of each deal field edited from the card.
const DEAL_FIELDS: [(&str, DealColumn, &str); 4] = [
    ("title", DealColumn::Title, "deal-field-title"),
    ("amount", DealColumn::Amount, "deal-field-amount"),
    ("close", DealColumn::ExpectedClose, "deal-field-close"),
    ("comment", DealColumn::Comment, "deal-field-comment"),
];
const COMMENT_MAX_CHARS: usize = 2000;

/// "2026-12-31" as "31.12.2026".
fn shown_date(stored: &str) -> Option<String> {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%d.%m.%Y").to_string())
}

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

fn parse_title(title: &str) -> Result<String, InputError> {
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
    pub(super) fn zone(&self, member: &Member) -> Tz {
        member.time_zone.unwrap_or(self.config.time_zone)
    }

    pub(super) fn moment(&self, member: &Member, at: i64) -> String {
        self.zone(member)
            .timestamp_opt(at, 0)
            .single()
            .map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_default()
    }

    /// `/deal <contact> <title> [amount]`.
    pub(super) async fn deal_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<()> {
        let Some((contact, rest)) = self
            .resolve_contact(turn, member, args, "deal-usage")
            .await?
        else {
            return Ok(());
        };
        self.open_deal(turn, member, contact.id, &rest).await
    }

    /// The Deal button on a card: asks for the title and amount.
    pub(super) async fn ask_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        self.set_conversation(member.user_id, &Conversation::DealTitle { contact_id })
            .await?;
        let text = tr_args(turn.lang, "deal-ask-title", &[("name", arg(contact.name))]);
        turn.ask(text);
        Ok(())
    }

    /// Opens a deal for the contact from "<title> [amount]" (linked to the contact's first
    /// company), then asks for the next action.
    pub(super) async fn open_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<()> {
        if self
            .active_contact(turn, member, contact_id)
            .await?
            .is_none()
        {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        }
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
    pub(super) async fn ask_company_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
    ) -> anyhow::Result<()> {
        let Some(company) = self.visible_company(turn, member, company_id).await? else {
            return Ok(());
        };
        self.set_conversation(
            member.user_id,
            &Conversation::CompanyDealTitle { company_id },
        )
        .await?;
        let text = tr_args(turn.lang, "deal-ask-title", &[("name", arg(company.name))]);
        turn.ask(text);
        Ok(())
    }

    pub(super) async fn open_company_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
        text: &str,
    ) -> anyhow::Result<()> {
        if self
            .visible_company(turn, member, company_id)
            .await?
            .is_none()
        {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        }
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
    ) -> anyhow::Result<()> {
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
                return Ok(());
            }
        };
        self.store.clear_conversation(member.user_id).await?;
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

    /// The deal if `member` may work on it; otherwise says why.
    async fn visible_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Deal>> {
        let record = self.store.deal(id).await?;
        Ok(turn.permit(member, record, "deal", |r| (r.team_id, r.owner_id)))
    }

    /// An open deal, or `None` after saying it is closed.
    pub(super) async fn open_deal_only(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Deal>> {
        match self.visible_deal(turn, member, id).await? {
            Some(deal) if deal.closed_at.is_some() => {
                let text = turn.tr("deal-closed");
                turn.notice(text);
                Ok(None)
            }
            other => Ok(other),
        }
    }

    /// The warning an open deal carries when nothing is planned, or the plan is overdue.
    fn next_action_line(&self, turn: &Turn<'_>, member: &Member, deal: &Deal) -> String {
        match (&deal.next_action, deal.next_action_at) {
            (Some(what), Some(at)) if at > now() => tr_args(
                turn.lang,
                "deal-next",
                &[
                    ("when", arg(self.moment(member, at))),
                    ("what", arg(what.clone())),
                ],
            ),
            (Some(what), Some(at)) => tr_args(
                turn.lang,
                "deal-next-overdue",
                &[
                    ("when", arg(self.moment(member, at))),
                    ("what", arg(what.clone())),
                ],
            ),
            _ => turn.tr("deal-no-next"),
        }
    }

    pub(super) async fn open_deal_card(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        in_place: bool,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.visible_deal(turn, member, id).await? else {
            return Ok(());
        };
        let mut lines = vec![format!("💼 {}", deal.title)];
        let parties: Vec<String> = [
            deal.contact.as_ref().map(|(_, n)| format!("👤 {n}")),
            deal.company.as_ref().map(|(_, n)| format!("🏢 {n}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !parties.is_empty() {
            lines.push(parties.join(" · "));
        }
        if let Some(amount) = amount_label(deal.amount_minor, deal.currency.as_deref()) {
            lines.push(format!("💰 {amount}"));
        }
        lines.push(tr_args(
            turn.lang,
            "deal-stage",
            &[
                ("stage", arg(stage_label(turn.lang, &deal.stage))),
                ("probability", arg(deal.stage.probability)),
            ],
        ));
        if let Some(date) = deal.expected_close.as_deref().and_then(shown_date) {
            lines.push(tr_args(
                turn.lang,
                "deal-expected-close",
                &[("date", arg(date))],
            ));
        }
        if let Some(comment) = &deal.comment {
            lines.push(format!("💬 {comment}"));
        }
        lines.push(tr_args(
            turn.lang,
            "card-responsible",
            &[("name", arg(deal.owner_name.clone()))],
        ));
        let mut keyboard = Keyboard::none();
        match (deal.stage.outcome, deal.closed_at) {
            (StageOutcome::Won, Some(at)) => lines.push(tr_args(
                turn.lang,
                "deal-won-on",
                &[("when", arg(self.moment(member, at)))],
            )),
            (StageOutcome::Lost, _) => lines.push(tr_args(
                turn.lang,
                "deal-lost-because",
                &[("reason", arg(deal.lost_reason.clone().unwrap_or_default()))],
            )),
            _ => {
                lines.push(self.next_action_line(turn, member, &deal));
                let stages = self.store.stages(member.team_id).await?;
                let next = stages
                    .iter()
                    .find(|s| s.outcome == StageOutcome::Open && s.position > deal.stage.position);
                let mut first_row = Vec::new();
                if let Some(next) = next {
                    first_row.push(Button::new(
                        format!("➡️ {}", stage_label(turn.lang, next)),
                        Action::DealMove(id, next.id),
                    ));
                }
                first_row.push(Button::new(
                    turn.tr("button-stages"),
                    Action::DealStages(id),
                ));
                let won = stages.iter().find(|s| s.outcome == StageOutcome::Won);
                keyboard = keyboard
                    .row(first_row)
                    .row(
                        won.map(|won| {
                            Button::new(turn.tr("button-won"), Action::DealMove(id, won.id))
                        })
                        .into_iter()
                        .chain([Button::new(turn.tr("button-lost"), Action::DealLost(id))])
                        .collect(),
                    )
                    .row(vec![
                        Button::new(turn.tr("button-next-action"), Action::DealNextAction(id)),
                        Button::new(turn.tr("button-edit"), Action::DealEdit(id)),
                    ]);
            }
        }
        if let Some((contact_id, _)) = deal.contact {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-open-contact"),
                Action::OpenCard(contact_id),
            )]);
        }
        if in_place {
            turn.show(lines.join("\n"), keyboard);
        } else {
            turn.send(lines.join("\n"), keyboard);
        }
        Ok(())
    }

    pub(super) async fn deal_stages(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        let stages = self.store.stages(member.team_id).await?;
        let keyboard = stages
            .iter()
            .filter(|s| s.outcome != StageOutcome::Lost && s.id != deal.stage.id)
            .fold(Keyboard::none(), |keyboard, stage| {
                keyboard.row(vec![Button::new(
                    stage_label(turn.lang, stage),
                    Action::DealMove(id, stage.id),
                )])
            })
            .row(vec![Button::new(
                turn.tr("button-lost"),
                Action::DealLost(id),
            )])
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::DealShow(id),
            )]);
        let text = tr_args(turn.lang, "deal-pick-stage", &[("title", arg(deal.title))]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// Moves a deal to another stage (Lost goes through [`Core::ask_lost_reason`]).
    pub(super) async fn move_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        stage_id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(to) = stages.iter().find(|s| s.id == stage_id) else {
            let text = turn.tr("deal-stage-gone");
            turn.notice(text);
            return Ok(());
        };
        if to.outcome == StageOutcome::Lost {
            return self.ask_lost_reason(turn, member, id).await;
        }
        if to.id == deal.stage.id {
            let text = turn.tr("deal-already-there");
            turn.notice(text);
            return Ok(());
        }
        self.record_move(turn, member, &deal, to, None).await?;
        if to.outcome == StageOutcome::Open {
            self.ask_next_action(turn, member, id).await?;
        }
        Ok(())
    }

    async fn record_move(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        deal: &Deal,
        to: &Stage,
        lost_reason: Option<&str>,
    ) -> anyhow::Result<()> {
        let note = format!(
            "{}: {} → {}",
            deal.title,
            stage_label(turn.lang, &deal.stage),
            stage_label(turn.lang, to)
        );
        self.store
            .move_deal(deal, to, lost_reason, member.user_id, &note, now())
            .await?;
        tracing::info!(
            deal = deal.id,
            stage = to.id,
            by = member.user_id,
            "deal moved"
        );
        self.open_deal_card(turn, member, deal.id, true).await
    }

    pub(super) async fn ask_lost_reason(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        self.set_conversation(member.user_id, &Conversation::LostReason { deal_id: id })
            .await?;
        let reasons = self.lost_reason_list(turn.lang, member.team_id).await?;
        let keyboard = reasons
            .iter()
            .enumerate()
            .fold(Keyboard::none(), |keyboard, (i, reason)| {
                keyboard.row(vec![Button::new(
                    reason.clone(),
                    Action::DealLostReason(id, i as u32),
                )])
            })
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::DealLater(id),
            )]);
        let text = tr_args(
            turn.lang,
            "deal-ask-lost-reason",
            &[("title", arg(deal.title))],
        );
        turn.show(text, keyboard);
        Ok(())
    }

    pub(super) async fn lost_reason_list(
        &self,
        lang: Lang,
        team_id: i64,
    ) -> anyhow::Result<Vec<String>> {
        Ok(match self.store.lost_reasons(team_id).await? {
            Some(reasons) => reasons,
            None => DEFAULT_LOST_REASONS
                .iter()
                .map(|key| tr(lang, key))
                .collect(),
        })
    }

    /// Loses the deal with a reason picked from the list (`Some(index)`) or typed.
    pub(super) async fn lose_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        reason: Result<u32, &str>,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        };
        let reason = match reason {
            Ok(index) => {
                let reasons = self.lost_reason_list(turn.lang, member.team_id).await?;
                match reasons.get(index as usize) {
                    Some(reason) => reason.clone(),
                    None => {
                        let text = turn.tr("button-expired");
                        turn.notice(text);
                        return Ok(());
                    }
                }
            }
            Err(typed) => match parse_title(typed) {
                Ok(reason) => reason,
                Err(error) => {
                    let text = input_error_text(turn.lang, &error);
                    turn.send(text, Keyboard::none());
                    return Ok(());
                }
            },
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(lost) = stages.iter().find(|s| s.outcome == StageOutcome::Lost) else {
            anyhow::bail!("team {} has no lost stage", member.team_id);
        };
        self.store.clear_conversation(member.user_id).await?;
        self.record_move(turn, member, &deal, lost, Some(&reason))
            .await
    }

    pub(super) async fn ask_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        self.set_conversation(member.user_id, &Conversation::NextAction { deal_id: id })
            .await?;
        let text = tr_args(turn.lang, "deal-ask-next", &[("title", arg(deal.title))]);
        let keyboard = Keyboard::none().row(vec![Button::new(
            turn.tr("button-later"),
            Action::DealLater(id),
        )]);
        turn.send(text, keyboard);
        Ok(())
    }

    pub(super) async fn set_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        text: &str,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
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
                self.ask_to_confirm_time(turn, member, when, &pending).await
            }
            Ok((when, what)) => {
                self.store.clear_conversation(member.user_id).await?;
                self.save_next_action(turn, member, &deal, when.at.timestamp(), &what)
                    .await
            }
            Err(error) => {
                let message = input_error_text(turn.lang, &error);
                turn.send(
                    format!("{message}\n{}", turn.tr("deal-next-example")),
                    Keyboard::none(),
                );
                Ok(())
            }
        }
    }

    /// Stores the deal's next action and the task that reminds of it.
    pub(super) async fn save_next_action(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        deal: &Deal,
        at: i64,
        what: &str,
    ) -> anyhow::Result<()> {
        self.store.set_next_action(deal.id, what, at, now()).await?;
        // The next action is also a task, so it is reminded of at its minute.
        let task = crate::store::NewTask {
            team_id: member.team_id,
            owner_id: deal.owner_id,
            contact_id: deal.contact.as_ref().map(|(id, _)| *id),
            deal_id: Some(deal.id),
            text: what,
            due_at: at,
        };
        self.store.create_task(&task, now()).await?;
        let text = tr_args(
            turn.lang,
            "deal-next",
            &[("when", arg(self.moment(member, at))), ("what", arg(what))],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// "Later" on the next-action question: leaves it unplanned (the card flags it).
    pub(super) async fn deal_later(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        if let Some(Conversation::NextAction { .. } | Conversation::LostReason { .. }) =
            self.conversation(member.user_id).await?
        {
            self.store.clear_conversation(member.user_id).await?;
        }
        self.open_deal_card(turn, member, id, true).await
    }

    pub(super) async fn deal_edit_menu(
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
            .map(|(code, _, label)| {
                Button::new(turn.tr(label), Action::DealField(id, (*code).to_owned()))
            })
            .collect();
        let keyboard = Keyboard::none().row(buttons).row(vec![Button::new(
            turn.tr("button-back"),
            Action::DealShow(id),
        )]);
        let text = tr_args(turn.lang, "edit-title", &[("name", arg(deal.title))]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(super) async fn ask_deal_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
    ) -> anyhow::Result<()> {
        if self.open_deal_only(turn, member, id).await?.is_none() {
            return Ok(());
        }
        let Some((_, _, label)) = DEAL_FIELDS.iter().find(|(c, _, _)| *c == code) else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
        let conversation = Conversation::EditDealField {
            deal_id: id,
            field: code.to_owned(),
        };
        self.set_conversation(member.user_id, &conversation).await?;
        let text = turn.tr(&format!("{label}-hint"));
        turn.ask(text);
        Ok(())
    }

    pub(super) async fn apply_deal_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        text: &str,
    ) -> anyhow::Result<()> {
        let deal = self.open_deal_only(turn, member, id).await?;
        let field = DEAL_FIELDS.iter().find(|(c, _, _)| *c == code);
        let (Some(deal), Some((_, column, label))) = (deal, field) else {
            self.store.clear_conversation(member.user_id).await?;
            return Ok(());
        };
        let this_year = chrono::Datelike::year(&crate::clock::now());
        match parse_deal_field(*column, text, this_year) {
            Ok((value, amount)) => {
                self.store.clear_conversation(member.user_id).await?;
                let old = match column {
                    DealColumn::Title => Some(deal.title.clone()),
                    DealColumn::Amount => amount_label(deal.amount_minor, deal.currency.as_deref()),
                    DealColumn::ExpectedClose => {
                        deal.expected_close.as_deref().and_then(shown_date)
                    }
                    DealColumn::Comment => deal.comment.clone(),
                };
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
                self.open_deal_card(turn, member, id, false).await
            }
            Err(error) => {
                turn.refuse(&error);
                Ok(())
            }
        }
    }

    /// `/deals`: the member's open deals by stage, with sums and a flag on each deal that has
    /// no planned next action.
    pub(super) async fn deals(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        page: u32,
    ) -> anyhow::Result<()> {
        let totals = (self.store)
            .open_deal_totals(member.team_id, member.user_id, now())
            .await?;
        let total: i64 = totals.iter().map(|t| t.deals).sum();
        if total == 0 {
            let text = turn.tr("deals-none");
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let stages = self.store.stages(member.team_id).await?;
        let mut lines = vec![turn.tr("deals-title")];
        for stage in &stages {
            let in_stage: Vec<&OpenDealTotal> =
                totals.iter().filter(|t| t.stage_id == stage.id).collect();
            if in_stage.is_empty() {
                continue;
            }
            let amounts = (in_stage.iter()).map(|t| (t.amount_minor, t.currency.as_deref()));
            lines.push(format!(
                "{} — {}{}",
                stage_label(turn.lang, stage),
                in_stage.iter().map(|t| t.deals).sum::<i64>(),
                sum_label(amounts)
                    .map(|s| format!(" · {s}"))
                    .unwrap_or_default()
            ));
        }
        let count: i64 = totals.iter().map(|t| t.unplanned).sum();
        if count > 0 {
            lines.push(tr_args(
                turn.lang,
                "deals-unplanned",
                &[("count", arg(count))],
            ));
        }
        // The deals themselves as buttons, a page at a time, in stage order.
        let pages = (total as usize).div_ceil(DEALS_PAGE) as u32;
        let page = page.min(pages - 1);
        let unplanned = |deal: &Deal| deal.next_action_at.is_none_or(|at| at <= now());
        let mut keyboard = self
            .store
            .open_deals_page(
                member.team_id,
                member.user_id,
                i64::from(page) * DEALS_PAGE as i64,
                DEALS_PAGE as i64,
            )
            .await?
            .iter()
            .fold(Keyboard::none(), |keyboard, deal| {
                let flag = if unplanned(deal) { "⚠️ " } else { "" };
                keyboard.row(vec![Button::new(
                    format!("{flag}{}", deal.title),
                    Action::DealCard(deal.id),
                )])
            });
        if pages > 1 {
            lines.push(tr_args(
                turn.lang,
                "find-page",
                &[
                    ("page", arg(i64::from(page) + 1)),
                    ("pages", arg(i64::from(pages))),
                ],
            ));
            let mut nav = Vec::new();
            if page > 0 {
                nav.push(Button::new("◀", Action::DealsPage(page - 1)));
            }
            if page + 1 < pages {
                nav.push(Button::new("▶", Action::DealsPage(page + 1)));
            }
            keyboard = keyboard.row(nav);
        }
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }
}

/// Sums amounts per currency: "150 000 ₽ + 2 000 $"; `None` when no deal has an amount.
pub fn sum_label<'a>(
    amounts: impl Iterator<Item = (Option<i64>, Option<&'a str>)>,
) -> Option<String> {
    let mut sums: Vec<(Currency, i64)> = Vec::new();
    for (minor, currency) in amounts {
        let (Some(minor), Some(currency)) = (minor, currency.and_then(Currency::parse)) else {
            continue;
        };
        match sums.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, sum)) => *sum = sum.saturating_add(minor),
            None => sums.push((currency, minor)),
        }
    }
    (!sums.is_empty()).then(|| {
        sums.into_iter()
            .map(|(currency, minor)| Money { minor, currency }.display())
            .collect::<Vec<_>>()
            .join(" + ")
    })
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
