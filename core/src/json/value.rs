//! The JSON document model: [`Value`], its [`Number`] and its [`Map`].
//!
//! The same shape and semantics as `serde_json::Value` with its default
//! features (objects keep their keys sorted, a repeated key keeps its last
//! value, integers stay exact up to `u64`/`i64`), so what the widget writes
//! reads as before. It is ours because `serde_json`'s parser, writer and the
//! `BTreeMap` behind its `Map` were ~26 KB of the wasm (see docs/performance.md).

use std::fmt;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON number: an exact unsigned or negative integer, or a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(N);

#[derive(Debug, Clone, Copy, PartialEq)]
enum N {
    /// A non-negative integer.
    Pos(u64),
    /// A negative integer.
    Neg(i64),
    /// A finite float.
    Float(f64),
}

impl Number {
    /// A float, or `None` when it is not finite (JSON has no NaN or infinity).
    pub fn from_f64(f: f64) -> Option<Number> {
        f.is_finite().then_some(Number(N::Float(f)))
    }

    /// The number as a `u64`, when it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match self.0 {
            N::Pos(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            N::Pos(n) => i64::try_from(n).ok(),
            N::Neg(n) => Some(n),
            N::Float(_) => None,
        }
    }

    /// The number as a float (integers above 2^53 lose precision).
    pub fn as_f64(&self) -> Option<f64> {
        Some(match self.0 {
            N::Pos(n) => n as f64,
            N::Neg(n) => n as f64,
            N::Float(f) => f,
        })
    }

    /// Whether [`Number::as_u64`] gives a value.
    pub fn is_u64(&self) -> bool {
        matches!(self.0, N::Pos(_))
    }

    /// Whether [`Number::as_i64`] gives a value.
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    pub(super) fn pos(n: u64) -> Number {
        Number(N::Pos(n))
    }

    pub(super) fn neg(n: i64) -> Number {
        if n >= 0 {
            Number(N::Pos(n as u64))
        } else {
            Number(N::Neg(n))
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            N::Pos(n) => write!(f, "{n}"),
            N::Neg(n) => write!(f, "{n}"),
            // Shortest digits that read back as the same float; a whole
            // float keeps its `.0` so it reads back as a float.
            N::Float(x) if x.fract() != 0.0 => write!(f, "{x}"),
            N::Float(x) if x.abs() < 1e16 => write!(f, "{x:.1}"),
            N::Float(x) => write!(f, "{x:e}"),
        }
    }
}

/// A JSON object: members sorted by key, each key once (of a repeated key in
/// a document, the last one counts).
pub type Map = crate::sorted_map::SortedMap<Value>;

impl Value {
    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The member `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }
}

static NULL: Value = Value::Null;

/// `v["key"]`: the member, or `null` when it is missing or `v` is no object.
impl std::ops::Index<&str> for Value {
    type Output = Value;
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

macro_rules! from_uint {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number::pos(n as u64))
            }
        }
    )*};
}
from_uint!(u8 u16 u32 u64 usize);

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Number(Number::neg(n))
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Number(Number::neg(n.into()))
    }
}

/// A float; NaN and the infinities, which JSON cannot write, become `null`.
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

/// Compact JSON, as `serde_json::to_string` writes it.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write_value(&mut out, self);
        f.write_str(&out)
    }
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            use fmt::Write;
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_value(out, x);
            }
            out.push('}');
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
