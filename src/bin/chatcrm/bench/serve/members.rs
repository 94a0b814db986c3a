//! The simulated members: what each does next, in the mix of a manager's day, as updates.

use super::fake_api::BOT_ID;
use crate::bench::base::Base;
use crate::bench::search::{pick_kind, query_for, visible_contact};
use chatcrm::chat::{Action, CallOutcome};
use chrono::Utc;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::VecDeque;

/// What a member does, as one update.
#[derive(Debug, Clone)]
pub(super) enum Says {
    Text(String),
    Press(String),
}

#[derive(Debug, Clone)]
pub(super) struct Step {
    pub(super) label: &'static str,
    pub(super) says: Says,
}

/// What a member does next, and how often (out of 100). Several are more than one step.
pub(super) const MIX: [(&str, u32); 11] = [
    ("search", 30),
    ("card", 14),
    ("history", 6),
    ("/today", 8),
    ("/tasks", 6),
    ("/deals", 6),
    ("/add", 4),
    ("log a call", 10),
    ("move a deal", 8),
    ("/find", 4),
    ("/help", 4),
];

/// One simulated member: the steps they take, as a manager would through a day.
pub(super) struct Session {
    pub(super) chat: i64,
    pub(super) member: usize,
    pub(super) rng: StdRng,
    pub(super) queue: VecDeque<Step>,
    pub(super) presses: u64,
    pub(super) added: u64,
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
        }
    }

    pub(super) fn next(&mut self, base: &mut Base) -> Step {
        if self.queue.is_empty() {
            let mut roll = self.rng.random_range(0..100);
            let action = MIX
                .iter()
                .find(|(_, share)| {
                    let hit = roll < *share;
                    roll = roll.saturating_sub(*share);
                    hit
                })
                .map_or("search", |(action, _)| *action);
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
            _ => {
                for action in MIX.iter().map(|(action, _)| *action) {
                    self.plan(action, base);
                }
            }
        }
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

    pub(super) fn update(&mut self, step: &Step) -> Value {
        let now = Utc::now().timestamp();
        let user = json!({"id": self.chat, "is_bot": false, "first_name": "Member",
                          "language_code": "en"});
        let chat = json!({"id": self.chat, "type": "private", "first_name": "Member"});
        match &step.says {
            Says::Text(text) => json!({"message": {
                "message_id": 1, "date": now, "chat": chat, "from": user, "text": text,
            }}),
            Says::Press(data) => {
                self.presses += 1;
                json!({"callback_query": {
                    "id": format!("{}:{}", self.chat, self.presses), "from": user,
                    "chat_instance": "bench", "data": data,
                    "message": {"message_id": 1, "date": now, "chat": chat,
                                "from": {"id": BOT_ID, "is_bot": true, "first_name": "CRM"},
                                "text": "…"},
                }})
            }
        }
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

    #[test]
    fn numbers_in_letters_are_distinct_words() {
        assert_eq!(in_letters(0), "a");
        assert_eq!(in_letters(27), "bb");
        assert_ne!(in_letters(600_001), in_letters(600_002));
    }

    #[test]
    fn the_mix_adds_up_to_a_hundred() {
        assert_eq!(MIX.iter().map(|(_, share)| share).sum::<u32>(), 100);
    }
}
