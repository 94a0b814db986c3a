//! The figures behind `/report`: per-manager performance, client revenue for the ABC
//! analysis, and the open pipeline for the forecast. A manager's reports cover their own
//! records (`owner`), the team's cover everyone's. Also each manager's line in the daily
//! summary.

use super::database::Store;
use sqlx::Row;

/// One member's work over a period, and what is overdue now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManagerPerformance {
    pub user_id: i64,
    pub name: String,
    pub calls: i64,
    pub new_contacts: i64,
    pub deals_opened: i64,
    pub deals_won: i64,
    pub deals_lost: i64,
    /// (currency, minor units) of the deals won in the period.
    pub won: Vec<(String, i64)>,
    pub overdue_tasks: i64,
}

/// Won revenue of one client in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientRevenueRow {
    pub contact_id: i64,
    pub name: String,
    pub currency: String,
    pub revenue_minor: i64,
}

/// An open deal with an amount, its stage's win probability and expected close date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineRow {
    pub owner_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub probability: i64,
    pub expected_close: Option<String>,
}

/// One manager's line in the daily summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManagerFigures {
    pub user_id: i64,
    pub name: String,
    pub new_leads: i64,
    pub calls: i64,
    /// Clients the member wrote with in their own Telegram (logged chats).
    pub chats: i64,
    pub deals_moved: i64,
    /// (currency, minor units) of deals won in the period.
    pub won: Vec<(String, i64)>,
    pub lost: Vec<(String, i64)>,
    pub overdue_tasks: i64,
    /// Open deals with no next action planned, or one already past.
    pub deals_without_next_action: i64,
}

impl Store {
    pub async fn manager_performance(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
        now: i64,
    ) -> sqlx::Result<Vec<ManagerPerformance>> {
        let mut rows: Vec<ManagerPerformance> = sqlx::query(
            "SELECT m.user_id, m.display_name, \
             (SELECT COUNT(*) FROM history h WHERE h.author_id = m.user_id AND h.kind = 'call' \
              AND h.created_at >= $3 AND h.created_at < $4) AS calls, \
             (SELECT COUNT(*) FROM contacts c WHERE c.team_id = m.team_id \
              AND c.created_by = m.user_id AND c.created_at >= $3 AND c.created_at < $4) AS contacts, \
             (SELECT COUNT(*) FROM deals d WHERE d.owner_id = m.user_id \
              AND d.created_at >= $3 AND d.created_at < $4) AS opened, \
             (SELECT COUNT(*) FROM deals d JOIN stages s ON s.id = d.stage_id \
              WHERE d.owner_id = m.user_id AND s.outcome = 'won' \
              AND d.closed_at >= $3 AND d.closed_at < $4) AS won, \
             (SELECT COUNT(*) FROM deals d JOIN stages s ON s.id = d.stage_id \
              WHERE d.owner_id = m.user_id AND s.outcome = 'lost' \
              AND d.closed_at >= $3 AND d.closed_at < $4) AS lost, \
             (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = m.user_id AND t.done_at IS NULL \
              AND t.due_at < $5) AS overdue \
             FROM members m WHERE m.team_id = $1 AND m.removed_at IS NULL \
             AND ($2 IS NULL OR m.user_id = $2) ORDER BY m.user_id",
        )
        .bind(team_id)
        .bind(owner)
        .bind(from)
        .bind(to)
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(ManagerPerformance {
                user_id: row.try_get("user_id")?,
                name: row.try_get("display_name")?,
                calls: row.try_get("calls")?,
                new_contacts: row.try_get("contacts")?,
                deals_opened: row.try_get("opened")?,
                deals_won: row.try_get("won")?,
                deals_lost: row.try_get("lost")?,
                overdue_tasks: row.try_get("overdue")?,
                won: Vec::new(),
            })
        })
        .collect::<sqlx::Result<_>>()?;
        let sums = sqlx::query(
            "SELECT d.owner_id, d.currency, CAST(SUM(d.amount_minor) AS BIGINT) AS total \
             FROM deals d JOIN stages s ON s.id = d.stage_id \
             WHERE d.team_id = $1 AND s.outcome = 'won' AND d.amount_minor IS NOT NULL \
             AND d.closed_at >= $2 AND d.closed_at < $3 \
             GROUP BY d.owner_id, d.currency ORDER BY d.currency",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        for row in &sums {
            let owner_id: i64 = row.try_get("owner_id")?;
            let currency: Option<String> = row.try_get("currency")?;
            if let Some(line) = rows.iter_mut().find(|line| line.user_id == owner_id) {
                line.won
                    .push((currency.unwrap_or_default(), row.try_get("total")?));
            }
        }
        Ok(rows)
    }

    /// Revenue of won deals per client and currency over the period.
    pub async fn client_revenue(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<ClientRevenueRow>> {
        sqlx::query(
            "SELECT c.id, c.name, d.currency, CAST(SUM(d.amount_minor) AS BIGINT) AS revenue \
             FROM deals d JOIN stages s ON s.id = d.stage_id JOIN contacts c ON c.id = d.contact_id \
             WHERE d.team_id = $1 AND ($2 IS NULL OR c.owner_id = $2) AND s.outcome = 'won' \
             AND d.amount_minor IS NOT NULL AND d.closed_at >= $3 AND d.closed_at < $4 \
             GROUP BY c.id, c.name, d.currency",
        )
        .bind(team_id)
        .bind(owner)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(ClientRevenueRow {
                contact_id: row.try_get("id")?,
                name: row.try_get("name")?,
                currency: row
                    .try_get::<Option<String>, _>("currency")?
                    .unwrap_or_default(),
                revenue_minor: row.try_get("revenue")?,
            })
        })
        .collect()
    }

    /// Open deals with an amount, for the weighted forecast.
    pub async fn pipeline(
        &self,
        team_id: i64,
        owner: Option<i64>,
    ) -> sqlx::Result<Vec<PipelineRow>> {
        sqlx::query(
            "SELECT d.owner_id, d.amount_minor, d.currency, s.probability, d.expected_close \
             FROM deals d JOIN stages s ON s.id = d.stage_id \
             WHERE d.team_id = $1 AND ($2 IS NULL OR d.owner_id = $2) AND d.closed_at IS NULL \
             AND d.amount_minor IS NOT NULL",
        )
        .bind(team_id)
        .bind(owner)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(PipelineRow {
                owner_id: row.try_get("owner_id")?,
                amount_minor: row.try_get("amount_minor")?,
                currency: row
                    .try_get::<Option<String>, _>("currency")?
                    .unwrap_or_default(),
                probability: row.try_get("probability")?,
                expected_close: row.try_get("expected_close")?,
            })
        })
        .collect()
    }
}

impl Store {
    /// How many open deals each member of the team has: `(owner, deals)`, members with
    /// none left out.
    pub async fn open_deal_counts(&self, team_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
        sqlx::query(
            "SELECT owner_id, COUNT(*) AS deals FROM deals \
             WHERE team_id = $1 AND closed_at IS NULL GROUP BY owner_id",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("owner_id")?, row.try_get("deals")?)))
        .collect()
    }

    /// The team's ABC boundaries as typed ("80/95"), if set.
    pub async fn abc_thresholds(&self, team_id: i64) -> sqlx::Result<Option<String>> {
        sqlx::query("SELECT abc_thresholds FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get::<Option<String>, _>("abc_thresholds"))
            .transpose()
            .map(Option::flatten)
    }

    pub async fn set_abc_thresholds(&self, team_id: i64, thresholds: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE teams SET abc_thresholds = $1 WHERE id = $2")
            .bind(thresholds)
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

impl Store {
    /// The member's open deals with no next action, or one already past.
    pub async fn deals_without_next_action(&self, owner_id: i64, now: i64) -> sqlx::Result<i64> {
        sqlx::query(
            "SELECT COUNT(*) AS n FROM deals WHERE owner_id = $1 AND closed_at IS NULL \
             AND (next_action_at IS NULL OR next_action_at <= $2)",
        )
        .bind(owner_id)
        .bind(now)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")
    }

    /// Per member of the team, what happened in [from, to) and what is overdue at `to`.
    pub async fn team_figures(
        &self,
        team_id: i64,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<ManagerFigures>> {
        let mut figures: Vec<ManagerFigures> = sqlx::query(
            "SELECT m.user_id, m.display_name, \
             (SELECT COUNT(*) FROM contacts c WHERE c.team_id = m.team_id \
              AND c.created_by = m.user_id AND c.created_at >= $2 AND c.created_at < $3) AS new_leads, \
             (SELECT COUNT(*) FROM history h WHERE h.author_id = m.user_id AND h.kind = 'call' \
              AND h.created_at >= $2 AND h.created_at < $3) AS calls, \
             (SELECT COUNT(DISTINCT h.contact_id) FROM history h WHERE h.author_id = m.user_id \
              AND h.kind IN ('message_in', 'message_out') \
              AND h.created_at >= $2 AND h.created_at < $3) AS chats, \
             (SELECT COUNT(*) FROM history h WHERE h.author_id = m.user_id \
              AND h.kind = 'stage_changed' AND h.created_at >= $2 AND h.created_at < $3) AS moved, \
             (SELECT COUNT(*) FROM tasks t WHERE t.owner_id = m.user_id AND t.done_at IS NULL \
              AND t.due_at < $3) AS overdue, \
             (SELECT COUNT(*) FROM deals d WHERE d.owner_id = m.user_id AND d.closed_at IS NULL \
              AND (d.next_action_at IS NULL OR d.next_action_at <= $3)) AS unplanned \
             FROM members m WHERE m.team_id = $1 AND m.removed_at IS NULL ORDER BY m.user_id",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(ManagerFigures {
                user_id: row.try_get("user_id")?,
                name: row.try_get("display_name")?,
                new_leads: row.try_get("new_leads")?,
                calls: row.try_get("calls")?,
                chats: row.try_get("chats")?,
                deals_moved: row.try_get("moved")?,
                overdue_tasks: row.try_get("overdue")?,
                deals_without_next_action: row.try_get("unplanned")?,
                ..ManagerFigures::default()
            })
        })
        .collect::<sqlx::Result<_>>()?;
        let closed = sqlx::query(
            "SELECT d.owner_id, s.outcome, d.currency, CAST(SUM(d.amount_minor) AS BIGINT) AS total \
             FROM deals d JOIN stages s ON s.id = d.stage_id \
             WHERE d.team_id = $1 AND d.closed_at >= $2 AND d.closed_at < $3 \
             AND d.amount_minor IS NOT NULL \
             GROUP BY d.owner_id, s.outcome, d.currency ORDER BY d.currency",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        for row in &closed {
            let owner: i64 = row.try_get("owner_id")?;
            let outcome: String = row.try_get("outcome")?;
            let currency: Option<String> = row.try_get("currency")?;
            let total: i64 = row.try_get("total")?;
            if let Some(line) = figures.iter_mut().find(|f| f.user_id == owner) {
                let sums = if outcome == "won" {
                    &mut line.won
                } else {
                    &mut line.lost
                };
                sums.push((currency.unwrap_or_default(), total));
            }
        }
        Ok(figures)
    }
}
