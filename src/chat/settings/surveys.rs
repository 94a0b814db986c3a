//! Feedback surveys in `/settings → 📣 Schedules` (owner and leads): each switched on or off
//! (on by default), the hour of the survey the day after a win and the hours between an
//! appointment and its survey (surveys planned already move with them), and the question of
//! each survey in each language.
//!
//! ```text
//! lead: /settings → 📣 Schedules → ✏️ Question texts → ⭐ After a win · Русский
//! lead: Как вам покупка у {manager}? Оцените от ⭐1 до ⭐5.
//! ```

use crate::chat::ask::ask;
use crate::chat::choices::ScheduleSetting;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::{
    Lang, SURVEY_MANAGER_MARK, SURVEY_TEXT_MAX_CHARS, Survey, parse_survey_delay,
    parse_survey_hour, parse_survey_text,
};
use crate::i18n::{arg, tr, tr_args};
use crate::scheduler::surveys::{save_survey_time, survey_question};
use crate::store::{Member, SurveySettings};

/// A survey's name on the screens of its settings: "⭐ After a win".
fn survey_label(turn: &Turn<'_>, survey: Survey) -> String {
    turn.tr(match survey {
        Survey::Win => "button-survey-win",
        Survey::Appointment => "button-survey-appointment",
    })
}

/// "Feedback surveys: the day after a win at 12:00; 2 h after an appointment".
pub(super) fn surveys_line(turn: &Turn<'_>, settings: &SurveySettings) -> String {
    let win = if settings.after_win {
        tr_args(
            turn.lang,
            "schedules-survey-win",
            &[("hour", arg(format!("{:02}:00", settings.win_hour)))],
        )
    } else {
        turn.tr("schedules-survey-win-off")
    };
    let appointment = if settings.after_appointment {
        tr_args(
            turn.lang,
            "schedules-survey-appointment",
            &[("hours", arg(settings.appointment_hours))],
        )
    } else {
        turn.tr("schedules-survey-appointment-off")
    };
    tr_args(
        turn.lang,
        "schedules-surveys",
        &[("win", arg(win)), ("appointment", arg(appointment))],
    )
}

/// The switches and times of the surveys, under the other schedules.
pub(super) fn survey_buttons(
    turn: &Turn<'_>,
    settings: &SurveySettings,
    keyboard: Keyboard,
) -> Keyboard {
    let switch = |on: bool, key: &str| {
        let mark = if on { "✅" } else { "⛔" };
        format!("{mark} {}", turn.tr(key))
    };
    keyboard
        .row(vec![
            Button::new(
                switch(settings.after_win, "button-survey-win"),
                Action::SurveyToggle(Survey::Win),
            ),
            Button::new(
                switch(settings.after_appointment, "button-survey-appointment"),
                Action::SurveyToggle(Survey::Appointment),
            ),
        ])
        .row(vec![
            Button::new(
                turn.tr("button-survey-hour"),
                Action::ScheduleAsk(ScheduleSetting::SurveyWinHour),
            ),
            Button::new(
                turn.tr("button-survey-delay"),
                Action::ScheduleAsk(ScheduleSetting::SurveyAppointmentHours),
            ),
        ])
        .row(vec![Button::new(
            turn.tr("button-survey-texts"),
            Action::SurveyTexts,
        )])
}

impl Core {
    /// ✅/⛔ on a survey: switched, and the schedules shown again. Surveys planned already
    /// check the switch when they are due.
    pub(in crate::chat) async fn toggle_survey(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        survey: Survey,
    ) -> anyhow::Result<()> {
        let mut settings = self.store.survey_settings(member.team_id).await?;
        match survey {
            Survey::Win => settings.after_win = !settings.after_win,
            Survey::Appointment => settings.after_appointment = !settings.after_appointment,
        }
        self.store
            .set_survey_settings(member.team_id, &settings)
            .await?;
        self.schedules(turn, member).await
    }

    /// The hour of the survey the day after a win; surveys planned already move to it.
    pub(in crate::chat) async fn set_survey_win_hour(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        match parse_survey_hour(text) {
            Ok(hour) => {
                self.change_survey_time(turn, member, Survey::Win, |s| s.win_hour = hour)
                    .await
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }

    /// The hours between an appointment and its survey; surveys planned already move by them.
    pub(in crate::chat) async fn set_survey_appointment_hours(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        match parse_survey_delay(text) {
            Ok(hours) => {
                let set = |s: &mut SurveySettings| s.appointment_hours = hours;
                self.change_survey_time(turn, member, Survey::Appointment, set)
                    .await
            }
            Err(error) => Ok(Outcome::Refuse(error)),
        }
    }

    /// Changes when `survey` goes as `change` says, moving the surveys planned already.
    async fn change_survey_time(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        survey: Survey,
        change: impl FnOnce(&mut SurveySettings),
    ) -> anyhow::Result<Outcome> {
        let mut settings = self.store.survey_settings(member.team_id).await?;
        change(&mut settings);
        save_survey_time(
            &self.store,
            self.config.time_zone,
            member.team_id,
            &settings,
            survey,
        )
        .await?;
        self.schedule_saved(turn, member).await
    }

    /// ✏️ Question texts: each survey's question in each language, the team's own or the
    /// default, and a button to change each.
    pub(in crate::chat) async fn survey_texts(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let mut text = turn.tr("survey-texts-title");
        let mut keyboard = Keyboard::none();
        for survey in Survey::ALL {
            let label = survey_label(turn, survey);
            let mut row = Vec::new();
            for lang in Lang::ALL {
                let own = self.store.survey_text(member.team_id, survey, lang).await?;
                let key = if own.is_some() {
                    "survey-texts-own"
                } else {
                    "survey-texts-default"
                };
                let language = tr(lang, "language-name");
                let heading = tr_args(
                    turn.lang,
                    key,
                    &[
                        ("survey", arg(label.clone())),
                        ("language", arg(language.clone())),
                    ],
                );
                let question = survey_question(own.as_deref(), survey, lang, SURVEY_MANAGER_MARK);
                text.push_str(&format!("\n\n{heading}\n{question}"));
                row.push(Button::new(
                    format!("{label} · {language}"),
                    Action::SurveyTextAsk(survey, lang),
                ));
            }
            keyboard = keyboard.row(row);
        }
        let keyboard = keyboard.row(vec![Button::new(turn.tr("button-back"), Action::Schedules)]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// Asks for the question of `survey` in `lang`.
    pub(in crate::chat) fn ask_survey_text(
        &self,
        turn: &mut Turn<'_>,
        survey: Survey,
        lang: Lang,
    ) -> Outcome {
        let text = tr_args(
            turn.lang,
            "survey-text-ask",
            &[
                ("survey", arg(survey_label(turn, survey))),
                ("language", arg(tr(lang, "language-name"))),
                ("max", arg(SURVEY_TEXT_MAX_CHARS as i64)),
            ],
        );
        ask(turn, text, Conversation::SetSurveyText { survey, lang })
    }

    /// The question of `survey` in `lang`, typed after [`Core::ask_survey_text`]; "-" brings
    /// the default back.
    pub(in crate::chat) async fn set_survey_text(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        survey: Survey,
        lang: Lang,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let question = match parse_survey_text(text) {
            Ok(question) => question,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store
            .set_survey_text(member.team_id, survey, lang, question.as_deref())
            .await?;
        let done = turn.tr("edit-saved");
        turn.send(done, Keyboard::none());
        self.survey_texts(turn, member).await?;
        Ok(Outcome::Done)
    }
}
