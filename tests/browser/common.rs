//! Browser plumbing shared by the e2e, a11y and xss tests and by
//! `bench/browser.rs` (which includes this file by path): the environment
//! `scripts/test` sets, a headless Chromium session through ChromeDriver,
//! ChromeDriver's CDP passthrough, and finding elements in a widget's shadow
//! root.
//!
//! The bench uses only some of these, hence the `dead_code` allowance.
#![allow(dead_code)]

use b2b_assessment::domain::answers::AnswerSheet;
use b2b_assessment::domain::content::ProfileField;
use b2b_assessment::domain::{Answers, Content};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

// ---------------------------------------------------------------- environment

/// Where the served repository and ChromeDriver are.
pub struct Env {
    pub page: String,
    pub webdriver: String,
}

/// `E2E_URL` (none: no environment) and `WEBDRIVER_URL` (default
/// `http://127.0.0.1:9515`).
pub fn env() -> Option<Env> {
    let page = std::env::var("E2E_URL").ok()?;
    let webdriver = std::env::var("WEBDRIVER_URL").unwrap_or_else(|_| "http://127.0.0.1:9515".into());
    Some(Env { page, webdriver })
}

/// The [`Env`], or else returns from the test (skips it) after saying so;
/// with `B2BA_E2E_REQUIRED` set a missing `E2E_URL` is a failure instead.
/// (Unused in `bench/browser.rs`, which has no tests to skip.)
#[allow(unused_macros)]
macro_rules! require_env {
    () => {
        match $crate::common::env() {
            Some(e) => e,
            None => {
                assert!(std::env::var_os("B2BA_E2E_REQUIRED").is_none(), "B2BA_E2E_REQUIRED is set but E2E_URL is not");
                eprintln!("skipped: E2E_URL is not set (scripts/test sets it)");
                return;
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use require_env;

/// The demo page at `path` (relative to the site root, e.g. `examples/x.html`).
pub fn site(e: &Env, path: &str) -> String {
    format!("{}/{}", e.page.trim_end_matches('/'), path)
}

pub fn content() -> Content {
    Content::default_set().expect("default content")
}

// ---------------------------------------------------------------- answers

/// Complete answers: the profile's option ids (revenue, headcount, dedicated
/// staff, budget), every check `fill`, then the `checks` given.
pub fn answers(c: &Content, profile: [&str; 4], fill: &str, checks: &[(&str, &str)]) -> Answers {
    let profile: BTreeMap<_, _> = ProfileField::ALL.into_iter().zip(profile.map(str::to_string)).collect();
    let mut map: BTreeMap<String, String> = c.checks.iter().map(|k| (k.id.clone(), fill.to_string())).collect();
    for (k, v) in checks {
        map.insert(k.to_string(), v.to_string());
    }
    Answers::from_sheet(c, &AnswerSheet { profile, checks: map }).expect("sheet")
}

/// Every kind of answer (yes, partly, no, unknown in turn) for a 4–10 person
/// team without a dedicated person, ¥3–30B revenue, a ¥10M–100M budget (so
/// the budget table and its remainder row are in the report).
pub fn mixed_answers(c: &Content) -> Answers {
    let cycle = ["yes", "partly", "no", "unknown"];
    let list: Vec<(String, String)> =
        c.checks.iter().enumerate().map(|(i, k)| (k.id.clone(), cycle[i % cycle.len()].to_string())).collect();
    let refs: Vec<(&str, &str)> = list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    answers(c, ["30b_to_100b", "4_to_10", "no", "10m_to_100m"], "yes", &refs)
}

/// [`mixed_answers`] as a share-link value `1.…`.
pub fn mixed_link(c: &Content) -> String {
    b2b_assessment::domain::share::encode(c, &mixed_answers(c))
}

// ---------------------------------------------------------------- the browser

/// The Chromium switches of every session; callers add the window size and
/// anything of their own.
const CHROMIUM_ARGS: [&str; 9] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A fresh headless Chromium session (a 1280×900 window).
pub async fn browser(webdriver: &str) -> Client {
    browser_with(webdriver, &["--window-size=1280,900"]).await
}

/// A fresh headless Chromium session with [`CHROMIUM_ARGS`] and then `extra`.
pub async fn browser_with(webdriver: &str, extra: &[&str]) -> Client {
    let args: Vec<&str> = CHROMIUM_ARGS.iter().chain(extra).copied().collect();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": args
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(webdriver)
        .await
        .unwrap_or_else(|e| panic!("cannot start a browser session at {webdriver}: {e}"))
}

/// Two animation frames and a short pause, so transitions have settled.
pub async fn settle(c: &Client) {
    c.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 250)))",
        vec![],
    )
    .await
    .expect("frames");
}

/// Sets the viewport (not the window) to `width` × `height` CSS px, correcting
/// for the window's frame; returns the viewport width reached.
pub async fn viewport(c: &Client, width: u32, height: u32) -> u64 {
    c.set_window_size(width, height).await.expect("window size");
    let inner = c.execute("return [innerWidth, innerHeight]", vec![]).await.expect("inner");
    let (iw, ih) = (inner[0].as_u64().unwrap_or(0), inner[1].as_u64().unwrap_or(0));
    if iw != u64::from(width) || ih != u64::from(height) {
        let w = (i64::from(width) + i64::from(width) - iw as i64).max(1) as u32;
        let h = (i64::from(height) + i64::from(height) - ih as i64).max(1) as u32;
        c.set_window_size(w, h).await.expect("window size");
    }
    c.execute("return innerWidth", vec![]).await.expect("inner").as_u64().unwrap_or(0)
}

// ---------------------------------------------------------------- CDP passthrough

/// ChromeDriver's `POST /session/{id}/goog/cdp/execute`: one Chrome DevTools
/// Protocol command on the current page.
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({"cmd": self.cmd, "params": self.params}).to_string()))
    }
}

/// Runs one CDP command; a failure is a panic naming it.
pub async fn cdp(c: &Client, cmd: &'static str, params: Value) -> Value {
    c.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
}

// ---------------------------------------------------------------- the widget's shadow root

/// Finds `css` inside the shadow root of `host`, waiting up to 20 s for the
/// widget to load and render it (the wasm streams in after the page). The
/// prerendered first view the loader shows before that does not count
/// ([`prerendered`] finds in it).
pub async fn shadow_find(c: &Client, host: &str, css: &str) -> fantoccini::elements::Element {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(h) = c.find(Locator::Css(host)).await {
            if let Ok(root) = h.shadow_root().await {
                if root.find(Locator::Css("[data-prerendered]")).await.is_err() {
                    if let Ok(e) = root.find(Locator::Css(css)).await {
                        return e;
                    }
                }
            }
        }
        assert!(std::time::Instant::now() < deadline, "{host} >>> {css} did not appear");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Finds `css` in the prerendered first view the loader shows in `host`
/// before the wasm has rendered, waiting up to 20 s for it.
pub async fn prerendered(c: &Client, host: &str, css: &str) -> fantoccini::elements::Element {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let inside = format!("[data-prerendered] {css}");
    loop {
        if let Ok(h) = c.find(Locator::Css(host)).await {
            if let Ok(root) = h.shadow_root().await {
                if let Ok(e) = root.find(Locator::Css(&inside)).await {
                    return e;
                }
            }
        }
        assert!(std::time::Instant::now() < deadline, "{host} >>> {inside} did not appear");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `script` (a function body; `arguments[0]` is the host selector).
pub async fn js(c: &Client, script: &str, host: &str) -> Value {
    c.execute(script, vec![json!(host)]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Scrolls the host into view (a quiz loads only near the viewport) and waits
/// for the widget inside it.
pub async fn reveal(c: &Client, host: &str, css: &str) -> fantoccini::elements::Element {
    js(c, "document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); return true", host).await;
    shadow_find(c, host, css).await
}

/// Standard base64 (the PDF from CDP); no dependency for one artifact.
pub fn base64_decode(s: &str) -> Vec<u8> {
    let val = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
