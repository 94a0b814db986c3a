//! What reaches the core from a chat (a message, a button press, a file, an inline query) and
//! what it answers with, as plain data: the adapters translate both to and from Telegram.

use crate::chat::keyboard::Keyboard;
use crate::domain::SharedFile;

/// The Telegram user behind an update.
#[derive(Debug, Clone)]
pub struct Sender {
    pub id: i64,
    /// First and last name as Telegram shows them.
    pub name: String,
    pub language_code: Option<String>,
}

/// Who wrote a message the member forwarded to the bot.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Their Telegram account, unless they hide it.
    pub user_id: Option<i64>,
    pub username: Option<String>,
    /// The name Telegram shows (a chat's title for a channel's post).
    pub name: String,
    /// When they wrote it, Unix seconds.
    pub at: i64,
}

#[derive(Debug, Clone)]
pub enum Input {
    Text(String),
    /// A message the member forwarded (from a client's chat): its text or caption.
    Forwarded {
        origin: Origin,
        text: String,
    },
    /// A photo, voice note, video, or a document that is not a table to import; `origin` when
    /// it was forwarded.
    File {
        file: SharedFile,
        origin: Option<Origin>,
    },
    /// A sticker, a location or anything else the bot does not read.
    Unsupported,
    /// `@bot query` typed in any chat.
    Inline {
        query_id: String,
        query: String,
    },
    /// A file sent to the bot: its name and content, or why it could not be read.
    Document {
        file_name: String,
        content: Result<Vec<u8>, FileProblem>,
    },
    /// An inline button press; `message_id` is the message that carries the button (`None`
    /// when Telegram no longer shows it to the bot), and `on_photo` says whether that message is
    /// a photo (a report's chart) rather than text.
    Button {
        callback_id: String,
        message_id: Option<i32>,
        on_photo: bool,
        data: String,
    },
}

/// Why a file sent to the bot was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// Over [`MAX_FILE_BYTES`]: not downloaded at all.
    TooLarge,
    /// Telegram did not hand it over.
    Unavailable,
}

/// The largest file the bot reads (Telegram's own limit for bots is 20 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Incoming {
    pub chat_id: i64,
    pub from: Sender,
    pub input: Input,
}

/// What Telegram Business tells of a member's own chats, once the member connected the bot to
/// their account (Telegram → Settings → Telegram Business → Chatbots).
#[derive(Debug, Clone)]
pub enum BusinessUpdate {
    /// The account's owner connected the bot, changed its rights, or disconnected it.
    Connection {
        id: String,
        /// The account's owner.
        user: Sender,
        /// Whether the bot may send messages on the owner's behalf.
        can_reply: bool,
        enabled: bool,
    },
    /// A new or edited message in one of the account's private chats.
    Message {
        connection_id: String,
        message: BusinessMessage,
        edited: bool,
    },
    /// Messages deleted in one of the account's chats.
    Deleted {
        connection_id: String,
        /// The chat: the other person's user id.
        chat_id: i64,
        message_ids: Vec<i32>,
    },
}

/// One message of a business chat: written by the account's owner or by the other person.
#[derive(Debug, Clone)]
pub struct BusinessMessage {
    pub message_id: i32,
    /// The other person in the private chat (the chat's id is their user id).
    pub chat: Counterpart,
    /// Who wrote it: the account's owner or the other person.
    pub from_id: i64,
    /// Sent by a bot on the owner's behalf (this one's ✍️ Write): never a command.
    pub by_bot: bool,
    /// When it was written, Unix seconds.
    pub at: i64,
    /// The text, or a file's caption.
    pub text: Option<String>,
    pub file: Option<SharedFile>,
    /// A phone shared as a contact card in the chat, with its owner's account when known.
    pub shared_contact: Option<SharedContact>,
}

/// The other person of a business chat, as Telegram shows them.
#[derive(Debug, Clone)]
pub struct Counterpart {
    pub id: i64,
    pub name: String,
    pub username: Option<String>,
}

/// A contact card sent in a chat.
#[derive(Debug, Clone)]
pub struct SharedContact {
    pub phone: String,
    pub user_id: Option<i64>,
}

/// What the bot does in reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Send {
        chat_id: i64,
        text: String,
        keyboard: Keyboard,
    },
    Edit {
        chat_id: i64,
        message_id: i32,
        text: String,
        keyboard: Keyboard,
    },
    /// Stops the button's spinner, with a short notice when `text` is set.
    AnswerButton {
        callback_id: String,
        text: Option<String>,
    },
    /// A picture (a report's chart) with a caption and buttons under it. A caption longer than
    /// Telegram's limit (1 024 characters) is cut at a line end, with "…".
    Photo {
        chat_id: i64,
        png: Vec<u8>,
        caption: String,
        keyboard: Keyboard,
    },
    /// Replaces the picture, caption and buttons of the message `message_id` in place
    /// (`editMessageMedia`); a text message gets the picture added. Should Telegram refuse the
    /// edit, the picture is sent as a new message instead.
    EditPhoto {
        chat_id: i64,
        message_id: i32,
        png: Vec<u8>,
        caption: String,
        keyboard: Keyboard,
    },
    /// Deletes a message the bot sent: a photo that a text answer replaces (no edit turns a
    /// photo back into text). A message Telegram will not delete (over 48 hours old) stays.
    Delete { chat_id: i64, message_id: i32 },
    /// A file Telegram already keeps (one filed on a card), sent again by its id.
    SharedFile { chat_id: i64, file: SharedFile },
    /// A file (an export, the rejected rows of an import) with a caption.
    Document {
        chat_id: i64,
        file_name: String,
        content: Vec<u8>,
        caption: String,
    },
    /// The commands Telegram's menu lists in one member's private chat, as (name,
    /// description); empty for the menu everyone else sees (a member who left).
    CommandMenu {
        chat_id: i64,
        commands: Vec<(String, String)>,
    },
    /// A text sent on a member's behalf into their chat `chat_id` through their business
    /// connection, then `sent` to the member; should Telegram refuse it (the bot may not reply
    /// there), `refused` instead.
    SendAsMember {
        connection_id: String,
        chat_id: i64,
        text: String,
        sent: Box<Outgoing>,
        refused: Box<Outgoing>,
    },
    /// The answer to an inline query: contacts to pick from.
    InlineResults {
        query_id: String,
        results: Vec<InlineArticle>,
    },
}

/// One inline result: a contact, sent as a short card when picked.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineArticle {
    pub id: String,
    pub title: String,
    pub description: String,
    pub text: String,
}
