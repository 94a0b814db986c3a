//! Telegram Business: members' own chats with clients, logged on the clients' cards through
//! the updates Telegram sends once a member connects the bot to their account.

use crate::support::*;
use std::time::Duration;

const ANNA: i64 = 5101;
const BORIS: i64 = 5102;
const LEO: i64 = 5103;

/// Waits for a reply containing `part`, skipping what comes before it.
async fn reply_with(user: &TgUser, part: &str) -> BotMessage {
    loop {
        let message = user.next_reply().await;
        if message.text.contains(part) {
            return message;
        }
    }
}

/// Opens Ivan Petrov's card as `user`, as a contact list's row does.
async fn ivan_card(world: &World, user: &TgUser) -> BotMessage {
    let id = world
        .db
        .count("SELECT id FROM contacts WHERE name = 'Ivan Petrov'")
        .await;
    user.press_data(1, &format!("o:{id}"));
    reply_with(user, "👤 Ivan Petrov").await
}

/// Anna (a manager) with her account connected, and her client Ivan Petrov, linked to the bot
/// from Telegram account 9101.
async fn anna_with_ivan(world: &World, lang: &str) -> (TgUser, BusinessAccount, Client) {
    let anna = world.join(ANNA, "Anna", lang, "manager").await;
    world.add_contact(&anna, "Ivan Petrov +79160000001").await;
    world
        .db
        .execute("UPDATE contacts SET client_chat_id = 9101 WHERE name = 'Ivan Petrov'")
        .await;
    let account = world.telegram.business(&anna, "anna-account");
    account.connect(true);
    reply_with(&anna, "💬").await;
    (anna, account, Client::new(9101, "Ivan P", None))
}

#[tokio::test]
async fn a_members_connection_is_noted_and_a_strangers_chats_are_never_read() {
    let world = World::start().await;
    let anna = world.join(ANNA, "Anna", "en", "manager").await;
    let account = world.telegram.business(&anna, "anna-account");
    account.connect(false);
    let told = reply_with(&anna, "Your Telegram is connected").await;
    assert!(told.text.contains("Only you, the leads and the owner"));
    assert!(told.text.contains("kept 365 days"));
    assert!(told.text.contains("may not reply on your behalf"));
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM business_connections WHERE user_id = 5101 AND enabled = 1",
            1,
        )
        .await;

    // Someone who is not a member connects: told so, and their chats are never read.
    let stranger = world.telegram.user(5999, "Mallory", "en");
    let strangers = world.telegram.business(&stranger, "mallory-account");
    strangers.connect(true);
    stranger.expect_reply(&tr("en", "not-member")).await;
    let client = Client::new(9201, "Victim Client", Some("victim"));
    strangers.client_writes(&client, "my card number is 4242");
    stranger.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM business_connections")
            .await,
        1
    );
    assert_eq!(
        world.db.count("SELECT COUNT(*) FROM business_chats").await,
        0
    );

    // Disconnecting stops the logging at once.
    account.disconnect();
    reply_with(&anna, "Your Telegram is disconnected").await;
    account.client_writes(&client, "are you there?");
    anna.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM business_messages")
            .await,
        0
    );
}

#[tokio::test]
async fn messages_land_on_the_contact_matched_by_account_username_or_shared_phone() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    world.add_contact(&anna, "Olga Sidorova").await;
    world.add_contact(&anna, "Pavel Smirnov +79161234567").await;
    let db = &world.db;
    db.execute("UPDATE contacts SET telegram = 'olga_s' WHERE name = 'Olga Sidorova'")
        .await;
    db.execute("UPDATE contacts SET last_interaction_at = 1000 WHERE name = 'Ivan Petrov'")
        .await;

    account.client_writes(&ivan, "hello, is the sofa in stock?");
    account.member_writes(&ivan, "yes, two left");
    let olga = Client::new(9102, "Olga", Some("Olga_S"));
    account.client_writes(&olga, "send me the invoice");
    let pavel = Client::new(9103, "Pasha", None);
    account.client_shares_contact(&pavel, "+7 916 123-45-67");
    account.client_writes(&pavel, "what is the price?");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
         WHERE h.kind IN ('message_in', 'message_out') AND c.name IN \
         ('Ivan Petrov', 'Olga Sidorova', 'Pavel Smirnov')",
        5,
    )
    .await;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.name = 'Ivan Petrov' AND h.kind = 'message_out' \
             AND h.body = 'yes, two left' AND h.author_id = 5101"
        )
        .await,
        1
    );
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.name = 'Pavel Smirnov' AND h.kind = 'message_in' \
             AND h.body = 'what is the price?'"
        )
        .await,
        1
    );
    // A known person is never proposed; a message is a real interaction, which the summary
    // counts: three clients Anna wrote with.
    anna.expect_no_reply(Duration::from_millis(300)).await;
    anna.send("/summary");
    reply_with(&anna, "chats 3").await;
    assert!(
        db.count("SELECT last_interaction_at FROM contacts WHERE name = 'Ivan Petrov'")
            .await
            > 1000
    );

    // A photo is an entry whose button sends the file again.
    account.client_sends_photo(&ivan, "AgADsofa", "the one I want");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind = 'message_in' AND attachment_id IS NOT NULL",
        1,
    )
    .await;
    let card = ivan_card(&world, &anna).await;
    anna.press(&card, "History");
    let timeline = reply_with(&anna, "💬 the client wrote: hello, is the sofa in stock?").await;
    assert!(
        timeline
            .text
            .contains("💬 wrote to the client: yes, two left")
    );
    let photos_before = world.telegram.calls("sendPhoto").len();
    anna.press(&timeline, "📎");
    world
        .telegram
        .wait_for_calls("sendPhoto", photos_before + 1)
        .await;
    let sent = world.telegram.calls("sendPhoto");
    assert_eq!(sent.last().unwrap().body["photo"], "AgADsofa");
}

#[tokio::test]
async fn a_new_client_is_proposed_once_and_becomes_a_lead_with_the_chat_so_far() {
    let world = World::start().await;
    let anna = world.join(ANNA, "Anna", "ru", "manager").await;
    let account = world.telegram.business(&anna, "anna-account");
    account.connect(true);
    reply_with(&anna, "Ваш Telegram подключён").await;

    let maria = Client::new(9301, "Мария Кузнецова", Some("mariak"));
    account.client_writes(&maria, "Здравствуйте, нужны 50 стульев");
    let proposal = reply_with(
        &anna,
        "Новый клиент в вашем Telegram: Мария Кузнецова (@mariak)",
    )
    .await;
    account.member_writes(&maria, "Добрый день! Сейчас посчитаю");
    account.client_writes(&maria, "Жду");
    world
        .db
        .wait_for_count("SELECT COUNT(*) FROM business_messages", 3)
        .await;
    // One proposal per new client, however many messages come.
    anna.expect_no_reply(Duration::from_millis(300)).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'")
            .await,
        0
    );

    anna.press(&proposal, "Добавить как лида");
    reply_with(&anna, "Мария Кузнецова (@mariak) — новый лид").await;
    let card = reply_with(&anna, "👤 Мария Кузнецова").await;
    let db = &world.db;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM contacts WHERE name = 'Мария Кузнецова' AND owner_id = 5101 \
             AND telegram = 'mariak' AND converted_at IS NULL"
        )
        .await,
        1
    );
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.name = 'Мария Кузнецова' AND h.kind IN ('message_in', 'message_out')"
        )
        .await,
        3
    );
    account.client_writes(&maria, "Спасибо!");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind = 'message_in' AND body = 'Спасибо!'",
        1,
    )
    .await;
    anna.press(&card, "История");
    let timeline = reply_with(&anna, "💬 клиент написал: Здравствуйте, нужны 50 стульев").await;
    assert!(
        timeline
            .text
            .contains("💬 написал клиенту: Добрый день! Сейчас посчитаю")
    );
    // Pressed again, the proposal has nothing left to do.
    let press = anna.press(&proposal, "Добавить как лида");
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("ru", "button-expired"))
    );
    assert_eq!(
        db.count("SELECT COUNT(*) FROM contacts WHERE name = 'Мария Кузнецова'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_chat_is_linked_to_a_contact_or_ignored_and_an_ignored_chat_can_be_logged_again() {
    let world = World::start().await;
    let (anna, account, _) = anna_with_ivan(&world, "en").await;

    // Ivan writes from a second account nobody knows: Anna links it to his card.
    let ivan_work = Client::new(9401, "I. Petrov (work)", None);
    account.client_writes(&ivan_work, "this is my work account");
    let proposal = reply_with(&anna, "New client in your Telegram: I. Petrov (work)").await;
    anna.press(&proposal, "Link to a contact");
    reply_with(&anna, "Who is I. Petrov (work)?").await;
    anna.send("Petrov");
    let pick = reply_with(&anna, "Pick the contact").await;
    anna.press(&pick, "Ivan Petrov");
    reply_with(&anna, "is logged on Ivan Petrov's card").await;
    let db = &world.db;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.name = 'Ivan Petrov' AND h.body = 'this is my work account'"
        )
        .await,
        1
    );

    // Mum is ignored: nothing of hers is kept, ever.
    let mum = Client::new(9402, "Mum", None);
    account.client_writes(&mum, "call me when you can");
    let proposal = reply_with(&anna, "New client in your Telegram: Mum").await;
    anna.press(&proposal, "Ignore this chat");
    reply_with(&anna, "The chat with Mum will not be logged").await;
    account.client_writes(&mum, "and buy some bread");
    account.member_writes(&mum, "ok");
    anna.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM business_messages WHERE body LIKE '%bread%' OR body = 'ok' OR body LIKE 'call me%'")
            .await,
        0
    );

    // A teammate is not a client: their chat is neither proposed nor kept.
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    account.client_writes(&Client::new(boris.id, "Boris", None), "lunch?");
    anna.expect_no_reply(Duration::from_millis(500)).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM business_chats WHERE chat_id = 5102")
            .await,
        0
    );

    // Listed in /settings, where ↩️ makes her next message proposed again.
    anna.send("/settings");
    let settings = reply_with(&anna, "Settings").await;
    anna.press(&settings, "Telegram Business");
    let business = reply_with(&anna, "Ignored chats: 1").await;
    anna.press(&business, "Log again: Mum");
    reply_with(&anna, "Ignored chats: 0").await;
    account.client_writes(&mum, "did you buy the bread?");
    reply_with(&anna, "New client in your Telegram: Mum").await;
}

#[tokio::test]
async fn an_edit_updates_the_entry_and_a_deletion_marks_it_or_erases_it_as_the_member_chose() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    let db = &world.db;
    let asked = account.client_writes(&ivan, "I need 50 chairs");
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'", 1)
        .await;
    account.edit(&ivan, asked, "I need 60 chairs");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind = 'message_in' AND body = 'I need 60 chairs' \
         AND outcome = 'edited'",
        1,
    )
    .await;
    // Telegram lists deleted messages as plain integers.
    account.delete(&ivan, &[asked]);
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind = 'message_in' AND outcome = 'deleted'",
        1,
    )
    .await;
    let card = ivan_card(&world, &anna).await;
    anna.press(&card, "History");
    reply_with(&anna, "I need 60 chairs (deleted in Telegram)").await;

    // Anna chooses to erase what she deletes.
    anna.send("/settings");
    let settings = reply_with(&anna, "Settings").await;
    anna.press(&settings, "Telegram Business");
    let business = reply_with(&anna, "marked \"deleted\", kept").await;
    anna.press(&business, "Erase what I delete");
    reply_with(&anna, "erased here too").await;
    let oops = account.member_writes(&ivan, "wrong chat, sorry");
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_out'", 1)
        .await;
    account.delete(&ivan, &[oops]);
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_out'", 0)
        .await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM business_messages WHERE body = 'wrong chat, sorry'")
            .await,
        0
    );
}

#[tokio::test]
async fn only_the_member_the_leads_and_the_owner_see_a_members_logged_chats() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    let leo = world.join(LEO, "Leo", "en", "lead").await;
    let db = &world.db;
    account.client_writes(&ivan, "Anna, the discount we agreed");
    // Leo talks to Ivan from his own account too: logged on Anna's client, shown to Leo.
    let leos = world.telegram.business(&leo, "leo-account");
    leos.connect(true);
    reply_with(&leo, "Your Telegram is connected").await;
    leos.member_writes(&ivan, "Leo here, a private word about your contract");
    leos.client_sends_photo(&ivan, "AgADprivate", "for Leo only");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind IN ('message_in', 'message_out')",
        3,
    )
    .await;
    let ivan_id = db
        .count("SELECT id FROM contacts WHERE name = 'Ivan Petrov'")
        .await;
    let history = format!("h:{ivan_id}:0");

    anna.press_data(1, &history);
    let seen = reply_with(&anna, "History of Ivan Petrov").await;
    assert!(seen.text.contains("the discount we agreed"));
    assert!(!seen.text.contains("private word"), "{}", seen.text);
    assert!(
        !seen
            .buttons
            .iter()
            .any(|(label, _)| label.contains("for Leo only"))
    );
    // Nor is Leo's file sent to her when she forges its button.
    let file = db.count("SELECT MAX(id) FROM attachments").await;
    let press = anna.press_data(1, &format!("fl:{file}"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "button-expired"))
    );
    assert!(world.telegram.calls("sendPhoto").is_empty());

    leo.press_data(1, &history);
    let seen = reply_with(&leo, "History of Ivan Petrov").await;
    assert!(seen.text.contains("the discount we agreed"));
    assert!(seen.text.contains("private word"));
    leo.press(&seen, "for Leo only");
    world.telegram.wait_for_calls("sendPhoto", 1).await;

    world.owner.press_data(1, &history);
    let seen = reply_with(&world.owner, "History of Ivan Petrov").await;
    assert!(seen.text.contains("the discount we agreed") && seen.text.contains("private word"));

    // Boris, a colleague, sees neither: not the card, not the messages.
    let press = boris.press_data(1, &history);
    boris.expect_answer(&press).await;
    boris.send("/help");
    let after = reply_with(&boris, "/add").await;
    assert!(!after.text.contains("discount"));
    for call in world.telegram.calls("sendMessage") {
        if call.body["chat_id"] == BORIS {
            let text = call.body.to_string();
            assert!(
                !text.contains("discount") && !text.contains("private word"),
                "{text}"
            );
        }
    }
}

#[tokio::test]
async fn a_task_or_a_note_typed_in_the_clients_chat_lands_on_the_card_and_nothing_is_sent_there() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    let db = &world.db;
    account.client_writes(&ivan, "call me tomorrow");
    account.member_writes(&ivan, ".task tomorrow at 10 call Ivan back");
    reply_with(&anna, "call Ivan back").await;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM tasks t JOIN contacts c ON c.id = t.contact_id \
             WHERE c.name = 'Ivan Petrov' AND t.text = 'call Ivan back' AND t.owner_id = 5101"
        )
        .await,
        1
    );
    account.member_writes(&ivan, ".note wants 50 chairs");
    reply_with(&anna, "Note saved on Ivan P's card").await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'note' AND body = 'wants 50 chairs'")
            .await,
        1
    );
    // A form Anna is filling in the bot's chat is left as it was.
    anna.send("/add");
    reply_with(&anna, "step 1 of 3").await;
    account.member_writes(&ivan, ".note prefers delivery on Fridays");
    reply_with(&anna, "Note saved").await;
    anna.send("Olga Smirnova");
    reply_with(&anna, "step 2 of 3").await;
    anna.send("/cancel");
    // The commands are not messages to the client; nothing was sent or deleted there.
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'message_out'")
            .await,
        0
    );
    assert!(world.telegram.business_sends().is_empty());
    assert!(world.telegram.calls("deleteMessage").is_empty());

    // The owner sets another prefix: "." is an ordinary message again.
    world.owner.send("/settings");
    let settings = reply_with(&world.owner, "Settings").await;
    world.owner.press(&settings, "Telegram Business");
    let business = reply_with(&world.owner, "In-chat commands start with: .").await;
    world.owner.press(&business, "Command prefix");
    reply_with(&world.owner, "Type the prefix").await;
    world.owner.send("abc");
    reply_with(&world.owner, "A prefix is 1 to 3 signs").await;
    world.owner.send("!");
    reply_with(&world.owner, "now start with !").await;
    account.member_writes(&ivan, ".note this is a message now");
    account.member_writes(&ivan, "!note prefers oak");
    reply_with(&anna, "Note saved").await;
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind = 'message_out' \
         AND body = '.note this is a message now'",
        1,
    )
    .await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'note' AND body = 'prefers oak'")
            .await,
        1
    );
}

#[tokio::test]
async fn write_from_the_card_goes_from_the_members_account_only_with_the_right_to_reply() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    account.client_writes(&ivan, "any news?");
    world
        .db
        .wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'", 1)
        .await;

    let card = ivan_card(&world, &anna).await;
    anna.press(&card, "Write");
    reply_with(&anna, "sent from your Telegram").await;
    anna.send("Your order ships on Monday");
    reply_with(&anna, "Sent to Ivan P from your Telegram").await;
    let sends = world.telegram.wait_for_business_sends(1).await;
    assert_eq!(
        sends,
        vec![(
            "anna-account".to_owned(),
            9101,
            "Your order ships on Monday".to_owned()
        )]
    );
    // Telegram reports it back: logged as Anna's message to Ivan.
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM history WHERE kind = 'message_out' \
             AND body = 'Your order ships on Monday' AND author_id = 5101",
            1,
        )
        .await;
    // A text that looks like a command, sent from the card, is a message all the same.
    anna.press(&card, "Write");
    reply_with(&anna, "sent from your Telegram").await;
    anna.send(".note this goes to the client");
    reply_with(&anna, "Sent to Ivan P").await;
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM history WHERE kind = 'message_out' \
             AND body = '.note this goes to the client'",
            1,
        )
        .await;

    // Anna takes the right away in Telegram: the card says so and nothing is sent.
    account.connect(false);
    reply_with(&anna, "may not reply on your behalf").await;
    anna.press(&card, "Write");
    reply_with(&anna, "may not reply on your behalf").await;

    // Telegram refuses a send the bot believed allowed: Anna is told, nothing was sent.
    world
        .db
        .execute("UPDATE business_connections SET can_reply = 1")
        .await;
    anna.press(&card, "Write");
    reply_with(&anna, "sent from your Telegram").await;
    anna.send("Are you there?");
    reply_with(&anna, "Telegram did not let the bot send it").await;
    assert_eq!(world.telegram.business_sends().len(), 2);
    assert_eq!(world.telegram.refused_business_sends().len(), 1);
}

#[tokio::test]
async fn a_contacts_logged_messages_are_erased_on_request_and_after_the_retention() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    let db = &world.db;
    account.client_writes(&ivan, "please forget me");
    account.client_sends_voice(&ivan, "AwACvoice");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history WHERE kind IN ('message_in', 'message_out')",
        2,
    )
    .await;
    anna.send("/note Ivan asked to be forgotten");
    reply_with(&anna, "Note saved").await;

    anna.send("/settings");
    let settings = reply_with(&anna, "Settings").await;
    anna.press(&settings, "Telegram Business");
    let business = reply_with(&anna, "Telegram Business").await;
    anna.press(&business, "Erase a contact's messages");
    reply_with(&anna, "Whose logged messages").await;
    anna.send("Petrov");
    let pick = reply_with(&anna, "Pick the contact").await;
    anna.press(&pick, "Ivan Petrov");
    let confirm = reply_with(&anna, "cannot be undone").await;
    anna.press(&confirm, "Erase");
    reply_with(&anna, "Ivan Petrov: 2 logged messages erased").await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind IN ('message_in', 'message_out')")
            .await,
        0
    );
    assert_eq!(db.count("SELECT COUNT(*) FROM business_messages").await, 0);
    assert_eq!(db.count("SELECT COUNT(*) FROM attachments").await, 0);
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE kind = 'note'")
            .await,
        1
    );

    // Past the retention (365 days), a logged message is erased by itself.
    account.client_writes(&ivan, "an old message");
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'", 1)
        .await;
    db.execute("UPDATE business_messages SET sent_at = sent_at - 366 * 86400")
        .await;
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'", 0)
        .await;
}

#[tokio::test]
async fn a_removed_member_is_logged_no_more() {
    let world = World::start().await;
    let (_anna, account, ivan) = anna_with_ivan(&world, "en").await;
    let db = &world.db;
    account.client_writes(&ivan, "first");
    db.wait_for_count("SELECT COUNT(*) FROM business_messages", 1)
        .await;
    db.execute("UPDATE members SET removed_at = 1 WHERE user_id = 5101")
        .await;
    account.client_writes(&ivan, "second");
    // A later member's message shows the bot has read past Anna's update.
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    boris.send("/help");
    reply_with(&boris, "/add").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM business_messages").await, 1);
}

#[tokio::test]
async fn a_proposed_chat_keeps_only_its_last_fifty_messages() {
    let world = World::start().await;
    let (anna, account, _) = anna_with_ivan(&world, "en").await;
    let chatty = Client::new(9501, "Chatty Prospect", None);
    for i in 1..=55 {
        account.client_writes(&chatty, &format!("message {i}"));
    }
    let proposal = reply_with(&anna, "New client in your Telegram: Chatty Prospect").await;
    let db = &world.db;
    db.wait_for_count(
        "SELECT COUNT(*) FROM business_messages WHERE body = 'message 55'",
        1,
    )
    .await;
    assert_eq!(db.count("SELECT COUNT(*) FROM business_messages").await, 50);
    anna.press(&proposal, "Add as a lead");
    reply_with(&anna, "added as a lead").await;
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
             WHERE c.name = 'Chatty Prospect' AND h.kind = 'message_in'"
        )
        .await,
        50
    );
    assert_eq!(
        db.count("SELECT COUNT(*) FROM history WHERE body IN ('message 1', 'message 5')")
            .await,
        0
    );
}

#[tokio::test]
async fn a_logged_chat_follows_its_contact_into_a_merge() {
    let world = World::start().await;
    let (anna, account, ivan) = anna_with_ivan(&world, "en").await;
    world.add_contact(&anna, "Vanya Petrov +79160000002").await;
    let db = &world.db;
    account.client_writes(&ivan, "before the merge");
    db.wait_for_count("SELECT COUNT(*) FROM history WHERE kind = 'message_in'", 1)
        .await;
    let keep = db
        .count("SELECT id FROM contacts WHERE name = 'Vanya Petrov'")
        .await;
    let drop = db
        .count("SELECT id FROM contacts WHERE name = 'Ivan Petrov'")
        .await;
    let press = world.owner.press_data(1, &format!("mgy:{keep}:{drop}"));
    assert_eq!(
        world.owner.expect_answer(&press).await,
        Some("Merged.".to_owned())
    );
    account.client_writes(&ivan, "after the merge");
    db.wait_for_count(
        "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
         WHERE c.name = 'Vanya Petrov' AND h.kind = 'message_in'",
        2,
    )
    .await;
    anna.expect_no_reply(Duration::from_millis(300)).await;
}
