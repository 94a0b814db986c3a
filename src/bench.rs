//! `chatcrm bench …`: measures the product's speed targets on a generated base, through the
//! same code the bot runs: the conversation core for `/find`, the scheduler's planning and job
//! queue for a tick, the scheduler's tick and pacer against a fake Bot API for outbound
//! messages. Figures go to BENCHMARKS.md by hand, with the command.

use crate::chat::{Core, CoreConfig, Incoming, Input, Outgoing, Sender};
use crate::domain::{ContactName, Email, Phone, name_key};
use crate::pacing::Pacer;
use crate::scheduler::{Outbox, SendFailure};
use crate::store::{NewContact, NewTask, Store};
use crate::telegram::TelegramOutbox;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use teloxide::Bot;

const BENCH_OWNER: i64 = 1;

const RU_MALE: &[&str] = &[
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Валерий",
    "Василий",
    "Виктор",
    "Владимир",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Роман",
    "Сергей",
    "Станислав",
    "Юрий",
];
const RU_FEMALE: &[&str] = &[
    "Александра",
    "Алина",
    "Анастасия",
    "Анна",
    "Валентина",
    "Вера",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Мария",
    "Наталья",
    "Ольга",
    "Полина",
    "Светлана",
    "Татьяна",
    "Юлия",
];
/// Male forms; the female form adds "а" to the names ending in -ов, -ев, -ин.
const RU_SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
];
const EN_FIRST: &[&str] = &[
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Emily",
    "Olivia",
    "Sophia",
    "Emma",
    "Liam",
    "Noah",
];
const EN_LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
];
const DOMAINS: &[&str] = &[
    "mail.ru",
    "yandex.ru",
    "gmail.com",
    "example.com",
    "company.org",
];

/// What one generated contact can be searched by.
struct Seeded {
    surname: String,
    full_name: String,
    phone: String,
    email: Option<String>,
}

fn generate(rng: &mut StdRng, n: usize) -> (Vec<NewContact>, Vec<Seeded>) {
    let mut contacts = Vec::with_capacity(n);
    let mut seeded = Vec::with_capacity(n);
    while contacts.len() < n {
        let (first, surname) = if rng.random_bool(0.6) {
            let surname = *RU_SURNAMES.choose(rng).unwrap();
            if rng.random_bool(0.5) {
                (*RU_MALE.choose(rng).unwrap(), surname.to_owned())
            } else {
                (*RU_FEMALE.choose(rng).unwrap(), format!("{surname}а"))
            }
        } else {
            (
                *EN_FIRST.choose(rng).unwrap(),
                (*EN_LAST.choose(rng).unwrap()).to_owned(),
            )
        };
        let full_name = format!("{first} {surname}");
        let Ok(phone) = Phone::parse(&format!("+79{:09}", rng.random_range(0..1_000_000_000u64)))
        else {
            continue;
        };
        let email = rng.random_bool(0.6).then(|| {
            let local = name_key(&full_name).replace(' ', ".");
            format!("{local}{}@{}", contacts.len(), DOMAINS.choose(rng).unwrap())
        });
        let emails = match &email {
            Some(email) => vec![Email::parse(email).expect("generated emails are valid")],
            None => Vec::new(),
        };
        seeded.push(Seeded {
            surname,
            full_name: full_name.clone(),
            phone: phone.as_str().to_owned(),
            email,
        });
        contacts.push(NewContact {
            name: ContactName::parse(&full_name).expect("generated names are valid"),
            phones: vec![phone],
            emails,
        });
    }
    (contacts, seeded)
}

/// The kinds of query a manager types, and how often (out of 100).
const QUERY_KINDS: [(&str, u32); 5] = [
    ("surname", 40),
    ("surname with a typo", 20),
    ("full name", 15),
    ("last phone digits", 15),
    ("email start", 10),
];

/// A query of kind `kind` (an index into [`QUERY_KINDS`]) for `contact`.
fn query_for(rng: &mut StdRng, kind: usize, contact: &Seeded) -> String {
    match kind {
        0 => contact.surname.clone(),
        1 => with_typo(rng, &contact.surname),
        2 => contact.full_name.clone(),
        3 => {
            let digits = rng.random_range(4..=7);
            contact.phone[contact.phone.len() - digits..].to_owned()
        }
        _ => match &contact.email {
            Some(email) => email[..email.find('@').unwrap_or(email.len())].to_owned(),
            None => contact.surname.clone(),
        },
    }
}

fn pick_kind(rng: &mut StdRng) -> usize {
    let mut roll = rng.random_range(0..100);
    for (kind, (_, share)) in QUERY_KINDS.iter().enumerate() {
        if roll < *share {
            return kind;
        }
        roll -= share;
    }
    QUERY_KINDS.len() - 1
}

/// Swaps two neighbouring letters in the middle of the word.
fn with_typo(rng: &mut StdRng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() >= 4 {
        let i = rng.random_range(1..chars.len() - 2);
        chars.swap(i, i + 1);
    }
    chars.into_iter().collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn print_percentile_header(what: &str) {
    println!("| {what} | count | p50 | p95 | p99 | max |");
    println!("|---|---|---|---|---|---|");
}

/// A table row of `times`' percentiles (sorting them); nothing when there are none.
fn print_percentile_row(label: &str, times: &mut [Duration]) {
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
async fn open(database_url: &str) -> anyhow::Result<(Core, i64)> {
    let config = CoreConfig {
        bot_username: "chatcrm_bench_bot".to_owned(),
        time_zone: chrono_tz::UTC,
    };
    let core = crate::app::open(database_url, &[BENCH_OWNER], config).await?;
    let team_id = core
        .store()
        .member(BENCH_OWNER)
        .await?
        .map(|member| member.team_id)
        .ok_or_else(|| anyhow::anyhow!("the bench owner was not created"))?;
    Ok((core, team_id))
}

/// Seeds `contacts` contacts into a fresh database at `database_url` and times `queries`
/// `/find` requests from the owner (who sees the whole base: the slowest case).
pub async fn search(database_url: &str, contacts: usize, queries: usize) -> anyhow::Result<()> {
    let (core, team_id) = open(database_url).await?;
    let mut rng = StdRng::seed_from_u64(42);
    let (new_contacts, seeded) = generate(&mut rng, contacts);
    let seeding = Instant::now();
    let now = crate::clock::timestamp();
    for batch in new_contacts.chunks(5000) {
        core.store()
            .create_contacts(team_id, BENCH_OWNER, batch, now)
            .await?;
    }
    let seed_time = seeding.elapsed();

    let sender = Sender {
        id: BENCH_OWNER,
        name: "Bench".to_owned(),
        language_code: Some("en".to_owned()),
    };
    let mut latencies: Vec<Vec<Duration>> = vec![Vec::new(); QUERY_KINDS.len()];
    let mut empty = 0;
    for _ in 0..queries {
        let contact = seeded.choose(&mut rng).unwrap();
        let kind = pick_kind(&mut rng);
        let incoming = Incoming {
            chat_id: BENCH_OWNER,
            from: sender.clone(),
            input: Input::Text(format!("/find {}", query_for(&mut rng, kind, contact))),
        };
        let started = Instant::now();
        let replies = core.handle(&incoming).await;
        latencies[kind].push(started.elapsed());
        if replies.iter().all(|reply| match reply {
            Outgoing::Send { keyboard, .. } => keyboard.is_empty(),
            _ => true,
        }) {
            empty += 1;
        }
    }
    println!("search benchmark: {contacts} contacts, {queries} /find queries (owner: whole base)");
    println!(
        "seeding: {:.1} s; queries with no result: {empty}",
        seed_time.as_secs_f64()
    );
    print_percentile_header("query");
    let mut all: Vec<Duration> = latencies.iter().flatten().copied().collect();
    for (label, mut times) in QUERY_KINDS
        .iter()
        .map(|(label, _)| *label)
        .zip(latencies)
        .chain(std::iter::once(("all", std::mem::take(&mut all))))
    {
        print_percentile_row(label, &mut times);
    }
    Ok(())
}

/// The scheduler benchmark's first instant: 2026-11-25 05:00 UTC, before that day's 09:00
/// pushes. A fixed day keeps runs comparable (how many birthdays fall on a day depends on the
/// length of its month), and the planning takes the time as a parameter anyway.
const TICK_START: i64 = 1_795_582_800;
const DAY: i64 = 86_400;
/// How many generated contacts one seeding statement stores.
const SEED_BATCH: usize = 50_000;
/// Whom the benchmarks claim jobs as.
const BENCH_INSTANCE: &str = "bench";
/// How many due jobs a tick claims, as [`crate::scheduler::tick`] does.
const CLAIM_BATCH: i64 = 50;
/// How many dormant clients one tick plans at most, as [`Core::plan_pushes`] does.
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

/// One scheduler tick at `now` without Telegram, as [`crate::scheduler::tick`] does it: plan
/// the pushes, claim a batch of due jobs, and finish each (as skipped: nothing is sent).
async fn timed_tick(core: &Core, now: i64) -> anyhow::Result<TickTimes> {
    let store = core.store();
    let (jobs_before, _) = store.bench_job_counts(now).await?;
    let started = Instant::now();
    core.plan_pushes(now).await?;
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

/// The outbound benchmark's members' chats start here, one private chat each.
const FIRST_CHAT: i64 = 10_001;
/// How long [`crate::telegram::run_scheduler`] waits between ticks.
const SCHEDULER_PERIOD: Duration = Duration::from_millis(500);
/// A run that sends nothing for this long has gone wrong: a failed send is retried once its
/// job's lease (a minute) runs out.
const STALL_LIMIT: Duration = Duration::from_secs(90);
/// Telegram's limit on a bot's messages in any one second, overall.
const TELEGRAM_PER_SECOND: usize = 30;

/// When each message reached the fake Bot API, and for which chat.
#[derive(Clone, Default)]
struct Arrivals(Arc<Mutex<Vec<(Instant, i64)>>>);

impl Arrivals {
    fn lock(&self) -> MutexGuard<'_, Vec<(Instant, i64)>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The arrival instants of the messages to `chat` (all chats when `None`), in order.
    fn instants(&self, chat: Option<i64>) -> Vec<Instant> {
        let mut instants: Vec<Instant> = self
            .lock()
            .iter()
            .filter(|(_, chat_id)| chat.is_none_or(|chat| chat == *chat_id))
            .map(|(at, _)| *at)
            .collect();
        instants.sort();
        instants
    }
}

/// Answers `sendMessage` as the Bot API does (teloxide writes it "SendMessage"; Telegram
/// ignores the case) and records its arrival. No other method is needed here.
async fn fake_bot_api(State(arrivals): State<Arrivals>, uri: Uri, body: Bytes) -> Response {
    let arrived = Instant::now();
    let method = uri.path().rsplit('/').next().unwrap_or_default();
    if !method.eq_ignore_ascii_case("sendMessage") {
        let unknown = json!({"ok": false, "error_code": 404, "description": "Not Found"});
        return (StatusCode::NOT_FOUND, axum::Json(unknown)).into_response();
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or_default();
    let chat_id = body["chat_id"].as_i64().unwrap_or_default();
    let message_id = {
        let mut arrivals = arrivals.lock();
        arrivals.push((arrived, chat_id));
        arrivals.len()
    };
    axum::Json(json!({"ok": true, "result": {
        "message_id": message_id,
        "date": crate::clock::timestamp(),
        "chat": {"id": chat_id, "type": "private", "first_name": "Manager"},
        "text": body["text"],
    }}))
    .into_response()
}

/// Serves the fake Bot API on a free local port until the process ends; returns its URL.
async fn start_fake_bot_api(arrivals: Arrivals) -> anyhow::Result<url::Url> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = url::Url::parse(&format!("http://{}", listener.local_addr()?))?;
    let app = Router::new().fallback(fake_bot_api).with_state(arrivals);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!("the fake Bot API stopped: {error}");
        }
    });
    Ok(url)
}

/// The bot's outbox, noting when each send starts and how long its round trip to the Bot API
/// takes.
struct TimedOutbox {
    outbox: TelegramOutbox,
    departures: Vec<Instant>,
    round_trips: Vec<Duration>,
}

impl Outbox for TimedOutbox {
    async fn send(&mut self, reply: &Outgoing) -> Result<Option<i64>, SendFailure> {
        let started = Instant::now();
        let sent = self.outbox.send(reply).await;
        self.departures.push(started);
        self.round_trips.push(started.elapsed());
        sent
    }
}

/// Makes each of `chats` a member with `per_chat` tasks due a minute ago: that many reminders
/// due at once.
async fn due_reminders(
    store: &Store,
    team_id: i64,
    chats: &[i64],
    per_chat: usize,
) -> anyhow::Result<()> {
    let now = crate::clock::timestamp();
    store.ensure_owners(chats, now).await?;
    for &chat in chats {
        for _ in 0..per_chat {
            let task = NewTask {
                team_id,
                owner_id: chat,
                contact_id: None,
                deal_id: None,
                text: "Call the client back about the order",
                due_at: now - 60,
            };
            store.create_task(&task, now).await?;
        }
    }
    Ok(())
}

/// Runs the scheduler's ticks, [`SCHEDULER_PERIOD`] apart as the bot does, until `count`
/// messages have been sent.
async fn send_due(
    core: &Core,
    pacer: &mut Pacer,
    outbox: &mut TimedOutbox,
    count: usize,
) -> anyhow::Result<()> {
    let mut sent = 0;
    let mut last_progress = Instant::now();
    loop {
        let just_sent = crate::scheduler::tick(core, BENCH_INSTANCE, pacer, outbox).await?;
        sent += just_sent;
        if sent >= count {
            return Ok(());
        }
        if just_sent > 0 {
            last_progress = Instant::now();
        }
        anyhow::ensure!(
            last_progress.elapsed() < STALL_LIMIT,
            "nothing sent for {STALL_LIMIT:?}: {sent} of {count} messages went out"
        );
        tokio::time::sleep(SCHEDULER_PERIOD).await;
    }
}

/// The most arrivals in any one-second span of the sorted `instants` (a busiest span can be
/// taken to start at an arrival).
fn busiest_second(instants: &[Instant]) -> usize {
    let mut end = 0;
    let mut busiest = 0;
    for (start, &at) in instants.iter().enumerate() {
        while end < instants.len() && instants[end] < at + Duration::from_secs(1) {
            end += 1;
        }
        busiest = busiest.max(end - start);
    }
    busiest
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

/// Sends `messages` reminders due at once to as many chats, then `one_chat` due at once to a
/// single chat, through the scheduler's ticks and pacer to a fake Bot API on this machine, and
/// reports the rates and spacing the API saw.
pub async fn outbound(database_url: &str, messages: usize, one_chat: usize) -> anyhow::Result<()> {
    let (core, team_id) = open(database_url).await?;
    let arrivals = Arrivals::default();
    let api_url = start_fake_bot_api(arrivals.clone()).await?;
    let bot = Bot::new("123:TEST").set_api_url(api_url);
    let mut outbox = TimedOutbox {
        outbox: TelegramOutbox::new(bot),
        departures: Vec::with_capacity(messages + one_chat),
        round_trips: Vec::with_capacity(messages + one_chat),
    };
    let mut pacer = Pacer::new();

    let chats: Vec<i64> = (FIRST_CHAT..).take(messages).collect();
    due_reminders(core.store(), team_id, &chats, 1).await?;
    let started = Instant::now();
    send_due(&core, &mut pacer, &mut outbox, messages).await?;
    let total = started.elapsed();
    let instants = arrivals.instants(None);
    let span = match (instants.first(), instants.last()) {
        (Some(first), Some(last)) => *last - *first,
        _ => Duration::ZERO,
    };
    println!(
        "outbound benchmark: {messages} reminders due at once to {messages} chats, sent by \
         scheduler ticks {SCHEDULER_PERIOD:?} apart to a fake Bot API on 127.0.0.1"
    );
    println!(
        "| messages | total | rate | first to last arrival | busiest second: departures | \
         arrivals | limit |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {:.1} msg/s | {} | {} | {} | {TELEGRAM_PER_SECOND} |",
        instants.len(),
        seconds(total),
        instants.len() as f64 / total.as_secs_f64(),
        seconds(span),
        busiest_second(&outbox.departures),
        busiest_second(&instants),
    );
    println!();
    print_percentile_header("Bot API round trip");
    print_percentile_row("sendMessage", &mut outbox.round_trips);

    let chat = FIRST_CHAT + messages as i64;
    due_reminders(core.store(), team_id, &[chat], one_chat).await?;
    send_due(&core, &mut pacer, &mut outbox, one_chat).await?;
    let gaps: Vec<String> = arrivals
        .instants(Some(chat))
        .windows(2)
        .map(|pair| seconds(pair[1] - pair[0]))
        .collect();
    println!();
    println!(
        "one chat: {one_chat} reminders due at once to chat {chat}; gaps between arrivals: {}",
        gaps.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_contacts_are_valid_and_reproducible() {
        let (first, seeded) = generate(&mut StdRng::seed_from_u64(1), 200);
        let (again, _) = generate(&mut StdRng::seed_from_u64(1), 200);
        assert_eq!(first.len(), 200);
        assert_eq!(
            first.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            again.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()
        );
        assert!(seeded.iter().all(|s| s.phone.starts_with("+79")));
    }

    #[test]
    fn percentiles_pick_the_right_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 0.50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 0.95), Duration::from_millis(95));
        assert_eq!(percentile(&sorted, 0.99), Duration::from_millis(99));
        assert_eq!(percentile(&sorted, 1.0), Duration::from_millis(100));
    }

    #[test]
    fn the_busiest_second_counts_arrivals_less_than_a_second_apart() {
        let start = Instant::now();
        let at = |millis: u64| start + Duration::from_millis(millis);
        assert_eq!(busiest_second(&[]), 0);
        assert_eq!(busiest_second(&[at(0), at(999), at(1000)]), 2);
        assert_eq!(busiest_second(&[at(0), at(1500), at(1600), at(2499)]), 3);
    }

    #[test]
    fn the_tick_benchmark_starts_on_the_published_day() {
        assert_eq!(date_of(TICK_START), "2026-11-25 05:00 UTC");
    }
}
