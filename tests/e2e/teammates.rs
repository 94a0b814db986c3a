//! A teammate's work for the owner and leads: a manager's `/tasks`, `/today` and `/deals` from
//! `/team`, paged, each row opening its card; the team's open deals by manager from `/deals`;
//! and none of it for a manager, whatever data they forge.

use crate::support::*;

/// Wednesday 25.11.2026, 09:00 in Moscow, on a clock that runs as usual.
const CLOCK: &[(&str, &str)] = &[("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00")];

const LENA: i64 = 1501;
const ANNA: i64 = 1502;
const BORIS: i64 = 1503;

fn labels(message: &BotMessage) -> Vec<&str> {
    message.buttons.iter().map(|(l, _)| l.as_str()).collect()
}

/// Opens `name`'s menu in `/team` as `lead`.
async fn member_menu(lead: &TgUser, name: &str, menu_part: &str) -> BotMessage {
    lead.send("/team");
    let team = lead.expect_reply("Team:").await;
    lead.press(&team, name);
    lead.expect_reply(menu_part).await
}

#[tokio::test]
async fn a_lead_opens_a_managers_tasks_today_and_deals_from_the_team() {
    let world = World::start_with(CLOCK).await;
    let lena = world.join(LENA, "Lena", "en", "lead").await;
    let anna = world.join(ANNA, "Anna", "en", "manager").await;
    // Twelve tasks due today and one tomorrow: both lists take two pages.
    for n in 1..=12 {
        anna.send(&format!("/remind in 2 hours task {n:02}"));
        anna.expect_reply(&format!("task {n:02}")).await;
    }
    anna.send("/remind tomorrow 10:00 task later");
    anna.expect_reply("task later").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    anna.send("/deal Petrov Chairs 1000");
    anna.expect_reply("💼 Chairs").await;
    anna.expect_reply("What is the next step").await;

    let menu = member_menu(&lena, "Anna", "Anna — manager").await;
    assert_eq!(labels(&menu)[..3], ["💼 Deals", "📋 Tasks", "📅 Today"]);

    // Her open tasks, ten a page, with no ✅ (it would show the lead's own list again).
    lena.press(&menu, "Tasks");
    let tasks = lena.expect_reply("Anna's open tasks: 13").await;
    assert!(
        tasks.text.contains("25.11.2026 11:00 — task 01"),
        "{}",
        tasks.text
    );
    assert!(!tasks.text.contains("task 11"), "{}", tasks.text);
    assert!(!labels(&tasks).contains(&"✅"), "{:?}", labels(&tasks));
    lena.press(&tasks, "▶");
    let second = lena.expect_reply("Anna's open tasks: 13").await;
    assert!(
        second.text.contains("task 11") && second.text.contains("task later"),
        "{}",
        second.text
    );
    assert!(!second.text.contains("task 01"), "{}", second.text);
    // A row opens the task's card, as in one's own list.
    lena.press(&second, "task 12");
    lena.expect_reply("📌 task 12").await;
    lena.press(&second, "Back");
    let menu = lena.expect_reply("Anna — manager").await;

    // Today: the twelve due today, not tomorrow's.
    lena.press(&menu, "Today");
    let today = lena.expect_reply("Anna's tasks due today: 12").await;
    assert!(labels(&today).contains(&"▶"), "{:?}", labels(&today));
    lena.press(&today, "▶");
    let last = lena.expect_reply("Anna's tasks due today: 12").await;
    assert!(
        last.text.contains("task 12") && !last.text.contains("task later"),
        "{}",
        last.text
    );

    // Her deals by stage, each opening its card.
    lena.press(&last, "Back");
    let menu = lena.expect_reply("Anna — manager").await;
    lena.press(&menu, "Deals");
    let deals = lena.expect_reply("Anna's open deals:").await;
    assert!(deals.text.contains("New — 1 · 1 000 ₽"), "{}", deals.text);
    lena.press(&deals, "Chairs");
    let card = lena.expect_reply("💼 Chairs").await;
    assert!(card.text.contains("Anna"), "{}", card.text);

    // The lead's own lists are still her own.
    lena.send("/tasks");
    lena.expect_reply(&tr("en", "tasks-none")).await;
    lena.send("/today");
    lena.expect_reply(&tr("en", "today-none")).await;
}

#[tokio::test]
async fn a_lead_reads_a_managers_day_in_russian() {
    let world = World::start_with(CLOCK).await;
    let lena = world.join(LENA, "Лена", "ru", "lead").await;
    let boris = world.join(BORIS, "Борис", "ru", "manager").await;
    boris.send("/remind через 2 часа позвонить Ивану");
    boris.expect_reply("позвонить Ивану").await;

    lena.send("/team");
    let team = lena.expect_reply("Команда:").await;
    lena.press(&team, "Борис");
    let menu = lena.expect_reply("Борис — менеджер").await;
    lena.press(&menu, "Сегодня");
    let today = lena
        .expect_reply("Задачи сотрудника Борис на сегодня: 1, сначала просроченные")
        .await;
    assert!(
        today.text.contains("25.11.2026 11:00 — позвонить Ивану"),
        "{}",
        today.text
    );
    lena.press(&today, "Назад");
    let menu = lena.expect_reply("Борис — менеджер").await;
    lena.press(&menu, "Сделки");
    lena.expect_reply("У сотрудника Борис нет открытых сделок.")
        .await;
}

#[tokio::test]
async fn a_manager_may_not_see_a_teammates_lists_by_forged_data() {
    let world = World::start_with(CLOCK).await;
    let lena = world.join(LENA, "Lena", "en", "lead").await;
    let anna = world.join(ANNA, "Anna", "en", "manager").await;
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    anna.send("/remind in 2 hours call the secret client");
    anna.expect_reply("call the secret client").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    anna.send("/deal Petrov Secret contract 1000");
    anna.expect_reply("💼 Secret contract").await;

    let leads_only = tr("en", "gate-leads-only");
    for data in [
        format!("tmk:{ANNA}:n:0"),
        format!("tmk:{ANNA}:y:0"),
        format!("tmd:{ANNA}:0"),
        "dbm".to_owned(),
    ] {
        let press = boris.press_data(1, &data);
        assert_eq!(boris.expect_answer(&press).await, Some(leads_only.clone()));
    }
    boris.send("/deals");
    let own = boris.expect_reply(&tr("en", "deals-none")).await;
    assert!(own.buttons.is_empty(), "{:?}", labels(&own));

    // A lead too, only for a current member of the team other than herself.
    world
        .db
        .execute(&format!(
            "UPDATE members SET removed_at = 1 WHERE user_id = {BORIS}"
        ))
        .await;
    let not_found = tr("en", "member-not-found");
    for data in [
        format!("tmk:{BORIS}:n:0"),
        format!("tmd:{BORIS}:0"),
        format!("tmk:{LENA}:y:0"),
        "tmd:424242:0".to_owned(),
    ] {
        let press = lena.press_data(1, &data);
        assert_eq!(lena.expect_answer(&press).await, Some(not_found.clone()));
    }
    let outgoing = world.telegram.calls("sendMessage");
    let edits = world.telegram.calls("editMessageText");
    for call in outgoing.iter().chain(&edits) {
        let to = call.body["chat_id"].as_i64();
        if to == Some(BORIS) || to == Some(LENA) {
            let text = call.body.to_string();
            assert!(!text.contains("secret client"), "{text}");
            assert!(!text.contains("Secret contract"), "{text}");
        }
    }
}

#[tokio::test]
async fn the_pipeline_by_manager_counts_and_sums_each_managers_open_deals() {
    let world = World::start_with(CLOCK).await;
    let owner = &world.owner;
    let anna = world.join(ANNA, "Anna", "en", "manager").await;
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    world.add_contact(&boris, "Maria Sidorova").await;
    let deals = [
        (&anna, "/deal Petrov Chairs 1000"),
        (&anna, "/deal Petrov Tables 2 500 USD"),
        (&anna, "/deal Petrov Sofa 3000"),
        (&anna, "/deal Petrov Old order 7000"),
        (&boris, "/deal Sidorova Desks 5000"),
    ];
    let mut sofa = None;
    for (user, text) in deals {
        user.send(text);
        let card = user.expect_reply("💼").await;
        user.expect_reply("What is the next step").await;
        if text.contains("Sofa") {
            sofa = Some(card);
        }
    }
    // Sofa goes on to Qualified (25 %); the old order is closed and counts no more.
    let sofa = sofa.unwrap();
    anna.press(&sofa, "➡️ Qualified");
    anna.expect_reply("Stage: Qualified").await;
    anna.expect_reply("What is the next step").await;
    world
        .db
        .execute("UPDATE deals SET closed_at = 1 WHERE title = 'Old order'")
        .await;

    owner.send("/deals");
    let own = owner.expect_reply(&tr("en", "deals-none")).await;
    owner.press(&own, "By manager");
    let pipeline = owner.expect_reply("Open deals by manager:").await;
    let lines: Vec<&str> = pipeline.text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "Olga — 0 deals",
            "Anna — 3 deals · 4 000 ₽ (weighted 850 ₽) + 2 500 $ (weighted 250 $)",
            "Boris — 1 deal · 5 000 ₽ (weighted 500 ₽)",
        ],
        "{}",
        pipeline.text
    );
    assert_eq!(labels(&pipeline), ["Anna", "Boris", "← Back"]);
    owner.press(&pipeline, "Boris");
    let desks = owner.expect_reply("Boris's open deals:").await;
    assert!(desks.text.contains("New — 1 · 5 000 ₽"), "{}", desks.text);
    assert!(labels(&desks).iter().any(|l| l.contains("Desks")));

    // A manager's /deals offers no such view.
    anna.send("/deals");
    let hers = anna.expect_reply("Your open deals:").await;
    assert!(
        !labels(&hers).iter().any(|l| l.contains("By manager")),
        "{:?}",
        labels(&hers)
    );
}
