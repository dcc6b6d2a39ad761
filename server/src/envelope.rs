//! Validation of the lead envelope (`schema_version` 1, 2 or 3) that the
//! widget POSTs to `/api/leads`. Each version only adds members: version 2
//! split names, the department, labels beside ids, a summary, the top
//! actions, the notice's purposes (checked whenever present); version 3
//! `test`, which marks a test lead (the Builder's "send a test lead"): only
//! `true`, and only in version 3 or later, since a reader that routes on
//! `schema_version` would take an older envelope for a real lead.
//!
//! [`check`] takes the parsed JSON body and returns either the few columns the
//! receiver stores next to the verbatim payload ([`Lead`]), [`Checked::Honeypot`]
//! for a bot that filled the trap field, or an error message of the form
//! `"<field path>: <what is wrong>"` (e.g. `contact.email: not an e-mail
//! address: "x"`), which the receiver returns as `{"error": ...}` with 400.
//!
//! Optional fields may be absent or `null`; unknown keys are ignored (but their
//! strings are still checked for control characters).

use serde_json::{Map, Value};

// The envelope's name, version and limits are the widget's own (the core
// crate's lead module), so the two cannot drift apart.
pub use b2b_assessment_core::domain::lead::{EVENT, MAX_BODY_BYTES};
use b2b_assessment_core::domain::lead::{
    MAX_CONSENT_TEXT, MAX_EMAIL, MAX_FIELD as MAX_SHORT, MAX_KEY, MAX_MAP_ENTRIES, MAX_NAME, MAX_PURPOSE, MAX_PURPOSES,
    MAX_SUMMARY, MAX_TIMESTAMP, MAX_URL, SCHEMA_VERSIONS, TEST_SINCE_VERSION, TOP_ACTIONS,
};

/// The schema version the widget writes now.
pub const SCHEMA_VERSION: i64 = b2b_assessment_core::domain::lead::SCHEMA_VERSION as i64;

/// The columns stored next to the payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub company: Option<String>,
    pub score: i64,
    pub level: String,
    pub lang: Option<String>,
    pub page_url: Option<String>,
    /// A test lead (`"test": true`), not a visitor's.
    pub test: bool,
}

/// Outcome of a successful check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// A valid lead, to be stored.
    Lead(Lead),
    /// The honeypot field `trap` was filled: answer as if accepted, store nothing.
    Honeypot,
}

/// Checks an envelope. `idempotency_key` is the request's `Idempotency-Key`
/// header, if any; it must equal `id`.
pub fn check(body: &Value, idempotency_key: Option<&str>) -> Result<Checked, String> {
    let root = body.as_object().ok_or_else(|| "body: must be a JSON object".to_owned())?;

    // The honeypot comes first: a bot gets the same friendly answer whatever
    // else is wrong with its submission.
    match root.get("trap") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.is_empty() => {}
        Some(_) => return Ok(Checked::Honeypot),
    }

    let event = string(required(root, "event", "event")?, "event", MAX_SHORT)?;
    if event != EVENT {
        return Err(format!("event: must be {EVENT:?}, got {}", show(event)));
    }
    let version = required(root, "schema_version", "schema_version")?;
    let version = match version.as_i64() {
        Some(n) if SCHEMA_VERSIONS.iter().any(|v| i64::from(*v) == n) => n,
        Some(n) => return Err(format!("schema_version: unsupported version {n}")),
        None => match version.as_f64() {
            Some(f) => return Err(format!("schema_version: unsupported version {f}")),
            None => return Err("schema_version: must be a number".to_owned()),
        },
    };

    let id = string(required(root, "id", "id")?, "id", 64)?;
    let id_len = id.chars().count();
    if !(16..=64).contains(&id_len) || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!("id: must be 16-64 characters of A-Z a-z 0-9 _ -, got {}", show(id)));
    }
    if let Some(key) = idempotency_key {
        if key != id {
            return Err(format!("id: does not match the Idempotency-Key header ({})", show(key)));
        }
    }

    let created_at = string(required(root, "created_at", "created_at")?, "created_at", MAX_TIMESTAMP)?;
    timestamp(created_at, "created_at")?;

    // A real lead has no `test` member: `false` would only invite a reader
    // that checks for the member's presence to take a real lead for a test.
    let test = match optional(root, "test") {
        None => false,
        Some(_) if version < i64::from(TEST_SINCE_VERSION) => {
            return Err(format!(
                "test: only in schema_version {TEST_SINCE_VERSION} or later (this envelope is version {version})"
            ))
        }
        Some(Value::Bool(true)) => true,
        Some(other) => {
            let got = match other {
                Value::String(s) => show(s),
                Value::Bool(_) | Value::Number(_) => other.to_string(),
                _ => type_name(other).to_owned(),
            };
            return Err(format!(
                "test: must be true when present (a lead that is not a test has no test member), got {got}"
            ));
        }
    };

    // contact
    let contact = object(required(root, "contact", "contact")?, "contact")?;
    let email = string(required(contact, "email", "contact.email")?, "contact.email", MAX_EMAIL)?;
    if !plausible_email(email) {
        return Err(format!("contact.email: not an e-mail address: {}", show(email)));
    }
    let short = |key: &str| -> Result<Option<String>, String> {
        optional(contact, key).map(|v| string(v, &format!("contact.{key}"), MAX_SHORT).map(str::to_owned)).transpose()
    };
    // The whole name: family and given name, each up to MAX_SHORT, and a space.
    let name = optional(contact, "name").map(|v| string(v, "contact.name", MAX_NAME).map(str::to_owned)).transpose()?;
    let company = short("company")?;
    for key in ["family_name", "given_name", "department", "job_title", "phone"] {
        short(key)?;
    }

    // consent
    let consent = object(required(root, "consent", "consent")?, "consent")?;
    match required(consent, "given", "consent.given")? {
        Value::Bool(true) => {}
        other => return Err(format!("consent.given: must be true, got {}", show(&other.to_string()))),
    }
    let text = string(required(consent, "text", "consent.text")?, "consent.text", MAX_CONSENT_TEXT)?;
    if text.trim().is_empty() {
        return Err("consent.text: must not be empty".to_owned());
    }
    let at = string(required(consent, "at", "consent.at")?, "consent.at", MAX_TIMESTAMP)?;
    if at.trim().is_empty() {
        return Err("consent.at: must not be empty".to_owned());
    }
    if let Some(v) = optional(consent, "privacy_url") {
        string(v, "consent.privacy_url", MAX_URL)?;
    }
    if let Some(v) = optional(consent, "purposes") {
        string_list(v, "consent.purposes", MAX_PURPOSES, MAX_PURPOSE)?;
    }

    // scores
    let scores = object(required(root, "scores", "scores")?, "scores")?;
    let overall = required(scores, "overall", "scores.overall")?;
    let score = match overall.as_i64() {
        Some(n) if (0..=100).contains(&n) => n,
        _ => return Err(format!("scores.overall: must be an integer 0-100, got {}", show(&overall.to_string()))),
    };
    let level = string(required(scores, "level", "scores.level")?, "scores.level", MAX_SHORT)?;
    if level.trim().is_empty() {
        return Err("scores.level: must not be empty".to_owned());
    }
    if let Some(v) = optional(scores, "categories") {
        let cats = object(v, "scores.categories")?;
        for (k, v) in cats {
            if !v.is_number() {
                return Err(format!("scores.categories.{k}: must be a number"));
            }
        }
    }
    if let Some(v) = optional(scores, "level_label") {
        string(v, "scores.level_label", MAX_SHORT)?;
    }
    if let Some(v) = optional(scores, "category_labels") {
        string_map(v, "scores.category_labels", MAX_SHORT)?;
    }

    // profile, answers and their labels; the summary and top actions
    for key in ["profile", "profile_labels", "answers", "answer_labels"] {
        if let Some(v) = optional(root, key) {
            string_map(v, key, MAX_SHORT)?;
        }
    }
    if let Some(v) = optional(root, "summary") {
        string(v, "summary", MAX_SUMMARY)?;
    }
    if let Some(v) = optional(root, "top_actions") {
        string_list(v, "top_actions", TOP_ACTIONS, MAX_SHORT)?;
    }

    // source
    let mut lang = None;
    let mut page_url = None;
    if let Some(v) = optional(root, "source") {
        let source = object(v, "source")?;
        if let Some(v) = optional(source, "page_url") {
            page_url = Some(string(v, "source.page_url", MAX_URL)?.to_owned());
        }
        if let Some(v) = optional(source, "referrer") {
            string(v, "source.referrer", MAX_URL)?;
        }
        if let Some(v) = optional(source, "utm") {
            string_map(v, "source.utm", MAX_SHORT)?;
        }
        if let Some(v) = optional(source, "lang") {
            lang = Some(string(v, "source.lang", 35)?.to_owned());
        }
        if let Some(v) = optional(source, "mode") {
            string(v, "source.mode", MAX_SHORT)?;
        }
    }

    // Last: no control characters anywhere (keys included), known or not.
    no_control_chars(body, "")?;

    Ok(Checked::Lead(Lead {
        id: id.to_owned(),
        email: email.to_owned(),
        name,
        company,
        score,
        level: level.to_owned(),
        lang,
        page_url,
        test,
    }))
}

/// A value for an error message: JSON-quoted, cut to 60 characters.
fn show(s: &str) -> String {
    let cut: String = s.chars().take(60).collect();
    if cut.len() < s.len() {
        format!("{cut:?}…")
    } else {
        format!("{cut:?}")
    }
}

fn required<'a>(obj: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a Value, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Err(format!("{path}: required")),
        Some(v) => Ok(v),
    }
}

fn optional<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).filter(|v| !v.is_null())
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string<'a>(v: &'a Value, path: &str, max_chars: usize) -> Result<&'a str, String> {
    let s = v.as_str().ok_or_else(|| format!("{path}: must be a string, got {}", type_name(v)))?;
    if s.chars().count() > max_chars {
        return Err(format!("{path}: longer than {max_chars} characters"));
    }
    Ok(s)
}

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object().ok_or_else(|| format!("{path}: must be an object, got {}", type_name(v)))
}

/// An object whose values are all strings (≤ `max_chars`), with at most
/// [`MAX_MAP_ENTRIES`] entries.
fn string_map(v: &Value, path: &str, max_chars: usize) -> Result<(), String> {
    let map = object(v, path)?;
    if map.len() > MAX_MAP_ENTRIES {
        return Err(format!("{path}: more than {MAX_MAP_ENTRIES} entries"));
    }
    for (k, v) in map {
        if k.chars().count() > MAX_KEY {
            return Err(format!("{path}: key longer than {MAX_KEY} characters"));
        }
        string(v, &format!("{path}.{k}"), max_chars)?;
    }
    Ok(())
}

/// An array of at most `max_items` strings of at most `max_chars` each.
fn string_list(v: &Value, path: &str, max_items: usize, max_chars: usize) -> Result<(), String> {
    let items = v.as_array().ok_or_else(|| format!("{path}: must be an array, got {}", type_name(v)))?;
    if items.len() > max_items {
        return Err(format!("{path}: more than {max_items} entries"));
    }
    for (i, item) in items.iter().enumerate() {
        string(item, &format!("{path}[{i}]"), max_chars)?;
    }
    Ok(())
}

/// RFC 3339-ish: starts with `YYYY-MM-DD`; the rest is not checked.
fn timestamp(s: &str, path: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let ok = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if ok {
        Ok(())
    } else {
        Err(format!("{path}: not an RFC 3339 timestamp: {}", show(s)))
    }
}

/// One `@`, a non-empty local part, a domain with an inner dot, no
/// whitespace or control characters, at most 254 bytes.
pub fn plausible_email(s: &str) -> bool {
    if s.len() > MAX_EMAIL || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

fn no_control_chars(v: &Value, path: &str) -> Result<(), String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|c| c.is_control()) {
                let at = if path.is_empty() { "body" } else { path };
                return Err(format!("{at}: contains a control character (U+{:04X})", c as u32));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                no_control_chars(item, &format!("{path}[{i}]"))?;
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                if k.chars().any(|c| c.is_control()) {
                    return Err(format!(
                        "{}: key contains a control character",
                        if path.is_empty() { "body" } else { path }
                    ));
                }
                no_control_chars(item, &join(k))?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Checks that no JSON object in `text` (already known to be valid JSON)
/// repeats a key. A parser keeps one of the values (serde_json the last,
/// others the first), so a body like `{"id":"a…","id":"b…"}` would be read
/// differently by whoever processes the stored payload later than by this
/// receiver. Keys are compared after unescaping (`"id"` = `"\u0069d"`).
///
/// Error: `"<path>: duplicate key"`, e.g. `contact.email: duplicate key`.
pub fn no_duplicate_keys(text: &str) -> Result<(), String> {
    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use std::collections::HashSet;
    use std::fmt;

    /// Visits one value at `path`; objects check their keys.
    struct Walk<'a>(&'a str);

    impl Walk<'_> {
        fn join(&self, key: &str) -> String {
            if self.0.is_empty() {
                key.to_owned()
            } else {
                format!("{}.{key}", self.0)
            }
        }
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0usize;
            while seq.next_element_seed(Walk(&format!("{}[{i}]", self.0)))?.is_some() {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let path = self.join(&key);
                if !seen.insert(key) {
                    return Err(A::Error::custom(format!("{path}: duplicate key")));
                }
                map.next_value_seed(Walk(&path))?;
            }
            Ok(())
        }
    }

    let mut de = serde_json::Deserializer::from_str(text);
    match Walk("").deserialize(&mut de) {
        Ok(()) => Ok(()),
        // serde_json appends " at line L column C" to the message.
        Err(e) if e.is_data() => Err(e.to_string()),
        Err(e) => Err(format!("body: not valid JSON: {e}")),
    }
}
