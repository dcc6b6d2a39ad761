//! The overall score and maturity level.

use super::Ctx;
use crate::domain::Report;
use crate::i18n::{colon, t, Key};
use std::rc::Rc;
use yew::prelude::*;

/// Properties shared by the report sections.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SectionProps {
    /// The report.
    pub report: Rc<Report>,
    /// Whether to render the body under the summary line (see ReportView).
    #[prop_or(true)]
    pub full: bool,
}

/// Score out of 100, a bar, and the level with its meaning and the ladder.
#[function_component(ScoreSummary)]
pub fn score_summary(props: &SectionProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let score = &props.report.score;
    let Some(level) = c.levels.get(score.level) else { return html! {} };
    html! {
        <section class="b2ba-summary">
            <h2 class="b2ba-focus" tabindex="-1">{ t(l, Key::YourScore) }</h2>
            <p class="b2ba-score">
                <span class="b2ba-score-value">{ score.overall }</span>
                <span class="b2ba-score-max">{ t(l, Key::OutOf100) }</span>
            </p>
            <svg class="b2ba-meter" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="b2ba-meter-track" x="0" y="0" width="100" height="6" rx="3" />
                <rect class="b2ba-meter-fill" x="0" y="0" width={score.overall.to_string()} height="6" rx="3" />
            </svg>
            <p class="b2ba-level">
                <span class="b2ba-label">{ t(l, Key::MaturityLevel) }{ colon(l) }</span>
                <strong class="b2ba-level-name">{ level.name.get(l) }</strong>
            </p>
            <p class="b2ba-level-meaning">{ level.meaning.get(l) }</p>
            <ol class="b2ba-ladder">
                { for c.levels.iter().enumerate().map(|(i, lv)| html! {
                    <li aria-current={(i == score.level).then_some("step")}>
                        { lv.name.get(l) }
                    </li>
                }) }
            </ol>
        </section>
    }
}
