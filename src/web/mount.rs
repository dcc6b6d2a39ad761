//! Mounting the widget on the host page's elements.

use crate::components::app::{App, AppProps, Failed, FailedProps};
use crate::domain::{Content, Locale};
use crate::error::Error;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// The attribute that marks an element to mount on.
pub const MOUNT_ATTR: &str = "data-b2b-assessment";
/// Set on an element once mounted, so a second call skips it.
const MOUNTED_ATTR: &str = "data-b2b-assessment-mounted";

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(0) };
    static DEFAULT_CONTENT: std::cell::RefCell<Option<Rc<Content>>> = const { std::cell::RefCell::new(None) };
}

/// The display mode of one widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The standalone assessment page.
    Page,
}

/// The configuration read from an element's attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Display mode.
    pub mode: Mode,
    /// Starting language.
    pub locale: Locale,
}

/// Reads `data-mode` and `data-lang` (or `lang`) from `el`, falling back to
/// the document's `lang`, then Japanese.
pub fn read_config(el: &Element) -> Result<Config, Error> {
    let mode = match el.get_attribute("data-mode").as_deref().map(str::trim) {
        None | Some("") | Some("page") => Mode::Page,
        Some(other) => {
            return Err(Error::Config(format!("mode: unsupported value {other:?} (this build supports \"page\")")));
        }
    };
    let locale = match el.get_attribute("data-lang").or_else(|| el.get_attribute("lang")) {
        Some(tag) if !tag.trim().is_empty() => {
            Locale::from_tag(&tag).ok_or_else(|| Error::Config(format!("lang: unsupported value {tag:?} (expected \"ja\" or \"en\")")))?
        }
        _ => document_locale().unwrap_or_default(),
    };
    Ok(Config { mode, locale })
}

fn document_locale() -> Option<Locale> {
    let html = web_sys::window()?.document()?.document_element()?;
    Locale::from_tag(&html.get_attribute("lang")?)
}

/// The default content, parsed once per page.
pub fn default_content() -> Result<Rc<Content>, Error> {
    if let Some(c) = DEFAULT_CONTENT.with(|d| d.borrow().clone()) {
        return Ok(c);
    }
    let c = Rc::new(Content::default_set()?);
    DEFAULT_CONTENT.with(|d| *d.borrow_mut() = Some(c.clone()));
    Ok(c)
}

/// Mounts the widget on `el`. On a bad configuration it shows the error in
/// the element and logs it; it never panics.
pub fn mount(el: Element) {
    let instance = NEXT_INSTANCE.with(|n| {
        let i = n.get();
        n.set(i.wrapping_add(1));
        i
    });
    let _ = el.set_attribute(MOUNTED_ATTR, "");
    let started = read_config(&el).and_then(|cfg| Ok((cfg, default_content()?)));
    match started {
        Ok((cfg, content)) => {
            let props = AppProps { content, locale: cfg.locale, instance: format!("b2ba{instance}").into() };
            yew::Renderer::<App>::with_root_and_props(el, props).render();
        }
        Err(e) => {
            let message = e.to_string();
            crate::web::console_error(&message);
            let locale = document_locale().unwrap_or_default();
            yew::Renderer::<Failed>::with_root_and_props(el, FailedProps { message: message.into(), locale }).render();
        }
    }
}

/// Mounts the widget on every `[data-b2b-assessment]` element not yet
/// mounted. Returns how many it mounted.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return 0 };
    let Ok(list) = doc.query_selector_all(&format!("[{MOUNT_ATTR}]:not([{MOUNTED_ATTR}])")) else { return 0 };
    let mut n = 0;
    for i in 0..list.length() {
        if let Some(el) = list.item(i).and_then(|node| node.dyn_into::<Element>().ok()) {
            mount(el);
            n += 1;
        }
    }
    n
}
