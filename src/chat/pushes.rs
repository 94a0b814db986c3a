//! The conversation core's part in scheduled pushes (planned and worded in
//! [`crate::scheduler`]): the configured zone, and the words of the jobs that belong to
//! conversations — a task's reminder, a mailing and its report, the summary's funnel chart.

use crate::chat::choices::Period;
use crate::chat::context::Core;
use crate::chat::io::Outgoing;
use crate::chat::reports::{chart_subtitle, period_line};
use crate::domain::Lang;
use crate::i18n::tr;
use crate::scheduler::{Conversations, JobPlan};
use crate::store::DueJob;
use chrono_tz::Tz;

impl Conversations for Core {
    fn default_zone(&self) -> Tz {
        self.config.time_zone
    }

    async fn task_reminder(&self, job: &DueJob) -> anyhow::Result<Option<Outgoing>> {
        self.reminder(job).await
    }

    async fn mailing_to_client(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        self.mailing_message(job, now).await
    }

    async fn mailing_report_to_author(&self, job: &DueJob, now: i64) -> anyhow::Result<JobPlan> {
        self.mailing_report(job, now).await
    }

    async fn month_funnel_chart(
        &self,
        team_id: i64,
        lang: Lang,
        zone: Tz,
        at: i64,
    ) -> anyhow::Result<Option<Vec<u8>>> {
        let (month_start, month_end) = Period::ThisMonth.bounds(zone, at);
        let subtitle = chart_subtitle(
            &period_line(lang, Period::ThisMonth, zone, at),
            &tr(lang, "funnel-team"),
        );
        let (_, chart) = self
            .funnel_report(team_id, None, month_start, month_end, lang, &subtitle)
            .await?;
        Ok(chart)
    }
}
