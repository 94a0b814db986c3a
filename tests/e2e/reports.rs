//! `/report`: figures checked exactly against a prepared dataset, charts as valid PNGs; one
//! message per report, its picture changed in place when the period changes.

use crate::support::*;

/// The bot's clock: 25 November 2026, noon in Moscow, so the periods have known days.
const CLOCK: [(&str, &str); 1] = [("CHATCRM_CLOCK_START", "2026-11-25T12:00:00+03:00")];
const THIS_MONTH: &str = "This month, 01.11.2026–30.11.2026";
const LAST_MONTH: &str = "Last month, 01.10.2026–31.10.2026";

/// `/report` and the press of `kind` on its menu: the report, in place of the menu.
async fn open_report(user: &TgUser, kind: &str) -> (BotMessage, BotMessage) {
    user.send("/report");
    let menu = user.expect_reply(&tr("en", "report-title")).await;
    user.press(&menu, kind);
    let report = user.expect_reply(kind).await;
    assert!(report.edited, "the menu becomes the report: {report:#?}");
    assert_eq!(report.message_id, menu.message_id);
    (menu, report)
}

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
    let world = World::start_with(&CLOCK).await;
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

    let (_, abc) = open_report(owner, "ABC analysis").await;
    assert!(
        abc.text
            .starts_with(&format!("🅰️ ABC analysis · {THIS_MONTH} · team\n")),
        "{}",
        abc.text
    );
    assert!(abc.file.is_none(), "the ABC analysis has no chart");
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

    // A report with a chart is one photo: the picture, the text as its caption, the buttons.
    let (_, managers) = open_report(owner, "Managers").await;
    assert!(
        managers
            .text
            .starts_with(&format!("👥 Managers · {THIS_MONTH} · team\n")),
        "{}",
        managers.text
    );
    assert!(
        managers.text.contains(
            "👤 Olga: calls 1 · new contacts 4 · deals opened 4, won 3 (100 000 ₽), lost 0 · \
             average deal 33 333,33 ₽ · overdue tasks 0"
        ),
        "{}",
        managers.text
    );
    let (name, png) = managers.file.clone().expect("a chart");
    assert_eq!(name, "chart.png");
    assert_eq!(png_size(&png), (800, 500));
    assert!(managers.button("Last month").starts_with("rp:"));

    let (_, forecast) = open_report(owner, "Forecast").await;
    // The forecast is the pipeline now: no period to choose.
    assert!(
        forecast
            .text
            .starts_with("📈 Forecast · Open deals on 25.11.2026 · team\n"),
        "{}",
        forecast.text
    );
    assert!(
        forecast
            .text
            .contains("12.2026: 100 000 ₽ (weighted 10 000 ₽)"),
        "{}",
        forecast.text
    );
    assert!(forecast.buttons.is_empty(), "{:?}", forecast.buttons);
    let (_, png) = forecast.file.expect("a chart");
    assert_eq!(png_size(&png), (800, 500));

    let (_, funnel) = open_report(owner, "Funnel").await;
    assert!(funnel.text.contains("New: 4"), "{}", funnel.text);
    assert!(funnel.text.contains("Won: 3"), "{}", funnel.text);
    let (_, png) = funnel.file.expect("a chart");
    assert_eq!(png_size(&png), (800, 500));
    // Every picture came in place of its menu.
    assert!(world.telegram.calls("sendPhoto").is_empty());
    assert_eq!(world.telegram.calls("editMessageMedia").len(), 3);

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

/// One report message from start to end: a period switch edits the picture in place, an empty
/// period says so in text (no picture), and the way back puts a picture in that text message.
#[tokio::test]
async fn switching_the_period_changes_the_one_report_message_in_place() {
    let world = World::start_with(&CLOCK).await;
    let owner = &world.owner;
    let telegram = &world.telegram;
    world.add_contact(owner, "Ivan Petrov").await;
    deal(owner, "Ivan Petrov", "A", "80 000", true).await;

    let (menu, funnel) = open_report(owner, "Funnel").await;
    assert!(
        funnel
            .text
            .starts_with(&format!("🪜 Funnel · {THIS_MONTH} · team\n")),
        "{}",
        funnel.text
    );
    let (_, this_month) = funnel.file.clone().expect("a chart");

    // All time: the same deals, so the bars are the same; the picture still differs, as it names
    // its period.
    owner.press(&funnel, "All time");
    let all = owner
        .expect_reply("🪜 Funnel · All time, until 25.11.2026 · team")
        .await;
    assert!(all.edited);
    assert_eq!(all.message_id, menu.message_id);
    assert!(all.text.contains("Won: 1"), "{}", all.text);
    let (_, all_time) = all.file.clone().expect("a chart");
    assert_eq!(png_size(&all_time), (800, 500));
    assert_ne!(all_time, this_month, "the picture names its period");
    let edit = telegram.calls("editMessageMedia").pop().unwrap();
    assert_eq!(edit.body["media"]["type"], "photo");
    assert_eq!(
        edit.body["message_id"].as_i64(),
        Some(menu.message_id),
        "{:?}",
        edit.body
    );

    // Last month had no deals: a text, no picture, and the periods to go back.
    owner.press(&all, "Last month");
    let empty = owner
        .expect_reply(&format!("🪜 Funnel · {LAST_MONTH} · team"))
        .await;
    assert!(
        empty.text.ends_with(&tr("en", "report-no-deals")),
        "{}",
        empty.text
    );
    assert!(empty.file.is_none());
    assert!(!empty.edited, "a photo cannot become text: {empty:#?}");
    assert!(empty.button("This month").starts_with("rp:"));
    // The picture it replaces is deleted, so the chat keeps one report.
    let deleted = telegram.wait_for_calls("deleteMessage", 1).await;
    assert_eq!(
        deleted[0].body["message_id"].as_i64(),
        Some(menu.message_id)
    );

    // Back to this month: the text message gets the picture.
    owner.press(&empty, "This month");
    let back = owner
        .expect_reply(&format!("🪜 Funnel · {THIS_MONTH} · team"))
        .await;
    assert!(back.edited);
    assert_eq!(back.message_id, empty.message_id);
    assert_eq!(back.file.clone().expect("a chart").1, this_month);

    // Pressing the period shown again changes nothing visible, and still sends nothing new.
    owner.press(&back, "This month");
    let again = owner.expect_reply("🪜 Funnel").await;
    assert!(again.edited);
    assert!(
        telegram.calls("sendPhoto").is_empty(),
        "never a second photo"
    );
    assert_eq!(telegram.calls("editMessageMedia").len(), 4);

    // Should Telegram refuse the edit, the picture comes as a new message, buttons and all.
    telegram.fail_next(
        "editMessageMedia",
        Failure::Api {
            status: 400,
            description: "Bad Request: message can't be edited",
        },
    );
    owner.press(&again, "All time");
    let anew = owner.expect_reply("🪜 Funnel · All time").await;
    assert!(!anew.edited);
    assert_ne!(anew.message_id, again.message_id);
    assert_eq!(anew.file.clone().expect("a chart").1, all_time);
    assert!(anew.button("Last month").starts_with("rp:"));
    assert_eq!(telegram.calls("sendPhoto").len(), 1);
}

/// A manager's report: their own figures, their name in the picture; nothing in the period
/// gives a sentence, not an empty chart.
#[tokio::test]
async fn an_empty_period_answers_in_words_and_sends_no_picture() {
    let world = World::start_with(&CLOCK).await;
    let owner = &world.owner;
    let anna = world.join(300, "Anna", "ru", "manager").await;

    // Nothing anywhere yet: every report says so and no picture is drawn.
    owner.send("/report");
    let menu = owner.expect_reply(&tr("en", "report-title")).await;
    owner.press(&menu, "Funnel");
    let funnel = owner.expect_reply("🪜 Funnel").await;
    assert!(
        funnel.text.ends_with(&tr("en", "report-no-deals")),
        "{}",
        funnel.text
    );
    assert!(funnel.file.is_none());
    assert!(funnel.edited, "text in place of the menu");
    owner.press(&funnel, "All time");
    let all = owner.expect_reply("🪜 Funnel · All time").await;
    assert!(all.text.ends_with(&tr("en", "report-no-deals")));
    assert!(all.edited && all.file.is_none());

    anna.send("/report");
    let menu = anna.expect_reply(&tr("ru", "report-title")).await;
    anna.press(&menu, "Менеджеры");
    let managers = anna
        .expect_reply("👥 Менеджеры · Этот месяц, 01.11.2026–30.11.2026 · мои сделки")
        .await;
    assert!(
        managers.text.ends_with(&tr("ru", "report-managers-empty")),
        "{}",
        managers.text
    );
    assert!(managers.file.is_none());
    anna.send("/report");
    let menu = anna.expect_reply(&tr("ru", "report-title")).await;
    anna.press(&menu, "Прогноз");
    anna.expect_reply(&tr("ru", "report-forecast-empty")).await;

    // A call is something to report, but without money won there is nothing to draw.
    world.add_contact(&anna, "Boris Client").await;
    anna.send("/call Boris дозвонился 2 мин обсудили цены");
    anna.next_reply().await;
    anna.expect_reply("👤 Boris Client").await;
    anna.send("/report");
    let menu = anna.expect_reply(&tr("ru", "report-title")).await;
    anna.press(&menu, "Менеджеры");
    let managers = anna.expect_reply("👤 Anna: звонков 1").await;
    assert!(managers.file.is_none(), "nothing won: no chart");

    // A won deal: a chart of her own figures.
    deal_ru(&anna, "Boris Client", "Стулья", "5 000").await;
    anna.send("/report");
    let menu = anna.expect_reply(&tr("ru", "report-title")).await;
    anna.press(&menu, "Менеджеры");
    let managers = anna.expect_reply("выиграно 1 (5 000 ₽)").await;
    let (_, png) = managers.file.expect("a chart");
    assert_eq!(png_size(&png), (800, 500));
    assert!(
        world.telegram.calls("sendPhoto").is_empty(),
        "every picture replaced its menu"
    );
}

/// Anna, in Russian, opens a deal and wins it.
async fn deal_ru(user: &TgUser, contact: &str, title: &str, amount: &str) {
    user.send(&format!("/deal {contact} {title} {amount}"));
    let card = user.expect_reply(&format!("💼 {title}")).await;
    let question = user.next_reply().await;
    user.press(&question, "Позже");
    user.next_reply().await;
    user.press(&card, "Выиграна");
    let sure = user.next_reply().await;
    user.press(&sure, "Да, выиграна");
    user.next_reply().await;
}

#[tokio::test]
async fn summary_now_gives_the_team_to_a_lead_and_ones_own_line_to_a_manager() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    owner.send("/call Petrov reached");
    owner.expect_reply("Call logged").await;
    let anna = world.join(1701, "Anna", "ru", "manager").await;
    world.add_contact(&anna, "Мария Сидорова").await;

    owner.send("/summary");
    let team = owner.expect_reply("📊 Summary").await;
    assert!(
        team.text.contains("👤 Olga: new leads 1 · calls 1"),
        "{}",
        team.text
    );
    assert!(
        team.text.contains("👤 Anna: new leads 1 · calls 0"),
        "{}",
        team.text
    );

    anna.send("/summary");
    let own = anna.expect_reply("👤 Anna").await;
    assert!(!own.text.contains("Olga"), "{}", own.text);

    // In the team's group the owner gets the team's figures there.
    let group = owner.in_group(-4242);
    group.send("/summary");
    let posted = group.expect_reply("📊 Summary").await;
    assert!(posted.text.contains("👤 Anna"), "{}", posted.text);
}
