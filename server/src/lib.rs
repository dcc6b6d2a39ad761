//! Native HTTP server for the b2b-assessment widget.
//!
//! Serves static files (the standalone page, `pkg/`, `styles/`, `examples/`,
//! ...) from a root directory ([`app`]) and, in front of them, the reference
//! lead receiver ([`app_with_receiver`]): `POST /api/leads` validated by
//! [`envelope`], stored in SQLite by [`store`], with CORS, a per-IP rate limit,
//! token-guarded CSV export and optional fault injection ([`receiver`]).
//! `b2b-serve`'s command line is parsed in [`cli`].

pub mod cli;
pub mod envelope;
pub mod receiver;
pub mod store;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LOCATION};
use axum::http::uri::{PathAndQuery, Uri};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

pub use cli::{Cli, Command, Options, DEFAULT_DB};
pub use receiver::{Receiver, ReceiverConfig};
pub use store::Store;

/// URL prefix under which every path is served exactly as without it, but
/// with [`STRICT_CSP`] on the response: `/strict/examples/x.html` serves
/// `examples/x.html`, `/strict/` serves `index.html`.
pub const STRICT_PREFIX: &str = "/strict";

/// The Content-Security-Policy sent for everything under [`STRICT_PREFIX`]:
/// the strictest policy the widget promises to work under (it only adds
/// `'wasm-unsafe-eval'` to a same-origin-only policy).
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/// Builds the complete application router.
///
/// `root` is the directory static files are served from; `/` maps to
/// `root/index.html`. Requests escaping `root` (`..`) are rejected by
/// `ServeDir`; dot-files/dot-directories and `/target/` are never served
/// (see [`is_forbidden`]). Everything is also reachable under `/strict/`
/// with a strict CSP (see [`STRICT_PREFIX`]).
pub fn app(root: PathBuf) -> Router {
    wrap(static_router(root))
}

/// [`app`] plus the lead receiver's routes (see [`receiver::Receiver::routes`])
/// in front of the static files.
pub fn app_with_receiver(root: PathBuf, receiver: &Receiver) -> Router {
    wrap(receiver.routes().fallback_service(static_router(root)))
}

fn static_router(root: PathBuf) -> Router {
    Router::new().fallback_service(static_files(root)).layer(middleware::from_fn(static_headers))
}

fn wrap(inner: Router) -> Router {
    // `Router::layer` middleware runs after routing, so the `/strict/` prefix
    // is stripped by an outer router whose only job is to rewrite the URI
    // before the inner router routes it.
    Router::new().fallback_service(inner).layer(middleware::from_fn(strict_and_guard))
}

/// Whether a request path must never be served: any segment starting with
/// `.` (`/.git/config`, `/.tools/...`, also `..`) or the build directory
/// `/target/`. The path is percent-decoded first (as `ServeDir` does), so
/// `/%2egit/config` is caught too.
pub fn is_forbidden(path: &str) -> bool {
    let decoded = percent_decode(path);
    let mut segments = decoded.split(['/', '\\']).filter(|s| !s.is_empty());
    let first = segments.next();
    if first.is_some_and(|s| s.eq_ignore_ascii_case("target")) {
        return true;
    }
    first.into_iter().chain(segments).any(|segment| segment.starts_with('.'))
}

/// Lossy percent-decoding (invalid escapes are kept verbatim).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn empty_response(status: StatusCode) -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = status;
    res.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Outer middleware: strips the `/strict` prefix (and adds [`STRICT_CSP`] to
/// the response, fixing up redirects so they stay under the prefix), then
/// answers forbidden paths with 404 before they reach the file system.
async fn strict_and_guard(mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    if path == STRICT_PREFIX {
        // `/strict` -> `/strict/`, so relative URLs in index.html resolve
        // under the prefix.
        let mut res = empty_response(StatusCode::TEMPORARY_REDIRECT);
        let location = match &query {
            Some(q) => format!("{STRICT_PREFIX}/?{q}"),
            None => format!("{STRICT_PREFIX}/"),
        };
        if let Ok(v) = HeaderValue::from_str(&location) {
            res.headers_mut().insert(LOCATION, v);
        }
        res.headers_mut().insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_CSP));
        return res;
    }
    let rest = path.strip_prefix(STRICT_PREFIX).filter(|r| r.starts_with('/')).map(str::to_owned);
    let strict = rest.is_some();

    let mut res = if is_forbidden(rest.as_deref().unwrap_or(&path)) {
        empty_response(StatusCode::NOT_FOUND)
    } else {
        if let Some(rest) = &rest {
            let pq = match &query {
                Some(q) => format!("{rest}?{q}"),
                None => rest.clone(),
            };
            let mut parts = req.uri().clone().into_parts();
            match PathAndQuery::try_from(pq) {
                Ok(pq) => parts.path_and_query = Some(pq),
                Err(_) => return empty_response(StatusCode::BAD_REQUEST),
            }
            match Uri::from_parts(parts) {
                Ok(uri) => *req.uri_mut() = uri,
                Err(_) => return empty_response(StatusCode::BAD_REQUEST),
            }
        }
        next.run(req).await
    };

    if strict {
        let headers = res.headers_mut();
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(STRICT_CSP));
        // ServeDir redirects `/examples` -> `/examples/`; keep the prefix.
        let fixed = headers
            .get(LOCATION)
            .and_then(|l| l.to_str().ok())
            .filter(|l| l.starts_with('/') && !l.starts_with("//"))
            .and_then(|l| HeaderValue::from_str(&format!("{STRICT_PREFIX}{l}")).ok());
        if let Some(v) = fixed {
            headers.insert(LOCATION, v);
        }
    }
    res
}

/// The static-file service (without the header fix-ups in [`static_headers`]).
/// A `.br` or `.gz` file next to the requested one (scripts/build writes them
/// for pkg/) is sent to a browser that accepts that encoding, as a CDN would.
pub fn static_files(root: PathBuf) -> ServeDir {
    ServeDir::new(root).append_index_html_on_directories(true).precompressed_br().precompressed_gzip()
}

/// Content type by file extension. Covers what the widget ships; text types
/// carry an explicit UTF-8 charset.
pub fn mime_for(path: &str) -> Option<&'static str> {
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => return None,
    })
}

/// Sets `Cache-Control: no-cache` on every response and, for successful
/// responses, a precise `Content-Type` (notably `application/wasm`, which
/// `WebAssembly.instantiateStreaming` insists on, and UTF-8 charsets).
async fn static_headers(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res: Response<Body> = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if res.status().is_success() {
        // A directory request (`/`, `/examples/`) was answered with index.html.
        let effective = if path.ends_with('/') { "index.html" } else { path.as_str() };
        if let Some(mime) = mime_for(effective) {
            res.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    res
}

/// Serves `router` on `listener` with the default [`DEFAULT_READ_TIMEOUT`]
/// (see [`serve_with`]).
pub async fn serve(listener: TcpListener, router: Router, graceful: bool) -> std::io::Result<()> {
    serve_with(listener, router, graceful, DEFAULT_READ_TIMEOUT).await
}

/// Serves `router` on `listener` over HTTP/1.1 with keep-alive, passing each
/// connection's peer address (for the per-IP rate limit) as
/// `ConnectInfo<SocketAddr>`, until [`shutdown_signal`] fires if `graceful`
/// is set (then in-flight requests finish and idle connections close).
///
/// `read_timeout` bounds how long a connection may take to send a request
/// head (request line and headers) from the moment the server starts waiting
/// for it, so it is also the idle limit of a keep-alive connection: when it
/// passes, the connection is closed without a response. That cuts off
/// slowloris clients that dribble their headers; `POST /api/leads` applies
/// the same limit to the body (408, see [`ReceiverConfig::read_timeout`]).
/// Each connection is its own task, so a slow client never holds up others.
pub async fn serve_with(
    listener: TcpListener,
    router: Router,
    graceful: bool,
    read_timeout: std::time::Duration,
) -> std::io::Result<()> {
    use hyper::server::conn::http1;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    // Connections hold a receiver; on shutdown the sender announces it and
    // then waits until every receiver (every connection) is gone.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let shutdown = async {
        if graceful {
            shutdown_signal().await
        } else {
            std::future::pending::<()>().await
        }
    };
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(x) => x,
                Err(e) => {
                    // Per-connection errors (reset before accept) are
                    // harmless; out of file descriptors is not, but must not
                    // end the server or spin: wait a little and go on.
                    if !matches!(
                        e.kind(),
                        std::io::ErrorKind::ConnectionAborted
                            | std::io::ErrorKind::ConnectionReset
                            | std::io::ErrorKind::Interrupted
                    ) {
                        eprintln!("b2b-serve: accept failed: {e}");
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                router.clone().oneshot(req.map(Body::new))
            });
            let mut builder = http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(read_timeout).keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                // Only ever changes to `true` (or the sender is gone).
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.as_mut().await;
                }
            }
        });
    }
    drop(listener);
    drop(stop_rx);
    let _ = stop_tx.send(true);
    stop_tx.closed().await;
    Ok(())
}

/// Default of [`serve_with`]'s `read_timeout` and [`ReceiverConfig::read_timeout`].
pub const DEFAULT_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Binds 127.0.0.1:`port` (0 = pick a free port).
pub async fn bind(port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// Resolves when SIGINT (Ctrl-C) or, on Unix, SIGTERM arrives.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
