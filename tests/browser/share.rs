//! The share link in real Chromium: it carries the report's language to a
//! fresh browser, and a tampered one is explained in the link's or the
//! page's language alone, with the technical detail in the console.

use crate::common::{browser, cdp, content, js, require_env, shadow_find};
use b2b_assessment::domain::share::encode;
use b2b_assessment::domain::{Answers, Content, Locale, Report, Step};
use b2b_assessment::i18n::{t, Key};
use fantoccini::Client;
use serde_json::json;
use std::time::{Duration, Instant};

/// The standalone page's widget host (the page says `<html lang="ja">`).
const PAGE_HOST: &str = "#assessment";

async fn text(c: &Client, css: &str) -> String {
    shadow_find(c, PAGE_HOST, css).await.text().await.expect("text").trim().to_string()
}

/// The widget's language: the `lang` of its root.
async fn widget_lang(c: &Client) -> String {
    shadow_find(c, PAGE_HOST, ".b2ba").await.attr("lang").await.expect("attr").unwrap_or_default()
}

/// Waits up to 10 s for the widget to be in `want` (a switch re-renders later).
async fn wait_lang(c: &Client, want: Locale) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while widget_lang(c).await != want.tag() {
        assert!(Instant::now() < deadline, "the widget is in {:?}, not {want:?}", widget_lang(c).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every question answered, the choices cycling through each step's scale.
fn complete(c: &Content) -> Answers {
    let mut a = Answers::new(c);
    for i in 0..c.step_count() {
        let step = Step::at(c, i).expect("step");
        a.set(c, step, i % step.choice_count(c)).expect("choice");
    }
    a
}

/// Keeps what the page writes with `console.warn` in `window.__warnings`,
/// from the next document on.
async fn record_warnings(c: &Client) {
    let source = "window.__warnings = []; const warn = console.warn.bind(console); \
                  console.warn = (...a) => { window.__warnings.push(a.map(String).join(' ')); warn(...a); };";
    cdp(c, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
}

/// Runs of two or more Latin letters in `s` (words, or an error message).
fn latin_words(s: &str) -> Vec<&str> {
    s.split(|ch: char| !ch.is_ascii_alphabetic()).filter(|w| w.len() >= 2).collect()
}

#[tokio::test]
async fn an_english_reports_link_opens_in_english() {
    let e = require_env!();
    let content = content();
    let answers = complete(&content);
    let level = &content.levels[Report::build(&content, &answers).expect("complete").score.level].name;
    let c = browser(&e.webdriver).await;
    // The report in Japanese (the page's language), then switched to English.
    c.goto(&format!("{}#b2ba={}", e.page, encode(&content, &answers))).await.expect("report");
    shadow_find(&c, PAGE_HOST, ".b2ba-report[data-unfolded]").await;
    wait_lang(&c, Locale::Ja).await;
    shadow_find(&c, PAGE_HOST, ".b2ba-lang").await.click().await.expect("to English");
    wait_lang(&c, Locale::En).await;
    let url = shadow_find(&c, PAGE_HOST, ".b2ba-share-url").await.prop("value").await.expect("value").expect("url");
    c.close().await.expect("close");

    let fresh = browser(&e.webdriver).await;
    fresh.goto(&url).await.expect("open link");
    shadow_find(&fresh, PAGE_HOST, ".b2ba-report[data-unfolded]").await;
    assert_eq!(js(&fresh, "return document.documentElement.lang", PAGE_HOST).await, json!("ja"), "a Japanese page");
    assert_eq!(widget_lang(&fresh).await, "en", "the link {url} opens the report in English");
    assert_eq!(text(&fresh, ".b2ba-level-name").await, level.en);
    assert_eq!(text(&fresh, ".b2ba-share-label").await, t(Locale::En, Key::ShareLink));
    // The visitor can still switch.
    shadow_find(&fresh, PAGE_HOST, ".b2ba-lang").await.click().await.expect("to Japanese");
    wait_lang(&fresh, Locale::Ja).await;
    assert_eq!(text(&fresh, ".b2ba-level-name").await, level.ja);
    fresh.close().await.expect("close");
}

#[tokio::test]
async fn a_tampered_link_is_explained_in_the_pages_language_and_detailed_in_the_console() {
    let e = require_env!();
    let content = content();
    let good = encode(&content, &complete(&content));
    let mut out_of_range = good.clone();
    out_of_range.replace_range(2 + 16..2 + 17, "z");
    let cases = [
        // (what, fragment, the notice's language, what the console must name)
        (
            "an answer out of range",
            format!("b2ba={out_of_range}"),
            Locale::Ja,
            "answer 'z' at position 17 does not exist",
        ),
        ("a truncated link", format!("b2ba={}", &good[..good.len() - 3]), Locale::Ja, "answers for"),
        ("a future version", format!("b2ba=2{}", &good[1..]), Locale::Ja, "version 2 is not supported"),
        ("not answers at all", "b2ba=%3Cb%3Ehello%20world".into(), Locale::Ja, "share link"),
        // A link in English that went wrong is explained in English.
        ("an English link, tampered", format!("b2ba={out_of_range}&b2ba-lang=en"), Locale::En, "position 17"),
    ];
    let c = browser(&e.webdriver).await;
    record_warnings(&c).await;
    for (what, fragment, locale, detail) in &cases {
        c.goto("about:blank").await.expect("blank");
        c.goto(&format!("{}#{fragment}", e.page)).await.expect("tampered link");
        let notice = text(&c, ".b2ba-notice").await;
        shadow_find(&c, PAGE_HOST, ".b2ba-start").await; // starts afresh
        assert_eq!(widget_lang(&c).await, locale.tag(), "{what}");
        let japanese =
            notice.chars().any(|ch| ('\u{3040}'..='\u{30ff}').contains(&ch) || ('\u{4e00}'..='\u{9fff}').contains(&ch));
        assert_eq!(japanese, *locale == Locale::Ja, "{what}: {notice:?} is in {locale:?}");
        if *locale == Locale::Ja {
            assert_eq!(
                latin_words(&notice),
                Vec::<&str>::new(),
                "{what}: no English in the Japanese notice {notice:?}"
            );
        }
        let warnings = js(&c, "return window.__warnings", PAGE_HOST).await;
        assert!(
            warnings.as_array().is_some_and(|w| w.iter().any(|w| w.as_str().is_some_and(|w| w.contains(detail)))),
            "{what}: the console names the problem ({detail:?}): {warnings}"
        );
    }
    c.close().await.expect("close");
}
