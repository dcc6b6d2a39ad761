//! The Builder (issue 20): a page where a site owner edits the whole
//! assessment (every part of the content file, Japanese and English side by
//! side), its theme and its lead form, sees the real widget and a simulated
//! score, and exports `content.json`, the config and the embed snippets.
//! It runs in the browser only; nothing is sent anywhere except the test
//! lead the site owner asks for.
//!
//! The model (`draft`, `sim`, `theme`, `export`, `labels`) is pure and
//! tested natively; the views are functions of it; `preview` is the glue.

use b2b_assessment_core::domain::{Content, Locale};
use draft::{Doc, Draft, Edit, History, Import, Path, Problem};
use lead_form::TestLead;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

mod config_fields;
pub mod draft;
mod editor;
pub mod export;
pub mod labels;
mod lead_form;
mod preview;
pub mod sim;
mod simulate;
mod test_lead;
pub mod theme;
mod theme_form;

use labels::tr;

/// Where the draft is kept between visits.
const STORAGE_KEY: &str = "b2b-assessment:builder:v1";

/// The Builder's state.
#[derive(Clone, PartialEq)]
struct State {
    history: History,
    /// The simulator's answer per check (an index into the answer scale).
    simulated: Vec<usize>,
    section: &'static str,
    ui: Locale,
    /// The field to focus after the next render (a problem's "go to").
    focus: Option<String>,
    preview_mode: &'static str,
    preview_lang: Locale,
    preview_width: u16,
    /// The last import's outcome, in words.
    imported: Option<(bool, String)>,
    confirm_reset: bool,
    test: TestLead,
    /// Said once at start: a stored draft was restored, or could not be.
    restored: Option<String>,
}

enum Msg {
    Edit(Edit),
    Undo,
    Redo,
    Simulate(usize, usize),
    Section(&'static str),
    Ui(Locale),
    Jump(Doc, Path),
    PreviewMode(&'static str),
    PreviewLang(Locale),
    PreviewWidth(u16),
    Import(String),
    Reset(bool),
    TestSending,
    TestDone(bool, String),
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        s.focus = None;
        match msg {
            Msg::Edit(e) => s.history = s.history.edit(&e),
            Msg::Undo => s.history = s.history.undo(),
            Msg::Redo => s.history = s.history.redo(),
            Msg::Simulate(i, k) => {
                if i >= s.simulated.len() {
                    s.simulated.resize(i + 1, 0);
                }
                s.simulated[i] = k;
            }
            Msg::Section(x) => s.section = x,
            Msg::Ui(l) => s.ui = l,
            Msg::Jump(doc, p) => {
                s.section = match doc {
                    Doc::Content => labels::section_of(p.head()),
                    Doc::Config if p.head() == "theme" => "theme",
                    Doc::Config => "lead",
                };
                s.focus = Some(p.dom_id(doc));
            }
            Msg::PreviewMode(m) => s.preview_mode = m,
            Msg::PreviewLang(l) => s.preview_lang = l,
            Msg::PreviewWidth(w) => s.preview_width = w,
            Msg::Import(text) => match draft::import(&text) {
                Ok(Import::Content(v)) => {
                    s.history = s.history.edit(&Edit::Replace(Doc::Content, v));
                    s.imported =
                        Some((true, tr(s.ui, "内容ファイルを読み込みました。", "Content file imported.").into()));
                }
                Ok(Import::Config(v)) => {
                    s.history = s.history.edit(&Edit::Replace(Doc::Config, v));
                    s.imported = Some((true, tr(s.ui, "設定ファイルを読み込みました。", "Config imported.").into()));
                }
                Err(p) => {
                    let at = if p.path.0.is_empty() { String::new() } else { format!("{}: ", p.path) };
                    let what = tr(s.ui, "読み込めませんでした。", "Not imported.");
                    s.imported = Some((false, format!("{what} {at}{}", labels::explain(s.ui, &p.message))));
                }
            },
            Msg::Reset(false) => s.confirm_reset = true,
            Msg::Reset(true) => {
                s.history = s.history.edit(&Edit::Replace(Doc::Content, draft::default_content()));
                s.history = s.history.edit(&Edit::Replace(Doc::Config, draft::default_config()));
                s.confirm_reset = false;
            }
            Msg::TestSending => s.test = TestLead::Sending,
            Msg::TestDone(ok, text) => s.test = TestLead::Done(ok, text),
        }
        Rc::new(s)
    }
}

/// The stored draft, if there is one the Builder can read.
fn restore() -> (Draft, Option<String>) {
    let Some(text) = preview::load(STORAGE_KEY) else { return (Draft::initial(), None) };
    let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
    match v {
        Ok(v) if v.get("content").is_some_and(|c| c.is_object()) && v.get("config").is_some_and(|c| c.is_object()) => {
            (Draft { content: v["content"].clone(), config: v["config"].clone() }, Some("restored".into()))
        }
        _ => (Draft::initial(), Some("unreadable".into())),
    }
}

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(|| {
        let (draft, restored) = restore();
        let n = draft.content["checks"].as_array().map_or(0, Vec::len);
        State {
            history: History::new(draft),
            simulated: vec![0; n],
            section: "checks",
            ui: Locale::Ja,
            focus: None,
            preview_mode: "quiz",
            preview_lang: Locale::Ja,
            preview_width: 768,
            imported: None,
            confirm_reset: false,
            test: TestLead::Idle,
            restored,
        }
    });
    let drag = use_mut_ref(|| None);
    let release = use_state(|| None::<export::Release>);
    {
        let release = release.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let answer = preview::post_get("../release.json").await;
                release.set(answer.as_deref().and_then(export::Release::parse));
            });
        });
    }
    let l = state.ui;
    let d = &state.history.now;
    let content_text = d.content_text();
    let config_text = d.config_text();
    let problems: Vec<Problem> = draft::content_problems(&d.content);
    let config_problem = draft::config_problem(&d.config);
    let parsed: Option<Content> = if problems.is_empty() { Content::parse(&content_text).ok() } else { None };
    let custom = d.content != draft::default_content();

    // Effects: autosave, the preview, focus.
    {
        let saved = serde_json::json!({ "content": d.content, "config": d.config }).to_string();
        use_effect_with(saved, |saved| {
            preview::save(STORAGE_KEY, saved);
        });
    }
    {
        let ok = problems.is_empty() && config_problem.is_none();
        let mut cfg = d.config.clone();
        if let Some(o) = cfg.as_object_mut() {
            o.insert("mode".into(), state.preview_mode.into());
            o.insert("lang".into(), state.preview_lang.tag().into());
            o.insert("content".into(), d.content.clone());
            if state.preview_mode == "quiz" {
                o.remove("lead");
            }
        }
        let text = cfg.to_string();
        use_effect_with((text, ok), |(text, ok)| {
            if *ok {
                preview::show(text);
            }
        });
    }
    use_effect_with(state.focus.clone(), |f| {
        if let Some(id) = f {
            preview::focus(id);
        }
    });

    let dispatch = |f: fn(Edit) -> Msg| {
        let s = state.clone();
        Callback::from(move |e: Edit| s.dispatch(f(e)))
    };
    let edit = dispatch(Msg::Edit);
    let on = |m: fn() -> Msg| {
        let s = state.clone();
        Callback::from(move |_: MouseEvent| s.dispatch(m()))
    };

    // The list of problems, each a link to its field.
    let all: Vec<Problem> = problems.iter().cloned().chain(config_problem.clone()).collect();
    let problem_list = all.iter().map(|p| {
        let s = state.clone();
        let (doc, path) = (p.doc, p.path.clone());
        let onclick = Callback::from(move |_: MouseEvent| s.dispatch(Msg::Jump(doc, path.clone())));
        let file = match p.doc {
            Doc::Content => "content",
            Doc::Config => "config",
        };
        html! {
            <li><button type="button" class="jump" {onclick}>{ format!("{file}.{}", p.path) }</button>{ format!(" — {}", labels::explain(l, &p.message)) }</li>
        }
    });
    let score = parsed.as_ref().map(|c| {
        let s = sim::score(c, &state.simulated);
        let level = c.levels.get(s.level).map(|x| x.name.get(l).to_string()).unwrap_or_default();
        (s.overall, level)
    });

    let nav = labels::SECTIONS.iter().map(|sec| {
        let s = state.clone();
        let sec = *sec;
        let onclick = Callback::from(move |_: MouseEvent| s.dispatch(Msg::Section(sec)));
        let count = all
            .iter()
            .filter(|p| match p.doc {
                Doc::Content => labels::section_of(p.path.head()) == sec,
                Doc::Config => (p.path.head() == "theme") == (sec == "theme") && (sec == "theme" || sec == "lead"),
            })
            .count();
        html! {
            <li><button type="button" class={classes!("tab", sec)} {onclick}
                aria-current={(state.section == sec).then_some("page")}>
                { labels::section(l, sec) }
                if count > 0 { <span class="count" aria-label={format!("{count} {}", tr(l, "件の問題", "problems"))}>{ count }</span> }
            </button></li>
        }
    });

    let cfg = config_fields::Cfg { l, config: &d.config, problem: config_problem.as_ref(), edit: edit.clone() };
    let body = match state.section {
        "simulate" => {
            let s = state.clone();
            simulate::view(
                l,
                parsed.as_ref(),
                &state.simulated,
                Callback::from(move |(i, k)| s.dispatch(Msg::Simulate(i, k))),
            )
        }
        "theme" => theme_form::view(&cfg),
        "lead" => {
            let on_test = {
                let s = state.clone();
                let (content, choices, config_text) = (parsed.clone(), state.simulated.clone(), config_text.clone());
                Callback::from(move |_: ()| {
                    let Some(content) = content.clone() else { return };
                    let (s, choices, config_text) = (s.clone(), choices.clone(), config_text.clone());
                    s.dispatch(Msg::TestSending);
                    wasm_bindgen_futures::spawn_local(async move {
                        let (page, origin) = preview::location();
                        let id = format!("builder-test-{}", js_sys::Date::now() as u64);
                        let now = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
                        let env = test_lead::envelope(&content, &choices, s.ui, &page, &id, &now);
                        match test_lead::request(&config_text, &env) {
                            Ok(req) => {
                                let answer =
                                    preview::post(&req.url, &req.content_type, &req.headers, &req.body, req.no_cors)
                                        .await;
                                let (ok, text) = test_lead::explain(s.ui, &req.url, &origin, &answer);
                                s.dispatch(Msg::TestDone(ok, text));
                            }
                            Err(e) => s.dispatch(Msg::TestDone(false, e)),
                        }
                    });
                })
            };
            lead_form::view(&cfg, parsed.as_ref(), &state.simulated, &state.test, on_test)
        }
        "export" => export_view(&state, d, &content_text, &config_text, &all, custom, (*release).as_ref()),
        sec => {
            let ctx =
                editor::Ctx { l, content: &d.content, problems: &problems, edit: edit.clone(), drag: drag.clone() };
            html! {
                <section class={classes!("content-section", sec)}>
                    <h2>{ labels::section(l, sec) }</h2>
                    { editor::section(&ctx, (sec != "basics").then_some(sec)) }
                </section>
            }
        }
    };

    let restored = state.restored.as_deref().map(|r| match r {
        "restored" => tr(l, "前回の下書きを復元しました。", "Your last draft was restored."),
        _ => tr(
            l,
            "保存されていた下書きを読めなかったため、標準の内容から始めます。",
            "The stored draft could not be read: starting from the default content.",
        ),
    });
    let lang_button = {
        let s = state.clone();
        let other = if l == Locale::Ja { Locale::En } else { Locale::Ja };
        Callback::from(move |_: MouseEvent| s.dispatch(Msg::Ui(other)))
    };
    let preview_controls = preview_controls(&state);
    html! {
        <div class="layout" lang={l.tag()}>
            <main class="builder">
                <header class="top">
                    <h1>{ tr(l, "診断ビルダー", "Assessment Builder") }</h1>
                    <div class="actions">
                        <button type="button" class="undo" disabled={!state.history.can_undo()} onclick={on(|| Msg::Undo)}>{ tr(l, "元に戻す", "Undo") }</button>
                        <button type="button" class="redo" disabled={!state.history.can_redo()} onclick={on(|| Msg::Redo)}>{ tr(l, "やり直す", "Redo") }</button>
                        <button type="button" class="ui-lang" onclick={lang_button} lang={if l == Locale::Ja { "en" } else { "ja" }}>{ tr(l, "English", "日本語") }</button>
                    </div>
                    <p class="privacy">{ tr(l, "このページはブラウザの中だけで動きます。入力した内容は、この端末に下書きとして保存され、どこにも送信されません（テストリードの送信を除く）。",
                        "This page runs in your browser only. What you enter is kept as a draft on this device and sent nowhere (except a test lead you send).") }</p>
                    if let Some(r) = restored { <p class="restored">{ r }</p> }
                </header>
                <section class="status" aria-live="polite">
                    if all.is_empty() {
                        <p class="valid">{ tr(l, "問題はありません。そのまま書き出せます。", "No problems: ready to export.") }</p>
                    } else {
                        <p class="invalid">{ format!("{} {}", all.len(), tr(l, "件の問題があります。直すまで書き出せません。", "problem(s): fix them to export.")) }</p>
                        <ul class="problems">{ for problem_list }</ul>
                    }
                    if let Some((overall, level)) = score {
                        <p class="simulated">{ tr(l, "試算スコア: ", "Simulated score: ") }<output class="score">{ overall }</output>{ format!(" ({level})") }</p>
                    }
                </section>
                <nav aria-label={tr(l, "編集する部分", "Parts to edit")}><ul class="tabs">{ for nav }</ul></nav>
                <div class="section-body">{ body }</div>
            </main>
            <aside class="preview-pane" aria-label={tr(l, "プレビュー", "Preview")}>
                <h2>{ tr(l, "プレビュー", "Preview") }</h2>
                { preview_controls }
                if !(problems.is_empty() && config_problem.is_none()) {
                    <p class="stale" role="status">{ tr(l, "問題があるため、プレビューは最後に問題がなかった内容のままです。", "While there are problems, the preview shows the last version without any.") }</p>
                }
                <div id="preview" class={format!("w-{}", state.preview_width)}></div>
            </aside>
        </div>
    }
}

fn preview_controls(state: &UseReducerHandle<State>) -> Html {
    let l = state.ui;
    let pick = |name: &str, id: &str, options: Vec<(String, String, bool)>, f: Callback<String>| {
        html! {
            <label for={id.to_string()}>{ name.to_string() }
                <select id={id.to_string()} onchange={f.reform(|e: Event| editor::value_of(e.target()).unwrap_or_default())}>
                    { for options.into_iter().map(|(v, shown, on)| html! { <option value={v} selected={on}>{ shown }</option> }) }
                </select>
            </label>
        }
    };
    let s = state.clone();
    let mode = pick(
        tr(l, "表示", "Mode"),
        "preview-mode",
        export::MODES
            .iter()
            .map(|m| (m.to_string(), export::mode_name(l, m).to_string(), state.preview_mode == *m))
            .collect(),
        Callback::from(move |v: String| {
            let m = export::MODES.iter().find(|m| **m == v).copied().unwrap_or("quiz");
            s.dispatch(Msg::PreviewMode(m));
        }),
    );
    let s = state.clone();
    let lang = pick(
        tr(l, "言語", "Language"),
        "preview-lang",
        Locale::ALL.iter().map(|x| (x.tag().to_string(), x.tag().to_string(), state.preview_lang == *x)).collect(),
        Callback::from(move |v: String| s.dispatch(Msg::PreviewLang(Locale::from_tag(&v).unwrap_or_default()))),
    );
    let s = state.clone();
    let width = pick(
        tr(l, "幅", "Width"),
        "preview-width",
        [320u16, 768, 1280].iter().map(|w| (w.to_string(), format!("{w}px"), state.preview_width == *w)).collect(),
        Callback::from(move |v: String| s.dispatch(Msg::PreviewWidth(v.parse().unwrap_or(768)))),
    );
    html! { <div class="preview-controls">{ mode }{ lang }{ width }</div> }
}

fn export_view(
    state: &UseReducerHandle<State>,
    d: &Draft,
    content_text: &str,
    config_text: &str,
    problems: &[Problem],
    custom: bool,
    release: Option<&export::Release>,
) -> Html {
    let l = state.ui;
    let ok = problems.is_empty();
    let file = |class: &str, name: &str, mime: &str, text: &str| {
        let copy = {
            let text = text.to_string();
            Callback::from(move |_: MouseEvent| {
                let _ = preview::copy(&text);
            })
        };
        html! {
            <div class={classes!("file", class.to_string())}>
                <h3>{ name.to_string() }</h3>
                if ok {
                    <a class="download" href={preview::download_url(mime, text)} download={name.to_string()}>{ format!("{} {name}", tr(l, "ダウンロード:", "Download")) }</a>
                    <button type="button" class="copy" onclick={copy}>{ tr(l, "コピー", "Copy") }</button>
                } else {
                    <p class="blocked">{ tr(l, "問題を直すと書き出せます。", "Fix the problems to export.") }</p>
                }
                <textarea class={classes!("exported", class.to_string())} readonly=true value={text.to_string()} aria-label={name.to_string()} />
            </div>
        }
    };
    let snippets = export::MODES.iter().map(|m| {
        let text = export::snippet(m, state.preview_lang, &d.config, custom, release);
        let copy = {
            let text = text.clone();
            Callback::from(move |_: MouseEvent| {
                let _ = preview::copy(&text);
            })
        };
        html! {
            <div class={classes!("snippet", m.to_string())}>
                <h4>{ export::mode_name(l, m) }</h4>
                if ok {
                    <a class="download" href={preview::download_url("text/html", &text)} download={format!("b2b-assessment-{m}.html")}>
                        { format!("{} b2b-assessment-{m}.html", tr(l, "ダウンロード:", "Download")) }</a>
                    <button type="button" class="copy" onclick={copy}>{ tr(l, "コピー", "Copy") }</button>
                }
                <textarea class="snippet-text" readonly=true value={text} aria-label={format!("{} {}", tr(l, "埋め込みコード", "Snippet"), m)} />
            </div>
        }
    });
    let on_import = {
        let s = state.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let s = s.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                s.dispatch(Msg::Import(text));
            });
            input.set_value("");
        })
    };
    let s = state.clone();
    let reset = Callback::from(move |_: MouseEvent| s.dispatch(Msg::Reset(false)));
    let s = state.clone();
    let confirm = Callback::from(move |_: MouseEvent| s.dispatch(Msg::Reset(true)));
    let release_note = match release {
        Some(r) => format!("{} {}", tr(l, "リリースの整合性ハッシュ（SRI）入り:", "With the release's integrity hashes (SRI):"), r.version),
        None => tr(l, "開発用サーバーで動いているため、整合性ハッシュ（SRI）は入りません。リリースのフォルダーから開くと入ります。",
            "Running from the development server: no integrity hashes (SRI). Open the Builder from a release folder to get them.").to_string(),
    };
    html! {
        <section class="export">
            <h2>{ tr(l, "書き出し", "Export") }</h2>
            { file("content", "content.json", "application/json", content_text) }
            { file("config", "config.json", "application/json", config_text) }
            <h3>{ tr(l, "埋め込みコード", "Embed snippets") }</h3>
            <p class="hint">{ tr(l,
                "リリースのファイルを貴社サイトの /b2b-assessment/ に置き、書き出した content.json も同じフォルダーに置いてください。コードは、ウィジェットを表示したい場所に貼り付けます。",
                "Put the release's files in /b2b-assessment/ on your site, with the exported content.json in the same folder, and paste a snippet where the widget goes.") }</p>
            <p class="hint">{ release_note }</p>
            { for snippets }
            <h2>{ tr(l, "読み込み", "Import") }</h2>
            <label for="import-file">{ tr(l, "内容ファイル（content.json）または設定ファイルを読み込む", "Import a content file (content.json) or a config") }</label>
            <input type="file" id="import-file" accept="application/json,.json" onchange={on_import} />
            if let Some((ok, text)) = &state.imported {
                <p class={classes!("import-result", if *ok { "ok" } else { "failed" })} role="status">{ text.clone() }</p>
            }
            <h2>{ tr(l, "標準に戻す", "Reset") }</h2>
            if state.confirm_reset {
                <p role="alert">{ tr(l, "内容と設定をすべて標準に戻します。よろしいですか？（「元に戻す」で取り消せます）", "Reset the content and the config to the defaults? (Undo brings them back.)") }</p>
                <button type="button" class="confirm-reset" onclick={confirm}>{ tr(l, "標準に戻す", "Reset") }</button>
            } else {
                <button type="button" class="reset" onclick={reset}>{ tr(l, "標準の内容に戻す…", "Reset to the defaults…") }</button>
            }
        </section>
    }
}

/// Starts the Builder in `#builder`.
#[wasm_bindgen(start)]
pub fn start() {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("builder")) {
        yew::Renderer::<App>::with_root(root).render();
    }
}
