//! The scheduler's tick, shared by the Telegram bot and the terminal demo: plan what will be
//! due, claim what is due (most urgent first), and for each job send its message within
//! Telegram's limits and record it — or skip it, hold it for a client's morning, or hand it
//! back for later when its chat is at its rate limit.

use crate::chat::{Core, JobPlan, Outgoing};
use crate::pacing::Pacer;
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
pub async fn tick(
    core: &Core,
    instance: &str,
    pacer: &mut Pacer,
    outbox: &mut impl Outbox,
) -> anyhow::Result<usize> {
    let store = core.store();
    core.plan_pushes(crate::clock::timestamp()).await?;
    let jobs = store
        .claim_due_jobs(instance, crate::clock::timestamp(), CLAIM_BATCH)
        .await?;
    let mut sent = 0;
    for job in jobs {
        let (reply, then, client, also) = match core.due_message(&job).await? {
            JobPlan::Hold(until) => {
                store.postpone_job(job.id, until).await?;
                continue;
            }
            JobPlan::Skip { then } => {
                let now = crate::clock::timestamp();
                store
                    .finish_job(job.id, instance, None, now, then.as_ref())
                    .await?;
                continue;
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
            continue;
        };
        tokio::time::sleep(wait).await;
        let now = crate::clock::timestamp();
        match outbox.send(&reply).await {
            Ok(message_id) => {
                store
                    .finish_job(job.id, instance, message_id, now, then.as_ref())
                    .await?;
                sent += 1;
                // A picture after the text, best effort: the job is done either way.
                if let Some(also) = also {
                    match pacer.reserve(chat_id, Instant::now()) {
                        Some(wait) => tokio::time::sleep(wait).await,
                        None => tokio::time::sleep(crate::pacing::MAX_WAIT).await,
                    }
                    if let Err(error) = outbox.send(&also).await {
                        tracing::warn!(job = job.id, "cannot send a job's picture: {error:?}");
                    }
                }
            }
            Err(SendFailure::Unreachable) => {
                tracing::warn!(
                    job = job.id,
                    chat = chat_id,
                    "chat unreachable; job given up"
                );
                store.fail_job(job.id, now).await?;
                if let Some(contact_id) = client {
                    store.mark_client_unreachable(contact_id, now).await?;
                }
            }
            Err(SendFailure::Transient(error)) => {
                tracing::warn!(
                    job = job.id,
                    "sending a due job failed, will retry: {error}"
                );
            }
        }
    }
    Ok(sent)
}
