//! The bot under test: `chatcrm run` as a child process, or the stand-in that measures the
//! floor of the framework and the loopback.

use crate::bench::base::{self};
use chatcrm::chat::{BusinessUpdate, Incoming, Input, Outgoing};
use chatcrm::telegram::Handler;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

/// Linux reports process CPU time in these ticks per second (`USER_HZ`).
const TICKS_PER_SECOND: f64 = 100.0;

/// Which bot answers: `chatcrm run`, or the stand-in that measures the floor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Target {
    Chatcrm,
    Floor,
}

/// The stand-in: one call per update, no database, no formatting; of the Business updates
/// only a connection is answered (the bot answers a client's message with no call either).
pub struct Floor;

impl Handler for Floor {
    async fn handle(&self, incoming: &Incoming) -> Vec<Outgoing> {
        vec![match &incoming.input {
            Input::Button { callback_id, .. } => Outgoing::AnswerButton {
                callback_id: callback_id.clone(),
                text: None,
            },
            _ => Outgoing::Send {
                chat_id: incoming.chat_id,
                text: "ok".to_owned(),
                keyboard: chatcrm::chat::Keyboard::none(),
            },
        }]
    }

    async fn handle_business(&self, update: &BusinessUpdate) -> Vec<Outgoing> {
        match update {
            BusinessUpdate::Connection { user, .. } => vec![Outgoing::Send {
                chat_id: user.id,
                text: "ok".to_owned(),
                keyboard: chatcrm::chat::Keyboard::none(),
            }],
            _ => Vec::new(),
        }
    }
}

/// `chatcrm bench floor`: the adapter with [`Floor`] behind it, polling `api_url`.
pub async fn floor(api_url: url::Url) {
    let bot = teloxide::Bot::new("123:BENCH").set_api_url(api_url);
    let shutdown = chatcrm::shutdown::Shutdown::on_signals();
    chatcrm::telegram::serve(bot, Arc::new(Floor), shutdown).await;
}

pub(super) struct Child {
    pub(super) process: tokio::process::Child,
    pub(super) pid: u32,
}

impl Child {
    pub(super) async fn start(
        target: Target,
        api_url: &str,
        database_url: &str,
        clock: &str,
    ) -> anyhow::Result<Self> {
        let mut command = tokio::process::Command::new(std::env::current_exe()?);
        match target {
            Target::Chatcrm => command.arg("run"),
            Target::Floor => command.args(["bench", "floor", "--api-url", api_url]),
        };
        let process = command
            .env("TELOXIDE_TOKEN", "123:BENCH")
            .env("TELOXIDE_API_URL", api_url)
            .env("DATABASE_URL", database_url)
            .env("CHATCRM_OWNERS", base::OWNER.to_string())
            .env("CHATCRM_TIMEZONE", "UTC")
            .env("CHATCRM_CLOCK_START", clock)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let pid = process
            .id()
            .ok_or_else(|| anyhow::anyhow!("the bot exited"))?;
        Ok(Self { process, pid })
    }

    /// CPU time used so far (user and system).
    pub(super) fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap_or_default();
        // Fields after the command name (which may hold spaces): state is the 3rd field, utime
        // and stime the 14th and 15th.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks: f64 = [11, 12]
            .iter()
            .filter_map(|i| fields.get(*i)?.parse::<f64>().ok())
            .sum();
        Duration::from_secs_f64(ticks / TICKS_PER_SECOND)
    }

    /// Resident memory now and at its peak, in MB.
    pub(super) fn memory(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        let field = |name: &str| {
            (status.lines())
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    pub(super) async fn stop(mut self) {
        let _ = self.process.kill().await;
    }
}
