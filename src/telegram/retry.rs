//! Telegram requests tried again: after a 429 as long as Telegram asks, after network and
//! server failures with a growing pause; client errors are final.

use std::future::Future;
use std::time::Duration;
use teloxide::{ApiError, RequestError};

/// How often a request is tried before a network failure, a server error or a 429 is given up on.
const ATTEMPTS: u32 = 5;

/// How Telegram's client errors (4xx) begin; its server errors (5xx) are named otherwise
/// ("Bad Gateway", "Internal Server Error", "Service Unavailable").
const CLIENT_ERROR_CLASSES: &[&str] = &[
    "Bad Request",
    "Unauthorized",
    "Forbidden",
    "Not Found",
    "Conflict",
    "Too Many Requests",
];

/// Calls `request` until it succeeds, waiting as long as Telegram asks after a 429 and backing
/// off after network and server failures. Other errors are returned at once.
pub async fn with_retry<T, F, Fut>(what: &str, mut request: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 1;
    loop {
        let error = match request().await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let wait = match &error {
            RequestError::RetryAfter(seconds) => seconds.duration(),
            error if is_transient(error) => Duration::from_millis(250 << attempt),
            _ => return Err(error),
        };
        if attempt >= ATTEMPTS {
            return Err(error);
        }
        tracing::warn!(
            what,
            attempt,
            ?wait,
            "Telegram request failed: {error}; retrying"
        );
        tokio::time::sleep(wait).await;
        attempt += 1;
    }
}

/// Whether trying again may succeed: the network failed, or Telegram had a server error (5xx).
/// teloxide drops the status code of a Bot API error, so a 5xx arrives as an unknown error named
/// "Bad Gateway" or the like; an unknown error is a client error only when its description says
/// so, and none of teloxide's known errors is a 5xx.
pub(super) fn is_transient(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        RequestError::Api(ApiError::Unknown(description)) => !CLIENT_ERROR_CLASSES
            .iter()
            .any(|class| description.starts_with(class)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use teloxide::prelude::*;

    /// The error teloxide makes of a Bot API error with this description.
    fn api_error(description: &str) -> RequestError {
        RequestError::Api(serde_json::from_value(description.into()).unwrap())
    }

    #[test]
    fn server_errors_are_transient() {
        for description in [
            "Internal Server Error",
            "Bad Gateway",
            "Service Unavailable",
            "Gateway Timeout",
        ] {
            let error = api_error(description);
            assert!(matches!(error, RequestError::Api(ApiError::Unknown(_))));
            assert!(is_transient(&error), "{description}");
        }
    }

    #[test]
    fn client_errors_are_final() {
        for description in [
            "Bad Request: not enough rights to send text messages to the chat",
            "Forbidden: bot is not a member of the group chat",
            "Conflict: can't use getUpdates method while webhook is active",
            "Bad Request: chat not found",
            "Forbidden: bot was blocked by the user",
            "Unauthorized",
        ] {
            assert!(!is_transient(&api_error(description)), "{description}");
        }
        assert!(!is_transient(&RequestError::Api(
            ApiError::MessageNotModified
        )));
        assert!(!is_transient(&RequestError::MigrateToChatId(ChatId(-1))));
    }

    #[tokio::test]
    async fn a_server_error_is_retried_and_a_client_error_is_not() {
        let mut calls = 0;
        let sent = with_retry("test", || {
            calls += 1;
            let answer = if calls == 1 {
                Err(api_error("Bad Gateway"))
            } else {
                Ok(calls)
            };
            async move { answer }
        })
        .await;
        assert_eq!(sent.unwrap(), 2);

        let mut calls = 0;
        let refused: Result<(), _> = with_retry("test", || {
            calls += 1;
            async { Err(api_error("Bad Request: chat not found")) }
        })
        .await;
        assert!(matches!(
            refused,
            Err(RequestError::Api(ApiError::ChatNotFound))
        ));
        assert_eq!(calls, 1);
    }

    #[test]
    fn network_failures_are_transient() {
        let network = teloxide::net::default_reqwest_settings()
            .build()
            .unwrap()
            .get("not a url")
            .build()
            .unwrap_err();
        assert!(is_transient(&RequestError::Network(Arc::new(network))));
        let io = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(is_transient(&RequestError::Io(Arc::new(io))));
        let html = "<html>Bad Gateway</html>";
        let invalid = RequestError::InvalidJson {
            source: Arc::new(serde_json::from_str::<serde_json::Value>(html).unwrap_err()),
            raw: html.into(),
        };
        assert!(is_transient(&invalid));
    }
}
