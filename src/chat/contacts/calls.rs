//! Logging calls and meetings: by the card's buttons (outcome, then an optional note), or in
//! one line (`/call Petrov reached 5 min wants the price`, `/note …`, `/meeting …`).

use crate::chat::choices::{CallOutcome, ContactCommand};
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::domain::{HistoryKind, When};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, Task};

/// Reads a call's length at the start of `text` ("5 min", "5m", "1h", "90s", "5 мин", "1 ч")
/// and returns it in seconds with the rest of the text.
pub fn parse_duration(text: &str) -> Option<(i64, &str)> {
    let text = text.trim_start();
    let digits_end = text.find(|c: char| !c.is_ascii_digit())?;
    let number: i64 = text[..digits_end].parse().ok()?;
    let after = text[digits_end..].trim_start();
    let unit_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let seconds_per_unit = match after[..unit_end].to_lowercase().as_str() {
        "s" | "sec" | "с" | "сек" => 1,
        "m" | "min" | "м" | "мин" => 60,
        "h" | "ч" => 3600,
        _ => return None,
    };
    // A call longer than a day is a typo, not a call.
    let seconds = number
        .checked_mul(seconds_per_unit)
        .filter(|s| *s <= 86_400)?;
    Some((seconds, after[unit_end..].trim()))
}

impl Core {
    /// `/note` and `/meeting`: an entry of `kind` with the text after the contact.
    pub(in crate::chat) async fn entry_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
        kind: HistoryKind,
    ) -> anyhow::Result<Outcome> {
        let command = match kind {
            HistoryKind::Meeting => ContactCommand::Meeting,
            _ => ContactCommand::Note,
        };
        match self.resolve_contact(turn, member, args, command).await? {
            Ok((contact, rest)) => self.entry_with(turn, member, contact.id, &rest, kind).await,
            Err(outcome) => Ok(outcome),
        }
    }

    /// An entry of `kind` from a one-line command: saved and the card shown, or the reason
    /// for refusing the text sent; either way nothing stays asked.
    pub(in crate::chat) async fn entry_with(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
        kind: HistoryKind,
    ) -> anyhow::Result<Outcome> {
        self.save_entry(turn, member, contact_id, text, kind)
            .await?;
        Ok(Outcome::Done)
    }

    /// Saves an entry of `kind` with `text` on the contact and shows the card; `false` (the
    /// reason sent) for a text refused.
    pub(in crate::chat) async fn save_entry(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        text: &str,
        kind: HistoryKind,
    ) -> anyhow::Result<bool> {
        let saved = match kind {
            HistoryKind::Meeting => "meeting-saved",
            _ => "note-saved",
        };
        let Some(text) = self.parse_note(turn, text) else {
            return Ok(false);
        };
        self.store
            .add_history(contact_id, member.user_id, kind, None, Some(&text), now())
            .await?;
        let done = turn.tr(saved);
        turn.send(done, Keyboard::none());
        self.open_card(turn, member, contact_id, false).await?;
        Ok(true)
    }

    pub(in crate::chat) async fn call_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        match self
            .resolve_contact(turn, member, args, ContactCommand::Call)
            .await?
        {
            Ok((contact, rest)) => self.call_with(turn, member, contact.id, &rest).await,
            Err(outcome) => Ok(outcome),
        }
    }

    /// Logs a call from "[outcome] [length] [note]"; without an outcome, asks for it.
    pub(in crate::chat) async fn call_with(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        rest: &str,
    ) -> anyhow::Result<Outcome> {
        match CallOutcome::from_words(rest) {
            None if rest.is_empty() => {
                self.ask_call_outcome(turn, member, contact_id).await?;
                Ok(Outcome::Done)
            }
            None => {
                let text = turn.tr("call-usage");
                turn.send(text, Keyboard::none());
                Ok(Outcome::Done)
            }
            Some((outcome, "")) => self.log_call(turn, member, contact_id, outcome).await,
            Some((outcome, rest)) => {
                let (duration, rest) = match parse_duration(rest) {
                    Some((seconds, rest)) => (Some(seconds), rest),
                    None => (None, rest),
                };
                let note = if rest.is_empty() {
                    None
                } else {
                    let Some(note) = self.parse_note(turn, rest) else {
                        return Ok(Outcome::Done);
                    };
                    Some(note)
                };
                self.store
                    .add_call(
                        contact_id,
                        member.user_id,
                        outcome.stored(),
                        duration,
                        note.as_deref(),
                        now(),
                    )
                    .await?;
                let done = turn.tr("call-saved");
                turn.send(done, Keyboard::none());
                self.open_card(turn, member, contact_id, false).await?;
                Ok(Outcome::Done)
            }
        }
    }

    pub(in crate::chat) async fn ask_call_outcome(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        self.ask_outcome(turn, member, id, |outcome| Action::CallOutcome(id, outcome))
            .await
    }

    /// 📞 on a task's reminder: a call with the task's contact, whose outcome then offers to
    /// close the task.
    pub(in crate::chat) async fn reminder_call(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        task_id: i64,
    ) -> anyhow::Result<()> {
        let Some(task) = self.own_task(turn, member, task_id).await? else {
            return Ok(());
        };
        let Some(contact_id) = task.contact_id else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
        self.ask_outcome(turn, member, contact_id, |outcome| {
            Action::ReminderCallOutcome(task_id, outcome)
        })
        .await
    }

    /// An outcome picked after 📞 on a task's reminder.
    pub(in crate::chat) async fn reminder_call_outcome(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        task_id: i64,
        outcome: CallOutcome,
    ) -> anyhow::Result<Outcome> {
        let Some(task) = self.own_task(turn, member, task_id).await? else {
            return Ok(Outcome::Keep);
        };
        let Some(contact_id) = task.contact_id else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        let open = Some(&task).filter(|task| task.done_at.is_none());
        self.save_call(turn, member, contact_id, outcome, open)
            .await
    }

    /// Asks how the call with the contact went, each outcome a button `pick` makes.
    async fn ask_outcome(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        pick: impl Fn(CallOutcome) -> Action,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "call-ask-outcome",
            &[("name", arg(contact.name))],
        );
        let outcomes = CallOutcome::ALL
            .iter()
            .map(|outcome| {
                Button::new(
                    turn.tr(&CallOutcome::locale_key(outcome.stored())),
                    pick(*outcome),
                )
            })
            .collect();
        let keyboard = Keyboard::none().row(outcomes).row(vec![Button::new(
            turn.tr("button-back"),
            Action::ShowCard(id),
        )]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn log_call(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        outcome: CallOutcome,
    ) -> anyhow::Result<Outcome> {
        self.save_call(turn, member, id, outcome, None).await
    }

    /// Logs the call and asks for its note (or, for "Call back", when); a call made on an
    /// open task's reminder offers to close that task with one tap.
    async fn save_call(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        outcome: CallOutcome,
        reminder: Option<&Task>,
    ) -> anyhow::Result<Outcome> {
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(Outcome::Keep);
        }
        let entry_id = self
            .store
            .add_history(
                id,
                member.user_id,
                HistoryKind::Call,
                Some(outcome.stored()),
                None,
                now(),
            )
            .await?;
        let mut keyboard = Keyboard::none();
        if let Some(task) = reminder {
            let what: String = task.text.chars().take(30).collect();
            keyboard = keyboard.row(vec![Button::new(
                tr_args(turn.lang, "button-close-reminder", &[("what", arg(what))]),
                Action::TaskDone(task.id),
            )]);
        }
        let keyboard = keyboard.row(vec![Button::new(
            turn.tr("button-done"),
            Action::ShowCard(id),
        )]);
        // "Call back" asks when, and the answer is the task; other outcomes ask for a note.
        if outcome == CallOutcome::CallBack {
            let text = turn.tr("call-back-when");
            turn.show(text, keyboard);
            return Ok(Outcome::Ask(Conversation::CallBackWhen { contact_id: id }));
        }
        let text = tr_args(
            turn.lang,
            "call-logged",
            &[(
                "outcome",
                arg(turn.tr(&CallOutcome::locale_key(outcome.stored()))),
            )],
        );
        turn.show(text, keyboard);
        Ok(Outcome::Ask(Conversation::CallNote {
            contact_id: id,
            entry_id,
        }))
    }

    /// When to call back, typed after the Call back outcome ("завтра в 11", or "tomorrow 11:00
    /// discuss the price"): a task about the contact, named "Call back" unless a text follows.
    pub(in crate::chat) async fn call_back_when(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        typed: &str,
    ) -> anyhow::Result<Outcome> {
        let local_now = crate::clock::now().with_timezone(&self.zone(member));
        let text = match When::parse_prefix(typed, local_now) {
            Ok((_, what)) if what.trim().is_empty() => {
                format!("{} {}", typed.trim(), turn.tr("call-back-task"))
            }
            _ => typed.to_owned(),
        };
        self.add_task(turn, member, &text, (Some(contact_id), None))
            .await
    }

    /// The note typed after logging a call.
    pub(in crate::chat) async fn save_call_note(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        entry_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let Some(note) = self.parse_note(turn, text) else {
            return Ok(Outcome::Keep);
        };
        self.store
            .set_history_body(entry_id, member.user_id, &note)
            .await?;
        let done = turn.tr("call-note-saved");
        turn.send(done, Keyboard::none());
        self.open_card(turn, member, contact_id, false).await?;
        Ok(Outcome::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_lengths_are_read_in_both_languages() {
        assert_eq!(
            parse_duration("5 min wants a discount"),
            Some((300, "wants a discount"))
        );
        assert_eq!(parse_duration("5m"), Some((300, "")));
        assert_eq!(
            parse_duration("1 ч обсудили договор"),
            Some((3600, "обсудили договор"))
        );
        assert_eq!(parse_duration("90s"), Some((90, "")));
        assert_eq!(parse_duration("5 apples"), None);
        assert_eq!(parse_duration("wants 5 min"), None);
        assert_eq!(parse_duration("99999h"), None);
    }
}
