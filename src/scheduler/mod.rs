//! The scheduler's tick, shared by the Telegram bot and the terminal demo: plan what will be
//! due, claim what is due (most urgent first), and for each job send its message within
//! Telegram's limits and record it — or skip it, hold it for a client's morning, or hand it
//! back for later when its chat is at its rate limit.

pub mod client_messages;
mod lead_message;
pub mod messages;
pub mod pacing;
mod plan;
pub mod planning;
mod summary;
pub mod surveys;

pub use plan::{Conversations, JobPlan};
pub use summary::summary_text;

use crate::chat::{Core, Outgoing};
use crate::store::{DueJob, JobKind};
use pacing::Pacer;
use std::time::Instant;

/// How many due jobs one tick claims.
const CLAIM_BATCH: i64 = 50;

/// Why a message could not be sent.
#[derive(Debug)]
pub enum SendFailure {
    /// The chat blocked the bot or is gone: never retried.
    Unreachable,
    /// Anything else: the job's lease runs out and it is tried again.
    Transient(String),
}

/// Where due messages go: Telegram, or the demo's terminal.
pub trait Outbox {
    /// Sends `reply` and returns the id of the message it became.
    fn send(
        &mut self,
        reply: &Outgoing,
    ) -> impl Future<Output = Result<Option<i64>, SendFailure>> + Send;
}

/// One pass: returns how many messages were sent.
#[tracing::instrument(skip(core, pacer, outbox), fields(claimed))]
pub async fn tick(
    core: &Core,
    instance: &str,
    pacer: &mut Pacer,
    outbox: &mut impl Outbox,
) -> anyhow::Result<usize> {
    let store = core.store();
    planning::plan_pushes(store, core.default_zone(), crate::clock::timestamp()).await?;
    core.forget_old_business_messages().await?;
    let jobs = store
        .claim_due_jobs(instance, crate::clock::timestamp(), CLAIM_BATCH)
        .await?;
    tracing::Span::current().record("claimed", jobs.len());
    let mut sent = 0;
    for job in jobs {
        if run_job(core, instance, pacer, outbox, &job).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Sends one claimed job's message and records how it went; whether it was sent.
#[tracing::instrument(
    name = "job",
    skip_all,
    fields(job = job.id, kind = job.kind.map(JobKind::as_str), chat = job.chat_id)
)]
async fn run_job(
    core: &Core,
    instance: &str,
    pacer: &mut Pacer,
    outbox: &mut impl Outbox,
    job: &DueJob,
) -> anyhow::Result<bool> {
    let store = core.store();
    let plan = messages::due_message(store, core, job, crate::clock::timestamp()).await?;
    let (reply, then, client, also) = match plan {
        JobPlan::Hold(until) => {
            store.postpone_job(job.id, until).await?;
            return Ok(false);
        }
        JobPlan::Skip { then } => {
            let now = crate::clock::timestamp();
            store
                .finish_job(job.id, instance, None, now, then.as_ref())
                .await?;
            return Ok(false);
        }
        JobPlan::Send {
            reply,
            then,
            client,
            also,
        } => (reply, then, client, also),
    };
    let chat_id = match &reply {
        Outgoing::Send { chat_id, .. } | Outgoing::Edit { chat_id, .. } => *chat_id,
        _ => job.chat_id,
    };
    let Some(wait) = pacer.reserve(chat_id, Instant::now()) else {
        store.release_job(job.id).await?;
        return Ok(false);
    };
    tokio::time::sleep(wait).await;
    let now = crate::clock::timestamp();
    match outbox.send(&reply).await {
        Ok(message_id) => {
            store
                .finish_job(job.id, instance, message_id, now, then.as_ref())
                .await?;
            // A picture after the text, best effort: the job is done either way.
            if let Some(also) = also {
                match pacer.reserve(chat_id, Instant::now()) {
                    Some(wait) => tokio::time::sleep(wait).await,
                    None => tokio::time::sleep(pacing::MAX_WAIT).await,
                }
                if let Err(error) = outbox.send(&also).await {
                    tracing::warn!("cannot send a job's picture: {error:?}");
                }
            }
            Ok(true)
        }
        Err(SendFailure::Unreachable) => {
            tracing::warn!(chat = chat_id, "chat unreachable; job given up");
            store.fail_job(job.id, now).await?;
            if let Some(contact_id) = client {
                store.mark_client_unreachable(contact_id, now).await?;
            }
            Ok(false)
        }
        Err(SendFailure::Transient(error)) => {
            tracing::warn!("sending a due job failed, will retry: {error}");
            Ok(false)
        }
    }
}
