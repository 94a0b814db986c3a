//! The daily summary a team's group gets: a line of figures per member over the period since
//! the last one, the month's funnel chart after it, and the next summary planned with it.

use super::plan::{Conversations, JobPlan, instant};
use super::planning::{STALE_AFTER, next_summary_job};
use crate::chat::{Keyboard, Outgoing};
use crate::domain::{Currency, Lang, Money, SummarySchedule};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{DueJob, ManagerFigures, Store};
use chrono::TimeZone;
use chrono_tz::Tz;

/// The summary due in a team's group, with the next one to plan; nothing but that when the
/// group changed since or the summary is too late.
pub(super) async fn summary_message(
    store: &Store,
    core: &impl Conversations,
    job: &DueJob,
    now: i64,
) -> anyhow::Result<JobPlan> {
    let Some(team_id) = job.team_id else {
        return Ok(JobPlan::Skip { then: None });
    };
    let schedule = store.team_schedule(team_id).await?;
    // The group was changed or unset since this job was planned.
    if schedule.summary_chat_id != Some(job.chat_id) {
        return Ok(JobPlan::Skip { then: None });
    }
    let summary_schedule = schedule
        .summary_schedule
        .as_deref()
        .and_then(|text| SummarySchedule::parse(text, instant(now)).ok())
        .unwrap_or_default();
    let default_zone = core.default_zone();
    let then = next_summary_job(
        store,
        default_zone,
        team_id,
        job.chat_id,
        &summary_schedule,
        job.due_at.max(now),
    )
    .await?;
    if now - job.due_at > STALE_AFTER {
        return Ok(JobPlan::Skip { then });
    }
    let from = job
        .payload
        .as_deref()
        .and_then(|text| text.parse::<i64>().ok())
        .filter(|from| *from < job.due_at)
        .unwrap_or(job.due_at - 86_400);
    let figures = store.team_figures(team_id, from, job.due_at).await?;
    let zone = schedule.time_zone.unwrap_or(default_zone);
    let lang = team_language(store, team_id).await?;
    let sources = store.leads_by_source(team_id, from, job.due_at).await?;
    let text = summary_text(lang, zone, from, job.due_at, &figures, &sources);
    let chart = core
        .month_funnel_chart(team_id, lang, zone, job.due_at)
        .await?;
    let also = chart.map(|png| {
        Box::new(Outgoing::Photo {
            chat_id: job.chat_id,
            png,
            caption: tr(lang, "summary-funnel-caption"),
            keyboard: Keyboard::none(),
        })
    });
    Ok(JobPlan::Send {
        reply: Outgoing::Send {
            chat_id: job.chat_id,
            text,
            keyboard: Keyboard::none(),
        },
        then,
        client: None,
        also,
    })
}

/// A group has no language of its own: the summary speaks the team owner's.
async fn team_language(store: &Store, team_id: i64) -> anyhow::Result<Lang> {
    Ok(store
        .team_members(team_id)
        .await?
        .into_iter()
        .find(|m| m.member.role == crate::domain::Role::Owner)
        .and_then(|m| m.member.language)
        .unwrap_or(Lang::En))
}

/// Sums per currency code: "150 000 ₽ + 2 500 $", or "0".
fn sums_text(sums: &[(String, i64)]) -> String {
    let shown: Vec<String> = sums
        .iter()
        .filter_map(|(code, minor)| {
            let currency = Currency::parse(code)?;
            Some(
                Money {
                    minor: *minor,
                    currency,
                }
                .display(),
            )
        })
        .collect();
    if shown.is_empty() {
        "0".to_owned()
    } else {
        shown.join(" + ")
    }
}

/// The daily summary: a title with the period, a line per member, and the new leads that
/// came in by `POST /api/leads` per source (when any did).
pub fn summary_text(
    lang: Lang,
    zone: Tz,
    from: i64,
    to: i64,
    figures: &[ManagerFigures],
    sources: &[(String, i64)],
) -> String {
    let moment = |at: i64| {
        zone.timestamp_opt(at, 0)
            .single()
            .map(|t| t.format("%d.%m %H:%M").to_string())
            .unwrap_or_default()
    };
    let mut lines = vec![tr_args(
        lang,
        "summary-title",
        &[("from", arg(moment(from))), ("to", arg(moment(to)))],
    )];
    for line in figures {
        lines.push(tr_args(
            lang,
            "summary-line",
            &[
                ("name", arg(line.name.clone())),
                ("leads", arg(line.new_leads)),
                ("calls", arg(line.calls)),
                ("chats", arg(line.chats)),
                ("moved", arg(line.deals_moved)),
                ("won", arg(sums_text(&line.won))),
                ("lost", arg(sums_text(&line.lost))),
                ("overdue", arg(line.overdue_tasks)),
                ("unplanned", arg(line.deals_without_next_action)),
            ],
        ));
    }
    if !sources.is_empty() {
        let counts: Vec<String> = sources
            .iter()
            .map(|(source, count)| format!("{source} {count}"))
            .collect();
        lines.push(tr_args(
            lang,
            "summary-lead-sources",
            &[("sources", arg(counts.join(" · ")))],
        ));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_has_a_line_per_member_with_sums_per_currency() {
        let moscow: Tz = "Europe/Moscow".parse().unwrap();
        let figures = [
            ManagerFigures {
                user_id: 1,
                name: "Olga".into(),
                new_leads: 2,
                calls: 5,
                chats: 2,
                deals_moved: 3,
                won: vec![("RUB".into(), 15_000_000), ("USD".into(), 250_000)],
                lost: vec![],
                overdue_tasks: 1,
                deals_without_next_action: 4,
            },
            ManagerFigures {
                user_id: 2,
                name: "Anna".into(),
                ..ManagerFigures::default()
            },
        ];
        let sources = [("site".to_owned(), 3), ("landing-spring".to_owned(), 1)];
        let text = summary_text(
            Lang::En,
            moscow,
            1_795_586_400,
            1_795_672_800,
            &figures,
            &sources,
        );
        assert_eq!(
            text,
            "📊 Summary 25.11 09:00 – 26.11 09:00\n\
             👤 Olga: new leads 2 · calls 5 · chats 2 · deals moved 3 · won 150 000 ₽ + 2 500 $ · \
             lost 0 · overdue tasks 1 · deals without next step 4\n\
             👤 Anna: new leads 0 · calls 0 · chats 0 · deals moved 0 · won 0 · lost 0 · \
             overdue tasks 0 · deals without next step 0\n\
             🔥 New leads by source: site 3 · landing-spring 1"
        );
    }
}
