//! The scheduler's loop over the Bot API: a tick every half second, its messages sent
//! through the pacer.

use super::deliver::deliver_one;
use crate::chat::{Core, Outgoing};
use crate::scheduler::SendFailure;
use crate::scheduler::pacing::Pacer;
use crate::shutdown::Shutdown;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::{ApiError, RequestError};

/// How often the scheduler looks for due jobs (real time).
const SCHEDULER_PERIOD: Duration = Duration::from_millis(500);

/// Due messages go out through the Bot API.
pub struct TelegramOutbox {
    bot: Bot,
}

impl TelegramOutbox {
    pub fn new(bot: Bot) -> Self {
        Self { bot }
    }
}

/// Sends what is due (see [`crate::scheduler::tick`]) until `shutdown`: then finishes the
/// tick under way and hands back the jobs `instance` still holds, for the other instances.
pub async fn run_scheduler(bot: Bot, core: Arc<Core>, instance: String, shutdown: Shutdown) {
    let mut pacer = Pacer::new();
    let mut outbox = TelegramOutbox::new(bot);
    while !shutdown.is_set() {
        if let Err(error) = crate::scheduler::tick(&core, &instance, &mut pacer, &mut outbox).await
        {
            tracing::error!("scheduler tick failed: {error:#}");
        }
        tokio::select! {
            _ = tokio::time::sleep(SCHEDULER_PERIOD) => {}
            _ = shutdown.clone().wait() => {}
        }
    }
    match core.store().release_leases(&instance).await {
        Ok(released) => tracing::info!(released, "scheduler stopped; its job leases released"),
        Err(error) => tracing::error!("cannot release the scheduler's job leases: {error}"),
    }
}

impl crate::scheduler::Outbox for TelegramOutbox {
    async fn send(&mut self, reply: &Outgoing) -> Result<Option<i64>, SendFailure> {
        deliver_one(&self.bot, reply)
            .await
            .map_err(|error| match error {
                RequestError::Api(
                    ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::ChatNotFound,
                ) => SendFailure::Unreachable,
                other => SendFailure::Transient(other.to_string()),
            })
    }
}
