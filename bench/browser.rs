//! `scripts/bench`: how the widget performs in a visitor's browser — headless
//! Chromium with a 4× slower CPU, a fresh profile per run, several runs,
//! medians and spread. Not a test: it measures and reports, it asserts
//! nothing about timings (the machines are shared and noisy).
//!
//! Needs `E2E_URL` (the served repository) and `WEBDRIVER_URL`; scripts/bench
//! sets both. Writes `target/bench/bench.json`.

#[path = "../tests/browser/common.rs"]
mod common;

use b2b_assessment::domain::{scoring, Answers, Content, Step};
use common::{browser_with, cdp, Cdp};
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::Client;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A fresh browser profile (nothing cached) with the CPU slowed `rate`× and
/// a 180 s script timeout.
async fn session(webdriver: &str, rate: f64) -> Client {
    let c = browser_with(webdriver, &["--window-size=1280,900", "--enable-precise-memory-info"]).await;
    let _ = c.update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(180)), None, None)).await;
    c.issue_cmd(Cdp { cmd: "Emulation.setCPUThrottlingRate", params: json!({"rate": rate}) })
        .await
        .expect("CPU throttling");
    c
}

/// Installs [`OBSERVE`] for every document the session opens from now on.
async fn observe(c: &Client) {
    c.issue_cmd(Cdp { cmd: "Page.addScriptToEvaluateOnNewDocument", params: json!({ "source": OBSERVE }) })
        .await
        .expect("install observers");
}

async fn run_js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute_async(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}"))
}

/// Observers installed before any page script runs (CDP
/// `Page.addScriptToEvaluateOnNewDocument`), so long tasks and layout shifts
/// during loading are seen.
const OBSERVE: &str = r#"
window.__bench = { longtasks: [], shifts: 0, events: [], frames: [], firstContent: {} };
// When each widget's first content is painted (the prerendered view, or the
// wasm's first render where there is none): the rAF callback of the frame
// that first shows a `.b2ba` in its shadow root, keyed by the host's id.
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  const root = attach.call(this, init);
  const host = this;
  new MutationObserver((_, obs) => {
    if (!root.querySelector('.b2ba')) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__bench.firstContent[host.id] ??= performance.now(); });
  }).observe(root, { childList: true, subtree: true });
  return root;
};
try {
  // Long animation frames name the scripts that ran in them (where the time went).
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.frames.push({ start: Math.round(e.startTime), duration: e.duration, blocking: e.blockingDuration, render: e.renderStart ? Math.round(e.startTime + e.duration - e.renderStart) : null, layout: e.styleAndLayoutStart ? Math.round(e.startTime + e.duration - e.styleAndLayoutStart) : null, scripts: e.scripts.map(s => ({ src: (s.sourceURL || '').split('/').pop(), invoker: s.invoker, duration: s.duration, forced_layout: s.forcedStyleAndLayoutDuration })) }); }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver(l => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__bench.shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver(l => { for (const e of l.getEntries()) if (e.name === 'click' || e.name === 'pointerup' || e.name === 'keydown') window.__bench.events.push(e.duration); }).observe({ type: 'event', durationThreshold: 16, buffered: true });
} catch (e) { window.__bench.error = String(e); }
"#;

/// Scrolls the article's quiz into view (it loads only near the viewport) and
/// resolves with the time since navigation start when its first question is there.
const ARTICLE_QUIZ: &str = r#"
const [host, done] = arguments;
const el = document.querySelector(host);
el.scrollIntoView({ block: 'start' });
const look = () => {
  const q = el.shadowRoot && el.shadowRoot.querySelector('input[role=switch], .b2ba-quiz select');
  if (q) return done(performance.now());
  requestAnimationFrame(look);
};
look();
"#;

/// Flips the quiz card's first switch as soon as it is on screen (the
/// prerendered card, before the wasm is there) and resolves with the time
/// until the wasm has scored it (the live score leaves 0).
const QUIZ_FIRST_INPUT: &str = r#"
const [host, done] = arguments;
const root = document.querySelector(host).shadowRoot;
const t0 = performance.now();
root.querySelector('input[role=switch]').click();
const look = () => {
  const v = root.querySelector(':not([data-prerendered]) > .b2ba .b2ba-score-value');
  if (v && v.textContent !== '0') return done(performance.now() - t0);
  requestAnimationFrame(look);
};
look();
"#;

/// Waits (rAF) until `selector` exists in the widget's shadow root; resolves
/// with `performance.now()` (ms since navigation start).
const WAIT_FOR: &str = r#"
const [host, selector, done] = arguments;
const look = () => {
  const root = document.querySelector(host)?.shadowRoot;
  if (root && root.querySelector(selector)) return done(performance.now());
  requestAnimationFrame(look);
};
look();
"#;

/// Clicks start and answers every question with JS clicks, timing each step
/// to the frame after it rendered. With `holdLast` it stops before the last
/// Next (`BENCH_PROFILE`: the profile then holds only the step into the report).
const ANSWER_ALL: &str = r#"
const [host, steps, holdLast, done] = arguments;
const root = document.querySelector(host).shadowRoot;
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
const until = async (sel) => { while (!root.querySelector(sel)) await frame(); };
(async () => {
  const t0 = performance.now();
  root.querySelector('.b2ba-start').click();
  await until('.b2ba-question-text');
  const firstQuestion = performance.now() - t0;
  // A task after the current one (and its microtasks, where Yew renders).
  const task = () => new Promise(r => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(); ch.port2.postMessage(0); });
  let report = null;
  for (let i = 0; i < steps; i++) {
    await until(`label[for$="-q${i}-c0"]`);
    root.querySelector(`label[for$="-q${i}-c0"]`).click();
    if (i + 1 < steps) {
      root.querySelector('.b2ba-next').click();
      continue;
    }
    if (holdLast) { await frame(); return done(true); }
    // The last answer → the report, split: our script (the click, Yew's
    // render in its microtasks), then the browser's style and layout of what
    // it rendered (forced here, as the frame would do it), then the frame
    // that paints it.
    // In a task of its own, as a visitor's click: not in a frame's rendering update.
    await frame();
    await task();
    const c0 = performance.now();
    root.querySelector('.b2ba-next').click();
    await task();
    const c1 = performance.now();
    const shown = !!root.querySelector('.b2ba-report');
    void root.host.offsetHeight;
    const c2 = performance.now();
    await frame();
    await task();
    report = { at: c0, script: c1 - c0, layout: c2 - c1, painted: performance.now() - c0, shown };
  }
  await until('.b2ba-report');
  await frame();
  done({ clickedAt: t0, firstQuestion, all: performance.now() - t0, report });
})();
"#;

/// The last Next, in a task of its own, and the frame that paints the report.
const LAST_NEXT: &str = r#"
const [host, done] = arguments;
const root = document.querySelector(host).shadowRoot;
setTimeout(() => {
  root.querySelector('.b2ba-next').click();
  requestAnimationFrame(() => setTimeout(() => done(!!root.querySelector('.b2ba-report')), 0));
}, 0);
"#;

/// `BENCH_PROFILE=FILE`: instead of the runs, one V8 CPU profile (100 µs
/// samples, CPU slowed as the runs) of the last Next → report painted on the
/// standalone page, written to FILE (open it in Chrome DevTools' Performance
/// panel). The function names are the wasm's own where its name section is
/// kept (a `wasm-opt -g` build, see docs/performance.md).
async fn profile_report(webdriver: &str, page: &str, rate: f64, steps: usize, file: &str) {
    let c = session(webdriver, rate).await;
    c.goto(page).await.expect("goto");
    run_js(&c, WAIT_FOR, vec![json!("#assessment"), json!(".b2ba-start")]).await;
    run_js(&c, ANSWER_ALL, vec![json!("#assessment"), json!(steps), json!(true)]).await;
    cdp(&c, "Profiler.enable", json!({})).await;
    cdp(&c, "Profiler.setSamplingInterval", json!({ "interval": 100 })).await;
    cdp(&c, "Profiler.start", json!({})).await;
    let shown = run_js(&c, LAST_NEXT, vec![json!("#assessment")]).await;
    let profile = cdp(&c, "Profiler.stop", json!({})).await;
    assert_eq!(shown, json!(true), "the report was not shown");
    std::fs::write(file, profile["profile"].to_string()).unwrap_or_else(|e| panic!("{file}: {e}"));
    eprintln!("profile of the last Next → report: {file}");
    let _ = c.close().await;
}

const COLLECT: &str = r#"
const done = arguments[arguments.length - 1];
setTimeout(() => {
  const b = window.__bench || { longtasks: [], shifts: NaN, events: [] };
  const res = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
  const bytes = res.reduce((s, r) => s + (r.transferSize || 0), 0);
  const tbt = b.longtasks.reduce((s, d) => s + Math.max(0, d - 50), 0);
  const measures = {};
  for (const m of performance.getEntriesByType('measure')) if (m.name.startsWith('b2b-assessment: ')) measures[m.name.slice(16)] = m.duration;
  // Long animation frames from the moment the widget starts loading (the
  // loader's "load" measure: wasm request) on, with the style and layout they
  // include; the frames before are the host page's own (an article's first
  // layout). A frame's scripts do not tell: Yew renders in microtasks of
  // whoever dispatched the click, and the loader's own evaluation shares a
  // frame with the host's first layout.
  const load = performance.getEntriesByName('b2b-assessment: load')[0];
  const ours = (f) => load && f.start + f.duration > load.startTime;
  const widget = b.frames.filter(ours), host = b.frames.filter((f) => !ours(f));
  const longest = widget.reduce((a, f) => (a && a.duration >= f.duration ? a : f), null);
  const widget_frames = { longest: longest ? longest.duration : 0, longest_layout: longest ? longest.layout || 0 : 0, blocking: widget.reduce((t, f) => t + f.blocking, 0), count: widget.length };
  const host_longest_frame = Math.max(0, ...host.map((f) => f.duration));
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const render = performance.getEntriesByName('b2b-assessment: render')[0];
  done({ bytes, tbt, measures, fcp: fcp ? fcp.startTime : null, first_content: b.firstContent,
         ready: render ? render.startTime + render.duration : null, frames: b.frames, widget_frames, host_longest_frame, longest_task: Math.max(0, ...b.longtasks), longtasks: b.longtasks.length, cls: b.shifts,
         events: b.events, heap: performance.memory ? performance.memory.usedJSHeapSize : null });
}, 200);
"#;

/// The rendered quiz card: its shadow root's HTML and the widget's CSS.
const CAPTURE: &str = r#"
const [host, done] = arguments;
const root = document.querySelector(host).shadowRoot;
done({ html: root.innerHTML, css: [...root.adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n') });
"#;

/// The same card as static HTML in the same article, with the widget's
/// loader blocked: no wasm, no script of ours. Resolves with the style and
/// layout time of inserting it (a forced layout), the browser's own cost of
/// the card's first layout, whatever code produced it.
const STATIC_CARD: &str = r#"
const [host, html, css, done] = arguments;
const el = document.querySelector(host);
el.scrollIntoView({ block: 'start' });
requestAnimationFrame(() => setTimeout(() => {
  if (customElements.get('b2b-assessment')) return done({ error: 'the loader ran' });
  const root = el.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  root.innerHTML = html;
  const t0 = performance.now();
  void root.firstElementChild.offsetHeight;
  done({ layout: performance.now() - t0 });
}, 0));
"#;

/// Mounts a quiz with `content` and times the first render and a switch.
/// A quiz with its own content runs on the page build (the quiz build reads
/// only the compiled-in set), so a first quiz with `warm` loads that build
/// and compiles its code, as the page's own quiz did for the quiz build when
/// the quiz build was the one timed here.
const QUIZ_SCALE: &str = r#"
const [content, warm, done] = arguments;
const el = document.createElement('div');
document.body.append(el);
const frame = () => new Promise(r => requestAnimationFrame(() => r()));
(async () => {
  const w = document.createElement('div');
  document.body.append(w);
  (await B2BAssessment.mount(w, { mode: 'quiz', lang: 'en', content: warm })).destroy();
  w.remove();
  await frame();
  const t0 = performance.now();
  await B2BAssessment.mount(el, { mode: 'quiz', lang: 'en', content });
  while (!el.shadowRoot.querySelector('.b2ba-quiz')) await frame();
  // rAF callbacks run before the frame's style and layout: the second one
  // comes after the first frame that showed the quiz was rendered, so its
  // layout counts here and not in the switch below.
  await frame();
  await frame();
  const render = performance.now() - t0;
  const switches = el.shadowRoot.querySelectorAll('input[role=switch]');
  // With 1500 checks one switch may not move the rounded score, so time the
  // click to the second frame after it (Yew renders in a microtask).
  const t1 = performance.now();
  switches[switches.length - 1].click();
  await frame();
  await frame();
  done({ render, toggle: performance.now() - t1, switches: switches.length });
})();
"#;

#[derive(Default)]
struct Series(Vec<f64>);

impl Series {
    fn push(&mut self, v: f64) {
        self.0.push(v);
    }
    fn sorted(&self) -> Vec<f64> {
        let mut v = self.0.clone();
        v.sort_by(f64::total_cmp);
        v
    }
    fn median(&self) -> f64 {
        let v = self.sorted();
        if v.is_empty() {
            return f64::NAN;
        }
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }
    fn pct(&self, p: f64) -> f64 {
        let v = self.sorted();
        if v.is_empty() {
            return f64::NAN;
        }
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
    fn json(&self) -> Value {
        json!({ "median": self.median(), "min": self.pct(0.0), "max": self.pct(1.0), "p95": self.pct(0.95), "runs": self.0 })
    }
}

/// A content set with `n` checks (copies of the 15, cycling), for scaling runs.
fn scaled_content(n: usize) -> Value {
    let mut v: Value =
        serde_json::from_str(b2b_assessment::domain::content::DEFAULT_JSON).expect("default content is JSON");
    let checks = v["checks"].as_array().cloned().unwrap_or_default();
    let grown: Vec<Value> = (0..n)
        .map(|i| {
            let mut c = checks[i % checks.len()].clone();
            // The first copy keeps its id: the benchmarks' findings name checks by id.
            if i >= checks.len() {
                c["id"] = json!(format!("check_{i}"));
            }
            c
        })
        .collect();
    v["checks"] = Value::Array(grown);
    v
}

/// The long animation frames that ran widget code, apart from the host page's.
fn widget_frames(s: &mut std::collections::BTreeMap<&'static str, Series>, page: &str, m: &Value) {
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let (longest, layout, blocking, host) = match page {
        "page" => (
            "page: longest frame once the widget loads (ms)",
            "page: longest frame once the widget loads: its style + layout (ms)",
            "page: blocking time of those frames (ms)",
            "page: longest frame before (host page, ms)",
        ),
        _ => (
            "article: longest frame once the widget loads (ms)",
            "article: longest frame once the widget loads: its style + layout (ms)",
            "article: blocking time of those frames (ms)",
            "article: longest frame before (host page, ms)",
        ),
    };
    s.entry(longest).or_default().push(f(&m["widget_frames"]["longest"]));
    s.entry(layout).or_default().push(f(&m["widget_frames"]["longest_layout"]));
    s.entry(blocking).or_default().push(f(&m["widget_frames"]["blocking"]));
    s.entry(host).or_default().push(f(&m["host_longest_frame"]));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let common::Env { page, webdriver } = common::env().expect("E2E_URL (run scripts/bench)");
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
    let rate: f64 = std::env::var("BENCH_CPU_SLOWDOWN").ok().and_then(|s| s.parse().ok()).unwrap_or(4.0);
    let content = Content::default_set().expect("content");
    let article = format!("{page}examples/blog-article.html");
    let steps = content.step_count();
    if let Ok(file) = std::env::var("BENCH_PROFILE") {
        return profile_report(&webdriver, &page, rate, steps, &file).await;
    }

    let mut s: std::collections::BTreeMap<&str, Series> = Default::default();
    let mut events = Series::default();
    let mut frames = Vec::new();
    for run in 0..runs {
        // 1. The standalone page, first visit (fresh profile: nothing cached).
        let c = session(&webdriver, rate).await;
        observe(&c).await;
        c.goto(&page).await.expect("goto");
        // Start is clicked as soon as it is there: on the prerendered intro,
        // before the wasm, as a quick visitor would.
        run_js(&c, WAIT_FOR, vec![json!("#assessment"), json!(".b2ba-start")]).await;
        let answered = run_js(&c, ANSWER_ALL, vec![json!("#assessment"), json!(steps), json!(false)]).await;
        let m = run_js(&c, COLLECT, vec![]).await;
        let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        let (fcp, ours) = (f(&m["fcp"]), f(&m["first_content"]["assessment"]));
        s.entry("page: host first contentful paint (ms)").or_default().push(fcp);
        s.entry("page: nav → our first content painted (ms)").or_default().push(ours);
        s.entry("page: our first content − host FCP (ms)").or_default().push(ours - fcp);
        s.entry("page: nav → the wasm's first render done (ms)").or_default().push(f(&m["ready"]));
        s.entry("page: bytes transferred, first visit").or_default().push(m["bytes"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: wasm fetch + compile + init (ms)")
            .or_default()
            .push(m["measures"]["load"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: settings + content (prepareWidget, ms)")
            .or_default()
            .push(m["measures"]["mount"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: first render call (ms)").or_default().push(m["measures"]["render"].as_f64().unwrap_or(f64::NAN));
        let first = answered["firstQuestion"].as_f64().unwrap_or(f64::NAN);
        s.entry("page: first input handled: Start clicked when shown → first question (ms)").or_default().push(first);
        s.entry("page: nav → first question, Start clicked when shown (ms)")
            .or_default()
            .push(answered["clickedAt"].as_f64().unwrap_or(f64::NAN) + first);
        s.entry("page: answer all 19 → report (ms)").or_default().push(answered["all"].as_f64().unwrap_or(f64::NAN));
        let r = &answered["report"];
        assert_eq!(r["shown"], json!(true), "the report was not rendered in the click's task: {r}");
        s.entry("page: last answer → report: our script (ms)")
            .or_default()
            .push(r["script"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: last answer → report: style + layout (ms)")
            .or_default()
            .push(r["layout"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: last answer → report painted (ms)").or_default().push(r["painted"].as_f64().unwrap_or(f64::NAN));
        let m = run_js(&c, COLLECT, vec![]).await;
        // The long animation frame of the last click: its script part (up to
        // the rendering update) and its style + layout.
        let at = r["at"].as_f64().unwrap_or(f64::NAN);
        let frame = m["frames"].as_array().into_iter().flatten().find(|f| {
            let (start, duration) = (f["start"].as_f64().unwrap_or(0.0), f["duration"].as_f64().unwrap_or(0.0));
            start <= at + 1.0 && at <= start + duration
        });
        if let Some(f) = frame {
            let (duration, render, layout) = (
                f["duration"].as_f64().unwrap_or(f64::NAN),
                f["render"].as_f64().unwrap_or(0.0),
                f["layout"].as_f64().unwrap_or(0.0),
            );
            s.entry("page: last answer → report: its frame (ms)").or_default().push(duration);
            s.entry("page: last answer → report: its frame's script, to the rendering update (ms)")
                .or_default()
                .push(duration - render);
            s.entry("page: last answer → report: its frame's style + layout (ms)").or_default().push(layout);
        }
        frames.push(json!({ "run": run, "page": m["frames"].clone() }));
        s.entry("page: total blocking time (ms)").or_default().push(m["tbt"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: longest task (ms)").or_default().push(m["longest_task"].as_f64().unwrap_or(f64::NAN));
        s.entry("page: long tasks (count)").or_default().push(m["longtasks"].as_f64().unwrap_or(f64::NAN));
        widget_frames(&mut s, "page", &m);
        s.entry("page: cumulative layout shift").or_default().push(m["cls"].as_f64().unwrap_or(f64::NAN));
        if let Some(h) = m["heap"].as_f64() {
            s.entry("page: JS heap at the end (MB)").or_default().push(h / 1e6);
        }
        let _ = c.close().await;

        // 2. The quiz in a blog article, first visit.
        let c = session(&webdriver, rate).await;
        observe(&c).await;
        c.goto(&article).await.expect("goto article");
        let q = run_js(&c, ARTICLE_QUIZ, vec![json!("#quiz")]).await;
        s.entry("article: nav → first quiz question (ms)").or_default().push(q.as_f64().unwrap_or(f64::NAN));
        let handled = run_js(&c, QUIZ_FIRST_INPUT, vec![json!("#quiz")]).await;
        s.entry("article: first input handled: a switch flipped when shown → scored (ms)")
            .or_default()
            .push(handled.as_f64().unwrap_or(f64::NAN));
        let m = run_js(&c, COLLECT, vec![]).await;
        let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
        let (fcp, ours) = (f(&m["fcp"]), f(&m["first_content"]["quiz"]));
        s.entry("article: host first contentful paint (ms)").or_default().push(fcp);
        s.entry("article: nav → our first content painted (ms)").or_default().push(ours);
        s.entry("article: our first content − host FCP (ms)").or_default().push(ours - fcp);
        s.entry("article: bytes transferred, first visit").or_default().push(m["bytes"].as_f64().unwrap_or(f64::NAN));
        s.entry("article: total blocking time (ms)").or_default().push(m["tbt"].as_f64().unwrap_or(f64::NAN));
        s.entry("article: longest task (ms)").or_default().push(m["longest_task"].as_f64().unwrap_or(f64::NAN));
        s.entry("article: cumulative layout shift").or_default().push(m["cls"].as_f64().unwrap_or(f64::NAN));
        widget_frames(&mut s, "article", &m);
        frames.push(json!({ "run": run, "article": m["frames"].clone() }));
        let card = run_js(&c, CAPTURE, vec![json!("#quiz")]).await;

        // 2a. The same article again in the same browser, as a reader who
        // opens a second article of the site: HTTP cache (revalidated, since
        // b2b-serve sends no-cache), and what the browser process kept (the
        // compiled wasm, the fonts). A pause first, as between two visits.
        tokio::time::sleep(Duration::from_secs(2)).await;
        c.goto(&article).await.expect("goto article again");
        let q = run_js(&c, ARTICLE_QUIZ, vec![json!("#quiz")]).await;
        let m = run_js(&c, COLLECT, vec![]).await;
        s.entry("article, second visit: nav → first quiz question (ms)")
            .or_default()
            .push(q.as_f64().unwrap_or(f64::NAN));
        s.entry("article, second visit: bytes transferred").or_default().push(m["bytes"].as_f64().unwrap_or(f64::NAN));
        s.entry("article, second visit: longest task (ms)")
            .or_default()
            .push(m["longest_task"].as_f64().unwrap_or(f64::NAN));
        s.entry("article, second visit: total blocking time (ms)")
            .or_default()
            .push(m["tbt"].as_f64().unwrap_or(f64::NAN));
        s.entry("article, second visit: longest frame once the widget loads (ms)")
            .or_default()
            .push(m["widget_frames"]["longest"].as_f64().unwrap_or(f64::NAN));
        s.entry("article, second visit: its style + layout (ms)")
            .or_default()
            .push(m["widget_frames"]["longest_layout"].as_f64().unwrap_or(f64::NAN));
        frames.push(json!({ "run": run, "article_second_visit": m["frames"].clone() }));
        let _ = c.close().await;

        // 2b. The same card as static HTML in the same article, without the
        // widget: what its first layout costs the browser, apart from our code.
        let c = session(&webdriver, rate).await;
        cdp(&c, "Network.enable", json!({})).await;
        cdp(&c, "Network.setBlockedURLs", json!({ "urls": ["*/b2b-assessment.js"] })).await;
        c.goto(&article).await.expect("goto article");
        let st = run_js(&c, STATIC_CARD, vec![json!("#quiz"), card["html"].clone(), card["css"].clone()]).await;
        assert!(st["error"].is_null(), "static card: {st}");
        s.entry("article: the same card as static HTML, without the widget: style + layout (ms)")
            .or_default()
            .push(st["layout"].as_f64().unwrap_or(f64::NAN));
        let _ = c.close().await;

        // 3. Trusted clicks (WebDriver input) for input-to-paint latency.
        let c = session(&webdriver, rate).await;
        observe(&c).await;
        c.goto(&page).await.expect("goto");
        run_js(&c, WAIT_FOR, vec![json!("#assessment"), json!(".b2ba-start")]).await;
        let host = c.find(fantoccini::Locator::Css("#assessment")).await.expect("host");
        let root = host.shadow_root().await.expect("shadow");
        root.find(fantoccini::Locator::Css(".b2ba-start")).await.expect("start").click().await.expect("click");
        for i in 0..6 {
            run_js(&c, WAIT_FOR, vec![json!("#assessment"), json!(format!("label[for$=\"-q{i}-c0\"]"))]).await;
            let root = c
                .find(fantoccini::Locator::Css("#assessment"))
                .await
                .expect("host")
                .shadow_root()
                .await
                .expect("shadow");
            root.find(fantoccini::Locator::Css(&format!("label[for$=\"-q{i}-c0\"]")))
                .await
                .expect("label")
                .click()
                .await
                .expect("click");
            root.find(fantoccini::Locator::Css(".b2ba-next")).await.expect("next").click().await.expect("click");
        }
        let m = run_js(&c, COLLECT, vec![]).await;
        for e in m["events"].as_array().into_iter().flatten() {
            if let Some(d) = e.as_f64() {
                events.push(d);
            }
        }
        let _ = c.close().await;
        eprintln!("run {}/{runs} done", run + 1);
    }

    // How cost grows with the number of checks.
    let mut scaling = Vec::new();
    let warm = scaled_content(15);
    for n in [15usize, 150, 1500] {
        let big = scaled_content(n);
        let parsed = Content::parse(&big.to_string()).expect("scaled content is valid");
        let mut answers = Answers::new(&parsed);
        for i in 0..parsed.step_count() {
            let step = Step::at(&parsed, i).expect("step");
            answers.set(&parsed, step, i % step.choice_count(&parsed)).expect("answer");
        }
        let reps = 200;
        let t = Instant::now();
        for _ in 0..reps {
            std::hint::black_box(scoring::score(&parsed, std::hint::black_box(&answers)));
        }
        let native_us = t.elapsed().as_secs_f64() * 1e6 / f64::from(reps);
        let (mut render, mut toggle) = (Series::default(), Series::default());
        for _ in 0..runs.min(3) {
            let c = session(&webdriver, rate).await;
            c.goto(&format!("{}examples/plain-quiz.html", page.trim_end_matches('/').to_string() + "/"))
                .await
                .expect("goto");
            let r = run_js(&c, QUIZ_SCALE, vec![big.clone(), warm.clone()]).await;
            render.push(r["render"].as_f64().unwrap_or(f64::NAN));
            toggle.push(r["toggle"].as_f64().unwrap_or(f64::NAN));
            let _ = c.close().await;
        }
        scaling.push(json!({ "checks": n, "native_score_us": native_us, "quiz_render_ms": render.json(), "quiz_toggle_ms": toggle.json() }));
    }

    let mut out = serde_json::Map::new();
    out.insert("cpu_slowdown".into(), json!(rate));
    out.insert("runs".into(), json!(runs));
    for (k, v) in &s {
        out.insert((*k).into(), v.json());
    }
    out.insert("input_to_paint_ms".into(), json!({ "mean": events.0.iter().sum::<f64>() / events.0.len().max(1) as f64, "p95": events.pct(0.95), "n": events.0.len() }));
    out.insert("scaling".into(), Value::Array(scaling.clone()));
    out.insert("long_animation_frames".into(), Value::Array(frames));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("bench.json");
    let _ = std::fs::write(&path, serde_json::to_string_pretty(&Value::Object(out.clone())).unwrap_or_default());

    println!(
        "\nb2b-assessment in headless Chromium, CPU slowed {rate}×, {runs} fresh-profile runs (median [min–max])\n"
    );
    println!("| metric | median | min | max |");
    println!("| --- | ---: | ---: | ---: |");
    for (k, v) in &s {
        println!("| {k} | {:.1} | {:.1} | {:.1} |", v.median(), v.pct(0.0), v.pct(1.0));
    }
    println!(
        "| input_to_paint_ms (Event Timing, clicks ≥ 16 ms; n={}) | mean {:.1} | | p95 {:.1} |",
        events.0.len(),
        out["input_to_paint_ms"]["mean"].as_f64().unwrap_or(f64::NAN),
        events.pct(0.95)
    );
    println!("\n| checks | native score (µs) | quiz render (ms, median) | switch → new score (ms, median) |");
    println!("| ---: | ---: | ---: | ---: |");
    for r in &scaling {
        println!(
            "| {} | {:.1} | {:.1} | {:.1} |",
            r["checks"],
            r["native_score_us"].as_f64().unwrap_or(f64::NAN),
            r["quiz_render_ms"]["median"].as_f64().unwrap_or(f64::NAN),
            r["quiz_toggle_ms"]["median"].as_f64().unwrap_or(f64::NAN)
        );
    }
    println!("\nJSON: {}", path.display());
}
