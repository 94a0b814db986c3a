//! Reminders: they arrive at their minute (on a fast clock), Snooze fires them again, and jobs
//! due while the bot was down are delivered once after a restart.

use crate::support::*;
use std::time::Duration;

/// Ten minutes of the bot's clock pass every real second.
const FAST: &[(&str, &str)] = &[
    ("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00"),
    ("CHATCRM_CLOCK_SPEED", "600"),
];

#[tokio::test]
async fn a_reminder_arrives_at_its_minute_and_snooze_fires_it_again() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], FAST).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");

    owner.send("/remind in 30 minutes call Ivan");
    let set = owner.expect_reply("⏰ I will remind you 25.11.2026").await;
    assert!(set.text.ends_with(": call Ivan"), "{}", set.text);
    owner.send("/today");
    owner.expect_reply("Due today (1 task)").await;

    let reminder = owner.expect_reply("⏰ call Ivan").await;
    let labels: Vec<&str> = reminder.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["✅ Done", "💤 1 h", "Tomorrow"]);
    owner.press(&reminder, "1 h");
    owner.expect_reply("💤 I will remind you again").await;
    let again = owner.expect_reply("⏰ call Ivan").await;
    owner.press(&again, "Done");
    owner.expect_reply("✅ Done: call Ivan").await;
    owner.send("/tasks");
    owner.expect_reply(&tr("en", "tasks-none")).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'sent'")
            .await,
        2
    );

    owner.send("/remind yesterday 10:00 call Ivan");
    owner.expect_reply(&tr("en", "error-when-past")).await;
    owner.send("/remind 31.02 call Ivan");
    owner.expect_reply("February has no 31st").await;
    assert_eq!(db.count("SELECT COUNT(*) FROM tasks").await, 1);
}

#[tokio::test]
async fn jobs_due_while_the_bot_was_down_are_delivered_once_after_a_restart() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let real_clock = [("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00")];
    let bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &real_clock).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    for n in 1..=5 {
        owner.send(&format!("/remind in 2 hours task {n}"));
        owner.expect_reply(&format!("task {n}")).await;
    }
    bot.kill().await;

    // Back three hours later: everything due meanwhile arrives, once, marked late.
    let later = [("CHATCRM_CLOCK_START", "2026-11-25T12:00:00+03:00")];
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &later).await;
    let mut delivered = Vec::new();
    for _ in 1..=5 {
        let reminder = owner.expect_reply("⏰ task").await;
        assert!(
            reminder.text.contains("the bot was offline"),
            "{}",
            reminder.text
        );
        delivered.push(reminder.text.lines().next().unwrap().to_owned());
    }
    delivered.sort();
    assert_eq!(
        delivered,
        [
            "⏰ task 1",
            "⏰ task 2",
            "⏰ task 3",
            "⏰ task 4",
            "⏰ task 5"
        ]
    );
    owner.expect_no_reply(Duration::from_secs(2)).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'sent'")
            .await,
        5
    );
}

#[tokio::test]
async fn a_deals_next_action_is_reminded_of() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], FAST).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/add Ivan Petrov");
    owner.next_reply().await;
    owner.next_reply().await;
    owner.send("/deal Petrov Chairs 1000");
    owner.expect_reply("💼 Chairs").await;
    owner.expect_reply("What is the next step").await;
    owner.send("in 20 minutes send the proposal");
    owner.expect_reply("📅 Next:").await;
    let reminder = owner.expect_reply("⏰ send the proposal").await;
    reminder.button("Deal");
}

#[tokio::test]
async fn two_instances_deliver_a_thousand_due_jobs_once_each() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let first = BotProcess::start(&telegram, &db, &[OWNER_ID]).await;
    first.wait_for_log("serving updates").await;
    let second = BotProcess::start(&telegram, &db, &[OWNER_ID]).await;
    second.wait_for_log("serving updates").await;

    // A thousand reminders that fell due an hour ago, for a thousand members (one chat takes
    // a message a second), written behind the bots' backs.
    add_members_with_due_tasks(&db, 1000).await;
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
        assert!(
            std::time::Instant::now() < deadline,
            "not all jobs were sent in time"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let sent: Vec<String> = telegram
        .calls("sendMessage")
        .iter()
        .filter_map(|call| call.body["text"].as_str())
        .filter(|text| text.starts_with("⏰ job "))
        .map(|text| text.lines().next().unwrap().to_owned())
        .collect();
    let mut unique = sent.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 1000, "every job delivered");
    assert_eq!(sent.len(), 1000, "no job delivered twice");
    // Both instances did part of the work.
    let owners = db
        .count("SELECT COUNT(DISTINCT lease_owner) FROM jobs WHERE status = 'sent'")
        .await;
    assert_eq!(owners, 2);
}

#[tokio::test]
async fn a_burst_of_429s_is_ridden_out_with_nothing_lost() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let bot = BotProcess::start(&telegram, &db, &[OWNER_ID]).await;
    bot.wait_for_log("serving updates").await;
    for _ in 0..3 {
        telegram.fail_next("sendMessage", Failure::RetryAfter(1));
    }
    add_members_with_due_tasks(&db, 20).await;
    db.execute(
        "INSERT INTO jobs (kind, chat_id, task_id, due_at) \
         SELECT 'reminder', owner_id, id, due_at FROM tasks",
    )
    .await;
    telegram.wait_for_calls("sendMessage", 20).await;
    assert_eq!(telegram.calls("sendMessage:failed").len(), 3);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut sent: Vec<String> = telegram
        .calls("sendMessage")
        .iter()
        .filter_map(|call| call.body["text"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(sent.len(), 20, "twenty messages, no more: {sent:?}");
    sent.sort();
    sent.dedup();
    assert_eq!(
        sent.len(),
        20,
        "each of the 20 jobs delivered once: {sent:?}"
    );
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'sent'")
            .await,
        20
    );
}

/// Members 1001… of the owner's team, each with one reminder that fell due long ago ("job N").
pub(crate) async fn add_members_with_due_tasks(db: &TestDb, count: u32) {
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         INSERT INTO members (user_id, team_id, role, display_name, language, joined_at) \
         SELECT 1000 + i, 1, 'manager', 'M' || CAST(i AS TEXT), 'en', 1764000000 FROM n"
    ))
    .await;
    db.execute(
        "INSERT INTO tasks (team_id, owner_id, text, due_at, created_at) \
         SELECT 1, user_id, 'job ' || CAST(user_id - 1000 AS TEXT), 1764000000, 1764000000 \
         FROM members WHERE user_id > 1000",
    )
    .await;
}

#[tokio::test]
async fn a_doubtful_time_is_shown_to_confirm_before_anything_is_scheduled() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], FAST).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");

    // "в 7" at 09:00 could be 07:00 or 19:00: the bot says what it understood and waits.
    owner.send("/remind в 7 позвонить Ивану");
    let question = owner
        .expect_reply("I read that as 26.11.2026 07:00. Is that right?")
        .await;
    assert_eq!(db.count("SELECT COUNT(*) FROM tasks").await, 0);
    owner.press(&question, "Yes");
    owner
        .expect_reply("⏰ I will remind you 26.11.2026 07:00: позвонить Ивану")
        .await;

    // Typing another time instead of confirming replaces the doubtful one.
    owner.send("/remind at 8 send the offer");
    owner.expect_reply("I read that as").await;
    owner.send("tomorrow 20:00 send the offer");
    owner
        .expect_reply("⏰ I will remind you 26.11.2026 20:00: send the offer")
        .await;

    // Not a time at all: examples, and nothing scheduled.
    owner.send("/remind через -3 дня позвонить");
    owner.expect_reply(&tr("en", "remind-usage")).await;
    owner.send("/remind 25:00 позвонить");
    owner.expect_reply(&tr("en", "remind-usage")).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM tasks").await, 2);
}

#[tokio::test]
async fn a_phrase_is_read_whole_or_confirmed_never_half_read() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // Wednesday 25 November 2026, 09:00 in Moscow, on a clock that runs at its usual speed.
    let clock = [("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00")];
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &clock).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");

    // The moment at the end of the line, halves of an hour, a weekday with its date.
    owner.send("/remind call Ivan tomorrow");
    owner
        .expect_reply("⏰ I will remind you 26.11.2026 10:00: call Ivan")
        .await;
    owner.send("/remind in an hour and a half send the price");
    owner
        .expect_reply("⏰ I will remind you 25.11.2026 10:30: send the price")
        .await;
    owner.send("/remind Friday 27th at 3pm demo");
    owner
        .expect_reply("⏰ I will remind you 27.11.2026 15:00: demo")
        .await;

    // Words after the moment that tell more of the time: the reading is shown, not kept.
    owner.send("/remind tomorrow around 5 call Anna");
    owner
        .expect_reply("I read that as 26.11.2026 10:00. Is that right?")
        .await;
    owner.send("/cancel");
    owner.expect_reply("Cancelled").await;
    assert_eq!(db.count("SELECT COUNT(*) FROM tasks").await, 3);

    // The same member with the app switched to Russian: replies follow the app.
    let ivan = telegram.user(OWNER_ID, "Olga", "ru");
    ivan.send("/remind через полтора часа позвонить");
    ivan.expect_reply("25.11.2026 10:30").await;
    ivan.send("/remind 31.02 позвонить");
    ivan.expect_reply("В феврале нет 31-го числа").await;
    assert_eq!(db.count("SELECT COUNT(*) FROM tasks").await, 4);
}

#[tokio::test]
async fn today_pages_past_ten_tasks() {
    let world = World::start_with(&[("CHATCRM_CLOCK_START", "2026-11-25T08:00:00+03:00")]).await;
    let owner = &world.owner;
    for n in 1..=15 {
        owner.send(&format!("/remind today at 20:{n:02} call client {n}"));
        owner.expect_reply("⏰ I will remind you 25.11.2026").await;
    }
    owner.send("/today");
    let first = owner.expect_reply("Due today (15 tasks)").await;
    assert!(first.text.contains("call client 10"), "{}", first.text);
    assert!(!first.text.contains("call client 11"), "{}", first.text);
    owner.press(&first, "▶");
    let second = owner.expect_reply("call client 15").await;
    assert!(second.edited, "the list is paged in place");
    assert!(second.text.contains("call client 11"), "{}", second.text);
    owner.press(&second, "◀");
    owner.expect_reply("call client 1\n").await;
}

#[tokio::test]
async fn tasks_say_whom_they_are_about_and_done_on_a_row_keeps_the_list() {
    let world = World::start_with(FAST).await;
    let owner = &world.owner;
    let card = world.add_contact(owner, "Анна Смирнова +79990001111").await;
    owner.press(&card, "⏰ Remind");
    owner.expect_reply("⏰ Reminder about Анна Смирнова").await;
    owner.send("in 30 minutes measure the kitchen");
    owner.expect_reply("⏰ I will remind you").await;
    owner.send("/remind in 2 hours call the supplier");
    owner.expect_reply("⏰ I will remind you").await;

    owner.send("/today");
    let list = owner.expect_reply("Due today (2 tasks)").await;
    assert!(
        list.text.contains("measure the kitchen · 👤 Анна Смирнова"),
        "{}",
        list.text
    );
    // The reminder names the contact too.
    let reminder = owner.expect_reply("⏰ measure the kitchen").await;
    assert!(
        reminder.text.contains("👤 Анна Смирнова"),
        "{}",
        reminder.text
    );

    // The first row's ✅: the kitchen is due first.
    owner.press(&list, "✅");
    let after = owner.expect_reply("Due today (1 task)").await;
    assert!(after.edited, "the list is edited in place");
    assert!(after.text.contains("call the supplier"), "{}", after.text);
}

#[tokio::test]
async fn reminders_read_month_names_and_parts_of_the_day() {
    let world = World::start_with(&[("CHATCRM_CLOCK_START", "2026-12-02T10:00:00+03:00")]).await;
    let owner = &world.owner;
    for (typed, said) in [
        (
            "/remind 25 декабря в 14:30 созвон",
            "25.12.2026 14:30: созвон",
        ),
        ("/remind Dec 31 at 11:59pm toast", "31.12.2026 23:59: toast"),
        (
            "/remind tomorrow evening call Ivan",
            "03.12.2026 19:00: call Ivan",
        ),
        (
            "/remind завтра утром отправить КП",
            "03.12.2026 09:00: отправить КП",
        ),
    ] {
        owner.send(typed);
        let set = owner.expect_reply("⏰ I will remind you").await;
        assert!(set.text.ends_with(said), "{typed}: {}", set.text);
    }
}

#[tokio::test]
async fn a_call_logged_from_a_reminder_offers_to_close_it() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], FAST).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/add Ivan Petrov +79991234567");
    owner.next_reply().await;
    let card = owner.next_reply().await;
    owner.press(&card, "Remind");
    owner.expect_reply("⏰ Reminder about Ivan Petrov").await;
    owner.send("in 20 minutes call Ivan");
    owner.expect_reply("⏰ I will remind you").await;

    let reminder = owner.expect_reply("⏰ call Ivan").await;
    owner.press(&reminder, "Log call");
    let outcomes = owner.expect_reply("Call with Ivan Petrov").await;
    owner.press(&outcomes, "Reached");
    let logged = owner.expect_reply("Call logged: Reached").await;
    owner.press(&logged, "✅ Close the reminder «call Ivan»");
    owner.expect_reply("✅ Done: call Ivan").await;
    owner.send("/tasks");
    owner.expect_reply(&tr("en", "tasks-none")).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'call' AND outcome = 'reached'")
            .await,
        1
    );
}
