//! Columns: what each column of a file holds, guessed from its header in Russian or English.

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The whole name.
    Name,
    FirstName,
    /// Отчество. Combined as "first middle last".
    MiddleName,
    LastName,
    /// One or more numbers, separated by `,` or `;`. Several columns may be phones.
    Phone,
    /// One or more addresses. Several columns may be emails.
    Email,
    Company,
    /// Tags separated by commas, `;` or spaces. Several columns may be tags.
    Tags,
    Birthday,
    Region,
    /// The contact type as written (a label such as "Опт"); the caller maps it.
    Kind,
    /// Several notes columns are joined with line breaks.
    Notes,
    Telegram,
    Skip,
}

impl Target {
    pub const ALL: [Target; 14] = [
        Target::Name,
        Target::FirstName,
        Target::MiddleName,
        Target::LastName,
        Target::Phone,
        Target::Email,
        Target::Company,
        Target::Tags,
        Target::Birthday,
        Target::Region,
        Target::Kind,
        Target::Notes,
        Target::Telegram,
        Target::Skip,
    ];

    /// A short ASCII code for callback data.
    pub fn code(self) -> &'static str {
        match self {
            Target::Name => "n",
            Target::FirstName => "fn",
            Target::MiddleName => "mn",
            Target::LastName => "ln",
            Target::Phone => "p",
            Target::Email => "e",
            Target::Company => "c",
            Target::Tags => "t",
            Target::Birthday => "b",
            Target::Region => "r",
            Target::Kind => "k",
            Target::Notes => "no",
            Target::Telegram => "tg",
            Target::Skip => "x",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Target::ALL.into_iter().find(|target| target.code() == code)
    }

    /// The locale key of the target's label, e.g. "import-target-phone".
    pub fn locale_key(self) -> &'static str {
        match self {
            Target::Name => "import-target-name",
            Target::FirstName => "import-target-first-name",
            Target::MiddleName => "import-target-middle-name",
            Target::LastName => "import-target-last-name",
            Target::Phone => "import-target-phone",
            Target::Email => "import-target-email",
            Target::Company => "import-target-company",
            Target::Tags => "import-target-tags",
            Target::Birthday => "import-target-birthday",
            Target::Region => "import-target-region",
            Target::Kind => "import-target-kind",
            Target::Notes => "import-target-notes",
            Target::Telegram => "import-target-telegram",
            Target::Skip => "import-target-skip",
        }
    }

    /// Whether several columns may have this target and all are read.
    pub fn repeatable(self) -> bool {
        matches!(
            self,
            Target::Phone | Target::Email | Target::Tags | Target::Notes | Target::Skip
        )
    }
}

/// Headers that are exactly one of these phrases (after [`normalize_header`]) have the target.
const HEADER_PHRASES: &[(Target, &[&str])] = &[
    (
        Target::Name,
        &[
            "фио",
            "ф и о",
            "имя фамилия",
            "фамилия имя",
            "фамилия имя отчество",
            "имя и фамилия",
            "фамилия и имя",
            "полное имя",
            "контакт",
            "контактное лицо",
            "клиент",
            "имя клиента",
            "имя контакта",
            "name",
            "full name",
            "fullname",
            "display name",
            "contact",
            "contact name",
            "client",
            "customer",
            "client name",
            "customer name",
        ],
    ),
    (
        Target::FirstName,
        &["имя", "first name", "firstname", "given name"],
    ),
    (
        Target::MiddleName,
        &[
            "отчество",
            "middle name",
            "middlename",
            "additional name",
            "patronymic",
        ],
    ),
    (
        Target::LastName,
        &["фамилия", "last name", "lastname", "surname", "family name"],
    ),
    (
        Target::Birthday,
        &[
            "день рождения",
            "дата рождения",
            "др",
            "birthday",
            "date of birth",
            "birth date",
            "birthdate",
            "dob",
            "bday",
        ],
    ),
];

/// Headers with a word starting with one of these prefixes have the target, checked in this
/// order. Prefixes cover Russian endings: "Телефоны", "Название компании".
const HEADER_WORD_PREFIXES: &[(Target, &[&str])] = &[
    (Target::Telegram, &["telegram", "телеграм", "телеграмм"]),
    (
        Target::Phone,
        &[
            "телефон",
            "phone",
            "mobile",
            "мобильн",
            "сотов",
            "telephone",
        ],
    ),
    (Target::Email, &["email", "емейл", "имейл", "емайл", "мейл"]),
    (
        Target::Company,
        &[
            "компани",
            "организаци",
            "company",
            "organization",
            "organisation",
            "фирм",
            "контрагент",
        ],
    ),
    (Target::Tags, &["тег", "метк", "tags"]),
    (
        Target::Region,
        &["регион", "город", "region", "city", "област"],
    ),
    (
        Target::Notes,
        &[
            "примечан",
            "комментар",
            "замет",
            "notes",
            "comment",
            "описани",
            "description",
        ],
    ),
    (Target::Kind, &["тип", "type", "kind"]),
];

/// Headers with one of these whole words have the target (too short for prefixes).
const HEADER_WORDS: &[(Target, &[&str])] = &[
    (Target::Name, &["фио"]),
    (Target::Telegram, &["tg", "тг"]),
    (Target::Phone, &["тел", "моб", "tel", "cell"]),
    // Not a prefix: "Почтовый индекс" is a postal code.
    (Target::Email, &["mail", "почта", "почты"]),
    (Target::Tags, &["tag"]),
    (Target::Notes, &["note"]),
];

/// Words that make a column a description of another one, e.g. Google's "Phone 1 - Type" next
/// to "Phone 1 - Value": such a column is skipped.
const HEADER_SKIP_WORDS: &[&str] = &["type", "label", "labels", "display", "тип"];

/// The target of each column, guessed from its header in Russian or English, ignoring case,
/// punctuation and spacing; [`Target::Skip`] for unknown headers. Targets that are not
/// [`Target::repeatable`] go to the first column that matches; later ones are skipped.
pub fn guess_mapping(headers: &[String]) -> Vec<Target> {
    let mut mapping: Vec<Target> = Vec::with_capacity(headers.len());
    for header in headers {
        let target = guess_target(header);
        let taken = !target.repeatable() && mapping.contains(&target);
        mapping.push(if taken { Target::Skip } else { target });
    }
    mapping
}

fn guess_target(header: &str) -> Target {
    let header = normalize_header(header);
    if header.is_empty() {
        return Target::Skip;
    }
    if let Some((target, _)) = HEADER_PHRASES
        .iter()
        .find(|(_, phrases)| phrases.contains(&header.as_str()))
    {
        return *target;
    }
    // "e-mail" normalises to "e mail".
    let joined = header.replace("e mail", "email");
    let words: Vec<&str> = joined.split(' ').collect();
    let found = HEADER_WORD_PREFIXES
        .iter()
        .find(|(_, prefixes)| {
            words
                .iter()
                .any(|word| prefixes.iter().any(|prefix| word.starts_with(prefix)))
        })
        .or_else(|| {
            HEADER_WORDS
                .iter()
                .find(|(_, list)| words.iter().any(|word| list.contains(word)))
        })
        .map(|(target, _)| *target);
    match found {
        Some(Target::Kind) => Target::Kind,
        Some(_) if words.iter().any(|word| HEADER_SKIP_WORDS.contains(word)) => Target::Skip,
        Some(target) => target,
        None => Target::Skip,
    }
}

/// Lower case, "ё" as "е", every run of non-alphanumeric characters one space, trimmed:
/// " Эл. почта:" is "эл почта", "E-Mail" is "e mail".
fn normalize_header(header: &str) -> String {
    let lower: String = header
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}
