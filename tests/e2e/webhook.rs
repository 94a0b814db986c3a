//! Webhook mode: Telegram pushes updates to the bot's listener through a load balancer, with
//! the shared secret; a redelivered update is not applied twice; instances that stop leave the
//! webhook to the others. Several instances share one PostgreSQL database.

use crate::support::*;
use std::time::Duration;

const SECRET: &str = "s3cret-Token_1";

/// A load balancer with one bot instance behind it, and Telegram pushing to it.
async fn one_instance(telegram: &FakeTelegram, db: &TestDb) -> (RoundRobin, BotProcess) {
    let proxy = RoundRobin::start().await;
    let bot = add_instance(telegram, db, &proxy).await;
    (proxy, bot)
}

/// Starts an instance on `db` and puts it behind `proxy`.
async fn add_instance(telegram: &FakeTelegram, db: &TestDb, proxy: &RoundRobin) -> BotProcess {
    let webhook_url = format!("{}/telegram", proxy.url());
    let bot = BotProcess::start_webhook(telegram, db, &webhook_url, SECRET).await;
    proxy.add(&bot.http_url().await);
    bot.wait_for_log("serving updates by webhook").await;
    bot
}

async fn get(url: &str) -> u16 {
    reqwest::get(url).await.unwrap().status().as_u16()
}

/// Whether several instances can be tested: they need PostgreSQL.
fn on_postgres() -> bool {
    let postgres = std::env::var("DATABASE_URL").is_ok_and(|url| url.starts_with("postgres"));
    if !postgres {
        eprintln!("skipped: several instances need PostgreSQL (DATABASE_URL=postgres://…)");
    }
    postgres
}

#[tokio::test]
async fn a_webhook_bot_serves_pushed_updates_and_refuses_a_wrong_secret() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let (proxy, bot) = one_instance(&telegram, &db).await;
    let webhook = telegram.wait_for_webhook().await;
    assert_eq!(webhook.url, format!("{}/telegram", proxy.url()));
    assert_eq!(webhook.secret.as_deref(), Some(SECRET));
    let listener = bot.http_url().await;
    assert_eq!(get(&format!("{listener}/healthz")).await, 200);
    assert_eq!(get(&format!("{listener}/readyz")).await, 200);

    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/add Ivan Petrov");
    owner.next_reply().await;
    owner.expect_reply("👤 Ivan Petrov").await;

    // A push without the secret, or with another, is refused and changes nothing.
    let forged = owner.message_update(900_001, "/add Mallory");
    assert_eq!(telegram.post_to_webhook(&forged, None).await, 401);
    assert_eq!(telegram.post_to_webhook(&forged, Some("guess")).await, 401);
    owner.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM contacts").await, 1);

    // Telegram delivers the /add again (its acknowledgement was lost): acknowledged, not applied.
    let add = telegram.pushed()[0]["update_id"].as_i64().unwrap();
    let pushed = telegram.pushed().len();
    telegram.push_again(add);
    while telegram.pushed().len() == pushed {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    owner.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM contacts").await, 1);

    // Stopping leaves the webhook for the other instances; only `chatcrm webhook delete` removes it.
    assert!(bot.terminate().await, "the bot stops cleanly on SIGTERM");
    assert!(telegram.webhook().is_some());
    assert!(telegram.calls("deleteWebhook").is_empty());
    let deleted = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .args(["webhook", "delete"])
        .env("TELOXIDE_TOKEN", "123456:TEST-TOKEN")
        .env("TELOXIDE_API_URL", telegram.url())
        .output()
        .await
        .unwrap();
    assert!(deleted.status.success(), "{deleted:?}");
    assert!(telegram.webhook().is_none());
}

#[tokio::test]
async fn a_webhook_needs_its_secret() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let mut bot = BotProcess::start_with(
        &telegram,
        &db,
        &[OWNER_ID],
        &[("CHATCRM_WEBHOOK_URL", "https://crm.example.com/telegram")],
    )
    .await;
    bot.wait_for_log("CHATCRM_WEBHOOK_SECRET is required").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!bot.is_running());
    assert!(telegram.webhook().is_none());
}

#[tokio::test]
async fn two_instances_share_forms_and_buttons_and_one_keeps_serving_when_the_other_stops() {
    if !on_postgres() {
        return;
    }
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let (proxy, first) = one_instance(&telegram, &db).await;
    let second = add_instance(&telegram, &db, &proxy).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/add Ivan Petrov");
    owner.next_reply().await;
    let card = owner.expect_reply("👤 Ivan Petrov").await;

    // A button pressed on the card one instance sent reaches the other; the form it opens
    // goes on on the first, and the answer is checked on the second again.
    owner.press(&card, "Note");
    owner.expect_reply("Send the note for Ivan Petrov").await;
    owner.send(&"x".repeat(2500));
    owner.expect_reply("The note is too long").await;
    owner.send("met at the expo");
    owner.expect_reply(&tr("en", "note-saved")).await;
    let card = owner.expect_reply("👤 Ivan Petrov").await;
    assert!(card.text.contains("note: met at the expo"), "{}", card.text);
    // The pushes alternate: the card, the press, and the form's steps each on the other one.
    // (An update is acknowledged once handled, just after its replies.)
    let served = proxy.wait_for_served(4).await;
    assert!(
        served.windows(2).all(|pair| pair[0] != pair[1]),
        "{served:?}"
    );

    // One instance stops (a deploy); the webhook stays and the other serves everything.
    assert!(first.terminate().await, "the first stops cleanly");
    assert!(telegram.webhook().is_some());
    for query in ["/find petrov", "/find ivan", "/find Petrov Ivan"] {
        owner.send(query);
        owner.expect_reply("Found 1 contact").await;
    }
    assert_eq!(
        get(&format!("{}/readyz", second.http_url().await)).await,
        200
    );
    assert!(telegram.calls("deleteWebhook").is_empty());
}

#[tokio::test]
async fn two_webhook_instances_send_a_thousand_due_reminders_once() {
    if !on_postgres() {
        return;
    }
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let (proxy, _first) = one_instance(&telegram, &db).await;
    let _second = add_instance(&telegram, &db, &proxy).await;
    crate::reminders::add_members_with_due_tasks(&db, 1000).await;
    db.execute(
        "INSERT INTO jobs (kind, chat_id, task_id, due_at) \
         SELECT 'reminder', owner_id, id, due_at FROM tasks",
    )
    .await;

    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while db
        .count("SELECT COUNT(*) FROM jobs WHERE status = 'sent'")
        .await
        < 1000
    {
        assert!(std::time::Instant::now() < deadline, "not all sent in time");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let mut sent: Vec<String> = telegram
        .calls("sendMessage")
        .iter()
        .filter_map(|call| call.body["text"].as_str())
        .filter(|text| text.starts_with("⏰ job "))
        .map(|text| text.lines().next().unwrap().to_owned())
        .collect();
    assert_eq!(sent.len(), 1000, "no reminder sent twice");
    sent.sort();
    sent.dedup();
    assert_eq!(sent.len(), 1000, "every reminder sent");
    let senders = db
        .count("SELECT COUNT(DISTINCT lease_owner) FROM jobs WHERE status = 'sent'")
        .await;
    assert_eq!(senders, 2, "both instances sent");
}

#[tokio::test]
async fn a_polling_bot_with_a_listener_answers_health_checks_and_stops_cleanly() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let env = [("CHATCRM_LISTEN", "127.0.0.1:0")];
    let bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let listener = bot.http_url().await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/find petrov");
    owner.expect_reply("Nothing found").await;
    assert_eq!(get(&format!("{listener}/healthz")).await, 200);
    assert_eq!(get(&format!("{listener}/readyz")).await, 200);
    // No webhook route while polling.
    assert_eq!(
        reqwest::Client::new()
            .post(format!("{listener}/telegram"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );
    assert!(bot.terminate().await, "the bot stops cleanly on SIGTERM");
    assert!(telegram.webhook().is_none());
}
