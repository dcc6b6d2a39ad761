//! # b2b-assessment
//!
//! An embeddable self-assessment of a B2B marketing organisation, in Rust and
//! WebAssembly with Yew. The visitor answers four profile questions and fifteen
//! checks; the widget scores them in the browser against the content set's
//! weights and published survey benchmarks and shows a report with ranked next
//! steps. Nothing is sent anywhere.
//!
//! The scoring model is plain Rust and can be used without a browser:
//!
//! ```
//! use b2b_assessment::domain::{Answers, Content, Report, Step};
//!
//! let content = Content::default_set().expect("the default set is valid");
//! let mut answers = Answers::new(&content);
//! let yes = content.scale_index("yes").unwrap();
//! for i in 0..content.step_count() {
//!     let step = Step::at(&content, i).unwrap();
//!     let choice = if let Step::Check(_) = step { yes } else { 0 };
//!     answers.set(&content, step, choice).unwrap();
//! }
//! let report = Report::build(&content, &answers).unwrap();
//! assert_eq!(report.score.overall, 100);
//! ```
//!
//! In a page, `pkg/b2b_assessment.js` (built by `scripts/build`) mounts the
//! widget on every element with a `data-b2b-assessment` attribute.
#![deny(missing_docs)]

pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod state;
mod util;
pub mod web;

pub use error::{Error, Result};
