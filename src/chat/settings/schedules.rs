//! Team schedules (owner and leads): `/setgroup` in the team's group chat, and in /settings
//! the daily summary's time (presets or a cron expression), the team's time zone, the quiet
//! hours of clients and the days after which a client counts as dormant.
//!
//! ```text
//! lead (in the team's group): /setgroup
//! bot:  📊 The daily summary will be posted here: weekdays at 09:00. Next: 26.11.2026 09:00.
//! owner: /settings → 📣 Schedules → ✍️ Cron expression
//! owner: 30 8 * * 1-5
//! ```

use super::surveys::{survey_buttons, surveys_line};
use crate::chat::ask::ask;
use crate::chat::choices::ScheduleSetting;
use crate::chat::context::Core;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::answers::{Conversation, Outcome};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::domain::{InputError, QuietHours, SummarySchedule, Tag, parse_time_zone};
use crate::i18n::{arg, tr_args};
use crate::scheduler::planning::replan_day_pushes;
use crate::store::{DayPushesOf, DormancyRule, DormancyTarget, Member};

/// Dormancy can be set from a day to ten years.
const DORMANCY_DAYS: std::ops::RangeInclusive<i64> = 1..=3650;

/// Reads the dormancy rules: "30" (the default), "wholesale 60" (a client type), "#vip 14" (a
/// tag), one a line or comma-separated.
pub fn parse_dormancy(text: &str) -> Result<(Option<i64>, Vec<DormancyRule>), InputError> {
    let mut default = None;
    let mut rules = Vec::new();
    for item in text
        .split([',', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        let (target, days) = match item.rsplit_once(char::is_whitespace) {
            Some((target, days)) => (Some(target.trim()), days),
            None => (None, item),
        };
        let days: i64 = days.parse().map_err(|_| InputError::DormancyInvalid)?;
        if !DORMANCY_DAYS.contains(&days) {
            return Err(InputError::DormancyInvalid);
        }
        match target {
            None => default = Some(days),
            Some(tag) if tag.starts_with('#') => rules.push(DormancyRule {
                target: DormancyTarget::Tag,
                value: Tag::parse(tag)?.as_str().to_owned(),
                days,
            }),
            Some(kind) => rules.push(DormancyRule {
                target: DormancyTarget::Kind,
                value: kind.to_owned(),
                days,
            }),
        }
    }
    if default.is_none() && rules.is_empty() {
        return Err(InputError::DormancyInvalid);
    }
    Ok((default, rules))
}

impl Core {
    fn describe_schedule(&self, turn: &Turn<'_>, schedule: &SummarySchedule) -> String {
        match schedule.preset() {
            Some(code) => turn.tr(&format!("summary-preset-{code}")),
            None => format!("cron {}", schedule.as_text()),
        }
    }

    /// `/setgroup`: the daily summary goes to this group from now on.
    pub(in crate::chat) async fn set_group(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let stored = self.store.team_schedule(member.team_id).await?;
        let schedule = stored
            .summary_schedule
            .as_deref()
            .and_then(|text| SummarySchedule::parse(text, crate::clock::now()).ok())
            .unwrap_or_default();
        let chat_id = turn.chat_id();
        let next = crate::scheduler::planning::next_summary_job(
            &self.store,
            self.config.time_zone,
            member.team_id,
            chat_id,
            &schedule,
            crate::clock::timestamp(),
        )
        .await?;
        self.store
            .set_summary(member.team_id, Some(chat_id), None, next.as_ref())
            .await?;
        let text = tr_args(
            turn.lang,
            "setgroup-done",
            &[
                ("schedule", arg(self.describe_schedule(turn, &schedule))),
                (
                    "next",
                    arg(next
                        .map(|job| self.moment(member, job.due_at))
                        .unwrap_or_default()),
                ),
            ],
        );
        turn.send(text, Keyboard::none());
        Ok(())
    }

    /// The 📣 Schedules screen in /settings.
    pub(in crate::chat) async fn schedules(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<()> {
        let stored = self.store.team_schedule(member.team_id).await?;
        let schedule = stored
            .summary_schedule
            .as_deref()
            .and_then(|text| SummarySchedule::parse(text, crate::clock::now()).ok())
            .unwrap_or_default();
        let quiet = stored
            .quiet_hours
            .as_deref()
            .and_then(|text| QuietHours::parse(text).ok())
            .unwrap_or_default();
        let zone = stored.time_zone.unwrap_or(self.config.time_zone);
        let rules = self.store.dormancy_rules(member.team_id).await?;
        let rules_text = rules
            .iter()
            .map(|rule| match rule.target {
                DormancyTarget::Tag => format!("#{} {}", rule.value, rule.days),
                DormancyTarget::Kind => format!("{} {}", rule.value, rule.days),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let group_key = if stored.summary_chat_id.is_some() {
            "schedules-group-set"
        } else {
            "schedules-group-unset"
        };
        let text = tr_args(
            turn.lang,
            "schedules-title",
            &[
                ("group", arg(turn.tr(group_key))),
                ("schedule", arg(self.describe_schedule(turn, &schedule))),
                ("zone", arg(zone.name().to_owned())),
                ("quiet", arg(quiet.as_text())),
                ("days", arg(stored.dormancy_days)),
                ("rules", arg(rules_text)),
            ],
        );
        let surveys = self.store.survey_settings(member.team_id).await?;
        let text = format!("{text}\n{}", surveys_line(turn, &surveys));
        let presets: Vec<Button> = SummarySchedule::PRESETS
            .iter()
            .map(|(code, _)| {
                let label = turn.tr(&format!("summary-preset-{code}"));
                let mark = if schedule.preset() == Some(code) {
                    "✅ "
                } else {
                    ""
                };
                Button::new(
                    format!("{mark}{label}"),
                    Action::SummaryPreset((*code).into()),
                )
            })
            .collect();
        let mut keyboard = Keyboard::none();
        for pair in presets.chunks(2) {
            keyboard = keyboard.row(pair.to_vec());
        }
        keyboard = keyboard
            .row(vec![Button::new(
                turn.tr("button-summary-cron"),
                Action::ScheduleAsk(ScheduleSetting::SummaryCron),
            )])
            .row(vec![
                Button::new(
                    turn.tr("button-team-time-zone"),
                    Action::ScheduleAsk(ScheduleSetting::TeamTimeZone),
                ),
                Button::new(
                    turn.tr("button-quiet-hours"),
                    Action::ScheduleAsk(ScheduleSetting::QuietHours),
                ),
            ])
            .row(vec![Button::new(
                turn.tr("button-dormancy"),
                Action::ScheduleAsk(ScheduleSetting::Dormancy),
            )]);
        let keyboard = survey_buttons(turn, &surveys, keyboard)
            .row(vec![Button::new(turn.tr("button-back"), Action::Settings)]);
        turn.show(text, keyboard);
        Ok(())
    }

    /// A preset or a cron expression: stored, and the planned summary replaced.
    async fn save_summary_schedule(
        &self,
        member: &Member,
        schedule: &SummarySchedule,
    ) -> anyhow::Result<()> {
        let stored = self.store.team_schedule(member.team_id).await?;
        let next = match stored.summary_chat_id {
            Some(chat_id) => {
                crate::scheduler::planning::next_summary_job(
                    &self.store,
                    self.config.time_zone,
                    member.team_id,
                    chat_id,
                    schedule,
                    crate::clock::timestamp(),
                )
                .await?
            }
            None => None,
        };
        self.store
            .set_summary(
                member.team_id,
                None,
                Some(&schedule.as_text()),
                next.as_ref(),
            )
            .await?;
        Ok(())
    }

    pub(in crate::chat) async fn summary_preset(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        code: &str,
    ) -> anyhow::Result<()> {
        // A forged code is refused like a typed one.
        match SummarySchedule::parse(code, crate::clock::now()) {
            Ok(schedule) if schedule.preset().is_some() => {
                self.save_summary_schedule(member, &schedule).await?;
                self.schedules(turn, member).await
            }
            _ => {
                let text = turn.tr("button-expired");
                turn.notice(text);
                Ok(())
            }
        }
    }

    /// Asks for one of the typed schedule settings.
    pub(in crate::chat) async fn schedule_ask(
        &self,
        turn: &mut Turn<'_>,
        what: ScheduleSetting,
    ) -> anyhow::Result<Outcome> {
        let (state, key) = match what {
            ScheduleSetting::SummaryCron => (Conversation::SetSummaryCron, "schedules-cron-ask"),
            ScheduleSetting::TeamTimeZone => {
                (Conversation::SetTeamTimeZone, "settings-time-zone-ask")
            }
            ScheduleSetting::QuietHours => (Conversation::SetQuietHours, "schedules-quiet-ask"),
            ScheduleSetting::Dormancy => (Conversation::SetDormancy, "schedules-dormancy-ask"),
            ScheduleSetting::SurveyWinHour => {
                (Conversation::SetSurveyWinHour, "schedules-survey-hour-ask")
            }
            ScheduleSetting::SurveyAppointmentHours => (
                Conversation::SetSurveyAppointmentHours,
                "schedules-survey-delay-ask",
            ),
        };
        let text = turn.tr(key);
        Ok(ask(turn, text, state))
    }

    /// The summary's cron expression, typed after [`Core::schedule_ask`].
    pub(in crate::chat) async fn set_summary_cron(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let schedule = match SummarySchedule::parse(text.trim(), crate::clock::now()) {
            Ok(schedule) => schedule,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.save_summary_schedule(member, &schedule).await?;
        self.schedule_saved(turn, member).await
    }

    /// The team's time zone; the summary's next time is read in the new zone.
    pub(in crate::chat) async fn set_team_time_zone(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let zone = match parse_time_zone(text) {
            Ok(zone) => zone,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store.set_team_time_zone(member.team_id, zone).await?;
        replan_day_pushes(
            &self.store,
            self.config.time_zone,
            DayPushesOf::TeamClients(member.team_id),
        )
        .await?;
        let stored = self.store.team_schedule(member.team_id).await?;
        let schedule = stored
            .summary_schedule
            .as_deref()
            .and_then(|text| SummarySchedule::parse(text, crate::clock::now()).ok())
            .unwrap_or_default();
        self.save_summary_schedule(member, &schedule).await?;
        self.schedule_saved(turn, member).await
    }

    /// The clients' quiet hours.
    pub(in crate::chat) async fn set_quiet_hours(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let quiet = match QuietHours::parse(text.trim()) {
            Ok(quiet) => quiet,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        self.store
            .set_quiet_hours(member.team_id, &quiet.as_text())
            .await?;
        self.schedule_saved(turn, member).await
    }

    /// The dormancy rules: a default number of days, and rules by type and tag.
    pub(in crate::chat) async fn set_dormancy(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
        text: &str,
    ) -> anyhow::Result<Outcome> {
        let (default, rules) = match parse_dormancy(text.trim()) {
            Ok(parsed) => parsed,
            Err(error) => return Ok(Outcome::Refuse(error)),
        };
        let current = self.store.team_schedule(member.team_id).await?;
        let default = default.unwrap_or(current.dormancy_days);
        self.store
            .set_dormancy(member.team_id, default, &rules)
            .await?;
        self.schedule_saved(turn, member).await
    }

    /// After a typed schedule setting was stored: "Saved." and the schedules again.
    pub(super) async fn schedule_saved(
        &self,
        turn: &mut Turn<'_>,
        member: &Member,
    ) -> anyhow::Result<Outcome> {
        let done = turn.tr("edit-saved");
        turn.send(done, Keyboard::none());
        self.schedules(turn, member).await?;
        Ok(Outcome::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dormancy_rules_read_a_default_types_and_tags() {
        let (default, rules) = parse_dormancy("30, wholesale 60\n#vip 14").unwrap();
        assert_eq!(default, Some(30));
        assert_eq!(
            rules,
            vec![
                DormancyRule {
                    target: DormancyTarget::Kind,
                    value: "wholesale".into(),
                    days: 60
                },
                DormancyRule {
                    target: DormancyTarget::Tag,
                    value: "vip".into(),
                    days: 14
                },
            ]
        );
        assert_eq!(parse_dormancy("45").unwrap(), (Some(45), vec![]));
    }

    #[test]
    fn dormancy_rules_refuse_bad_numbers() {
        for bad in ["", "zero", "0", "-3", "4000", "vip", "#vip many"] {
            assert!(parse_dormancy(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
