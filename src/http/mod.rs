//! The HTTP listener: lead capture (`POST /api/leads`).

pub mod leads;

use crate::chat::Core;
use std::net::SocketAddr;
use std::sync::Arc;

/// Serves the HTTP routes on `listen` until the process ends.
pub async fn serve(listen: SocketAddr, core: Arc<Core>) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(%listen, "serving HTTP");
    axum::serve(listener, leads::lead_routes(core)).await?;
    Ok(())
}
