//! Decoding the widget's documents (content, config, stored progress and
//! outbox) from a parsed [`Value`], by hand: the object and field helpers,
//! serde's messages (`missing field `en``, `unknown field `colour`, expected
//! one of …`, `invalid type: string "two", expected u32`), the paths of the
//! fields they are about (`checks[3].text`), and [`locate`], which finds the
//! spot again in the text for serde_json's `at line L column C`.
//!
//! The JSON model, parser and writer themselves are [`crate::json`].

use crate::domain::text::Text;
use crate::json::{unexpected, Map, Value};
use std::cell::Cell;

/// Where in the text an error is reported (as serde_json would have).
#[derive(Clone, Copy)]
pub(crate) enum At {
    /// At the value at the path: after a scalar, before an array or object.
    Value,
    /// After the object at the path (a field is missing).
    End,
    /// After the last key of the path (an unknown field).
    Key,
}

/// A decoding error before it is placed in the text.
pub(crate) struct Fail {
    /// Path of the offending field (`checks[3].text`); empty for the root.
    pub path: String,
    /// serde's message.
    pub message: String,
    /// Where in the text.
    pub at: At,
}

pub(crate) type R<T> = std::result::Result<T, Fail>;

#[inline(never)]
pub(crate) fn child(p: &str, key: &str) -> String {
    if p.is_empty() {
        key.to_owned()
    } else {
        format!("{p}.{key}")
    }
}

/// `s` as is, or, when it is longer than an error message should be, its
/// start and end around a note of how much was left out: an error about a
/// megabyte-long value must not repeat the megabyte.
pub(crate) fn clip(s: String) -> String {
    const KEEP: usize = 180;
    if s.len() <= 2 * KEEP + 40 {
        return s;
    }
    let (mut a, mut b) = (KEEP, s.len() - KEEP);
    while !s.is_char_boundary(a) {
        a -= 1;
    }
    while !s.is_char_boundary(b) {
        b += 1;
    }
    format!("{}…[{} bytes left out]…{}", &s[..a], b - a, &s[b..])
}

pub(crate) fn invalid_type(p: &str, v: &Value, expected: &str) -> Fail {
    Fail { path: p.into(), message: format!("invalid type: {}, expected {expected}", unexpected(v)), at: At::Value }
}

pub(crate) struct Obj<'a> {
    m: &'a Map,
    p: &'a str,
    /// The first failure of [`Obj::get`] / [`Obj::get_opt`], for [`Obj::end`].
    first: Cell<Option<Fail>>,
}

/// The object at `p`, refusing fields not in `fields` (`deny_unknown_fields`).
pub(crate) fn obj<'a>(v: &'a Value, p: &'a str, name: &str, fields: &[&str]) -> R<Obj<'a>> {
    let Value::Object(m) = v else { return Err(invalid_type(p, v, &format!("struct {name}"))) };
    if let Some(k) = m.keys().find(|k| !fields.contains(&k.as_str())) {
        let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        let expected = match list.len() {
            0 => "there are no fields".to_string(),
            1 => format!("expected {}", list[0]),
            2 => format!("expected {} or {}", list[0], list[1]),
            _ => format!("expected one of {}", list.join(", ")),
        };
        // A key too long to repeat in a path is reported at its object.
        let (path, at) = if k.len() > 64 { (p.to_string(), At::Value) } else { (child(p, k), At::Key) };
        return Err(Fail { path, message: clip(format!("unknown field `{k}`, {expected}")), at });
    }
    Ok(Obj { m, p, first: Cell::new(None) })
}

/// The object at `p`, ignoring fields it does not know.
pub(crate) fn lenient<'a>(v: &'a Value, p: &'a str, name: &str) -> R<Obj<'a>> {
    match v {
        Value::Object(m) => Ok(Obj { m, p, first: Cell::new(None) }),
        _ => Err(invalid_type(p, v, &format!("struct {name}"))),
    }
}

impl<'a> Obj<'a> {
    pub(crate) fn req<T>(&self, key: &str, f: fn(&'a Value, &str) -> R<T>) -> R<T> {
        let (v, p) = self.field(key)?;
        f(v, &p)
    }

    /// The member `key` and its path; an error when it is missing.
    #[inline(never)]
    fn field(&self, key: &str) -> R<(&'a Value, String)> {
        match self.m.get(key) {
            Some(v) => Ok((v, child(self.p, key))),
            None => Err(Fail { path: self.p.into(), message: format!("missing field `{key}`"), at: At::End }),
        }
    }

    /// An optional field: absent or `null` is `None`.
    pub(crate) fn opt<T>(&self, key: &str, f: fn(&'a Value, &str) -> R<T>) -> R<Option<T>> {
        match self.opt_field(key) {
            None => Ok(None),
            Some((v, p)) => f(v, &p).map(Some),
        }
    }

    #[inline(never)]
    fn opt_field(&self, key: &str) -> Option<(&'a Value, String)> {
        match self.m.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some((v, child(self.p, key))),
        }
    }

    /// Like [`Obj::req`], but a failure is kept (the first one) for
    /// [`Obj::end`] instead of returned: a struct decoded with these has one
    /// exit, where a `?` after every field made the compiler write the
    /// dropping of the fields decoded so far once per field (about 0.4 KB of
    /// wasm per field of the content file).
    pub(crate) fn get<T: Default>(&self, key: &str, f: fn(&'a Value, &str) -> R<T>) -> T {
        self.keep(self.req(key, f)).unwrap_or_default()
    }

    /// [`Obj::opt`] the way [`Obj::get`] is [`Obj::req`].
    pub(crate) fn get_opt<T>(&self, key: &str, f: fn(&'a Value, &str) -> R<T>) -> Option<T> {
        self.keep(self.opt(key, f)).flatten()
    }

    /// An optional list: absent or `null` is empty.
    pub(crate) fn get_list<T>(&self, key: &str, f: fn(&Value, &str) -> R<T>) -> Vec<T> {
        match self.opt_field(key) {
            None => Vec::new(),
            Some((v, p)) => self.keep(list(v, &p, f)).unwrap_or_default(),
        }
    }

    fn keep<T>(&self, r: R<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    #[inline(never)]
    fn fail(&self, e: Fail) {
        let first = self.first.take().unwrap_or(e);
        self.first.set(Some(first));
    }

    /// `value`, or the first failure [`Obj::get`] kept while it was made.
    pub(crate) fn end<T>(&self, value: T) -> R<T> {
        match self.first.take() {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    pub(crate) fn string(&self, key: &str) -> R<String> {
        self.req(key, string)
    }
}

pub(crate) fn string(v: &Value, p: &str) -> R<String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(invalid_type(p, v, "a string")),
    }
}

pub(crate) fn bool_(v: &Value, p: &str) -> R<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        _ => Err(invalid_type(p, v, "a boolean")),
    }
}

pub(crate) fn uint(v: &Value, p: &str, max: u64, name: &str) -> R<u64> {
    let Value::Number(n) = v else { return Err(invalid_type(p, v, name)) };
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) if u <= max => Ok(u),
        (Some(_), _) | (None, Some(_)) => Err(Fail {
            path: p.into(),
            message: format!("invalid value: {}, expected {name}", unexpected(v)),
            at: At::Value,
        }),
        _ => Err(invalid_type(p, v, name)),
    }
}

pub(crate) fn u8_(v: &Value, p: &str) -> R<u8> {
    uint(v, p, u8::MAX.into(), "u8").map(|n| n as u8)
}

pub(crate) fn u16_(v: &Value, p: &str) -> R<u16> {
    uint(v, p, u16::MAX.into(), "u16").map(|n| n as u16)
}

pub(crate) fn u32_(v: &Value, p: &str) -> R<u32> {
    uint(v, p, u32::MAX.into(), "u32").map(|n| n as u32)
}

pub(crate) fn u64_(v: &Value, p: &str) -> R<u64> {
    uint(v, p, u64::MAX, "u64")
}

pub(crate) fn f64_(v: &Value, p: &str) -> R<f64> {
    match v {
        Value::Number(n) => Ok(n.as_f64().unwrap_or(0.0)),
        _ => Err(invalid_type(p, v, "f64")),
    }
}

pub(crate) fn list<T>(v: &Value, p: &str, f: fn(&Value, &str) -> R<T>) -> R<Vec<T>> {
    let a = array(v, p)?;
    let mut out = Vec::with_capacity(a.len());
    for (i, x) in a.iter().enumerate() {
        out.push(f(x, &index(p, i))?);
    }
    Ok(out)
}

#[inline(never)]
fn array<'a>(v: &'a Value, p: &str) -> R<&'a Vec<Value>> {
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(invalid_type(p, v, "a sequence")),
    }
}

#[inline(never)]
fn index(p: &str, i: usize) -> String {
    format!("{p}[{i}]")
}

pub(crate) fn text(v: &Value, p: &str) -> R<Text> {
    let o = obj(v, p, "Text", &["ja", "en"])?;
    let t = Text { ja: o.get("ja", string), en: o.get("en", string) };
    o.end(t)
}

/// ` at line L column C` for an error at `path` (as serde_json counts: the
/// line's bytes consumed when the error was found), or "" when the spot
/// cannot be found again.
pub(crate) fn locate(json: &str, path: &str, at: At) -> String {
    let b = json.as_bytes();
    let Some(pos) = find(b, path, at) else { return String::new() };
    let line_start = b[..pos].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    let line = 1 + b[..pos].iter().filter(|&&c| c == b'\n').count();
    format!(" at line {line} column {}", pos - line_start)
}

fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// End (exclusive) of the JSON value starting at `i`.
fn skip(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => {
            let mut j = i + 1;
            loop {
                match *b.get(j)? {
                    b'\\' => j += 2,
                    b'"' => return Some(j + 1),
                    _ => j += 1,
                }
            }
        }
        b'{' | b'[' => {
            let (mut depth, mut j) = (0usize, i);
            loop {
                match *b.get(j)? {
                    b'"' => {
                        j = skip(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            Some(j)
        }
    }
}

/// Calls `f(key, key_end, value_start)` for each member (object) or element
/// (array; key empty) of the container starting at `i`.
fn members(b: &[u8], i: usize, f: &mut dyn FnMut(&[u8], usize, usize)) -> Option<()> {
    let object = *b.get(i)? == b'{';
    let mut j = ws(b, i + 1);
    if matches!(b.get(j), Some(b'}' | b']')) {
        return Some(());
    }
    loop {
        let (mut key, mut key_end): (&[u8], usize) = (&[], j);
        if object {
            key_end = skip(b, j)?;
            key = b.get(j + 1..key_end - 1)?;
            j = ws(b, key_end);
            if *b.get(j)? != b':' {
                return None;
            }
            j = ws(b, j + 1);
        }
        f(key, key_end, j);
        j = ws(b, skip(b, j)?);
        if *b.get(j)? != b',' {
            return Some(());
        }
        j = ws(b, j + 1);
    }
}

fn find(b: &[u8], path: &str, at: At) -> Option<usize> {
    let mut start = ws(b, 0);
    let mut key_end = start;
    if !path.is_empty() {
        for part in path.split('.') {
            let (name, indices) = part.split_once('[').map_or((part, ""), |(n, rest)| (n, rest));
            if !name.is_empty() {
                let mut hit = None;
                members(b, start, &mut |k, ke, vs| {
                    if k == name.as_bytes() {
                        hit = Some((ke, vs));
                    }
                })?;
                (key_end, start) = hit?;
            }
            for ix in indices.split('[').filter(|s| !s.is_empty()) {
                let want: usize = ix.trim_end_matches(']').parse().ok()?;
                let (mut n, mut hit) = (0, None);
                members(b, start, &mut |_, _, vs| {
                    if n == want {
                        hit = Some(vs);
                    }
                    n += 1;
                })?;
                start = hit?;
            }
        }
    }
    match at {
        At::Key => Some(key_end),
        At::End => skip(b, start),
        At::Value if matches!(b.get(start), Some(b'{' | b'[')) => Some(start),
        At::Value => skip(b, start),
    }
}
