//! What outside help costs at market prices, against the budget band.

use super::score_summary::SectionProps;
use super::Ctx;
use crate::domain::recommend::BudgetFit;
use crate::domain::content::JpyRange;
use crate::i18n::{articles_times, jpy_range, t, Key};
use yew::prelude::*;

/// The estimate with its assumptions printed.
#[function_component(CostEstimateView)]
pub fn cost_estimate_view(props: &SectionProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let e = &props.report.cost;
    let fit = match e.fit {
        BudgetFit::Within => Key::FitWithin,
        BudgetFit::Depends => Key::FitDepends,
        BudgetFit::Exceeds => Key::FitExceeds,
        BudgetFit::Unknown => Key::FitUnknown,
    };
    let articles = JpyRange { min: e.articles_monthly, max: Some(e.articles_monthly) };
    let rows = [
        (t(l, Key::ArticlesLine).to_string(), format!("{} = {}", articles_times(l, e.articles_per_month, c.costs.article_jpy), jpy_range(l, articles))),
        (t(l, Key::SupportLine).to_string(), jpy_range(l, e.support_monthly)),
        (t(l, Key::MonthlyTotal).to_string(), jpy_range(l, e.total_monthly)),
        (t(l, Key::YearlyTotal).to_string(), jpy_range(l, e.total_yearly)),
    ];
    html! {
        <section class="b2ba-cost">
            <h3>{ t(l, Key::CostEstimate) }</h3>
            <dl class="b2ba-dl">
                { for rows.into_iter().map(|(k, v)| html! { <div><dt>{ k }</dt><dd>{ v }</dd></div> }) }
            </dl>
            <p class="b2ba-fit">{ t(l, fit) }</p>
            <p class="b2ba-fine">{ c.costs.basis.get(l) }</p>
        </section>
    }
}
