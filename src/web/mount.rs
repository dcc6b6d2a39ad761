//! Mounting the widget into a host element's shadow root. Called by the
//! loader (`pkg/b2b-assessment.js`), which defines the `<b2b-assessment>`
//! element, finds `[data-b2b-assessment]` elements and fetches any config or
//! content URL before calling in here.

use crate::build::{FLOW, LEAD};
use crate::components::app::{App, AppProps, Replay};
use crate::components::failed::{Failed, FailedProps};
use crate::config::{self, Config, Mode};
use crate::domain::{share, Content, Locale};
use crate::web::events::{self, HostEvents};
use crate::{Error, Result};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

/// This build's own stylesheet, squeezed by build.rs (no comments or
/// indentation): `styles/flow.css`, and `lead.css` in the full build; empty
/// in the quiz build. The rules every build shares ([`BASE_CSS`],
/// [`OVERRIDES_CSS`]) come with the loader's first-view module, adopted into
/// the shadow root before any wasm for the prerendered first view; this one
/// goes between them (the cascade is base, flow, lead, overrides).
const WIDGET_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.css"));

/// `styles/base.css`, squeezed: in the loader's first-view code
/// (`js/b2b-assessment-first.js`, filled by the prerender step and joined
/// into `pkg/b2b-assessment.js`).
pub const BASE_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/base.css"));
/// `styles/quiz.css`, squeezed: the quiz card's own rules, in the quiz
/// card's view modules (`pkg/b2b-assessment-view-quiz-*.js`), whence the
/// loader joins them to [`BASE_CSS`] in a quiz's shadow root.
pub const QUIZ_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/quiz.css"));
/// `styles/overrides.css`, squeezed: in the first-view module like
/// [`BASE_CSS`], and last in the cascade (print and reduced-motion rules).
pub const OVERRIDES_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/overrides.css"));

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(0) };
    static DEFAULT_CONTENT: RefCell<Option<Rc<Content>>> = const { RefCell::new(None) };
    static SHEET: RefCell<Option<web_sys::CssStyleSheet>> = const { RefCell::new(None) };
}

/// The default content, parsed once per page.
pub fn default_content() -> Result<Rc<Content>> {
    if let Some(c) = DEFAULT_CONTENT.with(|d| d.borrow().clone()) {
        return Ok(c);
    }
    let c = Rc::new(crate::build::default_content()?);
    DEFAULT_CONTENT.with(|d| *d.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// Adopts this build's stylesheet into the shadow root `container` lives
/// in, between the loader's two (the quiz build has none of its own).
/// Constructable stylesheets need no inline `<style>`, so a strict CSP is
/// fine.
fn adopt_styles(container: &Element) {
    if WIDGET_CSS.is_empty() {
        return;
    }
    let Some(root) = container.get_root_node().dyn_into::<ShadowRoot>().ok() else { return };
    let sheet = SHEET.with(|s| {
        let mut s = s.borrow_mut();
        if s.is_none() {
            if let Ok(sheet) = web_sys::CssStyleSheet::new() {
                if sheet.replace_sync(WIDGET_CSS).is_ok() {
                    *s = Some(sheet);
                }
            }
        }
        s.clone()
    });
    let Some(sheet) = sheet else { return };
    // The loader's [base, overrides] (and another build's sheet between
    // them when this build took over from a smaller one): ours in the middle.
    let loader = root.adopted_style_sheets();
    let sheets = js_sys::Array::new();
    if loader.length() > 0 {
        sheets.push(&loader.get(0));
    }
    sheets.push(&sheet);
    if loader.length() > 1 {
        sheets.push(&loader.get(loader.length() - 1));
    }
    root.set_adopted_style_sheets(&sheets);
}

fn document_locale() -> Option<Locale> {
    let html = web_sys::window()?.document()?.document_element()?;
    Locale::from_tag(&html.get_attribute("lang")?)
}

fn next_instance() -> String {
    NEXT_INSTANCE.with(|n| {
        let i = n.get();
        n.set(i.wrapping_add(1));
        format!("b2ba{i}")
    })
}

/// A widget for the loader: prepared by [`prepare_widget`], shown by
/// [`MountHandle::render`]; `destroy()` unmounts it.
#[wasm_bindgen]
pub struct MountHandle {
    /// Ready to render: the first render is the biggest piece of work on the
    /// main thread (much of it the browser compiling wasm functions on their
    /// first call), so the loader gives it a task of its own.
    pending: Option<(Element, AppProps)>,
    app: Option<yew::AppHandle<App>>,
    failed: Option<yew::AppHandle<Failed>>,
    needs_full: bool,
}

#[wasm_bindgen]
impl MountHandle {
    /// True when this build cannot show the widget as configured (the quiz
    /// or page build asked for another mode, a lead gate, or with a lead
    /// left to send; the quiz build given custom content or a lead
    /// section): the loader then mounts it with the full build. Nothing was
    /// rendered.
    #[wasm_bindgen(getter, js_name = needsFull)]
    pub fn needs_full(&self) -> bool {
        self.needs_full
    }

    /// What the visitor did on the prerendered first view before this
    /// widget was ready, as the loader recorded it (see
    /// [`crate::state::replayed`]): applied right after the first render.
    pub fn replay(&mut self, inputs: &str) {
        if let Some((_, props)) = &mut self.pending {
            props.replay = Replay(crate::state::replayed(&props.content, inputs).into());
        }
    }

    /// Renders a prepared widget (nothing to do for an error or a second
    /// call), in place of the prerendered first view the loader showed: the
    /// same DOM for the same state, replaced within one task, so nothing
    /// moves or flickers.
    pub fn render(&mut self) {
        if let Some((container, props)) = self.pending.take() {
            container.set_text_content(None);
            // Leads left by an earlier visit (closed tab, reload) go out now.
            if LEAD {
                crate::web::outbox::resume();
            }
            self.app = Some(yew::Renderer::<App>::with_root_and_props(container, props).render());
        }
    }

    /// Unmounts the widget and frees its state (a prepared widget is dropped unseen).
    pub fn destroy(&mut self) {
        self.pending = None;
        if let Some(a) = self.app.take() {
            a.destroy();
        }
        if let Some(f) = self.failed.take() {
            f.destroy();
        }
    }
}

fn show_error(host: &Element, container: Element, message: String) -> MountHandle {
    crate::web::console_error(&message);
    HostEvents { host: host.clone(), data_layer: false }.emit("error", &events::error_detail(&message));
    let locale = document_locale().unwrap_or_default();
    // In place of a prerendered first view, if the loader showed one.
    container.set_text_content(None);
    let failed =
        yew::Renderer::<Failed>::with_root_and_props(container, FailedProps { message: message.into(), locale })
            .render();
    MountHandle { pending: None, app: None, failed: Some(failed), needs_full: false }
}

/// Shows `message` in the widget's place: for errors the loader meets before
/// it can call [`prepare_widget`] (a config or content URL that failed).
#[wasm_bindgen(js_name = mountError)]
pub fn mount_error(host: Element, container: Element, message: String) -> MountHandle {
    adopt_styles(&container);
    show_error(&host, container, message)
}

/// Mounts one widget at once: [`prepare_widget`] then [`MountHandle::render`].
pub fn mount_widget(
    host: Element,
    container: Element,
    attributes: &str,
    config: Option<String>,
    content: Option<String>,
) -> MountHandle {
    let mut handle = prepare_widget(host, container, attributes, config, content);
    handle.render();
    handle
}

/// Prepares one widget: reads its settings and content, and shows an error
/// at once if they are wrong; [`MountHandle::render`] shows the widget.
/// `attributes` are the host element's attributes (without `data-`
/// prefixes), NUL-joined name/value pairs ([`string_map`]); `config` an
/// optional JSON config document (which the quiz build does not read: the
/// loader passes its settings as attributes); `content` an optional custom
/// content file's text.
#[wasm_bindgen(js_name = prepareWidget)]
pub fn prepare_widget(
    host: Element,
    container: Element,
    attributes: &str,
    config: Option<String>,
    content: Option<String>,
) -> MountHandle {
    adopt_styles(&container);
    // The quiz build reads the loader's attributes only, a JSON config's
    // settings among them; a config that names custom content or a lead
    // section is a bigger build's (the loader never sends one here; a text
    // check, since this build has no JSON parser).
    let config_text = config.as_deref().filter(|c| !c.trim().is_empty());
    if !FLOW
        && config_text.is_some_and(|c| {
            ["\"lead\"", "\"content\"", "\"contentUrl\"", "\"content_url\""].iter().any(|k| c.contains(k))
        })
    {
        return MountHandle { pending: None, app: None, failed: None, needs_full: true };
    }
    match start(&host, attributes, config.as_deref(), content.as_deref()) {
        Ok((cfg, content)) => {
            // The smaller builds: the quiz's has no question flow or report
            // and reads no custom content or lead section, neither has the
            // lead form or the outbox's sender.
            let Some(content) = content else {
                return MountHandle { pending: None, app: None, failed: None, needs_full: true };
            };
            if !LEAD
                && ((!FLOW && cfg.mode != Mode::Quiz)
                    || cfg.lead_unread
                    || cfg.mode == Mode::Lead
                    || cfg.gate() != crate::config::Gate::None
                    || crate::web::outbox::maybe_pending())
            {
                return MountHandle { pending: None, app: None, failed: None, needs_full: true };
            }
            apply_theme(&host, &cfg);
            let fragment = fragment(cfg.mode);
            // A link's language is the report's: it goes before the page's
            // (the visitor can still switch).
            let locale = fragment
                .as_deref()
                .and_then(share::locale_from_fragment)
                .or(cfg.locale)
                .or_else(document_locale)
                .unwrap_or_default();
            let (mut resume, notice) = resume_from_fragment(&content, fragment.as_deref(), locale);
            let persist = cfg.mode != Mode::Quiz;
            let mut resume_place = None;
            if FLOW && resume.is_none() && notice.is_none() && persist {
                if let Some((answers, place)) = crate::web::storage::load(&content, cfg.mode) {
                    resume = Some(answers);
                    resume_place = Some(place);
                }
            }
            let props = AppProps {
                content,
                locale,
                instance: next_instance().into(),
                mode: cfg.mode,
                cta_url: cfg.cta_url.clone().map(Into::into),
                resume,
                notice: notice.map(Into::into),
                events: Some(HostEvents { host: host.clone(), data_layer: cfg.data_layer }),
                gate: cfg.gate(),
                lead: Rc::new(cfg.lead.clone()),
                resume_place,
                persist,
                page: yew::Callback::from(|()| crate::web::Page::here()),
                replay: Default::default(),
            };
            MountHandle { pending: Some((container, props)), app: None, failed: None, needs_full: false }
        }
        // The quiz build was given a JSON config as attributes: a bigger
        // build reports the error with the config's own field names.
        Err(_) if !FLOW && config_text.is_some() => {
            MountHandle { pending: None, app: None, failed: None, needs_full: true }
        }
        Err(e) => show_error(&host, container, e.to_string()),
    }
}

/// The settings and the content; no content when this build cannot read the
/// custom content it was given (the quiz build reads only the compiled-in set).
fn start(
    host: &Element,
    attributes: &str,
    config: Option<&str>,
    content: Option<&str>,
) -> Result<(Config, Option<Rc<Content>>)> {
    let attrs = string_map(attributes)?;
    // Only the full build reads a `lead` section (the others hand over to
    // it); the quiz build reads attributes only: the loader gives it a JSON
    // config as the attributes it stands for (see prepare_widget).
    let cfg = if LEAD {
        config::parse(&attrs, config)?
    } else if FLOW {
        config::parse_leaving_lead(&attrs, config)?
    } else {
        config::parse_attributes(&attrs)?
    };
    let _ = host;
    let content = match (content, &cfg.content) {
        (None, None) => default_content()?,
        // The JSON content decoder and its checks are most of what the quiz
        // build would otherwise carry: custom content is the page build's.
        _ if !FLOW => return Ok((cfg, None)),
        (Some(text), _) => Rc::new(Content::parse(text)?),
        (None, Some(value)) => Rc::new(Content::parse(&value.to_string())?),
    };
    Ok((cfg, Some(content)))
}

/// Sets the theme as `--b2ba-*` custom properties on the host element
/// (CSSOM, not a `style` attribute, so a strict CSP allows it).
fn apply_theme(host: &Element, cfg: &Config) {
    let Some(el) = host.dyn_ref::<HtmlElement>() else { return };
    for (key, value) in &cfg.theme {
        let _ = el.style().set_property(&format!("--b2ba-{key}"), value);
    }
}

/// The page URL's fragment, where a share link or a quiz's call to action
/// puts answers and a language: read in page and lead modes only.
fn fragment(mode: Mode) -> Option<String> {
    if mode == Mode::Quiz || !FLOW {
        return None;
    }
    web_sys::window()?.location().hash().ok()
}

/// Reads answers from `#b2ba=…` in the page URL's `fragment`. A broken link
/// gives a notice and a fresh start, never a panic; why it is broken goes
/// to the console, not to the visitor.
fn resume_from_fragment(
    content: &Content,
    fragment: Option<&str>,
    locale: Locale,
) -> (Option<crate::domain::Answers>, Option<&'static str>) {
    let Some(value) = fragment.and_then(share::from_fragment) else { return (None, None) };
    match share::decode(content, value) {
        Ok(a) => (Some(a), None),
        Err(e) => {
            crate::web::console_warn(&e);
            (None, Some(crate::i18n::unreadable_link(locale)))
        }
    }
}

/// The host element's attributes as the loader passes them: name, value,
/// name, value, … joined by NUL, a backslash or a NUL inside written `\\`
/// or `\0`. Not JSON: the quiz build has no JSON parser.
fn string_map(pairs: &str) -> Result<crate::domain::StrMap> {
    let mut attrs = crate::domain::StrMap::new();
    if pairs.is_empty() {
        return Ok(attrs);
    }
    let mut parts = pairs.split('\0').map(unescape);
    while let Some(name) = parts.next() {
        let Some(value) = parts.next() else {
            return Err(Error::Config { field: "attributes".into(), message: format!("{name:?} has no value") });
        };
        attrs.insert(name, value);
    }
    Ok(attrs)
}

/// `\\` → `\`, `\0` → NUL; any other character as it is.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('0')) => {
                out.push('\0');
                chars.next();
            }
            ('\\', Some('\\')) => {
                out.push('\\');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{string_map, BASE_CSS, OVERRIDES_CSS, QUIZ_CSS, WIDGET_CSS};
    use crate::build::{FLOW, LEAD};

    /// The stylesheets: squeezed; this build's own has the flow and lead
    /// rules exactly when it has those features; the print rules (which
    /// override flow rules) are in the last one.
    #[test]
    fn the_stylesheets_are_squeezed_and_this_build_has_its_own_rules() {
        for css in [WIDGET_CSS, BASE_CSS, QUIZ_CSS, OVERRIDES_CSS] {
            assert!(!css.contains("/*") && !css.contains('\n') && !css.contains("  "), "not squeezed: {css}");
            assert!(!css.contains(";}") && !css.contains(" !") && !css.contains("{color: "), "not squeezed: {css}");
        }
        // The quiz build has none of its own.
        assert_eq!(WIDGET_CSS.is_empty(), !FLOW);
        assert!(BASE_CSS.starts_with(":host{display:block!important}.b2ba{all:initial;"), "{BASE_CSS}");
        // The quiz card's own rules only in the quiz's sheet (a page does not download them).
        assert!(QUIZ_CSS.starts_with(".b2ba-quiz h2{margin-bottom:16px}"), "{QUIZ_CSS}");
        assert!(QUIZ_CSS.contains(".b2ba input[role=\"switch\"]{appearance:none;"), "{QUIZ_CSS}");
        assert!(!BASE_CSS.contains("b2ba-quiz") && !BASE_CSS.contains("switch"), "{BASE_CSS}");
        assert!(BASE_CSS.contains(".b2ba select,.b2ba input[type=\"text\"],"));
        assert_eq!(WIDGET_CSS.contains(".b2ba-progress{"), FLOW);
        assert_eq!(WIDGET_CSS.contains(".b2ba-meter-fill{fill:var(--_accent)}"), FLOW);
        assert_eq!(WIDGET_CSS.contains(".b2ba-lead{"), LEAD);
        assert_eq!(WIDGET_CSS.contains(".b2ba-hp{"), LEAD);
        assert!(
            OVERRIDES_CSS.ends_with(".b2ba-share-print{font-size:0.8em}.b2ba-meter-fill{fill:#000}}"),
            "the print rules last"
        );
    }

    /// The loader's attributes: NUL-joined pairs, empty values kept, a
    /// name without a value refused, escapes undone.
    #[test]
    fn attributes_are_nul_joined_pairs() {
        let m = string_map("mode\0quiz\0cta-url\0\0lang\0en").expect("pairs");
        let got: Vec<(&str, &str)> = m.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(got, [("cta-url", ""), ("lang", "en"), ("mode", "quiz")]);
        assert!(string_map("").expect("none").is_empty());
        // A NUL and a backslash inside, escaped by the loader, come back whole.
        let m = string_map("cta-url\0<scr\\0ipt>\\\\n\\x").expect("escaped");
        assert_eq!(m.get("cta-url").map(String::as_str), Some("<scr\0ipt>\\n\\x"));
        assert!(string_map("mode\0quiz\0lang").is_err());
    }
}
