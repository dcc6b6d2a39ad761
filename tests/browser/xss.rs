//! XSS, end to end: every payload of `tests/fixtures/xss-payloads.txt` through
//! every text path of the widget in headless Chromium, on a plain page (no
//! CSP, so an injection would run) and under the strict Content-Security-Policy
//! of `/strict/` (so an injection blocked by the policy is still seen).
//!
//! Each payload, if it ever ran, would call `window.__pwned(<its line
//! number>)` (or `alert`/`confirm`/`prompt`/`print` with it). The host pages
//! load a trap script before the widget that records those calls, every
//! `securitypolicyviolation` and every lead the widget POSTs. After every
//! page the suite asserts: no trap call, no CSP violation, no script-capable
//! element or attribute (`<script>`, `<img>`, `<iframe>`, `on*=`, `srcdoc`,
//! inline `style`, …) inside any widget's shadow root (but the fixed CSSOM
//! reset the loader gives its own wrapper and notice, the root's children,
//! which shows as a `style` attribute), no link whose URL the
//! browser resolves to anything but `https:` or this origin, no request to
//! another origin, and that the widget shows the payload literally where it
//! shows it (checked against the crate's own, natively computed, output).
//!
//! Text paths:
//! * custom content — every `{ja, en}` text (titles, questions, hints,
//!   answer labels, checks, actions, levels, benchmark statements, source
//!   names and caveats, org models, sourcing, cost basis) and the check,
//!   category and level ids — delivered by `content-url`, by an inline JSON
//!   config and by `config-url`, shown in the page (intro, question, report),
//!   quiz and lead modes in both languages;
//! * configuration, as attributes and as inline JSON: CTA URL (and a CTA
//!   label, which the config refuses), privacy URL, lead recipient, consent
//!   text, language, mode, theme values, content/config URLs, lead endpoint;
//! * the lead form: values typed by the visitor, checked against what the
//!   widget POSTs; `utm_*` parameters of the page URL, likewise;
//! * the share-link fragment `#b2ba=…`: its notice is one fixed sentence
//!   (the reason, which quotes the link, goes to the console only).
//!
//! Fixture syntax: one payload per line; `{U+XXXX}` stands for that character
//! (controls, bidi overrides, zero-width characters) and `{PAD:n}` for n
//! letters `A` (extremely long strings). Nothing else is special.
//!
//! The test writes its host pages and content files to
//! `test-artifacts/xss/`, which `b2b-serve` serves from the repository root
//! (like `scripts/test`, it expects the server to serve this checkout).
//! Environment as the e2e tests (`main.rs`): `E2E_URL`, `WEBDRIVER_URL`,
//! `B2BA_E2E_REQUIRED`; without `E2E_URL` the browser tests skip.

use crate::common::{content, require_env, Env};
use b2b_assessment::config;
use b2b_assessment::domain::content::DEFAULT_JSON;
use b2b_assessment::domain::lead::{Contact, Field, FormRules, Source};
use b2b_assessment::domain::share::cta_href;
use b2b_assessment::domain::StrMap;
use b2b_assessment::domain::{share, Answers, Content, Locale, Step};
use b2b_assessment::i18n::unreadable_link;
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, Locator};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- the corpus

const FIXTURE: &str = include_str!("../fixtures/xss-payloads.txt");

/// The payloads, tokens expanded; payload `i` (0-based) is line `i + 1` and
/// calls the trap with `i + 1`.
fn corpus() -> Vec<String> {
    FIXTURE.lines().map(expand).collect()
}

fn expand(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match token(tail) {
            Some((text, after)) => {
                out.push_str(&text);
                rest = after;
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{U+XXXX}` or `{PAD:n}` at the start of `s`: the expansion and the rest.
fn token(s: &str) -> Option<(String, &str)> {
    let end = s.find('}')?;
    let (inner, rest) = (&s[1..end], &s[end + 1..]);
    if let Some(hex) = inner.strip_prefix("U+") {
        if (4..=6).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Some((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?.to_string(), rest));
        }
    }
    let n = inner.strip_prefix("PAD:")?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then(|| ("A".repeat(n.parse().unwrap_or(0)), rest))
}

/// Whether `s` contains the number `n` on its own (not inside a longer number).
fn mentions(s: &str, n: usize) -> bool {
    let needle = n.to_string();
    let b = s.as_bytes();
    s.match_indices(&needle).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| b[i].is_ascii_digit()).unwrap_or(false);
        let after = b.get(at + needle.len()).is_some_and(u8::is_ascii_digit);
        !before && !after
    })
}

#[test]
fn the_corpus_has_over_a_hundred_distinct_payloads_each_calling_the_trap_with_its_number() {
    let p = corpus();
    assert!(p.len() >= 100, "only {} payloads", p.len());
    let distinct: BTreeSet<&String> = p.iter().collect();
    assert_eq!(distinct.len(), p.len(), "duplicate payloads");
    for (i, s) in p.iter().enumerate() {
        assert!(!s.trim().is_empty(), "line {} is blank", i + 1);
        assert!(mentions(s, i + 1), "line {} does not call the trap with {}: {s:?}", i + 1, i + 1);
        assert!(
            ["pwned", "__pw", "alert", "confirm", "prompt", "print", "X19wd25lZA", "base64,"]
                .iter()
                .any(|t| s.contains(t)),
            "line {}: no trap call",
            i + 1
        );
    }
    // The families the corpus is meant to cover are all there.
    let all = p.join("\n");
    for needle in [
        "<script>",
        "<SCRIPT>",
        "onerror=",
        "<svg onload",
        "javascript:",
        "JavaScript:",
        "data:text/html",
        "vbscript:",
        "VbScRiPt:",
        "&#106;avascript",
        "javascript&colon;",
        "\u{0}javascript",
        "\u{1}javascript",
        "\tjavascript",
        "java\nscript",
        "\u{A0}javascript",
        "\" onmouseover=",
        "${",
        "{{constructor",
        "expression(",
        "url(javascript:",
        "<iframe srcdoc",
        "<math><mtext>",
        "<style>",
        "\u{202E}",
        "\u{200B}",
        "\u{FEFF}",
        "\\\\evil.example",
        "shadowrootmode",
    ] {
        assert!(all.contains(needle), "no payload with {needle:?}");
    }
    assert!(p.iter().any(|s| s.chars().count() > 60_000), "an extremely long payload");
}

/// Found by this suite: URLs the browser reads as protocol-relative through
/// backslashes (`\\host`, `/\host`, `\/host` became `http://host/` links),
/// and theme values that load a resource (`url("…")` fetched from the
/// widget's background, a CSP violation under the strict policy).
#[test]
fn the_config_refuses_backslash_protocol_relative_urls_and_resource_loading_theme_values() {
    for url in ["\\\\evil.example/x", "/\\evil.example/x", "\\/evil.example/x", "https:\\\\evil.example/x"] {
        let e = config::safe_url("attribute cta-url", url).expect_err(url).to_string();
        assert!(e.starts_with("attribute cta-url: "), "{e}");
    }
    for ok in ["/x\\y", "report.html", "../index.html", "https://example.com/a\\b"] {
        assert!(config::safe_url("f", ok).is_ok(), "{ok}");
    }
    let theme = |v: &str| config::parse(&StrMap::from([("theme-accent".to_string(), v.to_string())]), None);
    for bad in [
        "url('https://evil.example/x.png')",
        "#fff URL(\"/x.png\")",
        "image-set(\"x.png\" 1x)",
        "-webkit-image-set(\"x\" 1x)",
        "cross-fade(url(a), url(b))",
        "expression(alert(1))",
        "var(--x,image(\"x.png\"))",
    ] {
        assert_eq!(
            theme(bad).err().map(|e| e.to_string()),
            Some(format!("attribute theme-accent: unsafe CSS value {bad:?}")),
            "{bad}"
        );
    }
    // Non-ASCII before a parenthesis (this once panicked, leaving the widget blank).
    for odd in ["＜script＞__pwned(1)", "é(", "ｕrl(x)"] {
        assert!(theme(odd).is_ok(), "{odd}");
    }
    for good in [
        "#7a1fa2",
        "rgb(122 31 162 / 80%)",
        "color-mix(in srgb, red 40%, blue)",
        "calc(4px + 0.25rem)",
        "\"Noto Sans JP\", sans-serif",
        "var(--brand, #333)",
        "hsl(120deg 50% 40%)",
    ] {
        assert!(theme(good).is_ok(), "{good}");
    }
}

// ---------------------------------------------------------------- browser plumbing

/// [`crate::common::browser`] with a 90 s script and a 60 s page-load timeout.
async fn browser(webdriver: &str) -> Client {
    let c = crate::common::browser(webdriver).await;
    c.update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(90)), Some(Duration::from_secs(60)), None))
        .await
        .expect("timeouts");
    c
}

async fn js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

async fn js_async(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute_async(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Where the generated pages live: on disk and on the server.
struct Site {
    dir: PathBuf,
    root: String,
}

/// The trap: loaded before the widget on every generated page.
const TRAP_JS: &str = r#"(function () {
  "use strict";
  var calls = [];
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(1000000);
  Object.defineProperty(window, "__xssCalls", { value: calls });
  function trap(kind) { return function (n) { calls.push(kind + "(" + String(n) + ")"); }; }
  window.__pwned = trap("__pwned");
  window.alert = trap("alert");
  window.confirm = trap("confirm");
  window.prompt = trap("prompt");
  window.print = trap("print");
  var csp = (window.cspViolations = []);
  document.addEventListener("securitypolicyviolation", function (e) {
    csp.push({ violatedDirective: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample });
  }, true);
  var posts = (window.__posts = []);
  var realFetch = window.fetch;
  window.fetch = function (input, init) {
    if (init && typeof init.body === "string") posts.push({ url: String(input), body: init.body });
    return realFetch.apply(this, arguments);
  };
  document.documentElement.dataset.trap = "set";
})();
"#;

/// Host page layout: `squash` keeps hundreds of widgets inside the viewport,
/// so lazy quizzes start at once.
const PAGE_CSS: &str = "body { margin: 8px; font: 16px sans-serif; }\n\
b2b-assessment { display: block; margin: 4px 0; }\n\
body.squash b2b-assessment { height: 2px; overflow: hidden; margin: 0; }\n";

impl Site {
    fn new(e: &Env) -> Site {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts").join("xss");
        std::fs::create_dir_all(&dir).expect("create test-artifacts/xss");
        let site = Site { dir, root: e.page.trim_end_matches('/').to_string() };
        site.write("trap.js", TRAP_JS);
        site.write("xss.css", PAGE_CSS);
        site.write("privacy.html", "<!doctype html><title>privacy</title><p>privacy policy</p>\n");
        site
    }

    fn write(&self, name: &str, text: &str) {
        let tmp = self.dir.join(format!("{name}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, text).expect("write");
        std::fs::rename(&tmp, self.dir.join(name)).expect("rename");
    }

    /// The URL of generated file `name`, plain or under the strict CSP.
    fn url(&self, name: &str, strict: bool) -> String {
        format!("{}/{}test-artifacts/xss/{name}", self.root, if strict { "strict/" } else { "" })
    }
}

/// `&`, `<`, `>`, `"` and every control character as character references.
fn attr_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push_str(&format!("&#x{:X};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// JSON for inside `<script type="application/json">`: no `<` at all.
fn inline_json(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

/// One widget host element; `expect` is the selector it shows when it works.
fn host(id: &str, attrs: &[(&str, &str)], config: Option<&Value>, expect: &str) -> String {
    let mut s = format!("<b2b-assessment id=\"{id}\" data-expect=\"{expect}\"");
    for (k, v) in attrs {
        s.push_str(&format!(" {k}=\"{}\"", attr_escape(v)));
    }
    s.push('>');
    if let Some(v) = config {
        s.push_str(&format!("<script type=\"application/json\">{}</script>", inline_json(v)));
    }
    s.push_str("</b2b-assessment>\n");
    s
}

fn page(body_class: &str, hosts: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>b2b-assessment XSS corpus</title>\n\
         <link rel=\"stylesheet\" href=\"xss.css\">\n<script src=\"trap.js\"></script>\n\
         <script type=\"module\" src=\"../../pkg/b2b-assessment.js\"></script>\n</head>\n<body class=\"{body_class}\">\n{hosts}</body>\n</html>\n"
    )
}

/// Navigates to `url` with empty storage (saved progress would change what
/// a page-mode widget shows).
async fn open(c: &Client, url: &str) {
    let _ = c.execute("try { localStorage.clear(); } catch (e) {} return true", vec![]).await;
    c.goto("about:blank").await.expect("blank");
    c.goto(url).await.unwrap_or_else(|e| panic!("goto {}: {e}", &url[..url.len().min(200)]));
    let trap = js(c, "return document.documentElement.dataset.trap || null", vec![]).await;
    assert_eq!(
        trap,
        json!("set"),
        "{}: the trap script did not run; b2b-serve must serve this checkout's root (the test writes pages to test-artifacts/xss/)",
        &url[..url.len().min(200)]
    );
}

/// Waits until every widget on the page shows its `data-expect` selector or
/// an error box (scrolling lazy quizzes into view; a prerendered first view
/// does not count), then a little longer for
/// anything an injection might do asynchronously (an image's error event).
async fn settle(c: &Client) {
    let r = js_async(
        c,
        r#"const done = arguments[arguments.length - 1];
           const t0 = Date.now();
           (function poll() {
             const pending = [...document.querySelectorAll('b2b-assessment')].filter(h => {
               const r = h.shadowRoot;
               // The prerendered first view is not the widget yet.
               if (!r || r.querySelector('[data-prerendered]')) return true;
               return !r.querySelector('.b2ba-error-box') && !r.querySelector(h.dataset.expect || '.b2ba');
             });
             if (pending.length === 0) { setTimeout(() => done({ ok: true }), 400); return; }
             if (Date.now() - t0 > 60000) {
               done({ ok: false, pending: pending.length, first: pending.slice(0, 5).map(h => h.id + ' wants ' + h.dataset.expect + ': ' +
                 (h.shadowRoot ? h.shadowRoot.innerHTML.slice(0, 300) : 'no shadow root')) });
               return;
             }
             pending[0].scrollIntoView({ block: 'center' });
             setTimeout(poll, 50);
           })();"#,
        vec![],
    )
    .await;
    assert_eq!(r["ok"], json!(true), "widgets did not settle: {r}");
}

/// What the page and every widget's shadow root hold that must not be there.
const AUDIT: &str = r#"
const BAD_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'image', 'picture',
  'video', 'audio', 'source', 'track', 'style', 'link', 'base', 'meta', 'math', 'template', 'noscript', 'xmp', 'listing',
  'plaintext', 'marquee', 'foreignobject', 'animate', 'set', 'animatemotion', 'animatetransform', 'use', 'portal', 'param',
  'keygen', 'isindex', 'b2b-assessment']);
const BAD_ATTRS = new Set(['srcdoc', 'formaction', 'xlink:href', 'style', 'src', 'srcset', 'action', 'background', 'poster',
  'data', 'dynsrc', 'lowsrc', 'ping', 'codebase', 'shadowrootmode']);
const bad = [], links = [];
const safe = (u) => { try { const x = new URL(u, document.baseURI); return x.protocol === 'https:' || x.origin === location.origin; } catch (e) { return false; } };
const hosts = [];
(function collect(node) {
  for (const el of node.querySelectorAll('*')) {
    if (el.shadowRoot) { hosts.push(el); collect(el.shadowRoot); }
  }
})(document);
for (const h of hosts) {
  for (const el of h.shadowRoot.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    if (BAD_TAGS.has(tag)) bad.push(h.id + ': <' + tag + '>');
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n === 'style' && el.parentNode === h.shadowRoot) continue; // the loader's wrapper or notice
      if (n.startsWith('on') || BAD_ATTRS.has(n)) bad.push(h.id + ': <' + tag + ' ' + n + '=' + JSON.stringify(a.value.slice(0, 80)) + '>');
      if (n === 'href' && !safe(a.value)) links.push(h.id + ': ' + JSON.stringify(a.value.slice(0, 120)) + ' -> ' + (() => { try { return new URL(a.value, document.baseURI).href.slice(0, 120); } catch (e) { return 'invalid'; } })());
    }
  }
}
// The host page itself: only its own two scripts and the JSON configs.
for (const s of document.querySelectorAll('script')) {
  const own = s.parentNode === document.head && /\/(trap\.js|b2b-assessment\.js)$/.test(s.src);
  if (!own && s.type !== 'application/json') bad.push('document: a <script> ' + s.outerHTML.slice(0, 80));
}
for (const el of document.body.querySelectorAll('*')) {
  const tag = el.localName;
  if (tag !== 'script' && tag !== 'b2b-assessment' && tag !== 'div' && BAD_TAGS.has(tag)) bad.push('document: <' + tag + '>');
}
const foreign = performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith(location.origin + '/'));
return { calls: window.__xssCalls.slice(), csp: [...new Set(window.cspViolations.map(v => v.violatedDirective + ' ' + v.blockedURI))], cspCount: window.cspViolations.length,
         bad: bad.slice(0, 20), badCount: bad.length, links: links.slice(0, 20), linkCount: links.length,
         foreign: [...new Set(foreign)], hosts: hosts.length, trap: document.documentElement.dataset.trap || null };
"#;

/// Runs [`AUDIT`] and fails on any finding; returns the number of widgets.
async fn audit(c: &Client, what: &str) -> u64 {
    let r = js(c, AUDIT, vec![]).await;
    assert_eq!(r["trap"], json!("set"), "{what}: the page navigated away: {r}");
    assert_eq!(r["calls"], json!([]), "{what}: a payload RAN (trap calls, by payload line number): {r}");
    assert_eq!(r["csp"], json!([]), "{what}: CSP violations (directive, blocked URI)");
    assert_eq!(r["bad"], json!([]), "{what}: script-capable markup in the widget");
    assert_eq!(r["links"], json!([]), "{what}: links to neither https: nor this origin");
    assert_eq!(r["foreign"], json!([]), "{what}: requests to another origin");
    r["hosts"].as_u64().unwrap_or(0)
}

/// The detectors work: an injected handler is caught by the trap on a plain
/// page and by the CSP listener under the strict policy.
#[tokio::test]
async fn the_trap_and_the_csp_listener_catch_an_injection() {
    let e = require_env!();
    let site = Site::new(&e);
    let c = browser(&e.webdriver).await;
    site.write("control.html", &page("", ""));
    for strict in [false, true] {
        open(&c, &site.url("control.html", strict)).await;
        let r = js_async(
            &c,
            r#"const done = arguments[arguments.length - 1];
               document.body.insertAdjacentHTML('beforeend', '<img src="x-missing.png" onerror="__pwned(0)">');
               setTimeout(() => done([window.__xssCalls.slice(), window.cspViolations.map(v => v.violatedDirective)]), 1000);"#,
            vec![],
        )
        .await;
        if strict {
            assert_eq!(r[0], json!([]), "the strict policy blocks the handler");
            assert!(
                r[1].as_array()
                    .is_some_and(|v| v.iter().any(|d| d.as_str().is_some_and(|d| d.starts_with("script-src")))),
                "and reports it: {r}"
            );
        } else {
            assert_eq!(r[0], json!(["__pwned(0)"]), "the trap records the call");
        }
    }
    c.close().await.expect("close");
}

// ---------------------------------------------------------------- content

/// One text slot of a content file and the payload put there.
#[derive(Debug, Clone)]
struct Slot {
    path: String,
    locale: Locale,
    payload: usize,
}

/// The default content with every `{ja, en}` text replaced by payloads,
/// cycling through the corpus from `offset`; every check and profile question
/// gets a hint, so hints are covered too. With `ids`, check, category and
/// level ids are payloads as well (they end up in attributes).
fn hostile_content(corpus: &[String], offset: usize, ids: bool) -> (Value, Vec<Slot>) {
    let mut v: Value = serde_json::from_str(DEFAULT_JSON).expect("default json");
    let hint = json!({"ja": "hint", "en": "hint"});
    for c in v["checks"].as_array_mut().expect("checks") {
        c["hint"] = hint.clone();
    }
    for q in v["profile"].as_object_mut().expect("profile").values_mut() {
        q["hint"] = hint.clone();
    }
    let mut slots = Vec::new();
    let mut k = offset;
    fn walk(v: &mut Value, path: String, corpus: &[String], k: &mut usize, slots: &mut Vec<Slot>) {
        match v {
            Value::Object(m)
                if m.len() == 2
                    && m.get("ja").is_some_and(Value::is_string)
                    && m.get("en").is_some_and(Value::is_string) =>
            {
                for (key, locale) in [("ja", Locale::Ja), ("en", Locale::En)] {
                    let i = *k % corpus.len();
                    *k += 1;
                    m.insert(key.into(), Value::String(corpus[i].clone()));
                    slots.push(Slot { path: format!("{path}.{key}"), locale, payload: i });
                }
            }
            Value::Object(m) => {
                for (key, x) in m.iter_mut() {
                    walk(x, format!("{path}.{key}"), corpus, k, slots);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter_mut().enumerate() {
                    walk(x, format!("{path}[{i}]"), corpus, k, slots);
                }
            }
            _ => {}
        }
    }
    walk(&mut v, String::new(), corpus, &mut k, &mut slots);
    if ids {
        let mut cats = BTreeMap::new();
        for (n, c) in v["categories"].as_array_mut().expect("categories").iter_mut().enumerate() {
            let new = corpus[(offset + 7 * n + 3) % corpus.len()].clone();
            cats.insert(c["id"].as_str().expect("id").to_string(), new.clone());
            c["id"] = Value::String(new);
        }
        let mut checks = BTreeMap::new();
        for (n, c) in v["checks"].as_array_mut().expect("checks").iter_mut().enumerate() {
            let new = corpus[(offset + 5 * n + 1) % corpus.len()].clone() + &format!("#{n}");
            checks.insert(c["id"].as_str().expect("id").to_string(), new.clone());
            c["id"] = Value::String(new);
            let cat = cats[c["category"].as_str().expect("category")].clone();
            c["category"] = Value::String(cat);
        }
        // A finding names the check it bears on by id.
        for f in ["team_size", "nurturing"] {
            if let Some(old) = v["benchmarks"][f]["check"].as_str().map(str::to_string) {
                v["benchmarks"][f]["check"] = Value::String(checks[&old].clone());
            }
        }
        for (n, l) in v["levels"].as_array_mut().expect("levels").iter_mut().enumerate() {
            l["id"] = Value::String(corpus[(offset + 11 * n + 2) % corpus.len()].clone() + &format!("#{n}"));
        }
    }
    (v, slots)
}

/// A complete set of answers (or only the profile): every check short of
/// full credit, so the report lists every check's loss and action.
fn answers(content: &Content, checks: bool) -> Answers {
    let mut a = Answers::new(content);
    for i in 0..content.step_count() {
        let step = Step::at(content, i).expect("step");
        match step {
            Step::Profile(_) => a.set(content, step, i % 2).expect("profile answer"),
            Step::Check(k) if checks => a.set(content, step, 1 + k % 3).expect("check answer"),
            Step::Check(_) => {}
        }
    }
    a
}

/// What a content page's widgets show, per host: the whole text and a few
/// elements whose text must equal a content text exactly.
const PROBE_CONTENT: &str = r#"
const out = {};
for (const h of document.querySelectorAll('b2b-assessment')) {
  const r = h.shadowRoot;
  const one = (css) => { const e = r.querySelector(css); return e ? e.textContent : null; };
  const all = (css) => [...r.querySelectorAll(css)].map(e => e.textContent);
  out[h.id] = {
    text: r.textContent,
    error: one('.b2ba-error-detail'),
    title: one('.b2ba-title'), tagline: one('.b2ba-intro h2') ?? one('.b2ba-quiz h2'), intro: one('.b2ba-intro p'),
    question: one('.b2ba-question-text'), hint: one('.b2ba-hint'), choices: all('.b2ba-choice span'),
    switches: all('.b2ba-quiz-checks label'), options: all('select option:not([value=""])'),
    level: one('.b2ba-level-name'), sources: all('.b2ba-source-name'),
    checkIds: [...r.querySelectorAll('[data-check]')].map(e => e.dataset.check),
    categoryIds: [...r.querySelectorAll('[data-category]')].map(e => e.dataset.category),
  };
}
return out;
"#;

/// The five widgets of a content page; `delivery` makes each host element
/// (id, mode, lang, extra attributes) with the content's delivery.
/// Writes a host page: (title, element, script, query parameters) -> HTML.
type Delivery<'a> = &'a dyn Fn(&str, &str, &str, &[(&str, &str)]) -> String;

fn content_hosts(delivery: Delivery) -> String {
    [
        ("ja-page", "page", "ja", &[][..]),
        ("en-page", "page", "en", &[][..]),
        ("ja-quiz", "quiz", "ja", &[][..]),
        ("en-quiz", "quiz", "en", &[][..]),
        ("en-lead", "lead", "en", &[("privacy-url", "privacy.html")][..]),
    ]
    .iter()
    .map(|(id, mode, lang, more)| delivery(id, mode, lang, more))
    .collect()
}

#[tokio::test]
async fn hostile_content_texts_are_shown_literally_and_never_run() {
    let e = require_env!();
    let corpus = corpus();
    let site = Site::new(&e);
    let c = browser(&e.webdriver).await;
    let t0 = Instant::now();
    // Payload indices seen literally in some widget, per language.
    let mut seen: BTreeSet<(usize, &'static str)> = BTreeSet::new();
    let mut all_slots = Vec::new();
    let n = corpus.len();
    for batch in 0..3usize {
        let (doc, slots) = hostile_content(&corpus, batch * (n / 3 + 17), batch == 2);
        let text = doc.to_string();
        let content = Content::parse(&text).unwrap_or_else(|e| panic!("batch {batch}: hostile content refused: {e}"));
        // Three deliveries: content-url, inline config, config-url.
        let html = match batch {
            0 => {
                site.write("content-0.json", &text);
                content_hosts(&|id, mode, lang, more| {
                    let mut a = vec![("mode", mode), ("lang", lang), ("content-url", "content-0.json")];
                    a.extend_from_slice(more);
                    host(id, &a, None, expect_for(mode))
                })
            }
            1 => content_hosts(&|id, mode, lang, more| {
                let mut a = vec![("mode", mode), ("lang", lang)];
                a.extend_from_slice(more);
                host(id, &a, Some(&json!({ "content": doc })), expect_for(mode))
            }),
            _ => {
                site.write("content-2.json", &text);
                site.write("config-2.json", &json!({ "contentUrl": "content-2.json" }).to_string());
                content_hosts(&|id, mode, lang, more| {
                    let mut a = vec![("mode", mode), ("lang", lang), ("config-url", "config-2.json")];
                    a.extend_from_slice(more);
                    host(id, &a, None, expect_for(mode))
                })
            }
        };
        let name = format!("content-{batch}.html");
        site.write(&name, &page("", &html));
        let profile_only = share::encode(&content, &answers(&content, false));
        let complete = share::encode(&content, &answers(&content, true));
        for strict in [false, true] {
            for (view, fragment) in [
                ("intro", String::new()),
                ("question", format!("#b2ba={profile_only}")),
                ("report", format!("#b2ba={complete}")),
            ] {
                let what = format!("content batch {batch}, {view} view{}", if strict { ", strict CSP" } else { "" });
                let url = site.url(&name, strict) + &fragment;
                open(&c, &url).await;
                let want = match view {
                    "intro" => ".b2ba-start",
                    "question" => ".b2ba-question-text",
                    _ => ".b2ba-report[data-unfolded]",
                };
                // The page and lead hosts wait for what the view shows.
                let lead_want = if view == "report" { ".b2ba-lead" } else { want };
                js(&c, "for (const id of ['ja-page', 'en-page']) document.getElementById(id).dataset.expect = arguments[0]; document.getElementById('en-lead').dataset.expect = arguments[1]; return true", vec![json!(want), json!(lead_want)]).await;
                settle(&c).await;
                assert_eq!(audit(&c, &what).await, 5, "{what}: five widgets");
                let probe = js(&c, PROBE_CONTENT, vec![]).await;
                check_content_view(&what, &probe, &content, view);
                for (id, p) in probe.as_object().expect("probe") {
                    assert!(p["error"].is_null(), "{what}: {id} failed: {}", p["error"]);
                    let lang: &'static str = if id.starts_with("ja") { "ja" } else { "en" };
                    let text = p["text"].as_str().unwrap_or("");
                    let found: Vec<usize> = slots
                        .iter()
                        .filter(|s| s.locale.tag() == lang && !seen.contains(&(s.payload, lang)))
                        .filter(|s| text.contains(corpus[s.payload].as_str()))
                        .map(|s| s.payload)
                        .collect();
                    seen.extend(found.into_iter().map(|i| (i, lang)));
                }
                if batch == 2 && view == "report" {
                    check_ids(&what, &probe, &content);
                }
            }
        }
        all_slots.extend(slots);
    }
    // Every payload was shown literally, in at least one language.
    let missing: Vec<usize> =
        (0..n).filter(|i| !seen.contains(&(*i, "ja")) && !seen.contains(&(*i, "en"))).map(|i| i + 1).collect();
    assert!(missing.is_empty(), "payloads (by line) never shown literally: {missing:?}");
    let never: BTreeSet<&str> =
        all_slots.iter().filter(|s| !seen.contains(&(s.payload, s.locale.tag()))).map(|s| s.path.as_str()).collect();
    eprintln!(
        "content: {n} payloads in {} text slots × 3 batches; slots whose payload was never seen: {never:?} ({:.1}s)",
        all_slots.len() / 3,
        t0.elapsed().as_secs_f64()
    );
    c.close().await.expect("close");
}

fn expect_for(mode: &str) -> &'static str {
    match mode {
        "quiz" => ".b2ba-quiz",
        _ => ".b2ba-start",
    }
}

/// The elements of one view whose text is exactly a content text.
fn check_content_view(what: &str, probe: &Value, content: &Content, view: &str) {
    for (id, p) in probe.as_object().expect("probe") {
        let l = if id.starts_with("ja") { Locale::Ja } else { Locale::En };
        let eq = |field: &str, want: &str| {
            assert_eq!(p[field].as_str(), Some(want), "{what}: {id} {field} is not the content text, literally");
        };
        eq("title", content.title.get(l));
        if id.ends_with("quiz") {
            eq("tagline", content.tagline.get(l));
            let switches: Vec<&str> = content.checks.iter().map(|k| k.text.get(l)).collect();
            assert_eq!(p["switches"], json!(switches), "{what}: {id} switch labels");
            let options: Vec<&str> = b2b_assessment::domain::content::ProfileField::ALL
                .iter()
                .flat_map(|f| content.profile.get(*f).options.iter().map(|o| o.label.get(l)))
                .collect();
            assert_eq!(p["options"], json!(options), "{what}: {id} select options");
            continue;
        }
        match view {
            "intro" => {
                eq("tagline", content.tagline.get(l));
                eq("intro", content.intro.get(l));
            }
            "question" => {
                eq("question", content.checks[0].text.get(l));
                eq("hint", content.checks[0].hint.as_ref().expect("hint").get(l));
                let labels: Vec<&str> = content.answer_scale.iter().map(|s| s.label.get(l)).collect();
                assert_eq!(p["choices"], json!(labels), "{what}: {id} answer labels");
            }
            _ if id.ends_with("page") => {
                let a = answers(content, true);
                let report = b2b_assessment::domain::Report::build(content, &a).expect("complete");
                eq("level", content.levels[report.score.level].name.get(l));
                let b = &content.benchmarks;
                let names = [&b.dedicated_staff.source, &b.budget.source, &b.team_size.source, &b.nurturing.source]
                    .map(|s| s.name.get(l).to_string());
                let shown: Vec<&str> =
                    p["sources"].as_array().expect("sources").iter().filter_map(Value::as_str).collect();
                // The four benchmarks', then the article's under the models,
                // sourcing, costs and scoring method.
                assert_eq!(shown.len(), 8, "{what}: {id} eight sources");
                let article = content.article.as_ref().map(|a| a.name.get(l).to_string()).unwrap_or_default();
                for (s, name) in shown.iter().zip(names.iter().chain(std::iter::repeat(&article))) {
                    assert!(s.contains(name.as_str()), "{what}: {id} source line {s:?} lacks {name:?}");
                }
            }
            _ => {}
        }
    }
}

/// Check and category ids that are payloads come back unchanged from the
/// attributes they are written into.
fn check_ids(what: &str, probe: &Value, content: &Content) {
    let p = &probe["ja-quiz"];
    let ids: Vec<&str> = content.checks.iter().map(|k| k.id.as_str()).collect();
    let shown: Vec<&str> = p["checkIds"].as_array().expect("ids").iter().filter_map(Value::as_str).collect();
    assert!(ids.iter().all(|i| shown.contains(i)), "{what}: check ids in data-check: {shown:?}");
    let cats: BTreeSet<&str> =
        probe["ja-page"]["categoryIds"].as_array().expect("ids").iter().filter_map(Value::as_str).collect();
    for cat in &content.categories {
        assert!(cats.contains(cat.id.as_str()), "{what}: category id {:?} not in data-category", cat.id);
    }
}

// ---------------------------------------------------------------- configuration

/// Per widget: what the loader reads (attributes, inline JSON) and what the
/// widget shows for it.
const PROBE_CONFIG: &str = r#"
const out = [];
for (const h of document.querySelectorAll('b2b-assessment')) {
  const r = h.shadowRoot;
  const attrs = {};
  for (const a of h.attributes) attrs[a.name] = a.value;
  const json = [...h.children].find(c => c.localName === 'script' && c.type === 'application/json');
  const one = (css, f) => { const e = r.querySelector(css); return e ? f(e) : null; };
  out.push({
    id: h.id, attrs, json: json ? json.textContent : null,
    error: one('.b2ba-error-detail', e => e.textContent),
    cta: one('.b2ba-cta', e => e.getAttribute('href')),
    privacy: one('.b2ba-privacy', e => e.getAttribute('href')),
    recipient: one('.b2ba-recipient', e => e.textContent),
    consent: one('label[for$="-lead-consent"]', e => e.textContent),
    lang: one('.b2ba', e => e.getAttribute('lang')),
    lead: !!r.querySelector('.b2ba-lead'),
  });
}
return out;
"#;

/// The widget's own verdict on a host's configuration, checked against what
/// it shows.
fn check_config(what: &str, w: &Value, content: &Content) {
    let id = w["id"].as_str().unwrap_or("?");
    let attrs: StrMap = w["attrs"]
        .as_object()
        .expect("attrs")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string()))
        .collect();
    let json_text = w["json"].as_str();
    let error = w["error"].as_str();
    // URLs the loader fetches first: no payload is a content or config file.
    let fetched = attrs.contains_key("content-url")
        || attrs.contains_key("config-url")
        || json_text.is_some_and(|j| j.contains("contentUrl"));
    if fetched {
        assert!(error.is_some(), "{what}: {id} loaded a payload as a content/config file");
        return;
    }
    match config::parse(&attrs, json_text) {
        Err(e) => assert_eq!(
            error,
            Some(e.to_string().as_str()),
            "{what}: {id}: the error box does not show the config error literally"
        ),
        Ok(cfg) => {
            assert!(error.is_none(), "{what}: {id} failed: {error:?}");
            let locale = cfg.locale.unwrap_or(Locale::Ja);
            assert_eq!(w["lang"].as_str(), Some(locale.tag()), "{what}: {id} language");
            let cta = cfg.cta_url.as_ref().map(|u| cta_href(u, content, &Answers::new(content), locale));
            assert_eq!(w["cta"].as_str(), cta.as_deref(), "{what}: {id} CTA link");
            if w["lead"] == json!(true) {
                assert_eq!(w["privacy"].as_str(), cfg.lead.privacy_url.as_deref(), "{what}: {id} privacy link");
                if let Some(r) = &cfg.lead.recipient {
                    assert_eq!(w["recipient"].as_str(), Some(r.as_str()), "{what}: {id} recipient, literally");
                }
                if let Some(t) = &cfg.lead.consent_text {
                    assert_eq!(w["consent"].as_str(), Some(t.get(locale)), "{what}: {id} consent text, literally");
                }
            }
        }
    }
}

#[tokio::test]
async fn hostile_configuration_is_refused_or_shown_literally_and_never_run() {
    let e = require_env!();
    let corpus = corpus();
    let site = Site::new(&e);
    let content = content();
    let c = browser(&e.webdriver).await;
    let t0 = Instant::now();
    let complete = share::encode(&content, &answers(&content, true));
    // The lead form (privacy link, recipient, consent text) shows at the gate:
    // those pages open with complete answers in the fragment.
    let mut gate = String::new();
    let mut front = String::new();
    let mut quizzes = String::new();
    for (i, p) in corpus.iter().enumerate() {
        let p = p.as_str();
        gate += &host(&format!("a{i}-privacy"), &[("mode", "lead"), ("privacy-url", p)], None, ".b2ba-lead");
        gate += &host(&format!("a{i}-recipient"), &[("mode", "lead"), ("lead-recipient", p)], None, ".b2ba-lead");
        gate += &host(
            &format!("j{i}-privacy"),
            &[],
            Some(&json!({"mode": "lead", "lead": {"privacyUrl": p}})),
            ".b2ba-lead",
        );
        gate += &host(
            &format!("j{i}-texts"),
            &[],
            Some(&json!({"mode": "lead", "lead": {"consentText": p, "recipient": p}})),
            ".b2ba-lead",
        );
        gate += &host(
            &format!("j{i}-consent"),
            &[],
            Some(&json!({"mode": "lead", "lang": "en", "lead": {"consentText": {"ja": "同意する", "en": p}}})),
            ".b2ba-lead",
        );

        quizzes += &host(&format!("a{i}-cta"), &[("mode", "quiz"), ("cta-url", p)], None, ".b2ba-quiz");
        quizzes += &host(&format!("j{i}-cta"), &[], Some(&json!({"mode": "quiz", "cta": {"url": p}})), ".b2ba-quiz");
        quizzes += &host(&format!("j{i}-cta-string"), &[], Some(&json!({"mode": "quiz", "cta": p})), ".b2ba-quiz");

        front += &host(&format!("a{i}-lang"), &[("mode", "page"), ("lang", p)], None, ".b2ba-start");
        front += &host(&format!("j{i}-lang"), &[], Some(&json!({"lang": p})), ".b2ba-start");
        front += &host(&format!("a{i}-mode"), &[("mode", p)], None, ".b2ba-start");
        front += &host(&format!("a{i}-accent"), &[("theme-accent", p)], None, ".b2ba-start");
        front += &host(&format!("a{i}-background"), &[("theme-background", p)], None, ".b2ba-start");
        front +=
            &host(&format!("j{i}-theme"), &[], Some(&json!({"theme": {"accent-text": p, "font": p}})), ".b2ba-start");
        front += &host(&format!("a{i}-endpoint"), &[("lead-endpoint", p)], None, ".b2ba-start");
        front += &host(
            &format!("j{i}-label"),
            &[],
            Some(&json!({"mode": "quiz", "cta": {"url": "../../index.html", "label": p}})),
            ".b2ba-quiz",
        );
        // An https: content or config file on another origin is a feature
        // (a strict CSP blocks the fetch, as it should); the rest must fail.
        if !p.trim_start_matches(|c: char| c <= ' ').to_ascii_lowercase().starts_with("https:") {
            front += &host(&format!("a{i}-content"), &[("content-url", p)], None, ".b2ba-start");
            front += &host(&format!("j{i}-content"), &[], Some(&json!({"contentUrl": p})), ".b2ba-start");
            front += &host(&format!("a{i}-config"), &[("config-url", p)], None, ".b2ba-start");
        }
    }
    site.write("config-gate.html", &page("squash", &gate));
    site.write("config-quiz.html", &page("squash", &quizzes));
    site.write("config-front.html", &page("squash", &front));
    let mut shown = 0;
    for strict in [false, true] {
        for (name, fragment) in [
            ("config-gate.html", format!("#b2ba={complete}")),
            ("config-quiz.html", String::new()),
            ("config-front.html", String::new()),
        ] {
            let what = format!("{name}{}", if strict { " (strict CSP)" } else { "" });
            let t = Instant::now();
            open(&c, &(site.url(name, strict) + &fragment)).await;
            settle(&c).await;
            let hosts = audit(&c, &what).await;
            let probe = js(&c, PROBE_CONFIG, vec![]).await;
            let widgets = probe.as_array().expect("probe");
            assert_eq!(widgets.len() as u64, hosts, "{what}: every widget probed");
            for w in widgets {
                check_config(&what, w, &content);
            }
            shown += widgets.len();
            eprintln!("{what}: {} widgets checked in {:.1}s", widgets.len(), t.elapsed().as_secs_f64());
        }
    }
    // A CTA label is not a setting: the config names the field it refuses.
    let label = config::parse(&StrMap::new(), Some(r#"{"cta":{"url":"/x","label":"<b>x</b>"}}"#));
    assert!(label.is_err_and(|e| e.to_string().contains("config.cta.label")), "cta.label refused");
    eprintln!("configuration: {} payloads, {shown} widgets in {:.1}s", corpus.len(), t0.elapsed().as_secs_f64());
    c.close().await.expect("close");
}

// ---------------------------------------------------------------- leads

/// Percent-encodes everything but unreserved characters.
fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Lead forms per page (see the test).
const LEADS_PER_PAGE: usize = 24;

/// Sets contact values (as a visitor typing them would) in every lead form,
/// ticks consent and returns the values the inputs hold.
const FILL_LEADS: &str = r#"
const [rows] = arguments;
const out = {};
for (const [id, name, company, job, email] of rows) {
  const r = document.getElementById(id).shadowRoot;
  const set = (css, v) => {
    const el = r.querySelector(css);
    if (v !== null) { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }
    return el.value;
  };
  set('input[autocomplete=given-name]', '太郎');
  out[id] = [set('input[autocomplete=family-name]', name), set('input[autocomplete=organization]', company),
             set('input[autocomplete=organization-title]', job), set('input[type=email]', email)];
  const consent = r.querySelector('input[type=checkbox][required]');
  if (!consent.checked) consent.click();
}
return out;
"#;

#[tokio::test]
async fn lead_form_values_and_utm_parameters_are_posted_verbatim_and_never_run() {
    let e = require_env!();
    let corpus = corpus();
    let site = Site::new(&e);
    let content = content();
    let c = browser(&e.webdriver).await;
    let t0 = Instant::now();
    let complete = share::encode(&content, &answers(&content, true));
    let rules = FormRules::default();
    // What an <input type=text> keeps of a value (newlines are stripped), and
    // whether the form accepts it: valid values go together, so every form
    // either sends all three or none.
    let typed = |p: &str| p.replace(['\n', '\r'], "");
    let accepts = |v: &str| {
        let mut k = Contact::default();
        for f in [Field::FamilyName, Field::Company, Field::JobTitle] {
            k.set(f, v);
        }
        k.set(Field::GivenName, "太郎");
        k.set(Field::Email, "a@example.co.jp");
        k.validate(&rules).is_empty()
    };
    let (ok, refused): (Vec<usize>, Vec<usize>) = (0..corpus.len()).partition(|i| accepts(&typed(&corpus[*i])));
    let mut rows = Vec::new();
    let mut sendable = 0;
    for group in [&ok, &refused] {
        for chunk in group.chunks(3) {
            let at = |k: usize| corpus[chunk[k % chunk.len()]].clone();
            let id = format!("lead-{}", rows.len());
            rows.push(json!([
                id,
                at(0),
                at(1),
                at(2),
                format!("xss-{}-{}@example.co.jp", rows.len(), std::process::id())
            ]));
        }
    }
    // A page sends at most ~40 keepalive POSTs before Chromium refuses more
    // (its in-flight keepalive quota), so the forms are spread over pages.
    for (part, rows) in rows.chunks(LEADS_PER_PAGE).enumerate() {
        let name = format!("leads-{part}.html");
        let hosts: String = rows
            .iter()
            .map(|r| host(r[0].as_str().expect("id"), &[("mode", "lead"), ("lang", "ja")], None, ".b2ba-lead"))
            .collect();
        site.write(&name, &page("", &hosts));
        for strict in [false, true] {
            let what = format!("lead forms, page {part}{}", if strict { " (strict CSP)" } else { "" });
            // Faults left on by another test would only slow this one down.
            open(&c, &(site.url(&name, strict) + &format!("#b2ba={complete}"))).await;
            let _ = js_async(&c, "const done = arguments[arguments.length - 1]; fetch('/__faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(() => done(true), () => done(false));", vec![]).await;
            settle(&c).await;
            // The first form is typed key by key (printable payloads only); the rest are filled in.
            let first = &rows[0];
            let mut typed_rows = rows.to_vec();
            for (k, css) in [
                (1, "input[autocomplete=family-name]"),
                (2, "input[autocomplete=organization]"),
                (3, "input[autocomplete=organization-title]"),
            ] {
                let v = first[k].as_str().unwrap_or("");
                if v.chars().all(|ch| (' '..='~').contains(&ch)) {
                    let host = c
                        .find(Locator::Css(&format!("#{}", first[0].as_str().unwrap_or(""))))
                        .await
                        .expect("host")
                        .shadow_root()
                        .await
                        .expect("root");
                    host.find(Locator::Css(css)).await.expect("input").send_keys(v).await.expect("type");
                    typed_rows[0][k] = Value::Null;
                }
            }
            let values = js(&c, FILL_LEADS, vec![json!(typed_rows)]).await;
            js(&c, "for (const h of document.querySelectorAll('b2b-assessment')) h.shadowRoot.querySelector('.b2ba-submit').click(); return true", vec![]).await;
            // Forms the widget refuses show errors; the others go out.
            let mut expected: BTreeMap<String, [String; 3]> = BTreeMap::new();
            for r in rows {
                let id = r[0].as_str().expect("id");
                let v: Vec<String> = values[id]
                    .as_array()
                    .expect("values")
                    .iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect();
                let mut k = Contact::default();
                k.set(Field::FamilyName, &v[0]);
                k.set(Field::GivenName, "太郎");
                k.set(Field::Company, &v[1]);
                k.set(Field::JobTitle, &v[2]);
                k.set(Field::Email, &v[3]);
                if k.validate(&rules).is_empty() {
                    expected.insert(k.email.clone(), [k.family_name, k.company, k.job_title]);
                }
            }
            sendable += expected.len();
            // Bounded by what delivery can take, not by the usual: a send that
            // times out (20 s) is retried after a back-off of up to 30 s. Seen once
            // (this session's fifth fresh-clone run): 23 of 24 sent at 45 s.
            let deadline = Instant::now() + Duration::from_secs(90);
            let posts = loop {
                let s = js(&c, "return [window.__posts.filter(p => p.url.includes('/api/leads')).map(p => p.body), document.querySelectorAll('b2b-assessment').length, [...document.querySelectorAll('b2b-assessment')].filter(h => h.shadowRoot.querySelector('.b2ba-lead-status[data-status=sent]')).length]", vec![]).await;
                let bodies: BTreeMap<String, Value> = s[0]
                    .as_array()
                    .expect("posts")
                    .iter()
                    .filter_map(|b| serde_json::from_str::<Value>(b.as_str()?).ok())
                    .map(|b| (b["contact"]["email"].as_str().unwrap_or("").to_string(), b))
                    .collect();
                if (bodies.len() >= expected.len() && s[2].as_u64() == Some(expected.len() as u64))
                    || Instant::now() > deadline
                {
                    assert_eq!(
                        s[2].as_u64(),
                        Some(expected.len() as u64),
                        "{what}: every sendable lead was confirmed sent: {s}"
                    );
                    break bodies;
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            };
            assert_eq!(
                posts.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>(),
                "{what}: exactly the valid forms were posted"
            );
            for (email, [name, company, job]) in &expected {
                let k = &posts[email]["contact"];
                assert_eq!(
                    (k["family_name"].as_str(), k["company"].as_str(), k["job_title"].as_str()),
                    (Some(name.as_str()), Some(company.as_str()), Some(job.as_str())),
                    "{what}: posted verbatim"
                );
            }
            // The refused forms say so; nothing the visitor typed is shown back.
            let shown = js(&c, "return [...document.querySelectorAll('b2b-assessment')].map(h => [h.id, h.shadowRoot.querySelectorAll('.b2ba-error').length, h.shadowRoot.textContent])", vec![]).await;
            for s in shown.as_array().expect("shown") {
                let email = rows
                    .iter()
                    .find(|r| r[0] == s[0])
                    .map(|r| r[4].as_str().unwrap_or("").to_string())
                    .unwrap_or_default();
                if !expected.contains_key(&email) {
                    assert!(s[1].as_u64().unwrap_or(0) > 0, "{what}: {} refused without an error", s[0]);
                }
                let text = s[2].as_str().unwrap_or("");
                for p in &corpus {
                    assert!(
                        p.chars().count() < 12 || !text.contains(p.as_str()),
                        "{what}: {} shows a typed value back: {p:?}",
                        s[0]
                    );
                }
            }
            audit(&c, &what).await;
            eprintln!(
                "{what}: {} forms, {} posted verbatim, at {:.1}s",
                rows.len(),
                expected.len(),
                t0.elapsed().as_secs_f64()
            );
        }
    }
    assert!(sendable >= ok.len() / 3 * 2, "{sendable} forms sent");

    // UTM parameters: half the corpus per page load (the receiver takes at most 100).
    site.write("utm.html", &page("", &host("utm", &[("mode", "lead"), ("lang", "en")], None, ".b2ba-lead")));
    let half = corpus.len().div_ceil(2);
    for (part, strict) in [(0, false), (1, true)] {
        let what = format!("utm parameters, part {part}{}", if strict { " (strict CSP)" } else { "" });
        let range = part * half..((part + 1) * half).min(corpus.len());
        // Servers refuse very long URLs (b2b-serve answers 414 past 64 KiB);
        // the widget keeps only 200 characters of a value anyway.
        let query: Vec<String> = range
            .clone()
            .map(|i| format!("utm_p{}={}", i + 1, pct(&corpus[i].chars().take(2000).collect::<String>())))
            .collect();
        let url = format!("{}?utm_source=xss&{}#b2ba={complete}", site.url("utm.html", strict), query.join("&"));
        open(&c, &url).await;
        settle(&c).await;
        let email = format!("utm-{part}-{}@example.co.jp", std::process::id());
        js(&c, FILL_LEADS, vec![json!([["utm", "UTM テスト", "株式会社サンプル", null, email]])]).await;
        js(&c, "document.getElementById('utm').shadowRoot.querySelector('.b2ba-submit').click(); return true", vec![])
            .await;
        let deadline = Instant::now() + Duration::from_secs(20);
        let (body, search) = loop {
            let s = js(
                &c,
                "return [window.__posts.filter(p => p.url.includes('/api/leads')).map(p => p.body), location.search]",
                vec![],
            )
            .await;
            if let Some(b) = s[0].as_array().and_then(|a| a.first()).and_then(Value::as_str) {
                break (serde_json::from_str::<Value>(b).expect("lead json"), s[1].as_str().unwrap_or("").to_string());
            }
            assert!(Instant::now() < deadline, "{what}: no lead posted");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let mut want: Map<String, Value> = Map::new();
        want.insert("source".into(), json!("xss"));
        for i in range {
            want.insert(format!("p{}", i + 1), Value::String(corpus[i].chars().take(200).collect()));
        }
        assert_eq!(
            body["source"]["utm"],
            Value::Object(want),
            "{what}: utm values posted verbatim (first 200 characters)"
        );
        let native: StrMap = Source::utm_from_query(&search);
        assert_eq!(body["source"]["utm"], json!(native), "{what}: as the crate reads the query");
        shadow_wait(&c, "#utm", ".b2ba-lead-status").await;
        audit(&c, &what).await;
    }
    eprintln!("leads and utm: {:.1}s", t0.elapsed().as_secs_f64());
    c.close().await.expect("close");
}

async fn shadow_wait(c: &Client, host: &str, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = js(c, "const h = document.querySelector(arguments[0]); return !!(h && h.shadowRoot && h.shadowRoot.querySelector(arguments[1]))", vec![json!(host), json!(css)]).await;
        if found == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{host} >>> {css} did not appear");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---------------------------------------------------------------- share link

/// For each value: puts `#b2ba=<value>` in the address, mounts a page-mode
/// widget, and returns the fragment as the browser holds it and the notice.
const MOUNT_WITH_FRAGMENTS: &str = r#"
const [values, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const out = [];
  for (const v of values) {
    history.replaceState(null, '', '#b2ba=' + v);
    const el = document.createElement('div');
    document.body.append(el);
    const handle = await B2BAssessment.mount(el, { mode: 'page' });
    for (let t = 0; t < 200 && !el.shadowRoot.querySelector('.b2ba'); t++) await new Promise(r => setTimeout(r, 10));
    const n = el.shadowRoot.querySelector('.b2ba-notice');
    out.push([location.hash, n ? n.textContent : null, !!el.shadowRoot.querySelector('.b2ba-start')]);
    handle.destroy();
    el.remove();
  }
  done(out);
})().catch(e => done({ error: String(e) }));
"#;

#[tokio::test]
async fn share_link_fragments_are_never_quoted_and_never_run() {
    let e = require_env!();
    let corpus = corpus();
    let site = Site::new(&e);
    let content = content();
    let c = browser(&e.webdriver).await;
    let t0 = Instant::now();
    site.write("fragment.html", &page("", ""));
    site.write("fragment-page.html", &page("", &host("page", &[("mode", "page")], None, ".b2ba-start")));
    for strict in [false, true] {
        let what = format!("share-link fragments{}", if strict { " (strict CSP)" } else { "" });
        open(&c, &site.url("fragment.html", strict)).await;
        let r = js_async(&c, MOUNT_WITH_FRAGMENTS, vec![json!(corpus)]).await;
        let rows = r.as_array().unwrap_or_else(|| panic!("{what}: {r}"));
        assert_eq!(rows.len(), corpus.len());
        for (i, row) in rows.iter().enumerate() {
            let hash = row[0].as_str().expect("hash");
            let want = share::from_fragment(hash).map(|v| match share::decode(&content, v) {
                Ok(_) => panic!("{what}: payload {} decoded as answers", i + 1),
                Err(_) => unreadable_link(Locale::Ja),
            });
            assert_eq!(row[1].as_str(), want, "{what}: payload {}: the notice is the fixed sentence", i + 1);
            assert_eq!(row[2], json!(true), "{what}: payload {} starts afresh", i + 1);
        }
        audit(&c, &what).await;
        // And by navigation, as a visitor following a tampered link.
        for i in [0, 22, corpus.len() - 1] {
            let url = format!("{}#b2ba={}", site.url("fragment-page.html", strict), pct(&corpus[i]));
            open(&c, &url).await;
            settle(&c).await;
            shadow_wait(&c, "#page", ".b2ba-notice").await;
            audit(&c, &format!("{what}, link with payload {}", i + 1)).await;
        }
    }
    eprintln!("share-link fragments: {} payloads in {:.1}s", corpus.len(), t0.elapsed().as_secs_f64());
    c.close().await.expect("close");
}
