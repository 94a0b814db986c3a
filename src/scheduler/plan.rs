//! What a due job becomes ([`JobPlan`]), what the conversation core words for the scheduler
//! ([`Conversations`]), and the readings of a due job that several messages share.

use super::planning::birthday_keys;
use crate::chat::Outgoing;
use crate::domain::Lang;
use crate::store::{Contact, DueJob, NewJob, Store};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// What to do with a due job.
#[derive(Debug)]
pub enum JobPlan {
    /// Send `reply`; on success store `then` (the next summary) with the job's completion.
    /// `client` names the contact whose client receives it, to mark them unreachable on a 403.
    /// `also` follows the reply when it went out (the summary's funnel chart).
    Send {
        reply: Outgoing,
        then: Option<NewJob>,
        client: Option<i64>,
        also: Option<Box<Outgoing>>,
    },
    /// Nothing to send any more (done, moved, too late); store `then` all the same.
    Skip { then: Option<NewJob> },
    /// A client's quiet hours: try again at this instant.
    Hold(i64),
}

impl JobPlan {
    /// Sends `reply` alone.
    pub fn send(reply: Outgoing) -> Self {
        Self::Send {
            reply,
            then: None,
            client: None,
            also: None,
        }
    }
}

/// What the scheduler asks of the conversation core: the configured zone, and the words of
/// the due jobs that belong to conversations.
pub trait Conversations: Sync {
    /// The zone of whoever has none set.
    fn default_zone(&self) -> Tz;

    /// A task's reminder, or `None` when there is nothing to remind of any more.
    fn task_reminder(
        &self,
        job: &DueJob,
    ) -> impl Future<Output = anyhow::Result<Option<Outgoing>>> + Send;

    /// One client's message of a mailing.
    fn mailing_to_client(
        &self,
        job: &DueJob,
        now: i64,
    ) -> impl Future<Output = anyhow::Result<JobPlan>> + Send;

    /// A mailing's delivery report to its author.
    fn mailing_report_to_author(
        &self,
        job: &DueJob,
        now: i64,
    ) -> impl Future<Output = anyhow::Result<JobPlan>> + Send;

    /// A team's funnel chart over the month of `at` in `zone`.
    fn month_funnel_chart(
        &self,
        team_id: i64,
        lang: Lang,
        zone: Tz,
        at: i64,
    ) -> impl Future<Output = anyhow::Result<Option<Vec<u8>>>> + Send;
}

pub(super) fn instant(at: i64) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp(at, 0).unwrap_or_default()
}

/// The contact a push is about, if it still exists and is not archived.
pub(super) async fn push_contact(store: &Store, job: &DueJob) -> anyhow::Result<Option<Contact>> {
    let Some(id) = job.contact_id else {
        return Ok(None);
    };
    Ok(store.contact(id).await?.filter(|contact| !contact.archived))
}

/// Whether the contact still has its birthday on the day the job was planned for.
pub(super) fn birthday_still_on(contact: &Contact, job: &DueJob) -> bool {
    let date = job
        .payload
        .as_deref()
        .and_then(|text| text.parse::<NaiveDate>().ok());
    match (contact.birthday, date) {
        (Some(birthday), Some(date)) => {
            birthday_keys(date).contains(&(birthday.month, birthday.day))
        }
        _ => false,
    }
}
