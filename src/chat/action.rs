//! What an inline button asks for, and its compact encoding in callback data (Telegram allows
//! 64 bytes). Callback data comes back from the client and can be forged: decoding accepts only
//! well-formed actions, and every handler checks access again.

use super::contacts::CallOutcome;
use super::stages::StageEdit;
use super::tasks::Snooze;
use crate::domain::{Lang, Role};

/// `ActionKind` names each variant without its data: the access table in `gate` is keyed by it,
/// and tests enumerate it so that no kind of button is forgotten.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(strum::EnumIter))]
pub enum Action {
    /// Opens a contact card as a new message (from a list of results).
    OpenCard(i64),
    /// Shows a contact card in place of the pressed message (back from a sub-menu).
    ShowCard(i64),
    LogCall(i64),
    CallOutcome(i64, CallOutcome),
    AddNote(i64),
    /// A page of the contact's timeline, 0 being the newest.
    History(i64, u32),
    /// A page of `/find` results for the query.
    FindPage(u32, String),
    FormSkip,
    Cancel,
    SetLanguage(Lang),
    /// Asks to confirm archiving a contact.
    AskDelete(i64),
    Delete(i64),
    Restore(i64),
    /// A page of `/archive`.
    ArchivePage(u32),
    /// The `/team` list.
    Team,
    /// One member's menu.
    Member(i64),
    SetRole(i64, Role),
    /// Choosing whom a member's contacts go to.
    PickHandOver(i64),
    HandOver {
        from: i64,
        to: i64,
    },
    AskRemove(i64),
    Remove(i64),
    /// Saves the pending new contact despite possible duplicates.
    CreateAnyway,
    /// Adds the pending new contact's phones and emails to this existing one.
    MergePending(i64),
    /// The `/duplicates` report.
    Duplicates,
    AskMerge {
        keep: i64,
        drop: i64,
    },
    Merge {
        keep: i64,
        drop: i64,
    },
    /// The card's field list.
    Edit(i64),
    /// One field of the card, by its code.
    EditField(i64, String),
    /// A value picked for a field (an option's index, a member's id, or -1 to clear).
    EditChoice(i64, String, i64),
    /// The team's custom fields (owner).
    CustomFields,
    /// Starts a new custom field of a kind ("text", "number", "date", "choice").
    AddCustomField(String),
    /// Asks for the team's contact types (owner).
    ContactKinds,
    /// Opens a company card as a new message.
    OpenCompany(i64),
    /// Shows a company card in place of the pressed message.
    ShowCompany(i64),
    CompanyEdit(i64),
    CompanyField(i64, String),
    CompanyLink(i64),
    Link {
        company: i64,
        contact: i64,
    },
    CompanyHistory(i64, u32),
    /// Creates the company named in `/company` despite similar ones.
    CreateCompany,
    /// Asks for the member's own time zone.
    AskTimeZone,
    /// The Deal button on a contact card.
    NewDeal(i64),
    /// Opens a deal card as a new message.
    DealCard(i64),
    /// Shows a deal card in place of the pressed message.
    DealShow(i64),
    DealMove(i64, i64),
    DealStages(i64),
    DealLost(i64),
    /// A lost reason picked from the list, by index.
    DealLostReason(i64, u32),
    DealNextAction(i64),
    /// Leaves the next action unplanned for now.
    DealLater(i64),
    /// The funnel for a period, by its code.
    Funnel(String),
    /// Marks a lead as a client by hand.
    Convert(i64),
    /// The funnel stages in /settings (owner).
    Stages,
    StageMenu(i64),
    StageEdit(i64, StageEdit),
    /// Removes a stage, moving its deals to the second one.
    StageRemove(i64, i64),
    StageAdd,
    LostReasons,
    /// A page of `/deals`.
    DealsPage(u32),
    DealEdit(i64),
    DealField(i64, String),
    /// Opens a deal for a company (no contact) from its card.
    NewCompanyDeal(i64),
    /// The card's Remind button.
    Remind(i64),
    TaskDone(i64),
    TaskSnooze(i64, Snooze),
    /// A page of `/tasks`.
    TasksPage(u32),
    /// A dormant client's "Remind me in a week".
    RemindWeek(i64),
    /// A dormant client's "Not a client any more".
    DropClient(i64),
    /// The card's 📅 button.
    Meet(i64),
    /// The card's 🔗 button: a one-time link for the client.
    ClientLink(i64),
    /// A client's answer to an appointment reminder: confirm (`true`) or reschedule.
    AppointmentAnswer(i64, bool),
    /// ✅ on a doubtful time read from a phrase.
    ConfirmWhen,
    /// The team's schedules in /settings (owner, lead).
    Schedules,
    /// A summary preset by its code.
    SummaryPreset(String),
    /// Asks for a typed schedule setting: "cron", "zone", "quiet", "dormancy".
    ScheduleAsk(String),
    /// The `/segments` list.
    Segments,
    Segment(i64),
    NewSegment,
    DeleteSegment(i64),
    /// Asks for a mailing's text to the segment's clients.
    Mailing(i64),
    /// 📤 Send on a mailing's preview.
    SendMailing(i64),
    /// A client's 🔕 Unsubscribe on a mailing, by contact.
    Unsubscribe(i64),
    /// An import's column (0-based), to change what it fills.
    ImportColumn(i64, u32),
    /// The target picked for an import's column, by its code.
    ImportTarget(i64, u32, String),
    /// Runs an import, with what to do with duplicates, by its code.
    ImportRun(i64, String),
    /// `/export` of contacts ("c"), deals ("d") or vCards ("v").
    Export(String),
    /// A report by its code, for a period by its code.
    Report(String, String),
    /// Asks for the ABC analysis' boundaries.
    AbcThresholds,
}

/// Telegram's limit on callback data.
pub const MAX_DATA_BYTES: usize = 64;

impl Action {
    /// The callback data; `None` when it would not fit in [`MAX_DATA_BYTES`].
    pub fn try_encode(&self) -> Option<String> {
        let data = self.encode();
        (data.len() <= MAX_DATA_BYTES).then_some(data)
    }

    pub fn encode(&self) -> String {
        match self {
            Action::OpenCard(id) => format!("o:{id}"),
            Action::ShowCard(id) => format!("c:{id}"),
            Action::LogCall(id) => format!("lc:{id}"),
            Action::CallOutcome(id, outcome) => format!("co:{id}:{}", outcome.code()),
            Action::AddNote(id) => format!("n:{id}"),
            Action::History(id, page) => format!("h:{id}:{page}"),
            Action::FindPage(page, query) => format!("f:{page}:{query}"),
            Action::FormSkip => "fs".to_owned(),
            Action::Cancel => "x".to_owned(),
            Action::SetLanguage(lang) => format!("l:{}", lang.code()),
            Action::AskDelete(id) => format!("d:{id}"),
            Action::Delete(id) => format!("dy:{id}"),
            Action::Restore(id) => format!("r:{id}"),
            Action::ArchivePage(page) => format!("a:{page}"),
            Action::Team => "t".to_owned(),
            Action::Member(id) => format!("tm:{id}"),
            Action::SetRole(id, role) => format!("tr:{id}:{}", role.as_str()),
            Action::PickHandOver(id) => format!("th:{id}"),
            Action::HandOver { from, to } => format!("tt:{from}:{to}"),
            Action::AskRemove(id) => format!("tx:{id}"),
            Action::Remove(id) => format!("ty:{id}"),
            Action::CreateAnyway => "pa".to_owned(),
            Action::MergePending(id) => format!("pm:{id}"),
            Action::Duplicates => "dl".to_owned(),
            Action::AskMerge { keep, drop } => format!("mg:{keep}:{drop}"),
            Action::Merge { keep, drop } => format!("mgy:{keep}:{drop}"),
            Action::Edit(id) => format!("e:{id}"),
            Action::EditField(id, field) => format!("ef:{id}:{field}"),
            Action::EditChoice(id, field, value) => format!("ev:{id}:{field}:{value}"),
            Action::CustomFields => "sf".to_owned(),
            Action::AddCustomField(kind) => format!("sa:{kind}"),
            Action::ContactKinds => "sk".to_owned(),
            Action::OpenCompany(id) => format!("oc:{id}"),
            Action::ShowCompany(id) => format!("cc:{id}"),
            Action::CompanyEdit(id) => format!("ce:{id}"),
            Action::CompanyField(id, field) => format!("cf:{id}:{field}"),
            Action::CompanyLink(id) => format!("cl:{id}"),
            Action::Link { company, contact } => format!("lk:{company}:{contact}"),
            Action::CompanyHistory(id, page) => format!("ch:{id}:{page}"),
            Action::CreateCompany => "cn".to_owned(),
            Action::AskTimeZone => "stz".to_owned(),
            Action::NewDeal(id) => format!("nd:{id}"),
            Action::DealCard(id) => format!("dc:{id}"),
            Action::DealShow(id) => format!("ds:{id}"),
            Action::DealMove(id, stage) => format!("dm:{id}:{stage}"),
            Action::DealStages(id) => format!("dst:{id}"),
            Action::DealLost(id) => format!("dlo:{id}"),
            Action::DealLostReason(id, reason) => format!("dlr:{id}:{reason}"),
            Action::DealNextAction(id) => format!("dn:{id}"),
            Action::DealLater(id) => format!("dlt:{id}"),
            Action::Funnel(period) => format!("fu:{period}"),
            Action::Convert(id) => format!("cv:{id}"),
            Action::Stages => "sg".to_owned(),
            Action::StageMenu(id) => format!("sgm:{id}"),
            Action::StageEdit(id, edit) => format!("sge:{id}:{}", edit.code()),
            Action::StageRemove(id, to) => format!("sgx:{id}:{to}"),
            Action::StageAdd => "sga".to_owned(),
            Action::LostReasons => "slr".to_owned(),
            Action::DealsPage(page) => format!("dp:{page}"),
            Action::DealEdit(id) => format!("de:{id}"),
            Action::DealField(id, field) => format!("df:{id}:{field}"),
            Action::NewCompanyDeal(id) => format!("ndc:{id}"),
            Action::Remind(id) => format!("rm:{id}"),
            Action::TaskDone(id) => format!("td:{id}"),
            Action::TaskSnooze(id, snooze) => format!("ts:{id}:{}", snooze.code()),
            Action::TasksPage(page) => format!("tk:{page}"),
            Action::RemindWeek(id) => format!("rw:{id}"),
            Action::DropClient(id) => format!("ncl:{id}"),
            Action::Meet(id) => format!("mt:{id}"),
            Action::ClientLink(id) => format!("cli:{id}"),
            Action::AppointmentAnswer(id, confirm) => {
                format!("ap:{id}:{}", if *confirm { "y" } else { "n" })
            }
            Action::ConfirmWhen => "wy".to_owned(),
            Action::Schedules => "sch".to_owned(),
            Action::SummaryPreset(code) => format!("ssp:{code}"),
            Action::ScheduleAsk(what) => format!("sas:{what}"),
            Action::Segments => "sgl".to_owned(),
            Action::Segment(id) => format!("sgo:{id}"),
            Action::NewSegment => "sgn".to_owned(),
            Action::DeleteSegment(id) => format!("sgd:{id}"),
            Action::Mailing(id) => format!("ml:{id}"),
            Action::SendMailing(id) => format!("mls:{id}"),
            Action::Unsubscribe(id) => format!("uns:{id}"),
            Action::ImportColumn(id, column) => format!("ic:{id}:{column}"),
            Action::ImportTarget(id, column, code) => format!("it:{id}:{column}:{code}"),
            Action::ImportRun(id, code) => format!("ir:{id}:{code}"),
            Action::Export(what) => format!("ex:{what}"),
            Action::Report(kind, period) => format!("rp:{kind}:{period}"),
            Action::AbcThresholds => "rpa".to_owned(),
        }
    }

    pub fn decode(data: &str) -> Option<Self> {
        // The query is free text and may itself hold ':'.
        if let Some(rest) = data.strip_prefix("f:") {
            let (page, query) = rest.split_once(':')?;
            return Some(Action::FindPage(page.parse().ok()?, query.to_owned()));
        }
        let mut parts = data.split(':');
        let tag = parts.next()?;
        let mut next = || parts.next();
        let action = match tag {
            "o" => Action::OpenCard(next()?.parse().ok()?),
            "c" => Action::ShowCard(next()?.parse().ok()?),
            "lc" => Action::LogCall(next()?.parse().ok()?),
            "co" => {
                let id = next()?.parse().ok()?;
                Action::CallOutcome(id, CallOutcome::from_code(next()?)?)
            }
            "n" => Action::AddNote(next()?.parse().ok()?),
            "h" => {
                let id = next()?.parse().ok()?;
                Action::History(id, next()?.parse().ok()?)
            }
            "fs" => Action::FormSkip,
            "x" => Action::Cancel,
            "l" => Action::SetLanguage(Lang::from_code(next()?)?),
            "d" => Action::AskDelete(next()?.parse().ok()?),
            "dy" => Action::Delete(next()?.parse().ok()?),
            "r" => Action::Restore(next()?.parse().ok()?),
            "a" => Action::ArchivePage(next()?.parse().ok()?),
            "t" => Action::Team,
            "tm" => Action::Member(next()?.parse().ok()?),
            "tr" => {
                let id = next()?.parse().ok()?;
                Action::SetRole(id, Role::parse(next()?)?)
            }
            "th" => Action::PickHandOver(next()?.parse().ok()?),
            "tt" => {
                let from = next()?.parse().ok()?;
                Action::HandOver {
                    from,
                    to: next()?.parse().ok()?,
                }
            }
            "tx" => Action::AskRemove(next()?.parse().ok()?),
            "ty" => Action::Remove(next()?.parse().ok()?),
            "e" => Action::Edit(next()?.parse().ok()?),
            "ef" => {
                let id = next()?.parse().ok()?;
                Action::EditField(id, next()?.to_owned())
            }
            "ev" => {
                let id = next()?.parse().ok()?;
                let field = next()?.to_owned();
                Action::EditChoice(id, field, next()?.parse().ok()?)
            }
            "oc" => Action::OpenCompany(next()?.parse().ok()?),
            "cc" => Action::ShowCompany(next()?.parse().ok()?),
            "ce" => Action::CompanyEdit(next()?.parse().ok()?),
            "cf" => {
                let id = next()?.parse().ok()?;
                Action::CompanyField(id, next()?.to_owned())
            }
            "cl" => Action::CompanyLink(next()?.parse().ok()?),
            "lk" => {
                let company = next()?.parse().ok()?;
                Action::Link {
                    company,
                    contact: next()?.parse().ok()?,
                }
            }
            "ch" => {
                let id = next()?.parse().ok()?;
                Action::CompanyHistory(id, next()?.parse().ok()?)
            }
            "cn" => Action::CreateCompany,
            "stz" => Action::AskTimeZone,
            "nd" => Action::NewDeal(next()?.parse().ok()?),
            "dc" => Action::DealCard(next()?.parse().ok()?),
            "ds" => Action::DealShow(next()?.parse().ok()?),
            "dm" => {
                let id = next()?.parse().ok()?;
                Action::DealMove(id, next()?.parse().ok()?)
            }
            "dst" => Action::DealStages(next()?.parse().ok()?),
            "dlo" => Action::DealLost(next()?.parse().ok()?),
            "dlr" => {
                let id = next()?.parse().ok()?;
                Action::DealLostReason(id, next()?.parse().ok()?)
            }
            "dn" => Action::DealNextAction(next()?.parse().ok()?),
            "dlt" => Action::DealLater(next()?.parse().ok()?),
            "fu" => Action::Funnel(next()?.to_owned()),
            "cv" => Action::Convert(next()?.parse().ok()?),
            "sg" => Action::Stages,
            "sgm" => Action::StageMenu(next()?.parse().ok()?),
            "sge" => {
                let id = next()?.parse().ok()?;
                Action::StageEdit(id, StageEdit::from_code(next()?)?)
            }
            "sgx" => {
                let id = next()?.parse().ok()?;
                Action::StageRemove(id, next()?.parse().ok()?)
            }
            "sga" => Action::StageAdd,
            "slr" => Action::LostReasons,
            "dp" => Action::DealsPage(next()?.parse().ok()?),
            "de" => Action::DealEdit(next()?.parse().ok()?),
            "df" => {
                let id = next()?.parse().ok()?;
                Action::DealField(id, next()?.to_owned())
            }
            "ndc" => Action::NewCompanyDeal(next()?.parse().ok()?),
            "rm" => Action::Remind(next()?.parse().ok()?),
            "td" => Action::TaskDone(next()?.parse().ok()?),
            "ts" => {
                let id = next()?.parse().ok()?;
                Action::TaskSnooze(id, Snooze::from_code(next()?)?)
            }
            "tk" => Action::TasksPage(next()?.parse().ok()?),
            "rw" => Action::RemindWeek(next()?.parse().ok()?),
            "ncl" => Action::DropClient(next()?.parse().ok()?),
            "mt" => Action::Meet(next()?.parse().ok()?),
            "cli" => Action::ClientLink(next()?.parse().ok()?),
            "ap" => {
                let id = next()?.parse().ok()?;
                let confirm = match next()? {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                };
                Action::AppointmentAnswer(id, confirm)
            }
            "wy" => Action::ConfirmWhen,
            "sch" => Action::Schedules,
            "ssp" => Action::SummaryPreset(next()?.to_owned()),
            "sas" => Action::ScheduleAsk(next()?.to_owned()),
            "sgl" => Action::Segments,
            "sgo" => Action::Segment(next()?.parse().ok()?),
            "sgn" => Action::NewSegment,
            "sgd" => Action::DeleteSegment(next()?.parse().ok()?),
            "ml" => Action::Mailing(next()?.parse().ok()?),
            "mls" => Action::SendMailing(next()?.parse().ok()?),
            "uns" => Action::Unsubscribe(next()?.parse().ok()?),
            "ic" => {
                let id = next()?.parse().ok()?;
                Action::ImportColumn(id, next()?.parse().ok()?)
            }
            "it" => {
                let id = next()?.parse().ok()?;
                let column = next()?.parse().ok()?;
                Action::ImportTarget(id, column, next()?.to_owned())
            }
            "ir" => {
                let id = next()?.parse().ok()?;
                Action::ImportRun(id, next()?.to_owned())
            }
            "ex" => Action::Export(next()?.to_owned()),
            "rp" => {
                let kind = next()?.to_owned();
                Action::Report(kind, next()?.to_owned())
            }
            "rpa" => Action::AbcThresholds,
            "sf" => Action::CustomFields,
            "sa" => Action::AddCustomField(next()?.to_owned()),
            "sk" => Action::ContactKinds,
            "pa" => Action::CreateAnyway,
            "pm" => Action::MergePending(next()?.parse().ok()?),
            "dl" => Action::Duplicates,
            "mg" | "mgy" => {
                let keep = next()?.parse().ok()?;
                let drop = next()?.parse().ok()?;
                if tag == "mg" {
                    Action::AskMerge { keep, drop }
                } else {
                    Action::Merge { keep, drop }
                }
            }
            _ => return None,
        };
        // Trailing parts mean the data was not made by `encode`.
        match next() {
            None => Some(action),
            Some(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use strum::IntoEnumIterator;

    /// One action of `kind` built from the given parts. The match has no catch-all, so a new
    /// kind of button does not compile until it round-trips here too.
    fn sample(kind: ActionKind, id: i64, other: i64, page: u32, code: &str, query: &str) -> Action {
        use ActionKind as K;
        let code = code.to_owned();
        match kind {
            K::OpenCard => Action::OpenCard(id),
            K::ShowCard => Action::ShowCard(id),
            K::LogCall => Action::LogCall(id),
            K::CallOutcome => Action::CallOutcome(id, CallOutcome::CallBack),
            K::AddNote => Action::AddNote(id),
            K::History => Action::History(id, page),
            K::FindPage => Action::FindPage(page, query.to_owned()),
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
            K::HandOver => Action::HandOver {
                from: id,
                to: other,
            },
            K::AskRemove => Action::AskRemove(id),
            K::Remove => Action::Remove(id),
            K::CreateAnyway => Action::CreateAnyway,
            K::MergePending => Action::MergePending(id),
            K::Duplicates => Action::Duplicates,
            K::AskMerge => Action::AskMerge {
                keep: id,
                drop: other,
            },
            K::Merge => Action::Merge {
                keep: id,
                drop: other,
            },
            K::Edit => Action::Edit(id),
            K::EditField => Action::EditField(id, code),
            K::EditChoice => Action::EditChoice(id, code, other),
            K::CustomFields => Action::CustomFields,
            K::AddCustomField => Action::AddCustomField(code),
            K::ContactKinds => Action::ContactKinds,
            K::OpenCompany => Action::OpenCompany(id),
            K::ShowCompany => Action::ShowCompany(id),
            K::CompanyEdit => Action::CompanyEdit(id),
            K::CompanyField => Action::CompanyField(id, code),
            K::CompanyLink => Action::CompanyLink(id),
            K::Link => Action::Link {
                company: id,
                contact: other,
            },
            K::CompanyHistory => Action::CompanyHistory(id, page),
            K::CreateCompany => Action::CreateCompany,
            K::AskTimeZone => Action::AskTimeZone,
            K::NewDeal => Action::NewDeal(id),
            K::DealCard => Action::DealCard(id),
            K::DealShow => Action::DealShow(id),
            K::DealMove => Action::DealMove(id, other),
            K::DealStages => Action::DealStages(id),
            K::DealLost => Action::DealLost(id),
            K::DealLostReason => Action::DealLostReason(id, page),
            K::DealNextAction => Action::DealNextAction(id),
            K::DealLater => Action::DealLater(id),
            K::Funnel => Action::Funnel(code),
            K::Convert => Action::Convert(id),
            K::Stages => Action::Stages,
            K::StageMenu => Action::StageMenu(id),
            K::StageEdit => Action::StageEdit(id, StageEdit::Remove),
            K::StageRemove => Action::StageRemove(id, other),
            K::StageAdd => Action::StageAdd,
            K::LostReasons => Action::LostReasons,
            K::DealsPage => Action::DealsPage(page),
            K::DealEdit => Action::DealEdit(id),
            K::DealField => Action::DealField(id, code),
            K::NewCompanyDeal => Action::NewCompanyDeal(id),
            K::Remind => Action::Remind(id),
            K::TaskDone => Action::TaskDone(id),
            K::TaskSnooze => Action::TaskSnooze(id, Snooze::Tomorrow),
            K::TasksPage => Action::TasksPage(page),
            K::RemindWeek => Action::RemindWeek(id),
            K::DropClient => Action::DropClient(id),
            K::Meet => Action::Meet(id),
            K::ClientLink => Action::ClientLink(id),
            K::AppointmentAnswer => Action::AppointmentAnswer(id, page.is_multiple_of(2)),
            K::ConfirmWhen => Action::ConfirmWhen,
            K::Schedules => Action::Schedules,
            K::SummaryPreset => Action::SummaryPreset(code),
            K::ScheduleAsk => Action::ScheduleAsk(code),
            K::Segments => Action::Segments,
            K::Segment => Action::Segment(id),
            K::NewSegment => Action::NewSegment,
            K::DeleteSegment => Action::DeleteSegment(id),
            K::Mailing => Action::Mailing(id),
            K::SendMailing => Action::SendMailing(id),
            K::Unsubscribe => Action::Unsubscribe(id),
            K::ImportColumn => Action::ImportColumn(id, page),
            K::ImportTarget => Action::ImportTarget(id, page, code),
            K::ImportRun => Action::ImportRun(id, code),
            K::Export => Action::Export(code),
            K::Report => Action::Report(code.clone(), code),
            K::AbcThresholds => Action::AbcThresholds,
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
        assert_eq!(Action::FindPage(1, "я".repeat(40)).try_encode(), None);
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
