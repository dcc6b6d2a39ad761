//! Checks the default content set (`content/default.json`) and packs the
//! quiz build's part of it, and joins and squeezes the widget's stylesheet
//! ([`widget_css`]).
//!
//! The JSON is parsed and validated with the core crate's own decoder, so a
//! broken default set fails the build with the error a visitor would
//! otherwise get. The quiz build then reads the packed form
//! (`Content::unpack`), which needs none of the decoding and checking code;
//! the other builds parse the JSON and never read the packed file.

use b2b_assessment_core::domain::content::packed;
use b2b_assessment_core::domain::Content;
use std::path::PathBuf;

fn main() {
    widget_css();
    for path in ["build.rs", "content/default.json", "core/src"] {
        println!("cargo::rerun-if-changed={path}");
    }
    let content = match Content::default_set() {
        Ok(c) => c,
        Err(e) => fail(&format!("content/default.json: {e}")),
    };
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else { fail("cargo did not set OUT_DIR") };
    let packed = packed::pack(&content.quiz_card_only());
    if let Err(e) = std::fs::write(out.join("default-content.bin"), packed) {
        fail(&format!("could not write the packed default content: {e}"));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}

/// The widget's stylesheets, squeezed ([`squeeze_css`]) into `$OUT_DIR`:
/// `base.css` and `overrides.css`, which every build gets from the loader
/// (adopted before any wasm, for the prerendered first views); `quiz.css`,
/// the quiz card's own rules, which a quiz gets from its view module (the
/// prerender step writes it there); and this build's own `widget.css`, which
/// `src/web/mount.rs` embeds and adopts between the loader's two:
/// `styles/flow.css` with the `flow` feature, `lead.css` with the `lead`
/// feature; empty for the quiz build.
fn widget_css() {
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    let Some(out) = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from) else {
        fail("cargo did not set OUT_DIR")
    };
    let read = |name: &str| {
        let path = format!("styles/{name}.css");
        println!("cargo::rerun-if-changed={path}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{path}: {e}")))
    };
    let (base, quiz, overrides) = (read("base"), read("quiz"), read("overrides"));
    let mut own = String::new();
    for (name, wanted) in [("flow", feature("FLOW")), ("lead", feature("LEAD"))] {
        let css = read(name);
        if wanted {
            own.push_str(&css);
            own.push('\n');
        }
    }
    for (file, css) in [("base.css", base), ("quiz.css", quiz), ("overrides.css", overrides), ("widget.css", own)] {
        if let Err(e) = std::fs::write(out.join(file), squeeze_css(&css)) {
            fail(&format!("could not write the widget's stylesheet {file}: {e}"));
        }
    }
}

/// Removes what a CSS parser ignores: comments, and whitespace runs outside
/// strings, which become one space, or none next to `{`, `}`, `;` or `,`,
/// after `:` or before `!`; and the `;` before a `}`.
/// (A comment inside a string is kept; the end of one is the first `*/`.)
fn squeeze_css(s: &str) -> String {
    let s = s.as_bytes();
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let mut quote = 0u8; // the open string's quote, or 0
    let mut space = false; // whitespace or a comment seen since the last byte written
    while i < s.len() {
        let c = s[i];
        if quote != 0 {
            out.push(c);
            if c == b'\\' && i + 1 < s.len() {
                out.push(s[i + 1]);
                i += 1;
            } else if c == quote {
                quote = 0;
            }
            i += 1;
            continue;
        }
        if c == b'/' && s.get(i + 1) == Some(&b'*') {
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
        let tight = |b: u8| matches!(b, b'{' | b'}' | b';' | b',');
        // Nor after a colon (in a selector none may follow one; a value's
        // leading space is dropped anyway) or before `!important`.
        if space && out.last().is_some_and(|&b| !tight(b) && b != b':') && !tight(c) && c != b'!' {
            out.push(b' ');
        }
        space = false;
        // A block's last declaration needs no `;`.
        if c == b'}' && out.last() == Some(&b';') {
            out.pop();
        }
        if c == b'"' || c == b'\'' {
            quote = c;
        }
        out.push(c);
        i += 1;
    }
    // Only ASCII bytes were left out or added: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| fail("the squeezed stylesheet is not UTF-8"))
}
