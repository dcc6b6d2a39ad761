//! Checks the default content set (`content/default.json`) and packs it for
//! the quiz build, and joins and squeezes the widget's stylesheet
//! ([`widget_css`]).
//!
//! The JSON is parsed and validated here with the widget's own code
//! (`src/domain`, compiled into this script too), so a broken default set
//! fails the build with the error a visitor would otherwise get. The quiz
//! build (no `flow` feature) then reads the packed form
//! (`src/domain/content/packed.rs`), which needs none of the decoding and
//! checking code.
#![allow(dead_code, unused_imports)]

#[path = "src/util.rs"]
mod util;

#[path = "src/domain"]
mod domain {
    pub mod answers;
    pub mod benchmarks;
    pub mod content;
    pub mod json;
    pub mod lead;
    pub mod outbox;
    pub mod progress;
    pub mod recommend;
    pub mod report;
    pub mod scoring;
    pub mod share;
    pub mod strmap;
    pub mod text;

    pub use answers::{Answers, Step};
    pub use content::{Content, ContentError};
    pub use report::Report;
    pub use scoring::Score;
    pub use strmap::StrMap;
    pub use text::{Locale, Text};
}

fn main() {
    widget_css();
    for path in ["build.rs", "content/default.json", "src/domain", "src/domain.rs", "src/util.rs"] {
        println!("cargo::rerun-if-changed={path}");
    }
    let content = match domain::Content::default_set() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("content/default.json: {e}");
            std::process::exit(1);
        }
    };
    // The quiz build (no `flow` feature) reads no custom content and shows
    // only the quiz card: it carries that part of the set, packed. The other
    // builds parse the JSON (they have the decoder for custom content anyway,
    // and the packed form would add its own reader).
    if std::env::var_os("CARGO_FEATURE_FLOW").is_none() {
        let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
        let packed = domain::content::packed::pack(&content.quiz_card_only());
        if let Err(e) = std::fs::write(out.join("default-content.bin"), packed) {
            eprintln!("could not write the packed default content: {e}");
            std::process::exit(1);
        }
        println!("cargo::rustc-cfg=b2ba_packed");
    }
}

/// The widget's stylesheet for this build, as `$OUT_DIR/widget.css` (which
/// `src/web/mount.rs` embeds): `styles/base.css`, `flow.css` with the `flow`
/// feature, `lead.css` with the `lead` feature and `overrides.css`, in that
/// order, squeezed ([`squeeze_css`]). The quiz build has no question flow,
/// report or lead form to style, the page build no lead form.
fn widget_css() {
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    let mut css = String::new();
    for (name, wanted) in [("base", true), ("flow", feature("FLOW")), ("lead", feature("LEAD")), ("overrides", true)] {
        let path = format!("styles/{name}.css");
        println!("cargo::rerun-if-changed={path}");
        if !wanted {
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(s) => {
                css.push_str(&s);
                css.push('\n');
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(e) = std::fs::write(out.join("widget.css"), squeeze_css(&css)) {
        eprintln!("could not write the widget's stylesheet: {e}");
        std::process::exit(1);
    }
}

/// Removes what a CSS parser ignores: comments, and whitespace runs outside
/// strings, which become one space, or none next to `{`, `}`, `;` or `,`.
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
        if space && out.last().is_some_and(|&b| !tight(b)) && !tight(c) {
            out.push(b' ');
        }
        space = false;
        if c == b'"' || c == b'\'' {
            quote = c;
        }
        out.push(c);
        i += 1;
    }
    // Only ASCII bytes were left out or added: still UTF-8.
    String::from_utf8(out).expect("the stylesheet is UTF-8")
}
