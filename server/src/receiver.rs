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

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{
    HeaderName, HeaderValue, AUTHORIZATION, CACHE_CONTROL, CONNECTION, CONTENT_DISPOSITION,
    CONTENT_LENGTH, CONTENT_TYPE, ORIGIN, RETRY_AFTER, VARY,
};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use futures_util::StreamExt;
use serde_json::{json, Value};

use crate::envelope::{self, Checked, MAX_BODY_BYTES};
use crate::store::{now_rfc3339, Inserted, Store};

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
        let mut router = Router::new()
            .merge(leads)
            .route("/api/leads.csv", get(export_csv))
            .route("/api/leads/count", get(count));
        if self.inner.config.faults {
            router = router.route("/__faults", get(get_faults).post(set_faults));
        }
        router.with_state(self.clone())
    }

    fn origin_allowed(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.inner
            .config
            .cors_origins
            .iter()
            .any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }

    fn bearer_ok(&self, headers: &HeaderMap) -> bool {
        let Some(token) = self.inner.config.export_token.as_deref() else {
            return false;
        };
        let Some(given) = headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        constant_time_eq(given.trim().as_bytes(), token.as_bytes())
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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

fn not_found() -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::NOT_FOUND;
    res.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A response whose body fails before anything is written: hyper then closes
/// the connection without sending the status line, so the client sees a
/// network error (connection closed with no response).
fn dropped_connection() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: connection dropped",
        ))
    });
    Response::new(Body::from_stream(stream))
}

// ---------------------------------------------------------------- CORS

const ALLOW_HEADERS: &str = "content-type, idempotency-key";
const ALLOW_METHODS: &str = "POST";

fn add_cors(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(
        HeaderName::from_static("access-control-allow-origin"),
        origin.clone(),
    );
    headers.insert(
        HeaderName::from_static("access-control-expose-headers"),
        HeaderValue::from_static("retry-after"),
    );
}

/// Adds `Access-Control-Allow-Origin` (echoing the origin) to every
/// `/api/leads` response when the request's `Origin` is allowed, and
/// `Vary: Origin` always.
async fn cors(State(r): State<Receiver>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(ORIGIN)
        .filter(|o| o.to_str().is_ok_and(|o| r.origin_allowed(o)))
        .cloned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = origin {
        add_cors(h, &origin);
    }
    res
}

/// `OPTIONS /api/leads`: 204 with the CORS grant for an allowed origin, 403
/// for any other origin, plain 204 (`Allow`) without an `Origin`.
async fn preflight(State(r): State<Receiver>, headers: HeaderMap) -> Response {
    let mut res = Response::new(Body::empty());
    let h = res.headers_mut();
    h.insert(
        HeaderName::from_static("allow"),
        HeaderValue::from_static("POST, OPTIONS"),
    );
    let Some(origin) = headers.get(ORIGIN) else {
        *res.status_mut() = StatusCode::NO_CONTENT;
        return res;
    };
    if !origin.to_str().is_ok_and(|o| r.origin_allowed(o)) {
        let shown = String::from_utf8_lossy(origin.as_bytes()).into_owned();
        return error(
            StatusCode::FORBIDDEN,
            format!("origin: not allowed: {shown:?}"),
        );
    }
    *res.status_mut() = StatusCode::NO_CONTENT;
    let h = res.headers_mut();
    h.insert(
        HeaderName::from_static("access-control-allow-methods"),
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        HeaderName::from_static("access-control-allow-headers"),
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(
        HeaderName::from_static("access-control-max-age"),
        HeaderValue::from_static("600"),
    );
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

// ---------------------------------------------------------------- rate limit

/// A sliding-window log per client IP: at most `limit` requests in any
/// `window`.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: HashMap<IpAddr, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter {
            limit,
            window,
            hits: HashMap::new(),
        }
    }

    /// Records a request at `now`; `Err(seconds)` = refused, retry after that
    /// many seconds (≥ 1).
    pub fn check(&mut self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.limit == 0 {
            return Ok(());
        }
        if self.hits.len() > 10_000 {
            let window = self.window;
            self.hits.retain(|_, q| {
                q.back()
                    .is_some_and(|last| now.saturating_duration_since(*last) < window)
            });
        }
        let q = self.hits.entry(ip).or_default();
        while q
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        if q.len() >= self.limit as usize {
            let oldest = q.front().copied().unwrap_or(now);
            let wait = self
                .window
                .saturating_sub(now.saturating_duration_since(oldest));
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return Err(secs.max(1));
        }
        q.push_back(now);
        Ok(())
    }
}

// ---------------------------------------------------------------- faults

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
struct FaultState {
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

enum Fault {
    None,
    Drop,
    Fail(StatusCode),
}

impl Receiver {
    /// Decides the injected fault for a request, before it is processed.
    fn fault_before(&self) -> (Duration, Fault, bool) {
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
            let status = if let Some(s) = StatusCode::from_u16(f.settings.fail_status).ok().filter(|_| f.settings.fail_status != 0) {
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
        let down_remaining = f
            .down_until
            .map(|t| t.saturating_duration_since(Instant::now()).as_secs_f64())
            .unwrap_or(0.0);
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
    let obj = v
        .as_object()
        .ok_or_else(|| "body: must be a JSON object".to_owned())?;
    let known = [
        "fail_rate",
        "delay_ms",
        "drop_rate",
        "down_secs",
        "drop_after_store",
        "fail_status",
        "reset_counters",
    ];
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
            Some(v) => v
                .as_u64()
                .filter(|n| *n <= max)
                .ok_or_else(|| format!("{key}: must be an integer from 0 to {max}")),
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

async fn get_faults(State(r): State<Receiver>) -> Response {
    json_response(StatusCode::OK, r.faults_json())
}

async fn set_faults(State(r): State<Receiver>, body: Bytes) -> Response {
    let v: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("body: not valid JSON: {e}"),
            )
        }
    };
    let settings = match parse_fault_settings(&v) {
        Ok(s) => s,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    {
        let mut f = lock(&r.inner.faults);
        f.settings = settings;
        f.down_until = (settings.down_secs > 0)
            .then(|| Instant::now() + Duration::from_secs(settings.down_secs));
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

// ---------------------------------------------------------------- leads

fn client_ip(req: &Request) -> IpAddr {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
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
    tokio::time::timeout(timeout, read)
        .await
        .unwrap_or(Err(BodyError::TimedOut))
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
        return Err(
            "body: starts with a byte-order mark (U+FEFF); send JSON without one".to_owned(),
        );
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "body: not UTF-8 (invalid byte 0x{:02X} at offset {})",
            e.as_bytes()[e.utf8_error().valid_up_to()],
            e.utf8_error().valid_up_to()
        )
    })?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("body: not valid JSON: {e}"))?;
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
            format!(
                "rate limit: more than {} requests per minute",
                r.inner.config.rate_limit
            ),
        );
        res.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
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
        return reject(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type: must be application/json".to_owned(),
        );
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = || format!("body: larger than {MAX_BODY_BYTES} bytes");
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return reject(StatusCode::PAYLOAD_TOO_LARGE, too_large());
    }
    let timeout = r.inner.config.read_timeout;
    let bytes = match read_body(body, MAX_BODY_BYTES, timeout).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => return reject(StatusCode::PAYLOAD_TOO_LARGE, too_large()),
        Err(BodyError::Unreadable) => {
            return reject(
                StatusCode::BAD_REQUEST,
                "body: could not be read".to_owned(),
            )
        }
        Err(BodyError::TimedOut) => {
            // The rest of the body may still be on its way: do not wait for
            // it, close the connection after this answer.
            let mut res = reject(
                StatusCode::REQUEST_TIMEOUT,
                format!("body: not received within {} s", secs(timeout)),
            );
            res.headers_mut()
                .insert(CONNECTION, HeaderValue::from_static("close"));
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
        Some(Err(_)) => {
            return reject(
                StatusCode::BAD_REQUEST,
                "Idempotency-Key: not a valid header value".to_owned(),
            )
        }
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
    let outcome =
        tokio::task::spawn_blocking(move || store.insert(&lead, &now_rfc3339(), &text)).await;
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
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "storage: temporarily unavailable",
            )
        }
        Err(e) => {
            eprintln!("b2b-serve: storing lead {id} failed: {e}");
            error(StatusCode::INTERNAL_SERVER_ERROR, "storage: failed")
        }
    }
}

// ---------------------------------------------------------------- exports

/// `GET /api/leads.csv` (bearer token, else 404).
async fn export_csv(State(r): State<Receiver>, headers: HeaderMap) -> Response {
    if !r.bearer_ok(&headers) {
        return not_found();
    }
    let store = r.inner.store.clone();
    match tokio::task::spawn_blocking(move || store.export_csv_string()).await {
        Ok(Ok(csv)) => {
            let mut res = Response::new(Body::from(csv));
            let h = res.headers_mut();
            h.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            h.insert(
                CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"leads.csv\""),
            );
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("export: {e}")),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("export: {e}")),
    }
}

/// `GET /api/leads/count` (bearer token, else 404): `{"count": N}`.
async fn count(State(r): State<Receiver>, headers: HeaderMap) -> Response {
    if !r.bearer_ok(&headers) {
        return not_found();
    }
    let store = r.inner.store.clone();
    match tokio::task::spawn_blocking(move || store.count()).await {
        Ok(Ok(n)) => json_response(StatusCode::OK, json!({ "count": n })),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("count: {e}")),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("count: {e}")),
    }
}
