//! Client feedback: a client's rating of a survey (once per survey), their optional comment,
//! both on the contact's timeline; the team's survey settings; the figures of the report.

use super::database::Store;
use super::history::insert_history;
use super::jobs::JobKind;
use crate::domain::{HistoryKind, Lang, Rating, Survey};
use sqlx::Row;

/// Whether and when a team's surveys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveySettings {
    pub after_win: bool,
    /// The local hour, the day after a win.
    pub win_hour: u32,
    pub after_appointment: bool,
    /// Hours after an appointment's time.
    pub appointment_hours: i64,
}

impl Default for SurveySettings {
    fn default() -> Self {
        Self {
            after_win: true,
            win_hour: 12,
            after_appointment: true,
            appointment_hours: 2,
        }
    }
}

/// A survey planned and not sent yet, with what its time follows: the appointment's time or
/// the deal's win, and the client's own zone.
#[derive(Debug, Clone)]
pub struct PlannedSurvey {
    pub job_id: i64,
    pub after: i64,
    pub time_zone: Option<String>,
}

/// The column of a team's own question of `survey` in `lang`.
fn survey_text_column(survey: Survey, lang: Lang) -> &'static str {
    match (survey, lang) {
        (Survey::Win, Lang::En) => "survey_win_text_en",
        (Survey::Win, Lang::Ru) => "survey_win_text_ru",
        (Survey::Appointment, Lang::En) => "survey_appointment_text_en",
        (Survey::Appointment, Lang::Ru) => "survey_appointment_text_ru",
    }
}

async fn write_survey_settings(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    team_id: i64,
    settings: &SurveySettings,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE teams SET survey_after_win = $1, survey_win_hour = $2, \
         survey_after_appointment = $3, survey_appointment_hours = $4 WHERE id = $5",
    )
    .bind(i64::from(settings.after_win))
    .bind(i64::from(settings.win_hour))
    .bind(i64::from(settings.after_appointment))
    .bind(settings.appointment_hours)
    .bind(team_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A client's rating, to store.
#[derive(Debug, Clone)]
pub struct NewRating {
    pub team_id: i64,
    pub contact_id: i64,
    pub manager_id: i64,
    pub survey: Survey,
    pub subject_id: i64,
    pub client_chat_id: i64,
    pub rating: Rating,
}

/// A rating whose comment the client may still write.
#[derive(Debug, Clone)]
pub struct OpenFeedback {
    pub id: i64,
    pub contact_id: i64,
    pub manager_id: i64,
    pub rating: i64,
}

/// One manager's feedback over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackFigures {
    pub manager_id: i64,
    pub manager_name: String,
    pub answers: i64,
    pub rating_sum: i64,
    pub fives: i64,
    pub lows: i64,
}

fn survey_job_kind(survey: Survey) -> JobKind {
    match survey {
        Survey::Win => JobKind::SurveyAfterWin,
        Survey::Appointment => JobKind::SurveyAfterAppointment,
    }
}

/// The dedup key of a survey's job: one survey per deal or appointment.
pub fn survey_job_key(survey: Survey, subject_id: i64) -> String {
    format!("{}:{subject_id}", survey_job_kind(survey).as_str())
}

impl Store {
    pub async fn survey_settings(&self, team_id: i64) -> sqlx::Result<SurveySettings> {
        let row = sqlx::query(
            "SELECT survey_after_win, survey_win_hour, survey_after_appointment, \
             survey_appointment_hours FROM teams WHERE id = $1",
        )
        .bind(team_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(SurveySettings::default());
        };
        Ok(SurveySettings {
            after_win: row.try_get::<i64, _>("survey_after_win")? != 0,
            win_hour: u32::try_from(row.try_get::<i64, _>("survey_win_hour")?).unwrap_or(12),
            after_appointment: row.try_get::<i64, _>("survey_after_appointment")? != 0,
            appointment_hours: row.try_get("survey_appointment_hours")?,
        })
    }

    pub async fn set_survey_settings(
        &self,
        team_id: i64,
        settings: &SurveySettings,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        write_survey_settings(&mut tx, team_id, settings).await?;
        tx.commit().await
    }

    /// Stores new survey settings and, in the same transaction, moves each `survey` planned
    /// and not sent yet to the instant `due` gives it (`None` leaves it where it is).
    pub async fn set_survey_time(
        &self,
        team_id: i64,
        settings: &SurveySettings,
        survey: Survey,
        due: impl Fn(&PlannedSurvey) -> Option<i64>,
    ) -> sqlx::Result<()> {
        let mut tx = self.begin().await?;
        write_survey_settings(&mut tx, team_id, settings).await?;
        // A deal reopened meanwhile has no win: its survey is skipped when due.
        let sql = match survey {
            Survey::Win => {
                "SELECT j.id, d.closed_at AS after_at, c.time_zone FROM jobs j \
                 JOIN deals d ON d.id = j.deal_id JOIN contacts c ON c.id = j.contact_id \
                 WHERE j.team_id = $1 AND j.kind = $2 AND j.status = 'pending' \
                 AND d.closed_at IS NOT NULL"
            }
            Survey::Appointment => {
                "SELECT j.id, a.at AS after_at, c.time_zone FROM jobs j \
                 JOIN appointments a ON a.id = j.appointment_id \
                 JOIN contacts c ON c.id = j.contact_id \
                 WHERE j.team_id = $1 AND j.kind = $2 AND j.status = 'pending'"
            }
        };
        let rows = sqlx::query(sql)
            .bind(team_id)
            .bind(survey_job_kind(survey).as_str())
            .fetch_all(&mut *tx)
            .await?;
        for row in &rows {
            let planned = PlannedSurvey {
                job_id: row.try_get("id")?,
                after: row.try_get("after_at")?,
                time_zone: row.try_get("time_zone")?,
            };
            if let Some(due_at) = due(&planned) {
                sqlx::query("UPDATE jobs SET due_at = $1 WHERE id = $2 AND status = 'pending'")
                    .bind(due_at)
                    .bind(planned.job_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await
    }

    /// The team's own question of `survey` in `lang`; `None`: the locale's default.
    pub async fn survey_text(
        &self,
        team_id: i64,
        survey: Survey,
        lang: Lang,
    ) -> sqlx::Result<Option<String>> {
        let column = survey_text_column(survey, lang);
        // The column comes from a closed set, never from input.
        let sql = format!("SELECT {column} AS text FROM teams WHERE id = $1");
        Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(team_id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get::<Option<String>, _>("text"))
            .transpose()?
            .flatten())
    }

    /// Sets the team's own question of `survey` in `lang`; `None` brings the default back.
    pub async fn set_survey_text(
        &self,
        team_id: i64,
        survey: Survey,
        lang: Lang,
        text: Option<&str>,
    ) -> sqlx::Result<()> {
        let column = survey_text_column(survey, lang);
        let sql = format!("UPDATE teams SET {column} = $1 WHERE id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(text)
            .bind(team_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Whether the survey went to the client: only a survey sent can be answered.
    pub async fn survey_sent(&self, survey: Survey, subject_id: i64) -> sqlx::Result<bool> {
        Ok(
            sqlx::query("SELECT 1 AS one FROM jobs WHERE dedup_key = $1 AND status = 'sent'")
                .bind(survey_job_key(survey, subject_id))
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }

    /// Whether the survey was answered already.
    pub async fn survey_answered(&self, survey: Survey, subject_id: i64) -> sqlx::Result<bool> {
        Ok(
            sqlx::query("SELECT 1 AS one FROM feedback WHERE survey = $1 AND subject_id = $2")
                .bind(survey.as_str())
                .bind(subject_id)
                .fetch_optional(&self.pool)
                .await?
                .is_some(),
        )
    }

    /// Stores a rating with its timeline entry and opens its comment (closing any other this
    /// chat left open); `false` when the survey was answered already.
    pub async fn record_rating(&self, rating: &NewRating, now: i64) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO feedback (team_id, contact_id, manager_id, survey, subject_id, \
             client_chat_id, rating, comment_open, answered_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(rating.team_id)
        .bind(rating.contact_id)
        .bind(rating.manager_id)
        .bind(rating.survey.as_str())
        .bind(rating.subject_id)
        .bind(rating.client_chat_id)
        .bind(i64::from(rating.rating.value()))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = inserted else {
            return Ok(false);
        };
        let id: i64 = row.try_get("id")?;
        // One open comment a chat: the client's next message comments on the latest rating.
        sqlx::query(
            "UPDATE feedback SET comment_open = CASE WHEN id = $1 THEN 1 ELSE 0 END \
             WHERE client_chat_id = $2 AND (comment_open = 1 OR id = $1)",
        )
        .bind(id)
        .bind(rating.client_chat_id)
        .execute(&mut *tx)
        .await?;
        let value = rating.rating.value().to_string();
        insert_history(
            &mut tx,
            rating.contact_id,
            rating.manager_id,
            HistoryKind::FeedbackRating,
            Some(&value),
            Some(rating.survey.as_str()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The rating this chat may still comment on: one given after `since`.
    pub async fn open_feedback(
        &self,
        chat_id: i64,
        since: i64,
    ) -> sqlx::Result<Option<OpenFeedback>> {
        sqlx::query(
            "SELECT id, contact_id, manager_id, rating FROM feedback \
             WHERE client_chat_id = $1 AND comment_open = 1 AND answered_at > $2",
        )
        .bind(chat_id)
        .bind(since)
        .fetch_optional(&self.pool)
        .await?
        .map(|row| {
            Ok(OpenFeedback {
                id: row.try_get("id")?,
                contact_id: row.try_get("contact_id")?,
                manager_id: row.try_get("manager_id")?,
                rating: row.try_get("rating")?,
            })
        })
        .transpose()
    }

    /// Stores the client's comment on a rating, with its timeline entry; `false` when the
    /// comment was closed meanwhile.
    pub async fn record_feedback_comment(
        &self,
        feedback: &OpenFeedback,
        comment: &str,
        now: i64,
    ) -> sqlx::Result<bool> {
        let mut tx = self.begin().await?;
        let saved = sqlx::query(
            "UPDATE feedback SET comment = $1, comment_open = 0 \
             WHERE id = $2 AND comment_open = 1",
        )
        .bind(comment)
        .bind(feedback.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if saved == 0 {
            return Ok(false);
        }
        insert_history(
            &mut tx,
            feedback.contact_id,
            feedback.manager_id,
            HistoryKind::FeedbackComment,
            None,
            Some(comment),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Each manager's feedback answered in `[from, to)`, by manager name.
    pub async fn feedback_figures(
        &self,
        team_id: i64,
        from: i64,
        to: i64,
    ) -> sqlx::Result<Vec<FeedbackFigures>> {
        sqlx::query(
            "SELECT f.manager_id, COALESCE(m.display_name, '') AS manager_name, \
             COUNT(*) AS answers, CAST(SUM(f.rating) AS BIGINT) AS rating_sum, \
             CAST(SUM(CASE WHEN f.rating = 5 THEN 1 ELSE 0 END) AS BIGINT) AS fives, \
             CAST(SUM(CASE WHEN f.rating <= 3 THEN 1 ELSE 0 END) AS BIGINT) AS lows \
             FROM feedback f LEFT JOIN members m ON m.user_id = f.manager_id \
             WHERE f.team_id = $1 AND f.answered_at >= $2 AND f.answered_at < $3 \
             GROUP BY f.manager_id, m.display_name ORDER BY m.display_name, f.manager_id",
        )
        .bind(team_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(FeedbackFigures {
                manager_id: row.try_get("manager_id")?,
                manager_name: row.try_get("manager_name")?,
                answers: row.try_get("answers")?,
                rating_sum: row.try_get("rating_sum")?,
                fives: row.try_get("fives")?,
                lows: row.try_get("lows")?,
            })
        })
        .collect()
    }
}
