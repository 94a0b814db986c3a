//! One update being handled: who sent it, in which language to answer, and the replies so far,
//! with the ways a handler replies (send, show in place, notice on the button) and the one
//! access rule for a team's records.

use crate::chat::io::{Incoming, Input, Outgoing, Sender};
use crate::chat::keyboard::Keyboard;
use crate::domain::Lang;
use crate::i18n::tr;
use crate::store::Member;

/// One update being handled: who sent it, in which language to answer, where replies go.
pub(crate) struct Turn<'a> {
    pub(crate) incoming: &'a Incoming,
    pub(crate) member: Option<Member>,
    /// The member's open form as stored when the update arrived.
    pub(crate) form: Option<String>,
    pub(crate) lang: Lang,
    pub(crate) out: Vec<Outgoing>,
}

impl Turn<'_> {
    pub(crate) fn chat_id(&self) -> i64 {
        self.incoming.chat_id
    }

    pub(crate) fn sender(&self) -> &Sender {
        &self.incoming.from
    }

    pub(crate) fn tr(&self, key: &str) -> String {
        tr(self.lang, key)
    }

    /// Sends a new message.
    pub(crate) fn send(&mut self, text: String, keyboard: Keyboard) {
        let chat_id = self.chat_id();
        self.out.push(Outgoing::Send {
            chat_id,
            text,
            keyboard,
        });
    }

    /// The one access rule for a team's records: `record` (a contact, company or deal of
    /// `kind`) if it is of the member's team and theirs, or they see the whole team; otherwise
    /// `None` after saying "{kind}-not-yours", or "{kind}-not-found" for a missing record or
    /// another team's, so that its existence does not leak.
    pub(crate) fn permit<T>(
        &mut self,
        member: &Member,
        record: Option<T>,
        kind: &str,
        team_and_owner: impl Fn(&T) -> (i64, i64),
    ) -> Option<T> {
        let refusal = match record {
            Some(record) => {
                let (team_id, owner_id) = team_and_owner(&record);
                if team_id != member.team_id {
                    "not-found"
                } else if member.role.sees_all_contacts() || owner_id == member.user_id {
                    return Some(record);
                } else {
                    "not-yours"
                }
            }
            None => "not-found",
        };
        let text = self.tr(&format!("{kind}-{refusal}"));
        self.notice(text);
        None
    }

    /// Someone who is not a member asked for a member's thing: only that is said.
    pub(crate) fn not_member(&mut self) {
        let text = self.tr("not-member");
        self.notice(text);
    }

    /// Says why a typed answer was refused and asks for it again.
    pub(crate) fn refuse(&mut self, error: &crate::domain::InputError) {
        let message = crate::chat::view::input_error_text(self.lang, error);
        let text = format!("{message}\n{}", self.tr("edit-try-again"));
        self.send(text, Keyboard::none());
    }

    /// The message whose button was pressed, if the bot can still change it: its id and whether
    /// it is a photo.
    fn pressed_message(&self) -> Option<(i32, bool)> {
        match &self.incoming.input {
            Input::Button {
                message_id: Some(message_id),
                on_photo,
                ..
            } => Some((*message_id, *on_photo)),
            _ => None,
        }
    }

    /// Replaces the message whose button was pressed, or sends a new one in reply to text. A
    /// photo cannot be edited into text: then the text comes as a new message and the photo is
    /// deleted.
    pub(crate) fn show(&mut self, text: String, keyboard: Keyboard) {
        let chat_id = self.chat_id();
        match self.pressed_message() {
            Some((message_id, false)) => self.out.push(Outgoing::Edit {
                chat_id,
                message_id,
                text,
                keyboard,
            }),
            Some((message_id, true)) => {
                self.send(text, keyboard);
                self.out.push(Outgoing::Delete {
                    chat_id,
                    message_id,
                });
            }
            None => self.send(text, keyboard),
        }
    }

    /// A picture with its caption and buttons: in place of the message whose button was pressed
    /// (`editMessageMedia` replaces a photo, or adds the picture to a text message), or as a new
    /// message in reply to text.
    pub(crate) fn show_photo(&mut self, png: Vec<u8>, caption: String, keyboard: Keyboard) {
        let chat_id = self.chat_id();
        self.out.push(match self.pressed_message() {
            Some((message_id, _)) => Outgoing::EditPhoto {
                chat_id,
                message_id,
                png,
                caption,
                keyboard,
            },
            None => Outgoing::Photo {
                chat_id,
                png,
                caption,
                keyboard,
            },
        });
    }

    /// A short notice on the pressed button; a plain message in reply to text.
    pub(crate) fn notice(&mut self, text: String) {
        match &self.incoming.input {
            Input::Button { callback_id, .. } => {
                let callback_id = callback_id.clone();
                self.out.push(Outgoing::AnswerButton {
                    callback_id,
                    text: Some(text),
                });
            }
            Input::Text(_)
            | Input::Forwarded { .. }
            | Input::File { .. }
            | Input::Unsupported
            | Input::Document { .. } => self.send(text, Keyboard::none()),
            // An inline query has no chat to write to; its answer is the result list.
            Input::Inline { .. } => {}
        }
    }
}
