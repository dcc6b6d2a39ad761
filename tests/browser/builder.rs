//! The Builder (issue 20), as a site owner uses it: edit a check's Japanese
//! text and a category's weight, see the preview and the simulated score
//! follow, export `content.json` and load it on a plain page with the same
//! score; clear a benchmark's source and see the error at the field with the
//! export blocked; map HubSpot properties and find them in the widget's
//! HubSpot payload; send a test lead to the reference receiver; import a
//! broken file; axe-core on every section.

use crate::a11y::{axe, axe_source};
use crate::common::{browser, content, js, require_env, shadow_find, site, Env};
use b2b_assessment::domain::{scoring, share, Answers, Content, Step};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
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

/// Whether `css` is in the page now.
async fn present(c: &Client, css: &str) -> bool {
    js(c, "return !!document.querySelector(arguments[0])", css).await == json!(true)
}

/// Waits (bounded) until `script` (given `arg`) returns true.
async fn until(c: &Client, what: &str, script: &str, arg: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while js(c, script, arg).await != json!(true) {
        if Instant::now() > deadline {
            let state = js(c, "const p = document.querySelector('#preview'); return p ? [p.outerHTML.slice(0, 300), p.shadowRoot ? p.shadowRoot.textContent.slice(0, 300) : 'no shadow root'] : 'no preview'", "").await;
            panic!("{what} (preview: {state})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits (bounded) until `script` (given `args` as `arguments[0]`) returns true.
async fn until_args(c: &Client, what: &str, script: &str, args: Value) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while c.execute(script, vec![args.clone()]).await.expect("script") != json!(true) {
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
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

/// Opens a section by its tab.
async fn tab(c: &Client, section: &str) {
    find(c, &format!("button.tab.{section}")).await.click().await.expect("tab");
    find(c, &format!("button.tab.{section}[aria-current=page]")).await;
}

async fn score(c: &Client) -> String {
    find(c, ".simulated .score").await.text().await.expect("score")
}

/// A fresh Builder: the stored draft of an earlier test is cleared first.
async fn open_builder(c: &Client, e: &Env) {
    c.goto(&site(e, "builder/index.html")).await.expect("goto");
    js(c, "localStorage.clear(); return true", "").await;
    c.refresh().await.expect("reload");
    find(c, "button.tab.checks[aria-current=page]").await;
}

fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/builder");
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

/// A plain page with the widget in `mode`, an optional `content-url` and an
/// inline config.
fn plain_page(name: &str, mode: &str, content_url: Option<&str>, config: Option<&str>) {
    let content = content_url.map_or(String::new(), |u| format!(" content-url=\"{u}\""));
    let config = config.map_or(String::new(), |c| format!("<script type=\"application/json\">{c}</script>"));
    std::fs::write(
        artifacts().join(name),
        format!(
            "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>exported</title>\n\
             <link rel=\"stylesheet\" href=\"../../pkg/b2b-assessment.css\">\n\
             <script type=\"module\" src=\"../../pkg/b2b-assessment.js\"></script></head>\n\
             <body><b2b-assessment id=\"plain\" mode=\"{mode}\" lang=\"ja\"{content}>{config}</b2b-assessment></body></html>\n"
        ),
    )
    .expect("write the page");
}

/// The answers the simulator is set to: the first check "not yet", the
/// others "in place" (the scale's first choice).
fn simulated_answers(c: &Content, no: usize) -> Answers {
    let mut answers = Answers::new(c);
    for i in 0..c.step_count() {
        let step = Step::at(c, i).expect("step");
        let choice = if matches!(step, Step::Check(0)) { no } else { 0 };
        answers.set(c, step, choice).expect("answer");
    }
    answers
}

#[tokio::test]
async fn an_edit_shows_in_the_preview_and_the_score_and_the_export_loads_in_the_widget() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    let mut edited: Content = content();
    let category = edited.checks[0].category.clone();
    let cat_index = edited.category_index(&category).expect("category");
    let no = edited.scale_index("no").expect("a no answer");
    tab(&c, "simulate").await;
    set(&c, "#sim-0", &no.to_string(), "change").await;
    let before = score(&c).await;

    tab(&c, "checks").await;
    let text = "ビルダーで書き換えた質問文（テスト）";
    set(&c, "#f-checks-0-text-ja", text, "input").await;
    tab(&c, "categories").await;
    set(&c, &format!("#f-categories-{cat_index}-weight"), "40", "input").await;
    edited.checks[0].text.ja = text.into();
    edited.categories[cat_index].weight = 40;

    // What the widget's own scoring says of the same answers with the edited content.
    let answers = simulated_answers(&edited, no);
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
    until(
        &c,
        "the preview does not show the new text",
        "const r = document.querySelector('#preview').shadowRoot; return !!r && r.textContent.includes(arguments[0])",
        text,
    )
    .await;

    // Undo takes the weight back; redo brings it again.
    let weight = format!("#f-categories-{cat_index}-weight");
    let shows = "const [css, want] = arguments[0]; return document.querySelector(css).value === want";
    find(&c, "button.undo").await.click().await.expect("undo");
    let was = content().categories[cat_index].weight.to_string();
    until_args(&c, "undo takes the weight back", shows, json!([weight, was])).await;
    find(&c, "button.redo").await.click().await.expect("redo");
    until_args(&c, "redo brings it again", shows, json!([weight, "40"])).await;

    // Export, then a plain page with content-url and the same answers in its link.
    tab(&c, "export").await;
    find(&c, ".file.content a.download").await;
    let exported = js(&c, "return document.querySelector('textarea.exported.content').value", "").await;
    let exported = exported.as_str().expect("exported text");
    let parsed = Content::parse(exported).expect("the widget reads the export");
    assert_eq!(parsed, edited, "the export is the edited content");
    let snippet = js(&c, "return document.querySelector('.snippet.page textarea').value", "").await;
    assert!(
        snippet.as_str().is_some_and(|s| s.contains("content-url=\"/b2b-assessment/content.json\"")),
        "the snippet loads the exported content: {snippet}"
    );
    std::fs::write(artifacts().join("content.json"), exported).expect("write content.json");
    plain_page("plain.html", "page", Some("content.json"), None);
    c.goto(&site(&e, &format!("test-artifacts/builder/plain.html#b2ba={}", share::encode(&parsed, &answers))))
        .await
        .expect("goto");
    let shown = shadow_find(&c, "#plain", ".b2ba-score-value").await.text().await.expect("score");
    assert_eq!(shown, want, "the same score on a plain page with the exported file");
    shadow_find(&c, "#plain", ".b2ba-report[data-unfolded]").await;
    let report = js(&c, "return document.querySelector('#plain').shadowRoot.textContent", "").await;
    assert!(report.as_str().is_some_and(|t| t.contains(text)), "the report's answer sheet has the new text");

    // The draft was kept: the Builder opens again with the edit.
    c.goto(&site(&e, "builder/index.html")).await.expect("goto");
    find(&c, ".restored").await;
    let kept = js(&c, "return document.querySelector('#f-checks-0-text-ja').value", "").await;
    assert_eq!(kept, json!(text), "the autosaved draft is restored");
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_blank_benchmark_source_is_named_at_its_field_and_blocks_the_export() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    tab(&c, "benchmarks").await;
    let field = "#f-benchmarks-dedicated_staff-source-name-ja";
    let source = js(&c, "return document.querySelector(arguments[0]).value", field).await;
    set(&c, field, "", "input").await;
    let note = find(&c, &format!("{}-err", field)).await.text().await.expect("note");
    assert!(note.contains("空欄"), "the error says what is wrong, in Japanese: {note}");
    assert_eq!(
        js(&c, "return document.querySelector(arguments[0]).getAttribute('aria-invalid')", field).await,
        json!("true")
    );
    let described = js(&c, "return document.querySelector(arguments[0]).getAttribute('aria-describedby')", field).await;
    assert_eq!(described, json!("f-benchmarks-dedicated_staff-source-name-ja-err"));
    // The list of problems names the field; its button leads back to it.
    let listed = find(&c, ".status .problems").await.text().await.expect("problems");
    assert!(listed.contains("benchmarks.dedicated_staff.source.name.ja"), "{listed}");
    // No download while it is blank.
    tab(&c, "export").await;
    find(&c, ".file.content .blocked").await;
    assert!(!present(&c, ".file.content a.download").await, "no download while the content is invalid");
    find(&c, ".status .problems button.jump").await.click().await.expect("jump");
    until(
        &c,
        "the problem's button focuses its field",
        "return document.activeElement && document.activeElement.id === arguments[0]",
        &field[1..],
    )
    .await;
    set(&c, field, source.as_str().expect("source"), "input").await;
    tab(&c, "export").await;
    find(&c, ".file.content a.download").await;

    // A new check: its texts are blank (marked, and problems) until filled in;
    // moved up it is 15th; removed, the content is as before.
    tab(&c, "checks").await;
    let n = content().checks.len();
    find(&c, "#f-checks > button.append").await.click().await.expect("add");
    find(&c, &format!("#f-checks-{n}-text-ja-err")).await;
    assert!(present(&c, &format!("#f-checks-{n} .missing")).await, "an empty text is marked");
    let id = js(&c, "return document.querySelector(arguments[0]).value", &format!("#f-checks-{n}-id")).await;
    find(&c, &format!("#f-checks-{n} > .tools > button.up")).await.click().await.expect("up");
    until(
        &c,
        "moved up",
        "return document.querySelector('#f-checks-' + (arguments[0] - 1) + '-id').value.endsWith('_2')",
        &n.to_string(),
    )
    .await;
    assert_eq!(
        js(&c, "return document.querySelector(arguments[0]).value", &format!("#f-checks-{}-id", n - 1)).await,
        id
    );
    find(&c, &format!("#f-checks-{} > .tools > button.remove", n - 1)).await.click().await.expect("remove");
    find(&c, ".status .valid").await;
    // An optional member: a hint for the first check, added and removed.
    find(&c, "#f-checks-0 > .optional > button.add-optional").await.click().await.expect("add a hint");
    find(&c, "#f-checks-0-hint-ja-err").await;
    find(&c, "#f-checks-0 > .optional > button.drop-optional").await.click().await.expect("remove the hint");
    find(&c, ".status .valid").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_hubspot_mapping_set_in_the_builder_names_the_widgets_payload() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    tab(&c, "lead").await;
    find(&c, "input[name=destination]").await;
    let radios = c.find_all(Locator::Css("input[name=destination]")).await.expect("radios");
    radios[1].click().await.expect("HubSpot");
    // The widget's own config decoder names what is missing, then what is wrong.
    find(&c, "#g-lead-hubspot-portalId-err").await;
    set(&c, "#g-lead-hubspot-formId", "form-guid-1", "input").await;
    set(&c, "#g-lead-hubspot-portalId", "abc", "input").await;
    let note = find(&c, "#g-lead-hubspot-portalId-err").await.text().await.expect("note");
    assert!(note.contains("digits"), "{note}");
    set(&c, "#g-lead-hubspot-portalId", "1234567", "input").await;
    set(&c, "#g-lead-hubspot-fields-score", "b2ba_score", "input").await;
    set(&c, "#g-lead-hubspot-fields-level_label", "b2ba_level", "input").await;
    set(&c, "#g-lead-gate", "before", "change").await;
    tab(&c, "export").await;
    find(&c, ".file.config a.download").await;
    let config = js(&c, "return document.querySelector('textarea.exported.config').value", "").await;
    let config = config.as_str().expect("config").to_string();
    let parsed: Value = serde_json::from_str(&config).expect("JSON");
    assert_eq!(parsed["lead"]["hubspot"]["fields"], json!({"score": "b2ba_score", "level_label": "b2ba_level"}));

    // A plain lead page with the exported config: the outbox holds the HubSpot request.
    plain_page("hubspot.html", "lead", None, Some(&config));
    let content = content();
    let answers = simulated_answers(&content, content.scale_index("no").expect("no"));
    let want = scoring::score(&content, &answers);
    c.goto(&site(&e, &format!("test-artifacts/builder/hubspot.html#b2ba={}", share::encode(&content, &answers))))
        .await
        .expect("goto");
    js(&c, "localStorage.removeItem('b2b-assessment:outbox:v1'); return true", "").await;
    for (css, v) in [
        ("input[autocomplete=family-name]", "山田"),
        ("input[autocomplete=given-name]", "太郎"),
        ("input[autocomplete=organization]", "株式会社テスト"),
        ("input[type=email]", "taro@example.com"),
    ] {
        shadow_find(&c, "#plain", css).await.send_keys(v).await.expect("type");
    }
    shadow_find(&c, "#plain", "input[type=checkbox][required]").await.click().await.expect("consent");
    shadow_find(&c, "#plain", ".b2ba-submit").await.click().await.expect("submit");
    let deadline = Instant::now() + Duration::from_secs(20);
    let request = loop {
        let entries =
            js(&c, "return (JSON.parse(localStorage.getItem('b2b-assessment:outbox:v1') || '{}').entries || [])", "")
                .await;
        if let Some(r) = entries.get(0).map(|e| e["request"].clone()).filter(|r| r.is_object()) {
            break r;
        }
        assert!(Instant::now() < deadline, "no request in the outbox: {entries}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(request["url"], "https://api.hsforms.com/submissions/v3/integration/submit/1234567/form-guid-1");
    let body: Value = serde_json::from_str(request["body"].as_str().expect("body")).expect("HubSpot JSON");
    let fields: Vec<(String, String)> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["name"].as_str().unwrap_or("").to_string(), f["value"].as_str().unwrap_or("").to_string()))
        .collect();
    let level = content.levels[want.level].name.ja.clone();
    assert!(fields.contains(&("b2ba_score".into(), want.overall.to_string())), "{fields:?}");
    assert!(fields.contains(&("b2ba_level".into(), level)), "{fields:?}");
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_broken_file_is_refused_on_import_naming_the_field() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    let mut broken: Value = serde_json::from_str(b2b_assessment::domain::content::DEFAULT_JSON).expect("default");
    broken["levels"][1]["min_score"] = json!("ten");
    let path = artifacts().join("broken-content.json");
    std::fs::write(&path, serde_json::to_string_pretty(&broken).expect("json")).expect("write");
    tab(&c, "export").await;
    find(&c, "#import-file").await.send_keys(path.to_str().expect("path")).await.expect("choose file");
    let said = find(&c, ".import-result.failed").await.text().await.expect("result");
    assert!(said.contains("levels[1].min_score"), "the refusal names the field: {said}");
    // The draft is unchanged; a good file imports.
    broken["levels"][1]["min_score"] = json!(31);
    broken["title"]["ja"] = json!("読み込んだ診断");
    std::fs::write(&path, serde_json::to_string_pretty(&broken).expect("json")).expect("write");
    find(&c, "#import-file").await.send_keys(path.to_str().expect("path")).await.expect("choose file");
    find(&c, ".import-result.ok").await;
    tab(&c, "basics").await;
    assert_eq!(js(&c, "return document.querySelector('#f-title-ja').value", "").await, json!("読み込んだ診断"));
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_builder_has_no_axe_violations_in_any_section() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    shadow_find(&c, "#preview", ".b2ba").await;
    let src = axe_source();
    let mut log = Vec::new();
    let mut violations = Vec::new();
    for section in ["checks", "basics", "benchmarks", "costs", "simulate", "theme", "lead", "export"] {
        tab(&c, section).await;
        violations.extend(axe(&c, &src, &format!("builder {section}"), &mut log).await);
    }
    // With a problem shown at its field, and in English.
    tab(&c, "lead").await;
    set(&c, "#g-lead-endpoint", "http://example.com/leads", "input").await;
    find(&c, "#g-lead-endpoint-err").await;
    find(&c, "button.ui-lang").await.click().await.expect("English");
    violations.extend(axe(&c, &src, "builder lead, en, with a problem", &mut log).await);
    std::fs::write(artifacts().join("axe.json"), serde_json::to_string_pretty(&log).expect("json")).expect("write");
    assert!(violations.is_empty(), "axe-core violations:\n{}", violations.join("\n"));
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_test_lead_reaches_the_reference_receiver_marked_as_a_test() {
    let e = require_env!();
    let c = browser(&e.webdriver).await;
    open_builder(&c, &e).await;
    tab(&c, "lead").await;
    // The default destination: the reference receiver on this origin.
    assert_eq!(js(&c, "return document.querySelector('#g-lead-endpoint').value", "").await, json!("/api/leads"));
    find(&c, "button.send-test").await.click().await.expect("send");
    let said = find(&c, ".test-result.ok").await.text().await.expect("result");
    assert!(said.contains("HTTP 20"), "{said}");
    let csv = crate::leads::parse_csv(&crate::leads::receiver_text(&c, "GET", "/api/leads.csv", None).await);
    let head = &csv[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column: {head:?}"));
    let (test, email, summary, id) = (col("test"), col("email"), col("summary"), col("id"));
    let row = csv
        .iter()
        .rev()
        .find(|r| r.get(id).is_some_and(|m| m.starts_with("builder-test-")))
        .unwrap_or_else(|| panic!("no row from the Builder: {csv:?}"));
    assert_eq!(row[test], "1", "marked as a test");
    assert_eq!(row[email], "test@example.com");
    assert!(row[summary].starts_with("【テスト】"), "{}", row[summary]);
    // A refused destination is explained in words, not a bare error.
    set(&c, "#g-lead-endpoint", "https://127.0.0.1:9/leads", "input").await;
    find(&c, "button.send-test:not([disabled])").await.click().await.expect("send");
    let said = find(&c, ".test-result.failed").await.text().await.expect("result");
    assert!(said.contains("CORS") && said.contains("https://127.0.0.1:9/leads"), "{said}");
    c.close().await.expect("close");
}

/// The guide's screenshots (docs/builder.md), taken as a site owner goes:
/// `test-artifacts/builder/guide-*.png`. Each step first waits for what it
/// shows; copy them to `docs/builder/` when the Builder's look changes.
#[tokio::test]
async fn the_guides_screenshots() {
    let e = require_env!();
    let c = crate::common::browser_with(&e.webdriver, &["--window-size=1600,1000"]).await;
    open_builder(&c, &e).await;
    shadow_find(&c, "#preview", ".b2ba-quiz").await;
    let shot = |name: &'static str| {
        let c = c.clone();
        async move {
            crate::common::settle(&c).await;
            let png = c.screenshot().await.expect("screenshot");
            assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
            std::fs::write(artifacts().join(format!("guide-{name}.png")), png).expect("write");
        }
    };
    shot("1-open").await;
    set(&c, "#f-checks-0-text-ja", "", "input").await;
    find(&c, "#f-checks-0-text-ja-err").await;
    shot("2-problem").await;
    set(&c, "#f-checks-0-text-ja", &content().checks[0].text.ja, "input").await;
    find(&c, ".status .valid").await;
    tab(&c, "simulate").await;
    set(&c, "#sim-2", "2", "change").await;
    set(&c, "#sim-5", "1", "change").await;
    shot("3-simulate").await;
    tab(&c, "theme").await;
    set(&c, "#g-theme-accent", "#e0559a", "input").await;
    find(&c, ".contrast tr.fail").await;
    js(&c, "document.querySelector('table.contrast').scrollIntoView({block: 'center'}); return true", "").await;
    shot("4-theme").await;
    set(&c, "#g-theme-accent", "#a3195b", "input").await;
    tab(&c, "lead").await;
    let radios = c.find_all(Locator::Css("input[name=destination]")).await.expect("radios");
    radios[1].click().await.expect("HubSpot");
    set(&c, "#g-lead-hubspot-portalId", "1234567", "input").await;
    set(&c, "#g-lead-hubspot-formId", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "input").await;
    set(&c, "#g-lead-hubspot-fields-score", "b2ba_score", "input").await;
    set(&c, "#g-lead-hubspot-fields-summary", "b2ba_summary", "input").await;
    js(&c, "document.querySelector('table.mapping').scrollIntoView({block: 'start'}); return true", "").await;
    shot("5-leads").await;
    tab(&c, "export").await;
    find(&c, ".file.config a.download").await;
    js(&c, "document.querySelector('.snippet.page').scrollIntoView({block: 'start'}); return true", "").await;
    shot("6-export").await;
    c.close().await.expect("close");
}
