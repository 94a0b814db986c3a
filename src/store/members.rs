//! Teams, members and the one-time links that make someone a member.

use super::Store;
use crate::domain::{Lang, Role};
use sqlx::Row;

#[derive(Debug, Clone)]
pub struct Member {
    pub user_id: i64,
    pub team_id: i64,
    pub role: Role,
    pub display_name: String,
    /// The language chosen in /settings; `None` follows the Telegram client's language.
    pub language: Option<Lang>,
}

/// Why a join or claim link did not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Unknown,
    Used,
    Expired,
}

fn member_from_row(row: &sqlx::any::AnyRow) -> Result<Member, sqlx::Error> {
    let role: String = row.try_get("role")?;
    let language: Option<String> = row.try_get("language")?;
    Ok(Member {
        user_id: row.try_get("user_id")?,
        team_id: row.try_get("team_id")?,
        role: Role::parse(&role).unwrap_or(Role::Manager),
        display_name: row.try_get("display_name")?,
        language: language.as_deref().and_then(Lang::from_code),
    })
}

impl Store {
    pub async fn member(&self, user_id: i64) -> sqlx::Result<Option<Member>> {
        let row = sqlx::query(
            "SELECT user_id, team_id, role, display_name, language FROM members WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(member_from_row).transpose()
    }

    pub async fn has_owner(&self) -> sqlx::Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM members WHERE role = 'owner'")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Makes each of `user_ids` an owner of the first team (created if there is none).
    pub async fn ensure_owners(&self, user_ids: &[i64], now: i64) -> sqlx::Result<()> {
        let mut tx = self.pool.begin().await?;
        let team_id = match sqlx::query("SELECT id FROM teams ORDER BY id LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?
        {
            Some(row) => row.try_get::<i64, _>("id")?,
            None => insert_team(&mut tx, now).await?,
        };
        for &user_id in user_ids {
            sqlx::query(
                "INSERT INTO members (user_id, team_id, role, display_name, joined_at) \
                 VALUES ($1, $2, 'owner', $3, $4) \
                 ON CONFLICT (user_id) DO UPDATE SET role = 'owner'",
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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM invites WHERE team_id IS NULL AND used_by IS NULL")
            .execute(&mut *tx)
            .await?;
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
        .execute(&self.pool)
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
        let mut tx = self.pool.begin().await?;
        let Some(invite) =
            sqlx::query("SELECT team_id, role, expires_at, used_by FROM invites WHERE token = $1")
                .bind(token)
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Ok(Err(LinkProblem::Unknown));
        };
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
        let role: String = invite.try_get("role")?;
        let team_id = match invite.try_get::<Option<i64>, _>("team_id")? {
            Some(team_id) => team_id,
            None => insert_team(&mut tx, now).await?,
        };
        sqlx::query(
            "INSERT INTO members (user_id, team_id, role, display_name, joined_at) \
             VALUES ($1, $2, $3, $4, $5)",
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
        }))
    }

    pub async fn set_language(&self, user_id: i64, lang: Lang) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET language = $1 WHERE user_id = $2")
            .bind(lang.code())
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_display_name(&self, user_id: i64, name: &str) -> sqlx::Result<()> {
        sqlx::query("UPDATE members SET display_name = $1 WHERE user_id = $2")
            .bind(name)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

async fn insert_team(tx: &mut sqlx::Transaction<'_, sqlx::Any>, now: i64) -> sqlx::Result<i64> {
    let row = sqlx::query("INSERT INTO teams (name, created_at) VALUES ('Team', $1) RETURNING id")
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
    row.try_get("id")
}
