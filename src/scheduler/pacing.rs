//! Pacing of scheduled messages under Telegram's outbound limits: about 30 messages a second
//! in all, one a second to any one chat and 20 a minute to a group. Going over earns 429 errors
//! that hold back every chat, so sends are spaced out before they are made rather than retried
//! after.
//!
//! Each limit is a sliding window: no span of that length may hold more than that many sends.
//! Sends are reserved ahead of time, and not in time order (a chat that must wait does not
//! hold up the others), so a new send is checked against every window it would fall into.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How far ahead a send may be reserved. A job that would have to wait longer goes back to the
/// queue instead, so a worker never sleeps long on one chat while others are due.
pub const MAX_WAIT: Duration = Duration::from_secs(1);
/// How often chats not sent to for a while are forgotten, so memory stays bounded by the chats
/// of the last couple of minutes rather than by every chat ever sent to.
const FORGET_EVERY: Duration = Duration::from_secs(60);

/// At most `sends` sends in any span of `per`.
struct Limit {
    sends: usize,
    per: Duration,
}

/// All chats together. The window is 30 ms longer than Telegram's second: the time a request
/// takes to get there varies, and arrivals must not bunch up over the limit (29 a second at
/// most in the long run; `chatcrm bench outbound` shows the arrivals).
const OVERALL: Limit = Limit {
    sends: 30,
    per: Duration::from_millis(1030),
};
/// Any one chat, private or group.
const PER_CHAT: Limit = Limit {
    sends: 1,
    per: Duration::from_secs(1),
};
/// A group chat, on top of `PER_CHAT`.
const PER_GROUP: Limit = Limit {
    sends: 20,
    per: Duration::from_secs(60),
};

impl Limit {
    /// Whether one more send at `at` keeps every window holding it within the limit. A window
    /// can be taken to start at its first send, so checking those starting at `at` or at an
    /// earlier send still in reach covers them all.
    fn allows(&self, sends: &[Instant], at: Instant) -> bool {
        let starts = sends
            .iter()
            .copied()
            .filter(|&send| send <= at && at < send + self.per);
        starts.chain([at]).all(|start| {
            let held = sends
                .iter()
                .filter(|&&send| start <= send && send < start + self.per)
                .count();
            held < self.sends
        })
    }

    /// The instants at which a send leaves a window: the only ones, besides now, at which a
    /// send refused a moment earlier can become allowed.
    fn releases(&self, sends: &[Instant]) -> impl Iterator<Item = Instant> {
        sends.iter().map(move |&send| send + self.per)
    }
}

/// The limits on sends to one chat. Group chats have negative ids.
fn chat_limits(chat_id: i64) -> &'static [Limit] {
    if chat_id < 0 {
        &[PER_CHAT, PER_GROUP]
    } else {
        &[PER_CHAT]
    }
}

/// How long a send to a chat can still affect the next: the longest window of its limits.
fn chat_memory(chat_id: i64) -> Duration {
    chat_limits(chat_id)
        .iter()
        .map(|limit| limit.per)
        .max()
        .unwrap_or_default()
}

/// The sends reserved recently and ahead, overall and per chat: what the windows of the
/// limits need to see. One `Pacer` should see every scheduled send of the process.
#[derive(Debug, Default)]
pub struct Pacer {
    all: Vec<Instant>,
    chats: HashMap<i64, Vec<Instant>>,
    next_forget: Option<Instant>,
}

impl Pacer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves the earliest moment from `now` at which a message to `chat_id` keeps within all
    /// limits and returns how long to wait for it (zero to send at once). When that moment is
    /// more than `MAX_WAIT` away nothing is reserved and `None` says to try again later.
    pub fn reserve(&mut self, chat_id: i64, now: Instant) -> Option<Duration> {
        self.forget(now);
        let limits = chat_limits(chat_id);
        let chat = self.chats.get(&chat_id).map_or(&[][..], Vec::as_slice);
        let mut candidates: Vec<Instant> = OVERALL
            .releases(&self.all)
            .chain(limits.iter().flat_map(|limit| limit.releases(chat)))
            .filter(|&at| now < at && at <= now + MAX_WAIT)
            .chain([now])
            .collect();
        candidates.sort();
        let at = candidates.into_iter().find(|&at| {
            OVERALL.allows(&self.all, at) && limits.iter().all(|limit| limit.allows(chat, at))
        })?;
        self.all.push(at);
        self.chats.entry(chat_id).or_default().push(at);
        Some(at - now)
    }

    /// Drops sends that can no longer affect one at `now` or later, and once a minute the
    /// chats left with none.
    fn forget(&mut self, now: Instant) {
        self.all.retain(|&send| send + OVERALL.per > now);
        if self.next_forget.is_some_and(|at| now < at) {
            return;
        }
        self.chats.retain(|&chat_id, sends| {
            let memory = chat_memory(chat_id);
            sends.retain(|&send| send + memory > now);
            !sends.is_empty()
        });
        self.next_forget = Some(now + FORGET_EVERY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: i64 = -100_123;
    const SECOND: Duration = Duration::from_secs(1);

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    #[test]
    fn thirty_chats_fit_in_a_second_and_the_next_waits_for_the_window() {
        let mut pacer = Pacer::new();
        let now = Instant::now();
        for chat in 1..=30 {
            assert_eq!(pacer.reserve(chat, now), Some(Duration::ZERO), "{chat}");
        }
        // The window is over a second: the 31st would wait longer than MAX_WAIT now.
        assert_eq!(pacer.reserve(31, now), None);
        assert_eq!(
            pacer.reserve(31, now + ms(100)),
            Some(OVERALL.per - ms(100))
        );
        assert_eq!(
            pacer.reserve(32, now + ms(400)),
            Some(OVERALL.per - ms(400))
        );
    }

    #[test]
    fn a_refusal_reserves_nothing() {
        let mut pacer = Pacer::new();
        let now = Instant::now();
        for chat in 1..=30 {
            assert!(pacer.reserve(chat, now).is_some(), "{chat}");
        }
        let reserved = pacer.all.len();
        assert_eq!(pacer.reserve(61, now), None);
        assert_eq!(pacer.all.len(), reserved);
        assert!(!pacer.chats.contains_key(&61));
        let slack = OVERALL.per - SECOND;
        assert_eq!(pacer.reserve(61, now + slack - ms(10)), None);
        assert_eq!(pacer.reserve(61, now + slack), Some(SECOND));
    }

    #[test]
    fn sends_reserved_ahead_count_against_the_overall_limit() {
        let mut pacer = Pacer::new();
        let now = Instant::now();
        for chat in 1..=30 {
            pacer.reserve(chat, now);
        }
        for chat in 31..=60 {
            let wait = OVERALL.per - ms(500);
            assert_eq!(pacer.reserve(chat, now + ms(500)), Some(wait), "{chat}");
        }
        // Half a second on, both the window from now and the one a window on are full.
        assert_eq!(pacer.reserve(61, now + ms(500)), None);
    }

    #[test]
    fn one_chat_gets_one_message_a_second() {
        let mut pacer = Pacer::new();
        let now = Instant::now();
        assert_eq!(pacer.reserve(7, now), Some(Duration::ZERO));
        assert_eq!(pacer.reserve(7, now), Some(SECOND));
        assert_eq!(pacer.reserve(7, now), None);
        assert_eq!(pacer.reserve(7, now + ms(300)), None);
        assert_eq!(pacer.reserve(7, now + ms(1500)), Some(ms(500)));
    }

    #[test]
    fn a_chat_that_waits_does_not_hold_up_the_others() {
        let mut pacer = Pacer::new();
        let now = Instant::now();
        pacer.reserve(7, now);
        assert_eq!(pacer.reserve(7, now + ms(100)), Some(ms(900)));
        assert_eq!(pacer.reserve(8, now + ms(100)), Some(Duration::ZERO));
    }

    #[test]
    fn a_group_gets_twenty_messages_a_minute() {
        let mut pacer = Pacer::new();
        let start = Instant::now();
        for second in 0..20 {
            let at = start + second * SECOND;
            assert_eq!(pacer.reserve(GROUP, at), Some(Duration::ZERO), "{second}");
        }
        assert_eq!(pacer.reserve(GROUP, start + 20 * SECOND), None);
        assert_eq!(pacer.reserve(GROUP, start + ms(58_500)), None);
        assert_eq!(pacer.reserve(GROUP, start + ms(59_500)), Some(ms(500)));
        assert_eq!(
            pacer.reserve(GROUP, start + 61 * SECOND),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn a_private_chat_has_no_limit_a_minute() {
        let mut pacer = Pacer::new();
        let start = Instant::now();
        for second in 0..40 {
            let at = start + second * SECOND;
            assert_eq!(pacer.reserve(7, at), Some(Duration::ZERO), "{second}");
        }
    }

    #[test]
    fn chats_not_sent_to_for_a_minute_are_forgotten() {
        let mut pacer = Pacer::new();
        let start = Instant::now();
        for chat in 1..=25 {
            let at = start + chat as u32 * ms(100);
            assert!(pacer.reserve(chat, at).is_some() && pacer.reserve(-chat, at).is_some());
        }
        assert_eq!(pacer.chats.len(), 50);
        pacer.reserve(100, start + 30 * SECOND);
        pacer.reserve(-100, start + 30 * SECOND);
        assert_eq!(pacer.chats.len(), 52, "forgetting waits a minute");
        // Only the group sent to half a minute ago still counts against its limit.
        pacer.reserve(101, start + 63 * SECOND);
        let mut left: Vec<i64> = pacer.chats.keys().copied().collect();
        left.sort();
        assert_eq!(left, [-100, 101]);
        assert_eq!(pacer.all.len(), 1);
        pacer.reserve(102, start + 200 * SECOND);
        assert_eq!(pacer.chats.keys().collect::<Vec<_>>(), [&102]);
    }
}
