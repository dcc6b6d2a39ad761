//! Checks the default content set (`content/default.json`) and packs it for
//! the quiz build.
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
