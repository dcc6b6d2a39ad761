//! The Builder (issue 20, first slice): edit a check's Japanese text and a
//! category's weight, see the preview and the simulated score follow, export
//! `content.json`, and a plain page with that file shows the same text and
//! score.

use crate::common::{browser, content, js, require_env, shadow_find, site};
use b2b_assessment::domain::{scoring, share, Answers, Content, Step};
use fantoccini::{Client, Locator};
use serde_json::json;
use std::time::{Duration, Instant};

/// Waits (bounded) for `css` in the Builder's page (not in a shadow root).
async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            return e;
        }
        assert!(Instant::now() < deadline, "{css} did not appear");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Sets a field's value as typing or choosing would (the event Yew listens to).
async fn set(c: &Client, css: &str, value: &str, event: &str) {
    find(c, css).await;
    let done = c
        .execute(
            "const [css, value, event] = arguments; const el = document.querySelector(css); \
             el.value = value; el.dispatchEvent(new Event(event, { bubbles: true })); return el.value",
            vec![json!(css), json!(value), json!(event)],
        )
        .await
        .expect("set");
    assert_eq!(done, json!(value), "{css}");
}

async fn score(c: &Client) -> String {
    find(c, ".simulated .score").await.text().await.expect("score")
}

#[tokio::test]
async fn an_edit_shows_in_the_preview_and_the_score_and_the_export_loads_in_the_widget() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    c.goto(&site(&e, "builder/index.html")).await.expect("goto");
    find(&c, ".builder .check").await;
    let mut edited: Content = content();
    let first = edited.checks[0].id.clone();
    let category = edited.checks[0].category.clone();
    // The first check "not yet", the others "in place" (the scale's first choice).
    let no = edited.scale_index("no").expect("a no answer");
    set(&c, &format!("fieldset.check[data-id='{first}'] select.simulate"), &no.to_string(), "change").await;
    let before = score(&c).await;

    let text = "ビルダーで書き換えた質問文（テスト）";
    set(&c, &format!("fieldset.check[data-id='{first}'] textarea.text-ja"), text, "input").await;
    set(&c, &format!("fieldset.category[data-id='{category}'] input.weight"), "40", "input").await;
    edited.checks[0].text.ja = text.into();
    let cat = edited.categories.iter_mut().find(|k| k.id == category).expect("category");
    cat.weight = 40;

    // What the widget's own scoring says of the same answers with the edited content.
    let mut answers = Answers::new(&edited);
    for i in 0..edited.step_count() {
        let step = Step::at(&edited, i).expect("step");
        let choice = if matches!(step, Step::Check(0)) { no } else { 0 };
        answers.set(&edited, step, choice).expect("answer");
    }
    let want = scoring::score(&edited, &answers).overall.to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    while score(&c).await != want {
        assert!(
            Instant::now() < deadline,
            "simulated score {} (before the edit {before}), want {want}",
            score(&c).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ne!(want, before, "the weight changes the score");

    // The preview: the real widget (a quiz card lists every check) with the new text.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let shown =
            js(&c, "const r = document.querySelector('#preview').shadowRoot; return r ? r.textContent : ''", "").await;
        if shown.as_str().is_some_and(|t| t.contains(text)) {
            break;
        }
        assert!(Instant::now() < deadline, "the preview does not show the new text");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Export, then a plain page with content-url and the same answers in its link.
    let exported = js(&c, "return document.querySelector('.exported').value", "").await;
    // A blank English text: the widget's decoder names it, and there is nothing to download.
    let second = edited.checks[1].id.clone();
    let english = edited.checks[1].text.en.clone();
    set(&c, &format!("fieldset.check[data-id='{second}'] textarea.text-en"), "", "input").await;
    let problem = find(&c, ".status .invalid").await.text().await.expect("problem");
    assert!(problem.contains("checks[1].text"), "the message names the field: {problem}");
    let download = js(&c, "return !!document.querySelector('.export .download')", "").await;
    assert_eq!(download, json!(false), "no download while the content is invalid");
    set(&c, &format!("fieldset.check[data-id='{second}'] textarea.text-en"), &english, "input").await;
    find(&c, ".export .download").await;
    let exported = exported.as_str().expect("exported text");
    let parsed = Content::parse(exported).expect("the widget reads the export");
    assert_eq!(parsed.checks[0].text.ja, text);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/builder");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("content.json"), exported).expect("write content.json");
    std::fs::write(
        dir.join("plain.html"),
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>exported</title>\n\
         <link rel=\"stylesheet\" href=\"../../pkg/b2b-assessment.css\">\n\
         <script type=\"module\" src=\"../../pkg/b2b-assessment.js\"></script></head>\n\
         <body><b2b-assessment id=\"plain\" mode=\"page\" lang=\"ja\" content-url=\"content.json\"></b2b-assessment></body></html>\n",
    )
    .expect("write the page");
    c.goto(&site(&e, &format!("test-artifacts/builder/plain.html#b2ba={}", share::encode(&parsed, &answers))))
        .await
        .expect("goto");
    let shown = shadow_find(&c, "#plain", ".b2ba-score-value").await.text().await.expect("score");
    assert_eq!(shown, want, "the same score on a plain page with the exported file");
    let report = js(&c, "return document.querySelector('#plain').shadowRoot.textContent", "").await;
    assert!(report.as_str().is_some_and(|t| t.contains(text)), "the report's answer sheet has the new text");
    c.close().await.expect("close");
}
