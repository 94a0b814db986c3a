//! The real `chatcrm run` binary as a child process, talking to a fake Telegram.

use super::{FakeTelegram, TestDb};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct BotProcess {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl BotProcess {
    pub async fn start(telegram: &FakeTelegram, db: &TestDb, owners: &[i64]) -> Self {
        Self::start_with(telegram, db, owners, &[]).await
    }

    /// Starts the bot with extra environment, e.g. a fast clock for scheduled messages.
    pub async fn start_with(
        telegram: &FakeTelegram,
        db: &TestDb,
        owners: &[i64],
        env: &[(&str, &str)],
    ) -> Self {
        let owners: Vec<String> = owners.iter().map(i64::to_string).collect();
        let mut command = Command::new(env!("CARGO_BIN_EXE_chatcrm"));
        command
            .arg("run")
            .env("TELOXIDE_TOKEN", "123456:TEST-TOKEN")
            .env("TELOXIDE_API_URL", telegram.url())
            .env("DATABASE_URL", &db.url)
            .env("CHATCRM_TIMEZONE", "Europe/Moscow")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        command.envs(env.iter().copied());
        if owners.is_empty() {
            command.env_remove("CHATCRM_OWNERS");
        } else {
            command.env("CHATCRM_OWNERS", owners.join(","));
        }
        let mut child = command.spawn().expect("the chatcrm binary starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                // Shown by the test harness when a test fails.
                eprintln!("[bot] {line}");
                sink.lock().unwrap().push(line);
            }
        });
        Self { child, log }
    }

    /// Waits for a log line containing `part` and returns it.
    pub async fn wait_for_log(&self, part: &str) -> String {
        let deadline = tokio::time::Instant::now() + super::fake_telegram::PATIENCE;
        loop {
            if let Some(line) = self.log.lock().unwrap().iter().find(|l| l.contains(part)) {
                return line.clone();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the bot never logged {part:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Whether the bot has logged a line containing `part` so far.
    pub fn logged(&self, part: &str) -> bool {
        self.log
            .lock()
            .unwrap()
            .iter()
            .any(|line| line.contains(part))
    }

    /// The bot in webhook mode behind `webhook_url` (Telegram pushes there), with `secret`;
    /// it listens on a port of its own, see [`BotProcess::http_url`].
    pub async fn start_webhook(
        telegram: &FakeTelegram,
        db: &TestDb,
        webhook_url: &str,
        secret: &str,
    ) -> Self {
        let env = [
            ("CHATCRM_WEBHOOK_URL", webhook_url),
            ("CHATCRM_WEBHOOK_SECRET", secret),
            ("CHATCRM_LISTEN", "127.0.0.1:0"),
        ];
        Self::start_with(telegram, db, &[super::OWNER_ID], &env).await
    }

    /// `http://127.0.0.1:<port>` of the bot's HTTP listener, read from its log.
    pub async fn http_url(&self) -> String {
        let line = self.wait_for_log("listening on HTTP").await;
        let at = line.find("127.0.0.1:").expect("the listener's address");
        let address: String = line[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
            .collect();
        format!("http://{address}")
    }

    /// Asks the bot to stop (SIGTERM, as a deploy does) and waits for it to exit; whether it
    /// exited cleanly.
    pub async fn terminate(mut self) -> bool {
        let pid = self.child.id().expect("the bot is running");
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .await
            .unwrap();
        assert!(sent.success());
        let exited = tokio::time::timeout(super::fake_telegram::PATIENCE, self.child.wait())
            .await
            .expect("the bot stops within the patience")
            .unwrap();
        exited.success()
    }

    /// Kills the bot at once, as a crash or a redeploy would.
    pub async fn kill(mut self) {
        self.child.kill().await.unwrap();
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}
