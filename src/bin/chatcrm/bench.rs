//! `chatcrm bench …`: measures the product's speed targets through the same code the bot runs,
//! on the base a real team has after a year ([`base`]): the whole bot under load against a fake
//! Bot API (`serve`), `/find` through the conversation core (`search`), the CSV import
//! (`import`), the scheduler's planning and job queue for a tick over a million contacts
//! (`tick`), the scheduler's sending against a fake Bot API (`outbound`), and lead capture
//! over HTTP (`leads`). Figures go to
//! BENCHMARKS.md by hand, with the command.

pub mod base;
mod import;
mod leads;
mod outbound;
mod people;
mod search;
mod serve;
mod tick;

pub use import::import;
pub use leads::leads;
pub use outbound::outbound;
pub use search::search;
pub use serve::{Load, floor, serve};
pub use tick::tick;

use chatcrm::chat::{Core, CoreConfig};
use std::time::Duration;

/// The owner of every benchmark's base.
const BENCH_OWNER: i64 = base::OWNER;
/// Whom the benchmarks claim jobs as.
const BENCH_INSTANCE: &str = "bench";

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

pub(crate) fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

pub(crate) fn print_percentile_header(what: &str) {
    println!("| {what} | count | p50 | p95 | p99 | max |");
    println!("|---|---|---|---|---|---|");
}

/// A table row of `times`' percentiles (sorting them); nothing when there are none.
pub(crate) fn print_percentile_row(label: &str, times: &mut [Duration]) {
    if times.is_empty() {
        return;
    }
    times.sort();
    println!(
        "| {label} | {} | {} | {} | {} | {} |",
        times.len(),
        ms(percentile(times, 0.50)),
        ms(percentile(times, 0.95)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1.0)),
    );
}

/// Opens the benchmark's database with its owner; returns the core and the owner's team.
pub(crate) async fn open(database_url: &str) -> anyhow::Result<(Core, i64)> {
    let config = CoreConfig {
        bot_username: "chatcrm_bench_bot".to_owned(),
        time_zone: chrono_tz::UTC,
        leads_per_minute: 0,
        business_retention_days: chatcrm::chat::BUSINESS_RETENTION_DAYS,
        public_url: None,
    };
    let core = chatcrm::app::open(database_url, &[BENCH_OWNER], config).await?;
    let team_id = core
        .store()
        .member(BENCH_OWNER)
        .await?
        .map(|member| member.team_id)
        .ok_or_else(|| anyhow::anyhow!("the bench owner was not created"))?;
    Ok((core, team_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_right_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 0.50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 0.95), Duration::from_millis(95));
        assert_eq!(percentile(&sorted, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&sorted, 1.0), Duration::from_millis(100));
    }
}
