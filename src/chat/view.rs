//! Shared views: how the bot shows moments, dates, money, stages, roles and refused input,
//! and the labels several areas use. Pure functions of a language and a value.

use crate::domain::{Currency, InputError, Lang, Money, Role};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{Member, Scope, Stage};
use chrono::TimeZone;
use chrono_tz::Tz;

/// How the bot shows a moment: "05.12.2026 14:30".
pub const MOMENT_FORMAT: &str = "%d.%m.%Y %H:%M";

/// The program's clock now, in seconds.
pub fn now() -> i64 {
    crate::clock::timestamp()
}

/// `at` (seconds) in `zone` as the bot shows moments; empty for an impossible instant.
pub fn moment_in(zone: Tz, at: i64) -> String {
    zone.timestamp_opt(at, 0)
        .single()
        .map(|t| t.format(MOMENT_FORMAT).to_string())
        .unwrap_or_default()
}

/// Whom or what a task is about: "👤 Анна Смирнова · 💼 100 chairs"; `None` for neither.
pub fn task_about(task: &crate::store::Task) -> Option<String> {
    let parts: Vec<String> = [
        task.contact_name.as_ref().map(|name| format!("👤 {name}")),
        task.deal_title.as_ref().map(|title| format!("💼 {title}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A day's appointments under a heading, one line each: "📅 15:00 — Ivan Petrov, office";
/// nothing for none.
pub fn appointment_lines(
    lang: Lang,
    zone: Tz,
    appointments: &[(crate::store::Appointment, String)],
) -> Vec<String> {
    if appointments.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![tr(lang, "today-appointments")];
    for (appointment, name) in appointments {
        let time = zone
            .timestamp_opt(appointment.at, 0)
            .single()
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let place = appointment
            .place
            .as_ref()
            .map_or(String::new(), |place| format!(", {place}"));
        lines.push(format!("{time} — {name}{place}"));
    }
    lines
}

/// A role's name in `lang`.
pub fn role_name(lang: Lang, role: Role) -> String {
    tr(lang, &format!("role-{}", role.as_str()))
}

/// Why typed input was refused, in `lang`.
pub fn input_error_text(lang: crate::domain::Lang, error: &InputError) -> String {
    match error {
        InputError::NameTooLong { max }
        | InputError::NoteTooLong { max }
        | InputError::TextTooLong { max } => {
            tr_args(lang, error.locale_key(), &[("max", arg(*max as i64))])
        }
        InputError::NoSuchDay { day, month } => tr_args(
            lang,
            error.locale_key(),
            &[
                ("day", arg(i64::from(*day))),
                ("month", arg(i64::from(*month))),
            ],
        ),
        _ => tr(lang, error.locale_key()),
    }
}

/// What the member may see: the whole team, or only their own records.
pub fn scope_of(member: &Member) -> Scope {
    Scope {
        team_id: member.team_id,
        owner_id: (!member.role.sees_all_contacts()).then_some(member.user_id),
    }
}

/// A stage's name in `lang`: default stages are locale keys.
pub fn stage_label(lang: Lang, stage: &Stage) -> String {
    if stage.name.starts_with("stage-") {
        tr(lang, &stage.name)
    } else {
        stage.name.clone()
    }
}

/// An amount as shown, when the deal has one.
pub fn amount_label(amount_minor: Option<i64>, currency: Option<&str>) -> Option<String> {
    let currency = Currency::parse(currency?)?;
    Some(
        Money {
            minor: amount_minor?,
            currency,
        }
        .display(),
    )
}

/// Sums amounts per currency: "150 000 ₽ + 2 000 $"; `None` when no deal has an amount.
pub fn sum_label<'a>(
    amounts: impl Iterator<Item = (Option<i64>, Option<&'a str>)>,
) -> Option<String> {
    let mut sums: Vec<(Currency, i64)> = Vec::new();
    for (minor, currency) in amounts {
        let (Some(minor), Some(currency)) = (minor, currency.and_then(Currency::parse)) else {
            continue;
        };
        match sums.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, sum)) => *sum = sum.saturating_add(minor),
            None => sums.push((currency, minor)),
        }
    }
    (!sums.is_empty()).then(|| {
        sums.into_iter()
            .map(|(currency, minor)| Money { minor, currency }.display())
            .collect::<Vec<_>>()
            .join(" + ")
    })
}

/// "2026-12-31" as "31.12.2026".
pub fn shown_date(stored: &str) -> Option<String> {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%d.%m.%Y").to_string())
}

/// The contact types a team has until the owner sets its own.
pub const DEFAULT_KINDS: [&str; 3] = ["wholesale", "shop", "retail"];

/// The label of the field an edit entry on the timeline names.
pub fn history_label(lang: Lang, stored: &str) -> String {
    // Custom fields and company fields are stored with their label as shown at the time.
    match stored
        .strip_prefix("custom:")
        .or_else(|| stored.strip_prefix("company:"))
    {
        Some(name) => name.to_owned(),
        None => tr(lang, &format!("field-{stored}")),
    }
}

/// A contact type as shown: default types are locale keys.
pub fn kind_label(lang: Lang, kind: &str) -> String {
    if DEFAULT_KINDS.contains(&kind) {
        tr(lang, &format!("kind-{kind}"))
    } else {
        kind.to_owned()
    }
}

pub fn priority_label(lang: Lang, priority: &str) -> String {
    tr(lang, &format!("priority-{priority}"))
}

pub fn yes_no(lang: Lang, yes: bool) -> String {
    tr(lang, if yes { "yes" } else { "no" })
}
