-- Whether the member picked the language in /settings; until then it follows their Telegram app.
ALTER TABLE members ADD COLUMN language_chosen BIGINT NOT NULL DEFAULT 0;
