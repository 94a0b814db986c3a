//! A client's answer to a feedback survey: a rating (once per survey, only by the client it
//! went to), then an optional comment, their next message. Both land on the contact's
//! timeline; a rating of 3 or less alerts the responsible manager, the leads and the owner at
//! once, and its comment follows them when the client writes it.
//!
//! ```text
//! client: [⭐2]
//! bot → client:  Thank you! If you like, write what we could do better.
//! bot → manager: ⚠️ Ivan Petrov rated the appointment ⭐2.       [📞 Log call] [👤 Contact]
//! client: The manager was late.
//! bot → manager: 💬 Ivan Petrov about the ⭐2: The manager was late.
//! ```

use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::keyboard::{Button, Keyboard};
use crate::chat::route::buttons::Action;
use crate::chat::turn::Turn;
use crate::chat::view::now;
use crate::domain::{Lang, Rating, Role, Survey};
use crate::i18n::{arg, tr, tr_args};
use crate::store::{NewRating, OpenFeedback};

/// A comment is kept to this length.
const COMMENT_MAX_CHARS: usize = 1000;

impl Core {
    /// A client's ⭐ on a survey.
    pub(in crate::chat) async fn rate_survey(
        &self,
        turn: &mut Turn<'_>,
        survey: Survey,
        subject_id: i64,
        value: u32,
    ) -> anyhow::Result<()> {
        let subject = match survey {
            Survey::Win => self
                .store
                .deal(subject_id)
                .await?
                .and_then(|deal| Some((deal.contact?.0, deal.owner_id))),
            Survey::Appointment => self
                .store
                .appointment(subject_id)
                .await?
                .map(|appointment| (appointment.contact_id, appointment.owner_id)),
        };
        let client = match subject {
            Some((contact_id, _)) => self.store.linked_client(contact_id).await?,
            None => None,
        };
        let (Some(rating), Some((contact_id, manager_id)), Some(client)) =
            (Rating::new(value), subject, client)
        else {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        };
        // Only the client the survey went to may answer it.
        if client.chat_id != turn.chat_id() || !self.store.survey_sent(survey, subject_id).await? {
            let text = turn.tr("button-expired");
            turn.notice(text);
            return Ok(());
        }
        let answer = NewRating {
            team_id: client.team_id,
            contact_id,
            manager_id,
            survey,
            subject_id,
            client_chat_id: client.chat_id,
            rating,
        };
        if !self.store.record_rating(&answer, now()).await? {
            let text = turn.tr("survey-answered");
            turn.notice(text);
            return Ok(());
        }
        let text = tr_args(
            turn.lang,
            "survey-thanks",
            &[("rating", arg(i64::from(rating.value())))],
        );
        turn.show(text, Keyboard::none());
        if rating.is_low() {
            let survey_key = format!("survey-name-{}", survey.as_str());
            self.alert_team(turn, client.team_id, manager_id, contact_id, |lang| {
                tr_args(
                    lang,
                    "survey-low-alert",
                    &[
                        ("name", arg(client.name.clone())),
                        ("rating", arg(i64::from(rating.value()))),
                        ("survey", arg(tr(lang, &survey_key))),
                    ],
                )
            })
            .await?;
        }
        Ok(())
    }

    /// A client's text while a rating's comment is open: stored as the comment.
    pub(in crate::chat) async fn survey_comment(
        &self,
        turn: &mut Turn<'_>,
        feedback: &OpenFeedback,
        text: &str,
    ) -> anyhow::Result<()> {
        let comment: String = text.trim().chars().take(COMMENT_MAX_CHARS).collect();
        if comment.is_empty()
            || !self
                .store
                .record_feedback_comment(feedback, &comment, now())
                .await?
        {
            return Ok(());
        }
        let thanks = turn.tr("survey-comment-thanks");
        turn.send(thanks, Keyboard::none());
        if feedback.rating <= 3
            && let Some(contact) = self.store.contact(feedback.contact_id).await?
        {
            self.alert_team(
                turn,
                contact.team_id,
                feedback.manager_id,
                contact.id,
                |lang| {
                    tr_args(
                        lang,
                        "survey-low-comment",
                        &[
                            ("name", arg(contact.name.clone())),
                            ("rating", arg(feedback.rating)),
                            ("comment", arg(comment.clone())),
                        ],
                    )
                },
            )
            .await?;
        }
        Ok(())
    }

    /// A low rating's alert to the responsible manager, the leads and the owner, each in their
    /// language, with 📞 to call the client back.
    async fn alert_team(
        &self,
        turn: &mut Turn<'_>,
        team_id: i64,
        manager_id: i64,
        contact_id: i64,
        text: impl Fn(Lang) -> String,
    ) -> anyhow::Result<()> {
        let members = self.store.team_members(team_id).await?;
        for member in members.iter().filter(|m| !m.removed).map(|m| &m.member) {
            if member.user_id != manager_id && member.role == Role::Manager {
                continue;
            }
            let lang = member.language.unwrap_or(Lang::En);
            turn.out.push(Outgoing::Send {
                chat_id: member.user_id,
                text: text(lang),
                keyboard: Keyboard::none().row(vec![
                    Button::new(tr(lang, "button-log-call"), Action::LogCall(contact_id)),
                    Button::new(
                        tr(lang, "button-open-contact"),
                        Action::OpenCard(contact_id),
                    ),
                ]),
            });
        }
        Ok(())
    }
}
