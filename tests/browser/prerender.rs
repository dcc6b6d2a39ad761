//! The prerendered first views (issue 21): the quiz card and the page and
//! lead modes' intro show before any wasm; what the visitor does on them
//! before the wasm is there (Start, the language switch, the card's selects,
//! switches and call to action) takes effect when it arrives; the wasm's
//! first render is the same DOM; a quiz far down the page fetches its wasm
//! at the first input on its card; a strict-CSP page shows them without a
//! violation.
//!
//! The pages here load `tests/browser/hold-wasm.js` first: it holds every
//! wasm response until the test calls `releaseWasm()`, so "before the wasm"
//! is a state the test controls, not a race.

use crate::common::{browser, js, prerendered, require_env, settle, shadow_find, site, Env};
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
async fn the_quiz_cards_switches_selects_and_call_to_action_before_the_wasm_take_effect() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    let hosts = r#"<b2b-assessment id="quiz" mode="quiz" cta-url="/examples/index.html"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-quiz.html", hosts, false)).await.expect("goto");
    prerendered(&c, "#quiz", "input[data-check=measurement_cycle]").await.click().await.expect("switch");
    prerendered(&c, "#quiz", "select[id$='-p1']").await.select_by_value("2").await.expect("select");
    let cta = prerendered(&c, "#quiz", ".b2ba-cta").await;
    let href = cta.attr("href").await.expect("href").unwrap_or_default();
    assert!(href.starts_with("/examples/index.html#b2ba=1.") && href.ends_with("&b2ba-lang=ja"), "{href}");
    let before = js(
        &c,
        "const q = document.querySelector('#quiz').shadowRoot; \
         return [window.wasmAsked, q.querySelector('.b2ba-score-value').textContent, window.widgetEvents.length]",
        "#x",
    )
    .await;
    assert_eq!(before, json!([1, "0", 0]), "the wasm is asked for and held; nothing scored yet");

    release(&c).await;
    shadow_find(&c, "#quiz", ".b2ba-score-value").await;
    let after = js(
        &c,
        "const q = document.querySelector('#quiz').shadowRoot; return [\
         q.querySelector('.b2ba-score-value').textContent, \
         q.querySelector('input[data-check=measurement_cycle]').checked, q.querySelector(\"select[id$='-p1']\").value, \
         window.widgetEvents.map(String).sort(), location.pathname]",
        "#x",
    )
    .await;
    assert_eq!(
        after,
        json!(["10", true, "2", ["quiz,answer", "quiz,answer", "quiz,start"], "/test-artifacts/prerender-quiz.html"])
    );

    // The call to action pressed before the wasm: followed once it is
    // there, with the answers in its address.
    c.goto(&held_page(&e, "prerender-quiz.html", hosts, false)).await.expect("goto");
    prerendered(&c, "#quiz", "input[data-check=measurement_cycle]").await.click().await.expect("switch");
    let cta = prerendered(&c, "#quiz", ".b2ba-cta").await;
    cta.click().await.expect("click the call to action");
    assert_eq!(cta.attr("aria-busy").await.expect("attr").as_deref(), Some("true"));
    assert_eq!(js(&c, "return location.pathname", "#x").await, json!("/test-artifacts/prerender-quiz.html"));
    release(&c).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let url = loop {
        let url = c.current_url().await.expect("url");
        if url.path() == "/examples/index.html" {
            break url;
        }
        assert!(std::time::Instant::now() < deadline, "the call to action was not followed: {url}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let fragment = url.fragment().unwrap_or_default().to_string();
    assert!(fragment.starts_with("b2ba=1.") && fragment != href.split('#').nth(1).unwrap_or_default(), "{fragment}");
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_prerendered_view_is_the_first_render_in_both_languages() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    for (mode, lang, extra) in [
        ("quiz", "ja", ""),
        ("quiz", "en", ""),
        ("quiz", "ja", r#"cta-url="/report""#),
        ("page", "ja", ""),
        ("page", "en", ""),
        ("lead", "ja", r#"lead-recipient="Demo" privacy-url="/privacy""#),
        ("lead", "en", r#"lead-recipient="Demo" privacy-url="/privacy""#),
    ] {
        let host = format!(r#"<b2b-assessment id="w" mode="{mode}" lang="{lang}" {extra}></b2b-assessment>"#);
        c.goto(&held_page(&e, "prerender-equal.html", &host, false)).await.expect("goto");
        prerendered(&c, "#w", ".b2ba").await;
        let first = js(&c, SNAPSHOT, "#w").await;
        release(&c).await;
        shadow_find(&c, "#w", ".b2ba").await;
        let rendered = js(&c, SNAPSHOT, "#w").await;
        assert!(first.as_str().is_some_and(|s| s.contains(&format!("lang={lang}"))), "{mode} {lang}: {first}");
        assert_eq!(first, rendered, "{mode} {lang} {extra}: the prerendered view and the wasm's first render differ");
    }
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_quiz_down_the_page_shows_its_card_before_its_wasm_and_fetches_it_at_the_first_input() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    let hosts = r#"<div id="article" style="height: 6000px">article</div><b2b-assessment id="quiz" mode="quiz" lang="en"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-lazy.html", hosts, false)).await.expect("goto");
    let state = |c: Client| async move {
        js(&c, "return [window.wasmAsked, !!document.querySelector('#quiz').shadowRoot.querySelector('[data-prerendered] .b2ba-quiz')]", "#x").await
    };
    assert_eq!(state(c.clone()).await, json!([0, false]), "far down the page: nothing yet");
    // 1,000 px below the viewport: its card, not its wasm (600 px).
    js(&c, "scrollTo(0, document.querySelector('#quiz').offsetTop - innerHeight - 1000); return true", "#x").await;
    prerendered(&c, "#quiz", ".b2ba-quiz").await;
    settle(&c).await;
    assert_eq!(state(c.clone()).await, json!([0, true]), "its card, not its wasm");
    // Keyboard focus on the card (without scrolling): the wasm is asked for
    // (its glue module first, then the wasm: a few tasks later).
    js(&c, "document.querySelector('#quiz').shadowRoot.querySelector('select').focus({ preventScroll: true }); return true", "#x")
        .await;
    let asked = c
        .execute_async(
            "const done = arguments[arguments.length - 1], t0 = performance.now(); \
             const look = () => window.wasmAsked > 0 || performance.now() - t0 > 10000 ? done(window.wasmAsked) : setTimeout(look, 20); look();",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(asked, json!(1), "the first input on the card starts the fetch");

    c.close().await.expect("close");
}

#[tokio::test]
async fn a_quiz_in_view_when_the_loader_runs_asks_for_its_card_at_once() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    // Observers silenced: what shows this card is the loader's own measure
    // when it runs, not an IntersectionObserver's first report (which comes
    // after a rendering update, a frame after the host page's first paint).
    let hosts = r#"<script>window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} };</script>
<b2b-assessment id="quiz" mode="quiz" lang="en"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-near.html", hosts, false)).await.expect("goto");
    prerendered(&c, "#quiz", ".b2ba-quiz").await;
    settle(&c).await;
    // Its wasm still waits for its own observer (600 px) or a first input.
    assert_eq!(js(&c, "return window.wasmAsked", "#x").await, json!(0), "the card, not the wasm");

    c.close().await.expect("close");
}

#[tokio::test]
async fn the_quiz_cards_rules_come_with_a_quiz_only_and_style_a_card_without_a_view() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    // Does a shadow root's first sheet have the quiz card's rules?
    const QUIZ_RULES: &str = "return [...document.querySelector(arguments[0]).shadowRoot.adoptedStyleSheets] \
        .some((s) => [...s.cssRules].some((r) => (r.selectorText || '').includes('b2ba-quiz-checks')))";
    // A page: the intro, the wasm's first screen, and no quiz module fetched.
    c.goto(&held_page(
        &e,
        "prerender-page-only.html",
        r#"<b2b-assessment id="page" lang="en"></b2b-assessment>"#,
        false,
    ))
    .await
    .expect("goto");
    prerendered(&c, "#page", ".b2ba-start").await;
    release(&c).await;
    shadow_find(&c, "#page", ".b2ba-start").await;
    let fetched =
        js(&c, "return performance.getEntriesByType('resource').map((r) => r.name.split('/').pop())", "#x").await;
    let fetched: Vec<&str> = fetched.as_array().expect("names").iter().filter_map(|v| v.as_str()).collect();
    assert!(fetched.contains(&"b2b-assessment-view-page-en.js"), "{fetched:?}");
    assert!(!fetched.iter().any(|f| f.contains("view-quiz")), "a page fetched a quiz module: {fetched:?}");
    assert_eq!(js(&c, QUIZ_RULES, "#page").await, json!(false), "no quiz rules in a page's sheets");
    // A quiz with its own content has no prerendered view (the page build
    // renders it): its card still gets its rules, from the quiz module.
    let hosts = r#"<b2b-assessment id="quiz" mode="quiz" lang="en" content-url="../examples/custom-content.json"></b2b-assessment>"#;
    c.goto(&held_page(&e, "prerender-quiz-no-view.html", hosts, false)).await.expect("goto");
    release(&c).await;
    shadow_find(&c, "#quiz", "input[role=switch]").await;
    assert_eq!(js(&c, QUIZ_RULES, "#quiz").await, json!(true), "the quiz rules in a quiz's sheets");
    let look = js(
        &c,
        "const s = getComputedStyle(document.querySelector(arguments[0]).shadowRoot.querySelector('input[role=switch]')); \
         return [s.appearance, s.width]",
        "#quiz",
    )
    .await;
    assert_eq!(look, json!(["none", "40px"]), "the switch drawn by the quiz card's rules");

    c.close().await.expect("close");
}

#[tokio::test]
async fn a_strict_csp_page_shows_the_prerendered_views_without_a_violation() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    let hosts = r##"<b2b-assessment id="page" lang="en" theme-accent="#0b6e4f" theme-radius="4px"></b2b-assessment>
<p id="after">the article goes on</p>
<b2b-assessment id="quiz" mode="quiz"></b2b-assessment>"##;
    c.goto(&held_page(&e, "prerender-strict.html", hosts, true)).await.expect("goto");
    let header = js(&c, "return fetch(location.href).then(r => r.headers.get('content-security-policy'))", "#x").await;
    assert!(header.as_str().is_some_and(|h| h.contains("style-src 'self'")), "served with the strict CSP: {header}");
    prerendered(&c, "#page", ".b2ba-start").await;
    prerendered(&c, "#quiz", ".b2ba-quiz").await;
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
    shadow_find(&c, "#quiz", ".b2ba-quiz").await;
    let after = js(&c, LOOK, "#x").await;
    // The page build's own sheet goes between the module's two; the rest as
    // before, and no violation (the quiz's included).
    assert_eq!(after[0], json!(3));
    let quiz = js(&c, "return document.querySelector('#quiz').shadowRoot.adoptedStyleSheets.length", "#x").await;
    assert_eq!(quiz, json!(2), "the quiz build has no sheet of its own");
    for i in 1..6 {
        assert_eq!(before[i], after[i], "item {i}: {before} / {after}");
    }
    c.close().await.expect("close");
}
