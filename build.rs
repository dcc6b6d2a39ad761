//! Checks the default content set (`content/default.json`) and packs the
//! quiz build's part of it.
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
