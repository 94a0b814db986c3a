//! The simulated members: what each does next, in the mix of a manager's day, as updates.

use super::fake_api::BOT_ID;
use crate::bench::base::{Base, BaseMember};
use crate::bench::search::{pick_kind, query_for, visible_contact};
use chatcrm::chat::{Action, CallOutcome};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::{HashSet, VecDeque};

/// The Telegram ids of people no contact knows, who write to members: this plus the member's
/// id times a million plus their number.
const STRANGER_IDS: i64 = 20_000_000_000;
/// The business lane of member `m`, this plus `m`: the id of the probe's sender, and the chat
/// the tracker waits in for what the member's business updates cause (see [`lane`]).
const LANES: i64 = 30_000_000_000;

/// What a member does, as an update (a message or a button in the bot's chat), or what comes
/// in through the member's connected Telegram account.
#[derive(Debug, Clone)]
pub(super) enum Says {
    Text(String),
    Press(String),
    /// A message of the member's private chat with `with`, written by the member when
    /// `by_member`, else by `with`; followed by the probe.
    Business {
        with: Correspondent,
        by_member: bool,
        text: &'static str,
    },
    /// The probe alone: what it adds to a business step.
    Probe,
}

/// Someone a member talks to from their own Telegram account.
#[derive(Debug, Clone)]
pub(super) struct Correspondent {
    id: i64,
    first_name: String,
    last_name: Option<String>,
    username: Option<String>,
}

impl Correspondent {
    /// `name` split at its first space into a first and a last name.
    fn new(id: i64, name: &str, username: Option<String>) -> Self {
        let (first, last) = match name.split_once(' ') {
            Some((first, last)) => (first, Some(last.to_owned())),
            None => (name, None),
        };
        Self {
            id,
            first_name: first.to_owned(),
            last_name: last,
            username,
        }
    }

    fn named(&self, mut value: Value) -> Value {
        if let Some(last) = &self.last_name {
            value["last_name"] = json!(last);
        }
        if let Some(username) = &self.username {
            value["username"] = json!(username);
        }
        value
    }

    fn user(&self) -> Value {
        self.named(json!({"id": self.id, "is_bot": false, "first_name": self.first_name}))
    }

    /// The private chat with them: its id is theirs.
    fn chat(&self) -> Value {
        self.named(json!({"id": self.id, "type": "private", "first_name": self.first_name}))
    }
}

/// The id of member `chat`'s business connection.
pub(super) fn connection_id(chat: i64) -> String {
    format!("bench-connection-{chat}")
}

/// Where the tracker waits for what member `chat`'s business updates cause: the probe's answer
/// goes to this chat, and the fake Bot API counts a proposal of a new chat here too. Updates of
/// one business connection are handled in order, apart from the member's own chat with the bot.
pub(super) fn lane(chat: i64) -> i64 {
    LANES + chat
}

#[derive(Debug, Clone)]
pub(super) struct Step {
    pub(super) label: &'static str,
    pub(super) says: Says,
}

/// What a member does next, and how often (out of 100). Several are more than one step.
pub(super) const MIX: [(&str, u32); 12] = [
    ("search", 25),
    ("card", 12),
    ("history", 6),
    ("/today", 7),
    ("/tasks", 6),
    ("/deals", 6),
    ("/add", 4),
    ("log a call", 9),
    ("move a deal", 7),
    ("/find", 4),
    ("/help", 4),
    ("business", 10),
];

/// What the "business" share of the mix is, and how often (out of 100): a message in one of
/// the member's own chats with clients, through their connected account. In this order each
/// kind is itself when planned once (calibration): a chat is started before it goes on.
pub(super) const BUSINESS: [(&str, u32); 4] = [
    // A client (a contact with a Telegram id) writes for the first time: the chat is opened,
    // matched to the contact by that id.
    ("business: first message", 15),
    // A client the member talks to already writes again.
    ("business: client writes", 60),
    // The member answers such a client from their own account.
    ("business: member writes", 20),
    // Someone no contact knows writes: the chat is proposed to the member.
    ("business: new person", 5),
];

/// The label of the probe measured alone.
pub(super) const PROBE_ALONE: &str = "business: probe alone";

const CLIENT_TEXTS: [&str; 5] = [
    "Hello! Is the offer from last week still valid?",
    "Can you send the price list, please?",
    "Добрый день! Счёт получили, оплатим завтра",
    "We need 40 chairs by Friday, is it possible?",
    "Thanks, received",
];

const MEMBER_TEXTS: [&str; 3] = [
    "Good afternoon! Yes, it is valid until the end of the month",
    "Sending the price list now",
    "Отлично, жду оплату и сразу отгружаем",
];

/// One of `choices` by their shares (out of 100).
fn pick(rng: &mut StdRng, choices: &[(&'static str, u32)]) -> &'static str {
    let mut roll = rng.random_range(0..100);
    choices
        .iter()
        .find(|(_, share)| {
            let hit = roll < *share;
            roll = roll.saturating_sub(*share);
            hit
        })
        .map_or(choices[0].0, |(choice, _)| *choice)
}

/// One simulated member: the steps they take, as a manager would through a day.
pub(super) struct Session {
    pub(super) chat: i64,
    pub(super) member: usize,
    pub(super) rng: StdRng,
    pub(super) queue: VecDeque<Step>,
    pub(super) presses: u64,
    pub(super) added: u64,
    /// Business messages written so far in the member's chats (their ids).
    messages: i32,
    /// The member's chats with clients started so far.
    chats: Vec<Correspondent>,
    started: HashSet<i64>,
    strangers: i64,
    /// Business messages sent: to clients the bot knows, and from new people.
    pub(super) to_clients: u64,
    pub(super) from_strangers: u64,
}

impl Session {
    pub(super) fn new(member: usize, chat: i64) -> Self {
        Self {
            chat,
            member,
            rng: StdRng::seed_from_u64(chat as u64),
            queue: VecDeque::new(),
            presses: 0,
            added: 0,
            messages: 0,
            chats: Vec::new(),
            started: HashSet::new(),
            strangers: 0,
            to_clients: 0,
            from_strangers: 0,
        }
    }

    pub(super) fn next(&mut self, base: &mut Base) -> Step {
        if self.queue.is_empty() {
            let action = pick(&mut self.rng, &MIX);
            self.plan(action, base);
        }
        self.queue.pop_front().expect("a step was planned")
    }

    /// Queues the steps of `action`; every kind of step when `action` is "all" (calibration).
    pub(super) fn plan(&mut self, action: &str, base: &mut Base) {
        let member = &base.members[self.member];
        let contact = visible_contact(&mut self.rng, &base.members, member)
            .expect("every member sees contacts")
            .clone();
        let text = |label, text: String| Step {
            label,
            says: Says::Text(text),
        };
        let press = |label, action: Action| Step {
            label,
            says: Says::Press(action.encode()),
        };
        match action {
            "search" => {
                let kind = pick_kind(&mut self.rng);
                let query = query_for(&mut self.rng, kind, &contact);
                self.queue.push_back(text("search", query));
            }
            "/find" => {
                let query = query_for(&mut self.rng, 0, &contact);
                self.queue
                    .push_back(text("/find", format!("/find {query}")));
            }
            "card" => self
                .queue
                .push_back(press("card", Action::OpenCard(contact.id))),
            "history" => self
                .queue
                .push_back(press("history", Action::History(contact.id, 0))),
            "/today" | "/tasks" | "/deals" | "/help" => self
                .queue
                .push_back(text(action_label(action), action.to_owned())),
            "/add" => {
                self.added += 1;
                // A surname of scrambled letters, unlike any other in the base, so that no
                // duplicate is suggested (digits would read as part of the phone).
                let number = (self.chat as u64 * 100_000 + self.added).wrapping_mul(0x9E37_79B9);
                let line = format!(
                    "/add Zakharia {} +79991{:02}{:04}",
                    in_letters(number % 26u64.pow(9)),
                    self.chat % 100,
                    self.added % 10_000
                );
                self.queue.push_back(text("/add", line));
            }
            "log a call" => {
                self.queue
                    .push_back(press("call: press", Action::LogCall(contact.id)));
                self.queue.push_back(press(
                    "call: outcome",
                    Action::CallOutcome(contact.id, CallOutcome::Reached),
                ));
                self.queue
                    .push_back(text("call: note", "wants 40 chairs by Friday".to_owned()));
            }
            "move a deal" => self.plan_move(base),
            "business" => {
                let kind = pick(&mut self.rng, &BUSINESS);
                let step = self.plan_business(kind, &base.members[self.member]);
                self.queue.push_back(step);
            }
            _ => {
                for action in MIX.iter().map(|(action, _)| *action) {
                    match action {
                        "business" => {
                            for (kind, _) in BUSINESS {
                                let step = self.plan_business(kind, &base.members[self.member]);
                                self.queue.push_back(step);
                            }
                            self.queue.push_back(Step {
                                label: PROBE_ALONE,
                                says: Says::Probe,
                            });
                        }
                        _ => self.plan(action, base),
                    }
                }
            }
        }
    }

    /// A business message of `kind` (a label of [`BUSINESS`]). A chat goes on once started;
    /// the first chats are started by their clients' first messages.
    fn plan_business(&mut self, kind: &'static str, member: &BaseMember) -> Step {
        let (label, with, by_member) = match kind {
            "business: client writes" | "business: member writes" if !self.chats.is_empty() => {
                let with = self.chats.choose(&mut self.rng).expect("chats").clone();
                (kind, with, kind == "business: member writes")
            }
            "business: new person" => ("business: new person", self.stranger(), false),
            _ => match self.new_chat(member) {
                Some(with) => ("business: first message", with, false),
                // A member with no contact on Telegram hears from new people only.
                None => ("business: new person", self.stranger(), false),
            },
        };
        let texts: &[&'static str] = match by_member {
            true => &MEMBER_TEXTS,
            false => &CLIENT_TEXTS,
        };
        let text = texts.choose(&mut self.rng).expect("texts");
        Step {
            label,
            says: Says::Business {
                with,
                by_member,
                text,
            },
        }
    }

    /// A contact of the member's on Telegram who has not written yet; their chat is started.
    fn new_chat(&mut self, member: &BaseMember) -> Option<Correspondent> {
        let fresh: Vec<_> = (member.contacts.iter())
            .filter_map(|c| Some((c, c.telegram_id?)))
            .filter(|(_, id)| !self.started.contains(id))
            .collect();
        let (contact, id) = fresh.choose(&mut self.rng)?;
        let with = Correspondent::new(*id, contact.person.name.as_str(), None);
        self.started.insert(*id);
        self.chats.push(with.clone());
        Some(with)
    }

    /// Someone no contact knows, with a username (looked for among the contacts too).
    fn stranger(&mut self) -> Correspondent {
        self.strangers += 1;
        let n = self.strangers;
        let id = STRANGER_IDS + self.chat * 1_000_000 + n;
        let name = format!("Lead {}", in_letters(id as u64 % 26u64.pow(6)));
        Correspondent::new(id, &name, Some(format!("lead_{}_{n}", self.chat)))
    }

    /// Moves one of the member's open deals to another open stage, then leaves its next action
    /// for later (the bot asks for one after a move).
    pub(super) fn plan_move(&mut self, base: &mut Base) {
        let stages = base.open_stages.clone();
        let member = &mut base.members[self.member];
        if member.open_deals.is_empty() || stages.len() < 2 {
            return self.plan("card", base);
        }
        let at = self.rng.random_range(0..member.open_deals.len());
        let (deal, stage) = member.open_deals[at];
        let to = *stages.iter().find(|s| **s != stage).expect("two stages");
        member.open_deals[at].1 = to;
        self.queue.push_back(Step {
            label: "deal: move",
            says: Says::Press(Action::DealMove(deal, to).encode()),
        });
        self.queue.push_back(Step {
            label: "deal: later",
            says: Says::Press(Action::DealLater(deal).encode()),
        });
    }

    /// Where the step's answers are awaited: the bot's chat with the member, or the member's
    /// business lane.
    pub(super) fn answered_in(&self, step: &Step) -> i64 {
        match step.says {
            Says::Text(_) | Says::Press(_) => self.chat,
            Says::Business { .. } | Says::Probe => lane(self.chat),
        }
    }

    fn user(&self) -> Value {
        json!({"id": self.chat, "is_bot": false, "first_name": "Member", "language_code": "en"})
    }

    /// The updates of a step: one, or a business message and the probe.
    pub(super) fn updates(&mut self, step: &Step) -> Vec<Value> {
        let now = Utc::now().timestamp();
        let user = self.user();
        let chat = json!({"id": self.chat, "type": "private", "first_name": "Member"});
        match &step.says {
            Says::Text(text) => vec![json!({"message": {
                "message_id": 1, "date": now, "chat": chat, "from": user, "text": text,
            }})],
            Says::Press(data) => {
                self.presses += 1;
                vec![json!({"callback_query": {
                    "id": format!("{}:{}", self.chat, self.presses), "from": user,
                    "chat_instance": "bench", "data": data,
                    "message": {"message_id": 1, "date": now, "chat": chat,
                                "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM"},
                                "text": "…"},
                }})]
            }
            Says::Business {
                with,
                by_member,
                text,
            } => {
                self.messages += 1;
                match step.label {
                    "business: new person" => self.from_strangers += 1,
                    _ => self.to_clients += 1,
                }
                let from = match by_member {
                    true => user,
                    false => with.user(),
                };
                let message = json!({
                    "message_id": self.messages, "date": now, "chat": with.chat(), "from": from,
                    "business_connection_id": connection_id(self.chat), "text": text,
                });
                vec![json!({"business_message": message}), self.probe(now)]
            }
            Says::Probe => vec![self.probe(now)],
        }
    }

    /// The member connects their own Telegram account to the bot, letting it reply.
    pub(super) fn connect(&self) -> Value {
        self.connection(self.user(), self.chat, Utc::now().timestamp())
    }

    /// The probe that ends a business step: a connection update on the member's connection
    /// from someone who is no member. It is handled after what came before on the connection;
    /// the bot looks the sender up among the members and answers "not a member" in the
    /// sender's chat (the lane), saving nothing.
    fn probe(&self, now: i64) -> Value {
        let prober = json!({"id": lane(self.chat), "is_bot": false, "first_name": "Probe"});
        self.connection(prober, lane(self.chat), now)
    }

    fn connection(&self, user: Value, user_chat_id: i64, now: i64) -> Value {
        json!({"business_connection": {
            "id": connection_id(self.chat), "user": user, "user_chat_id": user_chat_id,
            "date": now, "is_enabled": true,
            "rights": {"can_reply": true, "can_read_messages": true},
        }})
    }
}

/// `n` written with the letters a–z as digits.
pub(super) fn in_letters(mut n: u64) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

pub(super) fn action_label(command: &str) -> &'static str {
    match command {
        "/today" => "/today",
        "/tasks" => "/tasks",
        "/deals" => "/deals",
        _ => "/help",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::base::BaseContact;
    use crate::bench::people::person;
    use teloxide::types::{MessageKind, UpdateKind};

    #[test]
    fn numbers_in_letters_are_distinct_words() {
        assert_eq!(in_letters(0), "a");
        assert_eq!(in_letters(27), "bb");
        assert_ne!(in_letters(600_001), in_letters(600_002));
    }

    #[test]
    fn the_mix_adds_up_to_a_hundred() {
        assert_eq!(MIX.iter().map(|(_, share)| share).sum::<u32>(), 100);
        assert_eq!(BUSINESS.iter().map(|(_, share)| share).sum::<u32>(), 100);
    }

    /// An update as the bot reads it, once the fake Bot API numbered it.
    fn read(mut raw: Value) -> teloxide::types::Update {
        raw["update_id"] = json!(1);
        chatcrm::telegram::read_update(raw).expect("readable")
    }

    fn member_with_clients() -> BaseMember {
        let mut rng = StdRng::seed_from_u64(1);
        BaseMember {
            user_id: 5,
            role: chatcrm::domain::Role::Manager,
            contacts: (1..=3)
                .map(|n| BaseContact {
                    id: n,
                    person: person(&mut rng, n as usize),
                    company: None,
                    telegram_id: (n != 2).then_some(10_000_000_000 + n),
                })
                .collect(),
            open_deals: Vec::new(),
        }
    }

    #[test]
    fn a_business_message_and_its_probe_name_one_connection_and_are_read_by_the_bot() {
        let member = member_with_clients();
        let mut session = Session::new(0, member.user_id);
        let mut seen = Vec::new();
        for (kind, _) in BUSINESS {
            let step = session.plan_business(kind, &member);
            assert_eq!(session.answered_in(&step), lane(member.user_id));
            let updates = session.updates(&step);
            assert_eq!(updates.len(), 2, "{kind}");
            let [message, probe] = [&updates[0], &updates[1]].map(|raw| read(raw.clone()));
            let UpdateKind::BusinessMessage(message) = message.kind else {
                panic!("{kind}: not a business message");
            };
            let UpdateKind::BusinessConnection(probe) = probe.kind else {
                panic!("{kind}: the probe is not a connection update");
            };
            let connection = connection_id(member.user_id);
            assert_eq!(probe.id.0, connection);
            assert_eq!(probe.user.id.0 as i64, lane(member.user_id));
            let MessageKind::Common(common) = &message.kind else {
                panic!("{kind}: not a common message");
            };
            let named = common
                .business_connection_id
                .as_ref()
                .map(|id| id.0.as_str());
            assert_eq!(named, Some(connection.as_str()));
            let from = message.from.as_ref().expect("a writer").id.0 as i64;
            seen.push((step.label, message.chat.id.0, from));
        }
        // Each kind once, in the order of the table, is itself (calibration counts on it).
        let labels: Vec<&str> = seen.iter().map(|(label, _, _)| *label).collect();
        let kinds: Vec<&str> = BUSINESS.iter().map(|(kind, _)| *kind).collect();
        assert_eq!(labels, kinds);
        let clients = [10_000_000_001, 10_000_000_003];
        // The client opens the chat, writes again, and the member answers in it.
        let (_, opened, by) = seen[0];
        assert!(clients.contains(&opened) && by == opened);
        assert_eq!((seen[1].1, seen[1].2), (opened, opened));
        assert_eq!((seen[2].1, seen[2].2), (opened, member.user_id));
        let (_, stranger, by) = seen[3];
        assert!(!clients.contains(&stranger) && by == stranger);
        assert_eq!((session.to_clients, session.from_strangers), (3, 1));
    }

    #[test]
    fn a_chat_goes_on_only_once_started() {
        let member = member_with_clients();
        let mut session = Session::new(0, member.user_id);
        let step = session.plan_business("business: member writes", &member);
        assert_eq!(step.label, "business: first message");
        let mut openings = 1;
        for _ in 0..20 {
            let step = session.plan_business("business: first message", &member);
            if step.label == "business: first message" {
                openings += 1;
            }
        }
        // Two contacts are on Telegram: once both wrote, new people only.
        assert_eq!(openings, 2);
    }

    #[test]
    fn a_member_with_no_client_on_telegram_hears_from_new_people() {
        let mut member = member_with_clients();
        member
            .contacts
            .iter_mut()
            .for_each(|c| c.telegram_id = None);
        let mut session = Session::new(0, member.user_id);
        let step = session.plan_business("business: client writes", &member);
        assert_eq!(step.label, "business: new person");
    }

    #[test]
    fn connecting_gives_the_member_s_own_account_and_the_right_to_reply() {
        let session = Session::new(0, 5);
        let update = read(session.connect());
        let UpdateKind::BusinessConnection(connection) = update.kind else {
            panic!("not a connection update");
        };
        assert_eq!(connection.id.0, connection_id(5));
        assert_eq!(connection.user.id.0, 5);
        assert!(connection.is_enabled && connection.rights.is_some_and(|r| r.can_reply));
    }
}
