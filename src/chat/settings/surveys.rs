//! Feedback surveys in `/settings → 📣 Schedules` (owner and leads): each switched on or off
//! (on by default), the hour of the survey the day after a win and the hours between an
//! appointment and its survey.

use crate::chat::choices::ScheduleSetting;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::Outcome;
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::{Survey, parse_survey_delay, parse_survey_hour};
use crate::i18n::{arg, tr_args};
use crate::store::{Member, SurveySettings};

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

    /// The hour of the survey the day after a win.
    pub(in crate::chat) async fn set_survey_win_hour(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let hour = match parse_survey_hour(text) {
            Ok(hour) => hour,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        let settings = SurveySettings {
            win_hour: hour,
            ..self.store.survey_settings(member.team_id).await?
        };
        self.store
            .set_survey_settings(member.team_id, &settings)
            .await?;
        self.schedule_saved(turn, member).await
    }

    /// The hours between an appointment and its survey, for appointments booked from now on.
    pub(in crate::chat) async fn set_survey_appointment_hours(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let hours = match parse_survey_delay(text) {
            Ok(hours) => hours,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        let settings = SurveySettings {
            appointment_hours: hours,
            ..self.store.survey_settings(member.team_id).await?
        };
        self.store
            .set_survey_settings(member.team_id, &settings)
            .await?;
        self.schedule_saved(turn, member).await
    }
}
