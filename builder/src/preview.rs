//! The Builder's browser glue: the preview (the real widget, mounted with
//! the draft through the loader's public `B2BAssessment.mount()`), the
//! draft's autosave, copy and download, focus, and the test lead's request.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function mount_preview(config) {
  const el = document.getElementById('preview');
  if (!el || !window.B2BAssessment) return;
  clearTimeout(window.__b2baPreviewTimer);
  window.__b2baPreviewTimer = setTimeout(() => {
    window.B2BAssessment.mount(el, JSON.parse(config)).catch((e) => console.warn('preview:', e));
  }, 300);
}
export function load(key) {
  try { return localStorage.getItem(key); } catch (_) { return null; }
}
export function save(key, value) {
  try { localStorage.setItem(key, value); return true; } catch (_) { return false; }
}
export function copy(text) {
  if (navigator.clipboard) return navigator.clipboard.writeText(text).then(() => true, () => false);
  return Promise.resolve(false);
}
export function focus(id) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const target = el.matches('input, textarea, select, button') ? el : el.querySelector('input, textarea, select, button');
    if (target) target.focus({ preventScroll: true });
  });
}
export function get_text(url) {
  return fetch(url, { credentials: 'omit' }).then((r) => (r.ok ? r.text() : null), () => null);
}
export function location_parts() {
  return [location.href, location.origin];
}
export function send(url, contentType, headers, body, noCors) {
  const h = { 'Content-Type': contentType };
  for (const [k, v] of JSON.parse(headers)) h[k] = v;
  const init = { method: 'POST', headers: h, body, credentials: 'omit' };
  if (noCors) init.mode = 'no-cors';
  return fetch(url, init).then(
    (r) => r.text().then((t) => JSON.stringify({ status: r.status, type: r.type, body: t.slice(0, 2000) })),
    (e) => JSON.stringify({ error: String(e) }),
  );
}
")]
extern "C" {
    fn mount_preview(config: &str);
    /// The stored value of `key`, if any.
    pub fn load(key: &str) -> Option<String>;
    /// Stores `value` under `key`; false when storage refuses (full, blocked).
    pub fn save(key: &str, value: &str) -> bool;
    /// Copies `text` to the clipboard; resolves to whether it could.
    pub fn copy(text: &str) -> js_sys::Promise;
    /// Scrolls to the element `id` and focuses it (or its first field).
    pub fn focus(id: &str);
    fn get_text(url: &str) -> js_sys::Promise;
    fn location_parts() -> Vec<String>;
    fn send(url: &str, content_type: &str, headers: &str, body: &str, no_cors: bool) -> js_sys::Promise;
}

/// Mounts (after a pause in typing) the widget with `config` (the draft's
/// config with its mode, language and content).
pub fn show(config: &str) {
    mount_preview(config);
}

/// A `data:` URL of `text`, for a download link (a `blob:` URL made on
/// every edit would have to be revoked; this needs nothing freed).
pub fn download_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", js_sys::encode_uri_component(text))
}

/// Sends a request; resolves to a JSON text: `{status, type, body}` or `{error}`.
pub async fn post(url: &str, content_type: &str, headers: &[(String, String)], body: &str, no_cors: bool) -> String {
    let headers = serde_json::to_string(headers).unwrap_or_else(|_| "[]".into());
    match wasm_bindgen_futures::JsFuture::from(send(url, content_type, &headers, body, no_cors)).await {
        Ok(v) => v.as_string().unwrap_or_default(),
        Err(e) => format!("{{\"error\":{:?}}}", format!("{e:?}")),
    }
}

/// The text at `url` (a GET), or `None` when there is none.
pub async fn post_get(url: &str) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(get_text(url)).await.ok().and_then(|v| v.as_string())
}

/// This page's URL and origin.
pub fn location() -> (String, String) {
    let mut parts = location_parts().into_iter();
    (parts.next().unwrap_or_default(), parts.next().unwrap_or_default())
}
