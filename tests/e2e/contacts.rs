//! The first slice of the CRM: adding, finding, the card, logging calls and notes, and who may
//! see what.

use crate::support::*;
use std::time::Duration;

#[tokio::test]
async fn a_contact_added_in_one_message_is_found_by_name_phone_and_email() {
    let world = World::start().await;
    let card = world
        .add_contact(
            &world.owner,
            "Ivan Petrov 8 (999) 123-45-67 Ivan@Example.com",
        )
        .await;
    assert!(card.text.contains("👤 Ivan Petrov"), "{}", card.text);
    assert!(card.text.contains("+79991234567"), "{}", card.text);
    assert!(card.text.contains("ivan@example.com"), "{}", card.text);
    assert!(card.text.contains("Responsible: Olga"), "{}", card.text);
    world
        .add_contact(&world.owner, "Maria Sidorova +7 912 000 11 22")
        .await;

    for query in [
        "/find petrov",
        "/find Petrof",
        "/find Петров",
        "/find +7 999 123-45-67",
        "/find 89991234567",
        "/find 4567",
        "/find IVAN@example",
        "petrov ivan",
    ] {
        world.owner.send(query);
        let found = world.owner.expect_reply("Found 1 contact").await;
        assert_eq!(found.buttons.len(), 1, "{query}: {found:#?}");
        assert_eq!(found.buttons[0].0, "Ivan Petrov", "{query}");
    }

    world.owner.send("/find Smith");
    world.owner.expect_reply("Nothing found for “Smith”").await;

    // A result opens the card as a new message.
    world.owner.send("/find ivan");
    let found = world.owner.next_reply().await;
    world.owner.press(&found, "Ivan Petrov");
    let opened = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(!opened.edited);
}

#[tokio::test]
async fn russian_replies_use_russian_plural_forms() {
    let world = World::start().await;
    let masha = world.join(701, "Маша", "ru", "manager").await;
    for name in ["Пётр Иванов", "Пётр Сидоров", "Пётр Смирнов"] {
        world.add_contact(&masha, name).await;
    }
    masha.send("/find пётр");
    masha.expect_reply("Найдено 3 контакта").await;
    masha.send("/find иванов");
    masha.expect_reply("Найден 1 контакт").await;
}

#[tokio::test]
async fn bare_add_walks_through_a_form_that_survives_a_restart() {
    let mut world = World::start().await;
    world.owner.send("/add");
    world.owner.expect_reply("step 1 of 3").await;
    world.owner.send("Anna   Smith");
    let phone_step = world.owner.expect_reply("step 2 of 3").await;
    assert!(phone_step.buttons.iter().any(|(label, _)| label == "Skip"));

    // The bot goes down mid-form and comes back.
    let bot = std::mem::replace(
        &mut world.bot,
        BotProcess::start(&world.telegram, &world.db, &[OWNER_ID]).await,
    );
    bot.kill().await;

    world.owner.send("call me maybe");
    world
        .owner
        .expect_reply(&tr("en", "error-phone-invalid"))
        .await;
    world.owner.expect_reply("step 2 of 3").await;
    world.owner.send("8 999 765 43 21");
    let email_step = world.owner.expect_reply("step 3 of 3").await;
    world.owner.press(&email_step, "Skip");
    world.owner.expect_reply(&tr("en", "contact-saved")).await;
    let card = world.owner.expect_reply("👤 Anna Smith").await;
    assert!(card.text.contains("+79997654321"), "{}", card.text);
    assert!(!card.text.contains("✉️"), "{}", card.text);
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM conversations").await,
        0
    );
}

#[tokio::test]
async fn cancel_leaves_a_form_without_saving() {
    let world = World::start().await;
    world.owner.send("/add");
    world.owner.expect_reply("step 1 of 3").await;
    world.owner.send("/cancel");
    world.owner.expect_reply(&tr("en", "cancelled")).await;
    // The next text is a search again, not the contact's name.
    world.owner.send("Nobody");
    world.owner.expect_reply("Nothing found").await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 0);
}

#[tokio::test]
async fn skip_typed_in_the_add_form_skips_the_step() {
    let world = World::start().await;
    world.owner.send("/add");
    world.owner.expect_reply("step 1 of 3").await;
    world.owner.send("Ivan Petrov");
    world.owner.expect_reply("step 2 of 3").await;
    world.owner.send("skip");
    world.owner.expect_reply("step 3 of 3").await;
    world.owner.send("пропустить");
    world.owner.expect_reply("Contact saved").await;
    let card = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(!card.text.contains("skip"), "{}", card.text);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE name = 'Ivan Petrov'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_call_logged_from_the_card_lands_on_the_history() {
    let world = World::start().await;
    let card = world
        .add_contact(&world.owner, "Ivan Petrov +79991234567")
        .await;

    let press = world.owner.press(&card, "Log call");
    let outcomes = world.owner.expect_reply("How did it go?").await;
    assert!(outcomes.edited && outcomes.message_id == card.message_id);
    world.owner.expect_answer(&press).await;
    let labels: Vec<&str> = outcomes.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Reached", "No answer", "Call back", "← Back"]);

    world.owner.press(&outcomes, "Reached");
    let logged = world.owner.expect_reply("Call logged: Reached").await;
    world.owner.send("wants the price list by Friday");
    world.owner.expect_reply(&tr("en", "call-note-saved")).await;
    let card = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        card.text
            .contains("call — Reached: wants the price list by Friday"),
        "{}",
        card.text
    );

    // A second call, no answer, no note: Done returns to the card.
    world.owner.press(&card, "Log call");
    let outcomes = world.owner.next_reply().await;
    world.owner.press(&outcomes, "No answer");
    let logged_again = world.owner.expect_reply("Call logged: No answer").await;
    world.owner.press(&logged_again, "Done");
    let card = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(card.edited);
    let _ = logged;

    world.owner.press(&card, "History");
    let history = world.owner.expect_reply("History of Ivan Petrov").await;
    let lines: Vec<&str> = history.text.lines().collect();
    assert_eq!(lines.len(), 4, "{}", history.text);
    assert!(lines[1].contains("Olga · call — No answer"), "{}", lines[1]);
    assert!(
        lines[2].contains("call — Reached: wants the price list"),
        "{}",
        lines[2]
    );
    assert!(lines[3].contains("contact added"), "{}", lines[3]);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'call'")
            .await,
        2
    );
}

#[tokio::test]
async fn a_note_from_the_card_is_saved() {
    let world = World::start().await;
    let card = world.add_contact(&world.owner, "Ivan Petrov").await;
    world.owner.press(&card, "Note");
    world
        .owner
        .expect_reply("Send the note for Ivan Petrov")
        .await;
    world.owner.send(&"x".repeat(2500));
    world.owner.expect_reply("The note is too long").await;
    world.owner.send("met at the expo");
    world.owner.expect_reply(&tr("en", "note-saved")).await;
    let card = world.owner.expect_reply("👤 Ivan Petrov").await;
    assert!(card.text.contains("note: met at the expo"), "{}", card.text);
}

#[tokio::test]
async fn a_manager_sees_only_own_contacts_and_forged_buttons_change_nothing() {
    let world = World::start().await;
    let owners_card = world
        .add_contact(&world.owner, "Ivan Petrov +79991234567")
        .await;
    let owners_contact = owners_card
        .button("Log call")
        .trim_start_matches("lc:")
        .to_owned();
    let anna = world.join(801, "Anna", "en", "manager").await;
    let boris = world.join(802, "Boris", "en", "manager").await;
    let annas_card = world.add_contact(&anna, "Pavel Orlov +79990001122").await;
    let annas_contact = annas_card
        .button("Log call")
        .trim_start_matches("lc:")
        .to_owned();

    // Searching shows only one's own contacts.
    boris.send("/find petrov");
    boris.expect_reply("Nothing found").await;
    boris.send("/find orlov");
    boris.expect_reply("Nothing found").await;
    anna.send("/find 1122");
    anna.expect_reply("Found 1 contact").await;

    // The owner sees everyone's.
    world.owner.send("/find orlov");
    world.owner.expect_reply("Found 1 contact").await;

    // Forged buttons for someone else's contact are refused and nothing is written.
    let calls_before = world.db.count("SELECT COUNT(*) FROM history").await;
    let not_yours = tr("en", "contact-not-yours");
    for data in [
        format!("o:{annas_contact}"),
        format!("c:{annas_contact}"),
        format!("lc:{annas_contact}"),
        format!("co:{annas_contact}:r"),
        format!("n:{annas_contact}"),
        format!("h:{annas_contact}:0"),
        format!("co:{owners_contact}:b"),
    ] {
        let press = boris.press_data(annas_card.message_id, &data);
        assert_eq!(
            boris.expect_answer(&press).await,
            Some(not_yours.clone()),
            "{data}"
        );
    }
    // A contact that does not exist (deleted, or another team's) is reported as missing.
    let press = boris.press_data(1, "lc:999999");
    assert_eq!(
        boris.expect_answer(&press).await,
        Some(tr("en", "contact-not-found"))
    );
    // Data that no button ever carried.
    let press = boris.press_data(1, "co:1:z'; DROP TABLE contacts; --");
    assert_eq!(
        boris.expect_answer(&press).await,
        Some(tr("en", "button-expired"))
    );
    boris.expect_no_reply(Duration::from_millis(300)).await;
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM history").await,
        calls_before
    );
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM conversations").await,
        0
    );

    // Anna's own buttons still work.
    anna.press(&annas_card, "Log call");
    anna.expect_reply("How did it go?").await;
}

#[tokio::test]
async fn bad_input_gets_a_reason_and_stores_nothing() {
    let world = World::start().await;
    let too_long = chatcrm::i18n::tr_args(
        chatcrm::domain::Lang::En,
        "error-name-too-long",
        &[("max", chatcrm::i18n::arg(120))],
    );
    let cases = [
        (format!("/add {}", "Я".repeat(5000)), too_long),
        (
            "/add Ivan +7 999 12".to_owned(),
            tr("en", "error-phone-invalid"),
        ),
        (
            "/add Ivan 12345678901234567890".to_owned(),
            tr("en", "error-phone-invalid"),
        ),
        (
            "/add Ivan ivan@".to_owned(),
            tr("en", "error-email-invalid"),
        ),
        ("/add +79991234567".to_owned(), tr("en", "error-name-empty")),
        ("/add 🙂🙂🙂".to_owned(), tr("en", "error-name-no-letters")),
    ];
    for (text, expected) in &cases {
        world.owner.send(text);
        let reply = world.owner.next_reply().await;
        assert!(
            reply.text.starts_with(expected.as_str()),
            "{text:.40}: {}",
            reply.text
        );
        assert!(
            reply.text.contains("/add"),
            "says what to type instead: {}",
            reply.text
        );
    }
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 0);

    // Hostile and unusual names are stored literally and found again.
    let card = world
        .add_contact(
            &world.owner,
            "Robert'); DROP TABLE contacts;-- +79991234567",
        )
        .await;
    assert!(
        card.text.contains("👤 Robert'); DROP TABLE contacts;--"),
        "{}",
        card.text
    );
    let card = world
        .add_contact(&world.owner, "Анна 🌸 Smith-Иванова")
        .await;
    assert!(
        card.text.contains("👤 Анна 🌸 Smith-Иванова"),
        "{}",
        card.text
    );
    world.owner.send("/find smith");
    world.owner.expect_reply("Found 1 contact").await;
    world.owner.send(&format!("/find {}", "%".repeat(300)));
    world.owner.expect_reply("Nothing found").await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 2);
}

#[tokio::test]
async fn calls_and_notes_can_be_typed_in_one_message() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov +79991234567").await;
    world.add_contact(owner, "Ivan Sidorov").await;

    owner.send("/call Petrov reached wants the price list");
    owner.expect_reply(&tr("en", "call-saved")).await;
    let card = owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        card.text.contains("call — Reached: wants the price list"),
        "{}",
        card.text
    );

    owner.send("/note Ivan Petrov prefers WhatsApp");
    owner.expect_reply(&tr("en", "note-saved")).await;
    let card = owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        card.text.contains("note: prefers WhatsApp"),
        "{}",
        card.text
    );

    owner.send("/call Petrov");
    owner
        .expect_reply("Call with Ivan Petrov. How did it go?")
        .await;
    owner.send("/call Ivan");
    let several = owner.expect_reply("Several contacts match “Ivan”").await;
    assert_eq!(several.buttons.len(), 2);
    owner.send("/call Nobody reached");
    owner
        .expect_reply("No contact of yours matches “Nobody”")
        .await;
    owner.send("/note Petrov");
    owner.expect_reply(&tr("en", "error-note-empty")).await;
    owner.send("/call Petrov maybe");
    owner.expect_reply(&tr("en", "call-usage")).await;

    let anna = world.join(1601, "Anna", "en", "manager").await;
    anna.send("/call Petrov reached");
    anna.expect_reply("No contact of yours matches").await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind IN ('call', 'note')")
            .await,
        2
    );
}

#[tokio::test]
async fn inline_mode_lists_only_the_members_own_matches() {
    let world = World::start().await;
    world
        .add_contact(&world.owner, "Ivan Petrov +79991234567")
        .await;
    let anna = world.join(1901, "Anna", "en", "manager").await;
    world
        .add_contact(&anna, "Petr Ivanov anna.client@example.com")
        .await;

    let titles = |answer: &serde_json::Value| -> Vec<String> {
        answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let query = world.owner.inline("petr");
    let answer = world.owner.expect_inline_answer(&query).await;
    assert_eq!(titles(&answer).len(), 2, "{answer}");
    assert_eq!(answer["is_personal"], true);
    assert_eq!(answer["cache_time"], 0);

    let query = anna.inline("petr");
    let answer = anna.expect_inline_answer(&query).await;
    assert_eq!(titles(&answer), ["Petr Ivanov"]);
    let result = &answer["results"][0];
    assert_eq!(result["description"], "anna.client@example.com");
    assert_eq!(
        result["input_message_content"]["message_text"],
        "👤 Petr Ivanov\nanna.client@example.com"
    );

    let stranger = world.telegram.user(1999, "Mallory", "en");
    let query = stranger.inline("petr");
    let answer = stranger.expect_inline_answer(&query).await;
    assert_eq!(titles(&answer).len(), 0);
}

#[tokio::test]
async fn calls_carry_their_length_meetings_are_logged_and_times_follow_the_viewer() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    owner.send("/call Petrov reached 5 min agreed on a demo");
    owner.expect_reply(&tr("en", "call-saved")).await;
    let card = owner
        .expect_reply("call — Reached, 5 min: agreed on a demo")
        .await;
    owner.send("/meeting Petrov pilot in May");
    owner.expect_reply(&tr("en", "meeting-saved")).await;
    owner.expect_reply("meeting: pilot in May").await;

    // A lead far east sees the same entry seven hours later on the clock than Moscow.
    let lena = world.join(2101, "Lena", "en", "lead").await;
    lena.send("/settings");
    let settings = lena.expect_reply("Time zone: Europe/Moscow").await;
    lena.press(&settings, "Time zone");
    lena.expect_reply(&tr("en", "settings-time-zone-ask")).await;
    lena.send("Mars/Olympus");
    lena.expect_reply(&tr("en", "error-time-zone-invalid"))
        .await;
    lena.send("Asia/Vladivostok");
    lena.expect_reply("Time zone: Asia/Vladivostok").await;

    let hour_of_last_entry = |text: &str| -> u32 {
        let line = text.lines().find(|l| l.starts_with("Last:")).unwrap();
        let time = line
            .split(" · ")
            .next()
            .unwrap()
            .rsplit(' ')
            .next()
            .unwrap();
        time[..2].parse().unwrap()
    };
    owner.press(&card, "Log call");
    owner.next_reply().await;
    owner.press_data(
        card.message_id,
        &card.button("Log call").replace("lc:", "c:"),
    );
    let moscow = owner.expect_reply("👤 Ivan Petrov").await;
    lena.press_data(1, &card.button("Log call").replace("lc:", "o:"));
    let vladivostok = lena.expect_reply("👤 Ivan Petrov").await;
    assert_eq!(
        (hour_of_last_entry(&moscow.text) + 7) % 24,
        hour_of_last_entry(&vladivostok.text),
        "{}\n{}",
        moscow.text,
        vladivostok.text
    );
}

#[tokio::test]
async fn a_timeline_of_long_notes_fits_one_message() {
    let world = World::start().await;
    let owner = &world.owner;
    let card = world.add_contact(owner, "Ivan Petrov").await;
    for n in 0..10 {
        owner.send(&format!("/note Petrov {n} {}", "long note ".repeat(199)));
        owner.expect_reply(&tr("en", "note-saved")).await;
        owner.next_reply().await;
    }
    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.chars().count() <= 4096,
        "{} chars",
        history.text.chars().count()
    );
    assert_eq!(history.text.matches('…').count(), 10, "{}", history.text);
}

#[tokio::test]
async fn a_surname_is_found_however_many_patronymics_start_with_it() {
    let world = World::start().await;
    let owner = &world.owner;
    // 250 women whose patronymic starts with the surname searched for, and one man of that
    // surname, who comes last by name.
    let letters = |n: usize| -> String {
        [n / 676, n / 26 % 26, n % 26]
            .iter()
            .map(|i| char::from(b'a' + *i as u8))
            .collect()
    };
    let mut csv = String::from("Name;Phone\n");
    for n in 0..250 {
        csv.push_str(&format!("Anna Ivanovna S{};+7999000{n:04}\n", letters(n)));
    }
    csv.push_str("Petr Ivanov;+79990009999\n");
    owner.send_document("women.csv", csv.as_bytes());
    let mapping = owner.expect_reply("📥 women.csv").await;
    owner.press(&mapping, "Skip duplicates");
    owner.expect_reply("✅ Import done").await;

    owner.send("/find ivanov");
    let found = owner.expect_reply("Found").await;
    assert_eq!(found.buttons[0].0, "Petr Ivanov", "{found:?}");
}

#[tokio::test]
async fn a_bad_phone_in_a_one_line_add_is_refused_and_nothing_is_stored() {
    let world = World::start().await;
    world.owner.send("/add Bad Phone +12");
    world
        .owner
        .expect_reply(&tr("en", "error-phone-invalid"))
        .await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 0);
    // A real number after the name is still read as the phone.
    world.owner.send("/add Good Phone +7 999 123-45-67");
    world.owner.expect_reply(&tr("en", "contact-saved")).await;
    let card = world.owner.expect_reply("👤 Good Phone").await;
    assert!(card.text.contains("+79991234567"), "{}", card.text);
}

#[tokio::test]
async fn a_contact_whose_names_look_alike_is_found_once() {
    let world = World::start().await;
    let owner = &world.owner;
    for add in ["/add Пётр Петров", "/add Ivan Ivanov"] {
        owner.send(add);
        owner.expect_reply(&tr("en", "contact-saved")).await;
        owner.expect_reply("👤").await;
    }
    for (query, name) in [
        ("Петров", "Пётр Петров"),
        ("Ivanov", "Ivan Ivanov"),
        ("Ivan", "Ivan Ivanov"),
    ] {
        owner.send(&format!("/find {query}"));
        let found = owner.expect_reply("Found 1 contact").await;
        let buttons = found
            .buttons
            .iter()
            .filter(|(label, _)| label == name)
            .count();
        assert_eq!(buttons, 1, "{query}: {found:#?}");
    }
    owner.send("/call Петров reached");
    owner.expect_reply("Call logged").await;
}

#[tokio::test]
async fn call_back_asks_when_and_makes_the_task() {
    let world = World::start().await;
    let owner = &world.owner;
    let card = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    owner.press(&card, "Log call");
    let outcomes = owner.expect_reply("Call with Ivan Petrov").await;
    owner.press(&outcomes, "Call back");
    owner.expect_reply("When?").await;
    owner.send("tomorrow at 11");
    let set = owner.expect_reply("⏰ I will remind you").await;
    assert!(set.text.ends_with(": call back"), "{}", set.text);
    owner.send("/tasks");
    let tasks = owner.expect_reply("Open tasks (1)").await;
    assert!(
        tasks.text.contains("call back · 👤 Ivan Petrov"),
        "{}",
        tasks.text
    );
}

#[tokio::test]
async fn a_time_zone_is_read_from_a_city_or_an_offset() {
    let world = World::start().await;
    let owner = &world.owner;
    for (typed, shown) in [
        ("Новосибирск", "Time zone: Asia/Novosibirsk"),
        ("Berlin", "Time zone: Europe/Berlin"),
        ("UTC+3", "Time zone: UTC+3"),
    ] {
        owner.send("/settings");
        let settings = owner.expect_reply("Time zone:").await;
        owner.press(&settings, "Time zone");
        owner
            .expect_reply(&tr("en", "settings-time-zone-ask"))
            .await;
        owner.send(typed);
        owner.expect_reply(shown).await;
    }
}

#[tokio::test]
async fn a_one_line_command_takes_the_clearly_best_contact_and_carries_the_line_through_a_choice() {
    let world = World::start().await;
    let owner = &world.owner;
    for name in [
        "Maria Sidorova",
        "Olga Smirnova",
        "Пётр Васильев",
        "Николай Петров",
        "Ivan Kuznetsov",
        "Ivan Sidorov",
        "Harold Quincey",
    ] {
        world.add_contact(owner, name).await;
    }

    // An exact word beats a close one: no question asked, nothing typed is lost.
    owner.send("/call Sidorova no answer");
    owner.expect_reply("Call logged: No answer").await;
    assert_eq!(
        world
            .db
            .text(
                "SELECT c.name FROM history h JOIN contacts c ON c.id = h.contact_id \
                 WHERE h.kind = 'call'"
            )
            .await,
        "Maria Sidorova"
    );
    owner.send("/call Петров дозвонился 5 мин хочет прайс");
    owner.expect_reply(&tr("en", "call-saved")).await;
    let card = owner.expect_reply("👤 Николай Петров").await;
    assert!(card.text.contains("хочет прайс"), "{}", card.text);
    assert_eq!(
        world
            .db
            .text(
                "SELECT c.name || ':' || h.outcome || ':' || h.duration || ':' || h.body \
                 FROM history h JOIN contacts c ON c.id = h.contact_id \
                 WHERE h.kind = 'call' AND c.name = 'Николай Петров'"
            )
            .await,
        "Николай Петров:reached:300:хочет прайс"
    );

    // Two equally good matches: one tap on the right one finishes the typed call.
    owner.send("/call Ivan reached wants the price");
    let several = owner.expect_reply("Several contacts match “Ivan”").await;
    assert_eq!(several.buttons.len(), 2, "{several:#?}");
    owner.press(&several, "Ivan Sidorov");
    owner.expect_reply(&tr("en", "call-saved")).await;
    owner.expect_reply("👤 Ivan Sidorov").await;
    assert_eq!(
        world
            .db
            .text(
                "SELECT c.name || ':' || h.body FROM history h \
                 JOIN contacts c ON c.id = h.contact_id \
                 WHERE h.kind = 'call' AND c.name LIKE 'Ivan%'"
            )
            .await,
        "Ivan Sidorov:wants the price"
    );

    // The contact's part stops where its name does: "Hand deal" is the deal's title.
    owner.send("/deal Harold Quincey Hand deal 50 000");
    owner.expect_reply("Hand deal").await;
    assert_eq!(
        world
            .db
            .text(
                "SELECT c.name || ':' || d.title || ':' || d.amount_minor FROM deals d \
                 JOIN contacts c ON c.id = d.contact_id"
            )
            .await,
        "Harold Quincey:Hand deal:5000000"
    );
}
