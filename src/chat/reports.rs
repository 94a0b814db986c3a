//! `/report`: the funnel with stage-to-stage conversion, each manager's performance, the ABC
//! analysis of clients by revenue, and the weighted forecast by expected close month — for the
//! team (owner, leads) or one's own (managers), over this month, last month or all time (the
//! forecast: the pipeline now). Each report is one message: the funnel, managers and forecast a
//! PNG chart with the text as its caption, the ABC analysis text. A period button changes that
//! message in place; a period with nothing in it is said in words, with no chart.
//!
//! ```text
//! lead: /report → 👥 Managers
//! bot:  🖼 (a bar chart of the amounts won: "Won, RUB", "This month, 01.11.2026–30.11.2026 · team")
//!       👥 Managers · This month, 01.11.2026–30.11.2026 · team
//!       👤 Olga: calls 12 · new contacts 4 · deals opened 3, won 1 (150 000 ₽), lost 1 …
//!       [This month] [Last month] [All time]
//! lead: [Last month]
//! bot:  (the same message, its picture and caption now for October)
//! ```

use crate::chat::ask::ask;
use crate::chat::choices::{Period, ReportKind};
use crate::chat::context::Core;
use crate::chat::deals::funnel::funnel;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, ActionKind};
use crate::chat::turn::Turn;
use crate::chat::view::{now, stage_label, sum_label};
use crate::domain::{Currency, Lang, Money};
use crate::i18n::{arg, tr, tr_args};
use crate::reports::{self, AbcThresholds, ClientRevenue, PipelineDeal, charts};
use crate::scheduler::summary_text;
use crate::store::{FeedbackFigures, Member, PipelineRow, StageOutcome};

/// The hours `/summary` looks back over: a day, as the daily summary does.
const SUMMARY_HOURS: i64 = 24;
use chrono::TimeZone;
use chrono_tz::Tz;

/// The reports, by code.
/// Clients named per ABC class; the counts cover them all.
const ABC_NAMES: usize = 10;

/// `minor` units of the currency `code`, as the bot shows money.
pub(in crate::chat) fn money(minor: i64, code: &str) -> String {
    match Currency::parse(code) {
        Some(currency) => Money { minor, currency }.display(),
        None => format!("{} {code}", minor / 100),
    }
}

/// A stored open deal as the forecast weighs it.
pub(in crate::chat) fn pipeline_deal(row: PipelineRow) -> PipelineDeal {
    PipelineDeal {
        amount_minor: row.amount_minor,
        currency: row.currency,
        probability: row.probability.clamp(0, 100) as u8,
        expected_close: row.expected_close.and_then(|d| d.parse().ok()),
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

/// The period as a report names it: "This month, 01.11.2026–30.11.2026", "All time, until
/// 25.11.2026" (days in `zone`, the last one included).
pub(in crate::chat) fn period_line(lang: Lang, period: Period, zone: Tz, now: i64) -> String {
    let day = |at: i64| {
        zone.timestamp_opt(at, 0)
            .single()
            .map(|t| t.format("%d.%m.%Y").to_string())
            .unwrap_or_default()
    };
    let (from, to) = period.bounds(zone, now);
    let name = arg(tr(lang, period.label_key()));
    match period {
        Period::AllTime => tr_args(
            lang,
            "report-period-until",
            &[("period", name), ("to", arg(day(now)))],
        ),
        Period::ThisMonth | Period::LastMonth => tr_args(
            lang,
            "report-period",
            &[
                ("period", name),
                ("from", arg(day(from))),
                ("to", arg(day(to - 1))),
            ],
        ),
    }
}

/// What the forecast covers: "Open deals on 25.11.2026".
fn open_deals_on(lang: Lang, zone: Tz, now: i64) -> String {
    let date = zone
        .timestamp_opt(now, 0)
        .single()
        .map(|t| t.format("%d.%m.%Y").to_string())
        .unwrap_or_default();
    tr_args(lang, "report-forecast-when", &[("date", arg(date))])
}

/// A chart's title: the report's name in plain words (the chart's font has no emoji, so not
/// the button's label), with the currency of the amounts drawn. The ABC analysis has no chart.
fn chart_title(lang: Lang, kind: ReportKind, currency: &str) -> Option<String> {
    let key = match kind {
        ReportKind::Funnel => "report-funnel-chart",
        ReportKind::Managers => "report-managers-chart",
        ReportKind::Forecast => "report-forecast-chart",
        ReportKind::Feedback => "report-feedback-chart",
        ReportKind::Abc => return None,
    };
    Some(tr_args(
        lang,
        key,
        &[("currency", arg(currency.to_owned()))],
    ))
}

/// "👤 Olga: answers 3 · average ⭐4.3 · 5s 67 % · 1–3 33 %" (`key` names the line).
fn feedback_line(lang: Lang, key: &str, figures: &FeedbackFigures) -> String {
    // Tenths of a star and whole percent, rounded half up.
    let tenths = reports::average_minor(figures.rating_sum * 10, figures.answers).unwrap_or(0);
    let percent = |part: i64| {
        reports::share_bp(part, figures.answers)
            .and_then(|bp| reports::average_minor(bp, 100))
            .unwrap_or(0)
    };
    tr_args(
        lang,
        key,
        &[
            ("name", arg(figures.manager_name.clone())),
            ("answers", arg(figures.answers)),
            ("average", arg(format!("{}.{}", tenths / 10, tenths % 10))),
            ("fives", arg(percent(figures.fives))),
            ("lows", arg(percent(figures.lows))),
        ],
    )
}

/// A chart's subtitle: over which period, whose figures ("team", or the manager's name).
pub(in crate::chat) fn chart_subtitle(when: &str, whose: &str) -> String {
    format!("{when} · {whose}")
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
        let zone = self.zone(member);
        let now = crate::clock::timestamp();
        let (from, to) = period.bounds(zone, now);
        let lang = turn.lang;
        // The forecast is the pipeline as it is now, whatever the period.
        let when = match kind {
            ReportKind::Forecast => open_deals_on(lang, zone, now),
            _ => period_line(lang, period, zone, now),
        };
        let scope = if owner.is_some() {
            "funnel-mine"
        } else {
            "funnel-team"
        };
        let heading = format!(
            "{} · {when} · {}",
            turn.tr(kind.label_key()),
            turn.tr(scope)
        );
        let whose = match owner {
            Some(_) => member.display_name.clone(),
            None => turn.tr("funnel-team"),
        };
        let subtitle = chart_subtitle(&when, &whose);
        let (body, chart) = match kind {
            ReportKind::Funnel => {
                self.funnel_report(member.team_id, owner, from, to, lang, &subtitle)
                    .await?
            }
            ReportKind::Managers => {
                self.managers_report(member, owner, from, to, lang, &subtitle)
                    .await?
            }
            ReportKind::Abc => (self.abc_report(member, owner, from, to, lang).await?, None),
            ReportKind::Forecast => self.forecast_report(member, owner, lang, &subtitle).await?,
            ReportKind::Feedback => {
                self.feedback_report(member.team_id, owner, from, to, lang, &subtitle)
                    .await?
            }
        };
        let mut keyboard = Keyboard::none();
        if kind != ReportKind::Forecast {
            let periods: Vec<Button> = Period::ALL
                .iter()
                .map(|p| Button::new(turn.tr(p.label_key()), Action::Report(kind, *p)))
                .collect();
            keyboard = keyboard.row(periods);
        }
        if kind == ReportKind::Abc && ActionKind::AbcThresholds.allows(member.role) {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-abc-thresholds"),
                Action::AbcThresholds,
            )]);
        }
        // One message per report: switching the period changes it in place, the picture too.
        let text = format!("{heading}\n{body}");
        match chart {
            Some(png) => turn.show_photo(png, text, keyboard),
            None => turn.show(text, keyboard),
        }
        Ok(())
    }

    /// The funnel as text and chart; also used by the daily summary. No deals in the period:
    /// "no deals in this period" and no chart.
    pub(in crate::chat) async fn funnel_report(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
        subtitle: &str,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let stages = self.store.stages(team_id).await?;
        let deals = self.store.funnel_deals(team_id, owner, from, to).await?;
        if deals.is_empty() {
            return Ok((tr(lang, "report-no-deals"), None));
        }
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
        let chart = if bars.iter().any(|&(_, count)| count > 0) {
            let title = chart_title(lang, ReportKind::Funnel, "").unwrap_or_default();
            Some(charts::funnel_chart(&title, subtitle, &bars)?)
        } else {
            None
        };
        Ok((lines.join("\n"), chart))
    }

    /// Each manager's figures as text, and the amounts won as a chart when anything was won.
    /// Nobody did anything in the period: that, and no chart.
    async fn managers_report(
        &self,
        member: &Member,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
        subtitle: &str,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let now = crate::clock::timestamp();
        let rows = self
            .store
            .manager_performance(member.team_id, owner, from, to, now)
            .await?;
        let idle = rows.iter().all(|r| {
            r.calls == 0
                && r.new_contacts == 0
                && r.deals_opened == 0
                && r.deals_won == 0
                && r.deals_lost == 0
        });
        if idle {
            return Ok((tr(lang, "report-managers-empty"), None));
        }
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
        let chart = match currency {
            Some(code) if bars.iter().any(|&(_, won)| won > 0.0) => {
                let title = chart_title(lang, ReportKind::Managers, &code).unwrap_or_default();
                Some(charts::bar_chart(&title, subtitle, &bars, |value| {
                    money((value * 100.0) as i64, &code)
                })?)
            }
            _ => None,
        };
        Ok((lines.join("\n"), chart))
    }

    /// The clients' ratings: the answers, the average and the shares of 5s and of 1–3s, for
    /// everyone in view and by manager, and the averages as a chart.
    async fn feedback_report(
        &self,
        team_id: i64,
        owner: Option<i64>,
        from: i64,
        to: i64,
        lang: Lang,
        subtitle: &str,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let mut rows = self.store.feedback_figures(team_id, from, to).await?;
        rows.retain(|row| owner.is_none_or(|owner| row.manager_id == owner));
        if rows.is_empty() {
            return Ok((tr(lang, "report-feedback-empty"), None));
        }
        let total = rows.iter().fold(
            FeedbackFigures {
                manager_id: 0,
                manager_name: String::new(),
                answers: 0,
                rating_sum: 0,
                fives: 0,
                lows: 0,
            },
            |total, row| FeedbackFigures {
                answers: total.answers + row.answers,
                rating_sum: total.rating_sum + row.rating_sum,
                fives: total.fives + row.fives,
                lows: total.lows + row.lows,
                ..total
            },
        );
        let mut lines = vec![feedback_line(lang, "report-feedback-total", &total)];
        let mut bars = Vec::new();
        for row in &rows {
            lines.push(feedback_line(lang, "report-feedback-manager", row));
            let tenths = reports::average_minor(row.rating_sum * 10, row.answers).unwrap_or(0);
            bars.push((row.manager_name.clone(), tenths as f64 / 10.0));
        }
        let title = chart_title(lang, ReportKind::Feedback, "").unwrap_or_default();
        let chart = charts::bar_chart(&title, subtitle, &bars, |value| format!("{value:.1}"))?;
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
        subtitle: &str,
    ) -> anyhow::Result<(String, Option<Vec<u8>>)> {
        let deals: Vec<PipelineDeal> = self
            .store
            .pipeline(member.team_id, owner)
            .await?
            .into_iter()
            .map(pipeline_deal)
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
        let chart = if bars.iter().any(|&(_, weighted)| weighted > 0.0) {
            let title = chart_title(lang, ReportKind::Forecast, &currency).unwrap_or_default();
            Some(charts::bar_chart(&title, subtitle, &bars, |value| {
                money((value * 100.0) as i64, &currency)
            })?)
        } else {
            None
        };
        Ok((lines.join("\n"), chart))
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

    /// `/summary`: the daily summary's figures for the last 24 hours, now — the team's for
    /// the owner and leads, one's own line for a manager; in a group too.
    pub(in crate::chat) async fn summary_now(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        // Up to this very second, inclusive: the bounds are [from, to).
        let to = now() + 1;
        let from = to - SUMMARY_HOURS * 3600;
        let mut figures = self.store.team_figures(member.team_id, from, to).await?;
        // Where the team's leads came from is the team's figure, not a manager's.
        let sources = if member.role.sees_all_contacts() {
            self.store.leads_by_source(member.team_id, from, to).await?
        } else {
            figures.retain(|line| line.user_id == member.user_id);
            Vec::new()
        };
        let text = summary_text(turn.lang, self.zone(member), from, to, &figures, &sources);
        turn.send(text, Keyboard::none());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word a chart draws that comes from the locales, in both languages: the titles, the
    /// periods, whose figures, the default stages and the forecast's undated month. The font has
    /// no emoji, so none of these may have one (a chart would leave it out, but the words should
    /// not depend on that).
    #[test]
    fn chart_words_have_only_glyphs_the_embedded_font_draws() {
        let zone = chrono_tz::Europe::Moscow;
        // 25.11.2026 12:00 in Moscow.
        let now = 1_795_597_200;
        for lang in Lang::ALL {
            let mut texts = Vec::new();
            for kind in ReportKind::ALL {
                for currency in ["RUB", "USD", "EUR", "KZT", "UAH"] {
                    texts.extend(chart_title(lang, kind, currency));
                }
            }
            assert_eq!(
                texts.len(),
                4 * 5,
                "funnel, managers, forecast and feedback have charts"
            );
            for whose in [tr(lang, "funnel-team"), "Анна Smith".to_owned()] {
                for period in Period::ALL {
                    texts.push(chart_subtitle(
                        &period_line(lang, period, zone, now),
                        &whose,
                    ));
                }
                texts.push(chart_subtitle(&open_deals_on(lang, zone, now), &whose));
            }
            for stage in ["new", "qualified", "proposal", "negotiation", "won", "lost"] {
                texts.push(tr(lang, &format!("stage-{stage}")));
            }
            texts.push(tr(lang, "report-forecast-no-date"));
            for text in &texts {
                assert!(!text.is_empty() && !text.contains("report-"), "{text:?}");
                let missing = charts::missing_glyphs(text);
                assert!(missing.is_empty(), "{lang:?}: {text:?} lacks {missing:?}");
            }
        }
    }

    #[test]
    fn periods_are_named_with_their_days() {
        let zone = chrono_tz::Europe::Moscow;
        let now = 1_795_597_200;
        assert_eq!(
            period_line(Lang::En, Period::ThisMonth, zone, now),
            "This month, 01.11.2026–30.11.2026"
        );
        assert_eq!(
            period_line(Lang::Ru, Period::LastMonth, zone, now),
            "Прошлый месяц, 01.10.2026–31.10.2026"
        );
        assert_eq!(
            period_line(Lang::En, Period::AllTime, zone, now),
            "All time, until 25.11.2026"
        );
        assert_eq!(
            open_deals_on(Lang::Ru, zone, now),
            "Открытые сделки на 25.11.2026"
        );
        assert_eq!(
            chart_title(Lang::En, ReportKind::Funnel, "RUB").as_deref(),
            Some("Funnel")
        );
        assert_eq!(chart_title(Lang::Ru, ReportKind::Abc, "RUB"), None);
    }

    #[test]
    fn the_main_currency_has_the_largest_total() {
        let sums = [("RUB", 100), ("USD", 50), ("RUB", 20), ("EUR", 200)];
        assert_eq!(main_currency(sums.into_iter()), Some("EUR".to_owned()));
        assert_eq!(main_currency(std::iter::empty()), None);
    }
}
