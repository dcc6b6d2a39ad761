//! Helpers shared by the server's integration tests (`hostile.rs`,
//! `receiver.rs`, `static_files.rs`, `load.rs`): raw HTTP/1.1 over a
//! `TcpStream` and the parsing of the reply, temp directories, the lead
//! fixture, and starting the receiver in-process or the `b2b-serve` binary.
//!
//! Each test file is its own crate and uses only some of these, hence the
//! `dead_code` allowances.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use b2b_assessment_server::{app_with_receiver, bind, serve_with, Receiver, ReceiverConfig, Store};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

// ---------------------------------------------------------------- replies

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.head, self.text()))
    }
    pub fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_else(|| panic!("no error field: {}", self.text())).to_owned()
    }
}

/// Splits a raw reply into status, head and body (de-chunked if the reply
/// says `Transfer-Encoding: chunked`).
pub fn parse_reply(buf: &[u8]) -> Reply {
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header terminator in {:?}", String::from_utf8_lossy(buf)));
    let head = String::from_utf8(buf[..split].to_vec()).unwrap();
    let mut body = buf[split + 4..].to_vec();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Reply { status, head, body }
}

pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(nl) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
}

// ---------------------------------------------------------------- requests

/// Reads until the server closes (EOF or reset), at most `limit`; returns
/// what arrived and the error that ended the read (`None` for a clean EOF).
pub async fn read_to_close(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, Option<std::io::Error>) {
    let mut buf = Vec::new();
    let mut error = None;
    let read = tokio::time::timeout(limit, async {
        let mut chunk = [0u8; 4096];
        loop {
            match s.read(&mut chunk).await {
                Ok(0) => break,
                Err(e) => {
                    error = Some(e);
                    break;
                }
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server did not close the connection within {limit:?} (got {:?})",
        String::from_utf8_lossy(&buf)
    );
    (buf, error)
}

/// Reads until the server closes (EOF or reset), at most `limit`.
pub async fn read_until_closed(s: &mut TcpStream, limit: Duration) -> Vec<u8> {
    read_to_close(s, limit).await.0
}

/// Sends a raw request and returns all bytes the server sent before closing
/// (10 s at most). The server may close early (413, dropped connection):
/// write errors are ignored, and a reset ends the read with what arrived.
pub async fn raw(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let _ = s.write_all(request).await;
    read_until_closed(&mut s, Duration::from_secs(10)).await
}

/// Like [`raw`], but the write must succeed and the server must close
/// cleanly (no reset).
pub async fn raw_strict(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let (buf, error) = read_to_close(&mut s, Duration::from_secs(10)).await;
    if let Some(e) = error {
        panic!("reading the reply failed: {e}");
    }
    buf
}

/// `{method} {path} HTTP/1.1` with `Host`, `Connection: close`, `headers`,
/// a `Content-Length` (for a body or a POST) and `body`.
pub fn request_bytes(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Sends [`request_bytes`] with [`raw`] and parses the reply.
pub async fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    parse_reply(&raw(addr, &request_bytes(addr, method, path, headers, body)).await)
}

/// `POST /api/leads` with `content_type` and `body`, as raw bytes.
pub fn post_bytes(addr: SocketAddr, content_type: &str, body: &[u8]) -> Vec<u8> {
    request_bytes(addr, "POST", "/api/leads", &[("Content-Type", content_type)], body)
}

// ---------------------------------------------------------------- leads

/// The example lead envelope the widget writes now
/// (`core/tests/fixtures/lead/envelope-v3.json`).
pub fn fixture() -> Value {
    read_fixture("envelope-v3.json")
}

/// The same lead as version 2 wrote it, which the receiver still accepts.
pub fn fixture_v2() -> Value {
    read_fixture("envelope-v2.json")
}

/// A test lead, as the Builder sends it (`"test": true`).
pub fn fixture_test() -> Value {
    read_fixture("envelope-v3-test.json")
}

/// A version 1 envelope (one name, no labels), which the receiver still accepts.
pub fn fixture_v1() -> Value {
    read_fixture("envelope-v1.json")
}

fn read_fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/lead").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

pub fn with_id(mut v: Value, id: &str) -> Value {
    v["id"] = json!(id);
    v
}

// ---------------------------------------------------------------- servers

/// A fresh (emptied) `b2b-{kind}-test-{pid}-{name}` in the temp directory,
/// with an empty `root/` in it.
/// A stored lead's columns that hold client text: email, name, company,
/// level, lang, page_url and the payload as received.
pub fn stored_lead(db: &Path, id: &str) -> [String; 7] {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT email, name, company, level, lang, page_url, payload FROM leads WHERE id = ?1", [id], |r| {
        Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])
    })
    .unwrap_or_else(|e| panic!("stored lead {id}: {e}"))
}

pub fn temp_dir(kind: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("b2b-{kind}-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("root")).unwrap();
    dir
}

/// [`temp_dir`] with `root/index.html` = `<p>hi</p>`.
pub fn temp_site(kind: &str, name: &str) -> PathBuf {
    let dir = temp_dir(kind, name);
    std::fs::write(dir.join("root/index.html"), "<p>hi</p>").unwrap();
    dir
}

/// A receiver running in-process on a free port.
pub struct Server {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub receiver: Receiver,
}

impl Server {
    pub fn rows(&self) -> i64 {
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        conn.query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0)).unwrap()
    }
}

/// Starts the receiver with `config` on 127.0.0.1:0, with a temp SQLite file
/// and [`temp_site`] as the static root, through the same `serve_with` loop
/// as `b2b-serve` (read timeout: `config.read_timeout`).
pub async fn start(kind: &str, name: &str, config: ReceiverConfig) -> Server {
    let dir = temp_site(kind, name);
    let db = dir.join("leads.sqlite");
    let read_timeout = config.read_timeout;
    let receiver = Receiver::new(Store::open(&db).unwrap(), config);
    let (listener, addr) = bind(0).await.unwrap();
    let router = app_with_receiver(dir.join("root"), &receiver);
    tokio::spawn(async move { serve_with(listener, router, false, read_timeout).await.unwrap() });
    Server { addr, db, receiver }
}

/// The `b2b-serve` binary, running.
pub struct Serve {
    /// Killed when dropped.
    pub child: tokio::process::Child,
    pub addr: SocketAddr,
    pub db: PathBuf,
    /// The rest of the child's stdout (kept open while the child runs).
    pub stdout: BufReader<tokio::process::ChildStdout>,
}

/// Starts the `b2b-serve` binary with `--port 0 --root {root} --db {db}` and
/// `args`, and waits (10 s at most) for its `listening on` line.
pub async fn spawn_serve(root: &Path, db: &Path, args: &[&str]) -> Serve {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_b2b-serve"))
        .args(["--port", "0", "--root"])
        .arg(root)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PORT")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    tokio::time::timeout(Duration::from_secs(10), stdout.read_line(&mut line))
        .await
        .expect("b2b-serve printed no listening line")
        .unwrap();
    let addr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected line {line:?}"))
        .parse()
        .unwrap();
    Serve { child, addr, db: db.to_owned(), stdout }
}

/// Sends the binary SIGTERM and waits (10 s at most) for it to exit.
#[cfg(unix)]
pub async fn sigterm(serve: &mut Serve) -> std::process::ExitStatus {
    let pid = serve.child.id().unwrap().to_string();
    let kill = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(kill.success());
    tokio::time::timeout(Duration::from_secs(10), serve.child.wait())
        .await
        .expect("b2b-serve did not shut down within 10 s of SIGTERM")
        .unwrap()
}
