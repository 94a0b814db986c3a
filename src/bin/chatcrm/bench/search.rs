//! `chatcrm bench search`: `/find` through the conversation core on the benchmark base, as
//! the owner (who sees the whole base) and as managers (who see their own).

use super::base::{self, BaseContact, BaseMember, Sizes};
use super::{open, print_percentile_header, print_percentile_row};
use chatcrm::chat::{Incoming, Input, Outgoing, Sender};
use chatcrm::domain::Role;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

/// The kinds of query a manager types, and how often (out of 100).
const QUERY_KINDS: [(&str, u32); 7] = [
    ("surname", 30),
    ("surname with a typo", 15),
    ("full name", 15),
    ("last phone digits", 15),
    ("email start", 10),
    ("company", 10),
    ("phone as typed", 5),
];

/// A query of kind `kind` (an index into [`QUERY_KINDS`]) for `contact`.
pub(super) fn query_for(rng: &mut StdRng, kind: usize, contact: &BaseContact) -> String {
    let person = &contact.person;
    let phone = person.phones[0].as_str();
    match kind {
        0 => person.surname.clone(),
        1 => with_typo(rng, &person.surname),
        2 => person.name.as_str().to_owned(),
        3 => {
            let digits = rng.random_range(4..=7);
            phone[phone.len() - digits..].to_owned()
        }
        4 => match person.emails.first() {
            Some(email) => email.as_str()[..email.as_str().find('@').unwrap_or(0)].to_owned(),
            None => person.surname.clone(),
        },
        5 => match &contact.company {
            // The distinctive part: "Вектор-Строй" of "ООО Вектор-Строй".
            Some(company) => company.split(' ').nth(1).unwrap_or(company).to_owned(),
            None => person.surname.clone(),
        },
        _ => format!(
            "8 ({}) {}-{}-{}",
            &phone[2..5],
            &phone[5..8],
            &phone[8..10],
            &phone[10..]
        ),
    }
}

pub(super) fn pick_kind(rng: &mut StdRng) -> usize {
    let mut roll = rng.random_range(0..100);
    for (kind, (_, share)) in QUERY_KINDS.iter().enumerate() {
        if roll < *share {
            return kind;
        }
        roll -= share;
    }
    QUERY_KINDS.len() - 1
}

/// Swaps two neighbouring letters in the middle of the word.
fn with_typo(rng: &mut StdRng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() >= 4 {
        let i = rng.random_range(1..chars.len() - 2);
        chars.swap(i, i + 1);
    }
    chars.into_iter().collect()
}

/// A contact `member` may see: their own, or anyone's for the owner and leads.
pub(super) fn visible_contact<'a>(
    rng: &mut StdRng,
    members: &'a [BaseMember],
    member: &'a BaseMember,
) -> Option<&'a BaseContact> {
    match member.role {
        Role::Manager => member.contacts.choose(rng),
        Role::Owner | Role::Lead => members.choose(rng)?.contacts.choose(rng),
    }
}

/// Seeds the benchmark base into a fresh database at `database_url` and times `queries`
/// `/find` requests, half from the owner and half from managers.
pub async fn search(database_url: &str, sizes: &Sizes, queries: usize) -> anyhow::Result<()> {
    let (core, _) = open(database_url).await?;
    let base = base::seed(core.store(), sizes, chatcrm::clock::timestamp()).await?;
    let mut rng = StdRng::seed_from_u64(42);
    let managers: Vec<&BaseMember> = (base.members.iter())
        .filter(|m| m.role == Role::Manager)
        .collect();
    let mut latencies: Vec<Vec<Duration>> = vec![Vec::new(); QUERY_KINDS.len()];
    let mut by_role: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    let mut empty = 0;
    for n in 0..queries {
        let as_owner = n % 2 == 0 || managers.is_empty();
        let member = match as_owner {
            true => &base.members[0],
            false => managers[n / 2 % managers.len()],
        };
        let Some(contact) = visible_contact(&mut rng, &base.members, member) else {
            continue;
        };
        let kind = pick_kind(&mut rng);
        let incoming = Incoming {
            chat_id: member.user_id,
            from: Sender {
                id: member.user_id,
                name: format!("Member {}", member.user_id),
                language_code: Some("en".to_owned()),
            },
            input: Input::Text(format!("/find {}", query_for(&mut rng, kind, contact))),
        };
        let started = Instant::now();
        let replies = core.handle(&incoming).await;
        let took = started.elapsed();
        latencies[kind].push(took);
        by_role[usize::from(!as_owner)].push(took);
        if replies.iter().all(|reply| match reply {
            Outgoing::Send { keyboard, .. } => keyboard.is_empty(),
            _ => true,
        }) {
            empty += 1;
        }
    }
    println!("search benchmark: {queries} /find queries, half as the owner (whole base)");
    base.print_summary(sizes);
    println!("queries with no result: {empty}");
    print_percentile_header("query");
    let mut all: Vec<Duration> = latencies.iter().flatten().copied().collect();
    for (label, mut times) in QUERY_KINDS
        .iter()
        .map(|(label, _)| *label)
        .zip(latencies)
        .chain(std::iter::once(("all", std::mem::take(&mut all))))
    {
        print_percentile_row(label, &mut times);
    }
    let [mut owner, mut manager] = by_role;
    print_percentile_row("as the owner", &mut owner);
    print_percentile_row("as a manager", &mut manager);
    Ok(())
}
