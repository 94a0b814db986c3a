//! The contact card: what the member may open, and how it shows the contact, its last
//! interaction, its open deals and the buttons for what to do next.

use crate::chat::ask::ask;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{now, scope_of};
use crate::i18n::{arg, tr_args};
use crate::store::{Contact, HistoryEntry, Member};

/// How many open deals the card shows as buttons, three a row.
const CARD_DEALS: usize = 9;

impl Core {
    /// The contact if `member` may see it; otherwise tells them why and returns `None`.
    /// Contacts of other teams are reported as missing, so their existence does not leak.
    pub(in crate::chat) async fn visible_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Contact>> {
        let record = self.store.contact(id).await?;
        Ok(turn.permit(member, record, "contact", |r| (r.team_id, r.owner_id)))
    }

    /// The contact if `member` may see it and it is not archived; otherwise says why.
    pub(in crate::chat) async fn active_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Contact>> {
        match self.visible_contact(turn, member, id).await? {
            Some(contact) if contact.archived => {
                let text = turn.tr("contact-archived");
                turn.notice(text);
                Ok(None)
            }
            other => Ok(other),
        }
    }

    /// A card's button that asks a question about the contact (`key` names the contact):
    /// asked only while the member may still work on the contact.
    pub(in crate::chat) async fn ask_about_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
        key: &str,
        question: Conversation,
    ) -> anyhow::Result<Outcome> {
        let Some(contact) = self.active_contact(turn, member, contact_id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(turn.lang, key, &[("name", arg(contact.name))]);
        Ok(ask(turn, text, question))
    }

    /// Whether the member may still work on the contact an open question is about (when not,
    /// they are told why and the question is closed).
    pub(in crate::chat) async fn recheck_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        contact_id: i64,
    ) -> anyhow::Result<bool> {
        Ok(self
            .active_contact(turn, member, contact_id)
            .await?
            .is_some())
    }
    pub(in crate::chat) async fn convert(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        if self.active_contact(turn, member, id).await?.is_none() {
            return Ok(());
        }
        self.store
            .convert_contact(id, member.user_id, now())
            .await?;
        self.open_card(turn, member, id, true).await
    }

    /// Shows the card: as a new message, or (`in_place`) instead of the pressed message.
    pub(in crate::chat) async fn open_card(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        in_place: bool,
    ) -> anyhow::Result<()> {
        let Some(contact) = self.visible_contact(turn, member, id).await? else {
            return Ok(());
        };
        if contact.archived && !member.role.sees_all_contacts() {
            let text = turn.tr("contact-archived");
            turn.notice(text);
            return Ok(());
        }
        let (last, _) = self
            .store
            .history_page(id, scope_of(member).owner_id, 0, 1)
            .await?;
        let mut text = self.card_text(turn, &contact, last.first());
        let companies = self.store.companies_of(id).await?;
        if !companies.is_empty() {
            let names: Vec<&str> = companies.iter().map(|(_, name)| name.as_str()).collect();
            text.push_str(&format!("\n🏢 {}", names.join(", ")));
        }
        let company_buttons: Vec<Button> = companies
            .iter()
            .take(3)
            .map(|(company_id, name)| {
                Button::new(format!("🏢 {name}"), Action::OpenCompany(*company_id))
            })
            .collect();
        // A lead until the first won deal (or marked by hand).
        let converted = self.store.converted_at(id).await?;
        text.push('\n');
        text.push_str(&match converted {
            Some(at) => tr_args(
                turn.lang,
                "card-client-since",
                &[("when", arg(self.moment(member, at)))],
            ),
            None => turn.tr("card-lead"),
        });
        let open_deals = self
            .store
            .contact_open_deals(id, scope_of(member).owner_id)
            .await?;
        // Never a silent cut: past the buttons' room the card says how many there are.
        if open_deals.len() > CARD_DEALS {
            text.push('\n');
            text.push_str(&tr_args(
                turn.lang,
                "card-more-deals",
                &[
                    ("count", arg(open_deals.len() as i64)),
                    ("shown", arg(CARD_DEALS as i64)),
                ],
            ));
        }
        let deal_buttons: Vec<Button> = open_deals
            .into_iter()
            .take(CARD_DEALS)
            .map(|deal| Button::new(format!("💼 {}", deal.title), Action::DealCard(deal.id)))
            .collect();
        let history = Button::new(turn.tr("button-history"), Action::History(id, 0));
        // ✍️ writes to the client from the member's own Telegram, when it is connected.
        let write = match contact.archived {
            false => self.store.writes_to_contact(member.user_id, id).await?,
            true => false,
        };
        let keyboard =
            if contact.archived {
                text.push('\n');
                text.push_str(&turn.tr("card-archived"));
                Keyboard::none().row(vec![
                    Button::new(turn.tr("button-restore"), Action::Restore(id)),
                    history,
                ])
            } else {
                Keyboard::none()
                    .row(vec![
                        Button::new(turn.tr("button-log-call"), Action::LogCall(id)),
                        Button::new(turn.tr("button-note"), Action::AddNote(id)),
                        Button::new(turn.tr("button-remind"), Action::Remind(id)),
                    ])
                    .row(
                        [
                            Button::new(turn.tr("button-meet"), Action::Meet(id)),
                            Button::new(turn.tr("button-client-link"), Action::ClientLink(id)),
                        ]
                        .into_iter()
                        .chain(write.then(|| {
                            Button::new(turn.tr("button-business-write"), Action::BizWrite(id))
                        }))
                        .collect(),
                    )
                    .row(vec![
                        Button::new(turn.tr("button-edit"), Action::Edit(id)),
                        history,
                        Button::new(turn.tr("button-delete"), Action::AskDelete(id)),
                    ])
                    .row(
                        std::iter::once(Button::new(turn.tr("button-deal"), Action::NewDeal(id)))
                            .chain(converted.is_none().then(|| {
                                Button::new(turn.tr("button-convert"), Action::Convert(id))
                            }))
                            .collect(),
                    )
                    .rows(deal_buttons.chunks(3).map(<[Button]>::to_vec))
                    .row(company_buttons)
            };
        if in_place {
            turn.show(text, keyboard);
        } else {
            turn.send(text, keyboard);
        }
        Ok(())
    }

    fn card_text(&self, turn: &Turn<'_>, contact: &Contact, last: Option<&HistoryEntry>) -> String {
        let mut lines = vec![format!("👤 {}", contact.name)];
        lines.extend(contact.phones.iter().map(|phone| format!("📞 {phone}")));
        lines.extend(contact.emails.iter().map(|email| format!("✉️ {email}")));
        if let Some(telegram) = &contact.telegram {
            lines.push(format!("💬 @{telegram}"));
        }
        if !contact.tags.is_empty() {
            let tags: Vec<String> = contact.tags.iter().map(|t| format!("#{t}")).collect();
            lines.push(format!("🏷 {}", tags.join(" ")));
        }
        let lang = turn.lang;
        let fields = [
            (
                "field-kind",
                contact
                    .kind
                    .as_deref()
                    .map(|k| crate::chat::view::kind_label(lang, k)),
            ),
            ("field-region", contact.region.clone()),
            (
                "field-priority",
                contact
                    .priority
                    .as_deref()
                    .map(|p| crate::chat::view::priority_label(lang, p)),
            ),
            ("field-birthday", contact.birthday.map(|b| b.display())),
            ("field-tz", contact.time_zone.clone()),
            (
                "field-subscribed",
                contact
                    .subscribed
                    .then(|| crate::chat::view::yes_no(lang, true)),
            ),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                lines.push(format!("{}: {value}", turn.tr(key)));
            }
        }
        lines.extend(
            contact
                .custom
                .iter()
                .map(|(_, name, value)| format!("{name}: {value}")),
        );
        if let Some(notes) = &contact.notes {
            lines.push(format!("📝 {notes}"));
        }
        lines.push(tr_args(
            turn.lang,
            "card-responsible",
            &[("name", arg(contact.owner_name.clone()))],
        ));
        if let Some(entry) = last {
            lines.push(tr_args(
                turn.lang,
                "card-last-activity",
                &[("entry", arg(self.entry_text(turn, entry)))],
            ));
        }
        lines.join("\n")
    }
}
