//! Duplicates: shown before adding, merged on request, listed by `/duplicates`.

use crate::support::*;

fn contact_id(card: &BotMessage) -> String {
    card.button("Log call").trim_start_matches("lc:").to_owned()
}

#[tokio::test]
async fn adding_a_contact_that_exists_shows_it_first() {
    let world = World::start().await;
    let owner = &world.owner;
    world
        .add_contact(owner, "Ivan Petrov +79991234567 ivan@example.com")
        .await;

    owner.send("/add Петров Иван 8 (999) 123-45-67");
    let choice = owner
        .expect_reply("This contact may already be in the CRM")
        .await;
    assert!(
        choice.text.contains("• Ivan Petrov — same phone"),
        "{}",
        choice.text
    );
    let labels: Vec<&str> = choice.buttons.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Open Ivan Petrov",
            "Merge into it",
            "Create anyway",
            "Cancel"
        ]
    );
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);
    owner.press(&choice, "Create anyway");
    owner.expect_reply(&tr("en", "contact-saved")).await;
    owner.expect_reply("👤 Петров Иван").await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 2);

    // A near name: merge the new details into the existing contact instead.
    owner.send("/add Ivan Petrof ivan.p@example.com");
    let choice = owner.expect_reply("may already be in the CRM").await;
    assert!(choice.text.contains("— same name"), "{}", choice.text);
    let press = owner.press(&choice, "Merge into it");
    assert_eq!(
        owner.expect_answer(&press).await.as_deref(),
        Some("Merged.")
    );
    let card = owner.expect_reply("✉️ ivan.p@example.com").await;
    assert!(
        card.text.contains("Last:") && card.text.contains("merged with: Ivan Petrof"),
        "{}",
        card.text
    );
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 2);

    // The same email; the user cancels.
    owner.send("/add Anna Smith IVAN@example.com");
    let choice = owner.expect_reply("may already be in the CRM").await;
    assert!(choice.text.contains("same email"), "{}", choice.text);
    owner.press(&choice, "Cancel");
    owner.expect_reply(&tr("en", "cancelled")).await;
    let press = owner.press(&choice, "Create anyway");
    assert_eq!(
        owner.expect_answer(&press).await,
        Some(tr("en", "button-expired"))
    );

    // Nothing alike: saved at once.
    owner.send("/add Maria Sidorova +7 912 345 67 89");
    owner.expect_reply(&tr("en", "contact-saved")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 3);
}

#[tokio::test]
async fn the_duplicates_report_merges_a_pair_keeping_both_histories() {
    let world = World::start().await;
    let owner = &world.owner;
    let kept = world.add_contact(owner, "Ivan Petrov +79991234567").await;
    owner.send("/add Петров Иван +7 999 000 00 00");
    let choice = owner.expect_reply("may already be in the CRM").await;
    owner.press(&choice, "Create anyway");
    owner.next_reply().await;
    let dropped = owner.next_reply().await;
    owner.press(&dropped, "Log call");
    let outcomes = owner.next_reply().await;
    owner.press(&outcomes, "No answer");
    owner.expect_reply("Call logged").await;

    let anna = world.join(1501, "Anna", "en", "manager").await;
    anna.send("/duplicates");
    anna.expect_reply(&tr("en", "gate-leads-only")).await;
    let (keep, drop) = (contact_id(&kept), contact_id(&dropped));
    let press = anna.press_data(1, &format!("mgy:{keep}:{drop}"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "gate-leads-only"))
    );
    let press = owner.press_data(1, &format!("mgy:{keep}:{keep}"));
    assert_eq!(
        owner.expect_answer(&press).await,
        Some(tr("en", "merge-self"))
    );

    owner.send("/duplicates");
    let report = owner.expect_reply("Likely duplicates (1)").await;
    assert!(
        report
            .text
            .contains("1. Ivan Petrov ↔ Петров Иван — same name"),
        "{}",
        report.text
    );
    owner.press(&report, "1. Merge");
    let confirm = owner
        .expect_reply("Merge Петров Иван into Ivan Petrov?")
        .await;
    owner.press(&confirm, "Yes, merge");
    let card = owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        card.text.contains("+79990000000") && card.text.contains("+79991234567"),
        "{}",
        card.text
    );
    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("call — No answer"),
        "{}",
        history.text
    );
    assert!(
        history
            .text
            .contains("merged with: Петров Иван, +79990000000"),
        "{}",
        history.text
    );
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);

    owner.send("/duplicates");
    owner.expect_reply(&tr("en", "duplicates-none")).await;
}

#[tokio::test]
async fn editing_a_phone_into_another_contacts_points_out_the_duplicate() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov +79991234567").await;
    let card = world.add_contact(owner, "Maria Sidorova").await;
    owner.press(&card, "Edit");
    let menu = owner.expect_reply("which field?").await;
    owner.press(&menu, "Phones");
    owner.expect_reply("New value for “Phones”").await;
    owner.send("8 999 123-45-67");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("👤 Maria Sidorova").await;
    let warning = owner.expect_reply(&tr("en", "duplicate-after-edit")).await;
    assert!(
        warning.text.contains("• Ivan Petrov — same phone"),
        "{}",
        warning.text
    );
    owner.press(&warning, "Merge into it");
    owner
        .expect_reply("Merge Maria Sidorova into Ivan Petrov?")
        .await;
}
