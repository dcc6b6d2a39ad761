//! The Builder's pure model: the draft (the content file and the config, as
//! JSON values, edited by path), its edits, undo/redo, and its validation by
//! the widget's own decoders. Tested natively.

use b2b_assessment_core::config;
use b2b_assessment_core::domain::{Content, StrMap};
use b2b_assessment_core::Error;
use serde_json::{json, Map, Value};
use std::fmt;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// An object's member.
    Key(String),
    /// An array's item.
    Index(usize),
}

/// A path into a document, written as the widget's decoders name fields:
/// `checks[3].text.ja`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// This path with `key` added.
    pub fn key(&self, key: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.into()));
        p
    }

    /// This path with `index` added.
    pub fn index(&self, index: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(index));
        p
    }

    /// Reads a decoder's path (`checks[3].text.ja`, `.` for the root).
    pub fn parse(s: &str) -> Path {
        let mut segs = Vec::new();
        for part in s.split('.').filter(|p| !p.is_empty()) {
            let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
            if !name.is_empty() {
                segs.push(Seg::Key(name.into()));
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse() {
                    segs.push(Seg::Index(i));
                }
            }
        }
        Path(segs)
    }

    /// The first key: which section of the Builder the field is in.
    pub fn head(&self) -> &str {
        match self.0.first() {
            Some(Seg::Key(k)) => k,
            _ => "",
        }
    }

    /// An HTML id for the field at this path (`f-checks-3-text-ja`).
    pub fn dom_id(&self, doc: Doc) -> String {
        let mut id = String::from(match doc {
            Doc::Content => "f",
            Doc::Config => "g",
        });
        for s in &self.0 {
            id.push('-');
            match s {
                Seg::Key(k) => id.extend(k.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })),
                Seg::Index(i) => id.push_str(&i.to_string()),
            }
        }
        id
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, s) in self.0.iter().enumerate() {
            match s {
                Seg::Key(k) if n == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Which document an edit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Doc {
    /// `content.json`.
    Content,
    /// The widget's config (mode, theme, lead).
    Config,
}

/// The value at `path`, if there is one.
pub fn get<'a>(v: &'a Value, path: &Path) -> Option<&'a Value> {
    path.0.iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

/// The value at `path`, made (as objects) where it is missing.
fn get_mut<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut v = v;
    for s in path {
        v = match s {
            Seg::Key(k) => {
                if v.is_null() {
                    *v = Value::Object(Map::new());
                }
                v.as_object_mut()?.entry(k.clone()).or_insert(Value::Null)
            }
            Seg::Index(i) => v.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(v)
}

/// One change to the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Sets the value at a path (making objects on the way).
    Set(Doc, Path, Value),
    /// Removes the member or item at a path (and objects it leaves empty).
    Remove(Doc, Path),
    /// Adds an item after the last of the array at a path: a copy of the
    /// last one with its texts blank and a new id.
    Append(Doc, Path),
    /// Moves an array's item (array path, from, to).
    Move(Doc, Path, usize, usize),
    /// Replaces a whole document (import, reset).
    Replace(Doc, Value),
}

/// What the Builder edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The content file.
    pub content: Value,
    /// The widget's config.
    pub config: Value,
}

impl Draft {
    /// The default content and a config with a lead section for the
    /// reference receiver.
    pub fn initial() -> Draft {
        Draft { content: default_content(), config: default_config() }
    }

    fn doc_mut(&mut self, d: Doc) -> &mut Value {
        match d {
            Doc::Content => &mut self.content,
            Doc::Config => &mut self.config,
        }
    }

    /// The document `d`.
    pub fn doc(&self, d: Doc) -> &Value {
        match d {
            Doc::Content => &self.content,
            Doc::Config => &self.config,
        }
    }

    /// The draft after `edit`. An edit whose path does not resolve changes nothing.
    pub fn apply(&self, edit: &Edit) -> Draft {
        let mut next = self.clone();
        match edit {
            Edit::Set(d, p, v) => match get_mut(next.doc_mut(*d), &p.0) {
                Some(slot) => *slot = v.clone(),
                // Objects made on the way to a path that does not resolve go too.
                None => return self.clone(),
            },
            Edit::Remove(d, p) => remove(next.doc_mut(*d), &p.0),
            Edit::Append(d, p) => {
                if let Some(Value::Array(items)) = get_mut(next.doc_mut(*d), &p.0) {
                    if let Some(last) = items.last() {
                        let mut item = blank_copy(last);
                        if let Some(Value::String(id)) = item.get("id") {
                            let id = fresh_id(items, id);
                            item["id"] = Value::String(id);
                        }
                        items.push(item);
                    }
                }
            }
            Edit::Move(d, p, from, to) => {
                if let Some(Value::Array(items)) = get_mut(next.doc_mut(*d), &p.0) {
                    if *from < items.len() && *to < items.len() {
                        let item = items.remove(*from);
                        items.insert(*to, item);
                    }
                }
            }
            Edit::Replace(d, v) => *next.doc_mut(*d) = v.clone(),
        }
        next
    }

    /// The content file's text, as exported.
    pub fn content_text(&self) -> String {
        serde_json::to_string_pretty(&self.content).unwrap_or_default()
    }

    /// The config's text, as exported.
    pub fn config_text(&self) -> String {
        serde_json::to_string_pretty(&self.config).unwrap_or_default()
    }
}

fn remove(v: &mut Value, path: &[Seg]) {
    let Some((last, parent)) = path.split_last() else { return };
    let Some(p) = get_mut(v, parent) else { return };
    match (p, last) {
        (Value::Object(o), Seg::Key(k)) => {
            o.remove(k);
            if o.is_empty() && !parent.is_empty() {
                remove(v, parent);
            }
        }
        (Value::Array(a), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

/// A copy of `v` with every text blank (for a new item the site owner fills
/// in) and lists emptied.
fn blank_copy(v: &Value) -> Value {
    match v {
        Value::Object(o) if is_text(v) => {
            Value::Object(o.keys().map(|k| (k.clone(), Value::String(String::new()))).collect())
        }
        Value::Object(o) => {
            Value::Object(o.iter().filter(|(_, v)| !v.is_array()).map(|(k, v)| (k.clone(), blank_copy(v))).collect())
        }
        other => other.clone(),
    }
}

/// `base` with the first free `_2`, `_3`, … suffix among `items`' ids.
fn fresh_id(items: &[Value], base: &str) -> String {
    let stem = base.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches('_');
    let stem = if stem.is_empty() { "item" } else { stem };
    (2..)
        .map(|n| format!("{stem}_{n}"))
        .find(|id| !items.iter().any(|i| i.get("id").and_then(Value::as_str) == Some(id)))
        .unwrap_or_default()
}

/// Whether `v` is a bilingual text (`{"ja": …, "en": …}`).
pub fn is_text(v: &Value) -> bool {
    v.as_object().is_some_and(|o| {
        o.len() == 2 && o.get("ja").is_some_and(Value::is_string) && o.get("en").is_some_and(Value::is_string)
    })
}

/// The compiled-in default content, as a JSON value.
pub fn default_content() -> Value {
    Content::default_set().ok().and_then(|c| serde_json::to_value(c).ok()).unwrap_or(Value::Null)
}

/// The config a new draft starts with: the lead form after the report,
/// leads to the reference receiver.
pub fn default_config() -> Value {
    json!({ "lead": { "gate": "after", "endpoint": "/api/leads" } })
}

/// The members the content file may leave out at `path` (an object of the
/// content), each with what adding it puts there: empty texts to fill in,
/// or a list with one item. Which object `path` is follows from its keys.
pub fn optional_members(path: &Path) -> Vec<(&'static str, Value)> {
    let keys: Vec<&str> = path
        .0
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Index(_) => "[]",
        })
        .collect();
    let text = || json!({"ja": "", "en": ""});
    match keys.as_slice() {
        [] => vec![("article", json!({"name": text(), "year": 2026})), ("org_note", text())],
        ["categories", "[]"] => vec![("note", text())],
        ["checks", "[]"] => vec![("hint", text()), ("first_for", json!([{"field": "budget", "option": "unknown"}]))],
        ["checks", "[]", "action"] => vec![("step_for", json!([{"headcount": "", "step": text()}]))],
        ["profile", _] => vec![("hint", text())],
        ["profile", "budget", "options", "[]"] => vec![("annual_jpy", json!({"min": 0, "max": null}))],
        ["benchmarks", "dedicated_staff" | "budget"] => {
            vec![("caption", text()), ("remainder_note", text()), ("note", text())]
        }
        ["benchmarks", "team_size" | "nurturing"] => vec![("check", json!(""))],
        [.., "source"] | ["article"] => vec![("sample", json!(1)), ("caveat", text())],
        ["org_models", "[]"] => vec![("dedicated_share", text())],
        ["sourcing", "keep_in_house" | "outsource", "[]"] => vec![("why", text())],
        ["costs"] => vec![
            ("defaults", json!([{"headcount": "", "articles_per_month": 4, "support": false}])),
            ("defaults_note", text()),
            ("staff_note", text()),
        ],
        _ => vec![],
    }
}

/// A problem the widget's decoder finds, at a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Which document.
    pub doc: Doc,
    /// Where, as the decoder names it.
    pub path: Path,
    /// The decoder's message (without serde's "at line …").
    pub message: String,
}

/// Most problems listed at once: the decoder stops at the first one, so the
/// rest are found by patching each found one and decoding again.
pub const MAX_PROBLEMS: usize = 12;

/// Every problem the widget's content decoder finds in `content`, the first
/// one exactly as the widget reports it. To find more than the first, the
/// field at fault is patched (a placeholder text, a number from the default
/// content) and the file decoded again; a problem that cannot be patched
/// ends the list.
pub fn content_problems(content: &Value) -> Vec<Problem> {
    let fallback = default_content();
    let mut work = content.clone();
    let mut found: Vec<Problem> = Vec::new();
    while found.len() < MAX_PROBLEMS {
        let text = serde_json::to_string(&work).unwrap_or_default();
        let e = match Content::parse(&text) {
            Ok(_) => break,
            Err(Error::Content(e)) => e,
            Err(other) => {
                found.push(Problem { doc: Doc::Content, path: Path::default(), message: other.to_string() });
                break;
            }
        };
        let path = if e.path == "." { Path::default() } else { Path::parse(&e.path) };
        let message = e.message.split(" at line ").next().unwrap_or(&e.message).to_string();
        if found.iter().any(|p| p.path == path) {
            break;
        }
        found.push(Problem { doc: Doc::Content, path: path.clone(), message });
        let patch = match get(&work, &path) {
            Some(Value::String(s)) if s.trim().is_empty() => Value::String(format!("x{}", found.len())),
            Some(_) | None => match get(&fallback, &path) {
                Some(v) if get(&work, &path) != Some(v) => v.clone(),
                _ => break,
            },
        };
        if path.0.is_empty() {
            break;
        }
        if let Some(slot) = get_mut(&mut work, &path.0) {
            *slot = patch;
        }
    }
    found
}

/// The widget's own verdict on the config (the first problem, named as the
/// widget names it), or `None` when it reads it.
pub fn config_problem(config: &Value) -> Option<Problem> {
    let text = serde_json::to_string(config).unwrap_or_default();
    match config::parse(&StrMap::new(), Some(&text)) {
        Ok(_) => None,
        Err(Error::Config { field, message }) => Some(Problem {
            doc: Doc::Config,
            path: Path::parse(field.strip_prefix("config.").unwrap_or(&field)),
            message,
        }),
        Err(other) => Some(Problem { doc: Doc::Config, path: Path::default(), message: other.to_string() }),
    }
}

/// Undo and redo over drafts. Typing into one field is one step: a `Set` at
/// the path of the step before replaces it instead of adding one.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The draft now.
    pub now: Draft,
    past: Vec<Draft>,
    future: Vec<Draft>,
    last: Option<(Doc, Path)>,
}

/// Most undo steps kept.
pub const MAX_UNDO: usize = 200;

impl History {
    /// A history that starts at `now`.
    pub fn new(now: Draft) -> History {
        History { now, past: Vec::new(), future: Vec::new(), last: None }
    }

    /// After `edit`.
    pub fn edit(&self, edit: &Edit) -> History {
        let next = self.now.apply(edit);
        if next == self.now {
            return self.clone();
        }
        let at = match edit {
            Edit::Set(d, p, _) => Some((*d, p.clone())),
            _ => None,
        };
        let mut h = self.clone();
        if at.is_none() || at != h.last {
            h.past.push(h.now.clone());
            if h.past.len() > MAX_UNDO {
                h.past.remove(0);
            }
        }
        h.now = next;
        h.last = at;
        h.future.clear();
        h
    }

    /// Back one step, if there is one.
    pub fn undo(&self) -> History {
        let mut h = self.clone();
        if let Some(d) = h.past.pop() {
            h.future.push(std::mem::replace(&mut h.now, d));
            h.last = None;
        }
        h
    }

    /// Forward one step, if one was undone.
    pub fn redo(&self) -> History {
        let mut h = self.clone();
        if let Some(d) = h.future.pop() {
            h.past.push(std::mem::replace(&mut h.now, d));
            h.last = None;
        }
        h
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

/// What an imported file is, and the draft it makes.
#[derive(Debug, Clone, PartialEq)]
pub enum Import {
    /// A content file.
    Content(Value),
    /// A config.
    Config(Value),
}

/// Reads a file the site owner imports: a content file (it has `schema`) or
/// a config. A file the widget would refuse is refused with the widget's
/// message, naming the field.
pub fn import(text: &str) -> Result<Import, Problem> {
    let value: Value = serde_json::from_str(text).map_err(|e| Problem {
        doc: Doc::Content,
        path: Path::default(),
        message: format!("not valid JSON: {e}"),
    })?;
    if value.get("schema").is_some() {
        match content_problems(&value).into_iter().next() {
            None => Ok(Import::Content(value)),
            Some(p) => Err(p),
        }
    } else {
        match config_problem(&value) {
            None => Ok(Import::Config(value)),
            Some(p) => Err(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Path {
        Path::parse(s)
    }

    #[test]
    fn paths_read_and_write_as_the_decoder_names_fields() {
        for s in ["checks[3].text.ja", "benchmarks.budget.source.name.en", "answer_scale", "a[1][2].b", ""] {
            assert_eq!(p(s).to_string(), s, "{s}");
        }
        assert_eq!(p("checks[3].text").0, vec![Seg::Key("checks".into()), Seg::Index(3), Seg::Key("text".into())]);
        assert_eq!(p(".").0, vec![]);
        assert_eq!(p("checks[3].text.ja").dom_id(Doc::Content), "f-checks-3-text-ja");
        assert_eq!(p("lead.hubspot.fields.score").dom_id(Doc::Config), "g-lead-hubspot-fields-score");
    }

    #[test]
    fn the_default_draft_has_no_problems() {
        let d = Draft::initial();
        assert_eq!(content_problems(&d.content), vec![]);
        assert_eq!(config_problem(&d.config), None);
    }

    #[test]
    fn edits_set_remove_append_and_move() {
        let d = Draft::initial();
        let set = d.apply(&Edit::Set(Doc::Content, p("checks[0].text.ja"), json!("新しい質問")));
        assert_eq!(set.content["checks"][0]["text"]["ja"], "新しい質問");
        let n = d.content["checks"].as_array().map(Vec::len).unwrap_or(0);
        let added = d.apply(&Edit::Append(Doc::Content, p("checks")));
        let new = &added.content["checks"][n];
        assert_eq!(new["text"], json!({"ja": "", "en": ""}), "a new item's texts are blank");
        assert_ne!(new["id"], d.content["checks"][n - 1]["id"], "and its id is new");
        assert!(new.get("first_for").is_none(), "and its lists empty");
        let moved = d.apply(&Edit::Move(Doc::Content, p("checks"), 0, 2));
        assert_eq!(moved.content["checks"][2]["id"], d.content["checks"][0]["id"]);
        assert_eq!(moved.content["checks"][0]["id"], d.content["checks"][1]["id"]);
        let removed = d.apply(&Edit::Remove(Doc::Content, p("checks[0]")));
        assert_eq!(removed.content["checks"][0]["id"], d.content["checks"][1]["id"]);
        let cfg = d.apply(&Edit::Set(Doc::Config, p("lead.hubspot.fields.score"), json!("b2ba_score")));
        assert_eq!(cfg.config["lead"]["hubspot"]["fields"]["score"], "b2ba_score");
        let gone = cfg.apply(&Edit::Remove(Doc::Config, p("lead.hubspot.fields.score")));
        assert!(gone.config["lead"].get("hubspot").is_none(), "emptied objects go too");
        assert!(
            d.apply(&Edit::Set(Doc::Content, p("checks[999].text"), json!("x"))) == d,
            "a bad path changes nothing"
        );
    }

    #[test]
    fn every_optional_member_is_one_the_decoder_knows() {
        // Each optional member, added where it belongs and filled in, is read
        // by the widget's decoder (a key it did not know would be refused).
        let fill = |v: &mut Value| fill_texts(v);
        fn fill_texts(v: &mut Value) {
            match v {
                Value::String(s) if s.is_empty() => *s = "x".into(),
                Value::Object(o) => o.values_mut().for_each(fill_texts),
                Value::Array(a) => a.iter_mut().for_each(fill_texts),
                _ => {}
            }
        }
        let d = Draft::initial();
        let places = [
            "",
            "categories[0]",
            "checks[1]",
            "checks[1].action",
            "profile.revenue",
            "profile.budget.options[0]",
            "benchmarks.budget",
            "benchmarks.team_size",
            "benchmarks.budget.source",
            "org_models[0]",
            "sourcing.outsource[0]",
            "costs",
        ];
        for place in places {
            let at = p(place);
            let optional = optional_members(&at);
            assert!(!optional.is_empty(), "{place}");
            for (key, template) in optional {
                let mut v = template.clone();
                fill(&mut v);
                // References must name something that exists.
                match key {
                    "step_for" => v[0]["headcount"] = json!("1_to_3"),
                    "check" => v = json!("duties_documented"),
                    "defaults" => v[0]["headcount"] = json!("1_to_3"),
                    _ => {}
                }
                let mut next = d.apply(&Edit::Remove(Doc::Content, at.key(key)));
                next = next.apply(&Edit::Set(Doc::Content, at.key(key), v));
                if key == "defaults" {
                    next = next.apply(&Edit::Set(
                        Doc::Content,
                        p("costs.defaults"),
                        json!([{"headcount": "1_to_3", "articles_per_month": 4, "support": false}]),
                    ));
                }
                assert_eq!(content_problems(&next.content), vec![], "{place}.{key}");
            }
        }
    }

    #[test]
    fn problems_are_named_at_their_field_and_more_than_the_first_is_found() {
        type Case<'a> = (&'a [(&'a str, Value)], &'a [&'a str]);
        let cases: &[Case] = &[
            (
                &[("benchmarks.dedicated_staff.source.name.ja", json!(""))],
                &["benchmarks.dedicated_staff.source.name.ja"],
            ),
            (&[("benchmarks.budget.source.year", json!(""))], &["benchmarks.budget.source.year"]),
            (&[("categories[0].weight", json!(0))], &["categories[0].weight"]),
            (
                &[("checks[1].text.en", json!("")), ("levels[2].name.ja", json!("")), ("checks[4].points", json!("x"))],
                &["checks[4].points", "checks[1].text.en", "levels[2].name.ja"],
            ),
        ];
        for (edits, want) in cases {
            let mut d = Draft::initial();
            for (path, v) in *edits {
                d = d.apply(&Edit::Set(Doc::Content, p(path), v.clone()));
            }
            let got: Vec<String> = content_problems(&d.content).iter().map(|x| x.path.to_string()).collect();
            assert_eq!(got, *want, "{edits:?}");
        }
        let d = Draft::initial().apply(&Edit::Set(Doc::Content, p("checks[0].category"), json!("nope")));
        let first = &content_problems(&d.content)[0];
        assert_eq!(first.path.to_string(), "checks[0].category");
        assert!(first.message.contains("nope"), "{}", first.message);
    }

    #[test]
    fn config_problems_name_the_field() {
        let cases = [
            (json!({"lead": {"gate": "later"}}), "lead.gate"),
            (json!({"lead": {"hubspot": {"portalId": "abc", "formId": "f"}}}), "lead.hubspot.portalId"),
            (json!({"lead": {"endpoint": "http://example.com/x"}}), "lead.endpoint"),
            (json!({"theme": {"colour": "red"}}), "theme.colour"),
        ];
        for (cfg, want) in cases {
            let got = config_problem(&cfg).map(|p| p.path.to_string());
            assert_eq!(got.as_deref(), Some(want), "{cfg}");
        }
    }

    #[test]
    fn undo_and_redo_treat_typing_in_one_field_as_one_step() {
        let h = History::new(Draft::initial());
        let at = p("title.ja");
        let h1 = h.edit(&Edit::Set(Doc::Content, at.clone(), json!("a")));
        let h2 = h1.edit(&Edit::Set(Doc::Content, at.clone(), json!("ab")));
        let h3 = h2.edit(&Edit::Set(Doc::Content, p("title.en"), json!("x")));
        assert_eq!(h3.undo().now.content["title"]["ja"], "ab");
        assert_eq!(h3.undo().undo().now, h.now, "the two keystrokes are one step");
        assert_eq!(h3.undo().redo().now, h3.now);
        assert!(!h.can_undo() && h3.can_undo() && h3.undo().can_redo());
        let after = h3.undo().edit(&Edit::Set(Doc::Content, at, json!("c")));
        assert!(!after.can_redo(), "an edit after undo drops the redo steps");
        assert!(h.edit(&Edit::Set(Doc::Content, p("nope[3]"), json!(1))) == h, "no change, no step");
    }

    #[test]
    fn imports_are_told_apart_and_broken_files_name_the_field() {
        let d = Draft::initial();
        assert!(matches!(import(&d.content_text()), Ok(Import::Content(_))));
        assert!(matches!(import(&d.config_text()), Ok(Import::Config(_))));
        let broken = d.apply(&Edit::Set(Doc::Content, p("levels[1].min_score"), json!("ten")));
        let e = import(&broken.content_text()).expect_err("refused");
        assert_eq!(e.path.to_string(), "levels[1].min_score");
        let e = import("{\"lead\": {\"fields\": {\"fax\": \"required\"}}}").expect_err("refused");
        assert_eq!(e.path.to_string(), "lead.fields.fax");
        assert!(import("{nope").expect_err("refused").message.starts_with("not valid JSON"));
    }
}
