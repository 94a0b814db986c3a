//! The Telegram adapter: turns Bot API updates into core inputs and core replies into Bot API
//! calls, retrying what Telegram asks to retry. Everything else lives in the core.

mod deliver;
mod menus;
mod outbox;
mod retry;

pub use menus::{register_commands, register_member_menus};
pub use outbox::TelegramOutbox;
pub use outbox::run_scheduler;
pub use retry::with_retry;

use deliver::deliver;

use crate::chat::{Core, FileProblem, Incoming, Input, MAX_FILE_BYTES, Outgoing, Sender};
use std::future::Future;
use std::sync::Arc;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::User;

/// What answers an update: the conversation core, or (to measure the adapter alone) a
/// benchmark's stand-in.
pub trait Handler: Send + Sync + 'static {
    fn handle(&self, incoming: &Incoming) -> impl Future<Output = Vec<Outgoing>> + Send;
}

impl Handler for Core {
    fn handle(&self, incoming: &Incoming) -> impl Future<Output = Vec<Outgoing>> + Send {
        Core::handle(self, incoming)
    }
}

/// Polls Telegram and serves updates until Ctrl+C. Updates of one chat are handled in order,
/// different chats concurrently.
pub async fn serve<H: Handler>(bot: Bot, handler: Arc<H>) {
    let endpoints = dptree::entry()
        .branch(Update::filter_message().endpoint(on_message::<H>))
        .branch(Update::filter_callback_query().endpoint(on_button::<H>))
        .branch(Update::filter_inline_query().endpoint(on_inline_query::<H>));
    Dispatcher::builder(bot, endpoints)
        .dependencies(dptree::deps![handler])
        .default_handler(|_| async {})
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
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
    let input = match (message.text(), message.document()) {
        (Some(text), _) => Input::Text(text.to_owned()),
        (None, Some(document)) => Input::Document {
            file_name: document.file_name.clone().unwrap_or_default(),
            content: download(&bot, document).await,
        },
        (None, None) => Input::Unsupported,
    };
    let incoming = Incoming {
        chat_id: message.chat.id.0,
        from: sender(from),
        input,
    };
    deliver(&bot, core.handle(&incoming).await).await;
    Ok(())
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
