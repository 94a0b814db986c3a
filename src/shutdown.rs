//! Stopping cleanly on SIGTERM (a deploy, a container stop) or Ctrl+C: every part that takes
//! work (the poller, the webhook listener, the scheduler) watches the same signal, stops taking
//! more and finishes what it has.

use tokio::sync::watch;

#[derive(Clone)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// Set once the process is asked to stop.
    pub fn on_signals() -> Self {
        let (set, watch) = watch::channel(false);
        tokio::spawn(async move {
            stop_requested().await;
            tracing::info!("stopping: finishing the work in flight");
            let _ = set.send(true);
        });
        Self(watch)
    }

    pub fn is_set(&self) -> bool {
        *self.0.borrow()
    }

    /// Waits until the process is asked to stop.
    pub async fn wait(mut self) {
        // An error means the signal task is gone, which only happens once it has fired.
        let _ = self.0.wait_for(|set| *set).await;
    }
}

#[cfg(unix)]
async fn stop_requested() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = terminate.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(error) => {
            tracing::warn!("cannot watch SIGTERM, only Ctrl+C stops cleanly: {error}");
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
async fn stop_requested() {
    let _ = tokio::signal::ctrl_c().await;
}
