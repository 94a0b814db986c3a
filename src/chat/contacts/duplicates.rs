//! Duplicates: a new contact whose phone, email or name is already in the base is held back
//! until the user chooses; `/duplicates` lists likely pairs in the whole base for merging.
//!
//! ```text
//! manager: /add Петров Иван +7 999 123-45-67
//! bot:     This contact may already be in the CRM: • Ivan Petrov — same phone
//!          [Open Ivan Petrov] [Merge into it] [Create anyway] [Cancel]
//! lead:    /duplicates
//! bot:     1. Ivan Petrov ↔ Петров Иван — same name   [1. Merge]
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{now, scope_of};
use crate::domain::search::{DUPLICATE_SCORE, duplicate_score};
use crate::domain::{ContactName, Email, Phone, name_key};
use crate::i18n::{arg, tr_args};
use crate::store::{Contact, ContactHit, DuplicateReason, Member, NewContact};

/// Candidates shown when adding a contact.
const CANDIDATES: usize = 5;
/// Pairs listed by `/duplicates`.
const REPORT_PAIRS: i64 = 20;

fn reason_key(reason: DuplicateReason) -> &'static str {
    match reason {
        DuplicateReason::Phone => "duplicate-same-phone",
        DuplicateReason::Email => "duplicate-same-email",
        DuplicateReason::Name => "duplicate-same-name",
    }
}

impl Core {
    /// Saves `contact`, unless it looks like one the member already has: then it is held in
    /// the conversation and the candidates are shown with Open / Merge / Create anyway.
    pub(in crate::chat) async fn add_unless_duplicate(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact: &NewContact,
    ) -> anyhow::Result<Outcome> {
        let candidates = self.duplicates_of(member, contact).await?;
        if candidates.is_empty() {
            self.save_contact(turn, member, contact).await?;
            return Ok(Outcome::Done);
        }
        let pending = Conversation::PendingContact {
            name: contact.name.as_str().to_owned(),
            phones: contact
                .phones
                .iter()
                .map(|p| p.as_str().to_owned())
                .collect(),
            emails: contact
                .emails
                .iter()
                .map(|e| e.as_str().to_owned())
                .collect(),
        };
        let (text, keyboard) =
            candidates_message(turn, "duplicate-found", &candidates, Action::MergePending);
        let keyboard = keyboard.row(vec![
            Button::new(turn.tr("button-create-anyway"), Action::CreateAnyway),
            Button::new(turn.tr("button-cancel"), Action::Cancel),
        ]);
        turn.send(text, keyboard);
        Ok(Outcome::Ask(pending))
    }

    /// After a name, phone or email edit: points out other contacts that now look the same,
    /// with buttons to open or merge them.
    pub(in crate::chat) async fn warn_duplicates_after_edit(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.store.contact(id).await? else {
            return Ok(());
        };
        let edited = NewContact {
            name: ContactName::parse(&contact.name)?,
            phones: contact
                .phones
                .iter()
                .map(|p| Phone::parse(p))
                .collect::<Result<_, _>>()?,
            emails: contact
                .emails
                .iter()
                .map(|e| Email::parse(e))
                .collect::<Result<_, _>>()?,
        };
        let others: Vec<(ContactHit, DuplicateReason)> = self
            .duplicates_of(member, &edited)
            .await?
            .into_iter()
            .filter(|(hit, _)| hit.id != id)
            .collect();
        if others.is_empty() {
            return Ok(());
        }
        let (text, keyboard) = candidates_message(turn, "duplicate-after-edit", &others, |other| {
            Action::AskMerge(other, id)
        });
        turn.send(text, keyboard);
        Ok(())
    }

    /// Contacts the member can see with the same phone or email as `contact`, or a name that
    /// differs at most by word order, script or a small typo.
    async fn duplicates_of(
        &self,
        member: &Member,
        contact: &NewContact,
    ) -> anyhow::Result<Vec<(ContactHit, DuplicateReason)>> {
        let scope = scope_of(member);
        let limit = CANDIDATES as i64;
        let mut found: Vec<(ContactHit, DuplicateReason)> = Vec::new();
        for phone in &contact.phones {
            let digits = phone.as_str().trim_start_matches('+');
            for hit in self
                .store
                .contacts_by_phone_digits(scope, digits, limit)
                .await?
            {
                found.push((hit, DuplicateReason::Phone));
            }
        }
        for email in &contact.emails {
            for hit in self
                .store
                .contacts_by_email(scope, email.as_str(), limit)
                .await?
            {
                found.push((hit, DuplicateReason::Email));
            }
        }
        let key = name_key(contact.name.as_str());
        for (_, hit) in self.name_matches(scope, &key, 50).await? {
            if duplicate_score(&key, &hit.name_key) >= DUPLICATE_SCORE {
                found.push((hit, DuplicateReason::Name));
            }
        }
        let mut seen = std::collections::HashSet::new();
        found.retain(|(hit, _)| seen.insert(hit.id));
        found.truncate(CANDIDATES);
        Ok(found)
    }

    /// The contact held back by [`Core::add_unless_duplicate`], or `None` after saying the
    /// choice has expired.
    async fn pending_contact(&self, turn: &mut Turn<'_>) -> anyhow::Result<Option<NewContact>> {
        if let Some(Conversation::PendingContact {
            name,
            phones,
            emails,
        }) = self.open_question(turn).await?
        {
            // Stored after validation; parsing again restores the domain types.
            return Ok(Some(NewContact {
                name: ContactName::parse(&name)?,
                phones: phones
                    .iter()
                    .map(|p| Phone::parse(p))
                    .collect::<Result<_, _>>()?,
                emails: emails
                    .iter()
                    .map(|e| Email::parse(e))
                    .collect::<Result<_, _>>()?,
            }));
        }
        let text = turn.tr("button-expired");
        turn.notice(text);
        Ok(None)
    }

    pub(in crate::chat) async fn create_anyway(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.pending_contact(turn).await? else {
            return Ok(Outcome::Keep);
        };
        self.save_contact(turn, member, &contact).await?;
        Ok(Outcome::Done)
    }

    pub(in crate::chat) async fn merge_pending(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(Outcome::Keep);
        }
        let Some(contact) = self.pending_contact(turn).await? else {
            return Ok(Outcome::Keep);
        };
        let details = (contact.phones.iter().map(Phone::as_str))
            .chain(contact.emails.iter().map(Email::as_str));
        let note = describe(contact.name.as_str(), details);
        self.store
            .add_details(
                id,
                &contact.phones,
                &contact.emails,
                member.user_id,
                &note,
                now(),
            )
            .await?;
        let text = turn.tr("merge-done");
        turn.notice(text);
        self.open_card(turn, member, id, true).await?;
        Ok(Outcome::Done)
    }

    pub(in crate::chat) async fn duplicates(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let pairs = self
            .store
            .duplicate_pairs(member.team_id, REPORT_PAIRS)
            .await?;
        if pairs.is_empty() {
            let text = turn.tr("duplicates-none");
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let mut lines = vec![tr_args(
            turn.lang,
            "duplicates-title",
            &[("count", arg(pairs.len() as i64))],
        )];
        let mut buttons = Vec::new();
        for (n, (keep, drop, reason)) in pairs.iter().enumerate() {
            let (Some(a), Some(b)) = (
                self.store.contact(*keep).await?,
                self.store.contact(*drop).await?,
            ) else {
                continue;
            };
            lines.push(format!(
                "{}. {} ↔ {} — {}",
                n + 1,
                a.name,
                b.name,
                turn.tr(reason_key(*reason))
            ));
            buttons.push(Button::new(
                tr_args(turn.lang, "button-merge-pair", &[("n", arg(n as i64 + 1))]),
                Action::AskMerge(*keep, *drop),
            ));
        }
        let keyboard = buttons
            .chunks(4)
            .fold(Keyboard::none(), |keyboard, row| keyboard.row(row.to_vec()));
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    /// Both contacts of a merge, if the member may change both and they are two.
    async fn merge_pair(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        keep: i64,
        drop: i64,
    ) -> anyhow::Result<Option<(Contact, Contact)>> {
        if keep == drop {
            let text = turn.tr("merge-self");
            turn.notice(text);
            return Ok(None);
        }
        let Some(kept) = self.active_contact(turn, member, keep).await? else {
            return Ok(None);
        };
        let Some(dropped) = self.active_contact(turn, member, drop).await? else {
            return Ok(None);
        };
        Ok(Some((kept, dropped)))
    }

    pub(in crate::chat) async fn ask_merge(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        keep: i64,
        drop: i64,
    ) -> anyhow::Result<()> {
        let Some((kept, dropped)) = self.merge_pair(turn, member, keep, drop).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "merge-confirm",
            &[("keep", arg(kept.name)), ("drop", arg(dropped.name))],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-confirm-merge"), Action::Merge(keep, drop)),
            Button::new(turn.tr("button-back"), Action::Duplicates),
        ]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn merge(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        keep: i64,
        drop: i64,
    ) -> anyhow::Result<()> {
        let Some((_, dropped)) = self.merge_pair(turn, member, keep, drop).await? else {
            return Ok(());
        };
        let details = dropped
            .phones
            .iter()
            .chain(&dropped.emails)
            .map(String::as_str);
        let note = describe(&dropped.name, details);
        self.store
            .merge_contacts(keep, drop, member.user_id, &note, now())
            .await?;
        tracing::info!(keep, drop, by = member.user_id, "contacts merged");
        let text = turn.tr("merge-done");
        turn.notice(text);
        self.open_card(turn, member, keep, true).await
    }
}

/// The candidates under a heading, each with Open and Merge buttons.
fn candidates_message(
    turn: &Turn<'_>,
    heading_key: &str,
    candidates: &[(ContactHit, DuplicateReason)],
    merge: impl Fn(i64) -> Action,
) -> (String, Keyboard) {
    let mut lines = vec![turn.tr(heading_key)];
    let mut keyboard = Keyboard::none();
    for (hit, reason) in candidates {
        lines.push(format!("• {} — {}", hit.name, turn.tr(reason_key(*reason))));
        keyboard = keyboard.row(vec![
            Button::new(
                tr_args(
                    turn.lang,
                    "button-open-existing",
                    &[("name", arg(hit.name.clone()))],
                ),
                Action::OpenCard(hit.id),
            ),
            Button::new(turn.tr("button-merge-into"), merge(hit.id)),
        ]);
    }
    (lines.join("\n"), keyboard)
}

/// "Name, +7…, mail@…": what a merge brought in, for the timeline.
fn describe<'a>(name: &'a str, details: impl Iterator<Item = &'a str>) -> String {
    std::iter::once(name)
        .chain(details)
        .collect::<Vec<_>>()
        .join(", ")
}
