//! The job queue: every message due later is a job row before it is due. A job is claimed with
//! a lease, sent, and marked sent together with the sent message's id; a lease that runs out
//! (its instance crashed) frees the job again. A dedup key makes planning a push twice a no-op.

use super::database::Store;
use sqlx::Row;

/// What a job sends, which decides its priority and how it is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// A task's reminder, to its owner.
    Reminder,
    /// A deal's expected close date is tomorrow.
    DealDueSoon,
    /// A deal's expected close date has passed and it is still open.
    DealOverdue,
    /// The morning list of a member's overdue and today's tasks.
    Digest,
    /// The team's daily summary, to its group chat.
    Summary,
    /// An appointment reminder, to the linked client.
    Appointment,
    /// An appointment reminder, to the manager who has it.
    AppointmentManager,
    /// A feedback survey to the linked client, the day after a won deal.
    SurveyAfterWin,
    /// A feedback survey to the linked client, after an appointment's time.
    SurveyAfterAppointment,
    /// A heads-up to the manager on a client's birthday.
    BirthdayManager,
    /// A greeting to a linked client who opted in.
    BirthdayClient,
    /// A dormant client proposed to its manager.
    Reactivation,
    /// One client's message of a mailing.
    Mailing,
    /// The delivery report to a mailing's author, once its messages are all done.
    MailingReport,
    /// A lead that came in by `POST /api/leads`, to whoever has it.
    NewLead,
}

impl JobKind {
    const ALL: [JobKind; 15] = [
        JobKind::Reminder,
        JobKind::DealDueSoon,
        JobKind::DealOverdue,
        JobKind::Digest,
        JobKind::Summary,
        JobKind::Appointment,
        JobKind::AppointmentManager,
        JobKind::SurveyAfterWin,
        JobKind::SurveyAfterAppointment,
        JobKind::BirthdayManager,
        JobKind::BirthdayClient,
        JobKind::Reactivation,
        JobKind::Mailing,
        JobKind::MailingReport,
        JobKind::NewLead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Reminder => "reminder",
            JobKind::DealDueSoon => "deal_due_soon",
            JobKind::DealOverdue => "deal_overdue",
            JobKind::Digest => "digest",
            JobKind::Summary => "summary",
            JobKind::Appointment => "appointment",
            JobKind::AppointmentManager => "appointment_manager",
            JobKind::SurveyAfterWin => "survey_after_win",
            JobKind::SurveyAfterAppointment => "survey_after_appointment",
            JobKind::BirthdayManager => "birthday_manager",
            JobKind::BirthdayClient => "birthday_client",
            JobKind::Reactivation => "reactivation",
            JobKind::Mailing => "mailing",
            JobKind::MailingReport => "mailing_report",
            JobKind::NewLead => "new_lead",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// When many jobs are due at once: deadlines and tasks first, then appointments, then
    /// birthdays and reactivation prompts (mailings come last).
    pub fn priority(self) -> i64 {
        match self {
            JobKind::Reminder
            | JobKind::DealDueSoon
            | JobKind::DealOverdue
            | JobKind::Digest
            | JobKind::Summary
            | JobKind::NewLead => 0,
            JobKind::Appointment
            | JobKind::AppointmentManager
            | JobKind::SurveyAfterWin
            | JobKind::SurveyAfterAppointment => 1,
            JobKind::BirthdayManager | JobKind::BirthdayClient | JobKind::Reactivation => 2,
            JobKind::Mailing | JobKind::MailingReport => 3,
        }
    }
}

/// A job to store. `chat_id` is where it goes when the recipient is fixed; pushes to a client
/// look the client's chat up when they are due (the client may link the bot later).
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: JobKind,
    pub chat_id: i64,
    pub due_at: i64,
    pub dedup_key: Option<String>,
    pub team_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub task_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub mailing_id: Option<i64>,
    pub payload: Option<String>,
}

impl NewJob {
    pub fn new(kind: JobKind, chat_id: i64, due_at: i64) -> Self {
        Self {
            kind,
            chat_id,
            due_at,
            dedup_key: None,
            team_id: None,
            contact_id: None,
            deal_id: None,
            task_id: None,
            appointment_id: None,
            mailing_id: None,
            payload: None,
        }
    }
}

/// A job whose moment has come, claimed by this instance.
#[derive(Debug, Clone)]
pub struct DueJob {
    pub id: i64,
    pub kind: Option<JobKind>,
    pub chat_id: i64,
    pub due_at: i64,
    pub team_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub task_id: Option<i64>,
    pub appointment_id: Option<i64>,
    pub mailing_id: Option<i64>,
    pub payload: Option<String>,
}

/// How long a claimed job is reserved for the instance sending it.
const LEASE_SECONDS: i64 = 60;

const DUE_JOB_COLUMNS: &str = "id, kind, chat_id, due_at, team_id, contact_id, deal_id, task_id, appointment_id, \
     mailing_id, payload";

fn due_job_from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<DueJob> {
    let kind: String = row.try_get("kind")?;
    Ok(DueJob {
        id: row.try_get("id")?,
        kind: JobKind::parse(&kind),
        chat_id: row.try_get("chat_id")?,
        due_at: row.try_get("due_at")?,
        team_id: row.try_get("team_id")?,
        contact_id: row.try_get("contact_id")?,
        deal_id: row.try_get("deal_id")?,
        task_id: row.try_get("task_id")?,
        appointment_id: row.try_get("appointment_id")?,
        mailing_id: row.try_get("mailing_id")?,
        payload: row.try_get("payload")?,
    })
}

/// Stores a job unless one with the same dedup key exists.
pub(super) async fn insert_job(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    job: &NewJob,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO jobs (kind, priority, chat_id, due_at, dedup_key, team_id, contact_id, \
         deal_id, task_id, appointment_id, mailing_id, payload) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
    )
    .bind(job.kind.as_str())
    .bind(job.kind.priority())
    .bind(job.chat_id)
    .bind(job.due_at)
    .bind(job.dedup_key.as_deref())
    .bind(job.team_id)
    .bind(job.contact_id)
    .bind(job.deal_id)
    .bind(job.task_id)
    .bind(job.appointment_id)
    .bind(job.mailing_id)
    .bind(job.payload.as_deref())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Jobs stored by one statement when a day is planned: thousands of birthdays would otherwise
/// cost a round trip each (12 values a row stays far below both databases' bind limits).
const PLAN_CHUNK: usize = 200;

/// Stores several jobs in one statement, skipping those already planned.
async fn insert_jobs(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    jobs: &[NewJob],
) -> sqlx::Result<()> {
    if jobs.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..jobs.len())
        .map(|row| {
            let first = row * 12;
            let values: Vec<String> = (1..=12).map(|i| format!("${}", first + i)).collect();
            format!("({})", values.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO jobs (kind, priority, chat_id, due_at, dedup_key, team_id, contact_id, \
         deal_id, task_id, appointment_id, mailing_id, payload) VALUES {} ON CONFLICT DO NOTHING",
        rows.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for job in jobs {
        query = query
            .bind(job.kind.as_str())
            .bind(job.kind.priority())
            .bind(job.chat_id)
            .bind(job.due_at)
            .bind(job.dedup_key.clone())
            .bind(job.team_id)
            .bind(job.contact_id)
            .bind(job.deal_id)
            .bind(job.task_id)
            .bind(job.appointment_id)
            .bind(job.mailing_id)
            .bind(job.payload.clone());
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Whose pushes for a day follow a zone that changed.
#[derive(Debug, Clone, Copy)]
pub enum DayPushesOf {
    /// A member's digests, birthday heads-ups and deal deadline notices.
    Member(i64),
    /// A contact's birthday greeting.
    Contact(i64),
    /// The greetings of a team's contacts that have no zone of their own.
    TeamClients(i64),
}

/// A push planned for a local hour of a day, not sent yet: the date it carries says which.
#[derive(Debug, Clone)]
pub struct PlannedDayPush {
    pub id: i64,
    pub kind: JobKind,
    pub payload: Option<String>,
}

impl Store {
    /// The pending pushes of `whose` that are planned for a local hour of a day.
    pub async fn pending_day_pushes(
        &self,
        whose: DayPushesOf,
    ) -> sqlx::Result<Vec<PlannedDayPush>> {
        let (sql, id) = match whose {
            DayPushesOf::Member(user_id) => (
                "SELECT id, kind, payload FROM jobs WHERE status = 'pending' AND chat_id = $1 \
                 AND kind IN ('digest', 'birthday_manager', 'deal_due_soon', 'deal_overdue')",
                user_id,
            ),
            DayPushesOf::Contact(contact_id) => (
                "SELECT id, kind, payload FROM jobs WHERE status = 'pending' \
                 AND contact_id = $1 AND kind = 'birthday_client'",
                contact_id,
            ),
            DayPushesOf::TeamClients(team_id) => (
                "SELECT j.id, j.kind, j.payload FROM jobs j \
                 JOIN contacts c ON c.id = j.contact_id \
                 WHERE j.status = 'pending' AND j.team_id = $1 \
                 AND j.kind = 'birthday_client' AND c.time_zone IS NULL",
                team_id,
            ),
        };
        let rows = sqlx::query(sql).bind(id).fetch_all(&self.pool).await?;
        let mut pushes = Vec::with_capacity(rows.len());
        for row in &rows {
            let kind: String = row.try_get("kind")?;
            // The query names the kinds; one it does not know cannot come back.
            if let Some(kind) = JobKind::parse(&kind) {
                pushes.push(PlannedDayPush {
                    id: row.try_get("id")?,
                    kind,
                    payload: row.try_get("payload")?,
                });
            }
        }
        Ok(pushes)
    }

    /// Moves pending jobs to new instants, `(id, due_at)`, in one transaction; a job claimed
    /// meanwhile is left as it is.
    pub async fn move_pending_jobs(&self, moves: &[(i64, i64)]) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for (id, due_at) in moves {
            sqlx::query("UPDATE jobs SET due_at = $1 WHERE id = $2 AND status = 'pending'")
                .bind(due_at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    /// Stores jobs (skipping ones already planned) and, with them, planning marks.
    pub async fn plan_jobs(&self, jobs: &[NewJob], marks: &[(&str, i64)]) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        for chunk in jobs.chunks(PLAN_CHUNK) {
            insert_jobs(&mut tx, chunk).await?;
        }
        for (name, value) in marks {
            sqlx::query(
                "INSERT INTO scheduler_marks (name, value) VALUES ($1, $2) \
                 ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            )
            .bind(name)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// A planning mark set with [`Store::plan_jobs`].
    pub async fn scheduler_mark(&self, name: &str) -> sqlx::Result<Option<i64>> {
        sqlx::query("SELECT value FROM scheduler_marks WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get("value"))
            .transpose()
    }

    /// Claims up to `limit` jobs due by `now` for `instance`, most urgent kinds first: pending
    /// ones, and ones whose lease ran out (their sender died). PostgreSQL skips rows another
    /// instance is claiming; SQLite has a single writer.
    pub async fn claim_due_jobs(
        &self,
        instance: &str,
        now: i64,
        limit: i64,
    ) -> sqlx::Result<Vec<DueJob>> {
        let lock = if self.is_sqlite {
            ""
        } else {
            "FOR UPDATE SKIP LOCKED"
        };
        // Jobs whose sender died first (rare), then pending ones in order: each a plain range
        // of an index, so a backlog of due jobs is not read and sorted on every tick.
        let filters = [
            "status = 'sending' AND lease_until < $3 ORDER BY lease_until",
            "status = 'pending' AND due_at <= $3 ORDER BY priority, due_at, id",
        ];
        let mut jobs = Vec::new();
        for filter in filters {
            let room = limit - jobs.len() as i64;
            if room <= 0 {
                break;
            }
            let sql = format!(
                "UPDATE jobs SET status = 'sending', lease_owner = $1, lease_until = $2, \
                 attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE {filter} \
                 LIMIT $4 {lock}) RETURNING {DUE_JOB_COLUMNS}"
            );
            let claimed = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(instance)
                .bind(now + LEASE_SECONDS)
                .bind(now)
                .bind(room)
                .fetch_all(&self.pool)
                .await?;
            for row in &claimed {
                jobs.push(due_job_from_row(row)?);
            }
        }
        // RETURNING does not keep the subquery's order.
        jobs.sort_by_key(|job| {
            (
                job.kind.map_or(i64::MAX, JobKind::priority),
                job.due_at,
                job.id,
            )
        });
        Ok(jobs)
    }

    /// Marks a claimed job sent with the message that delivered it (or skipped, `None`, when
    /// there was nothing to send any more, e.g. the task was done meanwhile), and stores the job that
    /// follows it (the next daily summary) in the same transaction.
    pub async fn finish_job(
        &self,
        id: i64,
        instance: &str,
        message_id: Option<i64>,
        now: i64,
        then: Option<&NewJob>,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        // A job with nothing left to say is kept as skipped, so "sent" means sent.
        let status = if message_id.is_some() {
            "sent"
        } else {
            "skipped"
        };
        let finished = sqlx::query(
            "UPDATE jobs SET status = $5, sent_message_id = $1, sent_at = $2 \
             WHERE id = $3 AND lease_owner = $4 AND status = 'sending'",
        )
        .bind(message_id)
        .bind(now)
        .bind(id)
        .bind(instance)
        .bind(status)
        .execute(&mut *tx)
        .await?;
        if finished.rows_affected() == 1
            && let Some(next) = then
        {
            insert_job(&mut tx, next).await?;
        }
        tx.commit().await
    }

    /// Puts a claimed job back to wait until `until` (a client's quiet hours).
    pub async fn postpone_job(&self, id: i64, until: i64) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE jobs SET status = 'pending', due_at = $1, lease_owner = NULL, \
             lease_until = NULL WHERE id = $2",
        )
        .bind(until)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Hands a claimed job back untouched, for the next tick (its chat is at its rate limit).
    pub async fn release_job(&self, id: i64) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL, \
             attempts = attempts - 1 WHERE id = $1",
        )
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Hands back every job `instance` still holds (one whose send failed and waits for its
    /// lease to run out), when the instance stops: another takes them at once.
    pub async fn release_leases(&self, instance: &str) -> sqlx::Result<u64> {
        let released = sqlx::query(
            "UPDATE jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL \
             WHERE lease_owner = $1 AND status = 'sending'",
        )
        .bind(instance)
        .execute(&self.writer)
        .await?;
        Ok(released.rows_affected())
    }

    /// Gives up on a job Telegram refused for good (the user blocked the bot).
    pub async fn fail_job(&self, id: i64, now: i64) -> sqlx::Result<()> {
        sqlx::query("UPDATE jobs SET status = 'failed', sent_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

/// Cancels a team's pending jobs of a kind (the summary, when its schedule changes), freeing
/// their keys for the jobs that replace them.
pub(super) async fn cancel_team_jobs(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    kind: JobKind,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET status = 'cancelled', dedup_key = NULL WHERE team_id = $1 \
         AND kind = $2 AND status = 'pending'",
    )
    .bind(team_id)
    .bind(kind.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
