//! The report screen: builds the report once and hands its parts to the
//! section components.

use super::benchmark_panel::BenchmarkPanel;
use super::category_scores::CategoryScores;
use super::cost_estimate::CostEstimateView;
use super::costly_answers::CostlyAnswers;
use super::next_actions::NextActions;
use super::org_model::OrgModelView;
use super::score_summary::ScoreSummary;
use super::share_link::ShareLink;
use super::sourcing_advice::SourcingAdvice;
use super::Ctx;
use crate::domain::{Answers, Report};
use crate::i18n::{t, Key};
use crate::web;
use std::rc::Rc;
use yew::prelude::*;

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
}

/// The full report.
#[function_component(ReportView)]
pub fn report_view(props: &ReportViewProps) -> Html {
    let ctx = use_context::<Ctx>();
    let content = ctx.as_ref().map(|c| c.content.clone());
    // The content never changes within an instance; the answers key the memo.
    let report =
        use_memo(props.answers.clone(), move |answers| content.map(|c| Rc::new(Report::build_partial(&c, answers))));
    let (Some(ctx), Some(report)) = (ctx, (*report).clone()) else { return html! {} };
    let l = ctx.locale;
    let on_back = props.on_back.reform(|_: MouseEvent| ());
    let on_restart = props.on_restart.reform(|_: MouseEvent| ());
    let on_print = Callback::from(|_: MouseEvent| web::print());

    html! {
        <article class="b2ba-report">
            <ScoreSummary report={report.clone()} />
            <NextActions report={report.clone()} />
            <CategoryScores report={report.clone()} />
            <CostlyAnswers report={report.clone()} />
            <BenchmarkPanel report={report.clone()} />
            <OrgModelView report={report.clone()} />
            <SourcingAdvice />
            <CostEstimateView report={report.clone()} answers={props.answers.clone()} instance={props.instance.clone()} />
            <ShareLink answers={props.answers.clone()} instance={props.instance.clone()} />
            <div class="b2ba-nav b2ba-report-actions">
                <button type="button" class="b2ba-secondary b2ba-back" onclick={on_back}>{ t(l, Key::Back) }</button>
                <button type="button" class="b2ba-secondary b2ba-print" onclick={on_print}>{ t(l, Key::PrintReport) }</button>
                <button type="button" class="b2ba-secondary b2ba-restart" onclick={on_restart}>{ t(l, Key::StartOver) }</button>
            </div>
        </article>
    }
}
