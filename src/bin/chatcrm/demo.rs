//! `chatcrm demo`: the conversation core in a terminal, for trying the bot without a token.
//! Lines typed are messages from the demo owner; typing a button's number presses it.
//!
//! ```text
//! > /add Ivan Petrov +79991234567
//! Contact saved.
//! 👤 Ivan Petrov …
//!   [1] 📞 Log call   [2] 📝 Note
//!   [3] 🕓 History
//! > 1
//! ```

use chatcrm::chat::{Button, Core, Incoming, Input, Keyboard, Outgoing, Sender};
use chatcrm::domain::Lang;
use chatcrm::i18n::{arg, tr, tr_args};
use chatcrm::scheduler::SendFailure;
use tokio::io::{AsyncBufReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The demo's one user; made owner of the demo team on start.
pub const DEMO_USER_ID: i64 = 1;

/// Due messages are printed like replies, and their buttons become pressable.
struct DemoOutbox<'a, W> {
    out: &'a mut W,
    lang: Lang,
    pressable: &'a mut Option<Pressable>,
    next_message_id: &'a mut i32,
}

impl<W: AsyncWrite + Unpin + Send> chatcrm::scheduler::Outbox for DemoOutbox<'_, W> {
    async fn send(&mut self, reply: &Outgoing) -> Result<Option<i64>, SendFailure> {
        let shown = async {
            show(
                self.out,
                self.lang,
                reply,
                self.pressable,
                self.next_message_id,
            )
            .await?;
            self.out.write_all(b"> ").await?;
            self.out.flush().await?;
            anyhow::Ok(())
        };
        shown
            .await
            .map_err(|error| SendFailure::Transient(error.to_string()))?;
        Ok(Some(i64::from(*self.next_message_id)))
    }
}

/// The message shown last with buttons, which typed numbers press.
struct Pressable {
    message_id: i32,
    /// A picture (a report's chart) rather than text.
    photo: bool,
    buttons: Vec<Button>,
}

pub async fn run(core: &Core, lang: Lang, database: &str) -> anyhow::Result<()> {
    let mut stdout = tokio::io::stdout();
    let intro = tr_args(
        lang,
        "demo-intro",
        &[("database", arg(database.to_owned()))],
    );
    stdout.write_all(format!("{intro}\n> ").as_bytes()).await?;
    stdout.flush().await?;
    let sender = Sender {
        id: DEMO_USER_ID,
        name: "Demo".to_owned(),
        language_code: Some(lang.code().to_owned()),
    };
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut pressable: Option<Pressable> = None;
    let mut next_message_id = 1;
    let mut next_callback_id = 1;
    // Reminders fall due while the user types: the demo sends them like the bot does.
    let instance = chatcrm::chat::new_link_token();
    let mut pacer = chatcrm::scheduler::pacing::Pacer::new();
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
    loop {
        let line = tokio::select! {
            line = lines.next_line() => line?,
            _ = tick.tick() => {
                let mut outbox = DemoOutbox {
                    out: &mut stdout,
                    lang,
                    pressable: &mut pressable,
                    next_message_id: &mut next_message_id,
                };
                chatcrm::scheduler::tick(core, &instance, &mut pacer, &mut outbox).await?;
                continue;
            }
        };
        let Some(line) = line else {
            break;
        };
        let line = line.trim();
        let pressed = line.parse::<usize>().ok().and_then(|n| {
            pressable
                .as_ref()?
                .buttons
                .get(n.checked_sub(1)?)
                .map(|b| (n, b))
        });
        let input = match pressed {
            Some((_, button)) => {
                next_callback_id += 1;
                Input::Button {
                    callback_id: next_callback_id.to_string(),
                    message_id: pressable.as_ref().map(|p| p.message_id),
                    on_photo: pressable.as_ref().is_some_and(|p| p.photo),
                    data: button.data.clone(),
                }
            }
            None if line.is_empty() => {
                stdout.write_all(b"> ").await?;
                stdout.flush().await?;
                continue;
            }
            None => Input::Text(line.to_owned()),
        };
        let incoming = Incoming {
            chat_id: DEMO_USER_ID,
            from: sender.clone(),
            input,
        };
        for reply in core.handle(&incoming).await {
            let lang = core
                .store()
                .member(DEMO_USER_ID)
                .await?
                .and_then(|m| m.language)
                .unwrap_or(lang);
            show(
                &mut stdout,
                lang,
                &reply,
                &mut pressable,
                &mut next_message_id,
            )
            .await?;
        }
        stdout.write_all(b"> ").await?;
        stdout.flush().await?;
    }
    Ok(())
}

async fn show(
    out: &mut (impl AsyncWrite + Unpin),
    lang: Lang,
    reply: &Outgoing,
    pressable: &mut Option<Pressable>,
    next_message_id: &mut i32,
) -> anyhow::Result<()> {
    let no_buttons = Keyboard::none();
    let mut photo = false;
    let (text, keyboard, message_id) = match reply {
        Outgoing::Send { text, keyboard, .. } => {
            *next_message_id += 1;
            (text.clone(), keyboard, *next_message_id)
        }
        // The terminal keeps what it printed; the deleted message's buttons stop working.
        Outgoing::Delete { message_id, .. } => {
            if pressable
                .as_ref()
                .is_some_and(|p| p.message_id == *message_id)
            {
                *pressable = None;
            }
            return Ok(());
        }
        Outgoing::Edit {
            text,
            keyboard,
            message_id,
            ..
        } => (
            format!("{}\n{text}", tr(lang, "demo-edited")),
            keyboard,
            *message_id,
        ),
        // The terminal has no inline mode, no command menu and no business chats.
        Outgoing::InlineResults { .. }
        | Outgoing::CommandMenu { .. }
        | Outgoing::SendAsMember { .. } => return Ok(()),
        // Files are saved next to the demo's database; the terminal shows where.
        Outgoing::Photo {
            png,
            caption,
            keyboard,
            ..
        } => {
            let path = save_file("chart.png", png)?;
            *next_message_id += 1;
            photo = true;
            let text = format!(
                "🖼 {caption}
{}",
                path.display()
            );
            (text, keyboard, *next_message_id)
        }
        Outgoing::EditPhoto {
            message_id,
            png,
            caption,
            keyboard,
            ..
        } => {
            let path = save_file("chart.png", png)?;
            photo = true;
            let text = format!(
                "{}
🖼 {caption}
{}",
                tr(lang, "demo-edited"),
                path.display()
            );
            (text, keyboard, *message_id)
        }
        Outgoing::Document {
            file_name,
            content,
            caption,
            ..
        } => {
            let path = save_file(file_name, content)?;
            *next_message_id += 1;
            let text = format!(
                "📎 {caption}
{}",
                path.display()
            );
            (text, &no_buttons, *next_message_id)
        }
        // The terminal never sends files to the bot, so none is ever filed to send back.
        Outgoing::SharedFile { file, .. } => {
            *next_message_id += 1;
            let name = file.label().unwrap_or(&file.file_id);
            (format!("📎 {name}"), &no_buttons, *next_message_id)
        }
        Outgoing::AnswerButton { text, .. } => {
            if let Some(text) = text {
                out.write_all(format!("💬 {text}\n").as_bytes()).await?;
            }
            return Ok(());
        }
    };
    let mut shown = format!("{text}\n");
    if !keyboard.is_empty() {
        shown.push_str(&render_keyboard(keyboard));
        *pressable = Some(Pressable {
            message_id,
            photo,
            buttons: keyboard.buttons().cloned().collect(),
        });
    } else if pressable
        .as_ref()
        .is_some_and(|p| p.message_id == message_id)
    {
        *pressable = None;
    }
    shown.push('\n');
    out.write_all(shown.as_bytes()).await?;
    Ok(())
}

/// Writes a file the bot sent into the system's temporary directory.
fn save_file(name: &str, content: &[u8]) -> anyhow::Result<std::path::PathBuf> {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = std::env::temp_dir().join(format!("chatcrm-demo-{safe}"));
    std::fs::write(&path, content)?;
    Ok(path)
}

/// Buttons as numbered choices, one keyboard row a line.
fn render_keyboard(keyboard: &Keyboard) -> String {
    let mut number = 0;
    let mut text = String::new();
    for row in &keyboard.rows {
        let labels: Vec<String> = row
            .iter()
            .map(|button| {
                number += 1;
                format!("[{number}] {}", button.label)
            })
            .collect();
        text.push_str(&format!("  {}\n", labels.join("   ")));
    }
    text
}
