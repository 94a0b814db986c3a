//! `chatcrm bench serve`: the whole bot under load, as its users feel it. The real `chatcrm run`
//! (a child process: teloxide polling, the adapter, the core, the store) polls a fake Bot API
//! on 127.0.0.1 that hands it the updates of simulated members and notes each reply. A step's
//! latency runs from the moment its update is queued (the member "sends") to the last Bot API
//! call it causes. The same loops run against a stand-in handler that answers every update with
//! one call and touches nothing (`chatcrm bench floor`): the floor of the framework and the
//! loopback, which the bot's figures are divided by.
//!
//! Every member's own Telegram account is connected to the bot (Telegram Business), and a share
//! of the steps is a message in one of their chats with clients. The bot logs such a message
//! without a word, so the step ends at a probe sent right after it on the same business
//! connection, whose updates the bot handles in order: a connection update from someone who is
//! no member, answered with one read and one call (its cost alone is measured too). At the end
//! the logged messages are counted in the database against those the bot answered.

mod bots;
mod driver;
mod fake_api;
mod members;
mod tracker;

pub use bots::floor;
use bots::{Child, Target};
use driver::Driver;
use fake_api::{Api, bot_api};
use members::{BUSINESS, PROBE_ALONE, Says, Session, Step};
use tracker::{Figures, track};

use super::base::{self, Sizes};
use super::{ms, open, percentile};
use axum::Router;
use chatcrm::domain::Role;
use chrono::{TimeZone, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify, mpsc};

/// Probes timed alone, one after another, for what a probe adds to a business step.
const PROBES: usize = 200;

/// What `bench serve` runs besides seeding the base.
#[derive(Debug, Clone, clap::Args)]
pub struct Load {
    /// Steps one member takes, one after another, in the single-member closed loop.
    #[arg(long, default_value_t = 2_000)]
    pub steps: usize,
    /// How long each multi-member loop runs.
    #[arg(long, default_value_t = 15)]
    pub seconds: u64,
    /// Fixed arrival rates (updates a second) of the open loops.
    #[arg(long, value_delimiter = ',', default_value = "200,1000,2000")]
    pub rates: Vec<u32>,
}

// ---- The fake Bot API ----

// ---- Attributing replies to steps ----

// ---- Simulated members ----

// ---- The bot under test ----

// ---- Driving ----

/// One row of results.
struct Row {
    phase: String,
    steps: usize,
    throughput: f64,
    p50: Duration,
    p90: Duration,
    p99: Duration,
    max: Duration,
    cpu: f64,
    notes: String,
    stuck: Vec<String>,
}

impl Row {
    fn of(phase: String, figures: &Figures, cpu: Duration, wall: Duration) -> Self {
        let mut all: Vec<Duration> = figures.latencies.values().flatten().copied().collect();
        all.sort();
        let span = match (figures.first_sent, figures.last_done) {
            (Some(first), Some(last)) if last > first => last - first,
            _ => wall,
        };
        let pick = |p| match all.is_empty() {
            true => Duration::ZERO,
            false => percentile(&all, p),
        };
        let mut notes = Vec::new();
        for (count, what) in [
            (figures.unfinished, "unanswered"),
            (figures.unsolicited, "unmatched calls"),
            (figures.errors, "internal errors"),
        ] {
            if count > 0 {
                notes.push(format!("{count} {what}"));
            }
        }
        Self {
            phase,
            steps: all.len(),
            throughput: all.len() as f64 / span.as_secs_f64(),
            p50: pick(0.50),
            p90: pick(0.90),
            p99: pick(0.99),
            max: pick(1.0),
            cpu: cpu.as_secs_f64() / wall.as_secs_f64() * 100.0,
            notes: notes.join(", "),
            stuck: figures.stuck.clone(),
        }
    }

    fn print(&self) {
        println!(
            "| {} | {} | {:.0}/s | {} | {} | {} | {} | {:.0} % | {} |",
            self.phase,
            self.steps,
            self.throughput,
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max),
            self.cpu,
            self.notes
        );
    }
}

fn print_header() {
    println!("| loop | steps | throughput | p50 | p90 | p99 | max | CPU | notes |");
    println!("|---|---|---|---|---|---|---|---|---|");
}

fn print_steps(figures: &Figures) {
    println!("| step | count | p50 | p90 | p99 | max |");
    println!("|---|---|---|---|---|---|");
    let mut labels: Vec<&&str> = figures.latencies.keys().collect();
    labels.sort();
    for label in labels {
        let mut times = figures.latencies[*label].clone();
        times.sort();
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            times.len(),
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 0.90)),
            ms(percentile(&times, 0.99)),
            ms(percentile(&times, 1.0)),
        );
    }
}

/// Seeds the base into `database_url`, then drives the floor and the bot through the same
/// loops and prints their figures side by side.
pub async fn serve(database_url: &str, sizes: &Sizes, load: &Load) -> anyhow::Result<()> {
    // A quiet hour of a working day: nothing scheduled falls due while the loops run.
    let start = Utc::now()
        .date_naive()
        .and_hms_opt(12, 0, 0)
        .expect("noon exists");
    let start = Utc.from_utc_datetime(&start);
    chatcrm::clock::install(Some(start), 1.0);
    let clock = start.to_rfc3339();
    let (core, _) = open(database_url).await?;
    let mut base = base::seed(core.store(), sizes, start.timestamp()).await?;
    core.store().close().await;
    println!("serve benchmark: the bot polls a fake Bot API on 127.0.0.1");
    base.print_summary(sizes);

    let (events, receiver) = mpsc::unbounded_channel();
    let error_text = chatcrm::i18n::tr(chatcrm::domain::Lang::En, "error-internal");
    tokio::spawn(track(receiver, error_text));
    let api = Arc::new(Api {
        updates: Mutex::new(VecDeque::new()),
        queued: Notify::new(),
        next_update: AtomicI64::new(1),
        next_message: AtomicI64::new(1_000),
        polls: AtomicUsize::new(0),
        events: events.clone(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let api_url = format!("http://{}/", listener.local_addr()?);
    let router = Router::new().fallback(bot_api).with_state(api.clone());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let mut floor_rows: HashMap<String, Row> = HashMap::new();
    // The floor changes nothing, so it works on a copy of what the members know of the base.
    let real_base = base.clone();
    for target in [Target::Floor, Target::Chatcrm] {
        if target == Target::Chatcrm {
            base = real_base.clone();
        }
        let child = Child::start(target, &api_url, database_url, &clock).await?;
        let ready = Instant::now();
        while api.polls.load(Ordering::Relaxed) == 0 {
            anyhow::ensure!(
                ready.elapsed() < Duration::from_secs(60),
                "the bot never polled"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (idle_rss, _) = child.memory();
        let mut driver = Driver {
            api: api.clone(),
            events: events.clone(),
            expected: HashMap::new(),
        };
        let name = match target {
            Target::Chatcrm => "chatcrm",
            Target::Floor => "floor (no-op handler)",
        };
        println!();
        println!("### {name}");
        let manager = (base.members.iter())
            .position(|m| m.role == Role::Manager)
            .unwrap_or(0);
        let mut sessions: Vec<Session> = (base.members.iter().enumerate())
            .map(|(i, m)| Session::new(i, m.user_id))
            .collect();
        driver.connect(&sessions).await?;
        match target {
            Target::Chatcrm => {
                println!("calibration (calls per step, last reply):");
                driver.calibrate(&mut sessions[manager], &mut base).await?;
            }
            Target::Floor => {
                sessions[manager].plan("all", &mut base);
                for step in sessions[manager].queue.drain(..) {
                    driver.expected.insert(step.label, 1);
                }
            }
        }
        let driver = Arc::new(driver);
        let shared = Arc::new(Mutex::new(base));
        let mut rows = Vec::new();
        let mut one_member = Figures::default();
        // Business messages whose probe never answered, to clients and from new people.
        let mut unanswered = [0, 0];
        let mut count_unanswered = |figures: &Figures| {
            for (label, count) in &figures.unfinished_by_label {
                match *label {
                    "business: new person" => unanswered[1] += count,
                    label if BUSINESS.iter().any(|(kind, _)| *kind == label) => {
                        unanswered[0] += count
                    }
                    _ => {}
                }
            }
        };

        let lone = sessions.remove(manager);
        let (cpu, wall) = (child.cpu(), Instant::now());
        let far = Instant::now() + Duration::from_secs(3_600);
        let (mut back, figures) = driver
            .closed_loop(vec![lone], &shared, load.steps, far)
            .await;
        count_unanswered(&figures);
        rows.push(Row::of(
            "closed, 1 member".to_owned(),
            &figures,
            child.cpu() - cpu,
            wall.elapsed(),
        ));
        if target == Target::Chatcrm {
            one_member = figures;
        }
        // Before the rest of a step the loop may have left half taken (it goes on afterwards).
        let mut lone = back.remove(0);
        for _ in 0..PROBES {
            lone.queue.push_front(Step {
                label: PROBE_ALONE,
                says: Says::Probe,
            });
        }
        let (mut back, probes) = driver.closed_loop(vec![lone], &shared, PROBES, far).await;
        sessions.insert(manager, back.remove(0));

        let members = sessions.len();
        let (cpu, wall) = (child.cpu(), Instant::now());
        let until = Instant::now() + Duration::from_secs(load.seconds);
        let (back, figures) = driver
            .closed_loop(sessions, &shared, usize::MAX, until)
            .await;
        count_unanswered(&figures);
        rows.push(Row::of(
            format!("closed, {members} members"),
            &figures,
            child.cpu() - cpu,
            wall.elapsed(),
        ));
        let mut sessions = back;
        let mut base_now = Arc::try_unwrap(shared)
            .map_err(|_| anyhow::anyhow!("sessions still running"))?
            .into_inner();
        for rate in &load.rates {
            let (cpu, wall) = (child.cpu(), Instant::now());
            let figures = driver
                .open_loop(&mut sessions, &mut base_now, *rate, load.seconds)
                .await;
            count_unanswered(&figures);
            rows.push(Row::of(
                format!("open, {rate}/s"),
                &figures,
                child.cpu() - cpu,
                wall.elapsed(),
            ));
        }
        base = base_now;
        let (rss, peak) = child.memory();
        child.stop().await;
        api.polls.store(0, Ordering::Relaxed);
        api.updates.lock().await.clear();

        print_header();
        for row in &rows {
            row.print();
        }
        for row in &rows {
            for stuck in &row.stuck {
                println!("unanswered in “{}”: {stuck}", row.phase);
            }
        }
        println!(
            "memory: {idle_rss:.1} MB resident when idle, {rss:.1} MB after the loops, peak {peak:.1} MB"
        );
        if let Some(times) = probes.latencies.get(PROBE_ALONE) {
            let mut times = times.clone();
            times.sort();
            println!(
                "business probe alone, {} one after another: p50 {}, p90 {}, p99 {}, max {}",
                times.len(),
                ms(percentile(&times, 0.50)),
                ms(percentile(&times, 0.90)),
                ms(percentile(&times, 0.99)),
                ms(percentile(&times, 1.0)),
            );
        }
        if target == Target::Chatcrm {
            check_logged(database_url, &sessions, unanswered).await?;
        }
        if target == Target::Chatcrm {
            println!();
            println!("closed loop, 1 member, by step:");
            print_steps(&one_member);
            println!();
            println!("| loop | p50 ratio to the floor | p99 ratio | throughput ratio |");
            println!("|---|---|---|---|");
            for row in &rows {
                if let Some(floor) = floor_rows.get(&row.phase) {
                    println!(
                        "| {} | {:.1}× | {:.1}× | {:.2}× |",
                        row.phase,
                        row.p50.as_secs_f64() / floor.p50.as_secs_f64().max(1e-9),
                        row.p99.as_secs_f64() / floor.p99.as_secs_f64().max(1e-9),
                        row.throughput / floor.throughput.max(1e-9),
                    );
                }
            }
        } else {
            floor_rows = rows
                .into_iter()
                .map(|row| (row.phase.clone(), row))
                .collect();
        }
    }
    Ok(())
}

/// Counts what the bot logged of the members' Telegram chats against the business messages
/// sent, less those still unanswered when the loops stopped (`unanswered`: to clients, from new
/// people): every answered message must be in the database, on its contact's timeline or kept
/// for a proposal.
async fn check_logged(
    database_url: &str,
    sessions: &[Session],
    unanswered: [usize; 2],
) -> anyhow::Result<()> {
    let to_clients: u64 = sessions.iter().map(|s| s.to_clients).sum();
    let from_strangers: u64 = sessions.iter().map(|s| s.from_strangers).sum();
    let (core, _) = open(database_url).await?;
    let (kept, logged) = core.store().bench_business_counts().await?;
    core.store().close().await;
    let proposed = kept - logged;
    println!(
        "business messages: {} sent ({to_clients} to and from clients, {from_strangers} from new \
         people), {} unanswered when the loops stopped; logged: {logged} on the clients' \
         timelines, {proposed} kept for proposals",
        to_clients + from_strangers,
        unanswered[0] + unanswered[1],
    );
    let within = |count: i64, sent: u64, unanswered: usize| {
        let sent = sent as i64;
        (sent - unanswered as i64..=sent).contains(&count)
    };
    anyhow::ensure!(
        within(logged, to_clients, unanswered[0])
            && within(proposed, from_strangers, unanswered[1]),
        "the logged business messages do not add up to the answered ones"
    );
    Ok(())
}

#[cfg(test)]
mod tests {}
