//! `bench leads`: `POST /api/leads` over real HTTP on a local port, from several keep-alive
//! connections at once, each lead a new contact with its assignee's message queued.

use super::{BENCH_OWNER, print_percentile_header, print_percentile_row};
use chatcrm::chat::{Core, CoreConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const TOKEN: &str = "bench-leads-token";

pub async fn leads(database_url: &str, count: usize, connections: usize) -> anyhow::Result<()> {
    let config = CoreConfig {
        bot_username: "chatcrm_bench_bot".to_owned(),
        time_zone: chrono_tz::UTC,
        leads_per_minute: u32::MAX,
        business_retention_days: chatcrm::chat::BUSINESS_RETENTION_DAYS,
        public_url: None,
    };
    let core = chatcrm::app::open(database_url, &[BENCH_OWNER], config).await?;
    chatcrm::app::set_leads_token(core.store(), TOKEN).await?;
    let core: Arc<Core> = Arc::new(core);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let routes = chatcrm::http::leads::lead_routes(core.clone());
    tokio::spawn(async move { axum::serve(listener, routes).await });

    let started = Instant::now();
    let mut senders = Vec::new();
    for connection in 0..connections {
        let mine: Vec<usize> = (connection..count).step_by(connections).collect();
        senders.push(tokio::spawn(async move {
            let mut stream = BufReader::new(TcpStream::connect(address).await?);
            let mut times = Vec::with_capacity(mine.len());
            for n in mine {
                let body = format!(
                    r#"{{"name": "Lead {n}", "phone": "+7999{n:07}", "source": "site", "comment": "bench"}}"#
                );
                let sent = Instant::now();
                let status = post(&mut stream, &body).await?;
                anyhow::ensure!(status == 201, "lead {n} answered {status}");
                times.push(sent.elapsed());
            }
            anyhow::Ok(times)
        }));
    }
    let mut times: Vec<Duration> = Vec::with_capacity(count);
    for sender in senders {
        times.extend(sender.await??);
    }
    let elapsed = started.elapsed();
    let queued = core.store().new_lead_jobs().await?;
    anyhow::ensure!(
        queued == count as i64,
        "{queued} messages queued for {count} leads"
    );
    println!(
        "{count} leads over {connections} connections in {:.2} s: {:.0} leads/s, {queued} messages queued",
        elapsed.as_secs_f64(),
        count as f64 / elapsed.as_secs_f64()
    );
    print_percentile_header("POST /api/leads");
    print_percentile_row("201 (new contact)", &mut times);
    Ok(())
}

/// One request on a keep-alive connection; its status.
async fn post(stream: &mut BufReader<TcpStream>, body: &str) -> anyhow::Result<u16> {
    let request = format!(
        "POST /api/leads HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {TOKEN}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("not an HTTP answer: {line:?}"))?;
    let mut length = 0;
    loop {
        line.clear();
        stream.read_line(&mut line).await?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse()?;
        }
    }
    let mut answer = vec![0; length];
    stream.read_exact(&mut answer).await?;
    Ok(status)
}
