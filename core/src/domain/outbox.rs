//! The lead outbox's rules: what a response means, when to try again, and
//! the stored form of the queue. The browser glue (`web::outbox`) persists
//! an entry before its first send and applies these rules.

use super::decode::{bool_, child, clip, f64_, invalid_type, lenient, list, locate, string, u32_, At, Fail, R};
use super::lead::OutgoingRequest;
use crate::json::{object, opt_s, s, Value};
use serde::{Deserialize, Serialize};

/// The stored queue's format version.
pub const VERSION: u32 = 1;
/// First retry after about this long; it doubles each attempt.
pub const BASE_DELAY_MS: u64 = 1_000;
/// Retries are never further apart than this.
pub const MAX_DELAY_MS: u64 = 30_000;
/// Delivered entries are kept this long (for inspection), then dropped.
pub const KEEP_SENT_MS: f64 = 24.0 * 3600.0 * 1000.0;

/// What the visitor is told about their lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadStatus {
    /// Saved in the browser, about to be sent.
    Queued,
    /// An attempt failed; another follows.
    Retrying {
        /// Why the last attempt failed.
        reason: String,
    },
    /// Delivered; `confirmed` is false when the destination's answer could not be read.
    Sent {
        /// Whether a 2xx was seen.
        confirmed: bool,
    },
    /// Given up: the destination refused it.
    Failed {
        /// Why.
        reason: String,
    },
}

/// What one attempt's result means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Delivered. `confirmed` is false when the response could not be read
    /// (`no-cors`, Salesforce Web-to-Lead).
    Delivered {
        /// Whether a 2xx was seen.
        confirmed: bool,
    },
    /// Worth trying again later.
    Retry(String),
    /// Will never succeed as is; kept for inspection.
    Terminal(String),
}

/// Classifies an attempt: `status` is the HTTP status, `None` a network
/// error (offline, refused, dropped, timed out).
pub fn classify(status: Option<u16>, no_cors: bool) -> Outcome {
    match status {
        None => Outcome::Retry("network error".into()),
        Some(0) if no_cors => Outcome::Delivered { confirmed: false },
        Some(s) if (200..300).contains(&s) => Outcome::Delivered { confirmed: true },
        Some(s @ (408 | 425 | 429)) | Some(s @ 500..=599) => Outcome::Retry(format!("HTTP {s}")),
        Some(s) => Outcome::Terminal(format!("HTTP {s}")),
    }
}

/// Delay before retry number `attempt` (1-based): `1s·2^(n-1)`, capped at
/// 30 s, scaled by `0.5 + jitter/2` (`jitter` in 0..1) so that many
/// visitors' widgets do not retry in step.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let exp = attempt.saturating_sub(1).min(16);
    let delay = BASE_DELAY_MS.saturating_mul(1 << exp).min(MAX_DELAY_MS);
    let j = jitter.clamp(0.0, 1.0);
    (delay as f64 * (0.5 + j / 2.0)).round() as u64
}

/// Where an entry stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting to be sent (again).
    Pending,
    /// Delivered.
    Sent {
        /// Whether a 2xx was seen.
        confirmed: bool,
        /// When.
        at_ms: f64,
    },
    /// Given up on; kept for inspection.
    Failed {
        /// Why.
        reason: String,
        /// When.
        at_ms: f64,
    },
}

/// One lead in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The idempotency id.
    pub id: String,
    /// What to send.
    pub request: OutgoingRequest,
    /// When it was queued (ms since the epoch).
    pub created_at_ms: f64,
    /// Attempts made so far.
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    pub next_at_ms: f64,
    /// Where it stands.
    #[serde(flatten)]
    pub state: EntryState,
    /// The last error, if any.
    #[serde(default)]
    pub last_error: Option<String>,
}

/// The whole queue as stored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// Format version.
    pub v: u32,
    /// Entries, oldest first.
    pub entries: Vec<Entry>,
}

impl Outbox {
    /// Reads a stored queue. Corrupt or foreign data gives an empty queue and
    /// a warning, never a panic; an entry whose URL is refused (see
    /// [`super::url::check`]) is left out, with a warning.
    #[inline(never)] // compiled on first use only: most visits store nothing
    pub fn decode(text: Option<&str>) -> (Outbox, Option<String>) {
        let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
            return (Outbox { v: VERSION, entries: vec![] }, None);
        };
        let parsed = crate::json::from_str(text).map_err(|e| e.to_string()).and_then(|v| {
            outbox(&v, "").map_err(|f| {
                let at = locate(text, &f.path, f.at);
                if f.path.is_empty() {
                    format!("{}{at}", f.message)
                } else {
                    format!("{}: {}{at}", f.path, f.message)
                }
            })
        });
        let warning = match parsed {
            Ok(mut o) if o.v == VERSION => {
                let warning = o.drop_refused_urls();
                return (o, warning);
            }
            Ok(o) => format!("outbox: unknown version {} (this widget reads version {VERSION}); ignored", o.v),
            Err(e) => format!("outbox: unreadable ({e}); ignored"),
        };
        (Outbox { v: VERSION, entries: vec![] }, Some(clip(warning)))
    }

    /// Drops the entries whose URL the config would refuse (protocol-relative,
    /// `http:`, any scheme but `https:`): the outbox is read back from
    /// storage, which any script of the site can edit, so what it sends is
    /// held to the same rule as what the site owner configures. Returns a
    /// warning naming them, if any.
    fn drop_refused_urls(&mut self) -> Option<String> {
        let mut dropped = Vec::new();
        self.entries.retain(|e| match super::url::check(&e.request.url) {
            Ok(_) => true,
            Err(r) => {
                dropped.push(format!("{} ({}: {:?})", e.id, r.message(), e.request.url));
                false
            }
        });
        (!dropped.is_empty()).then(|| clip(format!("outbox: not sending {}; ignored", dropped.join(", "))))
    }

    /// Whether the stored form `text` may hold a pending entry, without
    /// decoding it: never false for what [`Outbox::encode`] wrote (it writes
    /// `"state":"pending"` for each pending entry), sometimes true when
    /// [`Outbox::decode`] would find none (a field that reads `pending`). A
    /// hand-edited record that spells it with `\u` escapes is missed: its
    /// lead waits for a page with the full build. The builds without a
    /// sender hand over to the full one on true.
    pub fn may_have_pending(text: &str) -> bool {
        text.contains("\"pending\"")
    }

    /// The stored form.
    pub fn encode(&self) -> String {
        let entries = self.entries.iter().map(entry_value).collect();
        object(vec![("v", self.v.into()), ("entries", Value::Array(entries))]).to_string()
    }

    /// Adds `entry` unless one with its id is already queued.
    pub fn push(&mut self, entry: Entry) {
        if !self.entries.iter().any(|e| e.id == entry.id) {
            self.entries.push(entry);
        }
    }

    /// The oldest pending entry due at `now`.
    pub fn due(&self, now_ms: f64) -> Option<&Entry> {
        self.entries.iter().find(|e| e.state == EntryState::Pending && e.next_at_ms <= now_ms)
    }

    /// When the next pending entry falls due, if any is pending.
    pub fn next_wake(&self) -> Option<f64> {
        self.entries.iter().filter(|e| e.state == EntryState::Pending).map(|e| e.next_at_ms).reduce(f64::min)
    }

    /// Records an attempt's outcome for `id`. Returns the entry's new state.
    pub fn record(&mut self, id: &str, outcome: &Outcome, now_ms: f64, jitter: f64) -> Option<EntryState> {
        let e = self.entries.iter_mut().find(|e| e.id == id)?;
        // Saturating: the count comes back from storage, which anyone can edit.
        e.attempts = e.attempts.saturating_add(1);
        match outcome {
            Outcome::Delivered { confirmed } => e.state = EntryState::Sent { confirmed: *confirmed, at_ms: now_ms },
            Outcome::Retry(why) => {
                e.last_error = Some(why.clone());
                e.next_at_ms = now_ms + backoff_ms(e.attempts, jitter) as f64;
            }
            Outcome::Terminal(why) => {
                e.last_error = Some(why.clone());
                e.state = EntryState::Failed { reason: why.clone(), at_ms: now_ms };
            }
        }
        Some(e.state.clone())
    }

    /// Drops delivered entries older than a day; failed ones stay.
    pub fn prune(&mut self, now_ms: f64) {
        self.entries.retain(|e| !matches!(e.state, EntryState::Sent { at_ms, .. } if now_ms - at_ms > KEEP_SENT_MS));
    }
}

// The stored form, by hand (the derives describe the same format; these keep
// their code out of the wasm). Unknown fields are ignored, as with the derives.

fn outbox(v: &Value, p: &str) -> R<Outbox> {
    let o = lenient(v, p, "Outbox")?;
    // The version first: another version's entries may have another shape.
    let version = o.req("v", u32_)?;
    if version != VERSION {
        return Ok(Outbox { v: version, entries: vec![] });
    }
    Ok(Outbox { v: version, entries: o.req("entries", |v, p| list(v, p, entry))? })
}

fn entry(v: &Value, p: &str) -> R<Entry> {
    let o = lenient(v, p, "Entry")?;
    let state = match o.req("state", string)?.as_str() {
        "pending" => EntryState::Pending,
        "sent" => EntryState::Sent { confirmed: o.req("confirmed", bool_)?, at_ms: o.req("at_ms", f64_)? },
        "failed" => EntryState::Failed { reason: o.string("reason")?, at_ms: o.req("at_ms", f64_)? },
        other => {
            let message = format!("unknown variant `{other}`, expected one of `pending`, `sent`, `failed`");
            return Err(Fail { path: child(p, "state"), message, at: At::Value });
        }
    };
    Ok(Entry {
        id: o.string("id")?,
        request: o.req("request", request)?,
        created_at_ms: o.req("created_at_ms", f64_)?,
        attempts: o.req("attempts", u32_)?,
        next_at_ms: o.req("next_at_ms", f64_)?,
        state,
        last_error: o.opt("last_error", string)?,
    })
}

fn request(v: &Value, p: &str) -> R<OutgoingRequest> {
    let o = lenient(v, p, "OutgoingRequest")?;
    Ok(OutgoingRequest {
        url: o.string("url")?,
        content_type: o.string("content_type")?,
        headers: o.req("headers", |v, p| list(v, p, header))?,
        body: o.string("body")?,
        no_cors: o.req("no_cors", bool_)?,
    })
}

fn header(v: &Value, p: &str) -> R<(String, String)> {
    match v {
        Value::Array(a) if a.len() == 2 => Ok((string(&a[0], &format!("{p}[0]"))?, string(&a[1], &format!("{p}[1]"))?)),
        Value::Array(a) => Err(Fail {
            path: p.into(),
            message: format!("invalid length {}, expected a tuple of size 2", a.len()),
            at: At::Value,
        }),
        _ => Err(invalid_type(p, v, "a tuple of size 2")),
    }
}

fn entry_value(e: &Entry) -> Value {
    let r = &e.request;
    let headers = r.headers.iter().map(|(k, v)| Value::Array(vec![s(k), s(v)])).collect();
    let request = object(vec![
        ("url", s(&r.url)),
        ("content_type", s(&r.content_type)),
        ("headers", Value::Array(headers)),
        ("body", s(&r.body)),
        ("no_cors", r.no_cors.into()),
    ]);
    let mut members = vec![
        ("id", s(&e.id)),
        ("request", request),
        ("created_at_ms", e.created_at_ms.into()),
        ("attempts", e.attempts.into()),
        ("next_at_ms", e.next_at_ms.into()),
        ("last_error", opt_s(e.last_error.as_deref())),
    ];
    match &e.state {
        EntryState::Pending => members.push(("state", s("pending"))),
        EntryState::Sent { confirmed, at_ms } => {
            members.extend([("state", s("sent")), ("confirmed", (*confirmed).into()), ("at_ms", (*at_ms).into())])
        }
        EntryState::Failed { reason, at_ms } => {
            members.extend([("state", s("failed")), ("reason", s(reason)), ("at_ms", (*at_ms).into())])
        }
    }
    object(members)
}
