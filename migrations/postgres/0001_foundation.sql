-- Teams, their members, join links, contacts with their phones and emails, the contact
-- timeline and the state of step-by-step forms. Instants are Unix seconds (UTC).

CREATE TABLE teams (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- The contact types, comma-separated; NULL means the default list.
    contact_kinds TEXT
);

CREATE TABLE members (
    user_id BIGINT PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    language TEXT,
    -- IANA name; NULL shows times in the deployment's zone.
    time_zone TEXT,
    joined_at BIGINT NOT NULL,
    -- A removed member loses access at once; their records stay.
    removed_at BIGINT
);

-- One-time links: a join link for a team, or (team_id NULL) the owner's claim link.
CREATE TABLE invites (
    token TEXT PRIMARY KEY,
    team_id BIGINT REFERENCES teams (id),
    role TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    used_by BIGINT,
    used_at BIGINT
);

CREATE TABLE contacts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    owner_id BIGINT NOT NULL REFERENCES members (user_id),
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    -- The name key's words in alphabetical order: "petrov ivan" and "ivan petrov" share it.
    sorted_key TEXT NOT NULL,
    created_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Deleting archives: the owner or a lead can restore.
    archived_at BIGINT,
    telegram TEXT,
    -- One of the team's contact types (wholesale, shop, retail… configurable).
    kind TEXT,
    region TEXT,
    priority TEXT,
    birth_day BIGINT,
    birth_month BIGINT,
    birth_year BIGINT,
    time_zone TEXT,
    subscribed BIGINT NOT NULL DEFAULT 0,
    notes TEXT
);
CREATE INDEX contacts_by_team_owner ON contacts (team_id, owner_id);
CREATE INDEX contacts_by_sorted_key ON contacts (team_id, sorted_key);

-- Name words for search: each word of a contact's name key, and the word reversed, so that both
-- a word's beginning and its end can be found with an index range (a typo rarely hits both).
CREATE TABLE contact_words (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    word TEXT COLLATE "C" NOT NULL,
    reversed TEXT COLLATE "C" NOT NULL
);
CREATE INDEX contact_words_by_word ON contact_words (word, contact_id);
CREATE INDEX contact_words_by_reversed ON contact_words (reversed, word);
CREATE INDEX contact_words_by_contact ON contact_words (contact_id);

-- Phones in E.164; reversed_digits finds a number by its last digits with an index range.
CREATE TABLE contact_phones (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    phone TEXT COLLATE "C" NOT NULL,
    reversed_digits TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (contact_id, phone)
);
CREATE INDEX contact_phones_by_phone ON contact_phones (phone);
CREATE INDEX contact_phones_by_reversed_digits ON contact_phones (reversed_digits);

CREATE TABLE contact_emails (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    email TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (contact_id, email)
);
CREATE INDEX contact_emails_by_email ON contact_emails (email);

-- Counterparties: a company with its requisites, linked to any number of contacts.
CREATE TABLE companies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    owner_id BIGINT NOT NULL REFERENCES members (user_id),
    name TEXT NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    inn TEXT,
    kpp TEXT,
    legal_address TEXT,
    actual_address TEXT,
    bank_details TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX companies_by_team_key ON companies (team_id, name_key);

CREATE TABLE company_contacts (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (company_id, contact_id)
);
CREATE INDEX company_contacts_by_contact ON company_contacts (contact_id);

-- The timeline: an entry belongs to a contact, to a company (its own edits), or both.
CREATE TABLE history (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contact_id BIGINT REFERENCES contacts (id),
    company_id BIGINT REFERENCES companies (id),
    author_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    outcome TEXT,
    -- A call's length in seconds.
    duration BIGINT,
    body TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX history_by_contact ON history (contact_id, created_at);
CREATE INDEX history_by_company ON history (company_id, created_at);

CREATE TABLE conversations (
    user_id BIGINT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE contact_tags (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    tag TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
CREATE INDEX contact_tags_by_tag ON contact_tags (tag);

-- Fields the owner adds to every contact card of the team.
CREATE TABLE custom_fields (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- For a choice: the options, one a line.
    options TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE contact_custom_values (
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    field_id BIGINT NOT NULL REFERENCES custom_fields (id),
    value TEXT NOT NULL,
    PRIMARY KEY (contact_id, field_id)
);
