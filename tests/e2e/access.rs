//! Access from outside: every kind of button the bot can decode, forged by a colleague, a
//! stranger, a removed member, a linked client, and pressed in the team's group, leaks nothing
//! of a manager's base to the presser or the group and changes nothing stored.

use crate::support::*;
use chatcrm::chat::{Action, ActionKind};
use strum::IntoEnumIterator;

const ANNA: i64 = 4001;
const BORIS: i64 = 4002;
const RITA: i64 = 4003;
const CLIENT: i64 = 4500;
const STRANGER: i64 = 4999;
const GROUP: i64 = -4000;

/// What Anna's base holds: none of it may reach anyone but Anna, the owner and leads.
const SECRETS: [&str; 8] = [
    "Annabel Zvezdina",
    "79990007788",
    "whispered secret",
    "Zvezda Trading",
    "Pipeline contract",
    "call zvezdina privately",
    "Import Secretname",
    "Zvezdina passport scan",
];

/// Everything a forged press could change, in one line.
const FINGERPRINT: &str = "SELECT \
    CAST((SELECT COUNT(*) FROM history) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM contacts WHERE archived_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COALESCE(SUM(owner_id), 0) FROM contacts) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM contacts WHERE subscribed = 1) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM contacts WHERE client_chat_id IS NOT NULL) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM contact_phones) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM contact_tags) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM companies) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM company_contacts) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM deals WHERE closed_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COALESCE(SUM(updated_at), 0) FROM deals) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM tasks WHERE done_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COALESCE(SUM(due_at), 0) FROM tasks) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM appointments WHERE status = 'booked') AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM segments) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM mailings) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM imports WHERE finished_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM members WHERE removed_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM members WHERE role = 'manager') AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM invites) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM stages WHERE removed_at IS NULL) AS TEXT) \
    || '/' || CAST((SELECT COALESCE(SUM(probability * position), 0) FROM stages) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM custom_fields) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM dormancy_rules) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM client_links) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM feedback) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM attachments) AS TEXT) \
    || '/' || CAST((SELECT COALESCE(SUM(deal_id), 0) FROM attachments) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM lead_rotation) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM business_messages) AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM business_chats WHERE state = 'proposed') AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM business_chats WHERE state = 'ignored') AS TEXT) \
    || '/' || CAST((SELECT COUNT(*) FROM lead_settings) AS TEXT) \
    || '/' || (SELECT COALESCE(contact_kinds, '') || COALESCE(summary_schedule, '') \
       || COALESCE(quiet_hours, '') || COALESCE(time_zone, '') || COALESCE(lost_reasons, '') \
       || COALESCE(abc_thresholds, '') || CAST(dormancy_days AS TEXT) \
       || CAST(survey_after_win AS TEXT) || CAST(survey_after_appointment AS TEXT) \
       || COALESCE(survey_win_text_en, '') || COALESCE(survey_win_text_ru, '') \
       || COALESCE(survey_appointment_text_en, '') || COALESCE(survey_appointment_text_ru, '') \
       || business_prefix \
       FROM teams ORDER BY id LIMIT 1)";

/// The ids of Anna's records (and one of Boris's) that forged buttons point at.
struct Ids {
    contact: i64,
    company: i64,
    deal: i64,
    task: i64,
    appointment: i64,
    segment: i64,
    import: i64,
    attachment: i64,
    first_stage: i64,
    last_stage: i64,
    boris_contact: i64,
    /// Anna's chats in her own Telegram: one waiting for her answer, one she ignores.
    proposed_chat: i64,
    ignored_chat: i64,
}

/// Forged callback data of `kind` aimed at Anna's records. The match has no catch-all, so a
/// new kind of button does not compile until it is forged here too.
fn forge(kind: ActionKind, ids: &Ids) -> Vec<String> {
    let Ids {
        contact: c,
        company: co,
        deal: d,
        task: t,
        appointment: ap,
        segment: sg,
        import: im,
        attachment: at,
        first_stage: s1,
        last_stage: s2,
        boris_contact: b,
        proposed_chat: pc,
        ignored_chat: ic,
    } = *ids;
    use ActionKind as K;
    match kind {
        K::OpenCard => vec![format!("o:{c}")],
        K::PickContact => vec![format!("pk:{c}")],
        K::ShowCard => vec![format!("c:{c}")],
        K::LogCall => vec![format!("lc:{c}")],
        K::CallOutcome => vec![format!("co:{c}:r"), format!("co:{c}:b")],
        K::AddNote => vec![format!("n:{c}")],
        K::History => vec![format!("h:{c}:0")],
        K::FindPage => vec!["f:0:zvezd".into(), "f:0:7788".into()],
        K::FormSkip => vec!["fs".into()],
        K::Cancel => vec!["x".into()],
        K::SetLanguage => vec!["l:en".into()],
        K::AskDelete => vec![format!("d:{c}")],
        K::Delete => vec![format!("dy:{c}")],
        K::Restore => vec![format!("r:{c}")],
        K::ArchivePage => vec!["a:0".into()],
        K::Team => vec!["t".into()],
        K::Member => vec![format!("tm:{ANNA}")],
        K::SetRole => vec![format!("tr:{ANNA}:lead"), format!("tr:{BORIS}:lead")],
        K::PickHandOver => vec![format!("th:{ANNA}")],
        K::HandOver => vec![format!("tt:{ANNA}:{BORIS}")],
        K::AskRemove => vec![format!("tx:{ANNA}")],
        K::Remove => vec![format!("ty:{ANNA}")],
        K::MemberDeals => vec![format!("tmd:{ANNA}:0")],
        K::MemberTasks => vec![format!("tmk:{ANNA}:n:0"), format!("tmk:{ANNA}:y:0")],
        K::CreateAnyway => vec!["pa".into()],
        K::MergePending => vec![format!("pm:{c}")],
        K::Duplicates => vec!["dl".into()],
        K::AskMerge => vec![format!("mg:{b}:{c}")],
        K::Merge => vec![format!("mgy:{b}:{c}"), format!("mgy:{c}:{b}")],
        K::Edit => vec![format!("e:{c}")],
        K::EditField => vec![format!("ef:{c}:name")],
        K::EditChoice => vec![
            format!("ev:{c}:owner:{BORIS}"),
            format!("ev:{b}:owner:{ANNA}"),
        ],
        K::CustomFields => vec!["sf".into()],
        K::AddCustomField => vec!["sa:text".into()],
        K::ContactKinds => vec!["sk".into()],
        K::OpenCompany => vec![format!("oc:{co}")],
        K::ShowCompany => vec![format!("cc:{co}")],
        K::CompanyEdit => vec![format!("ce:{co}")],
        K::CompanyField => vec![format!("cf:{co}:inn")],
        K::CompanyLink => vec![format!("cl:{co}")],
        K::Link => vec![format!("lk:{co}:{b}"), format!("lk:{co}:{c}")],
        K::CompanyHistory => vec![format!("ch:{co}:0")],
        K::CreateCompany => vec!["cn".into()],
        K::AskTimeZone => vec!["stz".into()],
        K::Settings => vec!["stg".into()],
        K::NewDeal => vec![format!("nd:{c}")],
        K::DealCard => vec![format!("dc:{d}")],
        K::DealShow => vec![format!("ds:{d}")],
        K::DealMove => vec![format!("dm:{d}:{s2}")],
        K::DealStages => vec![format!("dst:{d}")],
        K::DealWin => vec![format!("dw:{d}")],
        K::DealReopen => vec![format!("dro:{d}")],
        K::DealLost => vec![format!("dlo:{d}")],
        K::DealLostReason => vec![format!("dlr:{d}:0")],
        K::DealNextAction => vec![format!("dn:{d}")],
        K::DealLater => vec![format!("dlt:{d}")],
        K::Funnel => vec!["fu:m".into(), "fu:a".into()],
        K::Convert => vec![format!("cv:{c}")],
        K::Stages => vec!["sg".into()],
        K::StageMenu => vec![format!("sgm:{s1}")],
        K::StageEdit => vec![format!("sge:{s1}:x"), format!("sge:{s1}:u")],
        K::StageRemove => vec![format!("sgx:{s1}:{s2}")],
        K::StageAdd => vec!["sga".into()],
        K::LostReasons => vec!["slr".into()],
        K::DealsPage => vec!["dp:0".into()],
        K::DealsByManager => vec!["dbm".into()],
        K::DealEdit => vec![format!("de:{d}")],
        K::DealField => vec![format!("df:{d}:title")],
        K::NewCompanyDeal => vec![format!("ndc:{co}")],
        K::Remind => vec![format!("rm:{c}")],
        K::TaskDone => vec![format!("td:{t}")],
        K::TaskSnooze => vec![format!("ts:{t}:h"), format!("ts:{t}:d")],
        K::ReminderCall => vec![format!("rc:{t}")],
        K::ReminderCallOutcome => vec![format!("rco:{t}:r"), format!("rco:{t}:b")],
        K::TaskCard => vec![format!("tko:{t}")],
        K::TaskText => vec![format!("tke:{t}")],
        K::TaskMove => vec![format!("tmv:{t}")],
        K::TaskAssign => vec![format!("tas:{t}")],
        K::TaskAssignTo => vec![format!("tat:{t}:{BORIS}")],
        K::TasksPage => vec!["tk:0".into()],
        K::TodayPage => vec!["tdy:0".into()],
        K::ListTaskDone => vec![format!("tld:{t}:y:0")],
        K::RemindWeek => vec![format!("rw:{c}")],
        K::DropClient => vec![format!("ncl:{c}")],
        K::Meet => vec![format!("mt:{c}")],
        K::ClientLink => vec![format!("cli:{c}")],
        K::AppointmentAnswer => vec![format!("ap:{ap}:y"), format!("ap:{ap}:n")],
        K::FeedbackRating => vec![
            format!("fr:a:{ap}:1"),
            format!("fr:w:{d}:5"),
            format!("fr:a:{ap}:9"),
        ],
        K::ConfirmWhen => vec!["wy".into()],
        K::Schedules => vec!["sch".into()],
        K::LeadCapture => vec!["ld".into()],
        K::LeadTokenRotate => vec!["ldr".into()],
        K::LeadAssign => vec!["lda".into()],
        K::LeadAssignOne => vec![format!("ldo:{ANNA}")],
        K::LeadRotation => vec![format!("ldt:{ANNA}")],
        K::SummaryPreset => vec!["ssp:wd".into()],
        K::ScheduleAsk => vec!["sas:cron".into()],
        K::SurveyToggle => vec!["sst:w".into(), "sst:a".into()],
        K::SurveyTexts => vec!["stx".into()],
        K::SurveyTextAsk => vec!["stq:w:ru".into(), "stq:a:en".into()],
        K::Segments => vec!["sgl".into()],
        K::Segment => vec![format!("sgo:{sg}")],
        K::NewSegment => vec!["sgn".into()],
        K::DeleteSegment => vec![format!("sgd:{sg}")],
        K::Mailing => vec![format!("ml:{sg}")],
        K::SendMailing => vec![format!("mls:{sg}")],
        K::Unsubscribe => vec![format!("uns:{c}")],
        K::BizAdd => vec![format!("bza:{pc}")],
        K::BizLink => vec![format!("bzl:{pc}")],
        K::BizLinkTo => vec![format!("bzt:{pc}:{c}"), format!("bzt:{pc}:{b}")],
        K::BizIgnore => vec![format!("bzi:{pc}")],
        K::Business => vec!["bz".into()],
        K::BizUnignore => vec![format!("bzu:{ic}")],
        K::BizDeletions => vec!["bzd".into()],
        K::BizPrefix => vec!["bzp".into()],
        K::BizErase => vec!["bze".into()],
        K::BizEraseAsk => vec![format!("bzq:{c}")],
        K::BizEraseYes => vec![format!("bzy:{c}")],
        K::BizWrite => vec![format!("bzw:{c}")],
        K::ImportColumn => vec![format!("ic:{im}:0")],
        K::ImportTarget => vec![format!("it:{im}:0:p")],
        K::ImportRun => vec![format!("ir:{im}:s"), format!("ir:{im}:c")],
        K::Export => vec!["ex:c".into(), "ex:v".into(), "ex:d".into()],
        K::Report => vec!["rp:f:a".into(), "rp:m:a".into(), "rp:a:a".into()],
        K::AbcThresholds => vec!["rpa".into()],
        K::FileInbox => vec![format!("ib:{c}")],
        K::InboxSearch => vec!["ibs".into()],
        K::AttachToDeal => vec![format!("ibd:{at}:{d}")],
        K::SendFile => vec![format!("fl:{at}")],
        K::Contacts => vec!["ct:0:a:-:-:".into(), "ct:1:n:c:0:vip".into()],
        K::ContactFilters => vec!["ctf:a:-:-:".into()],
        K::SegmentMembers => vec![format!("sgp:{sg}:0")],
        K::CompaniesPage => vec!["cop:0".into()],
    }
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

/// Anna's base: a contact with a phone and a note, a company, a deal, a task, an appointment,
/// a segment and an import waiting for its mapping; Boris has one client of his own, linked to
/// the bot; Rita was removed from the team. The group is any group: the gate treats them alike.
async fn anna_and_colleagues(world: &World) -> Ids {
    let anna = world.join(ANNA, "Anna", "en", "manager").await;
    let boris = world.join(BORIS, "Boris", "en", "manager").await;
    world.join(RITA, "Rita", "en", "manager").await;
    world
        .add_contact(&anna, "Annabel Zvezdina +79990007788")
        .await;
    anna.send("/note Zvezdina whispered secret");
    anna.expect_reply(&tr("en", "note-saved")).await;
    anna.send("/company Zvezda Trading");
    reply_with(&anna, "🏢 Zvezda Trading").await;
    anna.send("/deal Zvezdina Pipeline contract 100000");
    reply_with(&anna, "Pipeline contract").await;
    anna.send("/remind tomorrow 10:00 call zvezdina privately");
    world
        .db
        .wait_for_count(
            "SELECT COUNT(*) FROM tasks WHERE text = 'call zvezdina privately'",
            1,
        )
        .await;
    anna.send("/meet Zvezdina tomorrow 15:00 office");
    world
        .db
        .wait_for_count("SELECT COUNT(*) FROM appointments", 1)
        .await;
    anna.send("/segments");
    let list = reply_with(&anna, &tr("en", "segments-none")).await;
    anna.press(&list, "New segment");
    reply_with(&anna, "Send the filters").await;
    anna.send("subscribed");
    reply_with(&anna, "contacts").await;
    anna.send("Zvezda segment");
    reply_with(&anna, "🎯 Zvezda segment").await;
    anna.send_document(
        "zv.csv",
        "Name;Phone\nImport Secretname;+79990003344\n".as_bytes(),
    );
    reply_with(&anna, "📥 zv.csv").await;
    anna.send_photo("AgADpassport", "Zvezdina passport scan");
    reply_with(&anna, "📎 Zvezdina passport scan").await;
    anna.send("Zvezdina");
    let offer = reply_with(&anna, &tr("en", "inbox-which")).await;
    anna.press(&offer, "Annabel Zvezdina");
    reply_with(&anna, "Filed on the card").await;

    world.add_contact(&boris, "Boris Client +79995556677").await;
    let db = &world.db;
    db.execute(&format!(
        "UPDATE contacts SET client_chat_id = {CLIENT} WHERE name = 'Boris Client'"
    ))
    .await;
    db.execute(&format!(
        "UPDATE members SET removed_at = 1 WHERE user_id = {RITA}"
    ))
    .await;
    // Anna's own Telegram: a chat waiting for her answer with a kept message, an ignored one,
    // and her chat with Annabel logged on the card.
    let team = format!("(SELECT team_id FROM members WHERE user_id = {ANNA})");
    db.execute(&format!(
        "INSERT INTO business_connections (id, user_id, team_id, can_reply, enabled, \
         connected_at) VALUES ('anna-account', {ANNA}, {team}, 1, 1, 1)"
    ))
    .await;
    for (chat_id, name, state, contact) in [
        (
            4601,
            "Zvezdina Secret Friend",
            "proposed",
            "NULL".to_owned(),
        ),
        (4602, "Zvezdina Family", "ignored", "NULL".to_owned()),
        (
            4603,
            "Annabel Zvezdina",
            "logged",
            "(SELECT id FROM contacts WHERE name = 'Annabel Zvezdina')".to_owned(),
        ),
    ] {
        db.execute(&format!(
            "INSERT INTO business_chats (team_id, user_id, chat_id, name, contact_id, state, \
             updated_at) VALUES ({team}, {ANNA}, {chat_id}, '{name}', {contact}, '{state}', 1)"
        ))
        .await;
    }
    db.execute(
        "INSERT INTO business_messages (chat_ref, message_id, outgoing, body, sent_at) \
         SELECT id, 1, 0, 'whispered secret', (SELECT MAX(created_at) FROM history) \
         FROM business_chats WHERE chat_id = 4601",
    )
    .await;
    Ids {
        contact: db
            .count("SELECT id FROM contacts WHERE name = 'Annabel Zvezdina'")
            .await,
        company: db
            .count("SELECT id FROM companies WHERE name = 'Zvezda Trading'")
            .await,
        deal: db
            .count("SELECT id FROM deals WHERE title = 'Pipeline contract'")
            .await,
        task: db
            .count("SELECT id FROM tasks WHERE text = 'call zvezdina privately'")
            .await,
        appointment: db.count("SELECT MAX(id) FROM appointments").await,
        segment: db.count("SELECT MAX(id) FROM segments").await,
        import: db.count("SELECT MAX(id) FROM imports").await,
        attachment: db.count("SELECT MAX(id) FROM attachments").await,
        first_stage: db.count("SELECT MIN(id) FROM stages").await,
        last_stage: db.count("SELECT MAX(id) FROM stages").await,
        boris_contact: db
            .count("SELECT id FROM contacts WHERE name = 'Boris Client'")
            .await,
        proposed_chat: db
            .count("SELECT id FROM business_chats WHERE chat_id = 4601")
            .await,
        ignored_chat: db
            .count("SELECT id FROM business_chats WHERE chat_id = 4602")
            .await,
    }
}

/// What the bot sent or answered, from every method that carries text or a file.
fn outgoing(telegram: &FakeTelegram) -> Vec<Call> {
    let mut calls = [
        "sendMessage",
        "editMessageText",
        "sendDocument",
        "sendPhoto",
        "editMessageMedia",
        "answerCallbackQuery",
    ]
    .iter()
    .flat_map(|method| telegram.calls(method))
    .collect::<Vec<_>>();
    // In the order they were made, so that the calls after a point are a tail of the list.
    calls.sort_by_key(|call| call.at);
    calls
}

fn call_text(call: &Call) -> String {
    let mut text = call.body.to_string();
    if let Some(file) = &call.file {
        text.push_str(&file.caption);
        text.push_str(&String::from_utf8_lossy(&file.content));
    }
    text
}

/// How the bot must answer `presser`'s forged press of `kind`; `None`: any answer that leaks
/// nothing (a colleague may see their own lists).
type Expected = fn(ActionKind) -> Option<String>;

/// Presses every forged button as `presser`, checking each answer and that nothing stored
/// changed; then makes sure every message the bot sent meanwhile leaks nothing and, for anyone
/// but a colleague, that nothing but the probe's reply was sent at all.
async fn forge_everything(
    world: &World,
    ids: &Ids,
    (presser, chat_id): (&TgUser, i64),
    expected: Expected,
    probe_reply: &str,
) {
    let before = world.db.text(FINGERPRINT).await;
    let sent_before = outgoing(&world.telegram).len();
    let mut pressed = 0;
    for kind in ActionKind::iter() {
        for data in forge(kind, ids) {
            let decoded = Action::decode(&data).unwrap_or_else(|| panic!("{data} decodes"));
            assert_eq!(ActionKind::from(&decoded), kind, "{data}");
            let press = presser.press_data(1, &data);
            let answer = presser.expect_answer(&press).await;
            if let Some(expected) = expected(kind) {
                assert_eq!(answer, Some(expected), "{data} by {}", presser.id);
            }
            assert_eq!(
                world.db.text(FINGERPRINT).await,
                before,
                "{data} by {} changed what is stored",
                presser.id
            );
            pressed += 1;
        }
    }
    assert!(pressed > ActionKind::iter().count());
    // Updates of one chat are handled in order: once the probe is answered, so is every press.
    presser.send("/help");
    reply_with(presser, probe_reply).await;
    let sent = outgoing(&world.telegram);
    for call in &sent[sent_before..] {
        let text = call_text(call);
        for secret in SECRETS {
            assert!(
                !text.contains(secret),
                "{secret:?} leaked by {}: {text}",
                call.method
            );
        }
        let is_message = call.method != "answerCallbackQuery";
        let in_presser_chat = call.body["chat_id"].as_i64() == Some(chat_id);
        if is_message && in_presser_chat && presser.id != BORIS {
            assert!(text.contains(probe_reply), "sent to {}: {text}", presser.id);
        }
    }
}

fn not_member(kind: ActionKind) -> Option<String> {
    let key = match kind {
        // A client's buttons reach their handler, which finds the appointment or the
        // subscription or the survey is not this person's.
        ActionKind::AppointmentAnswer | ActionKind::Unsubscribe | ActionKind::FeedbackRating => {
            "button-expired"
        }
        _ => "not-member",
    };
    Some(tr("en", key))
}

fn in_group(_: ActionKind) -> Option<String> {
    Some(tr("en", "group-use-private"))
}

fn colleague(_: ActionKind) -> Option<String> {
    None
}

#[tokio::test]
async fn forged_buttons_leak_nothing_and_change_nothing_for_anyone_anywhere() {
    let world = World::start().await;
    let ids = anna_and_colleagues(&world).await;
    let telegram = &world.telegram;

    let boris = telegram.user(BORIS, "Boris", "en");
    forge_everything(&world, &ids, (&boris, BORIS), colleague, "/add").await;

    let not_member_text = tr("en", "not-member");
    for (id, name) in [(STRANGER, "Mallory"), (RITA, "Rita"), (CLIENT, "Carl")] {
        let outsider = telegram.user(id, name, "en");
        let probe = if id == CLIENT {
            "Boris"
        } else {
            not_member_text.as_str()
        };
        forge_everything(&world, &ids, (&outsider, id), not_member, probe).await;
    }

    // In the group, even the owner and Anna herself get nothing posted there.
    let group_text = tr("en", "group-use-private");
    for member in [&world.owner, &telegram.user(ANNA, "Anna", "en")] {
        let in_the_group = member.in_group(GROUP);
        forge_everything(&world, &ids, (&in_the_group, GROUP), in_group, &group_text).await;
    }
}

#[tokio::test]
async fn a_lead_made_a_manager_midway_cannot_finish_a_leads_form() {
    let world = World::start().await;
    let lena = world.join(4101, "Lena", "en", "lead").await;
    lena.send("/settings");
    let settings = lena.expect_reply("Settings").await;
    lena.press(&settings, "Schedules");
    let schedules = lena.expect_reply("📣 Schedules").await;
    lena.press(&schedules, "Quiet hours");
    lena.expect_reply(&tr("en", "schedules-quiet-ask")).await;

    // The owner makes Lena a manager while her form is open.
    world.make_manager("Lena").await;

    lena.send("22:00-08:00");
    lena.expect_reply(&tr("en", "gate-leads-only")).await;
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM teams WHERE quiet_hours IS NOT NULL")
            .await,
        0
    );
    // The form is closed: her next text is a search again, not another refusal.
    lena.send("petrov");
    let reply = lena.next_reply().await;
    assert_ne!(reply.text, tr("en", "gate-leads-only"));
}

#[tokio::test]
async fn strangers_in_a_group_are_ignored_and_inline_queries_show_them_nothing() {
    let world = World::start().await;
    world
        .add_contact(&world.owner, "Ivan Petrov +79991234567")
        .await;
    let stranger = world.telegram.user(4998, "Eve", "en");
    let in_group = stranger.in_group(GROUP);
    in_group.send("/find petrov");
    in_group.send("/start");
    in_group.send_document("contacts.csv", b"Name\nIvan\n");
    let query = stranger.inline("petrov");
    let answer = stranger.expect_inline_answer(&query).await;
    assert_eq!(answer["results"], serde_json::json!([]));
    in_group
        .expect_no_reply(std::time::Duration::from_millis(500))
        .await;
    // A member's command in the group gets only the pointer to a private chat.
    let owner_in_group = world.owner.in_group(GROUP);
    owner_in_group.send("/find petrov");
    owner_in_group
        .expect_reply(&tr("en", "group-use-private"))
        .await;
}
