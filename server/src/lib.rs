//! Native HTTP server for the b2b-assessment widget.
//!
//! Today it only serves static files (the standalone page, `pkg/`, `styles/`,
//! `examples/`, ...) from a root directory. Further routes (e.g. the lead
//! receiver `POST /api/leads`) are added in [`app`] in front of the static
//! fallback.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

/// Builds the complete application router.
///
/// `root` is the directory static files are served from; `/` maps to
/// `root/index.html`. Requests escaping `root` (`..`) are rejected by
/// `ServeDir`.
pub fn app(root: PathBuf) -> Router {
    Router::new()
        // API routes go here, e.g. `.route("/api/leads", post(leads::create))`.
        .fallback_service(static_files(root))
        .layer(middleware::from_fn(static_headers))
}

/// The static-file service (without the header fix-ups in [`static_headers`]).
pub fn static_files(root: PathBuf) -> ServeDir {
    ServeDir::new(root).append_index_html_on_directories(true)
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
        let effective = if path.ends_with('/') {
            "index.html"
        } else {
            path.as_str()
        };
        if let Some(mime) = mime_for(effective) {
            res.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(mime));
        }
    }
    res
}

/// Command-line options of `b2b-serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
}

impl Options {
    /// Parses `--root DIR` (default `.`) and `--port N` (default `$PORT`,
    /// else 8080). Also accepts `--root=DIR` / `--port=N`.
    pub fn parse<I: IntoIterator<Item = String>>(
        args: I,
        env_port: Option<String>,
    ) -> Result<Options, String> {
        let mut root = PathBuf::from(".");
        let mut port: Option<String> = None;
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let (key, inline) = match arg.split_once('=') {
                Some((k, v)) if k.starts_with("--") => (k.to_owned(), Some(v.to_owned())),
                _ => (arg.clone(), None),
            };
            let mut value = |name: &str| {
                inline
                    .clone()
                    .or_else(|| it.next())
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match key.as_str() {
                "--root" => root = PathBuf::from(value("--root")?),
                "--port" => port = Some(value("--port")?),
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        let port = match port.or(env_port.filter(|p| !p.is_empty())) {
            Some(p) => p
                .parse::<u16>()
                .map_err(|e| format!("bad port {p:?}: {e}"))?,
            None => 8080,
        };
        Ok(Options { root, port })
    }
}

pub const USAGE: &str = "usage: b2b-serve [--root DIR] [--port N]   (port default: $PORT, else 8080; 0 = any free port)";

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
