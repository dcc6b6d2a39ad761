//! The model's native tests, in one test binary: each binary links the
//! crate and its dev-dependencies again, which is most of a test run's time
//! on a 2-core machine. One module per area; cases read as tables and
//! fixtures (`tests/fixtures/`).
#![cfg(not(target_arch = "wasm32"))]

use b2b_assessment_core::domain::ContentError;
use b2b_assessment_core::Error;

/// The content error a content decoder or check gave; it gives no other.
fn content_error(e: Error) -> ContentError {
    match e {
        Error::Content(c) => c,
        other => panic!("not a content error: {other:?}"),
    }
}

mod config;
mod domain;
mod fuzz;
mod hostile;
mod lead;
mod progress;
mod properties;
mod schema;
mod share;
mod state;
