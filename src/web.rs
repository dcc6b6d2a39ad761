//! Browser glue: mounting, focus and printing. Everything here tolerates a
//! hostile or odd host page: nothing reachable from it may panic.

pub mod config;
pub mod events;
pub mod mount;

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

/// Opens the browser's print dialog (which also offers "save as PDF").
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Logs an error to the console, for the site's developer.
pub fn console_error(message: &str) {
    web_sys::console::error_1(&format!("b2b-assessment: {message}").into());
}
