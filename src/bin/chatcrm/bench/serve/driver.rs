//! Driving the loops: closed (each member waits for the reply) and open (steps at a fixed
//! rate), over the fake Bot API.

use super::fake_api::Api;
use super::members::{Session, Step};
use super::tracker::{Event, Figures};
use crate::bench::base::Base;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, mpsc, oneshot};

/// Longest wait for a step's replies before it counts as lost.
const PATIENCE: Duration = Duration::from_secs(10);
/// Quiet time after a step during calibration, to be sure no reply is still coming.
const SETTLE: Duration = Duration::from_millis(300);

pub(super) struct Driver {
    pub(super) api: Arc<Api>,
    pub(super) events: mpsc::UnboundedSender<Event>,
    /// Calls each step label causes, found by calibration.
    pub(super) expected: HashMap<&'static str, usize>,
}

impl Driver {
    pub(super) async fn send(
        &self,
        session: &mut Session,
        step: &Step,
        done: Option<oneshot::Sender<()>>,
    ) {
        let expected = self.expected.get(step.label).copied().unwrap_or(usize::MAX);
        let _ = self.events.send(Event::Sent {
            chat: session.answered_in(step),
            label: step.label,
            expected,
            at: Instant::now(),
            done,
        });
        let updates = session.updates(step);
        self.api.push_all(updates).await;
    }

    /// Each member connects their own Telegram account to the bot (with the right to reply);
    /// returns once the bot has answered every one.
    pub(super) async fn connect(&self, sessions: &[Session]) -> anyhow::Result<()> {
        let mut answers = Vec::new();
        for session in sessions {
            let (done, answered) = oneshot::channel();
            let _ = self.events.send(Event::Sent {
                chat: session.chat,
                label: "connect",
                expected: 1,
                at: Instant::now(),
                done: Some(done),
            });
            self.api.push(session.connect()).await;
            answers.push(answered);
        }
        for answered in answers {
            tokio::time::timeout(PATIENCE, answered)
                .await
                .map_err(|_| anyhow::anyhow!("the bot did not answer a member's connection"))??;
        }
        let figures = self.finish().await;
        anyhow::ensure!(
            figures.unsolicited == 0 && figures.errors == 0,
            "connecting the members' accounts caused unexpected calls"
        );
        Ok(())
    }

    pub(super) async fn finish(&self) -> Figures {
        let (answer, figures) = oneshot::channel();
        let _ = self.events.send(Event::Finish { answer });
        figures.await.unwrap_or_default()
    }

    /// Runs every kind of step once, alone, and counts the calls each causes.
    pub(super) async fn calibrate(
        &mut self,
        session: &mut Session,
        base: &mut Base,
    ) -> anyhow::Result<()> {
        session.plan("all", base);
        let mut seen = Vec::new();
        while let Some(step) = session.queue.pop_front() {
            self.send(session, &step, None).await;
            tokio::time::sleep(SETTLE).await;
            let (answer, calls) = oneshot::channel();
            let _ = self.events.send(Event::Settle {
                chat: session.answered_in(&step),
                answer,
            });
            let calls = calls.await?;
            anyhow::ensure!(
                !calls.is_empty(),
                "the bot did not answer “{}” ({:?})",
                step.label,
                step.says
            );
            if let Some(known) = self.expected.insert(step.label, calls.len()) {
                anyhow::ensure!(
                    known == calls.len(),
                    "“{}” caused {known} calls once and {} another time",
                    step.label,
                    calls.len()
                );
            }
            let last: String = calls
                .last()
                .map_or("", String::as_str)
                .chars()
                .take(60)
                .collect();
            seen.push(format!(
                "{} ({}): {}",
                step.label,
                calls.len(),
                last.replace('\n', " ⏎ ")
            ));
        }
        self.finish().await;
        seen.sort();
        seen.dedup();
        for line in seen {
            println!("    {line}");
        }
        Ok(())
    }

    /// Each session takes steps one after another, each once the previous one was answered,
    /// `steps` steps each or until `until`.
    pub(super) async fn closed_loop(
        self: &Arc<Self>,
        sessions: Vec<Session>,
        base: &Arc<Mutex<Base>>,
        steps: usize,
        until: Instant,
    ) -> (Vec<Session>, Figures) {
        let mut tasks = Vec::new();
        for mut session in sessions {
            let driver = self.clone();
            let base = base.clone();
            tasks.push(tokio::spawn(async move {
                for _ in 0..steps {
                    if Instant::now() >= until {
                        break;
                    }
                    let step = session.next(&mut *base.lock().await);
                    let (done, answered) = oneshot::channel();
                    driver.send(&mut session, &step, Some(done)).await;
                    if tokio::time::timeout(PATIENCE, answered).await.is_err() {
                        let chat = session.answered_in(&step);
                        let _ = driver.events.send(Event::GiveUp { chat });
                    }
                }
                session
            }));
        }
        let mut back = Vec::new();
        for task in tasks {
            if let Ok(session) = task.await {
                back.push(session);
            }
        }
        (back, self.finish().await)
    }

    /// Steps arrive at `rate` a second for `seconds`, whether the bot keeps up or not, taken by
    /// the sessions in turn.
    pub(super) async fn open_loop(
        &self,
        sessions: &mut [Session],
        base: &mut Base,
        rate: u32,
        seconds: u64,
    ) -> Figures {
        let started = tokio::time::Instant::now();
        let total = u64::from(rate) * seconds;
        let gap = Duration::from_secs_f64(1.0 / f64::from(rate));
        let turns = sessions.len();
        for n in 0..total {
            tokio::time::sleep_until(started + gap.mul_f64(n as f64)).await;
            let session = &mut sessions[n as usize % turns];
            let step = session.next(base);
            self.send(session, &step, None).await;
        }
        // Whatever is still queued gets its chance to finish.
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline && !self.api.updates.lock().await.is_empty() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.finish().await
    }
}
