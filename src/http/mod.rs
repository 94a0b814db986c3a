//! The HTTP listener (`CHATCRM_LISTEN`): one server for Telegram's webhook, the load
//! balancer's health checks and lead capture (`POST /api/leads`). It runs in webhook mode, and in polling
//! mode whenever a listen address is set.

mod health;
pub mod leads;
mod webhook;

pub use webhook::{Webhook, WebhookSecret};

use crate::chat::Core;
use crate::shutdown::Shutdown;
use anyhow::Context;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio_util::task::TaskTracker;

/// A bound listener, not serving yet: bound first so that Telegram, told of the webhook next,
/// finds it open.
pub struct Server {
    listener: tokio::net::TcpListener,
}

impl Server {
    pub async fn bind(listen: SocketAddr) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}"))?;
        tracing::info!(address = %listener.local_addr()?, "listening on HTTP");
        Ok(Self { listener })
    }

    /// Serves until `shutdown`: then takes no new requests and finishes those in flight,
    /// updates included.
    pub async fn serve(
        self,
        core: Arc<Core>,
        webhook: Option<Webhook>,
        shutdown: Shutdown,
    ) -> anyhow::Result<()> {
        let in_flight = TaskTracker::new();
        let mut router: Router = health::routes(core.clone(), shutdown.clone());
        if let Some(webhook) = webhook {
            router = router.merge(webhook::routes(core.clone(), webhook, in_flight.clone()));
        }
        router = router.merge(leads::lead_routes(core.clone()));
        axum::serve(self.listener, router)
            .with_graceful_shutdown(shutdown.wait())
            .await
            .context("the HTTP listener failed")?;
        // An update whose request Telegram gave up on is still handled to the end.
        in_flight.close();
        in_flight.wait().await;
        Ok(())
    }
}
