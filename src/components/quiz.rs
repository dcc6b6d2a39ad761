//! The quiz card for a blog article: profile selects, the checks as
//! switches, a live score, a teaser of the report and a call to action.

use super::quiz_switch::QuizSwitch;
use super::Ctx;
use crate::domain::content::ProfileField;
use crate::domain::{recommend, scoring, share, Answers, Step};
use crate::i18n::{t, Key};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How many actions the teaser shows.
const TEASER_ACTIONS: usize = 3;

/// Properties of [`Quiz`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct QuizProps {
    /// Prefix for element ids.
    pub instance: AttrValue,
    /// Answers so far.
    pub answers: Answers,
    /// Called with (flow index, choice) when an answer changes.
    pub on_set: Callback<(usize, usize)>,
    /// The full report page; without it there is no call to action.
    #[prop_or_default]
    pub cta_url: Option<AttrValue>,
    /// Called with the URL when the call to action is used.
    pub on_cta: Callback<String>,
}

/// The whole assessment on one card.
#[function_component(Quiz)]
pub fn quiz(props: &QuizProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let (c, l) = (&ctx.content, ctx.locale);
    let score = scoring::score(c, &props.answers);
    let actions = recommend::next_actions(c, &props.answers, &score);
    let level = c.levels.get(score.level);
    let (yes, no) = c.switch_choices();
    let n_profile = ProfileField::ALL.len();

    let selects = ProfileField::ALL.iter().enumerate().map(|(i, field)| {
        let q = c.profile.get(*field);
        let id = format!("{}-p{i}", props.instance);
        let selected = props.answers.profile(*field);
        let on_set = props.on_set.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                if let Ok(choice) = sel.value().parse::<usize>() {
                    on_set.emit((i, choice));
                }
            }
        });
        html! {
            <div class="b2ba-field">
                <label for={id.clone()}>{ q.text.get(l) }</label>
                <select id={id} {onchange}>
                    <option value="" selected={selected.is_none()} disabled=true>{ t(l, Key::ChoosePlaceholder) }</option>
                    { for q.options.iter().enumerate().map(|(k, o)| html! {
                        <option value={k.to_string()} selected={selected == Some(k)}>{ o.label.get(l) }</option>
                    }) }
                </select>
            </div>
        }
    });

    let switches = (0..c.checks.len()).map(|k| {
        let on = props.answers.get(Step::Check(k)) == Some(yes);
        html! {
            <QuizSwitch instance={props.instance.clone()} check={k} index={n_profile + k} {on}
                choices={(yes, no)} on_set={props.on_set.clone()} />
        }
    });

    let cta = props.cta_url.as_ref().map(|url| {
        let href = share::cta_href(url, c, &props.answers, l);
        let on_cta = props.on_cta.clone();
        let emitted = href.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_cta.emit(emitted.clone()));
        html! { <a class="b2ba-primary b2ba-cta" {href} {onclick}>{ t(l, Key::SeeFullReport) }</a> }
    });

    html! {
        <section class="b2ba-quiz">
            <h2>{ c.tagline.get(l) }</h2>
            <div class="b2ba-quiz-profile">{ for selects }</div>
            <fieldset class="b2ba-quiz-checks">
                <legend>{ t(l, Key::SwitchOnWhatIsInPlace) }</legend>
                <ul>{ for switches }</ul>
            </fieldset>
            <div class="b2ba-quiz-result">
                <p class="b2ba-live" aria-live="polite" aria-atomic="true">
                    <span class="b2ba-label">{ t(l, Key::ScoreSoFar) }{ " " }</span>
                    <strong class="b2ba-score-value">{ score.overall }</strong>
                    <span class="b2ba-score-max">{ " " }{ t(l, Key::OutOf100) }</span>
                    if let Some(level) = level {
                        <span class="b2ba-level-name">{ level.name.get(l) }</span>
                    }
                </p>
                if let Some(level) = level {
                    <p class="b2ba-level-meaning">{ level.meaning.get(l) }</p>
                }
                if !actions.is_empty() {
                    <p class="b2ba-teaser-title">{ t(l, Key::StartWith) }</p>
                    <ol class="b2ba-teaser">
                        { for actions.iter().take(TEASER_ACTIONS).filter_map(|a| {
                            let check = c.checks.get(a.check)?;
                            Some(html! { <li data-check={check.id.clone()}>{ check.action.title.get(l) }</li> })
                        }) }
                    </ol>
                }
                { for cta }
            </div>
        </section>
    }
}
