//! Which jobs to create ahead of time: each day's birthday heads-ups, greetings and morning
//! digests, clients fallen dormant, a deal's deadline notices and a team's next summary. Zones
//! come from the store, or else `default_zone` (the configured one).

use crate::domain::{Birthday, SummarySchedule, wall_clock_instant};
use crate::store::{BirthdayContact, Contact, DayPushesOf, Deal, JobKind, NewJob, Store};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use std::collections::HashMap;

/// A push meant for a day (a birthday, a digest) is not sent later than this after its time.
pub(super) const STALE_AFTER: i64 = 12 * 3600;
/// The local hour of the manager's heads-ups and digests, and of the clients' greetings.
const MORNING_HOUR: u32 = 9;
const GREETING_HOUR: u32 = 10;
/// How many dormant clients one tick plans, so one tick stays short.
const REACTIVATIONS_PER_TICK: i64 = 200;
/// The planning mark: the last day (days from the common era) whose pushes are planned.
const DAILY_MARK: &str = "daily";
/// Within the next day to plan, the last contact whose birthday is planned.
const DAILY_CURSOR: &str = "daily-cursor";
/// Birthdays planned per tick (two jobs each), so a tick stays short at a million contacts.
const BIRTHDAYS_PER_TICK: i64 = 250;

/// The instant of `hour`:00 local on `date` in `zone` (the first such instant in a DST fold,
/// the first minute after a gap).
pub fn local_instant(zone: Tz, date: NaiveDate, hour: u32) -> Option<i64> {
    wall_clock_instant(zone, date.and_hms_opt(hour, 0, 0)?).map(|(at, _)| at.timestamp())
}

/// When a push meant for a day goes, from the date it carries: the local day and hour. The
/// same rule plans it and moves it when a zone changes.
fn local_hour_of(kind: JobKind, date: NaiveDate) -> Option<(NaiveDate, u32)> {
    match kind {
        JobKind::Digest | JobKind::BirthdayManager => Some((date, MORNING_HOUR)),
        JobKind::BirthdayClient => Some((date, GREETING_HOUR)),
        // The morning before a deal's close date, and the morning after it.
        JobKind::DealDueSoon => Some((date.pred_opt()?, MORNING_HOUR)),
        JobKind::DealOverdue => Some((date.succ_opt()?, MORNING_HOUR)),
        _ => None,
    }
}

/// The instant a push of `kind` for `date` goes at in `zone`.
fn day_push_due(kind: JobKind, date: NaiveDate, zone: Tz) -> Option<i64> {
    let (day, hour) = local_hour_of(kind, date)?;
    local_instant(zone, day, hour)
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn day_from_number(number: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(number).ok()?)
}

/// The birthdays celebrated on `date`: its own, and 29 February's on the 28th of a common year.
pub(super) fn birthday_keys(date: NaiveDate) -> Vec<(u32, u32)> {
    let mut keys = vec![(date.month(), date.day())];
    if date.month() == 2
        && date.day() == 28
        && NaiveDate::from_ymd_opt(date.year(), 2, 29).is_none()
    {
        keys.push((2, 29));
    }
    keys
}

/// The zone a team's schedules and its clients' times are read in.
pub async fn team_zone(store: &Store, default_zone: Tz, team_id: i64) -> anyhow::Result<Tz> {
    Ok(store
        .team_schedule(team_id)
        .await?
        .time_zone
        .unwrap_or(default_zone))
}

/// Plans the pushes that will be due soon and are not jobs yet. Cheap when there is nothing
/// new: one mark read and one indexed range for dormant clients.
pub async fn plan_pushes(store: &Store, default_zone: Tz, now: i64) -> anyhow::Result<()> {
    let today = DateTime::<Utc>::from_timestamp(now, 0)
        .unwrap_or_default()
        .date_naive();
    // Tomorrow is planned today: 09:00 tomorrow somewhere east is still today in UTC.
    let last_to_plan = day_number(today) + 1;
    let planned = store.scheduler_mark(DAILY_MARK).await?;
    // After a long stop, yesterday's pushes are the oldest worth planning.
    let first = planned.map_or(day_number(today), |mark| {
        (mark + 1).max(day_number(today) - 1)
    });
    // On the very first start, what was due earlier today is not news any more; after a stop,
    // what fell due meanwhile is still sent (late) the same day.
    let not_before = if planned.is_none() {
        now
    } else {
        now - STALE_AFTER
    };
    // One slice of the next day not planned yet, so that no tick plans thousands at once.
    if first <= last_to_plan
        && let Some(date) = day_from_number(first)
    {
        let cursor = store.scheduler_mark(DAILY_CURSOR).await?.unwrap_or(0);
        let (jobs, next_cursor) = day_slice(store, default_zone, date, not_before, cursor).await?;
        let marks = match next_cursor {
            Some(cursor) => vec![(DAILY_CURSOR, cursor)],
            None => vec![(DAILY_MARK, first), (DAILY_CURSOR, 0)],
        };
        store.plan_jobs(&jobs, &marks).await?;
    }
    store
        .plan_reactivations(now, REACTIVATIONS_PER_TICK)
        .await?;
    Ok(())
}

/// A slice of `date`'s birthday heads-ups and greetings (contacts after `cursor`), those due
/// after `not_before`, and where the next slice starts; the last slice (`None`) also holds the
/// day's morning digests.
async fn day_slice(
    store: &Store,
    default_zone: Tz,
    date: NaiveDate,
    not_before: i64,
    cursor: i64,
) -> anyhow::Result<(Vec<NewJob>, Option<i64>)> {
    let mut contacts = Vec::new();
    let mut complete = true;
    for (month, day) in birthday_keys(date) {
        let found = store
            .birthdays_on(month, day, cursor, BIRTHDAYS_PER_TICK)
            .await?;
        complete &= (found.len() as i64) < BIRTHDAYS_PER_TICK;
        contacts.extend(found);
    }
    contacts.sort_by_key(|contact| contact.id);
    if contacts.len() as i64 > BIRTHDAYS_PER_TICK {
        contacts.truncate(BIRTHDAYS_PER_TICK as usize);
        complete = false;
    }
    let mut jobs = Vec::new();
    let mut team_zones = HashMap::new();
    for contact in &contacts {
        jobs.extend(
            birthday_jobs(
                store,
                default_zone,
                contact,
                date,
                not_before,
                &mut team_zones,
            )
            .await?,
        );
    }
    if !complete {
        let next = contacts.last().map_or(cursor, |contact| contact.id);
        return Ok((jobs, Some(next)));
    }
    for member in store.active_members().await? {
        let zone = member.time_zone.unwrap_or(default_zone);
        if let Some(due) = day_push_due(JobKind::Digest, date, zone)
            && due > not_before
        {
            jobs.push(NewJob {
                dedup_key: Some(format!("digest:{}:{date}", member.user_id)),
                team_id: Some(member.team_id),
                payload: Some(date.to_string()),
                ..NewJob::new(JobKind::Digest, member.user_id, due)
            });
        }
    }
    Ok((jobs, None))
}

/// A contact's birthday pushes on `date`: the manager's heads-up at 09:00 in the manager's
/// zone, and the client's greeting at 10:00 in the client's (sent only if by then the client
/// has linked the bot and opted in).
async fn birthday_jobs(
    store: &Store,
    default_zone: Tz,
    contact: &BirthdayContact,
    date: NaiveDate,
    not_before: i64,
    team_zones: &mut HashMap<i64, Tz>,
) -> anyhow::Result<Vec<NewJob>> {
    let client_zone = match contact.time_zone {
        Some(zone) => zone,
        None => match team_zones.get(&contact.team_id) {
            Some(zone) => *zone,
            None => {
                let zone = team_zone(store, default_zone, contact.team_id).await?;
                team_zones.insert(contact.team_id, zone);
                zone
            }
        },
    };
    let owner_zone = contact.owner_time_zone.unwrap_or(default_zone);
    let pushes = [
        (JobKind::BirthdayManager, owner_zone, contact.owner_id),
        // The client's chat is looked up when due.
        (JobKind::BirthdayClient, client_zone, 0),
    ];
    Ok(pushes
        .into_iter()
        .filter_map(|(kind, zone, chat_id)| {
            let due = day_push_due(kind, date, zone).filter(|due| *due > not_before)?;
            Some(NewJob {
                dedup_key: Some(format!("{}:{}:{date}", kind.as_str(), contact.id)),
                team_id: Some(contact.team_id),
                contact_id: Some(contact.id),
                payload: Some(date.to_string()),
                ..NewJob::new(kind, chat_id, due)
            })
        })
        .collect())
}

/// The pushes of a birthday just set on a card at `now`, for the days already planned.
pub async fn birthday_jobs_after_edit(
    store: &Store,
    default_zone: Tz,
    contact: &Contact,
    birthday: Birthday,
    now: i64,
) -> anyhow::Result<Vec<NewJob>> {
    let today = DateTime::<Utc>::from_timestamp(now, 0)
        .unwrap_or_default()
        .date_naive();
    let owner_time_zone = store
        .member(contact.owner_id)
        .await?
        .and_then(|m| m.time_zone);
    let birthday_contact = BirthdayContact {
        id: contact.id,
        team_id: contact.team_id,
        owner_id: contact.owner_id,
        owner_time_zone,
        time_zone: contact.time_zone.as_deref().and_then(|z| z.parse().ok()),
    };
    let mut jobs = Vec::new();
    for date in [Some(today), today.succ_opt()].into_iter().flatten() {
        if birthday_keys(date).contains(&(birthday.month, birthday.day)) {
            jobs.extend(
                birthday_jobs(
                    store,
                    default_zone,
                    &birthday_contact,
                    date,
                    now,
                    &mut HashMap::new(),
                )
                .await?,
            );
        }
    }
    Ok(jobs)
}

/// The notices for a deal's expected close date (`YYYY-MM-DD`) set at `now`: the morning
/// before, and the morning after if it is still open then.
pub async fn deal_deadline_jobs(
    store: &Store,
    default_zone: Tz,
    deal: &Deal,
    date: &str,
    now: i64,
) -> anyhow::Result<Vec<NewJob>> {
    let Ok(close) = date.parse::<NaiveDate>() else {
        return Ok(Vec::new());
    };
    let zone = store
        .member(deal.owner_id)
        .await?
        .and_then(|member| member.time_zone)
        .unwrap_or(default_zone);
    Ok([JobKind::DealDueSoon, JobKind::DealOverdue]
        .into_iter()
        .filter_map(|kind| {
            let due = day_push_due(kind, close, zone)?;
            (due > now).then(|| NewJob {
                dedup_key: Some(format!("{}:{}:{date}", kind.as_str(), deal.id)),
                team_id: Some(deal.team_id),
                deal_id: Some(deal.id),
                payload: Some(date.to_owned()),
                ..NewJob::new(kind, deal.owner_id, due)
            })
        })
        .collect())
}

/// The next summary job of a team after `after`, per its schedule and zone.
pub async fn next_summary_job(
    store: &Store,
    default_zone: Tz,
    team_id: i64,
    chat_id: i64,
    schedule: &SummarySchedule,
    after: i64,
) -> anyhow::Result<Option<NewJob>> {
    let zone = team_zone(store, default_zone, team_id).await?;
    let after_instant = DateTime::<Utc>::from_timestamp(after, 0).unwrap_or_default();
    Ok(schedule.next_after(zone, after_instant).map(|at| {
        let due = at.timestamp();
        NewJob {
            dedup_key: Some(format!("summary:{team_id}:{due}")),
            team_id: Some(team_id),
            payload: Some(after.to_string()),
            ..NewJob::new(JobKind::Summary, chat_id, due)
        }
    }))
}

/// After a zone changed (a member's, a contact's, a team's), moves the pushes already planned
/// for a local hour of a day to that hour in the zone now in force. Reminders stay: they were
/// set for an instant.
pub async fn replan_day_pushes(
    store: &Store,
    default_zone: Tz,
    whose: DayPushesOf,
) -> anyhow::Result<()> {
    let zone = match whose {
        DayPushesOf::Member(user_id) => store
            .member(user_id)
            .await?
            .and_then(|member| member.time_zone)
            .unwrap_or(default_zone),
        DayPushesOf::Contact(contact_id) => {
            let Some(contact) = store.contact(contact_id).await? else {
                return Ok(());
            };
            match contact
                .time_zone
                .as_deref()
                .and_then(|zone| zone.parse().ok())
            {
                Some(zone) => zone,
                None => team_zone(store, default_zone, contact.team_id).await?,
            }
        }
        DayPushesOf::TeamClients(team_id) => team_zone(store, default_zone, team_id).await?,
    };
    let moves: Vec<(i64, i64)> = store
        .pending_day_pushes(whose)
        .await?
        .into_iter()
        .filter_map(|push| {
            let date = push.payload?.parse::<NaiveDate>().ok()?;
            Some((push.id, day_push_due(push.kind, date, zone)?))
        })
        .collect();
    store.move_pending_jobs(&moves).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_29th_of_february_is_celebrated_on_the_28th_in_common_years() {
        let common = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
        assert_eq!(birthday_keys(common), [(2, 28), (2, 29)]);
        let leap = NaiveDate::from_ymd_opt(2028, 2, 28).unwrap();
        assert_eq!(birthday_keys(leap), [(2, 28)]);
        let leap_day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(birthday_keys(leap_day), [(2, 29)]);
    }

    #[test]
    fn morning_hours_keep_the_wall_clock_across_a_dst_change() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
        let after = NaiveDate::from_ymd_opt(2026, 10, 26).unwrap();
        // 09:00 CEST is 07:00 UTC, 09:00 CET is 08:00 UTC.
        assert_eq!(local_instant(berlin, before, 9), Some(1_792_825_200));
        assert_eq!(local_instant(berlin, after, 9), Some(1_793_001_600));
        // 02:00 on the spring-forward day does not exist: the hour after is taken.
        let spring = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
        let at = local_instant(berlin, spring, 2).unwrap();
        let local = berlin.timestamp_opt(at, 0).unwrap();
        assert_eq!(local.format("%H:%M").to_string(), "03:00");
    }
}
