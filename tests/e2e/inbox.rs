//! What a client sends lands on the card: forwarded messages become notes, photos and voice
//! notes become files on the timeline that a button sends again.

use crate::support::*;

/// Waits for a reply containing `part`, skipping what comes before it.
async fn reply_with(user: &TgUser, part: &str) -> BotMessage {
    loop {
        let message = user.next_reply().await;
        if message.text.contains(part) {
            return message;
        }
    }
}

#[tokio::test]
async fn a_message_forwarded_from_a_known_client_is_filed_as_a_note_in_one_tap() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov +79991234567").await;
    world.add_contact(owner, "Maria Sidorova").await;
    // Ivan's card holds his Telegram username; he writes as "Vanya", a name no card has.
    world
        .db
        .execute("UPDATE contacts SET telegram = 'Ivan_P' WHERE name = 'Ivan Petrov'")
        .await;

    owner.forward_from_user("Please send me the price list", 5550, "Vanya", "ivan_p");
    let offer = owner.expect_reply("Forwarded from Vanya").await;
    assert!(
        offer.text.contains(&tr("en", "inbox-which")),
        "{}",
        offer.text
    );
    let people: Vec<&str> = (offer.buttons.iter())
        .filter(|(label, _)| label.starts_with('👤'))
        .map(|(label, _)| label.as_str())
        .collect();
    assert_eq!(people, ["👤 Ivan Petrov"]);
    owner.press(&offer, "Ivan Petrov");
    owner.expect_reply("Filed on the card of Ivan Petrov").await;
    let card = owner.expect_reply("👤 Ivan Petrov").await;
    assert!(
        card.text.contains("Please send me the price list"),
        "{}",
        card.text
    );

    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("note: forwarded from Vanya, ")
            && history.text.contains(": Please send me the price list"),
        "{}",
        history.text
    );
    // Filed once: the open question is closed, a second tap does nothing.
    let again = owner.press(&offer, "Ivan Petrov");
    assert_eq!(
        owner.expect_answer(&again).await,
        Some(tr("en", "button-expired"))
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE body LIKE 'forwarded from Vanya%'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_forward_from_a_hidden_account_is_filed_on_the_contact_typed() {
    let world = World::start().await;
    let owner = world.join(3101, "Oleg", "ru", "manager").await;
    world.add_contact(&owner, "Мария Сидорова").await;

    owner.forward_from_hidden_user("Перезвоните мне завтра", "Маша С.");
    let offer = owner.expect_reply("Переслано от Маша С.").await;
    owner.press(&offer, "Другой");
    owner.expect_reply(&tr("ru", "inbox-type-name")).await;
    owner.send("Сидорова");
    let found = owner.expect_reply(&tr("ru", "inbox-which")).await;
    owner.press(&found, "Мария Сидорова");
    owner
        .expect_reply("Сохранено в карточке: Мария Сидорова")
        .await;
    assert_eq!(
        world
            .db
            .text("SELECT body FROM history WHERE kind = 'note'")
            .await
            .split_once(": ")
            .map(|(from, text)| (from.starts_with("переслано от Маша С., "), text.to_owned())),
        Some((true, "Перезвоните мне завтра".to_owned()))
    );
}

#[tokio::test]
async fn a_photo_and_a_voice_note_are_filed_and_sent_again_by_their_file_ids() {
    let world = World::start().await;
    let owner = &world.owner;
    world.add_contact(owner, "Ivan Petrov").await;
    owner.send("/deal Petrov Supply contract 1000");
    reply_with(owner, "Supply contract").await;

    owner.send_photo("AgADphoto42", "signed contract");
    let offer = reply_with(owner, "📎 signed contract").await;
    assert!(
        offer.text.contains(&tr("en", "inbox-type-name")),
        "{}",
        offer.text
    );
    owner.send("petrov");
    let found = owner.expect_reply(&tr("en", "inbox-which")).await;
    owner.press(&found, "Ivan Petrov");
    let filed = owner.expect_reply("Filed on the card of Ivan Petrov").await;
    assert!(
        filed.text.contains(&tr("en", "inbox-also-deal")),
        "{}",
        filed.text
    );
    owner.press(&filed, "Supply contract");
    owner.expect_reply("👤 Ivan Petrov").await;
    owner
        .expect_reply("Also filed on the deal “Supply contract”")
        .await;

    owner.send_voice("AwADvoice7");
    reply_with(owner, "📎 voice note").await;
    owner.send("petrov");
    let found = owner.expect_reply(&tr("en", "inbox-which")).await;
    owner.press(&found, "Ivan Petrov");
    let card = reply_with(owner, "👤 Ivan Petrov").await;

    owner.press(&card, "History");
    let history = owner.expect_reply("History of Ivan Petrov").await;
    assert!(
        history.text.contains("📎 signed contract") && history.text.contains("📎 voice note"),
        "{}",
        history.text
    );
    owner.press(&history, "📎 signed contract");
    let photo = owner.next_reply().await;
    assert_eq!(photo.text, "signed contract");
    let sent = world.telegram.wait_for_calls("sendPhoto", 1).await;
    assert_eq!(sent[0].body["photo"], "AgADphoto42");
    owner.press(&history, "📎 voice note");
    let sent = world.telegram.wait_for_calls("sendVoice", 1).await;
    assert_eq!(sent[0].body["voice"], "AwADvoice7");
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM attachments WHERE deal_id IS NOT NULL")
            .await,
        1
    );
}

#[tokio::test]
async fn a_manager_cannot_file_on_or_fetch_from_a_colleagues_contact() {
    let world = World::start().await;
    let anna = world.join(3201, "Anna", "en", "manager").await;
    let boris = world.join(3202, "Boris", "en", "manager").await;
    world.add_contact(&anna, "Annabel Zvezdina").await;
    anna.send_photo("AgADsecret", "passport scan");
    reply_with(&anna, "📎 passport scan").await;
    anna.send("zvezdina");
    let found = anna.expect_reply(&tr("en", "inbox-which")).await;
    anna.press(&found, "Annabel Zvezdina");
    reply_with(&anna, "Filed on the card of Annabel Zvezdina").await;
    let contact = world
        .db
        .count("SELECT id FROM contacts WHERE name = 'Annabel Zvezdina'")
        .await;
    let attachment = world.db.count("SELECT MAX(id) FROM attachments").await;

    // Boris forwards a message from someone of that name: Anna's card is not proposed.
    boris.forward_from_hidden_user("hello", "Annabel Zvezdina");
    let offer = boris.expect_reply("Forwarded from Annabel Zvezdina").await;
    assert!(
        offer
            .buttons
            .iter()
            .all(|(label, _)| !label.contains("Zvezdina")),
        "{offer:?}"
    );
    // Nor accepted when he forges the button, nor is her file sent to him.
    for data in [format!("ib:{contact}"), format!("fl:{attachment}")] {
        let press = boris.press_data(offer.message_id, &data);
        assert_eq!(
            boris.expect_answer(&press).await,
            Some(tr("en", "contact-not-yours")),
            "{data}"
        );
    }
    boris.send("/help");
    reply_with(&boris, "/add").await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'note'")
            .await,
        0
    );
    assert_eq!(world.telegram.calls("sendPhoto").len(), 0);
}
