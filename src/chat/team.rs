//! Joining a team and inviting to it, and the help that depends on one's role.
//!
//! ```text
//! owner:   /invite manager
//! bot:     Send this link to the new manager: https://t.me/crm_bot?start=join_Xy…
//!          It works once, for 72 hours.
//! newcomer (taps the link): /start join_Xy…
//! bot:     Welcome to the team! Your role: manager. …help…
//! ```

use super::{BOT_COMMANDS, Core, Keyboard, Turn};
use crate::domain::{Lang, Role};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{LinkProblem, Member};
use rand::distr::{Alphanumeric, SampleString};

/// How long a join link works.
const INVITE_HOURS: i64 = 72;

/// A fresh unguessable token for a join or claim link.
pub fn new_link_token() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 24)
}

pub fn role_name(lang: Lang, role: Role) -> String {
    tr(lang, &format!("role-{}", role.as_str()))
}

/// The commands `role` may use, one a line with its description.
pub fn help_text(lang: Lang, role: Role) -> String {
    let mut text = tr_args(lang, "help-intro", &[("role", arg(role_name(lang, role)))]);
    for (command, who) in BOT_COMMANDS {
        if who.admits(Some(role)) {
            text.push_str(&format!(
                "\n/{command} — {}",
                tr(lang, &format!("command-{command}"))
            ));
        }
    }
    text.push('\n');
    text.push('\n');
    text.push_str(&tr(lang, "help-search-hint"));
    text
}

impl Core {
    pub(super) async fn start(
        &self,
        turn: &mut Turn<'_>,
        payload: Option<&str>,
    ) -> anyhow::Result<()> {
        if let Some(member) = turn.member.clone() {
            let greeting = if payload.is_some() {
                turn.tr("start-already-member")
            } else {
                turn.tr("start-welcome-back")
            };
            let text = format!("{greeting}\n\n{}", help_text(turn.lang, member.role));
            turn.send(text, Keyboard::none());
            return Ok(());
        }
        let token =
            payload.and_then(|p| p.strip_prefix("join_").or_else(|| p.strip_prefix("claim_")));
        let Some(token) = token else {
            return self.not_member(turn);
        };
        let sender = turn.sender().clone();
        let now = crate::clock::timestamp();
        match self
            .store
            .redeem_link(token, sender.id, &sender.name, now)
            .await?
        {
            Ok(member) => {
                tracing::info!(
                    user = sender.id,
                    role = member.role.as_str(),
                    "new team member"
                );
                let welcome = tr_args(
                    turn.lang,
                    "start-joined",
                    &[("role", arg(role_name(turn.lang, member.role)))],
                );
                let text = format!("{welcome}\n\n{}", help_text(turn.lang, member.role));
                turn.send(text, Keyboard::none());
            }
            Err(problem) => {
                let key = match problem {
                    LinkProblem::Unknown => "link-unknown",
                    LinkProblem::Used => "link-used",
                    LinkProblem::Expired => "link-expired",
                };
                let text = turn.tr(key);
                turn.send(text, Keyboard::none());
            }
        }
        Ok(())
    }

    pub(super) async fn invite(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        role_text: &str,
    ) -> anyhow::Result<()> {
        let role = if role_text.is_empty() {
            Some(Role::Manager)
        } else {
            Role::parse(role_text)
        };
        let Some(role) = role.filter(|role| *role != Role::Owner) else {
            let text = turn.tr("invite-usage");
            turn.send(text, Keyboard::none());
            return Ok(());
        };
        if !member.role.may_manage(role) {
            let text = turn.tr("invite-not-allowed");
            turn.send(text, Keyboard::none());
            return Ok(());
        }
        let token = new_link_token();
        let now = crate::clock::timestamp();
        self.store
            .create_invite(&token, member, role, now, now + INVITE_HOURS * 3600)
            .await?;
        let link = format!(
            "https://t.me/{}?start=join_{token}",
            self.config.bot_username
        );
        let text = tr_args(
            turn.lang,
            "invite-link",
            &[
                ("role", arg(role_name(turn.lang, role))),
                ("link", arg(link)),
                ("hours", arg(INVITE_HOURS)),
            ],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }
}
