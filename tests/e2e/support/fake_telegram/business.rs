//! Telegram Business in the fake: a member's own account connected to the bot, its private
//! chats with clients delivered as `business_connection`, `business_message`,
//! `edited_business_message` and `deleted_business_messages` updates shaped as Telegram sends
//! them (`message_ids` as plain integers), and `sendMessage` with `business_connection_id`
//! served only with the right to reply.

use super::{BOT_ID, BOT_USERNAME, Call, FakeTelegram, Inner, Shared, TgUser, now};
use super::{api_error, ok};
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Recorded for a text the bot sent on a member's behalf, apart from its own replies.
const SENT_AS_MEMBER: &str = "sendMessage:business";
/// Recorded for such a send Telegram refused.
const REFUSED_AS_MEMBER: &str = "sendMessage:refused";

/// What the fake knows of business accounts.
#[derive(Default)]
pub(super) struct State {
    connections: HashMap<String, Connection>,
    /// Every business message so far by id, as last delivered: edits start from it.
    messages: HashMap<i64, Value>,
    /// The clients' private chats by id, as Telegram shows them.
    chats: HashMap<i64, Value>,
    next_message_id: i64,
}

struct Connection {
    member: Value,
    can_reply: bool,
    enabled: bool,
}

/// Someone a member talks to from their own Telegram account.
#[derive(Debug, Clone)]
pub struct Client {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
}

impl Client {
    /// `name` is split at its first space into a first and a last name.
    pub fn new(id: i64, name: &str, username: Option<&str>) -> Self {
        let (first, last) = match name.split_once(' ') {
            Some((first, last)) => (first, Some(last.to_owned())),
            None => (name, None),
        };
        Self {
            id,
            first_name: first.to_owned(),
            last_name: last,
            username: username.map(str::to_owned),
        }
    }

    fn user_json(&self) -> Value {
        let mut user = json!({"id": self.id, "is_bot": false, "first_name": self.first_name});
        self.add_names(&mut user);
        user
    }

    /// The private chat with the client: its id is the client's.
    fn chat_json(&self) -> Value {
        let mut chat = json!({"id": self.id, "type": "private", "first_name": self.first_name});
        self.add_names(&mut chat);
        chat
    }

    fn add_names(&self, to: &mut Value) {
        if let Some(last) = &self.last_name {
            to["last_name"] = json!(last);
        }
        if let Some(username) = &self.username {
            to["username"] = json!(username);
        }
    }
}

/// A member's own Telegram account, seen through its business connection to the bot.
#[derive(Clone)]
pub struct BusinessAccount {
    shared: Shared,
    member: Value,
    member_id: i64,
    connection_id: String,
}

impl FakeTelegram {
    /// `member`'s own account, connected (once [`BusinessAccount::connect`] is called) as
    /// `connection_id`.
    pub fn business(&self, member: &TgUser, connection_id: &str) -> BusinessAccount {
        BusinessAccount {
            shared: self.shared.clone(),
            member: member.user_json(),
            member_id: member.id,
            connection_id: connection_id.to_owned(),
        }
    }

    /// What the bot sent on members' behalf so far: (connection id, chat id, text).
    pub fn business_sends(&self) -> Vec<(String, i64, String)> {
        self.calls(SENT_AS_MEMBER)
            .iter()
            .map(business_send)
            .collect()
    }

    /// Waits until the bot has sent `count` texts on members' behalf; returns them all.
    pub async fn wait_for_business_sends(&self, count: usize) -> Vec<(String, i64, String)> {
        let calls = self.wait_for_calls(SENT_AS_MEMBER, count).await;
        calls.iter().map(business_send).collect()
    }

    /// The sends on members' behalf Telegram refused (no right to reply, no connection).
    pub fn refused_business_sends(&self) -> Vec<(String, i64, String)> {
        self.calls(REFUSED_AS_MEMBER)
            .iter()
            .map(business_send)
            .collect()
    }
}

fn business_send(call: &Call) -> (String, i64, String) {
    let body = &call.body;
    (
        body["business_connection_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        body["chat_id"].as_i64().unwrap_or_default(),
        body["text"].as_str().unwrap_or_default().to_owned(),
    )
}

impl BusinessAccount {
    /// The member connects the bot to their account (Settings → Telegram Business →
    /// Chatbots), letting it reply on their behalf or not; connecting again changes the rights.
    pub fn connect(&self, can_reply: bool) {
        let rights = if can_reply {
            json!({"can_reply": true, "can_read_messages": true})
        } else {
            json!({"can_read_messages": true})
        };
        self.set_connection(can_reply, true, Some(rights));
    }

    /// The member disconnects the bot: the connection is disabled, with no rights.
    pub fn disconnect(&self) {
        self.set_connection(false, false, None);
    }

    fn set_connection(&self, can_reply: bool, enabled: bool, rights: Option<Value>) {
        let mut connection = json!({
            "id": self.connection_id, "user": self.member, "user_chat_id": self.member_id,
            "date": now(), "is_enabled": enabled,
        });
        if let Some(rights) = rights {
            connection["rights"] = rights;
        }
        self.shared
            .inner
            .lock()
            .unwrap()
            .business
            .connections
            .insert(
                self.connection_id.clone(),
                Connection {
                    member: self.member.clone(),
                    can_reply,
                    enabled,
                },
            );
        self.shared
            .push_update(|id| json!({"update_id": id, "business_connection": connection}));
    }

    /// The client writes `text` to the member; returns the message's id.
    pub fn client_writes(&self, client: &Client, text: &str) -> i64 {
        self.write(client, client.user_json(), json!({"text": text}))
    }

    /// The member writes `text` to the client from their own account; returns the message's id.
    pub fn member_writes(&self, client: &Client, text: &str) -> i64 {
        self.write(client, self.member.clone(), json!({"text": text}))
    }

    /// The client sends a photo Telegram keeps as `file_id`, with a caption.
    pub fn client_sends_photo(&self, client: &Client, file_id: &str, caption: &str) -> i64 {
        let photo = json!({
            "photo": [{"file_id": format!("{file_id}_small"), "file_unique_id": "u1",
                       "width": 90, "height": 90},
                      {"file_id": file_id, "file_unique_id": "u2", "width": 800, "height": 600}],
            "caption": caption,
        });
        self.write(client, client.user_json(), photo)
    }

    /// The client sends a voice note Telegram keeps as `file_id`.
    pub fn client_sends_voice(&self, client: &Client, file_id: &str) -> i64 {
        let voice = json!({"voice": {
            "file_id": file_id, "file_unique_id": file_id, "duration": 3,
            "mime_type": "audio/ogg", "file_size": 4000,
        }});
        self.write(client, client.user_json(), voice)
    }

    /// The client sends a document Telegram keeps as `file_id`, named `file_name`.
    pub fn client_sends_document(&self, client: &Client, file_id: &str, file_name: &str) -> i64 {
        let document = json!({"document": {
            "file_id": file_id, "file_unique_id": file_id, "file_name": file_name,
            "mime_type": "application/pdf", "file_size": 20_000,
        }});
        self.write(client, client.user_json(), document)
    }

    /// The client shares their own contact card with `phone`.
    pub fn client_shares_contact(&self, client: &Client, phone: &str) -> i64 {
        let mut contact = json!({
            "phone_number": phone, "first_name": client.first_name, "user_id": client.id,
        });
        if let Some(last) = &client.last_name {
            contact["last_name"] = json!(last);
        }
        self.write(client, client.user_json(), json!({"contact": contact}))
    }

    /// A new message in the chat with `client`, by `from`.
    fn write(&self, client: &Client, from: Value, content: Value) -> i64 {
        let mut inner = self.shared.inner.lock().unwrap();
        let state = &mut inner.business;
        state.next_message_id += 1;
        let message_id = state.next_message_id;
        let mut message = json!({
            "message_id": message_id, "date": now(), "chat": client.chat_json(), "from": from,
            "business_connection_id": self.connection_id,
        });
        for (key, value) in content.as_object().into_iter().flatten() {
            message[key] = value.clone();
        }
        state.messages.insert(message_id, message.clone());
        state.chats.insert(client.id, client.chat_json());
        drop(inner);
        self.shared
            .push_update(|id| json!({"update_id": id, "business_message": message}));
        message_id
    }

    /// The message `message_id` of the chat with `client` is edited (by whoever wrote it) to
    /// read `text`.
    pub fn edit(&self, client: &Client, message_id: i64, text: &str) {
        let mut inner = self.shared.inner.lock().unwrap();
        let message = inner
            .business
            .messages
            .get_mut(&message_id)
            .expect("the message was written before");
        assert_eq!(message["chat"]["id"], client.id, "a message of this chat");
        message["edit_date"] = json!(now());
        if message.get("text").is_some() {
            message["text"] = json!(text);
        } else {
            message["caption"] = json!(text);
        }
        let message = message.clone();
        drop(inner);
        self.shared
            .push_update(|id| json!({"update_id": id, "edited_business_message": message}));
    }

    /// Messages of the chat with `client` are deleted; Telegram names them by plain integers.
    pub fn delete(&self, client: &Client, message_ids: &[i64]) {
        let deleted = json!({
            "business_connection_id": self.connection_id, "chat": client.chat_json(),
            "message_ids": message_ids,
        });
        self.shared
            .push_update(|id| json!({"update_id": id, "deleted_business_messages": deleted}));
    }
}

/// `sendMessage` with `business_connection_id`: sent into the client's chat as the member when
/// the connection is on and may reply (and reported back as a business message, marked with
/// the bot that sent it), refused as Telegram refuses it otherwise.
pub(super) fn send_as_member(inner: &mut Inner, body: Value) -> Response {
    let connection_id = body["business_connection_id"].as_str().unwrap_or_default();
    let refusal = match inner.business.connections.get(connection_id) {
        Some(connection) if connection.enabled && connection.can_reply => None,
        Some(connection) if connection.enabled => Some((403, "Forbidden: BOT_ACCESS_FORBIDDEN")),
        _ => Some((400, "Bad Request: BUSINESS_CONNECTION_INVALID")),
    };
    let method = if refusal.is_some() {
        REFUSED_AS_MEMBER
    } else {
        SENT_AS_MEMBER
    };
    inner.calls.push(Call {
        method: method.to_owned(),
        body: body.clone(),
        file: None,
        at: std::time::Instant::now(),
    });
    if let Some((status, description)) = refusal {
        return api_error(status, description);
    }
    let chat_id = body["chat_id"].as_i64().unwrap_or_default();
    let state = &mut inner.business;
    state.next_message_id += 1;
    let chat = state
        .chats
        .get(&chat_id)
        .cloned()
        .unwrap_or_else(|| json!({"id": chat_id, "type": "private", "first_name": "Client"}));
    let sent = json!({
        "message_id": state.next_message_id, "date": now(), "chat": chat,
        "from": state.connections[connection_id].member,
        "sender_business_bot": {"id": BOT_ID, "is_bot": true, "first_name": "CRM",
                                "username": BOT_USERNAME},
        "business_connection_id": connection_id, "text": body["text"],
    });
    state.messages.insert(state.next_message_id, sent.clone());
    // Telegram reports the message in the member's chat like one they typed themselves.
    inner.next_update_id += 1;
    let update_id = inner.next_update_id;
    inner
        .updates
        .push(json!({"update_id": update_id, "business_message": sent}));
    ok(sent)
}
