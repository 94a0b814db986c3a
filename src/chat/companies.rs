//! Companies (counterparties): `/company <name>` opens or creates one; its card shows the
//! requisites and the linked contacts, edits are kept on its timeline, and its history gathers
//! the history of its contacts.
//!
//! ```text
//! manager: /company Romashka
//! bot:     🏢 Romashka / Responsible: Anna   [✏️ Edit] [🔗 Link a contact] [🕓 History]
//! manager: (taps Edit, INN)   bot: New value for “INN” …
//! manager: 7707083893         bot: Saved. (the card, INN: 7707083893)
//! ```

use crate::chat::ask::ask;
use crate::chat::company_list::open_deals_line;
use crate::chat::context::Core;
use crate::chat::edit_field::{ask_new_value, show_field_menu};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, pager};
use crate::chat::route::codec::{Part, Parts};
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, now, scope_of};
use crate::domain::search::{MIN_SCORE, name_score};
use crate::domain::{ContactName, Inn, InputError, Kpp, name_key};
use crate::i18n::{arg, tr_args};
use crate::store::{Company, CompanyColumn, EditNote, Member, Scope, WordIndex};

const ADDRESS_MAX_CHARS: usize = 300;
const LINK_CANDIDATES: usize = 10;
/// How many open deals the card shows as buttons, three a row.
const CARD_DEALS: usize = 9;
const HISTORY_PAGE: i64 = 10;
/// Companies a name lookup considers, by name, before ranking.
const COMPANY_MATCHES: i64 = 200;
/// (code, column, label key) of each company field.
const FIELDS: [(&str, CompanyColumn, &str); 6] = [
    ("name", CompanyColumn::Name, "company-field-name"),
    ("inn", CompanyColumn::Inn, "company-field-inn"),
    ("kpp", CompanyColumn::Kpp, "company-field-kpp"),
    ("legal", CompanyColumn::LegalAddress, "company-field-legal"),
    (
        "actual",
        CompanyColumn::ActualAddress,
        "company-field-actual",
    ),
    ("bank", CompanyColumn::BankDetails, "company-field-bank"),
];

/// A company field in a button: its code in [`FIELDS`].
impl Part for CompanyColumn {
    fn write(&self, data: &mut String) {
        let code = FIELDS.iter().find(|(_, column, _)| column == self);
        data.push_str(code.map_or("", |(code, _, _)| code));
    }
    fn read(parts: &mut Parts<'_>) -> Option<Self> {
        field(parts.next()?).map(|(column, _)| column)
    }
}

fn field(code: &str) -> Option<(CompanyColumn, &'static str)> {
    FIELDS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, column, label)| (*column, *label))
}

fn current(company: &Company, column: CompanyColumn) -> Option<&str> {
    match column {
        CompanyColumn::Name => Some(company.name.as_str()),
        CompanyColumn::Inn => company.inn.as_deref(),
        CompanyColumn::Kpp => company.kpp.as_deref(),
        CompanyColumn::LegalAddress => company.legal_address.as_deref(),
        CompanyColumn::ActualAddress => company.actual_address.as_deref(),
        CompanyColumn::BankDetails => company.bank_details.as_deref(),
    }
}

/// Parses a typed value for a company field; "-" clears all but the name.
fn parse_value(column: CompanyColumn, text: &str) -> Result<Option<String>, InputError> {
    let text = text.trim();
    if text == "-" && column != CompanyColumn::Name {
        return Ok(None);
    }
    Ok(Some(match column {
        CompanyColumn::Name => ContactName::parse(text)?.as_str().to_owned(),
        CompanyColumn::Inn => Inn::parse(text)?.as_str().to_owned(),
        CompanyColumn::Kpp => Kpp::parse(text)?.as_str().to_owned(),
        _ if text.is_empty() => return Err(InputError::TextEmpty),
        _ if text.chars().count() > ADDRESS_MAX_CHARS => {
            return Err(InputError::TextTooLong {
                max: ADDRESS_MAX_CHARS,
            });
        }
        _ => text.to_owned(),
    }))
}

impl Core {
    /// Companies in `scope` whose name matches `query`, best first, as (id, name).
    pub(in crate::chat) async fn companies_matching(
        &self,
        scope: Scope,
        query: &str,
    ) -> anyhow::Result<Vec<(i64, String)>> {
        let key = name_key(query);
        let word_sets = self.word_sets(WordIndex::Companies, &key).await?;
        let mut scored: Vec<(f64, i64, String)> = self
            .store
            .companies_with_words(scope, &word_sets, COMPANY_MATCHES)
            .await?
            .into_iter()
            .map(|(id, name, company_key)| (name_score(&key, &company_key), id, name))
            .filter(|(score, _, _)| *score >= MIN_SCORE)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        Ok(scored.into_iter().map(|(_, id, name)| (id, name)).collect())
    }

    /// `/company <name>`: opens the matching company, offers a choice, or creates it.
    pub(in crate::chat) async fn company_command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
    ) -> anyhow::Result<Outcome> {
        let name = match ContactName::parse(args) {
            Ok(name) => name,
            Err(error) => {
                let text = format!(
                    "{}\n{}",
                    input_error_text(turn.lang, &error),
                    turn.tr("company-usage")
                );
                turn.send(text, Keyboard::none());
                return Ok(Outcome::Done);
            }
        };
        let matches = self
            .companies_matching(scope_of(member), name.as_str())
            .await?;
        let key = name_key(name.as_str());
        if let Some((id, _)) = matches.iter().find(|(_, n)| name_key(n) == key) {
            self.open_company(turn, member, *id, false).await?;
            return Ok(Outcome::Done);
        }
        if matches.is_empty() {
            let id = self
                .store
                .create_company(member.team_id, member.user_id, name.as_str(), now())
                .await?;
            let text = turn.tr("company-created");
            turn.send(text, Keyboard::none());
            self.open_company(turn, member, id, false).await?;
            return Ok(Outcome::Done);
        }
        let pending = Conversation::PendingCompany {
            name: name.as_str().to_owned(),
        };
        let keyboard = matches
            .iter()
            .take(LINK_CANDIDATES)
            .fold(Keyboard::none(), |keyboard, (id, name)| {
                keyboard.row(vec![Button::new(name.clone(), Action::OpenCompany(*id))])
            })
            .row(vec![Button::new(
                tr_args(
                    turn.lang,
                    "button-create-company",
                    &[("name", arg(name.as_str()))],
                ),
                Action::CreateCompany,
            )]);
        let text = turn.tr("company-similar");
        turn.send(text, keyboard);
        Ok(Outcome::Ask(pending))
    }

    pub(in crate::chat) async fn create_pending_company(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        let Some(Conversation::PendingCompany { name }) = self.open_question(turn).await? else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        let name = ContactName::parse(&name)?;
        let id = self
            .store
            .create_company(member.team_id, member.user_id, name.as_str(), now())
            .await?;
        let text = turn.tr("company-created");
        turn.notice(text);
        self.open_company(turn, member, id, true).await?;
        Ok(Outcome::Done)
    }

    /// The company if `member` may see it; otherwise says why.
    /// Whether the member may still work on the company an open question is about.
    pub(in crate::chat) async fn recheck_company(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
    ) -> anyhow::Result<bool> {
        Ok(self
            .visible_company(turn, member, company_id)
            .await?
            .is_some())
    }

    pub(in crate::chat) async fn visible_company(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Company>> {
        let record = self.store.company(id, scope_of(member).owner_id).await?;
        Ok(turn.permit(member, record, "company", |r| (r.team_id, r.owner_id)))
    }

    pub(in crate::chat) async fn open_company(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        in_place: bool,
    ) -> anyhow::Result<()> {
        let Some(company) = self.visible_company(turn, member, id).await? else {
            return Ok(());
        };
        let mut lines = vec![format!("🏢 {}", company.name)];
        for (_, column, label) in &FIELDS[1..] {
            if let Some(value) = current(&company, *column) {
                lines.push(format!("{}: {value}", turn.tr(label)));
            }
        }
        lines.push(tr_args(
            turn.lang,
            "card-responsible",
            &[("name", arg(company.owner_name.clone()))],
        ));
        if !company.contacts.is_empty() {
            let names: Vec<&str> = company.contacts.iter().map(|(_, n)| n.as_str()).collect();
            lines.push(tr_args(
                turn.lang,
                "company-contacts",
                &[("names", arg(names.join(", ")))],
            ));
        }
        let deals = (self.store)
            .company_open_deals(id, scope_of(member).owner_id)
            .await?;
        lines.extend(open_deals_line(turn, &deals));
        // Never a silent cut: past the buttons' room the card says how many there are.
        if deals.len() > CARD_DEALS {
            lines.push(tr_args(
                turn.lang,
                "card-more-deals",
                &[
                    ("count", arg(deals.len() as i64)),
                    ("shown", arg(CARD_DEALS as i64)),
                ],
            ));
        }
        let deal_buttons: Vec<Button> = (deals.into_iter().take(CARD_DEALS))
            .map(|deal| Button::new(format!("💼 {}", deal.title), Action::DealCard(deal.id)))
            .collect();
        let mut keyboard = Keyboard::none()
            .row(vec![
                Button::new(turn.tr("button-edit"), Action::CompanyEdit(id)),
                Button::new(turn.tr("button-link-contact"), Action::CompanyLink(id)),
            ])
            .row(vec![
                Button::new(turn.tr("button-history"), Action::CompanyHistory(id, 0)),
                Button::new(turn.tr("button-deal"), Action::NewCompanyDeal(id)),
            ]);
        keyboard = keyboard.rows(deal_buttons.chunks(3).map(<[Button]>::to_vec));
        for (contact_id, name) in company.contacts.iter().take(LINK_CANDIDATES) {
            keyboard = keyboard.row(vec![Button::new(
                format!("👤 {name}"),
                Action::OpenCard(*contact_id),
            )]);
        }
        if in_place {
            turn.show(lines.join("\n"), keyboard);
        } else {
            turn.send(lines.join("\n"), keyboard);
        }
        Ok(())
    }

    pub(in crate::chat) async fn company_edit_menu(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(company) = self.visible_company(turn, member, id).await? else {
            return Ok(());
        };
        let buttons: Vec<Button> = FIELDS
            .iter()
            .map(|(_, column, label)| {
                Button::new(turn.tr(label), Action::CompanyField(id, *column))
            })
            .collect();
        show_field_menu(turn, &company.name, buttons, Action::ShowCompany(id));
        Ok(())
    }

    pub(in crate::chat) async fn ask_company_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        column: CompanyColumn,
    ) -> anyhow::Result<Outcome> {
        let Some(company) = self.visible_company(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let Some((code, _, label)) = FIELDS.iter().find(|(_, c, _)| *c == column) else {
            anyhow::bail!("company field {column:?} has no code");
        };
        let conversation = Conversation::EditCompanyField {
            company_id: id,
            field: (*code).to_owned(),
        };
        let value = current(&company, column).unwrap_or("—").to_owned();
        let (field, hint) = (turn.tr(label), turn.tr(&format!("{label}-hint")));
        Ok(ask_new_value(turn, field, value, hint, conversation))
    }

    pub(in crate::chat) async fn apply_company_field(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        code: &str,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let company = self.visible_company(turn, member, id).await?;
        let (Some(company), Some((column, label))) = (company, field(code)) else {
            return Ok(Outcome::Done);
        };
        match parse_value(column, text) {
            Ok(value) => {
                let note = EditNote {
                    field: &format!("company:{}", turn.tr(label)),
                    old: current(&company, column).unwrap_or("—"),
                    new: value.as_deref().unwrap_or("—"),
                };
                self.store
                    .edit_company_field(id, column, value.as_deref(), member.user_id, note, now())
                    .await?;
                let saved = turn.tr("edit-saved");
                turn.send(saved, Keyboard::none());
                self.open_company(turn, member, id, false).await?;
                Ok(Outcome::Done)
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }

    pub(in crate::chat) async fn ask_link_contact(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(company) = self.visible_company(turn, member, id).await? else {
            return Ok(Outcome::Keep);
        };
        let text = tr_args(
            turn.lang,
            "company-link-ask",
            &[("name", arg(company.name))],
        );
        Ok(ask(
            turn,
            text,
            Conversation::LinkContact { company_id: id },
        ))
    }

    /// The contacts found for the typed query, as buttons that link them.
    pub(in crate::chat) async fn offer_links(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
        query: &str,
    ) -> anyhow::Result<Outcome> {
        let hits = self.search(member, query).await?;
        if hits.is_empty() {
            let text = tr_args(
                turn.lang,
                "find-nothing",
                &[("query", arg(query.to_owned()))],
            );
            turn.send(text, Keyboard::none());
            return Ok(Outcome::Keep);
        }
        let keyboard = hits
            .iter()
            .take(LINK_CANDIDATES)
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(
                    hit.name.clone(),
                    Action::Link(company_id, hit.id),
                )])
            });
        let text = turn.tr("company-link-pick");
        turn.send(text, keyboard);
        Ok(Outcome::Done)
    }

    pub(in crate::chat) async fn link(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        company_id: i64,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let Some(company) = self.visible_company(turn, member, company_id).await? else {
            return Ok(());
        };
        if self
            .active_contact(turn, member, contact_id)
            .await?
            .is_none()
        {
            return Ok(());
        }
        self.store
            .link_contact(company_id, contact_id, &company.name, member.user_id, now())
            .await?;
        self.open_company(turn, member, company_id, true).await
    }

    pub(in crate::chat) async fn company_history(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(company) = self.visible_company(turn, member, id).await? else {
            return Ok(());
        };
        let (entries, total) = self
            .store
            .company_history_page(
                id,
                scope_of(member).owner_id,
                i64::from(page) * HISTORY_PAGE,
                HISTORY_PAGE,
            )
            .await?;
        let pages = ((total + HISTORY_PAGE - 1) / HISTORY_PAGE).max(1);
        let mut lines = vec![tr_args(
            turn.lang,
            "history-title",
            &[
                ("name", arg(company.name)),
                ("page", arg(i64::from(page) + 1)),
                ("pages", arg(pages)),
            ],
        )];
        lines.extend(entries.iter().map(|entry| self.entry_text(turn, entry)));
        let pages = u32::try_from(pages).unwrap_or(u32::MAX);
        let nav = pager(page, pages, |to| Action::CompanyHistory(id, to)).unwrap_or_default();
        let keyboard = Keyboard::none().row(nav).row(vec![Button::new(
            turn.tr("button-back"),
            Action::ShowCompany(id),
        )]);
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_values_are_checked_by_their_field() {
        assert_eq!(
            parse_value(CompanyColumn::Inn, "7707083894"),
            Err(InputError::InnInvalid)
        );
        assert_eq!(
            parse_value(CompanyColumn::Inn, " 7707083893 "),
            Ok(Some("7707083893".to_owned()))
        );
        assert_eq!(parse_value(CompanyColumn::Kpp, "-"), Ok(None));
        assert_eq!(
            parse_value(CompanyColumn::Name, "-"),
            Err(InputError::NameWithoutLetters)
        );
        assert_eq!(
            parse_value(CompanyColumn::BankDetails, &"x".repeat(301)),
            Err(InputError::TextTooLong { max: 300 })
        );
    }
}
