-- Teams, their members, join links, contacts with their phones and emails, the contact
-- timeline and the state of step-by-step forms. Instants are Unix seconds (UTC).

CREATE TABLE teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- The contact types, comma-separated; NULL means the default list.
    contact_kinds TEXT
);

CREATE TABLE members (
    user_id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    language TEXT,
    -- IANA name; NULL shows times in the deployment's zone.
    time_zone TEXT,
    joined_at INTEGER NOT NULL,
    -- A removed member loses access at once; their records stay.
    removed_at INTEGER
);

-- One-time links: a join link for a team, or (team_id NULL) the owner's claim link.
CREATE TABLE invites (
    token TEXT PRIMARY KEY,
    team_id INTEGER REFERENCES teams (id),
    role TEXT NOT NULL,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    used_by INTEGER,
    used_at INTEGER
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    owner_id INTEGER NOT NULL REFERENCES members (user_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    -- The name key's words in alphabetical order: "petrov ivan" and "ivan petrov" share it.
    sorted_key TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    -- Deleting archives: the owner or a lead can restore.
    archived_at INTEGER,
    telegram TEXT,
    -- One of the team's contact types (wholesale, shop, retail… configurable).
    kind TEXT,
    region TEXT,
    priority TEXT,
    birth_day INTEGER,
    birth_month INTEGER,
    birth_year INTEGER,
    time_zone TEXT,
    subscribed INTEGER NOT NULL DEFAULT 0,
    notes TEXT
);
CREATE INDEX contacts_by_team_owner ON contacts (team_id, owner_id);
CREATE INDEX contacts_by_sorted_key ON contacts (team_id, sorted_key);

-- Name words for search: each word of a contact's name key, and the word reversed, so that both
-- a word's beginning and its end can be found with an index range (a typo rarely hits both).
CREATE TABLE contact_words (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    word TEXT NOT NULL,
    reversed TEXT NOT NULL
);
CREATE INDEX contact_words_by_word ON contact_words (word, contact_id);
CREATE INDEX contact_words_by_reversed ON contact_words (reversed, word);
CREATE INDEX contact_words_by_contact ON contact_words (contact_id);

-- Phones in E.164; reversed_digits finds a number by its last digits with an index range.
CREATE TABLE contact_phones (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    phone TEXT NOT NULL,
    reversed_digits TEXT NOT NULL,
    PRIMARY KEY (contact_id, phone)
);
CREATE INDEX contact_phones_by_phone ON contact_phones (phone);
CREATE INDEX contact_phones_by_reversed_digits ON contact_phones (reversed_digits);

CREATE TABLE contact_emails (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    email TEXT NOT NULL,
    PRIMARY KEY (contact_id, email)
);
CREATE INDEX contact_emails_by_email ON contact_emails (email);

-- Counterparties: a company with its requisites, linked to any number of contacts.
CREATE TABLE companies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    owner_id INTEGER NOT NULL REFERENCES members (user_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    inn TEXT,
    kpp TEXT,
    legal_address TEXT,
    actual_address TEXT,
    bank_details TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX companies_by_team_key ON companies (team_id, name_key);

CREATE TABLE company_contacts (
    company_id INTEGER NOT NULL REFERENCES companies (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (company_id, contact_id)
);
CREATE INDEX company_contacts_by_contact ON company_contacts (contact_id);

-- The timeline: an entry belongs to a contact, to a company (its own edits), or both.
CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    contact_id INTEGER REFERENCES contacts (id),
    company_id INTEGER REFERENCES companies (id),
    author_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT,
    -- A call's length in seconds.
    duration INTEGER,
    body TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX history_by_contact ON history (contact_id, created_at);
CREATE INDEX history_by_company ON history (company_id, created_at);

CREATE TABLE conversations (
    user_id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE contact_tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    tag TEXT NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
CREATE INDEX contact_tags_by_tag ON contact_tags (tag);

-- Fields the owner adds to every contact card of the team.
CREATE TABLE custom_fields (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- For a choice: the options, one a line.
    options TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE contact_custom_values (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    field_id INTEGER NOT NULL REFERENCES custom_fields (id),
    value TEXT NOT NULL,
    PRIMARY KEY (contact_id, field_id)
);
