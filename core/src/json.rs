//! JSON: the document model ([`Value`]), its parser ([`from_str`]) and its
//! writer (`Value`'s `Display`), and a few builders.
//!
//! Every JSON document the widget reads is parsed to a `Value` once and
//! decoded by hand, and every document it writes is built as a `Value`: one
//! parser and one serializer in the wasm instead of a derived visitor per type
//! and format (`serde_json` was ~26 KB of it; see docs/performance.md, "Why our
//! own JSON code"). The grammar, limits and error messages are `serde_json`'s, and
//! `core/tests/model/fuzz.rs` (`json_parser_agrees_with_serde_json`) holds
//! them to it.
//!
//! This module knows nothing of the domain: the helpers that decode the
//! widget's documents from a `Value` (paths, serde's field messages, `at line
//! L column C`) are in `domain::decode`.

mod parse;
mod value;

pub use parse::{from_str, Error};
pub use value::{Map, Number, Value};

/// serde's description of an unexpected JSON value (`integer `5``, `string
/// "x"`, `map`), for `invalid type: …, expected …` messages.
pub fn unexpected(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => format!("integer `{u}`"),
            (None, Some(i)) => format!("integer `{i}`"),
            _ => {
                let mut s = n.as_f64().unwrap_or(0.0).to_string();
                if !s.contains('.') {
                    s.push_str(".0");
                }
                format!("floating point `{s}`")
            }
        },
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// An object from its members (a `json!` without the macro's per-type code).
pub fn object(members: Vec<(&str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in members {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

/// A string value.
pub fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

/// A string or `null`.
pub fn opt_s(v: Option<&str>) -> Value {
    v.map_or(Value::Null, s)
}
