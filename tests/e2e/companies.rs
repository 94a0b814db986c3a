//! Companies: requisites with a checked INN, links to contacts both ways, a shared timeline.

use crate::support::*;

#[tokio::test]
async fn a_company_holds_requisites_and_links_to_its_contacts() {
    let world = World::start().await;
    let anna = world.join(2001, "Anna", "en", "manager").await;
    let boris = world.join(2002, "Boris", "en", "manager").await;
    let card = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    anna.press(&card, "Log call");
    let outcomes = anna.next_reply().await;
    anna.press(&outcomes, "Reached");
    anna.expect_reply("Call logged").await;

    anna.send("/company Romashka LLC");
    anna.expect_reply(&tr("en", "company-created")).await;
    let company = anna.expect_reply("🏢 Romashka LLC").await;
    assert!(
        company.text.contains("Responsible: Anna"),
        "{}",
        company.text
    );
    let company_id = company.button("Edit").trim_start_matches("ce:").to_owned();

    // Requisites, with a wrong INN first.
    anna.press(&company, "Edit");
    let menu = anna.expect_reply("Edit Romashka LLC").await;
    anna.press(&menu, "INN");
    anna.expect_reply("New value for “INN”").await;
    anna.send("7707083894");
    anna.expect_reply(&tr("en", "error-inn-invalid")).await;
    anna.send("7707083893");
    anna.expect_reply(&tr("en", "edit-saved")).await;
    let company = anna.expect_reply("INN: 7707083893").await;
    anna.press(&menu, "KPP");
    anna.expect_reply("New value for “KPP”").await;
    anna.send("773601001");
    anna.expect_reply(&tr("en", "edit-saved")).await;
    anna.expect_reply("KPP: 773601001").await;

    // Linking a contact shows on both cards.
    anna.press(&company, "Link a contact");
    anna.expect_reply("Which contact works at Romashka LLC?")
        .await;
    anna.send("petrov");
    let pick = anna.expect_reply(&tr("en", "company-link-pick")).await;
    anna.press(&pick, "Ivan Petrov");
    let company = anna.expect_reply("Contacts: Ivan Petrov").await;
    anna.press(&company, "👤 Ivan Petrov");
    let card = anna.expect_reply("👤 Ivan Petrov").await;
    assert!(card.text.contains("🏢 Romashka LLC"), "{}", card.text);

    // The company's timeline gathers its contacts' history.
    anna.press(&card, "🏢 Romashka LLC");
    let company = anna.expect_reply("🏢 Romashka LLC").await;
    anna.press(&company, "History");
    let history = anna.expect_reply("History of Romashka LLC").await;
    assert!(
        history.text.contains("Ivan Petrov: call — Reached"),
        "{}",
        history.text
    );
    assert!(
        history.text.contains("INN: — → 7707083893"),
        "{}",
        history.text
    );

    // Found by its company; the same name opens it instead of creating another.
    anna.send("/find romashka");
    anna.expect_reply("Found 1 contact").await;
    anna.send("/company romashka llc");
    anna.expect_reply("🏢 Romashka LLC").await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM companies").await, 1);

    // Another manager neither sees nor changes it.
    for data in [
        format!("oc:{company_id}"),
        format!("cf:{company_id}:inn"),
        format!("lk:{company_id}:1"),
    ] {
        let press = boris.press_data(1, &data);
        assert_eq!(
            boris.expect_answer(&press).await,
            Some(tr("en", "company-not-yours")),
            "{data}"
        );
    }
    boris.send("/company Romashka LLC");
    boris.expect_reply(&tr("en", "company-created")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM companies").await, 2);
}

#[tokio::test]
async fn a_company_card_shows_a_manager_only_their_own_contacts_and_history() {
    let world = World::start().await;
    let anna = world.join(2101, "Anna", "en", "manager").await;
    let boris = world.join(2102, "Boris", "en", "manager").await;
    anna.send("/company Vector");
    anna.expect_reply(&tr("en", "company-created")).await;
    anna.expect_reply("🏢 Vector").await;
    world.add_contact(&boris, "Bella Secretova").await;
    boris.send("/note Secretova wants a 40% discount, keep quiet");
    boris.expect_reply(&tr("en", "note-saved")).await;

    // The owner links Boris's client to Anna's company.
    let owner = &world.owner;
    owner.send("/company Vector");
    let company = owner.expect_reply("🏢 Vector").await;
    owner.press(&company, "Link a contact");
    owner.next_reply().await;
    owner.send("Secretova");
    let pick = owner.expect_reply(&tr("en", "company-link-pick")).await;
    owner.press(&pick, "Bella Secretova");
    owner.expect_reply("Contacts: Bella Secretova").await;
    owner.send("/company Vector");
    let company = owner.expect_reply("🏢 Vector").await;
    owner.press(&company, "History");
    let history = owner.expect_reply("History of Vector").await;
    assert!(history.text.contains("40% discount"), "{}", history.text);

    // Anna sees her company, but not Boris's client on it nor his notes in its history.
    anna.send("/company Vector");
    let company = anna.expect_reply("🏢 Vector").await;
    assert!(!company.text.contains("Secretova"), "{}", company.text);
    assert!(
        company
            .buttons
            .iter()
            .all(|(label, _)| !label.contains("Secretova")),
        "{company:?}"
    );
    anna.press(&company, "History");
    let history = anna.expect_reply("History of Vector").await;
    assert!(!history.text.contains("discount"), "{}", history.text);
    assert!(!history.text.contains("Secretova"), "{}", history.text);
}

#[tokio::test]
async fn a_name_search_finds_any_company_of_a_large_base_by_a_word_of_its_name() {
    let mut world = World::start().await;
    world.add_contact(&world.owner, "Ivan Petrov").await;
    // Ten thousand companies stored without their name words (as before the word index), the
    // one searched for last by name, linked to Ivan.
    world
        .db
        .execute(
            "INSERT INTO companies (team_id, owner_id, name, name_key, created_at) \
             WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 10050) \
             SELECT (SELECT MIN(id) FROM teams), 100, 'Filler ' || n, 'filler ' || n, 0 FROM seq",
        )
        .await;
    world
        .db
        .execute(
            "INSERT INTO companies (team_id, owner_id, name, name_key, created_at) \
             SELECT MIN(id), 100, 'Vostok Trading', 'vostok trading', 0 FROM teams",
        )
        .await;
    world
        .db
        .execute(
            "INSERT INTO company_contacts (company_id, contact_id) \
             SELECT (SELECT id FROM companies WHERE name = 'Vostok Trading'), id FROM contacts",
        )
        .await;
    // The next start indexes them.
    let bot = std::mem::replace(
        &mut world.bot,
        BotProcess::start(&world.telegram, &world.db, &[OWNER_ID]).await,
    );
    bot.kill().await;
    world
        .db
        .wait_for_count(
            "SELECT COUNT(DISTINCT company_id) FROM company_words",
            10_051,
        )
        .await;

    let owner = &world.owner;
    for query in ["vostok", "Востокк", "trading vostok", "vstok"] {
        owner.send(&format!("/find {query}"));
        owner.expect_reply("Found 1 contact").await;
    }
    owner.send("/company vostok trading");
    let company = owner.expect_reply("🏢 Vostok Trading").await;
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM companies").await,
        10_051
    );

    // Renamed, it is found by its new name only.
    owner.press(&company, "Edit");
    let menu = owner.expect_reply("Edit Vostok Trading").await;
    owner.press(&menu, "Name");
    owner.next_reply().await;
    owner.send("Zapad Logistics");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("🏢 Zapad Logistics").await;
    owner.send("/find zapad");
    owner.expect_reply("Found 1 contact").await;
    owner.send("/find vostok");
    owner.expect_reply("Nothing found").await;
}

#[tokio::test]
async fn an_inn_finds_its_company_and_nothing_found_offers_add_only_for_a_name() {
    let world = World::start().await;
    let owner = &world.owner;
    // Nothing yet: an INN, a pasted message and a name.
    owner.send("/find 7707083893");
    let nothing = owner.expect_reply("Nothing found").await;
    assert!(!nothing.text.contains("/add"), "{}", nothing.text);
    owner.send("Hello! Please send me the price list for 50 chairs.");
    let nothing = owner.expect_reply("Nothing found").await;
    assert!(!nothing.text.contains("/add"), "{}", nothing.text);
    owner.send("Ivan Sidorov");
    owner.expect_reply("To add it: /add Ivan Sidorov").await;

    owner.send("/company Romashka LLC");
    owner.expect_reply(&tr("en", "company-created")).await;
    let company = owner.expect_reply("🏢 Romashka LLC").await;
    owner.press(&company, "Edit");
    let menu = owner.expect_reply("Edit Romashka LLC").await;
    owner.press(&menu, "INN");
    owner.expect_reply("New value for “INN”").await;
    owner.send("7707083893");
    owner.expect_reply(&tr("en", "edit-saved")).await;
    owner.expect_reply("INN: 7707083893").await;

    owner.send("/find 7707083893");
    let found = owner.expect_reply("Companies with INN 7707083893").await;
    owner.press(&found, "Romashka LLC");
    owner.expect_reply("🏢 Romashka LLC").await;
}

/// Waits for a reply containing `part`, skipping what comes before it.
async fn reply_with(user: &TgUser, part: &str) -> BotMessage {
    loop {
        let message = user.next_reply().await;
        if message.text.contains(part) {
            return message;
        }
    }
}

/// The owner's Romashka LLC (INN 7707083893) with two open deals, 200 000 ₽ in all, and
/// Vasilek with none.
async fn two_companies(world: &World) {
    let owner = &world.owner;
    owner.send("/company Romashka LLC");
    let company = reply_with(owner, "🏢 Romashka LLC").await;
    world
        .db
        .execute("UPDATE companies SET inn = '7707083893' WHERE name = 'Romashka LLC'")
        .await;
    for (title, amount) in [("Chairs", 150_000), ("Desks", 50_000)] {
        owner.press(&company, "Deal");
        reply_with(owner, "New deal with Romashka LLC").await;
        owner.send(&format!("{title} {amount}"));
        reply_with(owner, &format!("💼 {title}")).await;
    }
    owner.send("/company Vasilek");
    reply_with(owner, "🏢 Vasilek").await;
}

#[tokio::test]
async fn companies_are_listed_with_their_inn_and_open_deals_and_found_by_inn() {
    let world = World::start().await;
    two_companies(&world).await;
    let owner = &world.owner;

    owner.send("/companies");
    let list = owner.expect_reply("🏢 Companies: 2 (page 1 of 1)").await;
    assert!(
        list.text
            .contains("🏢 Romashka LLC · INN 7707083893 · 💼 2 open deals, 200 000 ₽"),
        "{}",
        list.text
    );
    assert!(list.text.contains("\n🏢 Vasilek"), "{}", list.text);
    assert!(!list.text.contains("Vasilek ·"), "{}", list.text);

    owner.send("/companies 7707083893");
    let found = owner.expect_reply("Companies with INN 7707083893").await;
    assert!(found.text.contains("Romashka LLC"), "{}", found.text);
    assert!(!found.text.contains("Vasilek"), "{}", found.text);
    owner.send("/companies 7736207543");
    owner.expect_reply("No company with INN 7736207543").await;
    owner.send("/companies 7707083894");
    owner.expect_reply(&tr("en", "error-inn-invalid")).await;

    // The card shows the open deals and their sum; each opens the deal card.
    owner.press(&found, "Romashka LLC");
    let card = owner.expect_reply("🏢 Romashka LLC").await;
    assert!(
        card.text.contains("💼 2 open deals, 200 000 ₽"),
        "{}",
        card.text
    );
    owner.press(&card, "💼 Desks");
    let deal = owner.expect_reply("💼 Desks").await;
    assert!(deal.text.contains("50 000 ₽"), "{}", deal.text);
}

#[tokio::test]
async fn a_lead_reads_the_companies_in_russian() {
    let world = World::start().await;
    let lena = world.join(2301, "Лена", "ru", "lead").await;
    two_companies(&world).await;

    lena.send("/companies");
    let list = lena.expect_reply("🏢 Компании: 2 (страница 1 из 1)").await;
    assert!(
        list.text
            .contains("🏢 Romashka LLC · ИНН 7707083893 · 💼 2 открытые сделки, 200 000 ₽"),
        "{}",
        list.text
    );
    lena.press(&list, "Romashka LLC");
    let card = lena.expect_reply("🏢 Romashka LLC").await;
    assert!(
        card.text.contains("💼 2 открытые сделки, 200 000 ₽"),
        "{}",
        card.text
    );
    lena.send("/companies 7707083893");
    lena.expect_reply("Компании с ИНН 7707083893").await;
}
