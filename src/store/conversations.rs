//! Where each member is inside a step-by-step form, kept in the database so a form survives a
//! restart and any instance can continue it. The state is opaque JSON owned by the chat core.

use super::database::Store;

impl Store {
    pub async fn set_conversation(&self, user_id: i64, state: &str, now: i64) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO conversations (user_id, state, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(state)
        .bind(now)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    pub async fn clear_conversation(&self, user_id: i64) -> sqlx::Result<()> {
        sqlx::query("DELETE FROM conversations WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
