//! The widget's first views, rendered at build time (issue 21).
//!
//! `b2b-prerender FIRST_IN FIRST_OUT` renders the first screen of the page
//! and lead modes (the intro) in Japanese and English from the default
//! content, with the widget's own `App` and Yew's server-side renderer, and
//! writes them with the stylesheets the page and full builds share into the
//! first-view module (`js/b2b-assessment-first.js` →
//! `pkg/b2b-assessment-first.js`). The loader imports it at once for a page
//! or lead widget, which shows the view in the shadow root before any wasm
//! has arrived; the wasm's first render replaces it with the same DOM
//! (tests/browser/prerender.rs).
//!
//! The quiz card has no prerendered view yet: its ~1.9 KB (gzip) per
//! language would take the quiz build over its 120 KB budget (see
//! docs/performance.md).
//!
//! Two names the module shares with the wasm are written into it here, so
//! the two cannot drift: `const THEME_KEYS = …;` and `const PROGRESS_KEY = …;`.

use b2b_assessment::components::app::{App, AppProps};
use b2b_assessment::config::{Mode, THEME_KEYS};
use b2b_assessment::domain::{Content, Locale};
use b2b_assessment::web::mount::{BASE_CSS, OVERRIDES_CSS};
use b2b_assessment::web::names::PROGRESS_KEY_PREFIX;
use std::process::ExitCode;
use std::rc::Rc;

/// The instance name the first widget on a page gets (web::mount): its ids
/// are the prerendered ones.
const FIRST_INSTANCE: &str = "b2ba0";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: b2b-prerender FIRST_IN FIRST_OUT");
        return ExitCode::from(2);
    };
    match run(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("b2b-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, output: &str) -> Result<(), String> {
    let source = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let content = Rc::new(Content::default_set().map_err(|e| format!("content/default.json: {e}"))?);
    std::fs::write(output, first_module(&source, &content)?).map_err(|e| format!("{output}: {e}"))
}

/// The first-view module: its source with the shared stylesheets, the
/// views and the two shared names filled in.
pub fn first_module(source: &str, content: &Rc<Content>) -> Result<String, String> {
    let m = fill(source, "css", &serde_json::json!([BASE_CSS, OVERRIDES_CSS]).to_string())?;
    let m = fill(&m, "views", &first_views(content).to_string())?;
    let m = fill(&m, "THEME_KEYS", &serde_json::json!(THEME_KEYS).to_string())?;
    fill(&m, "PROGRESS_KEY", &serde_json::json!(PROGRESS_KEY_PREFIX).to_string())
}

/// `{ "page": { lang: html } }` in both languages. The lead mode's first
/// view is the page's intro with `data-mode="lead"` (the loader writes it
/// so; `lead_intro_is_the_page_intro` checks it).
pub fn first_views(content: &Rc<Content>) -> serde_json::Value {
    let mut views = serde_json::Map::new();
    for mode in [Mode::Page] {
        let mut langs = serde_json::Map::new();
        for locale in [Locale::Ja, Locale::En] {
            langs.insert(locale.tag().to_string(), render(content, mode, locale).into());
        }
        views.insert(mode.name().to_string(), langs.into());
    }
    views.into()
}

/// The first render of a widget with the default content and no settings
/// but its mode and language: what `web::mount` renders for such a host.
pub fn render(content: &Rc<Content>, mode: Mode, locale: Locale) -> String {
    let props = AppProps {
        content: content.clone(),
        locale,
        instance: FIRST_INSTANCE.into(),
        mode,
        cta_url: None,
        resume: None,
        notice: None,
        events: None,
        gate: b2b_assessment::config::Gate::None,
        lead: Default::default(),
        resume_place: None,
        persist: mode != Mode::Quiz,
        page: yew::Callback::from(|()| Default::default()),
        replay: Default::default(),
    };
    let renderer = yew::LocalServerRenderer::<App>::with_props(props).hydratable(false);
    block_on(renderer.render())
}

/// Replaces the module's line `const NAME = …;` (or `export const …`) with
/// `const NAME = value;`.
fn fill(module: &str, name: &str, value: &str) -> Result<String, String> {
    let start = format!("const {name} = ");
    let mut found = false;
    let out: Vec<String> = module
        .lines()
        .map(|line| {
            let export = if line.starts_with("export ") { "export " } else { "" };
            if line[export.len()..].starts_with(&start) && line.ends_with(';') && !found {
                found = true;
                format!("{export}{start}{value};")
            } else {
                line.to_string()
            }
        })
        .collect();
    if !found {
        return Err(format!("the module has no line `{start}…;` to fill"));
    }
    Ok(out.join("\n") + "\n")
}

/// Runs a future that never waits on anything outside itself (server-side
/// rendering without suspense) to its end.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    for _ in 0..1_000_000 {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("the server-side render did not finish (does a component suspend?)");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Rc<Content> {
        Rc::new(Content::default_set().expect("default content"))
    }

    #[test]
    fn lead_intro_is_the_page_intro() {
        let c = content();
        for l in [Locale::Ja, Locale::En] {
            let page = render(&c, Mode::Page, l);
            assert_eq!(page.matches(r#"data-mode="page""#).count(), 1, "{page}");
            assert_eq!(render(&c, Mode::Lead, l), page.replace(r#"data-mode="page""#, r#"data-mode="lead""#));
        }
    }

    /// The first views are the widget's own first screens: the intro's
    /// Start button, the quiz card's selects and switches, in the language
    /// asked for, with the first instance's ids.
    #[test]
    fn first_views_are_the_first_screens() {
        let c = content();
        let page = render(&c, Mode::Page, Locale::Ja);
        assert!(page.starts_with(r#"<div data-mode="page" lang="ja" class="b2ba">"#), "{page}");
        assert!(page.contains(r#"class="b2ba-primary b2ba-start">診断をはじめる</button>"#), "{page}");
        let quiz = render(&c, Mode::Quiz, Locale::En);
        assert_eq!(quiz.matches("<select id=\"b2ba0-p").count(), 4);
        assert_eq!(quiz.matches(r#"role="switch" id="b2ba0-s"#).count(), c.checks.len());
        assert!(quiz.contains(c.tagline.en.as_str()));
        assert!(!quiz.contains("<!--"), "no hydration markers: {quiz}");
    }

    #[test]
    fn the_module_exports_the_sheets_and_the_page_views() {
        let source = include_str!("../../js/b2b-assessment-first.js");
        let m = first_module(source, &content()).expect("the source has the four lines");
        assert!(m.contains("\nexport const css = [\":host{display: block !important;}"), "{m}");
        let page_en = "\nconst views = {\"page\":{\"en\":\"<div data-mode=\\\"page\\\" lang=\\\"en\\\"";
        assert!(m.contains(page_en), "{m}");
        assert!(m.contains("\nconst PROGRESS_KEY = \"b2b-assessment:progress:v1:\";"), "{m}");
        assert!(m.contains("\nconst THEME_KEYS = [\"accent\","), "{m}");
        assert!(!m.contains("\"quiz\":"), "no quiz view");
    }

    #[test]
    fn fill_replaces_the_one_line_or_says_which_is_missing() {
        let js = "const A = 1;\nconst FIRST_VIEWS = {};\nconst B = 2;\n";
        assert_eq!(
            fill(js, "FIRST_VIEWS", "{\"x\":1}"),
            Ok("const A = 1;\nconst FIRST_VIEWS = {\"x\":1};\nconst B = 2;\n".into())
        );
        assert_eq!(fill(js, "FIRST_CSS", "[]"), Err("the module has no line `const FIRST_CSS = …;` to fill".into()));
        assert_eq!(fill("export const css = [];\n", "css", "[1]"), Ok("export const css = [1];\n".into()));
    }
}
