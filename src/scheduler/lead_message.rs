//! The message a new lead sends at once to whoever has it: the card, what the request said,
//! and the buttons to act on it.
//!
//! ```text
//! bot → manager: 🔥 New lead from site
//!                👤 Ivan Petrov
//!                📞 +79991234567
//!                comment: Call after 6
//!                [📞 Log call] [⏰ Remind] [💼 Deal] [👤 Contact]
//! ```

use super::plan::{JobPlan, push_contact};
use crate::chat::{Action, Button, Keyboard, Outgoing};
use crate::domain::Lang;
use crate::i18n::{arg, tr, tr_args};
use crate::store::{DueJob, Store};

/// A lead's message; sent however late (a lead waits for Telegram to come back, never lost).
pub(super) async fn new_lead(store: &Store, job: &DueJob) -> anyhow::Result<JobPlan> {
    let skip = JobPlan::Skip { then: None };
    let Some(lead) = job.payload.as_deref().and_then(|id| id.parse().ok()) else {
        return Ok(skip);
    };
    let (Some(lead), Some(contact)) = (store.lead(lead).await?, push_contact(store, job).await?)
    else {
        return Ok(skip);
    };
    // Whoever has the contact now (it may have been handed over since).
    let Some(member) = store.member(contact.owner_id).await? else {
        return Ok(skip);
    };
    let lang = member.language.unwrap_or(Lang::En);
    let key = if lead.duplicate_of.is_some() {
        "lead-again"
    } else {
        "lead-new"
    };
    let mut lines = vec![tr_args(
        lang,
        key,
        &[
            ("source", arg(lead.source)),
            ("name", arg(contact.name.clone())),
        ],
    )];
    lines.push(format!("👤 {}", contact.name));
    lines.extend(contact.phones.iter().map(|phone| format!("📞 {phone}")));
    lines.extend(contact.emails.iter().map(|email| format!("✉️ {email}")));
    lines.extend(lead.body);
    let id = lead.contact_id;
    let keyboard = Keyboard::none()
        .row(vec![
            Button::new(tr(lang, "button-log-call"), Action::LogCall(id)),
            Button::new(tr(lang, "button-remind"), Action::Remind(id)),
            Button::new(tr(lang, "button-lead-deal"), Action::NewDeal(id)),
        ])
        .row(vec![Button::new(
            tr(lang, "button-open-contact"),
            Action::OpenCard(id),
        )]);
    Ok(JobPlan::send(Outgoing::Send {
        chat_id: member.user_id,
        text: lines.join("\n"),
        keyboard,
    }))
}
