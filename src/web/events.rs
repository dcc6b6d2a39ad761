//! Events for the host page: namespaced `CustomEvent`s (`bubbles`,
//! `composed`) on the host element, and an optional `dataLayer` push with the
//! same data. No personal data is ever in them.

use crate::config::Mode;
use crate::domain::{scoring, Answers, Content, Locale, Step};
use crate::json::{object, opt_s, s, Map, Value};
use crate::web::names::{DATA_LAYER, DATA_LAYER_KEY, EVENT_PREFIX};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Where one widget's events go.
#[derive(Debug, Clone, PartialEq)]
pub struct HostEvents {
    /// The host element the events are dispatched on.
    pub host: Element,
    /// Whether to also push to `window.dataLayer`.
    pub data_layer: bool,
}

impl HostEvents {
    /// Dispatches `b2b-assessment:<name>` with `detail`, and pushes it to
    /// `dataLayer` when enabled and present. Failures are ignored: the host
    /// page's listeners must never break the widget.
    pub fn emit(&self, name: &str, detail: &Value) {
        let event_name = format!("{EVENT_PREFIX}{name}");
        let js_detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&js_detail);
        if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(&event_name, &init) {
            let _ = self.host.dispatch_event(&ev);
        }
        if self.data_layer {
            push_data_layer(&event_name, &js_detail);
        }
    }
}

fn push_data_layer(event_name: &str, detail: &JsValue) {
    let Some(window) = web_sys::window() else { return };
    let Ok(layer) = js_sys::Reflect::get(&window, &DATA_LAYER.into()) else { return };
    let Ok(push) = js_sys::Reflect::get(&layer, &"push".into()) else { return };
    let Some(push) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&push) else { return };
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"event".into(), &event_name.into());
    let _ = js_sys::Reflect::set(&entry, &DATA_LAYER_KEY.into(), detail);
    let _ = push.call1(&layer, &entry);
}

fn base(mode: Mode, locale: Locale) -> Map {
    let mut m = Map::new();
    m.insert("mode".into(), s(mode.name()));
    m.insert("lang".into(), s(locale.tag()));
    m
}

/// `start`: the visitor began.
pub fn start_detail(mode: Mode, locale: Locale) -> Value {
    Value::Object(base(mode, locale))
}

/// `answer`: one answer given or changed, by stable ids.
pub fn answer_detail(content: &Content, answers: &Answers, index: usize, mode: Mode, locale: Locale) -> Value {
    let mut m = base(mode, locale);
    let (question, answer) = match Step::at(content, index) {
        Some(Step::Profile(f)) => {
            let opt = answers.profile(f).and_then(|i| content.profile.get(f).options.get(i)).map(|o| o.id.clone());
            (f.key().to_string(), opt)
        }
        Some(Step::Check(i)) => {
            let choice = answers
                .checks
                .get(i)
                .copied()
                .flatten()
                .and_then(|a| content.answer_scale.get(a))
                .map(|c| c.id.clone());
            (content.checks[i].id.clone(), choice)
        }
        None => (String::new(), None),
    };
    m.insert("question".into(), Value::String(question));
    m.insert("answer".into(), answer.map_or(Value::Null, Value::String));
    m.insert("step".into(), (index + 1).into());
    m.insert("answered".into(), answers.answered().into());
    m.insert("total".into(), content.step_count().into());
    Value::Object(m)
}

/// `complete` (and the score part of `cta`): overall, level and categories.
pub fn score_detail(content: &Content, answers: &Answers, mode: Mode, locale: Locale) -> Value {
    let s = scoring::score(content, answers);
    let mut m = base(mode, locale);
    m.insert("score".into(), s.overall.into());
    m.insert("level".into(), opt_s(content.levels.get(s.level).map(|l| l.id.as_str())));
    m.insert("categories".into(), crate::domain::lead::category_scores(content, &s));
    m.insert("answered".into(), answers.answered().into());
    m.insert("total".into(), content.step_count().into());
    Value::Object(m)
}

/// `cta`: the call to action was used, with where it leads.
pub fn cta_detail(content: &Content, answers: &Answers, mode: Mode, locale: Locale, url: &str) -> Value {
    let mut v = score_detail(content, answers, mode, locale);
    if let Value::Object(m) = &mut v {
        m.insert("url".into(), s(url));
    }
    v
}

/// `error`: the widget could not start; the message names the field.
pub fn error_detail(message: &str) -> Value {
    object(vec![("message", s(message))])
}
