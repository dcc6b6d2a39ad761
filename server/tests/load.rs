//! Load test of the lead receiver on loopback: starts the real `b2b-serve`
//! binary (`--port 0`, a temp SQLite file) and drives it from a small
//! keep-alive HTTP/1.1 load generator in this process.
//!
//! 1. `throughput`: N distinct leads plus resends of the same ids (some while
//!    the original is still in flight) from C concurrent keep-alive
//!    connections, rate limit off, while a few slowloris clients dribble
//!    headers. Bounded by count and by a hard time limit.
//!    Checks: no connection errors, only 201/200; every id answered 201
//!    exactly once, every resend 200 `duplicate`; the table holds exactly the
//!    201 ids, once each, with the payload that was sent; slow clients cut off.
//! 2. `rate_limited_burst`: `--rate-limit 60` and a burst of B distinct leads
//!    from one IP (127.0.0.1): exactly 60 stored (201), the rest 429 with
//!    `Retry-After`, nothing else, no lost rows; a second source address
//!    (127.0.0.2, where the OS allows binding it) is not limited by the first.
//!
//! Timings are reported, never asserted. The figures go to stdout (run with
//! `--nocapture`) and to `test-artifacts/load.json` in the workspace root.
//!
//! ```text
//! cargo test -p b2b-assessment-server --test load -- --nocapture            # debug
//! cargo test --release -p b2b-assessment-server --test load -- --nocapture  # figures
//! ```
//!
//! Sizes: `B2B_LOAD_LEADS` (default 2000), `B2B_LOAD_CONNECTIONS` (32),
//! `B2B_LOAD_SECS` (time limit of the throughput run, 10), `B2B_LOAD_BURST`
//! (300), `B2B_LOAD_SLOW` (slowloris clients, 8).

mod common;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{fixture, spawn_serve, temp_dir, Serve};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v.parse().unwrap_or_else(|e| panic!("{name}={v:?}: {e}")),
        Err(_) => default,
    }
}

// ---------------------------------------------------------------- server

async fn start_server(name: &str, args: &[&str]) -> Serve {
    let dir = temp_dir("load", name);
    spawn_serve(&dir.join("root"), &dir.join("leads.sqlite"), args).await
}

/// The stored rows: id -> payload (and the number of rows, to see repeats).
fn stored(db: &Path) -> (usize, HashMap<String, String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let mut stmt = conn.prepare("SELECT id, payload FROM leads").unwrap();
    let rows: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let n = rows.len();
    (n, rows.into_iter().collect())
}

// ---------------------------------------------------------------- client

/// One answer: status, `Retry-After`, body.
#[derive(Debug)]
struct Answer {
    status: u16,
    retry_after: Option<String>,
    body: Vec<u8>,
}

/// A keep-alive HTTP/1.1 connection that reconnects when the server asked
/// to close (`Connection: close`). A connection that breaks is an error; a
/// reused connection that breaks before any byte of the answer arrived is
/// retried once on a new one (the usual keep-alive race) and counted.
struct Client {
    addr: SocketAddr,
    local: Option<IpAddr>,
    conn: Option<BufReader<TcpStream>>,
    retries: usize,
}

async fn connect(addr: SocketAddr, local: Option<IpAddr>) -> std::io::Result<TcpStream> {
    let s = match local {
        None => TcpStream::connect(addr).await?,
        Some(ip) => {
            let sock = TcpSocket::new_v4()?;
            sock.bind(SocketAddr::new(ip, 0))?;
            sock.connect(addr).await?
        }
    };
    s.set_nodelay(true)?;
    Ok(s)
}

enum Failure {
    /// Nothing of an answer arrived.
    BeforeAnswer(String),
    /// The answer was cut or garbled.
    MidAnswer(String),
}

async fn exchange(c: &mut BufReader<TcpStream>, request: &[u8]) -> Result<(Answer, bool), Failure> {
    let before = |e: std::io::Error| Failure::BeforeAnswer(e.to_string());
    let mid = |e: String| Failure::MidAnswer(e);
    c.get_mut().write_all(request).await.map_err(before)?;
    let mut line = String::new();
    if c.read_line(&mut line).await.map_err(before)? == 0 {
        return Err(Failure::BeforeAnswer("closed".into()));
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| mid(format!("bad status line {line:?}")))?;
    let (mut length, mut close, mut retry_after) = (None, false, None);
    loop {
        line.clear();
        if c.read_line(&mut line).await.map_err(|e| mid(e.to_string()))? == 0 {
            return Err(mid("closed in the head".into()));
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').ok_or_else(|| mid(format!("bad header {l:?}")))?;
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = v.parse::<usize>().ok(),
            "connection" => close = v.eq_ignore_ascii_case("close"),
            "retry-after" => retry_after = Some(v.to_owned()),
            "transfer-encoding" => return Err(mid("unexpected chunked answer".into())),
            _ => {}
        }
    }
    let mut body = vec![0; length.ok_or_else(|| mid("no Content-Length".into()))?];
    c.read_exact(&mut body).await.map_err(|e| mid(e.to_string()))?;
    Ok((Answer { status, retry_after, body }, close))
}

impl Client {
    fn new(addr: SocketAddr, local: Option<IpAddr>) -> Client {
        Client { addr, local, conn: None, retries: 0 }
    }

    async fn send(&mut self, request: &[u8]) -> Result<Answer, String> {
        for attempt in 0..2 {
            let reused = self.conn.is_some();
            if !reused {
                let s = connect(self.addr, self.local).await.map_err(|e| format!("connect: {e}"))?;
                self.conn = Some(BufReader::new(s));
            }
            let c = self.conn.as_mut().unwrap();
            match exchange(c, request).await {
                Ok((answer, close)) => {
                    if close {
                        self.conn = None;
                    }
                    return Ok(answer);
                }
                Err(Failure::BeforeAnswer(_)) if reused && attempt == 0 => {
                    self.conn = None;
                    self.retries += 1;
                }
                Err(Failure::BeforeAnswer(e) | Failure::MidAnswer(e)) => {
                    self.conn = None;
                    return Err(e);
                }
            }
        }
        unreachable!()
    }
}

// ---------------------------------------------------------------- leads

struct Job {
    id: String,
    body: String,
    request: Vec<u8>,
}

fn job(base: &Value, addr: SocketAddr, k: usize, prefix: &str) -> Job {
    let id = format!("{prefix}-{k:010}");
    let mut v = base.clone();
    v["id"] = json!(id);
    v["contact"]["email"] = json!(format!("lead{k}@example.com"));
    v["contact"]["company"] = json!(format!("O'Reilly \"{k}\"; --"));
    let body = serde_json::to_string(&v).unwrap();
    let request = format!(
        "POST /api/leads HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nIdempotency-Key: {id}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes();
    Job { id, body, request }
}

/// One request's outcome: job index, answer or error, latency.
struct Outcome {
    job: usize,
    answer: Result<Answer, String>,
    latency: Duration,
}

struct Run {
    outcomes: Vec<Outcome>,
    elapsed: Duration,
    retries: usize,
    hit_time_limit: bool,
}

/// Sends `jobs` in order from `connections` keep-alive connections until
/// all are sent or `limit` has passed.
async fn drive(
    addr: SocketAddr,
    jobs: Arc<Vec<Job>>,
    connections: usize,
    limit: Duration,
    local: Option<IpAddr>,
) -> Run {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + limit;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (jobs, next) = (jobs.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut client = Client::new(addr, local);
            let mut out = Vec::new();
            while Instant::now() < deadline {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let t = Instant::now();
                let answer = client.send(&job.request).await;
                out.push(Outcome { job: i, answer, latency: t.elapsed() });
            }
            (out, client.retries)
        }));
    }
    let mut outcomes = Vec::new();
    let mut retries = 0;
    for t in tasks {
        let (o, r) = t.await.unwrap();
        outcomes.extend(o);
        retries += r;
    }
    let elapsed = start.elapsed();
    let hit_time_limit = outcomes.len() < jobs.len();
    outcomes.sort_by_key(|o| o.job);
    Run { outcomes, elapsed, retries, hit_time_limit }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Figures common to both scenarios.
fn figures(run: &Run, planned: usize) -> Value {
    let mut lat: Vec<Duration> = run.outcomes.iter().map(|o| o.latency).collect();
    lat.sort();
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = 0;
    for o in &run.outcomes {
        match &o.answer {
            Ok(a) => *statuses.entry(a.status.to_string()).or_default() += 1,
            Err(_) => errors += 1,
        }
    }
    let secs = run.elapsed.as_secs_f64();
    json!({
        "planned_requests": planned,
        "completed_requests": run.outcomes.len(),
        "hit_time_limit": run.hit_time_limit,
        "elapsed_s": round3(secs),
        "requests_per_s": (run.outcomes.len() as f64 / secs).round() as u64,
        "latency_ms": {
            "p50": round3(percentile(&lat, 50.0)),
            "p90": round3(percentile(&lat, 90.0)),
            "p99": round3(percentile(&lat, 99.0)),
            "max": round3(lat.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0)),
        },
        "statuses": statuses,
        "connection_errors": errors,
        "keep_alive_retries": run.retries,
    })
}

// ---------------------------------------------------------------- slowloris

/// Opens a connection and dribbles a request head, one byte per 50 ms (it
/// would take ~25 s), until the server closes it; returns after how long.
async fn slowloris(addr: SocketAddr) -> Duration {
    let t = Instant::now();
    let mut s = connect(addr, None).await.unwrap();
    let head = format!(
        "POST /api/leads HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nX-Slow: {}\r\n\r\n",
        "z".repeat(400)
    );
    let mut buf = [0u8; 256];
    for b in head.as_bytes() {
        if s.write_all(std::slice::from_ref(b)).await.is_err() {
            return t.elapsed();
        }
        match tokio::time::timeout(Duration::from_millis(50), s.read(&mut buf)).await {
            Err(_) => {}
            Ok(Ok(0) | Err(_)) => return t.elapsed(),
            Ok(Ok(_)) => panic!("a slowloris client got an answer"),
        }
    }
    panic!("a slowloris client was not cut off");
}

// ---------------------------------------------------------------- scenarios

async fn throughput() -> Value {
    let leads = env_usize("B2B_LOAD_LEADS", 2000);
    let connections = env_usize("B2B_LOAD_CONNECTIONS", 32);
    let limit = Duration::from_secs(env_usize("B2B_LOAD_SECS", 10) as u64);
    let slow = env_usize("B2B_LOAD_SLOW", 8);
    let read_timeout = 2;
    let server = start_server("throughput", &["--rate-limit", "0", "--read-timeout", &read_timeout.to_string()]).await;
    let addr = server.addr;

    // Originals in order; after every 10th a resend of the 3rd-last (likely
    // answered already), after every 50th a resend of itself (likely still
    // in flight on another connection).
    let base = fixture();
    let mut jobs = Vec::new();
    for k in 0..leads {
        jobs.push(job(&base, addr, k, "load-lead"));
        if k % 10 == 9 {
            jobs.push(job(&base, addr, k - 3, "load-lead"));
        }
        if k % 50 == 49 {
            jobs.push(job(&base, addr, k, "load-lead"));
        }
    }
    let planned = jobs.len();
    let jobs = Arc::new(jobs);

    let slow_tasks: Vec<_> = (0..slow).map(|_| tokio::spawn(slowloris(addr))).collect();
    let run = drive(addr, jobs.clone(), connections, limit, None).await;
    let mut slow_cut = Vec::new();
    for t in slow_tasks {
        slow_cut.push(t.await.unwrap().as_secs_f64());
    }

    // Correctness.
    let errors: Vec<&String> = run.outcomes.iter().filter_map(|o| o.answer.as_ref().err()).collect();
    assert!(errors.is_empty(), "connection errors: {errors:?}");
    assert_eq!(run.retries, 0, "keep-alive connections broke");
    let mut created: HashMap<&str, usize> = HashMap::new();
    let mut answered: HashSet<&str> = HashSet::new();
    let mut duplicates = 0;
    for o in &run.outcomes {
        let a = o.answer.as_ref().unwrap();
        let id = jobs[o.job].id.as_str();
        let v: Value = serde_json::from_slice(&a.body).unwrap();
        answered.insert(id);
        match a.status {
            201 => {
                assert_eq!(v, json!({"status": "stored", "id": id}));
                *created.entry(id).or_default() += 1;
            }
            200 => {
                assert_eq!(v, json!({"status": "duplicate", "id": id}));
                duplicates += 1;
            }
            s => panic!("{id}: status {s}: {v}"),
        }
    }
    for id in &answered {
        assert_eq!(created.get(id), Some(&1), "{id}: 201 not exactly once");
    }
    let (rows, in_db) = stored(&server.db);
    assert_eq!(rows, created.len(), "rows vs. leads answered 201");
    assert_eq!(in_db.len(), rows, "an id stored twice");
    let bodies: HashMap<&str, &str> = jobs.iter().map(|j| (j.id.as_str(), j.body.as_str())).collect();
    for id in created.keys() {
        assert_eq!(
            in_db.get(*id).map(String::as_str),
            Some(bodies[id]),
            "{id}: acknowledged but missing or altered in the database"
        );
    }
    assert_eq!(slow_cut.len(), slow);

    let mut f = figures(&run, planned);
    f["connections"] = json!(connections);
    f["distinct_leads_planned"] = json!(leads);
    f["resends"] = json!(duplicates);
    f["rows"] = json!(rows);
    f["slowloris"] = json!({
        "clients": slow,
        "read_timeout_s": read_timeout,
        "cut_off_after_s": slow_cut.iter().map(|s| round3(*s)).collect::<Vec<_>>(),
    });
    drop(server.child);
    f
}

async fn rate_limited_burst() -> Value {
    let burst = env_usize("B2B_LOAD_BURST", 300);
    let connections = env_usize("B2B_LOAD_CONNECTIONS", 32);
    let limit_per_min = 60;
    let server = start_server("rate", &["--rate-limit", &limit_per_min.to_string()]).await;
    let addr = server.addr;
    let base = fixture();
    let jobs: Arc<Vec<Job>> = Arc::new((0..burst).map(|k| job(&base, addr, k, "burst-lead")).collect());
    let run = drive(addr, jobs.clone(), connections, Duration::from_secs(30), None).await;
    assert!(!run.hit_time_limit);
    assert_eq!(run.retries, 0, "keep-alive connections broke");

    let mut accepted = HashSet::new();
    let mut limited = 0;
    for o in &run.outcomes {
        let a = o.answer.as_ref().unwrap_or_else(|e| panic!("connection error: {e}"));
        let v: Value = serde_json::from_slice(&a.body).unwrap();
        match a.status {
            201 => {
                assert!(accepted.insert(jobs[o.job].id.clone()));
            }
            429 => {
                limited += 1;
                let secs: u64 = a.retry_after.as_deref().expect("429 without Retry-After").parse().unwrap();
                assert!((1..=60).contains(&secs), "Retry-After {secs}");
                assert!(v["error"].as_str().unwrap().starts_with("rate limit:"), "{v}");
            }
            s => panic!("status {s}: {v}"),
        }
    }
    assert_eq!(accepted.len(), limit_per_min.min(burst));
    assert_eq!(limited, burst - accepted.len());
    let (rows, in_db) = stored(&server.db);
    assert_eq!(rows, accepted.len(), "rows vs. 201 answers");
    for id in &accepted {
        assert!(in_db.contains_key(id), "{id}: acknowledged but not stored");
    }

    // Another source address has its own bucket (Linux routes all of
    // 127.0.0.0/8 to lo; elsewhere binding 127.0.0.2 may fail: skipped).
    let other = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    let other_ok = match connect(addr, Some(other)).await {
        Err(_) => None,
        Ok(_) => {
            let jobs: Arc<Vec<Job>> = Arc::new((0..5).map(|k| job(&base, addr, k, "other-ip-lead")).collect());
            let run2 = drive(addr, jobs, 1, Duration::from_secs(10), Some(other)).await;
            let ok = run2.outcomes.iter().filter(|o| o.answer.as_ref().is_ok_and(|a| a.status == 201)).count();
            assert_eq!(ok, 5, "127.0.0.2 was limited by 127.0.0.1's burst");
            assert_eq!(stored(&server.db).0, rows + 5);
            Some(ok)
        }
    };

    let mut f = figures(&run, burst);
    f["connections"] = json!(connections);
    f["rate_limit_per_min"] = json!(limit_per_min);
    f["stored"] = json!(accepted.len());
    f["rate_limited"] = json!(limited);
    f["rows"] = json!(rows);
    f["other_ip_accepted"] = json!(other_ok);
    drop(server.child);
    f
}

fn table(name: &str, f: &Value) -> String {
    let l = &f["latency_ms"];
    format!(
        "{name:<20} {:>6} req {:>7.3} s {:>7} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  statuses {}  rows {}",
        f["completed_requests"],
        f["elapsed_s"].as_f64().unwrap(),
        f["requests_per_s"],
        l["p50"].as_f64().unwrap(),
        l["p99"].as_f64().unwrap(),
        l["max"].as_f64().unwrap(),
        f["statuses"],
        f["rows"],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load() {
    let run = async {
        let t = throughput().await;
        let r = rate_limited_burst().await;
        (t, r)
    };
    // A hard cap on the whole test, whatever the sizes.
    let (t, r) = tokio::time::timeout(Duration::from_secs(120), run).await.expect("load test exceeded 120 s");
    let report = json!({
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
        "cores": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "throughput": t,
        "rate_limited_burst": r,
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("load.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap() + "\n").unwrap();
    println!("load test ({}, {} cores)", report["profile"], report["cores"]);
    println!("{}", table("throughput", &report["throughput"]));
    println!("{}", table("rate-limited burst", &report["rate_limited_burst"]));
    println!("figures: {}", path.canonicalize().unwrap_or(path).display());
}
