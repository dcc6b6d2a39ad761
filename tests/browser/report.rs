//! The report as a manager reads, prints and forwards it: honest captions
//! and verdicts from the content, the three actions first, a printout of at
//! most four A4 pages whose first page is the summary, the `after` gate's
//! form under the score, and one register in Japanese.

use crate::common::{answers, base64_decode, browser, cdp, content, js, require_env, shadow_find, site, Env};
use b2b_assessment::domain::{share, Answers, Content, Report};
use fantoccini::Client;
use serde_json::{json, Value};

const HOST: &str = "#assessment";

/// Every kind of answer, a 1–3 person team under ¥10M without a dedicated person.
fn mixed(c: &Content) -> Answers {
    let cycle = ["yes", "partly", "no", "unknown"];
    let list: Vec<(String, String)> =
        c.checks.iter().enumerate().map(|(i, k)| (k.id.clone(), cycle[i % 4].to_string())).collect();
    let refs: Vec<(&str, &str)> = list.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    answers(c, ["up_to_30b", "1_to_3", "no", "under_10m"], "yes", &refs)
}

async fn open_report(c: &Client, e: &Env, page: &str, a: &Answers) {
    let content = content();
    c.goto("about:blank").await.expect("blank");
    c.goto(&site(e, &format!("{page}#b2ba={}", share::encode(&content, a)))).await.expect("goto");
    shadow_find(c, HOST, ".b2ba-report[data-unfolded]").await;
}

async fn q(c: &Client, script: &str) -> Value {
    js(c, &format!("const root = document.querySelector(arguments[0]).shadowRoot; {script}"), HOST).await
}

/// Opens a collapsed section by its summary, as a visitor would.
async fn unfold(c: &Client, css: &str) {
    shadow_find(c, HOST, &format!("{css} > summary")).await.click().await.expect("open section");
}

#[tokio::test]
async fn the_top_three_come_first_and_the_rest_is_collapsed() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    let a = mixed(&content);
    open_report(&c, &e, "index.html", &a).await;
    let report = Report::build(&content, &a).expect("complete");
    let ids: Vec<&str> = report.actions.iter().map(|x| content.checks[x.check].id.as_str()).collect();
    let got = q(
        &c,
        "const top = [...root.querySelectorAll('.b2ba-first .b2ba-top li')].map(li => li.dataset.check);
         const more = root.querySelector('.b2ba-more');
         const rest = [...more.querySelectorAll('li')].map(li => li.dataset.check);
         const first = root.querySelector('.b2ba-first');
         return { top, rest, open: more.open, after: !!(first.compareDocumentPosition(more) & Node.DOCUMENT_POSITION_FOLLOWING),
                  folds: [...root.querySelectorAll('.b2ba-report > details')].map(d => d.open),
                  status: [...root.querySelectorAll('li[data-status=to-confirm] .b2ba-tag-status')].map(s => s.textContent) }",
    )
    .await;
    assert_eq!(got["top"], json!(ids[..3]), "the three first actions, in rank order");
    assert_eq!(got["rest"], json!(ids[3..]), "then the rest");
    assert_eq!(
        (&got["open"], &got["after"]),
        (&json!(false), &json!(true)),
        "the rest collapsed, after the first block"
    );
    assert!(got["folds"].as_array().expect("folds").iter().all(|o| o == &json!(false)), "sections collapsed: {got}");
    // "Don't know" is a thing to confirm, not "not in place".
    let statuses = got["status"].as_array().expect("status");
    assert!(!statuses.is_empty() && statuses.iter().all(|s| s == "要確認"), "{got}");
    // A budget under ¥10M puts the line between in-house and outsourced work first.
    assert_eq!(ids[0], "sourcing_criteria", "{ids:?}");
    // Collapsed, the report fits in a couple of screens at 1280 px.
    let height = q(&c, "return Math.round(root.querySelector('.b2ba-report').getBoundingClientRect().height)").await;
    eprintln!("report height at 1280 px, collapsed: {height} px");
    assert!(height.as_u64().unwrap_or(u64::MAX) < 3000, "report {height} px tall");
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_budget_caption_and_the_estimate_say_what_the_numbers_are() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    let a = answers(&content, ["up_to_30b", "1_to_3", "no", "under_10m"], "partly", &[]);
    open_report(&c, &e, "index.html", &a).await;
    unfold(&c, ".b2ba-benchmarks").await;
    let caption = shadow_find(&c, HOST, ".b2ba-bench-budget .b2ba-figure-caption").await.text().await.expect("text");
    let want = content.benchmarks.budget.caption.as_ref().expect("the budget's caption");
    assert_eq!(caption, want.ja, "a share of all respondents, from the content");
    let budget = q(&c, "const b = root.querySelector('.b2ba-bench-budget'); return [b.innerText, !!b.querySelector('.b2ba-source-caveat')]").await;
    let text = budget[0].as_str().unwrap_or("");
    assert!(text.contains("二極化") && text.contains("58.1%"), "the source's reading and the unsplit middle: {text}");
    assert!(!text.contains("同じ区分の企業"), "no share-within-band wording: {text}");
    assert_eq!(budget[1], json!(false), "no caveat the source does not give");

    // The estimate starts from the team size and says so; its verdict is plain.
    unfold(&c, ".b2ba-cost").await;
    let read = || async {
        q(&c, "const s = root.querySelector('.b2ba-cost'); return [[...s.querySelectorAll('dd')].map(d => d.textContent), s.querySelector('.b2ba-fit').dataset.fit, s.querySelector('.b2ba-fit').textContent]").await
    };
    let start = read().await;
    assert_eq!(start[0][3], json!("240万円"), "1–3 people: 4 articles × 5万円 a month, no support: {start}");
    assert_eq!(start[1], json!("depends"), "{start}");
    let set = |css: &'static str, v: &'static str| {
        let c = c.clone();
        async move {
            let input = shadow_find(&c, HOST, css).await;
            input.clear().await.expect("clear");
            input.send_keys(&format!("{v}\t")).await.expect("type");
        }
    };
    // The source's worked example: 10 articles and outside support, 960万〜1,200万円 a year.
    set("input[name=articles]", "10").await;
    shadow_find(&c, HOST, ".b2ba-support").await.click().await.expect("support on");
    let example = read().await;
    assert_eq!(example[0][3], json!("960万円〜1,200万円"), "{example}");
    assert_eq!(example[1], json!("reaches"), "{example}");
    let verdict = example[2].as_str().unwrap_or("");
    assert!(
        verdict.contains("上限に達します") && verdict.contains("全額"),
        "says it can take the whole budget: {verdict}"
    );
    // 20 articles, no support: 1,200万円, over the whole band.
    set("input[name=articles]", "20").await;
    shadow_find(&c, HOST, ".b2ba-support").await.click().await.expect("support off");
    let over = read().await;
    assert_eq!((&over[0][3], &over[1]), (&json!("1,200万円"), &json!("exceeds")), "{over}");
    // The article price is an assumption too; staff cost is the visitor's own, shown apart.
    set("input[name=price]", "30000").await;
    set("input[name=staff]", "500000").await;
    let own = read().await;
    assert_eq!((&own[0][3], &own[1]), (&json!("720万円"), &json!("depends")), "{own}");
    assert_eq!((&own[0][4], &own[0][5]), (&json!("600万円"), &json!("1,320万円")), "staff and all-in: {own}");
    // For a person to look at: the opened benchmarks and estimate.
    shadow_find(&c, HOST, ".b2ba-benchmarks > summary").await.click().await.expect("close the benchmarks");
    let top = q(
        &c,
        "const r = root.querySelector('.b2ba-cost').getBoundingClientRect(); return Math.round(r.top + scrollY - 8)",
    )
    .await;
    c.execute(&format!("scrollTo(0, {})", top.as_i64().unwrap_or(0)), vec![]).await.expect("scroll");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/screens");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("report-cost-ja.png"), c.screenshot().await.expect("screenshot")).expect("write");
    c.close().await.expect("close");
}

/// The pages of a PDF from its page tree (`/Type /Pages … /Count n`).
fn pdf_pages(pdf: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/Type /Pages")?;
    let tail = &text[at..];
    let start = tail.find("/Count ")? + "/Count ".len();
    tail[start..].split(|ch: char| !ch.is_ascii_digit()).next()?.parse().ok()
}

#[tokio::test]
async fn the_report_prints_on_four_a4_pages_with_the_summary_on_the_first() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    let a = mixed(&content);
    open_report(&c, &e, "index.html", &a).await;
    let report = Report::build(&content, &a).expect("complete");
    // The company name typed on the report appears on the printout only.
    let company = shadow_find(&c, HOST, ".b2ba-company input").await;
    company.send_keys("株式会社テスト").await.expect("type");

    let pdf = cdp(&c, "Page.printToPDF", json!({"printBackground": true, "preferCSSPageSize": true})).await;
    let bytes = base64_decode(pdf["data"].as_str().expect("pdf data"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/screens");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("report-ja.pdf"), &bytes).expect("write pdf");
    let pages = pdf_pages(&bytes).expect("a page count in the PDF");
    eprintln!("printed report: {pages} A4 pages");
    assert!((2..=4).contains(&pages), "{pages} pages");

    // Page 1: A4 at the page's 14 mm margins is 182 × 269 mm of content,
    // about 688 × 1016 CSS px; the first block breaks the page after it.
    cdp(&c, "Emulation.setEmulatedMedia", json!({"media": "print"})).await;
    cdp(
        &c,
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 688, "height": 1016, "deviceScaleFactor": 1, "mobile": false}),
    )
    .await;
    let first = q(
        &c,
        "const f = root.querySelector('.b2ba-first'); const r = f.getBoundingClientRect();
         return { text: f.innerText, bottom: r.bottom + scrollY, brk: getComputedStyle(f).breakAfter,
                  date: root.querySelector('.b2ba-date').textContent }",
    )
    .await;
    cdp(&c, "Emulation.clearDeviceMetricsOverride", json!({})).await;
    cdp(&c, "Emulation.setEmulatedMedia", json!({"media": ""})).await;
    let text = first["text"].as_str().unwrap_or("");
    assert_eq!(first["brk"], json!("page"), "{first}");
    assert!(first["bottom"].as_f64().unwrap_or(f64::MAX) <= 1016.0, "the first block fits page 1: {first}");
    let date = first["date"].as_str().unwrap_or("");
    assert!(date.contains("年") && date.contains("日") && text.contains(date), "the date: {first}");
    assert!(text.contains("株式会社テスト"), "the company name: {text}");
    assert!(text.contains(&report.score.overall.to_string()), "the score: {text}");
    assert!(text.contains(content.levels[report.score.level].name.ja.as_str()), "the level: {text}");
    for x in &report.actions[..3] {
        assert!(text.contains(content.checks[x.check].action.title.ja.as_str()), "top action {}: {text}", x.check);
    }
    let link = share::encode(&content, &a);
    assert!(text.contains(&format!("#b2ba={link}")), "the share link as text: {text}");
    // The radar is on page 1 too.
    let radar = q(&c, "return !!root.querySelector('.b2ba-first .b2ba-radar')").await;
    assert_eq!(radar, json!(true));

    // English runs longer: it fits the same four pages.
    shadow_find(&c, HOST, ".b2ba-lang").await.click().await.expect("to English");
    shadow_find(&c, HOST, ".b2ba[lang=en] .b2ba-report[data-unfolded]").await;
    let pdf = cdp(&c, "Page.printToPDF", json!({"printBackground": true, "preferCSSPageSize": true})).await;
    let bytes = base64_decode(pdf["data"].as_str().expect("pdf data"));
    std::fs::write(dir.join("report-en.pdf"), &bytes).expect("write pdf");
    let pages = pdf_pages(&bytes).expect("a page count in the PDF");
    eprintln!("printed report in English: {pages} A4 pages");
    assert!((2..=4).contains(&pages), "{pages} pages in English");
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_after_gate_asks_under_the_score_and_only_sends() {
    let e = require_env!();
    let content = content();
    let page = r#"<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>after gate</title>
<link rel="stylesheet" href="../pkg/b2b-assessment.css">
<script type="module" src="../pkg/b2b-assessment.js"></script>
</head><body>
<b2b-assessment id="assessment" mode="page" lead-gate="after" privacy-url="../index.html" lead-recipient="テスト"></b2b-assessment>
</body></html>"#;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("after-gate.html"), page).expect("write page");
    let c = browser(&e.webdriver).await;
    open_report(&c, &e, "test-artifacts/after-gate.html", &mixed(&content)).await;
    let got = q(
        &c,
        "const form = root.querySelector('.b2ba-lead'); const summary = root.querySelector('.b2ba-summary');
         const radar = root.querySelector('.b2ba-radar-box');
         return { below: form.getBoundingClientRect().top - summary.getBoundingClientRect().bottom,
                  beforeRadar: !!(form.compareDocumentPosition(radar) & Node.DOCUMENT_POSITION_FOLLOWING),
                  button: form.querySelector('.b2ba-submit').textContent }",
    )
    .await;
    assert_eq!(got["beforeRadar"], json!(true), "the form comes before the rest of the report: {got}");
    assert!(got["below"].as_f64().unwrap_or(f64::MAX) < 80.0, "right under the score summary: {got}");
    assert_eq!(got["button"], json!("送信する"), "the report is already shown: the button only sends");
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_japanese_report_keeps_one_register() {
    let e = require_env!();
    let content = content();
    let c = browser(&e.webdriver).await;
    open_report(&c, &e, "index.html", &mixed(&content)).await;
    let text = q(
        &c,
        "root.querySelectorAll('details').forEach(d => d.open = true);
         return root.querySelector('.b2ba').innerText",
    )
    .await;
    let text = text.as_str().unwrap_or("");
    for word in ["あなた", "御社", "してください。"] {
        assert!(!text.contains(word), "{word:?} in the Japanese report");
    }
    assert!(text.contains("貴社"), "the report addresses 貴社");
    c.close().await.expect("close");
}
