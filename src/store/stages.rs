//! The team's funnel: its stages in order, the default funnel a new team starts with, and the
//! reasons offered when a deal is lost.

use super::database::Store;
use sqlx::Row;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageOutcome {
    Open,
    Won,
    Lost,
}

impl StageOutcome {
    fn as_str(self) -> &'static str {
        match self {
            StageOutcome::Open => "open",
            StageOutcome::Won => "won",
            StageOutcome::Lost => "lost",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "won" => StageOutcome::Won,
            "lost" => StageOutcome::Lost,
            _ => StageOutcome::Open,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub id: i64,
    /// A locale key ("stage-new") for a default stage, or the owner's own name.
    pub name: String,
    pub position: i64,
    pub probability: i64,
    pub outcome: StageOutcome,
}

/// The funnel a new team starts with: (name key, win probability, outcome).
const DEFAULT_STAGES: [(&str, i64, StageOutcome); 6] = [
    ("stage-new", 10, StageOutcome::Open),
    ("stage-qualified", 25, StageOutcome::Open),
    ("stage-proposal", 50, StageOutcome::Open),
    ("stage-negotiation", 75, StageOutcome::Open),
    ("stage-won", 100, StageOutcome::Won),
    ("stage-lost", 0, StageOutcome::Lost),
];

pub(super) fn stage_from_row(row: &sqlx::any::AnyRow, id: &str, name: &str) -> sqlx::Result<Stage> {
    let outcome: String = row.try_get("outcome")?;
    Ok(Stage {
        id: row.try_get(id)?,
        name: row.try_get(name)?,
        position: row.try_get("position")?,
        probability: row.try_get("probability")?,
        outcome: StageOutcome::parse(&outcome),
    })
}

impl Store {
    /// The team's current stages in order, creating the default funnel on first use.
    pub async fn stages(&self, team_id: i64) -> sqlx::Result<Vec<Stage>> {
        let query = "SELECT id, name, position, probability, outcome FROM stages \
                     WHERE team_id = $1 AND removed_at IS NULL ORDER BY position";
        let rows = sqlx::query(query)
            .bind(team_id)
            .fetch_all(&self.pool)
            .await?;
        if !rows.is_empty() {
            return rows
                .iter()
                .map(|r| stage_from_row(r, "id", "name"))
                .collect();
        }
        let mut tx = self.begin().await?;
        for (position, (name, probability, outcome)) in DEFAULT_STAGES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO stages (team_id, name, position, probability, outcome) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(team_id)
            .bind(*name)
            .bind(position as i64)
            .bind(*probability)
            .bind(outcome.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        let rows = sqlx::query(query)
            .bind(team_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| stage_from_row(r, "id", "name"))
            .collect()
    }

    /// The reasons offered when a deal is lost, or `None` for the default list.
    pub async fn lost_reasons(&self, team_id: i64) -> sqlx::Result<Option<Vec<String>>> {
        let reasons: Option<String> = sqlx::query("SELECT lost_reasons FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("lost_reasons")?;
        Ok(reasons.map(|r| r.lines().map(str::to_owned).collect()))
    }

    pub async fn set_lost_reasons(&self, team_id: i64, reasons: &[String]) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET lost_reasons = $1 WHERE id = $2")
            .bind(reasons.join("\n"))
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Adds an open stage before Won, shifting Won and Lost down.
    pub async fn add_stage(&self, team_id: i64, name: &str, probability: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let position: i64 = sqlx::query(
            "SELECT MIN(position) AS p FROM stages \
             WHERE team_id = $1 AND removed_at IS NULL AND outcome <> 'open'",
        )
        .bind(team_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get::<Option<i64>, _>("p")?
        .unwrap_or(0);
        sqlx::query(
            "UPDATE stages SET position = position + 1 \
             WHERE team_id = $1 AND removed_at IS NULL AND outcome <> 'open'",
        )
        .bind(team_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO stages (team_id, name, position, probability, outcome) \
             VALUES ($1, $2, $3, $4, 'open')",
        )
        .bind(team_id)
        .bind(name)
        .bind(position)
        .bind(probability)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    pub async fn rename_stage(&self, stage_id: i64, name: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE stages SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(stage_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_stage_probability(&self, stage_id: i64, probability: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE stages SET probability = $1 WHERE id = $2")
            .bind(probability)
            .bind(stage_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Swaps the places of two stages in the funnel.
    pub async fn swap_stages(&self, a: &Stage, b: &Stage) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for (stage, position) in [(a, b.position), (b, a.position)] {
            sqlx::query("UPDATE stages SET position = $1 WHERE id = $2")
                .bind(position)
                .bind(stage.id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// How many deals are at the stage now.
    pub async fn deals_at_stage(&self, stage_id: i64) -> sqlx::Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM deals WHERE stage_id = $1")
            .bind(stage_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")
    }

    /// Removes a stage, moving the deals at it to `move_to`, in one transaction.
    pub async fn remove_stage(&self, stage_id: i64, move_to: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO deal_visits (deal_id, stage_id) \
             SELECT id, $1 FROM deals WHERE stage_id = $2 ON CONFLICT DO NOTHING",
        )
        .bind(move_to)
        .bind(stage_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE deals SET stage_id = $1, updated_at = $2 WHERE stage_id = $3")
            .bind(move_to)
            .bind(now)
            .bind(stage_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE stages SET removed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(stage_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }
}
