//! `chatcrm bench serve`: the whole bot under load, as its users feel it. The real `chatcrm run`
//! (a child process: teloxide polling, the adapter, the core, the store) polls a fake Bot API
//! on 127.0.0.1 that hands it the updates of simulated members and notes each reply. A step's
//! latency runs from the moment its update is queued (the member "sends") to the last Bot API
//! call it causes. The same loops run against a stand-in handler that answers every update with
//! one call and touches nothing (`chatcrm bench floor`): the floor of the framework and the
//! loopback, which the bot's figures are divided by.

use super::base::{self, Base, Sizes};
use super::search::{pick_kind, query_for, visible_contact};
use super::{ms, open, percentile};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use chatcrm::chat::{Action, CallOutcome, Incoming, Input, Outgoing};
use chatcrm::domain::Role;
use chatcrm::telegram::Handler;
use chrono::{TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, Notify, mpsc, oneshot};

const BOT_ID: i64 = 7_000_000;
/// Longest wait for a step's replies before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(10);
/// Quiet time after a step during calibration, to be sure no reply is still coming.
const SETTLE: Duration = Duration::from_millis(300);
/// Linux reports process CPU time in these ticks per second (`USER_HZ`).
const TICKS_PER_SECOND: f64 = 100.0;

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

/// What the fake Bot API tells the tracker.
enum Event {
    /// A step was sent by a member: its replies are awaited.
    Sent {
        chat: i64,
        label: &'static str,
        expected: usize,
        at: Instant,
        done: Option<oneshot::Sender<()>>,
    },
    /// The bot called the Bot API about `chat`.
    Reply {
        chat: i64,
        at: Instant,
        text: String,
    },
    /// Ends a calibration step: how many calls it caused, with their texts.
    Settle {
        chat: i64,
        answer: oneshot::Sender<Vec<String>>,
    },
    /// A step of `chat` was waited for too long: it is dropped, and counted.
    GiveUp { chat: i64 },
    /// Ends a phase: its figures, and the tracker starts afresh.
    Finish { answer: oneshot::Sender<Figures> },
}

struct Api {
    updates: Mutex<VecDeque<Value>>,
    queued: Notify,
    next_update: AtomicI64,
    next_message: AtomicI64,
    polls: AtomicUsize,
    events: mpsc::UnboundedSender<Event>,
}

impl Api {
    /// Queues an update; its id is set here.
    async fn push(&self, mut update: Value) {
        update["update_id"] = json!(self.next_update.fetch_add(1, Ordering::Relaxed));
        self.updates.lock().await.push_back(update);
        self.queued.notify_one();
    }
}

async fn bot_api(State(api): State<Arc<Api>>, uri: Uri, body: Bytes) -> Response {
    let method = uri
        .path()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let ok = |result: Value| axum::Json(json!({"ok": true, "result": result})).into_response();
    match method.as_str() {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "CRM", "username": "chatcrm_bench_bot",
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": true, "can_connect_to_business": false,
            "has_main_web_app": false,
        })),
        "getupdates" => ok(get_updates(&api, &body).await),
        "sendmessage" | "editmessagetext" => {
            let chat = body["chat_id"].as_i64().unwrap_or_default();
            let text = body["text"].as_str().unwrap_or_default().to_owned();
            let _ = api.events.send(Event::Reply {
                chat,
                at: Instant::now(),
                text: text.clone(),
            });
            let message_id = (body["message_id"].as_i64())
                .unwrap_or_else(|| api.next_message.fetch_add(1, Ordering::Relaxed));
            ok(json!({
                "message_id": message_id, "date": Utc::now().timestamp(),
                "chat": {"id": chat, "type": "private", "first_name": "Member"},
                "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM"},
                "text": text,
            }))
        }
        "answercallbackquery" => {
            // The simulated members name their presses "<chat>:<n>".
            let id = body["callback_query_id"].as_str().unwrap_or_default();
            let chat = id.split(':').next().and_then(|c| c.parse().ok());
            let _ = api.events.send(Event::Reply {
                chat: chat.unwrap_or_default(),
                at: Instant::now(),
                text: body["text"].as_str().unwrap_or_default().to_owned(),
            });
            ok(json!(true))
        }
        "getwebhookinfo" => ok(json!({"url": "", "has_custom_certificate": false,
                                      "pending_update_count": 0})),
        _ => ok(json!(true)),
    }
}

/// Long polling: answers at once when updates are queued, otherwise waits for one.
async fn get_updates(api: &Api, body: &Value) -> Value {
    api.polls.fetch_add(1, Ordering::Relaxed);
    let offset = body["offset"].as_i64().unwrap_or(0);
    let limit = body["limit"].as_u64().unwrap_or(100) as usize;
    let timeout = Duration::from_secs(body["timeout"].as_u64().unwrap_or(0).min(10));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let queued = api.queued.notified();
        {
            let mut updates = api.updates.lock().await;
            while (updates.front()).is_some_and(|u| u["update_id"].as_i64() < Some(offset)) {
                updates.pop_front();
            }
            if !updates.is_empty() {
                return Value::Array(updates.iter().take(limit).cloned().collect());
            }
        }
        if tokio::time::timeout_at(deadline, queued).await.is_err() {
            return json!([]);
        }
    }
}

// ---- Attributing replies to steps ----

/// One phase's results.
#[derive(Default)]
struct Figures {
    latencies: HashMap<&'static str, Vec<Duration>>,
    /// Calls about a chat with no step outstanding (a scheduled message, or a step that caused
    /// more calls than calibrated).
    unsolicited: usize,
    /// Replies saying something went wrong inside the bot.
    errors: usize,
    /// Steps still waiting for replies when the phase ended.
    unfinished: usize,
    /// A few of them, with the calls they got, to tell why.
    stuck: Vec<String>,
    first_sent: Option<Instant>,
    last_done: Option<Instant>,
}

impl Figures {
    fn give_up(&mut self, step: &Outstanding) {
        self.unfinished += 1;
        if self.stuck.len() < 3 {
            let last = step.got.last().map_or("", String::as_str);
            let last: String = last.chars().take(60).collect();
            self.stuck.push(format!(
                "{}: {} of {} calls, the last “{}”",
                step.label,
                step.got.len(),
                step.expected,
                last.replace('\n', " ⏎ ")
            ));
        }
    }
}

struct Outstanding {
    label: &'static str,
    expected: usize,
    got: Vec<String>,
    at: Instant,
    done: Option<oneshot::Sender<()>>,
}

/// Matches each Bot API call to the oldest step of its chat still waiting: the bot handles a
/// chat's updates in order, so a step's calls all come before the next step's.
async fn track(mut events: mpsc::UnboundedReceiver<Event>, error_text: String) {
    let mut waiting: HashMap<i64, VecDeque<Outstanding>> = HashMap::new();
    let mut figures = Figures::default();
    while let Some(event) = events.recv().await {
        match event {
            Event::Sent {
                chat,
                label,
                expected,
                at,
                done,
            } => {
                figures.first_sent.get_or_insert(at);
                waiting.entry(chat).or_default().push_back(Outstanding {
                    label,
                    expected,
                    got: Vec::new(),
                    at,
                    done,
                });
            }
            Event::Reply { chat, at, text } => {
                if text.contains(&error_text) {
                    figures.errors += 1;
                }
                let Some(head) = waiting.get_mut(&chat).and_then(|queue| queue.front_mut()) else {
                    figures.unsolicited += 1;
                    continue;
                };
                head.got.push(text);
                if head.got.len() == head.expected {
                    let step = waiting.get_mut(&chat).and_then(VecDeque::pop_front);
                    let step = step.expect("the head was just seen");
                    figures
                        .latencies
                        .entry(step.label)
                        .or_default()
                        .push(at - step.at);
                    figures.last_done = Some(at);
                    if let Some(done) = step.done {
                        let _ = done.send(());
                    }
                }
            }
            Event::Settle { chat, answer } => {
                let step = waiting.get_mut(&chat).and_then(VecDeque::pop_front);
                let _ = answer.send(step.map(|s| s.got).unwrap_or_default());
            }
            Event::GiveUp { chat } => {
                if let Some(step) = waiting.get_mut(&chat).and_then(VecDeque::pop_front) {
                    figures.give_up(&step);
                }
            }
            Event::Finish { answer } => {
                for step in waiting.values().flatten() {
                    figures.give_up(step);
                }
                waiting.clear();
                let _ = answer.send(std::mem::take(&mut figures));
            }
        }
    }
}

// ---- Simulated members ----

/// What a member does, as one update.
#[derive(Debug, Clone)]
enum Says {
    Text(String),
    Press(String),
}

#[derive(Debug, Clone)]
struct Step {
    label: &'static str,
    says: Says,
}

/// What a member does next, and how often (out of 100). Several are more than one step.
const MIX: [(&str, u32); 11] = [
    ("search", 30),
    ("card", 14),
    ("history", 6),
    ("/today", 8),
    ("/tasks", 6),
    ("/deals", 6),
    ("/add", 4),
    ("log a call", 10),
    ("move a deal", 8),
    ("/find", 4),
    ("/help", 4),
];

/// One simulated member: the steps they take, as a manager would through a day.
struct Session {
    chat: i64,
    member: usize,
    rng: StdRng,
    queue: VecDeque<Step>,
    presses: u64,
    added: u64,
}

impl Session {
    fn new(member: usize, chat: i64) -> Self {
        Self {
            chat,
            member,
            rng: StdRng::seed_from_u64(chat as u64),
            queue: VecDeque::new(),
            presses: 0,
            added: 0,
        }
    }

    fn next(&mut self, base: &mut Base) -> Step {
        if self.queue.is_empty() {
            let mut roll = self.rng.random_range(0..100);
            let action = MIX
                .iter()
                .find(|(_, share)| {
                    let hit = roll < *share;
                    roll = roll.saturating_sub(*share);
                    hit
                })
                .map_or("search", |(action, _)| *action);
            self.plan(action, base);
        }
        self.queue.pop_front().expect("a step was planned")
    }

    /// Queues the steps of `action`; every kind of step when `action` is "all" (calibration).
    fn plan(&mut self, action: &str, base: &mut Base) {
        let member = &base.members[self.member];
        let contact = visible_contact(&mut self.rng, &base.members, member)
            .expect("every member sees contacts")
            .clone();
        let text = |label, text: String| Step {
            label,
            says: Says::Text(text),
        };
        let press = |label, action: Action| Step {
            label,
            says: Says::Press(action.encode()),
        };
        match action {
            "search" => {
                let kind = pick_kind(&mut self.rng);
                let query = query_for(&mut self.rng, kind, &contact);
                self.queue.push_back(text("search", query));
            }
            "/find" => {
                let query = query_for(&mut self.rng, 0, &contact);
                self.queue
                    .push_back(text("/find", format!("/find {query}")));
            }
            "card" => self
                .queue
                .push_back(press("card", Action::OpenCard(contact.id))),
            "history" => self
                .queue
                .push_back(press("history", Action::History(contact.id, 0))),
            "/today" | "/tasks" | "/deals" | "/help" => self
                .queue
                .push_back(text(action_label(action), action.to_owned())),
            "/add" => {
                self.added += 1;
                // A surname of scrambled letters, unlike any other in the base, so that no
                // duplicate is suggested (digits would read as part of the phone).
                let number = (self.chat as u64 * 100_000 + self.added).wrapping_mul(0x9E37_79B9);
                let line = format!(
                    "/add Zakharia {} +79991{:02}{:04}",
                    in_letters(number % 26u64.pow(9)),
                    self.chat % 100,
                    self.added % 10_000
                );
                self.queue.push_back(text("/add", line));
            }
            "log a call" => {
                self.queue
                    .push_back(press("call: press", Action::LogCall(contact.id)));
                self.queue.push_back(press(
                    "call: outcome",
                    Action::CallOutcome(contact.id, CallOutcome::Reached),
                ));
                self.queue
                    .push_back(text("call: note", "wants 40 chairs by Friday".to_owned()));
            }
            "move a deal" => self.plan_move(base),
            _ => {
                for action in MIX.iter().map(|(action, _)| *action) {
                    self.plan(action, base);
                }
            }
        }
    }

    /// Moves one of the member's open deals to another open stage, then leaves its next action
    /// for later (the bot asks for one after a move).
    fn plan_move(&mut self, base: &mut Base) {
        let stages = base.open_stages.clone();
        let member = &mut base.members[self.member];
        if member.open_deals.is_empty() || stages.len() < 2 {
            return self.plan("card", base);
        }
        let at = self.rng.random_range(0..member.open_deals.len());
        let (deal, stage) = member.open_deals[at];
        let to = *stages.iter().find(|s| **s != stage).expect("two stages");
        member.open_deals[at].1 = to;
        self.queue.push_back(Step {
            label: "deal: move",
            says: Says::Press(Action::DealMove(deal, to).encode()),
        });
        self.queue.push_back(Step {
            label: "deal: later",
            says: Says::Press(Action::DealLater(deal).encode()),
        });
    }

    fn update(&mut self, step: &Step) -> Value {
        let now = Utc::now().timestamp();
        let user = json!({"id": self.chat, "is_bot": false, "first_name": "Member",
                          "language_code": "en"});
        let chat = json!({"id": self.chat, "type": "private", "first_name": "Member"});
        match &step.says {
            Says::Text(text) => json!({"message": {
                "message_id": 1, "date": now, "chat": chat, "from": user, "text": text,
            }}),
            Says::Press(data) => {
                self.presses += 1;
                json!({"callback_query": {
                    "id": format!("{}:{}", self.chat, self.presses), "from": user,
                    "chat_instance": "bench", "data": data,
                    "message": {"message_id": 1, "date": now, "chat": chat,
                                "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM"},
                                "text": "…"},
                }})
            }
        }
    }
}

/// `n` written with the letters a–z as digits.
fn in_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

fn action_label(command: &str) -> &'static str {
    match command {
        "/today" => "/today",
        "/tasks" => "/tasks",
        "/deals" => "/deals",
        _ => "/help",
    }
}

// ---- The bot under test ----

/// Which bot answers: `chatcrm run`, or the stand-in that measures the floor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Chatcrm,
    Floor,
}

/// The stand-in: one call per update, no database, no formatting.
pub struct Floor;

impl Handler for Floor {
    async fn handle(&self, incoming: &Incoming) -> Vec<Outgoing> {
        vec![match &incoming.input {
            Input::Button { callback_id, .. } => Outgoing::AnswerButton {
                callback_id: callback_id.clone(),
                text: None,
            },
            _ => Outgoing::Send {
                chat_id: incoming.chat_id,
                text: "ok".to_owned(),
                keyboard: chatcrm::chat::Keyboard::none(),
            },
        }]
    }
}

/// `chatcrm bench floor`: the adapter with [`Floor`] behind it, polling `api_url`.
pub async fn floor(api_url: url::Url) {
    let bot = teloxide::Bot::new("123:BENCH").set_api_url(api_url);
    chatcrm::telegram::serve(bot, Arc::new(Floor)).await;
}

struct Child {
    process: tokio::process::Child,
    pid: u32,
}

impl Child {
    async fn start(
        target: Target,
        api_url: &str,
        database_url: &str,
        clock: &str,
    ) -> anyhow::Result<Self> {
        let mut command = tokio::process::Command::new(std::env::current_exe()?);
        match target {
            Target::Chatcrm => command.arg("run"),
            Target::Floor => command.args(["bench", "floor", "--api-url", api_url]),
        };
        let process = command
            .env("TELOXIDE_TOKEN", "123:BENCH")
            .env("TELOXIDE_API_URL", api_url)
            .env("DATABASE_URL", database_url)
            .env("CHATCRM_OWNERS", base::OWNER.to_string())
            .env("CHATCRM_TIMEZONE", "UTC")
            .env("CHATCRM_CLOCK_START", clock)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let pid = process
            .id()
            .ok_or_else(|| anyhow::anyhow!("the bot exited"))?;
        Ok(Self { process, pid })
    }

    /// CPU time used so far (user and system).
    fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        // Fields after the command name (which may hold spaces): state is the 3rd field, utime
        // and stime the 14th and 15th.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks: f64 = [11, 12]
            .iter()
            .filter_map(|i| fields.get(*i)?.parse::<f64>().ok())
            .sum();
        Duration::from_secs_f64(ticks / TICKS_PER_SECOND)
    }

    /// Resident memory now and at its peak, in MB.
    fn memory(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        let field = |name: &str| {
            (status.lines())
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    async fn stop(mut self) {
        let _ = self.process.kill().await;
    }
}

// ---- Driving ----

struct Driver {
    api: Arc<Api>,
    events: mpsc::UnboundedSender<Event>,
    /// Calls each step label causes, found by calibration.
    expected: HashMap<&'static str, usize>,
}

impl Driver {
    async fn send(&self, session: &mut Session, step: &Step, done: Option<oneshot::Sender<()>>) {
        let expected = self.expected.get(step.label).copied().unwrap_or(usize::MAX);
        let _ = self.events.send(Event::Sent {
            chat: session.chat,
            label: step.label,
            expected,
            at: Instant::now(),
            done,
        });
        self.api.push(session.update(step)).await;
    }

    async fn finish(&self) -> Figures {
        let (answer, figures) = oneshot::channel();
        let _ = self.events.send(Event::Finish { answer });
        figures.await.unwrap_or_default()
    }

    /// Runs every kind of step once, alone, and counts the calls each causes.
    async fn calibrate(&mut self, session: &mut Session, base: &mut Base) -> anyhow::Result<()> {
        session.plan("all", base);
        let mut seen = Vec::new();
        while let Some(step) = session.queue.pop_front() {
            self.send(session, &step, None).await;
            tokio::time::sleep(SETTLE).await;
            let (answer, calls) = oneshot::channel();
            let _ = self.events.send(Event::Settle {
                chat: session.chat,
                answer,
            });
            let calls = calls.await?;
            anyhow::ensure!(
                !calls.is_empty(),
                "the bot did not answer “{}” ({:?})",
                step.label,
                step.says
            );
            if let Some(known) = self.expected.insert(step.label, calls.len()) {
                anyhow::ensure!(
                    known == calls.len(),
                    "“{}” caused {known} calls once and {} another time",
                    step.label,
                    calls.len()
                );
            }
            let last: String = calls
                .last()
                .map_or("", String::as_str)
                .chars()
                .take(60)
                .collect();
            seen.push(format!(
                "{} ({}): {}",
                step.label,
                calls.len(),
                last.replace('\n', " ⏎ ")
            ));
        }
        self.finish().await;
        seen.sort();
        seen.dedup();
        for line in seen {
            println!("    {line}");
        }
        Ok(())
    }

    /// Each session takes steps one after another, each once the previous one was answered,
    /// `steps` steps each or until `until`.
    async fn closed_loop(
        self: &Arc<Self>,
        sessions: Vec<Session>,
        base: &Arc<Mutex<Base>>,
        steps: usize,
        until: Instant,
    ) -> (Vec<Session>, Figures) {
        let mut tasks = Vec::new();
        for mut session in sessions {
            let driver = self.clone();
            let base = base.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..steps {
                    if Instant::now() >= until {
                        break;
                    }
                    let step = session.next(&mut *base.lock().await);
                    let (done, answered) = oneshot::channel();
                    driver.send(&mut session, &step, Some(done)).await;
                    if tokio::time::timeout(PATIENCE, answered).await.is_err() {
                        let chat = session.chat;
                        let _ = driver.events.send(Event::GiveUp { chat });
                    }
                }
                session
            }));
        }
        let mut back = Vec::new();
        for task in tasks {
            if let Ok(session) = task.await {
                back.push(session);
            }
        }
        (back, self.finish().await)
    }

    /// Steps arrive at `rate` a second for `seconds`, whether the bot keeps up or not, taken by
    /// the sessions in turn.
    async fn open_loop(
        &self,
        sessions: &mut [Session],
        base: &mut Base,
        rate: u32,
        seconds: u64,
    ) -> Figures {
        let started = tokio::time::Instant::now();
        let total = u64::from(rate) * seconds;
        let gap = Duration::from_secs_f64(1.0 / f64::from(rate));
        let turns = sessions.len();
        for n in 0..total {
            tokio::time::sleep_until(started + gap.mul_f64(n as f64)).await;
            let session = &mut sessions[n as usize % turns];
            let step = session.next(base);
            self.send(session, &step, None).await;
        }
        // Whatever is still queued gets its chance to finish.
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline && !self.api.updates.lock().await.is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.finish().await
    }
}

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
        match target {
            Target::Chatcrm => {
                println!("calibration (calls per step, last reply):");
                driver.calibrate(&mut sessions[manager], &mut base).await?;
            }
            Target::Floor => {
                for (action, _) in MIX {
                    sessions[manager].plan(action, &mut base);
                }
                for step in sessions[manager].queue.drain(..) {
                    driver.expected.insert(step.label, 1);
                }
            }
        }
        let driver = Arc::new(driver);
        let shared = Arc::new(Mutex::new(base));
        let mut rows = Vec::new();
        let mut one_member = Figures::default();

        let lone = sessions.remove(manager);
        let (cpu, wall) = (child.cpu(), Instant::now());
        let far = Instant::now() + Duration::from_secs(3_600);
        let (mut back, figures) = driver
            .closed_loop(vec![lone], &shared, load.steps, far)
            .await;
        rows.push(Row::of(
            "closed, 1 member".to_owned(),
            &figures,
            child.cpu() - cpu,
            wall.elapsed(),
        ));
        if target == Target::Chatcrm {
            one_member = figures;
        }
        sessions.insert(manager, back.remove(0));

        let members = sessions.len();
        let (cpu, wall) = (child.cpu(), Instant::now());
        let until = Instant::now() + Duration::from_secs(load.seconds);
        let (back, figures) = driver
            .closed_loop(sessions, &shared, usize::MAX, until)
            .await;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_letters_are_distinct_words() {
        assert_eq!(in_letters(0), "a");
        assert_eq!(in_letters(27), "bb");
        assert_ne!(in_letters(600_001), in_letters(600_002));
    }

    #[test]
    fn the_mix_adds_up_to_a_hundred() {
        assert_eq!(MIX.iter().map(|(_, share)| share).sum::<u32>(), 100);
    }

    #[tokio::test]
    async fn replies_are_matched_to_the_oldest_waiting_step_of_their_chat() {
        let (events, receiver) = mpsc::unbounded_channel();
        tokio::spawn(track(receiver, "boom".to_owned()));
        let at = Instant::now();
        for (chat, label, expected) in [(1, "a", 2), (1, "b", 1), (2, "c", 1)] {
            let _ = events.send(Event::Sent {
                chat,
                label,
                expected,
                at,
                done: None,
            });
        }
        for (chat, text) in [(1, "a1"), (2, "boom"), (1, "a2"), (1, "b1"), (3, "x")] {
            let _ = events.send(Event::Reply {
                chat,
                at: at + Duration::from_millis(5),
                text: text.to_owned(),
            });
        }
        let (answer, figures) = oneshot::channel();
        let _ = events.send(Event::Finish { answer });
        let figures = figures.await.unwrap();
        let counts: HashMap<&str, usize> = figures
            .latencies
            .iter()
            .map(|(l, t)| (*l, t.len()))
            .collect();
        assert_eq!(counts, HashMap::from([("a", 1), ("b", 1), ("c", 1)]));
        assert_eq!(
            (figures.unsolicited, figures.errors, figures.unfinished),
            (1, 1, 0)
        );
    }
}
