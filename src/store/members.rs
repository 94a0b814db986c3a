//! Teams, members and the one-time links that make someone a member.

use super::database::Store;
use super::zone::zone;
use crate::domain::{Lang, Role};
use chrono_tz::Tz;
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: i64,
    pub team_id: i64,
    pub role: Role,
    pub display_name: String,
    /// The language the member is spoken to in: the one chosen in /settings, else their
    /// Telegram app's as last seen; `None` before the first message.
    pub language: Option<Lang>,
    /// Whether `language` was chosen in /settings rather than taken from the app.
    pub language_chosen: bool,
    /// The time zone chosen in /settings; `None` means the deployment's.
    pub time_zone: Option<Tz>,
}

/// Why a join or claim link did not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

pub(super) fn member_from_row(row: &sqlx::any::AnyRow) -> Result<Member, sqlx::Error> {
    let role: String = row.try_get("role")?;
    let language: Option<String> = row.try_get("language")?;
    Ok(Member {
        user_id: row.try_get("user_id")?,
        team_id: row.try_get("team_id")?,
        role: Role::parse(&role).unwrap_or(Role::Manager),
        display_name: row.try_get("display_name")?,
        language: language.as_deref().and_then(Lang::from_code),
        language_chosen: row.try_get::<i64, _>("language_chosen")? != 0,
        time_zone: zone(row.try_get("time_zone")?),
    })
}

impl Store {
    pub async fn member(&self, user_id: i64) -> sqlx::Result<Option<Member>> {
        let row = sqlx::query(
            "SELECT user_id, team_id, role, display_name, language, language_chosen, time_zone FROM members \
             WHERE user_id = $1 AND removed_at IS NULL",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(member_from_row).transpose()
    }

    /// Every member who can receive pushes.
    pub async fn active_members(&self) -> sqlx::Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT user_id, team_id, role, display_name, language, language_chosen, time_zone FROM members \
             WHERE removed_at IS NULL ORDER BY user_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(member_from_row).collect()
    }

    /// The member with the state of their open form, if any: what every update of theirs
    /// needs, in one query.
    pub async fn member_and_form(
        &self,
        user_id: i64,
    ) -> sqlx::Result<Option<(Member, Option<String>)>> {
        let row = sqlx::query(
            "SELECT m.user_id, m.team_id, m.role, m.display_name, m.language, m.language_chosen, m.time_zone, \
             c.state FROM members m LEFT JOIN conversations c ON c.user_id = m.user_id \
             WHERE m.user_id = $1 AND m.removed_at IS NULL",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| Ok((member_from_row(&row)?, row.try_get("state")?)))
            .transpose()
    }

    pub async fn has_owner(&self) -> sqlx::Result<bool> {
        let mut connection = self.pool.acquire().await?;
        has_owner(&mut connection).await
    }

    /// Makes each of `user_ids` an owner of the team (created if there is none). Any unused
    /// claim link dies here: once the team has an owner, nobody may claim it.
    pub async fn ensure_owners(&self, user_ids: &[i64], now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        let team_id = the_team(&mut tx, now).await?;
        delete_unused_claims(&mut tx).await?;
        for &user_id in user_ids {
            sqlx::query(
                "INSERT INTO members (user_id, team_id, role, display_name, joined_at) \
                 VALUES ($1, $2, 'owner', $3, $4) \
                 ON CONFLICT (user_id) DO UPDATE SET role = 'owner', removed_at = NULL",
            )
            .bind(user_id)
            .bind(team_id)
            .bind(user_id.to_string())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    }

    /// Replaces any unused claim link with `token`: only the newest printed link works.
    pub async fn replace_claim_token(&self, token: &str, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        delete_unused_claims(&mut tx).await?;
        sqlx::query(
            "INSERT INTO invites (token, team_id, role, created_at) VALUES ($1, NULL, 'owner', $2)",
        )
        .bind(token)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    pub async fn create_invite(
        &self,
        token: &str,
        inviter: &Member,
        role: Role,
        now: i64,
        expires_at: i64,
    ) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO invites (token, team_id, role, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token)
        .bind(inviter.team_id)
        .bind(role.as_str())
        .bind(inviter.user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Spends a join or claim link on `user_id`, making them a member, in one transaction: a
    /// link is used at most once even when two people press it at the same moment.
    pub async fn redeem_link(
        &self,
        token: &str,
        user_id: i64,
        display_name: &str,
        now: i64,
    ) -> sqlx::Result<Result<Member, LinkProblem>> {
        let mut tx = self.begin().await?;
        let Some(invite) =
            sqlx::query(
                "SELECT i.team_id, i.role, i.expires_at, i.used_by, i.created_by, m.role AS inviter_role \
                 FROM invites i LEFT JOIN members m \
                 ON m.user_id = i.created_by AND m.team_id = i.team_id AND m.removed_at IS NULL \
                 WHERE i.token = $1",
            )
            .bind(token)
            .fetch_optional(&mut *tx)
            .await?
        else {
            return Ok(Err(LinkProblem::Unknown));
        };
        // A join link carries its inviter's authority: it dies when they are removed or lose
        // the right to invite to that role.
        let role: String = invite.try_get("role")?;
        let inviter_role: Option<String> = invite.try_get("inviter_role")?;
        let invited = Role::parse(&role).unwrap_or(Role::Manager);
        let inviter_may = inviter_role
            .as_deref()
            .and_then(Role::parse)
            .is_some_and(|inviter| inviter.may_manage(invited));
        if invite.try_get::<Option<i64>, _>("created_by")?.is_some() && !inviter_may {
            return Ok(Err(LinkProblem::Unknown));
        }
        if invite.try_get::<Option<i64>, _>("used_by")?.is_some() {
            return Ok(Err(LinkProblem::Used));
        }
        if invite
            .try_get::<Option<i64>, _>("expires_at")?
            .is_some_and(|expires_at| expires_at <= now)
        {
            return Ok(Err(LinkProblem::Expired));
        }
        let spent = sqlx::query(
            "UPDATE invites SET used_by = $1, used_at = $2 WHERE token = $3 AND used_by IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .bind(token)
        .execute(&mut *tx)
        .await?;
        if spent.rows_affected() != 1 {
            return Ok(Err(LinkProblem::Used));
        }
        let team_id = match invite.try_get::<Option<i64>, _>("team_id")? {
            Some(team_id) => team_id,
            // A claim link is dead once the team has an owner, however the owner came; it is
            // spent above, so the refusal below also removes it for good.
            None if has_owner(&mut tx).await? => {
                tx.commit().await?;
                return Ok(Err(LinkProblem::Unknown));
            }
            None => the_team(&mut tx, now).await?,
        };
        // A removed member who is invited again comes back with the new role.
        sqlx::query(
            "INSERT INTO members (user_id, team_id, role, display_name, joined_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id, role = excluded.role, \
             display_name = excluded.display_name, joined_at = excluded.joined_at, removed_at = NULL",
        )
        .bind(user_id)
        .bind(team_id)
        .bind(&role)
        .bind(display_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(Member {
            user_id,
            team_id,
            role: Role::parse(&role).unwrap_or(Role::Manager),
            display_name: display_name.to_owned(),
            language: None,
            language_chosen: false,
            time_zone: None,
        }))
    }

    /// The language the member chose in /settings: it stays whatever their app says.
    /// The language of the member's Telegram app, kept for messages they did not ask for
    /// (reminders) until they choose one.
    pub async fn follow_app_language(&self, user_id: i64, lang: Lang) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET language = $1 WHERE user_id = $2 AND language_chosen = 0")
            .bind(lang.code())
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_language(&self, user_id: i64, lang: Lang) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET language = $1, language_chosen = 1 WHERE user_id = $2")
            .bind(lang.code())
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_time_zone(&self, user_id: i64, zone: Tz) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET time_zone = $1 WHERE user_id = $2")
            .bind(zone.name())
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    pub async fn set_display_name(&self, user_id: i64, name: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET display_name = $1 WHERE user_id = $2")
            .bind(name)
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}

/// A member as the team list shows them.
#[derive(Debug, Clone)]
pub struct TeamMember {
    pub member: Member,
    pub removed: bool,
    /// Contacts this member is responsible for.
    pub contacts: i64,
}

impl Store {
    /// The team's members, and removed members who are still responsible for contacts (so
    /// that those can be handed over), owners first.
    pub async fn team_members(&self, team_id: i64) -> sqlx::Result<Vec<TeamMember>> {
        let rows = sqlx::query(
            "SELECT m.user_id, m.team_id, m.role, m.display_name, m.language, m.language_chosen, m.time_zone, m.removed_at, \
             (SELECT COUNT(*) FROM contacts c WHERE c.owner_id = m.user_id \
              AND c.archived_at IS NULL) AS contacts \
             FROM members m WHERE m.team_id = $1 ORDER BY m.joined_at, m.user_id",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?;
        let mut members = rows
            .iter()
            .map(|row| {
                Ok(TeamMember {
                    member: member_from_row(row)?,
                    removed: row.try_get::<Option<i64>, _>("removed_at")?.is_some(),
                    contacts: row.try_get("contacts")?,
                })
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
        members.retain(|m| !m.removed || m.contacts > 0);
        members.sort_by_key(|m| {
            (
                m.removed,
                m.member.role != Role::Owner,
                m.member.role != Role::Lead,
            )
        });
        Ok(members)
    }

    pub async fn set_role(&self, user_id: i64, role: Role) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET role = $1 WHERE user_id = $2")
            .bind(role.as_str())
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Takes away the member's access at once; their contacts and history stay.
    pub async fn remove_member(&self, user_id: i64, now: i64) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE members SET removed_at = $1 WHERE user_id = $2")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM conversations WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    }

    /// Makes `to` responsible for every contact and open deal of `from` in the team, noting
    /// the change on each contact's timeline, in one transaction. Returns how many contacts
    /// moved.
    pub async fn hand_over(
        &self,
        team_id: i64,
        from: i64,
        to: i64,
        actor: i64,
        note: &str,
        now: i64,
    ) -> sqlx::Result<u64> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO history (contact_id, author_id, kind, outcome, body, created_at) \
             SELECT id, $1, $2, NULL, $3, $4 FROM contacts WHERE team_id = $5 AND owner_id = $6",
        )
        .bind(actor)
        .bind(crate::domain::HistoryKind::HandedOver.as_str())
        .bind(note)
        .bind(now)
        .bind(team_id)
        .bind(from)
        .execute(&mut *tx)
        .await?;
        // Open deals go with the contacts; closed ones keep who won or lost them.
        sqlx::query(
            "UPDATE deals SET owner_id = $1 WHERE team_id = $2 AND owner_id = $3 AND closed_at IS NULL",
        )
        .bind(to)
        .bind(team_id)
        .bind(from)
        .execute(&mut *tx)
        .await?;
        // Open tasks and appointments too: their reminders go to whoever owns them when due.
        for table in ["tasks", "appointments"] {
            let open = if table == "tasks" {
                "done_at IS NULL"
            } else {
                "status <> 'cancelled'"
            };
            let sql = format!(
                "UPDATE {table} SET owner_id = $1 WHERE team_id = $2 AND owner_id = $3 AND {open}"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(to)
                .bind(team_id)
                .bind(from)
                .execute(&mut *tx)
                .await?;
        }
        let moved =
            sqlx::query("UPDATE contacts SET owner_id = $1 WHERE team_id = $2 AND owner_id = $3")
                .bind(to)
                .bind(team_id)
                .bind(from)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        tx.commit().await?;
        Ok(moved)
    }
}

/// The one team this bot serves, created on first use: nothing creates a second.
async fn the_team(tx: &mut sqlx::Transaction<'_, sqlx::Any>, now: i64) -> sqlx::Result<i64> {
    if let Some(row) = sqlx::query("SELECT id FROM teams ORDER BY id LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?
    {
        return row.try_get("id");
    }
    let row = sqlx::query("INSERT INTO teams (name, created_at) VALUES ('Team', $1) RETURNING id")
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
    row.try_get("id")
}

async fn has_owner(connection: &mut sqlx::AnyConnection) -> sqlx::Result<bool> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM members WHERE role = 'owner' AND removed_at IS NULL",
    )
    .fetch_one(&mut *connection)
    .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Claim links are invites to no team yet.
async fn delete_unused_claims(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM invites WHERE team_id IS NULL AND used_by IS NULL")
        .execute(&mut **tx)
        .await?;
    Ok(())
}
