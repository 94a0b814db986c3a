//! A task's card from `/tasks`: its text edited, its time moved with the reminder planned
//! again (never twice), given by a lead to a manager who is told of it, and nobody else's
//! task touched by a manager.

use crate::support::*;

/// Wednesday 25.11.2026, 09:00 in Moscow, on a clock that runs as usual.
const CLOCK: &[(&str, &str)] = &[("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00")];

/// 26.11.2026 10:00 and 27.11.2026 15:00 in Moscow.
const THURSDAY_10: i64 = 1_795_676_400;
const FRIDAY_15: i64 = 1_795_780_800;

#[tokio::test]
async fn a_task_is_edited_and_moved_from_the_list_in_russian() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let _bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], CLOCK).await;
    let owner = telegram.user(OWNER_ID, "Olga", "ru");
    owner.send("/remind завтра в 10:00 позвонить Ивану");
    owner
        .expect_reply("⏰ Напомню 26.11.2026 10:00: позвонить Ивану")
        .await;

    // The row opens the card; ✏️ takes the new text.
    owner.send("/tasks");
    let list = owner.expect_reply("позвонить Ивану").await;
    owner.press(&list, "позвонить Ивану");
    let card = owner.expect_reply("📌 позвонить Ивану").await;
    assert!(card.text.contains("⏰ 26.11.2026 10:00"), "{}", card.text);
    owner.press(&card, "Изменить текст");
    owner.expect_reply("Пришлите новый текст").await;
    owner.send("позвонить Ивану про скидку");
    owner.expect_reply(&tr("ru", "edit-saved")).await;
    owner.expect_reply("📌 позвонить Ивану про скидку").await;

    // 🕓 on the row, then the time typed: two steps. A past time changes nothing.
    owner.send("/tasks");
    let list = owner.expect_reply("позвонить Ивану про скидку").await;
    owner.press(&list, "🕓");
    owner.expect_reply("На когда перенести").await;
    owner.send("вчера 10:00");
    owner.expect_reply(&tr("ru", "error-when-past")).await;
    owner.send("пт 15:00");
    owner
        .expect_reply("🕓 Напомню 27.11.2026 15:00: позвонить Ивану про скидку")
        .await;
    let pending = "SELECT COUNT(*) FROM jobs WHERE kind = 'reminder' AND status = 'pending'";
    assert_eq!(db.count(pending).await, 1);
    assert_eq!(
        db.count("SELECT due_at FROM jobs WHERE kind = 'reminder' AND status = 'pending'")
            .await,
        FRIDAY_15
    );

    // Moved back to where it was, from the card: still one reminder, not two.
    owner.press(&card, "Перенести");
    owner.expect_reply("На когда перенести").await;
    owner.send("завтра 10:00");
    owner.expect_reply("🕓 Напомню 26.11.2026 10:00").await;
    assert_eq!(db.count(pending).await, 1);
    assert_eq!(
        db.count("SELECT due_at FROM jobs WHERE kind = 'reminder' AND status = 'pending'")
            .await,
        THURSDAY_10
    );
    assert_eq!(
        db.count("SELECT COUNT(*) FROM jobs WHERE status = 'cancelled'")
            .await,
        2
    );
}

#[tokio::test]
async fn a_lead_gives_a_task_to_a_manager_and_other_managers_may_not_touch_it() {
    let world = World::start_with(CLOCK).await;
    let lena = world.join(2601, "Lena", "en", "lead").await;
    let anna = world.join(2602, "Anna", "en", "manager").await;
    let boris = world.join(2603, "Boris", "en", "manager").await;
    lena.send("/remind tomorrow 10:00 call Ivan");
    lena.expect_reply("⏰ I will remind you").await;
    lena.send("/tasks");
    let list = lena.expect_reply("call Ivan").await;
    lena.press(&list, "call Ivan");
    let card = lena.expect_reply("📌 call Ivan").await;
    assert!(card.text.contains("Responsible: Lena"), "{}", card.text);
    lena.press(&card, "Assign");
    let pick = lena.expect_reply("Whom should “call Ivan” go to?").await;
    lena.press(&pick, "Anna");
    lena.expect_reply("“call Ivan” is Anna's task now").await;

    // Anna is told, opens it from the message, and it is hers, with her reminder.
    let told = anna
        .expect_reply("📌 Lena gave you a task: call Ivan — 26.11.2026 10:00")
        .await;
    anna.press(&told, "Open the task");
    let card = anna.expect_reply("📌 call Ivan").await;
    assert!(card.text.contains("Responsible: Anna"), "{}", card.text);
    assert!(
        !card
            .buttons
            .iter()
            .any(|(label, _)| label.contains("Assign")),
        "a manager does not assign: {card:?}"
    );
    assert_eq!(
        world
            .db
            .count("SELECT chat_id FROM jobs WHERE kind = 'reminder' AND status = 'pending'")
            .await,
        2602
    );
    lena.send("/tasks");
    lena.expect_reply(&tr("en", "tasks-none")).await;

    // Boris may not open, edit, move, close or give away Anna's task.
    let id = card.button("Move").trim_start_matches("tmv:").to_owned();
    for (data, key) in [
        (format!("tko:{id}"), "task-not-yours"),
        (format!("tke:{id}"), "task-not-yours"),
        (format!("tmv:{id}"), "task-not-yours"),
        (format!("td:{id}"), "task-not-yours"),
        (format!("tas:{id}"), "gate-leads-only"),
        (format!("tat:{id}:2603"), "gate-leads-only"),
    ] {
        let press = boris.press_data(card.message_id, &data);
        assert_eq!(
            boris.expect_answer(&press).await,
            Some(tr("en", key)),
            "{data}"
        );
    }
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM tasks WHERE owner_id = 2602 AND done_at IS NULL")
            .await,
        1
    );
    anna.press(&card, "Done");
    anna.expect_reply("✅ Done: call Ivan").await;
    anna.send("/tasks");
    anna.expect_reply(&tr("en", "tasks-none")).await;
}
