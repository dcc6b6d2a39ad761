//! Fault injection (`/__faults`, only with `--faults`): the widget's outbox
//! must survive a receiver that is slow, down, failing or losing answers, and
//! the end-to-end tests need a real server that misbehaves on demand to prove
//! it. Without the flag none of it acts: the route does not exist and
//! `fault_before` returns at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::{error, json_response, lock, Receiver};

/// A response whose body fails before anything is written: hyper then closes
/// the connection without sending the status line, so the client sees a
/// network error (connection closed with no response).
pub(super) fn dropped_connection() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: connection dropped",
        ))
    });
    Response::new(Body::from_stream(stream))
}

/// Fault-injection settings (`POST /__faults`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FaultSettings {
    /// Share of requests answered 500/503 (alternating) without storing.
    pub fail_rate: f64,
    /// Added latency per request, in milliseconds.
    pub delay_ms: u64,
    /// Share of requests whose connection is closed without a response.
    pub drop_rate: f64,
    /// For this many seconds from being set, every request is dropped.
    pub down_secs: u64,
    /// Drop (per `drop_rate`) only after the lead was stored: the "stored,
    /// but the answer was lost" case that idempotency keys exist for.
    pub drop_after_store: bool,
    /// With `fail_rate`: answer with this status (e.g. 400, a terminal
    /// refusal) instead of alternating 503 and 500. 0 means alternate.
    pub fail_status: u16,
}

#[derive(Debug, Default)]
pub(super) struct FaultState {
    settings: FaultSettings,
    down_until: Option<Instant>,
    drop_seq: u64,
    fail_seq: u64,
}

/// Whether the `n`-th event (0-based) is hit at `rate`: spreads hits evenly
/// and deterministically (rate 0.5 hits every 2nd, 1.0 every one).
fn hit(rate: f64, n: u64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    if rate >= 1.0 {
        return true;
    }
    ((n + 1) as f64 * rate).floor() > (n as f64 * rate).floor()
}

pub(super) enum Fault {
    None,
    Drop,
    Fail(StatusCode),
}

impl Receiver {
    /// Decides the injected fault for a request, before it is processed.
    pub(super) fn fault_before(&self) -> (Duration, Fault, bool) {
        if !self.inner.config.faults {
            return (Duration::ZERO, Fault::None, false);
        }
        let mut f = lock(&self.inner.faults);
        let delay = Duration::from_millis(f.settings.delay_ms);
        if f.down_until.is_some_and(|t| Instant::now() < t) {
            return (delay, Fault::Drop, false);
        }
        let drop_rate = f.settings.drop_rate;
        let n = f.drop_seq;
        f.drop_seq += 1;
        let drop = hit(drop_rate, n);
        if drop && !f.settings.drop_after_store {
            return (delay, Fault::Drop, false);
        }
        let fail_rate = f.settings.fail_rate;
        let n = f.fail_seq;
        f.fail_seq += 1;
        if hit(fail_rate, n) {
            let failed = self.inner.counters.failed_injected.load(Ordering::Relaxed);
            let status = if let Some(s) =
                StatusCode::from_u16(f.settings.fail_status).ok().filter(|_| f.settings.fail_status != 0)
            {
                s
            } else if failed.is_multiple_of(2) {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::INTERNAL_SERVER_ERROR
            };
            return (delay, Fault::Fail(status), false);
        }
        (delay, Fault::None, drop)
    }

    fn faults_json(&self) -> Value {
        let f = lock(&self.inner.faults);
        let c = &self.inner.counters;
        let load = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let down_remaining =
            f.down_until.map(|t| t.saturating_duration_since(Instant::now()).as_secs_f64()).unwrap_or(0.0);
        json!({
            "fail_rate": f.settings.fail_rate,
            "delay_ms": f.settings.delay_ms,
            "drop_rate": f.settings.drop_rate,
            "down_secs": f.settings.down_secs,
            "drop_after_store": f.settings.drop_after_store,
            "fail_status": f.settings.fail_status,
            "down_remaining_secs": down_remaining,
            "received": load(&c.received),
            "stored": load(&c.stored),
            "duplicates": load(&c.duplicates),
            "ignored": load(&c.ignored),
            "rejected": load(&c.rejected),
            "rate_limited": load(&c.rate_limited),
            "failed_injected": load(&c.failed_injected),
            "dropped": load(&c.dropped),
        })
    }
}

/// Parses a `POST /__faults` body. Missing fields are 0 / false.
pub fn parse_fault_settings(v: &Value) -> Result<FaultSettings, String> {
    let obj = v.as_object().ok_or_else(|| "body: must be a JSON object".to_owned())?;
    let known =
        ["fail_rate", "delay_ms", "drop_rate", "down_secs", "drop_after_store", "fail_status", "reset_counters"];
    if let Some(k) = obj.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(format!("{k}: unknown setting"));
    }
    let rate = |key: &str| -> Result<f64, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(0.0),
            Some(v) => v
                .as_f64()
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| format!("{key}: must be a number from 0 to 1")),
        }
    };
    let uint = |key: &str, max: u64| -> Result<u64, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(0),
            Some(v) => {
                v.as_u64().filter(|n| *n <= max).ok_or_else(|| format!("{key}: must be an integer from 0 to {max}"))
            }
        }
    };
    let flag = |key: &str| -> Result<bool, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(format!("{key}: must be true or false")),
        }
    };
    flag("reset_counters")?;
    Ok(FaultSettings {
        fail_rate: rate("fail_rate")?,
        delay_ms: uint("delay_ms", 120_000)?,
        drop_rate: rate("drop_rate")?,
        down_secs: uint("down_secs", 86_400)?,
        drop_after_store: flag("drop_after_store")?,
        fail_status: match uint("fail_status", 599)? {
            0 => 0,
            s @ 400..=599 => s as u16,
            _ => return Err("fail_status: must be 0 or an HTTP error status from 400 to 599".into()),
        },
    })
}

pub(super) async fn get_faults(State(r): State<Receiver>) -> Response {
    json_response(StatusCode::OK, r.faults_json())
}

pub(super) async fn set_faults(State(r): State<Receiver>, body: Bytes) -> Response {
    let v: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("body: not valid JSON: {e}")),
    };
    let settings = match parse_fault_settings(&v) {
        Ok(s) => s,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    {
        let mut f = lock(&r.inner.faults);
        f.settings = settings;
        f.down_until = (settings.down_secs > 0).then(|| Instant::now() + Duration::from_secs(settings.down_secs));
        f.drop_seq = 0;
        f.fail_seq = 0;
    }
    if v.get("reset_counters") == Some(&Value::Bool(true)) {
        let c = &r.inner.counters;
        for a in [
            &c.received,
            &c.stored,
            &c.duplicates,
            &c.ignored,
            &c.rejected,
            &c.rate_limited,
            &c.failed_injected,
            &c.dropped,
        ] {
            a.store(0, Ordering::Relaxed);
        }
    }
    eprintln!("b2b-serve: faults set: {settings:?}");
    json_response(StatusCode::OK, r.faults_json())
}
