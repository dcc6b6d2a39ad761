//! The content editor: every member of the content file as a labelled
//! field, Japanese and English side by side, lists with add, remove and
//! reorder (buttons and drag), and the decoder's problem at its field.

use crate::draft::{get, is_text, optional_members, Doc, Edit, Path, Problem, Seg};
use crate::labels::{explain, field, rank, tr};
use b2b_assessment_core::domain::Locale;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What every field needs to render and report edits.
pub struct Ctx<'a> {
    /// The Builder's language.
    pub l: Locale,
    /// The content file (for the choices of `category` and `headcount`).
    pub content: &'a Value,
    /// The decoder's problems.
    pub problems: &'a [Problem],
    /// Where edits go.
    pub edit: Callback<Edit>,
    /// The list item being dragged: (list path, index).
    pub drag: Rc<RefCell<Option<(Path, usize)>>>,
}

impl Ctx<'_> {
    fn problem(&self, doc: Doc, path: &Path) -> Option<&Problem> {
        self.problems.iter().find(|p| p.doc == doc && p.path == *path)
    }
}

/// Texts longer than this get a text area.
const LONG: usize = 40;

/// The field(s) for `value` at `path` of the content file, under `key`.
pub fn node(ctx: &Ctx, path: &Path, key: &str, value: &Value) -> Html {
    if is_text(value) {
        return text_pair(ctx, path, key, value);
    }
    match value {
        Value::Object(o) => {
            let mut members: Vec<(&String, &Value)> = o.iter().collect();
            members.sort_by_key(|(k, _)| (rank(k), k.as_str().to_owned()));
            html! {
                <fieldset class="group" id={path.dom_id(Doc::Content)}>
                    <legend>{ field(ctx.l, key, value) }</legend>
                    { problem_note(ctx, Doc::Content, path) }
                    { for members.into_iter().map(|(k, v)| node(ctx, &path.key(k), k, v)) }
                    { optional_bar(ctx, path, value) }
                </fieldset>
            }
        }
        Value::Array(items) => list(ctx, path, key, items),
        _ => scalar(ctx, path, key, value),
    }
}

fn problem_note(ctx: &Ctx, doc: Doc, path: &Path) -> Html {
    match ctx.problem(doc, path) {
        Some(p) => html! {
            <p class="field-error" id={format!("{}-err", path.dom_id(doc))}>{ explain(ctx.l, &p.message) }</p>
        },
        None => html! {},
    }
}

/// A bilingual text: two fields, each marked when empty.
fn text_pair(ctx: &Ctx, path: &Path, key: &str, value: &Value) -> Html {
    let name = field(ctx.l, key, value);
    let one = |loc: Locale| {
        let p = path.key(loc.tag());
        let id = p.dom_id(Doc::Content);
        let current = value.get(loc.tag()).and_then(Value::as_str).unwrap_or("").to_string();
        let missing = current.trim().is_empty();
        let bad = ctx.problem(Doc::Content, &p).is_some();
        let (lang_name, mark) = match (ctx.l, loc) {
            (Locale::Ja, Locale::Ja) => ("日本語", "未入力"),
            (Locale::Ja, Locale::En) => ("英語", "未入力"),
            (Locale::En, Locale::Ja) => ("Japanese", "missing"),
            (Locale::En, Locale::En) => ("English", "missing"),
        };
        let oninput = set_string(ctx, p.clone());
        // Both languages alike: a text area when either is long, as tall as the longer needs.
        let longest = ["ja", "en"]
            .iter()
            .filter_map(|k| value.get(*k).and_then(Value::as_str))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0);
        let long = longest > LONG;
        let rows = (longest / LONG + 1).clamp(2, 8).to_string();
        let described = bad.then(|| format!("{id}-err"));
        html! {
            <div class={classes!("lang", loc.tag())}>
                <label for={id.clone()}>{ format!("{name}（{lang_name}）") }
                    if missing { <span class="missing">{ mark }</span> }
                </label>
                if long {
                    <textarea id={id.clone()} lang={loc.tag()} value={current} {oninput} {rows}
                        aria-invalid={bad.then_some("true")} aria-describedby={described} />
                } else {
                    <input id={id.clone()} lang={loc.tag()} value={current} {oninput}
                        aria-invalid={bad.then_some("true")} aria-describedby={described} />
                }
                { problem_note(ctx, Doc::Content, &p) }
            </div>
        }
    };
    html! {
        <div class="text-pair" id={path.dom_id(Doc::Content)}>
            { one(Locale::Ja) }
            { one(Locale::En) }
            { problem_note(ctx, Doc::Content, path) }
        </div>
    }
}

/// An `oninput` that sets a string at `path`.
fn set_string(ctx: &Ctx, path: Path) -> Callback<InputEvent> {
    let edit = ctx.edit.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(v) = value_of(e.target()) {
            edit.emit(Edit::Set(Doc::Content, path.clone(), Value::String(v)));
        }
    })
}

/// The value of an input, text area or select.
pub fn value_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    use wasm_bindgen::JsCast;
    let t = target?;
    if let Some(i) = t.dyn_ref::<HtmlInputElement>() {
        return Some(i.value());
    }
    if let Some(s) = t.dyn_ref::<HtmlSelectElement>() {
        return Some(s.value());
    }
    t.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|a| a.value())
}

/// What a number field's text becomes: a number when it reads as one, else
/// the text itself (the decoder then says what it expected, at the field);
/// empty is `null` for a field that may be empty.
pub fn number_value(s: &str, nullable: bool) -> Value {
    let t = s.trim();
    if t.is_empty() && nullable {
        return Value::Null;
    }
    if let Ok(n) = t.parse::<u64>() {
        return Value::from(n);
    }
    match t.parse::<f64>() {
        Ok(f) if f.is_finite() => Value::from(f),
        _ => Value::String(s.to_string()),
    }
}

fn scalar(ctx: &Ctx, path: &Path, key: &str, value: &Value) -> Html {
    let id = path.dom_id(Doc::Content);
    let bad = ctx.problem(Doc::Content, path).is_some();
    let described = bad.then(|| format!("{id}-err"));
    let label = field(ctx.l, key, value);
    let edit = ctx.edit.clone();
    let p = path.clone();
    let control = match value {
        Value::Bool(b) => {
            let onchange = Callback::from(move |e: Event| {
                use wasm_bindgen::JsCast;
                if let Some(i) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                    edit.emit(Edit::Set(Doc::Content, p.clone(), Value::Bool(i.checked())));
                }
            });
            html! { <input type="checkbox" id={id.clone()} checked={*b} {onchange} /> }
        }
        Value::Number(_) | Value::Null => {
            let nullable = value.is_null() || key == "max" || key == "sample";
            let text = match value {
                Value::Null => String::new(),
                v => v.to_string(),
            };
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(v) = value_of(e.target()) {
                    edit.emit(Edit::Set(Doc::Content, p.clone(), number_value(&v, nullable)));
                }
            });
            html! {
                <input type="text" inputmode="decimal" class="number" id={id.clone()} value={text} {oninput}
                    aria-invalid={bad.then_some("true")} aria-describedby={described} />
            }
        }
        Value::String(s) => match choices(ctx, path, key) {
            Some(options) => {
                let onchange = Callback::from(move |e: Event| {
                    if let Some(v) = value_of(e.target()) {
                        edit.emit(Edit::Set(Doc::Content, p.clone(), Value::String(v)));
                    }
                });
                let known = options.iter().any(|(v, _)| v == s);
                html! {
                    <select id={id.clone()} {onchange} aria-invalid={bad.then_some("true")} aria-describedby={described}>
                        if !known { <option value={s.clone()} selected=true>{ s.clone() }</option> }
                        { for options.into_iter().map(|(v, shown)| html! {
                            <option value={v.clone()} selected={v == *s}>{ shown }</option>
                        }) }
                    </select>
                }
            }
            None => {
                let oninput = Callback::from(move |e: InputEvent| {
                    if let Some(v) = value_of(e.target()) {
                        edit.emit(Edit::Set(Doc::Content, p.clone(), Value::String(v)));
                    }
                });
                html! {
                    <input id={id.clone()} value={s.clone()} {oninput} spellcheck="false"
                        aria-invalid={bad.then_some("true")} aria-describedby={described} />
                }
            }
        },
        _ => html! {},
    };
    html! {
        <div class={classes!("scalar", bad.then_some("bad"))}>
            <label for={id}>{ label }</label>
            { control }
            { problem_note(ctx, Doc::Content, path) }
        </div>
    }
}

/// The choices of a field that names another part of the content: a
/// check's category, a headcount band.
fn choices(ctx: &Ctx, path: &Path, key: &str) -> Option<Vec<(String, String)>> {
    let from = |list: &Value, label: &str| -> Vec<(String, String)> {
        list.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| {
                        let id = x.get("id")?.as_str()?.to_string();
                        let shown = x.get(label).and_then(|t| t.get(ctx.l.tag())).and_then(Value::as_str).unwrap_or("");
                        Some((id.clone(), format!("{shown} ({id})")))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    match (path.head(), key) {
        ("checks", "category") => Some(from(&ctx.content["categories"], "label")),
        (_, "headcount") => Some(from(&ctx.content["profile"]["headcount"]["options"], "label")),
        _ => None,
    }
}

/// A short name for a list's item: its id or its text.
fn item_name(l: Locale, item: &Value) -> String {
    if let Some(id) = item.get("id").and_then(Value::as_str) {
        return id.to_string();
    }
    if let (Some(f), Some(o)) = (item.get("field").and_then(Value::as_str), item.get("option").and_then(Value::as_str))
    {
        return format!("{f} = {o}");
    }
    let text = ["label", "name", "statement"]
        .iter()
        .find_map(|k| item.get(*k))
        .or(is_text(item).then_some(item))
        .and_then(|t| t.get(l.tag()))
        .and_then(Value::as_str)
        .or_else(|| item.get("headcount").or(item.get("band")).or(item.get("option")).and_then(Value::as_str))
        .unwrap_or("");
    text.chars().take(30).collect()
}

fn list(ctx: &Ctx, path: &Path, key: &str, items: &[Value]) -> Html {
    let l = ctx.l;
    let n = items.len();
    let name = field(l, key, &Value::Array(vec![]));
    let rows = items.iter().enumerate().map(|(i, item)| {
        let edit = ctx.edit.clone();
        let at = path.clone();
        let mv = move |to: usize| {
            let (edit, at) = (edit.clone(), at.clone());
            Callback::from(move |_: MouseEvent| edit.emit(Edit::Move(Doc::Content, at.clone(), i, to)))
        };
        let remove = {
            let (edit, p) = (ctx.edit.clone(), path.index(i));
            Callback::from(move |_: MouseEvent| edit.emit(Edit::Remove(Doc::Content, p.clone())))
        };
        let ondragstart = {
            let (drag, at) = (ctx.drag.clone(), path.clone());
            Callback::from(move |e: DragEvent| {
                if let Some(dt) = e.data_transfer() {
                    let _ = dt.set_data("text/plain", &i.to_string());
                    dt.set_effect_allowed("move");
                }
                *drag.borrow_mut() = Some((at.clone(), i));
            })
        };
        let ondragover = {
            let (drag, at) = (ctx.drag.clone(), path.clone());
            Callback::from(move |e: DragEvent| {
                if drag.borrow().as_ref().is_some_and(|(p, _)| *p == at) {
                    e.prevent_default();
                }
            })
        };
        let ondrop = {
            let (drag, at, edit) = (ctx.drag.clone(), path.clone(), ctx.edit.clone());
            Callback::from(move |e: DragEvent| {
                let taken = drag.borrow_mut().take();
                if let Some((p, from)) = taken {
                    if p == at {
                        e.prevent_default();
                        edit.emit(Edit::Move(Doc::Content, at.clone(), from, i));
                    }
                }
            })
        };
        let title = format!("{}. {}", i + 1, item_name(l, item));
        let item_path = path.index(i);
        let body = if is_text(item) { text_pair(ctx, &item_path, key, item) } else { members(ctx, &item_path, item) };
        html! {
            <fieldset class={classes!("item", key.to_string())} data-id={item.get("id").and_then(Value::as_str).map(str::to_string)}
                id={item_path.dom_id(Doc::Content)} {ondragover} {ondrop}>
                <legend>
                    <span class="handle" draggable="true" {ondragstart} title={tr(l, "ドラッグで並べ替え", "Drag to reorder")}>{ "⠿" }</span>
                    { title.clone() }
                </legend>
                <div class="tools">
                    <button type="button" class="up" disabled={i == 0} onclick={mv(i.saturating_sub(1))}
                        aria-label={format!("{title} {}", tr(l, "を上へ", "up"))}>{ "↑" }</button>
                    <button type="button" class="down" disabled={i + 1 == n} onclick={mv((i + 1).min(n.saturating_sub(1)))}
                        aria-label={format!("{title} {}", tr(l, "を下へ", "down"))}>{ "↓" }</button>
                    <button type="button" class="remove" onclick={remove}
                        aria-label={format!("{title} {}", tr(l, "を削除", "remove"))}>{ tr(l, "削除", "Remove") }</button>
                </div>
                { problem_note(ctx, Doc::Content, &item_path) }
                { body }
            </fieldset>
        }
    });
    let append = {
        let (edit, p) = (ctx.edit.clone(), path.clone());
        Callback::from(move |_: MouseEvent| edit.emit(Edit::Append(Doc::Content, p.clone())))
    };
    html! {
        <section class={classes!("list", key.to_string())} id={path.dom_id(Doc::Content)} aria-label={name.clone()}>
            <h3>{ name.clone() }</h3>
            { problem_note(ctx, Doc::Content, path) }
            { for rows }
            if n > 0 {
                <button type="button" class="append" onclick={append}>{ format!("＋ {name} {}", tr(l, "を追加", ": add")) }</button>
            }
        </section>
    }
}

/// An object's members without a frame of their own (a list item's).
fn members(ctx: &Ctx, path: &Path, item: &Value) -> Html {
    let Value::Object(o) = item else { return node(ctx, path, "", item) };
    let mut members: Vec<(&String, &Value)> = o.iter().collect();
    members.sort_by_key(|(k, _)| (rank(k), k.as_str().to_owned()));
    html! { <>
        { members.into_iter().map(|(k, v)| node(ctx, &path.key(k), k, v)).collect::<Html>() }
        { optional_bar(ctx, path, item) }
    </> }
}

/// Buttons that add the members the file may leave out at `path`, and
/// remove those that are there.
fn optional_bar(ctx: &Ctx, path: &Path, value: &Value) -> Html {
    let l = ctx.l;
    let buttons: Vec<Html> = optional_members(path)
        .into_iter()
        .map(|(key, template)| {
            let name = field(l, key, &template);
            let (edit, at) = (ctx.edit.clone(), path.key(key));
            if value.get(key).is_some() {
                let onclick = Callback::from(move |_: MouseEvent| edit.emit(Edit::Remove(Doc::Content, at.clone())));
                html! { <button type="button" class="drop-optional" {onclick}>{ format!("− {name}{}", tr(l, "を削除", ": remove")) }</button> }
            } else {
                let onclick = Callback::from(move |_: MouseEvent| edit.emit(Edit::Set(Doc::Content, at.clone(), template.clone())));
                html! { <button type="button" class="add-optional" {onclick}>{ format!("＋ {name}{}", tr(l, "を追加", ": add")) }</button> }
            }
        })
        .collect();
    if buttons.is_empty() {
        return html! {};
    }
    html! { <div class="optional">{ for buttons }</div> }
}

/// The fields of one top-level part of the content (`None`: the basics).
pub fn section(ctx: &Ctx, head: Option<&str>) -> Html {
    match head {
        Some(k) => match get(ctx.content, &Path(vec![Seg::Key(k.into())])) {
            Some(v) => node(ctx, &Path(vec![Seg::Key(k.into())]), k, v),
            None => html! {},
        },
        None => html! { <>
            { ["title", "tagline", "intro", "article", "org_note"]
                .iter()
                .filter_map(|k| {
                    let p = Path(vec![Seg::Key((*k).into())]);
                    get(ctx.content, &p).map(|v| node(ctx, &p, k, v))
                })
                .collect::<Html>() }
            { optional_bar(ctx, &Path::default(), ctx.content) }
        </> },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_fields_keep_what_is_not_a_number_for_the_decoder_to_name() {
        assert_eq!(number_value("40", false), json!(40));
        assert_eq!(number_value(" 21.5 ", false), json!(21.5));
        assert_eq!(number_value("", false), json!(""));
        assert_eq!(number_value("", true), Value::Null);
        assert_eq!(number_value("ten", true), json!("ten"));
    }
}
