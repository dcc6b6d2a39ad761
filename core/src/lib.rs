//! # b2b-assessment-core
//!
//! The pure model of the b2b-assessment widget: the content set and its
//! schema, answers, scoring, benchmarks, recommendations, the report, share
//! links, stored progress, lead payloads and the outbox's retry rules, the
//! host's configuration, the UI string tables and the state machine.
//!
//! It has no web dependency (no yew, web-sys, wasm-bindgen, js-sys or gloo),
//! so every rule is tested natively. The widget crate (`b2b-assessment`)
//! renders what this crate computes; the reference receiver
//! (`b2b-assessment-server`) reads the lead envelope with it.
//!
//! ```
//! use b2b_assessment_core::domain::{Answers, Content, Report, Step};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let content = Content::default_set()?;
//! let mut answers = Answers::new(&content);
//! let yes = content.scale_index("yes").ok_or("no \"yes\" answer")?;
//! for i in 0..content.step_count() {
//!     let step = Step::at(&content, i).ok_or("no such step")?;
//!     let choice = if let Step::Check(_) = step { yes } else { 0 };
//!     answers.set(&content, step, choice)?;
//! }
//! let report = Report::build(&content, &answers).map_err(|e| format!("incomplete: {e:?}"))?;
//! assert_eq!(report.score.overall, 100);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

pub mod config;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod json;
pub mod sorted_map;
pub mod state;
mod util;

pub use error::{Error, Result};
