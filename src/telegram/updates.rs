//! Raw updates as Telegram sends them, read into teloxide's types: polled and pushed alike.

use serde_json::Value;
use teloxide::types::{Update, UpdateKind};

/// Reads one update, repaired first where teloxide misreads Telegram. One teloxide cannot
/// read (broken, of a kind it does not know, or misread) is an error naming its kind: teloxide
/// itself would keep it as an empty [`UpdateKind::Error`], its content lost.
pub fn read_update(mut raw: Value) -> Result<Update, UnreadableUpdate> {
    repair(&mut raw);
    let id = raw["update_id"].as_i64();
    let kind = raw
        .as_object()
        .and_then(|fields| fields.keys().find(|key| *key != "update_id").cloned())
        .unwrap_or_default();
    let unreadable = |reason: String| UnreadableUpdate { id, kind, reason };
    // Read from text, not from the `Value`: teloxide reads an update's kind as a borrowed key,
    // which a `Value` cannot lend.
    match serde_json::from_str::<Update>(&raw.to_string()) {
        Ok(update) if matches!(update.kind, UpdateKind::Error(_)) => {
            Err(unreadable("teloxide cannot read it".to_owned()))
        }
        Ok(update) => Ok(update),
        Err(error) => Err(unreadable(error.to_string())),
    }
}

/// An update that cannot be read, named for the log (its content stays out of it).
#[derive(Debug, thiserror::Error)]
#[error("cannot read update {} ({kind}): {reason}", id.unwrap_or_default())]
pub struct UnreadableUpdate {
    /// Its `update_id`, when it has one.
    id: Option<i64>,
    kind: String,
    reason: String,
}

impl UnreadableUpdate {
    pub fn update_id(&self) -> Option<i64> {
        self.id
    }
}

/// teloxide-core 0.13 expects `deleted_business_messages.message_ids` as `{"message_id": n}`
/// objects, but Telegram sends plain integers, and the whole update would be lost: integers are
/// wrapped, anything else is left as it is.
fn repair(raw: &mut Value) {
    let ids = raw
        .get_mut("deleted_business_messages")
        .and_then(|deleted| deleted.get_mut("message_ids"))
        .and_then(Value::as_array_mut);
    for id in ids.into_iter().flatten() {
        if id.is_number() {
            *id = serde_json::json!({ "message_id": id.take() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deleted(ids: Value) -> Value {
        json!({"update_id": 7, "deleted_business_messages": {
            "business_connection_id": "bc1",
            "chat": {"id": 555, "type": "private", "first_name": "Ivan"},
            "message_ids": ids,
        }})
    }

    #[test]
    fn integer_ids_of_deleted_business_messages_are_wrapped() {
        let mut raw = deleted(json!([3, 4]));
        repair(&mut raw);
        assert_eq!(raw, deleted(json!([{"message_id": 3}, {"message_id": 4}])));
    }

    #[test]
    fn ids_already_wrapped_and_other_updates_are_left_alone() {
        let wrapped = deleted(json!([{"message_id": 3}]));
        let mut raw = wrapped.clone();
        repair(&mut raw);
        assert_eq!(raw, wrapped);

        let message = json!({"update_id": 8, "message": {"message_ids": [1], "text": "hi"}});
        let mut raw = message.clone();
        repair(&mut raw);
        assert_eq!(raw, message);

        let odd = deleted(json!("not a list"));
        let mut raw = odd.clone();
        repair(&mut raw);
        assert_eq!(raw, odd);
    }

    #[test]
    fn a_deletion_as_telegram_sends_it_is_read() {
        let update = read_update(deleted(json!([3, 4]))).unwrap();
        let UpdateKind::DeletedBusinessMessages(deleted) = update.kind else {
            panic!("not read: {:?}", update.kind);
        };
        assert_eq!(deleted.business_connection_id.0, "bc1");
        assert_eq!(deleted.chat.id.0, 555);
        let ids: Vec<i32> = deleted.message_ids.iter().map(|id| id.0).collect();
        assert_eq!(ids, [3, 4]);
    }

    #[test]
    fn an_unknown_kind_and_a_broken_update_are_unreadable() {
        let unknown = read_update(json!({"update_id": 9, "something_new": {"x": 1}}));
        let error = unknown.unwrap_err();
        assert_eq!(error.id, Some(9));
        assert_eq!(error.kind, "something_new");
        let broken = read_update(json!({"message": {"text": "no update id"}})).unwrap_err();
        assert_eq!((broken.id, broken.kind.as_str()), (None, "message"));
    }
}
