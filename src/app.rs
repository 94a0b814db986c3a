//! Building the program from its configuration: the database, the first owner, the core.

use crate::chat::new_link_token;
use crate::chat::{Core, CoreConfig};
use crate::store::Store;

/// Opens the database (applying migrations) and makes sure someone can own the team: the
/// configured owners, or else whoever opens the claim link printed to the log.
pub async fn open(database_url: &str, owners: &[i64], config: CoreConfig) -> anyhow::Result<Core> {
    let store = Store::connect(database_url).await?;
    let now = crate::clock::timestamp();
    if !owners.is_empty() {
        store.ensure_owners(owners, now).await?;
    } else if !store.has_owner().await? {
        let token = new_link_token();
        store.replace_claim_token(&token, now).await?;
        tracing::warn!(
            "no owner yet: open https://t.me/{}?start=claim_{token} in Telegram to become the owner (the link works once)",
            config.bot_username
        );
    }
    Ok(Core::new(store, config))
}

/// Sets the team's lead token from the configuration (`CHATCRM_LEADS_TOKEN`); with no team
/// yet (the owner has not claimed the bot), there is nothing to set.
pub async fn set_leads_token(store: &Store, token: &str) -> anyhow::Result<()> {
    match store.first_team().await? {
        Some(team_id) => store.set_lead_token(team_id, token).await?,
        None => tracing::warn!("CHATCRM_LEADS_TOKEN is set but there is no team yet"),
    }
    Ok(())
}
