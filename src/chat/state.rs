//! Where a member is in a multi-step exchange, stored as JSON in the database between updates.

use super::Core;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Conversation {
    /// Filling in a form from `dialogs/`: the step being asked and the answers so far.
    Form {
        dialog: String,
        step: usize,
        answers: BTreeMap<String, String>,
    },
    /// A call was just logged; the next text is its note.
    CallNote {
        contact_id: i64,
        entry_id: i64,
    },
    /// The next text is a note on the contact.
    Note {
        contact_id: i64,
    },
    /// The next text is the new value of a card field (by its code).
    EditField {
        contact_id: i64,
        field: String,
    },
    /// The next text defines a custom field of this kind (owner).
    NewCustomField {
        kind: String,
    },
    /// The next text is the team's list of contact types (owner).
    SetContactKinds,
    /// `/company` found similar names; this one may still be created.
    PendingCompany {
        name: String,
    },
    /// The next text is the new value of a company field (by its code).
    EditCompanyField {
        company_id: i64,
        field: String,
    },
    /// The next text finds a contact to link to the company.
    LinkContact {
        company_id: i64,
    },
    /// The next text is the member's time zone.
    SetTimeZone,
    /// The next text is "<when> <what>", a reminder about the contact.
    Remind {
        contact_id: i64,
    },
    /// The next text is "<title> [amount]" of a new deal for the contact.
    DealTitle {
        contact_id: i64,
    },
    /// The next text is "<when> <what>", the deal's next action.
    NextAction {
        deal_id: i64,
    },
    /// The next text is why the deal was lost.
    LostReason {
        deal_id: i64,
    },
    /// The next text is the new value of a deal field (by its code).
    EditDealField {
        deal_id: i64,
        field: String,
    },
    /// The next text is "<title> [amount]" of a new deal for the company.
    CompanyDealTitle {
        company_id: i64,
    },
    /// Funnel set-up (owner): the next text is a new stage, a stage's name or probability, or
    /// the list of lost reasons.
    NewStage,
    RenameStage {
        stage_id: i64,
    },
    StageProbability {
        stage_id: i64,
    },
    SetLostReasons,
    /// The next text is "<when> [place]" of an appointment with the contact.
    Meet {
        contact_id: i64,
    },
    /// A doubtful time was shown; ✅ books the appointment, a new text replaces it.
    ConfirmMeet {
        contact_id: i64,
        at: i64,
        place: Option<String>,
    },
    /// A doubtful time was shown; ✅ saves the task.
    ConfirmTask {
        contact_id: Option<i64>,
        deal_id: Option<i64>,
        at: i64,
        text: String,
    },
    /// A doubtful time was shown; ✅ saves the deal's next action.
    ConfirmNextAction {
        deal_id: i64,
        at: i64,
        what: String,
    },
    /// Team schedules (owner, lead): the next text is the summary's cron expression, the
    /// team's time zone, the clients' quiet hours, or the dormancy rules.
    SetSummaryCron,
    SetTeamTimeZone,
    SetQuietHours,
    SetDormancy,
    /// The next text is the ABC analysis' boundaries, "80/95".
    SetAbcThresholds,
    /// The next text is a new segment's filters, then its name.
    SegmentFilter,
    SegmentName {
        filter: String,
    },
    /// The next text is a mailing to the segment's clients; then it waits for 📤 Send.
    MailingText {
        segment_id: i64,
    },
    MailingConfirm {
        segment_id: i64,
        text: String,
    },
    /// A new contact waiting for the user's choice between possible duplicates: values
    /// already validated, kept as text.
    PendingContact {
        name: String,
        phones: Vec<String>,
        emails: Vec<String>,
    },
}

impl Core {
    pub(super) async fn conversation(&self, user_id: i64) -> anyhow::Result<Option<Conversation>> {
        match self.store.conversation(user_id).await? {
            Some(json) => self.read_conversation(user_id, &json).await,
            None => Ok(None),
        }
    }

    /// The stored state `json` of `user_id`'s open form.
    pub(super) async fn read_conversation(
        &self,
        user_id: i64,
        json: &str,
    ) -> anyhow::Result<Option<Conversation>> {
        match serde_json::from_str(json) {
            Ok(conversation) => Ok(Some(conversation)),
            Err(error) => {
                // A state written by an older version: start afresh rather than fail forever.
                tracing::warn!(user_id, "dropping unreadable conversation state: {error}");
                self.store.clear_conversation(user_id).await?;
                Ok(None)
            }
        }
    }

    pub(super) async fn set_conversation(
        &self,
        user_id: i64,
        conversation: &Conversation,
    ) -> anyhow::Result<()> {
        let json = serde_json::to_string(conversation)?;
        self.store
            .set_conversation(user_id, &json, crate::clock::timestamp())
            .await?;
        Ok(())
    }
}
