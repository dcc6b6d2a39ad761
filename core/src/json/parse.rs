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
            if let Some(&pow) = POW10.get(exp.unsigned_abs() as usize) {
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

/// 10^0 ..= 10^308, each the float nearest to it (the compiler rounds the
/// literals), as `serde_json`'s table: computing them would be off in the last
/// place past 10^22 and a stored float would not read back the same.
#[rustfmt::skip]
static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46,
    1e47, 1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61,
    1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76,
    1e77, 1e78, 1e79, 1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91,
    1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105,
    1e106, 1e107, 1e108, 1e109, 1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118,
    1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131,
    1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144,
    1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157,
    1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170,
    1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183,
    1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196,
    1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
    1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222,
    1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235,
    1e236, 1e237, 1e238, 1e239, 1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248,
    1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261,
    1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274,
    1e275, 1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287,
    1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300,
    1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];
