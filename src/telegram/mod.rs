//! The Telegram adapter: turns Bot API updates into core inputs and core replies into Bot API
//! calls, retrying what Telegram asks to retry. Everything else lives in the core.

mod business;
mod deliver;
mod menus;
mod outbox;
mod polling;
mod retry;
mod updates;

pub use menus::{register_commands, register_member_menus};
pub use outbox::TelegramOutbox;
pub use outbox::run_scheduler;
pub use retry::with_retry;
pub use updates::{UnreadableUpdate, read_update};

use deliver::deliver;

use crate::chat::{
    BusinessUpdate, Core, FileProblem, Incoming, Input, MAX_FILE_BYTES, Origin, Outgoing, Sender,
};
use crate::domain::{FileKind, SharedFile, is_import_file};
use crate::shutdown::Shutdown;
use std::future::Future;
use std::sync::Arc;
use teloxide::error_handlers::IgnoringErrorHandlerSafe;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, BusinessConnectionId, MessageOrigin, UpdateKind, User};

/// What answers an update: the conversation core, or (to measure the adapter alone) a
/// benchmark's stand-in.
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, incoming: &Incoming) -> impl Future<Output = Vec<Outgoing>> + Send;

    /// A Telegram Business update (a member's own chats); ignored unless handled.
    fn handle_business(
        &self,
        update: &BusinessUpdate,
    ) -> impl Future<Output = Vec<Outgoing>> + Send {
        let _ = update;
        async { Vec::new() }
    }
}

impl Handler for Core {
    fn handle(&self, incoming: &Incoming) -> impl Future<Output = Vec<Outgoing>> + Send {
        Core::handle(self, incoming)
    }

    fn handle_business(
        &self,
        update: &BusinessUpdate,
    ) -> impl Future<Output = Vec<Outgoing>> + Send {
        Core::handle_business(self, update)
    }
}

/// Polls Telegram and serves updates until `shutdown`, then finishes those in flight. Updates
/// of one chat are handled in order, different chats concurrently. Polling removes a webhook
/// set before (Telegram serves one or the other).
pub async fn serve<H: Handler>(bot: Bot, handler: Arc<H>, shutdown: Shutdown) {
    let endpoints = dptree::entry()
        .branch(Update::filter_message().endpoint(on_message::<H>))
        .branch(Update::filter_callback_query().endpoint(on_button::<H>))
        .branch(Update::filter_inline_query().endpoint(on_inline_query::<H>))
        .branch(Update::filter_business_connection().endpoint(business::on_connection::<H>))
        .branch(Update::filter_business_message().endpoint(business::on_message::<H>))
        .branch(Update::filter_edited_business_message().endpoint(business::on_edited_message::<H>))
        .branch(Update::filter_deleted_business_messages().endpoint(business::on_deleted::<H>));
    let poller = polling::Poller::start(bot.clone(), shutdown).await;
    let mut dispatcher = Dispatcher::builder(bot, endpoints)
        .dependencies(dptree::deps![handler])
        .default_handler(|_| async {})
        .distribution_function(lane)
        .build();
    // The poller ends on `shutdown` itself; the dispatcher then waits for the updates in
    // flight. It never fails: an unreadable update is logged and skipped where it is read.
    dispatcher
        .dispatch_with_listener(poller, IgnoringErrorHandlerSafe::new())
        .await;
}

/// Updates handled one after another: those of one chat, and those of one Business connection
/// (whichever client's chat), so that no message overtakes the connection it came through.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Lane {
    Chat(ChatId),
    Business(BusinessConnectionId),
}

fn lane(update: &Update) -> Option<Lane> {
    match business::connection_of(update) {
        Some(connection) => Some(Lane::Business(connection.clone())),
        None => update.chat().map(|chat| Lane::Chat(chat.id)),
    }
}

/// Handles one update pushed to the webhook, as the poller's dispatcher would.
pub async fn handle_update<H: Handler>(bot: &Bot, handler: &Arc<H>, update: Update) {
    let (bot, handler) = (bot.clone(), handler.clone());
    // The handlers never fail: what Telegram refuses is logged where it is sent.
    let _ = match update.kind {
        UpdateKind::Message(message) => on_message(bot, handler, message).await,
        UpdateKind::CallbackQuery(query) => on_button(bot, handler, query).await,
        UpdateKind::InlineQuery(query) => on_inline_query(bot, handler, query).await,
        UpdateKind::BusinessConnection(connection) => {
            business::on_connection(bot, handler, connection).await
        }
        UpdateKind::BusinessMessage(message) => business::on_message(bot, handler, message).await,
        UpdateKind::EditedBusinessMessage(message) => {
            business::on_edited_message(bot, handler, message).await
        }
        UpdateKind::DeletedBusinessMessages(deleted) => {
            business::on_deleted(bot, handler, deleted).await
        }
        _ => Ok(()),
    };
}

/// The updates the bot reads; others Telegram need not send.
const ALLOWED_UPDATES: [AllowedUpdate; 7] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::InlineQuery,
    AllowedUpdate::BusinessConnection,
    AllowedUpdate::BusinessMessage,
    AllowedUpdate::EditedBusinessMessage,
    AllowedUpdate::DeletedBusinessMessages,
];

/// Asks Telegram to push updates to `url`, each with `secret` in its header.
pub async fn set_webhook(bot: &Bot, url: &url::Url, secret: &str) -> anyhow::Result<()> {
    with_retry("setWebhook", || {
        bot.set_webhook(url.clone())
            .secret_token(secret.to_owned())
            .allowed_updates(ALLOWED_UPDATES)
            .send()
    })
    .await?;
    Ok(())
}

/// Where Telegram pushes updates now, if anywhere.
pub async fn webhook_url(bot: &Bot) -> anyhow::Result<Option<url::Url>> {
    let info = with_retry("getWebhookInfo", || bot.get_webhook_info().send()).await?;
    Ok(info.url)
}

/// Stops Telegram pushing updates (polling works again).
pub async fn delete_webhook(bot: &Bot) -> anyhow::Result<()> {
    with_retry("deleteWebhook", || bot.delete_webhook().send()).await?;
    Ok(())
}

fn sender(user: &User) -> Sender {
    Sender {
        id: user.id.0 as i64,
        name: user.full_name(),
        language_code: user.language_code.clone(),
    }
}

async fn on_message<H: Handler>(bot: Bot, core: Arc<H>, message: Message) -> ResponseResult<()> {
    // Channels and anonymous admins have no sender; the core decides what a group may do.
    let Some(from) = message.from.as_ref() else {
        return Ok(());
    };
    let origin = message.forward_origin().map(origin);
    let input = match (message.text(), shared_file(&message), message.document()) {
        (Some(text), _, _) => match origin {
            Some(origin) => Input::Forwarded {
                origin,
                text: text.to_owned(),
            },
            None => Input::Text(text.to_owned()),
        },
        // Only a table the member sends is downloaded: the other files stay with Telegram.
        (None, _, Some(document))
            if is_import_file(
                document.file_name.as_deref().unwrap_or_default(),
                origin.is_some(),
            ) =>
        {
            Input::Document {
                file_name: document.file_name.clone().unwrap_or_default(),
                content: download(&bot, document).await,
            }
        }
        (None, Some(file), _) => Input::File { file, origin },
        (None, None, _) => Input::Unsupported,
    };
    let incoming = Incoming {
        chat_id: message.chat.id.0,
        from: sender(from),
        input,
    };
    deliver(&bot, core.handle(&incoming).await).await;
    Ok(())
}

/// Who wrote a forwarded message, as far as Telegram tells.
fn origin(origin: &MessageOrigin) -> Origin {
    let (user_id, username, name) = match origin {
        MessageOrigin::User { sender_user, .. } => (
            Some(sender_user.id.0 as i64),
            sender_user.username.clone(),
            sender_user.full_name(),
        ),
        MessageOrigin::HiddenUser {
            sender_user_name, ..
        } => (None, None, sender_user_name.clone()),
        MessageOrigin::Chat {
            sender_chat: chat, ..
        }
        | MessageOrigin::Channel { chat, .. } => (
            None,
            chat.username().map(str::to_owned),
            chat.title().unwrap_or_default().to_owned(),
        ),
    };
    Origin {
        user_id,
        username,
        name,
        at: origin.date().timestamp(),
    }
}

/// The photo (its largest size), document, voice note or video a message carries.
fn shared_file(message: &Message) -> Option<SharedFile> {
    let (kind, file_id, file_name) = if let Some(sizes) = message.photo() {
        (FileKind::Photo, sizes.last()?.file.id.0.clone(), None)
    } else if let Some(document) = message.document() {
        let name = document.file_name.clone();
        (FileKind::Document, document.file.id.0.clone(), name)
    } else if let Some(voice) = message.voice() {
        (FileKind::Voice, voice.file.id.0.clone(), None)
    } else if let Some(video) = message.video() {
        let name = video.file_name.clone();
        (FileKind::Video, video.file.id.0.clone(), name)
    } else {
        return None;
    };
    Some(SharedFile {
        kind,
        file_id,
        file_name,
        caption: message.caption().map(str::to_owned),
    })
}

/// Fetches a file sent to the bot, unless it is too large to read.
async fn download(bot: &Bot, document: &teloxide::types::Document) -> Result<Vec<u8>, FileProblem> {
    if u64::from(document.file.size) > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let fetched = async {
        let file = with_retry("getFile", || bot.get_file(document.file.id.clone()).send()).await?;
        let mut content = Vec::new();
        bot.download_file(&file.path, &mut content).await?;
        anyhow::Ok(content)
    };
    fetched.await.map_err(|error| {
        tracing::warn!("cannot download a file: {error:#}");
        FileProblem::Unavailable
    })
}

async fn on_button<H: Handler>(bot: Bot, core: Arc<H>, query: CallbackQuery) -> ResponseResult<()> {
    let message = query.regular_message();
    let incoming = Incoming {
        chat_id: message.map_or(query.from.id.0 as i64, |m| m.chat.id.0),
        from: sender(&query.from),
        input: Input::Button {
            callback_id: query.id.0.clone(),
            message_id: message.map(|m| m.id.0),
            on_photo: message.is_some_and(|m| m.photo().is_some()),
            data: query.data.clone().unwrap_or_default(),
        },
    };
    deliver(&bot, core.handle(&incoming).await).await;
    Ok(())
}

async fn on_inline_query<H: Handler>(
    bot: Bot,
    core: Arc<H>,
    query: InlineQuery,
) -> ResponseResult<()> {
    let incoming = Incoming {
        chat_id: query.from.id.0 as i64,
        from: sender(&query.from),
        input: Input::Inline {
            query_id: query.id.0.clone(),
            query: query.query.clone(),
        },
    };
    deliver(&bot, core.handle(&incoming).await).await;
    Ok(())
}
