//! Small helpers that keep the wasm small.

/// Removes what a parser ignores from JSON (whitespace outside strings) or
/// CSS (comments; whitespace runs become one space, none next to `{};,`),
/// at compile time: returns the bytes (padded to `N`) and their length.
pub(crate) const fn squeeze<const N: usize>(s: &[u8], css: bool) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n) = (0, 0);
    let mut quote = 0u8; // the open string's quote, or 0
    let mut space = false; // CSS: whitespace seen since the last byte written
    while i < s.len() {
        let c = s[i];
        if quote != 0 {
            out[n] = c;
            n += 1;
            if c == b'\\' && i + 1 < s.len() {
                out[n] = s[i + 1];
                n += 1;
                i += 1;
            } else if c == quote {
                quote = 0;
            }
            i += 1;
            continue;
        }
        if css && c == b'/' && i + 1 < s.len() && s[i + 1] == b'*' {
            i += 2;
            while i + 1 < s.len() && !(s[i] == b'*' && s[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            space = true;
            continue;
        }
        if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            space = true;
            i += 1;
            continue;
        }
        if css && space && n > 0 && !matches!(out[n - 1], b'{' | b'}' | b';' | b',') && !matches!(c, b'{' | b'}' | b';' | b',') {
            out[n] = b' ';
            n += 1;
        }
        space = false;
        if c == b'"' || (css && c == b'\'') {
            quote = c;
        }
        out[n] = c;
        n += 1;
        i += 1;
    }
    (out, n)
}

/// The first `M` bytes of `a`.
pub(crate) const fn prefix<const N: usize, const M: usize>(a: &[u8; N]) -> [u8; M] {
    let mut out = [0u8; M];
    let mut i = 0;
    while i < M {
        out[i] = a[i];
        i += 1;
    }
    out
}

/// `bytes` as UTF-8 (checked at compile time).
pub(crate) const fn utf8(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("squeezed text is not UTF-8"),
    }
}
