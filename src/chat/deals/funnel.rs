//! `/funnel`: how many deals reached each stage, the conversion from stage to stage, and the
//! sums now in each, for the team (owner, lead) or one's own deals (manager), over a period.
//!
//! ```text
//! lead: /funnel
//! bot:  Funnel · this month · team
//!       New: 10 · now 4 · 600 000 ₽
//!       Qualified: 6 (60 %) · now 2 …
//!       Won: 2 (…) · 300 000 ₽ / Lost: 3          [This month] [Last month] [All time]
//! ```

use crate::chat::choices::Period;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{stage_label, sum_label};
use crate::i18n::{arg, tr_args};
use crate::store::{FunnelDeal, Member, Stage, StageOutcome};

/// One funnel line: deals that reached the stage, the share of the previous stage's, and
/// the deals in it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelRow<'a> {
    pub stage: &'a Stage,
    pub reached: usize,
    /// Percent of the previous row's `reached`, rounded; `None` for the first row.
    pub conversion: Option<u32>,
    pub current: Vec<&'a FunnelDeal>,
}

/// The funnel over `stages` (in order) for `deals`. A deal counts at every open stage up to the
/// furthest it reached, at Won if won; lost deals are counted apart (the last row).
pub fn funnel<'a>(stages: &'a [Stage], deals: &'a [FunnelDeal]) -> Vec<FunnelRow<'a>> {
    let mut rows: Vec<FunnelRow> = Vec::new();
    for stage in stages {
        let current: Vec<&FunnelDeal> = deals.iter().filter(|d| d.stage_id == stage.id).collect();
        let reached = match stage.outcome {
            StageOutcome::Open => deals
                .iter()
                .filter(|d| d.max_position >= stage.position)
                .count(),
            StageOutcome::Won | StageOutcome::Lost => current.len(),
        };
        let previous = rows
            .iter()
            .rev()
            .find(|row| row.stage.outcome != StageOutcome::Lost)
            .map(|row| row.reached);
        let conversion = match (stage.outcome, previous) {
            (StageOutcome::Lost, _) | (_, None) => None,
            (_, Some(0)) => Some(0),
            (_, Some(previous)) => Some(((reached * 100 + previous / 2) / previous) as u32),
        };
        rows.push(FunnelRow {
            stage,
            reached,
            conversion,
            current,
        });
    }
    rows
}

impl Core {
    pub(in crate::chat) async fn show_funnel(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        period: Period,
    ) -> anyhow::Result<()> {
        let owner = (!member.role.sees_all_contacts()).then_some(member.user_id);
        let zone = member.time_zone.unwrap_or(self.config.time_zone);
        let (from, to) = period.bounds(zone, crate::clock::timestamp());
        let stages = self.store.stages(member.team_id).await?;
        let deals = self
            .store
            .funnel_deals(member.team_id, owner, from, to)
            .await?;
        let scope = if owner.is_some() {
            "funnel-mine"
        } else {
            "funnel-team"
        };
        let mut lines = vec![tr_args(
            turn.lang,
            "funnel-title",
            &[
                ("period", arg(turn.tr(period.label_key()))),
                ("scope", arg(turn.tr(scope))),
                ("count", arg(deals.len() as i64)),
            ],
        )];
        for row in funnel(&stages, &deals) {
            let mut line = format!("{}: {}", stage_label(turn.lang, row.stage), row.reached);
            if let Some(conversion) = row.conversion {
                line.push_str(&format!(" ({conversion} %)"));
            }
            if row.stage.outcome == StageOutcome::Open {
                line.push_str(&tr_args(
                    turn.lang,
                    "funnel-now",
                    &[("count", arg(row.current.len() as i64))],
                ));
            }
            let amounts = row
                .current
                .iter()
                .map(|d| (d.amount_minor, d.currency.as_deref()));
            if let Some(sum) = sum_label(amounts) {
                line.push_str(&format!(" · {sum}"));
            }
            lines.push(line);
        }
        let buttons = Period::ALL
            .iter()
            .map(|p| Button::new(turn.tr(p.label_key()), Action::Funnel(*p)))
            .collect();
        turn.show(lines.join("\n"), Keyboard::none().row(buttons));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn stage(id: i64, position: i64, outcome: StageOutcome) -> Stage {
        Stage {
            id,
            name: format!("s{id}"),
            position,
            probability: 0,
            outcome,
        }
    }

    fn deal(stage_id: i64, max_position: i64) -> FunnelDeal {
        FunnelDeal {
            stage_id,
            max_position,
            amount_minor: Some(100),
            currency: Some("RUB".to_owned()),
        }
    }

    #[test]
    fn counts_each_deal_up_to_the_furthest_stage_it_reached() {
        let stages = [
            stage(1, 0, StageOutcome::Open),
            stage(2, 1, StageOutcome::Open),
            stage(3, 2, StageOutcome::Won),
            stage(4, 3, StageOutcome::Lost),
        ];
        // Four deals: one still new, one qualified, one won, one lost after qualifying.
        let deals = [deal(1, 0), deal(2, 1), deal(3, 2), deal(4, 1)];
        let rows = funnel(&stages, &deals);
        let summary: Vec<(usize, Option<u32>, usize)> = rows
            .iter()
            .map(|r| (r.reached, r.conversion, r.current.len()))
            .collect();
        assert_eq!(
            summary,
            [
                (4, None, 1),
                (3, Some(75), 1),
                (1, Some(33), 1),
                (1, None, 1)
            ]
        );
    }

    #[test]
    fn an_empty_period_has_no_division_by_zero() {
        let stages = [
            stage(1, 0, StageOutcome::Open),
            stage(2, 1, StageOutcome::Won),
        ];
        let rows = funnel(&stages, &[]);
        assert_eq!(rows[1].conversion, Some(0));
    }

    #[test]
    fn months_are_counted_in_the_members_zone() {
        let zone = chrono_tz::Europe::Moscow;
        // 2026-03-01 00:30 in Moscow is still February in UTC.
        let now = zone
            .with_ymd_and_hms(2026, 3, 1, 0, 30, 0)
            .unwrap()
            .timestamp();
        let (from, to) = Period::ThisMonth.bounds(zone, now);
        assert_eq!(
            from,
            zone.with_ymd_and_hms(2026, 3, 1, 0, 0, 0)
                .unwrap()
                .timestamp()
        );
        assert_eq!(
            to,
            zone.with_ymd_and_hms(2026, 4, 1, 0, 0, 0)
                .unwrap()
                .timestamp()
        );
        let (from, _) = Period::LastMonth.bounds(zone, now);
        assert_eq!(
            from,
            zone.with_ymd_and_hms(2026, 2, 1, 0, 0, 0)
                .unwrap()
                .timestamp()
        );
    }
}
