//! Telegram's command menus: the common one (what any member may use) and each member's own,
//! read from the route table's command rows.

use super::deliver::deliver_one;
use super::retry::with_retry;
use crate::chat::{Core, menu};
use crate::domain::{Lang, Role};
use crate::i18n::tr;
use std::sync::Arc;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::BotCommand;

/// Registers the command list shown in Telegram's menu, in each language: what any member may
/// use. Each member's own chat gets the list of their role ([`register_member_menus`]).
pub async fn register_commands(bot: &Bot) -> Result<(), RequestError> {
    for lang in Lang::ALL {
        let commands: Vec<BotCommand> = menu(Role::Manager)
            .map(|listing| {
                let name = listing.name;
                BotCommand::new(name, tr(lang, &format!("command-{name}")))
            })
            .collect();
        with_retry("setMyCommands", || {
            bot.set_my_commands(commands.clone())
                .language_code(lang.code())
                .send()
        })
        .await?;
        if lang == Lang::En {
            // Clients in any other language get the English list.
            with_retry("setMyCommands", || {
                bot.set_my_commands(commands.clone()).send()
            })
            .await?;
        }
    }
    Ok(())
}

/// Sets every member's own command menu (what their role may use), in the background: a
/// failure is logged and the common menu stays until the member's role changes.
pub async fn register_member_menus(bot: Bot, core: Arc<Core>) {
    let menus = match core.member_menus().await {
        Ok(menus) => menus,
        Err(error) => {
            tracing::warn!("cannot read the members' menus: {error:#}");
            return;
        }
    };
    for menu in menus {
        if let Err(error) = deliver_one(&bot, &menu).await {
            tracing::warn!(?menu, "cannot set a member's menu: {error}");
        }
    }
}
