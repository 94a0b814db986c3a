//! Attributing the bot's Bot API calls to the steps that caused them, and the figures of a
//! phase.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// What the fake Bot API tells the tracker.
pub(super) enum Event {
    /// A step was sent by a member: its replies are awaited.
    Sent {
        chat: i64,
        label: &'static str,
        expected: usize,
        at: Instant,
        done: Option<oneshot::Sender<()>>,
    },
    /// The bot called the Bot API about `chat`.
    Reply {
        chat: i64,
        at: Instant,
        text: String,
    },
    /// Ends a calibration step: how many calls it caused, with their texts.
    Settle {
        chat: i64,
        answer: oneshot::Sender<Vec<String>>,
    },
    /// A step of `chat` was waited for too long: it is dropped, and counted.
    GiveUp { chat: i64 },
    /// Ends a phase: its figures, and the tracker starts afresh.
    Finish { answer: oneshot::Sender<Figures> },
}

/// One phase's results.
#[derive(Default)]
pub(super) struct Figures {
    pub(super) latencies: HashMap<&'static str, Vec<Duration>>,
    /// Calls about a chat with no step outstanding (a scheduled message, or a step that caused
    /// more calls than calibrated).
    pub(super) unsolicited: usize,
    /// Replies saying something went wrong inside the bot.
    pub(super) errors: usize,
    /// Steps still waiting for replies when the phase ended.
    pub(super) unfinished: usize,
    /// The same, by step label.
    pub(super) unfinished_by_label: HashMap<&'static str, usize>,
    /// A few of them, with the calls they got, to tell why.
    pub(super) stuck: Vec<String>,
    pub(super) first_sent: Option<Instant>,
    pub(super) last_done: Option<Instant>,
}

impl Figures {
    pub(super) fn give_up(&mut self, step: &Outstanding) {
        self.unfinished += 1;
        *self.unfinished_by_label.entry(step.label).or_default() += 1;
        if self.stuck.len() < 3 {
            let last = step.got.last().map_or("", String::as_str);
            let last: String = last.chars().take(60).collect();
            self.stuck.push(format!(
                "{}: {} of {} calls, the last “{}”",
                step.label,
                step.got.len(),
                step.expected,
                last.replace('\n', " ⏎ ")
            ));
        }
    }
}

pub(super) struct Outstanding {
    pub(super) label: &'static str,
    pub(super) expected: usize,
    pub(super) got: Vec<String>,
    pub(super) at: Instant,
    pub(super) done: Option<oneshot::Sender<()>>,
}

/// Matches each Bot API call to the oldest step of its chat still waiting: the bot handles a
/// chat's updates in order, so a step's calls all come before the next step's.
pub(super) async fn track(mut events: mpsc::UnboundedReceiver<Event>, error_text: String) {
    let mut waiting: HashMap<i64, VecDeque<Outstanding>> = HashMap::new();
    let mut figures = Figures::default();
    while let Some(event) = events.recv().await {
        match event {
            Event::Sent {
                chat,
                label,
                expected,
                at,
                done,
            } => {
                figures.first_sent.get_or_insert(at);
                waiting.entry(chat).or_default().push_back(Outstanding {
                    label,
                    expected,
                    got: Vec::new(),
                    at,
                    done,
                });
            }
            Event::Reply { chat, at, text } => {
                if text.contains(&error_text) {
                    figures.errors += 1;
                }
                let Some(head) = waiting.get_mut(&chat).and_then(|queue| queue.front_mut()) else {
                    figures.unsolicited += 1;
                    continue;
                };
                head.got.push(text);
                if head.got.len() == head.expected {
                    let step = waiting.get_mut(&chat).and_then(VecDeque::pop_front);
                    let step = step.expect("the head was just seen");
                    figures
                        .latencies
                        .entry(step.label)
                        .or_default()
                        .push(at - step.at);
                    figures.last_done = Some(at);
                    if let Some(done) = step.done {
                        let _ = done.send(());
                    }
                }
            }
            Event::Settle { chat, answer } => {
                let step = waiting.get_mut(&chat).and_then(VecDeque::pop_front);
                let _ = answer.send(step.map(|s| s.got).unwrap_or_default());
            }
            Event::GiveUp { chat } => {
                if let Some(step) = waiting.get_mut(&chat).and_then(VecDeque::pop_front) {
                    figures.give_up(&step);
                }
            }
            Event::Finish { answer } => {
                for step in waiting.values().flatten() {
                    figures.give_up(step);
                }
                waiting.clear();
                let _ = answer.send(std::mem::take(&mut figures));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn replies_are_matched_to_the_oldest_waiting_step_of_their_chat() {
        let (events, receiver) = mpsc::unbounded_channel();
        tokio::spawn(track(receiver, "boom".to_owned()));
        let at = Instant::now();
        for (chat, label, expected) in [(1, "a", 2), (1, "b", 1), (2, "c", 1)] {
            let _ = events.send(Event::Sent {
                chat,
                label,
                expected,
                at,
                done: None,
            });
        }
        for (chat, text) in [(1, "a1"), (2, "boom"), (1, "a2"), (1, "b1"), (3, "x")] {
            let _ = events.send(Event::Reply {
                chat,
                at: at + Duration::from_millis(5),
                text: text.to_owned(),
            });
        }
        let (answer, figures) = oneshot::channel();
        let _ = events.send(Event::Finish { answer });
        let figures = figures.await.unwrap();
        let counts: HashMap<&str, usize> = figures
            .latencies
            .iter()
            .map(|(l, t)| (*l, t.len()))
            .collect();
        assert_eq!(counts, HashMap::from([("a", 1), ("b", 1), ("c", 1)]));
        assert_eq!(
            (figures.unsolicited, figures.errors, figures.unfinished),
            (1, 1, 0)
        );
    }
}
