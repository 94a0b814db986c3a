-- Name words of companies, as contact_words are for contacts: a name search looks companies up
-- through this index instead of scoring every company of the team. Filled for the companies
-- already stored when the program starts (Store::index_company_names).
CREATE TABLE company_words (
    company_id BIGINT NOT NULL REFERENCES companies (id),
    word TEXT COLLATE "C" NOT NULL,
    reversed TEXT COLLATE "C" NOT NULL
);
CREATE INDEX company_words_by_word ON company_words (word, company_id);
CREATE INDEX company_words_by_reversed ON company_words (reversed, word);
CREATE INDEX company_words_by_company ON company_words (company_id);
