//! Leads as sales receive them (issue 18): split names and the department,
//! labels beside ids, the summary and the top actions, from the form to the
//! receiver's CSV; the transmission notice's purposes from the config; a
//! Salesforce request built in English; and a stored lead whose URL was
//! tampered with, which is not sent.

use crate::common::{browser, content, js, mixed_answers, require_env, shadow_find, site, Env};
use b2b_assessment::domain::{share, Answers, Content, Locale, Report};
use fantoccini::Client;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const HOST: &str = "#lead";

/// What the report puts first, in `l`: the level's name and the top three titles.
fn expected(c: &Content, a: &Answers, l: Locale) -> (u8, String, Vec<String>) {
    let r = Report::build(c, a).expect("complete");
    let level = c.levels[r.score.level].name.get(l).to_string();
    let top = r.actions.iter().take(3).map(|x| c.checks[x.check].action.title.get(l).to_string()).collect();
    (r.score.overall, level, top)
}

/// A page of our own in `test-artifacts/leads/`, its head running `head_js`
/// before the loader (which comes from `pkg/`).
fn write_page(name: &str, head_js: &str, body: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/leads");
    std::fs::create_dir_all(&dir).expect("mkdir test-artifacts/leads");
    let html = format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>leads</title>\n\
         <link rel=\"stylesheet\" href=\"../../pkg/b2b-assessment.css\">\n<script>{head_js}</script>\n\
         <script type=\"module\" src=\"../../pkg/b2b-assessment.js\"></script>\n</head><body>\n{body}\n</body></html>\n"
    );
    std::fs::write(dir.join(name), html).expect("write the page");
}

/// Opens `url` from a blank page with this origin's storage emptied and no
/// faults left on in the receiver by another test.
async fn open(c: &Client, e: &Env, url: &str) {
    c.goto(&site(e, "examples/index.html")).await.expect("goto");
    js(c, "localStorage.clear(); return true", HOST).await;
    receiver_text(c, "POST", "/__faults", Some(json!({}))).await;
    c.goto("about:blank").await.expect("blank");
    c.goto(url).await.expect("goto");
}

/// The receiver's answer to a same-origin call (the export needs the token
/// `scripts/test` starts `b2b-serve` with).
pub(crate) async fn receiver_text(c: &Client, method: &str, path: &str, body: Option<Value>) -> String {
    c.execute_async(
        r#"const [method, path, body, done] = arguments;
           fetch(path, { method, headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer e2e-token' },
                         body: body === null ? undefined : JSON.stringify(body) })
             .then(r => r.text()).then(done, e => done('error: ' + e));"#,
        vec![json!(method), json!(path), body.unwrap_or(Value::Null)],
    )
    .await
    .expect("receiver call")
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// RFC 4180: rows of cells, quotes and doubled quotes undone.
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    rows
}

/// The stored outbox entry `n` (in queue order) once it is no longer pending.
async fn wait_sent_entry(c: &Client, n: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let entries =
            js(c, "return (JSON.parse(localStorage.getItem('b2b-assessment:outbox:v1') || '{}').entries || [])", HOST)
                .await;
        if let Some(e) = entries.get(n).filter(|e| e["state"] != "pending") {
            return e.clone();
        }
        assert!(Instant::now() < deadline, "outbox entry {n} still pending: {entries}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Types `value` into the lead form's input `css`.
async fn type_in(c: &Client, css: &str, value: &str) {
    shadow_find(c, HOST, css).await.send_keys(value).await.unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// The form's text inputs by their autofill token, in the order shown.
async fn field_order(c: &Client) -> Value {
    js(c, "return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-lead input:not([type=checkbox]):not([name=website])')].map(i => i.autocomplete)", HOST).await
}

#[tokio::test]
async fn a_lead_reaches_the_receiver_as_sales_read_it() {
    let e = require_env!();
    let content = content();
    let a = mixed_answers(&content);
    let (score, level, top) = expected(&content, &a, Locale::Ja);
    let c = browser(&e.webdriver).await;
    open(&c, &e, &site(&e, &format!("examples/lead-form.html#b2ba={}", share::encode(&content, &a)))).await;
    shadow_find(&c, HOST, ".b2ba-lead").await;
    // 姓・名 in Japanese order, then company and department.
    assert_eq!(
        field_order(&c).await,
        json!(["family-name", "given-name", "organization", "on", "email", "organization-title", "tel"])
    );
    // The demo page and the widget say the same: the default purpose, nothing more.
    let purpose = "この診断の結果について、送信先から貴社へご連絡するため";
    let notice = shadow_find(&c, HOST, ".b2ba-notice-box").await.text().await.expect("notice");
    assert!(notice.contains(purpose) && !notice.contains("ご案内"), "{notice}");
    let page_note = js(&c, "return document.querySelector('.note').textContent", HOST).await;
    assert!(
        page_note.as_str().is_some_and(|t| !t.contains("レポートのお届け")),
        "the page promises no report: {page_note}"
    );

    let email = format!("sales-read-{}@example.co.jp", std::process::id());
    type_in(&c, "input[autocomplete=family-name]", "山田").await;
    type_in(&c, "input[autocomplete=given-name]", "太郎").await;
    type_in(&c, "input[autocomplete=organization]", "株式会社サンプル").await;
    type_in(&c, "input[id$=-lead-department]", "マーケティング部").await;
    type_in(&c, "input[type=email]", &email).await;
    shadow_find(&c, HOST, "input[type=checkbox][required]").await.click().await.expect("consent");
    shadow_find(&c, HOST, ".b2ba-submit").await.click().await.expect("submit");

    // What left the browser: the envelope, version 3, a real lead.
    let entry = wait_sent_entry(&c, 0).await;
    assert_eq!(entry["state"], "sent", "{entry}");
    let env: Value = serde_json::from_str(entry["request"]["body"].as_str().expect("body")).expect("envelope");
    assert_eq!(env["schema_version"], 3);
    assert_eq!(env.get("test"), None, "only the Builder's test leads have `test`");
    let contact = &env["contact"];
    assert_eq!(
        (&contact["name"], &contact["family_name"], &contact["given_name"]),
        (&json!("山田 太郎"), &json!("山田"), &json!("太郎"))
    );
    assert_eq!(contact["department"], "マーケティング部");
    assert_eq!(env["scores"]["level_label"], json!(level));
    assert_eq!(env["top_actions"], json!(top));
    let summary = format!("スコア {score}/100（{level}）｜優先課題: {}", top.join("／"));
    assert_eq!(env["summary"], json!(summary));
    assert_eq!(env["consent"]["purposes"], json!([purpose]));

    // What sales export: the same values, in readable columns.
    let rows = parse_csv(&receiver_text(&c, "GET", "/api/leads.csv", None).await);
    let header = &rows[0];
    let row = rows.iter().find(|r| r.contains(&email)).unwrap_or_else(|| panic!("{email} in the CSV: {rows:?}"));
    let col =
        |name: &str| row[header.iter().position(|h| h == name).unwrap_or_else(|| panic!("a {name} column"))].as_str();
    assert_eq!((col("name"), col("family_name"), col("given_name")), ("山田 太郎", "山田", "太郎"));
    assert_eq!(col("department"), "マーケティング部");
    assert_eq!((col("level_label"), col("summary")), (level.as_str(), summary.as_str()));
    assert_eq!(
        [col("top_action_1"), col("top_action_2"), col("top_action_3")],
        [&top[0], &top[1], &top[2]].map(String::as_str)
    );
    assert_eq!((col("revenue"), col("revenue_label")), ("30b_to_100b", "300億円〜1,000億円"));
    let first = &content.checks[0].id;
    assert_eq!((col(&format!("answer_{first}")), col(&format!("answer_{first}_label"))), ("yes", "できている"));
    let second = &content.checks[1].id;
    assert_eq!(
        (col(&format!("answer_{second}")), col(&format!("answer_{second}_label"))),
        ("partly", "一部できている")
    );
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_notice_lists_the_sites_purposes_and_salesforce_gets_english_labels() {
    let e = require_env!();
    let content = content();
    let a = mixed_answers(&content);
    let (score, level, top) = expected(&content, &a, Locale::En);
    let config = json!({
        "lead": {
            "purposes": [
                { "ja": "診断結果のご説明のため", "en": "To explain your results" },
                { "ja": "セミナーのご案内のため", "en": "To invite you to our seminars" }
            ],
            // Relative, so the test sends nothing out: a same-origin no-cors POST.
            "salesforce": { "oid": "00D000000000001", "url": "/__salesforce-test",
                            "fields": { "summary": "description", "level_label": "00N000000000001", "top_action_1": "00N000000000002" } }
        }
    });
    write_page(
        "purposes.html",
        "",
        &format!("<b2b-assessment id=\"lead\" mode=\"lead\" lang=\"en\"><script type=\"application/json\">{config}</script></b2b-assessment>"),
    );
    let c = browser(&e.webdriver).await;
    open(&c, &e, &site(&e, &format!("test-artifacts/leads/purposes.html#b2ba={}", share::encode(&content, &a)))).await;
    shadow_find(&c, HOST, ".b2ba-lead").await;
    let listed = js(&c, "return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-purposes li')].map(li => li.textContent)", HOST).await;
    assert_eq!(listed, json!(["To explain your results", "To invite you to our seminars"]));
    // Given name first in English.
    assert_eq!(field_order(&c).await[0], "given-name");
    assert_eq!(field_order(&c).await[1], "family-name");

    type_in(&c, "input[autocomplete=given-name]", "Taro").await;
    type_in(&c, "input[autocomplete=family-name]", "Yamada").await;
    type_in(&c, "input[autocomplete=organization]", "Example Co.").await;
    type_in(&c, "input[type=email]", "taro@example.com").await;
    shadow_find(&c, HOST, "input[type=checkbox][required]").await.click().await.expect("consent");
    shadow_find(&c, HOST, ".b2ba-submit").await.click().await.expect("submit");
    let entry = wait_sent_entry(&c, 0).await;
    assert_eq!(entry["request"]["url"], "/__salesforce-test");
    let body = entry["request"]["body"].as_str().expect("body");
    let pairs: BTreeMap<String, String> =
        body.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (decode(k), decode(v))).collect();
    assert_eq!((pairs["last_name"].as_str(), pairs["first_name"].as_str()), ("Yamada", "Taro"));
    assert_eq!(pairs["00N000000000001"], level);
    assert_eq!(pairs["00N000000000002"], top[0]);
    assert_eq!(pairs["description"], format!("Score {score}/100 ({level}) | Priorities: {}", top.join("; ")));
    c.close().await.expect("close");
}

/// `application/x-www-form-urlencoded` decoding of one key or value.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
                i += 2;
            }
            b'+' => out.push(b' '),
            x => out.push(x),
        }
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}

/// Issue 18, defect C: another script of the site wrote leads for other
/// hosts into the outbox. The widget sends none of them, warns, and still
/// sends the one that is fine.
#[tokio::test]
async fn stored_leads_for_a_refused_url_are_not_sent() {
    let e = require_env!();
    let port =
        e.page.trim_end_matches('/').rsplit(':').next().and_then(|p| p.split('/').next()).unwrap_or("80").to_string();
    let fixture = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("core/tests/fixtures/lead/envelope-v3.json"),
    )
    .expect("fixture");
    let mut fine: Value = serde_json::from_str(&fixture).expect("json");
    let fine_id = format!("fine{:028}", std::process::id());
    fine["id"] = json!(fine_id);
    fine["contact"]["email"] = json!(format!("fine-{}@example.co.jp", std::process::id()));
    let entry = |id: &str, url: &str, body: &str| {
        json!({ "id": id, "request": { "url": url, "content_type": "application/json",
                 "headers": [["Idempotency-Key", id]], "body": body, "no_cors": false },
                "created_at_ms": 1.0, "attempts": 0, "next_at_ms": 0.0, "state": "pending", "last_error": null })
    };
    let outbox = json!({ "v": 1, "entries": [
        entry("tampered-protocol-relative-01", &format!("//localhost:{port}/api/leads"), &fine.to_string()),
        entry("tampered-http-other-host-0002", &format!("http://localhost:{port}/api/leads"), &fine.to_string()),
        entry(&fine_id, "/api/leads", &fine.to_string()),
    ]});
    let seed = format!(
        "window.sent = []; window.warnings = []; // the POSTs and console warnings the page sees\n\
         const realFetch = window.fetch;\n\
         window.fetch = function (input, init) {{ const post = ((init && init.method) || (input instanceof Request ? input.method : 'GET')) === 'POST'; if (post) window.sent.push(input instanceof Request ? input.url : String(input)); return realFetch.apply(this, arguments); }};\n\
         const warn = console.warn;\n\
         console.warn = (...a) => {{ window.warnings.push(a.map(String).join(' ')); warn(...a); }};\n\
         if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); localStorage.setItem('b2b-assessment:outbox:v1', {}); }}",
        serde_json::to_string(&outbox.to_string()).expect("js string")
    );
    write_page(
        "tampered-outbox.html",
        &seed,
        "<b2b-assessment id=\"lead\" mode=\"lead\" lang=\"ja\"></b2b-assessment>",
    );
    let c = browser(&e.webdriver).await;
    open(&c, &e, &site(&e, "test-artifacts/leads/tampered-outbox.html")).await;
    shadow_find(&c, HOST, ".b2ba").await;
    // The fine lead goes out: the sender ran.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stored = js(
            &c,
            "return JSON.parse(localStorage.getItem('b2b-assessment:outbox:v1')).entries.map(e => [e.id, e.state])",
            HOST,
        )
        .await;
        if stored == json!([[fine_id, "sent"]]) {
            break;
        }
        assert!(Instant::now() < deadline, "the fine lead was not sent, or a refused one kept: {stored}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let sent = js(&c, "return window.sent", HOST).await;
    let sent: Vec<&str> = sent.as_array().expect("sent").iter().filter_map(Value::as_str).collect();
    assert!(
        !sent.is_empty() && sent.iter().all(|u| u.ends_with("/api/leads") && !u.contains("localhost")),
        "POSTs: {sent:?}"
    );
    let warnings =
        js(&c, "return window.warnings.filter(w => w.includes('outbox: not sending'))", HOST).await.to_string();
    for id in ["tampered-protocol-relative-01", "tampered-http-other-host-0002"] {
        assert!(warnings.contains(id), "a warning names {id}: {warnings}");
    }
    assert!(warnings.contains("protocol-relative") && warnings.contains("only https: or relative"), "{warnings}");
    c.close().await.expect("close");
}
