//! Scheduled pushes on the bot's own fast clock: appointments reminded to linked clients,
//! birthdays, dormant clients, the team's daily summary and clients' quiet hours.

use crate::support::*;
use std::time::Duration;

fn clock(start: &'static str, speed: &'static str) -> [(&'static str, &'static str); 2] {
    [
        ("CHATCRM_CLOCK_START", start),
        ("CHATCRM_CLOCK_SPEED", speed),
    ]
}

/// The contact id behind a card's buttons.
fn contact_id(card: &BotMessage) -> String {
    card.button("Log call").trim_start_matches("lc:").to_owned()
}

/// Links a Telegram user as the client of the contact whose card is `card`; returns the
/// link's token.
async fn link_client(owner: &TgUser, card: &BotMessage, client: &TgUser) -> String {
    owner.press(card, "Client link");
    let link = owner.expect_reply("start=client_").await;
    let token = invite_token(&link.text);
    client.send(&format!("/start client_{token}"));
    client.expect_reply("/stop").await;
    owner.expect_reply("🔗 Ivan Petrov linked the bot").await;
    token
}

async fn add_ivan(owner: &TgUser) -> BotMessage {
    owner.send("/add Ivan Petrov +79991234567");
    owner.next_reply().await;
    owner.next_reply().await
}

#[tokio::test]
async fn a_linked_client_is_reminded_of_an_appointment_and_confirms_it() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // Ten minutes a second, from 14:40 Moscow time.
    let env = clock("2026-11-25T14:40:00+03:00", "600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let client = telegram.user(500, "Ivan", "ru");
    let card = add_ivan(&owner).await;
    let token = link_client(&owner, &card, &client).await;
    // A used link does not work twice; a stranger is not a client.
    let stranger = telegram.user(501, "Mallory", "en");
    stranger.send(&format!("/start client_{token}"));
    stranger
        .expect_reply(&tr("en", "client-link-invalid"))
        .await;
    stranger.send("/stop");
    stranger.expect_reply(&tr("en", "not-member")).await;

    // Booked for tomorrow 15:00: the 24-hour reminder is due at 15:00 today.
    owner.send("/meet Petrov tomorrow 15:00 office on Lenina 1");
    let booked = owner
        .expect_reply("📅 Appointment with Ivan Petrov: 26.11.2026 15:00, office on Lenina 1")
        .await;
    assert!(booked.text.contains("24 h and 2 h"), "{}", booked.text);

    let reminder = client
        .expect_reply("📅 Напоминание: встреча с Olga 26.11.2026 15:00")
        .await;
    assert!(reminder.text.contains("📍 office on Lenina 1"));
    // The client sees nothing of the CRM; a stranger cannot answer for them.
    let forged = stranger.press_data(1, reminder.button("Подтвердить"));
    assert_eq!(
        stranger.expect_answer(&forged).await,
        Some(tr("en", "button-expired"))
    );
    client.press(&reminder, "Подтвердить");
    let confirmed = client
        .expect_reply(&tr("ru", "appointment-confirmed"))
        .await;
    assert!(confirmed.edited);
    owner
        .expect_reply("✅ Ivan Petrov confirmed the appointment on 26.11.2026 15:00")
        .await;
    // Pressing again changes nothing and tells the manager nothing new.
    client.press(&reminder, "Подтвердить");
    client
        .expect_reply(&tr("ru", "appointment-confirmed"))
        .await;
    owner.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'appointment_confirmed'")
            .await,
        1
    );
    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history
            .text
            .contains(&tr("en", "history-appointment-confirmed")),
        "{}",
        history.text
    );

    // Plain text from the client gets an explanation; /stop unlinks them.
    client.send("привет");
    client.expect_reply("/stop").await;
    client.send("/stop");
    client.expect_reply(&tr("ru", "client-stopped")).await;
    owner.expect_reply("🔕 Ivan Petrov unsubscribed").await;
}

#[tokio::test]
async fn birthdays_reach_the_manager_and_the_subscribed_client_once() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // An hour of the clock (six seconds) to set up before 09:00, even on a busy machine.
    let env = clock("2026-11-25T08:00:00+03:00", "600");
    let bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let client = telegram.user(500, "Ivan", "en");
    let card = add_ivan(&owner).await;
    let id = contact_id(&card);
    link_client(&owner, &card, &client).await;
    owner.press_data(card.message_id, &format!("ev:{id}:subscribed:1"));
    owner.expect_reply("👤 Ivan Petrov").await;
    owner.press_data(card.message_id, &format!("ef:{id}:birthday"));
    owner.expect_reply("New value for “Birthday”").await;
    owner.send("25.11.1986");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("Birthday: 25.11.1986").await;

    let heads_up = owner
        .expect_reply("🎂 Today is Ivan Petrov's birthday (40).")
        .await;
    heads_up.button("Contact");
    client
        .expect_reply("🎉 Ivan, happy birthday! Olga wishes you all the best.")
        .await;

    // A restart later that day sends neither again.
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'birthday_client' AND status = 'sent'",
        1,
    )
    .await;
    bot.kill().await;
    let later = clock("2026-11-25T12:00:00+03:00", "600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &later).await;
    owner.expect_no_reply(Duration::from_secs(3)).await;
    client.expect_no_reply(Duration::from_millis(100)).await;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM jobs WHERE kind IN ('birthday_manager', 'birthday_client') \
             AND status = 'sent'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_dormant_client_is_proposed_once_per_dormancy() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // Ten hours a second.
    let env = clock("2026-11-25T10:00:00+03:00", "36000");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner.expect_reply("📣 Schedules").await;
    owner.press(&schedules, "Reactivation");
    owner.expect_reply("days without interaction").await;
    owner.send("0");
    owner
        .expect_reply(&tr("en", "error-dormancy-invalid"))
        .await;
    owner.send("2");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("dormant after 2 days").await;

    // A lead is never proposed; a client is, two days after the last interaction.
    owner.send("/add Lena Lead");
    owner.next_reply().await;
    owner.next_reply().await;
    let card = add_ivan(&owner).await;
    owner.press(&card, "Mark as client");
    owner.expect_reply("client since").await;
    let prompt = owner
        .expect_reply("💤 Ivan Petrov: no calls, notes, meetings or deal moves for 2 days")
        .await;
    // Once per dormancy: no second prompt while nothing happens.
    owner.expect_no_reply(Duration::from_secs(2)).await;

    // Logging a call ends the dormancy; the next one is proposed again.
    owner.press(&prompt, "Log call");
    let outcomes = owner.expect_reply("How did it go").await;
    owner.press(&outcomes, "Reached");
    owner.next_reply().await;
    let again = owner.expect_reply("💤 Ivan Petrov").await;
    owner.press(&again, "Not a client any more");
    owner.expect_reply("no longer a client").await;
    owner.expect_no_reply(Duration::from_secs(2)).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE kind = 'reactivation'")
            .await,
        2
    );
}

#[tokio::test]
async fn the_daily_summary_reaches_the_group_at_its_time() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // A minute a second, from 08:50 on a Wednesday.
    let env = clock("2026-11-25T08:50:00+03:00", "60");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let group = owner.in_group(-200);

    owner.send("/setgroup");
    owner.expect_reply(&tr("en", "setgroup-private")).await;
    group.send("/find Petrov");
    group.expect_reply(&tr("en", "group-use-private")).await;
    group.send("just chatting");
    group.expect_no_reply(Duration::from_millis(500)).await;
    group.send("/setgroup");
    group
        .expect_reply("posted here: weekdays at 09:00. Next: 25.11.2026 09:00")
        .await;

    // Bad schedules are refused and change nothing.
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner.expect_reply("📣 Schedules").await;
    assert!(schedules.text.contains("posted to the team's group"));
    for (bad, key) in [
        ("* * * * *", "error-cron-too-often"),
        ("0 9 30 2 *", "error-cron-never"),
        ("every morning", "error-cron-invalid"),
    ] {
        owner.press(&schedules, "Cron expression");
        owner.expect_reply("Send a cron expression").await;
        owner.send(bad);
        owner.expect_reply(&tr("en", key)).await;
        owner.send("/cancel");
        owner.next_reply().await;
    }
    // Switching presets back and forth leaves one planned summary, at the current time.
    owner.press(&schedules, "every day at 09:00");
    let schedules = owner
        .expect_reply("Daily summary: every day at 09:00")
        .await;
    owner.press(&schedules, "weekdays at 09:00");
    let schedules = owner.expect_reply("Daily summary: weekdays at 09:00").await;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'summary' AND status = 'pending' \
             AND due_at = 1795586400"
        )
        .await,
        1
    );
    owner.press(&schedules, "Quiet hours");
    owner.expect_reply("quiet hours").await;
    owner.send("21:00-21:00");
    owner
        .expect_reply(&tr("en", "error-quiet-hours-invalid"))
        .await;
    owner.send("/cancel");
    owner.next_reply().await;
    owner.press(&schedules, "Team time zone");
    owner.expect_reply("time zone").await;
    owner.send("Mars/Olympus");
    owner
        .expect_reply(&tr("en", "error-time-zone-invalid"))
        .await;
    owner.send("/cancel");
    owner.next_reply().await;

    // The day's work: a new lead, a call, a deal with no next step.
    let card = add_ivan(&owner).await;
    owner.press(&card, "Log call");
    let outcomes = owner.expect_reply("How did it go").await;
    owner.press(&outcomes, "Reached");
    owner.next_reply().await;
    owner.send("/deal Petrov Chairs 1000");
    owner.expect_reply("💼 Chairs").await;
    let next = owner.expect_reply("What is the next step").await;
    owner.press(&next, "Later");
    owner.next_reply().await;

    // A manager may not move the summary.
    let world_manager = telegram.user(300, "Anna", "en");
    owner.send("/invite manager");
    let token = invite_token(&owner.expect_reply("start=join_").await.text);
    world_manager.send(&format!("/start join_{token}"));
    world_manager.next_reply().await;
    let manager_in_group = world_manager.in_group(-300);
    manager_in_group.send("/setgroup");
    manager_in_group
        .expect_reply(&tr("en", "gate-leads-only"))
        .await;

    let summary = group.expect_reply("📊 Summary").await;
    assert!(
        summary.text.contains(
            "👤 Olga: new leads 1 · calls 1 · chats 0 · deals moved 0 · won 0 · lost 0 · \
             overdue tasks 0 · deals without next step 1"
        ),
        "{}",
        summary.text
    );
    assert!(
        summary.text.contains("👤 Anna: new leads 0"),
        "{}",
        summary.text
    );
    assert!(summary.text.contains("– 25.11 09:00"), "{}", summary.text);
    let chart = group
        .expect_reply(&tr("en", "summary-funnel-caption"))
        .await;
    let (_, png) = chart.file.expect("the funnel chart");
    assert_eq!(&png[..4], b"\x89PNG");
    // The next one is planned for tomorrow 09:00, once.
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'summary' AND status = 'pending' \
         AND due_at = 1795672800",
        1,
    )
    .await;
}

#[tokio::test]
async fn a_reminder_to_a_client_waits_for_the_end_of_quiet_hours() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // An hour a second, from 21:50.
    let env = clock("2026-11-25T21:50:00+03:00", "3600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let client = telegram.user(500, "Ivan", "en");
    let card = add_ivan(&owner).await;
    link_client(&owner, &card, &client).await;
    // The 2-hour reminder falls at 08:00, inside the default quiet hours (21:00–09:00).
    owner.send("/meet Petrov tomorrow 10:00");
    owner.expect_reply("📅 Appointment with Ivan Petrov").await;
    client.expect_reply("📅 Reminder").await;
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'appointment' AND status = 'sent'",
        1,
    )
    .await;
    let sent_at = db
        .count("SELECT sent_at FROM jobs WHERE kind = 'appointment' AND status = 'sent'")
        .await;
    // 26.11.2026 09:00 Moscow time.
    assert!(sent_at >= 1_795_672_800, "sent at {sent_at}, in the night");
}

#[tokio::test]
async fn a_client_who_blocked_the_bot_is_marked_unreachable() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // An hour of the clock (six seconds) to set up before the first reminder, even on a busy
    // machine.
    let env = clock("2026-11-25T14:00:00+03:00", "600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let client = telegram.user(500, "Ivan", "en");
    let card = add_ivan(&owner).await;
    link_client(&owner, &card, &client).await;
    owner.send("/meet Petrov tomorrow 15:00");
    owner.expect_reply("📅 Appointment").await;
    telegram.fail_next("sendMessage", Failure::Blocked);
    db.wait_for_count(
        "SELECT COUNT(*) FROM contacts WHERE client_unreachable_at IS NOT NULL",
        1,
    )
    .await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'failed'")
            .await,
        1
    );
}

/// Opens a deal for Ivan Petrov with an expected close date; returns its card.
async fn deal_closing_on(owner: &TgUser, title: &str, date: &str) -> BotMessage {
    owner.send(&format!("/deal Petrov {title}"));
    let card = owner.expect_reply("💼").await;
    let question = owner.expect_reply("What is the next step").await;
    owner.press(&question, "Later");
    owner.next_reply().await;
    owner.press(&card, "Edit");
    let menu = owner.expect_reply(&format!("Edit {title}")).await;
    owner.press(&menu, "Expected close");
    owner.next_reply().await;
    owner.send(date);
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("Expected close").await;
    card
}

#[tokio::test]
async fn deal_deadlines_are_announced_the_day_before_and_when_overdue() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let env = clock("2026-11-25T08:00:00+03:00", "600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    add_ivan(&owner).await;
    deal_closing_on(&owner, "Chairs", "26.11.2026").await;
    deal_closing_on(&owner, "Tables", "24.11.2026").await;
    let won = deal_closing_on(&owner, "Lamps", "26.11.2026").await;
    owner.press(&won, "Won");
    let sure = owner.expect_reply("as won?").await;
    owner.press(&sure, "Yes, won");
    owner.expect_reply("🎉 Won").await;
    owner.next_reply().await;

    let mut notices = vec![
        owner.expect_reply("The deal").await.text,
        owner.expect_reply("The deal").await.text,
    ];
    notices.sort();
    assert_eq!(
        notices,
        [
            "⚠️ The deal “Tables” was expected to close on 24.11.2026 and is still open.",
            "📆 The deal “Chairs” is expected to close tomorrow, 26.11.2026.",
        ]
    );
    // The won deal's notice was dropped, not sent.
    owner.expect_no_reply(Duration::from_secs(1)).await;
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'deal_due_soon' AND status = 'skipped'",
        1,
    )
    .await;
}

#[tokio::test]
async fn the_morning_digest_counts_every_task_and_lists_the_first_twenty() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // A minute a second, from 08:55 Moscow time: the digest is due at 09:00.
    let env = clock("2026-11-25T08:55:00+03:00", "60");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/help");
    owner.next_reply().await;
    // 23 tasks due from 12:10 Moscow time (09:10 UTC), ten minutes apart.
    db.execute(
        "INSERT INTO tasks (team_id, owner_id, text, due_at, created_at) \
         WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 23) \
         SELECT (SELECT MIN(id) FROM teams), 100, 'call client ' || n, 1795597200 + n * 600, 0 \
         FROM seq",
    )
    .await;
    let digest = owner.expect_reply("Tasks for today: 23, overdue: 0").await;
    assert!(digest.text.contains("call client 20"), "{}", digest.text);
    assert!(!digest.text.contains("call client 21"), "{}", digest.text);
    assert!(
        digest.text.contains("…and 3 more: /today"),
        "{}",
        digest.text
    );
}

#[tokio::test]
async fn pushes_already_planned_move_when_a_zone_changes() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // 08:00 in Moscow: tomorrow's digest is planned, and a birthday set for tomorrow too.
    let env = clock("2026-11-25T08:00:00+03:00", "1");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    let card = add_ivan(&owner).await;
    let id = contact_id(&card);
    owner.press_data(card.message_id, &format!("ef:{id}:birthday"));
    owner.expect_reply("New value for “Birthday”").await;
    owner.send("26.11.1986");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("Birthday: 26.11.1986").await;
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'digest' AND payload = '2026-11-26'",
        1,
    )
    .await;
    let due = |kind: &'static str| {
        let db = &db;
        async move {
            db.text(match kind {
                "digest" => {
                    "SELECT CAST(due_at AS TEXT) FROM jobs \
                     WHERE kind = 'digest' AND payload = '2026-11-26'"
                }
                "birthday_manager" => {
                    "SELECT CAST(due_at AS TEXT) FROM jobs WHERE kind = 'birthday_manager'"
                }
                _ => "SELECT CAST(due_at AS TEXT) FROM jobs WHERE kind = 'birthday_client'",
            })
            .await
        }
    };
    // 09:00 and 10:00 in Moscow on the 26th.
    assert_eq!(due("digest").await, "1795672800");
    assert_eq!(due("birthday_manager").await, "1795672800");
    assert_eq!(due("birthday_client").await, "1795676400");

    // The manager moves to Vladivostok: their morning pushes follow, to 09:00 there.
    owner.send("/settings");
    let settings = owner.expect_reply("Time zone: Europe/Moscow").await;
    owner.press(&settings, "Time zone");
    owner.expect_reply("Send your time zone").await;
    owner.send("Владивосток");
    owner.expect_reply("Time zone: Asia/Vladivostok").await;
    assert_eq!(due("digest").await, "1795647600");
    assert_eq!(due("birthday_manager").await, "1795647600");
    assert_eq!(due("birthday_client").await, "1795676400");

    // The team moves to Yekaterinburg: a client without a zone of their own follows it.
    owner.send("/settings");
    let settings = owner.expect_reply(&tr("en", "settings-title")).await;
    owner.press(&settings, &tr("en", "button-schedules"));
    let schedules = owner.next_reply().await;
    owner.press(&schedules, &tr("en", "button-team-time-zone"));
    owner.next_reply().await;
    owner.send("Asia/Yekaterinburg");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.next_reply().await;
    // 10:00 in Yekaterinburg on the 26th.
    assert_eq!(due("birthday_client").await, "1795669200");
    assert_eq!(due("digest").await, "1795647600");

    // The client lives in Berlin: the greeting goes at 10:00 there.
    owner.press_data(card.message_id, &format!("ef:{id}:tz"));
    owner.expect_reply("New value for “Time zone”").await;
    owner.send("Berlin");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    assert_eq!(due("birthday_client").await, "1795683600");
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE kind IN ('digest', 'birthday_manager', 'birthday_client') AND payload = '2026-11-26'")
            .await,
        3
    );
}

#[tokio::test]
async fn a_days_appointments_are_in_today_the_digest_and_the_managers_own_reminder() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    // Ten minutes a second from 08:00: the digest goes at 09:00 (six seconds to set up), the
    // appointment is at 11:00.
    let env = clock("2026-11-25T08:00:00+03:00", "600");
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], &env).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    add_ivan(&owner).await;
    owner.send("/meet Petrov today 11:00 office on Lenina 1");
    owner.expect_reply("Ivan Petrov").await;
    owner.send("/today");
    let today = owner.expect_reply("📅 Appointments today:").await;
    assert!(
        today
            .text
            .contains("11:00 — Ivan Petrov, office on Lenina 1"),
        "{}",
        today.text
    );

    let digest = owner.expect_reply("📅 Appointments today:").await;
    assert!(
        digest
            .text
            .contains("11:00 — Ivan Petrov, office on Lenina 1"),
        "{}",
        digest.text
    );
    let heads_up = owner
        .expect_reply(
            "📅 In an hour: appointment with Ivan Petrov, 25.11.2026 11:00, office on Lenina 1.",
        )
        .await;
    heads_up.button("Contact");
    db.wait_for_count(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'appointment_manager' AND status = 'sent'",
        1,
    )
    .await;
}
