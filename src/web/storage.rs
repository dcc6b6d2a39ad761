//! Progress in localStorage, namespaced and versioned. Every failure
//! (storage disabled, quota, corrupt data) is quiet for the visitor and
//! never panics; corrupt data is discarded with a console warning.

use crate::domain::progress::{Place, Progress};
use crate::domain::{Answers, Content};
use crate::config::Mode;

fn key(mode: Mode) -> String {
    format!("b2b-assessment:progress:v1:{}", mode.name())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved answers and place for `mode`, if any are usable.
pub fn load(content: &Content, mode: Mode) -> Option<(Answers, Place)> {
    let s = storage()?;
    let text = s.get_item(&key(mode)).ok().flatten()?;
    match Progress::decode(content, &text) {
        Ok(p) => Some(p),
        Err(e) => {
            web_sys::console::warn_1(&format!("b2b-assessment: saved {e}; starting afresh").into());
            let _ = s.remove_item(&key(mode));
            None
        }
    }
}

/// Saves progress; with nothing answered, forgets it.
pub fn save(content: &Content, mode: Mode, answers: &Answers, place: Place) {
    let Some(s) = storage() else { return };
    if answers.answered() == 0 {
        let _ = s.remove_item(&key(mode));
    } else {
        let _ = s.set_item(&key(mode), &Progress::encode(content, answers, place));
    }
}
