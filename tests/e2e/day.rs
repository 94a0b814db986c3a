//! The manager's day in steps: the ten everyday jobs, each done from where the manager naturally
//! is (an empty chat, the contact card, a fired reminder, the deal card, the /today list) in at
//! most the number of steps the product promises. A step is a message sent or a button pressed;
//! reading the bot's answers is free. Each test checks that the job really happened (in the
//! database or in the bot's answer) and how many steps it took. The README's table "The
//! manager's day in steps" is made of these tests.

use crate::support::*;
use std::cell::Cell;

/// Wednesday 25.11.2026, 09:00 in Moscow, on a clock that runs as usual.
const CLOCK: &[(&str, &str)] = &[("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00")];

/// The same morning with ten minutes of the bot's clock passing every real second, so that a
/// reminder set for 20 minutes from now really fires.
const FAST: &[(&str, &str)] = &[
    ("CHATCRM_CLOCK_START", "2026-11-25T09:00:00+03:00"),
    ("CHATCRM_CLOCK_SPEED", "600"),
];

/// 25.11.2026 18:00, 26.11.2026 10:00 and 27.11.2026 15:00 in Moscow.
const TODAY_18: i64 = 1_795_618_800;
const THURSDAY_10: i64 = 1_795_676_400;
const FRIDAY_15: i64 = 1_795_780_800;

/// A member doing one job: every message sent and every button pressed is a step.
struct Job<'a> {
    user: &'a TgUser,
    steps: Cell<u32>,
}

impl<'a> Job<'a> {
    /// The job starts here: what the member did before does not count.
    fn start(user: &'a TgUser) -> Self {
        Self {
            user,
            steps: Cell::new(0),
        }
    }

    /// One step: a message typed and sent.
    fn send(&self, text: &str) {
        self.steps.set(self.steps.get() + 1);
        self.user.send(text);
    }

    /// One step: a button pressed.
    fn press(&self, message: &BotMessage, label_part: &str) {
        self.steps.set(self.steps.get() + 1);
        self.user.press(message, label_part);
    }

    /// Reading the bot's next answer, which must contain `part`: free.
    async fn reply(&self, part: &str) -> BotMessage {
        self.user.expect_reply(part).await
    }

    /// The job took at most `limit` steps; returns how many it took.
    fn within(&self, limit: u32) -> u32 {
        let steps = self.steps.get();
        assert!(steps <= limit, "{steps} steps, the job promises {limit}");
        steps
    }
}

/// A manager of the owner's team, in `lang`.
async fn manager(world: &World, lang: &str) -> TgUser {
    world.join(2301, "Anna", lang, "manager").await
}

/// Opens a deal with the command `deal`, plans its next action with `next`; returns the deal card.
async fn open_deal(user: &TgUser, deal: &str, next: &str) -> BotMessage {
    user.send(deal);
    let card = user.expect_reply("💼").await;
    user.next_reply().await; // What is the next step?
    user.send(next);
    user.expect_reply("📅").await;
    card
}

// 1. Add a contact: one message from an empty chat.
#[tokio::test]
async fn add_a_contact_in_one_message() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "en").await;

    let job = Job::start(&anna);
    job.send("/add Ivan Petrov 8 (999) 123-45-67 ivan@example.com");
    job.reply("Contact saved").await;
    let card = job.reply("👤 Ivan Petrov").await;
    assert!(card.text.contains("+79991234567"), "{}", card.text);
    assert_eq!(job.within(1), 1);

    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM contacts c JOIN contact_phones p ON p.contact_id = c.id \
                 WHERE c.name = 'Ivan Petrov' AND p.phone = '+79991234567'"
            )
            .await,
        1
    );
}

// 2. Find a client: the query, then the row that opens the card.
#[tokio::test]
async fn find_a_client_in_two_steps_in_russian() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "ru").await;
    world.add_contact(&anna, "Иван Петров +79991234567").await;
    world.add_contact(&anna, "Анна Смирнова +79990001111").await;

    // A Latin spelling with a typo finds the Cyrillic name.
    let job = Job::start(&anna);
    job.send("/find petrof");
    let found = job.reply("Найден 1 контакт").await;
    job.press(&found, "Иван Петров");
    let card = job.reply("👤 Иван Петров").await;
    assert!(card.text.contains("+79991234567"), "{}", card.text);
    assert_eq!(job.within(2), 2);
}

// 3. Log a call from a reminder that fired: 📞 Log call, then the outcome.
#[tokio::test]
async fn log_a_call_from_a_reminder_in_two_taps() {
    let world = World::start_with(FAST).await;
    let anna = manager(&world, "en").await;
    let card = world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    anna.press(&card, "Remind");
    anna.expect_reply("⏰ Reminder about Ivan Petrov").await;
    anna.send("in 20 minutes call Ivan");
    anna.expect_reply("⏰ I will remind you").await;
    let reminder = anna.expect_reply("⏰ call Ivan").await;

    let job = Job::start(&anna);
    job.press(&reminder, "Log call");
    let outcomes = job.reply("Call with Ivan Petrov").await;
    job.press(&outcomes, "Reached");
    let logged = job.reply("Call logged: Reached").await;
    assert_eq!(job.within(2), 2);

    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM history h JOIN contacts c ON c.id = h.contact_id \
                 WHERE h.kind = 'call' AND h.outcome = 'reached' AND c.name = 'Ivan Petrov' \
                 AND h.author_id = 2301"
            )
            .await,
        1
    );
    // Closing the reminder too is one more tap, offered right there.
    logged.button("Close the reminder «call Ivan»");
}

// 4. Log a call from the card: 📞, then the outcome.
#[tokio::test]
async fn log_a_call_from_the_card_in_two_taps_in_russian() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "ru").await;
    let card = world.add_contact(&anna, "Иван Петров +79991234567").await;

    let job = Job::start(&anna);
    job.press(&card, "📞");
    let outcomes = job.reply("Чем закончился?").await;
    job.press(&outcomes, "Дозвонился");
    job.reply("Звонок записан: Дозвонился").await;
    assert_eq!(job.within(2), 2);

    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM history \
                 WHERE kind = 'call' AND outcome = 'reached' AND author_id = 2301"
            )
            .await,
        1
    );
}

// 4'. The same from an empty chat: one line.
#[tokio::test]
async fn log_a_call_from_an_empty_chat_in_one_message() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "en").await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;

    let job = Job::start(&anna);
    job.send("/call Petrov no answer");
    job.reply("Call logged: No answer").await;
    assert_eq!(job.within(1), 1);

    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM history WHERE kind = 'call' AND outcome = 'no_answer'")
            .await,
        1
    );
}

// 5. Set a reminder: one message, the moment in words.
#[tokio::test]
async fn set_a_reminder_in_one_message_in_russian() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "ru").await;

    let job = Job::start(&anna);
    job.send("/remind завтра в 10 перезвонить Ивану");
    job.reply("⏰ Напомню 26.11.2026 10:00: перезвонить Ивану")
        .await;
    assert_eq!(job.within(1), 1);

    assert_eq!(
        world
            .db
            .count("SELECT due_at FROM tasks WHERE text = 'перезвонить Ивану' AND owner_id = 2301")
            .await,
        THURSDAY_10
    );
    assert_eq!(
        world
            .db
            .count(
                "SELECT due_at FROM jobs WHERE kind = 'reminder' AND status = 'pending' \
                 AND chat_id = 2301"
            )
            .await,
        THURSDAY_10
    );
}

/// The stage the only deal is at, by its stored name (a default stage keeps its locale key).
async fn deal_stage(db: &TestDb) -> String {
    db.text("SELECT s.name FROM deals d JOIN stages s ON s.id = d.stage_id")
        .await
}

// 6. Move a deal one stage from its card: one tap.
#[tokio::test]
async fn move_a_deal_one_stage_from_its_card_in_one_tap() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "en").await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    let card = open_deal(
        &anna,
        "/deal Petrov Chairs 150 000",
        "tomorrow 10:00 send the proposal",
    )
    .await;
    assert_eq!(deal_stage(&world.db).await, "stage-new");

    let job = Job::start(&anna);
    job.press(&card, "➡️ Qualified");
    let moved = job.reply("Stage: Qualified (25 %)").await;
    assert!(moved.edited, "the card is changed in place");
    assert_eq!(job.within(2), 1);

    assert_eq!(deal_stage(&world.db).await, "stage-qualified");
    // Then the bot asks what next; answering it is the next job, not this one.
    anna.expect_reply("What is the next step").await;
}

// 6'. Move a deal one stage from its next action's reminder: 💼 Deal, then the stage.
#[tokio::test]
async fn move_a_deal_one_stage_from_a_reminder_in_two_taps_in_russian() {
    let world = World::start_with(FAST).await;
    let anna = manager(&world, "ru").await;
    world.add_contact(&anna, "Иван Петров +79991234567").await;
    open_deal(
        &anna,
        "/deal Петров Стулья 150 000",
        "через 20 минут отправить КП",
    )
    .await;
    let reminder = anna.expect_reply("⏰ отправить КП").await;

    let job = Job::start(&anna);
    job.press(&reminder, "💼");
    let card = job.reply("💼 Стулья").await;
    job.press(&card, "➡️ Квалификация");
    job.reply("Этап: Квалификация (25 %)").await;
    assert_eq!(job.within(2), 2);

    assert_eq!(deal_stage(&world.db).await, "stage-qualified");
}

// 7. Mark a deal won from its card: ✅ Won, then 🎉 Yes, won.
#[tokio::test]
async fn mark_a_deal_won_in_two_taps() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "en").await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    let card = open_deal(
        &anna,
        "/deal Petrov Chairs 150 000",
        "tomorrow 10:00 send the proposal",
    )
    .await;

    let job = Job::start(&anna);
    job.press(&card, "✅ Won");
    let sure = job.reply("as won?").await;
    job.press(&sure, "Yes, won");
    job.reply("🎉 Won").await;
    assert_eq!(job.within(2), 2);

    assert_eq!(
        world
            .db
            .count(
                "SELECT COUNT(*) FROM deals d JOIN stages s ON s.id = d.stage_id \
                 WHERE s.outcome = 'won' AND d.closed_at IS NOT NULL"
            )
            .await,
        1
    );
    // Winning the first deal made the contact a client; its next action is closed.
    assert_eq!(
        world
            .db
            .count("SELECT COUNT(*) FROM tasks WHERE done_at IS NULL")
            .await,
        0
    );
}

// 8. Today's tasks: one command.
#[tokio::test]
async fn todays_tasks_in_one_message_in_russian() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "ru").await;
    anna.send("/remind сегодня в 18:00 позвонить Ивану");
    anna.expect_reply("⏰ Напомню 25.11.2026 18:00").await;
    anna.send("/remind завтра в 10 отправить КП");
    anna.expect_reply("⏰ Напомню 26.11.2026 10:00").await;

    let job = Job::start(&anna);
    job.send("/today");
    let today = job.reply("На сегодня 1 задача").await;
    assert_eq!(job.within(1), 1);

    assert!(today.text.contains("позвонить Ивану"), "{}", today.text);
    assert!(!today.text.contains("отправить КП"), "{}", today.text);
}

// 9. Move a task to another time from the /today list: 🕓 on its row, then the time typed.
#[tokio::test]
async fn move_a_task_to_another_time_in_two_steps_in_russian() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "ru").await;
    anna.send("/remind сегодня в 18:00 позвонить Ивану");
    anna.expect_reply("⏰ Напомню 25.11.2026 18:00").await;
    let due = "SELECT due_at FROM tasks WHERE text = 'позвонить Ивану'";
    assert_eq!(world.db.count(due).await, TODAY_18);
    anna.send("/today");
    let today = anna.expect_reply("На сегодня 1 задача").await;

    let job = Job::start(&anna);
    job.press(&today, "🕓");
    job.reply("На когда перенести «позвонить Ивану»").await;
    job.send("пт 15:00");
    job.reply("🕓 Напомню 27.11.2026 15:00: позвонить Ивану")
        .await;
    assert_eq!(job.within(2), 2);

    assert_eq!(world.db.count(due).await, FRIDAY_15);
    // The reminder moved with it: one pending, at the new time.
    assert_eq!(
        world
            .db
            .count(
                "SELECT due_at FROM jobs WHERE kind = 'reminder' AND status = 'pending' \
                 AND chat_id = 2301"
            )
            .await,
        FRIDAY_15
    );
}

// 10. A client's history from the card: one tap.
#[tokio::test]
async fn a_clients_history_from_the_card_in_one_tap() {
    let world = World::start_with(CLOCK).await;
    let anna = manager(&world, "en").await;
    world.add_contact(&anna, "Ivan Petrov +79991234567").await;
    anna.send("/call Petrov reached wants the price list");
    anna.expect_reply(&tr("en", "call-saved")).await;
    let card = anna.expect_reply("👤 Ivan Petrov").await;

    let job = Job::start(&anna);
    job.press(&card, "History");
    let history = job.reply("History of Ivan Petrov").await;
    assert_eq!(job.within(2), 1);

    assert!(
        history
            .text
            .contains("Anna · call — Reached: wants the price list"),
        "{}",
        history.text
    );
    assert!(history.text.contains("contact added"), "{}", history.text);
}
