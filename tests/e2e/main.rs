//! End-to-end tests: the real `chatcrm` binary, driven through a fake Telegram, on SQLite or
//! (with `DATABASE_URL=postgres://…`) PostgreSQL.

mod access;
mod browse;
mod business;
mod business_adapter;
mod card;
mod companies;
mod contacts;
mod day;
mod deals;
mod demo;
mod duplicates;
mod feedback;
mod inbox;
mod leads;
mod membership;
mod pushes;
mod reminders;
mod reports;
mod resilience;
mod segments;
mod support;
mod tasks;
mod team;
mod teammates;
mod transfer;
mod webhook;
