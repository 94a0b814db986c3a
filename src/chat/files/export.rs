//! `/export`: the member's contacts or deals as a CSV file, or contacts as vCards.

use crate::chat::choices::ExportKind;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::{kind_label, moment_in, priority_label};
use crate::i18n::{arg, tr, tr_args};
use crate::store::Member;
use crate::transfer::export::{self, ExportContact, ExportDeal};

impl Core {
    /// `/export`: what to export.
    pub(in crate::chat) fn export_menu(&self, turn: &mut Turn<'_>) {
        let text = turn.tr("export-title");
        let buttons = ExportKind::ALL
            .iter()
            .map(|kind| Button::new(turn.tr(kind.label_key()), Action::Export(*kind)))
            .collect();
        let keyboard = Keyboard::none().row(buttons);
        turn.send(text, keyboard);
    }

    pub(in crate::chat) async fn export(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        what: ExportKind,
    ) -> anyhow::Result<()> {
        let owner = (!member.role.sees_all_contacts()).then_some(member.user_id);
        let lang = turn.lang;
        let zone = self.zone(member);
        let moment = |at: i64| moment_in(zone, at);
        let (file_name, content, count) = match what {
            ExportKind::Contacts | ExportKind::VCards => {
                let contacts: Vec<ExportContact> = self
                    .store
                    .export_contacts(member.team_id, owner)
                    .await?
                    .into_iter()
                    .map(|exported| {
                        let c = exported.contact;
                        ExportContact {
                            name: c.name,
                            phones: c.phones,
                            emails: c.emails,
                            telegram: c.telegram,
                            companies: exported.companies,
                            tags: c.tags,
                            kind: c.kind.map(|k| kind_label(lang, &k)),
                            region: c.region,
                            birthday: c.birthday,
                            priority: c.priority.map(|p| priority_label(lang, &p)),
                            notes: c.notes,
                            owner: c.owner_name,
                            created_at: moment(exported.created_at),
                        }
                    })
                    .collect();
                let count = contacts.len();
                if what == ExportKind::Contacts {
                    let headers = export::contact_headers(lang);
                    (
                        "contacts.csv",
                        export::contacts_csv(&contacts, &headers),
                        count,
                    )
                } else {
                    (
                        "contacts.vcf",
                        export::vcards(&contacts).into_bytes(),
                        count,
                    )
                }
            }
            ExportKind::Deals => {
                let deals: Vec<ExportDeal> = self
                    .store
                    .export_deals(member.team_id, owner)
                    .await?
                    .into_iter()
                    .map(|d| ExportDeal {
                        title: d.title,
                        contact: d.contact,
                        company: d.company,
                        amount_minor: d.amount_minor,
                        currency: d.currency,
                        // A default stage's stored name is its locale key, as on the card.
                        stage: if d.stage.starts_with("stage-") {
                            tr(lang, &d.stage)
                        } else {
                            d.stage
                        },
                        expected_close: d.expected_close,
                        next_action: d.next_action,
                        comment: d.comment,
                        lost_reason: d.lost_reason,
                        owner: d.owner,
                        created_at: moment(d.created_at),
                        closed_at: d.closed_at.map(moment),
                    })
                    .collect();
                let count = deals.len();
                let headers = export::deal_headers(lang);
                ("deals.csv", export::deals_csv(&deals, &headers), count)
            }
        };
        let caption = tr_args(lang, "export-caption", &[("count", arg(count as i64))]);
        let chat_id = turn.chat_id();
        turn.out.push(Outgoing::Document {
            chat_id,
            file_name: file_name.to_owned(),
            content,
            caption,
        });
        Ok(())
    }
}
