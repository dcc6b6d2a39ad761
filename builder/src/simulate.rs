//! The score simulator's panel: an answer per check, and the score, level,
//! category scores, costliest answers and warnings the widget's scoring
//! gives for them.

use crate::labels::tr;
use crate::sim;
use b2b_assessment_core::domain::{Content, Locale};
use yew::prelude::*;

/// The panel for `content` (parsed: the simulator needs content the widget reads).
pub fn view(l: Locale, content: Option<&Content>, choices: &[usize], on_choose: Callback<(usize, usize)>) -> Html {
    let Some(c) = content else {
        return html! { <p>{ tr(l, "内容の問題を直すと試算できます。", "Fix the content's problems to simulate a score.") }</p> };
    };
    let s = sim::score(c, choices);
    let warnings = sim::warnings(c);
    let rows = c.checks.iter().enumerate().map(|(i, check)| {
        let id = format!("sim-{i}");
        let onchange = on_choose.reform(move |e: Event| {
            let v = crate::editor::value_of(e.target()).and_then(|v| v.parse().ok()).unwrap_or(0);
            (i, v)
        });
        html! {
            <div class="sim-row" data-id={check.id.clone()}>
                <label for={id.clone()}>{ format!("{}. {}", i + 1, check.text.get(l)) }</label>
                <select {id} class="simulate" {onchange}>
                    { for c.answer_scale.iter().enumerate().map(|(k, a)| html! {
                        <option value={k.to_string()} selected={choices.get(i) == Some(&k)}>{ a.label.get(l).to_string() }</option>
                    }) }
                </select>
            </div>
        }
    });
    html! {
        <section class="simulator">
            <h2>{ tr(l, "スコアの試算", "Score simulator") }</h2>
            <p class="hint">{ tr(l, "各項目の回答を選ぶと、ウィジェットと同じ計算でスコアを出します。", "Pick an answer per check: the score is the widget's own scoring.") }</p>
            { for rows }
            <h3>{ tr(l, "カテゴリ別", "By category") }</h3>
            <table class="categories">
                <tbody>
                { for s.categories.iter().map(|cs| html! {
                    <tr><th scope="row">{ c.categories[cs.category].label.get(l).to_string() }</th><td class="cat-score">{ cs.score }</td></tr>
                }) }
                </tbody>
            </table>
            <h3>{ tr(l, "失点の大きい回答", "Costliest answers") }</h3>
            <ol class="losses">
                { for s.losses.iter().take(5).map(|loss| html! {
                    <li>{ format!("{} (−{:.1})", c.checks[loss.check].text.get(l), loss.points) }</li>
                }) }
            </ol>
            <h3>{ tr(l, "配点の確認", "Scoring checks") }</h3>
            if warnings.is_empty() {
                <p class="valid">{ tr(l, "到達できないレベルや、カテゴリより重い項目はありません。", "Every level can be reached; no check outweighs a whole category.") }</p>
            } else {
                <ul class="warnings">{ for warnings.iter().map(|w| html! { <li>{ sim::describe(c, l, w) }</li> }) }</ul>
            }
        </section>
    }
}
