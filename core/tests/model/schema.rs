//! The serde derives on the stored formats, held to the hand-written decoders.
//!
//! Each format the widget reads is described twice: by `#[derive(Serialize,
//! Deserialize)]` and its `#[serde(...)]` attributes on the domain types (the
//! readable schema: one attribute says what a page of decoder code does), and
//! by the hand-written decoders (`domain/content/decode.rs`, the decoders in
//! `outbox.rs` and `progress.rs`), which are what the wasm runs, because
//! serde's generated visitors were the largest part of it. Two descriptions of
//! one format drift apart silently; this test keeps them one format. For the
//! content file, stored progress and the stored outbox, on every fixture, on
//! named edge cases and on documents mutated by the fuzzer's structure-aware
//! mutator, the two must both accept or both refuse, and what both accept must
//! be the same value. The hand writers (`Progress::encode`, `Outbox::encode`,
//! the lead envelope's `contact`, `consent`, `source` and answers) must write
//! what the derives write.
//!
//! The level compared is the whole decoder's answer: the derive's value then
//! the checks the types cannot express, the same calls the hand decoder makes
//! ([`Content::validate`] and the `schema`/`version` envelope; the version,
//! share-link decoding and step range of stored progress; the version of the
//! outbox). So a field the derive would read differently cannot hide behind a
//! validation error: a document the derive reads but the checks refuse is
//! refused by both only if the hand decoder refuses it too.
//!
//! The derive reads the document through `serde_json::Value`, not the text:
//! the JSON layer (grammar, limits, a repeated key keeping its last value) is
//! the widget's own parser, held to serde_json's by
//! `fuzz::json_parser_agrees_with_serde_json`; what is compared here is the
//! schema above it. Two differences cannot be closed by an attribute:
//! serde's derive also reads a struct as a JSON array of its fields in
//! declaration order (the sequence form), and an enum variant's name as its
//! index (`"state": 0` for `"pending"`). The documented formats have neither
//! and the hand decoders refuse both. Where only the derive accepts a
//! document, and only because of such a form, the document in the documented
//! form (the derive's own writing at those spots) must read alike in both;
//! the named cases pin the difference itself.
//!
//! `B2BA_FUZZ_ITERS` and `B2BA_FUZZ_SEED` set the generated cases, as for the
//! fuzz module.

use crate::fuzz::{clip, default_content, mutate_link, mutated, outbox_base, random_answers, run, Log, Rng};
use b2b_assessment_core::domain::content::{DEFAULT_JSON, SCHEMA, VERSION};
use b2b_assessment_core::domain::outbox::{self, Outbox};
use b2b_assessment_core::domain::progress::{self, Place, Progress};
use b2b_assessment_core::domain::url;
use b2b_assessment_core::domain::{share, Answers, Content};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::fmt::Debug;

/// What a decoder made of a document: the value, or why it refused it.
type Read<T> = Result<T, String>;

/// `text` through the derive (by way of serde_json's `Value`), and the
/// derive's own writing of what it read.
fn derived<T: DeserializeOwned + Serialize>(text: &str) -> Read<(T, Value)> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let t: T = serde_json::from_value(v).map_err(|e| format!("derive: {e}"))?;
    let written = serde_json::to_value(&t).map_err(|e| format!("derive cannot write it: {e}"))?;
    Ok((t, written))
}

fn refused(e: impl Debug) -> String {
    clip(&format!("{e:?}"), 300)
}

/// `input` in the documented form where the derive read one of serde's own
/// forms, which the documented formats do not have: an array where the
/// derive read (and so writes) a struct, a number where it read (and writes)
/// the name of an enum variant (serde's variant index). `None` when there is
/// neither. Nothing else can differ like this: a struct's fields, strings and
/// numbers are written back as read.
fn documented_form(input: &Value, written: &Value) -> Option<Value> {
    match (input, written) {
        (Value::Array(_), Value::Object(_)) | (Value::Number(_), Value::String(_)) => Some(written.clone()),
        (Value::Array(a), Value::Array(w)) if a.len() == w.len() => {
            let mut changed = false;
            let out = a
                .iter()
                .zip(w)
                .map(|(x, y)| match documented_form(x, y) {
                    Some(n) => {
                        changed = true;
                        n
                    }
                    None => x.clone(),
                })
                .collect();
            changed.then_some(Value::Array(out))
        }
        (Value::Object(m), Value::Object(w)) => {
            let mut out = m.clone();
            let mut changed = false;
            for (k, y) in w {
                if let Some(n) = m.get(k).and_then(|x| documented_form(x, y)) {
                    out.insert(k.clone(), n);
                    changed = true;
                }
            }
            changed.then_some(Value::Object(out))
        }
        _ => None,
    }
}

/// The hand decoder of a format.
type HandFn<T> = dyn Fn(&str) -> Read<T>;
/// The derive with the checks after it: the value and the derive's writing of it.
type DeriveFn<T> = dyn Fn(&str) -> Read<(T, Value)>;

/// One format: how the hand decoder and the derive (with the same checks
/// after it) read a document.
struct Format<T> {
    name: &'static str,
    hand: Box<HandFn<T>>,
    derive: Box<DeriveFn<T>>,
}

/// How the two decoders of a format compared on one document.
#[derive(Debug, PartialEq)]
enum Verdict {
    BothAccept,
    BothRefuse,
    /// Only the derive accepts, and only because of one of serde's own forms
    /// ([`documented_form`]): in the documented form both read it alike.
    SerdeForm,
}

impl<T: PartialEq + Debug> Format<T> {
    /// Whether both decoders agree on `text`: both refuse it, or both accept
    /// it as the same value.
    fn compare(&self, text: &str) -> Result<Verdict, String> {
        let name = self.name;
        match ((self.hand)(text), (self.derive)(text)) {
            (Err(_), Err(_)) => Ok(Verdict::BothRefuse),
            (Ok(a), Ok((b, _))) if a == b => Ok(Verdict::BothAccept),
            (Ok(a), Ok((b, _))) => Err(format!(
                "{name}: both accept, with different values:\n  hand   {}\n  derive {}",
                clip(&format!("{a:?}"), 2000),
                clip(&format!("{b:?}"), 2000)
            )),
            (Ok(_), Err(e)) => Err(format!("{name}: the hand decoder accepts, the derive refuses: {e}")),
            (Err(e), Ok((b, written))) => {
                // One of serde's own forms: the same document in the
                // documented form must then read alike.
                let input: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
                let Some(fixed) = documented_form(&input, &written) else {
                    return Err(format!("{name}: the derive accepts, the hand decoder refuses: {e}"));
                };
                match (self.hand)(&fixed.to_string()) {
                    Ok(a) if a == b => Ok(Verdict::SerdeForm),
                    Ok(_) => Err(format!("{name}: in the documented form, the values differ")),
                    Err(e) => Err(format!(
                        "{name}: the derive accepts, the hand decoder refuses it even in the documented form: {e}"
                    )),
                }
            }
        }
    }
}

fn content_format() -> Format<Content> {
    Format {
        name: "content",
        hand: Box::new(|text| Content::parse(text).map_err(refused)),
        derive: Box::new(|text| {
            let (c, written) = derived::<Content>(text)?;
            if c.schema != SCHEMA || c.version != VERSION {
                return Err(format!("schema {:?} version {}", c.schema, c.version));
            }
            c.validate().map_err(refused)?;
            Ok((c, written))
        }),
    }
}

/// Longest stored progress read (`progress::MAX_LEN`, private).
const PROGRESS_MAX_LEN: usize = 16 * 1024;

fn progress_format(c: &Content) -> Format<(Answers, Place)> {
    let (c1, c2) = (c.clone(), c.clone());
    Format {
        name: "progress",
        hand: Box::new(move |text| Progress::decode(&c1, text).map_err(refused)),
        derive: Box::new(move |text| {
            if text.len() > PROGRESS_MAX_LEN {
                return Err("too long".into());
            }
            let (p, written) = derived::<Progress>(text)?;
            if p.v != progress::VERSION {
                return Err(format!("version {}", p.v));
            }
            let answers = share::decode(&c2, &p.answers).map_err(refused)?;
            match p.place {
                Place::Question(i) if i >= c2.step_count() => Err(format!("no step {i}")),
                Place::Report if !answers.is_complete(&c2) => Err("report before the end".into()),
                place => Ok(((answers, place), written)),
            }
        }),
    }
}

fn outbox_format() -> Format<Outbox> {
    Format {
        name: "outbox",
        hand: Box::new(|text| match Outbox::decode(Some(text)) {
            (o, None) => Ok(o),
            // Entries with a refused URL are left out (and warned about).
            (o, Some(w)) if w.starts_with("outbox: not sending ") => Ok(o),
            (_, Some(warning)) => Err(warning),
        }),
        derive: Box::new(|text| {
            if text.trim().is_empty() {
                let o = Outbox { v: outbox::VERSION, entries: vec![] };
                let written = serde_json::to_value(&o).map_err(refused)?;
                return Ok((o, written));
            }
            let (mut o, _) = derived::<Outbox>(text)?;
            if o.v != outbox::VERSION {
                return Err(format!("version {}", o.v));
            }
            // The rule the hand decoder adds: what it would send is https: or relative.
            o.entries.retain(|e| url::check(&e.request.url).is_ok());
            let written = serde_json::to_value(&o).map_err(refused)?;
            Ok((o, written))
        }),
    }
}

fn read_repo_file(path: &str) -> String {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// Checks every `(name, document, verdict)`: both decoders agree, as `verdict` says.
fn table<T: PartialEq + Debug>(format: &Format<T>, cases: &[(&str, String, Verdict)]) {
    for (name, text, want) in cases {
        match format.compare(text) {
            Ok(got) => assert_eq!(&got, want, "{} {name}: {}", format.name, clip(text, 300)),
            Err(e) => panic!("{} {name}: {e}\n  document: {}", format.name, clip(text, 300)),
        }
    }
}

/// The default content with `f` applied, as text.
fn content_with(f: impl Fn(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(DEFAULT_JSON).expect("default content is JSON");
    f(&mut v);
    v.to_string()
}

#[test]
fn content_fixtures_and_edges_read_alike() {
    use Verdict::{BothAccept as Accept, BothRefuse as Refuse, SerdeForm};
    let f = content_format();
    let cases: Vec<(&str, String, Verdict)> = vec![
        ("content/default.json", DEFAULT_JSON.to_string(), Accept),
        ("examples/custom-content.json", read_repo_file("examples/custom-content.json"), Accept),
        ("examples/broken-content.json", read_repo_file("examples/broken-content.json"), Refuse),
        // Optional fields: absent and null are both `None`.
        ("hint null", content_with(|v| v["checks"][0]["hint"] = Value::Null), Accept),
        ("hint absent", content_with(|v| _ = v["checks"][0].as_object_mut().map(|m| m.remove("hint"))), Accept),
        ("question hint null", content_with(|v| v["profile"]["revenue"]["hint"] = Value::Null), Accept),
        ("annual_jpy null", content_with(|v| v["profile"]["budget"]["options"][0]["annual_jpy"] = Value::Null), Accept),
        (
            "annual_jpy without max",
            content_with(|v| v["profile"]["budget"]["options"][0]["annual_jpy"] = json!({"min": 1})),
            Accept,
        ),
        (
            "annual_jpy max null",
            content_with(|v| v["profile"]["budget"]["options"][0]["annual_jpy"] = json!({"min": 1, "max": null})),
            Accept,
        ),
        ("sample null", content_with(|v| v["benchmarks"]["budget"]["source"]["sample"] = Value::Null), Accept),
        ("remainder_note null", content_with(|v| v["benchmarks"]["budget"]["remainder_note"] = Value::Null), Accept),
        // Required fields: null is not absent.
        ("title null", content_with(|v| v["title"] = Value::Null), Refuse),
        ("text en null", content_with(|v| v["title"]["en"] = Value::Null), Refuse),
        // Numbers: integers where floats go, not the other way.
        (
            "percent as an integer",
            content_with(|v| v["benchmarks"]["budget"]["shares"][0]["percent"] = json!(5)),
            Accept,
        ),
        ("credit as a float", content_with(|v| v["answer_scale"][0]["credit"] = json!(100.0)), Refuse),
        ("credit past u8", content_with(|v| v["answer_scale"][0]["credit"] = json!(256)), Refuse),
        ("year past u16", content_with(|v| v["benchmarks"]["budget"]["source"]["year"] = json!(65_536)), Refuse),
        ("article_jpy at u64::MAX", content_with(|v| v["costs"]["article_jpy"] = json!(u64::MAX)), Accept),
        ("version as a float", content_with(|v| v["version"] = json!(1.0)), Refuse),
        ("version 2", content_with(|v| v["version"] = json!(2)), Refuse),
        ("another schema", content_with(|v| v["schema"] = json!("b2b-assessment/other")), Refuse),
        // Unknown fields are refused everywhere in a content file.
        ("unknown root field", content_with(|v| v["extra"] = json!(1)), Refuse),
        ("unknown field in a text", content_with(|v| v["title"]["fr"] = json!("Titre")), Refuse),
        ("unknown field in a range", content_with(|v| v["costs"]["support_monthly_jpy"]["avg"] = json!(1)), Refuse),
        // serde's sequence form of a struct: not in the documented format.
        ("a text as [ja, en]", content_with(|v| v["title"] = json!(["題", "Title"])), SerdeForm),
        ("a range as [min, max]", content_with(|v| v["costs"]["support_monthly_jpy"] = json!([1, 2])), SerdeForm),
        ("the root as an array", "[]".into(), Refuse),
        ("not JSON", "{".into(), Refuse),
    ];
    table(&f, &cases);
}

#[test]
fn progress_fixtures_and_edges_read_alike() {
    use Verdict::{BothAccept as Accept, BothRefuse as Refuse, SerdeForm};
    let c = default_content();
    let f = progress_format(&c);
    let n = c.step_count();
    let full = format!("1.{}", "0".repeat(n));
    let rec = |place: &str| format!(r#"{{"v":1,"answers":"{full}","place":{place}}}"#);
    let mut cases: Vec<(&str, String, Verdict)> = vec![
        ("at a question", rec(r#"{"at":"question","step":3}"#), Accept),
        ("at the report", rec(r#"{"at":"report"}"#), Accept),
        // Place: adjacently tagged, other members ignored.
        ("step before at", rec(r#"{"step":3,"at":"question"}"#), Accept),
        ("report with step null", rec(r#"{"at":"report","step":null}"#), Accept),
        ("report with a step", rec(r#"{"at":"report","step":0}"#), Refuse),
        ("question without a step", rec(r#"{"at":"question"}"#), Refuse),
        ("question with step null", rec(r#"{"at":"question","step":null}"#), Refuse),
        ("another member in place", rec(r#"{"at":"question","step":3,"note":1}"#), Accept),
        ("place without at", rec(r#"{"step":3}"#), Refuse),
        ("unknown place", rec(r#"{"at":"elsewhere"}"#), Refuse),
        ("place as a string", rec(r#""report""#), Refuse),
        ("step as a float", rec(r#"{"at":"question","step":3.0}"#), Refuse),
        ("step past the end", rec(&format!(r#"{{"at":"question","step":{n}}}"#)), Refuse),
        // The record: versioned, closed.
        ("unknown field", format!(r#"{{"v":1,"answers":"{full}","place":{{"at":"report"}},"x":1}}"#), Refuse),
        ("version 2", format!(r#"{{"v":2,"answers":"{full}","place":{{"at":"report"}}}}"#), Refuse),
        ("version as a float", format!(r#"{{"v":1.0,"answers":"{full}","place":{{"at":"report"}}}}"#), Refuse),
        ("no version", format!(r#"{{"answers":"{full}","place":{{"at":"report"}}}}"#), Refuse),
        ("answers null", r#"{"v":1,"answers":null,"place":{"at":"report"}}"#.into(), Refuse),
        ("too long", rec(&format!(r#"{{"at":"report","pad":"{}"}}"#, "x".repeat(PROGRESS_MAX_LEN))), Refuse),
        ("an array", "[]".into(), Refuse),
        ("empty", String::new(), Refuse),
        // serde's sequence forms: not in the documented format.
        ("place as [at, step]", rec(r#"["question",3]"#), SerdeForm),
        ("a variant index for report", rec(r#"{"at":1}"#), Refuse),
        ("a variant index past the end", rec(r#"{"at":3}"#), Refuse),
    ];
    let mut rng = crate::fuzz::Rng::new(7);
    for i in 0..20 {
        let a = random_answers(&mut rng, &c);
        let place = if a.is_complete(&c) && i % 2 == 0 { Place::Report } else { Place::Question(rng.below(n)) };
        let stored = Progress::encode(&c, &a, place);
        // The hand writer writes what the derive writes.
        let derived = Progress { v: progress::VERSION, answers: share::encode(&c, &a), place };
        let written: Value = serde_json::from_str(&stored).expect("progress is JSON");
        assert_eq!(written, serde_json::to_value(&derived).expect("serializes"), "Progress::encode and the derive");
        cases.push(("Progress::encode", stored, Accept));
    }
    table(&f, &cases);
}

fn outbox_entry() -> Value {
    json!({
        "id": "a", "state": "pending", "created_at_ms": 0, "attempts": 1, "next_at_ms": 0, "last_error": null,
        "request": {"url": "/api/leads", "content_type": "application/json", "headers": [["X-Key", "a"]], "body": "{}", "no_cors": false}
    })
}

#[test]
fn outbox_fixtures_and_edges_read_alike() {
    use Verdict::{BothAccept as Accept, BothRefuse as Refuse, SerdeForm};
    let f = outbox_format();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut e = outbox_entry();
        edit(&mut e);
        json!({"v": 1, "entries": [e]}).to_string()
    };
    let cases: Vec<(&str, String, Verdict)> = vec![
        ("Outbox::encode", outbox_base().to_string(), Accept),
        ("empty", String::new(), Accept),
        ("blank", " \n".into(), Accept),
        ("no entries", r#"{"v":1,"entries":[]}"#.into(), Accept),
        ("a pending entry", with(&|_| {}), Accept),
        // Unknown members are ignored, at every level.
        ("unknown root member", r#"{"v":1,"entries":[],"x":1}"#.into(), Accept),
        ("unknown entry member", with(&|e| e["x"] = json!(1)), Accept),
        ("unknown request member", with(&|e| e["request"]["x"] = json!(1)), Accept),
        ("pending with a time", with(&|e| e["at_ms"] = json!(1)), Accept),
        // The state: internally tagged, flattened into the entry.
        ("sent", with(&|e| (e["state"], e["confirmed"], e["at_ms"]) = (json!("sent"), json!(true), json!(5))), Accept),
        ("sent without confirmed", with(&|e| (e["state"], e["at_ms"]) = (json!("sent"), json!(5))), Refuse),
        (
            "failed",
            with(&|e| (e["state"], e["reason"], e["at_ms"]) = (json!("failed"), json!("HTTP 400"), json!(5.5))),
            Accept,
        ),
        (
            "failed, reason null",
            with(&|e| (e["state"], e["reason"], e["at_ms"]) = (json!("failed"), Value::Null, json!(5))),
            Refuse,
        ),
        ("unknown state", with(&|e| e["state"] = json!("lost")), Refuse),
        ("no state", with(&|e| _ = e.as_object_mut().map(|m| m.remove("state"))), Refuse),
        ("state null", with(&|e| e["state"] = Value::Null), Refuse),
        // Optional and required members.
        ("last_error absent", with(&|e| _ = e.as_object_mut().map(|m| m.remove("last_error"))), Accept),
        ("last_error a string", with(&|e| e["last_error"] = json!("HTTP 503")), Accept),
        ("last_error a number", with(&|e| e["last_error"] = json!(503)), Refuse),
        ("attempts null", with(&|e| e["attempts"] = Value::Null), Refuse),
        ("attempts as a float", with(&|e| e["attempts"] = json!(1.0)), Refuse),
        ("a time as a string", with(&|e| e["next_at_ms"] = json!("0")), Refuse),
        ("a header of three", with(&|e| e["request"]["headers"][0] = json!(["a", "b", "c"])), Refuse),
        ("a header as an object", with(&|e| e["request"]["headers"][0] = json!({"a": "b"})), Refuse),
        // Versions: another version is not read.
        ("version 2 of another shape", r#"{"v":2,"queue":{}}"#.into(), Refuse),
        ("version as a float", r#"{"v":1.0,"entries":[]}"#.into(), Refuse),
        ("no version", r#"{"entries":[]}"#.into(), Refuse),
        ("null", "null".into(), Refuse),
        // serde's sequence forms: not in the documented format.
        ("the root as [v, entries]", "[1,[]]".into(), SerdeForm),
        ("a request as an array", with(&|e| e["request"] = json!(["/x", "text/plain", [], "", true])), SerdeForm),
        ("a variant index for pending", with(&|e| e["state"] = json!(0)), SerdeForm),
        // An entry (flattened) has no sequence form.
        ("an entry as an array", r#"{"v":1,"entries":[["a"]]}"#.into(), Refuse),
    ];
    table(&f, &cases);
    // The hand writer writes what the derive writes.
    for (name, text, _) in &cases {
        if let (o, None) = Outbox::decode(Some(text)) {
            let written: Value = serde_json::from_str(&o.encode()).expect("outbox is JSON");
            assert_eq!(written, serde_json::to_value(&o).expect("serializes"), "{name}: Outbox::encode and the derive");
        }
    }
}

/// Generated documents: the fuzzer's mutations of `base`, read by both.
fn differential<T: PartialEq + Debug>(
    target: &'static str,
    iters: usize,
    format: &Format<T>,
    base: impl Fn(&mut Rng, &mut Log) -> Value,
) {
    let mut verdicts = [0usize; 3];
    run(target, iters, |rng, log| {
        let base = base(rng, log);
        let (text, _) = mutated(rng, log, &base);
        match log.decode(|| format.compare(&text)) {
            Ok(v) => {
                log.accepted = v == Verdict::BothAccept;
                verdicts[v as usize] += 1;
            }
            Err(e) => log.fail(&e),
        }
    });
    eprintln!(
        "{target}: {} both accept, {} both refuse, {} in a serde-only form",
        verdicts[0], verdicts[1], verdicts[2]
    );
    assert!(verdicts[0] > 0 && verdicts[1] > 0, "{target}: the mutations should give both outcomes: {verdicts:?}");
}

#[test]
fn mutated_content_reads_alike() {
    let base: Value = serde_json::from_str(DEFAULT_JSON).expect("default content is JSON");
    differential("schema content", 120, &content_format(), |_, _| base.clone());
}

#[test]
fn mutated_progress_reads_alike() {
    let c = default_content();
    differential("schema progress", 1000, &progress_format(&c), |rng, log| {
        let a = random_answers(rng, &c);
        let place =
            if a.is_complete(&c) && rng.one_in(2) { Place::Report } else { Place::Question(rng.below(c.step_count())) };
        let mut base: Value = serde_json::from_str(&Progress::encode(&c, &a, place)).expect("progress is JSON");
        if rng.one_in(3) {
            let (link, d) = mutate_link(rng, base["answers"].as_str().unwrap_or(""));
            base["answers"] = Value::String(link);
            log.steps.push(format!("answers: {d}"));
        }
        base
    });
}

#[test]
fn mutated_outboxes_read_alike() {
    let base = outbox_base();
    differential("schema outbox", 800, &outbox_format(), |_, _| base.clone());
}

/// The lead envelope is written by hand (`lead::envelope`); the derives on
/// what goes into it describe the same members.
#[test]
fn the_envelope_writer_writes_what_the_derives_write() {
    use b2b_assessment_core::domain::content::ProfileField;
    use b2b_assessment_core::domain::lead::{self, Consent, Contact, Field, Source};
    use b2b_assessment_core::domain::Locale;
    let c = default_content();
    let mut rng = Rng::new(11);
    let a = random_answers(&mut rng, &c);
    let contact = Contact {
        family_name: "山田".into(),
        given_name: "太郎".into(),
        company: "Example \"Co\"".into(),
        department: String::new(),
        email: "taro@example.com".into(),
        job_title: String::new(),
        phone: "+81 3-0000-0000".into(),
    };
    let consent = Consent {
        given: true,
        text: "同意します".into(),
        privacy_url: "/privacy".into(),
        at: "2024-01-01T00:00:00Z".into(),
        purposes: vec!["連絡のため".into()],
    };
    let source = Source {
        page_url: "https://example.com/?utm_source=x".into(),
        referrer: String::new(),
        utm: Source::utm_from_query("utm_source=x&utm_medium=y"),
        mode: "lead".into(),
        lang: "ja".into(),
    };
    let env: Value =
        serde_json::from_str(&lead::envelope(&c, &a, &contact, &consent, &source, "id-1", "now", "").to_string())
            .expect("the envelope is JSON");
    let mut written_contact = written(&contact);
    written_contact["name"] = json!("山田 太郎");
    assert_eq!(env["contact"], written_contact, "contact, and the whole name in Japanese order");
    assert_eq!(env["consent"], written(&consent), "consent");
    let mut src = env["source"].clone();
    src.as_object_mut().expect("source").remove("content_version");
    assert_eq!(src, written(&source), "source (and content_version)");
    let sheet = written(&a.to_sheet(&c));
    assert_eq!((&env["profile"], &env["answers"]), (&sheet["profile"], &sheet["checks"]), "the answers by id");
    // The enums' names in the files are the names their `key`/`tag` give.
    for f in Field::ALL {
        assert_eq!(written(&f), json!(f.key()));
    }
    for f in ProfileField::ALL {
        assert_eq!(written(&f), json!(f.key()));
    }
    for l in Locale::ALL {
        assert_eq!(written(&l), json!(l.tag()));
    }
}

/// What the derive writes for `t`.
fn written<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).expect("serializes")
}
