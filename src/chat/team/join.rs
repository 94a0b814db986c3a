//! Joining a team and inviting to it, and the help that depends on one's role.
//!
//! ```text
//! owner:   /invite manager
//! bot:     Send this link to the new manager: https://t.me/crm_bot?start=join_Xy…
//!          It works once, for 72 hours.
//! newcomer (taps the link): /start join_Xy…
//! bot:     Welcome to the team! Your role: manager. …help…
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::Keyboard;
use crate::chat::route::commands::{command_menu, help_text};
use crate::chat::turn::Turn;
use crate::chat::view::role_name;
use crate::domain::Role;
use crate::i18n::{arg, tr_args};
use crate::store::{LinkProblem, Member};
use rand::distr::{Alphanumeric, SampleString};

/// How long a join link works.
const INVITE_HOURS: i64 = 72;

/// A fresh unguessable token for a join or claim link.
pub fn new_link_token() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 24)
}

impl Core {
    pub(in crate::chat) async fn start(
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
            turn.not_member();
            return Ok(());
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
                let menu = command_menu(sender.id, Some(member.role), turn.lang);
                turn.out.push(menu);
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

    pub(in crate::chat) async fn invite(
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
