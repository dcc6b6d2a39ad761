//! Progress kept between visits: the answers (in the share-link encoding)
//! and where the visitor was, versioned. Reading never panics; anything
//! corrupt, foreign or from another question set is refused with a reason,
//! and the caller starts afresh.

use super::answers::Answers;
use super::content::Content;
use super::share;
use serde::{Deserialize, Serialize};

/// The stored format's version.
pub const VERSION: u32 = 1;

/// Where the visitor was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "at", content = "step", rename_all = "snake_case")]
pub enum Place {
    /// At a question (flow index).
    Question(usize),
    /// At the report (or the gate in front of it).
    Report,
}

/// What is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Format version.
    pub v: u32,
    /// Answers in the share-link encoding.
    pub answers: String,
    /// Where the visitor was.
    pub place: Place,
}

impl Progress {
    /// The stored form of `answers` at `place`.
    pub fn encode(content: &Content, answers: &Answers, place: Place) -> String {
        let p = Progress { v: VERSION, answers: share::encode(content, answers), place };
        serde_json::to_string(&p).unwrap_or_default()
    }

    /// Reads stored progress for `content`.
    pub fn decode(content: &Content, text: &str) -> Result<(Answers, Place), String> {
        if text.len() > 16 * 1024 {
            return Err(format!("progress: too long ({} bytes)", text.len()));
        }
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("progress: not JSON ({e})"))?;
        match v.get("v").and_then(|v| v.as_u64()) {
            Some(n) if n == u64::from(VERSION) => {}
            Some(n) => return Err(format!("progress: version {n} is not supported")),
            None => return Err("progress: no version".into()),
        }
        let p: Progress = serde_json::from_value(v).map_err(|e| format!("progress: {e}"))?;
        let answers = share::decode(content, &p.answers).map_err(|e| format!("progress: {e}"))?;
        let place = match p.place {
            Place::Question(i) if i >= content.step_count() => return Err(format!("progress: no question {i}")),
            Place::Report if !answers.is_complete(content) => return Err("progress: report without all answers".into()),
            other => other,
        };
        Ok((answers, place))
    }
}
