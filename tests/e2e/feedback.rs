//! Client feedback: surveys after an appointment and after a won deal on the bot's fast
//! clock, quiet hours, one answer per survey by that client only, the comment, the team
//! alerted on a low rating, /stop, the team's own questions in each language, surveys planned
//! already moving with a change of their time, and the /report section.

use crate::support::*;
use std::time::Duration;

fn clock(start: &'static str, speed: &'static str) -> [(&'static str, &'static str); 2] {
    [
        ("CHATCRM_CLOCK_START", start),
        ("CHATCRM_CLOCK_SPEED", speed),
    ]
}

/// Links `client` to the contact of `card` and opts them in to mailings.
async fn link_subscribed(owner: &TgUser, card: &BotMessage, client: &TgUser, name: &str) {
    owner.press(card, "Client link");
    let link = owner.expect_reply("start=client_").await;
    let token = invite_token(&link.text);
    client.send(&format!("/start client_{token}"));
    client.expect_reply("/stop").await;
    owner
        .expect_reply(&format!("🔗 {name} linked the bot"))
        .await;
    let id = card.button("Log call").trim_start_matches("lc:").to_owned();
    owner.press_data(card.message_id, &format!("ev:{id}:subscribed:1"));
    owner.expect_reply(&format!("👤 {name}")).await;
}

/// The next message containing `part`, past reminders that may come first on a busy machine.
async fn reply_past_others(user: &TgUser, part: &str) -> BotMessage {
    loop {
        let message = user.next_reply().await;
        if message.text.contains(part) {
            return message;
        }
    }
}

/// Wins a new deal of the contact found by `who`.
async fn win_deal(owner: &TgUser, who: &str, title: &str) {
    owner.send(&format!("/deal {who} {title}"));
    let card = owner.expect_reply(&format!("💼 {title}")).await;
    let next = owner.expect_reply("What is the next step").await;
    owner.press(&next, "Later");
    owner.next_reply().await;
    owner.press(&card, "Won");
    let sure = owner.expect_reply("as won?").await;
    owner.press(&sure, "Yes, won");
    owner.expect_reply("🎉 Won").await;
}

#[tokio::test]
async fn an_appointment_survey_waits_out_quiet_hours_and_a_low_rating_alerts_the_team() {
    // Half an hour a second, from 14:00 Moscow time.
    let world = World::start_with(&clock("2026-11-25T14:00:00+03:00", "1800")).await;
    let owner = &world.owner;
    let lead = world.join(201, "Lena", "ru", "lead").await;
    // The lead speaks Russian from their first message on.
    lead.send("/help");
    lead.next_reply().await;
    let manager = world.join(202, "Max", "en", "manager").await;
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner.expect_reply("📣 Schedules").await;
    owner.press(&schedules, "Quiet hours");
    owner.expect_reply("quiet hours").await;
    owner.send("18:00-20:00");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.next_reply().await;
    let client = world.telegram.user(500, "Ivan", "ru");
    let card = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    link_subscribed(owner, &card, &client, "Ivan Petrov").await;

    // The survey is due two hours after 17:00, in the quiet hours: it waits until 20:00.
    owner.send("/meet Petrov today 17:00");
    owner.expect_reply("📅 Appointment with Ivan Petrov").await;
    let survey = reply_past_others(&client, "Как мы справились?").await;
    assert!(
        survey.text.contains("встречу с менеджером Olga"),
        "{}",
        survey.text
    );
    // Recorded just after Telegram took it.
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'survey_after_appointment' AND status = 'sent'",
            1,
        )
        .await;
    let sent_at = world
        .db
        .count("SELECT sent_at FROM jobs WHERE kind = 'survey_after_appointment'")
        .await;
    // 25.11.2026 20:00 Moscow time.
    assert!(
        sent_at >= 1_795_626_000,
        "sent at {sent_at}, in the quiet hours"
    );

    // Only the client may answer.
    let stranger = world.telegram.user(501, "Mallory", "en");
    let forged = stranger.press_data(1, survey.button("⭐1"));
    assert_eq!(
        stranger.expect_answer(&forged).await,
        Some(tr("en", "button-expired"))
    );
    client.press(&survey, "⭐2");
    let thanks = client.expect_reply("Спасибо за оценку ⭐2").await;
    assert!(thanks.edited);
    // The responsible manager (here the owner) and the lead hear of it at once; a manager
    // who has nothing to do with the client does not.
    let alert = reply_past_others(owner, "⚠️ Ivan Petrov rated the appointment ⭐2").await;
    lead.expect_reply("⚠️ Ivan Petrov оценил(а) встречу на ⭐2")
        .await;
    manager.expect_no_reply(Duration::from_millis(300)).await;
    // One answer per survey.
    let again = client.press(&survey, "⭐5");
    assert_eq!(
        client.expect_answer(&again).await,
        Some(tr("ru", "survey-answered"))
    );
    // The client's next message is the comment, and follows the alert.
    client.send("Менеджер опоздал");
    client
        .expect_reply(&tr("ru", "survey-comment-thanks"))
        .await;
    owner
        .expect_reply("💬 Ivan Petrov about the ⭐2: Менеджер опоздал")
        .await;
    lead.expect_reply("Менеджер опоздал").await;
    client.send("привет");
    client.expect_reply("/stop").await;
    assert_eq!(
        world
            .db
            .text("SELECT CAST(rating AS TEXT) || ' ' || comment FROM feedback")
            .await,
        "2 Менеджер опоздал"
    );
    // On the timeline, and 📞 to call back.
    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history
            .text
            .contains("⭐2 from the client for the appointment"),
        "{}",
        history.text
    );
    assert!(
        history.text.contains("Менеджер опоздал"),
        "{}",
        history.text
    );
    owner.press(&alert, "Log call");
    owner.expect_reply("Call with Ivan Petrov").await;
}

#[tokio::test]
async fn a_won_deal_brings_a_survey_at_noon_the_next_day_and_stop_ends_surveys() {
    // Two hours a second, from 08:00 Moscow time.
    let world = World::start_with(&clock("2026-11-25T08:00:00+03:00", "7200")).await;
    let owner = &world.owner;
    let client = world.telegram.user(500, "Ivan", "en");
    let card = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    link_subscribed(owner, &card, &client, "Ivan Petrov").await;
    win_deal(owner, "Petrov", "Chairs").await;

    let survey = client.expect_reply("How did we do?").await;
    assert!(
        survey.text.contains("your purchase with Olga"),
        "{}",
        survey.text
    );
    // Recorded just after Telegram took it.
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'survey_after_win' AND status = 'sent'",
            1,
        )
        .await;
    let sent_at = world
        .db
        .count("SELECT sent_at FROM jobs WHERE kind = 'survey_after_win'")
        .await;
    // 26.11.2026 12:00 Moscow time, the day after the win.
    assert!(
        (1_795_683_600..1_795_683_600 + 3600).contains(&sent_at),
        "sent at {sent_at}"
    );
    client.press(&survey, "⭐5");
    client.expect_reply("Thank you for your rating ⭐5").await;
    // A good rating alerts nobody.
    owner.expect_no_reply(Duration::from_millis(500)).await;

    // After /stop the next survey is not sent.
    win_deal(owner, "Petrov", "Tables").await;
    client.send("/stop");
    client.expect_reply(&tr("en", "client-stopped")).await;
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'survey_after_win' AND status = 'skipped'",
            1,
        )
        .await;
    client.expect_no_reply(Duration::from_millis(100)).await;
}

#[tokio::test]
async fn the_team_switches_a_survey_off_and_sets_when_they_go() {
    let world = World::start_with(&clock("2026-11-25T10:00:00+03:00", "1")).await;
    let owner = &world.owner;
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner
        .expect_reply("Feedback surveys: the day after a win at 12:00; 2 h after an appointment")
        .await;
    owner.press(&schedules, "Hours after an appointment");
    owner
        .expect_reply(&tr("en", "schedules-survey-delay-ask"))
        .await;
    owner.send("0");
    owner
        .expect_reply(&tr("en", "error-survey-delay-invalid"))
        .await;
    owner.send("3");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    let schedules = owner.expect_reply("3 h after an appointment").await;
    owner.press(&schedules, "⭐ After an appointment");
    let schedules = owner
        .expect_reply("Feedback surveys: the day after a win at 12:00; after an appointment off")
        .await;
    owner.press(&schedules, "Hour after a win");
    owner
        .expect_reply(&tr("en", "schedules-survey-hour-ask"))
        .await;
    owner.send("25");
    owner
        .expect_reply(&tr("en", "error-survey-hour-invalid"))
        .await;
    owner.send("15");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("the day after a win at 15:00").await;

    let client = world.telegram.user(500, "Ivan", "en");
    let card = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    link_subscribed(owner, &card, &client, "Ivan Petrov").await;
    owner.send("/meet Petrov tomorrow 15:00");
    owner.expect_reply("📅 Appointment with Ivan Petrov").await;
    win_deal(owner, "Petrov", "Chairs").await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM jobs WHERE kind = 'survey_after_appointment'")
            .await,
        0
    );
    // 26.11.2026 15:00 Moscow time.
    assert_eq!(
        world
            .db
            .count("SELECT due_at FROM jobs WHERE kind = 'survey_after_win'")
            .await,
        1_795_694_400
    );
}

/// The team's own question of the survey after an appointment in Russian, or "-" when none.
const RU_APPOINTMENT_TEXT: &str =
    "SELECT COALESCE(survey_appointment_text_ru, '-') FROM teams ORDER BY id LIMIT 1";

#[tokio::test]
async fn the_team_sets_its_own_questions_in_each_language_and_clients_get_them() {
    // Half an hour a second, from 09:00 Moscow time: hours of setting up stay before the
    // quiet hours.
    let world = World::start_with(&clock("2026-11-25T09:00:00+03:00", "1800")).await;
    let owner = &world.owner;
    let ivan = world.telegram.user(500, "Ivan", "ru");
    let card = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    link_subscribed(owner, &card, &ivan, "Ivan Petrov").await;
    let john = world.telegram.user(501, "John", "en");
    let card = world.add_contact(owner, "John Smith +79997654321").await;
    link_subscribed(owner, &card, &john, "John Smith").await;

    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner.expect_reply("📣 Schedules").await;
    owner.press(&schedules, "Question texts");
    // Each survey in each language, the defaults with the mark of the manager's name.
    let texts = owner.expect_reply("✏️ Survey questions").await;
    for line in [
        "⭐ After an appointment · Русский (default):\nКак мы справились? Оцените, пожалуйста, \
         встречу с менеджером {manager} от ⭐1 до ⭐5.",
        "⭐ After a win · English (default):\nHow did we do? Please rate your purchase with \
         {manager}, ⭐1 to ⭐5.",
    ] {
        assert!(texts.text.contains(line), "{}", texts.text);
    }

    // Too long, then empty: refused, and nothing stored.
    owner.press(&texts, "After an appointment · Русский");
    owner
        .expect_reply("Send the new question of ⭐ After an appointment · Русский")
        .await;
    owner.send(&"я".repeat(301));
    owner.expect_reply("at most 300 characters").await;
    assert_eq!(world.db.text(RU_APPOINTMENT_TEXT).await, "-");
    owner.send("   ");
    owner.expect_reply(&tr("en", "error-text-empty")).await;
    assert_eq!(world.db.text(RU_APPOINTMENT_TEXT).await, "-");
    owner.send("Как вам встреча с {manager}? Оцените от ⭐1 до ⭐5.");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    let texts = owner
        .expect_reply(
            "⭐ After an appointment · Русский:\nКак вам встреча с {manager}? Оцените от ⭐1 до ⭐5.",
        )
        .await;
    owner.press(&texts, "After an appointment · English");
    owner.next_reply().await;
    owner.send("Rate your visit, please!");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner
        .expect_reply("⭐ After an appointment · English:\nRate your visit, please!")
        .await;

    // Each client gets the question in their language.
    owner.send("/meet Petrov in 10 minutes");
    owner.expect_reply("📅 Appointment with Ivan Petrov").await;
    owner.send("/meet Smith in 10 minutes");
    owner.expect_reply("📅 Appointment with John Smith").await;
    let survey = reply_past_others(&ivan, "Как вам встреча").await;
    assert_eq!(
        survey.text,
        "Как вам встреча с Olga? Оцените от ⭐1 до ⭐5."
    );
    let survey = reply_past_others(&john, "Rate your visit").await;
    assert_eq!(survey.text, "Rate your visit, please!");
    // With its stars, as always.
    survey.button("⭐5");

    // "-" brings the default back.
    owner.press(&texts, "After an appointment · Русский");
    owner.next_reply().await;
    owner.send("-");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner
        .expect_reply("⭐ After an appointment · Русский (default):")
        .await;
    assert_eq!(world.db.text(RU_APPOINTMENT_TEXT).await, "-");
}

#[tokio::test]
async fn surveys_already_planned_move_when_the_team_changes_their_time() {
    let world = World::start_with(&clock("2026-11-25T10:00:00+03:00", "1")).await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov +79991234567").await;
    owner.send("/meet Petrov tomorrow 15:00");
    owner.expect_reply("📅 Appointment with Ivan Petrov").await;
    win_deal(owner, "Petrov", "Chairs").await;
    let due = |kind: &'static str| {
        let db = &world.db;
        async move {
            db.text(match kind {
                "win" => "SELECT CAST(due_at AS TEXT) FROM jobs WHERE kind = 'survey_after_win'",
                _ => {
                    "SELECT CAST(due_at AS TEXT) FROM jobs \
                     WHERE kind = 'survey_after_appointment'"
                }
            })
            .await
        }
    };
    // 26.11.2026: 17:00 Moscow time (two hours after the appointment), and 12:00.
    assert_eq!(due("appointment").await, "1795701600");
    assert_eq!(due("win").await, "1795683600");

    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Schedules");
    let schedules = owner.expect_reply("📣 Schedules").await;
    owner.press(&schedules, "Hours after an appointment");
    owner
        .expect_reply(&tr("en", "schedules-survey-delay-ask"))
        .await;
    owner.send("5");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    let schedules = owner.expect_reply("5 h after an appointment").await;
    // 20:00, five hours after the appointment; the win's survey stays.
    assert_eq!(due("appointment").await, "1795712400");
    assert_eq!(due("win").await, "1795683600");

    owner.press(&schedules, "Hour after a win");
    owner
        .expect_reply(&tr("en", "schedules-survey-hour-ask"))
        .await;
    owner.send("15");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("the day after a win at 15:00").await;
    // 15:00 the day after the win, in the client's zone (the team's here).
    assert_eq!(due("win").await, "1795694400");
    assert_eq!(due("appointment").await, "1795712400");
}

#[tokio::test]
async fn the_feedback_report_counts_answers_averages_and_shares_by_manager_and_period() {
    let world = World::start_with(&[("CHATCRM_CLOCK_START", "2026-11-25T12:00:00+03:00")]).await;
    let owner = &world.owner;
    let max = world.join(202, "Max", "en", "manager").await;
    world.add_contact(owner, "Ivan Petrov").await;
    // Olga (100): 5, 5, 4, 2 this month and a 1 in October; Max (202): 4, 5, 1 this month.
    // Each answer is of its own survey (the subject), all about Ivan Petrov.
    let answers = [
        (100, 5, 1_795_590_000),
        (100, 5, 1_795_590_001),
        (100, 4, 1_795_590_002),
        (100, 2, 1_795_590_003),
        (100, 1, 1_793_000_000),
        (202, 4, 1_795_590_004),
        (202, 5, 1_795_590_005),
        (202, 1, 1_795_590_006),
    ];
    for (subject, (manager, rating, at)) in answers.into_iter().enumerate() {
        world
            .db
            .execute(&format!(
                "INSERT INTO feedback (team_id, contact_id, manager_id, survey, subject_id, \
                 client_chat_id, rating, comment_open, answered_at) \
                 SELECT team_id, id, {manager}, 'appointment', {subject}, 500, {rating}, 0, {at} \
                 FROM contacts"
            ))
            .await;
    }
    owner.send("/report");
    let menu = owner.expect_reply(&tr("en", "report-title")).await;
    owner.press(&menu, "Feedback");
    let report = owner
        .expect_reply("⭐ Feedback · This month, 01.11.2026–30.11.2026 · team")
        .await;
    // 7 answers summing to 26: ⭐3.7; three 5s (43 %), two of 1–3 (29 %). Olga: 16 / 4 = ⭐4.0,
    // 2 of 4 5s, 1 of 4 low. Max: 10 / 3 = ⭐3.3, one 5 and one low of 3.
    let lines: Vec<&str> = report.text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "Answers 7 · average ⭐3.7 · 5s 43 % · 1–3 29 %",
            "👤 Max: answers 3 · average ⭐3.3 · 5s 33 % · 1–3 33 %",
            "👤 Olga: answers 4 · average ⭐4.0 · 5s 50 % · 1–3 25 %",
        ]
    );
    assert!(report.file.is_some(), "a chart of the averages");
    // All time takes October's 1 in: Olga 17 / 5 = ⭐3.4, 2 of 5 low.
    owner.press(&report, "All time");
    let all = owner.expect_reply("⭐ Feedback · All time").await;
    assert!(
        all.text
            .contains("👤 Olga: answers 5 · average ⭐3.4 · 5s 40 % · 1–3 40 %"),
        "{}",
        all.text
    );
    owner.press(&all, "Last month");
    owner.expect_reply("Olga: answers 1 · average ⭐1.0").await;

    // A manager sees their own.
    max.send("/report");
    let menu = max.expect_reply(&tr("en", "report-title")).await;
    max.press(&menu, "Feedback");
    let mine = max.expect_reply("⭐ Feedback · This month").await;
    assert!(
        mine.text.contains("Answers 3 · average ⭐3.3"),
        "{}",
        mine.text
    );
    assert!(!mine.text.contains("Olga"), "{}", mine.text);
}
