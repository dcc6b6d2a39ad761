//! Scores per category, as a table with bars.

use super::score_summary::SectionProps;
use super::Ctx;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// A table of category scores; the bars are decoration, the numbers are text.
#[function_component(CategoryScores)]
pub fn category_scores(props: &SectionProps) -> Html {
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    html! {
        <details class="b2ba-categories b2ba-fold">
            <summary><h3>{ t(l, Key::ScoreTable) }</h3></summary>
            if full { <>
            <table class="b2ba-table">
                <thead><tr>
                    <th scope="col">{ t(l, Key::Category) }</th>
                    <th scope="col" class="b2ba-num">{ t(l, Key::Score) }</th>
                    <th scope="col" class="b2ba-bar-col"><span class="b2ba-sr">{ t(l, Key::Score) }</span></th>
                </tr></thead>
                <tbody>
                { for props.report.score.categories.iter().filter_map(|cs| {
                    let cat = c.categories.get(cs.category)?;
                    Some(html! {
                        <tr data-category={cat.id.clone()}>
                            <th scope="row">{ cat.label.get(l) }</th>
                            <td class="b2ba-num b2ba-cat-score">{ cs.score }</td>
                            <td class="b2ba-bar-col">
                                <svg class="b2ba-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                    <rect class="b2ba-meter-track" x="0" y="0" width="100" height="8" rx="2" />
                                    <rect class="b2ba-meter-fill" x="0" y="0" width={cs.score.to_string()} height="8" rx="2" />
                                </svg>
                            </td>
                        </tr>
                    })
                }) }
                </tbody>
            </table>
            </> }
        </details>
    }
}
