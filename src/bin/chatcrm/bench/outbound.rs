//! `chatcrm bench outbound`: the scheduler's sending against a fake Bot API.

use super::{BENCH_INSTANCE, open, print_percentile_header, print_percentile_row};
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use chatcrm::chat::{Core, Outgoing};
use chatcrm::scheduler::pacing::Pacer;
use chatcrm::scheduler::{Outbox, SendFailure};
use chatcrm::store::{NewTask, Store};
use chatcrm::telegram::TelegramOutbox;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use teloxide::Bot;

/// The outbound benchmark's members' chats start here, one private chat each.
const FIRST_CHAT: i64 = 10_001;
/// How long [`chatcrm::telegram::run_scheduler`] waits between ticks.
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
        "date": chatcrm::clock::timestamp(),
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
    let now = chatcrm::clock::timestamp();
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
        let just_sent = chatcrm::scheduler::tick(core, BENCH_INSTANCE, pacer, outbox).await?;
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
    fn the_busiest_second_counts_arrivals_less_than_a_second_apart() {
        let start = Instant::now();
        let at = |millis: u64| start + Duration::from_millis(millis);
        assert_eq!(busiest_second(&[]), 0);
        assert_eq!(busiest_second(&[at(0), at(999), at(1000)]), 2);
        assert_eq!(busiest_second(&[at(0), at(1500), at(1600), at(2499)]), 3);
    }
}
