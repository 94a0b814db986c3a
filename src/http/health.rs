//! `GET /healthz`: the process is up. `GET /readyz`: it can serve (the database answers and
//! is migrated, and it is not stopping), so a load balancer sends it traffic.

use crate::chat::Core;
use crate::shutdown::Shutdown;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use std::sync::Arc;

pub fn routes(core: Arc<Core>, shutdown: Shutdown) -> Router {
    Router::new()
        .route("/healthz", get(|| async { StatusCode::OK }))
        .route("/readyz", get(readyz))
        .with_state((core, shutdown))
}

async fn readyz(State((core, shutdown)): State<(Arc<Core>, Shutdown)>) -> StatusCode {
    if !shutdown.is_set() && core.store().is_ready().await {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}
