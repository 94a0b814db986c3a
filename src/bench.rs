//! `chatcrm bench …`: measures the product's speed targets on a generated base, through the
//! same conversation core the bot uses. Figures go to BENCHMARKS.md by hand, with the command.

use crate::chat::{CoreConfig, Incoming, Input, Outgoing, Sender};
use crate::domain::{ContactName, Email, Phone, name_key};
use crate::store::NewContact;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

const BENCH_OWNER: i64 = 1;

const RU_MALE: &[&str] = &[
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Валерий",
    "Василий",
    "Виктор",
    "Владимир",
    "Дмитрий",
    "Евгений",
    "Егор",
    "Иван",
    "Игорь",
    "Илья",
    "Кирилл",
    "Константин",
    "Максим",
    "Михаил",
    "Никита",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Роман",
    "Сергей",
    "Станислав",
    "Юрий",
];
const RU_FEMALE: &[&str] = &[
    "Александра",
    "Алина",
    "Анастасия",
    "Анна",
    "Валентина",
    "Вера",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Мария",
    "Наталья",
    "Ольга",
    "Полина",
    "Светлана",
    "Татьяна",
    "Юлия",
];
/// Male forms; the female form adds "а" to the names ending in -ов, -ев, -ин.
const RU_SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
    "Матвеев",
    "Титов",
    "Марков",
    "Миронов",
    "Крылов",
    "Куликов",
    "Карпов",
    "Власов",
    "Мельников",
    "Денисов",
    "Гаврилов",
    "Тихонов",
    "Казаков",
    "Афанасьев",
    "Данилов",
    "Савельев",
    "Тимофеев",
    "Фомин",
    "Чернов",
    "Абрамов",
    "Мартынов",
    "Ефимов",
    "Федотов",
    "Щербаков",
    "Назаров",
    "Калинин",
    "Исаев",
    "Чернышёв",
    "Быков",
    "Маслов",
    "Родионов",
    "Коновалов",
    "Лазарев",
    "Воронин",
    "Климов",
    "Филатов",
    "Пономарёв",
    "Голубев",
    "Кудрявцев",
    "Прохоров",
];
const EN_FIRST: &[&str] = &[
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Charles",
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Barbara",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Emily",
    "Olivia",
    "Sophia",
    "Emma",
    "Liam",
    "Noah",
];
const EN_LAST: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
];
const DOMAINS: &[&str] = &[
    "mail.ru",
    "yandex.ru",
    "gmail.com",
    "example.com",
    "company.org",
];

/// What one generated contact can be searched by.
struct Seeded {
    surname: String,
    full_name: String,
    phone: String,
    email: Option<String>,
}

fn generate(rng: &mut StdRng, n: usize) -> (Vec<NewContact>, Vec<Seeded>) {
    let mut contacts = Vec::with_capacity(n);
    let mut seeded = Vec::with_capacity(n);
    while contacts.len() < n {
        let (first, surname) = if rng.random_bool(0.6) {
            let surname = *RU_SURNAMES.choose(rng).unwrap();
            if rng.random_bool(0.5) {
                (*RU_MALE.choose(rng).unwrap(), surname.to_owned())
            } else {
                (*RU_FEMALE.choose(rng).unwrap(), format!("{surname}а"))
            }
        } else {
            (
                *EN_FIRST.choose(rng).unwrap(),
                (*EN_LAST.choose(rng).unwrap()).to_owned(),
            )
        };
        let full_name = format!("{first} {surname}");
        let Ok(phone) = Phone::parse(&format!("+79{:09}", rng.random_range(0..1_000_000_000u64)))
        else {
            continue;
        };
        let email = rng.random_bool(0.6).then(|| {
            let local = name_key(&full_name).replace(' ', ".");
            format!("{local}{}@{}", contacts.len(), DOMAINS.choose(rng).unwrap())
        });
        let emails = match &email {
            Some(email) => vec![Email::parse(email).expect("generated emails are valid")],
            None => Vec::new(),
        };
        seeded.push(Seeded {
            surname,
            full_name: full_name.clone(),
            phone: phone.as_str().to_owned(),
            email,
        });
        contacts.push(NewContact {
            name: ContactName::parse(&full_name).expect("generated names are valid"),
            phones: vec![phone],
            emails,
        });
    }
    (contacts, seeded)
}

/// The kinds of query a manager types, and how often (out of 100).
const QUERY_KINDS: [(&str, u32); 5] = [
    ("surname", 40),
    ("surname with a typo", 20),
    ("full name", 15),
    ("last phone digits", 15),
    ("email start", 10),
];

/// A query of kind `kind` (an index into [`QUERY_KINDS`]) for `contact`.
fn query_for(rng: &mut StdRng, kind: usize, contact: &Seeded) -> String {
    match kind {
        0 => contact.surname.clone(),
        1 => with_typo(rng, &contact.surname),
        2 => contact.full_name.clone(),
        3 => {
            let digits = rng.random_range(4..=7);
            contact.phone[contact.phone.len() - digits..].to_owned()
        }
        _ => match &contact.email {
            Some(email) => email[..email.find('@').unwrap_or(email.len())].to_owned(),
            None => contact.surname.clone(),
        },
    }
}

fn pick_kind(rng: &mut StdRng) -> usize {
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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

/// Seeds `contacts` contacts into a fresh database at `database_url` and times `queries`
/// `/find` requests from the owner (who sees the whole base: the slowest case).
pub async fn search(database_url: &str, contacts: usize, queries: usize) -> anyhow::Result<()> {
    let config = CoreConfig {
        bot_username: "chatcrm_bench_bot".to_owned(),
        time_zone: chrono_tz::UTC,
    };
    let core = crate::app::open(database_url, &[BENCH_OWNER], config).await?;
    let team_id = core
        .store()
        .member(BENCH_OWNER)
        .await?
        .map(|member| member.team_id)
        .ok_or_else(|| anyhow::anyhow!("the bench owner was not created"))?;
    let mut rng = StdRng::seed_from_u64(42);
    let (new_contacts, seeded) = generate(&mut rng, contacts);
    let seeding = Instant::now();
    let now = crate::clock::timestamp();
    for batch in new_contacts.chunks(5000) {
        core.store()
            .create_contacts(team_id, BENCH_OWNER, batch, now)
            .await?;
    }
    let seed_time = seeding.elapsed();

    let sender = Sender {
        id: BENCH_OWNER,
        name: "Bench".to_owned(),
        language_code: Some("en".to_owned()),
    };
    let mut latencies: Vec<Vec<Duration>> = vec![Vec::new(); QUERY_KINDS.len()];
    let mut empty = 0;
    for _ in 0..queries {
        let contact = seeded.choose(&mut rng).unwrap();
        let kind = pick_kind(&mut rng);
        let incoming = Incoming {
            chat_id: BENCH_OWNER,
            from: sender.clone(),
            input: Input::Text(format!("/find {}", query_for(&mut rng, kind, contact))),
        };
        let started = Instant::now();
        let replies = core.handle(&incoming).await;
        latencies[kind].push(started.elapsed());
        if replies.iter().all(|reply| match reply {
            Outgoing::Send { keyboard, .. } => keyboard.is_empty(),
            _ => true,
        }) {
            empty += 1;
        }
    }
    println!("search benchmark: {contacts} contacts, {queries} /find queries (owner: whole base)");
    println!(
        "seeding: {:.1} s; queries with no result: {empty}",
        seed_time.as_secs_f64()
    );
    println!("| query | count | p50 | p95 | p99 | max |");
    println!("|---|---|---|---|---|---|");
    let mut all: Vec<Duration> = latencies.iter().flatten().copied().collect();
    for (label, mut times) in QUERY_KINDS
        .iter()
        .map(|(label, _)| *label)
        .zip(latencies)
        .chain(std::iter::once(("all", std::mem::take(&mut all))))
    {
        if times.is_empty() {
            continue;
        }
        times.sort();
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            times.len(),
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 0.95)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap()),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_contacts_are_valid_and_reproducible() {
        let (first, seeded) = generate(&mut StdRng::seed_from_u64(1), 200);
        let (again, _) = generate(&mut StdRng::seed_from_u64(1), 200);
        assert_eq!(first.len(), 200);
        assert_eq!(
            first.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            again.iter().map(|c| c.name.as_str()).collect::<Vec<_>>()
        );
        assert!(seeded.iter().all(|s| s.phone.starts_with("+79")));
    }

    #[test]
    fn percentiles_pick_the_right_rank() {
        let sorted: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&sorted, 0.50), Duration::from_millis(50));
        assert_eq!(percentile(&sorted, 0.95), Duration::from_millis(95));
        assert_eq!(percentile(&sorted, 0.99), Duration::from_millis(99));
    }
}
