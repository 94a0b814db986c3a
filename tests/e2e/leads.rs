//! Lead capture: `POST /api/leads` by JSON and by an HTML form, each refusal with its status,
//! idempotency, the round-robin, a lead from an existing contact, and a lead arriving while
//! Telegram is down.

use crate::support::*;
use serde_json::Value;
use std::time::Duration;

const TOKEN: &str = "test-leads-token";
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// The bot's HTTP listener.
struct Api {
    url: String,
    client: reqwest::Client,
}

/// A status and the body read as JSON (`Null` when it is not).
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl Api {
    async fn post(&self, content_type: &str, body: &str, headers: &[(&str, &str)]) -> Answer {
        let mut request = self
            .client
            .post(&self.url)
            .header("Content-Type", content_type)
            .body(body.to_owned());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the listener answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        Answer {
            status,
            headers,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }

    /// A JSON lead with the team's token.
    async fn lead(&self, body: &str) -> Answer {
        self.post(JSON, body, &[("Authorization", &format!("Bearer {TOKEN}"))])
            .await
    }
}

/// A world whose bot serves HTTP on a free port, with the team's lead token set.
async fn start(extra: &[(&str, &str)]) -> (World, Api) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut env = vec![
        ("CHATCRM_LISTEN", listen.as_str()),
        ("CHATCRM_LEADS_TOKEN", TOKEN),
    ];
    env.extend_from_slice(extra);
    let world = World::start_with(&env).await;
    world.bot.wait_for_log("listening on HTTP").await;
    let api = Api {
        url: format!("http://{listen}/api/leads"),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    };
    (world, api)
}

#[tokio::test]
async fn a_json_lead_becomes_a_contact_and_its_assignee_is_told_at_once() {
    let (world, api) = start(&[]).await;
    let answer = api
        .lead(r#"{"name": "Ivan Petrov", "phone": "8 999 123-45-67", "source": "site", "comment": "Call after 6", "budget": "100k"}"#)
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    assert!(answer.body["id"].as_i64().is_some());
    assert_eq!(answer.body["duplicate_of"], Value::Null);

    let message = world.owner.expect_reply("🔥 New lead from site").await;
    assert!(message.text.contains("Ivan Petrov"), "{}", message.text);
    assert!(message.text.contains("+79991234567"), "{}", message.text);
    assert!(message.text.contains("budget: 100k"), "{}", message.text);
    for button in ["Log call", "Remind", "Deal"] {
        message.button(button);
    }
    world.owner.press(&message, "Log call");
    world.owner.expect_reply("Ivan Petrov").await;

    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE converted_at IS NULL AND owner_id = 100")
            .await,
        1
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'lead' AND outcome = 'site'")
            .await,
        1
    );
    world.owner.send("/summary");
    world
        .owner
        .expect_reply("New leads by source: site 1")
        .await;
}

#[tokio::test]
async fn an_html_form_posts_a_lead_and_goes_back_to_the_page() {
    let (world, api) = start(&[]).await;
    let form = format!(
        "token={TOKEN}&name=Anna+Smirnova&email=anna%40example.com&source=landing-spring\
         &redirect=https%3A%2F%2Fexample.com%2Fthanks"
    );
    let answer = api.post(FORM, &form, &[]).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.headers["location"], "https://example.com/thanks");
    world
        .owner
        .expect_reply("🔥 New lead from landing-spring")
        .await;
    // Without a page to go back to, the answer is the receipt.
    let answer = api
        .post(FORM, &format!("token={TOKEN}&phone=%2B79990001122"), &[])
        .await;
    assert_eq!(answer.status, 201);
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 2);
}

#[tokio::test]
async fn every_refusal_has_its_status_and_stores_nothing() {
    let (world, api) = start(&[("CHATCRM_LEADS_PER_MINUTE", "3")]).await;
    let lead = r#"{"name": "Ivan"}"#;
    assert_eq!(api.post(JSON, lead, &[]).await.status, 401);
    let wrong = api
        .post(JSON, lead, &[("Authorization", "Bearer nope")])
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(api.post("text/plain", lead, &[]).await.status, 415);
    assert_eq!(api.lead("{\"name\": ").await.status, 400);
    assert_eq!(api.lead(r#"{"name": ["Ivan"]}"#).await.status, 400);
    let huge = format!(r#"{{"name": "Ivan", "comment": "{}"}}"#, "x".repeat(70_000));
    assert_eq!(api.lead(&huge).await.status, 413);

    let invalid = api
        .lead(r#"{"phone": "12", "email": "not-an-email"}"#)
        .await;
    assert_eq!(invalid.status, 422);
    assert!(
        invalid.body["errors"]["phone"].is_string(),
        "{:?}",
        invalid.body
    );
    assert!(
        invalid.body["errors"]["email"].is_string(),
        "{:?}",
        invalid.body
    );
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 0);

    // Three a minute: the 422 counted, two more pass, the next waits.
    assert_eq!(api.lead(lead).await.status, 201);
    assert_eq!(api.lead(r#"{"name": "Olga"}"#).await.status, 201);
    let limited = api.lead(r#"{"name": "Pavel"}"#).await;
    assert_eq!(limited.status, 429);
    let wait: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 2);
}

#[tokio::test]
async fn the_same_idempotency_key_returns_the_first_answer() {
    let (world, api) = start(&[]).await;
    let headers = [
        ("Authorization", format!("Bearer {TOKEN}")),
        ("Idempotency-Key", "order-77".to_owned()),
    ];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let lead = r#"{"name": "Ivan", "phone": "+79991234567"}"#;
    let first = api.post(JSON, lead, &headers).await;
    assert_eq!(first.status, 201);
    let again = api.post(JSON, lead, &headers).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body);
    world.owner.expect_reply("🔥 New lead").await;
    world.owner.expect_no_reply(Duration::from_secs(2)).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(world.db.count("SELECT COUNT(*) FROM leads").await, 1);
    // Another key is another lead (from the same person: on the same contact).
    let other = api
        .post(JSON, lead, &[headers[0], ("Idempotency-Key", "order-78")])
        .await;
    assert_eq!(other.body["duplicate_of"], first.body["contact_id"]);
}

#[tokio::test]
async fn new_leads_go_round_the_ticked_members() {
    let (world, api) = start(&[]).await;
    let anna = world.join(201, "Anna", "en", "manager").await;
    let boris = world.join(202, "Boris", "en", "manager").await;
    let owner = &world.owner;
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Lead capture");
    let capture = owner.expect_reply("🔌 Lead capture").await;
    assert!(capture.text.contains(TOKEN), "{}", capture.text);
    assert!(
        capture.text.contains("<form method=\"post\""),
        "{}",
        capture.text
    );
    owner.press(&capture, "Assign");
    let assign = owner.expect_reply("New leads go to: Olga").await;
    owner.press(&assign, "☐ Anna");
    let assign = owner.expect_reply("in turn: Anna").await;
    owner.press(&assign, "☐ Boris");
    owner.expect_reply("in turn: Anna, Boris").await;

    for (phone, to) in [
        ("+79990000001", &anna),
        ("+79990000002", &boris),
        ("+79990000003", &anna),
    ] {
        let answer = api
            .lead(&format!(r#"{{"phone": "{phone}", "source": "site"}}"#))
            .await;
        assert_eq!(answer.status, 201);
        to.expect_reply(phone).await;
    }
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 201")
            .await,
        2
    );
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM contacts WHERE owner_id = 202")
            .await,
        1
    );

    // One member for all: the rotation is cleared.
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Lead capture");
    let capture = owner.expect_reply("🔌 Lead capture").await;
    owner.press(&capture, "Assign");
    let assign = owner.expect_reply("in turn").await;
    owner.press(&assign, "Only Boris");
    owner.expect_reply("New leads go to: Boris").await;
    api.lead(r#"{"name": "Vera"}"#).await;
    boris.expect_reply("Vera").await;
}

#[tokio::test]
async fn the_owner_rotates_the_token_and_the_old_one_stops_working() {
    let (world, api) = start(&[]).await;
    let owner = &world.owner;
    owner.send("/settings");
    let settings = owner.expect_reply("Settings").await;
    owner.press(&settings, "Lead capture");
    let capture = owner.expect_reply(TOKEN).await;
    owner.press(&capture, "New token");
    let rotated = owner.expect_reply("🔌 Lead capture").await;
    assert!(!rotated.text.contains(TOKEN), "{}", rotated.text);
    assert_eq!(api.lead(r#"{"name": "Ivan"}"#).await.status, 401);
    let token = world.db.text("SELECT token FROM lead_settings").await;
    let answer = api
        .post(
            JSON,
            r#"{"name": "Ivan"}"#,
            &[("Authorization", &format!("Bearer {token}"))],
        )
        .await;
    assert_eq!(answer.status, 201);
}

#[tokio::test]
async fn a_lead_with_a_known_phone_lands_on_the_existing_contact() {
    let (world, api) = start(&[]).await;
    let anna = world.join(201, "Anna", "en", "manager").await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    let existing = world.db.count("SELECT MAX(id) FROM contacts").await;

    let answer = api
        .lead(r#"{"name": "Ivan", "phone": "+7 999 123 45 67", "source": "site", "comment": "Need a quote"}"#)
        .await;
    assert_eq!(answer.status, 201);
    assert_eq!(answer.body["duplicate_of"].as_i64(), Some(existing));
    let told = anna
        .expect_reply("New request from site from your contact Ivan Petrov")
        .await;
    assert!(told.text.contains("comment: Need a quote"), "{}", told.text);
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'lead'")
            .await,
        1
    );
    // A request from a known contact is not a new lead in the summary.
    world.owner.send("/summary");
    let summary = world.owner.expect_reply("Summary").await;
    assert!(!summary.text.contains("by source"), "{}", summary.text);
}

#[tokio::test]
async fn a_lead_arriving_while_telegram_is_down_is_delivered_once_it_is_back() {
    let (mut world, api) = start(&[]).await;
    world.owner.send("/help");
    world.owner.expect_reply("Your role").await;
    world.telegram.go_offline().await;
    let answer = api.lead(r#"{"name": "Ivan", "source": "site"}"#).await;
    assert_eq!(answer.status, 201);
    tokio::time::sleep(Duration::from_secs(2)).await;
    world.telegram.go_online().await;
    world.owner.expect_reply("🔥 New lead from site").await;
    world.owner.expect_no_reply(Duration::from_secs(2)).await;
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM jobs WHERE kind = 'new_lead' AND status = 'sent'",
            1,
        )
        .await;
}
