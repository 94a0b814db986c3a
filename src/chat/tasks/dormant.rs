//! The manager's answers to a dormant-client prompt: "Remind me in a week" (a task) and "Not
//! a client any more" (back to a lead, no more prompts). "Log call" is the card's own button.

use crate::chat::context::Core;
use crate::chat::keyboard::Keyboard;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::i18n::{arg, tr_args};
use crate::store::Member;

const WEEK_SECONDS: i64 = 7 * 86_400;

impl Core {
    pub(in crate::chat) async fn remind_in_a_week(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        let what = tr_args(
            turn.lang,
            "reactivation-task",
            &[("name", arg(contact.name.clone()))],
        );
        self.save_task(
            turn,
            member,
            (Some(contact_id), None),
            now() + WEEK_SECONDS,
            &what,
        )
        .await
    }

    pub(in crate::chat) async fn drop_client(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(());
        };
        self.store
            .drop_client(contact_id, member.user_id, now())
            .await?;
        let text = tr_args(
            turn.lang,
            "reactivation-dropped",
            &[("name", arg(contact.name))],
        );
        turn.show(text, Keyboard::none());
        Ok(())
    }
}
