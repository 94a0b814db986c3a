//! `/settings → 🔌 Lead capture` (owner): the team's lead token and a ready HTML form for
//! `POST /api/leads`, and whom new leads go to: in turn among the ticked members, or one
//! chosen member (the owner by default).
//!
//! ```text
//! owner: /settings → 🔌 Lead capture
//! bot:   🔌 Lead capture … Token: Xy3… <form method="post" action="…/api/leads">…
//!        [🔄 New token] [👥 Assign]
//! owner: 👥 Assign → ☑ Olga, ☑ Ivan
//! bot:   New leads go in turn to: Olga, Ivan
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::new_link_token;
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::Role;
use crate::i18n::{arg, tr_args};
use crate::store::{LeadSettings, Member};

impl Core {
    /// The 🔌 Lead capture screen; the team gets its token on the first visit.
    pub(in crate::chat) async fn lead_capture(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let mut settings = self.store.lead_settings(member.team_id).await?;
        let token = match settings.token.take() {
            Some(token) => token,
            None => {
                let token = new_link_token();
                self.store.set_lead_token(member.team_id, &token).await?;
                token
            }
        };
        let url = match &self.config.public_url {
            Some(base) => base
                .join("api/leads")
                .map(|url| url.to_string())
                .unwrap_or_else(|_| base.to_string()),
            None => "https://crm.example.com/api/leads".to_owned(),
        };
        let text = tr_args(
            turn.lang,
            "leads-title",
            &[
                ("url", arg(url.clone())),
                ("token", arg(token.clone())),
                (
                    "assignee",
                    arg(self.lead_rule(turn, member, &settings).await?),
                ),
                ("form", arg(form_snippet(&url, &token))),
            ],
        );
        let keyboard = Keyboard::none()
            .row(vec![
                Button::new(turn.tr("button-leads-rotate"), Action::LeadTokenRotate),
                Button::new(turn.tr("button-leads-assign"), Action::LeadAssign),
            ])
            .row(vec![Button::new(turn.tr("button-back"), Action::Settings)]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// A new token: the old one stops working at once.
    pub(in crate::chat) async fn rotate_lead_token(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        self.store
            .set_lead_token(member.team_id, &new_link_token())
            .await?;
        self.lead_capture(turn, member).await
    }

    /// Whom new leads go to: every member with a tick for the rotation and a button to give
    /// them all leads.
    pub(in crate::chat) async fn lead_assign(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let settings = self.store.lead_settings(member.team_id).await?;
        let text = tr_args(
            turn.lang,
            "leads-assign-title",
            &[(
                "assignee",
                arg(self.lead_rule(turn, member, &settings).await?),
            )],
        );
        let members = self.store.team_members(member.team_id).await?;
        let rows = members.iter().filter(|m| !m.removed).map(|m| {
            let id = m.member.user_id;
            let tick = if settings.rotation.contains(&id) {
                "☑"
            } else {
                "☐"
            };
            vec![
                Button::new(
                    format!("{tick} {}", m.member.display_name),
                    Action::LeadRotation(id),
                ),
                Button::new(
                    tr_args(
                        turn.lang,
                        "button-leads-only",
                        &[("name", arg(m.member.display_name.clone()))],
                    ),
                    Action::LeadAssignOne(id),
                ),
            ]
        });
        let keyboard = Keyboard::none().rows(rows).row(vec![Button::new(
            turn.tr("button-back"),
            Action::LeadCapture,
        )]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// Every new lead goes to this member.
    pub(in crate::chat) async fn assign_leads_to(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        user_id: i64,
    ) -> anyhow::Result<()> {
        if self.is_team_member(turn, member, user_id).await? {
            self.store
                .set_lead_assignee(member.team_id, user_id)
                .await?;
        }
        self.lead_assign(turn, member).await
    }

    /// Ticks or unticks a member for the rotation.
    pub(in crate::chat) async fn toggle_lead_rotation(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        user_id: i64,
    ) -> anyhow::Result<()> {
        if self.is_team_member(turn, member, user_id).await? {
            self.store
                .toggle_lead_rotation(member.team_id, user_id)
                .await?;
        }
        self.lead_assign(turn, member).await
    }

    /// Whether `user_id` is an active member of the owner's team (forged buttons name others).
    async fn is_team_member(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        user_id: i64,
    ) -> anyhow::Result<bool> {
        let found = self.store.member(user_id).await?;
        if found.is_some_and(|m| m.team_id == member.team_id) {
            return Ok(true);
        }
        let text = turn.tr("leads-member-gone");
        turn.notice(text);
        Ok(false)
    }

    /// The rule in words: "in turn: Olga, Ivan", "Olga", or the owner.
    async fn lead_rule(
        &self,
        turn: &Turn<'_>,
        member: &Member,
        settings: &LeadSettings,
    ) -> anyhow::Result<String> {
        let members = self.store.team_members(member.team_id).await?;
        let active: Vec<&Member> = members
            .iter()
            .filter(|m| !m.removed)
            .map(|m| &m.member)
            .collect();
        let in_turn: Vec<&str> = active
            .iter()
            .filter(|m| settings.rotation.contains(&m.user_id))
            .map(|m| m.display_name.as_str())
            .collect();
        if !in_turn.is_empty() {
            return Ok(tr_args(
                turn.lang,
                "leads-in-turn",
                &[("names", arg(in_turn.join(", ")))],
            ));
        }
        let one = active
            .iter()
            .find(|m| Some(m.user_id) == settings.assign_to)
            .or_else(|| active.iter().find(|m| m.role == Role::Owner));
        Ok(one.map(|m| m.display_name.clone()).unwrap_or_default())
    }
}

/// A form a site can paste as it is: it posts straight to the CRM and comes back to the page
/// given in `redirect`.
fn form_snippet(url: &str, token: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{url}\">\n\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\n\
         <input type=\"hidden\" name=\"source\" value=\"site\">\n\
         <input type=\"hidden\" name=\"redirect\" value=\"https://example.com/thanks\">\n\
         <input name=\"name\" placeholder=\"Name\">\n\
         <input name=\"phone\" placeholder=\"Phone\">\n\
         <input name=\"email\" placeholder=\"Email\">\n\
         <textarea name=\"comment\"></textarea>\n\
         <button>Send</button>\n\
         </form>"
    )
}
