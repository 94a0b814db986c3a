//! The answer table: every question a member can leave open (stored as JSON between updates),
//! who may still answer it, and the handler that reads the typed answer. Every handler —
//! commands', buttons' and answers' — returns an [`Outcome`]: what becomes of the open question.

use super::rows::{actor, answers};
use crate::chat::choices::ContactCommand;
use crate::chat::context::Core;
use crate::chat::gate::{Rule, Who};
use crate::chat::inbox::InboxItem;
use crate::chat::turn::Turn;
use crate::domain::{InputError, Lang, Survey};
use std::collections::BTreeMap;

/// What a handler leaves of the member's open question; the route stores it.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing is asked any more: an open question is closed.
    Done,
    /// This question is asked now (its text was sent); the next text answers it.
    Ask(Conversation),
    /// The open question, if any, stays as it was.
    Keep,
    /// The typed answer was refused for this reason; the question stays open for another try.
    Refuse(InputError),
}

/// What a handler's return value says of the open question: nothing (a card, a list, a page)
/// leaves it as it was.
pub trait IntoOutcome {
    fn into_outcome(self) -> Outcome;
}

impl IntoOutcome for () {
    fn into_outcome(self) -> Outcome {
        Outcome::Keep
    }
}

impl IntoOutcome for Outcome {
    fn into_outcome(self) -> Outcome {
        self
    }
}

answers! {
    |core, turn, member, typed|
    /// Filling in a form from `dialogs/`: the step being asked and the answers so far.
    Form { dialog: String, step: usize, answers: BTreeMap<String, String> } by Member
        => core.form_answer(turn, member, &dialog, step, answers, Some(typed)).await;
    /// A call was just logged; the next text is its note.
    CallNote { contact_id: i64, entry_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.save_call_note(turn, member, contact_id, entry_id, typed).await;
    /// "Call back" was logged; the next text is when (and optionally what), made a task.
    CallBackWhen { contact_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.call_back_when(turn, member, contact_id, typed).await;
    /// The next text is a note on the contact.
    Note { contact_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.save_note(turn, member, contact_id, typed).await;
    /// The next text is the new value of a card field (by its code).
    EditField { contact_id: i64, field: String } by Member
        => core.apply_text(turn, member, contact_id, &field, typed).await;
    /// The next text defines a custom field of this kind (owner).
    NewCustomField { kind: String } by Owner
        => core.add_custom_field(turn, member, &kind, typed).await;
    /// The next text is the team's list of contact types (owner).
    SetContactKinds by Owner => core.set_contact_kinds(turn, member, typed).await;
    /// `/company` found similar names; this one may still be created. Typing instead of
    /// choosing leaves the choice: the text is a search as usual.
    PendingCompany { name: String } by Member => core.search_instead(turn, member, typed).await;
    /// The next text is the new value of a company field (by its code).
    EditCompanyField { company_id: i64, field: String } by Member
        => core.apply_company_field(turn, member, company_id, &field, typed).await;
    /// The next text finds a contact to link to the company.
    LinkContact { company_id: i64 } by Member
        => core.offer_links(turn, member, company_id, typed).await;
    /// The next text is the member's time zone.
    SetTimeZone by Member => core.set_time_zone(turn, member, typed).await;
    /// The next text is "<when> <what>", a reminder about the contact.
    Remind { contact_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.remind_about(turn, member, contact_id, typed).await;
    /// The next text is "<title> [amount]" of a new deal for the contact.
    DealTitle { contact_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.open_deal(turn, member, contact_id, typed).await;
    /// The next text is "<when> <what>", the deal's next action.
    NextAction { deal_id: i64 } by Member
        => core.set_next_action(turn, member, deal_id, typed).await;
    /// The next text is why the deal was lost.
    LostReason { deal_id: i64 } by Member
        => core.lose_deal(turn, member, deal_id, Err(typed)).await;
    /// The next text is the new value of a deal field (by its code).
    EditDealField { deal_id: i64, field: String } by Member
        => core.apply_deal_field(turn, member, deal_id, &field, typed).await;
    /// The next text is "<title> [amount]" of a new deal for the company.
    CompanyDealTitle { company_id: i64 } by Member, recheck recheck_company(company_id)
        => core.open_company_deal(turn, member, company_id, typed).await;
    /// Funnel set-up (owner): the next text is a new stage, a stage's name or probability, or
    /// the list of lost reasons.
    NewStage by Owner => core.add_stage(turn, member, typed).await;
    RenameStage { stage_id: i64 } by Owner => core.rename_stage(turn, member, stage_id, typed).await;
    StageProbability { stage_id: i64 } by Owner
        => core.set_stage_probability(turn, member, stage_id, typed).await;
    SetLostReasons by Owner => core.set_lost_reasons(turn, member, typed).await;
    /// The next text is "<when> [place]" of an appointment with the contact.
    Meet { contact_id: i64 } by Member
        => core.book_appointment(turn, member, contact_id, typed).await;
    /// A doubtful time was shown; ✅ books the appointment, a new text replaces it.
    ConfirmMeet { contact_id: i64, at: i64, place: Option<String> } by Member
        => core.book_appointment(turn, member, contact_id, typed).await;
    /// A doubtful time was shown; ✅ saves the task, a new text replaces it.
    ConfirmTask { contact_id: Option<i64>, deal_id: Option<i64>, at: i64, text: String } by Member
        => core.add_task(turn, member, typed, (contact_id, deal_id)).await;
    /// The next text is a task's new text.
    TaskText { task_id: i64 } by Member
        => core.edit_task_text(turn, member, task_id, typed).await;
    /// The next text is when a task is due now.
    TaskWhen { task_id: i64 } by Member
        => core.move_task(turn, member, task_id, typed).await;
    /// A doubtful time was shown; ✅ moves the task, a new text replaces it.
    ConfirmTaskMove { task_id: i64, at: i64 } by Member
        => core.move_task(turn, member, task_id, typed).await;
    /// A doubtful time was shown; ✅ saves the deal's next action, a new text replaces it.
    ConfirmNextAction { deal_id: i64, at: i64, what: String } by Member
        => core.set_next_action(turn, member, deal_id, typed).await;
    /// Team schedules (owner, lead): the next text is the summary's cron expression, the
    /// team's time zone, the clients' quiet hours, or the dormancy rules.
    SetSummaryCron by Lead => core.set_summary_cron(turn, member, typed).await;
    SetTeamTimeZone by Lead => core.set_team_time_zone(turn, member, typed).await;
    SetQuietHours by Lead => core.set_quiet_hours(turn, member, typed).await;
    SetDormancy by Lead => core.set_dormancy(turn, member, typed).await;
    /// Feedback surveys (owner, lead): the hour the day after a win, the hours after an
    /// appointment.
    SetSurveyWinHour by Lead => core.set_survey_win_hour(turn, member, typed).await;
    SetSurveyAppointmentHours by Lead
        => core.set_survey_appointment_hours(turn, member, typed).await;
    /// The next text is the team's question of a survey in a language ("-": the default).
    SetSurveyText { survey: Survey, lang: Lang } by Lead
        => core.set_survey_text(turn, member, survey, lang, typed).await;
    /// Telegram Business: who a proposed chat's person is (🔗), and whose logged messages to
    /// erase, each typed as a name; the team's in-chat command prefix (owner, lead); a message
    /// to send to the client from the member's account.
    BusinessLinkName { chat_ref: i64 } by Member
        => core.business_link_search(turn, member, chat_ref, typed).await;
    BusinessEraseName by Member => core.business_erase_search(turn, member, typed).await;
    BusinessPrefix by Lead => core.set_business_prefix(turn, member, typed).await;
    BusinessWrite { contact_id: i64 } by Member, recheck recheck_contact(contact_id)
        => core.business_write(turn, member, contact_id, typed).await;
    /// The next text is the ABC analysis' boundaries, "80/95".
    SetAbcThresholds by Lead => core.set_abc_thresholds(turn, member, typed).await;
    /// The next text is a mailing to the segment's clients; then it waits for 📤 Send, and a
    /// new text replaces it.
    MailingText { segment_id: i64 } by Lead
        => core.mailing_preview(turn, member, segment_id, typed).await;
    MailingConfirm { segment_id: i64, text: String } by Lead
        => core.mailing_preview(turn, member, segment_id, typed).await;
    /// A new contact waiting for the member's choice between possible duplicates (values
    /// already validated, kept as text). Typing instead of choosing leaves the choice.
    /// A one-line command matched several contacts; a button picks one and the command runs
    /// with the rest of its line. Typing instead of choosing leaves the choice.
    PickContact { command: ContactCommand, rest: String } by Member
        => core.search_instead(turn, member, typed).await;
    PendingContact { name: String, phones: Vec<String>, emails: Vec<String> } by Member
        => core.search_instead(turn, member, typed).await;
    /// A forwarded message or a file waits for its contact (buttons offer candidates); the
    /// next text finds the contact by name.
    Inbox { item: InboxItem } by Member => core.inbox_search(turn, member, typed).await;
}
