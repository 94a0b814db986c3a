//! `/team`: roles, hand-over of a leaving manager's clients, removal; and the archive.

use crate::support::*;
use std::time::Duration;

#[tokio::test]
async fn a_lead_removes_a_leaving_manager_and_hands_their_clients_over() {
    let world = World::start().await;
    let lena = world.join(1101, "Lena", "en", "lead").await;
    let anna = world.join(1102, "Anna", "en", "manager").await;
    let boris = world.join(1103, "Boris", "en", "manager").await;
    let card = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    world.add_contact(&anna, "Maria Sidorova").await;
    anna.send("/deal Petrov Chairs 1000");
    anna.expect_reply("💼 Chairs").await;
    anna.expect_reply("What is the next step").await;
    anna.press(&card, "Log call");
    let outcomes = anna.next_reply().await;
    anna.press(&outcomes, "Reached");
    anna.expect_reply("Call logged").await;

    lena.send("/team");
    let team = lena.expect_reply("Team:").await;
    assert!(
        team.text.contains("• Anna — manager · 2 contacts"),
        "{}",
        team.text
    );
    assert!(
        team.text.contains("👑 Olga — owner · 0 contacts"),
        "{}",
        team.text
    );
    lena.press(&team, "Anna");
    let menu = lena.expect_reply("Anna — manager").await;
    let labels: Vec<&str> = menu.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "💼 Deals",
            "📋 Tasks",
            "📅 Today",
            "🔁 Hand over 2 contacts",
            "🚫 Remove from the team",
            "← Back"
        ],
        "a lead does not change roles"
    );

    // Anna leaves: access goes at once, her contacts stay.
    lena.press(&menu, "Remove");
    let confirm = lena.expect_reply("Remove Anna from the team?").await;
    let press = lena.press(&confirm, "Yes, remove");
    assert_eq!(
        lena.expect_answer(&press).await.as_deref(),
        Some("Anna was removed from the team.")
    );
    let team = lena.expect_reply("Team:").await;
    assert!(
        team.text.contains("Anna (removed) — manager · 2 contacts"),
        "{}",
        team.text
    );
    anna.send("/find petrov");
    anna.expect_reply(&tr("en", "not-member")).await;
    let press = anna.press(&card, "History");
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "not-member"))
    );

    // One step hands everything over to Boris.
    lena.press(&team, "Anna (removed)");
    let menu = lena.expect_reply("Anna (removed)").await;
    lena.press(&menu, "Hand over");
    let pick = lena.expect_reply("Who takes over Anna's 2 contacts?").await;
    assert!(!pick.buttons.iter().any(|(label, _)| label.contains("Anna")));
    lena.press(&pick, "Boris");
    lena.expect_reply("2 contacts handed over from Anna to Boris.")
        .await;

    boris.send("/find petrov");
    let found = boris.expect_reply("Found 1 contact").await;
    boris.press(&found, "Ivan Petrov");
    let card = boris.expect_reply("Responsible: Boris").await;
    boris.press(&card, "History");
    let history = boris.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("Lena · handed over: Anna → Boris"),
        "{}",
        history.text
    );
    assert!(
        history.text.contains("Anna · call — Reached"),
        "{}",
        history.text
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 1103")
            .await,
        2
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM deals WHERE owner_id = 1103")
            .await,
        1,
        "open deals go with the contacts"
    );

    // A removed member can be invited back.
    let anna_again = world.join(1102, "Anna", "en", "manager").await;
    anna_again.send("/help");
    anna_again.expect_reply("Your role: manager").await;
}

#[tokio::test]
async fn the_owner_changes_roles() {
    let world = World::start().await;
    let lena = world.join(1201, "Lena", "en", "lead").await;
    world.owner.send("/team");
    let team = world.owner.expect_reply("Team:").await;
    world.owner.press(&team, "Lena");
    let menu = world.owner.expect_reply("Lena — team lead").await;
    let press = world.owner.press(&menu, "Make manager");
    assert_eq!(
        world.owner.expect_answer(&press).await.as_deref(),
        Some("Lena is now manager.")
    );
    world.owner.expect_reply("Lena — manager").await;
    lena.send("/team");
    lena.expect_reply(&tr("en", "gate-leads-only")).await;
    lena.send("/invite");
    lena.expect_reply(&tr("en", "gate-leads-only")).await;
}

/// The commands a `setMyCommands` call lists, if it is for `chat`'s own menu (`None`: the
/// menu of every chat).
fn menu_for(call: &Call, chat: Option<i64>) -> Option<Vec<String>> {
    let scope = &call.body["scope"];
    let scoped_to = (scope["type"] == "chat")
        .then(|| scope["chat_id"].as_i64())
        .flatten();
    (scoped_to == chat).then(|| {
        serde_json::from_value::<Vec<serde_json::Value>>(call.body["commands"].clone())
            .unwrap_or_default()
            .iter()
            .filter_map(|command| command["command"].as_str().map(str::to_owned))
            .collect()
    })
}

/// Waits for the last menu the bot set for `chat` to satisfy `wanted`.
async fn wait_for_menu(
    telegram: &FakeTelegram,
    chat: Option<i64>,
    wanted: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let last = telegram
            .calls("setMyCommands")
            .iter()
            .rev()
            .find_map(|call| menu_for(call, chat));
        if let Some(menu) = last.filter(|menu| wanted(menu)) {
            return menu;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no menu as wanted for {chat:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn each_members_command_menu_lists_what_their_role_may_use() {
    let world = World::start().await;
    let has = |name: &str, menu: &[String]| menu.iter().any(|command| command == name);
    // Every chat's menu: what any member may use, nothing of the leads'.
    let common = wait_for_menu(&world.telegram, None, |_| true).await;
    assert!(has("add", &common) && has("tasks", &common), "{common:?}");
    assert!(
        !has("team", &common) && !has("invite", &common),
        "{common:?}"
    );
    // The owner's chat, set when the bot starts.
    let owner = wait_for_menu(&world.telegram, Some(OWNER_ID), |_| true).await;
    assert!(has("team", &owner) && has("invite", &owner), "{owner:?}");

    let lena = world.join(1301, "Lena", "en", "manager").await;
    let manager = wait_for_menu(&world.telegram, Some(1301), |_| true).await;
    assert!(
        has("add", &manager) && !has("team", &manager),
        "{manager:?}"
    );

    world.owner.send("/team");
    let team = world.owner.expect_reply("Team:").await;
    world.owner.press(&team, "Lena");
    let menu = world.owner.expect_reply("Lena — manager").await;
    world.owner.press(&menu, "⭐ Make team lead");
    world.owner.expect_reply("Lena — team lead").await;
    wait_for_menu(&world.telegram, Some(1301), |menu| has("team", menu)).await;
    lena.send("/team");
    lena.expect_reply("Team:").await;

    // A member who leaves gets the common menu back.
    world.owner.send("/team");
    let team = world.owner.expect_reply("Team:").await;
    world.owner.press(&team, "Lena");
    let menu = world.owner.expect_reply("Lena — team lead").await;
    world.owner.press(&menu, "Remove");
    let confirm = world.owner.expect_reply("Lena").await;
    world.owner.press(&confirm, "Yes, remove");
    let deleted = world.telegram.wait_for_calls("deleteMyCommands", 1).await;
    assert_eq!(deleted[0].body["scope"]["chat_id"], 1301);
}

#[tokio::test]
async fn team_buttons_are_checked_again_on_every_press() {
    let world = World::start().await;
    let lena = world.join(1301, "Lena", "en", "lead").await;
    let anna = world.join(1302, "Anna", "en", "manager").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    let not_allowed = tr("en", "team-not-allowed");
    let leads_only = tr("en", "gate-leads-only");

    anna.send("/team");
    anna.expect_reply(&leads_only).await;
    for (who, data, expected) in [
        (&anna, "t".to_owned(), leads_only.clone()),
        (&anna, "tt:1302:1301".to_owned(), leads_only.clone()),
        // Only the owner changes roles, and nobody makes owners.
        (
            &lena,
            "tr:1302:lead".to_owned(),
            tr("en", "gate-owner-only"),
        ),
        (
            &lena,
            format!("tr:{OWNER_ID}:manager"),
            tr("en", "gate-owner-only"),
        ),
        // A lead removes managers only.
        (&lena, format!("ty:{OWNER_ID}"), not_allowed.clone()),
        // Hand-over only to a current member, not to a stranger or the same person.
        (
            &lena,
            "tt:1302:999".to_owned(),
            tr("en", "hand-over-bad-receiver"),
        ),
        (
            &lena,
            "tt:1302:1302".to_owned(),
            tr("en", "hand-over-bad-receiver"),
        ),
        // Oneself and strangers are not in the list.
        (&lena, "ty:1301".to_owned(), tr("en", "member-not-found")),
        (&lena, "tm:424242".to_owned(), tr("en", "member-not-found")),
    ] {
        let press = who.press_data(1, &data);
        assert_eq!(who.expect_answer(&press).await, Some(expected), "{data}");
    }
    lena.expect_no_reply(Duration::from_millis(300)).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM members WHERE removed_at IS NULL")
            .await,
        3
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM members WHERE role = 'lead'")
            .await,
        1
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 1302")
            .await,
        1
    );
}

#[tokio::test]
async fn a_deleted_contact_goes_to_the_archive_and_a_lead_restores_it() {
    let world = World::start().await;
    let anna = world.join(1401, "Anna", "en", "manager").await;
    let card = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    let contact = card.button("Log call").trim_start_matches("lc:").to_owned();

    anna.press(&card, "Delete");
    let confirm = anna.expect_reply("Delete Ivan Petrov?").await;
    anna.press(&confirm, "Yes, delete");
    anna.expect_reply("Ivan Petrov is in the archive now.")
        .await;
    anna.send("/find petrov");
    anna.expect_reply("Nothing found").await;
    let press = anna.press_data(card.message_id, &format!("lc:{contact}"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "contact-archived"))
    );
    let press = anna.press_data(card.message_id, &format!("r:{contact}"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "gate-leads-only"))
    );
    anna.send("/archive");
    anna.expect_reply(&tr("en", "gate-leads-only")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);

    world.owner.send("/archive");
    let archive = world.owner.expect_reply("Archived contacts: 1").await;
    world.owner.press(&archive, "Ivan Petrov");
    let archived = world.owner.expect_reply("🗄 In the archive").await;
    world.owner.press(&archived, "Restore");
    let restored = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        restored.edited && !restored.text.contains("🗄"),
        "{}",
        restored.text
    );
    world.owner.press(&restored, "History");
    let history = world.owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("Olga · restored from the archive"),
        "{}",
        history.text
    );
    assert!(
        history.text.contains("Anna · moved to the archive"),
        "{}",
        history.text
    );

    anna.send("/find petrov");
    anna.expect_reply("Found 1 contact").await;
}

#[tokio::test]
async fn long_result_lists_are_paginated() {
    let world = World::start().await;
    for n in 1..=12 {
        world
            .add_contact(&world.owner, &format!("Person Number{n:02}"))
            .await;
    }
    world.owner.send("/find person");
    let first = world.owner.expect_reply("Found 12 contacts").await;
    assert!(first.text.contains("Page 1 of 2"), "{}", first.text);
    assert_eq!(first.buttons.len(), 11, "ten results and ▶");
    world.owner.press(&first, "▶");
    let second = world.owner.expect_reply("Page 2 of 2").await;
    assert!(second.edited);
    let labels: Vec<&str> = second.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Person Number11", "Person Number12", "◀"]);
    // A forged page far past the end shows the last page.
    let press = world.owner.press_data(second.message_id, "f:9999:person");
    world.owner.expect_answer(&press).await;
    world.owner.expect_reply("Page 2 of 2").await;
}
