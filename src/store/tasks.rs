//! Tasks (reminders) and the job queue: every message due later is a job row before it is
//! due, claimed with a lease, and marked sent together with the sent message's id.

use super::Store;
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
}

/// A job whose moment has come, claimed by this instance.
#[derive(Debug, Clone)]
pub struct DueJob {
    pub id: i64,
    pub chat_id: i64,
    pub task_id: Option<i64>,
    pub due_at: i64,
}

/// How long a claimed job is reserved for the instance sending it.
const LEASE_SECONDS: i64 = 60;

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
    })
}

const TASK_COLUMNS: &str = "id, team_id, owner_id, contact_id, deal_id, text, due_at, done_at";

async fn insert_reminder_job(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chat_id: i64,
    task_id: i64,
    due_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO jobs (kind, chat_id, task_id, due_at) VALUES ('reminder', $1, $2, $3)",
    )
    .bind(chat_id)
    .bind(task_id)
    .bind(due_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
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

impl Store {
    /// Stores a task and the job that reminds its owner at its due time, together.
    pub async fn create_task(&self, task: &NewTask<'_>, now: i64) -> sqlx::Result<i64> {
        let NewTask {
            team_id,
            owner_id,
            contact_id,
            deal_id,
            text,
            due_at,
        } = *task;
        let mut tx = self.pool.begin().await?;
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
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        insert_reminder_job(&mut tx, owner_id, id, due_at).await?;
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

    /// The member's open tasks due before `until`, earliest (so overdue) first.
    pub async fn open_tasks(&self, owner_id: i64, until: i64) -> sqlx::Result<Vec<Task>> {
        let sql = format!(
            "SELECT {TASK_COLUMNS} FROM tasks WHERE owner_id = $1 AND done_at IS NULL \
             AND due_at < $2 ORDER BY due_at, id LIMIT 1000"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner_id)
            .bind(until)
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
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Moves a task to `due_at` and schedules its reminder again.
    pub async fn snooze_task(&self, task: &Task, due_at: i64) -> sqlx::Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE tasks SET due_at = $1 WHERE id = $2")
            .bind(due_at)
            .bind(task.id)
            .execute(&mut *tx)
            .await?;
        insert_reminder_job(&mut tx, task.owner_id, task.id, due_at).await?;
        tx.commit().await
    }

    /// Claims up to `limit` jobs due by `now` for `instance`: pending ones, and ones whose
    /// lease ran out (their sender died). PostgreSQL skips rows another instance is claiming;
    /// SQLite has a single writer.
    pub async fn claim_due_jobs(
        &self,
        instance: &str,
        now: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<DueJob>> {
        let sql = if self.is_sqlite {
            "UPDATE jobs SET status = 'sending', lease_owner = $1, lease_until = $2, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs \
             WHERE due_at <= $3 AND (status = 'pending' OR (status = 'sending' AND lease_until < $3)) \
             ORDER BY due_at, id LIMIT $4) RETURNING id, chat_id, task_id, due_at"
        } else {
            "UPDATE jobs SET status = 'sending', lease_owner = $1, lease_until = $2, \
             attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs \
             WHERE due_at <= $3 AND (status = 'pending' OR (status = 'sending' AND lease_until < $3)) \
             ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
             RETURNING id, chat_id, task_id, due_at"
        };
        sqlx::query(sql)
            .bind(instance)
            .bind(now + LEASE_SECONDS)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(DueJob {
                    id: row.try_get("id")?,
                    chat_id: row.try_get("chat_id")?,
                    task_id: row.try_get("task_id")?,
                    due_at: row.try_get("due_at")?,
                })
            })
            .collect()
    }

    /// Marks a claimed job sent with the message that delivered it (or `None` when there was
    /// nothing to send any more, e.g. the task was done meanwhile).
    pub async fn finish_job(
        &self,
        id: i64,
        instance: &str,
        message_id: Option<i64>,
        now: i64,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE jobs SET status = 'sent', sent_message_id = $1, sent_at = $2 \
             WHERE id = $3 AND lease_owner = $4",
        )
        .bind(message_id)
        .bind(now)
        .bind(id)
        .bind(instance)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Gives up on a job Telegram refused for good (the user blocked the bot).
    pub async fn fail_job(&self, id: i64, now: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE jobs SET status = 'failed', sent_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
