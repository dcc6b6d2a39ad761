//! The preview (the real widget, mounted with the edited content through the
//! loader's public API) and the export's download link.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function mount_preview(json) {
  const el = document.getElementById('preview');
  if (!el || !window.B2BAssessment) return;
  clearTimeout(window.__b2baPreviewTimer);
  window.__b2baPreviewTimer = setTimeout(() => {
    window.B2BAssessment.mount(el, { mode: el.dataset.mode || 'page', lang: el.dataset.lang || 'ja', content: JSON.parse(json) });
  }, 300);
}
")]
extern "C" {
    fn mount_preview(json: &str);
}

/// Mounts (after a pause in typing) the widget with `json` as its content.
pub fn show(json: &str) {
    mount_preview(json);
}

/// A `data:` URL of `json`, for the download link (a `blob:` URL made on
/// every edit would have to be revoked; this needs nothing freed).
pub fn download_url(json: &str) -> String {
    format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(json))
}
