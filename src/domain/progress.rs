//! Progress kept between visits: the answers (in the share-link encoding)
//! and where the visitor was, versioned. Reading never panics; anything
//! corrupt, foreign or from another question set is refused with a reason,
//! and the caller starts afresh.

use super::answers::Answers;
use super::content::Content;
use super::share;
use super::json::{invalid_type, obj, uint, Fail, R};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
        // The derived format, written by hand: {"v":1,"answers":"…","place":{"at":"question","step":3}}.
        let answers = Value::String(share::encode(content, answers));
        let place = match place {
            Place::Question(i) => format!(r#"{{"at":"question","step":{i}}}"#),
            Place::Report => r#"{"at":"report"}"#.to_string(),
        };
        format!(r#"{{"v":{VERSION},"answers":{answers},"place":{place}}}"#)
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
        let p = progress(&v).map_err(|f| format!("progress: {}", f.message))?;
        let answers = share::decode(content, &p.answers).map_err(|e| format!("progress: {e}"))?;
        let place = match p.place {
            Place::Question(i) if i >= content.step_count() => return Err(format!("progress: no question {i}")),
            Place::Report if !answers.is_complete(content) => return Err("progress: report without all answers".into()),
            other => other,
        };
        Ok((answers, place))
    }
}

fn progress(v: &Value) -> R<Progress> {
    let o = obj(v, "", "Progress", &["v", "answers", "place"])?;
    Ok(Progress { v: VERSION, answers: o.string("answers")?, place: o.req("place", place)? })
}

/// `{"at":"question","step":3}` or `{"at":"report"}` (serde's adjacently
/// tagged form; other members are ignored).
fn place(v: &Value, p: &str) -> R<Place> {
    let fail = |message: String| Fail { path: p.into(), message, at: super::json::At::Value };
    let Value::Object(m) = v else { return Err(invalid_type(p, v, "adjacently tagged enum Place")) };
    let step = m.get("step");
    match m.get("at") {
        None => Err(fail("missing field `at`".into())),
        Some(Value::String(at)) if at == "question" => match step {
            None => Err(fail("missing field `step`".into())),
            Some(n) => Ok(Place::Question(uint(n, p, usize::MAX as u64, "usize")? as usize)),
        },
        Some(Value::String(at)) if at == "report" => match step {
            None | Some(Value::Null) => Ok(Place::Report),
            Some(other) => Err(invalid_type(p, other, "unit variant Place::Report")),
        },
        Some(Value::String(at)) => Err(fail(format!("unknown variant `{at}`, expected `question` or `report`"))),
        Some(other) => Err(invalid_type(p, other, "string or map")),
    }
}
