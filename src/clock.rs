//! The program's clock: real time, or — for demos and tests — a clock that starts at
//! `CHATCRM_CLOCK_START` and runs `CHATCRM_CLOCK_SPEED` times faster, so a working day can be
//! replayed in a minute and a test can watch a 09:00 reminder arrive without waiting for it.

use chrono::{DateTime, TimeDelta, Utc};
use std::sync::OnceLock;
use std::time::Instant;

static CLOCK: OnceLock<Shifted> = OnceLock::new();

/// A clock that read `start` at `origin` and has run `speed` times faster since.
struct Shifted {
    origin: Instant,
    start: DateTime<Utc>,
    speed: f64,
}

/// Starts the program's clock at `start` (now, when `None`), running `speed` times faster
/// than real time. Only the first call counts.
pub fn install(start: Option<DateTime<Utc>>, speed: f64) {
    let _ = CLOCK.set(Shifted {
        origin: Instant::now(),
        start: start.unwrap_or_else(Utc::now),
        speed,
    });
}

pub fn now() -> DateTime<Utc> {
    match CLOCK.get() {
        Some(clock) => {
            let elapsed = clock.origin.elapsed().as_secs_f64() * clock.speed;
            clock.start + TimeDelta::milliseconds((elapsed * 1000.0) as i64)
        }
        None => Utc::now(),
    }
}

/// Now in Unix seconds.
pub fn timestamp() -> i64 {
    now().timestamp()
}

/// How long to sleep in real time for `virtual_seconds` to pass on the program's clock.
pub fn real_duration(virtual_seconds: f64) -> std::time::Duration {
    let speed = CLOCK.get().map_or(1.0, |clock| clock.speed);
    std::time::Duration::from_secs_f64((virtual_seconds / speed).max(0.0))
}
