//! Moving a deal along the funnel: the stage picker, the move itself on the timeline, and
//! losing a deal with a reason picked or typed.

use super::open::parse_title;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, now, stage_label};
use crate::domain::Lang;
use crate::i18n::{arg, tr, tr_args};
use crate::scheduler::surveys::survey_after_win_job;
use crate::store::{Deal, Member, Stage, StageOutcome};

/// The default reasons offered when a deal is lost (locale keys).
const DEFAULT_LOST_REASONS: [&str; 4] = [
    "lost-reason-price",
    "lost-reason-competitor",
    "lost-reason-budget",
    "lost-reason-silence",
];

impl Core {
    pub(in crate::chat) async fn deal_stages(
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
    pub(in crate::chat) async fn move_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        stage_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(to) = stages.iter().find(|s| s.id == stage_id) else {
            let text = turn.tr("deal-stage-gone");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        if to.outcome == StageOutcome::Lost {
            return self.ask_lost_reason(turn, member, id).await;
        }
        if to.id == deal.stage.id {
            let text = turn.tr("deal-already-there");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        // Winning closes the deal and its tasks: one more tap makes sure it was meant.
        if to.outcome == StageOutcome::Won {
            let text = tr_args(turn.lang, "deal-ask-won", &[("title", arg(deal.title))]);
            let keyboard = Keyboard::none().row(vec![
                Button::new(turn.tr("button-won-yes"), Action::DealWin(id)),
                Button::new(turn.tr("button-back"), Action::DealShow(id)),
            ]);
            turn.show(text, keyboard);
            return Ok(Outcome::Keep);
        }
        self.record_move(turn, member, &deal, to, None).await?;
        self.ask_next_action(turn, member, id).await
    }

    /// 🎉 on the question whether the deal is won.
    pub(in crate::chat) async fn win_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(());
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(won) = stages.iter().find(|s| s.outcome == StageOutcome::Won) else {
            anyhow::bail!("team {} has no won stage", member.team_id);
        };
        self.record_move(turn, member, &deal, won, None).await
    }

    /// 🔄 on a won or lost deal: back to the furthest open stage it reached (the first stage
    /// if that one was removed), and the next action is asked for, as after any move.
    pub(in crate::chat) async fn reopen_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.visible_deal(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        if deal.closed_at.is_none() {
            let text = turn.tr("deal-open-already");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        let stages = self.store.stages(member.team_id).await?;
        let visited = self.store.visited_stages(id).await?;
        let open = || stages.iter().filter(|s| s.outcome == StageOutcome::Open);
        let furthest = open().rfind(|s| visited.contains(&s.id));
        let Some(to) = furthest.or_else(|| open().next()) else {
            anyhow::bail!("team {} has no open stage", member.team_id);
        };
        let note = format!(
            "{}: {} → {}",
            deal.title,
            stage_label(turn.lang, &deal.stage),
            stage_label(turn.lang, to)
        );
        if !(self.store)
            .reopen_deal(&deal, to, member.user_id, &note, now())
            .await?
        {
            let text = turn.tr("deal-open-already");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        tracing::info!(
            deal = id,
            stage = to.id,
            by = member.user_id,
            "deal reopened"
        );
        self.open_deal_card(turn, member, id, true).await?;
        self.ask_next_action(turn, member, id).await
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
        // A won deal's client gets a feedback survey the day after.
        let survey = match (&to.outcome, &deal.contact) {
            (StageOutcome::Won, Some((contact_id, _))) => {
                match self.store.contact(*contact_id).await? {
                    Some(contact) => {
                        survey_after_win_job(
                            &self.store,
                            self.config.time_zone,
                            &contact,
                            deal.id,
                            now(),
                        )
                        .await?
                    }
                    None => None,
                }
            }
            _ => None,
        };
        self.store
            .move_deal(
                deal,
                to,
                lost_reason,
                member.user_id,
                &note,
                survey.as_ref(),
                now(),
            )
            .await?;
        tracing::info!(
            deal = deal.id,
            stage = to.id,
            by = member.user_id,
            "deal moved"
        );
        self.open_deal_card(turn, member, deal.id, true).await
    }

    pub(in crate::chat) async fn ask_lost_reason(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
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
        Ok(Outcome::Ask(Conversation::LostReason { deal_id: id }))
    }

    pub(in crate::chat) async fn lost_reason_list(
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
    pub(in crate::chat) async fn lose_deal(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        reason: Result<u32, &str>,
    ) -> anyhow::Result<Outcome> {
        let Some(deal) = self.open_deal_only(turn, member, id).await? else {
            return Ok(Outcome::Done);
        };
        let reason = match reason {
            Ok(index) => {
                let reasons = self.lost_reason_list(turn.lang, member.team_id).await?;
                match reasons.get(index as usize) {
                    Some(reason) => reason.clone(),
                    None => {
                        let text = turn.tr("button-expired");
                        turn.notice(text);
                        return Ok(Outcome::Keep);
                    }
                }
            }
            Err(typed) => match parse_title(typed) {
                Ok(reason) => reason,
                Err(error) => {
                    let text = input_error_text(turn.lang, &error);
                    turn.send(text, Keyboard::none());
                    return Ok(Outcome::Keep);
                }
            },
        };
        let stages = self.store.stages(member.team_id).await?;
        let Some(lost) = stages.iter().find(|s| s.outcome == StageOutcome::Lost) else {
            anyhow::bail!("team {} has no lost stage", member.team_id);
        };
        self.record_move(turn, member, &deal, lost, Some(&reason))
            .await?;
        Ok(Outcome::Done)
    }
}
