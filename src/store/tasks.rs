//! Tasks (reminders): each is stored together with the job that reminds its owner.

use super::database::Store;
use super::jobs::{JobKind, NewJob, insert_job};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Task {
    pub id: i64,
    pub team_id: i64,
    pub owner_id: i64,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub text: String,
    pub due_at: i64,
    pub done_at: Option<i64>,
    /// The name of the contact it is about, if any.
    pub contact_name: Option<String>,
    /// The title of the deal it is about, if any.
    pub deal_title: Option<String>,
}

fn task_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Task> {
    Ok(Task {
        id: row.try_get("id")?,
        team_id: row.try_get("team_id")?,
        owner_id: row.try_get("owner_id")?,
        contact_id: row.try_get("contact_id")?,
        deal_id: row.try_get("deal_id")?,
        text: row.try_get("text")?,
        due_at: row.try_get("due_at")?,
        done_at: row.try_get("done_at")?,
        contact_name: row.try_get("contact_name")?,
        deal_title: row.try_get("deal_title")?,
    })
}

/// A task's columns, with the names of what it is about.
const TASK_COLUMNS: &str = "id, team_id, owner_id, contact_id, deal_id, text, due_at, done_at, \
     (SELECT c.name FROM contacts c WHERE c.id = tasks.contact_id) AS contact_name, \
     (SELECT d.title FROM deals d WHERE d.id = tasks.deal_id) AS deal_title";

pub(super) fn reminder_job(task_id: i64, chat_id: i64, due_at: i64) -> NewJob {
    NewJob {
        task_id: Some(task_id),
        ..NewJob::new(JobKind::Reminder, chat_id, due_at)
    }
}

/// A task to store: whose, about what, and when it is due.
pub struct NewTask<'a> {
    pub team_id: i64,
    pub owner_id: i64,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub text: &'a str,
    pub due_at: i64,
}

/// Inserts a task and the job that reminds its owner at its due time, in `tx`.
pub(super) async fn insert_task(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    task: &NewTask<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    let NewTask {
        team_id,
        owner_id,
        contact_id,
        deal_id,
        text,
        due_at,
    } = *task;
    let id: i64 = sqlx::query(
        "INSERT INTO tasks (team_id, owner_id, contact_id, deal_id, text, due_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(team_id)
    .bind(owner_id)
    .bind(contact_id)
    .bind(deal_id)
    .bind(text)
    .bind(due_at)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?
    .try_get("id")?;
    insert_job(tx, &reminder_job(id, owner_id, due_at)).await?;
    Ok(id)
}

/// Closes the open tasks of a deal (their reminders then find them done and send nothing);
/// how many were open.
pub(super) async fn close_deal_tasks(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    deal_id: i64,
    now: i64,
) -> sqlx::Result<u64> {
    Ok(
        sqlx::query("UPDATE tasks SET done_at = $1 WHERE deal_id = $2 AND done_at IS NULL")
            .bind(now)
            .bind(deal_id)
            .execute(&mut **tx)
            .await?
            .rows_affected(),
    )
}

impl Store {
    /// Stores a task and the job that reminds its owner at its due time, together.
    pub async fn create_task(&self, task: &NewTask<'_>, now: i64) -> sqlx::Result<i64> {
        let mut tx = self.begin().await?;
        let id = insert_task(&mut tx, task, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn task(&self, id: i64) -> sqlx::Result<Option<Task>> {
        let sql = format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(task_from_row)
            .transpose()
    }

    /// How many open tasks the member has due before `until`.
    pub async fn open_task_count(&self, owner_id: i64, until: i64) -> sqlx::Result<i64> {
        sqlx::query(
            "SELECT COUNT(*) AS n FROM tasks WHERE owner_id = $1 AND done_at IS NULL \
             AND due_at < $2",
        )
        .bind(owner_id)
        .bind(until)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")
    }

    /// One page of the member's open tasks due before `until`, earliest first.
    pub async fn open_tasks_page(
        &self,
        owner_id: i64,
        until: i64,
        offset: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<Task>> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE owner_id = $1 AND done_at IS NULL \
             AND due_at < $2 ORDER BY due_at, id LIMIT $3 OFFSET $4"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner_id)
            .bind(until)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(task_from_row)
            .collect()
    }

    pub async fn complete_task(&self, id: i64, now: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE tasks SET done_at = $1 WHERE id = $2 AND done_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Moves a task to `due_at`: its reminder still waiting is cancelled and a new one
    /// planned, together, so that it is never sent twice.
    pub async fn reschedule_task(&self, task: &Task, due_at: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE tasks SET due_at = $1 WHERE id = $2")
            .bind(due_at)
            .bind(task.id)
            .execute(&mut *tx)
            .await?;
        cancel_reminders(&mut tx, task.id).await?;
        insert_job(&mut tx, &reminder_job(task.id, task.owner_id, due_at)).await?;
        tx.commit().await
    }

    pub async fn set_task_text(&self, id: i64, text: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE tasks SET text = $1 WHERE id = $2")
            .bind(text)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Gives a task to another member: the reminder waiting goes to them instead (none when
    /// the task is overdue: they are told of it at once).
    pub async fn assign_task(&self, task: &Task, to: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE tasks SET owner_id = $1 WHERE id = $2")
            .bind(to)
            .bind(task.id)
            .execute(&mut *tx)
            .await?;
        cancel_reminders(&mut tx, task.id).await?;
        if task.due_at > now {
            insert_job(&mut tx, &reminder_job(task.id, to, task.due_at)).await?;
        }
        tx.commit().await
    }
}

/// Cancels the task's reminders not sent yet.
async fn cancel_reminders(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    task_id: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET status = 'cancelled', dedup_key = NULL WHERE task_id = $1 \
         AND kind = $2 AND status = 'pending'",
    )
    .bind(task_id)
    .bind(JobKind::Reminder.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
