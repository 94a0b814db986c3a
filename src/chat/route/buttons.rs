//! The button table: every kind of inline button, its tag in the callback data, who may press
//! it, and the handler that runs. Read a button's data ("dm:12:3") by its tag ("dm") here to
//! find what it does. Every button works only in the member's private chat with the bot, and
//! every handler checks again the record the button points at.

use super::answers::{Conversation, IntoOutcome, Outcome};
pub use super::codec::Text;
use super::codec::{MAX_DATA_BYTES, Part, Parts};
use super::rows::{actor, buttons};
use crate::chat::choices::{
    CallOutcome, Duplicates, ExportKind, FieldKind, Period, ReportKind, ScheduleSetting, Snooze,
    StageEdit,
};
use crate::chat::contacts::{Browse, Field};
use crate::chat::context::Core;
use crate::chat::gate::{Rule, Who};
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::turn::Turn;
use crate::domain::{Lang, Role, Survey};
use crate::store::{CompanyColumn, DealColumn};
use crate::transfer::import::Target;

buttons! {
    |core, turn, member|
    /// Opens a contact card as a new message (from a list of results).
    OpenCard(id: i64) = "o", Member
        => core.open_card(turn, member, id, false).await;
    /// Shows a contact card in place of the pressed message (back from a sub-menu).
    ShowCard(id: i64) = "c", Member
        => core.open_card(turn, member, id, true).await;
    LogCall(id: i64) = "lc", Member
        => core.ask_call_outcome(turn, member, id).await;
    CallOutcome(id: i64, outcome: CallOutcome) = "co", Member
        => core.log_call(turn, member, id, outcome).await;
    AddNote(id: i64) = "n", Member
        => core.ask_about_contact(turn, member, id, "note-ask", Conversation::Note { contact_id: id })
            .await;
    /// A page of the contact's timeline, 0 being the newest.
    History(id: i64, page: u32) = "h", Member
        => core.history(turn, member, id, page).await;
    /// A page of `/find` results for the query.
    FindPage(page: u32, query: Text) = "f", Member
        => core.find(turn, member, &query.0, page).await;
    FormSkip = "fs", Member
        => core.skip_form_step(turn, member).await;
    Cancel = "x", Member
        => {
            let text = turn.tr("cancelled");
            turn.show(text, Keyboard::none());
            Ok(Outcome::Done)
        };
    SetLanguage(lang: Lang) = "l", Member
        => core.set_language(turn, member, lang).await;
    /// Asks to confirm archiving a contact.
    AskDelete(id: i64) = "d", Member
        => core.ask_delete(turn, member, id).await;
    Delete(id: i64) = "dy", Member
        => core.delete(turn, member, id).await;
    Restore(id: i64) = "r", Lead
        => core.restore(turn, member, id).await;
    /// A page of `/archive`.
    ArchivePage(page: u32) = "a", Lead
        => core.archive(turn, member, page).await;
    /// The `/team` list.
    Team = "t", Lead
        => core.team(turn, member).await;
    /// One member's menu.
    Member(id: i64) = "tm", Lead
        => core.member_menu(turn, member, id).await;
    SetRole(id: i64, role: Role) = "tr", Owner
        => core.set_role(turn, member, id, role).await;
    /// Choosing whom a member's contacts go to.
    PickHandOver(id: i64) = "th", Lead
        => core.pick_hand_over(turn, member, id).await;
    HandOver(from: i64, to: i64) = "tt", Lead
        => core.hand_over(turn, member, from, to).await;
    AskRemove(id: i64) = "tx", Lead
        => core.ask_remove(turn, member, id).await;
    Remove(id: i64) = "ty", Lead
        => core.remove(turn, member, id).await;
    /// A page of a teammate's open deals (from their menu or the pipeline by manager).
    MemberDeals(id: i64, page: u32) = "tmd", Lead
        => core.member_deals(turn, member, id, page).await;
    /// A page of a teammate's `/today` (`true`) or `/tasks`.
    MemberTasks(id: i64, today: bool, page: u32) = "tmk", Lead
        => core.member_tasks(turn, member, id, today, page).await;
    /// Saves the pending new contact despite possible duplicates.
    CreateAnyway = "pa", Member
        => core.create_anyway(turn, member).await;
    /// Adds the pending new contact's phones and emails to this existing one.
    MergePending(id: i64) = "pm", Member
        => core.merge_pending(turn, member, id).await;
    /// A contact picked among several a one-line command matched: the command runs on it.
    PickContact(id: i64) = "pk", Member
        => core.pick_contact(turn, member, id).await;
    /// The `/duplicates` report.
    Duplicates = "dl", Lead
        => core.duplicates(turn, member).await;
    AskMerge(keep: i64, drop: i64) = "mg", Lead
        => core.ask_merge(turn, member, keep, drop).await;
    Merge(keep: i64, drop: i64) = "mgy", Lead
        => core.merge(turn, member, keep, drop).await;
    /// The card's field list.
    Edit(id: i64) = "e", Member
        => core.edit_menu(turn, member, id).await;
    /// One field of the card, by its code.
    EditField(id: i64, field: Field) = "ef", Member
        => core.ask_field(turn, member, id, field).await;
    /// A value picked for a field (an option's index, a member's id, or -1 to clear).
    EditChoice(id: i64, field: Field, value: i64) = "ev", Member
        => {
                core.apply_choice(turn, member, id, field, value).await
            };
    /// The team's custom fields (owner).
    CustomFields = "sf", Owner
        => core.custom_fields(turn, member).await;
    /// Starts a new custom field of a kind ("text", "number", "date", "choice").
    AddCustomField(kind: FieldKind) = "sa", Owner
        => core.ask_custom_field(turn, kind).await;
    /// Asks for the team's contact types (owner).
    ContactKinds = "sk", Owner
        => core.ask_contact_kinds(turn, member).await;
    /// Opens a company card as a new message.
    OpenCompany(id: i64) = "oc", Member
        => core.open_company(turn, member, id, false).await;
    /// Shows a company card in place of the pressed message.
    ShowCompany(id: i64) = "cc", Member
        => core.open_company(turn, member, id, true).await;
    CompanyEdit(id: i64) = "ce", Member
        => core.company_edit_menu(turn, member, id).await;
    CompanyField(id: i64, field: CompanyColumn) = "cf", Member
        => {
                core.ask_company_field(turn, member, id, field).await
            };
    CompanyLink(id: i64) = "cl", Member
        => core.ask_link_contact(turn, member, id).await;
    Link(company: i64, contact: i64) = "lk", Member
        => core.link(turn, member, company, contact).await;
    CompanyHistory(id: i64, page: u32) = "ch", Member
        => core.company_history(turn, member, id, page).await;
    /// Creates the company named in `/company` despite similar ones.
    CreateCompany = "cn", Member
        => core.create_pending_company(turn, member).await;
    /// Back to /settings from one of its menus.
    Settings = "stg", Member
        => {
            core.settings(turn, member);
            Ok(())
        };
    /// /settings → 🔌 Lead capture: the token, the HTML form, whom leads go to.
    LeadCapture = "ld", Owner
        => core.lead_capture(turn, member).await;
    /// A new lead token; the old one stops working.
    LeadTokenRotate = "ldr", Owner
        => core.rotate_lead_token(turn, member).await;
    /// Whom new leads go to.
    LeadAssign = "lda", Owner
        => core.lead_assign(turn, member).await;
    /// Every new lead goes to this member.
    LeadAssignOne(id: i64) = "ldo", Owner
        => core.assign_leads_to(turn, member, id).await;
    /// Ticks or unticks a member for the round-robin of new leads.
    LeadRotation(id: i64) = "ldt", Owner
        => core.toggle_lead_rotation(turn, member, id).await;
    /// Asks for the member's own time zone.
    AskTimeZone = "stz", Member
        => core.ask_time_zone(turn).await;
    /// The Deal button on a contact card.
    NewDeal(id: i64) = "nd", Member
        => core.ask_about_contact(turn, member, id, "deal-ask-title", Conversation::DealTitle { contact_id: id })
            .await;
    /// Opens a deal card as a new message.
    DealCard(id: i64) = "dc", Member
        => core.open_deal_card(turn, member, id, false).await;
    /// Shows a deal card in place of the pressed message.
    DealShow(id: i64) = "ds", Member
        => core.open_deal_card(turn, member, id, true).await;
    DealMove(id: i64, stage: i64) = "dm", Member
        => core.move_deal(turn, member, id, stage).await;
    DealStages(id: i64) = "dst", Member
        => core.deal_stages(turn, member, id).await;
    /// 🎉 on the question whether the deal is won.
    DealWin(id: i64) = "dw", Member
        => core.win_deal(turn, member, id).await;
    /// 🔄 on a won or lost deal: it is open again.
    DealReopen(id: i64) = "dro", Member
        => core.reopen_deal(turn, member, id).await;
    DealLost(id: i64) = "dlo", Member
        => core.ask_lost_reason(turn, member, id).await;
    /// A lost reason picked from the list, by index.
    DealLostReason(id: i64, reason: u32) = "dlr", Member
        => core.lose_deal(turn, member, id, Ok(reason)).await;
    DealNextAction(id: i64) = "dn", Member
        => core.ask_next_action(turn, member, id).await;
    /// Leaves the next action unplanned for now.
    DealLater(id: i64) = "dlt", Member
        => core.deal_later(turn, member, id).await;
    /// The funnel for a period, by its code.
    Funnel(period: Period) = "fu", Member
        => core.show_funnel(turn, member, period).await;
    /// Marks a lead as a client by hand.
    Convert(id: i64) = "cv", Member
        => core.convert(turn, member, id).await;
    /// The funnel stages in /settings (owner).
    Stages = "sg", Owner
        => core.stage_list(turn, member).await;
    StageMenu(id: i64) = "sgm", Owner
        => core.stage_menu(turn, member, id).await;
    StageEdit(id: i64, edit: StageEdit) = "sge", Owner
        => core.stage_edit(turn, member, id, edit).await;
    /// Removes a stage, moving its deals to the second one.
    StageRemove(id: i64, to: i64) = "sgx", Owner
        => core.stage_remove(turn, member, id, to).await;
    StageAdd = "sga", Owner
        => core.ask_new_stage(turn).await;
    LostReasons = "slr", Owner
        => core.ask_lost_reasons(turn, member).await;
    /// A page of `/deals`.
    DealsPage(page: u32) = "dp", Member
        => core.deals(turn, member, member, page).await;
    /// 👥 on `/deals`: the team's open deals and sums per member.
    DealsByManager = "dbm", Lead
        => core.deals_by_manager(turn, member).await;
    DealEdit(id: i64) = "de", Member
        => core.deal_edit_menu(turn, member, id).await;
    DealField(id: i64, field: DealColumn) = "df", Member
        => core.ask_deal_field(turn, member, id, field).await;
    /// Opens a deal for a company (no contact) from its card.
    NewCompanyDeal(id: i64) = "ndc", Member
        => core.ask_company_deal(turn, member, id).await;
    /// The card's Remind button.
    Remind(id: i64) = "rm", Member
        => core.ask_about_contact(turn, member, id, "remind-ask", Conversation::Remind { contact_id: id })
            .await;
    TaskDone(id: i64) = "td", Member
        => core.task_done(turn, member, id).await;
    TaskSnooze(id: i64, snooze: Snooze) = "ts", Member
        => core.task_snooze(turn, member, id, snooze).await;
    /// 📞 on a task's reminder: a call with its contact.
    ReminderCall(task: i64) = "rc", Member
        => core.reminder_call(turn, member, task).await;
    /// The call's outcome after 📞 on a task's reminder.
    ReminderCallOutcome(task: i64, outcome: CallOutcome) = "rco", Member
        => core.reminder_call_outcome(turn, member, task, outcome).await;
    /// A task's card, from a row of `/tasks` or `/today`.
    TaskCard(id: i64) = "tko", Member
        => core.task_card(turn, member, id).await;
    /// ✏️ on a task's card: asks for its new text.
    TaskText(id: i64) = "tke", Member
        => core.ask_task_text(turn, member, id).await;
    /// 🕓 on a task's card or a list's row: asks when.
    TaskMove(id: i64) = "tmv", Member
        => core.ask_task_when(turn, member, id).await;
    /// 👤 on a task's card: whom to give it to.
    TaskAssign(id: i64) = "tas", Lead
        => core.pick_task_assignee(turn, member, id).await;
    TaskAssignTo(id: i64, to: i64) = "tat", Lead
        => core.assign_task(turn, member, id, to).await;
    /// A page of `/tasks`.
    TasksPage(page: u32) = "tk", Member
        => core.task_list(turn, member, member, false, page).await;
    /// ✅ on a row of `/today` (`true`) or `/tasks`, on that page: the list stays.
    ListTaskDone(id: i64, today: bool, page: u32) = "tld", Member
        => core.list_task_done(turn, member, id, today, page).await;
    /// A page of `/today`.
    TodayPage(page: u32) = "tdy", Member
        => core.task_list(turn, member, member, true, page).await;
    /// A dormant client's "Remind me in a week".
    RemindWeek(id: i64) = "rw", Member
        => core.remind_in_a_week(turn, member, id).await;
    /// A dormant client's "Not a client any more".
    DropClient(id: i64) = "ncl", Member
        => core.drop_client(turn, member, id).await;
    /// The card's 📅 button.
    Meet(id: i64) = "mt", Member
        => core.ask_about_contact(turn, member, id, "meet-ask", Conversation::Meet { contact_id: id })
            .await;
    /// The card's 🔗 button: a one-time link for the client.
    ClientLink(id: i64) = "cli", Member
        => core.client_link(turn, member, id).await;
    /// A client's answer to an appointment reminder: confirm (`true`) or reschedule.
    AppointmentAnswer(id: i64, confirm: bool) = "ap", NotMember
        => core.answer_appointment(turn, id, confirm).await;
    /// A client's ⭐ rating (1 to 5) of a feedback survey, by the deal or appointment.
    FeedbackRating(survey: Survey, subject: i64, rating: u32) = "fr", NotMember
        => core.rate_survey(turn, survey, subject, rating).await;
    /// ✅ on a doubtful time read from a phrase.
    ConfirmWhen = "wy", Member
        => core.confirm_when(turn, member).await;
    /// The team's schedules in /settings (owner, lead).
    Schedules = "sch", Lead
        => core.schedules(turn, member).await;
    /// A summary preset by its code.
    SummaryPreset(code: String) = "ssp", Lead
        => core.summary_preset(turn, member, &code).await;
    /// Asks for a typed schedule setting.
    ScheduleAsk(what: ScheduleSetting) = "sas", Lead
        => core.schedule_ask(turn, what).await;
    /// Switches a feedback survey on or off.
    SurveyToggle(survey: Survey) = "sst", Lead
        => core.toggle_survey(turn, member, survey).await;
    /// The surveys' questions in each language.
    SurveyTexts = "stx", Lead
        => core.survey_texts(turn, member).await;
    /// Asks for a survey's question in a language.
    SurveyTextAsk(survey: Survey, lang: Lang) = "stq", Lead
        => Ok(core.ask_survey_text(turn, survey, lang));
    /// The `/segments` list.
    Segments = "sgl", Member
        => core.segments(turn, member).await;
    Segment(id: i64) = "sgo", Member
        => core.segment_card(turn, member, id).await;
    NewSegment = "sgn", Member
        => Ok(core.ask_segment_filter(turn));
    DeleteSegment(id: i64) = "sgd", Member
        => core.delete_segment(turn, member, id).await;
    /// Asks for a mailing's text to the segment's clients.
    Mailing(id: i64) = "ml", Lead
        => core.ask_mailing(turn, member, id).await;
    /// 📤 Send on a mailing's preview.
    SendMailing(id: i64) = "mls", Lead
        => core.send_mailing(turn, member, id).await;
    /// Telegram Business, a new chat's proposal: ➕ add the person as a lead, 🔗 link the
    /// chat to a contact (asks who, then the picked contact), 🙈 never log it. The member's
    /// own chats only.
    BizAdd(chat: i64) = "bza", Member
        => core.business_add(turn, member, chat).await;
    BizLink(chat: i64) = "bzl", Member
        => core.business_link(turn, member, chat).await;
    BizLinkTo(chat: i64, contact: i64) = "bzt", Member
        => core.business_link_to(turn, member, chat, contact).await;
    BizIgnore(chat: i64) = "bzi", Member
        => core.business_ignore(turn, member, chat).await;
    /// /settings → 💬 Telegram Business, and its choices: log an ignored chat again, erase or
    /// mark what is deleted in Telegram, the team's in-chat command prefix (owner, lead).
    Business = "bz", Member
        => core.business_settings(turn, member).await;
    BizUnignore(chat: i64) = "bzu", Member
        => core.business_unignore(turn, member, chat).await;
    BizDeletions = "bzd", Member
        => core.business_deletions(turn, member).await;
    BizPrefix = "bzp", Lead
        => Ok(core.business_prefix_ask(turn));
    /// 🧹 Erase a contact's logged messages: asks whose, asks once more, erases.
    BizErase = "bze", Member
        => Ok(core.business_erase_ask(turn));
    BizEraseAsk(contact: i64) = "bzq", Member
        => core.business_erase_confirm(turn, member, contact).await;
    BizEraseYes(contact: i64) = "bzy", Member
        => core.business_erase(turn, member, contact).await;
    /// ✍️ on the card: a message to the client from the member's own account.
    BizWrite(contact: i64) = "bzw", Member
        => core.business_write_ask(turn, member, contact).await;
    /// A client's 🔕 Unsubscribe on a mailing, by contact.
    Unsubscribe(id: i64) = "uns", NotMember
        => core.unsubscribe(turn, id).await;
    /// An import's column (0-based), to change what it fills.
    ImportColumn(id: i64, column: u32) = "ic", Member
        => core.import_column(turn, member, id, column).await;
    /// The target picked for an import's column, by its code.
    ImportTarget(id: i64, column: u32, target: Target) = "it", Member
        => core.import_target(turn, member, id, column, target).await;
    /// Runs an import, with what to do with duplicates, by its code.
    ImportRun(id: i64, duplicates: Duplicates) = "ir", Member
        => core.import_run(turn, member, id, duplicates).await;
    /// `/export` of contacts, deals or vCards.
    Export(what: ExportKind) = "ex", Member
        => core.export(turn, member, what).await;
    /// A report, for a period.
    Report(kind: ReportKind, period: Period) = "rp", Member
        => core.report(turn, member, kind, period).await;
    /// Asks for the ABC analysis' boundaries.
    AbcThresholds = "rpa", Lead
        => core.ask_abc_thresholds(turn).await;
    /// Files what the member forwarded or sent (waiting in the open question) on the contact.
    FileInbox(contact: i64) = "ib", Member
        => core.file_inbox(turn, member, contact).await;
    /// 🔎 Another: the next text names the contact to file on.
    InboxSearch = "ibs", Member
        => core.ask_inbox_name(turn).await;
    /// Files a file already on a card on one of the contact's open deals too.
    AttachToDeal(attachment: i64, deal: i64) = "ibd", Member
        => core.attach_to_deal(turn, member, attachment, deal).await;
    /// 📎 on the timeline: the stored file, sent again.
    SendFile(id: i64) = "fl", Member
        => core.send_attachment(turn, member, id).await;
    /// A page of `/contacts` in an order, with filters.
    Contacts(page: u32, view: Browse) = "ct", Member
        => core.browse_contacts(turn, member, page, view).await;
    /// The filters of `/contacts`.
    ContactFilters(view: Browse) = "ctf", Member
        => core.contact_filters(turn, member, view).await;
    /// A page of `/companies`.
    CompaniesPage(page: u32) = "cop", Member
        => core.companies(turn, member, "", page).await;
    /// A page of a segment's members.
    SegmentMembers(id: i64, page: u32) = "sgp", Member
        => core.segment_member_list(turn, member, id, page).await;
}

impl Action {
    /// The callback data; `None` when it would not fit in Telegram's 64 bytes.
    pub fn try_encode(&self) -> Option<String> {
        let data = self.encode();
        (data.len() <= MAX_DATA_BYTES).then_some(data)
    }
}

impl ActionKind {
    /// Whether a member with `role` may press it: menus offer only those, so the table above
    /// also decides what a member is shown.
    pub fn allows(self, role: Role) -> bool {
        self.rule().who.admits(Some(role))
    }
}

/// The ◀ ▶ row under page `page` (from 0) of `pages`, each button opening the page
/// `to_page` makes; `None` when a button's data would not fit (a long search query).
pub fn pager(page: u32, pages: u32, to_page: impl Fn(u32) -> Action) -> Option<Vec<Button>> {
    let button = |label: &str, to: u32| {
        let data = to_page(to).try_encode()?;
        Some(Button {
            label: label.to_owned(),
            data,
        })
    };
    [
        (page > 0).then(|| button("◀", page - 1)),
        (page + 1 < pages).then(|| button("▶", page + 1)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

// Buttons are made here, beside the codec, so that keyboards stay plain data.
impl Button {
    /// A button for `action`, whose encoding must fit in callback data (ids and codes do;
    /// free text must be checked with [`Action::try_encode`] first).
    pub fn new(label: impl Into<String>, action: Action) -> Self {
        Self {
            label: label.into(),
            data: action.encode(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Tag;
    use proptest::prelude::*;
    use strum::IntoEnumIterator;

    /// One action of `kind` built from the given parts. The match has no catch-all, so a new
    /// kind of button does not compile until it round-trips here too.
    fn sample(kind: ActionKind, id: i64, other: i64, page: u32, code: &str, query: &str) -> Action {
        use ActionKind as K;
        let code = code.to_owned();
        match kind {
            K::OpenCard => Action::OpenCard(id),
            K::PickContact => Action::PickContact(id),
            K::ShowCard => Action::ShowCard(id),
            K::LogCall => Action::LogCall(id),
            K::CallOutcome => Action::CallOutcome(id, CallOutcome::CallBack),
            K::AddNote => Action::AddNote(id),
            K::History => Action::History(id, page),
            K::FindPage => Action::FindPage(page, Text(query.to_owned())),
            K::FormSkip => Action::FormSkip,
            K::Cancel => Action::Cancel,
            K::SetLanguage => Action::SetLanguage(Lang::Ru),
            K::AskDelete => Action::AskDelete(id),
            K::Delete => Action::Delete(id),
            K::Restore => Action::Restore(id),
            K::ArchivePage => Action::ArchivePage(page),
            K::Team => Action::Team,
            K::Member => Action::Member(id),
            K::SetRole => Action::SetRole(id, Role::Lead),
            K::PickHandOver => Action::PickHandOver(id),
            K::HandOver => Action::HandOver(id, other),
            K::AskRemove => Action::AskRemove(id),
            K::Remove => Action::Remove(id),
            K::MemberDeals => Action::MemberDeals(id, page),
            K::MemberTasks => Action::MemberTasks(id, page.is_multiple_of(2), page),
            K::CreateAnyway => Action::CreateAnyway,
            K::MergePending => Action::MergePending(id),
            K::Duplicates => Action::Duplicates,
            K::AskMerge => Action::AskMerge(id, other),
            K::Merge => Action::Merge(id, other),
            K::Edit => Action::Edit(id),
            K::EditField => Action::EditField(id, Field::Custom(other)),
            K::EditChoice => Action::EditChoice(id, Field::Birthday, other),
            K::CustomFields => Action::CustomFields,
            K::AddCustomField => Action::AddCustomField(FieldKind::Choice),
            K::ContactKinds => Action::ContactKinds,
            K::OpenCompany => Action::OpenCompany(id),
            K::ShowCompany => Action::ShowCompany(id),
            K::CompanyEdit => Action::CompanyEdit(id),
            K::CompanyField => Action::CompanyField(id, CompanyColumn::Kpp),
            K::CompanyLink => Action::CompanyLink(id),
            K::Link => Action::Link(id, other),
            K::CompanyHistory => Action::CompanyHistory(id, page),
            K::CreateCompany => Action::CreateCompany,
            K::AskTimeZone => Action::AskTimeZone,
            K::Settings => Action::Settings,
            K::LeadCapture => Action::LeadCapture,
            K::LeadTokenRotate => Action::LeadTokenRotate,
            K::LeadAssign => Action::LeadAssign,
            K::LeadAssignOne => Action::LeadAssignOne(id),
            K::LeadRotation => Action::LeadRotation(id),
            K::NewDeal => Action::NewDeal(id),
            K::DealCard => Action::DealCard(id),
            K::DealShow => Action::DealShow(id),
            K::DealMove => Action::DealMove(id, other),
            K::DealStages => Action::DealStages(id),
            K::DealWin => Action::DealWin(id),
            K::DealReopen => Action::DealReopen(id),
            K::DealLost => Action::DealLost(id),
            K::DealLostReason => Action::DealLostReason(id, page),
            K::DealNextAction => Action::DealNextAction(id),
            K::DealLater => Action::DealLater(id),
            K::Funnel => Action::Funnel(Period::LastMonth),
            K::Convert => Action::Convert(id),
            K::Stages => Action::Stages,
            K::StageMenu => Action::StageMenu(id),
            K::StageEdit => Action::StageEdit(id, StageEdit::Remove),
            K::StageRemove => Action::StageRemove(id, other),
            K::StageAdd => Action::StageAdd,
            K::LostReasons => Action::LostReasons,
            K::DealsPage => Action::DealsPage(page),
            K::DealsByManager => Action::DealsByManager,
            K::DealEdit => Action::DealEdit(id),
            K::DealField => Action::DealField(id, DealColumn::ExpectedClose),
            K::NewCompanyDeal => Action::NewCompanyDeal(id),
            K::Remind => Action::Remind(id),
            K::TaskDone => Action::TaskDone(id),
            K::TaskSnooze => Action::TaskSnooze(id, Snooze::Tomorrow),
            K::ReminderCall => Action::ReminderCall(id),
            K::ReminderCallOutcome => Action::ReminderCallOutcome(id, CallOutcome::Reached),
            K::TaskCard => Action::TaskCard(id),
            K::TaskText => Action::TaskText(id),
            K::TaskMove => Action::TaskMove(id),
            K::TaskAssign => Action::TaskAssign(id),
            K::TaskAssignTo => Action::TaskAssignTo(id, other),
            K::TasksPage => Action::TasksPage(page),
            K::TodayPage => Action::TodayPage(page),
            K::ListTaskDone => Action::ListTaskDone(id, page.is_multiple_of(2), page),
            K::RemindWeek => Action::RemindWeek(id),
            K::DropClient => Action::DropClient(id),
            K::Meet => Action::Meet(id),
            K::ClientLink => Action::ClientLink(id),
            K::AppointmentAnswer => Action::AppointmentAnswer(id, page.is_multiple_of(2)),
            K::FeedbackRating => Action::FeedbackRating(Survey::Appointment, id, page),
            K::ConfirmWhen => Action::ConfirmWhen,
            K::Schedules => Action::Schedules,
            K::SummaryPreset => Action::SummaryPreset(code),
            K::ScheduleAsk => Action::ScheduleAsk(ScheduleSetting::Dormancy),
            K::SurveyToggle => Action::SurveyToggle(Survey::Win),
            K::SurveyTexts => Action::SurveyTexts,
            K::SurveyTextAsk => Action::SurveyTextAsk(Survey::Appointment, Lang::Ru),
            K::Segments => Action::Segments,
            K::Segment => Action::Segment(id),
            K::NewSegment => Action::NewSegment,
            K::DeleteSegment => Action::DeleteSegment(id),
            K::Mailing => Action::Mailing(id),
            K::SendMailing => Action::SendMailing(id),
            K::BizAdd => Action::BizAdd(id),
            K::BizLink => Action::BizLink(id),
            K::BizLinkTo => Action::BizLinkTo(id, other),
            K::BizIgnore => Action::BizIgnore(id),
            K::Business => Action::Business,
            K::BizUnignore => Action::BizUnignore(id),
            K::BizDeletions => Action::BizDeletions,
            K::BizPrefix => Action::BizPrefix,
            K::BizErase => Action::BizErase,
            K::BizEraseAsk => Action::BizEraseAsk(id),
            K::BizEraseYes => Action::BizEraseYes(id),
            K::BizWrite => Action::BizWrite(id),
            K::Unsubscribe => Action::Unsubscribe(id),
            K::ImportColumn => Action::ImportColumn(id, page),
            K::ImportTarget => Action::ImportTarget(id, page, Target::Phone),
            K::ImportRun => Action::ImportRun(id, Duplicates::Merge),
            K::Export => Action::Export(ExportKind::VCards),
            K::Report => Action::Report(ReportKind::Abc, Period::AllTime),
            K::AbcThresholds => Action::AbcThresholds,
            K::FileInbox => Action::FileInbox(id),
            K::InboxSearch => Action::InboxSearch,
            K::AttachToDeal => Action::AttachToDeal(id, other),
            K::SendFile => Action::SendFile(id),
            K::Contacts => Action::Contacts(
                page,
                Browse {
                    by_name: page.is_multiple_of(2),
                    status: None,
                    kind: Some(page),
                    tag: Tag::parse(query).ok().map(|tag| tag.as_str().to_owned()),
                },
            ),
            K::ContactFilters => Action::ContactFilters(Browse::default()),
            K::SegmentMembers => Action::SegmentMembers(id, page),
            K::CompaniesPage => Action::CompaniesPage(page),
        }
    }

    #[test]
    fn every_kind_of_action_survives_a_round_trip_within_64_bytes() {
        for kind in ActionKind::iter() {
            let action = sample(
                kind,
                i64::MAX,
                i64::MIN,
                u32::MAX,
                "c123456",
                "Петров: ivan",
            );
            let data = action.try_encode().unwrap();
            assert_eq!(Action::decode(&data), Some(action));
        }
    }

    /// Properties, named `props` like the parsers' so that one long run covers them all.
    mod props {
        use super::*;
        use crate::domain::props;

        proptest! {
            #![proptest_config(props::config())]

            /// Any id, page, code and query: what fits in a button decodes to what was encoded.
            #[test]
            fn encoded_actions_decode_to_themselves(
                id in any::<i64>(),
                other in any::<i64>(),
                page in any::<u32>(),
                code in props::matching("[a-z0-9_]{1,8}"),
                query in props::any_text(),
            ) {
                for kind in ActionKind::iter() {
                    let action = sample(kind, id, other, page, &code, &query);
                    if let Some(data) = action.try_encode() {
                        prop_assert_eq!(Action::decode(&data), Some(action));
                    }
                }
            }

            /// Forged data never panics the decoder, and whatever it accepts encodes to data that
            /// decodes to the same action.
            #[test]
            fn forged_data_is_refused_or_read_consistently(
                data in prop_oneof![
                    props::any_text(),
                    props::phrase(TAGS, props::JOINED),
                ],
            ) {
                if let Some(action) = Action::decode(&data) {
                    prop_assert_eq!(Action::decode(&action.encode()), Some(action));
                }
            }
        }
    }

    /// Tags and separators that make up callback data, for forgeries that get past the tag.
    const TAGS: &[&str] = &[
        "o", "co", "f", "ev", "it", "rp", "mg", "mgy", "ap", ":", ":1", ":-1", "y",
    ];

    #[test]
    fn long_queries_do_not_fit_in_a_button() {
        assert_eq!(Action::FindPage(1, Text("я".repeat(40))).try_encode(), None);
    }

    /// Every code of every closed set a button carries reads back as itself.
    #[test]
    fn every_code_of_every_choice_survives_a_round_trip() {
        let mut actions = Vec::new();
        actions.extend(CallOutcome::ALL.map(|o| Action::CallOutcome(7, o)));
        actions.extend(StageEdit::ALL.map(|e| Action::StageEdit(7, e)));
        actions.extend(Snooze::ALL.map(|s| Action::TaskSnooze(7, s)));
        actions.extend(Period::ALL.map(Action::Funnel));
        actions.extend(Duplicates::ALL.map(|d| Action::ImportRun(7, d)));
        for kind in ReportKind::ALL {
            actions.extend(Period::ALL.map(|p| Action::Report(kind, p)));
        }
        actions.extend(ExportKind::ALL.map(Action::Export));
        actions.extend(ScheduleSetting::ALL.map(Action::ScheduleAsk));
        actions.extend(FieldKind::ALL.map(Action::AddCustomField));
        actions.extend(Target::ALL.map(|t| Action::ImportTarget(7, 2, t)));
        actions.extend(Field::BUILT_IN.map(|f| Action::EditField(7, f)));
        for column in [
            CompanyColumn::Name,
            CompanyColumn::Inn,
            CompanyColumn::Kpp,
            CompanyColumn::LegalAddress,
            CompanyColumn::ActualAddress,
            CompanyColumn::BankDetails,
        ] {
            actions.push(Action::CompanyField(7, column));
        }
        for column in [
            DealColumn::Title,
            DealColumn::Amount,
            DealColumn::ExpectedClose,
            DealColumn::Comment,
        ] {
            actions.push(Action::DealField(7, column));
        }
        actions.extend(Lang::ALL.map(Action::SetLanguage));
        actions.extend(Role::ALL.map(|r| Action::SetRole(7, r)));
        actions.extend([true, false].map(|yes| Action::AppointmentAnswer(7, yes)));
        actions.extend(Survey::ALL.map(|s| Action::FeedbackRating(s, 7, 5)));
        for survey in Survey::ALL {
            actions.extend(Lang::ALL.map(|lang| Action::SurveyTextAsk(survey, lang)));
        }
        for action in actions {
            let data = action.try_encode().unwrap();
            assert_eq!(Action::decode(&data), Some(action));
        }
    }

    #[test]
    fn refuses_forged_data() {
        for forged in [
            "",
            "o",
            "o:",
            "o:abc",
            "o:1:2",
            "co:1:z",
            "h:1:-1",
            "l:de",
            "drop table",
            "o:99999999999999999999",
            "f:x:petrov",
            "f:1",
        ] {
            assert_eq!(Action::decode(forged), None, "{forged}");
        }
    }
}
