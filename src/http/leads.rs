//! `POST /api/leads`: a lead from a web form or another system, authenticated by the team's
//! lead token, stored as a contact (or on the existing one) with the assignee told through
//! the job queue.
//!
//! ```text
//! curl -H 'Authorization: Bearer <token>' -H 'Content-Type: application/json' \
//!      -d '{"name": "Ivan", "phone": "+79991234567", "source": "site"}' …/api/leads
//! → 201 {"id": 7, "contact_id": 40, "duplicate_of": null}
//! ```

use crate::chat::Core;
use crate::domain::{FieldError, Lead};
use crate::store::LeadReceipt;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The largest body accepted.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// The longest idempotency key accepted.
const MAX_KEY_CHARS: usize = 200;
/// The span the rate limit counts requests over.
const RATE_WINDOW: Duration = Duration::from_secs(60);

/// The lead routes, with their state: the core and each token's requests this minute.
pub fn lead_routes(core: Arc<Core>) -> Router {
    let api = Arc::new(LeadApi {
        per_minute: core.config.leads_per_minute,
        core,
        windows: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route("/api/leads", post(receive))
        .with_state(api)
}

struct LeadApi {
    core: Arc<Core>,
    per_minute: u32,
    /// Per team: when its current minute began and the requests in it.
    windows: Mutex<HashMap<i64, (Instant, u32)>>,
}

impl LeadApi {
    /// Counts a request of the team's token: `Err(seconds to wait)` past the limit.
    fn admit(&self, team_id: i64, now: Instant) -> Result<(), u64> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let (start, count) = windows.entry(team_id).or_insert((now, 0));
        if now.duration_since(*start) >= RATE_WINDOW {
            *start = now;
            *count = 0;
        }
        if *count >= self.per_minute {
            let left = RATE_WINDOW.saturating_sub(now.duration_since(*start));
            return Err(left.as_secs_f64().ceil().max(1.0) as u64);
        }
        *count += 1;
        Ok(())
    }
}

/// A refusal: its status and what it says.
fn refuse(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({ "error": message }))).into_response()
}

/// How the body is written.
enum Format {
    Json,
    Form,
}

fn format_of(headers: &HeaderMap) -> Option<Format> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = content_type.split(';').next()?.trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(Format::Json),
        "application/x-www-form-urlencoded" => Some(Format::Form),
        _ => None,
    }
}

/// The body's fields as text, in order; `None` for a body that is not a JSON object of
/// plain values.
fn fields_of(format: &Format, body: &Bytes) -> Option<Vec<(String, String)>> {
    match format {
        Format::Form => Some(
            url::form_urlencoded::parse(body)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        ),
        Format::Json => {
            let Value::Object(object) = serde_json::from_slice(body).ok()? else {
                return None;
            };
            let mut fields = Vec::with_capacity(object.len());
            for (name, value) in object {
                let text = match value {
                    Value::Null => continue,
                    Value::String(text) => text,
                    Value::Bool(_) | Value::Number(_) => value.to_string(),
                    Value::Array(_) | Value::Object(_) => return None,
                };
                fields.push((name, text));
            }
            Some(fields)
        }
    }
}

/// Takes a field out of the list (the transport's own: `token`, `redirect`).
fn take(fields: &mut Vec<(String, String)>, name: &str) -> Option<String> {
    let at = fields.iter().position(|(field, _)| field == name)?;
    Some(fields.remove(at).1)
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Where a form is sent back to after its lead is stored: a web address.
fn redirect_of(text: &str) -> Result<url::Url, FieldError> {
    url::Url::parse(text.trim())
        .ok()
        .filter(|url| ["http", "https"].contains(&url.scheme()))
        .ok_or(FieldError {
            field: "redirect".to_owned(),
            reason: "not a web address".to_owned(),
        })
}

fn field_errors(errors: &[FieldError]) -> Response {
    let errors: serde_json::Map<String, Value> = errors
        .iter()
        .map(|e| (e.field.clone(), Value::String(e.reason.clone())))
        .collect();
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(json!({ "errors": errors })),
    )
        .into_response()
}

/// 201 with the receipt, or 303 back to the form's page.
fn answer(receipt: LeadReceipt, redirect: Option<url::Url>) -> Response {
    if let Some(to) = redirect
        && let Ok(location) = HeaderValue::from_str(to.as_str())
    {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    }
    let body = json!({
        "id": receipt.lead_id,
        "contact_id": receipt.contact_id,
        "duplicate_of": receipt.duplicate_of,
    });
    (StatusCode::CREATED, axum::Json(body)).into_response()
}

async fn receive(State(api): State<Arc<LeadApi>>, headers: HeaderMap, body: Body) -> Response {
    let Some(format) = format_of(&headers) else {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send application/json or application/x-www-form-urlencoded",
        );
    };
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "the body is over 64 KB");
    };
    let Some(mut fields) = fields_of(&format, &body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "the body must be a JSON object of text fields",
        );
    };
    let field_token = take(&mut fields, "token");
    let redirect = take(&mut fields, "redirect");
    let Some(token) = bearer(&headers).or(field_token) else {
        return refuse(StatusCode::UNAUTHORIZED, "the lead token is missing");
    };
    let store = api.core.store();
    let team_id = match store.lead_token_team(&token).await {
        Ok(Some(team_id)) => team_id,
        Ok(None) => return refuse(StatusCode::UNAUTHORIZED, "the lead token is wrong"),
        Err(error) => return failed(error.into()),
    };
    if let Err(wait) = api.admit(team_id, Instant::now()) {
        let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, "too many leads; try later");
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    let key = match headers.get("idempotency-key").map(HeaderValue::to_str) {
        None => None,
        Some(Ok(key)) if !key.trim().is_empty() && key.chars().count() <= MAX_KEY_CHARS => {
            Some(key.trim().to_owned())
        }
        Some(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "Idempotency-Key must be 1 to 200 visible characters",
            );
        }
    };
    let redirect = redirect.map(|text| redirect_of(&text)).transpose();
    let lead = Lead::parse(&fields);
    let (lead, redirect) = match (lead, redirect) {
        (Ok(lead), Ok(redirect)) => (lead, redirect),
        (lead, redirect) => {
            let mut errors = lead.err().unwrap_or_default();
            errors.extend(redirect.err());
            return field_errors(&errors);
        }
    };
    let now = crate::clock::timestamp();
    match store
        .capture_lead(team_id, &lead, key.as_deref(), now)
        .await
    {
        Ok(receipt) => answer(receipt, redirect),
        Err(error) => failed(error.into()),
    }
}

/// The database failed: 500, and the log says why.
fn failed(error: anyhow::Error) -> Response {
    tracing::error!("cannot store a lead: {error:#}");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the lead could not be stored; try again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_fields_are_text_and_nested_values_are_refused() {
        let body = Bytes::from(r#"{"name": "Ivan", "age": 40, "vip": true, "x": null}"#);
        let fields = fields_of(&Format::Json, &body).unwrap();
        assert_eq!(
            fields,
            [
                ("age".to_owned(), "40".to_owned()),
                ("name".to_owned(), "Ivan".to_owned()),
                ("vip".to_owned(), "true".to_owned()),
            ]
        );
        assert!(fields_of(&Format::Json, &Bytes::from(r#"{"a": [1]}"#)).is_none());
        assert!(fields_of(&Format::Json, &Bytes::from("[1]")).is_none());
        assert!(fields_of(&Format::Json, &Bytes::from("{")).is_none());
    }

    #[test]
    fn form_fields_are_decoded() {
        let body = Bytes::from("name=Ivan+Petrov&phone=%2B79991234567");
        let fields = fields_of(&Format::Form, &body).unwrap();
        assert_eq!(fields[0], ("name".to_owned(), "Ivan Petrov".to_owned()));
        assert_eq!(fields[1], ("phone".to_owned(), "+79991234567".to_owned()));
    }

    #[test]
    fn redirects_go_only_to_web_addresses() {
        assert!(redirect_of("https://example.com/thanks").is_ok());
        assert!(redirect_of("javascript:alert(1)").is_err());
        assert!(redirect_of("/thanks").is_err());
    }
}
