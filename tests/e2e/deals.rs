//! Deals and the funnel: open, move stage by stage, win, lose with a reason, the next-action
//! rule, the funnel's numbers, and access.

use crate::support::*;

async fn open_deal(user: &TgUser, text: &str) -> BotMessage {
    user.send(text);
    let card = user.expect_reply("💼").await;
    user.expect_reply("What is the next step").await;
    card
}

fn deal_id(card: &BotMessage) -> String {
    card.button("Stage").trim_start_matches("dst:").to_owned()
}

#[tokio::test]
async fn a_deal_goes_from_the_card_through_every_stage_to_won() {
    let world = World::start().await;
    let anna = world.join(2201, "Anna", "en", "manager").await;
    let contact = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    assert!(contact.text.contains("Status: lead"), "{}", contact.text);

    anna.press(&contact, "Deal");
    anna.expect_reply("New deal with Ivan Petrov").await;
    anna.send("100 chairs 150 000");
    let card = anna.expect_reply("💼 100 chairs").await;
    assert!(card.text.contains("💰 150 000 ₽"), "{}", card.text);
    assert!(card.text.contains("Stage: New (10 %)"), "{}", card.text);
    assert!(
        card.text.contains("⚠️ No next action planned"),
        "{}",
        card.text
    );
    anna.expect_reply("What is the next step for “100 chairs”")
        .await;
    anna.send("01.01.2020 10:00 call");
    anna.expect_reply(&tr("en", "error-when-past")).await;
    anna.send("tomorrow 10:00 send the proposal");
    anna.expect_reply("📅 Next:").await;

    let first_card = card.clone();
    let mut card = card;
    for (button, stage) in [
        ("➡️ Qualified", "Stage: Qualified (25 %)"),
        ("➡️ Proposal", "Stage: Proposal (50 %)"),
        ("➡️ Negotiation", "Stage: Negotiation (75 %)"),
    ] {
        anna.press(&card, button);
        let moved = anna.expect_reply(stage).await;
        assert!(moved.edited && moved.message_id == card.message_id);
        let ask = anna.expect_reply("What is the next step").await;
        anna.press(&ask, "Later");
        card = anna.expect_reply(stage).await;
    }
    anna.press(&card, "Won");
    let sure = anna.expect_reply("as won?").await;
    anna.press(&sure, "Yes, won");
    anna.expect_reply("🎉 Won").await;
    // A button from before the deal closed.
    let press = anna.press(&first_card, "➡️ Qualified");
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "deal-closed"))
    );

    anna.send("/find petrov");
    let found = anna.next_reply().await;
    anna.press(&found, "Ivan Petrov");
    let contact = anna.expect_reply("Status: client since").await;
    anna.press(&contact, "History");
    let history = anna.expect_reply("History of Ivan Petrov").await;
    for line in [
        "became a client: 100 chairs",
        "deal moved: 100 chairs: Negotiation → Won",
        "deal moved: 100 chairs: New → Qualified",
        "deal opened: 100 chairs",
    ] {
        assert!(history.text.contains(line), "{line}: {}", history.text);
    }
}

#[tokio::test]
async fn a_lost_deal_keeps_its_reason_and_bad_amounts_are_refused() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    owner.send("/deal Petrov Chairs -500");
    owner.expect_reply(&tr("en", "error-amount-invalid")).await;
    owner.send("/deal Petrov Chairs 100 GBP");
    owner
        .expect_reply(&tr("en", "error-currency-unknown"))
        .await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM deals").await, 0);

    let card = open_deal(owner, "/deal Petrov Chairs 2 500 USD").await;
    assert!(card.text.contains("💰 2 500 $"), "{}", card.text);
    owner.press(&card, "Lost");
    let reasons = owner.expect_reply("Why was “Chairs” lost?").await;
    owner.press(&reasons, "Chose a competitor");
    owner.expect_reply("❌ Lost: Chose a competitor").await;

    let card = open_deal(owner, "/deal Petrov Tables").await;
    owner.press(&card, "Lost");
    owner.expect_reply("Why was “Tables” lost?").await;
    owner.send("went bankrupt");
    owner.expect_reply("❌ Lost: went bankrupt").await;
    let contact_status = world
        .db
        .count("SELECT COUNT(*) FROM contacts WHERE converted_at IS NOT NULL")
        .await;
    assert_eq!(contact_status, 0, "losing does not make a client");
}

#[tokio::test]
async fn the_funnel_counts_a_prepared_set_of_deals_exactly() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    // Four deals: one stays new, one qualifies, one is won, one is lost after qualifying.
    let mut cards = Vec::new();
    for title in ["Alpha 1000", "Beta 2000", "Gamma 3000", "Delta 4000"] {
        cards.push(open_deal(owner, &format!("/deal Petrov {title}")).await);
    }
    for card in &cards[1..] {
        owner.press(card, "➡️ Qualified");
        owner.expect_reply("Stage: Qualified").await;
        owner.expect_reply("What is the next step").await;
    }
    owner.press(&cards[2], "Won");
    let sure = owner.expect_reply("as won?").await;
    owner.press(&sure, "Yes, won");
    owner.expect_reply("🎉 Won").await;
    owner.press(&cards[3], "Lost");
    let reasons = owner.expect_reply("Why was").await;
    owner.press(&reasons, "No budget");
    owner.expect_reply("❌ Lost: No budget").await;

    owner.send("/funnel");
    let funnel = owner
        .expect_reply("Funnel · This month · team · 4 deals")
        .await;
    let lines: Vec<&str> = funnel.text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "New: 4, now 1 · 1 000 ₽",
            "Qualified: 3 (75 %), now 1 · 2 000 ₽",
            "Proposal: 1 (33 %), now 0",
            "Negotiation: 1 (100 %), now 0",
            "Won: 1 (100 %) · 3 000 ₽",
            "Lost: 1 · 4 000 ₽",
        ],
        "{}",
        funnel.text
    );
    owner.press(&funnel, "Last month");
    owner
        .expect_reply("Funnel · Last month · team · 0 deals")
        .await;

    owner.send("/deals");
    let deals = owner.expect_reply("Your open deals:").await;
    assert!(deals.text.contains("New — 1 · 1 000 ₽"), "{}", deals.text);
    assert!(
        deals.text.contains("2 deals have no planned next action"),
        "{}",
        deals.text
    );
}

#[tokio::test]
async fn a_manager_cannot_touch_another_managers_deal() {
    let world = World::start().await;
    let anna = world.join(2301, "Anna", "en", "manager").await;
    let boris = world.join(2302, "Boris", "en", "manager").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    let card = open_deal(&anna, "/deal Petrov Chairs 1000").await;
    let id = deal_id(&card);
    for data in [
        format!("dc:{id}"),
        format!("dm:{id}:1"),
        format!("dlo:{id}"),
        format!("dlr:{id}:0"),
        format!("dn:{id}"),
    ] {
        let press = boris.press_data(card.message_id, &data);
        assert_eq!(
            boris.expect_answer(&press).await,
            Some(tr("en", "deal-not-yours")),
            "{data}"
        );
    }
    // A stage that does not exist (removed, or another team's).
    let press = anna.press_data(card.message_id, &format!("dm:{id}:999"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "deal-stage-gone"))
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'stage_changed'")
            .await,
        0
    );
}

#[tokio::test]
async fn the_owner_reshapes_the_funnel_and_deals_survive_it() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    let card = open_deal(owner, "/deal Petrov Chairs 1000").await;
    owner.press(&card, "➡️ Qualified");
    let card = owner.expect_reply("Stage: Qualified").await;
    owner.expect_reply("What is the next step").await;

    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Funnel stages");
    let stages = owner.expect_reply("Funnel stages").await;
    assert!(
        stages.text.contains("2. Qualified (25 %)"),
        "{}",
        stages.text
    );

    // Add a stage; it goes before Won.
    owner.press(&stages, "Add a stage");
    owner.expect_reply(&tr("en", "stage-ask-new")).await;
    owner.send("Demo 130%");
    owner
        .expect_reply(&tr("en", "error-probability-invalid"))
        .await;
    owner.send("Demo 80%");
    let stages = owner.expect_reply("5. Demo (80 %)").await;
    assert!(stages.text.contains("6. Won (100 %)"), "{}", stages.text);

    // Rename, reprice and move a stage.
    owner.press(&stages, "Qualified");
    let menu = owner.expect_reply("Qualified (25 %)").await;
    owner.press(&menu, "Rename");
    owner
        .expect_reply("Send the new name for “Qualified”")
        .await;
    owner.send("Discovery");
    let stages = owner.expect_reply("2. Discovery (25 %)").await;
    owner.press(&stages, "Discovery");
    let menu = owner.expect_reply("Discovery (25 %)").await;
    owner.press(&menu, "Probability");
    owner
        .expect_reply("Send the win probability for “Discovery”")
        .await;
    owner.send("30");
    owner.expect_reply("2. Discovery (30 %)").await;
    owner.press(&menu, "Down");
    owner.expect_reply("3. Discovery (30 %)").await;

    // Remove the stage the deal is at: the deal moves where the owner says.
    owner.press(&menu, "Remove");
    let target = owner.expect_reply("1 deal is at “Discovery”").await;
    owner.press(&target, "Negotiation");
    let stages = owner.expect_reply("Funnel stages").await;
    assert!(!stages.text.contains("Discovery"), "{}", stages.text);
    owner.press_data(card.message_id, &format!("ds:{}", deal_id(&card)));
    owner.expect_reply("Stage: Negotiation (75 %)").await;
    // A button for the removed stage (the second default stage, id 2) is stale.
    let press = owner.press_data(card.message_id, &format!("dm:{}:2", deal_id(&card)));
    assert_eq!(
        owner.expect_answer(&press).await,
        Some(tr("en", "deal-stage-gone"))
    );

    // The team's own lost reasons replace the default list.
    owner.press(&stages, "Lost reasons");
    owner
        .expect_reply("now: Too expensive, Chose a competitor")
        .await;
    owner.send("Price, Timing");
    owner.expect_reply("Funnel stages").await;
    owner.press_data(card.message_id, &format!("dlo:{}", deal_id(&card)));
    let reasons = owner.expect_reply("Why was “Chairs” lost?").await;
    let labels: Vec<&str> = reasons.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Price", "Timing", "← Back"]);

    let anna = world.join(2401, "Anna", "en", "manager").await;
    let press = anna.press_data(1, "sga");
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "gate-owner-only"))
    );
}

#[tokio::test]
async fn deal_details_are_edited_on_the_card_and_companies_have_deals_too() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    let card = open_deal(owner, "/deal Petrov Chairs").await;
    owner.press(&card, "Edit");
    let menu = owner.expect_reply("Edit Chairs").await;
    for (field, bad, good, shown) in [
        ("Amount", "-5", "2 500 USD", "💰 2 500 $"),
        (
            "Expected close",
            "31.02.2027",
            "31.12.2027",
            "Expected close: 31.12.2027",
        ),
        (
            "Comment",
            "",
            "wants delivery in May",
            "💬 wants delivery in May",
        ),
    ] {
        owner.press(&menu, field);
        owner.next_reply().await;
        if !bad.is_empty() {
            owner.send(bad);
            owner.expect_reply("Send the value again").await;
        }
        owner.send(good);
        owner.expect_reply(&tr("en", "edit-saved")).await;
        owner.expect_reply(shown).await;
    }
    owner.send("/find petrov");
    let found = owner.next_reply().await;
    owner.press(&found, "Ivan Petrov");
    let contact = owner.expect_reply("👤 Ivan Petrov").await;
    contact.button("💼 Chairs");
    owner.press(&contact, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history
            .text
            .contains("deal changed: Chairs: Amount: — → 2 500 $"),
        "{}",
        history.text
    );

    // A deal for a company alone.
    owner.send("/company Romashka");
    owner.expect_reply(&tr("en", "company-created")).await;
    let company = owner.expect_reply("🏢 Romashka").await;
    owner.press(&company, "Deal");
    owner.expect_reply("New deal with Romashka").await;
    owner.send("Annual supply 1.5m");
    let deal = owner.expect_reply("💼 Annual supply").await;
    assert!(
        deal.text.contains("🏢 Romashka") && deal.text.contains("💰 1 500 000 ₽"),
        "{}",
        deal.text
    );
}

#[tokio::test]
async fn a_long_list_of_deals_is_paginated() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    for n in 1..=12 {
        open_deal(owner, &format!("/deal Petrov Order {n:02} {n}000")).await;
    }
    owner.send("/deals");
    let first = owner.expect_reply("New — 12 · 78 000 ₽").await;
    assert!(first.text.contains("Page 1 of 2"), "{}", first.text);
    assert!(
        first.text.contains("12 deals have no planned next action"),
        "{}",
        first.text
    );
    // Ten deals, ▶, and the owner's way to the team's deals.
    assert_eq!(first.buttons.len(), 12);
    owner.press(&first, "▶");
    let second = owner.expect_reply("Page 2 of 2").await;
    let labels: Vec<&str> = second.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["⚠️ Order 11", "⚠️ Order 12", "◀", "👥 By manager"]);
}

#[tokio::test]
async fn a_card_and_deals_are_complete_however_many_deals_the_team_has() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    open_deal(owner, "/deal Petrov Chairs 150 000").await;
    owner.send("/cancel");
    owner.expect_reply(&tr("en", "cancelled")).await;
    world.add_contact(owner, "Bulk Client").await;
    // More open deals than any list used to hold, all older than the one opened above.
    world
        .db
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) \
             INSERT INTO deals (team_id, owner_id, contact_id, title, stage_id, created_at, \
             updated_at) SELECT 1, 100, (SELECT id FROM contacts WHERE name = 'Bulk Client'), \
             'Bulk ' || CAST(i AS TEXT), (SELECT MIN(id) FROM stages), 1764000000 + i, \
             1764000000 + i FROM n",
        )
        .await;

    // The card of a contact whose deal is the team's newest still shows it.
    let petrov = open_card(owner, "Ivan Petrov").await;
    assert!(
        petrov.buttons.iter().any(|(label, _)| label == "💼 Chairs"),
        "{petrov:?}"
    );
    // A card with more deals than buttons says how many there are.
    let bulk = open_card(owner, "Bulk Client").await;
    assert!(
        bulk.text.contains("1200 open deals; the first 9 are below"),
        "{}",
        bulk.text
    );
    let shown = bulk
        .buttons
        .iter()
        .filter(|(label, _)| label.starts_with("💼 Bulk"))
        .count();
    assert_eq!(shown, 9, "{bulk:?}");

    // /deals counts every open deal of the member.
    owner.send("/deals");
    let list = owner.expect_reply(&tr("en", "deals-title")).await;
    assert!(list.text.contains("1201"), "{}", list.text);
}

/// The card of the one contact `/find` finds by `name`.
async fn open_card(user: &TgUser, name: &str) -> BotMessage {
    user.send(&format!("/find {name}"));
    let found = user.next_reply().await;
    if found.text.contains(&format!("👤 {name}")) {
        return found;
    }
    user.press(&found, name);
    user.expect_reply(&format!("👤 {name}")).await
}

#[tokio::test]
async fn a_deal_has_one_next_action_and_closing_it_closes_its_tasks() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov +79991234567").await;
    let card = open_deal(owner, "/deal Petrov 100 chairs").await;
    owner.send("tomorrow 10:00 send the price");
    owner.expect_reply("📅 Next:").await;
    owner.press(&card, "➡️ Qualified");
    owner.expect_reply("Stage: Qualified").await;
    owner.expect_reply("What is the next step").await;
    owner.send("tomorrow 11:00 send the proposal");
    owner.expect_reply("📅 Next:").await;

    // The new next action replaced the old one.
    owner.send("/tasks");
    let tasks = owner.expect_reply("send the proposal").await;
    assert!(!tasks.text.contains("send the price"), "{}", tasks.text);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM tasks WHERE done_at IS NULL")
            .await,
        1
    );
    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM history \
                 WHERE body = '100 chairs: next action: send the price → send the proposal'"
            )
            .await,
        1,
        "the replaced next action is on the timeline"
    );

    // Won closes the deal's tasks and clears its next action.
    owner.press(&card, "Won");
    let sure = owner.expect_reply("as won?").await;
    owner.press(&sure, "Yes, won");
    owner.expect_reply("🎉 Won").await;
    owner.send("/tasks");
    owner.expect_reply(&tr("en", "tasks-none")).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM deals WHERE next_action IS NOT NULL")
            .await,
        0
    );
}

/// The team's managers report, as the owner reads it (the chart's caption).
async fn managers_report(owner: &TgUser) -> String {
    owner.send("/report");
    let menu = owner.expect_reply(&tr("en", "report-title")).await;
    owner.press(&menu, "Managers");
    owner.expect_reply("Managers · This month, ").await.text
}

#[tokio::test]
async fn won_is_confirmed_and_only_whoever_may_open_the_deal_reopens_it() {
    let world = World::start().await;
    let owner = &world.owner;
    let anna = world.join(2501, "Anna", "en", "manager").await;
    let boris = world.join(2502, "Boris", "en", "manager").await;
    world.add_contact(&anna, "Ivan Petrov").await;
    let card = open_deal(&anna, "/deal Petrov Chairs 1000").await;
    let id = deal_id(&card);
    anna.send("tomorrow 10:00 send the proposal");
    anna.expect_reply("📅 Next:").await;
    anna.press(&card, "➡️ Qualified");
    anna.expect_reply("Stage: Qualified").await;
    let ask = anna.expect_reply("What is the next step").await;
    anna.press(&ask, "Later");
    anna.expect_reply("Stage: Qualified").await;
    let closed = "SELECT COUNT(*) FROM deals WHERE closed_at IS NOT NULL";

    // Won asks once more; Back leaves the deal as it was.
    anna.press(&card, "Won");
    let sure = anna.expect_reply("Mark “Chairs” as won?").await;
    anna.press(&sure, "Back");
    anna.expect_reply("Stage: Qualified").await;
    assert_eq!(world.db.count(closed).await, 0);
    anna.press(&card, "Won");
    let sure = anna.expect_reply("Mark “Chairs” as won?").await;
    anna.press(&sure, "Yes, won");
    let won = anna.expect_reply("🎉 Won").await;
    assert!(
        managers_report(owner)
            .await
            .contains("👤 Anna: calls 0 · new contacts 1 · deals opened 1, won 1 (1 000 ₽)")
    );

    // Another manager may not reopen it.
    let press = boris.press_data(won.message_id, &format!("dro:{id}"));
    assert_eq!(
        boris.expect_answer(&press).await,
        Some(tr("en", "deal-not-yours"))
    );
    assert_eq!(world.db.count(closed).await, 1);

    // Its manager reopens it at the stage it was at, and plans the next step.
    anna.press(&won, "Reopen");
    let reopened = anna.expect_reply("Stage: Qualified (25 %)").await;
    assert!(
        reopened.text.contains("⚠️ No next action"),
        "{}",
        reopened.text
    );
    anna.expect_reply("What is the next step for “Chairs”")
        .await;
    anna.send("tomorrow 11:00 call Ivan");
    anna.expect_reply("📅 Next:").await;
    assert_eq!(world.db.count(closed).await, 0);
    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM history \
                 WHERE kind = 'deal_reopened' AND body = 'Chairs: Won → Qualified'"
            )
            .await,
        1
    );
    // Opened again, it is counted as open, not won.
    let report = managers_report(owner).await;
    assert!(report.contains("deals opened 1, won 0"), "{report}");
    owner.send("/funnel");
    let funnel = owner.expect_reply("Funnel · This month · team").await;
    for line in ["Qualified: 1 (100 %), now 1", "Proposal: 0", "Won: 0"] {
        assert!(funnel.text.contains(line), "{line}: {}", funnel.text);
    }
    let press = anna.press_data(won.message_id, &format!("dro:{id}"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "deal-open-already"))
    );
}
