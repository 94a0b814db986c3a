//! `/report`: figures checked exactly against a prepared dataset, charts as valid PNGs.

use crate::support::*;

/// Opens a deal on `contact` for `amount` and, when `won`, moves it to Won.
async fn deal(owner: &TgUser, contact: &str, title: &str, amount: &str, won: bool) -> BotMessage {
    owner.send(&format!("/deal {contact} {title} {amount}"));
    let card = owner.expect_reply(&format!("💼 {title}")).await;
    let question = owner.expect_reply("What is the next step").await;
    owner.press(&question, "Later");
    owner.next_reply().await;
    if won {
        owner.press(&card, "Won");
        let sure = owner.expect_reply("as won?").await;
        owner.press(&sure, "Yes, won");
        owner.expect_reply("🎉 Won").await;
    }
    card
}

/// The width and height a PNG's header declares.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let number = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[tokio::test]
async fn reports_add_up_on_a_prepared_dataset_and_come_with_charts() {
    let world = World::start().await;
    let owner = &world.owner;
    for name in [
        "Ivan Petrov",
        "Maria Sidorova",
        "Petr Shchukin",
        "Olga Nikolaeva",
    ] {
        world.add_contact(owner, name).await;
    }
    // Won: 80 000 + 15 000 + 5 000; open: 100 000 at New (10 %), closing in December.
    deal(owner, "Ivan Petrov", "A", "80 000", true).await;
    deal(owner, "Maria Sidorova", "B", "15 000", true).await;
    deal(owner, "Petr Shchukin", "C", "5 000", true).await;
    let open = deal(owner, "Olga Nikolaeva", "D", "100 000", false).await;
    owner.press(&open, "Edit");
    let menu = owner.expect_reply("Edit D").await;
    owner.press(&menu, "Expected close");
    owner.next_reply().await;
    owner.send("15.12.2026");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.next_reply().await;
    owner.send("/call Ivan reached 5 min");
    owner.next_reply().await;
    owner.expect_reply("👤 Ivan Petrov").await;

    owner.send("/report");
    let menu = owner.expect_reply(&tr("en", "report-title")).await;

    owner.press(&menu, "ABC analysis");
    let abc = owner.expect_reply("ABC analysis · This month · team").await;
    for line in [
        "Clients by revenue (80/95): 100 000 ₽ in all.",
        "A: 1 client, 80 000 ₽ (80.0 %) — Ivan Petrov (80 000 ₽)",
        "B: 1 client, 15 000 ₽ (15.0 %) — Maria Sidorova (15 000 ₽)",
        "C: 1 client, 5 000 ₽ (5.0 %) — Petr Shchukin (5 000 ₽)",
    ] {
        assert!(abc.text.contains(line), "{line:?} in {}", abc.text);
    }
    // Other boundaries move Maria into A.
    owner.press(&abc, "ABC boundaries");
    owner.expect_reply("Send the boundaries").await;
    owner.send("95/90");
    owner
        .expect_reply(&tr("en", "report-abc-thresholds-invalid"))
        .await;
    owner.send("90/99");
    let abc = owner.expect_reply("A: 2 clients, 95 000 ₽ (95.0 %)").await;
    assert!(
        abc.text.contains("B: 1 client, 5 000 ₽ (5.0 %)"),
        "{}",
        abc.text
    );

    owner.press(&menu, "Managers");
    let managers = owner.expect_reply("Managers · This month · team").await;
    assert!(
        managers.text.contains(
            "👤 Olga: calls 1 · new contacts 4 · deals opened 4, won 3 (100 000 ₽), lost 0 · \
             average deal 33 333,33 ₽ · overdue tasks 0"
        ),
        "{}",
        managers.text
    );
    let chart = owner.expect_reply("Managers · This month · team").await;
    let (name, png) = chart.file.expect("a chart");
    assert_eq!(name, "chart.png");
    assert_eq!(png_size(&png), (800, 500));

    owner.press(&menu, "Forecast");
    let forecast = owner.expect_reply("Forecast · This month · team").await;
    assert!(
        forecast
            .text
            .contains("12.2026: 100 000 ₽ (weighted 10 000 ₽)"),
        "{}",
        forecast.text
    );
    let (_, png) = owner.expect_reply("Forecast").await.file.expect("a chart");
    assert_eq!(png_size(&png), (800, 500));

    owner.press(&menu, "Funnel");
    let funnel = owner.expect_reply("Funnel · This month · team").await;
    assert!(funnel.text.contains("New: 4"), "{}", funnel.text);
    assert!(funnel.text.contains("Won: 3"), "{}", funnel.text);
    let (_, png) = owner.expect_reply("Funnel").await.file.expect("a chart");
    assert_eq!(png_size(&png), (800, 500));

    // A manager's report covers only their own work.
    let anna = world.join(300, "Anna", "en", "manager").await;
    anna.send("/report");
    let menu = anna.expect_reply(&tr("en", "report-title")).await;
    anna.press(&menu, "ABC analysis");
    anna.expect_reply(&tr("en", "report-abc-empty")).await;
    // Forged report buttons change nothing; a manager does not set the ABC boundaries.
    for (data, key) in [
        ("rp:z:m", "button-expired"),
        ("rp:a:zz", "button-expired"),
        ("rpa", "gate-leads-only"),
        ("ex:z", "button-expired"),
    ] {
        let press = anna.press_data(menu.message_id, data);
        assert_eq!(
            anna.expect_answer(&press).await,
            Some(tr("en", key)),
            "{data}"
        );
    }
}
