//! The prerendered first views (issue 21): the page and lead modes' intro
//! shows at once, before any wasm; what the visitor does on it before the
//! wasm is there (Start, the language switch) takes effect when it arrives;
//! the wasm's first render is the same DOM; a strict-CSP page shows it
//! without a violation. (The quiz card has no prerendered view yet: its
//! build has no room for one under the 120 KB budget.)
//!
//! The pages here load `tests/browser/hold-wasm.js` first: it holds every
//! wasm response until the test calls `releaseWasm()`, so "before the wasm"
//! is a state the test controls, not a race.

use crate::common::{browser, js, prerendered, require_env, shadow_find, site, Env};
use fantoccini::Client;
use serde_json::json;

/// A page in `test-artifacts/` with `hosts` in its body, the wasm held
/// back; `strict` serves it with the strict CSP (under `/strict/`).
fn held_page(e: &Env, name: &str, hosts: &str, strict: bool) -> String {
    let page = format!(
        r#"<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>prerendered first view</title>
<link rel="stylesheet" href="../pkg/b2b-assessment.css">
<script src="../tests/browser/hold-wasm.js"></script>
<script type="module" src="../pkg/b2b-assessment.js"></script>
</head><body>{hosts}</body></html>
"#
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("mkdir test-artifacts");
    std::fs::write(dir.join(name), page).expect("write the page");
    site(e, &format!("{}test-artifacts/{name}", if strict { "strict/" } else { "" }))
}

/// The widget's DOM under `host` as the visitor meets it: elements with
/// their attributes (sorted; boolean ones by presence), the live state of
/// inputs, selects and options, and text (adjacent text nodes joined). The
/// prerendered markup sets `checked`/`selected` as attributes, Yew as
/// properties: the state is what counts.
const SNAPSHOT: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba');
const bool = new Set(['checked', 'selected', 'disabled', 'hidden', 'inert', 'open', 'required']);
const walk = (n) => {
  const attrs = [...n.attributes].filter((a) => !['checked', 'selected', 'value'].includes(a.name))
    .map((a) => (bool.has(a.name) ? a.name : `${a.name}=${a.value}`)).sort();
  const state = n.localName === 'input' ? n.checked : n.localName === 'select' ? n.value
    : n.localName === 'option' ? n.selected : null;
  const kids = [];
  for (const c of n.childNodes) {
    if (c.nodeType === 3) {
      if (typeof kids[kids.length - 1] === 'string') kids[kids.length - 1] += c.data; else kids.push(c.data);
    } else if (c.nodeType === 1) kids.push(walk(c));
  }
  return [n.localName, attrs, state, kids.filter((k) => k !== '')];
};
return root ? JSON.stringify(walk(root)) : null;
"#;

async fn release(c: &Client) {
    js(c, "window.releaseWasm(); return true", "#x").await;
}

#[tokio::test]
async fn start_and_the_language_switch_on_a_prerendered_intro_take_effect_when_the_wasm_arrives() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    let hosts = r#"<b2b-assessment id="page" lang="en"></b2b-assessment>
<b2b-assessment id="lead" mode="lead" lead-recipient="Demo" privacy-url="/privacy"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-inputs.html", hosts, false)).await.expect("goto");

    // The page's intro: Start is live, says it is on its way, and waits.
    let start = prerendered(&c, "#page", ".b2ba-start").await;
    assert_eq!(start.text().await.expect("text"), "Start the check-up");
    start.click().await.expect("click Start");
    assert_eq!(start.attr("aria-busy").await.expect("attr").as_deref(), Some("true"));
    // The lead intro (Japanese from the page): switched to English at once.
    prerendered(&c, "#lead", ".b2ba-lang").await.click().await.expect("switch language");
    let lead = prerendered(&c, "#lead", ".b2ba-start").await.text().await.expect("text");
    assert_eq!(lead, "Start the check-up", "the English view at once");
    let before = js(
        &c,
        "return [window.wasmAsked > 0, !!document.querySelector('#page').shadowRoot.querySelector('[data-prerendered] .b2ba-start'), \
         document.querySelector('#lead').shadowRoot.activeElement?.className ?? null, window.widgetEvents.length]",
        "#x",
    )
    .await;
    assert_eq!(
        before,
        json!([true, true, "b2ba-lang", 0]),
        "the wasm is asked for and held; focus stays on the switch"
    );

    release(&c).await;
    // Start took effect: the first question, with focus on it, and the event.
    let question = shadow_find(&c, "#page", ".b2ba-question-text").await.text().await.expect("text");
    assert_eq!(question, crate::common::content().profile.revenue.text.en);
    let focus =
        js(&c, "return document.querySelector('#page').shadowRoot.activeElement?.className ?? null", "#x").await;
    assert!(focus.as_str().is_some_and(|f| f.contains("b2ba-focus")), "focus: {focus}");
    // The lead widget is in English; only the page started (and took the
    // focus, as a started widget does).
    shadow_find(&c, "#lead", ".b2ba-start").await;
    let after = js(
        &c,
        "const r = document.querySelector('#lead').shadowRoot; return [r.querySelector('.b2ba').lang, \
         r.querySelector('.b2ba-start').getAttribute('aria-busy'), window.widgetEvents]",
        "#x",
    )
    .await;
    assert_eq!(after, json!(["en", null, [["page", "start"]]]));

    // Alone on a page, the lead widget keeps the focus on its switch.
    let hosts =
        r#"<b2b-assessment id="lead" mode="lead" lead-recipient="Demo" privacy-url="/privacy"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-focus.html", hosts, false)).await.expect("goto");
    prerendered(&c, "#lead", ".b2ba-lang").await.click().await.expect("switch language");
    release(&c).await;
    shadow_find(&c, "#lead", ".b2ba[lang=en] .b2ba-start").await;
    let focus =
        js(&c, "return document.querySelector('#lead').shadowRoot.activeElement?.className ?? null", "#x").await;
    assert_eq!(focus, json!("b2ba-lang"));
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_prerendered_view_is_the_first_render_in_both_languages() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    for (mode, lang) in [("page", "ja"), ("page", "en"), ("lead", "ja"), ("lead", "en")] {
        let host = format!(
            r#"<b2b-assessment id="w" mode="{mode}" lang="{lang}" lead-recipient="Demo" privacy-url="/privacy"></b2b-assessment>"#
        );
        c.goto(&held_page(&e, "prerender-equal.html", &host, false)).await.expect("goto");
        prerendered(&c, "#w", ".b2ba").await;
        let first = js(&c, SNAPSHOT, "#w").await;
        release(&c).await;
        shadow_find(&c, "#w", ".b2ba").await;
        let rendered = js(&c, SNAPSHOT, "#w").await;
        assert!(first.as_str().is_some_and(|s| s.contains(&format!("lang={lang}"))), "{mode} {lang}: {first}");
        assert_eq!(first, rendered, "{mode} {lang}: the prerendered view and the wasm's first render differ");
    }
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_strict_csp_page_shows_the_prerendered_intro_without_a_violation() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    let hosts = r##"<b2b-assessment id="page" lang="en" theme-accent="#0b6e4f" theme-radius="4px"></b2b-assessment>
<p id="after">the article goes on</p>"##;
    c.goto(&held_page(&e, "prerender-strict.html", hosts, true)).await.expect("goto");
    let header = js(&c, "return fetch(location.href).then(r => r.headers.get('content-security-policy'))", "#x").await;
    assert!(header.as_str().is_some_and(|h| h.contains("style-src 'self'")), "served with the strict CSP: {header}");
    prerendered(&c, "#page", ".b2ba-start").await;
    // Styled before the wasm (the first-view module's sheets), the theme
    // included, and laid out as the wasm's render will be: nothing moves.
    const LOOK: &str = "const p = document.querySelector('#page').shadowRoot, s = p.querySelector('.b2ba-start'); \
        return [p.adoptedStyleSheets.length, getComputedStyle(s).backgroundColor, getComputedStyle(p.querySelector('.b2ba')).getPropertyValue('--b2ba-radius').trim(), \
        Math.round(p.querySelector('.b2ba').getBoundingClientRect().height), \
        document.querySelector('#after').getBoundingClientRect().top, window.cspViolations]";
    let before = js(&c, LOOK, "#x").await;
    assert_eq!(
        (&before[0], &before[1], &before[2], &before[5]),
        (&json!(2), &json!("rgb(11, 110, 79)"), &json!("4px"), &json!([]))
    );
    release(&c).await;
    shadow_find(&c, "#page", ".b2ba-start").await;
    let after = js(&c, LOOK, "#x").await;
    // The page build's own sheet goes between the module's two; the rest as
    // before, and no violation.
    assert_eq!(after[0], json!(3));
    for i in 1..6 {
        assert_eq!(before[i], after[i], "item {i}: {before} / {after}");
    }
    c.close().await.expect("close");
}
