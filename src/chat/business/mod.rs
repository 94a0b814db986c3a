//! Telegram Business: a member's own chats with clients, logged on the clients' cards.

use crate::chat::context::Core;
use crate::chat::io::{BusinessUpdate, Outgoing};

impl Core {
    /// Handles one Business update. Never fails: an internal error is logged.
    pub async fn handle_business(&self, update: &BusinessUpdate) -> Vec<Outgoing> {
        let _ = update;
        Vec::new()
    }
}
