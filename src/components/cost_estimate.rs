//! What outside help costs at market prices, against the budget band: an
//! interactive estimate with its assumptions printed.

use super::Ctx;
use crate::domain::content::JpyRange;
use crate::domain::recommend::{self, BudgetFit};
use crate::i18n::{articles_times, jpy_range, t, Key};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Most articles a month the calculator accepts.
const MAX_ARTICLES: u32 = 60;

/// Properties of [`CostEstimateView`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CostEstimateProps {
    /// The report (for the default estimate).
    pub report: std::rc::Rc<crate::domain::Report>,
    /// The answers (for the budget band).
    pub answers: crate::domain::Answers,
    /// Prefix for element ids.
    pub instance: AttrValue,
}

/// Articles per month and outside support, the totals, and the fit with the budget band.
#[function_component(CostEstimateView)]
pub fn cost_estimate_view(props: &CostEstimateProps) -> Html {
    let articles = use_state(|| props.report.cost.articles_per_month);
    let support = use_state(|| true);
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let e = recommend::cost_estimate(c, &props.answers, *articles, *support);
    let fit = match e.fit {
        BudgetFit::Within => Key::FitWithin,
        BudgetFit::Depends => Key::FitDepends,
        BudgetFit::Exceeds => Key::FitExceeds,
        BudgetFit::Unknown => Key::FitUnknown,
    };
    let on_articles = {
        let articles = articles.clone();
        Callback::from(move |ev: Event| {
            if let Some(input) = ev.target_dyn_into::<HtmlInputElement>() {
                // Anything that is not a whole number in range is clamped, not refused.
                // A number input's value is a valid floating-point number or empty;
                // valueAsNumber reads it as Rust's parse would (NaN for empty).
                let n = input.value_as_number();
                let n = if n.is_finite() { n.round().clamp(0.0, f64::from(MAX_ARTICLES)) as u32 } else { 0 };
                input.set_value(&n.to_string());
                articles.set(n);
            }
        })
    };
    let on_support = {
        let support = support.clone();
        Callback::from(move |ev: Event| {
            if let Some(input) = ev.target_dyn_into::<HtmlInputElement>() {
                support.set(input.checked());
            }
        })
    };
    let articles_cost = JpyRange { min: e.articles_monthly, max: Some(e.articles_monthly) };
    let rows = [
        (
            t(l, Key::ArticlesLine).to_string(),
            format!(
                "{} = {}",
                articles_times(l, e.articles_per_month, c.costs.article_jpy),
                jpy_range(l, articles_cost)
            ),
        ),
        (
            t(l, Key::SupportLine).to_string(),
            if *support { jpy_range(l, e.support_monthly) } else { t(l, Key::NotIncluded).to_string() },
        ),
        (t(l, Key::MonthlyTotal).to_string(), jpy_range(l, e.total_monthly)),
        (t(l, Key::YearlyTotal).to_string(), jpy_range(l, e.total_yearly)),
    ];
    let id = |s: &str| format!("{}-cost-{s}", props.instance);
    html! {
        <section class="b2ba-cost">
            <h3>{ t(l, Key::CostEstimate) }</h3>
            <div class="b2ba-cost-inputs b2ba-no-print">
                <div class="b2ba-field">
                    <label for={id("articles")}>{ t(l, Key::ArticlesPerMonth) }</label>
                    <input id={id("articles")} class="b2ba-articles" type="number" inputmode="numeric" min="0"
                        max={MAX_ARTICLES.to_string()} step="1" value={articles.to_string()} onchange={on_articles} />
                </div>
                <div class="b2ba-field b2ba-consent">
                    <input id={id("support")} class="b2ba-support" type="checkbox" checked={*support} onchange={on_support} />
                    <label for={id("support")}>{ t(l, Key::IncludeSupport) }</label>
                </div>
            </div>
            <dl class="b2ba-dl" aria-live="polite">
                { for rows.into_iter().map(|(k, v)| html! { <div><dt>{ k }</dt><dd>{ v }</dd></div> }) }
            </dl>
            <p class="b2ba-fit">{ t(l, fit) }</p>
            <p class="b2ba-fine">{ c.costs.basis.get(l) }</p>
        </section>
    }
}
