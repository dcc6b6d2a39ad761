//! The report screen: builds the report once and hands its parts to the
//! section components. Its first block (date, score, radar, the three
//! actions for this quarter, the share link) is what a manager forwards and
//! what prints on page 1; every section after it is collapsed on screen and
//! printed whole.

use super::answer_sheet::answer_sheet;
use super::benchmark_panel::BenchmarkPanel;
use super::category_scores::CategoryScores;
use super::cost_estimate::CostEstimateView;
use super::costly_answers::CostlyAnswers;
use super::next_actions::NextActions;
use super::org_model::OrgModelView;
use super::radar::radar;
use super::score_summary::ScoreSummary;
use super::scoring_method::scoring_method;
use super::share_link::ShareLink;
use super::sourcing_advice::SourcingAdvice;
use super::Ctx;
use crate::domain::{share, Answers, Report};
use crate::i18n::{self, t, Key};
use crate::web;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many actions the first block shows.
const TOP: usize = 3;

/// Properties of [`ReportView`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ReportViewProps {
    /// A complete set of answers.
    pub answers: Answers,
    /// Called to return to the last question.
    pub on_back: Callback<()>,
    /// Called to start over.
    pub on_restart: Callback<()>,
    /// Prefix for element ids.
    #[prop_or(AttrValue::Static("b2ba"))]
    pub instance: AttrValue,
    /// Shown right after the score summary (the `after` gate's lead form).
    #[prop_or_default]
    pub after_summary: Html,
}

/// The full report.
#[function_component(ReportView)]
pub fn report_view(props: &ReportViewProps) -> Html {
    let ctx = use_context::<Ctx>();
    // Typed for the printout only: kept in this view, never stored or sent.
    let company = use_state(String::new);
    // The report's first frame has the first block and every collapsed
    // section's summary line (closed, so nothing moves when the bodies
    // come); the bodies, most of the report's DOM, follow once that frame is
    // painted (each section's `full`): a visitor opens them, or prints them,
    // later. `data-unfolded` says they are there.
    let unfolded = use_state(|| false);
    {
        let unfolded = unfolded.clone();
        // An attribute, not a class: a computed `class` is Yew's Classes (an
        // IndexSet), new code in the page build for one class.
        use_effect_with((), move |_| web::after_paint(move || unfolded.set(true)));
    }
    let content = ctx.as_ref().map(|c| c.content.clone());
    // The content never changes within an instance; the answers key the memo.
    let report =
        use_memo(props.answers.clone(), move |answers| content.map(|c| Rc::new(Report::build_partial(&c, answers))));
    let (Some(ctx), Some(report)) = (ctx, (*report).clone()) else { return html! {} };
    let l = ctx.locale;
    let page = ctx.page.emit(());
    let link = AttrValue::from(share::link(&page.url, &ctx.content, &props.answers, l));
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let on_restart = props.on_restart.reform(|_: MouseEvent| ());
    let on_print = Callback::from(|_: MouseEvent| web::print());
    let on_company = {
        let company = company.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                company.set(input.value());
            }
        })
    };
    let company_id = format!("{}-company", props.instance);
    let sep = i18n::colon(l);
    let full = *unfolded;

    html! {
        <article class="b2ba-report" data-unfolded={full.then_some("")}>
            <div class="b2ba-first">
                <p class="b2ba-report-meta">
                    <span class="b2ba-date">{ t(l, Key::ReportDate) }{ sep }{ i18n::date(l, page.today) }</span>
                    if !company.trim().is_empty() {
                        <span class="b2ba-company-print b2ba-print-only">{ company.trim().to_string() }</span>
                    }
                </p>
                <ScoreSummary report={report.clone()} />
                { props.after_summary.clone() }
                { radar(&ctx, &report, full) }
                <NextActions report={report.clone()} answers={props.answers.clone()} end={TOP} />
                <p class="b2ba-print-only b2ba-share-print">{ t(l, Key::ShareLink) }{ sep }{ link.clone() }</p>
            </div>
            <NextActions report={report.clone()} answers={props.answers.clone()} start={TOP} {full} />
            <CategoryScores report={report.clone()} {full} />
            <CostlyAnswers report={report.clone()} {full} />
            <BenchmarkPanel report={report.clone()} answers={props.answers.clone()} {full} />
            <OrgModelView report={report.clone()} {full} />
            <SourcingAdvice {full} />
            <CostEstimateView report={report.clone()} answers={props.answers.clone()} instance={props.instance.clone()} {full} />
            { scoring_method(&ctx, full) }
            { answer_sheet(&ctx, &report, &props.answers, full) }
            <div class="b2ba-field b2ba-company b2ba-no-print">
                <label for={company_id.clone()}>{ t(l, Key::CompanyName) }</label>
                <input id={company_id} type="text" maxlength="100" autocomplete="organization" oninput={on_company} />
            </div>
            <ShareLink url={link.clone()} instance={props.instance.clone()} />
            <div class="b2ba-nav b2ba-report-actions">
                <button type="button" class="b2ba-secondary b2ba-back" onclick={on_back}>{ t(l, Key::Back) }</button>
                <button type="button" class="b2ba-secondary b2ba-print" onclick={on_print}>{ t(l, Key::PrintReport) }</button>
                <button type="button" class="b2ba-secondary b2ba-restart" onclick={on_restart}>{ t(l, Key::StartOver) }</button>
            </div>
        </article>
    }
}
