-- A team's own question of each feedback survey in each language; NULL: the locale's default.
-- It is read when a survey is sent, so a change reaches surveys planned already.
ALTER TABLE teams ADD COLUMN survey_win_text_en TEXT;
ALTER TABLE teams ADD COLUMN survey_win_text_ru TEXT;
ALTER TABLE teams ADD COLUMN survey_appointment_text_en TEXT;
ALTER TABLE teams ADD COLUMN survey_appointment_text_ru TEXT;
