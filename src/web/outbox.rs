//! The lead outbox in the browser: every lead is written to localStorage
//! before its first send; one pump per page sends one request at a time
//! under a Web Lock (so two tabs never send the same lead at once), retries
//! with back-off, and picks up where a closed or reloaded page left off.

use crate::domain::lead::OutgoingRequest;
use crate::domain::outbox::{classify, Entry, EntryState, LeadStatus, Outbox, Outcome};
use crate::json::{object, s};
use crate::web::events::HostEvents;
use crate::web::names::{OUTBOX_KEY, OUTBOX_LOCK};
use crate::web::storage::storage;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

/// How long the pump keeps the lock after its last write (see `drain`).
const STORAGE_SETTLE_MS: u64 = 300;
/// A request that has not answered after this long counts as a network error.
const TIMEOUT_MS: u32 = 20_000;

struct Watcher {
    on_status: Callback<LeadStatus>,
    events: Option<HostEvents>,
}

thread_local! {
    static PUMPING: Cell<bool> = const { Cell::new(false) };
    // (A page watches a handful of leads at most: plain lists are enough.)
    static WATCHERS: RefCell<Vec<(String, Watcher)>> = const { RefCell::new(Vec::new()) };
    // Watched leads whose final state this page has already reported.
    static REPORTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    // When localStorage is unavailable (privacy mode, quota), the queue
    // lives here for the page's lifetime instead of being dropped.
    static MEMORY: RefCell<Option<String>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["navigator", "locks"], js_name = request, catch)]
    fn lock_request(name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
}

/// The stored outbox's text (localStorage, or memory where storage fails).
fn stored_text() -> Option<String> {
    match storage() {
        Some(s) => s.get_item(OUTBOX_KEY).ok().flatten(),
        None => MEMORY.with(|m| m.borrow().clone()),
    }
}

fn load() -> Outbox {
    decode(stored_text().as_deref())
}

fn decode(text: Option<&str>) -> Outbox {
    let (outbox, warning) = Outbox::decode(text);
    if let Some(w) = warning {
        crate::web::console_warn(&w);
    }
    outbox
}

fn save(outbox: &Outbox) -> bool {
    let text = outbox.encode();
    let stored = storage().is_some_and(|s| s.set_item(OUTBOX_KEY, &text).is_ok());
    if !stored {
        MEMORY.with(|m| *m.borrow_mut() = Some(text));
    }
    stored
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A random idempotency id: 32 hex digits from the platform's CSPRNG.
pub fn new_id() -> String {
    let crypto = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok());
    if let Some(c) = crypto {
        if let Ok(f) = js_sys::Reflect::get(&c, &"randomUUID".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                if let Some(s) = f.call0(&c).ok().and_then(|v| v.as_string()) {
                    return s.replace('-', "");
                }
            }
        }
    }
    // No crypto (very old browser): time and Math.random still make collisions unlikely.
    format!("{:x}{:016x}", now_ms() as u64, (js_sys::Math::random() * 1.8e19) as u64)
}

/// Queues a lead: persisted first, then the pump is started. `on_status`
/// hears how it goes; `events` gets `lead-queued/sent/failed`.
pub fn enqueue(id: String, request: OutgoingRequest, on_status: Callback<LeadStatus>, events: Option<HostEvents>) {
    let mut outbox = load();
    outbox.prune(now_ms());
    outbox.push(Entry {
        id: id.clone(),
        request,
        created_at_ms: now_ms(),
        attempts: 0,
        next_at_ms: 0.0,
        state: EntryState::Pending,
        last_error: None,
    });
    let persisted = save(&outbox);
    if !persisted {
        crate::web::console_warn(&"localStorage unavailable; the lead is kept in memory until sent");
    }
    if let Some(e) = &events {
        e.emit("lead-queued", &object(vec![("id", s(&id)), ("persisted", persisted.into())]));
    }
    on_status.emit(LeadStatus::Queued);
    WATCHERS.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|(k, _)| *k != id);
        w.push((id, Watcher { on_status, events }));
    });
    start();
}

/// Sends what an earlier visit left pending (closed tab, reload); called on
/// every mount. With nothing pending — every first visit — it costs one
/// storage read: no task, no lock request.
pub fn resume() {
    // Nothing stored: not even the decoder runs (nor gets compiled).
    let Some(text) = stored_text() else { return };
    if decode(Some(&text)).next_wake().is_some() {
        start();
    }
}

/// Whether an earlier visit may have left a lead to send, without the
/// decoder: the builds without a sender (quiz, page) then hand over to the
/// full one, whose [`resume`] decides.
pub fn maybe_pending() -> bool {
    stored_text().is_some_and(|text| crate::domain::outbox::Outbox::may_have_pending(&text))
}

/// Starts the page's pump unless it runs already.
pub fn start() {
    if PUMPING.with(|p| p.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let result: std::rc::Rc<Cell<bool>> = std::rc::Rc::new(Cell::new(false));
        let locked = result.clone();
        // The tab holding the lock drains the whole outbox (back-off waits
        // included) before it lets another tab in, so at most one tab sends.
        let callback = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
            wasm_bindgen_futures::future_to_promise(async move {
                locked.set(true);
                drain().await;
                Ok(JsValue::UNDEFINED)
            })
        });
        match lock_request(OUTBOX_LOCK, callback.unchecked_ref()) {
            Ok(promise) => {
                let _ = JsFuture::from(promise).await;
                if !result.get() {
                    drain().await;
                }
            }
            // No Web Locks (very old browsers): one tab's worth of safety is lost,
            // the receiver's idempotency check remains.
            Err(_) => drain().await,
        }
        PUMPING.with(|p| p.set(false));
        // A lead queued while the drain was finishing found the pump still
        // running and did not start another; pick it up now.
        if load().next_wake().is_some() {
            start();
        }
    });
}

/// Sends until nothing is pending, waiting out back-offs. (Yew's `sleep` is
/// a gloo-timers `Timeout` already; gloo-timers' own futures cost 350 bytes
/// gzip more in the full build, so not those.)
async fn drain() {
    while let Some(at) = step().await {
        let wait = (at - now_ms()).clamp(0.0, 60_000.0);
        if wait > 0.0 {
            yew::platform::time::sleep(Duration::from_millis(wait as u64)).await;
        }
    }
    // Other tabs read localStorage from a per-process cache that learns of
    // our last write asynchronously; hold the lock a moment so the next tab
    // to take it sees the lead as sent.
    yew::platform::time::sleep(Duration::from_millis(STORAGE_SETTLE_MS)).await;
}

/// Sends the oldest due entry, records the outcome, and says when to look again.
async fn step() -> Option<f64> {
    // Re-read inside the lock: another tab may have sent it meanwhile.
    let outbox = load();
    // A lead this page queued but another tab delivered: tell this page's visitor.
    for e in &outbox.entries {
        let outcome = match &e.state {
            EntryState::Sent { confirmed, .. } => Outcome::Delivered { confirmed: *confirmed },
            EntryState::Failed { reason, .. } => Outcome::Terminal(reason.clone()),
            EntryState::Pending => continue,
        };
        let watched = WATCHERS.with(|w| w.borrow().iter().any(|(k, _)| *k == e.id));
        if watched && REPORTED.with(|r| !r.borrow().contains(&e.id)) {
            notify(&e.id, &outcome, Some(&e.state), e.attempts);
        }
    }
    let Some(entry) = outbox.due(now_ms()).cloned() else {
        return outbox.next_wake();
    };
    let status = send(&entry.request).await;
    let outcome = classify(status, entry.request.no_cors);
    let mut outbox = load();
    let state = outbox.record(&entry.id, &outcome, now_ms(), js_sys::Math::random());
    save(&outbox);
    notify(&entry.id, &outcome, state.as_ref(), entry.attempts + 1);
    // Look again at once: another entry may be due.
    Some(now_ms())
}

fn notify(id: &str, outcome: &Outcome, state: Option<&EntryState>, attempts: u32) {
    if !matches!(outcome, Outcome::Retry(_)) {
        REPORTED.with(|r| {
            let mut r = r.borrow_mut();
            if !r.iter().any(|k| k == id) {
                r.push(id.to_string());
            }
        });
    }
    WATCHERS.with(|w| {
        let w = w.borrow();
        let watcher = w.iter().find(|(k, _)| k == id).map(|(_, v)| v);
        let (status, event) = match (outcome, state) {
            (Outcome::Delivered { confirmed }, _) => (
                LeadStatus::Sent { confirmed: *confirmed },
                Some((
                    "lead-sent",
                    object(vec![("id", s(id)), ("confirmed", (*confirmed).into()), ("attempts", attempts.into())]),
                )),
            ),
            (Outcome::Terminal(reason), _) => (
                LeadStatus::Failed { reason: reason.clone() },
                Some((
                    "lead-failed",
                    object(vec![("id", s(id)), ("reason", s(reason)), ("attempts", attempts.into())]),
                )),
            ),
            (Outcome::Retry(reason), _) => (LeadStatus::Retrying { reason: reason.clone() }, None),
        };
        if let Some(watcher) = watcher {
            watcher.on_status.emit(status);
            if let (Some(events), Some((name, detail))) = (&watcher.events, &event) {
                events.emit(name, detail);
            }
        } else if let Some((name, detail)) = event {
            // A lead from an earlier page load: tell the page itself.
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(root) = doc.document_element() {
                    HostEvents { host: root, data_layer: false }.emit(name, &detail);
                }
            }
        }
    });
}

/// Performs the request; the HTTP status, or `None` for a network error.
/// (web-sys, not gloo-net: its request builder cost 2 KB gzip more in the
/// full build, has no keepalive, and throws on a header the browser rejects.)
async fn send(req: &OutgoingRequest) -> Option<u16> {
    let window = web_sys::window()?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&req.body));
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_mode(if req.no_cors { web_sys::RequestMode::NoCors } else { web_sys::RequestMode::Cors });
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS)));
    // Lets the request finish if the page is closed mid-send (bodies < 64 KiB).
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::from_bool(req.body.len() < 60_000));
    let headers = web_sys::Headers::new().ok()?;
    let _ = headers.set("Content-Type", &req.content_type);
    if !req.no_cors {
        for (k, v) in &req.headers {
            let _ = headers.set(k, v);
        }
    }
    init.set_headers(&headers);
    let response = JsFuture::from(window.fetch_with_str_and_init(&req.url, &init)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    Some(response.status())
}
