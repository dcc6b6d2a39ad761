//! The reference lead receiver: `POST /api/leads` (+ CORS preflight), the
//! token-guarded exports `GET /api/leads.csv` and `GET /api/leads/count`, and,
//! only when enabled, the fault-injection control `/__faults`.
//!
//! Order of work for `POST /api/leads`: CORS headers (when the origin is
//! allowed) → per-IP rate limit (429) → injected faults (delay, down, drop,
//! fail) → Content-Type (415) → size (413) → body within the read timeout
//! (408, connection closed) → UTF-8 and JSON, no duplicate keys (400) →
//! honeypot (200 ignored) → validation (400) → insert (201 stored / 200
//! duplicate).
//!
//! This module keeps that path and the state it shares, so the order above
//! can be read top to bottom in one place; what only sits beside it lives in
//! its own module, to be read and changed alone: `cors` (which origins may
//! post), `rate_limit` (the per-IP window), `faults` (`--faults` only)
//! and `export` (the token-guarded reads).

mod cors;
mod export;
mod faults;
mod rate_limit;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::envelope::{self, Checked, MAX_BODY_BYTES};
use crate::store::{now_rfc3339, Inserted, Store};
use cors::{cors, preflight};
use export::{count, export_csv};
use faults::{dropped_connection, get_faults, set_faults, Fault, FaultState};
pub use faults::{parse_fault_settings, FaultSettings};
pub use rate_limit::RateLimiter;

/// Settings of the receiver (from the command line).
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiverConfig {
    /// Origins allowed to POST cross-origin (`*` = any).
    pub cors_origins: Vec<String>,
    /// POSTs per client IP per minute; 0 = no limit.
    pub rate_limit: u32,
    /// Bearer token for `/api/leads.csv` and `/api/leads/count`; `None` = both 404.
    pub export_token: Option<String>,
    /// Whether `/__faults` exists.
    pub faults: bool,
    /// Time a client gets to send the body of `POST /api/leads` once the
    /// handler starts reading it (slower: 408, connection closed). The server
    /// loop ([`crate::serve_with`]) applies the same limit to request heads.
    pub read_timeout: Duration,
}

impl Default for ReceiverConfig {
    fn default() -> Self {
        ReceiverConfig {
            cors_origins: Vec::new(),
            rate_limit: 60,
            export_token: None,
            faults: false,
            read_timeout: crate::DEFAULT_READ_TIMEOUT,
        }
    }
}

/// The receiver's shared state. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Receiver {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    config: ReceiverConfig,
    limiter: Mutex<RateLimiter>,
    faults: Mutex<FaultState>,
    counters: Counters,
}

#[derive(Debug, Default)]
struct Counters {
    received: AtomicU64,
    stored: AtomicU64,
    duplicates: AtomicU64,
    ignored: AtomicU64,
    rejected: AtomicU64,
    rate_limited: AtomicU64,
    failed_injected: AtomicU64,
    dropped: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Receiver {
    pub fn new(store: Store, config: ReceiverConfig) -> Receiver {
        let limiter = RateLimiter::new(config.rate_limit, Duration::from_secs(60));
        Receiver {
            inner: Arc::new(Inner {
                store,
                config,
                limiter: Mutex::new(limiter),
                faults: Mutex::new(FaultState::default()),
                counters: Counters::default(),
            }),
        }
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn config(&self) -> &ReceiverConfig {
        &self.inner.config
    }

    /// The API routes (`/api/leads`, `/api/leads.csv`, `/api/leads/count`,
    /// and `/__faults` when enabled), without a fallback.
    pub fn routes(&self) -> Router {
        let leads = Router::new()
            .route("/api/leads", post(create).options(preflight))
            .route_layer(middleware::from_fn_with_state(self.clone(), cors));
        let mut router =
            Router::new().merge(leads).route("/api/leads.csv", get(export_csv)).route("/api/leads/count", get(count));
        if self.inner.config.faults {
            router = router.route("/__faults", get(get_faults).post(set_faults));
        }
        router.with_state(self.clone())
    }
}

// ---------------------------------------------------------------- responses

fn json_response(status: StatusCode, body: Value) -> Response {
    let mut res = Response::new(Body::from(body.to_string()));
    *res.status_mut() = status;
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    json_response(status, json!({ "error": message.into() }))
}

// ---------------------------------------------------------------- leads

fn client_ip(req: &Request) -> IpAddr {
    req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

enum BodyError {
    TooLarge,
    Unreadable,
    TimedOut,
}

/// Reads the whole body, at most `limit` bytes, within `timeout` (counted
/// from the call: a client dribbling its body byte by byte is cut off).
async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<Vec<u8>, BodyError> {
    let read = async {
        let mut stream = body.into_data_stream();
        let mut buf = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| BodyError::Unreadable)?;
            if buf.len() + chunk.len() > limit {
                return Err(BodyError::TooLarge);
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(buf)
    };
    tokio::time::timeout(timeout, read).await.unwrap_or(Err(BodyError::TimedOut))
}

/// Seconds for messages: `10`, `0.5`.
fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s}")
    }
}

/// The body as text and parsed JSON, or what is wrong with it, for the client:
/// `"body: ..."` (empty, byte-order mark, not UTF-8, not valid JSON) or
/// `"<path>: duplicate key ..."`.
fn parse_body(bytes: Vec<u8>) -> Result<(String, Value), String> {
    if bytes.is_empty() {
        return Err("body: empty (expected a JSON object)".to_owned());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err("body: starts with a byte-order mark (U+FEFF); send JSON without one".to_owned());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "body: not UTF-8 (invalid byte 0x{:02X} at offset {})",
            e.as_bytes()[e.utf8_error().valid_up_to()],
            e.utf8_error().valid_up_to()
        )
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("body: not valid JSON: {e}"))?;
    envelope::no_duplicate_keys(&text)?;
    Ok((text, value))
}

/// `POST /api/leads`.
async fn create(State(r): State<Receiver>, req: Request) -> Response {
    let c = &r.inner.counters;
    let ip = client_ip(&req);
    let limited = lock(&r.inner.limiter).check(ip, Instant::now());
    if let Err(secs) = limited {
        c.rate_limited.fetch_add(1, Ordering::Relaxed);
        let mut res = error(
            StatusCode::TOO_MANY_REQUESTS,
            format!("rate limit: more than {} requests per minute", r.inner.config.rate_limit),
        );
        res.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
        return res;
    }
    c.received.fetch_add(1, Ordering::Relaxed);

    let (delay, fault, drop_after_store) = r.fault_before();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let (parts, body) = req.into_parts();
    match fault {
        Fault::None => {}
        Fault::Drop => {
            // Take the request in first, so the close is clean.
            let _ = read_body(body, MAX_BODY_BYTES, r.inner.config.read_timeout).await;
            c.failed_injected.fetch_add(1, Ordering::Relaxed);
            c.dropped.fetch_add(1, Ordering::Relaxed);
            return dropped_connection();
        }
        Fault::Fail(status) => {
            let _ = read_body(body, MAX_BODY_BYTES, r.inner.config.read_timeout).await;
            c.failed_injected.fetch_add(1, Ordering::Relaxed);
            return error(status, "injected fault");
        }
    }

    let res = receive(&r, &parts.headers, body).await;
    if drop_after_store && res.status().is_success() {
        c.failed_injected.fetch_add(1, Ordering::Relaxed);
        c.dropped.fetch_add(1, Ordering::Relaxed);
        return dropped_connection();
    }
    res
}

async fn receive(r: &Receiver, headers: &HeaderMap, body: Body) -> Response {
    let c = &r.inner.counters;
    let reject = |status: StatusCode, msg: String| {
        c.rejected.fetch_add(1, Ordering::Relaxed);
        error(status, msg)
    };
    if !is_json(headers) {
        return reject(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Content-Type: must be application/json".to_owned());
    }
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let too_large = || format!("body: larger than {MAX_BODY_BYTES} bytes");
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return reject(StatusCode::PAYLOAD_TOO_LARGE, too_large());
    }
    let timeout = r.inner.config.read_timeout;
    let bytes = match read_body(body, MAX_BODY_BYTES, timeout).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => return reject(StatusCode::PAYLOAD_TOO_LARGE, too_large()),
        Err(BodyError::Unreadable) => return reject(StatusCode::BAD_REQUEST, "body: could not be read".to_owned()),
        Err(BodyError::TimedOut) => {
            // The rest of the body may still be on its way: do not wait for
            // it, close the connection after this answer.
            let mut res = reject(StatusCode::REQUEST_TIMEOUT, format!("body: not received within {} s", secs(timeout)));
            res.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
            return res;
        }
    };
    let (text, value) = match parse_body(bytes) {
        Ok(x) => x,
        Err(msg) => return reject(StatusCode::BAD_REQUEST, msg),
    };
    let key = match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(k)) => Some(k.trim()),
        Some(Err(_)) => return reject(StatusCode::BAD_REQUEST, "Idempotency-Key: not a valid header value".to_owned()),
    };
    let lead = match envelope::check(&value, key) {
        Ok(Checked::Lead(lead)) => lead,
        Ok(Checked::Honeypot) => {
            c.ignored.fetch_add(1, Ordering::Relaxed);
            return json_response(StatusCode::OK, json!({ "status": "ignored" }));
        }
        Err(msg) => return reject(StatusCode::BAD_REQUEST, msg),
    };

    let store = r.inner.store.clone();
    let id = lead.id.clone();
    let outcome = tokio::task::spawn_blocking(move || store.insert(&lead, &now_rfc3339(), &text)).await;
    match outcome {
        Ok(Ok(Inserted::Stored)) => {
            c.stored.fetch_add(1, Ordering::Relaxed);
            json_response(StatusCode::CREATED, json!({ "status": "stored", "id": id }))
        }
        Ok(Ok(Inserted::Duplicate)) => {
            c.duplicates.fetch_add(1, Ordering::Relaxed);
            json_response(StatusCode::OK, json!({ "status": "duplicate", "id": id }))
        }
        Ok(Err(e)) => {
            eprintln!("b2b-serve: storing lead {id} failed: {e}");
            error(StatusCode::SERVICE_UNAVAILABLE, "storage: temporarily unavailable")
        }
        Err(e) => {
            eprintln!("b2b-serve: storing lead {id} failed: {e}");
            error(StatusCode::INTERNAL_SERVER_ERROR, "storage: failed")
        }
    }
}
