//! The end-to-end tests, in real Chromium through ChromeDriver against the
//! pages `b2b-serve` serves (`scripts/test e2e` sets them up; without
//! `E2E_URL` each test skips). One test binary: each binary would link the
//! widget, tokio and fantoccini again.
//!
//! - [`builder`]: the Builder's first slice: edit, preview, score, export.
//! - [`e2e`]: the visitor's paths through every mode and build, leads under
//!   injected faults, print, crashes and load failures.
//! - [`a11y`]: axe-core on every screen, keyboard-only use, screenshots.
//! - [`leads`]: leads as sales read them, the notice's purposes, a tampered outbox.
//! - [`prerender`]: the first views before the wasm: shown, live, replayed, equal.
//! - [`release`]: the release zip on a plain static server, the npm package, SRI.
//! - [`report`]: the report as a manager reads, prints and forwards it.
//! - [`share`]: share links across browsers and languages, and tampered ones.
//! - [`narrow`]: narrow host columns and viewports: nothing wider than the card.
//! - [`xss`]: the XSS corpus through every text a host or content file sets.
#![cfg(not(target_arch = "wasm32"))]

mod a11y;
mod builder;
mod common;
mod e2e;
mod leads;
mod narrow;
mod prerender;
mod release;
mod report;
mod share;
mod xss;
