//! The token-guarded exports (`GET /api/leads.csv`, `GET /api/leads/count`):
//! whoever runs the receiver needs the leads out without shell access to the
//! database, and tests need to count what was stored, but nobody without the
//! token may learn that the endpoints exist (404, not 401).

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{HeaderValue, AUTHORIZATION, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::{error, json_response, Receiver};

impl Receiver {
    fn bearer_ok(&self, headers: &HeaderMap) -> bool {
        let Some(token) = self.inner.config.export_token.as_deref() else {
            return false;
        };
        let Some(given) =
            headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "))
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

fn not_found() -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::NOT_FOUND;
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /api/leads.csv` (bearer token, else 404).
pub(super) async fn export_csv(State(r): State<Receiver>, headers: HeaderMap) -> Response {
    if !r.bearer_ok(&headers) {
        return not_found();
    }
    let store = r.inner.store.clone();
    match tokio::task::spawn_blocking(move || store.export_csv_string()).await {
        Ok(Ok(csv)) => {
            let mut res = Response::new(Body::from(csv));
            let h = res.headers_mut();
            h.insert(CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            h.insert(CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"leads.csv\""));
            h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("export: {e}")),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, format!("export: {e}")),
    }
}

/// `GET /api/leads/count` (bearer token, else 404): `{"count": N}`.
pub(super) async fn count(State(r): State<Receiver>, headers: HeaderMap) -> Response {
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
