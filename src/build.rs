//! What this build of the widget carries, as constants.
//!
//! Three builds come from one crate (`scripts/build`): the article quiz
//! (no features), the standalone page (`flow`) and the full widget (`lead`,
//! the default). This is the one place the features are read; the rest of
//! the code branches on these constants with plain `if`s, so every build's
//! code is type-checked by every `cargo check`, and the optimiser drops the
//! branches a build does not take.

use crate::domain::Content;
use crate::Result;

/// The question flow, the full report and stored progress (page and full
/// builds). Without it the build shows only the quiz card.
pub const FLOW: bool = cfg!(feature = "flow");
/// The lead form, the outbox that sends leads and the CRM payloads (full
/// build).
pub const LEAD: bool = cfg!(feature = "lead");
/// A build whose start button panics, for the crash-handling e2e test only.
pub const CRASH_TEST: bool = cfg!(feature = "crash-test");

/// The quiz card's part of the default content, packed by build.rs.
const PACKED_DEFAULT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default-content.bin"));

/// The compiled-in default content set. The quiz build reads the packed
/// copy of the quiz card's part, so none of the JSON decoding and checking
/// code is in it (it reads no custom content either).
pub fn default_content() -> Result<Content> {
    if FLOW {
        Content::default_set()
    } else {
        Content::unpack(PACKED_DEFAULT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::content::DEFAULT_JSON;

    /// scripts/test runs this without features too: the quiz build's packed
    /// copy must be the card's part of `content/default.json`.
    #[test]
    fn the_default_content_is_content_default_json() {
        let parsed = Content::parse(DEFAULT_JSON).unwrap_or_else(|e| panic!("content/default.json: {e}"));
        let expected = if FLOW { parsed.clone() } else { parsed.quiz_card_only() };
        assert_eq!(default_content(), Ok(expected), "build::default_content() (FLOW = {FLOW})");
    }
}
