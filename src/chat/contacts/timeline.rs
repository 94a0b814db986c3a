//! The contact's timeline: notes, and the history of calls, meetings, edits and deals, paged.

use crate::chat::choices::CallOutcome;
use crate::chat::context::Core;
use crate::chat::inbox::file_kind_label;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::Outcome;
use crate::chat::route::buttons::{Action, pager};
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, moment_in, scope_of};
use crate::domain::{FileKind, HistoryKind, InputError};
use crate::i18n::{arg, tr_args};
use crate::store::{HistoryEntry, Member};

const HISTORY_PAGE: u32 = 10;

const NOTE_MAX_CHARS: usize = 2000;

/// How much of a note a timeline line shows.
const ENTRY_PREVIEW_CHARS: usize = 300;

/// "📎 contract.pdf", or "📎 photo" for a file with neither name nor caption.
fn file_label(turn: &Turn<'_>, entry: &HistoryEntry) -> String {
    let name = match &entry.body {
        Some(name) => name.clone(),
        None => (entry.outcome.as_deref())
            .and_then(FileKind::parse)
            .map(|kind| file_kind_label(turn, kind))
            .unwrap_or_default(),
    };
    format!("📎 {name}")
}

impl Core {
    /// A note's text, or `None` after telling the user why it was refused.
    pub(in crate::chat) fn parse_note(&self, turn: &mut Turn<'_>, text: &str) -> Option<String> {
        let note = text.trim();
        let error = if note.is_empty() {
            InputError::NoteEmpty
        } else if note.chars().count() > NOTE_MAX_CHARS {
            InputError::NoteTooLong {
                max: NOTE_MAX_CHARS,
            }
        } else {
            return Some(note.to_owned());
        };
        let message = input_error_text(turn.lang, &error);
        turn.send(message, Keyboard::none());
        None
    }

    /// The note typed after the card's Note button; a refused text leaves the question open.
    pub(in crate::chat) async fn save_note(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let saved = self
            .save_entry(turn, member, contact_id, text, HistoryKind::Note)
            .await?;
        Ok(if saved { Outcome::Done } else { Outcome::Keep })
    }

    pub(in crate::chat) async fn history(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, id).await? else {
            return Ok(());
        };
        let offset = i64::from(page) * i64::from(HISTORY_PAGE);
        let (entries, total) = self
            .store
            .history_page(
                id,
                scope_of(member).owner_id,
                offset,
                i64::from(HISTORY_PAGE),
            )
            .await?;
        let pages = (total + i64::from(HISTORY_PAGE) - 1) / i64::from(HISTORY_PAGE);
        let mut lines = vec![tr_args(
            turn.lang,
            "history-title",
            &[
                ("name", arg(contact.name)),
                ("page", arg(i64::from(page) + 1)),
                ("pages", arg(pages.max(1))),
            ],
        )];
        lines.extend(entries.iter().map(|entry| self.entry_text(turn, entry)));
        // Each file on the page is sent again by its own button.
        let files: Vec<Button> = entries
            .iter()
            .filter_map(|entry| {
                let id = entry.attachment_id?;
                Some(Button::new(file_label(turn, entry), Action::SendFile(id)))
            })
            .collect();
        let pages = u32::try_from(pages).unwrap_or(u32::MAX);
        let nav = pager(page, pages, |to| Action::History(id, to)).unwrap_or_default();
        let keyboard = Keyboard::none()
            .rows(files.chunks(2).map(<[Button]>::to_vec))
            .row(nav)
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::ShowCard(id),
            )]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    pub(in crate::chat) fn entry_text(&self, turn: &Turn<'_>, entry: &HistoryEntry) -> String {
        // Times read in the viewer's own zone when they set one.
        let zone = turn
            .member
            .as_ref()
            .and_then(|m| m.time_zone)
            .unwrap_or(self.config.time_zone);
        let when = moment_in(zone, entry.created_at);
        let what = match entry.kind {
            HistoryKind::Created => turn.tr("history-created"),
            HistoryKind::Note => turn.tr("history-note"),
            HistoryKind::HandedOver => turn.tr("history-handed-over"),
            HistoryKind::Archived => turn.tr("history-archived"),
            HistoryKind::Restored => turn.tr("history-restored"),
            HistoryKind::Merged => turn.tr("history-merged"),
            HistoryKind::Linked => turn.tr("history-linked"),
            HistoryKind::DealOpened => turn.tr("history-deal-opened"),
            HistoryKind::StageChanged => turn.tr("history-stage-changed"),
            HistoryKind::Converted => turn.tr("history-converted"),
            HistoryKind::DealEdited => turn.tr("history-deal-edited"),
            HistoryKind::DealReopened => turn.tr("history-deal-reopened"),
            HistoryKind::ClientLinked => turn.tr("history-client-linked"),
            HistoryKind::ClientUnlinked => turn.tr("history-client-unlinked"),
            HistoryKind::ClientDropped => turn.tr("history-client-dropped"),
            HistoryKind::AppointmentBooked => turn.tr("history-appointment-booked"),
            HistoryKind::AppointmentConfirmed => turn.tr("history-appointment-confirmed"),
            HistoryKind::AppointmentReschedule => turn.tr("history-appointment-reschedule"),
            HistoryKind::Unsubscribed => turn.tr("history-unsubscribed"),
            HistoryKind::FeedbackRating => {
                let survey = entry.body.as_deref().unwrap_or_default();
                let rating = entry.outcome.as_deref().unwrap_or_default();
                return format!(
                    "{when} · {}",
                    tr_args(
                        turn.lang,
                        "history-feedback-rating",
                        &[
                            ("rating", arg(rating.to_owned())),
                            ("survey", arg(turn.tr(&format!("survey-name-{survey}")))),
                        ],
                    )
                );
            }
            HistoryKind::FeedbackComment => turn.tr("history-feedback-comment"),
            HistoryKind::MessageIn => turn.tr("history-message-in"),
            HistoryKind::MessageOut => turn.tr("history-message-out"),
            // "📎 contract.pdf": the name is the entry, with no body after it.
            HistoryKind::File => {
                return format!(
                    "{when} · {} · {}",
                    entry.author_name,
                    file_label(turn, entry)
                );
            }
            HistoryKind::Edited => {
                let field = entry.outcome.as_deref().unwrap_or_default();
                crate::chat::view::history_label(turn.lang, field)
            }
            HistoryKind::Meeting => turn.tr("history-meeting"),
            HistoryKind::Lead => tr_args(
                turn.lang,
                "history-lead",
                &[("source", arg(entry.outcome.clone().unwrap_or_default()))],
            ),
            HistoryKind::Call => {
                let outcome = entry
                    .outcome
                    .as_deref()
                    .map(|stored| turn.tr(&CallOutcome::locale_key(stored)))
                    .unwrap_or_default();
                match entry.duration {
                    Some(seconds) => tr_args(
                        turn.lang,
                        "history-call-duration",
                        &[
                            ("outcome", arg(outcome)),
                            ("minutes", arg((seconds + 59) / 60)),
                        ],
                    ),
                    None => tr_args(turn.lang, "history-call", &[("outcome", arg(outcome))]),
                }
            }
        };
        // Ten long notes would not fit one message: the timeline shows each note's start.
        let body = entry
            .body
            .as_deref()
            .map(|body| match body.char_indices().nth(ENTRY_PREVIEW_CHARS) {
                Some((cut, _)) => format!(": {}…", &body[..cut]),
                None => format!(": {body}"),
            })
            .unwrap_or_default();
        // A logged message says when Telegram told it was edited or deleted.
        let mark = match (entry.kind, entry.outcome.as_deref()) {
            (HistoryKind::MessageIn | HistoryKind::MessageOut, Some("edited")) => {
                format!(" {}", turn.tr("history-message-edited"))
            }
            (HistoryKind::MessageIn | HistoryKind::MessageOut, Some("deleted")) => {
                format!(" {}", turn.tr("history-message-deleted"))
            }
            _ => String::new(),
        };
        let about = entry
            .contact_name
            .as_deref()
            .map(|name| format!("{name}: "))
            .unwrap_or_default();
        format!("{when} · {} · {about}{what}{body}{mark}", entry.author_name)
    }
}
