//! Telegram Business updates (a member's own chats, once they connected the bot to their
//! account) as core inputs.

use super::deliver::deliver;
use super::{Handler, sender, shared_file};
use crate::chat::{BusinessMessage, BusinessUpdate, Counterpart, SharedContact};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{
    BusinessConnection, BusinessConnectionId, BusinessMessagesDeleted, Chat, MessageCommon,
    MessageKind, UpdateKind,
};

pub(super) async fn on_connection<H: Handler>(
    bot: Bot,
    core: Arc<H>,
    connection: BusinessConnection,
) -> ResponseResult<()> {
    handle(&bot, &core, self::connection(&connection)).await;
    Ok(())
}

pub(super) async fn on_message<H: Handler>(
    bot: Bot,
    core: Arc<H>,
    message: Message,
) -> ResponseResult<()> {
    if let Some(update) = self::message(&message, false) {
        handle(&bot, &core, update).await;
    }
    Ok(())
}

pub(super) async fn on_edited_message<H: Handler>(
    bot: Bot,
    core: Arc<H>,
    message: Message,
) -> ResponseResult<()> {
    if let Some(update) = self::message(&message, true) {
        handle(&bot, &core, update).await;
    }
    Ok(())
}

pub(super) async fn on_deleted<H: Handler>(
    bot: Bot,
    core: Arc<H>,
    deleted: BusinessMessagesDeleted,
) -> ResponseResult<()> {
    handle(&bot, &core, self::deleted(&deleted)).await;
    Ok(())
}

async fn handle<H: Handler>(bot: &Bot, core: &Arc<H>, update: BusinessUpdate) {
    deliver(bot, core.handle_business(&update).await).await;
}

fn connection(connection: &BusinessConnection) -> BusinessUpdate {
    BusinessUpdate::Connection {
        id: connection.id.0.clone(),
        user: sender(&connection.user),
        // No rights at all (a disabled connection) means no right to reply either.
        can_reply: connection.rights.as_ref().is_some_and(|r| r.can_reply),
        enabled: connection.is_enabled,
    }
}

/// The Business connection an update came through, if any.
pub(super) fn connection_of(update: &Update) -> Option<&BusinessConnectionId> {
    match &update.kind {
        UpdateKind::BusinessConnection(connection) => Some(&connection.id),
        UpdateKind::BusinessMessage(message) | UpdateKind::EditedBusinessMessage(message) => {
            message_connection(message)
        }
        UpdateKind::DeletedBusinessMessages(deleted) => Some(&deleted.business_connection_id),
        _ => None,
    }
}

/// The connection a message came through; `None` for a service message, which names none.
fn message_connection(message: &Message) -> Option<&BusinessConnectionId> {
    match &message.kind {
        MessageKind::Common(MessageCommon {
            business_connection_id,
            ..
        }) => business_connection_id.as_ref(),
        _ => None,
    }
}

/// A new or edited message of a business chat; `None` for a service message (no connection
/// named) or one without a writer, which Telegram does not send in private chats.
fn message(message: &Message, edited: bool) -> Option<BusinessUpdate> {
    let connection_id = message_connection(message)?.0.clone();
    let from = message.from.as_ref()?;
    let shared_contact = message.contact().map(|contact| SharedContact {
        phone: contact.phone_number.clone(),
        user_id: contact.user_id.map(|id| id.0 as i64),
    });
    Some(BusinessUpdate::Message {
        connection_id,
        message: BusinessMessage {
            message_id: message.id.0,
            chat: counterpart(&message.chat),
            from_id: from.id.0 as i64,
            by_bot: message.sender_business_bot.is_some(),
            at: message.date.timestamp(),
            text: message.text().or(message.caption()).map(str::to_owned),
            file: shared_file(message),
            shared_contact,
        },
        edited,
    })
}

fn deleted(deleted: &BusinessMessagesDeleted) -> BusinessUpdate {
    BusinessUpdate::Deleted {
        connection_id: deleted.business_connection_id.0.clone(),
        chat_id: deleted.chat.id.0,
        message_ids: deleted.message_ids.iter().map(|id| id.0).collect(),
    }
}

/// The other person of a private chat, as the chat shows them.
fn counterpart(chat: &Chat) -> Counterpart {
    let name = [chat.first_name(), chat.last_name()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    Counterpart {
        id: chat.id.0,
        name,
        username: chat.username().map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FileKind;
    use serde_json::{Value, json};

    const MEMBER: i64 = 100;
    const CLIENT: i64 = 555;

    fn read(raw: Value) -> UpdateKind {
        super::super::read_update(raw).unwrap().kind
    }

    fn connection_update(rights: Option<Value>, enabled: bool) -> BusinessUpdate {
        let mut raw = json!({
            "id": "bc1", "user_chat_id": MEMBER, "date": 1_700_000_000, "is_enabled": enabled,
            "user": {"id": MEMBER, "is_bot": false, "first_name": "Olga", "last_name": "K",
                     "language_code": "ru"},
        });
        if let Some(rights) = rights {
            raw["rights"] = rights;
        }
        match read(json!({"update_id": 1, "business_connection": raw})) {
            UpdateKind::BusinessConnection(c) => connection(&c),
            other => panic!("not a connection: {other:?}"),
        }
    }

    #[test]
    fn a_connection_tells_its_owner_and_the_right_to_reply() {
        let BusinessUpdate::Connection {
            id,
            user,
            can_reply,
            enabled,
        } = connection_update(
            Some(json!({"can_reply": true, "can_read_messages": true})),
            true,
        )
        else {
            panic!("not a connection");
        };
        assert_eq!(id, "bc1");
        assert_eq!((user.id, user.name.as_str()), (MEMBER, "Olga K"));
        assert_eq!(user.language_code.as_deref(), Some("ru"));
        assert!(can_reply && enabled);
    }

    #[test]
    fn without_rights_or_the_reply_right_the_bot_may_not_reply() {
        for rights in [
            None,
            Some(json!({})),
            Some(json!({"can_read_messages": true})),
        ] {
            let update = connection_update(rights.clone(), false);
            let BusinessUpdate::Connection {
                can_reply, enabled, ..
            } = update
            else {
                panic!("not a connection");
            };
            assert!(!can_reply && !enabled, "{rights:?}");
        }
    }

    fn business_message(key: &str, fields: Value) -> Option<BusinessUpdate> {
        let mut message = json!({
            "message_id": 42, "date": 1_700_000_100, "business_connection_id": "bc1",
            "chat": {"id": CLIENT, "type": "private", "first_name": "Ivan", "last_name": "Petrov",
                     "username": "ivanp"},
            "from": {"id": CLIENT, "is_bot": false, "first_name": "Ivan"},
        });
        for (name, value) in fields.as_object().unwrap() {
            message[name] = value.clone();
        }
        let update: Update =
            super::super::read_update(json!({"update_id": 2, key: message})).unwrap();
        match update.kind {
            UpdateKind::BusinessMessage(m) => self::message(&m, false),
            UpdateKind::EditedBusinessMessage(m) => self::message(&m, true),
            other => panic!("not a business message: {other:?}"),
        }
    }

    fn unpack(update: Option<BusinessUpdate>) -> (String, BusinessMessage, bool) {
        match update {
            Some(BusinessUpdate::Message {
                connection_id,
                message,
                edited,
            }) => (connection_id, message, edited),
            other => panic!("not a message: {other:?}"),
        }
    }

    #[test]
    fn a_client_s_text_names_the_chat_and_the_writer() {
        let (connection_id, message, edited) = unpack(business_message(
            "business_message",
            json!({"text": "hello"}),
        ));
        assert_eq!(connection_id, "bc1");
        assert!(!edited);
        assert_eq!(message.message_id, 42);
        assert_eq!(message.chat.id, CLIENT);
        assert_eq!(message.chat.name, "Ivan Petrov");
        assert_eq!(message.chat.username.as_deref(), Some("ivanp"));
        assert_eq!(message.from_id, CLIENT);
        assert_eq!(message.at, 1_700_000_100);
        assert_eq!(message.text.as_deref(), Some("hello"));
        assert!(message.file.is_none() && message.shared_contact.is_none());
    }

    #[test]
    fn the_member_s_edited_message_is_theirs() {
        let fields = json!({
            "text": "see you at 10", "edit_date": 1_700_000_200,
            "from": {"id": MEMBER, "is_bot": false, "first_name": "Olga"},
        });
        let (_, message, edited) = unpack(business_message("edited_business_message", fields));
        assert!(edited);
        assert_eq!(message.from_id, MEMBER);
        assert_eq!(message.chat.id, CLIENT);
        assert_eq!(message.text.as_deref(), Some("see you at 10"));
    }

    #[test]
    fn a_photo_keeps_its_largest_size_and_its_caption() {
        let fields = json!({
            "photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90},
                      {"file_id": "large", "file_unique_id": "l", "width": 800, "height": 600}],
            "caption": "the invoice",
        });
        let (_, message, _) = unpack(business_message("business_message", fields));
        let file = message.file.unwrap();
        assert_eq!(
            (file.kind, file.file_id.as_str()),
            (FileKind::Photo, "large")
        );
        assert_eq!(message.text.as_deref(), Some("the invoice"));
    }

    #[test]
    fn a_shared_contact_card_gives_its_phone_and_account() {
        let fields = json!({"contact": {"phone_number": "+79991234567", "first_name": "Ivan",
                                        "user_id": CLIENT}});
        let (_, message, _) = unpack(business_message("business_message", fields));
        let contact = message.shared_contact.unwrap();
        assert_eq!(contact.phone, "+79991234567");
        assert_eq!(contact.user_id, Some(CLIENT));
        assert!(message.text.is_none());
    }

    #[test]
    fn a_message_without_its_connection_is_left_out() {
        let fields = json!({"text": "hi", "business_connection_id": null});
        assert!(business_message("business_message", fields).is_none());
    }

    #[test]
    fn the_connection_and_its_messages_and_deletions_name_one_connection() {
        let chat = json!({"id": CLIENT, "type": "private", "first_name": "Ivan"});
        let from = json!({"id": CLIENT, "is_bot": false, "first_name": "Ivan"});
        let message = json!({"message_id": 1, "date": 1, "chat": chat, "from": from,
                             "text": "hi", "business_connection_id": "bc1"});
        let updates = [
            json!({"update_id": 1, "business_connection": {
                "id": "bc1", "user": from, "user_chat_id": CLIENT, "date": 1, "is_enabled": true,
            }}),
            json!({"update_id": 2, "business_message": message}),
            json!({"update_id": 3, "edited_business_message": message}),
            json!({"update_id": 4, "deleted_business_messages": {
                "business_connection_id": "bc1", "chat": chat, "message_ids": [1],
            }}),
        ];
        for raw in updates {
            let update = super::super::read_update(raw).unwrap();
            assert_eq!(connection_of(&update).map(|id| id.0.as_str()), Some("bc1"));
        }
        let mut plain = message.clone();
        plain["business_connection_id"] = Value::Null;
        let update = super::super::read_update(json!({"update_id": 5, "message": plain}));
        assert!(connection_of(&update.unwrap()).is_none());
    }

    #[test]
    fn a_deletion_names_the_chat_and_the_messages() {
        let raw = json!({"update_id": 3, "deleted_business_messages": {
            "business_connection_id": "bc1",
            "chat": {"id": CLIENT, "type": "private", "first_name": "Ivan"},
            "message_ids": [42, 43],
        }});
        let UpdateKind::DeletedBusinessMessages(d) = read(raw) else {
            panic!("not a deletion");
        };
        let BusinessUpdate::Deleted {
            connection_id,
            chat_id,
            message_ids,
        } = deleted(&d)
        else {
            panic!("not a deletion");
        };
        assert_eq!((connection_id.as_str(), chat_id), ("bc1", CLIENT));
        assert_eq!(message_ids, [42, 43]);
    }
}
