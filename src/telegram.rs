//! The Telegram adapter: turns Bot API updates into core inputs and core replies into Bot API
//! calls, retrying what Telegram asks to retry. Everything else lives in the core.

use crate::chat::{
    Core, FileProblem, Incoming, Input, Keyboard, MAX_FILE_BYTES, Outgoing, Sender, menu,
};
use crate::domain::{Lang, Role};
use crate::i18n::tr;
use crate::scheduler::SendFailure;
use crate::scheduler::pacing::Pacer;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryId,
    InlineQueryResult, InlineQueryResultArticle, InputFile, InputMessageContent,
    InputMessageContentText, MessageId, Recipient, User,
};
use teloxide::{ApiError, RequestError};

/// Telegram's limit on one message's text.
const MESSAGE_LIMIT: usize = 4096;
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
fn is_transient(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        RequestError::Api(ApiError::Unknown(description)) => !CLIENT_ERROR_CLASSES
            .iter()
            .any(|class| description.starts_with(class)),
        _ => false,
    }
}

/// Registers the command list shown in Telegram's menu, in each language: what any member may
/// use. Each member's own chat gets the list of their role ([`register_member_menus`]).
pub async fn register_commands(bot: &Bot) -> Result<(), RequestError> {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = menu(Role::Manager)
            .map(|listing| {
                let name = listing.name;
                BotCommand::new(name, tr(lang, &format!("command-{name}")))
            })
            .collect();
        with_retry("setMyCommands", || {
            bot.set_my_commands(commands.clone())
                .language_code(lang.code())
                .send()
        })
        .await?;
        if lang == Lang::En {
            // Clients in any other language get the English list.
            with_retry("setMyCommands", || {
                bot.set_my_commands(commands.clone()).send()
            })
            .await?;
        }
    }
    Ok(())
}

/// Sets every member's own command menu (what their role may use), in the background: a
/// failure is logged and the common menu stays until the member's role changes.
pub async fn register_member_menus(bot: Bot, core: Arc<Core>) {
    let menus = match core.member_menus().await {
        Ok(menus) => menus,
        Err(error) => {
            tracing::warn!("cannot read the members' menus: {error:#}");
            return;
        }
    };
    for menu in menus {
        if let Err(error) = deliver_one(&bot, &menu).await {
            tracing::warn!(?menu, "cannot set a member's menu: {error}");
        }
    }
}

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

/// Sends the core's replies in order. A reply that still fails after retries is logged and
/// skipped, so one bad chat never stops the bot.
async fn deliver(bot: &Bot, replies: Vec<Outgoing>) {
    for reply in replies {
        if let Err(error) = deliver_one(bot, &reply).await {
            tracing::error!(?reply, "cannot deliver a reply: {error}");
        }
    }
}

/// Sends one reply; for a new message, returns the id of its (last) message.
async fn deliver_one(bot: &Bot, reply: &Outgoing) -> Result<Option<i64>, RequestError> {
    match reply {
        Outgoing::Send {
            chat_id,
            text,
            keyboard,
        } => {
            let chunks = split_message(text, MESSAGE_LIMIT);
            let last = chunks.len() - 1;
            let mut sent = None;
            for (i, chunk) in chunks.iter().enumerate() {
                let message = with_retry("sendMessage", || {
                    let request = bot.send_message(ChatId(*chat_id), chunk.clone());
                    match (i == last, markup(keyboard)) {
                        (true, Some(markup)) => request.reply_markup(markup).send(),
                        _ => request.send(),
                    }
                })
                .await?;
                sent = Some(i64::from(message.id.0));
            }
            Ok(sent)
        }
        Outgoing::Edit {
            chat_id,
            message_id,
            text,
            keyboard,
        } => {
            let text: String = text.chars().take(MESSAGE_LIMIT).collect();
            let edited = with_retry("editMessageText", || {
                let request =
                    bot.edit_message_text(ChatId(*chat_id), MessageId(*message_id), text.clone());
                match markup(keyboard) {
                    Some(markup) => request.reply_markup(markup).send(),
                    None => request.send(),
                }
            })
            .await;
            match edited {
                // Pressing a button that shows what is already shown is not a failure.
                Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(None),
                other => other.map(|_| None),
            }
        }
        Outgoing::Photo {
            chat_id,
            png,
            caption,
        } => {
            let message = with_retry("sendPhoto", || {
                let photo = InputFile::memory(png.clone()).file_name("chart.png");
                bot.send_photo(ChatId(*chat_id), photo)
                    .caption(caption.clone())
                    .send()
            })
            .await?;
            Ok(Some(i64::from(message.id.0)))
        }
        Outgoing::Document {
            chat_id,
            file_name,
            content,
            caption,
        } => {
            let message = with_retry("sendDocument", || {
                let document = InputFile::memory(content.clone()).file_name(file_name.clone());
                bot.send_document(ChatId(*chat_id), document)
                    .caption(caption.clone())
                    .send()
            })
            .await?;
            Ok(Some(i64::from(message.id.0)))
        }
        Outgoing::InlineResults { query_id, results } => {
            let articles: Vec<InlineQueryResult> = results
                .iter()
                .map(|article| {
                    InlineQueryResultArticle::new(
                        article.id.clone(),
                        article.title.clone(),
                        InputMessageContent::Text(InputMessageContentText::new(
                            article.text.clone(),
                        )),
                    )
                    .description(article.description.clone())
                    .into()
                })
                .collect();
            with_retry("answerInlineQuery", || {
                bot.answer_inline_query(InlineQueryId(query_id.clone()), articles.clone())
                    // Results depend on who asks: never cache them, never share them.
                    .cache_time(0)
                    .is_personal(true)
                    .send()
            })
            .await?;
            Ok(None)
        }
        Outgoing::CommandMenu { chat_id, commands } => {
            let scope = BotCommandScope::Chat {
                chat_id: Recipient::Id(ChatId(*chat_id)),
            };
            if commands.is_empty() {
                with_retry("deleteMyCommands", || {
                    bot.delete_my_commands().scope(scope.clone()).send()
                })
                .await?;
            } else {
                let commands: Vec<BotCommand> = commands
                    .iter()
                    .map(|(name, description)| BotCommand::new(name, description))
                    .collect();
                with_retry("setMyCommands", || {
                    bot.set_my_commands(commands.clone())
                        .scope(scope.clone())
                        .send()
                })
                .await?;
            }
            Ok(None)
        }
        Outgoing::AnswerButton { callback_id, text } => {
            with_retry("answerCallbackQuery", || {
                let request = bot
                    .answer_callback_query(teloxide::types::CallbackQueryId(callback_id.clone()));
                match text {
                    Some(text) => request.text(text.clone()).send(),
                    None => request.send(),
                }
            })
            .await?;
            Ok(None)
        }
    }
}

fn markup(keyboard: &Keyboard) -> Option<InlineKeyboardMarkup> {
    (!keyboard.is_empty()).then(|| {
        InlineKeyboardMarkup::new(keyboard.rows.iter().map(|row| {
            row.iter()
                .map(|button| {
                    InlineKeyboardButton::callback(button.label.clone(), button.data.clone())
                })
                .collect::<Vec<_>>()
        }))
    })
}

/// How often the scheduler looks for due jobs (real time).
const SCHEDULER_PERIOD: Duration = Duration::from_millis(500);

/// Due messages go out through the Bot API.
pub struct TelegramOutbox {
    bot: Bot,
}

impl TelegramOutbox {
    pub fn new(bot: Bot) -> Self {
        Self { bot }
    }
}

impl crate::scheduler::Outbox for TelegramOutbox {
    async fn send(&mut self, reply: &Outgoing) -> Result<Option<i64>, SendFailure> {
        deliver_one(&self.bot, reply)
            .await
            .map_err(|error| match error {
                RequestError::Api(
                    ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::ChatNotFound,
                ) => SendFailure::Unreachable,
                other => SendFailure::Transient(other.to_string()),
            })
    }
}

/// Sends what is due, forever (see [`crate::scheduler::tick`]).
pub async fn run_scheduler(bot: Bot, core: Arc<Core>) {
    let instance = crate::chat::new_link_token();
    let mut pacer = Pacer::new();
    let mut outbox = TelegramOutbox::new(bot);
    loop {
        if let Err(error) = crate::scheduler::tick(&core, &instance, &mut pacer, &mut outbox).await
        {
            tracing::error!("scheduler tick failed: {error:#}");
        }
        tokio::time::sleep(SCHEDULER_PERIOD).await;
    }
}

/// Cuts `text` into pieces of at most `limit` characters, at line ends where possible.
pub fn split_message(text: &str, limit: usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for line in text.split_inclusive('\n') {
        let mut line = line;
        loop {
            let line_len = line.chars().count();
            if current_len + line_len <= limit {
                current.push_str(line);
                current_len += line_len;
                break;
            }
            if current_len > 0 {
                chunks.push(std::mem::take(&mut current));
                current_len = 0;
                continue;
            }
            // A single line longer than the limit is cut mid-line.
            let cut = line
                .char_indices()
                .nth(limit)
                .map_or(line.len(), |(i, _)| i);
            chunks.push(line[..cut].to_owned());
            line = &line[cut..];
        }
    }
    if !current.is_empty() || chunks.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn short_text_is_one_message() {
        assert_eq!(split_message("hello", 10), vec!["hello"]);
        assert_eq!(split_message("", 10), vec![""]);
    }

    #[test]
    fn long_text_splits_at_line_ends_and_never_exceeds_the_limit() {
        let text = "aaaa\nbbbb\ncccc\n";
        assert_eq!(split_message(text, 10), vec!["aaaa\nbbbb\n", "cccc\n"]);
        let long = "я".repeat(25);
        let chunks = split_message(&long, 10);
        assert_eq!(chunks.len(), 3);
        assert!(chunks.iter().all(|c| c.chars().count() <= 10));
        assert_eq!(chunks.concat(), long);
    }
}
