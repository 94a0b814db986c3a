//! `chatcrm bench tick`: the database side of scheduler ticks over a million contacts.

use super::{BENCH_INSTANCE, BENCH_OWNER, ms, open, print_percentile_header, print_percentile_row};
use chatcrm::chat::Core;
use chatcrm::scheduler::{Conversations, planning};
use chatcrm::store::Store;
use chrono::Datelike;
use std::time::{Duration, Instant};

/// The scheduler benchmark's first instant: 2026-11-25 05:00 UTC, before that day's 09:00
/// pushes. A fixed day keeps runs comparable (how many birthdays fall on a day depends on the
/// length of its month), and the planning takes the time as a parameter anyway.
const TICK_START: i64 = 1_795_582_800;
const DAY: i64 = 86_400;
/// How many generated contacts one seeding statement stores.
const SEED_BATCH: usize = 50_000;
/// How many due jobs a tick claims, as [`chatcrm::scheduler::tick`] does.
const CLAIM_BATCH: i64 = 50;
/// How many dormant clients one tick plans at most, as [`planning::plan_pushes`] does.
const DORMANT_PER_TICK: i64 = 200;

/// What one tick's database side took and did.
struct TickTimes {
    plan: Duration,
    claim: Duration,
    /// Finishing every claimed job, one transaction each (as each is sent).
    finish: Duration,
    /// Jobs the planning stored.
    planned: i64,
    claimed: usize,
}

impl TickTimes {
    fn whole(&self) -> Duration {
        self.plan + self.claim + self.finish
    }
}

/// One scheduler tick at `now` without Telegram, as [`chatcrm::scheduler::tick`] does it: plan
/// the pushes, claim a batch of due jobs, and finish each (as skipped: nothing is sent).
async fn timed_tick(core: &Core, now: i64) -> anyhow::Result<TickTimes> {
    let store = core.store();
    let (jobs_before, _) = store.bench_job_counts(now).await?;
    let started = Instant::now();
    planning::plan_pushes(store, core.default_zone(), now).await?;
    let plan = started.elapsed();
    let (jobs_after, _) = store.bench_job_counts(now).await?;
    let started = Instant::now();
    let jobs = store
        .claim_due_jobs(BENCH_INSTANCE, now, CLAIM_BATCH)
        .await?;
    let claim = started.elapsed();
    let started = Instant::now();
    for job in &jobs {
        store
            .finish_job(job.id, BENCH_INSTANCE, None, now, None)
            .await?;
    }
    Ok(TickTimes {
        plan,
        claim,
        finish: started.elapsed(),
        planned: jobs_after - jobs_before,
        claimed: jobs.len(),
    })
}

/// Stores `contacts` generated contacts in batches, reporting progress on stderr.
async fn seed_scheduler_base(
    store: &Store,
    team_id: i64,
    contacts: usize,
    now: i64,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    for start in (0..contacts).step_by(SEED_BATCH) {
        let end = (start + SEED_BATCH).min(contacts);
        store
            .seed_scheduler_bench(team_id, BENCH_OWNER, start as i64..end as i64, now)
            .await?;
        eprintln!(
            "seeded {end} of {contacts} contacts ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(started.elapsed())
}

fn date_of(now: i64) -> String {
    chrono::DateTime::from_timestamp(now, 0)
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// Seeds `contacts` contacts into a fresh database at `database_url`, then times the database
/// side of scheduler ticks: the first tick of `days` consecutive days (which plans a day's
/// birthdays), then `ticks` ticks of the last day, a second apart, once that day is planned.
pub async fn tick(
    database_url: &str,
    contacts: usize,
    days: u32,
    ticks: usize,
) -> anyhow::Result<()> {
    let (core, team_id) = open(database_url).await?;
    let seed_time = seed_scheduler_base(core.store(), team_id, contacts, TICK_START).await?;
    println!(
        "scheduler tick benchmark: {contacts} contacts, a birthday each, half of them clients"
    );
    println!(
        "seeding: {:.1} s; each tick: plan_pushes, claim {CLAIM_BATCH} due jobs, finish each",
        seed_time.as_secs_f64()
    );
    println!();
    first_ticks_of_days(&core, days).await?;
    birthday_query(core.store(), TICK_START + i64::from(days + 1) * DAY).await?;
    println!();
    let last_day = TICK_START + i64::from(days.saturating_sub(1)) * DAY;
    steady_ticks(&core, last_day, ticks).await
}

/// Times the first tick of each of `days` days from [`TICK_START`], a day apart.
async fn first_ticks_of_days(core: &Core, days: u32) -> anyhow::Result<()> {
    println!("first tick of a day (the first one also plans the day it starts on):");
    println!("| clock | jobs planned | plan_pushes | claim | finish each | whole tick |");
    println!("|---|---|---|---|---|---|");
    for day in 0..days {
        let now = TICK_START + i64::from(day) * DAY;
        let times = timed_tick(core, now).await?;
        println!(
            "| {} | {} | {} | {} | {} ({} jobs) | {} |",
            date_of(now),
            times.planned,
            ms(times.plan),
            ms(times.claim),
            ms(times.finish),
            times.claimed,
            ms(times.whole()),
        );
    }
    Ok(())
}

/// Times the query for the birthdays on the day of `at` alone, to tell it from storing the
/// jobs it leads to.
async fn birthday_query(store: &Store, at: i64) -> anyhow::Result<()> {
    let date = chrono::DateTime::from_timestamp(at, 0)
        .unwrap_or_default()
        .date_naive();
    let started = Instant::now();
    let birthdays = store
        .birthdays_on(date.month(), date.day(), 0, i64::MAX)
        .await?;
    println!(
        "the birthday query alone (birthdays_on {date}, a day not planned yet): {} contacts \
         in {}",
        birthdays.len(),
        ms(started.elapsed())
    );
    Ok(())
}

/// Times `ticks` ticks a second apart from `day_start`, a day already planned: the dormant
/// clients still to propose are planned a batch a tick until none is left.
async fn steady_ticks(core: &Core, day_start: i64, ticks: usize) -> anyhow::Result<()> {
    let store = core.store();
    let (_, due_before) = store.bench_job_counts(day_start).await?;
    let mut steady = Vec::with_capacity(ticks);
    for second in 1..=ticks {
        steady.push(timed_tick(core, day_start + second as i64).await?);
    }
    let (jobs, due_after) = store.bench_job_counts(day_start + ticks as i64).await?;
    let dormant_planned: i64 = steady.iter().map(|times| times.planned).sum();
    let planning = steady.iter().filter(|times| times.planned > 0).count();
    println!(
        "steady ticks ({ticks}, a second apart from {}, the day already planned): {planning} \
         planned dormant clients ({dormant_planned} in all); due jobs waiting: {due_before} at \
         the start, {due_after} at the end ({jobs} jobs in the queue)",
        date_of(day_start),
    );
    print_percentile_header("part of the tick");
    for (label, planned) in [
        (
            format!("plan_pushes, {DORMANT_PER_TICK} dormant clients"),
            DORMANT_PER_TICK..=DORMANT_PER_TICK,
        ),
        (
            "plan_pushes, fewer dormant clients".to_owned(),
            1..=DORMANT_PER_TICK - 1,
        ),
        ("plan_pushes, nothing new".to_owned(), 0..=0),
    ] {
        let mut times: Vec<Duration> = steady
            .iter()
            .filter(|times| planned.contains(&times.planned))
            .map(|times| times.plan)
            .collect();
        print_percentile_row(&label, &mut times);
    }
    let claimed: usize = steady.iter().map(|times| times.claimed).sum();
    print_percentile_row(
        &format!("claim_due_jobs ({claimed} jobs in all)"),
        &mut steady.iter().map(|times| times.claim).collect::<Vec<_>>(),
    );
    print_percentile_row(
        "finish_job, each claimed job",
        &mut steady.iter().map(|times| times.finish).collect::<Vec<_>>(),
    );
    print_percentile_row(
        "whole tick",
        &mut steady.iter().map(TickTimes::whole).collect::<Vec<_>>(),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tick_benchmark_starts_on_the_published_day() {
        assert_eq!(date_of(TICK_START), "2026-11-25 05:00 UTC");
    }
}
