//! Progress kept between visits: the answers (in the share-link encoding)
//! and where the visitor was, versioned. Reading never panics; anything
//! corrupt, foreign or from another question set is refused with a reason,
//! and the caller starts afresh.

use super::answers::Answers;
use super::content::Content;
use super::decode::{child, invalid_type, obj, uint, At, Fail, R};
use super::share;
use crate::json::unexpected;
use crate::json::Value;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// The stored format's version.
pub const VERSION: u32 = 1;
/// Longest stored text read; more cannot be progress for a valid content set.
const MAX_LEN: usize = 16 * 1024;

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

    /// Reads stored progress for `content`; anything else is an
    /// [`Error::Progress`] naming the part of the record that is wrong.
    #[inline(never)] // compiled on first use only: most visits store nothing
    pub fn decode(content: &Content, text: &str) -> Result<(Answers, Place)> {
        if text.len() > MAX_LEN {
            return Err(refuse("", format!("too long ({} bytes, at most {MAX_LEN})", text.len())));
        }
        let v: Value = crate::json::from_str(text).map_err(|e| refuse("", format!("not JSON ({e})")))?;
        match v.get("v") {
            Some(Value::Number(n)) if n.as_u64() == Some(u64::from(VERSION)) => {}
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => {
                return Err(refuse("", format!("version {n} is not supported (this widget reads version {VERSION})")))
            }
            None | Some(Value::Null) if v.is_object() => return Err(refuse("", "no version".into())),
            None => {
                return Err(refuse("", format!("no version (expected an object with \"v\", found {})", unexpected(&v))))
            }
            Some(other) => return Err(refuse("v", format!("expected a version number, found {}", unexpected(other)))),
        }
        let p = progress(&v).map_err(|f| refuse(&f.path, f.message))?;
        let answers = match share::decode(content, &p.answers) {
            Ok(a) => a,
            Err(Error::ShareLink(m)) => return Err(refuse("answers", m)),
            Err(e) => return Err(e),
        };
        let place = match p.place {
            Place::Question(i) if i >= content.step_count() => {
                return Err(refuse(
                    "place.step",
                    format!("no question {i} (the set has {} steps)", content.step_count()),
                ))
            }
            Place::Report if !answers.is_complete(content) => {
                return Err(refuse("place", "report without all answers".into()))
            }
            other => other,
        };
        Ok((answers, place))
    }
}

/// The [`Error::Progress`] for `field` (empty: the record as a whole).
#[cold]
#[inline(never)]
fn refuse(field: &str, message: String) -> Error {
    Error::Progress { field: field.into(), message }
}

fn progress(v: &Value) -> R<Progress> {
    let o = obj(v, "", "Progress", &["v", "answers", "place"])?;
    Ok(Progress { v: VERSION, answers: o.string("answers")?, place: o.req("place", place)? })
}

/// `{"at":"question","step":3}` or `{"at":"report"}` (serde's adjacently
/// tagged form; other members are ignored).
fn place(v: &Value, p: &str) -> R<Place> {
    let fail = |message: String| Fail { path: p.into(), message, at: At::Value };
    let Value::Object(m) = v else { return Err(invalid_type(p, v, "adjacently tagged enum Place")) };
    let step = m.get("step");
    match m.get("at") {
        None => Err(fail("missing field `at`".into())),
        Some(Value::String(at)) if at == "question" => match step {
            None => Err(fail("missing field `step`".into())),
            Some(n) => Ok(Place::Question(uint(n, &child(p, "step"), usize::MAX as u64, "usize")? as usize)),
        },
        Some(Value::String(at)) if at == "report" => match step {
            None | Some(Value::Null) => Ok(Place::Report),
            Some(other) => Err(invalid_type(&child(p, "step"), other, "no step at the report")),
        },
        Some(Value::String(at)) => Err(Fail {
            path: child(p, "at"),
            message: format!("unknown variant `{at}`, expected `question` or `report`"),
            at: At::Value,
        }),
        Some(other) => Err(invalid_type(&child(p, "at"), other, "`question` or `report`")),
    }
}
