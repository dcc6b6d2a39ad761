//! The pure model of the assessment: content, answers, scoring, benchmarks,
//! recommendations and the report built from them.
//!
//! Nothing in here knows about the browser or Yew, so every rule is tested
//! natively with plain `cargo test`.

pub mod answers;
pub mod benchmarks;
pub mod content;
pub(crate) mod decode;
pub mod lead;
pub mod outbox;
pub mod progress;
pub mod recommend;
pub mod report;
pub mod scoring;
pub mod share;
pub mod text;
pub mod url;

pub use answers::{Answers, Step};
pub use content::{Content, ContentError};
pub use report::Report;
pub use scoring::Score;
pub use text::{Locale, Text};

/// Strings by string key, in key order: settings, attributes, UTM parameters
/// and CRM field mappings (a sorted list, not a `BTreeMap`: see
/// [`crate::sorted_map`]).
pub type StrMap = crate::sorted_map::SortedMap<String>;
