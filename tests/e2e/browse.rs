//! `/contacts`: browsing the base page by page, by last activity or by name, narrowed by
//! status, type and tag; and a segment's members.

use crate::support::*;

/// `count` contacts of the owner, "Person 1" … "Person {count}", the higher the number the more
/// recent the last activity; every third one tagged #vip.
async fn people(db: &TestDb, count: u32) {
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         INSERT INTO contacts (team_id, owner_id, name, name_key, sorted_key, created_by, \
         created_at, last_interaction_at) \
         SELECT 1, 100, 'Person ' || CAST(i AS TEXT), 'person ' || CAST(i AS TEXT), \
         'person ' || CAST(i AS TEXT), 100, 1764000000, 1764000000 + i FROM n"
    ))
    .await;
    db.execute(
        "INSERT INTO contact_tags (contact_id, tag) \
         SELECT id, 'vip' FROM contacts WHERE id % 3 = 0",
    )
    .await;
}

/// The labels of the buttons that open a card.
fn names(message: &BotMessage) -> Vec<&str> {
    (message.buttons.iter())
        .filter(|(_, data)| data.starts_with("o:"))
        .map(|(label, _)| label.as_str())
        .collect()
}

#[tokio::test]
async fn twenty_five_contacts_page_through_three_pages_most_recent_first() {
    let world = World::start().await;
    world.bot.wait_for_log("serving updates").await;
    people(&world.db, 25).await;
    let owner = &world.owner;

    owner.send("/contacts");
    let first = owner
        .expect_reply("👥 Contacts: 25, by last activity (page 1 of 3)")
        .await;
    assert_eq!(names(&first)[..3], ["Person 25", "Person 24", "Person 23"]);
    assert_eq!(names(&first).len(), 10);
    owner.press(&first, "▶");
    let second = owner.expect_reply("(page 2 of 3)").await;
    assert_eq!(names(&second)[0], "Person 15");
    owner.press(&second, "▶");
    let third = owner.expect_reply("(page 3 of 3)").await;
    assert_eq!(
        names(&third),
        ["Person 5", "Person 4", "Person 3", "Person 2", "Person 1"]
    );
    assert!(
        third.buttons.iter().all(|(label, _)| label != "▶"),
        "{third:?}"
    );

    owner.press(&third, "By name");
    let by_name = owner
        .expect_reply("👥 Contacts: 25, by name (page 1 of 3)")
        .await;
    assert_eq!(names(&by_name)[..3], ["Person 1", "Person 10", "Person 11"]);
    owner.press(&by_name, "Person 10");
    owner.expect_reply("👤 Person 10").await;

    let help = {
        owner.send("/help");
        owner.expect_reply("/contacts").await
    };
    assert!(
        help.text.contains(&tr("en", "command-contacts")),
        "{}",
        help.text
    );
}

#[tokio::test]
async fn a_manager_browses_only_their_own_contacts() {
    let world = World::start().await;
    let anna = world.join(5101, "Anna", "en", "manager").await;
    let boris = world.join(5102, "Boris", "en", "manager").await;
    world.add_contact(&anna, "Irina Volkova").await;
    world.add_contact(&anna, "Oleg Smirnov").await;
    world.add_contact(&boris, "Pavel Orlov").await;

    anna.send("/contacts");
    let list = anna.expect_reply("👥 Contacts: 2").await;
    let mut shown = names(&list);
    shown.sort();
    assert_eq!(shown, ["Irina Volkova", "Oleg Smirnov"]);
    world.owner.send("/contacts");
    let all = world.owner.expect_reply("👥 Contacts: 3").await;
    assert!(names(&all).contains(&"Pavel Orlov"), "{all:?}");
}

#[tokio::test]
async fn filters_by_tag_and_status_narrow_the_list_in_russian() {
    let world = World::start().await;
    let lena = world.join(5201, "Лена", "ru", "lead").await;
    people(&world.db, 9).await;
    // Persons 6 and 7 became clients; of the tagged (3, 6, 9), only 6 is a client.
    world
        .db
        .execute(
            "UPDATE contacts SET converted_at = 1764000000 WHERE name IN ('Person 6', 'Person 7')",
        )
        .await;

    lena.send("/contacts");
    let list = lena.expect_reply("👥 Контакты: 9").await;
    lena.press(&list, "Фильтр");
    let filters = lena.expect_reply(&tr("ru", "contacts-filter-title")).await;
    lena.press(&filters, "#vip");
    let tagged = lena.expect_reply("👥 Контакты: 3").await;
    assert!(tagged.text.contains("Фильтр: #vip"), "{}", tagged.text);
    assert_eq!(names(&tagged), ["Person 9", "Person 6", "Person 3"]);

    lena.press(&tagged, "Фильтр");
    let filters = lena.expect_reply(&tr("ru", "contacts-filter-title")).await;
    assert!(
        filters.buttons.iter().any(|(label, _)| label == "✓ #vip"),
        "{filters:?}"
    );
    lena.press(&filters, "клиенты");
    let clients = lena.expect_reply("👥 Контакты: 1").await;
    assert!(
        clients.text.contains("Фильтр: клиенты · #vip"),
        "{}",
        clients.text
    );
    assert_eq!(names(&clients), ["Person 6"]);

    lena.press(&clients, "Фильтр");
    let filters = lena.expect_reply(&tr("ru", "contacts-filter-title")).await;
    lena.press(&filters, "Все контакты");
    lena.expect_reply("👥 Контакты: 9").await;
}

#[tokio::test]
async fn a_segments_members_are_listed_page_by_page() {
    let world = World::start().await;
    world.bot.wait_for_log("serving updates").await;
    people(&world.db, 36).await;
    let owner = &world.owner;
    owner.send("/segments");
    let list = owner.expect_reply(&tr("en", "segments-none")).await;
    owner.press(&list, "New segment");
    owner.expect_reply("Send the filters").await;
    owner.send("#vip");
    owner.expect_reply("12 contacts").await;
    owner.send("VIPs");
    let card = owner.expect_reply("🎯 VIPs").await;

    owner.press(&card, "Members");
    let first = owner
        .expect_reply("🎯 VIPs: 12 contacts (page 1 of 2)")
        .await;
    assert_eq!(names(&first).len(), 10);
    owner.press(&first, "▶");
    let second = owner.expect_reply("(page 2 of 2)").await;
    assert_eq!(names(&second).len(), 2);
    let opened = names(&second)[0].to_owned();
    owner.press(&second, &opened);
    owner.expect_reply(&format!("👤 {opened}")).await;
}
