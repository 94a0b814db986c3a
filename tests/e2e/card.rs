//! The full contact card: every field editable from the card, each edit on the timeline.

use crate::support::*;

#[tokio::test]
async fn a_manager_fills_in_the_card_and_every_edit_is_recorded() {
    let world = World::start().await;
    let anna = world.join(1701, "Anna", "en", "manager").await;
    let boris = world.join(1702, "Boris", "en", "manager").await;
    let card = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    let id = card.button("Log call").trim_start_matches("lc:").to_owned();

    anna.press(&card, "Edit");
    let menu = anna.expect_reply("Edit Ivan Petrov: which field?").await;
    assert!(
        !menu.buttons.iter().any(|(l, _)| l == "Responsible"),
        "managers do not reassign"
    );

    // Typed fields, with a wrong value first.
    for (field, bad, good, shown) in [
        ("Region", None, "Moscow", "Region: Moscow"),
        (
            "Birthday",
            Some(("31.02", "error-birthday-invalid")),
            "25.12.1990",
            "Birthday: 25.12.1990",
        ),
        (
            "Tags",
            Some(("vip!!", "error-tag-invalid")),
            "vip, #Опт",
            "🏷 #vip #опт",
        ),
        (
            "Phones",
            Some(("8 999", "error-phone-invalid")),
            "8 999 123 45 67, +7 912 000 11 22",
            "📞 +79120001122",
        ),
        (
            "Telegram",
            Some(("@x", "error-telegram-invalid")),
            "@ivan_petrov",
            "💬 @ivan_petrov",
        ),
        (
            "Time zone",
            Some(("Mars/Base", "error-time-zone-invalid")),
            "Asia/Yekaterinburg",
            "Time zone: Asia/Yekaterinburg",
        ),
    ] {
        anna.press_data(card.message_id, &format!("e:{id}"));
        let menu = anna.expect_reply("which field?").await;
        anna.press(&menu, field);
        anna.expect_reply(&format!("New value for “{field}”")).await;
        if let Some((bad, key)) = bad {
            anna.send(bad);
            anna.expect_reply(&tr("en", key)).await;
        }
        anna.send(good);
        anna.expect_reply(&tr("en", "edit-saved")).await;
        let card = anna.expect_reply("👤 Ivan Petrov").await;
        assert!(card.text.contains(shown), "{field}: {}", card.text);
    }

    // Picked fields.
    anna.press_data(card.message_id, &format!("e:{id}"));
    let menu = anna.expect_reply("which field?").await;
    anna.press(&menu, "Type");
    let kinds = anna.expect_reply("Type (now: —)").await;
    let labels: Vec<&str> = kinds.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["Wholesale", "Shop", "Retail customer", "— Clear", "← Back"]
    );
    anna.press(&kinds, "Shop");
    let card = anna.expect_reply("Type: Shop").await;
    assert!(card.edited);

    // Forged field buttons.
    for (data, key) in [
        (format!("ef:{id}:owner"), "edit-owner-not-allowed"),
        (format!("ev:{id}:owner:1702"), "edit-owner-not-allowed"),
        (format!("ev:{id}:kind:99"), "button-expired"),
        (format!("ef:{id}:c999"), "button-expired"),
    ] {
        let press = anna.press_data(card.message_id, &data);
        assert_eq!(
            anna.expect_answer(&press).await,
            Some(tr("en", key)),
            "{data}"
        );
    }
    let press = boris.press_data(1, &format!("ef:{id}:region"));
    assert_eq!(
        boris.expect_answer(&press).await,
        Some(tr("en", "contact-not-yours"))
    );

    // Found by its tag; the history keeps who changed what.
    anna.send("/find #VIP");
    anna.expect_reply("Found 1 contact").await;
    anna.press(&card, "History");
    let history = anna.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("Anna · Region: — → Moscow"),
        "{}",
        history.text
    );
    assert!(
        history.text.contains("Anna · Type: — → Shop"),
        "{}",
        history.text
    );
    assert!(
        history
            .text
            .contains("Phones: +79991234567 → +79991234567, +79120001122"),
        "{}",
        history.text
    );

    // The owner reassigns the contact.
    world.owner.press_data(1, &format!("ef:{id}:owner"));
    let owners = world.owner.expect_reply("Responsible (now: Anna)").await;
    world.owner.press(&owners, "Boris");
    world.owner.expect_reply("Responsible: Boris").await;
    boris.send("/find petrov");
    boris.expect_reply("Found 1 contact").await;
    anna.send("/find petrov");
    anna.expect_reply("Nothing found").await;
}

#[tokio::test]
async fn the_owner_adds_custom_fields_and_contact_types_without_code() {
    let world = World::start().await;
    let owner = &world.owner;
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Custom fields");
    let fields = owner.expect_reply("none yet").await;
    owner.press(&fields, "➕ Choice");
    owner
        .expect_reply("Send the name of the new field and its options")
        .await;
    owner.send("Source");
    owner.expect_reply(&tr("en", "error-options-invalid")).await;
    owner.send("Source: website, call");
    let fields = owner.expect_reply("• Source (Choice: website, call)").await;
    owner.press(&fields, "➕ Date");
    owner
        .expect_reply("Send the name of the new field (Date)")
        .await;
    owner.send("Contract end");
    owner.expect_reply("• Contract end (Date)").await;

    owner.press(&settings, "Contact types");
    owner
        .expect_reply("now: Wholesale, Shop, Retail customer")
        .await;
    owner.send("Distributor, Dealer, dealer");
    owner
        .expect_reply("Contact types: Distributor, Dealer.")
        .await;

    let card = world.add_contact(owner, "Ivan Petrov").await;
    let id = card.button("Log call").trim_start_matches("lc:").to_owned();
    owner.press(&card, "Edit");
    let menu = owner.expect_reply("which field?").await;
    owner.press(&menu, "Source");
    let options = owner.expect_reply("Source (now: —)").await;
    let labels: Vec<&str> = options.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["website", "call", "— Clear", "← Back"]);
    owner.press(&options, "call");
    owner.expect_reply("Source: call").await;

    // The field menu's buttons stay valid after the message changed.
    owner.press(&menu, "Contract end");
    owner.expect_reply("New value for “Contract end”").await;
    owner.send("31.02.2026");
    owner.expect_reply(&tr("en", "error-date-invalid")).await;
    owner.send("31.12.2026");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("Contract end: 2026-12-31").await;

    owner.press_data(card.message_id, &format!("ef:{id}:kind"));
    let kinds = owner.expect_reply("Type (now: —)").await;
    let labels: Vec<&str> = kinds.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Distributor", "Dealer", "— Clear", "← Back"]);

    let anna = world.join(1801, "Anna", "en", "manager").await;
    anna.send("/settings");
    let settings = anna.expect_reply("Settings").await;
    let labels: Vec<&str> = settings.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["Русский", "English", "🕐 Time zone", "💬 Telegram Business"],
        "no team set-up for managers: their own Telegram only"
    );
    let press = anna.press_data(settings.message_id, "sa:text");
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "gate-owner-only"))
    );
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM custom_fields").await,
        2
    );
}
