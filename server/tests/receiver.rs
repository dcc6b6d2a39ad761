//! The lead receiver: starts the router on a free port with a temp SQLite
//! database and talks raw HTTP/1.1 to it.

mod common;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use b2b_assessment_server::envelope::{self, Checked, Lead};
use b2b_assessment_server::receiver::{parse_fault_settings, RateLimiter};
use b2b_assessment_server::store::{csv_cell, rfc3339, Store};
use b2b_assessment_server::{Command, Options, ReceiverConfig};
use common::{
    fixture, fixture_test, fixture_v1, fixture_v2, parse_reply, post_bytes, raw, request, spawn_serve, stored_lead,
    temp_site, with_id, Reply, Server,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------- helpers

/// POSTs an envelope as JSON with `Idempotency-Key` = its `id` (if a string).
async fn post_lead(addr: SocketAddr, v: &Value) -> Reply {
    let body = serde_json::to_vec(v).unwrap();
    let mut headers = vec![("Content-Type", "application/json")];
    let id = v.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
    if !id.is_empty() && !id.contains(['\r', '\n']) {
        headers.push(("Idempotency-Key", id.as_str()));
    }
    request(addr, "POST", "/api/leads", &headers, &body).await
}

/// Sets (Some) or removes (None) the value at a JSON pointer.
fn set(v: &mut Value, pointer: &str, new: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = if parent.is_empty() { v } else { v.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}")) };
    if let Some(items) = parent.as_array_mut() {
        let i: usize = key.parse().unwrap();
        match new {
            Some(n) => items[i] = n,
            None => drop(items.remove(i)),
        }
        return;
    }
    let obj = parent.as_object_mut().unwrap();
    match new {
        Some(n) => {
            obj.insert(key.to_owned(), n);
        }
        None => {
            obj.remove(key);
        }
    }
}

async fn start(name: &str, config: ReceiverConfig) -> Server {
    common::start("receiver", name, config).await
}

fn no_limit() -> ReceiverConfig {
    ReceiverConfig { rate_limit: 0, ..ReceiverConfig::default() }
}

// ---------------------------------------------------------------- storing

#[tokio::test]
async fn stores_once_and_reports_duplicates() {
    let s = start("store", no_limit()).await;
    let lead = fixture();
    let body = serde_json::to_string(&lead).unwrap();

    let r = post_lead(s.addr, &lead).await;
    assert_eq!(r.status, 201, "{}\n{}", r.head, r.text());
    assert_eq!(r.json(), json!({"status": "stored", "id": "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b"}));
    assert_eq!(r.header("content-type").as_deref(), Some("application/json"));
    assert_eq!(s.rows(), 1);

    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let row: (String, String, String, String, String, i64, String, String, String, String) = conn
        .query_row(
            "SELECT id, received_at, email, company, name, score, level, lang, page_url, payload FROM leads",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            },
        )
        .unwrap();
    assert_eq!(row.0, "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b");
    assert!(row.1.len() == 24 && row.1.ends_with('Z'), "{}", row.1);
    assert_eq!(row.2, "taro.yamada@example.co.jp");
    assert_eq!(row.3, "株式会社サンプル");
    assert_eq!(row.4, "山田 太郎");
    assert_eq!(row.5, 49);
    assert_eq!(row.6, "foundations");
    assert_eq!(row.7, "ja");
    assert!(row.8.starts_with("https://www.example.co.jp/assessment/"));
    assert_eq!(row.9, body, "payload is stored verbatim");

    // Same id again (a retry): success, no second row.
    let r = post_lead(s.addr, &lead).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"status": "duplicate", "id": "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b"}));
    assert_eq!(s.rows(), 1);

    // Without the Idempotency-Key header it is still deduplicated by id.
    let r =
        request(s.addr, "POST", "/api/leads", &[("Content-Type", "application/json; charset=utf-8")], body.as_bytes())
            .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(s.rows(), 1);

    // A different id is a new lead; optional fields may be null or absent.
    let mut other = with_id(fixture(), "second-lead_0000001");
    set(&mut other, "/contact/name", Some(Value::Null));
    set(&mut other, "/contact/company", None);
    set(&mut other, "/source", None);
    set(&mut other, "/profile", None);
    let r = post_lead(s.addr, &other).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(s.rows(), 2);
    assert_eq!(s.receiver.store().count().unwrap(), 2);

    // Other methods on /api/leads are not allowed; static files still work.
    let r = request(s.addr, "GET", "/api/leads", &[], b"").await;
    assert_eq!(r.status, 405);
    let r = request(s.addr, "GET", "/", &[], b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "<p>hi</p>");
}

#[tokio::test]
async fn honeypot_is_ignored_and_not_stored() {
    let s = start("honeypot", no_limit()).await;
    for trap in [json!("http://spam.example"), json!(" "), json!(true), json!(1)] {
        let mut lead = fixture();
        lead["trap"] = trap.clone();
        let r = post_lead(s.addr, &lead).await;
        assert_eq!(r.status, 200, "{trap}: {}", r.text());
        assert_eq!(r.json(), json!({"status": "ignored"}), "{trap}");
    }
    // Even when the rest is garbage, the bot learns nothing.
    let r = post_lead(s.addr, &json!({"trap": "x", "contact": 5})).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"status": "ignored"}));
    assert_eq!(s.rows(), 0);

    // Empty or null trap: a normal lead.
    for trap in [json!(""), Value::Null] {
        let mut lead = with_id(fixture(), if trap.is_null() { "trap-null-000000001" } else { "trap-empty-00000001" });
        lead["trap"] = trap;
        assert_eq!(post_lead(s.addr, &lead).await.status, 201);
    }
    assert_eq!(s.rows(), 2);
}

// ---------------------------------------------------------------- validation

#[tokio::test]
async fn each_rule_is_a_400_naming_the_field() {
    let s = start("validation", no_limit()).await;
    let long = |n: usize| json!("x".repeat(n));
    let many: Value = (0..101).map(|i| (format!("k{i}"), json!("v"))).collect::<serde_json::Map<_, _>>().into();
    // (JSON pointer, new value or None = remove, expected error prefix)
    let cases: Vec<(&str, Option<Value>, &str)> = vec![
        ("/event", Some(json!("other.event")), "event:"),
        ("/event", None, "event: required"),
        ("/event", Some(json!(1)), "event:"),
        ("/schema_version", Some(json!(4)), "schema_version: unsupported version 4"),
        ("/schema_version", Some(json!(0)), "schema_version: unsupported version 0"),
        ("/schema_version", Some(json!("1")), "schema_version:"),
        ("/schema_version", None, "schema_version: required"),
        ("/id", Some(json!("too-short")), "id:"),
        ("/id", Some(json!("x".repeat(65))), "id:"),
        ("/id", Some(json!("0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0!")), "id:"),
        ("/id", Some(json!("0f8e2c3a 9b7d4e1f8a6c5b4d3e2f1a0")), "id:"),
        ("/id", Some(json!(12345678901234567_u64)), "id:"),
        ("/id", None, "id: required"),
        ("/created_at", Some(json!(5)), "created_at:"),
        ("/created_at", Some(json!("yesterday")), "created_at:"),
        ("/created_at", Some(json!(format!("2026-11-24T{}", "0".repeat(30)))), "created_at:"),
        ("/created_at", None, "created_at: required"),
        ("/contact", None, "contact: required"),
        ("/contact", Some(json!("taro@example.com")), "contact:"),
        ("/contact/email", None, "contact.email: required"),
        ("/contact/email", Some(json!(["a@b.co"])), "contact.email:"),
        ("/contact/email", Some(json!("a@b")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("a@@b.co")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("a@b@c.co")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("a b@c.co")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("@b.co")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("a@.b.co")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!("a@b.co.")), "contact.email: not an e-mail address"),
        ("/contact/email", Some(json!(format!("{}@example.com", "a".repeat(250)))), "contact.email:"),
        ("/contact/name", Some(long(402)), "contact.name: longer than 401"),
        ("/contact/name", Some(json!(1)), "contact.name:"),
        ("/contact/company", Some(long(201)), "contact.company:"),
        ("/contact/job_title", Some(json!({})), "contact.job_title:"),
        ("/contact/phone", Some(long(201)), "contact.phone:"),
        ("/consent", None, "consent: required"),
        ("/consent/given", Some(json!(false)), "consent.given:"),
        ("/consent/given", Some(json!("true")), "consent.given:"),
        ("/consent/given", None, "consent.given: required"),
        ("/consent/text", Some(json!("")), "consent.text:"),
        ("/consent/text", Some(json!("  ")), "consent.text:"),
        ("/consent/text", None, "consent.text: required"),
        ("/consent/at", Some(json!(1)), "consent.at:"),
        ("/consent/at", None, "consent.at: required"),
        ("/scores", None, "scores: required"),
        ("/scores/overall", Some(json!(101)), "scores.overall:"),
        ("/scores/overall", Some(json!(-1)), "scores.overall:"),
        ("/scores/overall", Some(json!(50.5)), "scores.overall:"),
        ("/scores/overall", Some(json!("50")), "scores.overall:"),
        ("/scores/overall", None, "scores.overall: required"),
        ("/scores/level", Some(json!(3)), "scores.level:"),
        ("/scores/level", None, "scores.level: required"),
        ("/profile", Some(json!("x")), "profile:"),
        ("/profile/revenue", Some(json!(1)), "profile.revenue:"),
        ("/answers", Some(json!(["yes"])), "answers:"),
        ("/answers/duties_documented", Some(json!(true)), "answers.duties_documented:"),
        ("/answers", Some(many), "answers:"),
        ("/source", Some(json!("x")), "source:"),
        ("/source/page_url", Some(long(2001)), "source.page_url:"),
        ("/source/referrer", Some(json!(1)), "source.referrer:"),
        ("/source/utm", Some(json!([])), "source.utm:"),
        ("/source/utm/source", Some(json!(1)), "source.utm.source:"),
        // Version 2's members, whenever present.
        ("/contact/family_name", Some(long(201)), "contact.family_name:"),
        ("/contact/given_name", Some(json!(1)), "contact.given_name:"),
        ("/contact/department", Some(json!([])), "contact.department:"),
        ("/profile_labels", Some(json!("x")), "profile_labels:"),
        ("/profile_labels/revenue", Some(long(201)), "profile_labels.revenue:"),
        ("/answer_labels/shared_kpis", Some(json!(0)), "answer_labels.shared_kpis:"),
        ("/scores/level_label", Some(json!(2)), "scores.level_label:"),
        ("/scores/category_labels", Some(json!(["x"])), "scores.category_labels:"),
        ("/summary", Some(long(1001)), "summary: longer than 1000"),
        ("/summary", Some(json!({})), "summary:"),
        ("/top_actions", Some(json!("one")), "top_actions: must be an array"),
        ("/top_actions", Some(json!(["a", "b", "c", "d"])), "top_actions: more than 3"),
        ("/top_actions/0", Some(json!(1)), "top_actions[0]:"),
        ("/consent/purposes", Some(json!("x")), "consent.purposes:"),
        ("/consent/purposes/0", Some(long(201)), "consent.purposes[0]:"),
        // Version 3's `test`: only `true` means anything.
        ("/test", Some(json!(false)), "test: must be true when present"),
        ("/test", Some(json!("yes")), "test: must be true when present"),
        ("/test", Some(json!(1)), "test: must be true when present"),
        // Control characters, anywhere.
        ("/contact/name", Some(json!("a\u{0}b")), "contact.name:"),
        ("/contact/company", Some(json!("a\nb")), "contact.company:"),
        ("/consent/text", Some(json!("ok\r\nBcc: x")), "consent.text:"),
        ("/answers/duties_documented", Some(json!("\u{1b}[31m")), "answers.duties_documented:"),
        ("/source/mode", Some(json!("lead\u{7f}")), "source.mode:"),
        ("/source/utm/campaign", Some(json!("a\tb")), "source.utm.campaign:"),
        ("/benchmarks/note", Some(json!("\u{85}")), "benchmarks.note:"),
    ];
    for (pointer, new, expected) in cases {
        let mut lead = fixture();
        let shown = format!("{pointer} = {new:?}");
        set(&mut lead, pointer, new);
        let r = post_lead(s.addr, &lead).await;
        assert_eq!(r.status, 400, "{shown}: {}", r.text());
        let err = r.error();
        assert!(err.starts_with(expected), "{shown}: got {err:?}, want {expected:?}...");
    }
    // The exact message of the example in the issue.
    let mut lead = fixture();
    lead["contact"]["email"] = json!("x");
    assert_eq!(post_lead(s.addr, &lead).await.error(), r#"contact.email: not an e-mail address: "x""#);

    // Not an object / not JSON.
    for body in [&b"[]"[..], b"\"lead\"", b"{", b"", b"\xff\xfe"] {
        let r = request(s.addr, "POST", "/api/leads", &[("Content-Type", "application/json")], body).await;
        assert_eq!(r.status, 400, "{body:?}: {}", r.text());
        assert!(r.error().starts_with("body:"), "{}", r.error());
    }
    assert_eq!(s.rows(), 0);
}

#[tokio::test]
async fn idempotency_key_must_match_id() {
    let s = start("idem", no_limit()).await;
    let body = serde_json::to_vec(&fixture()).unwrap();
    let r = request(
        s.addr,
        "POST",
        "/api/leads",
        &[("Content-Type", "application/json"), ("Idempotency-Key", "another-key-0000000000")],
        &body,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.error().starts_with("id: does not match the Idempotency-Key"), "{}", r.error());
    assert_eq!(s.rows(), 0);
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let s = start("415", no_limit()).await;
    let body = serde_json::to_vec(&fixture()).unwrap();
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        None,
    ] {
        let mut headers = vec![];
        if let Some(ct) = ct {
            headers.push(("Content-Type", ct));
        }
        let r = request(s.addr, "POST", "/api/leads", &headers, &body).await;
        assert_eq!(r.status, 415, "{ct:?}");
        assert!(r.error().starts_with("Content-Type:"), "{}", r.error());
    }
    assert_eq!(s.rows(), 0);
    let r = request(s.addr, "POST", "/api/leads", &[("Content-Type", "Application/JSON; charset=UTF-8")], &body).await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn oversize_body_is_413() {
    let s = start("413", no_limit()).await;
    // Exactly 64 KiB (padded through an unknown key): accepted.
    let mut lead = with_id(fixture(), "size-exact-00000000001");
    lead["padding"] = json!("");
    let base = serde_json::to_vec(&lead).unwrap().len();
    lead["padding"] = json!("p".repeat(64 * 1024 - base));
    let body = serde_json::to_vec(&lead).unwrap();
    assert_eq!(body.len(), 64 * 1024);
    let r = post_lead(s.addr, &lead).await;
    assert_eq!(r.status, 201, "{}", r.text());

    // One byte more: 413, by Content-Length...
    let mut lead = with_id(fixture(), "size-over-000000000001");
    lead["padding"] = json!("p".repeat(64 * 1024 - base + 1));
    let r = post_lead(s.addr, &lead).await;
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.error().starts_with("body:"));

    // ...and when streamed in chunks without a Content-Length.
    let body = serde_json::to_vec(&json!({"padding": "p".repeat(200_000)})).unwrap();
    let mut req = b"POST /api/leads HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    for chunk in body.chunks(8192) {
        req.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        req.extend_from_slice(chunk);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let r = parse_reply(&raw(s.addr, &req).await);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(s.rows(), 1);
}

#[tokio::test]
async fn sql_metacharacters_are_stored_verbatim() {
    let s = start("sql", no_limit()).await;
    let evil = "'; DROP TABLE leads; --";
    let mut lead = fixture();
    for pointer in [
        "/contact/name",
        "/contact/company",
        "/contact/job_title",
        "/contact/phone",
        "/scores/level",
        "/source/page_url",
        "/source/referrer",
        "/source/lang",
        "/source/mode",
        "/source/utm/source",
        "/profile/revenue",
        "/answers/duties_documented",
        "/consent/text",
        "/consent/at",
        "/consent/privacy_url",
        "/benchmarks/note",
    ] {
        set(&mut lead, pointer, Some(json!(evil)));
    }
    lead["created_at"] = json!(format!("2026-11-24{evil}"));
    lead["contact"]["email"] = json!("o'brien\";--@example.com");
    let body = serde_json::to_string(&lead).unwrap();
    let r = post_lead(s.addr, &lead).await;
    assert_eq!(r.status, 201, "{}", r.text());

    let id = lead["id"].as_str().unwrap();
    let [email, name, company, level, lang, page_url, payload] = stored_lead(&s.db, id);
    assert_eq!(email, "o'brien\";--@example.com");
    for v in [&name, &company, &level, &lang, &page_url] {
        assert_eq!(v, evil);
    }
    assert_eq!(payload, body);
    // The table is intact and still takes leads.
    assert_eq!(s.rows(), 1);
    let r = post_lead(s.addr, &with_id(fixture(), "after-the-attack-001")).await;
    assert_eq!(r.status, 201);
    assert_eq!(s.rows(), 2);

    // An id cannot carry SQL at all.
    let r = post_lead(s.addr, &with_id(fixture(), "x'); DROP TABLE leads; --")).await;
    assert_eq!(r.status, 400);
    assert_eq!(s.rows(), 2);
}

// ---------------------------------------------------------------- rate limit

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let s = start(
        "rate",
        ReceiverConfig {
            rate_limit: 3,
            cors_origins: vec!["https://shop.example".into()],
            ..ReceiverConfig::default()
        },
    )
    .await;
    // Every POST counts, valid or not.
    let r = post_lead(s.addr, &fixture()).await;
    assert_eq!(r.status, 201);
    let r = post_lead(s.addr, &fixture()).await;
    assert_eq!(r.status, 200);
    let r = request(s.addr, "POST", "/api/leads", &[("Content-Type", "text/plain")], b"x").await;
    assert_eq!(r.status, 415);

    let r = request(
        s.addr,
        "POST",
        "/api/leads",
        &[("Content-Type", "application/json"), ("Origin", "https://shop.example")],
        &serde_json::to_vec(&with_id(fixture(), "rate-limited-00000001")).unwrap(),
    )
    .await;
    assert_eq!(r.status, 429, "{}", r.text());
    let retry: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(r.error().starts_with("rate limit:"));
    // The widget can read the 429 cross-origin.
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some("https://shop.example"));
    assert_eq!(s.rows(), 1);

    // Only POST /api/leads is limited.
    assert_eq!(request(s.addr, "GET", "/", &[], b"").await.status, 200);

    // 0 = off.
    let s = start("rate-off", no_limit()).await;
    for _ in 0..30 {
        let r = post_lead(s.addr, &fixture()).await;
        assert!(r.status == 201 || r.status == 200, "{}", r.status);
    }
}

#[test]
fn rate_limiter_window() {
    let ip = "192.0.2.1".parse().unwrap();
    let other = "192.0.2.2".parse().unwrap();
    let mut rl = RateLimiter::new(2, Duration::from_secs(60));
    let t0 = Instant::now();
    assert_eq!(rl.check(ip, t0), Ok(()));
    assert_eq!(rl.check(ip, t0 + Duration::from_secs(10)), Ok(()));
    assert_eq!(rl.check(ip, t0 + Duration::from_secs(10)), Err(50));
    assert_eq!(rl.check(other, t0 + Duration::from_secs(10)), Ok(()));
    assert_eq!(rl.check(ip, t0 + Duration::from_millis(59_500)), Err(1));
    assert_eq!(rl.check(ip, t0 + Duration::from_secs(60)), Ok(()));
    assert_eq!(rl.check(ip, t0 + Duration::from_secs(61)), Err(9));
    let mut off = RateLimiter::new(0, Duration::from_secs(60));
    for _ in 0..1000 {
        assert_eq!(off.check(ip, t0), Ok(()));
    }
}

// ---------------------------------------------------------------- CORS

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let s = start(
        "cors",
        ReceiverConfig {
            cors_origins: vec!["https://shop.example".into(), "http://localhost:3000/".into()],
            ..no_limit()
        },
    )
    .await;
    let preflight = |origin: &'static str| {
        let addr = s.addr;
        async move {
            request(
                addr,
                "OPTIONS",
                "/api/leads",
                &[
                    ("Origin", origin),
                    ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type,idempotency-key"),
                ],
                b"",
            )
            .await
        }
    };
    for origin in ["https://shop.example", "http://localhost:3000"] {
        let r = preflight(origin).await;
        assert_eq!(r.status, 204, "{origin}: {}", r.head);
        assert_eq!(r.header("access-control-allow-origin").as_deref(), Some(origin));
        let methods = r.header("access-control-allow-methods").unwrap();
        assert!(methods.contains("POST"), "{methods}");
        let headers = r.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
        assert!(headers.contains("content-type") && headers.contains("idempotency-key"));
        assert_eq!(r.header("vary").as_deref(), Some("Origin"));
    }
    for origin in ["https://evil.example", "https://shop.example.evil.example", "null"] {
        let r = preflight(origin).await;
        assert_eq!(r.status, 403, "{origin}");
        assert_eq!(r.header("access-control-allow-origin"), None, "{origin}");
    }

    let body = serde_json::to_vec(&fixture()).unwrap();
    let post = |origin: Option<&'static str>| {
        let addr = s.addr;
        let body = body.clone();
        async move {
            let mut headers = vec![("Content-Type", "application/json")];
            if let Some(o) = origin {
                headers.push(("Origin", o));
            }
            request(addr, "POST", "/api/leads", &headers, &body).await
        }
    };
    let r = post(Some("https://shop.example")).await;
    assert_eq!(r.status, 201);
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some("https://shop.example"));
    assert_eq!(r.header("vary").as_deref(), Some("Origin"));
    let r = post(Some("https://evil.example")).await;
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = post(None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);

    // No origins configured: nothing is granted.
    let s2 = start("cors-none", no_limit()).await;
    let r = request(
        s2.addr,
        "OPTIONS",
        "/api/leads",
        &[("Origin", "https://shop.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.header("access-control-allow-origin"), None);

    // `*` allows any origin (echoed, never a literal `*`).
    let s3 = start("cors-any", ReceiverConfig { cors_origins: vec!["*".into()], ..no_limit() }).await;
    let r = request(
        s3.addr,
        "OPTIONS",
        "/api/leads",
        &[("Origin", "https://any.example"), ("Access-Control-Request-Method", "POST")],
        b"",
    )
    .await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some("https://any.example"));
}

// ---------------------------------------------------------------- export

#[test]
fn csv_cells_are_quoted_and_guarded() {
    assert_eq!(csv_cell("plain"), "plain");
    assert_eq!(csv_cell(""), "");
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv_cell("cr\rlf"), "\"cr\rlf\"");
    assert_eq!(csv_cell("=1+1"), "'=1+1");
    assert_eq!(csv_cell("+81 3 1234"), "'+81 3 1234");
    assert_eq!(csv_cell("-2"), "'-2");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell("\tx"), "'\tx");
    assert_eq!(csv_cell("=HYPERLINK(\"http://evil\",\"x\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    assert_eq!(csv_cell("a=b"), "a=b");
    assert_eq!(csv_cell("山田, 太郎"), "\"山田, 太郎\"");
}

/// The export's columns are `id`, `received_at` and every mappable key of
/// the stored envelopes (labels, summary, top actions), formula-guarded and
/// quoted; a version 1 lead leaves the columns it has nothing for empty.
#[test]
fn store_exports_csv() {
    let store = Store::open_in_memory().unwrap();
    let mut a = with_id(fixture(), "lead-a-0000000000001");
    a["contact"]["family_name"] = json!("=cmd|' /C calc'!A0");
    a["contact"]["company"] = json!("Acme, \"Inc.\"");
    a["contact"]["email"] = json!("a@example.com");
    let b = with_id(fixture_v1(), "lead-b-0000000000002");
    for (lead, at) in [(&a, "2026-01-01T00:00:00.000Z"), (&b, "2026-01-02T00:00:00.000Z")] {
        let Checked::Lead(l) = envelope::check(lead, None).unwrap() else { panic!("a lead") };
        store.insert(&l, at, &lead.to_string()).unwrap();
    }
    let csv = store.export_csv_string().unwrap();
    let mut lines = csv.split("\r\n");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let keys: Vec<String> = b2b_assessment_core::domain::lead::mappable(
        &b2b_assessment_core::json::from_str(&fixture().to_string()).unwrap(),
    )
    .into_iter()
    .map(|(k, _)| k)
    .filter(|k| k != "lead_id")
    .collect();
    assert_eq!(header[..3], ["id", "received_at", "test"]);
    assert_eq!(header[3..], keys.iter().map(String::as_str).collect::<Vec<_>>()[..], "every mappable key");
    for want in ["family_name", "department", "level_label", "summary", "top_action_1", "answer_shared_kpis_label"] {
        assert!(header.contains(&want), "a {want} column");
    }
    // (Cells here hold no line breaks: splitting a row on commas outside quotes is enough.)
    let cells = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        for ch in line.chars() {
            match ch {
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let col = |row: &[String], name: &str| row[header.iter().position(|h| *h == name).unwrap()].clone();
    let row_a = cells(lines.next().unwrap());
    let row_b = cells(lines.next().unwrap());
    assert_eq!(row_a.len(), header.len());
    assert_eq!(col(&row_a, "id"), "lead-a-0000000000001");
    assert_eq!((col(&row_a, "test"), col(&row_b, "test")), Default::default(), "real leads: no test mark");
    assert_eq!(col(&row_a, "family_name"), "'=cmd|' /C calc'!A0", "formula guarded");
    assert_eq!(col(&row_a, "company"), "Acme, Inc.", "quoted (quotes doubled in the file)");
    assert!(csv.contains("\"Acme, \"\"Inc.\"\"\""));
    assert_eq!(col(&row_a, "level_label"), "レベル2 基盤づくり期");
    assert_eq!(col(&row_a, "answer_shared_kpis_label"), "まだできていない");
    assert_eq!(col(&row_a, "top_action_1"), "営業と共通のKPIを持つ");
    assert!(col(&row_a, "summary").starts_with("スコア 49/100（レベル2 基盤づくり期）｜優先課題:"));
    assert_eq!(col(&row_b, "name"), "山田 太郎");
    assert_eq!((col(&row_b, "family_name"), col(&row_b, "level_label"), col(&row_b, "summary")), Default::default());
    assert_eq!(col(&row_b, "level"), "foundations");
    assert_eq!(lines.collect::<Vec<_>>(), [""], "two rows, CRLF after each");

    let empty = Store::open_in_memory().unwrap();
    assert_eq!(empty.export_csv_string().unwrap(), "id,received_at,test\r\n");
}

#[tokio::test]
async fn export_endpoints_need_the_token() {
    // No token configured: both 404, whatever is sent.
    let s = start("export-off", no_limit()).await;
    assert_eq!(post_lead(s.addr, &fixture()).await.status, 201);
    for path in ["/api/leads.csv", "/api/leads/count"] {
        for auth in [None, Some("Bearer "), Some("Bearer x")] {
            let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
            let r = request(s.addr, "GET", path, &headers, b"").await;
            assert_eq!(r.status, 404, "{path} {auth:?}");
            assert!(!r.text().contains("taro"), "{path} leaked");
        }
    }

    let s = start("export-on", ReceiverConfig { export_token: Some("s3cret-token".into()), ..no_limit() }).await;
    let mut first = fixture();
    first["contact"]["name"] = json!("=HYPERLINK(\"http://evil\")");
    assert_eq!(post_lead(s.addr, &first).await.status, 201);
    for path in ["/api/leads.csv", "/api/leads/count"] {
        for auth in
            [None, Some("Bearer wrong"), Some("Bearer s3cret-tokenX"), Some("Basic s3cret-token"), Some("s3cret-token")]
        {
            let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
            let r = request(s.addr, "GET", path, &headers, b"").await;
            assert_eq!(r.status, 404, "{path} {auth:?}");
            assert!(!r.text().contains("taro"), "{path} leaked");
        }
    }
    let auth = [("Authorization", "Bearer s3cret-token")];
    let r = request(s.addr, "GET", "/api/leads/count", &auth, b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"count": 1}));
    assert_eq!(post_lead(s.addr, &with_id(fixture(), "second-lead-0000000002")).await.status, 201);
    let r = request(s.addr, "GET", "/api/leads/count", &auth, b"").await;
    assert_eq!(r.json(), json!({"count": 2}));

    let r = request(s.addr, "GET", "/api/leads.csv", &auth, b"").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type").as_deref(), Some("text/csv; charset=utf-8"));
    assert!(r.header("content-disposition").unwrap().contains("leads.csv"));
    let csv = r.text();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(
        lines[0].starts_with("id,received_at,test,created_at,name,family_name,given_name,company,"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains(",score,level,level_label,summary,top_action_1,"), "{}", lines[0]);
    assert!(lines[1].starts_with("0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b,"), "{}", lines[1]);
    assert!(lines[1].contains("Z,,2026-11-24T01:23:45.678Z,"), "empty test cell for a real lead: {}", lines[1]);
    assert!(
        lines[1].contains(
            ",\"'=HYPERLINK(\"\"http://evil\"\")\",山田,太郎,株式会社サンプル,マーケティング部,taro.yamada@example.co.jp,"
        ),
        "{}",
        lines[1]
    );
    assert!(lines[2].starts_with("second-lead-0000000002,"));
    assert_eq!(lines.len(), 4, "{csv:?}");
    assert_eq!(csv, s.receiver.store().export_csv_string().unwrap());
}

// ---------------------------------------------------------------- test leads

/// A CSV export's rows as cells (header first); for exports whose cells hold
/// no line breaks.
fn csv_rows(csv: &str) -> Vec<Vec<String>> {
    let cells = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        for ch in line.chars() {
            match ch {
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    csv.split("\r\n").filter(|l| !l.is_empty()).map(cells).collect()
}

/// `test` (schema 3): `true` marks a test lead; a real lead has no such
/// member; anything else, or `test` in an older version, is refused with a
/// message saying what is allowed.
#[test]
fn the_test_member_is_true_or_absent() {
    let test_lead = |v: &Value| match envelope::check(v, None) {
        Ok(Checked::Lead(l)) => l.test,
        other => panic!("{other:?}"),
    };
    assert!(test_lead(&fixture_test()));
    assert!(!test_lead(&fixture()));
    let mut null = fixture();
    null["test"] = Value::Null;
    assert!(!test_lead(&null), "null is absent, as for every optional member");
    // (what `test` is set to, in which version, the whole message)
    let cases = [
        (json!(false), 3, "test: must be true when present (a lead that is not a test has no test member), got false"),
        (
            json!("yes"),
            3,
            r#"test: must be true when present (a lead that is not a test has no test member), got "yes""#,
        ),
        (json!({}), 3, "test: must be true when present (a lead that is not a test has no test member), got an object"),
        (json!(true), 2, "test: only in schema_version 3 or later (this envelope is version 2)"),
        (json!(true), 1, "test: only in schema_version 3 or later (this envelope is version 1)"),
    ];
    for (value, version, want) in cases {
        let mut v = if version == 1 { fixture_v1() } else { fixture() };
        v["schema_version"] = json!(version);
        v["test"] = value.clone();
        assert_eq!(envelope::check(&v, None).unwrap_err(), want, "{value} in version {version}");
    }
}

/// What the core crate builds for the Builder's "send a test lead", in both
/// languages, passes the receiver as a test lead; the widget's own envelope
/// as a real one.
#[test]
fn the_receiver_accepts_the_core_crates_test_lead() {
    use b2b_assessment_core::domain::lead as core_lead;
    use b2b_assessment_core::domain::{Answers, Content, Locale, Step};
    let content = Content::default_set().expect("default content");
    let mut answers = Answers::new(&content);
    for i in 0..content.step_count() {
        answers.set(&content, Step::at(&content, i).expect("step"), i % 2).expect("answer");
    }
    let id = "5e1ec7ed0b0e4a7d9c3f2a1b0c9d8e7f";
    for locale in Locale::ALL {
        let env = core_lead::test_envelope(
            &content,
            &answers,
            locale,
            "https://example.jp/builder/",
            id,
            "2026-12-06T12:00:01.000Z",
        );
        let v: Value = serde_json::from_str(&env.to_string()).expect("JSON");
        match envelope::check(&v, Some(id)) {
            Ok(Checked::Lead(l)) => {
                assert!(l.test, "{locale}");
                assert_eq!(l.email, core_lead::TEST_EMAIL);
            }
            other => panic!("{locale}: the receiver refused the core crate's test lead: {other:?}"),
        }
    }
    let real = core_lead::envelope(
        &content,
        &answers,
        &core_lead::Contact { email: "taro@example.co.jp".into(), ..Default::default() },
        &core_lead::Consent {
            given: true,
            text: "同意します".into(),
            privacy_url: String::new(),
            at: "2026-12-06T12:00:00.000Z".into(),
            purposes: vec![],
        },
        &core_lead::Source { mode: "lead".into(), lang: "ja".into(), ..Default::default() },
        id,
        "2026-12-06T12:00:01.000Z",
        "",
    );
    let real: Value = serde_json::from_str(&real.to_string()).expect("JSON");
    assert_eq!(real.get("test"), None);
    assert!(matches!(envelope::check(&real, None), Ok(Checked::Lead(Lead { test: false, .. }))));
}

/// Issue 20's acceptance test, at the receiver: a test lead sent from the
/// Builder on another origin (preflight with `Content-Type` and
/// `Idempotency-Key`) is stored as a row marked as a test, and the export
/// shows the mark in `test`, right after `id, received_at`; a real lead's
/// cell is empty.
#[tokio::test]
async fn a_test_lead_is_stored_and_exported_marked_as_one() {
    const BUILDER: &str = "http://builder.example:8000";
    let s = start(
        "test-lead",
        ReceiverConfig { cors_origins: vec![BUILDER.into()], export_token: Some("tok".into()), ..no_limit() },
    )
    .await;
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/leads",
        &[
            ("Origin", BUILDER),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type,idempotency-key"),
        ],
        b"",
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.head);
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some(BUILDER));

    assert_eq!(post_lead(s.addr, &fixture()).await.status, 201);
    let test = fixture_test();
    let id = test["id"].as_str().unwrap();
    let body = serde_json::to_vec(&test).unwrap();
    let r = request(
        s.addr,
        "POST",
        "/api/leads",
        &[("Content-Type", "application/json"), ("Idempotency-Key", id), ("Origin", BUILDER)],
        &body,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json(), json!({"status": "stored", "id": id}));
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some(BUILDER));

    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let marks: Vec<(String, i64)> = conn
        .prepare("SELECT id, test FROM leads ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(marks, [("0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b".to_owned(), 0), (id.to_owned(), 1)]);

    let r = request(s.addr, "GET", "/api/leads.csv", &[("Authorization", "Bearer tok")], b"").await;
    assert_eq!(r.status, 200);
    let rows = csv_rows(&r.text());
    assert_eq!(rows[0][..4], ["id", "received_at", "test", "created_at"]);
    let col = |row: &[String], name: &str| row[rows[0].iter().position(|h| h == name).unwrap()].clone();
    assert_eq!(rows.len(), 3);
    assert_eq!((col(&rows[1], "id"), col(&rows[1], "test")), ("0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b".into(), "".into()));
    assert_eq!((col(&rows[2], "id"), col(&rows[2], "test")), (id.into(), "1".into()));
    assert_eq!(col(&rows[2], "company"), "（テスト送信）診断ビルダー");
    assert!(col(&rows[2], "summary").starts_with("【テスト】スコア 49/100"));
    assert_eq!(rows[0].iter().filter(|h| *h == "test").count(), 1, "one test column");
}

/// A database made before `test` existed gets the column when opened (by
/// the server or by `b2b-serve export`): its rows are real leads, and a test
/// lead stored afterwards is marked.
#[test]
fn an_older_database_gets_the_test_column() {
    let dir = common::temp_dir("receiver", "old-db");
    let db = dir.join("old.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE leads (id TEXT PRIMARY KEY, received_at TEXT NOT NULL, email TEXT NOT NULL,
             company TEXT, name TEXT, score INTEGER, level TEXT, lang TEXT, page_url TEXT, payload TEXT NOT NULL)",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO leads (id, received_at, email, payload) VALUES (?1, '2026-01-01T00:00:00.000Z', ?2, ?3)",
            rusqlite::params![
                "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b",
                "taro.yamada@example.co.jp",
                fixture_v2().to_string()
            ],
        )
        .unwrap();
    }
    let store = Store::open_existing(&db).unwrap();
    let test = fixture_test();
    let Checked::Lead(l) = envelope::check(&test, None).unwrap() else { panic!("a lead") };
    store.insert(&l, "2026-01-02T00:00:00.000Z", &test.to_string()).unwrap();
    let rows = csv_rows(&store.export_csv_string().unwrap());
    assert_eq!(rows[0][..3], ["id", "received_at", "test"]);
    assert_eq!(rows.iter().skip(1).map(|r| r[2].as_str()).collect::<Vec<_>>(), ["", "1"]);
    // Opening it again changes nothing.
    drop(store);
    assert_eq!(Store::open_existing(&db).unwrap().count().unwrap(), 2);
}

// ---------------------------------------------------------------- faults

fn with_faults() -> ReceiverConfig {
    ReceiverConfig { faults: true, ..no_limit() }
}

async fn set_faults(addr: SocketAddr, v: Value) -> Value {
    let r =
        request(addr, "POST", "/__faults", &[("Content-Type", "application/json")], &serde_json::to_vec(&v).unwrap())
            .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

async fn faults(addr: SocketAddr) -> Value {
    let r = request(addr, "GET", "/__faults", &[], b"").await;
    assert_eq!(r.status, 200);
    r.json()
}

/// Posts and returns the raw bytes received (empty = dropped connection).
async fn post_raw(addr: SocketAddr, v: &Value) -> Vec<u8> {
    let body = serde_json::to_vec(v).unwrap();
    raw(addr, &post_bytes(addr, "application/json", &body)).await
}

#[tokio::test]
async fn faults_are_off_by_default() {
    let s = start("faults-off", no_limit()).await;
    let r = request(s.addr, "GET", "/__faults", &[], b"").await;
    assert_eq!(r.status, 404);
    let r =
        request(s.addr, "POST", "/__faults", &[("Content-Type", "application/json")], br#"{"fail_rate": 1.0}"#).await;
    assert!(r.status == 404 || r.status == 405, "{}", r.status);
    assert_eq!(post_lead(s.addr, &fixture()).await.status, 201);
    assert_eq!(s.rows(), 1);
}

#[tokio::test]
async fn injected_failures_store_nothing() {
    let s = start("faults-fail", with_faults()).await;
    let f = faults(s.addr).await;
    assert_eq!(f["fail_rate"], json!(0.0));
    assert_eq!(f["received"], json!(0));

    let f = set_faults(s.addr, json!({"fail_rate": 1.0})).await;
    assert_eq!(f["fail_rate"], json!(1.0));
    let mut statuses = Vec::new();
    for i in 0..4 {
        let r = post_lead(s.addr, &with_id(fixture(), &format!("fail-all-00000000000{i}"))).await;
        assert!(r.status == 500 || r.status == 503, "{}", r.status);
        statuses.push(r.status);
    }
    assert!(statuses.contains(&500) && statuses.contains(&503), "{statuses:?}");
    assert_eq!(s.rows(), 0);
    let f = faults(s.addr).await;
    assert_eq!(f["received"], json!(4));
    assert_eq!(f["stored"], json!(0));
    assert_eq!(f["failed_injected"], json!(4));

    // Half: every second request fails, deterministically.
    set_faults(s.addr, json!({"fail_rate": 0.5, "reset_counters": true})).await;
    let mut ok = 0;
    for i in 0..6 {
        let r = post_lead(s.addr, &with_id(fixture(), &format!("fail-half-0000000000{i}"))).await;
        if r.status == 201 {
            ok += 1;
        } else {
            assert!(r.status >= 500, "{}", r.status);
        }
    }
    assert_eq!(ok, 3);
    assert_eq!(s.rows(), 3);
    let f = faults(s.addr).await;
    assert_eq!(
        (f["received"].clone(), f["stored"].clone(), f["failed_injected"].clone(), f["duplicates"].clone()),
        (json!(6), json!(3), json!(3), json!(0))
    );

    // Back to normal; a retry of a stored lead is a duplicate.
    set_faults(s.addr, json!({})).await;
    let r = post_lead(s.addr, &with_id(fixture(), "fail-half-00000000001")).await;
    let r2 = post_lead(s.addr, &with_id(fixture(), "fail-half-00000000000")).await;
    assert_eq!([r.status, r2.status].iter().filter(|s| **s == 201).count(), 1);
    assert_eq!(faults(s.addr).await["duplicates"], json!(1));

    // Bad settings.
    for bad in
        [json!({"fail_rate": 1.5}), json!({"fail_rate": "x"}), json!({"delay_ms": -1}), json!({"bogus": 1}), json!([])]
    {
        let r = request(
            s.addr,
            "POST",
            "/__faults",
            &[("Content-Type", "application/json")],
            &serde_json::to_vec(&bad).unwrap(),
        )
        .await;
        assert_eq!(r.status, 400, "{bad}");
    }
    assert!(parse_fault_settings(&json!({"fail_rate": 0.25, "delay_ms": 10})).is_ok());
}

#[tokio::test]
async fn dropped_connections_delay_and_downtime() {
    let s = start("faults-drop", with_faults()).await;

    set_faults(s.addr, json!({"drop_rate": 1.0})).await;
    let got = post_raw(s.addr, &fixture()).await;
    assert!(got.is_empty(), "expected no response, got {:?}", String::from_utf8_lossy(&got));
    assert_eq!(s.rows(), 0);
    assert_eq!(faults(s.addr).await["dropped"], json!(1));

    // Stored, but the answer is lost: the retry is a duplicate.
    set_faults(s.addr, json!({"drop_rate": 1.0, "drop_after_store": true})).await;
    let got = post_raw(s.addr, &fixture()).await;
    assert!(got.is_empty(), "{:?}", String::from_utf8_lossy(&got));
    assert_eq!(s.rows(), 1);
    set_faults(s.addr, json!({})).await;
    assert_eq!(post_lead(s.addr, &fixture()).await.status, 200);

    // Delay.
    set_faults(s.addr, json!({"delay_ms": 300})).await;
    let t = Instant::now();
    let r = post_lead(s.addr, &fixture()).await;
    assert_eq!(r.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300), "{:?}", t.elapsed());

    // Down for a second: every request dropped, then back.
    let f = set_faults(s.addr, json!({"down_secs": 1})).await;
    assert!(f["down_remaining_secs"].as_f64().unwrap() > 0.5);
    let next = with_id(fixture(), "after-downtime-000001");
    assert!(post_raw(s.addr, &next).await.is_empty());
    assert!(post_raw(s.addr, &next).await.is_empty());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(post_lead(s.addr, &next).await.status, 201);
    assert_eq!(s.rows(), 2);
}

// ---------------------------------------------------------------- units, CLI

#[test]
fn envelope_check_unit() {
    let v = fixture();
    match envelope::check(&v, Some("0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b")).unwrap() {
        Checked::Lead(l) => {
            assert_eq!(l.id, "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b");
            assert_eq!(l.score, 49);
            assert_eq!(l.lang.as_deref(), Some("ja"));
        }
        other => panic!("{other:?}"),
    }
    assert!(envelope::check(&v, None).is_ok());
    // Versions 1 (one name, no labels) and 2 (no `test`) are still
    // accepted: widgets already on sites, and leads still waiting in a
    // visitor's outbox, send them.
    for (version, old) in [(1, fixture_v1()), (2, fixture_v2())] {
        assert_eq!(old["schema_version"], version);
        assert!(
            matches!(envelope::check(&old, None), Ok(Checked::Lead(Lead { test: false, .. }))),
            "{:?}",
            envelope::check(&old, None)
        );
    }
    let mut v4 = v.clone();
    v4["schema_version"] = json!(4);
    assert_eq!(envelope::check(&v4, None).unwrap_err(), "schema_version: unsupported version 4");
    for ok in ["a@b.co", "taro.yamada+tag@example.co.jp", "x@sub.domain.example"] {
        assert!(envelope::plausible_email(ok), "{ok}");
    }
}

/// One schema for both ends: whatever the widget's own writer
/// (`b2b_assessment_core::domain::lead::envelope`) makes of the longest
/// values the widget lets through (its contact checks, the config's limits,
/// `MAX_URL` and `MAX_UTM_CHARS` on the page's address) the receiver accepts, under
/// its body limit, and stores what was sent.
#[test]
fn the_receiver_accepts_the_longest_envelope_the_widget_writes() {
    use b2b_assessment_core::domain::lead::{
        self as core_lead, Consent, Contact, Source, MAX_CONSENT_TEXT, MAX_FIELD, MAX_MAP_ENTRIES, MAX_PURPOSE,
        MAX_PURPOSES, MAX_URL, MAX_UTM_CHARS,
    };
    use b2b_assessment_core::domain::{Answers, Content, Step};
    let content = Content::default_set().expect("default content");
    let long = |c: char, n: usize| std::iter::repeat_n(c, n).collect::<String>();
    let url = |n: usize| format!("https://example.jp/{}", long('記', n - "https://example.jp/".len()));
    let email = format!("{}@example.co.jp", long('a', MAX_FIELD - "@example.co.jp".len()));
    let mut answers = Answers::new(&content);
    for i in 0..content.step_count() {
        let step = Step::at(&content, i).expect("step");
        answers.set(&content, step, i % 2).expect("answer");
    }
    // The page's query as the widget reads it: more utm_ parameters than it
    // keeps, each value longer than it keeps.
    let query: String =
        (0..MAX_MAP_ENTRIES + 5).map(|i| format!("&utm_k{i:02}={}", long('値', MAX_FIELD + 10))).collect::<String>();
    let source = Source {
        page_url: url(MAX_URL),
        referrer: url(MAX_URL),
        utm: Source::utm_from_query(&query),
        mode: "lead".into(),
        lang: "ja".into(),
    };
    assert_eq!(source.utm.len(), MAX_UTM_CHARS / MAX_FIELD, "the first values up to MAX_UTM_CHARS");
    let contact = Contact {
        family_name: long('姓', MAX_FIELD),
        given_name: long('名', MAX_FIELD),
        company: long('社', MAX_FIELD),
        department: long('部', MAX_FIELD),
        email: email.clone(),
        job_title: long('役', MAX_FIELD),
        phone: long('0', MAX_FIELD),
    };
    let consent = Consent {
        given: true,
        text: long('同', MAX_CONSENT_TEXT),
        privacy_url: url(MAX_URL),
        at: "2026-12-06T12:00:00.000Z".into(),
        purposes: vec![long('的', MAX_PURPOSE); MAX_PURPOSES],
    };
    let id = "0f8e2c3a9b7d4e1f8a6c5b4d3e2f1a0b";
    let body = core_lead::envelope(&content, &answers, &contact, &consent, &source, id, "2026-12-06T12:00:01.000Z", "")
        .to_string();
    assert!(body.len() <= envelope::MAX_BODY_BYTES, "{} bytes", body.len());
    let v: Value = serde_json::from_str(&body).expect("the widget writes JSON");
    match envelope::check(&v, Some(id)) {
        Ok(Checked::Lead(l)) => {
            assert_eq!((l.id.as_str(), l.email.as_str()), (id, email.as_str()));
            assert_eq!(l.name.as_deref(), Some(contact.full_name(b2b_assessment_core::domain::Locale::Ja).as_str()));
            assert_eq!(l.page_url.as_deref(), Some(source.page_url.as_str()));
        }
        other => panic!("the receiver refused the widget's own envelope: {other:?}"),
    }
}

#[test]
fn rfc3339_formatting() {
    let t = std::time::UNIX_EPOCH + Duration::from_millis(1_795_483_425_678);
    assert_eq!(rfc3339(t), "2026-11-24T01:23:45.678Z");
    assert_eq!(rfc3339(std::time::UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    let leap = std::time::UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
    assert_eq!(rfc3339(leap), "2000-02-29T00:00:00.000Z");
}

#[test]
fn parses_receiver_options() {
    let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let o = Options::parse(
        a(&[
            "--db",
            "/tmp/x.sqlite",
            "--cors-origin",
            "https://a.example",
            "--cors-origin=https://b.example",
            "--rate-limit",
            "5",
            "--export-token=tok",
            "--faults",
        ]),
        None,
    )
    .unwrap();
    assert_eq!(o.db, PathBuf::from("/tmp/x.sqlite"));
    assert_eq!(o.receiver.cors_origins, ["https://a.example", "https://b.example"]);
    assert_eq!(o.receiver.rate_limit, 5);
    assert_eq!(o.receiver.export_token.as_deref(), Some("tok"));
    assert!(o.receiver.faults);

    let d = Options::parse(a(&[]), None).unwrap();
    assert_eq!(d.db, PathBuf::from("leads.sqlite"));
    assert_eq!(d.receiver.rate_limit, 60);
    assert!(!d.receiver.faults);
    assert!(d.receiver.cors_origins.is_empty());
    assert_eq!(d.receiver.export_token, None);

    assert!(Options::parse(a(&["--rate-limit", "-1"]), None).is_err());
    assert!(Options::parse(a(&["--export-token", ""]), None).is_err());
    assert!(Options::parse(a(&["--faults=yes"]), None).is_err());

    assert_eq!(
        Command::parse(a(&["export", "--db", "a.sqlite"]), None).unwrap(),
        Command::Export { db: "a.sqlite".into() }
    );
    assert_eq!(Command::parse(a(&["export"]), None).unwrap(), Command::Export { db: "leads.sqlite".into() });
    assert!(Command::parse(a(&["export", "--port", "1"]), None).is_err());
    assert!(matches!(
        Command::parse(a(&["--port", "0"]), None).unwrap(),
        Command::Serve(o) if o.port == 0
    ));
}

/// The command line goes through clap: every flag the scripts and tests pass
/// (scripts/test, scripts/serve, scripts/bench, `spawn_serve`) parses, as
/// `--flag value` and `--flag=value`; a flag given twice keeps the last value
/// (origins add up); an unknown flag is refused by name; `--help` names every
/// flag.
#[test]
fn cli_takes_every_existing_flag_and_refuses_unknown_ones() {
    use b2b_assessment_server::Cli;
    use clap::error::ErrorKind;
    use clap::{CommandFactory, Parser};

    let cli = |v: &[&str]| Cli::try_parse_from(std::iter::once("b2b-serve").chain(v.iter().copied()));
    let serve = |v: &[&str]| match cli(v).unwrap().into_command(None).unwrap() {
        Command::Serve(o) => o,
        other => panic!("{v:?}: {other:?}"),
    };

    // scripts/test's e2e server.
    assert_eq!(
        serve(&[
            "--root",
            "/repo",
            "--port",
            "0",
            "--db",
            "/repo/test-artifacts/e2e-leads.sqlite",
            "--faults",
            "--export-token",
            "e2e-token",
            "--rate-limit",
            "0",
        ]),
        Options {
            root: "/repo".into(),
            port: 0,
            db: "/repo/test-artifacts/e2e-leads.sqlite".into(),
            receiver: ReceiverConfig {
                cors_origins: Vec::new(),
                rate_limit: 0,
                export_token: Some("e2e-token".into()),
                faults: true,
                read_timeout: Duration::from_secs(10),
            },
        }
    );
    // scripts/serve (plus B2BA_SERVE_ARGS), in the `=` spelling.
    let o = serve(&[
        "--root=/repo",
        "--port=8080",
        "--db=/repo/leads.sqlite",
        "--cors-origin=https://www.example.co.jp",
        "--cors-origin",
        "*",
        "--read-timeout=2.5",
        "--db",
        "/elsewhere.sqlite",
    ]);
    assert_eq!(o.db, PathBuf::from("/elsewhere.sqlite"));
    assert_eq!(o.port, 8080);
    assert_eq!(o.receiver.cors_origins, ["https://www.example.co.jp", "*"]);
    assert_eq!(o.receiver.read_timeout, Duration::from_millis(2500));
    // The defaults are the ones `Options::default` documents.
    assert_eq!(serve(&[]), Options::default());
    // `--port` beats $PORT; an empty $PORT is no port.
    let port = |v: &[&str], env: Option<&str>| match cli(v).unwrap().into_command(env.map(str::to_owned)) {
        Ok(Command::Serve(o)) => Ok(o.port),
        other => Err(format!("{other:?}")),
    };
    assert_eq!(port(&[], Some("9000")), Ok(9000));
    assert_eq!(port(&["--port", "1"], Some("9000")), Ok(1));
    assert_eq!(port(&[], Some("")), Ok(8080));
    assert!(port(&[], Some("x")).is_err());
    assert!(matches!(
        cli(&["export", "--db=a.sqlite"]).unwrap().into_command(None),
        Ok(Command::Export { db }) if db == std::path::Path::new("a.sqlite")
    ));

    for (args, named) in [
        (&["--bogus"][..], "--bogus"),
        (&["--root", ".", "--prot", "0"][..], "--prot"),
        (&["-x"][..], "-x"),
        (&["extra"][..], "extra"),
        (&["export", "--faults"][..], "--faults"),
    ] {
        let e = cli(args).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand), "{args:?}: {e}");
        assert!(e.use_stderr() && e.exit_code() == 2, "{args:?}: {e}");
        assert!(e.to_string().contains(&format!("'{named}'")), "{args:?}: {e}");
    }
    assert_eq!(cli(&["--help"]).unwrap_err().kind(), ErrorKind::DisplayHelp);
    let help = Cli::command().render_long_help().to_string();
    for flag in [
        "--root <DIR>",
        "--port <N>",
        "--db <PATH>",
        "--cors-origin <ORIGIN>",
        "--rate-limit <N>",
        "--read-timeout <SECS>",
        "--export-token <TOKEN>",
        "--faults",
        "export",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help:\n{help}");
    }
}

/// The binary refuses an unknown flag with clap's error naming it and exit
/// status 2, before binding anything; `--help` goes to stdout with status 0.
#[test]
fn binary_refuses_unknown_flag() {
    let bin = env!("CARGO_BIN_EXE_b2b-serve");
    let out =
        std::process::Command::new(bin).args(["--port", "0", "--no-such-flag"]).env_remove("PORT").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error: unexpected argument '--no-such-flag'"), "{stderr}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));

    let out = std::process::Command::new(bin).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Usage: b2b-serve [OPTIONS]"), "{help}");
    assert!(help.contains("--export-token <TOKEN>"), "{help}");
}

/// The binary end to end: serve, receive, count; then `export` to stdout.
#[cfg(unix)]
#[tokio::test]
async fn binary_receives_and_exports() {
    let dir = temp_site("receiver", "bin");
    let db = dir.join("bin.sqlite");
    let mut serve = spawn_serve(&dir.join("root"), &db, &["--rate-limit", "2", "--export-token", "tok"]).await;
    let addr = serve.addr;

    let mut lead = fixture();
    lead["contact"]["company"] = json!("-Evil, \"Corp\"");
    assert_eq!(post_lead(addr, &lead).await.status, 201);
    assert_eq!(post_lead(addr, &lead).await.status, 200);
    // The per-IP limit works with real peer addresses.
    let r = post_lead(addr, &lead).await;
    assert_eq!(r.status, 429);
    assert!(r.header("retry-after").is_some());
    let r = request(addr, "GET", "/api/leads/count", &[("Authorization", "Bearer tok")], b"").await;
    assert_eq!(r.json(), json!({"count": 1}));
    assert_eq!(request(addr, "GET", "/__faults", &[], b"").await.status, 404);

    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_b2b-serve"))
        .arg("export")
        .arg("--db")
        .arg(&db)
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with("id,received_at,test,created_at,name,family_name,given_name,company,department,email,"),
        "{csv}"
    );
    assert!(csv.contains(",山田 太郎,山田,太郎,\"'-Evil, \"\"Corp\"\"\",マーケティング部,"), "{csv}");
    assert_eq!(csv.lines().count(), 2);

    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_b2b-serve"))
        .args(["export", "--db"])
        .arg(dir.join("missing.sqlite"))
        .output()
        .await
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("missing.sqlite").exists());

    serve.child.kill().await.unwrap();
}
