//! What the end-to-end tests stand on: a fake Telegram, the real `chatcrm` binary pointed at it,
//! and a database of its own for every test (SQLite file, or a fresh PostgreSQL database when
//! `DATABASE_URL` is a `postgres://` URL).

mod bot;
mod db;
mod fake_telegram;
mod proxy;

pub use bot::BotProcess;
pub use db::TestDb;
pub use fake_telegram::{BotMessage, BusinessAccount, Call, Client, Failure, FakeTelegram, TgUser};
pub use proxy::RoundRobin;

pub const OWNER_ID: i64 = 100;

/// A running bot with one owner (user 100, "Olga", English) and its fake Telegram.
pub struct World {
    pub telegram: FakeTelegram,
    pub db: TestDb,
    pub bot: BotProcess,
    pub owner: TgUser,
}

impl World {
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// The same with extra environment for the bot, e.g. its clock set to a working hour.
    pub async fn start_with(env: &[(&str, &str)]) -> Self {
        let telegram = FakeTelegram::start().await;
        let db = TestDb::new().await;
        let bot = BotProcess::start_with(&telegram, &db, &[OWNER_ID], env).await;
        let owner = telegram.user(OWNER_ID, "Olga", "en");
        Self {
            telegram,
            db,
            bot,
            owner,
        }
    }

    /// Makes a new member with `role` through a real invite link; `language_code` is theirs.
    pub async fn join(&self, id: i64, name: &str, language_code: &str, role: &str) -> TgUser {
        self.owner.send(&format!("/invite {role}"));
        let invite = self.owner.expect_reply("start=join_").await;
        let token = invite_token(&invite.text);
        let user = self.telegram.user(id, name, language_code);
        user.send(&format!("/start join_{token}"));
        user.next_reply().await;
        user
    }

    /// The owner makes the lead `name` a manager through /team, as the owner would.
    pub async fn make_manager(&self, name: &str) {
        let owner = &self.owner;
        owner.send("/team");
        let team = owner.expect_reply("Team:").await;
        owner.press(&team, name);
        let menu = owner.expect_reply(&format!("{name} — team lead")).await;
        owner.press(&menu, "Make manager");
        owner.expect_reply(&format!("{name} — manager")).await;
    }

    /// Adds a contact as `user` and returns the card message.
    pub async fn add_contact(&self, user: &TgUser, args: &str) -> BotMessage {
        user.send(&format!("/add {args}"));
        user.next_reply().await;
        user.next_reply().await
    }
}

/// The token of the first `start=join_…` or `start=claim_…` link in `text`.
pub fn invite_token(text: &str) -> String {
    let start = text
        .find("start=")
        .unwrap_or_else(|| panic!("no link in {text:?}"));
    let payload = &text[start + "start=".len()..];
    let payload: String = payload
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    payload
        .split_once('_')
        .map(|(_, token)| token.to_owned())
        .unwrap()
}

/// A message in `lang` from the bot's own locale files.
pub fn tr(lang: &str, key: &str) -> String {
    chatcrm::i18n::tr(chatcrm::domain::Lang::from_code(lang).unwrap(), key)
}
