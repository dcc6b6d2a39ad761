//! Browser glue: mounting, focus and printing. Everything here tolerates a
//! hostile or odd host page: nothing reachable from it may panic.

pub mod events;
pub mod lead;
pub mod mount;
pub mod names;
pub mod outbox;
pub mod storage;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::NodeRef;

/// Focuses the first element matching `selector` inside `root`, if any.
pub fn focus_first(root: &NodeRef, selector: &str) {
    let Some(root) = root.cast::<web_sys::Element>() else { return };
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Where the host page is, as components need it (they get a reader of it
/// from the mount, through their context).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The page's URL without its fragment (the base of share links).
    pub url: String,
    /// The page's host (who receives a lead sent to a relative webhook).
    pub host: String,
    /// Today's date in the visitor's time zone: year, month (1–12), day.
    pub today: (u32, u32, u32),
}

impl Page {
    /// This page.
    pub fn here() -> Page {
        let location = web_sys::window().map(|w| w.location());
        let href = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
        let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
        let d = js_sys::Date::new_0();
        let today = (d.get_full_year(), d.get_month() + 1, d.get_date());
        Page { url: href.split('#').next().unwrap_or("").to_string(), host, today }
    }
}

/// The current time as RFC 3339 (UTC, milliseconds).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Where this page is: URL, referrer and `utm_*` parameters.
pub fn page_source(mode: &str, lang: &str) -> crate::domain::lead::Source {
    let window = web_sys::window();
    let location = window.as_ref().map(|w| w.location());
    let page_url = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
    // The share fragment carries answers, not where the visitor came from.
    let page_url = page_url.split('#').next().unwrap_or("").to_string();
    let query = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let referrer = window.and_then(|w| w.document()).map(|d| d.referrer()).unwrap_or_default();
    crate::domain::lead::Source {
        utm: crate::domain::lead::Source::utm_from_query(&query),
        page_url: page_url.chars().take(crate::domain::lead::MAX_URL).collect(),
        referrer: referrer.chars().take(crate::domain::lead::MAX_URL).collect(),
        mode: mode.into(),
        lang: lang.into(),
    }
}

/// The value of cookie `name`, read only when a destination needs it and
/// the visitor has consented (HubSpot's `hubspotutk`).
pub fn cookie(name: &str) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let all = js_sys::Reflect::get(&doc, &"cookie".into()).ok()?.as_string()?;
    all.split(';').find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// Copies `text` to the clipboard; false when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(nav) = js_sys::Reflect::get(&window, &"navigator".into()) else { return false };
    let Ok(clipboard) = js_sys::Reflect::get(&nav, &"clipboard".into()) else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else { return false };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else { return false };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Calls `f` once the next frame has been painted: a `requestAnimationFrame`
/// callback runs just before the frame's style, layout and paint, and a task
/// queued from it runs after them. (Callbacks, not a future: no `JsFuture`
/// in the page build for this.)
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(w) = web_sys::window() else { return f() };
    let later = w.clone();
    let task = Closure::once_into_js(f);
    let queue = Closure::once_into_js(move || {
        let _ = later.set_timeout_with_callback(task.unchecked_ref());
    });
    let _ = w.request_animation_frame(queue.unchecked_ref());
}

/// Opens the browser's print dialog (which also offers "save as PDF").
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Logs an error to the console, for the site's developer.
pub fn console_error(message: &dyn std::fmt::Display) {
    gloo_console::error!(format!("{}{message}", names::CONSOLE_PREFIX));
}

/// Logs a warning to the console, for the site's developer.
pub fn console_warn(message: &dyn std::fmt::Display) {
    gloo_console::warn!(format!("{}{message}", names::CONSOLE_PREFIX));
}
