//! Answers encoded compactly for a URL fragment (`#b2ba=1.0120…`), so the
//! quiz can hand them to the full report page and a report can be shared,
//! without any server. Version first, then one character per step: the
//! choice's index in base 36, or `-` when unanswered. A link also names the
//! report's language (`#b2ba=1.0120…&b2ba-lang=en`) in a parameter of its
//! own, so links without one still read, and a widget that knows no
//! language parameter still reads the answers.

use super::answers::{Answers, Step};
use super::content::Content;
use super::text::Locale;
use crate::{Error, Result};

/// The fragment key.
pub const KEY: &str = "b2ba";
/// The fragment key of the report's language.
pub const LANG_KEY: &str = "b2ba-lang";
/// The encoding version this build writes and reads.
pub const VERSION: u32 = 1;
/// Longest encoded value accepted; anything longer is refused before parsing.
pub const MAX_LEN: usize = 4096;
// The most checks a content set may have, the four profile steps and a
// "<version>." prefix fit.
const _: () = assert!(super::content::MAX_CHECKS + 4 + 12 <= MAX_LEN);

/// Encodes `answers` as `1.<one char per step>`.
pub fn encode(content: &Content, answers: &Answers) -> String {
    let mut s = format!("{VERSION}.");
    for i in 0..content.step_count() {
        let ch = Step::at(content, i)
            .and_then(|step| answers.get(step))
            .and_then(|c| char::from_digit(c as u32, 36))
            .unwrap_or('-');
        s.push(ch);
    }
    s
}

/// Decodes a value made by [`encode`]. Every malformed input is an
/// [`Error::ShareLink`] that says what is wrong; nothing panics.
#[inline(never)] // compiled on first use only: most visits have no link
pub fn decode(content: &Content, value: &str) -> Result<Answers> {
    if value.len() > MAX_LEN {
        return Err(Error::ShareLink(format!("too long ({} bytes, at most {MAX_LEN})", value.len())));
    }
    let (version, body) =
        value.split_once('.').ok_or_else(|| Error::ShareLink("no version (expected \"1.…\")".into()))?;
    // Digits only (`str::parse` would take "+1"); a number too big for u32 is
    // still a version, just not one this build reads.
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::ShareLink(super::decode::clip(format!("version {version:?} is not a number"))));
    }
    if version.parse::<u32>() != Ok(VERSION) {
        return Err(Error::ShareLink(super::decode::clip(format!(
            "version {version} is not supported (this widget reads version {VERSION})"
        ))));
    }
    let n = content.step_count();
    let count = body.chars().count();
    if count != n {
        return Err(Error::ShareLink(format!(
            "{count} answers for {n} questions (truncated, or made for another question set)"
        )));
    }
    let mut answers = Answers::new(content);
    for (i, ch) in body.chars().enumerate() {
        if ch == '-' {
            continue;
        }
        let choice = ch
            .to_digit(36)
            .ok_or_else(|| Error::ShareLink(format!("character {ch:?} at position {} is not an answer", i + 1)))?;
        let step = Step::at(content, i).ok_or_else(|| Error::ShareLink(format!("no question {}", i + 1)))?;
        answers
            .set(content, step, choice as usize)
            .map_err(|_| Error::ShareLink(format!("answer {ch:?} at position {} does not exist", i + 1)))?;
    }
    Ok(answers)
}

/// Finds `b2ba=…` in a URL fragment (`#b2ba=1.…&other=x`), if present.
pub fn from_fragment(fragment: &str) -> Option<&str> {
    param(fragment, KEY)
}

/// The language a URL fragment asks for (`…&b2ba-lang=en`): `None` when it
/// names none, or one this widget does not speak.
pub fn locale_from_fragment(fragment: &str) -> Option<Locale> {
    param(fragment, LANG_KEY).and_then(Locale::from_tag)
}

/// The value of the first `key=…` in a fragment.
fn param<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment.trim_start_matches('#').split('&').find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
}

/// Answers for the full report: checks left off count as not in place, so
/// the report page asks only what the card did not.
pub fn handoff(content: &Content, answers: &Answers) -> Answers {
    let mut a = answers.clone();
    let off = content.scale_index("no").or_else(|| content.answer_scale.iter().position(|c| c.credit == 0));
    if let Some(off) = off {
        for (i, slot) in a.checks.iter_mut().enumerate() {
            if slot.is_none() && i < content.checks.len() {
                *slot = Some(off);
            }
        }
    }
    a
}

/// The quiz card's call to action: `url` with the card's answers handed
/// off ([`handoff`]) and its language in the fragment, so a visitor who
/// read the card in English gets the report in English.
pub fn cta_href(url: &str, content: &Content, answers: &Answers, locale: Locale) -> String {
    link(url, content, &handoff(content, answers), locale)
}

/// `url` with its fragment replaced by the share value of `answers` and the
/// report's language (the share link; neither ever reaches a server).
pub fn link(url: &str, content: &Content, answers: &Answers, locale: Locale) -> String {
    let base = url.split('#').next().unwrap_or(url);
    format!("{base}#{KEY}={}&{LANG_KEY}={locale}", encode(content, answers))
}
