//! Joining the team: owners from the configuration or the claim link, invite links, roles,
//! languages, and strangers who see nothing.

use crate::support::*;

#[tokio::test]
async fn a_stranger_sees_no_data_and_is_asked_for_an_invite() {
    let world = World::start().await;
    world
        .add_contact(&world.owner, "Ivan Petrov +79991234567")
        .await;
    let stranger = world.telegram.user(666, "Mallory", "en");
    let not_member = tr("en", "not-member");

    for text in ["/start", "/find petrov", "petrov", "/add Eve", "/help"] {
        stranger.send(text);
        let reply = stranger.next_reply().await;
        assert_eq!(reply.text, not_member, "after {text:?}");
    }
    // A forged button for the owner's contact (id 1) is refused too.
    let press = stranger.press_data(1, "o:1");
    assert_eq!(
        stranger.expect_answer(&press).await,
        Some(not_member.clone())
    );
    stranger
        .expect_no_reply(std::time::Duration::from_millis(300))
        .await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM contacts").await, 1);
}

#[tokio::test]
async fn the_owner_invites_a_manager_who_joins_with_a_one_time_link() {
    let world = World::start().await;
    world.owner.send("/invite");
    let invite = world
        .owner
        .expect_reply("https://t.me/chatcrm_test_bot?start=join_")
        .await;
    assert!(invite.text.contains("72 hours"), "{}", invite.text);
    let token = invite_token(&invite.text);

    let anna = world.telegram.user(201, "Anna", "en");
    anna.send(&format!("/start join_{token}"));
    let welcome = anna.expect_reply("Welcome to the team").await;
    assert!(welcome.text.contains("manager"), "{}", welcome.text);
    assert!(
        !welcome.text.contains("/invite"),
        "managers do not invite: {}",
        welcome.text
    );

    // The link works once.
    let boris = world.telegram.user(202, "Boris", "en");
    boris.send(&format!("/start join_{token}"));
    boris.expect_reply(&tr("en", "link-used")).await;
    boris.send("/find anna");
    boris.expect_reply(&tr("en", "not-member")).await;

    // A manager cannot invite; a made-up token does nothing.
    anna.send("/invite");
    anna.expect_reply(&tr("en", "gate-leads-only")).await;
    boris.send("/start join_NotARealToken123");
    boris.expect_reply(&tr("en", "link-unknown")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM members").await, 2);
}

#[tokio::test]
async fn a_lead_invites_managers_but_not_leads() {
    let world = World::start().await;
    let lead = world.join(301, "Lena", "en", "lead").await;
    lead.send("/help");
    let help = lead.expect_reply("team lead").await;
    assert!(help.text.contains("/invite"), "{}", help.text);

    lead.send("/invite lead");
    lead.expect_reply(&tr("en", "invite-not-allowed")).await;
    lead.send("/invite owner");
    lead.expect_reply(&tr("en", "invite-usage")).await;
    lead.send("/invite manager");
    let invite = lead.expect_reply("start=join_").await;
    let newcomer = world.telegram.user(302, "Max", "en");
    newcomer.send(&format!("/start join_{}", invite_token(&invite.text)));
    newcomer.expect_reply("Your role: manager").await;
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let world = World::start().await;
    world.owner.send("/invite manager");
    let invite = world.owner.expect_reply("start=join_").await;
    world.db.execute("UPDATE invites SET expires_at = 1").await;
    let late = world.telegram.user(401, "Late", "en");
    late.send(&format!("/start join_{}", invite_token(&invite.text)));
    late.expect_reply(&tr("en", "link-expired")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM members").await, 1);
}

#[tokio::test]
async fn without_configured_owners_the_log_shows_a_one_time_claim_link() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let bot = BotProcess::start(&telegram, &db, &[]).await;
    let line = bot.wait_for_log("start=claim_").await;
    assert!(
        line.contains("https://t.me/chatcrm_test_bot?start=claim_"),
        "{line}"
    );
    let token = invite_token(&line);

    let first = telegram.user(501, "Fiona", "en");
    first.send(&format!("/start claim_{token}"));
    let welcome = first.expect_reply("Welcome to the team").await;
    assert!(welcome.text.contains("owner"), "{}", welcome.text);

    let second = telegram.user(502, "Sam", "en");
    second.send(&format!("/start claim_{token}"));
    second.expect_reply(&tr("en", "link-used")).await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM members WHERE role = 'owner'")
            .await,
        1
    );
}

#[tokio::test]
async fn unknown_commands_and_stickers_get_help() {
    let world = World::start().await;
    world.owner.send("/frobnicate");
    let reply = world.owner.expect_reply(&tr("en", "unknown-command")).await;
    assert!(reply.text.contains("/add"), "{}", reply.text);
    world.owner.send_sticker();
    world
        .owner
        .expect_reply(&tr("en", "unsupported-message"))
        .await;
}

#[tokio::test]
async fn commands_are_registered_with_telegram_in_both_languages() {
    let world = World::start().await;
    let calls = world.telegram.wait_for_calls("setMyCommands", 3).await;
    let by_language = |code: Option<&str>| {
        calls
            .iter()
            .find(|call| call.body["language_code"].as_str() == code)
            .unwrap_or_else(|| panic!("no setMyCommands for {code:?}"))
            .body["commands"]
            .clone()
    };
    let ru = by_language(Some("ru"));
    let en = by_language(Some("en"));
    assert_eq!(by_language(None), en);
    assert_eq!(ru[0]["command"], "add");
    assert!(ru[0]["description"].as_str().unwrap().contains("добавить"));
    assert!(
        en[0]["description"]
            .as_str()
            .unwrap()
            .contains("add a contact")
    );
}

#[tokio::test]
async fn the_language_follows_telegram_and_can_be_changed_in_settings() {
    let world = World::start().await;
    let ivan = world.join(601, "Иван", "ru", "manager").await;
    ivan.send("/help");
    ivan.expect_reply("Ваша роль: менеджер").await;
    // Until a language is chosen, the app's language of the moment is followed.
    let ivan_in_english = world.telegram.user(601, "Иван", "en");
    ivan_in_english.send("/help");
    ivan.expect_reply("Your role: manager").await;

    ivan.send("/settings");
    let menu = ivan.expect_reply("Настройки").await;
    let press = ivan.press(&menu, "English");
    let edited = ivan.expect_reply("Settings").await;
    assert!(edited.edited && edited.message_id == menu.message_id);
    ivan.expect_answer(&press).await;

    // A chosen language stays whatever the app says.
    ivan.send("/help");
    ivan.expect_reply("Your role: manager").await;
}

#[tokio::test]
async fn a_claim_link_dies_once_the_team_has_an_owner() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let bot = BotProcess::start(&telegram, &db, &[]).await;
    let token = invite_token(&bot.wait_for_log("start=claim_").await);
    bot.kill().await;

    // The owner is configured now; the link printed before must not make a second owner.
    let _bot = BotProcess::start(&telegram, &db, &[OWNER_ID]).await;
    let owner = telegram.user(OWNER_ID, "Olga", "en");
    owner.send("/help");
    owner.expect_reply("owner").await;
    let stranger = telegram.user(666, "Mallory", "en");
    stranger.send(&format!("/start claim_{token}"));
    stranger.expect_reply(&tr("en", "link-unknown")).await;
    stranger.send("/team");
    stranger.expect_reply(&tr("en", "not-member")).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM members").await, 1);
    assert_eq!(db.count("SELECT COUNT(*) FROM teams").await, 1);
}

#[tokio::test]
async fn a_claimed_team_prints_no_new_claim_link_and_makes_no_second_team() {
    let telegram = FakeTelegram::start().await;
    let db = TestDb::new().await;
    let bot = BotProcess::start(&telegram, &db, &[]).await;
    let token = invite_token(&bot.wait_for_log("start=claim_").await);
    let fiona = telegram.user(501, "Fiona", "en");
    fiona.send(&format!("/start claim_{token}"));
    fiona.expect_reply("Welcome to the team").await;
    bot.kill().await;

    let bot = BotProcess::start(&telegram, &db, &[]).await;
    fiona.send("/help");
    fiona.expect_reply("owner").await;
    bot.wait_for_log("serving updates").await;
    assert_eq!(
        db.count("SELECT COUNT(*) FROM invites WHERE team_id IS NULL AND used_by IS NULL")
            .await,
        0
    );
    let stranger = telegram.user(666, "Mallory", "en");
    stranger.send(&format!("/start claim_{token}"));
    stranger.expect_reply(&tr("en", "link-used")).await;
    assert_eq!(db.count("SELECT COUNT(*) FROM teams").await, 1);
}

#[tokio::test]
async fn a_join_link_dies_with_its_inviters_right_to_invite() {
    let world = World::start().await;
    let lena = world.join(601, "Lena", "en", "lead").await;
    lena.send("/invite manager");
    let token = invite_token(&lena.expect_reply("start=join_").await.text);

    // The owner makes Lena a manager before anyone opens her link.
    world.make_manager("Lena").await;

    let newcomer = world.telegram.user(602, "Nick", "en");
    newcomer.send(&format!("/start join_{token}"));
    newcomer.expect_reply(&tr("en", "link-unknown")).await;
    assert_eq!(world.db.count("SELECT COUNT(*) FROM members").await, 2);
}

#[tokio::test]
async fn an_unknown_command_gets_a_short_answer_not_the_whole_help() {
    let world = World::start().await;
    world.owner.send("/frobnicate");
    let reply = world.owner.expect_reply(&tr("en", "unknown-command")).await;
    assert!(reply.text.contains("/help"), "{}", reply.text);
    assert!(reply.text.lines().count() <= 2, "{}", reply.text);
}

#[tokio::test]
async fn every_settings_menu_leads_back_to_settings() {
    let world = World::start().await;
    let owner = &world.owner;
    owner.send("/settings");
    let menu = owner.expect_reply(&tr("en", "settings-title")).await;
    for submenu in [
        "button-schedules",
        "button-custom-fields",
        "button-funnel-stages",
    ] {
        owner.press(&menu, &tr("en", submenu));
        let opened = owner.next_reply().await;
        assert!(
            opened.edited && opened.message_id == menu.message_id,
            "{submenu}"
        );
        owner.press(&opened, &tr("en", "button-back"));
        let back = owner.expect_reply(&tr("en", "settings-title")).await;
        assert!(
            back.edited && back.message_id == menu.message_id,
            "{submenu}"
        );
    }
}
