//! Telegram's webhook: updates pushed by POST to the path of `CHATCRM_WEBHOOK_URL`, each with
//! the shared secret in `X-Telegram-Bot-Api-Secret-Token` (401 without it).
//!
//! An update is handled before it is answered, not stored and answered at once: Telegram
//! keeps what it was not told was done and delivers it again, so a crash mid-update loses
//! nothing and no update queue of our own is needed. Every update's id is claimed in the
//! database first (see `store::webhook_updates`), so a redelivered one — its answer was lost,
//! or it reached another instance — is answered at once and not applied twice; one still being
//! handled elsewhere gets 503 and comes back later.

use crate::chat::Core;
use crate::store::UpdateClaim;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::Value;
use std::sync::Arc;
use teloxide::Bot;
use teloxide::types::Update;
use tokio_util::task::TaskTracker;

/// The header Telegram repeats the secret in.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// The secret every instance shares with Telegram: 1 to 256 of `A-Z a-z 0-9 _ -`, as Telegram
/// requires.
#[derive(Clone)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if text.is_empty() || text.len() > 256 || !text.chars().all(allowed) {
            return Err("the webhook secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -");
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Compared in constant time, so that timing tells nothing of the secret.
    fn matches(&self, given: &[u8]) -> bool {
        let expected = self.0.as_bytes();
        given.len() == expected.len()
            && given
                .iter()
                .zip(expected)
                .fold(0, |differ, (a, b)| differ | (a ^ b))
                == 0
    }
}

/// The webhook this instance serves.
pub struct Webhook {
    pub bot: Bot,
    /// The path of the webhook's URL, e.g. `/telegram`.
    pub path: String,
    pub secret: WebhookSecret,
    /// This instance, in update claims.
    pub instance: String,
}

struct Hook {
    core: Arc<Core>,
    webhook: Webhook,
    in_flight: TaskTracker,
}

pub fn routes(core: Arc<Core>, webhook: Webhook, in_flight: TaskTracker) -> Router {
    let path = webhook.path.clone();
    let hook = Arc::new(Hook {
        core,
        webhook,
        in_flight,
    });
    Router::new().route(&path, post(on_update)).with_state(hook)
}

async fn on_update(State(hook): State<Arc<Hook>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER).map(|value| value.as_bytes());
    if !given.is_some_and(|given| hook.webhook.secret.matches(given)) {
        return StatusCode::UNAUTHORIZED;
    }
    let raw: Value = match serde_json::from_slice(&body) {
        Ok(raw) => raw,
        Err(error) => {
            tracing::warn!("an unreadable update was pushed: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    let update = match crate::telegram::read_update(raw) {
        Ok(update) => update,
        // Telegram's, but unreadable: skipped, lest Telegram push it again and again.
        Err(error) if error.update_id().is_some() => {
            tracing::warn!("skipped: {error}");
            return StatusCode::OK;
        }
        Err(error) => {
            tracing::warn!("a pushed update has no id: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    // The handling runs in a task of its own: should Telegram drop the request, the update
    // is still handled to the end, and shutdown waits for it.
    let handled = hook.in_flight.spawn(handle(hook.clone(), update));
    match handled.await {
        Ok(status) => status,
        Err(error) => {
            tracing::error!("handling an update failed: {error}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

async fn handle(hook: Arc<Hook>, update: Update) -> StatusCode {
    let store = hook.core.store();
    let update_id = i64::from(update.id.0);
    let claim = store
        .claim_update(update_id, &hook.webhook.instance, real_now())
        .await;
    match claim {
        Ok(UpdateClaim::Claimed) => {}
        Ok(UpdateClaim::Done) => return StatusCode::OK,
        Ok(UpdateClaim::Busy) => return StatusCode::SERVICE_UNAVAILABLE,
        Err(error) => {
            tracing::error!("cannot claim update {update_id}: {error}");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    }
    crate::telegram::handle_update(&hook.webhook.bot, &hook.core, update).await;
    if let Err(error) = store.finish_update(update_id, real_now()).await {
        // Handled all the same, and Telegram is told so: it will not come again.
        tracing::error!("cannot mark update {update_id} handled: {error}");
    }
    StatusCode::OK
}

/// Unix seconds of the real clock: leases bound real handling time, whatever the demo clock.
fn real_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_what_telegram_accepts() {
        assert!(WebhookSecret::parse("s3cret_-X").is_ok());
        assert!(WebhookSecret::parse("").is_err());
        assert!(WebhookSecret::parse("has space").is_err());
        assert!(WebhookSecret::parse("пароль").is_err());
        assert!(WebhookSecret::parse(&"a".repeat(257)).is_err());
    }

    #[test]
    fn only_the_exact_secret_matches() {
        let secret = WebhookSecret::parse("abc").unwrap();
        assert!(secret.matches(b"abc"));
        assert!(!secret.matches(b"abd"));
        assert!(!secret.matches(b"ab"));
        assert!(!secret.matches(b"abcd"));
    }
}
