//! The base a real team has after a year, seeded for every benchmark but the scheduler's:
//! members (an owner, leads, managers), contacts with patronymics, several phones and emails,
//! companies linked to them, a fifth with the Telegram id they linked, a year of calls and
//! notes, deals across the stages and tasks with their reminders. Contacts come in through the
//! CSV import's store path; the rest in bulk.

use super::people::{Person, company_name, person};
use chatcrm::domain::{ContactRow, Role};
use chatcrm::store::{ImportAction, NewTask, SeedDeal, StageOutcome, Store};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

/// The owner of the benchmark base; leads and managers follow with the next ids.
pub const OWNER: i64 = 1;
const LEADS: usize = 3;
const DAY: i64 = 86_400;
/// Contacts stored per import batch.
const IMPORT_BATCH: usize = 2_000;
/// Every this many contacts (by id) one has a Telegram id the bot knows.
const WITH_TELEGRAM: i64 = 5;
/// The Telegram id of contact `n` is this plus `n`: no member's, nor the bot's.
const CLIENT_TELEGRAM_IDS: i64 = 10_000_000_000;

/// How big the base is.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Sizes {
    /// Contacts, spread evenly over the members.
    #[arg(long, default_value_t = 100_000)]
    pub contacts: usize,
    /// Companies; about 60 % of contacts work at one.
    #[arg(long, default_value_t = 3_000)]
    pub companies: usize,
    /// Deals: 70 % open across the open stages, the rest won or lost.
    #[arg(long, default_value_t = 50_000)]
    pub deals: usize,
    /// Calls and notes on the timelines, besides "created" and "deal opened" entries.
    #[arg(long, default_value_t = 300_000)]
    pub history: usize,
    /// Tasks: a third done, a sixth overdue, the rest due in the next two weeks.
    #[arg(long, default_value_t = 25_000)]
    pub tasks: usize,
    /// Members: one owner, three leads, the rest managers.
    #[arg(long, default_value_t = 20)]
    pub members: usize,
}

/// A seeded contact and what its manager would search it by.
#[derive(Debug, Clone)]
pub(super) struct BaseContact {
    pub(super) id: i64,
    pub(super) person: Person,
    pub(super) company: Option<String>,
    /// The client's Telegram id, when they linked their Telegram: their chats with members
    /// are matched to the contact by it.
    pub(super) telegram_id: Option<i64>,
}

/// A member of the base with what they own.
#[derive(Debug, Clone)]
pub(super) struct BaseMember {
    pub(super) user_id: i64,
    pub(super) role: Role,
    pub(super) contacts: Vec<BaseContact>,
    /// Open deals with the id of their stage.
    pub(super) open_deals: Vec<(i64, i64)>,
}

/// The seeded base.
#[derive(Clone)]
pub(super) struct Base {
    pub(super) members: Vec<BaseMember>,
    /// The open stages, in funnel order.
    pub(super) open_stages: Vec<i64>,
    /// How long each part took to seed.
    pub(super) timings: Vec<(&'static str, Duration)>,
}

impl Base {
    pub(super) fn print_summary(&self, sizes: &Sizes) {
        let parts: Vec<String> = (self.timings.iter())
            .map(|(what, took)| format!("{what} {:.1} s", took.as_secs_f64()))
            .collect();
        println!(
            "base: {} contacts, {} companies, {} deals, {} calls and notes, {} tasks, {} members; \
             seeded in {}",
            sizes.contacts,
            sizes.companies,
            sizes.deals,
            sizes.history,
            sizes.tasks,
            sizes.members,
            parts.join(", ")
        );
    }
}

/// Seeds the base into `store`, whose owner [`OWNER`] exists already, at `now`.
pub(super) async fn seed(store: &Store, sizes: &Sizes, now: i64) -> anyhow::Result<Base> {
    let mut rng = StdRng::seed_from_u64(2026);
    let mut timings = Vec::new();
    let team_id = store
        .member(OWNER)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the benchmark owner was not created"))?
        .team_id;
    let members = sizes.members.max(1);
    let roles: Vec<(i64, Role)> = (0..members)
        .map(|i| match i {
            0 => (OWNER, Role::Owner),
            i if i <= LEADS => (OWNER + i as i64, Role::Lead),
            i => (OWNER + i as i64, Role::Manager),
        })
        .collect();
    let joining: Vec<(i64, Role, String)> = (roles.iter().skip(1))
        .map(|(id, role)| (*id, *role, format!("Member {id}")))
        .collect();
    store.seed_members(team_id, &joining, now).await?;

    let started = Instant::now();
    let mut base_members = Vec::new();
    let mut number = 0;
    for (index, (user_id, role)) in roles.iter().enumerate() {
        let count = sizes.contacts / members + usize::from(index < sizes.contacts % members);
        let people: Vec<Person> = (0..count)
            .map(|_| {
                number += 1;
                person(&mut rng, number)
            })
            .collect();
        let rows: Vec<ContactRow> = (people.iter().enumerate())
            .map(|(line, person)| ContactRow {
                phones: person.phones.clone(),
                emails: person.emails.clone(),
                company: (sizes.companies > 0 && rng.random_bool(0.6))
                    .then(|| company_name(rng.random_range(0..sizes.companies))),
                ..ContactRow::new(line + 2, person.name.clone())
            })
            .collect();
        for batch in rows.chunks(IMPORT_BATCH) {
            let batch: Vec<(ImportAction, &ContactRow, Option<String>)> = batch
                .iter()
                .map(|row| (ImportAction::Create, row, None))
                .collect();
            store
                .import_batch(team_id, *user_id, &batch, "merged", now - 370 * DAY)
                .await?;
        }
        let ids = store.seed_contact_ids(*user_id).await?;
        anyhow::ensure!(
            ids.len() == people.len(),
            "contacts of {user_id} went missing"
        );
        base_members.push(BaseMember {
            user_id: *user_id,
            role: *role,
            contacts: (ids.into_iter().zip(people).zip(rows))
                .map(|((id, person), row)| BaseContact {
                    id,
                    person,
                    company: row.company,
                    telegram_id: (id % WITH_TELEGRAM == 0).then_some(CLIENT_TELEGRAM_IDS + id),
                })
                .collect(),
            open_deals: Vec::new(),
        });
    }
    timings.push(("contacts and companies", started.elapsed()));

    let started = Instant::now();
    store
        .seed_client_chats(team_id, WITH_TELEGRAM, CLIENT_TELEGRAM_IDS)
        .await?;
    timings.push(("Telegram ids", started.elapsed()));

    let started = Instant::now();
    let total = sizes.contacts.max(1);
    store
        .seed_history(team_id, sizes.history.div_ceil(total) as i64, now)
        .await?;
    timings.push(("history", started.elapsed()));

    let started = Instant::now();
    let stages = store.stages(team_id).await?;
    let open_stages: Vec<i64> = (stages.iter())
        .filter(|s| s.outcome == StageOutcome::Open)
        .map(|s| s.id)
        .collect();
    let first_of = |outcome| (stages.iter()).find(|s| s.outcome == outcome).map(|s| s.id);
    let (Some(won), Some(lost)) = (first_of(StageOutcome::Won), first_of(StageOutcome::Lost))
    else {
        anyhow::bail!("the team has no won or lost stage");
    };
    let mut deals = Vec::with_capacity(sizes.deals);
    let mut open_at: Vec<Option<usize>> = Vec::with_capacity(sizes.deals);
    for n in 0..sizes.deals {
        let member = &base_members[n % base_members.len()];
        let Some(contact) = member.contacts.choose(&mut rng) else {
            continue;
        };
        let created_at = now - rng.random_range(DAY..300 * DAY);
        let roll = rng.random_range(0..100);
        let (stage_id, visited, closed_at, open) = match roll {
            70.. => {
                let reached = rng.random_range(1..=open_stages.len());
                let stage = if roll < 90 { won } else { lost };
                let mut visited = open_stages[..reached].to_vec();
                visited.push(stage);
                (stage, visited, Some(created_at + 10 * DAY), None)
            }
            _ => {
                let at = rng.random_range(0..open_stages.len());
                (open_stages[at], open_stages[..=at].to_vec(), None, Some(at))
            }
        };
        deals.push(SeedDeal {
            owner_id: member.user_id,
            contact_id: contact.id,
            title: format!("{} chairs", rng.random_range(2..500)),
            amount_minor: rng.random_range(10_000..5_000_000) * 100,
            stage_id,
            visited,
            closed_at,
            created_at,
        });
        open_at.push(open);
    }
    store.seed_deals(team_id, &deals).await?;
    timings.push(("deals", started.elapsed()));
    // Deals were stored in order, so their ids follow the team's last ones.
    let ids = store.seed_deal_ids(team_id).await?;
    anyhow::ensure!(ids.len() == deals.len(), "deals went missing");
    for ((id, deal), open) in ids.iter().zip(&deals).zip(&open_at) {
        if open.is_some() {
            let member = (base_members.iter_mut())
                .find(|m| m.user_id == deal.owner_id)
                .expect("deals belong to members");
            member.open_deals.push((*id, deal.stage_id));
        }
    }

    let started = Instant::now();
    let texts = [
        "call back",
        "send the price",
        "send the proposal",
        "meeting",
    ];
    let tasks: Vec<NewTask> = (0..sizes.tasks)
        .filter_map(|n| {
            let member = &base_members[n % base_members.len()];
            let contact = member.contacts.choose(&mut rng)?;
            let due_at = match n % 6 {
                0 | 1 => now - rng.random_range(DAY..90 * DAY),
                2 => now - rng.random_range(3_600..5 * DAY),
                // Not before two hours from now, so no reminder fires during a benchmark.
                _ => now + rng.random_range(2 * 3_600..14 * DAY),
            };
            Some(NewTask {
                team_id,
                owner_id: member.user_id,
                contact_id: Some(contact.id),
                deal_id: None,
                text: texts[n % texts.len()],
                due_at,
            })
        })
        .collect();
    // Half of the past tasks are done.
    store.seed_tasks(&tasks, 2, now).await?;
    timings.push(("tasks", started.elapsed()));
    let started = Instant::now();
    store.optimize().await?;
    timings.push(("statistics", started.elapsed()));
    Ok(Base {
        members: base_members,
        open_stages,
        timings,
    })
}
