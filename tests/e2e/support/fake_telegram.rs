//! A fake Telegram Bot API server: the bot under test is pointed at it through its API URL and
//! cannot tell it from Telegram. Tests queue updates (a user's message or button press) and read
//! what the bot sent back; failures (429, 5xx, the network going down) can be scripted.

use axum::Router;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

mod business;

pub use business::{BusinessAccount, Client};

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "chatcrm_test_bot";
/// How long a test waits for the bot before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// One Bot API request the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    /// The file of a `sendPhoto`, `sendDocument`, `sendVoice`, `sendVideo` or `editMessageMedia`.
    pub file: Option<SentFile>,
    /// When the fake received it.
    pub at: std::time::Instant,
}

/// A scripted answer to the next request of some method.
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// 429 Too Many Requests with `retry_after` seconds.
    RetryAfter(u32),
    /// An HTTP status with a non-JSON body, as a failing proxy sends.
    Status(u16),
    /// An error as the Bot API itself answers it: the HTTP status and a JSON body with the same
    /// `error_code` and this description (e.g. 502, "Bad Gateway").
    Api {
        status: u16,
        description: &'static str,
    },
    /// 403: the user blocked the bot. Retrying cannot help.
    Blocked,
}

/// A file the bot sent (`sendPhoto`, `sendDocument`).
#[derive(Debug, Clone)]
pub struct SentFile {
    pub chat_id: i64,
    pub file_name: String,
    pub content: Vec<u8>,
    pub caption: String,
}

/// Where the bot asked for updates to be pushed (`setWebhook`).
#[derive(Debug, Clone)]
pub struct WebhookSet {
    pub url: String,
    pub secret: Option<String>,
}

/// The header Telegram sends a webhook's secret in.
const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

#[derive(Default)]
struct Inner {
    /// Files users sent to the bot, by file id, served at `/file/bot<token>/<id>`.
    uploads: std::collections::HashMap<String, Vec<u8>>,
    /// Updates not delivered yet: polled with getUpdates, or pushed to the webhook in order.
    updates: Vec<Value>,
    /// Updates the webhook acknowledged, in order.
    pushed: Vec<Value>,
    webhook: Option<WebhookSet>,
    next_update_id: i64,
    next_message_id: i64,
    calls: Vec<Call>,
    failures: Vec<(String, Failure)>,
    /// The update kinds the bot last asked `getUpdates` for.
    allowed_updates: Option<Value>,
    business: business::State,
}

impl Inner {
    /// Whether the bot's message `message_id` shows a photo: it was last sent or edited as one.
    fn is_photo(&self, message_id: i64) -> bool {
        self.calls
            .iter()
            .rev()
            .filter(|call| call.body["message_id"].as_i64() == Some(message_id))
            .find_map(|call| match call.method.as_str() {
                "sendPhoto" | "editMessageMedia" => Some(true),
                "sendMessage" | "editMessageText" | "sendDocument" => Some(false),
                _ => None,
            })
            .unwrap_or(false)
    }
}

#[derive(Clone, Default)]
struct Shared {
    inner: Arc<Mutex<Inner>>,
    /// Wakes long polls when an update is queued, and waiters when the bot calls.
    changed: Arc<Notify>,
}

impl Shared {
    /// Queues the update `make` builds from its id; returns the id.
    fn push_update(&self, make: impl FnOnce(i64) -> Value) -> i64 {
        let mut inner = self.inner.lock().unwrap();
        inner.next_update_id += 1;
        let id = inner.next_update_id;
        inner.updates.push(make(id));
        drop(inner);
        self.changed.notify_waiters();
        id
    }
}

pub struct FakeTelegram {
    pub addr: SocketAddr,
    shared: Shared,
    server: Option<(oneshot::Sender<()>, JoinHandle<()>)>,
}

impl FakeTelegram {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut fake = Self {
            addr,
            shared: Shared::default(),
            server: None,
        };
        fake.serve(listener);
        tokio::spawn(push_updates(fake.shared.clone()));
        fake
    }

    /// The webhook the bot set, if any.
    pub fn webhook(&self) -> Option<WebhookSet> {
        self.lock().webhook.clone()
    }

    /// The update kinds the bot last asked `getUpdates` for, if it named any.
    pub fn polled_update_kinds(&self) -> Option<Vec<String>> {
        let kinds = self.lock().allowed_updates.clone()?;
        serde_json::from_value(kinds).ok()
    }

    /// Waits until the bot has set a webhook.
    pub async fn wait_for_webhook(&self) -> WebhookSet {
        self.wait_for_calls("setWebhook", 1).await;
        self.webhook().expect("the webhook is set")
    }

    /// The updates the webhook acknowledged so far.
    pub fn pushed(&self) -> Vec<Value> {
        self.lock().pushed.clone()
    }

    /// Delivers an update the webhook already acknowledged once more, as Telegram does when
    /// the acknowledgement was lost.
    pub fn push_again(&self, update_id: i64) {
        let mut inner = self.lock();
        let update = inner
            .pushed
            .iter()
            .find(|update| update["update_id"] == update_id)
            .cloned()
            .expect("the update was pushed before");
        inner.updates.push(update);
        drop(inner);
        self.shared.changed.notify_waiters();
    }

    /// Posts `update` to the webhook at once, with `secret` (or none) in the header; returns
    /// the HTTP status it got.
    pub async fn post_to_webhook(&self, update: &Value, secret: Option<&str>) -> u16 {
        let url = self.webhook().expect("the webhook is set").url;
        post(&reqwest::Client::new(), &url, update, secret)
            .await
            .map_or(0, |status| status.as_u16())
    }

    /// The value for `TELOXIDE_API_URL`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let (stop, stopped) = oneshot::channel::<()>();
        // Requests come to `/bot<token>/<method>` (with a doubled slash when the API URL has no
        // path), so the method is read from the last path segment.
        let app = Router::new().fallback(api).with_state(self.shared.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        self.server = Some((stop, task));
    }

    /// Stops answering: connections are refused, as when the network is down.
    pub async fn go_offline(&mut self) {
        if let Some((stop, task)) = self.server.take() {
            let _ = stop.send(());
            self.shared.changed.notify_waiters();
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
    }

    pub async fn go_online(&mut self) {
        let listener = tokio::net::TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener);
    }

    /// Answers the next request of `method` with `failure` instead of serving it.
    pub fn fail_next(&self, method: &str, failure: Failure) {
        self.lock().failures.push((method.to_owned(), failure));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.shared.inner.lock().unwrap()
    }

    /// Every call of `method` so far.
    pub fn calls(&self, method: &str) -> Vec<Call> {
        self.lock()
            .calls
            .iter()
            .filter(|call| call.method == method)
            .cloned()
            .collect()
    }

    /// Waits until the bot has called `method` at least `count` times.
    pub async fn wait_for_calls(&self, method: &str, count: usize) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.changed.notified();
            let calls = self.calls(method);
            if calls.len() >= count {
                return calls;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("the bot called {method} {} times, not {count}", calls.len());
            }
        }
    }

    /// A Telegram user who writes to the bot in a private chat.
    pub fn user(&self, id: i64, first_name: &str, language_code: &str) -> TgUser {
        TgUser {
            shared: self.shared.clone(),
            id,
            first_name: first_name.to_owned(),
            language_code: language_code.to_owned(),
            chat_id: id,
            // A handle sees what the bot sends from now on.
            seen: Arc::new(Mutex::new(self.lock().calls.len())),
        }
    }
}

/// A message the bot sent or edited in a user's chat.
#[derive(Debug, Clone)]
pub struct BotMessage {
    pub message_id: i64,
    /// The text, or a file's caption.
    pub text: String,
    /// A photo's or document's name and content.
    pub file: Option<(String, Vec<u8>)>,
    /// (label, callback data) of every inline button, row by row.
    pub buttons: Vec<(String, String)>,
    pub edited: bool,
}

impl BotMessage {
    pub fn button(&self, label_part: &str) -> &str {
        self.buttons
            .iter()
            .find(|(label, _)| label.contains(label_part))
            .map(|(_, data)| data.as_str())
            .unwrap_or_else(|| panic!("no button {label_part:?} in {self:#?}"))
    }
}

#[derive(Clone)]
pub struct TgUser {
    shared: Shared,
    pub id: i64,
    first_name: String,
    language_code: String,
    /// The chat the user writes in: their private chat (their id), or a group (negative).
    chat_id: i64,
    /// How many of the calls were already looked at by this user's `next_reply`.
    seen: Arc<Mutex<usize>>,
}

impl TgUser {
    fn user_json(&self) -> Value {
        json!({
            "id": self.id, "is_bot": false, "first_name": self.first_name,
            "language_code": self.language_code,
        })
    }

    fn chat_json(&self) -> Value {
        if self.chat_id == self.id {
            json!({"id": self.id, "type": "private", "first_name": self.first_name})
        } else {
            json!({"id": self.chat_id, "type": "group", "title": "Team"})
        }
    }

    /// The same user writing in the group chat `chat_id` (negative); its replies are the
    /// group's messages from now on.
    pub fn in_group(&self, chat_id: i64) -> TgUser {
        TgUser {
            chat_id,
            seen: Arc::new(Mutex::new(self.shared.inner.lock().unwrap().calls.len())),
            ..self.clone()
        }
    }

    /// A message update from this user, queued nowhere: for a forged push.
    pub fn message_update(&self, update_id: i64, text: &str) -> Value {
        json!({"update_id": update_id, "message": {
            "message_id": 1_000_000 + update_id, "date": now(), "chat": self.chat_json(),
            "from": self.user_json(), "text": text,
        }})
    }

    fn push_update(&self, make: impl FnOnce(i64) -> Value) -> i64 {
        self.shared.push_update(make)
    }

    /// The user sends `text` to the bot.
    pub fn send(&self, text: &str) {
        let (from, chat) = (self.user_json(), self.chat_json());
        let mut entities = json!([]);
        if text.starts_with('/') {
            let len = text
                .split_whitespace()
                .next()
                .unwrap()
                .encode_utf16()
                .count();
            entities = json!([{"type": "bot_command", "offset": 0, "length": len}]);
        }
        self.push_update(|id| {
            json!({"update_id": id, "message": {
                "message_id": 1_000_000 + id, "date": now(), "chat": chat, "from": from,
                "text": text, "entities": entities,
            }})
        });
    }

    fn push_message(&self, fields: Value) {
        let (from, chat) = (self.user_json(), self.chat_json());
        self.push_update(|id| {
            let mut message = json!({
                "message_id": 1_000_000 + id, "date": now(), "chat": chat, "from": from,
            });
            for (key, value) in fields.as_object().into_iter().flatten() {
                message[key] = value.clone();
            }
            json!({"update_id": id, "message": message})
        });
    }

    /// The user sends a sticker (something the bot does not read).
    pub fn send_sticker(&self) {
        self.push_message(json!({"sticker": {
            "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512,
            "height": 512, "is_animated": false, "is_video": false,
        }}));
    }

    /// The user sends a photo Telegram keeps as `file_id`, with a caption.
    pub fn send_photo(&self, file_id: &str, caption: &str) {
        self.push_message(json!({
            "photo": [{"file_id": format!("{file_id}_small"), "file_unique_id": "u1",
                       "width": 90, "height": 90},
                      {"file_id": file_id, "file_unique_id": "u2", "width": 800, "height": 600}],
            "caption": caption,
        }));
    }

    /// The user sends a voice note Telegram keeps as `file_id`.
    pub fn send_voice(&self, file_id: &str) {
        self.push_message(json!({"voice": {
            "file_id": file_id, "file_unique_id": file_id, "duration": 3,
            "mime_type": "audio/ogg", "file_size": 4000,
        }}));
    }

    /// The user forwards `text` written by the Telegram user `id` (`first_name`, `username`).
    pub fn forward_from_user(&self, text: &str, id: i64, first_name: &str, username: &str) {
        self.push_message(json!({"text": text, "forward_origin": {
            "type": "user", "date": now() - 3600,
            "sender_user": {"id": id, "is_bot": false, "first_name": first_name,
                            "username": username},
        }}));
    }

    /// The user forwards `text` written by someone who hides their account, shown as `name`.
    pub fn forward_from_hidden_user(&self, text: &str, name: &str) {
        self.push_message(json!({"text": text, "forward_origin": {
            "type": "hidden_user", "date": now() - 3600, "sender_user_name": name,
        }}));
    }

    /// The user sends a file (`file_name`, `content`) to the bot.
    pub fn send_document(&self, file_name: &str, content: &[u8]) {
        let (from, chat) = (self.user_json(), self.chat_json());
        let file_id = {
            let mut inner = self.shared.inner.lock().unwrap();
            let id = format!("upload{}", inner.uploads.len() + 1);
            inner.uploads.insert(id.clone(), content.to_vec());
            id
        };
        let size = content.len();
        self.push_update(|id| {
            json!({"update_id": id, "message": {
                "message_id": 1_000_000 + id, "date": now(), "chat": chat, "from": from,
                "document": {"file_id": file_id, "file_unique_id": file_id,
                             "file_name": file_name, "file_size": size},
            }})
        });
    }

    /// The user presses the button whose label contains `label_part`; returns the callback id.
    pub fn press(&self, message: &BotMessage, label_part: &str) -> String {
        self.press_data(message.message_id, message.button(label_part))
    }

    /// A button press with any callback data, as a forged client could send.
    pub fn press_data(&self, message_id: i64, data: &str) -> String {
        let (from, chat) = (self.user_json(), self.chat_json());
        let bot =
            json!({"id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": BOT_USERNAME});
        // The message as Telegram shows it now: a photo with a caption, or text.
        let photo = self.shared.inner.lock().unwrap().is_photo(message_id);
        let update_id = self.push_update(|id| {
            let mut message = json!({"message_id": message_id, "date": now(), "chat": chat,
                                     "from": bot});
            if photo {
                message["photo"] = json!([{"file_id": "p", "file_unique_id": "p", "width": 800,
                                           "height": 500}]);
                message["caption"] = json!("…");
            } else {
                message["text"] = json!("…");
            }
            json!({"update_id": id, "callback_query": {
                "id": format!("cb{id}"), "from": from, "chat_instance": "ci", "data": data,
                "message": message,
            }})
        });
        format!("cb{update_id}")
    }

    /// The user types `@bot query` in some chat; returns the inline query's id.
    pub fn inline(&self, query: &str) -> String {
        let from = self.user_json();
        let update_id = self.push_update(|id| {
            json!({"update_id": id, "inline_query": {
                "id": format!("iq{id}"), "from": from, "query": query, "offset": "",
            }})
        });
        format!("iq{update_id}")
    }

    /// Waits for the bot's answer to the inline query `query_id`; returns the request body.
    pub async fn expect_inline_answer(&self, query_id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.changed.notified();
            let answer = self
                .shared
                .inner
                .lock()
                .unwrap()
                .calls
                .iter()
                .find(|call| {
                    call.method == "answerInlineQuery" && call.body["inline_query_id"] == query_id
                })
                .map(|call| call.body.clone());
            if let Some(answer) = answer {
                return answer;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("the inline query {query_id} was never answered");
            }
        }
    }

    /// Waits for the bot's next message (new or edited) in this user's chat.
    pub async fn next_reply(&self) -> BotMessage {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.changed.notified();
            if let Some(message) = self.take_reply() {
                return message;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("chat {} got no reply within {PATIENCE:?}", self.chat_id);
            }
        }
    }

    /// The next reply, which must contain `part`.
    pub async fn expect_reply(&self, part: &str) -> BotMessage {
        let message = self.next_reply().await;
        assert!(
            message.text.contains(part),
            "expected a reply containing {part:?}, got {message:#?}"
        );
        message
    }

    /// Asserts the bot sends nothing more to this user for `quiet`.
    pub async fn expect_no_reply(&self, quiet: Duration) {
        tokio::time::sleep(quiet).await;
        if let Some(message) = self.take_reply() {
            panic!("expected no reply, got {message:#?}");
        }
    }

    fn take_reply(&self) -> Option<BotMessage> {
        let inner = self.shared.inner.lock().unwrap();
        let mut seen = self.seen.lock().unwrap();
        while *seen < inner.calls.len() {
            let call = &inner.calls[*seen];
            *seen += 1;
            let edited = match call.method.as_str() {
                "sendMessage" | "sendPhoto" | "sendDocument" | "sendVoice" | "sendVideo" => false,
                "editMessageText" | "editMessageMedia" => true,
                _ => continue,
            };
            if call.body["chat_id"].as_i64() != Some(self.chat_id) {
                continue;
            }
            let file = call
                .file
                .as_ref()
                .map(|file| (file.file_name.clone(), file.content.clone()));
            let text = match &call.file {
                Some(file) => file.caption.clone(),
                None => call.body["text"].as_str().unwrap_or_default().to_owned(),
            };
            return Some(BotMessage {
                message_id: call.body["message_id"].as_i64().unwrap_or(0),
                text,
                file,
                buttons: buttons(&call.body["reply_markup"]),
                edited,
            });
        }
        None
    }

    /// Waits for the bot to answer the button press `callback_id`; returns the notice text.
    pub async fn expect_answer(&self, callback_id: &str) -> Option<String> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.changed.notified();
            let answer = self
                .shared
                .inner
                .lock()
                .unwrap()
                .calls
                .iter()
                .find(|call| {
                    call.method == "answerCallbackQuery"
                        && call.body["callback_query_id"] == callback_id
                })
                .map(|call| call.body["text"].as_str().map(str::to_owned));
            if let Some(answer) = answer {
                return answer;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!("the button press {callback_id} was never answered");
            }
        }
    }
}

fn buttons(markup: &Value) -> Vec<(String, String)> {
    markup["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|button| {
            (
                button["text"].as_str().unwrap_or_default().to_owned(),
                button["callback_data"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn ok(result: Value) -> Response {
    axum::Json(json!({"ok": true, "result": result})).into_response()
}

/// A Bot API error: the HTTP status, repeated as `error_code` in the JSON body.
fn api_error(status: u16, description: &str) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        axum::Json(json!({"ok": false, "error_code": status, "description": description})),
    )
        .into_response()
}

async fn api(State(shared): State<Shared>, request: Request) -> Response {
    let uri = request.uri().clone();
    // Downloads of files users sent: `/file/bot<token>/<file id>`.
    if uri.path().starts_with("/file/") {
        let id = uri.path().rsplit('/').next().unwrap_or_default();
        return match shared.inner.lock().unwrap().uploads.get(id) {
            Some(content) => content.clone().into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    let is_multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    // Telegram accepts method names in any case; this client sends "SendMessage".
    let method = method_name(&uri);
    if is_multipart && method == "setWebhook" {
        return set_webhook(&shared, request).await;
    }
    if is_multipart {
        if let Some(failure) = scripted_failure(&shared, &method, json!({})) {
            return failure;
        }
        return send_file(&shared, &uri, request).await;
    }
    let body = axum::body::to_bytes(request.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&body).unwrap_or(json!({}));
    if method == "getUpdates" {
        return get_updates(&shared, &body).await;
    }
    if let Some(failure) = scripted_failure(&shared, &method, body.clone()) {
        return failure;
    }
    let mut inner = shared.inner.lock().unwrap();
    let bot = json!({"id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": BOT_USERNAME});
    let response = match method.as_str() {
        "getMe" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "can_connect_to_business": true,
            "has_main_web_app": false,
        })),
        "getFile" => {
            let id = body["file_id"].as_str().unwrap_or_default().to_owned();
            match inner.uploads.get(&id) {
                Some(content) => ok(json!({
                    "file_id": id, "file_unique_id": id, "file_size": content.len(),
                    "file_path": id,
                })),
                None => (
                    StatusCode::BAD_REQUEST,
                    axum::Json(json!({"ok": false, "error_code": 400,
                                      "description": "Bad Request: invalid file_id"})),
                )
                    .into_response(),
            }
        }
        "getWebhookInfo" => {
            let url = inner.webhook.as_ref().map_or("", |hook| hook.url.as_str());
            ok(json!({"url": url, "has_custom_certificate": false,
                      "pending_update_count": inner.updates.len()}))
        }
        "deleteWebhook" => {
            inner.webhook = None;
            ok(json!(true))
        }
        "deleteMessage"
        | "setMyCommands"
        | "deleteMyCommands"
        | "answerCallbackQuery"
        | "answerInlineQuery" => ok(json!(true)),
        "sendMessage" if body["business_connection_id"].is_string() => {
            let response = business::send_as_member(&mut inner, body);
            drop(inner);
            shared.changed.notify_waiters();
            return response;
        }
        "sendMessage" | "editMessageText" => {
            let message_id = match body["message_id"].as_i64() {
                Some(id) => id,
                None => {
                    inner.next_message_id += 1;
                    inner.next_message_id
                }
            };
            let mut message = json!({
                "message_id": message_id, "date": now(), "from": bot,
                "chat": {"id": body["chat_id"], "type": "private", "first_name": "User"},
                "text": body["text"],
            });
            if !body["reply_markup"].is_null() {
                message["reply_markup"] = body["reply_markup"].clone();
            }
            let mut body = body.clone();
            body["message_id"] = json!(message_id);
            inner.calls.push(Call {
                method: method.clone(),
                body,
                file: None,
                at: std::time::Instant::now(),
            });
            drop(inner);
            shared.changed.notify_waiters();
            return ok(message);
        }
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({"ok": false, "error_code": 404, "description": "Not Found"})),
        )
            .into_response(),
    };
    inner.calls.push(Call {
        method,
        body,
        file: None,
        at: std::time::Instant::now(),
    });
    drop(inner);
    shared.changed.notify_waiters();
    response
}

/// The scripted failure for this call of `method`, if one is queued: recorded as
/// `<method>:failed` and answered as scripted.
fn scripted_failure(shared: &Shared, method: &str, body: Value) -> Option<Response> {
    let mut inner = shared.inner.lock().unwrap();
    let i = inner.failures.iter().position(|(m, _)| *m == method)?;
    let (_, failure) = inner.failures.remove(i);
    inner.calls.push(Call {
        method: format!("{method}:failed"),
        body,
        file: None,
        at: std::time::Instant::now(),
    });
    drop(inner);
    shared.changed.notify_waiters();
    Some(match failure {
        Failure::RetryAfter(seconds) => (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({
                "ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {seconds}"),
                "parameters": {"retry_after": seconds},
            })),
        )
            .into_response(),
        Failure::Blocked => api_error(403, "Forbidden: bot was blocked by the user"),
        Failure::Api {
            status,
            description,
        } => api_error(status, description),
        Failure::Status(status) => (
            StatusCode::from_u16(status).unwrap(),
            "<html>Bad Gateway</html>",
        )
            .into_response(),
    })
}

/// Long polling: answers at once when updates are queued, otherwise waits for one.
async fn get_updates(shared: &Shared, body: &Value) -> Response {
    if !body["allowed_updates"].is_null() {
        shared.inner.lock().unwrap().allowed_updates = Some(body["allowed_updates"].clone());
    }
    let offset = body["offset"].as_i64().unwrap_or(0);
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(10));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let notified = shared.changed.notified();
        {
            let mut inner = shared.inner.lock().unwrap();
            inner
                .updates
                .retain(|update| update["update_id"].as_i64().unwrap_or(0) >= offset);
            if !inner.updates.is_empty() {
                return ok(Value::Array(inner.updates.clone()));
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return ok(json!([]));
        }
    }
}

/// The method named by the request path, first letter lowered ("SendMessage" → "sendMessage").
fn method_name(uri: &Uri) -> String {
    let method = uri.path().rsplit('/').next().unwrap_or_default();
    let mut chars = method.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase())
        .into_iter()
        .chain(chars)
        .collect()
}

/// `sendPhoto`, `sendDocument`, `sendVoice`, `sendVideo` and `editMessageMedia`: a multipart
/// form with the chat, the caption (for an edit, inside the `media` field), the buttons and the
/// file (or its id).
async fn send_file(shared: &Shared, uri: &Uri, request: Request) -> Response {
    let method = method_name(uri);
    let mut form = match Multipart::from_request(request, &()).await {
        Ok(form) => form,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    };
    let mut body = json!({});
    let mut file = SentFile {
        chat_id: 0,
        file_name: String::new(),
        content: Vec::new(),
        caption: String::new(),
    };
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let data = field.bytes().await.unwrap_or_default();
        let text = String::from_utf8_lossy(&data).into_owned();
        match (name.as_str(), file_name) {
            (_, Some(file_name)) => {
                file.file_name = file_name;
                file.content = data.to_vec();
            }
            ("chat_id", None) => {
                file.chat_id = text.parse().unwrap_or(0);
                body["chat_id"] = json!(file.chat_id);
            }
            ("message_id", None) => body["message_id"] = json!(text.parse::<i64>().unwrap_or(0)),
            ("caption", None) => {
                file.caption = text;
                body["caption"] = json!(file.caption);
            }
            // `editMessageMedia`: {"type": "photo", "media": "attach://…", "caption": "…"}.
            ("media", None) => {
                let media: Value = serde_json::from_str(&text).unwrap_or(json!({}));
                file.caption = media["caption"].as_str().unwrap_or_default().to_owned();
                body["caption"] = json!(file.caption);
                body["media"] = media;
            }
            ("reply_markup", None) => {
                body["reply_markup"] = serde_json::from_str(&text).unwrap_or(json!({}));
            }
            // A file Telegram already keeps, sent again by its id ("photo": "AgAD…").
            (name, None) => {
                body[name] = json!(String::from_utf8_lossy(&data));
            }
        }
    }
    let mut inner = shared.inner.lock().unwrap();
    let message_id = match body["message_id"].as_i64() {
        Some(id) if method == "editMessageMedia" => id,
        _ => {
            inner.next_message_id += 1;
            inner.next_message_id
        }
    };
    body["message_id"] = json!(message_id);
    let size = file.content.len();
    let media = if method == "sendDocument" {
        json!({"document": {"file_id": "d", "file_unique_id": "d", "file_name": file.file_name,
                            "file_size": size}})
    } else {
        json!({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 800, "height": 500,
                          "file_size": size}]})
    };
    let mut message = json!({
        "message_id": message_id, "date": now(),
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": BOT_USERNAME},
        "chat": {"id": file.chat_id, "type": "private", "first_name": "User"},
        "caption": file.caption,
    });
    for (key, value) in media.as_object().into_iter().flatten() {
        message[key] = value.clone();
    }
    if !body["reply_markup"].is_null() {
        message["reply_markup"] = body["reply_markup"].clone();
    }
    inner.calls.push(Call {
        method,
        body,
        file: Some(file),
        at: std::time::Instant::now(),
    });
    drop(inner);
    shared.changed.notify_waiters();
    ok(message)
}

/// `setWebhook`, a multipart form: the URL and the secret, recorded as a call too.
async fn set_webhook(shared: &Shared, request: Request) -> Response {
    let mut form = match Multipart::from_request(request, &()).await {
        Ok(form) => form,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    };
    let mut body = json!({});
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or_default().to_owned();
        body[name] = json!(field.text().await.unwrap_or_default());
    }
    let Some(url) = body["url"].as_str().map(str::to_owned) else {
        return api_error(400, "Bad Request: bad webhook: URL is empty");
    };
    let mut inner = shared.inner.lock().unwrap();
    inner.webhook = Some(WebhookSet {
        url,
        secret: body["secret_token"].as_str().map(str::to_owned),
    });
    inner.calls.push(Call {
        method: "setWebhook".to_owned(),
        body,
        file: None,
        at: std::time::Instant::now(),
    });
    drop(inner);
    shared.changed.notify_waiters();
    ok(json!(true))
}

/// Telegram's side of a webhook: pushes queued updates one at a time, in order, each until
/// the bot answers it with 2xx (a refused or failed push is tried again shortly).
async fn push_updates(shared: Shared) {
    let client = reqwest::Client::new();
    loop {
        let notified = shared.changed.notified();
        let next = {
            let inner = shared.inner.lock().unwrap();
            inner.webhook.clone().zip(inner.updates.first().cloned())
        };
        let Some((hook, update)) = next else {
            notified.await;
            continue;
        };
        let status = post(&client, &hook.url, &update, hook.secret.as_deref()).await;
        if status.is_ok_and(|status| status.is_success()) {
            let mut inner = shared.inner.lock().unwrap();
            inner
                .updates
                .retain(|queued| queued["update_id"] != update["update_id"]);
            inner.pushed.push(update);
            drop(inner);
            shared.changed.notify_waiters();
        } else {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    update: &Value,
    secret: Option<&str>,
) -> reqwest::Result<reqwest::StatusCode> {
    let mut request = client
        .post(url)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(update.to_string())
        .timeout(Duration::from_secs(60));
    if let Some(secret) = secret {
        request = request.header(SECRET_HEADER, secret);
    }
    Ok(request.send().await?.status())
}
