//! `/report`: the funnel with stage-to-stage conversion, each manager's performance, the ABC
//! analysis of clients by revenue, and the weighted forecast by expected close month — for the
//! team (owner, leads) or one's own (managers), over this month, last month or all time. Each is
//! a short text; the funnel, managers and forecast also come as a PNG chart.
//!
//! ```text
//! lead: /report → 👥 Managers
//! bot:  👥 Managers · this month · team
//!       👤 Olga: calls 12 · new contacts 4 · deals opened 3, won 1 (150 000 ₽), lost 1 …
//!       🖼 (a bar chart of the amounts won)
//! ```

use crate::chat::ask::ask;
use crate::chat::choices::{Period, ReportKind};
use crate::chat::context::Core;
use crate::chat::deals::funnel::funnel;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, ActionKind};
use crate::chat::turn::Turn;
use crate::chat::view::{stage_label, sum_label};
use crate::domain::{Currency, Lang, Money};
use crate::i18n::{arg, tr, tr_args};
use crate::reports::{self, AbcThresholds, ClientRevenue, PipelineDeal, charts};
use crate::store::{Member, StageOutcome};

/// The reports, by code.
/// Clients named per ABC class; the counts cover them all.
const ABC_NAMES: usize = 10;

fn money(minor: i64, code: &str) -> String {
    match Currency::parse(code) {
        Some(currency) => Money { minor, currency }.display(),
        None => format!("{} {code}", minor / 100),
    }
}

/// The currency with the largest total: reports that rank or chart amounts use one currency.
fn main_currency<'a>(sums: impl Iterator<Item = (&'a str, i64)>) -> Option<String> {
    let mut totals: Vec<(&str, i64)> = Vec::new();
    for (code, minor) in sums {
        match totals.iter_mut().find(|(c, _)| *c == code) {
            Some((_, total)) => *total = total.saturating_add(minor),
            None => totals.push((code, minor)),
        }
    }
    totals
        .into_iter()
        .max_by_key(|(code, total)| (*total, std::cmp::Reverse(*code)))
        .map(|(code, _)| code.to_owned())
}

impl Core {
    /// `/report`: which report.
    pub(in crate::chat) fn report_menu(&self, turn: &mut Turn<'_>) {
        let text = turn.tr("report-title");
        let buttons: Vec<Button> = ReportKind::ALL
            .iter()
            .map(|kind| {
                Button::new(
                    turn.tr(kind.label_key()),
                    Action::Report(*kind, Period::ThisMonth),
                )
            })
            .collect();
        let mut keyboard = Keyboard::none();
        for pair in buttons.chunks(2) {
            keyboard = keyboard.row(pair.to_vec());
        }
        turn.send(text, keyboard);
    }

    pub(in crate::chat) async fn report(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        kind: ReportKind,
        period: Period,
    ) -> anyhow::Result<()> {
        let owner = (!member.role.sees_all_contacts()).then_some(member.user_id);
        let (from, to) = period.bounds(self.zone(member), crate::clock::timestamp());
        let scope = if owner.is_some() {
            "funnel-mine"
        } else {
            "funnel-team"
        };
        let heading = format!(
            "{} · {} · {}",
            turn.tr(kind.label_key()),
            turn.tr(period.label_key()),
            turn.tr(scope)
        );
        let lang = turn.lang;
        let (body, chart) = match kind {
            ReportKind::Funnel => {
                self.funnel_report(member.team_id, owner, from, to, lang)
                    .await?
            }
            ReportKind::Managers => self.managers_report(member, owner, from, to, lang).await?,
            ReportKind::Abc => (self.abc_report(member, owner, from, to, lang).await?, None),
            ReportKind::Forecast => self.forecast_report(member, owner, lang).await?,
        };
        let periods: Vec<Button> = Period::ALL
            .iter()
            .map(|p| Button::new(turn.tr(p.label_key()), Action::Report(kind, *p)))
            .collect();
        let mut keyboard = Keyboard::none().row(periods);
        if kind == ReportKind::Abc && ActionKind::AbcThresholds.allows(member.role) {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-abc-thresholds"),
                Action::AbcThresholds,
            )]);
        }
        turn.show(format!("{heading}\n{body}"), keyboard);
        if let Some(png) = chart {
            let chat_id = turn.chat_id();
            turn.out.push(Outgoing::Photo {
                chat_id,
                png,
                caption: heading,
            });
        }
        Ok(())
    }

    /// The funnel as text and chart; also used by the daily summary.
    pub(in crate::chat) async fn funnel_report(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let stages = self.store.stages(team_id).await?;
        let deals = self.store.funnel_deals(team_id, owner, from, to).await?;
        let rows = funnel(&stages, &deals);
        let mut lines = Vec::new();
        let mut bars = Vec::new();
        for row in &rows {
            let label = stage_label(lang, row.stage);
            let mut line = format!("{label}: {}", row.reached);
            if let Some(conversion) = row.conversion {
                line.push_str(&format!(" ({conversion} %)"));
            }
            lines.push(line);
            if row.stage.outcome != StageOutcome::Lost {
                bars.push((label, row.reached as u64));
            }
        }
        let title = tr(lang, "button-report-funnel");
        let chart = charts::funnel_chart(&title, &bars)?;
        Ok((lines.join("\n"), Some(chart)))
    }

    async fn managers_report(
        &self,
        member: &Member,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let now = crate::clock::timestamp();
        let rows = self
            .store
            .manager_performance(member.team_id, owner, from, to, now)
            .await?;
        let currency = main_currency(
            rows.iter()
                .flat_map(|r| r.won.iter().map(|(c, m)| (c.as_str(), *m))),
        );
        let mut lines = Vec::new();
        let mut bars = Vec::new();
        for row in &rows {
            let won = sum_label(
                row.won
                    .iter()
                    .map(|(code, minor)| (Some(*minor), Some(code.as_str()))),
            )
            .unwrap_or_else(|| "0".to_owned());
            let won_main: i64 = row
                .won
                .iter()
                .filter(|(code, _)| Some(code) == currency.as_ref())
                .map(|(_, minor)| *minor)
                .sum();
            let average = currency
                .as_deref()
                .and_then(|code| {
                    reports::average_minor(won_main, row.deals_won).map(|m| money(m, code))
                })
                .unwrap_or_else(|| "—".to_owned());
            lines.push(tr_args(
                lang,
                "report-manager-line",
                &[
                    ("name", arg(row.name.clone())),
                    ("calls", arg(row.calls)),
                    ("contacts", arg(row.new_contacts)),
                    ("opened", arg(row.deals_opened)),
                    ("won", arg(row.deals_won)),
                    ("amount", arg(won)),
                    ("lost", arg(row.deals_lost)),
                    ("average", arg(average)),
                    ("overdue", arg(row.overdue_tasks)),
                ],
            ));
            bars.push((row.name.clone(), won_main as f64 / 100.0));
        }
        let code = currency.unwrap_or_else(|| "RUB".to_owned());
        let title = tr_args(
            lang,
            "report-managers-chart",
            &[("currency", arg(code.clone()))],
        );
        let chart = charts::bar_chart(&title, &bars, |value| money((value * 100.0) as i64, &code))?;
        Ok((lines.join("\n"), Some(chart)))
    }

    async fn abc_report(
        &self,
        member: &Member,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
    ) -> anyhow::Result<String> {
        let rows = self
            .store
            .client_revenue(member.team_id, owner, from, to)
            .await?;
        let Some(currency) =
            main_currency(rows.iter().map(|r| (r.currency.as_str(), r.revenue_minor)))
        else {
            return Ok(tr(lang, "report-abc-empty"));
        };
        let clients: Vec<ClientRevenue> = rows
            .iter()
            .filter(|r| r.currency == currency)
            .map(|r| ClientRevenue {
                contact_id: r.contact_id,
                name: r.name.clone(),
                revenue_minor: r.revenue_minor,
            })
            .collect();
        let thresholds = self
            .store
            .abc_thresholds(member.team_id)
            .await?
            .and_then(|text| AbcThresholds::parse(&text).ok())
            .unwrap_or_default();
        let report = reports::abc(&clients, thresholds);
        let mut lines = vec![tr_args(
            lang,
            "report-abc-intro",
            &[
                ("thresholds", arg(thresholds.to_string())),
                ("total", arg(money(report.total_minor, &currency))),
            ],
        )];
        for group in report.groups() {
            let names: Vec<String> = group
                .clients
                .iter()
                .take(ABC_NAMES)
                .map(|c| format!("{} ({})", c.name, money(c.revenue_minor, &currency)))
                .collect();
            let mut line = tr_args(
                lang,
                "report-abc-class",
                &[
                    ("class", arg(group.class.letter())),
                    ("count", arg(group.clients.len() as i64)),
                    ("revenue", arg(money(group.revenue_minor, &currency))),
                    (
                        "share",
                        arg(format!("{:.1}", group.share_bp as f64 / 100.0)),
                    ),
                ],
            );
            if !names.is_empty() {
                line.push_str(&format!(" — {}", names.join(", ")));
            }
            lines.push(line);
        }
        Ok(lines.join("\n"))
    }

    async fn forecast_report(
        &self,
        member: &Member,
        owner: Option<i64>,
        lang: Lang,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let deals: Vec<PipelineDeal> = self
            .store
            .pipeline(member.team_id, owner)
            .await?
            .into_iter()
            .map(|row| PipelineDeal {
                amount_minor: row.amount_minor,
                currency: row.currency,
                probability: row.probability.clamp(0, 100) as u8,
                expected_close: row.expected_close.and_then(|d| d.parse().ok()),
            })
            .collect();
        let months = reports::forecast(&deals);
        if months.is_empty() {
            return Ok((tr(lang, "report-forecast-empty"), None));
        }
        let currency = main_currency(
            months
                .iter()
                .flat_map(|m| m.sums.iter().map(|(c, total, _)| (c.as_str(), *total))),
        )
        .unwrap_or_else(|| "RUB".to_owned());
        let mut lines = Vec::new();
        let mut bars = Vec::new();
        for month in &months {
            let label = match month.month {
                Some((year, month)) => format!("{month:02}.{year}"),
                None => tr(lang, "report-forecast-no-date"),
            };
            let sums = month
                .sums
                .iter()
                .map(|(code, total, weighted)| {
                    tr_args(
                        lang,
                        "report-forecast-sum",
                        &[
                            ("total", arg(money(*total, code))),
                            ("weighted", arg(money(*weighted, code))),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join(" + ");
            lines.push(format!("{label}: {sums}"));
            let weighted_main = month
                .sums
                .iter()
                .find(|(code, _, _)| *code == currency)
                .map_or(0, |(_, _, weighted)| *weighted);
            bars.push((label, weighted_main as f64 / 100.0));
        }
        let title = tr_args(
            lang,
            "report-forecast-chart",
            &[("currency", arg(currency.clone()))],
        );
        let chart = charts::bar_chart(&title, &bars, |value| {
            money((value * 100.0) as i64, &currency)
        })?;
        Ok((lines.join("\n"), Some(chart)))
    }

    /// ⚙️ on the ABC report: the next text is the boundaries.
    pub(in crate::chat) async fn ask_abc_thresholds(
        &self,
        turn: &mut Turn<'_>,
    ) -> anyhow::Result<Outcome> {
        let text = turn.tr("report-abc-thresholds-ask");
        Ok(ask(turn, text, Conversation::SetAbcThresholds))
    }

    pub(in crate::chat) async fn set_abc_thresholds(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        match AbcThresholds::parse(text) {
            Ok(thresholds) => {
                self.store
                    .set_abc_thresholds(member.team_id, &thresholds.to_string())
                    .await?;
                self.report(turn, member, ReportKind::Abc, Period::ThisMonth)
                    .await?;
                Ok(Outcome::Done)
            }
            Err(_) => {
                let text = format!(
                    "{}\n{}",
                    turn.tr("report-abc-thresholds-invalid"),
                    turn.tr("edit-try-again")
                );
                turn.send(text, Keyboard::none());
                Ok(Outcome::Keep)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_currency_has_the_largest_total() {
        let sums = [("RUB", 100), ("USD", 50), ("RUB", 20), ("EUR", 200)];
        assert_eq!(main_currency(sums.into_iter()), Some("EUR".to_owned()));
        assert_eq!(main_currency(std::iter::empty()), None);
    }
}
