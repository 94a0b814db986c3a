//! Deals and the moves between the funnel's stages.

use super::database::Store;
use super::jobs::{NewJob, insert_job};
use super::stages::{Stage, StageOutcome, stage_from_row};
use super::tasks::{NewTask, close_deal_tasks, insert_task};
use crate::domain::HistoryKind;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Deal {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub owner_name: String,
    /// (id, name) of the deal's contact and company, when set.
    pub contact: Option<(i64, String)>,
    pub company: Option<(i64, String)>,
    pub title: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    pub stage: Stage,
    /// "yyyy-mm-dd".
    pub expected_close: Option<String>,
    pub comment: Option<String>,
    pub next_action: Option<String>,
    pub next_action_at: Option<i64>,
    pub lost_reason: Option<String>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

impl Deal {
    /// What a deal's timeline entry is about: the deal, its contact and its company.
    fn subject(&self) -> (i64, Option<i64>, Option<i64>) {
        (
            self.id,
            self.contact.as_ref().map(|c| c.0),
            self.company.as_ref().map(|c| c.0),
        )
    }
}

/// A deal field edited from its card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealColumn {
    Title,
    Amount,
    ExpectedClose,
    Comment,
}

pub struct NewDeal<'a> {
    pub title: &'a str,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub amount_minor: Option<i64>,
    pub currency: Option<&'a str>,
}

/// A deal as the funnel counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunnelDeal {
    pub stage_id: i64,
    /// The position, in the current order, of the furthest open or won stage it has been at.
    pub max_position: i64,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
}

/// Open deals of one member at one stage in one currency, summed.
#[derive(Debug, Clone)]
pub struct OpenDealTotal {
    pub stage_id: i64,
    pub currency: Option<String>,
    pub deals: i64,
    pub amount_minor: Option<i64>,
    pub unplanned: i64,
}

const DEAL_COLUMNS: &str = "d.id, d.team_id, d.owner_id, m.display_name AS owner_name, \
     d.contact_id, c.name AS contact_name, d.company_id, co.name AS company_name, d.title, \
     d.amount_minor, d.currency, d.expected_close, d.comment, d.next_action, d.next_action_at, \
     d.lost_reason, d.created_at, d.closed_at, \
     s.id AS stage_id, s.name AS stage_name, s.position, s.probability, s.outcome";

const DEAL_JOINS: &str = "FROM deals d JOIN members m ON m.user_id = d.owner_id \
     JOIN stages s ON s.id = d.stage_id \
     LEFT JOIN contacts c ON c.id = d.contact_id \
     LEFT JOIN companies co ON co.id = d.company_id";

fn deal_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Deal> {
    let pair = |id: &str, name: &str| -> sqlx::Result<Option<(i64, String)>> {
        Ok(
            match (
                row.try_get::<Option<i64>, _>(id)?,
                row.try_get::<Option<String>, _>(name)?,
            ) {
                (Some(id), Some(name)) => Some((id, name)),
                _ => None,
            },
        )
    };
    Ok(Deal {
        id: row.try_get("id")?,
        team_id: row.try_get("team_id")?,
        owner_id: row.try_get("owner_id")?,
        owner_name: row.try_get("owner_name")?,
        contact: pair("contact_id", "contact_name")?,
        company: pair("company_id", "company_name")?,
        title: row.try_get("title")?,
        amount_minor: row.try_get("amount_minor")?,
        currency: row.try_get("currency")?,
        stage: stage_from_row(row, "stage_id", "stage_name")?,
        expected_close: row.try_get("expected_close")?,
        comment: row.try_get("comment")?,
        next_action: row.try_get("next_action")?,
        next_action_at: row.try_get("next_action_at")?,
        lost_reason: row.try_get("lost_reason")?,
        created_at: row.try_get("created_at")?,
        closed_at: row.try_get("closed_at")?,
    })
}

/// Records that a deal has been at a stage (once per stage).
async fn visit(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    deal_id: i64,
    stage_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO deal_visits (deal_id, stage_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(deal_id)
    .bind(stage_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_deal_history(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    deal: (i64, Option<i64>, Option<i64>),
    author_id: i64,
    kind: HistoryKind,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    let (deal_id, contact_id, company_id) = deal;
    sqlx::query(
        "INSERT INTO history (contact_id, company_id, deal_id, author_id, kind, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(contact_id)
    .bind(company_id)
    .bind(deal_id)
    .bind(author_id)
    .bind(kind.as_str())
    .bind(body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if let Some(contact_id) = contact_id {
        super::dormancy::after_history(tx, contact_id, kind, now).await?;
    }
    Ok(())
}

impl Store {
    /// Opens a deal in the first stage, noting it on its contact's (or company's) timeline.
    pub async fn create_deal(
        &self,
        team_id: i64,
        owner_id: i64,
        deal: &NewDeal<'_>,
        first: &Stage,
        now: i64,
    ) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO deals (team_id, owner_id, contact_id, company_id, title, amount_minor, \
             currency, stage_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(team_id)
        .bind(owner_id)
        .bind(deal.contact_id)
        .bind(deal.company_id)
        .bind(deal.title)
        .bind(deal.amount_minor)
        .bind(deal.currency)
        .bind(first.id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        visit(&mut tx, id, first.id).await?;
        insert_deal_history(
            &mut tx,
            (id, deal.contact_id, deal.company_id),
            owner_id,
            HistoryKind::DealOpened,
            deal.title,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn deal(&self, id: i64) -> sqlx::Result<Option<Deal>> {
        let sql = format!("SELECT {DEAL_COLUMNS} {DEAL_JOINS} WHERE d.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(deal_from_row)
            .transpose()
    }

    /// How many open deals `owner_id` has at each stage and in each currency, with the sum of
    /// their amounts, and how many of them have no next action planned after `now`: `/deals`
    /// sums every open deal of the member in the database, however many there are.
    pub async fn open_deal_totals(
        &self,
        team_id: i64,
        owner_id: i64,
        now: i64,
    ) -> sqlx::Result<Vec<OpenDealTotal>> {
        sqlx::query(
            "SELECT stage_id, currency, COUNT(*) AS deals, \
             CAST(SUM(amount_minor) AS BIGINT) AS amount, CAST(SUM(CASE WHEN \
             next_action_at IS NULL OR next_action_at <= $3 THEN 1 ELSE 0 END) AS BIGINT) \
             AS unplanned FROM deals WHERE team_id = $1 AND owner_id = $2 AND closed_at IS NULL \
             GROUP BY stage_id, currency",
        )
        .bind(team_id)
        .bind(owner_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(OpenDealTotal {
                stage_id: row.try_get("stage_id")?,
                currency: row.try_get("currency")?,
                deals: row.try_get("deals")?,
                amount_minor: row.try_get("amount")?,
                unplanned: row.try_get("unplanned")?,
            })
        })
        .collect()
    }

    /// One page of `owner_id`'s open deals, by stage and then by age.
    pub async fn open_deals_page(
        &self,
        team_id: i64,
        owner_id: i64,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<Deal>> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} {DEAL_JOINS} WHERE d.team_id = $1 \
             AND d.owner_id = $2 AND d.closed_at IS NULL \
             ORDER BY s.position, d.created_at, d.id LIMIT $3 OFFSET $4"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .bind(owner_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(deal_from_row)
            .collect()
    }

    /// The open deals of one contact that `viewer` may open (`None`: the owner and leads see
    /// all), by stage, through the contact's index however many deals the team has.
    pub async fn contact_open_deals(
        &self,
        contact_id: i64,
        viewer: Option<i64>,
    ) -> sqlx::Result<Vec<Deal>> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} {DEAL_JOINS} WHERE d.contact_id = $1 \
             AND ($2 IS NULL OR d.owner_id = $2) AND d.closed_at IS NULL \
             ORDER BY s.position, d.created_at"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(contact_id)
            .bind(viewer)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(deal_from_row)
            .collect()
    }

    /// The company's open deals that `viewer` may see (`None`: all): its own, and those of its
    /// contacts that name no company.
    pub async fn company_open_deals(
        &self,
        company_id: i64,
        viewer: Option<i64>,
    ) -> sqlx::Result<Vec<Deal>> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} {DEAL_JOINS} WHERE (d.company_id = $1 \
             OR (d.company_id IS NULL AND d.contact_id IN \
                 (SELECT contact_id FROM company_contacts WHERE company_id = $1))) \
             AND ($2 IS NULL OR d.owner_id = $2) AND d.closed_at IS NULL \
             ORDER BY s.position, d.created_at"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(company_id)
            .bind(viewer)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(deal_from_row)
            .collect()
    }

    /// Moves a deal to `to`, closing it on a won or lost stage, with a timeline entry saying
    /// "from → to". Winning converts the deal's contact into a client and plans `survey`, the
    /// client's feedback survey. One transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn move_deal(
        &self,
        deal: &Deal,
        to: &Stage,
        lost_reason: Option<&str>,
        actor: i64,
        note: &str,
        survey: Option<&NewJob>,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let closes = to.outcome != StageOutcome::Open;
        // A won or lost deal has no next action: its open tasks close with it.
        sqlx::query(
            "UPDATE deals SET stage_id = $1, closed_at = $2, lost_reason = $3, updated_at = $4, \
             next_action = CASE WHEN $2 IS NULL THEN next_action END, \
             next_action_at = CASE WHEN $2 IS NULL THEN next_action_at END WHERE id = $5",
        )
        .bind(to.id)
        .bind(closes.then_some(now))
        .bind(lost_reason)
        .bind(now)
        .bind(deal.id)
        .execute(&mut *tx)
        .await?;
        visit(&mut tx, deal.id, to.id).await?;
        if closes {
            close_deal_tasks(&mut tx, deal.id, now).await?;
        }
        insert_deal_history(
            &mut tx,
            deal.subject(),
            actor,
            HistoryKind::StageChanged,
            note,
            now,
        )
        .await?;
        if let (StageOutcome::Won, Some((contact_id, _))) = (to.outcome, &deal.contact) {
            let converted = sqlx::query(
                "UPDATE contacts SET converted_at = $1 WHERE id = $2 AND converted_at IS NULL",
            )
            .bind(now)
            .bind(contact_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if converted == 1 {
                insert_deal_history(
                    &mut tx,
                    (deal.id, Some(*contact_id), None),
                    actor,
                    HistoryKind::Converted,
                    &deal.title,
                    now,
                )
                .await?;
            }
        }
        if let Some(survey) = survey {
            insert_job(&mut tx, survey).await?;
        }
        tx.commit().await
    }

    /// The stages a deal has been at, by id.
    pub async fn visited_stages(&self, deal_id: i64) -> sqlx::Result<Vec<i64>> {
        sqlx::query("SELECT stage_id FROM deal_visits WHERE deal_id = $1")
            .bind(deal_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| row.try_get("stage_id"))
            .collect()
    }

    /// Opens a won or lost deal again at the open stage `to`, with a timeline entry. The deal
    /// forgets its visit to the closing stage, so the funnel and the reports count it as open
    /// and not won or lost. One transaction; `false` if it was not closed any more.
    pub async fn reopen_deal(
        &self,
        deal: &Deal,
        to: &Stage,
        actor: i64,
        note: &str,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let reopened = sqlx::query(
            "UPDATE deals SET stage_id = $1, closed_at = NULL, lost_reason = NULL, \
             updated_at = $2 WHERE id = $3 AND stage_id = $4 AND closed_at IS NOT NULL",
        )
        .bind(to.id)
        .bind(now)
        .bind(deal.id)
        .bind(deal.stage.id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !reopened {
            return Ok(false);
        }
        sqlx::query("DELETE FROM deal_visits WHERE deal_id = $1 AND stage_id = $2")
            .bind(deal.id)
            .bind(deal.stage.id)
            .execute(&mut *tx)
            .await?;
        visit(&mut tx, deal.id, to.id).await?;
        insert_deal_history(
            &mut tx,
            deal.subject(),
            actor,
            HistoryKind::DealReopened,
            note,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Makes `task` the deal's one next action, in one transaction: the deal's open tasks are
    /// closed (their reminders then send nothing) and, when one was replaced, `replaced_note`
    /// goes on the timeline.
    pub async fn replace_next_action(
        &self,
        deal: &Deal,
        task: &NewTask<'_>,
        replaced_note: &str,
        actor: i64,
        now: i64,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let closed = close_deal_tasks(&mut tx, deal.id, now).await?;
        if closed > 0 {
            insert_deal_history(
                &mut tx,
                deal.subject(),
                actor,
                HistoryKind::DealEdited,
                replaced_note,
                now,
            )
            .await?;
        }
        sqlx::query(
            "UPDATE deals SET next_action = $1, next_action_at = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(task.text)
        .bind(task.due_at)
        .bind(now)
        .bind(deal.id)
        .execute(&mut *tx)
        .await?;
        insert_task(&mut tx, task, now).await?;
        tx.commit().await
    }

    /// Marks a lead as a client by hand; `false` if it already was one.
    pub async fn convert_contact(
        &self,
        contact_id: i64,
        actor: i64,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let converted = sqlx::query(
            "UPDATE contacts SET converted_at = $1 WHERE id = $2 AND converted_at IS NULL",
        )
        .bind(now)
        .bind(contact_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if converted {
            sqlx::query(
                "INSERT INTO history (contact_id, author_id, kind, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(contact_id)
            .bind(actor)
            .bind(HistoryKind::Converted.as_str())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            super::dormancy::after_history(&mut tx, contact_id, HistoryKind::Converted, now)
                .await?;
        }
        tx.commit().await?;
        Ok(converted)
    }

    /// When the contact became a client, if it has.
    pub async fn converted_at(&self, contact_id: i64) -> sqlx::Result<Option<i64>> {
        sqlx::query("SELECT converted_at FROM contacts WHERE id = $1")
            .bind(contact_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("converted_at")
    }

    /// Deals opened in `[from, to)` for the funnel (of `owner` only, when given).
    pub async fn funnel_deals(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<FunnelDeal>> {
        sqlx::query(
            "SELECT d.stage_id, d.amount_minor, d.currency, \
             (SELECT MAX(s.position) FROM deal_visits v JOIN stages s ON s.id = v.stage_id \
              WHERE v.deal_id = d.id AND s.removed_at IS NULL AND s.outcome <> 'lost') \
             AS max_position \
             FROM deals d WHERE d.team_id = $1 AND ($2 IS NULL OR d.owner_id = $2) \
             AND d.created_at >= $3 AND d.created_at < $4",
        )
        .bind(team_id)
        .bind(owner)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(FunnelDeal {
                stage_id: row.try_get("stage_id")?,
                // A deal whose every visited stage was removed counts at none.
                max_position: row.try_get::<Option<i64>, _>("max_position")?.unwrap_or(-1),
                amount_minor: row.try_get("amount_minor")?,
                currency: row.try_get("currency")?,
            })
        })
        .collect()
    }

    /// Writes one deal field (the amount as minor units and currency code) and notes the
    /// change on the deal's contact or company timeline, in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn edit_deal(
        &self,
        deal: &Deal,
        column: DealColumn,
        text: Option<&str>,
        amount: Option<(i64, &str)>,
        actor: i64,
        note: &str,
        now: i64,
        jobs: &[NewJob],
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let sql = match column {
            DealColumn::Title => "UPDATE deals SET title = $1, updated_at = $2 WHERE id = $3",
            DealColumn::ExpectedClose => {
                "UPDATE deals SET expected_close = $1, updated_at = $2 WHERE id = $3"
            }
            DealColumn::Comment => "UPDATE deals SET comment = $1, updated_at = $2 WHERE id = $3",
            DealColumn::Amount => {
                "UPDATE deals SET amount_minor = $1, currency = $2, updated_at = $3 WHERE id = $4"
            }
        };
        let query = match column {
            DealColumn::Amount => sqlx::query(sql)
                .bind(amount.map(|(minor, _)| minor))
                .bind(amount.map(|(_, currency)| currency)),
            _ => sqlx::query(sql).bind(text),
        };
        query.bind(now).bind(deal.id).execute(&mut *tx).await?;
        insert_deal_history(
            &mut tx,
            deal.subject(),
            actor,
            HistoryKind::DealEdited,
            note,
            now,
        )
        .await?;
        for job in jobs {
            insert_job(&mut tx, job).await?;
        }
        tx.commit().await
    }
}
