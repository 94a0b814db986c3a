//! `/segments`: contacts picked by filters, saved by name and counted; owners and leads send
//! a segment's opted-in, linked clients a mailing (previewed, then confirmed). The mailing goes
//! through the job queue — paced, surviving restarts, never doubled — each message with a
//! working 🔕 Unsubscribe, and ends with a delivery report to its author.
//!
//! ```text
//! lead: /segments → ➕ New segment
//! lead: #vip region:Moscow after:90d
//! bot:  12 contacts, 7 of them reachable clients. Name it to save it.
//! lead: VIP Moscow
//! lead: (✉️ Mailing) New collection in stock! → (📤 Send)
//! bot:  📬 Mailing “VIP Moscow” done: sent 6, blocked the bot 1, not sent 0.
//! ```

use crate::chat::ask::ask;
use crate::chat::context::Core;
use crate::chat::forms::NEW_SEGMENT;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::{Action, ActionKind, pager};
use crate::chat::turn::Turn;
use crate::chat::view::{kind_label, now, stage_label};
use crate::domain::{Lang, SegmentFilter};
use crate::i18n::{arg, tr, tr_args};
use crate::scheduler::JobPlan;
use crate::scheduler::planning::local_instant;
use crate::store::{DueJob, Member, Segment, SegmentContact, SegmentQuery};

const MAILING_MAX_CHARS: usize = 3000;
/// Members listed a page, as buttons opening their cards.
const MEMBERS_PAGE: usize = 10;
/// How often a mailing's report looks again whether all its messages are done.
const REPORT_RECHECK_SECONDS: i64 = 10;

/// Equal ignoring case, in any script.
fn same_text(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Who a mailing can reach: opted in and linked to the bot (and not blocked it).
fn reachable(contact: &SegmentContact) -> bool {
    contact.subscribed && contact.client_chat_id.is_some()
}

/// What a segment's filters pick: contacts, and the clients a mailing reaches among them.
pub(in crate::chat) struct SegmentCount {
    count: usize,
    reachable: usize,
}

impl SegmentCount {
    pub(in crate::chat) fn text(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "segment-counted",
            &[
                ("count", arg(self.count as i64)),
                ("reachable", arg(self.reachable as i64)),
            ],
        )
    }
}

impl Core {
    /// The contacts of a segment the member may see.
    async fn segment_members(
        &self,
        member: &Member,
        filter: &SegmentFilter,
    ) -> anyhow::Result<Vec<SegmentContact>> {
        let zone = self.zone(member);
        let today = crate::clock::now().with_timezone(&zone).date_naive();
        let midnight = |since: crate::domain::Since| local_instant(zone, since.date(today), 0);
        let stage_ids = match &filter.stage {
            Some(name) => Some(
                self.store
                    .stages(member.team_id)
                    .await?
                    .into_iter()
                    .filter(|stage| {
                        Lang::ALL
                            .iter()
                            .any(|lang| same_text(&stage_label(*lang, stage), name))
                    })
                    .map(|stage| stage.id)
                    .collect(),
            ),
            None => None,
        };
        let owner_id = match &filter.manager {
            // A name nobody has selects nobody.
            Some(name) => Some(
                self.store
                    .team_members(member.team_id)
                    .await?
                    .into_iter()
                    .find(|m| same_text(&m.member.display_name, name))
                    .map_or(-1, |m| m.member.user_id),
            ),
            None => None,
        };
        let query = SegmentQuery {
            team_id: member.team_id,
            scope_owner: (!member.role.sees_all_contacts()).then_some(member.user_id),
            tags: filter.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            stage_ids,
            owner_id,
            active_from: filter.active_after.and_then(midnight),
            active_until: filter.active_before.and_then(midnight),
            birth_month: filter.birth_month,
            subscribed_only: filter.subscribed_only,
        };
        let kind_matches = |kind: &Option<String>| match (&filter.kind, kind) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(wanted), Some(kind)) => Lang::ALL
                .iter()
                .any(|lang| same_text(&kind_label(*lang, kind), wanted)),
        };
        let region_matches = |region: &Option<String>| match (&filter.region, region) {
            (None, _) => true,
            (Some(wanted), Some(region)) => same_text(region, wanted),
            (Some(_), None) => false,
        };
        Ok(self
            .store
            .segment_contacts(&query)
            .await?
            .into_iter()
            .filter(|c| kind_matches(&c.kind) && region_matches(&c.region))
            .collect())
    }

    /// `/segments`: the saved segments, and a button for a new one.
    pub(in crate::chat) async fn segments(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let segments = self.store.segments(member.team_id).await?;
        let key = if segments.is_empty() {
            "segments-none"
        } else {
            "segments-title"
        };
        let text = turn.tr(key);
        let mut keyboard = Keyboard::none();
        for segment in &segments {
            keyboard = keyboard.row(vec![Button::new(
                format!("🎯 {}", segment.name),
                Action::Segment(segment.id),
            )]);
        }
        keyboard = keyboard.row(vec![Button::new(
            turn.tr("button-new-segment"),
            Action::NewSegment,
        )]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// ➕ New segment: the form in `dialogs/new_segment.toml` (filters, then a name).
    pub(in crate::chat) fn ask_segment_filter(&self, turn: &mut Turn<'_>) -> Outcome {
        self.start_form(turn, NEW_SEGMENT)
    }

    /// How many contacts `filter` picks for the member, and how many a mailing reaches.
    pub(in crate::chat) async fn segment_count(
        &self,
        member: &Member,
        filter: &SegmentFilter,
    ) -> anyhow::Result<SegmentCount> {
        let contacts = self.segment_members(member, filter).await?;
        Ok(SegmentCount {
            count: contacts.len(),
            reachable: contacts.iter().filter(|c| reachable(c)).count(),
        })
    }

    /// The finished new-segment form: saved, and its card shown.
    pub(in crate::chat) async fn save_segment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        filter: &SegmentFilter,
        name: &str,
    ) -> anyhow::Result<Outcome> {
        let id = self
            .store
            .save_segment(
                member.team_id,
                name,
                &filter.as_text(),
                member.user_id,
                now(),
            )
            .await?;
        self.segment_card(turn, member, id).await?;
        Ok(Outcome::Done)
    }

    /// The segment if it is of the member's team.
    async fn team_segment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Option<Segment>> {
        match self.store.segment(id).await? {
            Some(segment) if segment.team_id == member.team_id => Ok(Some(segment)),
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(None)
            }
        }
    }

    pub(in crate::chat) async fn segment_card(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(segment) = self.team_segment(turn, member, id).await? else {
            return Ok(());
        };
        let filter = SegmentFilter::parse(&segment.filter).unwrap_or_default();
        let contacts = self.segment_members(member, &filter).await?;
        let text = tr_args(
            turn.lang,
            "segment-card",
            &[
                ("name", arg(segment.name.clone())),
                ("filter", arg(segment.filter.clone())),
                ("count", arg(contacts.len() as i64)),
                (
                    "reachable",
                    arg(contacts.iter().filter(|c| reachable(c)).count() as i64),
                ),
            ],
        );
        let mut row = Vec::new();
        if ActionKind::Mailing.allows(member.role) {
            row.push(Button::new(turn.tr("button-mailing"), Action::Mailing(id)));
        }
        row.push(Button::new(
            turn.tr("button-delete"),
            Action::DeleteSegment(id),
        ));
        let keyboard = Keyboard::none()
            .row(vec![Button::new(
                turn.tr("button-segment-members"),
                Action::SegmentMembers(id, 0),
            )])
            .row(row)
            .row(vec![Button::new(turn.tr("button-back"), Action::Segments)]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// 👥 Members: a page of the contacts the segment selects that the member may see, each
    /// opening its card.
    pub(in crate::chat) async fn segment_member_list(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
        page: u32,
    ) -> anyhow::Result<()> {
        let Some(segment) = self.team_segment(turn, member, id).await? else {
            return Ok(());
        };
        let filter = SegmentFilter::parse(&segment.filter).unwrap_or_default();
        let contacts = self.segment_members(member, &filter).await?;
        let pages = contacts.len().max(1).div_ceil(MEMBERS_PAGE);
        let page = (page as usize).min(pages - 1);
        let ids: Vec<i64> = (contacts.iter())
            .skip(page * MEMBERS_PAGE)
            .take(MEMBERS_PAGE)
            .map(|contact| contact.id)
            .collect();
        let text = tr_args(
            turn.lang,
            "segment-members",
            &[
                ("name", arg(segment.name)),
                ("count", arg(contacts.len() as i64)),
                ("page", arg(page as i64 + 1)),
                ("pages", arg(pages as i64)),
            ],
        );
        let nav = pager(page as u32, pages as u32, |to| {
            Action::SegmentMembers(id, to)
        })
        .unwrap_or_default();
        let keyboard = (self.store.contacts_by_ids(&ids).await?.into_iter())
            .fold(Keyboard::none(), |keyboard, hit| {
                keyboard.row(vec![Button::new(hit.name, Action::OpenCard(hit.id))])
            })
            .row(nav)
            .row(vec![Button::new(
                turn.tr("button-back"),
                Action::Segment(id),
            )]);
        turn.show(text, keyboard);
        Ok(())
    }

    pub(in crate::chat) async fn delete_segment(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<()> {
        let Some(segment) = self.team_segment(turn, member, id).await? else {
            return Ok(());
        };
        // Segments are shared by the team; only who saved one, the owner and leads delete it.
        if segment.created_by != member.user_id && !member.role.sees_all_contacts() {
            let text = turn.tr("segment-not-yours");
            turn.notice(text);
            return Ok(());
        }
        self.store.delete_segment(id).await?;
        self.segments(turn, member).await
    }

    pub(in crate::chat) async fn ask_mailing(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        id: i64,
    ) -> anyhow::Result<Outcome> {
        if self.team_segment(turn, member, id).await?.is_none() {
            return Ok(Outcome::Keep);
        }
        let state = Conversation::MailingText { segment_id: id };
        let text = turn.tr("mailing-ask");
        Ok(ask(turn, text, state))
    }

    /// The mailing's text: shown as it will arrive, with how many will get it, to confirm.
    pub(in crate::chat) async fn mailing_preview(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        segment_id: i64,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAILING_MAX_CHARS {
            turn.refuse(&crate::domain::InputError::TextTooLong {
                max: MAILING_MAX_CHARS,
            });
            return Ok(Outcome::Keep);
        }
        let Some(segment) = self.team_segment(turn, member, segment_id).await? else {
            return Ok(Outcome::Keep);
        };
        let filter = SegmentFilter::parse(&segment.filter).unwrap_or_default();
        let contacts = self.segment_members(member, &filter).await?;
        let recipients = contacts.iter().filter(|c| reachable(c)).count();
        if recipients == 0 {
            let text = tr_args(
                turn.lang,
                "mailing-nobody",
                &[("count", arg(contacts.len() as i64))],
            );
            turn.send(text, Keyboard::none());
            return Ok(Outcome::Done);
        }
        let state = Conversation::MailingConfirm {
            segment_id,
            text: text.to_owned(),
        };
        let preview = tr_args(
            turn.lang,
            "mailing-preview",
            &[
                ("text", arg(text.to_owned())),
                ("recipients", arg(recipients as i64)),
                ("count", arg(contacts.len() as i64)),
            ],
        );
        let keyboard = Keyboard::none().row(vec![
            Button::new(turn.tr("button-send"), Action::SendMailing(segment_id)),
            Button::new(turn.tr("button-cancel"), Action::Cancel),
        ]);
        turn.send(preview, keyboard);
        Ok(Outcome::Ask(state))
    }

    /// 📤 Send: one job per recipient (counted again now) and the report, in one transaction.
    pub(in crate::chat) async fn send_mailing(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        segment_id: i64,
    ) -> anyhow::Result<Outcome> {
        let Some(Conversation::MailingConfirm {
            segment_id: pending,
            text,
        }) = self.open_question(turn).await?
        else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        };
        let Some(segment) = self.team_segment(turn, member, segment_id).await? else {
            return Ok(Outcome::Keep);
        };
        if pending != segment_id {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(Outcome::Keep);
        }
        let filter = SegmentFilter::parse(&segment.filter).unwrap_or_default();
        let recipients: Vec<i64> = self
            .segment_members(member, &filter)
            .await?
            .iter()
            .filter(|c| reachable(c))
            .map(|c| c.id)
            .collect();
        self.store
            .create_mailing(
                member.team_id,
                segment_id,
                member.user_id,
                &text,
                &recipients,
                now(),
            )
            .await?;
        let text = tr_args(
            turn.lang,
            "mailing-started",
            &[("recipients", arg(recipients.len() as i64))],
        );
        turn.show(text, Keyboard::none());
        Ok(Outcome::Done)
    }

    /// One client's mailing message, unless they unsubscribed, unlinked or sleep now.
    pub(in crate::chat) async fn mailing_message(
        &self,
        job: &DueJob,
        now: i64,
    ) -> anyhow::Result<JobPlan> {
        let (Some(contact_id), Some(mailing_id)) = (job.contact_id, job.mailing_id) else {
            return Ok(JobPlan::Skip { then: None });
        };
        let client = self.store.linked_client(contact_id).await?;
        let text = self.store.mailing_text(mailing_id).await?;
        let (Some(client), Some(text)) = (client, text) else {
            return Ok(JobPlan::Skip { then: None });
        };
        if !client.subscribed {
            return Ok(JobPlan::Skip { then: None });
        }
        if let Some(until) = crate::scheduler::client_messages::client_hold(
            &self.store,
            self.config.time_zone,
            &client,
            now,
        )
        .await?
        {
            return Ok(JobPlan::Hold(until));
        }
        let lang = Lang::from_telegram(client.language.as_deref());
        let keyboard = Keyboard::none().row(vec![Button::new(
            tr(lang, "button-unsubscribe"),
            Action::Unsubscribe(contact_id),
        )]);
        Ok(JobPlan::Send {
            reply: Outgoing::Send {
                chat_id: client.chat_id,
                text,
                keyboard,
            },
            then: None,
            client: Some(contact_id),
            also: None,
        })
    }

    /// The delivery report, once every message of the mailing is done.
    pub(in crate::chat) async fn mailing_report(
        &self,
        job: &DueJob,
        now: i64,
    ) -> anyhow::Result<JobPlan> {
        let Some(mailing_id) = job.mailing_id else {
            return Ok(JobPlan::Skip { then: None });
        };
        let tally = self.store.mailing_tally(mailing_id).await?;
        if tally.pending > 0 {
            return Ok(JobPlan::Hold(now + REPORT_RECHECK_SECONDS));
        }
        let Some(author) = self.store.member(job.chat_id).await? else {
            return Ok(JobPlan::Skip { then: None });
        };
        let lang = author.language.unwrap_or(Lang::En);
        let text = tr_args(
            lang,
            "mailing-report",
            &[
                ("sent", arg(tally.sent)),
                ("blocked", arg(tally.blocked)),
                ("skipped", arg(tally.skipped)),
            ],
        );
        Ok(JobPlan::Send {
            reply: Outgoing::Send {
                chat_id: author.user_id,
                text,
                keyboard: Keyboard::none(),
            },
            then: None,
            client: None,
            also: None,
        })
    }

    /// A client's 🔕 Unsubscribe: only the client the message went to can press it.
    pub(in crate::chat) async fn unsubscribe(
        &self,
        turn: &mut Turn<'_>,
        contact_id: i64,
    ) -> anyhow::Result<()> {
        let client = self.store.linked_client(contact_id).await?;
        if client.is_none_or(|client| client.chat_id != turn.chat_id()) {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        self.store.unsubscribe(contact_id, now()).await?;
        let text = turn.tr("unsubscribed");
        turn.show(text, Keyboard::none());
        Ok(())
    }
}
