//! chatcrm: a CRM whose whole interface is a Telegram bot.

pub mod app;
pub mod chat;
pub mod clock;
pub mod dialogs;
pub mod domain;
pub mod http;
pub mod i18n;
pub mod reports;
pub mod scheduler;
pub mod store;
pub mod telegram;
pub mod transfer;
