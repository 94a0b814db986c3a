//! The owner's funnel set-up in `/settings`: stages (add, rename, reorder, win probability,
//! remove with the deals moved to a chosen stage) and the reasons offered when a deal is lost.
//!
//! ```text
//! owner: (in /settings taps 🪜 Funnel stages)
//! bot:   1. New (10 %) 2. Qualified (25 %) …   [New] [Qualified] … [➕ Add a stage]
//! owner: (taps Qualified, then 🗑 Remove)
//! bot:   3 deals are at Qualified. Where do they go?   [New] [Proposal] …
//! ```

use crate::chat::ask::ask;
use crate::chat::choices::StageEdit;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::stage_label;
use crate::domain::{InputError, parse_label, parse_options};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, Stage, StageOutcome};

/// A win probability typed as "30" or "30%".
pub fn parse_probability(text: &str) -> Result<i64, InputError> {
    text.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=100).contains(p))
        .ok_or(InputError::ProbabilityInvalid)
}

/// "Name" or "Name 30%": a new stage and its win probability (50 % when not given).
pub fn parse_new_stage(text: &str) -> Result<(String, i64), InputError> {
    let text = text.trim();
    if let Some((name, last)) = text.rsplit_once(char::is_whitespace)
        && last
            .trim_end_matches('%')
            .chars()
            .all(|c| c.is_ascii_digit())
        && !last.is_empty()
    {
        return Ok((parse_label(name)?, parse_probability(last)?));
    }
    Ok((parse_label(text)?, 50))
}

impl Core {
    /// The team's open stages (the ones the owner edits), or `None` after saying why not.
    async fn editable_stage(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
    ) -> anyhow::Result<Option<(Stage, Vec<Stage>)>> {
        let stages = self.store.stages(member.team_id).await?;
        match stages.iter().find(|s| s.id == stage_id) {
            Some(stage) if stage.outcome == StageOutcome::Open => Ok(Some((stage.clone(), stages))),
            _ => {
                let text = turn.tr("deal-stage-gone");
                turn.notice(text);
                Ok(None)
            }
        }
    }

    pub(in crate::chat) async fn stage_list(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let stages = self.store.stages(member.team_id).await?;
        let mut lines = vec![turn.tr("stages-title")];
        let mut keyboard = Keyboard::none();
        for (n, stage) in stages.iter().enumerate() {
            let label = stage_label(turn.lang, stage);
            lines.push(format!("{}. {label} ({} %)", n + 1, stage.probability));
            if stage.outcome == StageOutcome::Open {
                keyboard = keyboard.row(vec![Button::new(label, Action::StageMenu(stage.id))]);
            }
        }
        keyboard = keyboard
            .row(vec![
                Button::new(turn.tr("button-stage-add"), Action::StageAdd),
                Button::new(turn.tr("button-lost-reasons"), Action::LostReasons),
            ])
            .row(vec![Button::new(turn.tr("button-back"), Action::Settings)]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn stage_menu(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
    ) -> anyhow::Result<()> {
        let Some((stage, _)) = self.editable_stage(turn, member, stage_id).await? else {
            return Ok(());
        };
        let buttons: Vec<Button> = StageEdit::ALL
            .iter()
            .map(|edit| {
                Button::new(
                    turn.tr(edit.label_key()),
                    Action::StageEdit(stage_id, *edit),
                )
            })
            .collect();
        let keyboard = buttons
            .chunks(3)
            .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()))
            .row(vec![Button::new(turn.tr("button-back"), Action::Stages)]);
        let text = format!(
            "{} ({} %)",
            stage_label(turn.lang, &stage),
            stage.probability
        );
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn stage_edit(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
        edit: StageEdit,
    ) -> anyhow::Result<Outcome> {
        let Some((stage, stages)) = self.editable_stage(turn, member, stage_id).await? else {
            return Ok(Outcome::Keep);
        };
        let open: Vec<&Stage> = stages
            .iter()
            .filter(|s| s.outcome == StageOutcome::Open)
            .collect();
        let index = open.iter().position(|s| s.id == stage_id).unwrap_or(0);
        match edit {
            StageEdit::Rename | StageEdit::Probability => {
                let (state, key) = if edit == StageEdit::Rename {
                    (Conversation::RenameStage { stage_id }, "stage-ask-name")
                } else {
                    (
                        Conversation::StageProbability { stage_id },
                        "stage-ask-probability",
                    )
                };
                let text = tr_args(
                    turn.lang,
                    key,
                    &[("stage", arg(stage_label(turn.lang, &stage)))],
                );
                Ok(ask(turn, text, state))
            }
            StageEdit::Up | StageEdit::Down => {
                let neighbour = match edit {
                    StageEdit::Up => index.checked_sub(1).and_then(|i| open.get(i)),
                    _ => open.get(index + 1),
                };
                if let Some(neighbour) = neighbour {
                    self.store.swap_stages(&stage, neighbour).await?;
                }
                self.stage_list(turn, member).await?;
                Ok(Outcome::Keep)
            }
            StageEdit::Remove => {
                if open.len() < 2 {
                    let text = turn.tr("stage-last-open");
                    turn.notice(text);
                    return Ok(Outcome::Keep);
                }
                let deals = self.store.deals_at_stage(stage_id).await?;
                let keyboard = open
                    .iter()
                    .filter(|s| s.id != stage_id)
                    .fold(Keyboard::none(), |keyboard, target| {
                        keyboard.row(vec![Button::new(
                            stage_label(turn.lang, target),
                            Action::StageRemove(stage_id, target.id),
                        )])
                    })
                    .row(vec![Button::new(
                        turn.tr("button-back"),
                        Action::StageMenu(stage_id),
                    )]);
                let text = tr_args(
                    turn.lang,
                    "stage-remove-where",
                    &[
                        ("stage", arg(stage_label(turn.lang, &stage))),
                        ("count", arg(deals)),
                    ],
                );
                turn.show(text, keyboard);
                Ok(Outcome::Keep)
            }
        }
    }

    pub(in crate::chat) async fn stage_remove(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
        move_to: i64,
    ) -> anyhow::Result<Outcome> {
        let Some((_, stages)) = self.editable_stage(turn, member, stage_id).await? else {
            return Ok(Outcome::Keep);
        };
        let valid_target = stages
            .iter()
            .any(|s| s.id == move_to && s.id != stage_id && s.outcome == StageOutcome::Open);
        if !valid_target {
            let text = turn.tr("deal-stage-gone");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        self.store
            .remove_stage(stage_id, move_to, crate::clock::timestamp())
            .await?;
        self.stage_list(turn, member).await?;
        Ok(Outcome::Keep)
    }

    pub(in crate::chat) async fn ask_new_stage(
        &self,
        turn: &mut Turn<'_>,
    ) -> anyhow::Result<Outcome> {
        let text = turn.tr("stage-ask-new");
        Ok(ask(turn, text, Conversation::NewStage))
    }

    pub(in crate::chat) async fn ask_lost_reasons(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        let reasons = self.lost_reason_list(turn.lang, member.team_id).await?;
        let text = tr_args(
            turn.lang,
            "lost-reasons-ask",
            &[("reasons", arg(reasons.join(", ")))],
        );
        Ok(ask(turn, text, Conversation::SetLostReasons))
    }

    /// A new stage typed in the funnel set-up: "<name> [probability%]".
    pub(in crate::chat) async fn add_stage(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let (name, probability) = match parse_new_stage(text) {
            Ok(parsed) => parsed,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store
            .add_stage(member.team_id, &name, probability)
            .await?;
        self.stages_saved(turn, member).await
    }

    /// A stage's new name; a stage no longer editable is left alone.
    pub(in crate::chat) async fn rename_stage(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let name = match parse_label(text) {
            Ok(name) => name,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        if self.editable_stage(turn, member, stage_id).await?.is_some() {
            self.store.rename_stage(stage_id, &name).await?;
        }
        self.stages_saved(turn, member).await
    }

    /// A stage's new probability, in percent.
    pub(in crate::chat) async fn set_stage_probability(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        stage_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let probability = match parse_probability(text) {
            Ok(probability) => probability,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        if self.editable_stage(turn, member, stage_id).await?.is_some() {
            self.store
                .set_stage_probability(stage_id, probability)
                .await?;
        }
        self.stages_saved(turn, member).await
    }

    /// The team's list of lost reasons.
    pub(in crate::chat) async fn set_lost_reasons(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let reasons = match parse_options(text) {
            Ok(reasons) => reasons,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store
            .set_lost_reasons(member.team_id, &reasons)
            .await?;
        self.stages_saved(turn, member).await
    }

    /// After a typed funnel setting was stored: the stage list again.
    async fn stages_saved(&self, turn: &mut Turn<'_>, member: &Member) -> anyhow::Result<Outcome> {
        self.stage_list(turn, member).await?;
        Ok(Outcome::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_stages_take_an_optional_probability() {
        assert_eq!(parse_new_stage("Demo 30%"), Ok(("Demo".to_owned(), 30)));
        assert_eq!(
            parse_new_stage("Contract signing"),
            Ok(("Contract signing".to_owned(), 50))
        );
        assert_eq!(
            parse_new_stage("Demo 130"),
            Err(InputError::ProbabilityInvalid)
        );
        assert_eq!(parse_probability(" 75 % "), Ok(75));
        assert_eq!(parse_probability("-1"), Err(InputError::ProbabilityInvalid));
    }
}
