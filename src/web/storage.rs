//! localStorage: the one accessor (also the outbox's), and progress,
//! namespaced and versioned. Every failure (storage disabled, quota, corrupt
//! data) is quiet for the visitor and never panics; corrupt data is
//! discarded with a console warning.

use crate::config::Mode;
use crate::domain::progress::{Place, Progress};
use crate::domain::{Answers, Content};
use crate::web::names::PROGRESS_KEY_PREFIX;

fn key(mode: Mode) -> String {
    PROGRESS_KEY_PREFIX.to_string() + mode.name()
}

/// The page's localStorage; `None` where there is none to use (no window,
/// storage disabled or denied, as in some privacy modes).
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved answers and place for `mode`, if any are usable.
pub fn load(content: &Content, mode: Mode) -> Option<(Answers, Place)> {
    let s = storage()?;
    let text = s.get_item(&key(mode)).ok().flatten()?;
    match Progress::decode(content, &text) {
        Ok(p) => Some(p),
        Err(e) => {
            crate::web::console_warn(&format_args!("saved {e}; starting afresh"));
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
