//! `/companies`: the companies the member may see, ten a page, each with its INN and its open
//! deals (how many, and their sum); `/companies <INN>` finds by INN. The company card shows
//! the same deals, each opening the deal card.
//!
//! ```text
//! manager: /companies 7707083893
//! bot:     🏢 Companies with INN 7707083893:
//!          Romashka LLC · INN 7707083893 · 💼 2 open deals, 150 000 ₽   [Romashka LLC]
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::{Action, pager};
use crate::chat::turn::Turn;
use crate::chat::view::{input_error_text, scope_of, sum_label};
use crate::domain::Inn;
use crate::i18n::{arg, tr_args};
use crate::store::{Deal, Member};

const PAGE: u32 = 10;

/// "💼 2 open deals, 150 000 ₽" (no sum when no deal has an amount); `None` for no deal.
pub(in crate::chat) fn open_deals_line(turn: &Turn<'_>, deals: &[Deal]) -> Option<String> {
    if deals.is_empty() {
        return None;
    }
    let count = arg(deals.len() as i64);
    Some(
        match sum_label(
            deals
                .iter()
                .map(|deal| (deal.amount_minor, deal.currency.as_deref())),
        ) {
            Some(sum) => tr_args(
                turn.lang,
                "company-open-deals-sum",
                &[("count", count), ("sum", arg(sum))],
            ),
            None => tr_args(turn.lang, "company-open-deals", &[("count", count)]),
        },
    )
}

impl Core {
    /// `/companies [INN]`: a page of the companies, or those with the INN typed.
    pub(in crate::chat) async fn companies(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        args: &str,
        page: u32,
    ) -> anyhow::Result<()> {
        if !args.trim().is_empty() {
            return self.companies_by_inn(turn, member, args).await;
        }
        let scope = scope_of(member);
        let (rows, total) = self
            .store
            .companies_page(scope, i64::from(page) * i64::from(PAGE), i64::from(PAGE))
            .await?;
        if total == 0 {
            let text = turn.tr("companies-none");
            turn.show(text, Keyboard::none());
            return Ok(());
        }
        let pages = u32::try_from((total - 1) / i64::from(PAGE) + 1).unwrap_or(u32::MAX);
        let title = tr_args(
            turn.lang,
            "companies-title",
            &[
                ("count", arg(total)),
                ("page", arg(i64::from(page) + 1)),
                ("pages", arg(i64::from(pages))),
            ],
        );
        let nav = pager(page, pages, Action::CompaniesPage).unwrap_or_default();
        self.show_companies(turn, member, title, rows, nav).await
    }

    async fn companies_by_inn(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        typed: &str,
    ) -> anyhow::Result<()> {
        let inn = match Inn::parse(typed) {
            Ok(inn) => inn,
            Err(error) => {
                let text = format!(
                    "{}\n{}",
                    input_error_text(turn.lang, &error),
                    turn.tr("companies-usage")
                );
                turn.send(text, Keyboard::none());
                return Ok(());
            }
        };
        let found = self
            .store
            .companies_by_inn(scope_of(member), inn.as_str())
            .await?;
        let inn_arg = [("inn", arg(inn.as_str()))];
        if found.is_empty() {
            let text = tr_args(turn.lang, "companies-no-inn", &inn_arg);
            turn.send(text, Keyboard::none());
            return Ok(());
        }
        let rows = (found.into_iter())
            .map(|(id, name)| (id, name, Some(inn.as_str().to_owned())))
            .collect();
        let title = tr_args(turn.lang, "find-inn", &inn_arg);
        self.show_companies(turn, member, title, rows, Vec::new())
            .await
    }

    /// The list: a line per company (name, INN, open deals and their sum), a button each.
    async fn show_companies(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        title: String,
        rows: Vec<(i64, String, Option<String>)>,
        nav: Vec<Button>,
    ) -> anyhow::Result<()> {
        let viewer = scope_of(member).owner_id;
        let mut lines = vec![title];
        let mut keyboard = Keyboard::none();
        for (id, name, inn) in rows {
            let deals = self.store.company_open_deals(id, viewer).await?;
            let mut line = format!("🏢 {name}");
            if let Some(inn) = inn {
                line.push_str(&format!(" · {} {inn}", turn.tr("company-field-inn")));
            }
            if let Some(deals) = open_deals_line(turn, &deals) {
                line.push_str(&format!(" · {deals}"));
            }
            lines.push(line);
            keyboard = keyboard.row(vec![Button::new(name, Action::OpenCompany(id))]);
        }
        turn.show(lines.join("\n"), keyboard.row(nav));
        Ok(())
    }
}
