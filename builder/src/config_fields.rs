//! Fields of the widget's config (the theme and lead sections): each edits
//! one path of the config and shows the config decoder's problem there.

use crate::draft::{get, Doc, Edit, Path, Problem};
use crate::editor::value_of;
use crate::labels::explain;
use b2b_assessment_core::domain::Locale;
use serde_json::Value;
use yew::prelude::*;

/// What the config's fields need.
pub struct Cfg<'a> {
    /// The Builder's language.
    pub l: Locale,
    /// The config.
    pub config: &'a Value,
    /// The config decoder's problem, if any.
    pub problem: Option<&'a Problem>,
    /// Where edits go.
    pub edit: Callback<Edit>,
}

impl Cfg<'_> {
    /// The string at `path`, or "".
    pub fn string(&self, path: &str) -> String {
        get(self.config, &Path::parse(path)).and_then(Value::as_str).unwrap_or("").to_string()
    }

    fn problem_at(&self, path: &Path) -> Option<&Problem> {
        self.problem.filter(|p| p.path == *path)
    }

    /// The problem's note under the field at `path`.
    pub fn note(&self, path: &Path) -> Html {
        match self.problem_at(path) {
            Some(p) => {
                html! { <p class="field-error" id={format!("{}-err", path.dom_id(Doc::Config))}>{ explain(self.l, &p.message) }</p> }
            }
            None => html! {},
        }
    }

    /// Sets the string at `path`, or removes the member when it is empty.
    pub fn setter<E: AsRef<web_sys::Event> + 'static>(&self, path: &Path) -> Callback<E> {
        let (edit, path) = (self.edit.clone(), path.clone());
        Callback::from(move |e: E| {
            if let Some(v) = value_of(e.as_ref().target()) {
                edit.emit(if v.trim().is_empty() {
                    Edit::Remove(Doc::Config, path.clone())
                } else {
                    Edit::Set(Doc::Config, path.clone(), Value::String(v))
                });
            }
        })
    }

    /// A labelled text field for the string at `path`.
    pub fn input(&self, path: &str, label: &str, placeholder: &str) -> Html {
        let p = Path::parse(path);
        let id = p.dom_id(Doc::Config);
        let bad = self.problem_at(&p).is_some();
        html! {
            <div class={classes!("scalar", bad.then_some("bad"))}>
                <label for={id.clone()}>{ label.to_string() }</label>
                <input id={id.clone()} value={self.string(path)} placeholder={placeholder.to_string()}
                    oninput={self.setter::<InputEvent>(&p)} spellcheck="false"
                    aria-invalid={bad.then_some("true")} aria-describedby={bad.then(|| format!("{id}-err"))} />
                { self.note(&p) }
            </div>
        }
    }

    /// A labelled select for the string at `path` (the first choice, empty,
    /// removes the member).
    pub fn select(&self, path: &str, label: &str, choices: &[(&str, String)]) -> Html {
        let p = Path::parse(path);
        let id = p.dom_id(Doc::Config);
        let now = self.string(path);
        html! {
            <div class="scalar">
                <label for={id.clone()}>{ label.to_string() }</label>
                <select id={id} onchange={self.setter::<Event>(&p)}>
                    { for choices.iter().map(|(v, shown)| html! {
                        <option value={v.to_string()} selected={*v == now}>{ shown.clone() }</option>
                    }) }
                </select>
                { self.note(&p) }
            </div>
        }
    }

    /// A bilingual text at `path` (`{"ja", "en"}`); both empty removes it.
    pub fn text_pair(&self, path: &str, label: &str) -> Html {
        let base = Path::parse(path);
        let one = |loc: Locale, lang_name: &str| {
            let p = base.key(loc.tag());
            let id = p.dom_id(Doc::Config);
            let bad = self.problem_at(&p).is_some() || self.problem_at(&base).is_some();
            let other = base.key(match loc {
                Locale::Ja => "en",
                Locale::En => "ja",
            });
            let (edit, here, whole, other_now) = (
                self.edit.clone(),
                p.clone(),
                base.clone(),
                get(self.config, &other).and_then(Value::as_str).unwrap_or("").to_string(),
            );
            let oninput = Callback::from(move |e: InputEvent| {
                if let Some(v) = value_of(e.target()) {
                    edit.emit(if v.is_empty() && other_now.is_empty() {
                        Edit::Remove(Doc::Config, whole.clone())
                    } else {
                        Edit::Set(Doc::Config, here.clone(), Value::String(v))
                    });
                }
            });
            html! {
                <div class={classes!("lang", loc.tag())}>
                    <label for={id.clone()}>{ format!("{label}（{lang_name}）") }</label>
                    <textarea id={id.clone()} lang={loc.tag()} value={self.string(&p.to_string())} {oninput}
                        aria-invalid={bad.then_some("true")} aria-describedby={bad.then(|| format!("{id}-err"))} />
                    { self.note(&p) }
                </div>
            }
        };
        let (ja, en) = match self.l {
            Locale::Ja => ("日本語", "英語"),
            Locale::En => ("Japanese", "English"),
        };
        html! {
            <div class="text-pair" id={base.dom_id(Doc::Config)}>
                { one(Locale::Ja, ja) }
                { one(Locale::En, en) }
                { self.note(&base) }
            </div>
        }
    }
}
