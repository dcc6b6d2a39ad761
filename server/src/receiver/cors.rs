//! CORS for `POST /api/leads`: the widget is embedded on the customer's own
//! site and posts leads to a receiver on another origin, so the browser must
//! be told which origins may do that (and everything else must stay refused).
//! Only the origins given with `--cors-origin` are granted.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{HeaderName, HeaderValue, CACHE_CONTROL, ORIGIN, VARY};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::{error, Receiver};

impl Receiver {
    fn origin_allowed(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        self.inner.config.cors_origins.iter().any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin))
    }
}

const ALLOW_HEADERS: &str = "content-type, idempotency-key";
const ALLOW_METHODS: &str = "POST";

fn add_cors(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(HeaderName::from_static("access-control-allow-origin"), origin.clone());
    headers.insert(HeaderName::from_static("access-control-expose-headers"), HeaderValue::from_static("retry-after"));
}

/// Adds `Access-Control-Allow-Origin` (echoing the origin) to every
/// `/api/leads` response when the request's `Origin` is allowed, and
/// `Vary: Origin` always.
pub(super) async fn cors(State(r): State<Receiver>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(ORIGIN).filter(|o| o.to_str().is_ok_and(|o| r.origin_allowed(o))).cloned();
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
pub(super) async fn preflight(State(r): State<Receiver>, headers: HeaderMap) -> Response {
    let mut res = Response::new(Body::empty());
    let h = res.headers_mut();
    h.insert(HeaderName::from_static("allow"), HeaderValue::from_static("POST, OPTIONS"));
    let Some(origin) = headers.get(ORIGIN) else {
        *res.status_mut() = StatusCode::NO_CONTENT;
        return res;
    };
    if !origin.to_str().is_ok_and(|o| r.origin_allowed(o)) {
        let shown = String::from_utf8_lossy(origin.as_bytes()).into_owned();
        return error(StatusCode::FORBIDDEN, format!("origin: not allowed: {shown:?}"));
    }
    *res.status_mut() = StatusCode::NO_CONTENT;
    let h = res.headers_mut();
    h.insert(HeaderName::from_static("access-control-allow-methods"), HeaderValue::from_static(ALLOW_METHODS));
    h.insert(HeaderName::from_static("access-control-allow-headers"), HeaderValue::from_static(ALLOW_HEADERS));
    h.insert(HeaderName::from_static("access-control-max-age"), HeaderValue::from_static("600"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
