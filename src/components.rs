//! The Yew components, one per file. Children get domain values through
//! `on_<verb>` callbacks and read the content and locale from [`Ctx`].

pub mod answer_sheet;
pub mod app;
pub mod benchmark_panel;
pub mod category_scores;
pub mod cost_estimate;
pub mod costly_answers;
pub mod error_box;
pub mod failed;
pub mod intro;
pub mod lang_switch;
pub mod lead_form;
pub mod lead_status_line;
pub mod next_actions;
pub mod org_model;
pub mod question;
pub mod quiz;
pub mod quiz_switch;
pub mod radar;
pub mod report;
pub mod score_summary;
pub mod scoring_method;
pub mod share_link;
pub mod source_note;
pub mod sourcing_advice;

use crate::domain::{Content, Locale};
use crate::web::Page;
use std::rc::Rc;
use yew::Callback;

/// Read-mostly data every component may need.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The content set.
    pub content: Rc<Content>,
    /// The current language.
    pub locale: Locale,
    /// Where the host page is now: the mount gives a reader of the page's
    /// address, tests and previews a fixed one, so components never reach
    /// for `window` themselves. Read when a link is built, so a page that
    /// changed its address since the mount (a single-page app,
    /// `history.replaceState` dropping a token) gets the current one.
    pub page: Callback<(), Page>,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.content, &other.content) && self.locale == other.locale && self.page == other.page
    }
}
