//! How the score is computed, from the content: what each answer earns, the
//! category weights with the reason for each, and the level thresholds. A
//! view function, not a component (no hooks; see radar.rs).

use super::source_note::SourceNote;
use super::Ctx;
use crate::i18n::{colon, from_score, t, weight_line, Key};
use yew::prelude::*;

/// The scoring rules, collapsed; the body only when `full` (see
/// ReportView).
pub fn scoring_method(ctx: &Ctx, full: bool) -> Html {
    let (c, l) = (&ctx.content, ctx.locale);
    let total: u32 = c.categories.iter().map(|k| k.weight).sum();
    html! {
        <details class="b2ba-method b2ba-fold">
            <summary><h3>{ t(l, Key::HowScored) }</h3></summary>
            if full { <>
            <p>{ t(l, Key::CreditRule) }</p>
            <ul class="b2ba-credits">
                { for c.answer_scale.iter().map(|s| html! { <li>{ s.label.get(l) }{ colon(l) }{ s.credit }{ "%" }</li> }) }
            </ul>
            <p>{ t(l, Key::UnknownRule) }</p>
            <p>{ t(l, Key::MeanRule) }</p>
            <dl class="b2ba-dl b2ba-weights">
                { for c.categories.iter().map(|k| html! {
                    <div data-category={k.id.clone()}>
                        <dt>{ k.label.get(l) }</dt>
                        <dd>
                            { weight_line(l, k.weight, total, c.checks.iter().filter(|x| x.category == k.id).count()) }
                            if let Some(n) = &k.note { <span class="b2ba-weight-note">{ n.get(l) }</span> }
                        </dd>
                    </div>
                }) }
            </dl>
            <p class="b2ba-label">{ t(l, Key::LevelsRule) }</p>
            <ul class="b2ba-levels">
                { for c.levels.iter().map(|v| html! { <li>{ v.name.get(l) }{ colon(l) }{ from_score(l, v.min_score) }</li> }) }
            </ul>
            <p class="b2ba-fine">{ t(l, Key::WeightsBasis) }</p>
            if let Some(s) = &c.article { <SourceNote source={s.clone()} /> }
            </> }
        </details>
    }
}
