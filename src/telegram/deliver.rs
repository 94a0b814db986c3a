//! The core's replies as Bot API calls: messages split at Telegram's limit, edits, photos,
//! files, inline results, command menus and button answers, each tried again as Telegram asks.

use super::retry::with_retry;
use crate::chat::{Keyboard, Outgoing};
use crate::domain::FileKind;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, BusinessConnectionId, FileId, InlineKeyboardButton,
    InlineKeyboardMarkup, InlineQueryId, InlineQueryResult, InlineQueryResultArticle, InputFile,
    InputMedia, InputMediaPhoto, InputMessageContent, InputMessageContentText, MessageId,
    Recipient,
};
use teloxide::{ApiError, RequestError};

/// Telegram's limit on one message's text.
const MESSAGE_LIMIT: usize = 4096;
/// Telegram's limit on a photo's or document's caption.
const CAPTION_LIMIT: usize = 1024;

/// Sends the core's replies in order. A reply that still fails after retries is logged and
/// skipped, so one bad chat never stops the bot.
pub(super) async fn deliver(bot: &Bot, replies: Vec<Outgoing>) {
    for reply in replies {
        if let Err(error) = deliver_one(bot, &reply).await {
            tracing::error!(?reply, "cannot deliver a reply: {error}");
        }
    }
}

/// Sends one reply; for a new message, returns the id of its (last) message.
pub(super) async fn deliver_one(bot: &Bot, reply: &Outgoing) -> Result<Option<i64>, RequestError> {
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
        Outgoing::SendAsMember {
            connection_id,
            chat_id,
            text,
            sent,
            refused,
        } => {
            let text: String = text.chars().take(MESSAGE_LIMIT).collect();
            let result = with_retry("sendMessage", || {
                bot.send_message(ChatId(*chat_id), text.clone())
                    .business_connection_id(BusinessConnectionId(connection_id.clone()))
                    .send()
            })
            .await;
            match result {
                Ok(_) => Box::pin(deliver_one(bot, sent)).await,
                // Telegram refuses when the member has not let the bot reply in their chats.
                Err(RequestError::Api(error)) => {
                    tracing::info!("a send on a member's behalf was refused: {error}");
                    Box::pin(deliver_one(bot, refused)).await
                }
                Err(other) => Err(other),
            }
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
            keyboard,
        } => send_photo(bot, *chat_id, png, caption, keyboard).await,
        Outgoing::EditPhoto {
            chat_id,
            message_id,
            png,
            caption,
            keyboard,
        } => {
            let caption = fit_caption(caption);
            let edited = with_retry("editMessageMedia", || {
                let photo = InputFile::memory(png.clone()).file_name("chart.png");
                let media = InputMedia::Photo(InputMediaPhoto::new(photo).caption(caption.clone()));
                let request =
                    bot.edit_message_media(ChatId(*chat_id), MessageId(*message_id), media);
                match markup(keyboard) {
                    Some(markup) => request.reply_markup(markup).send(),
                    None => request.send(),
                }
            })
            .await;
            match edited {
                Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(None),
                // The message is gone, too old or of a kind Telegram will not put a picture in:
                // the picture comes as a new message, so the answer is not lost.
                Err(RequestError::Api(error)) => {
                    tracing::warn!("cannot edit a photo in place ({error}); sending it anew");
                    send_photo(bot, *chat_id, png, caption.as_str(), keyboard).await
                }
                Err(error) => Err(error),
            }
        }
        Outgoing::Delete {
            chat_id,
            message_id,
        } => {
            let deleted = with_retry("deleteMessage", || {
                bot.delete_message(ChatId(*chat_id), MessageId(*message_id))
                    .send()
            })
            .await;
            if let Err(RequestError::Api(error)) = &deleted {
                // Over 48 hours old, or deleted already: the old message stays, which is harmless.
                tracing::warn!("cannot delete a message: {error}");
                return Ok(None);
            }
            deleted.map(|_| None)
        }
        Outgoing::Document {
            chat_id,
            file_name,
            content,
            caption,
        } => {
            let caption = fit_caption(caption);
            let message = with_retry("sendDocument", || {
                let document = InputFile::memory(content.clone()).file_name(file_name.clone());
                bot.send_document(ChatId(*chat_id), document)
                    .caption(caption.clone())
                    .send()
            })
            .await?;
            Ok(Some(i64::from(message.id.0)))
        }
        Outgoing::SharedFile { chat_id, file } => {
            let chat = ChatId(*chat_id);
            let input = || InputFile::file_id(FileId(file.file_id.clone()));
            let caption = file.caption.clone().unwrap_or_default();
            let message = match file.kind {
                FileKind::Photo => {
                    with_retry("sendPhoto", || {
                        bot.send_photo(chat, input())
                            .caption(caption.clone())
                            .send()
                    })
                    .await?
                }
                FileKind::Document => {
                    with_retry("sendDocument", || {
                        bot.send_document(chat, input())
                            .caption(caption.clone())
                            .send()
                    })
                    .await?
                }
                FileKind::Voice => {
                    with_retry("sendVoice", || {
                        bot.send_voice(chat, input())
                            .caption(caption.clone())
                            .send()
                    })
                    .await?
                }
                FileKind::Video => {
                    with_retry("sendVideo", || {
                        bot.send_video(chat, input())
                            .caption(caption.clone())
                            .send()
                    })
                    .await?
                }
            };
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

async fn send_photo(
    bot: &Bot,
    chat_id: i64,
    png: &[u8],
    caption: &str,
    keyboard: &Keyboard,
) -> Result<Option<i64>, RequestError> {
    let caption = fit_caption(caption);
    let message = with_retry("sendPhoto", || {
        let photo = InputFile::memory(png.to_vec()).file_name("chart.png");
        let request = bot
            .send_photo(ChatId(chat_id), photo)
            .caption(caption.clone());
        match markup(keyboard) {
            Some(markup) => request.reply_markup(markup).send(),
            None => request.send(),
        }
    })
    .await?;
    Ok(Some(i64::from(message.id.0)))
}

/// `caption` within Telegram's limit on captions: cut at the last line end that fits, or mid-line
/// when the first line alone is too long, and ended with "…".
pub fn fit_caption(caption: &str) -> String {
    if caption.chars().count() <= CAPTION_LIMIT {
        return caption.to_owned();
    }
    let room = CAPTION_LIMIT - 1;
    let mut kept = String::new();
    let mut length = 0;
    for line in caption.split_inclusive('\n') {
        let line_length = line.chars().count();
        if length + line_length > room {
            break;
        }
        kept.push_str(line);
        length += line_length;
    }
    if kept.is_empty() {
        kept = caption.chars().take(room).collect();
    }
    format!("{}…", kept.trim_end())
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

    #[test]
    fn long_captions_are_cut_at_a_line_end() {
        assert_eq!(fit_caption("short\ntext"), "short\ntext");
        let exact = "я".repeat(CAPTION_LIMIT);
        assert_eq!(fit_caption(&exact), exact);
        let lines = format!(
            "{}\n{}\n{}",
            "a".repeat(600),
            "b".repeat(400),
            "c".repeat(100)
        );
        let fitted = fit_caption(&lines);
        assert_eq!(fitted, format!("{}\n{}…", "a".repeat(600), "b".repeat(400)));
        let one_line = "ж".repeat(5000);
        let fitted = fit_caption(&one_line);
        assert_eq!(fitted.chars().count(), CAPTION_LIMIT);
        assert!(fitted.ends_with('…'));
    }
}
