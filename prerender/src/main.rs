//! The widget's first views, rendered at build time (issue 21).
//!
//! `b2b-prerender FIRST_IN OUT_DIR` renders the first screen of the quiz
//! card and of the page (the intro; the lead mode's is the same) in Japanese
//! and English from the default content, with the widget's own `App` and
//! Yew's server-side renderer, into one small module per view,
//! `OUT_DIR/b2b-assessment-view-{quiz,page}-{ja,en}.js` (`export default`
//! the HTML), and fills the first-view module `FIRST_IN`
//! (`js/b2b-assessment-first.js`) into `OUT_DIR/b2b-assessment-first.js`: the
//! stylesheets every build shares and two names it shares with the wasm,
//! `THEME_KEYS` and `PROGRESS_KEY`, so the two cannot drift (scripts/build
//! then joins that module into the shipped loader). The loader imports the
//! one view it needs (a quiz: when it comes within 1,500 px of the
//! viewport), shows the view in the
//! shadow root before any wasm has arrived, and the wasm's first render
//! replaces it with the same DOM (tests/browser/prerender.rs).
//!
//! The quiz card is rendered with a call to action whose address is a
//! placeholder: the first-view module sets the site's `cta-url` (with the
//! fragment the widget gives it for no answers) or removes the link.

use b2b_assessment::components::app::{App, AppProps};
use b2b_assessment::config::{Mode, THEME_KEYS};
use b2b_assessment::domain::{Content, Locale};
use b2b_assessment::web::mount::{BASE_CSS, OVERRIDES_CSS, QUIZ_CSS};
use b2b_assessment::web::names::PROGRESS_KEY_PREFIX;
use std::process::ExitCode;
use std::rc::Rc;

/// The instance name the first widget on a page gets (web::mount): its ids
/// are the prerendered ones.
const FIRST_INSTANCE: &str = "b2ba0";

/// The quiz card's call to action in the prerendered view: the first-view
/// module replaces everything before the `#`.
pub const CTA_PLACEHOLDER: &str = "cta";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: b2b-prerender FIRST_IN OUT_DIR");
        return ExitCode::from(2);
    };
    match run(input, std::path::Path::new(out_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("b2b-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, out_dir: &std::path::Path) -> Result<(), String> {
    let source = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let content = Rc::new(Content::default_set().map_err(|e| format!("content/default.json: {e}"))?);
    let write = |name: &str, text: String| {
        let path = out_dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write("b2b-assessment-first.js", first_module(&source)?)?;
    for (name, module) in view_modules(&content) {
        write(&name, module)?;
    }
    Ok(())
}

/// The first-view module: its source with the shared stylesheets and the
/// two shared names filled in.
pub fn first_module(source: &str) -> Result<String, String> {
    let m = fill(source, "css", &serde_json::json!([BASE_CSS, OVERRIDES_CSS]).to_string())?;
    let m = fill(&m, "THEME_KEYS", &serde_json::json!(THEME_KEYS).to_string())?;
    fill(&m, "PROGRESS_KEY", &serde_json::json!(PROGRESS_KEY_PREFIX).to_string())
}

/// `(file name, module)` for the quiz card and the page's intro in both
/// languages; the quiz card's modules also export its stylesheet, `css`. The lead mode's first view is the page's intro with
/// `data-mode="lead"` (the first-view module writes it so;
/// `lead_intro_is_the_page_intro` checks it).
pub fn view_modules(content: &Rc<Content>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for mode in [Mode::Quiz, Mode::Page] {
        for locale in [Locale::Ja, Locale::En] {
            let html = render(content, mode, locale);
            let name = format!("b2b-assessment-view-{}-{}.js", mode.name(), locale.tag());
            let mut module = format!("export default {};\n", serde_json::Value::from(html));
            if mode == Mode::Quiz {
                // The quiz card's own rules: only a quiz downloads them (the
                // loader adopts them for the card, prerendered or not).
                module.push_str(&format!("export const css = {};\n", serde_json::Value::from(QUIZ_CSS)));
            }
            out.push((name, module));
        }
    }
    out
}

/// The first render of a widget with the default content and no settings
/// but its mode and language: what `web::mount` renders for such a host.
pub fn render(content: &Rc<Content>, mode: Mode, locale: Locale) -> String {
    let props = AppProps {
        content: content.clone(),
        locale,
        instance: FIRST_INSTANCE.into(),
        mode,
        // The card's call to action, for the module to fill in or remove.
        cta_url: (mode == Mode::Quiz).then(|| CTA_PLACEHOLDER.into()),
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
    fn the_first_module_has_the_sheets_and_the_names_and_each_view_a_module() {
        let source = include_str!("../../js/b2b-assessment-first.js");
        let m = first_module(source).expect("the source has the three lines");
        assert!(m.contains("\nexport const css = [\":host{display:block!important}"), "{m}");
        assert!(m.contains("\nconst PROGRESS_KEY = \"b2b-assessment:progress:v1:\";"), "{m}");
        assert!(m.contains("\nconst THEME_KEYS = [\"accent\","), "{m}");
        let views = view_modules(&content());
        let names: Vec<&str> = views.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "b2b-assessment-view-quiz-ja.js",
                "b2b-assessment-view-quiz-en.js",
                "b2b-assessment-view-page-ja.js",
                "b2b-assessment-view-page-en.js"
            ]
        );
        assert!(
            views[3].1.starts_with("export default \"<div data-mode=\\\"page\\\" lang=\\\"en\\\""),
            "{}",
            views[3].1
        );
        // The card's call to action: the placeholder, then the fragment for no answers.
        assert!(views[0].1.contains("<a href=\\\"cta#b2ba=1."), "{}", views[0].1);
        // The quiz card's rules with the quiz card, not with the intro.
        for (name, module) in &views {
            assert_eq!(module.contains("\nexport const css = \".b2ba-quiz h2{"), name.contains("-quiz-"), "{name}");
        }
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
