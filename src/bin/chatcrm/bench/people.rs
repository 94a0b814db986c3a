//! Generated people and companies for the benchmarks: Russian names with patronymics (in
//! either order a base holds them) and English names, one to three phones, up to two emails,
//! and company names, reproducible from a seed.

use chatcrm::domain::{ContactName, Email, Phone, name_key};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

pub(super) const RU_MALE: &[&str] = &[
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
pub(super) const RU_FEMALE: &[&str] = &[
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
pub(super) const RU_SURNAMES: &[&str] = &[
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
pub(super) const EN_FIRST: &[&str] = &[
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
pub(super) const EN_LAST: &[&str] = &[
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
pub(super) const DOMAINS: &[&str] = &[
    "mail.ru",
    "yandex.ru",
    "gmail.com",
    "example.com",
    "company.org",
];

/// Patronymics by father's name, male form; the female form ends in "-на" instead of "-ич".
const PATRONYMICS: &[&str] = &[
    "Александрович",
    "Алексеевич",
    "Андреевич",
    "Антонович",
    "Борисович",
    "Вадимович",
    "Васильевич",
    "Викторович",
    "Владимирович",
    "Дмитриевич",
    "Евгеньевич",
    "Егорович",
    "Иванович",
    "Игоревич",
    "Кириллович",
    "Константинович",
    "Максимович",
    "Михайлович",
    "Николаевич",
    "Олегович",
    "Павлович",
    "Петрович",
    "Романович",
    "Сергеевич",
    "Станиславович",
    "Юрьевич",
];
const LEGAL_FORMS: &[&str] = &["ООО", "АО", "ИП", "ПАО", "LLC", "Ltd"];
const COMPANY_HEADS: &[&str] = &[
    "Альфа",
    "Бета",
    "Вектор",
    "Гранит",
    "Дельта",
    "Енисей",
    "Заря",
    "Исток",
    "Кедр",
    "Лидер",
    "Магистраль",
    "Нева",
    "Омега",
    "Полюс",
    "Ресурс",
    "Сибирь",
    "Техно",
    "Урал",
    "Феникс",
    "Холдинг",
    "Центр",
    "Эталон",
    "Юнион",
    "Ямал",
    "Atlas",
    "Boreal",
    "Cobalt",
    "Dynamo",
    "Everest",
    "Frontier",
    "Global",
    "Horizon",
    "Impulse",
    "Jupiter",
    "Keystone",
    "Lumen",
    "Meridian",
    "Nordic",
    "Orbit",
    "Pioneer",
    "Quantum",
    "Rubicon",
    "Summit",
    "Titan",
    "Unity",
    "Vertex",
    "Westline",
    "Zenith",
    "Аврора",
    "Байкал",
];
const COMPANY_TAILS: &[&str] = &[
    "Строй",
    "Трейд",
    "Логистик",
    "Снаб",
    "Пром",
    "Инвест",
    "Сервис",
    "Маркет",
    "Групп",
    "Систем",
    "Консалт",
    "Энерго",
    "Агро",
    "Мед",
    "Авто",
    "Телеком",
    "Девелопмент",
    "Фуд",
    "Текстиль",
    "Металл",
    "Пласт",
    "Хим",
    "Софт",
    "Дизайн",
    "Медиа",
    "Тур",
    "Фарм",
    "Электро",
    "Климат",
    "Мебель",
    "Supply",
    "Trade",
    "Logistics",
    "Systems",
    "Foods",
    "Motors",
    "Pharma",
    "Energy",
    "Media",
    "Tech",
    "Capital",
    "Partners",
    "Retail",
    "Steel",
    "Design",
    "Solutions",
    "Networks",
    "Industries",
    "Works",
    "Labs",
    "Holding",
    "Print",
    "Glass",
    "Paper",
    "Water",
    "Security",
    "Travel",
    "Estate",
    "Cargo",
    "Dental",
];

/// One generated contact with what a manager would search them by.
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub name: ContactName,
    /// The surname as written in the name (female form for women).
    pub surname: String,
    pub phones: Vec<Phone>,
    pub emails: Vec<Email>,
}

/// The `n`-th generated person: 60 % Russian (surname, first name and patronymic, or the
/// first name first), 40 % English; 1–3 phones (a mobile first), 0–2 emails made unique by `n`.
pub(super) fn person(rng: &mut StdRng, n: usize) -> Person {
    let (full_name, surname) = if rng.random_bool(0.6) {
        let male = rng.random_bool(0.5);
        let base = *RU_SURNAMES.choose(rng).unwrap();
        let patronymic = *PATRONYMICS.choose(rng).unwrap();
        let (first, surname, patronymic) = if male {
            (
                *RU_MALE.choose(rng).unwrap(),
                base.to_owned(),
                patronymic.to_owned(),
            )
        } else {
            let female = format!("{}на", patronymic.trim_end_matches("ич"));
            (*RU_FEMALE.choose(rng).unwrap(), format!("{base}а"), female)
        };
        let full = if rng.random_bool(0.7) {
            format!("{surname} {first} {patronymic}")
        } else {
            format!("{first} {patronymic} {surname}")
        };
        (full, surname)
    } else {
        let last = *EN_LAST.choose(rng).unwrap();
        (
            format!("{} {last}", EN_FIRST.choose(rng).unwrap()),
            last.to_owned(),
        )
    };
    let mut phones = vec![mobile(rng)];
    for _ in 0..rng.random_range(0..=2) {
        phones.push(match rng.random_bool(0.5) {
            true => mobile(rng),
            false => Phone::parse(&format!("+7495{:07}", rng.random_range(0..10_000_000u32)))
                .expect("generated phones are valid"),
        });
    }
    phones.dedup();
    let local = name_key(&full_name).replace(' ', ".");
    let emails = (0..rng.random_range(0..=2))
        .map(|i| {
            let domain = DOMAINS.choose(rng).unwrap();
            Email::parse(&format!("{local}{n}{}@{domain}", ["", ".w"][i]))
                .expect("generated emails are valid")
        })
        .collect();
    Person {
        name: ContactName::parse(&full_name).expect("generated names are valid"),
        surname,
        phones,
        emails,
    }
}

fn mobile(rng: &mut StdRng) -> Phone {
    Phone::parse(&format!("+79{:09}", rng.random_range(0..1_000_000_000u64)))
        .expect("generated phones are valid")
}

/// The `i`-th of up to 3 000 distinct company names ("ООО Вектор-Строй"), then numbered.
pub(super) fn company_name(i: usize) -> String {
    let pairs = COMPANY_HEADS.len() * COMPANY_TAILS.len();
    let head = COMPANY_HEADS[i % COMPANY_HEADS.len()];
    let tail = COMPANY_TAILS[(i / COMPANY_HEADS.len()) % COMPANY_TAILS.len()];
    let form = LEGAL_FORMS[i % LEGAL_FORMS.len()];
    match i / pairs {
        0 => format!("{form} {head}-{tail}"),
        round => format!("{form} {head}-{tail} {round}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn people_are_valid_varied_and_reproducible() {
        let generate = || {
            let mut rng = StdRng::seed_from_u64(7);
            (0..2_000).map(|n| person(&mut rng, n)).collect::<Vec<_>>()
        };
        let people = generate();
        let again = generate();
        assert!(
            people
                .iter()
                .zip(&again)
                .all(|(a, b)| a.name.as_str() == b.name.as_str())
        );
        let with_patronymic = people
            .iter()
            .filter(|p| p.name.as_str().contains("вич") || p.name.as_str().contains("вна"))
            .count();
        assert!((900..1_500).contains(&with_patronymic), "{with_patronymic}");
        assert!(people.iter().all(|p| p.name.as_str().contains(&p.surname)));
        assert!(people.iter().any(|p| p.phones.len() == 3));
        assert!(people.iter().any(|p| p.emails.len() == 2));
        let emails: std::collections::HashSet<&str> = people
            .iter()
            .flat_map(|p| &p.emails)
            .map(Email::as_str)
            .collect();
        assert_eq!(
            emails.len(),
            people.iter().map(|p| p.emails.len()).sum::<usize>()
        );
    }

    #[test]
    fn three_thousand_company_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3_000).map(company_name).collect();
        assert_eq!(names.len(), 3_000);
        assert_eq!(company_name(0), "ООО Альфа-Строй");
    }
}
