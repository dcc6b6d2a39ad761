//! Small helpers that keep the wasm small.

/// Removes what a JSON parser ignores (whitespace outside strings), at
/// compile time: returns the bytes (padded to `N`) and their length.
pub(crate) const fn squeeze<const N: usize>(s: &[u8]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let (mut i, mut n) = (0, 0);
    let mut quoted = false;
    while i < s.len() {
        let c = s[i];
        if quoted {
            out[n] = c;
            n += 1;
            if c == b'\\' && i + 1 < s.len() {
                out[n] = s[i + 1];
                n += 1;
                i += 1;
            } else if c == b'"' {
                quoted = false;
            }
            i += 1;
            continue;
        }
        if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
            quoted = c == b'"';
            out[n] = c;
            n += 1;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_loses_only_the_whitespace_outside_strings() {
        let src = "{\n  \"a b\": [1, \"c \\\" d\"],\r\n\t\"e\" : \" \" }";
        let (b, n) = squeeze::<64>(src.as_bytes());
        assert_eq!(std::str::from_utf8(&b[..n]), Ok("{\"a b\":[1,\"c \\\" d\"],\"e\":\" \"}"));
    }
}
