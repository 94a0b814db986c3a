//! `/team`: the members and their roles; the owner changes roles, the owner and leads see a
//! member's deals and tasks (`work.rs`), hand their contacts over to someone else and remove
//! members.
//!
//! ```text
//! lead:  /team
//! bot:   Team: 👑 Olga — owner · 3 contacts / • Anna — manager · 5 contacts   [Anna]
//! lead:  (taps Anna)             bot: Anna — manager · 5 contacts   [Deals] [Tasks] [Today]
//!                                      [Hand over 5 contacts] [Remove]
//! lead:  (taps Hand over)        bot: Whom do Anna's contacts go to?  [Olga] [Boris]
//! lead:  (taps Boris)            bot: 5 contacts handed over from Anna to Boris.
//! ```

use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::route::commands::command_menu;
use crate::chat::turn::Turn;
use crate::chat::view::role_name;
use crate::domain::{Lang, Role};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, TeamMember};

impl Core {
    pub(in crate::chat) async fn team(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
    ) -> anyhow::Result<()> {
        let members = self.store.team_members(actor.team_id).await?;
        let mut lines = vec![turn.tr("team-title")];
        let mut keyboard = Keyboard::none();
        for listed in &members {
            lines.push(member_line(turn, listed));
            if listed.member.user_id != actor.user_id {
                keyboard = keyboard.row(vec![Button::new(
                    member_label(turn, listed),
                    Action::Member(listed.member.user_id),
                )]);
            }
        }
        turn.show(lines.join("\n"), keyboard);
        Ok(())
    }

    /// The member of the actor's team that a button points at, or `None` after saying why.
    /// The member `actor` acts on, if `allowed` (what this actor may do to them) holds;
    /// otherwise says why: not in the team, or not allowed.
    async fn team_member_if(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
        allowed: impl Fn(&TeamMember) -> bool,
    ) -> anyhow::Result<Option<TeamMember>> {
        let Some(listed) = self.team_member(turn, actor, user_id).await? else {
            return Ok(None);
        };
        if !allowed(&listed) {
            let text = turn.tr("team-not-allowed");
            turn.notice(text);
            return Ok(None);
        }
        Ok(Some(listed))
    }

    pub(super) async fn team_member(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
    ) -> anyhow::Result<Option<TeamMember>> {
        let found = self
            .store
            .team_members(actor.team_id)
            .await?
            .into_iter()
            .find(|listed| listed.member.user_id == user_id && user_id != actor.user_id);
        if found.is_none() {
            let text = turn.tr("member-not-found");
            turn.notice(text);
        }
        Ok(found)
    }

    pub(in crate::chat) async fn member_menu(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
    ) -> anyhow::Result<()> {
        let Some(listed) = self.team_member(turn, actor, user_id).await? else {
            return Ok(());
        };
        let target = &listed.member;
        let mut keyboard = Keyboard::none();
        if !listed.removed {
            keyboard = keyboard.row(vec![
                Button::new(
                    turn.tr("button-member-deals"),
                    Action::MemberDeals(user_id, 0),
                ),
                Button::new(
                    turn.tr("button-member-tasks"),
                    Action::MemberTasks(user_id, false, 0),
                ),
                Button::new(
                    turn.tr("button-member-today"),
                    Action::MemberTasks(user_id, true, 0),
                ),
            ]);
        }
        if actor.role == Role::Owner && !listed.removed {
            match target.role {
                Role::Manager => {
                    keyboard = keyboard.row(vec![Button::new(
                        turn.tr("button-make-lead"),
                        Action::SetRole(user_id, Role::Lead),
                    )])
                }
                Role::Lead => {
                    keyboard = keyboard.row(vec![Button::new(
                        turn.tr("button-make-manager"),
                        Action::SetRole(user_id, Role::Manager),
                    )])
                }
                Role::Owner => {}
            }
        }
        if listed.contacts > 0 && may_hand_over(actor.role, target.role) {
            let label = tr_args(
                turn.lang,
                "button-hand-over",
                &[("count", arg(listed.contacts))],
            );
            keyboard = keyboard.row(vec![Button::new(label, Action::PickHandOver(user_id))]);
        }
        if !listed.removed && actor.role.may_manage(target.role) {
            keyboard = keyboard.row(vec![Button::new(
                turn.tr("button-remove-member"),
                Action::AskRemove(user_id),
            )]);
        }
        keyboard = keyboard.row(vec![Button::new(turn.tr("button-back"), Action::Team)]);
        let text = member_line(turn, &listed);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn set_role(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
        role: Role,
    ) -> anyhow::Result<()> {
        let allowed = |listed: &TeamMember| !listed.removed && listed.member.role != Role::Owner;
        let Some(listed) = self.team_member_if(turn, actor, user_id, allowed).await? else {
            return Ok(());
        };
        if role == Role::Owner {
            let text = turn.tr("team-not-allowed");
            turn.notice(text);
            return Ok(());
        }
        self.store.set_role(user_id, role).await?;
        let lang = listed.member.language.unwrap_or(turn.lang);
        turn.out.push(command_menu(user_id, Some(role), lang));
        let text = tr_args(
            turn.lang,
            "member-role-changed",
            &[
                ("name", arg(listed.member.display_name.clone())),
                ("role", arg(role_name(turn.lang, role))),
            ],
        );
        turn.notice(text);
        self.member_menu(turn, actor, user_id).await
    }

    pub(in crate::chat) async fn pick_hand_over(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        from: i64,
    ) -> anyhow::Result<()> {
        let allowed = |listed: &TeamMember| may_hand_over(actor.role, listed.member.role);
        let Some(listed) = self.team_member_if(turn, actor, from, allowed).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "hand-over-pick",
            &[
                ("name", arg(listed.member.display_name.clone())),
                ("count", arg(listed.contacts)),
            ],
        );
        let keyboard = self
            .store
            .team_members(actor.team_id)
            .await?
            .iter()
            .filter(|other| !other.removed && other.member.user_id != from)
            .fold(Keyboard::none(), |keyboard, other| {
                keyboard.row(vec![Button::new(
                    other.member.display_name.clone(),
                    Action::HandOver(from, other.member.user_id),
                )])
            })
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::Member(from),
            )]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn hand_over(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        from: i64,
        to: i64,
    ) -> anyhow::Result<()> {
        let allowed = |listed: &TeamMember| may_hand_over(actor.role, listed.member.role);
        let Some(source) = self.team_member_if(turn, actor, from, allowed).await? else {
            return Ok(());
        };
        // The receiver must be a current member of the same team (the actor included).
        let members = self.store.team_members(actor.team_id).await?;
        let receiver = members
            .iter()
            .find(|m| m.member.user_id == to && !m.removed && to != from);
        let Some(receiver) = receiver else {
            let text = turn.tr("hand-over-bad-receiver");
            turn.notice(text);
            return Ok(());
        };
        let note = format!(
            "{} → {}",
            source.member.display_name, receiver.member.display_name
        );
        let now = crate::clock::timestamp();
        let moved = self
            .store
            .hand_over(actor.team_id, from, to, actor.user_id, &note, now)
            .await?;
        tracing::info!(from, to, moved, by = actor.user_id, "contacts handed over");
        let text = tr_args(
            turn.lang,
            "hand-over-done",
            &[
                ("count", arg(moved as i64)),
                ("from", arg(source.member.display_name.clone())),
                ("to", arg(receiver.member.display_name.clone())),
            ],
        );
        let keyboard =
            Keyboard::none().row(vec![Button::new(turn.tr("button-back"), Action::Team)]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn ask_remove(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
    ) -> anyhow::Result<()> {
        let allowed =
            |listed: &TeamMember| !listed.removed && actor.role.may_manage(listed.member.role);
        let Some(listed) = self.team_member_if(turn, actor, user_id, allowed).await? else {
            return Ok(());
        };
        let text = tr_args(
            turn.lang,
            "member-remove-confirm",
            &[
                ("name", arg(listed.member.display_name.clone())),
                ("count", arg(listed.contacts)),
            ],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-confirm-remove"), Action::Remove(user_id)),
            Button::new(turn.tr("button-back"), Action::Member(user_id)),
        ]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn remove(
        &self,
        turn: &mut Turn<'_>,
        actor: &Member,
        user_id: i64,
    ) -> anyhow::Result<()> {
        let allowed =
            |listed: &TeamMember| !listed.removed && actor.role.may_manage(listed.member.role);
        let Some(listed) = self.team_member_if(turn, actor, user_id, allowed).await? else {
            return Ok(());
        };
        self.store
            .remove_member(user_id, crate::clock::timestamp())
            .await?;
        let lang = listed.member.language.unwrap_or(turn.lang);
        turn.out.push(command_menu(user_id, None, lang));
        tracing::info!(user_id, by = actor.user_id, "member removed");
        let text = tr_args(
            turn.lang,
            "member-removed",
            &[("name", arg(listed.member.display_name.clone()))],
        );
        turn.notice(text);
        self.team(turn, actor).await
    }
}

impl Core {
    /// Every member's command menu, for the adapter to set when it starts: a role may have
    /// changed while it was away.
    pub async fn member_menus(&self) -> anyhow::Result<Vec<crate::chat::Outgoing>> {
        Ok(self
            .store
            .active_members()
            .await?
            .into_iter()
            .map(|member| {
                let lang = member.language.unwrap_or(Lang::Ru);
                command_menu(member.user_id, Some(member.role), lang)
            })
            .collect())
    }
}

/// The owner hands over anyone's contacts; a lead those of leads and managers.
fn may_hand_over(actor: Role, from: Role) -> bool {
    match actor {
        Role::Owner => true,
        Role::Lead => from != Role::Owner,
        Role::Manager => false,
    }
}

pub(super) fn member_label(turn: &Turn<'_>, listed: &TeamMember) -> String {
    if listed.removed {
        tr_args(
            turn.lang,
            "member-removed-label",
            &[("name", arg(listed.member.display_name.clone()))],
        )
    } else {
        listed.member.display_name.clone()
    }
}

fn member_line(turn: &Turn<'_>, listed: &TeamMember) -> String {
    let icon = match listed.member.role {
        Role::Owner => "👑",
        Role::Lead => "⭐",
        Role::Manager => "•",
    };
    tr_args(
        turn.lang,
        "team-member-line",
        &[
            ("icon", arg(icon)),
            ("name", arg(member_label(turn, listed))),
            ("role", arg(role_name(turn.lang, listed.member.role))),
            ("count", arg(listed.contacts)),
        ],
    )
}
