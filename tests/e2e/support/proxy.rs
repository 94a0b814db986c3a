//! A round-robin HTTP proxy, as a load balancer in front of several bot instances: each
//! request goes to the next instance, or to the one after when that one does not answer.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Backends {
    urls: Vec<String>,
    next: usize,
    /// Which backend (its index) answered each request, in order.
    served: Vec<usize>,
}

pub struct RoundRobin {
    pub addr: SocketAddr,
    backends: Arc<Mutex<Backends>>,
}

impl RoundRobin {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let backends = Arc::new(Mutex::new(Backends::default()));
        let app = Router::new().fallback(forward).with_state(backends.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { addr, backends }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Adds an instance (`http://host:port`); returns its index.
    pub fn add(&self, url: &str) -> usize {
        let mut backends = self.backends.lock().unwrap();
        backends.urls.push(url.to_owned());
        backends.urls.len() - 1
    }

    /// Which backend answered each request, once `count` were answered.
    pub async fn wait_for_served(&self, count: usize) -> Vec<usize> {
        let deadline = tokio::time::Instant::now() + super::fake_telegram::PATIENCE;
        loop {
            let served = self.backends.lock().unwrap().served.clone();
            if served.len() >= count {
                return served;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {served:?} answered"
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}

async fn forward(State(backends): State<Arc<Mutex<Backends>>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let (urls, first) = {
        let mut backends = backends.lock().unwrap();
        let first = backends.next;
        backends.next += 1;
        (backends.urls.clone(), first)
    };
    let client = reqwest::Client::new();
    for turn in 0..urls.len() {
        let index = (first + turn) % urls.len();
        let mut request = client.request(
            parts.method.clone(),
            format!("{}{}", urls[index], parts.uri.path()),
        );
        for (name, value) in &parts.headers {
            if name != axum::http::header::HOST {
                request = request.header(name, value);
            }
        }
        // An instance that is down refuses the connection: the next one is tried.
        if let Ok(response) = request.body(body.clone()).send().await {
            backends.lock().unwrap().served.push(index);
            let status = response.status();
            let body = response.bytes().await.unwrap_or_default();
            return (status, body).into_response();
        }
    }
    StatusCode::BAD_GATEWAY.into_response()
}
