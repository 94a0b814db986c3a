//! Long polling of our own: `getUpdates` read as raw JSON, so that every update is repaired
//! before teloxide reads it (see `updates.rs`); teloxide's poller would lose the ones it
//! misreads. The dispatcher is handed the updates and keeps each chat's in order.

use super::ALLOWED_UPDATES;
use super::updates::read_update;
use crate::shutdown::Shutdown;
use futures::stream::BoxStream;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use teloxide::Bot;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::Update;
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};

/// How long Telegram holds a poll open when there is nothing to hand out; below the Bot
/// client's own 17 s request timeout.
const POLL_SECONDS: u64 = 10;
/// The longest pause between polls after failures.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Feeds the dispatcher the updates of `getUpdates`, until `shutdown` or the dispatcher's own
/// stop: then hands out what it already fetched, confirms it to Telegram and ends.
pub(super) struct Poller {
    bot: Bot,
    shutdown: Shutdown,
    stop_token: StopToken,
    stop_flag: StopFlag,
    /// The next update wanted: one past the last fetched.
    offset: i64,
    fetched: VecDeque<Update>,
    failures: u32,
    ended: bool,
}

/// Why a poll brought nothing.
struct Failed {
    reason: String,
    /// How long Telegram asked to wait (a 429).
    retry_after: Option<Duration>,
}

/// A Bot API answer.
#[derive(Deserialize)]
struct Answer {
    ok: bool,
    #[serde(default)]
    result: Vec<Value>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

impl Poller {
    /// Removes a webhook set before first: Telegram serves one or the other.
    pub(super) async fn start(bot: Bot, shutdown: Shutdown) -> Self {
        match super::webhook_url(&bot).await {
            Ok(Some(_)) => {
                if let Err(error) = super::delete_webhook(&bot).await {
                    tracing::error!("cannot remove the webhook: {error:#}");
                }
            }
            Ok(None) => {}
            Err(error) => tracing::error!("cannot read the webhook: {error:#}"),
        }
        let (stop_token, stop_flag) = mk_stop_token();
        Self {
            bot,
            shutdown,
            stop_token,
            stop_flag,
            offset: 0,
            fetched: VecDeque::new(),
            failures: 0,
            ended: false,
        }
    }

    /// The next update; `None` once stopped and what was fetched is handed out.
    async fn next(&mut self) -> Option<Update> {
        loop {
            if let Some(update) = self.fetched.pop_front() {
                return Some(update);
            }
            if self.ended {
                return None;
            }
            let polled = tokio::select! {
                biased;
                () = self.stopped() => None,
                polled = self.get_updates(POLL_SECONDS, None) => Some(polled),
            };
            match polled {
                // A poll in flight is dropped: what it would have brought comes next time.
                None => {
                    self.confirm().await;
                    self.ended = true;
                }
                Some(Ok(updates)) => {
                    self.failures = 0;
                    self.take(updates);
                }
                Some(Err(failed)) => self.back_off(failed).await,
            }
        }
    }

    /// Resolves once the process or the dispatcher asks to stop.
    async fn stopped(&self) {
        tokio::select! {
            () = self.shutdown.clone().wait() => {}
            () = self.stop_flag.clone() => {}
        }
    }

    /// Reads a batch: every update moves the offset past it, read or not, so that one
    /// unreadable update never holds up the others.
    fn take(&mut self, updates: Vec<Value>) {
        for raw in updates {
            if let Some(id) = raw["update_id"].as_i64() {
                self.offset = self.offset.max(id + 1);
            }
            match read_update(raw) {
                Ok(update) => self.fetched.push_back(update),
                Err(error) => tracing::warn!("skipped: {error}"),
            }
        }
    }

    /// Waits before the next poll: as long as Telegram asked, or longer after every failure
    /// in a row; cut short by a stop.
    async fn back_off(&mut self, failed: Failed) {
        let wait = failed.retry_after.unwrap_or_else(|| {
            let wait = Duration::from_millis(500).saturating_mul(1 << self.failures.min(6));
            self.failures += 1;
            wait.min(MAX_BACKOFF)
        });
        tracing::warn!(
            ?wait,
            "cannot get updates: {}; polling again",
            failed.reason
        );
        tokio::select! {
            () = self.stopped() => {}
            () = tokio::time::sleep(wait) => {}
        }
    }

    /// Tells Telegram the updates handed out are taken, so that a restart does not get them
    /// again.
    async fn confirm(&self) {
        if self.offset == 0 {
            return;
        }
        if let Err(failed) = self.get_updates(0, Some(1)).await {
            tracing::warn!(
                "cannot confirm the last updates, they may come again: {}",
                failed.reason
            );
        }
    }

    async fn get_updates(&self, timeout: u64, limit: Option<u8>) -> Result<Vec<Value>, Failed> {
        let mut url = self.bot.api_url();
        url.path_segments_mut()
            .map_err(|()| failed("the API URL cannot take a path"))?
            .push(&format!("bot{}", self.bot.token()))
            .push("getUpdates");
        let mut request = json!({
            "offset": self.offset, "timeout": timeout, "allowed_updates": ALLOWED_UPDATES,
        });
        if let Some(limit) = limit {
            request["limit"] = json!(limit);
        }
        let response = self
            .bot
            .client()
            .post(url)
            .header("content-type", "application/json")
            .body(request.to_string())
            .send()
            .await
            .map_err(|error| network(error.without_url()))?;
        let body = response
            .bytes()
            .await
            .map_err(|error| network(error.without_url()))?;
        let answer: Answer = serde_json::from_slice(&body)
            .map_err(|error| failed(format!("not a Bot API answer: {error}")))?;
        if answer.ok {
            return Ok(answer.result);
        }
        Err(Failed {
            reason: answer.description.unwrap_or_default(),
            retry_after: answer
                .parameters
                .and_then(|parameters| parameters.retry_after)
                .map(Duration::from_secs),
        })
    }
}

fn failed(reason: impl Into<String>) -> Failed {
    Failed {
        reason: reason.into(),
        retry_after: None,
    }
}

/// A failed request with its causes (its URL, which holds the bot's token, left out).
fn network(error: impl std::error::Error) -> Failed {
    let mut reason = format!("network: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        reason = format!("{reason}: {cause}");
        source = cause.source();
    }
    failed(reason)
}

impl UpdateListener for Poller {
    type Err = Infallible;

    fn stop_token(&mut self) -> StopToken {
        self.stop_token.clone()
    }
}

impl<'a> AsUpdateStream<'a> for Poller {
    type StreamErr = Infallible;
    type Stream = BoxStream<'a, Result<Update, Infallible>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        Box::pin(futures::stream::unfold(self, |poller| async move {
            let update = poller.next().await?;
            Some((Ok(update), poller))
        }))
    }
}
