//! # b2b-assessment
//!
//! An embeddable self-assessment of a B2B marketing organisation, in Rust and
//! WebAssembly with Yew. The visitor answers four profile questions and fifteen
//! checks; the widget scores them in the browser against the content set's
//! weights and published survey benchmarks and shows a report with ranked next
//! steps. Nothing leaves the browser unless the site owner turns on the lead
//! form.
//!
//! The scoring model is plain Rust and can be used without a browser:
//!
//! ```
//! use b2b_assessment::domain::{Answers, Content, Report, Step};
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
//!
//! In a page, the loader `pkg/b2b-assessment.js` (built by `scripts/build`)
//! mounts the widget on `<b2b-assessment>` and `[data-b2b-assessment]` elements.
#![deny(missing_docs)]

pub mod build;
pub mod components;
pub mod machine;
pub mod web;

// The pure model lives in the core crate (no web dependency, tested
// natively); the widget re-exports it so its code and tests name one path.
pub use b2b_assessment_core::{config, domain, error, i18n, json, state};
pub use b2b_assessment_core::{Error, Result};
