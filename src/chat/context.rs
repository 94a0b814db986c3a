//! The core's context: the store and the configuration every handler works with, and the
//! member's clock (their time zone, or the team's default).

use crate::store::{Member, Store};
use chrono_tz::Tz;

/// How long messages logged from members' Telegram chats are kept unless configured.
pub const BUSINESS_RETENTION_DAYS: u32 = 365;

/// Settings the core needs from the configuration.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Used to build `t.me` links.
    pub bot_username: String,
    /// Times on the timeline are shown in this zone.
    pub time_zone: Tz,
    /// Leads `POST /api/leads` accepts a minute per team token; more get 429.
    pub leads_per_minute: u32,
    /// Where this deployment is reached from the web, for the lead form's snippet.
    pub public_url: Option<url::Url>,
    /// Days a message logged from a member's Telegram chats is kept.
    pub business_retention_days: u32,
}

/// The conversation core: takes a message or a button press from a Telegram user and returns
/// the replies to send. Its handlers, grouped by area in `chat/`, are reached only through the
/// route tables (`chat/route/`).
pub struct Core {
    pub(crate) store: Store,
    pub(crate) config: CoreConfig,
}

impl Core {
    pub fn new(store: Store, config: CoreConfig) -> Self {
        Self { store, config }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The member's time zone, or the team's default.
    pub(crate) fn zone(&self, member: &Member) -> Tz {
        member.time_zone.unwrap_or(self.config.time_zone)
    }

    /// `at` on the member's clock, as the bot shows moments.
    pub(crate) fn moment(&self, member: &Member, at: i64) -> String {
        crate::chat::view::moment_in(self.zone(member), at)
    }
}
