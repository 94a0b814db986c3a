//! The conversation core: takes a message or a button press from a Telegram user and returns
//! the replies to send, after checking who the user is and what they may see. It knows nothing
//! of HTTP, so the Telegram adapter and the terminal demo drive the very same flows.

mod action;
mod archive;
mod clients;
mod command;
mod companies;
mod contacts;
mod deals;
mod duplicates;
mod edit;
mod find;
mod funnel;
mod gate;
mod keyboard;
mod members;
mod pushes;
mod quick_log;
mod reactivation;
mod reports;
mod schedules;
mod segments;
mod settings;
mod stages;
mod state;
mod tasks;
mod team;
mod transfer;

pub use action::{Action, ActionKind};
pub use command::{BOT_COMMANDS, Command};
pub use contacts::CallOutcome;
pub use gate::Who;
pub use keyboard::{Button, Keyboard};
pub use team::new_link_token;
pub use transfer::{Duplicates, ImportOutcome};

use crate::domain::Lang;
use crate::i18n::tr;
use crate::store::{HistoryKind, Member, Store};
use chrono_tz::Tz;
use gate::{Place, Rule, Verdict};

/// The Telegram user behind an update.
#[derive(Debug, Clone)]
pub struct Sender {
    pub id: i64,
    /// First and last name as Telegram shows them.
    pub name: String,
    pub language_code: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Input {
    Text(String),
    /// A photo, sticker, voice message or anything else the bot does not read.
    Unsupported,
    /// `@bot query` typed in any chat.
    Inline {
        query_id: String,
        query: String,
    },
    /// A file sent to the bot: its name and content, or why it could not be read.
    Document {
        file_name: String,
        content: Result<Vec<u8>, FileProblem>,
    },
    /// An inline button press; `message_id` is the message that carries the button.
    Button {
        callback_id: String,
        message_id: Option<i32>,
        data: String,
    },
}

/// Why a file sent to the bot was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// Over [`MAX_FILE_BYTES`]: not downloaded at all.
    TooLarge,
    /// Telegram did not hand it over.
    Unavailable,
}

/// The largest file the bot reads (Telegram's own limit for bots is 20 MB).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Incoming {
    pub chat_id: i64,
    pub from: Sender,
    pub input: Input,
}

/// What the bot does in reply.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Send {
        chat_id: i64,
        text: String,
        keyboard: Keyboard,
    },
    Edit {
        chat_id: i64,
        message_id: i32,
        text: String,
        keyboard: Keyboard,
    },
    /// Stops the button's spinner, with a short notice when `text` is set.
    AnswerButton {
        callback_id: String,
        text: Option<String>,
    },
    /// A picture (a report's chart) with a caption.
    Photo {
        chat_id: i64,
        png: Vec<u8>,
        caption: String,
    },
    /// A file (an export, the rejected rows of an import) with a caption.
    Document {
        chat_id: i64,
        file_name: String,
        content: Vec<u8>,
        caption: String,
    },
    /// The answer to an inline query: contacts to pick from.
    InlineResults {
        query_id: String,
        results: Vec<InlineArticle>,
    },
}

/// One inline result: a contact, sent as a short card when picked.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineArticle {
    pub id: String,
    pub title: String,
    pub description: String,
    pub text: String,
}

/// Settings the core needs from the configuration.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Used to build `t.me` links.
    pub bot_username: String,
    /// Times on the timeline are shown in this zone.
    pub time_zone: Tz,
}

pub struct Core {
    store: Store,
    config: CoreConfig,
}

/// What an update asks for, read before the gate decides whether it may.
enum Request<'a> {
    Command(Command),
    /// Plain text in a private chat, with the member's open form if there is one.
    Text(&'a str, Option<state::Conversation>),
    /// Anything but a command in a group: people talking to each other.
    Chatter,
    Inline {
        query_id: &'a str,
        query: &'a str,
    },
    Document {
        file_name: &'a str,
        content: Result<&'a [u8], &'a FileProblem>,
    },
    Unsupported,
    Button(Action),
    /// Button data that does not decode: an old button, or a forged one.
    StaleButton,
}

/// One update being handled: who sent it, in which language to answer, where replies go.
struct Turn<'a> {
    incoming: &'a Incoming,
    member: Option<Member>,
    /// The member's open form as stored when the update arrived.
    form: Option<String>,
    lang: Lang,
    out: Vec<Outgoing>,
}

impl Turn<'_> {
    fn chat_id(&self) -> i64 {
        self.incoming.chat_id
    }

    fn sender(&self) -> &Sender {
        &self.incoming.from
    }

    fn tr(&self, key: &str) -> String {
        tr(self.lang, key)
    }

    /// Sends a new message.
    fn send(&mut self, text: String, keyboard: Keyboard) {
        let chat_id = self.chat_id();
        self.out.push(Outgoing::Send {
            chat_id,
            text,
            keyboard,
        });
    }

    /// Sends a question whose answer is the next text, with a Cancel button.
    fn ask(&mut self, text: String) {
        let keyboard =
            Keyboard::none().row(vec![Button::new(self.tr("button-cancel"), Action::Cancel)]);
        self.send(text, keyboard);
    }

    /// The one access rule for a team's records: `record` (a contact, company or deal of
    /// `kind`) if it is of the member's team and theirs, or they see the whole team; otherwise
    /// `None` after saying "{kind}-not-yours", or "{kind}-not-found" for a missing record or
    /// another team's, so that its existence does not leak.
    fn permit<T>(
        &mut self,
        member: &Member,
        record: Option<T>,
        kind: &str,
        team_and_owner: impl Fn(&T) -> (i64, i64),
    ) -> Option<T> {
        let refusal = match record {
            Some(record) => {
                let (team_id, owner_id) = team_and_owner(&record);
                if team_id != member.team_id {
                    "not-found"
                } else if member.role.sees_all_contacts() || owner_id == member.user_id {
                    return Some(record);
                } else {
                    "not-yours"
                }
            }
            None => "not-found",
        };
        let text = self.tr(&format!("{kind}-{refusal}"));
        self.notice(text);
        None
    }

    /// Says why a typed answer was refused and asks for it again.
    fn refuse(&mut self, error: &crate::domain::InputError) {
        let message = contacts::input_error_text(self.lang, error);
        let text = format!("{message}\n{}", self.tr("edit-try-again"));
        self.send(text, Keyboard::none());
    }

    /// Replaces the message whose button was pressed, or sends a new one in reply to text.
    fn show(&mut self, text: String, keyboard: Keyboard) {
        match &self.incoming.input {
            Input::Button {
                message_id: Some(message_id),
                ..
            } => {
                let (chat_id, message_id) = (self.chat_id(), *message_id);
                self.out.push(Outgoing::Edit {
                    chat_id,
                    message_id,
                    text,
                    keyboard,
                });
            }
            _ => self.send(text, keyboard),
        }
    }

    /// A short notice on the pressed button; a plain message in reply to text.
    fn notice(&mut self, text: String) {
        match &self.incoming.input {
            Input::Button { callback_id, .. } => {
                let callback_id = callback_id.clone();
                self.out.push(Outgoing::AnswerButton {
                    callback_id,
                    text: Some(text),
                });
            }
            Input::Text(_) | Input::Unsupported | Input::Document { .. } => {
                self.send(text, Keyboard::none())
            }
            // An inline query has no chat to write to; its answer is the result list.
            Input::Inline { .. } => {}
        }
    }
}

impl Core {
    pub fn new(store: Store, config: CoreConfig) -> Self {
        Self { store, config }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Handles one update. Never fails: an internal error is logged and the user told to retry,
    /// and every button press is answered so no spinner is left turning.
    pub async fn handle(&self, incoming: &Incoming) -> Vec<Outgoing> {
        let lang = Lang::from_telegram(incoming.from.language_code.as_deref());
        let mut turn = Turn {
            incoming,
            member: None,
            form: None,
            lang,
            out: Vec::new(),
        };
        if let Err(error) = self.dispatch(&mut turn).await {
            tracing::error!(
                user = incoming.from.id,
                "handling an update failed: {error:#}"
            );
            turn.out.clear();
            let text = turn.tr("error-internal");
            turn.notice(text);
        }
        if let Input::Inline { query_id, .. } = &incoming.input {
            let answered = turn
                .out
                .iter()
                .any(|o| matches!(o, Outgoing::InlineResults { .. }));
            if !answered {
                turn.out.push(Outgoing::InlineResults {
                    query_id: query_id.clone(),
                    results: Vec::new(),
                });
            }
        }
        if let Input::Button { callback_id, .. } = &incoming.input {
            let answered = turn
                .out
                .iter()
                .any(|o| matches!(o, Outgoing::AnswerButton { .. }));
            if !answered {
                turn.out.insert(
                    0,
                    Outgoing::AnswerButton {
                        callback_id: callback_id.clone(),
                        text: None,
                    },
                );
            }
        }
        turn.out
    }

    async fn dispatch(&self, turn: &mut Turn<'_>) -> anyhow::Result<()> {
        let sender = turn.sender().clone();
        (turn.member, turn.form) = match self.store.member_and_form(sender.id).await? {
            Some((member, form)) => (Some(member), form),
            None => (None, None),
        };
        if let Some(member) = &mut turn.member {
            match member.language {
                Some(lang) => turn.lang = lang,
                // Remembered so that messages the member did not ask for (reminders) speak
                // the language of their Telegram app too.
                None => {
                    self.store.set_language(member.user_id, turn.lang).await?;
                    member.language = Some(turn.lang);
                }
            }
            if member.display_name != sender.name && !sender.name.is_empty() {
                self.store.set_display_name(sender.id, &sender.name).await?;
                member.display_name = sender.name.clone();
            }
        }
        let place = match turn.chat_id() == sender.id {
            true => Place::Private,
            false => Place::Group,
        };
        let request = self.read(turn, place).await?;
        let rule = match &request {
            Request::Command(command) => gate::command_rule(command),
            Request::Text(_, Some(conversation)) => gate::conversation_rule(conversation),
            Request::Button(action) => gate::action_rule(ActionKind::from(action)),
            Request::Chatter => Rule::group(Who::Anyone),
            Request::Text(_, None)
            | Request::Inline { .. }
            | Request::Document { .. }
            | Request::Unsupported
            | Request::StaleButton => Rule::private(Who::Member),
        };
        let role = turn.member.as_ref().map(|member| member.role);
        match gate::check(rule, role, place) {
            Verdict::Allow => self.route(turn, request).await,
            Verdict::Refuse(key) => {
                // A form the member may no longer finish is closed, so it does not refuse
                // every message after this one.
                if let (Request::Text(_, Some(_)), Some(member)) = (&request, &turn.member) {
                    self.store.clear_conversation(member.user_id).await?;
                }
                let text = turn.tr(key);
                turn.notice(text);
                Ok(())
            }
            Verdict::NotMember => match request {
                Request::Command(_) | Request::Text(..) => self.client_text(turn, false).await,
                _ => self.not_member(turn),
            },
            Verdict::Ignore => Ok(()),
        }
    }

    /// Reads the update into what it asks for; the open form matters only to a member's text
    /// in their private chat.
    async fn read<'a>(&self, turn: &Turn<'a>, place: Place) -> anyhow::Result<Request<'a>> {
        let in_group = place == Place::Group;
        Ok(match &turn.incoming.input {
            Input::Text(text) => match Command::parse(text, &self.config.bot_username) {
                Some(command) => Request::Command(command),
                None if in_group => Request::Chatter,
                None => {
                    let conversation = match (&turn.member, &turn.form) {
                        (Some(member), Some(form)) => {
                            self.read_conversation(member.user_id, form).await?
                        }
                        _ => None,
                    };
                    Request::Text(text, conversation)
                }
            },
            Input::Unsupported | Input::Document { .. } if in_group => Request::Chatter,
            Input::Unsupported => Request::Unsupported,
            Input::Document { file_name, content } => Request::Document {
                file_name,
                content: content.as_deref(),
            },
            Input::Inline { query_id, query } => Request::Inline { query_id, query },
            Input::Button { data, .. } => match Action::decode(data) {
                Some(action) => Request::Button(action),
                None => Request::StaleButton,
            },
        })
    }

    /// Runs what the gate let through.
    async fn route(&self, turn: &mut Turn<'_>, request: Request<'_>) -> anyhow::Result<()> {
        let member = turn.member.clone();
        match (request, member) {
            (Request::Command(Command::Start(Some(payload))), _)
                if payload.starts_with("client_") =>
            {
                self.link_client(turn, &payload["client_".len()..]).await
            }
            (Request::Command(Command::Start(payload)), _) => {
                self.start(turn, payload.as_deref()).await
            }
            (Request::Command(Command::Stop), None) => self.client_text(turn, true).await,
            (Request::Command(command), Some(member)) => {
                // A command leaves any half-filled form, like /cancel does.
                if turn.form.is_some() {
                    self.store.clear_conversation(member.user_id).await?;
                }
                self.command(turn, &member, command).await
            }
            (Request::Text(text, Some(conversation)), Some(member)) => {
                self.continue_conversation(turn, &member, conversation, text)
                    .await
            }
            (Request::Text(text, None), Some(member)) => self.find(turn, &member, text, 0).await,
            (Request::Inline { query_id, query }, Some(member)) => {
                let results = self.inline_results(turn, &member, query).await?;
                turn.out.push(Outgoing::InlineResults {
                    query_id: query_id.to_owned(),
                    results,
                });
                Ok(())
            }
            (Request::Document { file_name, content }, Some(member)) => {
                self.received_file(turn, &member, file_name, content).await
            }
            (Request::Unsupported, Some(_)) => {
                let text = turn.tr("unsupported-message");
                turn.send(text, Keyboard::none());
                Ok(())
            }
            (Request::Button(Action::AppointmentAnswer(id, confirm)), None) => {
                self.answer_appointment(turn, id, confirm).await
            }
            (Request::Button(Action::Unsubscribe(contact_id)), None) => {
                self.unsubscribe(turn, contact_id).await
            }
            (Request::Button(action), Some(member)) => self.button(turn, &member, action).await,
            (Request::StaleButton, _) => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(())
            }
            // People talking in a group, and anything the table lets a non-member ask that
            // has no answer for them.
            _ => Ok(()),
        }
    }

    async fn command(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        command: Command,
    ) -> anyhow::Result<()> {
        match command {
            Command::Start(payload) => self.start(turn, payload.as_deref()).await,
            Command::Help => {
                let text = team::help_text(turn.lang, member.role);
                turn.send(text, Keyboard::none());
                Ok(())
            }
            Command::Add(args) => self.add(turn, member, &args).await,
            Command::Find(query) => self.find(turn, member, &query, 0).await,
            Command::Call(args) => self.call_command(turn, member, &args).await,
            Command::Note(args) => {
                self.entry_command(turn, member, &args, HistoryKind::Note)
                    .await
            }
            Command::Meeting(args) => {
                self.entry_command(turn, member, &args, HistoryKind::Meeting)
                    .await
            }
            Command::Company(args) => self.company_command(turn, member, &args).await,
            Command::Deal(args) => self.deal_command(turn, member, &args).await,
            Command::Deals => self.deals(turn, member, 0).await,
            Command::Remind(args) => self.remind_command(turn, member, &args).await,
            Command::Today => self.task_list(turn, member, true, 0).await,
            Command::Meet(args) => self.meet_command(turn, member, &args).await,
            Command::SetGroup => self.set_group(turn, member).await,
            Command::Segments => self.segments(turn, member).await,
            Command::Import => {
                let text = turn.tr("import-how");
                turn.send(text, Keyboard::none());
                Ok(())
            }
            Command::Export => {
                self.export_menu(turn);
                Ok(())
            }
            Command::Report => {
                self.report_menu(turn);
                Ok(())
            }
            // A member has nothing to unsubscribe from.
            Command::Stop => {
                let text = turn.tr("stop-member");
                turn.send(text, Keyboard::none());
                Ok(())
            }
            Command::Tasks => self.task_list(turn, member, false, 0).await,
            Command::Funnel => {
                self.show_funnel(turn, member, funnel::Period::ThisMonth)
                    .await
            }
            Command::Invite(role) => self.invite(turn, member, &role).await,
            Command::Settings => {
                self.settings(turn, member);
                Ok(())
            }
            Command::Team => self.team(turn, member).await,
            Command::Archive => self.archive(turn, member, 0).await,
            Command::Duplicates => self.duplicates(turn, member).await,
            Command::Cancel => {
                let text = turn.tr("cancelled");
                turn.send(text, Keyboard::none());
                Ok(())
            }
            Command::Unknown => {
                let text = format!(
                    "{}\n\n{}",
                    turn.tr("unknown-command"),
                    team::help_text(turn.lang, member.role)
                );
                turn.send(text, Keyboard::none());
                Ok(())
            }
        }
    }

    async fn button(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        action: Action,
    ) -> anyhow::Result<()> {
        match action {
            Action::OpenCard(id) => self.open_card(turn, member, id, false).await,
            Action::ShowCard(id) => self.open_card(turn, member, id, true).await,
            Action::LogCall(id) => self.ask_call_outcome(turn, member, id).await,
            Action::CallOutcome(id, outcome) => self.log_call(turn, member, id, outcome).await,
            Action::AddNote(id) => self.ask_note(turn, member, id).await,
            Action::History(id, page) => self.history(turn, member, id, page).await,
            Action::FindPage(page, query) => self.find(turn, member, &query, page).await,
            Action::FormSkip => self.skip_form_step(turn, member).await,
            Action::Cancel => {
                self.store.clear_conversation(member.user_id).await?;
                let text = turn.tr("cancelled");
                turn.show(text, Keyboard::none());
                Ok(())
            }
            Action::SetLanguage(lang) => self.set_language(turn, member, lang).await,
            Action::AskDelete(id) => self.ask_delete(turn, member, id).await,
            Action::Delete(id) => self.delete(turn, member, id).await,
            Action::Restore(id) => self.restore(turn, member, id).await,
            Action::ArchivePage(page) => self.archive(turn, member, page).await,
            Action::Team => self.team(turn, member).await,
            Action::Member(id) => self.member_menu(turn, member, id).await,
            Action::SetRole(id, role) => self.set_role(turn, member, id, role).await,
            Action::PickHandOver(id) => self.pick_hand_over(turn, member, id).await,
            Action::HandOver { from, to } => self.hand_over(turn, member, from, to).await,
            Action::AskRemove(id) => self.ask_remove(turn, member, id).await,
            Action::Remove(id) => self.remove(turn, member, id).await,
            Action::Edit(id) => self.edit_menu(turn, member, id).await,
            Action::EditField(id, field) => self.ask_field(turn, member, id, &field).await,
            Action::EditChoice(id, field, value) => {
                self.apply_choice(turn, member, id, &field, value).await
            }
            Action::OpenCompany(id) => self.open_company(turn, member, id, false).await,
            Action::ShowCompany(id) => self.open_company(turn, member, id, true).await,
            Action::CompanyEdit(id) => self.company_edit_menu(turn, member, id).await,
            Action::CompanyField(id, field) => {
                self.ask_company_field(turn, member, id, &field).await
            }
            Action::CompanyLink(id) => self.ask_link_contact(turn, member, id).await,
            Action::Link { company, contact } => self.link(turn, member, company, contact).await,
            Action::CompanyHistory(id, page) => self.company_history(turn, member, id, page).await,
            Action::CreateCompany => self.create_pending_company(turn, member).await,
            Action::AskTimeZone => self.ask_time_zone(turn, member).await,
            Action::NewDeal(id) => self.ask_deal(turn, member, id).await,
            Action::DealCard(id) => self.open_deal_card(turn, member, id, false).await,
            Action::DealShow(id) => self.open_deal_card(turn, member, id, true).await,
            Action::DealMove(id, stage) => self.move_deal(turn, member, id, stage).await,
            Action::DealStages(id) => self.deal_stages(turn, member, id).await,
            Action::DealLost(id) => self.ask_lost_reason(turn, member, id).await,
            Action::DealLostReason(id, index) => self.lose_deal(turn, member, id, Ok(index)).await,
            Action::DealNextAction(id) => self.ask_next_action(turn, member, id).await,
            Action::DealLater(id) => self.deal_later(turn, member, id).await,
            Action::Funnel(code) => match funnel::Period::from_code(&code) {
                Some(period) => self.show_funnel(turn, member, period).await,
                None => {
                    let text = turn.tr("button-expired");
                    turn.notice(text);
                    Ok(())
                }
            },
            Action::Convert(id) => self.convert(turn, member, id).await,
            Action::Stages => self.stage_list(turn, member).await,
            Action::StageMenu(id) => self.stage_menu(turn, member, id).await,
            Action::StageEdit(id, edit) => self.stage_edit(turn, member, id, edit).await,
            Action::StageRemove(id, to) => self.stage_remove(turn, member, id, to).await,
            Action::StageAdd => self.ask_new_stage(turn, member).await,
            Action::LostReasons => self.ask_lost_reasons(turn, member).await,
            Action::DealsPage(page) => self.deals(turn, member, page).await,
            Action::DealEdit(id) => self.deal_edit_menu(turn, member, id).await,
            Action::DealField(id, field) => self.ask_deal_field(turn, member, id, &field).await,
            Action::NewCompanyDeal(id) => self.ask_company_deal(turn, member, id).await,
            Action::Remind(id) => self.ask_remind(turn, member, id).await,
            Action::TaskDone(id) => self.task_done(turn, member, id).await,
            Action::TaskSnooze(id, snooze) => self.task_snooze(turn, member, id, snooze).await,
            Action::TasksPage(page) => self.task_list(turn, member, false, page).await,
            Action::RemindWeek(id) => self.remind_in_a_week(turn, member, id).await,
            Action::DropClient(id) => self.drop_client(turn, member, id).await,
            Action::Meet(id) => self.ask_meet(turn, member, id).await,
            Action::ClientLink(id) => self.client_link(turn, member, id).await,
            Action::ConfirmWhen => self.confirm_when(turn, member).await,
            Action::Schedules => self.schedules(turn, member).await,
            Action::SummaryPreset(code) => self.summary_preset(turn, member, &code).await,
            Action::ScheduleAsk(what) => self.schedule_ask(turn, member, &what).await,
            Action::Segments => self.segments(turn, member).await,
            Action::Segment(id) => self.segment_card(turn, member, id).await,
            Action::NewSegment => self.ask_segment_filter(turn, member).await,
            Action::DeleteSegment(id) => self.delete_segment(turn, member, id).await,
            Action::Mailing(id) => self.ask_mailing(turn, member, id).await,
            Action::SendMailing(id) => self.send_mailing(turn, member, id).await,
            Action::ImportColumn(id, column) => self.import_column(turn, member, id, column).await,
            Action::ImportTarget(id, column, code) => {
                self.import_target(turn, member, id, column, &code).await
            }
            Action::ImportRun(id, code) => self.import_run(turn, member, id, &code).await,
            Action::Export(what) => self.export(turn, member, &what).await,
            Action::Report(kind, period) => self.report(turn, member, &kind, &period).await,
            Action::AbcThresholds => self.ask_abc_thresholds(turn, member).await,
            // A client's buttons: the gate lets only non-members press them (see `route`).
            Action::AppointmentAnswer(..) | Action::Unsubscribe(_) => Ok(()),
            Action::CustomFields => self.custom_fields(turn, member).await,
            Action::AddCustomField(kind) => self.ask_custom_field(turn, member, &kind).await,
            Action::ContactKinds => self.ask_contact_kinds(turn, member).await,
            Action::CreateAnyway => self.create_anyway(turn, member).await,
            Action::MergePending(id) => self.merge_pending(turn, member, id).await,
            Action::Duplicates => self.duplicates(turn, member).await,
            Action::AskMerge { keep, drop } => self.ask_merge(turn, member, keep, drop).await,
            Action::Merge { keep, drop } => self.merge(turn, member, keep, drop).await,
        }
    }

    fn not_member(&self, turn: &mut Turn<'_>) -> anyhow::Result<()> {
        let text = turn.tr("not-member");
        turn.notice(text);
        Ok(())
    }
}
