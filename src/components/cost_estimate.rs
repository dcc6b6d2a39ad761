//! The cost of the visitor's own plan against their budget band: every
//! assumption editable, each with where it comes from (the source's figure,
//! the source's worked example, or the visitor's own).

use super::source_note::SourceNote;
use super::Ctx;
use crate::domain::content::JpyRange;
use crate::domain::content::ProfileField;
use crate::domain::recommend::{self, Assumptions, BudgetFit};
use crate::i18n::{articles_times, bracket, budget_fit, jpy, jpy_range, monthly, t, Key};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Most articles a month the calculator accepts.
const MAX_ARTICLES: u32 = 60;
/// Largest yen amount an input accepts (a billion a month).
const MAX_JPY: u32 = 1_000_000_000;

/// Properties of [`CostEstimateView`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct CostEstimateProps {
    /// The report (for the starting assumptions).
    pub report: std::rc::Rc<crate::domain::Report>,
    /// The answers (for the budget band).
    pub answers: crate::domain::Answers,
    /// Prefix for element ids.
    pub instance: AttrValue,
    /// Whether to render the body under the summary line (see ReportView).
    #[prop_or(true)]
    pub full: bool,
}

/// A whole number from a number input, clamped to `0..=max` (anything else,
/// e.g. empty, is 0); the input shows what is used.
fn whole(ev: &Event, max: u32) -> Option<u32> {
    let input = ev.target_dyn_into::<HtmlInputElement>()?;
    // valueAsNumber reads a number input as Rust's parse would (NaN for empty).
    let n = input.value_as_number();
    let n = if n.is_finite() { n.round().clamp(0.0, f64::from(max)) as u32 } else { 0 };
    input.set_value(&n.to_string());
    Some(n)
}

/// A labelled whole-number input, found by its `name` (one function for the
/// three inputs instead of three copies of their markup).
#[inline(never)]
fn number_field(
    id: String,
    name: &'static str,
    label: &'static str,
    max: u32,
    step: u32,
    value: impl ToString,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="b2ba-field">
            <label for={id.clone()}>{ label }</label>
            <input {id} {name} type="number" inputmode="numeric" min="0" max={max.to_string()}
                step={step.to_string()} value={value.to_string()} {onchange} />
        </div>
    }
}

/// The assumptions as inputs, the totals, and the verdict against the budget band.
#[function_component(CostEstimateView)]
pub fn cost_estimate_view(props: &CostEstimateProps) -> Html {
    let a = use_state(|| props.report.cost.assumptions);
    let full = props.full;
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let summary = html! { <summary><h3>{ t(l, Key::CostEstimate) }</h3></summary> };
    // Folded (the report's first frame): the summary line only.
    if !full {
        return html! { <details class="b2ba-cost b2ba-fold">{ summary }</details> };
    }
    let e = recommend::cost_estimate(c, &props.answers, *a);
    let band = props.answers.profile(ProfileField::Budget).and_then(|i| c.profile.budget.options.get(i));
    let verdict = budget_fit(l, e.fit, band.map_or("", |o| o.label.get(l)));
    let set = |f: fn(&mut Assumptions, u32), max: u32| {
        let a = a.clone();
        Callback::from(move |ev: Event| {
            if let Some(n) = whole(&ev, max) {
                let mut next = *a;
                f(&mut next, n);
                a.set(next);
            }
        })
    };
    let on_articles = set(|x, n| x.articles_per_month = n, MAX_ARTICLES);
    let on_price = set(|x, n| x.article_jpy = u64::from(n), MAX_JPY);
    let on_staff = set(|x, n| x.staff_monthly_jpy = u64::from(n), MAX_JPY);
    let on_support = {
        let a = a.clone();
        Callback::from(move |ev: Event| {
            if let Some(input) = ev.target_dyn_into::<HtmlInputElement>() {
                a.set(Assumptions { support: input.checked(), ..*a });
            }
        })
    };
    let articles_cost = JpyRange { min: e.articles_monthly, max: Some(e.articles_monthly) };
    let mut rows = vec![
        (
            t(l, Key::ArticlesLine).to_string(),
            format!("{} = {}", articles_times(l, a.articles_per_month, a.article_jpy), jpy_range(l, articles_cost)),
        ),
        (
            t(l, Key::SupportLine).to_string(),
            if a.support { jpy_range(l, e.support_monthly) } else { t(l, Key::NotIncluded).to_string() },
        ),
        (t(l, Key::MonthlyTotal).to_string(), jpy_range(l, e.total_monthly)),
        (t(l, Key::YearlyTotal).to_string(), jpy_range(l, e.total_yearly)),
    ];
    if e.staff_yearly > 0 {
        rows.push((t(l, Key::StaffLine).to_string(), jpy(l, e.staff_yearly)));
        rows.push((t(l, Key::AllYearly).to_string(), jpy_range(l, e.all_yearly)));
    }
    let id = |s: &str| format!("{}-cost-{s}", props.instance);
    let fit = match e.fit {
        BudgetFit::Within => "within",
        BudgetFit::Depends => "depends",
        BudgetFit::Reaches => "reaches",
        BudgetFit::Exceeds => "exceeds",
        BudgetFit::Unknown => "unknown",
    };
    html! {
        <details class="b2ba-cost b2ba-fold">
            { summary }
            <div class="b2ba-cost-inputs b2ba-no-print">
                { number_field(id("articles"), "articles", t(l, Key::ArticlesPerMonth), MAX_ARTICLES, 1, a.articles_per_month, on_articles) }
                { number_field(id("price"), "price", t(l, Key::ArticlePrice), MAX_JPY, 1000, a.article_jpy, on_price) }
                <div class="b2ba-field b2ba-check">
                    <input id={id("support")} class="b2ba-support" type="checkbox" checked={a.support} onchange={on_support} />
                    <label for={id("support")}>{ t(l, Key::IncludeSupport) }{ bracket(l, &monthly(l, c.costs.support_monthly_jpy)) }</label>
                </div>
                { number_field(id("staff"), "staff", t(l, Key::StaffMonthly), MAX_JPY, 10_000, a.staff_monthly_jpy, on_staff) }
            </div>
            if let Some(n) = &c.costs.defaults_note { <p class="b2ba-fine b2ba-defaults-note">{ n.get(l) }</p> }
            <dl class="b2ba-dl" aria-live="polite">
                { for rows.into_iter().map(|(k, v)| html! { <div><dt>{ k }</dt><dd>{ v }</dd></div> }) }
            </dl>
            <p class="b2ba-fit" data-fit={fit}>{ verdict }</p>
            <p class="b2ba-fine">{ c.costs.basis.get(l) }</p>
            if let Some(n) = &c.costs.staff_note { <p class="b2ba-fine">{ n.get(l) }</p> }
            if let Some(s) = &c.article { <SourceNote source={s.clone()} /> }
        </details>
    }
}
