//! Narrow hosts (issue 17): the widget takes its layout from its own width
//! (container queries), not the viewport's, so a blog theme's 216 px column
//! in a wide window gets the same narrow layout as a phone; nothing inside
//! is wider than the card at any host width from 200 px, and the report's
//! budget table stays readable at a 320 px viewport.
//!
//! Same environment as the e2e tests (`main.rs`). Screenshots land in
//! `test-artifacts/screens/narrow-*.png` for a person to look at.

use crate::common::{browser_with, content, js, mixed_link, require_env, reveal, settle, site, viewport, Env};
use fantoccini::Client;
use serde_json::json;

/// The widget's host element in the pages below.
const HOST: &str = "#widget";

/// A page in `test-artifacts/` with the widget (`attrs` on its host) alone
/// in a column as wide as the `w` query parameter says (a blog theme's
/// narrow article column); the window stays wide, so only the widget's own
/// width can make it narrow.
fn column_page(e: &Env, name: &str, attrs: &str) -> String {
    let page = format!(
        r#"<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>narrow column</title>
<link rel="stylesheet" href="../pkg/b2b-assessment.css">
<script>document.documentElement.style.setProperty("--column", (new URLSearchParams(location.search).get("w") || "216") + "px");</script>
<style>body {{ margin: 0; padding: 8px 24px; font-family: sans-serif; }} .column {{ width: var(--column); }}</style>
<script type="module" src="../pkg/b2b-assessment.js"></script>
</head><body>
<article class="column"><p>本文の段落。</p><b2b-assessment id="widget" {attrs}></b2b-assessment><p>本文の段落。</p></article>
</body></html>"#
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("mkdir test-artifacts");
    std::fs::write(dir.join(name), page).expect("write the page");
    site(e, &format!("test-artifacts/{name}"))
}

/// Every element of the shadow root whose box reaches past the card's
/// (`.b2ba`'s border box) left or right edge by more than 0.5 px, by name and
/// edges, the off-screen honeypot aside; and the table cells too narrow for
/// their text. Report sections wait for the viewport (`content-visibility:
/// auto`); the probe lays them all out first.
const OFFENDERS: &str = r#"
const root = document.querySelector(arguments[0]).shadowRoot;
const card = root.querySelector('.b2ba');
const s = new CSSStyleSheet();
s.replaceSync('.b2ba-report > section { content-visibility: visible !important; }');
root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
const c = card.getBoundingClientRect();
const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className
  ? '.' + el.className.trim().split(/\s+/).join('.') : el.className && el.className.baseVal ? '.' + el.className.baseVal.trim().split(/\s+/).join('.') : '');
const past = [...card.querySelectorAll('*')]
  .filter(el => !el.closest('.b2ba-hp'))
  .map(el => ({ el, r: el.getBoundingClientRect() }))
  .filter(({ r }) => r.width > 0 && r.height > 0 && (r.left < c.left - 0.5 || r.right > c.right + 0.5));
// The outermost of them (a child of one is mostly carried along).
const set = new Set(past.map(p => p.el));
const out = past.filter(({ el }) => !set.has(el.parentElement))
  .map(({ el, r }) => `${name(el)} [${r.left.toFixed(1)}, ${r.right.toFixed(1)}] "${(el.textContent || '').trim().slice(0, 24)}"`);
// Table cells with text that are too narrow for a word: under 56 px and
// wrapped (a band name one character per line); a short number on one line is
// not cramped.
const lines = el => { const g = document.createRange(); g.selectNodeContents(el);
  return new Set([...g.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size; };
const cramped = [...card.querySelectorAll('th, td')].filter(td => td.textContent.trim())
  .map(td => ({ td, w: td.getBoundingClientRect().width })).filter(({ td, w }) => w > 0 && w < 56 && lines(td) > 1)
  .map(({ td, w }) => `${name(td)} ${w.toFixed(1)} px wide "${td.textContent.trim().slice(0, 24)}"`);
root.adoptedStyleSheets = root.adoptedStyleSheets.filter(x => x !== s);
return { card: [c.left, c.right], count: card.querySelectorAll('*').length, past: past.length, out, cramped };
"#;

/// Opens `url` afresh: without the progress an earlier page of the same
/// origin saved (the page mode would resume it instead of its intro).
async fn open(c: &Client, url: &str) {
    // Cleared on a page of the same origin without the widget: on the
    // widget's own page, a widget still loading could save the progress it
    // resumed again after the clear, and the intro would never show (a flake
    // seen twice before this).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::write(dir.join("narrow-blank.html"), "<!doctype html><title>blank</title>").expect("write the blank page");
    // The served root: the test pages are under test-artifacts/, index.html is at the top.
    let root = url.find("test-artifacts/").or_else(|| url.find("index.html")).expect("a page of the served root");
    c.goto(&format!("{}test-artifacts/narrow-blank.html", &url[..root])).await.expect("goto blank");
    c.execute("localStorage.clear(); sessionStorage.clear()", vec![]).await.expect("clear storage");
    c.goto(url).await.expect("goto");
}

/// Checks the widget in the open page: nothing inside wider than the card,
/// no cramped table cell.
async fn offenders(c: &Client, what: &str, problems: &mut Vec<String>) {
    settle(c).await;
    let o = js(c, OFFENDERS, HOST).await;
    eprintln!("{what}: card {} with {} elements, {} past its edges", o["card"], o["count"], o["past"]);
    let out = o["out"].as_array().expect("offenders");
    if !out.is_empty() {
        let list: Vec<String> = out.iter().take(20).map(|v| v.as_str().unwrap_or_default().to_string()).collect();
        problems.push(format!(
            "{what}: {} elements past the card {}, the outermost:\n    {}",
            o["past"],
            o["card"],
            list.join("\n    ")
        ));
    }
    let cramped = o["cramped"].as_array().expect("cramped cells");
    if !cramped.is_empty() {
        problems.push(format!("{what}: table cells under 56 px: {}", o["cramped"]));
    }
}

/// A screenshot of the whole page at `width` px, for a person. The window
/// grows to the page's height until that holds still (report sections get
/// their real height once they are in the viewport).
async fn screenshot(c: &Client, name: &str, width: u32) {
    let mut height = 900;
    for _ in 0..4 {
        viewport(c, width, height).await;
        settle(c).await;
        let h = c
            .execute("scrollTo(0, 0); return Math.ceil(document.documentElement.scrollHeight)", vec![])
            .await
            .expect("height")
            .as_u64()
            .unwrap_or(900)
            .clamp(400, 16000) as u32;
        if h == height {
            break;
        }
        height = h;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/screens");
    std::fs::create_dir_all(&dir).expect("mkdir screens");
    std::fs::write(dir.join(format!("{name}.png")), c.screenshot().await.expect("screenshot"))
        .expect("write screenshot");
}

#[tokio::test]
async fn nothing_is_wider_than_the_card_in_a_216_or_200_px_column() {
    let e = require_env!();
    let link = mixed_link(&content());
    let c = browser_with(&e.webdriver, &["--hide-scrollbars", "--window-size=1280,900"]).await;
    let quiz_ja = column_page(&e, "narrow-quiz-ja.html", r#"mode="quiz" lang="ja" cta-url="../index.html""#);
    let quiz_en = column_page(&e, "narrow-quiz-en.html", r#"mode="quiz" lang="en" cta-url="../index.html""#);
    let page = column_page(&e, "narrow-page.html", r#"mode="page" lang="ja""#);
    let page_en = column_page(&e, "narrow-page-en.html", r#"mode="page" lang="en""#);
    let lead = column_page(
        &e,
        "narrow-lead.html",
        r#"mode="lead" lang="ja" lead-recipient="デモ株式会社" privacy-url="../index.html""#,
    );
    let mut problems = Vec::new();
    for w in [216u32, 200] {
        viewport(&c, 1280, 900).await;
        for (what, url) in [("quiz ja", &quiz_ja), ("quiz en", &quiz_en)] {
            open(&c, &format!("{url}?w={w}")).await;
            reveal(&c, HOST, ".b2ba-quiz .b2ba-cta").await;
            offenders(&c, &format!("{what} @{w}"), &mut problems).await;
        }
        for (what, url) in [("page ja", &page), ("page en", &page_en)] {
            open(&c, &format!("{url}?w={w}")).await;
            let start = reveal(&c, HOST, ".b2ba-start").await;
            offenders(&c, &format!("{what} (intro) @{w}"), &mut problems).await;
            start.click().await.expect("start");
            reveal(&c, HOST, ".b2ba-question").await;
            offenders(&c, &format!("{what} (first question) @{w}"), &mut problems).await;
            reveal(&c, HOST, ".b2ba-choice").await.click().await.expect("choose");
            reveal(&c, HOST, ".b2ba-next").await.click().await.expect("next");
            reveal(&c, HOST, ".b2ba-question").await;
            offenders(&c, &format!("{what} (second question) @{w}"), &mut problems).await;
            open(&c, &format!("{url}?w={w}#b2ba={link}")).await;
            reveal(&c, HOST, ".b2ba-report[data-unfolded]").await;
            offenders(&c, &format!("{what} (report) @{w}"), &mut problems).await;
        }
        open(&c, &format!("{lead}?w={w}#b2ba={link}")).await;
        reveal(&c, HOST, ".b2ba-lead").await;
        offenders(&c, &format!("lead form @{w}"), &mut problems).await;
    }
    // For a person to look at: the Japanese quiz card and report in a 216 px column.
    for (name, url, css) in [
        ("narrow-quiz-216", &quiz_ja, ".b2ba-quiz .b2ba-cta"),
        ("narrow-report-216", &page, ".b2ba-report[data-unfolded]"),
    ] {
        viewport(&c, 1280, 900).await;
        open(&c, &format!("{url}?w=216#b2ba={link}")).await;
        reveal(&c, HOST, css).await;
        screenshot(&c, name, 480).await;
    }
    c.close().await.expect("close");
    assert!(problems.is_empty(), "wider than the card:\n  {}", problems.join("\n  "));
}

/// The budget table's remainder note: how many lines and how wide.
const NOTE: &str = r#"
const note = document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba-remainder-note');
note.scrollIntoView({ block: 'center' });
const range = document.createRange();
range.selectNodeContents(note);
const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
const r = note.getBoundingClientRect();
return { lines: tops.size, width: r.width, text: note.textContent.trim(), inner: innerWidth };
"#;

#[tokio::test]
async fn the_budget_remainder_note_reads_normally_at_320_px() {
    let e = require_env!();
    let link = mixed_link(&content());
    let c = browser_with(&e.webdriver, &["--hide-scrollbars", "--window-size=1280,900"]).await;
    let mut problems = Vec::new();
    for lang in ["ja", "en"] {
        open(&c, &site(&e, &format!("index.html#b2ba={link}"))).await;
        // On a busy machine the window can take its new size late.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while viewport(&c, 320, 900).await != 320 {
            assert!(std::time::Instant::now() < deadline, "the viewport did not get 320 px wide");
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        reveal(&c, "#assessment", ".b2ba-remainder-note").await;
        if lang == "en" {
            reveal(&c, "#assessment", ".b2ba-lang").await.click().await.expect("switch to English");
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while js(
                &c,
                "return document.querySelector(arguments[0]).shadowRoot.querySelector('.b2ba').lang",
                "#assessment",
            )
            .await
                != json!("en")
            {
                assert!(std::time::Instant::now() < deadline, "the widget did not switch to English");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
        settle(&c).await;
        let n = js(&c, NOTE, "#assessment").await;
        eprintln!("remainder note ({lang}) @320: {n}");
        let (lines, width) = (n["lines"].as_u64().unwrap_or(u64::MAX), n["width"].as_f64().unwrap_or(0.0));
        if lines > 4 || width < 160.0 {
            problems.push(format!("{lang}: the note {} is {width:.0} px wide in {lines} lines", n["text"]));
        }
        if lang == "ja" {
            screenshot(&c, "narrow-report-320", 320).await;
            viewport(&c, 320, 900).await;
        }
    }
    c.close().await.expect("close");
    assert!(problems.is_empty(), "the budget table's remainder note at 320 px:\n  {}", problems.join("\n  "));
}
