//! A teammate's work for the owner and leads: their `/deals`, `/tasks` and `/today` from their
//! menu in `/team`, and the team's open pipeline by manager from `/deals`.
//!
//! ```text
//! lead: /deals → 👥 By manager
//! bot:  👥 Open deals by manager:
//!       Anna — 3 deals · 150 000 ₽ (weighted 45 000 ₽)
//!       Boris — 1 deal · 2 000 $ (weighted 200 $)             [Anna] [Boris]
//! lead: (taps Anna)   bot: Anna's open deals: … (the deals, paged, each opening its card)
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::reports::{money, pipeline_deal};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::i18n::{arg, tr_args};
use crate::reports::{PipelineDeal, forecast_total};
use crate::store::{Member, TeamMember};

use super::members::member_label;

impl Core {
    /// The current member of the actor's team, other than the actor, whose work a button
    /// points at; otherwise says they are not in the team.
    async fn active_teammate(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
    ) -> anyhow::Result<Option<Member>> {
        match self.team_member(turn, actor, user_id).await? {
            Some(listed) if !listed.removed => Ok(Some(listed.member)),
            Some(_) => {
                let text = turn.tr("member-not-found");
                turn.notice(text);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    pub(in crate::chat) async fn member_deals(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(listed) = self.active_teammate(turn, actor, user_id).await? else {
            return Ok(());
        };
        self.deals(turn, actor, &listed, page).await
    }

    pub(in crate::chat) async fn member_tasks(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
        today_only: bool,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(listed) = self.active_teammate(turn, actor, user_id).await? else {
            return Ok(());
        };
        self.task_list(turn, actor, &listed, today_only, page).await
    }

    /// The team's open deals per member: how many, their sum and the sum weighted by the
    /// stages' probabilities, per currency; each member with deals a button to them.
    pub(in crate::chat) async fn deals_by_manager(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
    ) -> anyhow::Result<()> {
        let members = self.store.team_members(actor.team_id).await?;
        let counts = self.store.open_deal_counts(actor.team_id).await?;
        let pipeline: Vec<(i64, PipelineDeal)> = (self.store.pipeline(actor.team_id, None))
            .await?
            .into_iter()
            .map(|row| (row.owner_id, pipeline_deal(row)))
            .collect();
        let mut lines = vec![turn.tr("deals-by-manager-title")];
        let mut keyboard = Keyboard::none();
        for listed in &members {
            let user_id = listed.member.user_id;
            let deals = (counts.iter().find(|(owner, _)| *owner == user_id)).map_or(0, |c| c.1);
            if listed.removed && deals == 0 {
                continue;
            }
            let theirs: Vec<PipelineDeal> = (pipeline.iter())
                .filter(|(owner, _)| *owner == user_id)
                .map(|(_, deal)| deal.clone())
                .collect();
            lines.push(pipeline_line(turn, listed, deals, &theirs));
            if deals > 0 && !listed.removed {
                let to = if user_id == actor.user_id {
                    Action::DealsPage(0)
                } else {
                    Action::MemberDeals(user_id, 0)
                };
                keyboard = keyboard.row(vec![Button::new(listed.member.display_name.clone(), to)]);
            }
        }
        let keyboard = keyboard.row(vec![Button::new(
            turn.tr("button-back"),
            Action::DealsPage(0),
        )]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }
}

/// "• Anna — 3 deals · 150 000 ₽ (weighted 45 000 ₽)": sums per currency, never mixed.
fn pipeline_line(
    turn: &Turn<'_>,
    listed: &TeamMember,
    deals: i64,
    pipeline: &[PipelineDeal],
) -> String {
    let mut line = tr_args(
        turn.lang,
        "deals-by-manager-line",
        &[
            ("name", arg(member_label(turn, listed))),
            ("count", arg(deals)),
        ],
    );
    let sums: Vec<String> = forecast_total(pipeline)
        .iter()
        .map(|(code, total, weighted)| {
            tr_args(
                turn.lang,
                "report-forecast-sum",
                &[
                    ("total", arg(money(*total, code))),
                    ("weighted", arg(money(*weighted, code))),
                ],
            )
        })
        .collect();
    if !sums.is_empty() {
        line.push_str(" · ");
        line.push_str(&sums.join(" + "));
    }
    line
}
