//! The only code that speaks SQL. One `Store` over an `AnyPool` serves SQLite and PostgreSQL
//! with the same portable queries (`$N` placeholders work on both); instants are stored as Unix
//! seconds because the `Any` driver has no date types.

mod appointments;
mod attachments;
mod birthdays;
mod browse;
mod bulk;
mod business;
mod client_links;
mod companies;
mod contact_inserts;
mod contacts;
mod conversations;
mod copy;
mod database;
mod deals;
mod dormancy;
mod export;
mod feedback;
mod fields;
mod history;
mod import;
mod jobs;
mod leads;
mod members;
mod pending_imports;
mod reports;
mod schedules;
#[cfg(feature = "bench")]
mod seed;
mod segments;
mod stages;
mod tasks;
mod webhook_updates;
mod words;
mod zone;

pub use appointments::{Appointment, AppointmentStatus};
pub use attachments::Attachment;
pub use birthdays::BirthdayContact;
pub use browse::ContactFilter;
pub use business::{BusinessChat, BusinessConnection, ChatState, LoggedMessage};
pub use client_links::LinkedClient;
pub use companies::{Company, CompanyColumn};
pub use contact_inserts::NewContact;
pub use contacts::{Contact, ContactHit, DuplicateReason, Scope};
pub use copy::CopiedTable;
pub use database::Store;
pub use deals::{Deal, DealColumn, FunnelDeal, NewDeal, OpenDealTotal};
pub use dormancy::{DormancyRule, DormancyTarget};
pub use export::{ExportedContact, ExportedDeal};
pub use feedback::{
    FeedbackFigures, NewRating, OpenFeedback, PlannedSurvey, SurveySettings, survey_job_key,
};
pub use fields::{CustomField, EditNote, FieldValue, TextColumn};
pub use history::HistoryEntry;
pub use import::ImportAction;
pub use jobs::{DayPushesOf, DueJob, JobKind, NewJob, PlannedDayPush};
pub use leads::{IDEMPOTENCY_SECONDS, LeadReceipt, LeadSettings, StoredLead};
pub use members::{LinkProblem, Member, TeamMember};
pub use pending_imports::PendingImport;
pub use reports::{ClientRevenueRow, ManagerFigures, ManagerPerformance, PipelineRow};
pub use schedules::TeamSchedule;
#[cfg(feature = "bench")]
pub use seed::SeedDeal;
pub use segments::{MailingTally, Segment, SegmentContact, SegmentQuery};
pub use stages::{Stage, StageOutcome};
pub use tasks::{NewTask, Task};
pub use webhook_updates::UpdateClaim;
pub use words::{WordIndex, WordRange};
