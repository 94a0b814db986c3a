//! Segments and mailings: filters pick contacts, a mailing reaches the segment's subscribed,
//! linked clients through the paced job queue, stops for those who unsubscribed, and ends with
//! a delivery report.

use crate::support::*;
use std::time::Duration;

/// `count` contacts tagged #vip, each linked to the bot (chat 5001…) and subscribed.
async fn linked_vip_clients(db: &TestDb, count: u32) {
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         INSERT INTO contacts (team_id, owner_id, name, name_key, sorted_key, created_by, \
         created_at, last_interaction_at, subscribed, client_chat_id, client_language) \
         SELECT 1, 100, 'Client ' || CAST(i AS TEXT), 'client ' || CAST(i AS TEXT), \
         'client ' || CAST(i AS TEXT), 100, 1764000000, 1764000000, 1, 5000 + i, 'en' FROM n"
    ))
    .await;
    db.execute(
        "INSERT INTO contact_tags (contact_id, tag) \
         SELECT id, 'vip' FROM contacts WHERE client_chat_id IS NOT NULL",
    )
    .await;
}

#[tokio::test]
async fn a_mailing_reaches_a_segment_paced_and_stops_for_the_unsubscribed() {
    // Mid-day, so the clients' quiet hours (21:00–09:00) do not hold the mailing back whenever
    // the suite happens to run.
    let world = World::start_with(&[("CHATCRM_CLOCK_START", "2026-11-25T12:00:00+03:00")]).await;
    let owner = &world.owner;
    world.bot.wait_for_log("serving updates").await;
    linked_vip_clients(&world.db, 200).await;
    // Not in the segment's reach: a VIP who is not linked, and one who opted out.
    world.add_contact(owner, "Vera Unlinked").await;
    world
        .db
        .execute(
            "INSERT INTO contact_tags (contact_id, tag) \
             SELECT id, 'vip' FROM contacts WHERE name = 'Vera Unlinked'",
        )
        .await;
    world
        .db
        .execute("UPDATE contacts SET subscribed = 0 WHERE name = 'Client 200'")
        .await;

    owner.send("/segments");
    let list = owner.expect_reply(&tr("en", "segments-none")).await;
    owner.press(&list, "New segment");
    owner.expect_reply("Send the filters").await;
    owner.send("colour:red");
    owner.expect_reply(&tr("en", "error-segment-invalid")).await;
    owner.send("#VIP");
    owner
        .expect_reply("201 contacts, 199 of them clients a mailing can reach")
        .await;
    owner.send("VIP clients");
    let card = owner.expect_reply("🎯 VIP clients").await;
    assert!(card.text.contains("Filters: #vip"), "{}", card.text);

    // A segment nobody can be mailed in gets no mailing at all.
    owner.send("/segments");
    let list = owner.expect_reply(&tr("en", "segments-title")).await;
    owner.press(&list, "New segment");
    owner.expect_reply("Send the filters").await;
    owner.send("#nobody region:Atlantis");
    owner.expect_reply("0 contacts").await;
    owner.send("Nobody");
    let empty = owner.expect_reply("🎯 Nobody").await;
    owner.press(&empty, "Mailing");
    owner.expect_reply(&tr("en", "mailing-ask")).await;
    owner.send("Hello?");
    owner.expect_reply("Nobody to send to").await;

    // A manager may see segments but not mail them.
    let anna = world.join(300, "Anna", "en", "manager").await;
    let press = anna.press_data(1, card.button("Mailing"));
    assert_eq!(
        anna.expect_answer(&press).await,
        Some(tr("en", "gate-leads-only"))
    );

    owner.press(&card, "Mailing");
    owner.expect_reply(&tr("en", "mailing-ask")).await;
    owner.send("New collection in stock!");
    let preview = owner.expect_reply("It goes to 199 of 201 contacts").await;
    assert!(preview.text.contains("New collection in stock!"));
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM jobs WHERE kind = 'mailing'")
            .await,
        0,
        "nothing is queued before Send"
    );
    owner.press(&preview, "Send");
    owner.expect_reply("Sending to 199 clients").await;
    // Four more opt out before their message goes: they are skipped.
    world
        .db
        .execute(
            "UPDATE contacts SET subscribed = 0 WHERE name IN \
             ('Client 196', 'Client 197', 'Client 198', 'Client 199')",
        )
        .await;

    let report = owner.expect_reply("📬 Mailing done").await;
    let sent: Vec<Call> = world
        .telegram
        .calls("sendMessage")
        .into_iter()
        .filter(|call| call.body["text"] == "New collection in stock!")
        .collect();
    let delivered = sent.len();
    assert!(
        report.text.contains(&format!("sent {delivered},")),
        "{}",
        report.text
    );
    assert!(delivered >= 180, "only {delivered} sent");
    let mut chats: Vec<i64> = sent
        .iter()
        .filter_map(|c| c.body["chat_id"].as_i64())
        .collect();
    chats.sort();
    chats.dedup();
    assert_eq!(chats.len(), delivered, "nobody got it twice");
    assert!(!chats.contains(&5200), "the opted-out client got nothing");
    // Paced: never more than 30 in any second.
    for (i, call) in sent.iter().enumerate() {
        let within_a_second = sent[i..]
            .iter()
            .take_while(|later| later.at.duration_since(call.at) < Duration::from_secs(1))
            .count();
        assert!(
            within_a_second <= 30,
            "{within_a_second} messages in one second"
        );
    }

    // A client unsubscribes with the button; only they can press it.
    let client = world.telegram.user(5001, "Client", "en");
    let message_id = sent
        .iter()
        .find(|c| c.body["chat_id"] == 5001)
        .and_then(|c| c.body["message_id"].as_i64())
        .unwrap();
    let data = "uns:1";
    let stranger = world.telegram.user(6000, "Eve", "en");
    let press = stranger.press_data(message_id, data);
    assert_eq!(
        stranger.expect_answer(&press).await,
        Some(tr("en", "button-expired"))
    );
    client.press_data(message_id, data);
    client.expect_reply(&tr("en", "unsubscribed")).await;
    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM contacts WHERE subscribed = 1 AND client_chat_id IS NOT NULL"
            )
            .await,
        194
    );
}
