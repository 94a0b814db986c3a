//! The deal card and `/deals`: what the member may open, and how a deal and the list by
//! stage with their sums are shown.

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, ActionKind, pager};
use crate::chat::turn::Turn;
use crate::chat::view::{amount_label, now, shown_date, stage_label, sum_label};
use crate::i18n::{arg, tr_args};
use crate::store::{Deal, Member, OpenDealTotal, StageOutcome};

/// Deals listed as buttons per page of `/deals`.
const DEALS_PAGE: usize = 10;

/// The 🔄 under a won or lost deal: whoever may open the card may reopen the deal.
fn reopen_button(turn: &Turn<'_>, id: i64) -> Button {
    Button::new(turn.tr("button-reopen"), Action::DealReopen(id))
}

impl Core {
    /// The deal if `member` may work on it; otherwise says why.
    pub(super) async fn visible_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Deal>> {
        let record = self.store.deal(id).await?;
        Ok(turn.permit(member, record, "deal", |r| (r.team_id, r.owner_id)))
    }

    /// An open deal, or `None` after saying it is closed.
    pub(in crate::chat) async fn open_deal_only(
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

    pub(in crate::chat) async fn open_deal_card(
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
            (StageOutcome::Won, Some(at)) => {
                lines.push(tr_args(
                    turn.lang,
                    "deal-won-on",
                    &[("when", arg(self.moment(member, at)))],
                ));
                keyboard = keyboard.row(vec![reopen_button(turn, id)]);
            }
            (StageOutcome::Lost, _) => {
                lines.push(tr_args(
                    turn.lang,
                    "deal-lost-because",
                    &[("reason", arg(deal.lost_reason.clone().unwrap_or_default()))],
                ));
                keyboard = keyboard.row(vec![reopen_button(turn, id)]);
            }
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

    /// `/deals`: the open deals of `listed` by stage, with sums and a flag on each deal that
    /// has no planned next action — the viewer's own, or a teammate's shown to the owner or a
    /// lead.
    pub(in crate::chat) async fn deals(
        &self,
        turn: &mut Turn<'_>,
        viewer: &Member,
        listed: &Member,
        page: u32,
    ) -> anyhow::Result<()> {
        let own = viewer.user_id == listed.user_id;
        let name = || arg(listed.display_name.clone());
        // Under one's own list the owner and leads find the team's; under a teammate's, the way
        // back to their menu.
        let last_row = if !own {
            vec![Button::new(
                turn.tr("button-back"),
                Action::Member(listed.user_id),
            )]
        } else if ActionKind::DealsByManager.allows(viewer.role) {
            vec![Button::new(
                turn.tr("button-deals-by-manager"),
                Action::DealsByManager,
            )]
        } else {
            Vec::new()
        };
        let totals = (self.store)
            .open_deal_totals(listed.team_id, listed.user_id, now())
            .await?;
        let total: i64 = totals.iter().map(|t| t.deals).sum();
        if total == 0 {
            let key = if own {
                "deals-none"
            } else {
                "member-deals-none"
            };
            let text = tr_args(turn.lang, key, &[("name", name())]);
            turn.show(text, Keyboard::none().row(last_row));
            return Ok(());
        }
        let stages = self.store.stages(listed.team_id).await?;
        let title_key = if own {
            "deals-title"
        } else {
            "member-deals-title"
        };
        let mut lines = vec![tr_args(turn.lang, title_key, &[("name", name())])];
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
                listed.team_id,
                listed.user_id,
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
            let to_page = |to| match own {
                true => Action::DealsPage(to),
                false => Action::MemberDeals(listed.user_id, to),
            };
            let nav = pager(page, pages, to_page).unwrap_or_default();
            keyboard = keyboard.row(nav);
        }
        turn.show(lines.join("\n"), keyboard.row(last_row));
        Ok(())
    }
}
