//! The fake Bot API the bot under test polls: it hands out the simulated members' updates and
//! tells the tracker of every call the bot makes.

use super::members::lane;
use super::tracker::Event;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use chatcrm::chat::Action;
use chrono::Utc;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify, mpsc};

pub(super) const BOT_ID: i64 = 7_000_000;

pub(super) struct Api {
    pub(super) updates: Mutex<VecDeque<Value>>,
    pub(super) queued: Notify,
    pub(super) next_update: AtomicI64,
    pub(super) next_message: AtomicI64,
    pub(super) polls: AtomicUsize,
    pub(super) events: mpsc::UnboundedSender<Event>,
}

impl Api {
    /// Queues an update; its id is set here.
    pub(super) async fn push(&self, update: Value) {
        self.push_all(vec![update]).await;
    }

    /// Queues updates one after another (no other update between them); their ids are set
    /// here.
    pub(super) async fn push_all(&self, updates: Vec<Value>) {
        let mut queue = self.updates.lock().await;
        for mut update in updates {
            update["update_id"] = json!(self.next_update.fetch_add(1, Ordering::Relaxed));
            queue.push_back(update);
        }
        drop(queue);
        self.queued.notify_one();
    }
}

/// Whether the bot's message proposes a new chat of the member's Telegram (its ➕ button): it
/// answers a business message, so it is counted in the member's business lane.
fn is_proposal(body: &Value) -> bool {
    let rows = body["reply_markup"]["inline_keyboard"].as_array();
    rows.into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .any(|button| {
            (button["callback_data"].as_str())
                .and_then(Action::decode)
                .is_some_and(|action| matches!(action, Action::BizAdd(_)))
        })
}

pub(super) async fn bot_api(State(api): State<Arc<Api>>, uri: Uri, body: Bytes) -> Response {
    let method = uri
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let ok = |result: Value| axum::Json(json!({"ok": true, "result": result})).into_response();
    match method.as_str() {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": "chatcrm_bench_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "getupdates" => ok(get_updates(&api, &body).await),
        "sendmessage" | "editmessagetext" => {
            let chat = body["chat_id"].as_i64().unwrap_or_default();
            let text = body["text"].as_str().unwrap_or_default().to_owned();
            let _ = api.events.send(Event::Reply {
                chat: match is_proposal(&body) {
                    true => lane(chat),
                    false => chat,
                },
                at: Instant::now(),
                text: text.clone(),
            });
            let message_id = (body["message_id"].as_i64())
                .unwrap_or_else(|| api.next_message.fetch_add(1, Ordering::Relaxed));
            ok(json!({
                "message_id": message_id, "date": Utc::now().timestamp(),
                "chat": {"id": chat, "type": "private", "first_name": "Member"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM"},
                "text": text,
            }))
        }
        "answercallbackquery" => {
            // The simulated members name their presses "<chat>:<n>".
            let id = body["callback_query_id"].as_str().unwrap_or_default();
            let chat = id.split(':').next().and_then(|c| c.parse().ok());
            let _ = api.events.send(Event::Reply {
                chat: chat.unwrap_or_default(),
                at: Instant::now(),
                text: body["text"].as_str().unwrap_or_default().to_owned(),
            });
            ok(json!(true))
        }
        "getwebhookinfo" => ok(json!({"url": "", "has_custom_certificate": false,
                                      "pending_update_count": 0})),
        _ => ok(json!(true)),
    }
}

/// Long polling: answers at once when updates are queued, otherwise waits for one.
pub(super) async fn get_updates(api: &Api, body: &Value) -> Value {
    api.polls.fetch_add(1, Ordering::Relaxed);
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(10));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let queued = api.queued.notified();
        {
            let mut updates = api.updates.lock().await;
            while (updates.front()).is_some_and(|u| u["update_id"].as_i64() < Some(offset)) {
                updates.pop_front();
            }
            if !updates.is_empty() {
                return Value::Array(updates.iter().take(limit).cloned().collect());
            }
        }
        if tokio::time::timeout_at(deadline, queued).await.is_err() {
            return json!([]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_buttons(actions: &[Action]) -> Value {
        let rows: Vec<Value> = (actions.iter())
            .map(|action| json!([{"text": "…", "callback_data": action.encode()}]))
            .collect();
        json!({"chat_id": 5, "text": "…", "reply_markup": {"inline_keyboard": rows}})
    }

    #[test]
    fn a_proposal_is_told_by_its_add_button() {
        assert!(is_proposal(&with_buttons(&[
            Action::BizAdd(7),
            Action::BizLink(7),
            Action::BizIgnore(7),
        ])));
        assert!(!is_proposal(&with_buttons(&[Action::OpenCard(7)])));
        assert!(!is_proposal(&json!({"chat_id": 5, "text": "…"})));
    }
}
