//! Small helpers that keep the wasm small.

/// A CSS region only builds with the question flow and report need:
/// `/*@flow*/ … /*@end*/` (see [`squeeze`]; a region ends at the first
/// `/*@end*/`, so none may sit in a string).
pub const FLOW: u8 = 1;
/// A CSS region only builds with the lead form need: `/*@lead*/ … /*@end*/`.
pub const LEAD: u8 = 2;

/// Removes what a parser ignores from JSON (whitespace outside strings) or
/// CSS (comments; whitespace runs become one space, none next to `{};,`;
/// the [`FLOW`] and [`LEAD`] regions not in `keep`), at compile time: returns
/// the bytes (padded to `N`) and their length.
pub const fn squeeze<const N: usize>(s: &[u8], css: bool, keep: u8) -> ([u8; N], usize) {
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
            let region = if at(s, i, b"/*@flow*/") { FLOW } else if at(s, i, b"/*@lead*/") { LEAD } else { 0 };
            if region != 0 && keep & region == 0 {
                while i < s.len() && !at(s, i, b"/*@end*/") {
                    i += 1;
                }
                i += b"/*@end*/".len();
                space = true;
                continue;
            }
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

/// Whether `s[i..]` starts with `word`.
const fn at(s: &[u8], i: usize, word: &[u8]) -> bool {
    if i + word.len() > s.len() {
        return false;
    }
    let mut k = 0;
    while k < word.len() {
        if s[i + k] != word[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The first `M` bytes of `a`.
pub const fn prefix<const N: usize, const M: usize>(a: &[u8; N]) -> [u8; M] {
    let mut out = [0u8; M];
    let mut i = 0;
    while i < M {
        out[i] = a[i];
        i += 1;
    }
    out
}

/// `bytes` as UTF-8 (checked at compile time).
pub const fn utf8(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("squeezed text is not UTF-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn css(s: &str, keep: u8) -> String {
        let (b, n) = squeeze::<256>(s.as_bytes(), true, keep);
        String::from_utf8_lossy(&b[..n]).into_owned()
    }

    #[test]
    fn css_regions_are_kept_only_for_their_builds() {
        let src = "a { x: 1; }\n/*@flow*/\nb { y: 2; }\n/*@end*/\nc{z:3}\n/*@lead*/ d { w: \"}\"; } /*@end*/ e{v:4}";
        let cases = [
            (0, "a{x: 1;}c{z:3}e{v:4}"),
            (FLOW, "a{x: 1;}b{y: 2;}c{z:3}e{v:4}"),
            (FLOW | LEAD, "a{x: 1;}b{y: 2;}c{z:3}d{w: \"}\";}e{v:4}"),
        ];
        for (keep, want) in cases {
            assert_eq!(css(src, keep), want, "keep {keep}");
        }
    }
}
