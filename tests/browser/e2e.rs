//! End-to-end: the served standalone page driven in real headless Chromium
//! through ChromeDriver, as a visitor would use it.
//!
//! `scripts/test` serves the repository, starts ChromeDriver and sets
//! `E2E_URL`, `WEBDRIVER_URL` and `B2BA_E2E_REQUIRED`. Without `E2E_URL`
//! these tests say so and skip (the native layer runs them that way), unless
//! `B2BA_E2E_REQUIRED` is set, when a missing URL is a failure.

use crate::common::{browser, cdp, content, js, require_env, reveal, shadow_find, site, Env};
use b2b_assessment::config;
use b2b_assessment::domain::answers::AnswerSheet;
use b2b_assessment::domain::benchmarks::format_percent;
use b2b_assessment::domain::content::{ProfileField, DEFAULT_JSON};
use b2b_assessment::domain::{Answers, Content, Locale, Report, Step, Text};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;

/// The page's widget host element for these tests.
const PAGE_HOST: &str = "#assessment";

async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    shadow_find(c, PAGE_HOST, css).await
}

/// An element's text content (also inside a collapsed report section).
async fn text(c: &Client, css: &str) -> String {
    let prop = wait_css(c, css).await.prop("textContent").await.expect("text");
    prop.unwrap_or_default().trim().to_string()
}

async fn open(c: &Client, url: &str) {
    c.goto(url).await.expect("goto");
    wait_css(c, ".b2ba-start").await;
}

fn sheet(
    c: &Content,
    revenue: &str,
    headcount: &str,
    dedicated: &str,
    budget: &str,
    fill: &str,
    checks: &[(&str, &str)],
) -> AnswerSheet {
    let mut profile = BTreeMap::new();
    profile.insert(ProfileField::Revenue, revenue.to_string());
    profile.insert(ProfileField::Headcount, headcount.to_string());
    profile.insert(ProfileField::DedicatedStaff, dedicated.to_string());
    profile.insert(ProfileField::Budget, budget.to_string());
    let mut map: BTreeMap<String, String> = c.checks.iter().map(|k| (k.id.clone(), fill.to_string())).collect();
    for (k, v) in checks {
        map.insert(k.to_string(), v.to_string());
    }
    AnswerSheet { profile, checks: map }
}

/// How a visitor picks an answer.
#[derive(Clone, Copy)]
enum Input {
    Mouse,
    Keyboard,
}

/// Answers every question as on screen, checking each question's text first.
async fn answer_all(c: &Client, content: &Content, answers: &Answers, locale: Locale, input: Input) {
    wait_css(c, ".b2ba-start").await.click().await.expect("start");
    for i in 0..content.step_count() {
        let step = Step::at(content, i).expect("step");
        let want = match step {
            Step::Profile(f) => content.profile.get(f).text.get(locale).to_string(),
            Step::Check(k) => content.checks[k].text.get(locale).to_string(),
        };
        assert_eq!(text(c, ".b2ba-question-text").await, want, "question {i}");
        let choice = answers.get(step).expect("complete sheet");
        match input {
            Input::Mouse => {
                let label = format!("label[for$=\"-q{i}-c{choice}\"]");
                wait_css(c, &label).await.click().await.expect("choose");
                wait_css(c, ".b2ba-next").await.click().await.expect("next");
            }
            Input::Keyboard => {
                // Focus sits on the question; Tab reaches the radio group,
                // Space or the arrows choose, Enter goes on.
                // Focus inside a shadow root: the root's `:focus` is the element.
                let focused = wait_css(c, ":focus").await;
                assert_eq!(
                    focused.attr("class").await.expect("class").as_deref().map(|s| s.contains("b2ba-focus")),
                    Some(true),
                    "focus on question {i}"
                );
                focused.send_keys(&Key::Tab).await.expect("tab");
                if choice == 0 {
                    wait_css(c, "input:focus").await.send_keys(" ").await.expect("space");
                } else {
                    for _ in 0..choice {
                        wait_css(c, "input:focus").await.send_keys(&Key::Down).await.expect("down");
                    }
                }
                wait_css(c, "input:focus").await.send_keys(&Key::Enter).await.expect("enter");
            }
        }
    }
    wait_css(c, ".b2ba-report[data-unfolded]").await;
}

async fn assert_report(c: &Client, content: &Content, answers: &Answers, locale: Locale) {
    let report = Report::build(content, answers).expect("complete");
    assert_eq!(text(c, ".b2ba-score-value").await, report.score.overall.to_string());
    assert_eq!(text(c, ".b2ba-level-name").await, content.levels[report.score.level].name.get(locale));
    let d = report.dedicated_staff.as_ref().expect("dedicated-staff figure");
    let want = format!("{}%", format_percent(d.figure.percent.expect("every revenue band has a figure")));
    assert_eq!(text(c, ".b2ba-bench-dedicated .b2ba-figure").await, want);
    // Every category shows its own score.
    for cs in &report.score.categories {
        let css = format!("tr[data-category=\"{}\"] .b2ba-cat-score", content.categories[cs.category].id);
        assert_eq!(text(c, &css).await, cs.score.to_string(), "category {}", content.categories[cs.category].id);
    }
    // Every source is printed with its year.
    let sources = js(c, "return arguments[0] && document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-source-name').length", PAGE_HOST).await;
    assert_eq!(sources, json!(8), "four benchmarks, and the article for the models, sourcing, costs and scoring");
    // On screen the sections after the first block are collapsed; a printed
    // report shows every one of them open.
    let folds = "return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-report > details')]
           .map(d => [d.className.split(' ')[0], d.open, d.getBoundingClientRect().height - d.querySelector('summary').getBoundingClientRect().height])";
    let screen = js(c, folds, PAGE_HOST).await;
    cdp(c, "Emulation.setEmulatedMedia", json!({ "media": "print" })).await;
    let printed = js(c, folds, PAGE_HOST).await;
    cdp(c, "Emulation.setEmulatedMedia", json!({ "media": "" })).await;
    let (screen, sections) = (screen.as_array().expect("sections"), printed.as_array().expect("sections"));
    assert!(sections.len() >= 8, "report sections: {printed}");
    for (s, p) in screen.iter().zip(sections) {
        assert_eq!(s[1], json!(false), "collapsed on screen: {s}");
        assert!(s[2].as_f64().unwrap_or(f64::MAX) < 30.0, "nothing but its summary on screen: {s}");
        // The category table repeats the radar's numbers on page 1: not printed.
        if p[0] != json!("b2ba-categories") {
            assert!(p[2].as_f64().unwrap_or(0.0) > 10.0, "printed open: {p}");
        }
    }
}

/// Saves a full-page screenshot to `test-artifacts/` for a person to look at.
async fn screenshot(c: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    let height = c
        .execute("return Math.ceil(document.documentElement.scrollHeight)", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(900)
        .clamp(600, 8000) as u32;
    let _ = c.set_window_size(1280, height + 120).await;
    if std::fs::create_dir_all(&dir).is_ok() {
        if let Ok(png) = c.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
    let _ = c.set_window_size(1280, 900).await;
}

#[tokio::test]
async fn all_in_place_by_mouse_scores_100_at_the_top_level() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    open(&c, &e.page).await;
    let yes = sheet(&content, "up_to_30b", "1_to_3", "yes", "under_10m", "yes", &[]);
    let answers = Answers::from_sheet(&content, &yes).expect("sheet");
    answer_all(&c, &content, &answers, Locale::Ja, Input::Mouse).await;
    assert_eq!(text(&c, ".b2ba-score-value").await, "100");
    assert_eq!(text(&c, ".b2ba-level-name").await, content.levels.last().expect("levels").name.ja);
    assert_eq!(text(&c, ".b2ba-bench-dedicated .b2ba-figure").await, "37%");
    assert_report(&c, &content, &answers, Locale::Ja).await;
    screenshot(&c, "e2e-report-all-yes-ja").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn mixed_answers_by_keyboard_in_english() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    open(&c, &e.page).await;
    wait_css(&c, ".b2ba-lang").await.click().await.expect("switch language");
    assert_eq!(text(&c, ".b2ba-intro h2").await, content.tagline.en);
    let mixed = sheet(
        &content,
        "30b_to_100b",
        "4_to_10",
        "no",
        "10m_to_100m",
        "no",
        &[
            ("duties_documented", "yes"),
            ("sales_roles_defined", "partly"),
            ("mql_definition_agreed", "yes"),
            ("sql_handoff_criteria", "partly"),
            ("regular_sync_meeting", "yes"),
            ("lead_data_shared", "partly"),
            ("consistent_messaging", "yes"),
            ("strategy_guideline", "unknown"),
            ("measurement_cycle", "partly"),
            ("sourcing_criteria", "yes"),
            ("knowledge_documented", "partly"),
        ],
    );
    let answers = Answers::from_sheet(&content, &mixed).expect("sheet");
    answer_all(&c, &content, &answers, Locale::En, Input::Keyboard).await;
    assert_report(&c, &content, &answers, Locale::En).await;
    // The same set in the native fixture scores 49 at level 2; the page must agree.
    assert_eq!(text(&c, ".b2ba-score-value").await, "49");
    assert_eq!(text(&c, ".b2ba-bench-dedicated .b2ba-figure").await, "50%");
    // The first next action is a sales-alignment one.
    let first = wait_css(&c, ".b2ba-actions li").await.attr("data-check").await.expect("attr");
    assert_eq!(first.as_deref(), Some("shared_kpis"));
    assert_eq!(text(&c, ".b2ba-org-label").await, content.org_models[1].label.en);
    screenshot(&c, "e2e-report-mixed-en").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_page_opens_in_japanese_and_switches_to_english_and_back() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    open(&c, &e.page).await;
    screenshot(&c, "e2e-intro-ja").await;
    assert_eq!(text(&c, ".b2ba-intro h2").await, content.tagline.ja);
    wait_css(&c, ".b2ba-start").await.click().await.expect("start");
    wait_css(&c, ".b2ba-lang").await.click().await.expect("to English");
    assert_eq!(text(&c, ".b2ba-question-text").await, content.profile.revenue.text.en);
    assert_eq!(text(&c, ".b2ba-next").await, "Next");
    wait_css(&c, ".b2ba-lang").await.click().await.expect("to Japanese");
    assert_eq!(text(&c, ".b2ba-question-text").await, content.profile.revenue.text.ja);
    // No error reached the console while loading and switching.
    let errors = c
        .execute("return performance.getEntriesByType('resource').filter(r => r.name.endsWith('.wasm')).length", vec![])
        .await
        .expect("script");
    assert_eq!(errors, json!(1), "the wasm was fetched exactly once");
    c.close().await.expect("close");
}

// ---------------------------------------------------------------- embedding

const STYLE_PROBE: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot;
const props = ['font-size', 'font-weight', 'line-height', 'color', 'background-color', 'display',
               'box-sizing', 'padding-top', 'padding-left', 'border-top-width', 'margin-top', 'letter-spacing'];
const out = {};
for (const sel of ['.b2ba', '.b2ba-quiz h2', '.b2ba-quiz-profile', '.b2ba-field', 'select', '.b2ba-quiz-checks li',
                   'input[role=switch]', '.b2ba-lang', '.b2ba-cta', '.b2ba-score-value', '.b2ba-teaser li']) {
  const el = root.querySelector(sel);
  if (!el) { out[sel] = 'missing'; continue; }
  const cs = getComputedStyle(el);
  out[sel] = props.map(p => p + ':' + cs.getPropertyValue(p)).join(';');
}
return out;
"#;

#[tokio::test]
async fn the_quiz_in_a_hostile_article_renders_like_on_a_plain_page() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/plain-quiz.html")).await.expect("plain");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    let plain = js(&c, STYLE_PROBE, "#quiz").await;
    c.goto(&site(&e, "examples/blog-article.html")).await.expect("article");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    let hostile = js(&c, STYLE_PROBE, "#quiz").await;
    // The hostile sheet really is active on the host page.
    let host_p =
        js(&c, "return getComputedStyle(document.querySelector('article p, main p, p')).fontSize", "#quiz").await;
    assert_eq!(host_p, json!("30px"), "hostile.css applies to the article");
    let plain = plain.as_object().expect("object");
    for (sel, v) in plain {
        assert_ne!(v, "missing", "{sel} missing on the plain page");
        assert_eq!(Some(v), hostile.get(sel), "{sel} differs inside the hostile article");
    }
    assert_eq!(plain[".b2ba"].as_str().map(|s| s.contains("font-size:16px")), Some(true), "{:?}", plain[".b2ba"]);
    screenshot(&c, "e2e-blog-article-quiz").await;
    c.close().await.expect("close");
}

/// Which of the widget's builds the page has fetched.
#[derive(Debug, PartialEq)]
struct Fetched {
    quiz: bool,
    page: bool,
    full: bool,
}

async fn bundles_fetched(c: &Client, host: &str) -> Fetched {
    let names = js(c, "return performance.getEntriesByType('resource').map(e => e.name)", host).await;
    let names: Vec<String> = serde_json::from_value(names).expect("resource names");
    let has = |file: &str| names.iter().any(|n| n.ends_with(&format!("/{file}")));
    Fetched {
        quiz: has("b2b_assessment_quiz_bg.wasm"),
        page: has("b2b_assessment_page_bg.wasm"),
        full: has("b2b_assessment_bg.wasm"),
    }
}

#[tokio::test]
async fn each_mode_loads_the_smallest_build_that_can_show_it() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/plain-quiz.html")).await.expect("quiz page");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    assert_eq!(bundles_fetched(&c, "#quiz").await, Fetched { quiz: true, page: false, full: false }, "a quiz");
    c.goto(&site(&e, "index.html")).await.expect("page");
    wait_css(&c, ".b2ba-start").await;
    assert_eq!(bundles_fetched(&c, PAGE_HOST).await, Fetched { quiz: false, page: true, full: false }, "the page");
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("lead page");
    shadow_find(&c, "#lead", ".b2ba-title").await;
    assert_eq!(bundles_fetched(&c, "#lead").await, Fetched { quiz: false, page: false, full: true }, "a lead form");
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_lead_left_pending_goes_out_from_a_quiz_page() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let before = lead_count(&c).await;
    set_faults(&c, json!({"down_secs": 4, "reset_counters": true})).await;
    submit_lead(&c, &e, "quiz-resume@example.co.jp").await;
    // Off to an article before the receiver is back: the lead is still pending.
    c.goto(&site(&e, "examples/plain-quiz.html")).await.expect("quiz page");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    let got = wait_for_count(&c, before + 1, Duration::from_secs(60)).await;
    set_faults(&c, json!({})).await;
    assert_eq!(got, before + 1, "the quiz page sent the pending lead");
    // The quiz build has no sender: it handed the widget to the full one.
    assert_eq!(bundles_fetched(&c, "#quiz").await, Fetched { quiz: true, page: false, full: true });
    c.close().await.expect("close");
}

#[tokio::test]
async fn host_listeners_get_the_events_and_the_cta_hands_the_answers_to_the_page() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/blog-article.html")).await.expect("article");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    // A marketer's layer, as GTM would create it, gets the same events.
    js(&c, "window.dataLayer = window.dataLayer || []; return true", "#quiz").await;
    shadow_find(&c, "#quiz", "input[data-check=mql_definition_agreed]").await.click().await.expect("switch");
    shadow_find(&c, "#quiz", "input[data-check=shared_kpis]").await.click().await.expect("switch");
    let select = shadow_find(&c, "#quiz", "select").await;
    select.select_by_value("1").await.expect("revenue band");
    // Two of sales alignment's 2-point checks: 4 of its 8 points, of its weight 30.
    assert_eq!(shadow_find(&c, "#quiz", ".b2ba-score-value").await.text().await.expect("score"), "15");
    // Keep the CTA from navigating so the events stay readable.
    js(&c, "document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba-cta').addEventListener('click', e => e.preventDefault()); return true", "#quiz").await;
    shadow_find(&c, "#quiz", ".b2ba-cta").await.click().await.expect("cta");

    let events = js(&c, "return window.hostEvents.map(e => ({type: e.type, detail: e.detail}))", "#quiz").await;
    let events = events.as_array().expect("array");
    let types: Vec<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
    assert_eq!(
        types,
        [
            "b2b-assessment:start",
            "b2b-assessment:answer",
            "b2b-assessment:answer",
            "b2b-assessment:answer",
            "b2b-assessment:complete",
            "b2b-assessment:cta"
        ]
    );
    assert_eq!(events[1]["detail"]["question"], json!("mql_definition_agreed"));
    assert_eq!(events[1]["detail"]["answer"], json!("yes"));
    assert_eq!(events[3]["detail"]["question"], json!("revenue"));
    assert_eq!(events[3]["detail"]["answer"], json!("30b_to_100b"));
    assert_eq!(events[4]["detail"]["score"], json!(15));
    assert_eq!(events[4]["detail"]["level"], json!("ad_hoc"));
    assert_eq!(events[4]["detail"]["categories"]["sales_alignment"], json!(50));
    let url = events[5]["detail"]["url"].as_str().expect("cta url").to_string();
    assert!(url.starts_with("../index.html#b2ba=1."), "{url}");
    assert!(url.ends_with("&b2ba-lang=ja"), "the card's language goes with its answers: {url}");
    let layer = js(&c, "return window.dataLayer.map(e => e.event)", "#quiz").await;
    assert_eq!(layer.as_array().map(|a| a.len()), Some(6), "dataLayer got every event: {layer}");
    let layer_detail = js(&c, "return JSON.stringify(window.dataLayer)", "#quiz").await;
    assert!(!layer_detail.as_str().unwrap_or("").contains('@'), "no personal data in the dataLayer");

    // Following the link shows the page with the quiz's answers: profile
    // questions first (the quiz left three open), then the report.
    let page = site(&e, &format!("examples/{url}"));
    c.goto(&page).await.expect("report page");
    assert_eq!(
        text(&c, ".b2ba-question-text").await,
        content.profile.headcount.text.ja,
        "resumes at the first open question"
    );
    c.close().await.expect("close");
}

#[tokio::test]
async fn no_layout_shift_while_the_quiz_loads() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/blog-article.html")).await.expect("article");
    js(&c, "window.__cls = 0; new PerformanceObserver(l => { for (const s of l.getEntries()) if (!s.hadRecentInput) window.__cls += s.value; }).observe({type: 'layout-shift', buffered: true}); return true", "#quiz").await;
    let before =
        js(&c, "return document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY", "#quiz").await;
    // The quiz is below the fold: nothing of the wasm is fetched until it comes near.
    let fetched = js(
        &c,
        "return performance.getEntriesByType('resource').filter(r => r.name.includes('b2b_assessment')).length",
        "#quiz",
    )
    .await;
    assert_eq!(fetched, json!(0), "wasm and glue wait for the quiz to near the viewport");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    // One more frame so the observer has seen everything.
    c.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done))",
        vec![],
    )
    .await
    .expect("frames");
    let cls = js(&c, "return window.__cls", "#quiz").await;
    assert_eq!(cls, json!(0), "cumulative layout shift");
    let after =
        js(&c, "return document.querySelector(arguments[0]).getBoundingClientRect().top + scrollY", "#quiz").await;
    assert_eq!(before, after, "the quiz did not move");
    c.close().await.expect("close");
}

#[tokio::test]
async fn strict_csp_pages_work_without_violations() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    for (path, host, css) in [
        ("strict/examples/blog-article.html", "#quiz", ".b2ba-quiz"),
        ("strict/examples/lead-form.html", "#lead", ".b2ba-start"),
        ("strict/examples/two-instances.html", "#quiz-b", ".b2ba-quiz"),
        ("strict/examples/config-json.html", "#configured", ".b2ba-cta"),
    ] {
        c.goto(&site(&e, path)).await.expect("goto");
        reveal(&c, host, css).await;
        shadow_find(&c, host, ".b2ba-lang").await.click().await.expect("switch language");
        let csp = js(&c, "return [document.documentElement.dataset.hostScript, window.cspViolations.length, JSON.stringify(window.cspViolations)]", host).await;
        assert_eq!(csp[0], json!("ran"), "{path}: host script ran");
        assert_eq!(csp[1], json!(0), "{path}: CSP violations {}", csp[2]);
    }
    // The page itself answers with the policy.
    let header = js(&c, "return fetch(location.href).then(r => r.headers.get('content-security-policy'))", "#x").await;
    assert!(
        header.as_str().is_some_and(|h| h.contains("'wasm-unsafe-eval'") && h.contains("style-src 'self'")),
        "{header}"
    );
    c.close().await.expect("close");
}

#[tokio::test]
async fn two_instances_keep_separate_answers() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/two-instances.html")).await.expect("goto");
    reveal(&c, "#quiz-a", ".b2ba-quiz").await;
    reveal(&c, "#quiz-b", ".b2ba-quiz").await;
    reveal(&c, "#quiz-a", ".b2ba-quiz").await;
    shadow_find(&c, "#quiz-a", "input[data-check=measurement_cycle]").await.click().await.expect("switch");
    let score = |host: &'static str| {
        let c = c.clone();
        async move { shadow_find(&c, host, ".b2ba-score-value").await.text().await.expect("score") }
    };
    assert_eq!(score("#quiz-a").await, "10");
    assert_eq!(score("#quiz-b").await, "0");
    let b_checked = js(&c, "return document.querySelector(arguments[0]).shadowRoot.querySelector('input[data-check=measurement_cycle]').checked", "#quiz-b").await;
    assert_eq!(b_checked, json!(false));
    let langs = js(
        &c,
        "return ['#quiz-a', '#quiz-b'].map(h => document.querySelector(h).shadowRoot.querySelector('.b2ba').lang)",
        "#x",
    )
    .await;
    assert_eq!(langs, json!(["ja", "en"]));
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_broken_config_shows_a_message_and_the_host_page_keeps_working() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/broken-config.html")).await.expect("goto");
    let lang = shadow_find(&c, "#broken", ".b2ba-error-detail").await.text().await.expect("text");
    assert!(lang.contains("config.lang") && lang.contains("42"), "{lang}");
    let mode = shadow_find(&c, "#broken-mode", ".b2ba-error-detail").await.text().await.expect("text");
    assert!(mode.contains("attribute mode") && mode.contains("\"quizz\""), "{mode}");
    let host = js(&c, "return [document.documentElement.dataset.hostScript, window.hostEvents.filter(e => e.type === 'b2b-assessment:error').length]", "#x").await;
    assert_eq!(host, json!(["ran", 2]), "host script ran and saw both errors");
    c.close().await.expect("close");
}

/// A host page for the widget's own failures, loading the loader from
/// `test-artifacts/<pkg>/`. It counts timer ticks, records console errors and
/// widget events, and has its own button.
fn failure_page(pkg: &str) -> String {
    r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>failure test</title>
<link rel="stylesheet" href="PKG/b2b-assessment.css">
<script>
window.consoleErrors = [];
const original = console.error;
console.error = (...a) => { window.consoleErrors.push(a.map(String).join(" ")); original(...a); };
window.ticks = 0; setInterval(() => window.ticks++, 20);
window.widgetErrors = [];
document.addEventListener("b2b-assessment:error", (e) => window.widgetErrors.push(e.detail.code));
</script>
<script type="module" src="PKG/b2b-assessment.js"></script>
</head><body>
<b2b-assessment id="assessment" mode="page" lang="en"></b2b-assessment>
<button id="host-button" onclick="this.dataset.clicks = (Number(this.dataset.clicks) || 0) + 1">host</button>
</body></html>"#
        .replace("PKG", pkg)
}

/// After the widget failed: the host's timers tick, its button works, one error
/// event with `code` was sent, the console has `console_error`, and nothing of
/// the widget is left to click.
async fn assert_host_unharmed(c: &Client, code: &str, console_error: &str) {
    let before = js(c, "return window.ticks", "").await.as_u64().expect("ticks");
    c.find(Locator::Css("#host-button")).await.expect("host button").click().await.expect("click host button");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let host = js(
        c,
        "return [window.ticks, document.querySelector('#host-button').dataset.clicks, window.widgetErrors, \
                window.consoleErrors.some(m => m.includes(arguments[0]))]",
        console_error,
    )
    .await;
    assert!(host[0].as_u64().expect("ticks") > before, "host timers keep running: {host}");
    assert_eq!(host[1], json!("1"), "the host's own button still works: {host}");
    assert_eq!(host[2], json!([code]), "one error event with code {code}: {host}");
    assert_eq!(host[3], json!(true), "a console error for the site's developer: {host}");
    let buttons =
        js(c, "return document.querySelector('#assessment').shadowRoot.querySelectorAll('button').length", "").await;
    assert_eq!(buttons, json!(0));
}

#[tokio::test]
async fn a_panic_shows_a_friendly_message_and_the_host_page_keeps_running() {
    let e = require_env!();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    if !dir.join("pkg-crash/b2b_assessment_bg.wasm").exists() {
        assert!(
            std::env::var_os("B2BA_E2E_REQUIRED").is_none(),
            "test-artifacts/pkg-crash is missing (scripts/build --crash-test)"
        );
        eprintln!("skipped: no crash-test build");
        return;
    }
    std::fs::write(dir.join("crash-test.html"), failure_page("pkg-crash")).expect("write the crash page");
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "test-artifacts/crash-test.html")).await.expect("goto");
    wait_css(&c, ".b2ba-start").await.click().await.expect("click start");
    let alert = wait_css(&c, "[role=alert]").await.text().await.expect("text");
    assert!(alert.contains("Something went wrong") && alert.contains("Reload"), "friendly message: {alert}");
    assert_host_unharmed(&c, "crash", "b2b-assessment: the widget stopped after an internal error").await;
    c.close().await.expect("close");
}

/// `test-artifacts/pkg-missing/`: the shipped loader and host stylesheet
/// alone, their wasm and glue missing (a wrong upload path, say).
fn loader_without_wasm() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    let pkg = dir.join("pkg-missing");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg");
    for f in ["b2b-assessment.js", "b2b-assessment.css"] {
        std::fs::copy(shipped.join(f), pkg.join(f)).expect("copy the loader");
    }
}

#[tokio::test]
async fn a_wasm_that_cannot_load_shows_a_message_and_the_host_page_keeps_running() {
    let e = require_env!();
    loader_without_wasm();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::write(dir.join("missing-test.html"), failure_page("pkg-missing")).expect("write the page");
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "test-artifacts/missing-test.html")).await.expect("goto");
    let alert = wait_css(&c, "[role=alert]").await.text().await.expect("text");
    assert!(alert.contains("could not be loaded") && alert.contains("reload"), "message: {alert}");
    assert_host_unharmed(&c, "load", "b2b-assessment: could not start").await;
    c.close().await.expect("close");
}

/// Every inherited property of Chromium (156) a host page can set, each to a
/// value unlike its initial one and unlike the widget's: what the loader's own
/// elements in the shadow root must not take on. Left out: `visibility`
/// (hidden would hide the host too). `-webkit-locale` is what `lang` sets for
/// the choice of glyphs; the host has no `lang` of its own, so the body's
/// reaches it.
const EVERY_INHERITED_PROPERTY: &str = r#"
  color: lime; font-family: "Courier New", monospace; font-size: 30px; font-style: italic;
  font-weight: 900; font-stretch: condensed; font-variant-caps: small-caps;
  font-variant-ligatures: no-common-ligatures; font-variant-numeric: oldstyle-nums;
  font-variant-east-asian: jis78; font-variant-position: super; font-variant-alternates: historical-forms;
  font-variant-emoji: emoji; font-kerning: none; font-feature-settings: "smcp", "zero";
  font-variation-settings: "wght" 100; font-optical-sizing: none; font-size-adjust: 0.3; font-synthesis: none;
  font-palette: dark; font-language-override: "TRK"; line-height: 3; letter-spacing: 3px; word-spacing: 10px;
  text-transform: uppercase; text-align: right; text-align-last: center; text-indent: 40px;
  text-justify: inter-character; text-shadow: 2px 2px red; white-space: pre; text-wrap-style: balance;
  word-break: break-all; overflow-wrap: anywhere; line-break: anywhere; hyphens: auto; hyphenate-character: "=";
  hyphenate-limit-chars: 10; tab-size: 20; quotes: "<" ">"; text-decoration-skip-ink: none;
  text-underline-offset: 5px; text-underline-position: under; text-emphasis-style: filled;
  text-emphasis-color: red; text-emphasis-position: under left; text-orientation: upright;
  writing-mode: vertical-rl; direction: rtl; text-rendering: optimizeSpeed; text-size-adjust: 50%;
  text-autospace: normal; text-spacing-trim: space-all; text-box-edge: cap alphabetic; text-anchor: middle;
  cursor: wait; caret-color: red; caret-shape: block; caret-animation: manual; accent-color: red;
  color-scheme: dark; print-color-adjust: exact; forced-color-adjust: none; image-rendering: pixelated;
  image-orientation: none; pointer-events: none; user-select: none; interactivity: inert;
  dynamic-range-limit: standard; interpolate-size: allow-keywords; scrollbar-color: red blue;
  list-style-type: square; list-style-position: inside; list-style-image: linear-gradient(red, blue);
  border-collapse: collapse; border-spacing: 7px; caption-side: bottom; empty-cells: hide; orphans: 5;
  widows: 5; math-depth: 3; math-style: compact; math-shift: compact; ruby-position: under; ruby-align: center;
  ruby-overhang: none; paint-order: stroke; fill: red; fill-opacity: 0.5; fill-rule: evenodd; stroke: red;
  stroke-width: 3px; stroke-dasharray: 1 2; stroke-dashoffset: 1px; stroke-linecap: round;
  stroke-linejoin: round; stroke-miterlimit: 2; stroke-opacity: 0.5; clip-rule: evenodd;
  color-interpolation: linearRGB; color-interpolation-filters: sRGB; color-rendering: optimizeSpeed;
  shape-rendering: crispEdges; dominant-baseline: middle; marker-start: url(#m); marker-mid: url(#m);
  marker-end: url(#m); speak: none; -webkit-text-fill-color: blue; -webkit-text-stroke-width: 1px;
  -webkit-text-stroke-color: red; -webkit-text-security: disc; -webkit-font-smoothing: none;
  -webkit-locale: "zh"; -webkit-rtl-ordering: visual; -webkit-user-modify: read-write;
  -webkit-tap-highlight-color: red;
"#;

/// A page in English with the widget from `pkg` (relative to
/// `test-artifacts/`) in a 600 px wide host, its `<body>` styled by `body`.
fn inherited_styles_page(pkg: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>inherited styles</title>
<link rel="stylesheet" href="{pkg}/b2b-assessment.css">
<style>
#assessment {{ width: 600px }}
body {{ {body} }}
</style>
<script type="module" src="{pkg}/b2b-assessment.js"></script>
</head><body>
<b2b-assessment id="assessment" mode="page"></b2b-assessment>
</body></html>"#
    )
}

/// Every computed property of an element in the widget's shadow root: the
/// one `arguments[0]` matches, or with "wrapper" the loader's wrapper around
/// `.b2ba` (checked to be the shadow root's child); null if there is none.
const COMPUTED_STYLE: &str = r#"
const root = document.querySelector('#assessment').shadowRoot;
const el = arguments[0] === 'wrapper' ? root.querySelector('.b2ba')?.parentElement : root.querySelector(arguments[0]);
if (!el || (arguments[0] === 'wrapper' && el.parentNode !== root)) return null;
const cs = getComputedStyle(el);
const out = {};
for (let i = 0; i < cs.length; i++) out[cs[i]] = cs.getPropertyValue(cs[i]);
return out;
"#;

/// Loads a plain page of [`inherited_styles_page`] (its body styled by
/// `plain`) and then a hostile one ([`EVERY_INHERITED_PROPERTY`]) with the
/// widget from `pkg`, waits for `ready` in the widget and returns the computed
/// style of `target` (see [`COMPUTED_STYLE`]) on each. Also checks that every
/// declaration of the hostile body took: the body's computed value differs.
async fn computed_on_plain_and_hostile(
    c: &Client,
    e: &Env,
    (pkg, plain): (&str, &str),
    ready: &str,
    target: &str,
) -> (serde_json::Map<String, serde_json::Value>, serde_json::Map<String, serde_json::Value>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    let names: Vec<&str> =
        EVERY_INHERITED_PROPERTY.split(';').filter_map(|d| d.split_once(':')).map(|(name, _)| name.trim()).collect();
    let mut styles = Vec::new();
    for hostile in [false, true] {
        let file =
            format!("inherited-{}-{}.html", pkg.trim_start_matches("../"), if hostile { "hostile" } else { "plain" });
        let body = if hostile { EVERY_INHERITED_PROPERTY } else { plain };
        std::fs::write(dir.join(&file), inherited_styles_page(pkg, body)).expect("write the page");
        c.goto(&site(e, &format!("test-artifacts/{file}"))).await.expect("goto");
        wait_css(c, ready).await;
        let style = c.execute(COMPUTED_STYLE, vec![json!(target)]).await.expect("computed style");
        let serde_json::Value::Object(style) = style else { panic!("{target} missing on {file}: {style}") };
        styles.push(style);
    }
    // On the hostile page, still open: each declaration took (a typo or a
    // value this Chromium does not know would drop out silently).
    let not_taken = c
        .execute(
            "const [body, html] = [document.body, document.documentElement].map(e => getComputedStyle(e));
             return arguments[0].filter(p => body.getPropertyValue(p) === html.getPropertyValue(p))",
            vec![json!(names)],
        )
        .await
        .expect("body style");
    assert_eq!(not_taken, json!([]), "the hostile body's declarations that did not take");
    let hostile = styles.pop().expect("hostile");
    (styles.pop().expect("plain"), hostile)
}

/// Every property whose computed value differs, as `name: plain | hostile`.
fn differences(
    plain: &serde_json::Map<String, serde_json::Value>,
    hostile: &serde_json::Map<String, serde_json::Value>,
) -> Vec<String> {
    let names: std::collections::BTreeSet<&String> = plain.keys().chain(hostile.keys()).collect();
    names
        .into_iter()
        .filter(|n| plain.get(*n) != hostile.get(*n))
        .map(|n| format!("{n}: {} | {}", plain.get(n).unwrap_or(&json!(null)), hostile.get(n).unwrap_or(&json!(null))))
        .collect()
}

#[tokio::test]
async fn the_loaders_notice_and_wrapper_ignore_every_inherited_text_style_of_the_host() {
    let e = require_env!();
    loader_without_wasm();
    let c = browser(&e.webdriver).await;

    // The notice (here the load failure's; a crash shows the same box).
    let (plain, hostile) =
        computed_on_plain_and_hostile(&c, &e, ("pkg-missing", ""), "[role=alert]", "[role=alert]").await;
    let diff = differences(&plain, &hostile);
    assert!(diff.is_empty(), "the notice differs on a page setting every inherited property:\n{}", diff.join("\n"));
    // The language the notice is in also picks its glyphs (Chromium's locale).
    let lang = js(
        &c,
        "return [document.querySelector(arguments[0]).shadowRoot.querySelector('[role=alert]').lang]",
        PAGE_HOST,
    )
    .await;
    assert_eq!(lang, json!(["en"]));
    assert_eq!(hostile.get("-webkit-locale"), Some(&json!("\"en\"")), "the notice's locale");

    // The wrapper the loader puts around the widget's root `.b2ba`. The font
    // family passes on purpose: the widget takes the page's font
    // (`font-family: var(--b2ba-font, inherit)` in styles/base.css), and its
    // height follows; so the plain page here has the hostile one's font.
    let font = r#"font-family: "Courier New", monospace"#;
    let (plain, hostile) = computed_on_plain_and_hostile(&c, &e, ("../pkg", font), ".b2ba-start", "wrapper").await;
    let diff = differences(&plain, &hostile);
    assert!(diff.is_empty(), "the wrapper differs on a page setting every inherited property:\n{}", diff.join("\n"));
    let font = js(
        &c,
        "return getComputedStyle(document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba')).fontFamily",
        PAGE_HOST,
    )
    .await;
    assert_eq!(font, json!("\"Courier New\", monospace"), "the widget still takes the page's font");
    // The widget's own `all: initial` would drop the locale its `lang` gives
    // (Japanese glyph forms); styles/base.css gives it back, down to the buttons.
    let locale = js(
        &c,
        "const r = document.querySelector(arguments[0]).shadowRoot; \
         return ['.b2ba', '.b2ba-start'].map(s => getComputedStyle(r.querySelector(s)).getPropertyValue('-webkit-locale'))",
        PAGE_HOST,
    )
    .await;
    assert_eq!(locale, json!(["\"en\"", "\"en\""]), "the widget's locale follows its lang");
    c.close().await.expect("close");
}

#[tokio::test]
async fn inline_json_config_sets_language_and_theme() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/config-json.html")).await.expect("goto");
    let cta = reveal(&c, "#configured", ".b2ba-cta").await;
    assert_eq!(cta.text().await.expect("text"), "See the full report");
    let bg = js(&c, "return getComputedStyle(document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba-cta')).backgroundColor", "#configured").await;
    assert_eq!(bg, json!("rgb(122, 31, 162)"), "theme accent #7a1fa2");
    let globals = js(&c, "return Object.getOwnPropertyNames(window).filter(k => /b2b/i.test(k))", "#x").await;
    assert_eq!(globals, json!(["B2BAssessment"]), "one namespace on window");

    // The programmatic API: mount on a fresh element, then destroy.
    let mounted = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const el = document.createElement('div'); el.id = 'api'; document.body.append(el);
               B2BAssessment.mount(el, { mode: 'page', lang: 'en' }).then(h => {
                 const before = el.shadowRoot.querySelector('.b2ba-intro h2')?.textContent;
                 h.destroy();
                 setTimeout(() => done([before, el.shadowRoot.childElementCount]), 50);
               }, e => done(['error', String(e)]));"#,
            vec![],
        )
        .await
        .expect("mount api");
    assert_eq!(mounted, json!([content().tagline.en, 0]), "mounted in English, then emptied by destroy()");
    c.close().await.expect("close");
}

#[tokio::test]
async fn custom_content_from_a_url_and_its_errors() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/custom-content.html")).await.expect("goto");
    let title = shadow_find(&c, "#custom", ".b2ba-intro h2").await.text().await.expect("text");
    assert_eq!(title, "営業との連携はうまくいっていますか？");
    let broken = shadow_find(&c, "#custom-broken", ".b2ba-error-detail").await.text().await.expect("text");
    assert!(broken.contains("content.checks[2].text") && broken.contains("missing field `en`"), "{broken}");
    let missing = shadow_find(&c, "#custom-missing", ".b2ba-error-detail").await.text().await.expect("text");
    assert!(missing.contains("content-url") && missing.contains("HTTP 404"), "{missing}");
    c.close().await.expect("close");
}

#[tokio::test]
async fn lead_mode_gates_the_report_behind_the_form() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let yes = sheet(&content, "over_100b", "11_plus", "yes", "100m_plus", "partly", &[]);
    let answers = Answers::from_sheet(&content, &yes).expect("sheet");
    shadow_find(&c, "#lead", ".b2ba-start").await.click().await.expect("start");
    for i in 0..content.step_count() {
        let choice = answers.get(Step::at(&content, i).expect("step")).expect("answer");
        shadow_find(&c, "#lead", &format!("label[for$=\"-q{i}-c{choice}\"]")).await.click().await.expect("choose");
        shadow_find(&c, "#lead", ".b2ba-next").await.click().await.expect("next");
    }
    shadow_find(&c, "#lead", ".b2ba-lead").await;
    // The transmission notice says what goes where before anything is sent.
    let notice = shadow_find(&c, "#lead", ".b2ba-notice-box").await.text().await.expect("notice");
    assert!(notice.contains("送信先") && notice.contains("utm"), "{notice}");
    shadow_find(&c, "#lead", "input[type=email]").await.send_keys("not-an-address").await.expect("type");
    shadow_find(&c, "#lead", ".b2ba-submit").await.click().await.expect("submit");
    let errors = js(&c, "return [...document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-error')].map(e => e.textContent)", "#lead").await;
    let errors = errors.to_string();
    assert!(
        errors.contains("メールアドレス") && errors.contains("ご入力ください") && errors.contains("同意"),
        "{errors}"
    );
    assert!(
        js(&c, "return !!document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba-report')", "#lead").await
            == json!(false),
        "no report yet"
    );
    fill_lead_form(&c, "#lead", "taro@example.co.jp").await;
    shadow_find(&c, "#lead", ".b2ba-submit").await.click().await.expect("submit");
    let score = shadow_find(&c, "#lead", ".b2ba-score-value").await.text().await.expect("score");
    assert_eq!(score, Report::build(&content, &answers).expect("complete").score.overall.to_string());
    shadow_find(&c, "#lead", ".b2ba-lead-status").await;
    c.close().await.expect("close");
}

/// Fills the default form (name, company, e-mail) and ticks consent.
async fn fill_lead_form(c: &Client, host: &str, email: &str) {
    for (css, value) in [
        ("input[autocomplete=family-name]", "山田"),
        ("input[autocomplete=given-name]", "太郎"),
        ("input[autocomplete=organization]", "株式会社サンプル"),
    ] {
        let el = shadow_find(c, host, css).await;
        el.clear().await.expect("clear");
        el.send_keys(value).await.expect("type");
    }
    let el = shadow_find(c, host, "input[type=email]").await;
    el.clear().await.expect("clear");
    el.send_keys(email).await.expect("type");
    let consent = shadow_find(c, host, "input[type=checkbox][required]").await;
    if !consent.is_selected().await.expect("checked?") {
        consent.click().await.expect("consent");
    }
}

// ---------------------------------------------------------------- leads, under faults

/// Calls the receiver from the page (same origin): `/__faults` and the count.
async fn receiver(c: &Client, method: &str, path: &str, body: Option<serde_json::Value>) -> serde_json::Value {
    c.execute_async(
        r#"const [method, path, body, done] = arguments;
           fetch(path, { method, headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer e2e-token' },
                         body: body === null ? undefined : JSON.stringify(body) })
             .then(r => r.json()).then(done, e => done({ error: String(e) }));"#,
        vec![json!(method), json!(path), body.unwrap_or(serde_json::Value::Null)],
    )
    .await
    .expect("receiver call")
}

async fn set_faults(c: &Client, settings: serde_json::Value) {
    let r = receiver(c, "POST", "/__faults", Some(settings)).await;
    assert!(r.get("error").is_none(), "faults: {r}");
}

async fn lead_count(c: &Client) -> u64 {
    receiver(c, "GET", "/api/leads/count", None).await["count"].as_u64().expect("count")
}

/// Waits (bounded) until the receiver holds `want` leads.
async fn wait_for_count(c: &Client, want: u64, within: Duration) -> u64 {
    let deadline = std::time::Instant::now() + within;
    loop {
        let n = lead_count(c).await;
        if n >= want || std::time::Instant::now() > deadline {
            return n;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The lead-form demo opened at its gate: the answers come in the link.
fn gated_lead_page(e: &Env) -> String {
    let content = content();
    let s =
        sheet(&content, "30b_to_100b", "4_to_10", "yes", "10m_to_100m", "partly", &[("mql_definition_agreed", "yes")]);
    let answers = Answers::from_sheet(&content, &s).expect("sheet");
    site(e, &format!("examples/lead-form.html#b2ba={}", b2b_assessment::domain::share::encode(&content, &answers)))
}

async fn submit_lead(c: &Client, e: &Env, email: &str) {
    c.goto("about:blank").await.expect("blank");
    c.goto(&gated_lead_page(e)).await.expect("lead page");
    shadow_find(c, "#lead", ".b2ba-lead").await;
    fill_lead_form(c, "#lead", email).await;
    shadow_find(c, "#lead", ".b2ba-submit").await.click().await.expect("submit");
    shadow_find(c, "#lead", ".b2ba-lead-status").await;
}

/// Waits (bounded) until no lead in this origin's outbox is pending.
async fn wait_outbox_drained(c: &Client) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let pending = js(c, "return (JSON.parse(localStorage.getItem('b2b-assessment:outbox:v1') || '{\"entries\":[]}').entries || []).filter(e => e.state === 'pending').length", "#x").await;
        assert!(std::time::Instant::now() < deadline, "outbox still has {pending} pending");
        if pending == json!(0) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn status_text(c: &Client) -> String {
    shadow_find(c, "#lead", ".b2ba-lead-status").await.text().await.expect("status")
}

#[tokio::test]
async fn leads_get_through_a_receiver_failing_half_the_time_exactly_once() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    set_faults(&c, json!({"fail_rate": 0.5, "reset_counters": true})).await;
    let before = lead_count(&c).await;
    let n = 4;
    for i in 0..n {
        submit_lead(&c, &e, &format!("half-{i}@example.co.jp")).await;
    }
    // The last page keeps pumping; earlier pages' leads resume from storage.
    let got = wait_for_count(&c, before + n, Duration::from_secs(90)).await;
    let stats = receiver(&c, "GET", "/__faults", None).await;
    set_faults(&c, json!({})).await;
    assert_eq!(got, before + n, "every lead arrived exactly once ({stats})");
    assert!(stats["failed_injected"].as_u64().unwrap_or(0) >= 1, "faults were injected: {stats}");
    assert_eq!(stats["stored"], json!(n), "{stats}");
    eprintln!("fault run: {n} leads pushed through fail_rate 0.5; receiver counters {stats}");
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_lead_waits_out_a_receiver_that_is_down_for_ten_seconds() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let before = lead_count(&c).await;
    set_faults(&c, json!({"down_secs": 10, "reset_counters": true})).await;
    submit_lead(&c, &e, "down@example.co.jp").await;
    // While down, the visitor is told it will be retried.
    let deadline = std::time::Instant::now() + Duration::from_secs(8);
    let mut retrying = false;
    while std::time::Instant::now() < deadline && !retrying {
        retrying = status_text(&c).await.contains("再送");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(retrying, "status says it retries: {}", status_text(&c).await);
    assert_eq!(lead_count(&c).await, before, "nothing stored while down");
    let got = wait_for_count(&c, before + 1, Duration::from_secs(60)).await;
    assert_eq!(got, before + 1);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline && !status_text(&c).await.contains("送信しました") {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(status_text(&c).await.contains("送信しました"), "{}", status_text(&c).await);
    let events = js(&c, "return window.hostEvents.map(e => e.type).filter(t => t.includes('lead'))", "#lead").await;
    assert_eq!(events, json!(["b2b-assessment:lead-queued", "b2b-assessment:lead-sent"]));
    // The report's `complete` comes before the lead is queued, as the host
    // page's tag manager has always seen them.
    let order = "return window.hostEvents.map(e => e.type).filter(t => t.includes('lead') || t.endsWith(':complete'))";
    let events = js(&c, order, "#lead").await;
    assert_eq!(events, json!(["b2b-assessment:complete", "b2b-assessment:lead-queued", "b2b-assessment:lead-sent"]));
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_reload_mid_send_still_delivers_exactly_one_lead() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let before = lead_count(&c).await;
    // Slow answers, and the first answer lost after storing: the retry must dedupe.
    set_faults(&c, json!({"delay_ms": 1500, "drop_rate": 1.0, "drop_after_store": true, "reset_counters": true})).await;
    submit_lead(&c, &e, "reload@example.co.jp").await;
    c.refresh().await.expect("reload mid-send");
    set_faults(&c, json!({"delay_ms": 300})).await;
    let got = wait_for_count(&c, before + 1, Duration::from_secs(60)).await;
    assert_eq!(got, before + 1);
    // Any second copy must be a duplicate, not a row.
    wait_outbox_drained(&c).await;
    let stats = receiver(&c, "GET", "/__faults", None).await;
    set_faults(&c, json!({})).await;
    assert_eq!(lead_count(&c).await, before + 1, "exactly one row ({stats})");
    assert!(stats["received"].as_u64().unwrap_or(0) >= 2, "the reload made the page send it again: {stats}");
    assert_eq!(stats["stored"], json!(1), "and the receiver kept one: {stats}");
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_terminal_refusal_is_shown_and_kept() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let before = lead_count(&c).await;
    set_faults(&c, json!({"fail_rate": 1.0, "fail_status": 400})).await;
    submit_lead(&c, &e, "refused@example.co.jp").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while std::time::Instant::now() < deadline && !status_text(&c).await.contains("受け付けられません") {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    set_faults(&c, json!({})).await;
    let status = status_text(&c).await;
    assert!(status.contains("受け付けられません") && status.contains("HTTP 400"), "{status}");
    let events = js(
        &c,
        "return window.hostEvents.filter(e => e.type === 'b2b-assessment:lead-failed').map(e => e.detail.reason)",
        "#lead",
    )
    .await;
    assert_eq!(events, json!(["HTTP 400"]));
    let kept = js(&c, "return JSON.parse(localStorage.getItem('b2b-assessment:outbox:v1')).entries.filter(e => e.state === 'failed').map(e => e.reason)", "#lead").await;
    assert_eq!(kept, json!(["HTTP 400"]), "kept for inspection, not dropped");
    assert_eq!(lead_count(&c).await, before);
    js(&c, "localStorage.clear(); return true", "#lead").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_bot_filling_the_honeypot_stores_nothing() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&gated_lead_page(&e)).await.expect("goto");
    let before = lead_count(&c).await;
    shadow_find(&c, "#lead", ".b2ba-lead").await;
    fill_lead_form(&c, "#lead", "bot@example.co.jp").await;
    js(&c, "document.querySelector(arguments[0]).shadowRoot.querySelector('input[name=website]').value = 'http://spam.example'; return true", "#lead").await;
    shadow_find(&c, "#lead", ".b2ba-submit").await.click().await.expect("submit");
    // The bot is told it worked; nothing was queued, so nothing can arrive later.
    shadow_find(&c, "#lead", ".b2ba-lead-status").await;
    let queued = js(&c, "return localStorage.getItem('b2b-assessment:outbox:v1')", "#lead").await;
    assert!(queued.is_null() || !queued.as_str().unwrap_or("").contains("bot@example"), "{queued}");
    assert_eq!(lead_count(&c).await, before);
    c.close().await.expect("close");
}

#[tokio::test]
async fn two_tabs_never_send_the_same_lead_twice() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("goto");
    let before = lead_count(&c).await;
    set_faults(&c, json!({"down_secs": 4, "reset_counters": true})).await;
    submit_lead(&c, &e, "tabs@example.co.jp").await;
    // A second tab of the same site: its pump sees the same pending lead.
    let first = c.window().await.expect("window");
    let second = c.new_window(true).await.expect("new tab");
    c.switch_to_window(second.handle).await.expect("switch");
    c.goto(&site(&e, "examples/lead-form.html")).await.expect("second tab");
    // (It continues where the first tab's visitor was: saved progress.)
    shadow_find(&c, "#lead", ".b2ba").await;
    let got = wait_for_count(&c, before + 1, Duration::from_secs(60)).await;
    wait_outbox_drained(&c).await;
    let stats = receiver(&c, "GET", "/__faults", None).await;
    assert_eq!(got, before + 1);
    assert_eq!(lead_count(&c).await, before + 1, "one row");
    assert_eq!(stats["duplicates"], json!(0), "neither tab sent it a second time: {stats}");
    c.switch_to_window(first).await.expect("back");
    c.close().await.expect("close");
}

// ---------------------------------------------------------------- the report to keep

#[tokio::test]
async fn progress_survives_a_reload_and_corrupt_storage_starts_afresh() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    open(&c, &e.page).await;
    wait_css(&c, ".b2ba-start").await.click().await.expect("start");
    for i in 0..3 {
        wait_css(&c, &format!("label[for$=\"-q{i}-c1\"]")).await.click().await.expect("choose");
        wait_css(&c, ".b2ba-next").await.click().await.expect("next");
    }
    c.refresh().await.expect("reload");
    assert_eq!(text(&c, ".b2ba-question-text").await, content.profile.budget.text.ja, "continues at question 4");
    wait_css(&c, ".b2ba-back").await.click().await.expect("back");
    let checked = js(
        &c,
        "return document.querySelector(arguments[0]).shadowRoot.querySelector('input:checked')?.value",
        PAGE_HOST,
    )
    .await;
    assert_eq!(checked, json!("1"), "earlier answers kept");
    // Corrupt storage: discarded, fresh start, no panic.
    js(
        &c,
        "localStorage.setItem('b2b-assessment:progress:v1:page', '{\"v\":1,\"answers\":\"1.zz\"'); return true",
        PAGE_HOST,
    )
    .await;
    c.refresh().await.expect("reload");
    wait_css(&c, ".b2ba-start").await;
    let kept = js(&c, "return localStorage.getItem('b2b-assessment:progress:v1:page')", PAGE_HOST).await;
    assert_eq!(kept, serde_json::Value::Null, "the corrupt entry was removed");
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_share_link_reproduces_the_report_in_a_fresh_browser() {
    let e = require_env!();
    let content = content();
    let mixed = sheet(
        &content,
        "over_100b",
        "4_to_10",
        "no",
        "under_10m",
        "partly",
        &[("shared_kpis", "yes"), ("vendor_workflow", "no")],
    );
    let answers = Answers::from_sheet(&content, &mixed).expect("sheet");
    let c = browser(&e.webdriver).await;
    open(&c, &e.page).await;
    answer_all(&c, &content, &answers, Locale::Ja, Input::Mouse).await;
    let url = wait_css(&c, ".b2ba-share-url").await.prop("value").await.expect("value").expect("url");
    assert!(url.contains("#b2ba=1."), "{url}");
    let score = text(&c, ".b2ba-score-value").await;
    c.close().await.expect("close");

    let fresh = browser(&e.webdriver).await;
    fresh.goto(&url).await.expect("open link");
    assert_eq!(text(&fresh, ".b2ba-score-value").await, score);
    assert_report(&fresh, &content, &answers, Locale::Ja).await;
    // A tampered link says so and starts afresh.
    fresh.goto("about:blank").await.expect("blank");
    fresh.goto(&format!("{}#b2ba=1.0120zz", e.page)).await.expect("tampered");
    let notice = text(&fresh, ".b2ba-notice").await;
    assert_eq!(notice, b2b_assessment::i18n::unreadable_link(Locale::Ja));
    wait_css(&fresh, ".b2ba-start").await;
    fresh.close().await.expect("close");
}

#[tokio::test]
async fn the_radar_chart_keeps_its_labels_inside() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    // Every check in place (the cost estimate: tests/browser/report.rs).
    let s = sheet(&content, "up_to_30b", "1_to_3", "no", "under_10m", "yes", &[]);
    let a = Answers::from_sheet(&content, &s).expect("sheet");
    c.goto(&format!("{}#b2ba={}", e.page, b2b_assessment::domain::share::encode(&content, &a))).await.expect("goto");
    // The chart's nodes come after the report's first frame, with the sections' bodies.
    wait_css(&c, ".b2ba-report[data-unfolded]").await;
    let labels = js(
        &c,
        "return document.querySelector(arguments[0]).shadowRoot.querySelectorAll('.b2ba-radar-label').length",
        PAGE_HOST,
    )
    .await;
    assert_eq!(labels, json!(content.categories.len()), "one label per category");
    let radar = wait_css(&c, ".b2ba-radar").await.attr("aria-label").await.expect("attr").unwrap_or_default();
    assert!(radar.contains("営業との連携 100"), "{radar}");
    // No label of the chart sticks out of it (long English names were cut off).
    let clipped = || async {
        js(&c, "const svg = document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba-radar'); const v = svg.viewBox.baseVal; \
                return [...svg.querySelectorAll('.b2ba-radar-label')].filter(t => { const b = t.getBBox(); \
                return b.x < v.x || b.y < v.y || b.x + b.width > v.x + v.width || b.y + b.height > v.y + v.height; }).map(t => t.textContent)", PAGE_HOST)
            .await
    };
    assert_eq!(clipped().await, json!([]), "Japanese labels inside the chart");
    wait_css(&c, ".b2ba-lang").await.click().await.expect("to English");
    let english = &content.categories[0].label.en;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !wait_css(&c, ".b2ba-radar")
        .await
        .attr("aria-label")
        .await
        .expect("attr")
        .unwrap_or_default()
        .contains(english.as_str())
    {
        assert!(std::time::Instant::now() < deadline, "the chart was not re-rendered in English");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(clipped().await, json!([]), "English labels inside the chart");
    c.close().await.expect("close");
}

#[tokio::test]
async fn an_element_removed_between_setup_and_first_render_leaves_nothing_and_mounts_again() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "examples/config-json.html")).await.expect("goto");
    reveal(&c, "#configured", ".b2ba-cta").await; // the wasm is loaded
                                                  // The loader sets the widget up (settings, content, theme on the host) in
                                                  // one task and renders in the next. A theme attribute makes setup write the
                                                  // host's style; the MutationObserver removes the element right then, in
                                                  // the setup task's microtasks, before the render task.
    let got = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const errors = [];
               addEventListener('error', (ev) => errors.push(String(ev.message)));
               const el = document.createElement('b2b-assessment');
               // rgb(): not a value the prerendered intro sets itself, so the
               // first write of the host's style is the wasm's setup.
               el.setAttribute('mode', 'page'); el.setAttribute('lang', 'en'); el.setAttribute('theme-accent', 'rgb(18, 52, 86)');
               const seen = [];
               const widget = () => el.shadowRoot?.querySelector('.b2ba-intro h2')?.textContent ?? null;
               const mo = new MutationObserver(() => {
                 mo.disconnect();
                 seen.push({ rendered: widget() !== null, theme: el.style.getPropertyValue('--b2ba-accent') });
                 el.remove();
                 // Anything rendered into the detached element would show here.
                 new MutationObserver((records) => {
                   if (!el.isConnected && records.some((r) => [...r.addedNodes].some((n) => n.classList?.contains('b2ba')))) seen.push('rendered while detached');
                 }).observe(el.shadowRoot, { childList: true, subtree: true });
               });
               mo.observe(el, { attributes: true, attributeFilter: ['style'] });
               document.body.append(el);
               setTimeout(() => {
                 const afterRemoval = [widget(), el.shadowRoot?.childElementCount ?? 0];
                 document.body.append(el);
                 const look = (n) => widget() || n > 100 ? done({ seen, afterRemoval, again: widget(), errors }) : setTimeout(() => look(n + 1), 50);
                 look(0);
               }, 500);"#,
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(
        got["seen"],
        json!([{ "rendered": false, "theme": "rgb(18, 52, 86)" }]),
        "removed after setup, before the first render: {got}"
    );
    assert_eq!(got["afterRemoval"], json!([null, 0]), "never rendered, shadow root emptied: {got}");
    assert_eq!(got["again"], json!(content().tagline.en), "re-added, it mounts normally: {got}");
    assert_eq!(got["errors"], json!([]), "no errors: {got}");
    c.close().await.expect("close");
}

/// A page with one quiz, configured by `config` (inline JSON), in `test-artifacts/`.
fn quiz_page(e: &Env, name: &str, config: &serde_json::Value) -> String {
    let json = config.to_string().replace("</", "<\\/");
    let page = format!(
        r#"<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>quiz build test</title>
<link rel="stylesheet" href="../pkg/b2b-assessment.css">
<script type="module" src="../pkg/b2b-assessment.js"></script>
</head><body>
<b2b-assessment id="quiz"><script type="application/json">{json}</script></b2b-assessment>
</body></html>"#
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("mkdir test-artifacts");
    std::fs::write(dir.join(name), page).expect("write the page");
    site(e, &format!("test-artifacts/{name}"))
}

#[tokio::test]
async fn the_quiz_build_shows_the_whole_card_and_hands_custom_content_and_lead_settings_on() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;

    // The quiz build carries only the card's part of the default content:
    // every text the card shows is there.
    c.goto(&quiz_page(&e, "quiz-default.html", &json!({"mode": "quiz"}))).await.expect("goto");
    reveal(&c, "#quiz", ".b2ba-quiz").await;
    assert_eq!(
        bundles_fetched(&c, "#quiz").await,
        Fetched { quiz: true, page: false, full: false },
        "the default quiz"
    );
    let card = js(
        &c,
        "const r = document.querySelector(arguments[0]).shadowRoot; const all = s => [...r.querySelectorAll(s)].map(e => e.textContent.trim());
         return { tagline: all('h2'), selects: all('.b2ba-field label'), options: all('.b2ba-field option:not([disabled])'),
                  switches: all('.b2ba-quiz-checks li label'), level: all('.b2ba-level-name'), meaning: all('.b2ba-level-meaning'),
                  teaser: all('.b2ba-teaser li') };",
        "#quiz",
    )
    .await;
    let l = Locale::Ja;
    let texts = |v: Vec<&Text>| json!(v.into_iter().map(|t| t.get(l)).collect::<Vec<_>>());
    let level = &content.levels[0];
    assert_eq!(card["tagline"], texts(vec![&content.tagline]));
    assert_eq!(card["selects"], texts(ProfileField::ALL.iter().map(|f| &content.profile.get(*f).text).collect()));
    assert_eq!(
        card["options"],
        texts(
            ProfileField::ALL.iter().flat_map(|f| content.profile.get(*f).options.iter().map(|o| &o.label)).collect()
        )
    );
    assert_eq!(card["switches"], texts(content.checks.iter().map(|k| &k.text).collect()));
    assert_eq!(
        (&card["level"], &card["meaning"]),
        (&texts(vec![&level.name]), &texts(vec![&level.meaning])),
        "nothing switched on: the first level"
    );
    let teaser = card["teaser"].as_array().expect("teaser");
    assert_eq!(teaser.len(), 3, "{card}");
    for t in teaser {
        let t = t.as_str().expect("text");
        assert!(
            content.checks.iter().any(|k| k.action.title.get(l) == t),
            "teaser item {t:?} is a check's action title"
        );
    }
    // Called directly, the quiz build hands on what it cannot read.
    let hand_on = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               import('../pkg/b2b_assessment_quiz.js').then(m => {
                 const ask = (config, content) => {
                   const el = document.createElement('div'), box = document.createElement('div');
                   const h = m.prepareWidget(el, box, 'mode\0quiz', config, content);
                   const full = h.needsFull; h.destroy(); h.free(); return full;
                 };
                 done([ask(undefined, undefined), ask(undefined, arguments[0]), ask(JSON.stringify({content: JSON.parse(arguments[0])}), undefined),
                       ask('{"lead":{"recipient":"x"}}', undefined)]);
               }, e => done(String(e)));"#,
            vec![json!(DEFAULT_JSON)],
        )
        .await
        .expect("prepareWidget");
    assert_eq!(hand_on, json!([false, true, true, true]), "default, content text, inline content, lead section");
    // So does the page build, with a lead section (even one without a gate).
    let hand_on = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               // Not loaded by this page yet: instantiate its wasm first.
               import('../pkg/b2b_assessment_page.js').then(async m => {
                 await m.default({ module_or_path: new URL('../pkg/b2b_assessment_page_bg.wasm', location.href) });
                 const ask = (config) => {
                   const el = document.createElement('div'), box = document.createElement('div');
                   const h = m.prepareWidget(el, box, 'mode\0page', config, undefined);
                   const full = h.needsFull; h.destroy(); h.free(); return full;
                 };
                 done([ask(undefined), ask('{"lang":"en"}'), ask('{"lead":{"gate":"none","purposes":["x"]}}')]);
               }).catch(e => done(String(e)));"#,
            vec![],
        )
        .await
        .expect("prepareWidget");
    assert_eq!(hand_on, json!([false, false, true]), "page build: default, a config, a lead section");

    // Custom content: the page build shows it as a quiz.
    let mut custom: serde_json::Value = serde_json::from_str(DEFAULT_JSON).expect("default content");
    custom["tagline"] = json!({"ja": "自社版のクイズ", "en": "Our own quiz"});
    c.goto(&quiz_page(&e, "quiz-custom.html", &json!({"mode": "quiz", "content": custom}))).await.expect("goto");
    let h2 = reveal(&c, "#quiz", ".b2ba-quiz h2").await.text().await.expect("text");
    assert_eq!(h2, "自社版のクイズ");
    assert_eq!(
        bundles_fetched(&c, "#quiz").await,
        Fetched { quiz: false, page: true, full: false },
        "a quiz with its own content"
    );

    // A lead section: read (and here refused) by the full build only, the
    // one build with the code to check it.
    let config = json!({"mode": "quiz", "lead": {"endpoint": "javascript:alert(1)"}});
    c.goto(&quiz_page(&e, "quiz-lead.html", &config)).await.expect("goto");
    let error = reveal(&c, "#quiz", ".b2ba-error-detail").await.text().await.expect("text");
    let expected = config::parse(&Default::default(), Some(&config.to_string())).expect_err("a javascript: endpoint");
    assert_eq!(error, expected.to_string());
    assert_eq!(
        bundles_fetched(&c, "#quiz").await,
        Fetched { quiz: false, page: false, full: true },
        "a quiz with a lead section"
    );
    c.close().await.expect("close");
}
