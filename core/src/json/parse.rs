//! A JSON parser for [`Value`], with `serde_json`'s grammar, limits and
//! error messages: `expected value at line 1 column 5`, the same line and
//! column, the same nesting limit (128). `core/tests/model/fuzz.rs`
//! (`json_parser_agrees_with_serde_json`) holds it to giving what
//! `serde_json` gives, value and error, on thousands of documents.

use super::value::{Map, Number, Value};
use std::fmt;

/// A syntax error: what was wrong and where (1-based line; column = bytes
/// of the line read when it was found, as `serde_json` counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: &'static str,
    line: usize,
    column: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}

const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_NOT_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING: &str = "trailing characters";
const HEX_END: &str = "unexpected end of hex escape";
const RECURSION: &str = "recursion limit exceeded";

/// Parses one JSON document (whitespace around it allowed, nothing else).
pub fn from_str(text: &str) -> Result<Value, Error> {
    let mut p = Parser { b: text.as_bytes(), i: 0, depth: 128 };
    let v = p.value()?;
    match p.ws() {
        Some(_) => Err(p.peek_err(TRAILING)),
        None => Ok(v),
    }
}

type R<T> = Result<T, Error>;

struct Parser<'a> {
    b: &'a [u8],
    /// The next byte to read.
    i: usize,
    /// Containers that may still be opened.
    depth: u32,
}

impl Parser<'_> {
    /// An error found after reading up to `i`.
    #[cold]
    #[inline(never)]
    fn err_at(&self, message: &'static str, i: usize) -> Error {
        let b = &self.b[..i];
        let start = b.iter().rposition(|&c| c == b'\n').map_or(0, |n| n + 1);
        let line = 1 + b[..start].iter().filter(|&&c| c == b'\n').count();
        Error { message, line, column: i - start }
    }

    fn err(&self, message: &'static str) -> Error {
        self.err_at(message, self.i)
    }

    /// An error about the byte at `i` (counted as read).
    fn peek_err(&self, message: &'static str) -> Error {
        self.err_at(message, (self.i + 1).min(self.b.len()))
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    /// Skips whitespace; the next byte.
    fn ws(&mut self) -> Option<u8> {
        while let Some(c) = self.peek() {
            if !matches!(c, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(c);
            }
            self.i += 1;
        }
        None
    }

    fn value(&mut self) -> R<Value> {
        let Some(c) = self.ws() else { return Err(self.peek_err(EOF_VALUE)) };
        Ok(match c {
            b'n' => self.ident(b"null", Value::Null)?,
            b't' => self.ident(b"true", Value::Bool(true))?,
            b'f' => self.ident(b"false", Value::Bool(false))?,
            b'-' => {
                self.i += 1;
                self.number(false)?
            }
            b'0'..=b'9' => self.number(true)?,
            b'"' => {
                self.i += 1;
                Value::String(self.string()?)
            }
            b'[' | b'{' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return Err(self.peek_err(RECURSION));
                }
                self.i += 1;
                let v = if c == b'[' { self.array() } else { self.object() };
                self.depth += 1;
                v?
            }
            _ => return Err(self.peek_err(EXPECTED_VALUE)),
        })
    }

    fn ident(&mut self, word: &[u8], v: Value) -> R<Value> {
        self.i += 1;
        for &want in &word[1..] {
            let Some(c) = self.peek() else { return Err(self.err(EOF_VALUE)) };
            self.i += 1;
            if c != want {
                return Err(self.err(EXPECTED_IDENT));
            }
        }
        Ok(v)
    }

    /// Before the next element of a list or member of an object: `Ok(false)`
    /// at its end, `Ok(true)` when another one follows (after its comma).
    fn next(&mut self, first: bool, close: u8, eof: &'static str, expected: &'static str) -> R<bool> {
        let Some(c) = self.ws() else { return Err(self.peek_err(eof)) };
        if c == close {
            self.i += 1;
            return Ok(false);
        }
        let object = close == b'}';
        if first {
            if object && c != b'"' {
                return Err(self.peek_err(KEY_NOT_STRING));
            }
            return Ok(true);
        }
        if c != b',' {
            return Err(self.peek_err(expected));
        }
        self.i += 1;
        match self.ws() {
            None => Err(self.peek_err(EOF_VALUE)),
            Some(c) if c == close => Err(self.peek_err(TRAILING_COMMA)),
            Some(c) if object && c != b'"' => Err(self.peek_err(KEY_NOT_STRING)),
            Some(_) => Ok(true),
        }
    }

    fn array(&mut self) -> R<Value> {
        let mut out = Vec::new();
        while self.next(out.is_empty(), b']', EOF_LIST, EXPECTED_LIST_END)? {
            out.push(self.value()?);
        }
        Ok(Value::Array(out))
    }

    fn object(&mut self) -> R<Value> {
        let mut members = Vec::new();
        while self.next(members.is_empty(), b'}', EOF_OBJECT, EXPECTED_OBJECT_END)? {
            self.i += 1;
            let key = self.string()?;
            match self.ws() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_err(EXPECTED_COLON)),
                None => return Err(self.peek_err(EOF_OBJECT)),
            }
            members.push((key, self.value()?));
        }
        Ok(Value::Object(Map::from_vec(members)))
    }

    fn digit(&self) -> Option<u64> {
        let c = self.peek_or_null();
        c.is_ascii_digit().then(|| u64::from(c - b'0'))
    }

    /// A number, its sign (if any) read.
    fn number(&mut self, positive: bool) -> R<Value> {
        let Some(c) = self.peek() else { return Err(self.err(EOF_VALUE)) };
        self.i += 1;
        let mut sig = match c {
            b'0' if self.digit().is_some() => return Err(self.peek_err(INVALID_NUMBER)),
            b'0'..=b'9' => u64::from(c - b'0'),
            _ => return Err(self.err(INVALID_NUMBER)),
        };
        // Digits beyond what a u64 holds only scale the number.
        let mut exp = 0i32;
        let mut long = false;
        while let Some(d) = self.digit() {
            self.i += 1;
            if long || sig > (u64::MAX - d) / 10 {
                long = true;
                exp = exp.saturating_add(1);
            } else {
                sig = sig * 10 + d;
            }
        }
        let float = match self.peek_or_null() {
            b'.' => true,
            b'e' | b'E' => true,
            _ => long,
        };
        if !float {
            return Ok(Value::Number(if positive {
                Number::pos(sig)
            } else {
                match (sig as i64).wrapping_neg() {
                    n if n < 0 => Number::neg(n),
                    // -0 and below i64::MIN: a float.
                    _ => return Ok(Value::from(-(sig as f64))),
                }
            }));
        }
        if self.peek_or_null() == b'.' {
            self.i += 1;
            let (mut any, mut full) = (false, false);
            while let Some(d) = self.digit() {
                self.i += 1;
                any = true;
                // Once the significand is full, later digits are dropped.
                full = full || sig > (u64::MAX - d) / 10;
                if !full {
                    sig = sig * 10 + d;
                    exp -= 1;
                }
            }
            if !any {
                return Err(self.peek_err(if self.peek().is_some() { INVALID_NUMBER } else { EOF_VALUE }));
            }
        }
        if matches!(self.peek_or_null(), b'e' | b'E') {
            self.i += 1;
            let negative_exp = match self.peek_or_null() {
                b'+' => {
                    self.i += 1;
                    false
                }
                b'-' => {
                    self.i += 1;
                    true
                }
                _ => false,
            };
            let Some(c) = self.peek() else { return Err(self.err(EOF_VALUE)) };
            self.i += 1;
            if !c.is_ascii_digit() {
                return Err(self.err(INVALID_NUMBER));
            }
            let mut e = i32::from(c - b'0');
            while let Some(d) = self.digit() {
                self.i += 1;
                let d = d as i32;
                if e > (i32::MAX - d) / 10 {
                    // An exponent past i32: zero or out of range.
                    if sig != 0 && !negative_exp {
                        return Err(self.err(OUT_OF_RANGE));
                    }
                    while self.digit().is_some() {
                        self.i += 1;
                    }
                    return Ok(Value::from(if positive { 0.0 } else { -0.0 }));
                }
                e = e * 10 + d;
            }
            exp = if negative_exp { exp.saturating_sub(e) } else { exp.saturating_add(e) };
        }
        let f = self.scale(sig as f64, exp)?;
        Ok(Value::from(if positive { f } else { -f }))
    }

    /// `f · 10^exp`, as `serde_json` computes it (so a float reads back as
    /// the one `serde_json` reads).
    fn scale(&self, mut f: f64, mut exp: i32) -> R<f64> {
        loop {
            if exp.unsigned_abs() <= 308 {
                let pow = pow10(exp.unsigned_abs());
                if exp >= 0 {
                    f *= pow;
                    if f.is_infinite() {
                        return Err(self.err(OUT_OF_RANGE));
                    }
                } else {
                    f /= pow;
                }
                return Ok(f);
            }
            if f == 0.0 {
                return Ok(f);
            }
            if exp >= 0 {
                return Err(self.err(OUT_OF_RANGE));
            }
            f /= 1e308;
            exp += 308;
        }
    }

    /// A string's contents, its opening quote read.
    fn string(&mut self) -> R<String> {
        let mut out = Vec::new();
        let mut start = self.i;
        loop {
            while matches!(self.peek(), Some(c) if c != b'"' && c != b'\\' && c >= 0x20) {
                self.i += 1;
            }
            let Some(c) = self.peek() else { return Err(self.err(EOF_STRING)) };
            out.extend_from_slice(&self.b[start..self.i]);
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).map_err(|_| self.err("invalid unicode code point")),
                b'\\' => self.escape(&mut out)?,
                _ => return Err(self.err(CONTROL)),
            }
            start = self.i;
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> R<()> {
        let Some(c) = self.peek() else { return Err(self.err(EOF_STRING)) };
        self.i += 1;
        let byte = match c {
            b'"' | b'\\' | b'/' => c,
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode(out),
            _ => return Err(self.err(INVALID_ESCAPE)),
        };
        out.push(byte);
        Ok(())
    }

    /// A `\u` escape (a surrogate pair: both), `\u` read.
    fn unicode(&mut self, out: &mut Vec<u8>) -> R<()> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return Err(self.err(LONE_SURROGATE)),
            0xD800..=0xDBFF => {
                for want in [b'\\', b'u'] {
                    let Some(c) = self.peek() else { return Err(self.err(EOF_STRING)) };
                    self.i += 1;
                    if c != want {
                        return Err(self.err(HEX_END));
                    }
                }
                let n2 = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&n2) {
                    return Err(self.err(LONE_SURROGATE));
                }
                0x10000 + ((n - 0xD800) << 10 | (n2 - 0xDC00))
            }
            n => n,
        };
        let mut buf = [0; 4];
        // Every value left is a scalar value: surrogates were handled above.
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> R<u32> {
        let Some(hex) = self.b.get(self.i..self.i + 4) else {
            self.i = self.b.len();
            return Err(self.err(EOF_STRING));
        };
        self.i += 4;
        let mut n = 0;
        for &c in hex {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => return Err(self.err(INVALID_ESCAPE)),
            };
            n = n << 4 | u32::from(d);
        }
        Ok(n)
    }
}

/// 10^k for k ≤ 308: the float nearest to it, as in `serde_json`'s table of
/// literals (multiplying tens would be off in the last place past 10^22, and a
/// stored float would not read back as `serde_json` reads it). Computed
/// rather than stored: the table was 2.4 KB of incompressible wasm data.
///
/// 5^k as a big integer (10^k = 5^k · 2^k), its top 64 bits rounded once by
/// the `u64` to `f64` conversion, with a sticky bit for the bits below them so
/// that the conversion's ties-to-even sees an exact tie only when there is one,
/// then scaled by a power of two (exact). Test: every k against the parsed
/// literal.
fn pow10(k: u32) -> f64 {
    if k <= 22 {
        // Exact: 10^22 = 5^22 · 2^22 and 5^22 < 2^53.
        let mut f = 1.0;
        for _ in 0..k {
            f *= 10.0;
        }
        return f;
    }
    // 5^k in 32-bit limbs, least significant first: 5^308 < 2^716 = 2^(23·32 - 20).
    let mut limbs = [0u32; 23];
    let (mut len, mut n) = (1, k);
    limbs[0] = 1;
    while n > 0 {
        // 5^13 is the largest power of 5 below 2^32.
        let step = n.min(13);
        n -= step;
        let m = 5u64.pow(step);
        let mut carry = 0;
        for l in &mut limbs[..len] {
            let x = u64::from(*l) * m + carry;
            *l = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            limbs[len] = carry as u32;
            len += 1;
        }
    }
    let bits = 32 * len as u32 - limbs[len - 1].leading_zeros();
    let (mut top, mut sticky) = (0u64, 0u64);
    for i in (0..bits).rev() {
        let bit = u64::from(limbs[(i / 32) as usize] >> (i % 32) & 1);
        if i + 64 >= bits {
            top = top << 1 | bit;
        } else {
            sticky |= bit;
        }
    }
    // `top` holds 5^k's top 64 bits (all of them when it has fewer): the rest
    // and 2^k are a power of two, at most 2^(716 - 64 + 308), a normal float.
    let scale = f64::from_bits(u64::from(bits.max(64) - 64 + k + 1023) << 52);
    (top | sticky) as f64 * scale
}

#[cfg(test)]
mod tests {
    use super::pow10;

    #[test]
    fn powers_of_ten_are_the_nearest_floats() {
        for k in 0..=308 {
            let want: f64 = format!("1e{k}").parse().unwrap();
            assert_eq!(pow10(k).to_bits(), want.to_bits(), "10^{k}");
        }
    }
}
