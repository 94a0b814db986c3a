//! Telegram misbehaving: rate limits, server errors, the network going away, and no token.

use crate::support::*;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_429_is_waited_out_and_the_reply_still_arrives() {
    let world = World::start().await;
    world
        .telegram
        .fail_next("sendMessage", Failure::RetryAfter(1));
    let asked = Instant::now();
    world.owner.send("/help");
    world.owner.expect_reply("Your role: owner").await;
    assert!(asked.elapsed() >= Duration::from_secs(1));
    assert_eq!(world.telegram.calls("sendMessage:failed").len(), 1);
}

#[tokio::test]
async fn a_proxy_error_page_is_retried() {
    let world = World::start().await;
    world
        .telegram
        .fail_next("sendMessage", Failure::Status(502));
    world.owner.send("/help");
    world.owner.expect_reply("Your role: owner").await;
    assert_eq!(world.telegram.calls("sendMessage:failed").len(), 1);
}

/// Telegram's own 502, with its JSON body.
const BAD_GATEWAY: Failure = Failure::Api {
    status: 502,
    description: "Bad Gateway",
};

#[tokio::test]
async fn a_reply_survives_a_bad_gateway_from_telegram() {
    let world = World::start().await;
    world.telegram.fail_next("sendMessage", BAD_GATEWAY);
    world.owner.send("/help");
    world.owner.expect_reply("Your role: owner").await;
    world.owner.expect_no_reply(Duration::from_secs(1)).await;
    assert_eq!(world.telegram.calls("sendMessage:failed").len(), 1);
    assert_eq!(world.telegram.calls("sendMessage").len(), 1);
}

#[tokio::test]
async fn a_reminder_survives_a_bad_gateway_and_arrives_once() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // Ten minutes of the bot's clock pass every real second.
    let fast = [
        ("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00"),
        ("CHATCRM_CLOCK_SPEED", "600"),
    ];
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &fast).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/remind in 10 minutes call Ivan");
    owner.expect_reply("⏰ I will remind you").await;

    telegram.fail_next("sendMessage", BAD_GATEWAY);
    owner.expect_reply("⏰ call Ivan").await;
    owner.expect_no_reply(Duration::from_secs(2)).await;
    assert_eq!(telegram.calls("sendMessage:failed").len(), 1);
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'sent'")
            .await,
        1
    );
    // Retried within the one send, not left until the job's lease ran out.
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE attempts > 1")
            .await,
        0
    );
}

#[tokio::test]
async fn the_bot_survives_the_network_going_down() {
    let mut world = World::start().await;
    world.owner.send("/help");
    world.owner.expect_reply("Your role: owner").await;

    world.telegram.go_offline().await;
    world.owner.send("/settings");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(world.bot.is_running());
    world.telegram.go_online().await;
    world.owner.expect_reply("Settings").await;
}

#[tokio::test]
async fn run_without_a_token_explains_how_to_get_one() {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_chatcrm"))
        .arg("run")
        .env_remove("TELOXIDE_TOKEN")
        .env("DATABASE_URL", "sqlite::memory:")
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("@BotFather"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[tokio::test]
async fn a_chat_that_cannot_be_reached_does_not_stop_the_others() {
    let world = World::start().await;
    let anna = world.join(901, "Anna", "en", "manager").await;
    world.telegram.fail_next("sendMessage", Failure::Blocked);
    anna.send("/help");
    world.telegram.wait_for_calls("sendMessage:failed", 1).await;
    anna.expect_no_reply(Duration::from_millis(300)).await;
    world.owner.send("/help");
    world.owner.expect_reply("Your role: owner").await;
    anna.send("/help");
    anna.expect_reply("Your role: manager").await;
}
