//! Deleting a contact: confirmed, then archived (never erased); `/archive` lets the owner or a
//! lead look at archived contacts and restore them.
//!
//! ```text
//! manager: (taps 🗑 Delete on a card)   bot: Delete Ivan Petrov? …   [Yes, delete] [← Back]
//! manager: (taps Yes, delete)          bot: Ivan Petrov is in the archive now.
//! lead:    /archive                    bot: Archived contacts (1):   [Ivan Petrov]
//! lead:    (taps it, then Restore)     bot: the card again
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, pager};
use crate::chat::turn::Turn;

use crate::i18n::{arg, tr_args};
use crate::store::Member;

const ARCHIVE_PAGE: i64 = 10;

impl Core {
    pub(in crate::chat) async fn ask_delete(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let text = tr_args(turn.lang, "delete-confirm", &[("name", arg(contact.name))]);
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-confirm-delete"), Action::Delete(id)),
            Button::new(turn.tr("button-back"), Action::ShowCard(id)),
        ]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn delete(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.active_contact(turn, member, id).await? else {
            return Ok(());
        };
        let now = crate::clock::timestamp();
        self.store
            .set_archived(id, true, member.user_id, now)
            .await?;
        let text = tr_args(turn.lang, "delete-done", &[("name", arg(contact.name))]);
        turn.show(text, Keyboard::none());
        Ok(())
    }

    pub(in crate::chat) async fn restore(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, id).await? else {
            return Ok(());
        };
        if contact.archived {
            let now = crate::clock::timestamp();
            self.store
                .set_archived(id, false, member.user_id, now)
                .await?;
        }
        self.open_card(turn, member, id, true).await
    }

    pub(in crate::chat) async fn archive(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        page: u32,
    ) -> anyhow::Result<()> {
        let (_, total) = self.store.archived_contacts(member.team_id, 0, 0).await?;
        if total == 0 {
            let text = turn.tr("archive-empty");
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let pages = (total + ARCHIVE_PAGE - 1) / ARCHIVE_PAGE;
        let page = i64::from(page).min(pages - 1);
        let (contacts, _) = self
            .store
            .archived_contacts(member.team_id, page * ARCHIVE_PAGE, ARCHIVE_PAGE)
            .await?;
        let text = tr_args(
            turn.lang,
            "archive-title",
            &[
                ("count", arg(total)),
                ("page", arg(page + 1)),
                ("pages", arg(pages)),
            ],
        );
        let mut keyboard = contacts.iter().fold(Keyboard::none(), |keyboard, hit| {
            keyboard.row(vec![Button::new(
                hit.name.clone(),
                Action::OpenCard(hit.id),
            )])
        });
        let page = page as u32;
        let pages = u32::try_from(pages).unwrap_or(u32::MAX);
        let nav = pager(page, pages, Action::ArchivePage).unwrap_or_default();
        keyboard = keyboard.row(nav);
        turn.show(text, keyboard);
        Ok(())
    }
}
