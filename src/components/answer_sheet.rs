//! The answer sheet: every question with the visitor's answer, and what each
//! check is worth, at the end of the report. A view function, not a
//! component (no hooks; see radar.rs).

use super::Ctx;
use crate::domain::content::ProfileField;
use crate::domain::{Answers, Report, Step};
use crate::i18n::{self, t, Key};
use yew::prelude::*;

/// Question → answer (→ what a check is worth), collapsed; the body only
/// when `full` (see ReportView).
pub fn answer_sheet(ctx: &Ctx, report: &Report, answers: &Answers, full: bool) -> Html {
    let (c, l) = (&ctx.content, ctx.locale);
    if !full {
        return html! {
            <details class="b2ba-sheet b2ba-fold"><summary><h3>{ t(l, Key::AnswerSheet) }</h3></summary></details>
        };
    }
    let none = t(l, Key::OrNotAnswered);
    let profile = ProfileField::ALL.iter().map(|f| {
        let q = c.profile.get(*f);
        let a = answers.profile(*f).and_then(|i| q.options.get(i)).map_or(none, |o| o.label.get(l));
        (q.text.get(l), a, String::new())
    });
    let checks = c.checks.iter().enumerate().map(|(i, k)| {
        let a = answers.get(Step::Check(i)).and_then(|a| c.answer_scale.get(a)).map_or(none, |s| s.label.get(l));
        let worth = report.score.worth.get(i).copied().unwrap_or(0.0);
        (k.text.get(l), a, i18n::worth(l, worth))
    });
    html! {
        <details class="b2ba-sheet b2ba-fold">
            <summary><h3>{ t(l, Key::AnswerSheet) }</h3></summary>
            <table class="b2ba-table">
                <thead><tr>
                    <th scope="col">{ t(l, Key::Question) }</th>
                    <th scope="col">{ t(l, Key::Answer) }</th>
                    <th scope="col" class="b2ba-num">{ t(l, Key::Points) }</th>
                </tr></thead>
                <tbody>
                { for profile.chain(checks).map(|(q, a, p)| html! {
                    <tr><th scope="row">{ q }</th><td>{ a }</td><td class="b2ba-num">{ p }</td></tr>
                }) }
                </tbody>
            </table>
        </details>
    }
}
