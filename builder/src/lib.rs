//! The Builder (issue 20, first slice): a page where a site owner edits the
//! assessment's categories and checks in Japanese and English, sees the
//! score a set of answers gets, validates the result with the widget's own
//! decoder and exports `content.json`. Runs in the browser only; nothing is
//! sent anywhere. The preview mounts the real widget through the loader's
//! public `B2BAssessment.mount()`.
//!
//! Not yet (see the issue): levels, benchmarks, organisation models,
//! sourcing and cost sections; theme; leads; import; autosave and undo.

use b2b_assessment_core::domain::{scoring, Content, Locale, Text};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

mod preview;

/// What the page edits: the content, and the simulator's answers (an index
/// into the answer scale per check).
#[derive(Clone, PartialEq)]
struct Draft {
    content: Content,
    simulated: Vec<usize>,
}

/// One edit, as the fields report it.
enum Edit {
    CategoryLabel(usize, Locale, String),
    CategoryWeight(usize, String),
    CheckText(usize, Locale, String),
    CheckCategory(usize, String),
    CheckPoints(usize, String),
    Simulate(usize, usize),
}

impl Draft {
    fn apply(&self, edit: Edit) -> Draft {
        let mut next = self.clone();
        let c = &mut next.content;
        match edit {
            Edit::CategoryLabel(i, l, v) => set_text(&mut c.categories[i].label, l, v),
            Edit::CategoryWeight(i, v) => c.categories[i].weight = v.trim().parse().unwrap_or(c.categories[i].weight),
            Edit::CheckText(i, l, v) => set_text(&mut c.checks[i].text, l, v),
            Edit::CheckCategory(i, v) => c.checks[i].category = v,
            Edit::CheckPoints(i, v) => c.checks[i].points = v.trim().parse().unwrap_or(c.checks[i].points),
            Edit::Simulate(i, choice) => next.simulated[i] = choice,
        }
        next
    }

    /// The content as the file the widget reads, and whether the widget's
    /// own decoder accepts it (its message names the field when it does not).
    fn exported(&self) -> (String, Result<(), String>) {
        let text = serde_json::to_string_pretty(&self.content).unwrap_or_default();
        let verdict = Content::parse(&text).map(|_| ()).map_err(|e| e.to_string());
        (text, verdict)
    }
}

fn set_text(t: &mut Text, l: Locale, v: String) {
    match l {
        Locale::Ja => t.ja = v,
        Locale::En => t.en = v,
    }
}

/// The simulated answers' score, by the widget's own scoring.
fn simulated_score(d: &Draft) -> Option<(u8, String)> {
    let content = Content::parse(&d.exported().0).ok()?;
    let mut answers = b2b_assessment_core::domain::Answers::new(&content);
    for (i, choice) in d.simulated.iter().enumerate() {
        let step = b2b_assessment_core::domain::Step::Check(i);
        answers.set(&content, step, *choice).ok()?;
    }
    let s = scoring::score(&content, &answers);
    let level = content.levels.get(s.level).map(|l| l.name.ja.clone()).unwrap_or_default();
    Some((s.overall, level))
}

#[function_component(App)]
fn app() -> Html {
    let draft = use_state(|| {
        let content = Content::default_set().expect("the compiled-in default content");
        let simulated = vec![0; content.checks.len()];
        Draft { content, simulated }
    });
    let (json, verdict) = draft.exported();
    {
        let json = json.clone();
        let ok = verdict.is_ok();
        use_effect_with(json, move |json| {
            if ok {
                preview::show(json);
            }
        });
    }
    let edit = {
        let draft = draft.clone();
        Callback::from(move |e: Edit| draft.set(draft.apply(e)))
    };
    let c = &draft.content;
    let categories = c.categories.iter().enumerate().map(|(i, cat)| {
        let label = |l: Locale| {
            let edit = edit.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlInputElement>() {
                    edit.emit(Edit::CategoryLabel(i, l, t.value()));
                }
            })
        };
        let weight = {
            let edit = edit.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlInputElement>() {
                    edit.emit(Edit::CategoryWeight(i, t.value()));
                }
            })
        };
        html! {
            <fieldset class="category" data-id={cat.id.clone()}>
                <legend>{ format!("{} ({})", cat.label.ja, cat.id) }</legend>
                <label>{ "名前（日本語）" }<input class="label-ja" value={cat.label.ja.clone()} oninput={label(Locale::Ja)} /></label>
                <label lang="en">{ "Name (English)" }<input class="label-en" value={cat.label.en.clone()} oninput={label(Locale::En)} /></label>
                <label>{ "重み / weight" }<input class="weight" type="number" min="0" value={cat.weight.to_string()} oninput={weight} /></label>
            </fieldset>
        }
    });
    let scale: Vec<String> = c.answer_scale.iter().map(|s| s.label.ja.clone()).collect();
    let checks = c.checks.iter().enumerate().map(|(i, check)| {
        let text = |l: Locale| {
            let edit = edit.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    edit.emit(Edit::CheckText(i, l, t.value()));
                }
            })
        };
        let category = {
            let edit = edit.clone();
            Callback::from(move |e: Event| {
                if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                    edit.emit(Edit::CheckCategory(i, s.value()));
                }
            })
        };
        let points = {
            let edit = edit.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlInputElement>() {
                    edit.emit(Edit::CheckPoints(i, t.value()));
                }
            })
        };
        let simulate = {
            let edit = edit.clone();
            Callback::from(move |e: Event| {
                if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                    edit.emit(Edit::Simulate(i, s.value().parse().unwrap_or(0)));
                }
            })
        };
        let missing = |t: &str| t.trim().is_empty();
        html! {
            <fieldset class="check" data-id={check.id.clone()}>
                <legend>{ format!("{}. {}", i + 1, check.id) }</legend>
                <label>{ "質問（日本語）" }
                    if missing(&check.text.ja) { <span class="missing">{ "未入力" }</span> }
                    <textarea class="text-ja" value={check.text.ja.clone()} oninput={text(Locale::Ja)} /></label>
                <label lang="en">{ "Question (English)" }
                    if missing(&check.text.en) { <span class="missing">{ "missing" }</span> }
                    <textarea class="text-en" value={check.text.en.clone()} oninput={text(Locale::En)} /></label>
                <label>{ "カテゴリ / category" }
                    <select class="category-select" onchange={category}>
                        { for c.categories.iter().map(|cat| html! {
                            <option value={cat.id.clone()} selected={cat.id == check.category}>{ cat.label.ja.clone() }</option>
                        }) }
                    </select></label>
                <label>{ "点数 / points" }<input class="points" type="number" min="0" value={check.points.to_string()} oninput={points} /></label>
                <label>{ "試算の回答 / simulated answer" }
                    <select class="simulate" onchange={simulate}>
                        { for scale.iter().enumerate().map(|(k, s)| html! {
                            <option value={k.to_string()} selected={draft.simulated[i] == k}>{ s.clone() }</option>
                        }) }
                    </select></label>
            </fieldset>
        }
    });
    let score = simulated_score(&draft);
    let download = preview::download_url(&json);
    html! {
        <main class="builder">
            <h1>{ "診断ビルダー / Builder" }</h1>
            <section class="status" aria-live="polite">
                { match &verdict {
                    Ok(()) => html! { <p class="valid">{ "この内容はそのまま書き出せます。 / Ready to export." }</p> },
                    Err(e) => html! { <p class="invalid" role="alert">{ e.clone() }</p> },
                } }
                if let Some((overall, level)) = score {
                    <p class="simulated">{ "試算スコア / simulated score: " }<output class="score">{ overall }</output>{ format!(" ({level})") }</p>
                }
            </section>
            <section class="editors">
                <h2>{ "カテゴリ / Categories" }</h2>
                { for categories }
                <h2>{ "チェック項目 / Checks" }</h2>
                { for checks }
            </section>
            <section class="export">
                <h2>{ "書き出し / Export" }</h2>
                if verdict.is_ok() {
                    <a class="download" href={download} download="content.json">{ "content.json をダウンロード / Download content.json" }</a>
                } else {
                    <p>{ "エラーを直すと書き出せます。 / Fix the error above to export." }</p>
                }
                <textarea class="exported" readonly=true value={json} aria-label="content.json" />
            </section>
        </main>
    }
}

/// Starts the Builder in `#builder`.
#[wasm_bindgen(start)]
pub fn start() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("builder")) {
        yew::Renderer::<App>::with_root(root).render();
    }
}
