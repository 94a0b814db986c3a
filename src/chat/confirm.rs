//! A time read from a doubtful phrase ("at 5" in the morning or the evening?) is shown to
//! confirm before a task, an appointment or a next action is saved.

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::When;
use crate::i18n::{arg, tr_args};
use crate::store::Member;

impl Core {
    /// Shows the moment a doubtful phrase was read as and keeps `pending` until the member
    /// confirms it (or types another time, or cancels).
    pub(in crate::chat) fn ask_to_confirm_time(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        when: When,
        pending: Conversation,
    ) -> Outcome {
        let text = tr_args(
            turn.lang,
            "when-confirm",
            &[("when", arg(self.moment(member, when.at.timestamp())))],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-yes"), Action::ConfirmWhen),
            Button::new(turn.tr("button-cancel"), Action::Cancel),
        ]);
        turn.send(text, keyboard);
        Outcome::Ask(pending)
    }

    /// ✅ on a doubtful time: does what was waiting for it.
    pub(in crate::chat) async fn confirm_when(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        match self.open_question(turn).await? {
            Some(Conversation::ConfirmMeet {
                contact_id,
                at,
                place,
            }) => {
                self.create_appointment(turn, member, contact_id, at, place)
                    .await?
            }
            Some(Conversation::ConfirmTask {
                contact_id,
                deal_id,
                at,
                text,
            }) => {
                self.save_task(turn, member, (contact_id, deal_id), at, &text)
                    .await?
            }
            Some(Conversation::ConfirmTaskMove { task_id, at }) => {
                self.save_task_move(turn, member, task_id, at).await?
            }
            Some(Conversation::ConfirmNextAction { deal_id, at, what }) => {
                if let Some(deal) = self.open_deal_only(turn, member, deal_id).await? {
                    self.save_next_action(turn, member, &deal, at, &what)
                        .await?;
                }
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                return Ok(Outcome::Keep);
            }
        }
        Ok(Outcome::Done)
    }
}
