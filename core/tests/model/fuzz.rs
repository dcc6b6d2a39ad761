//! Structure-aware fuzzing of every decoder of outside input: the content
//! file, the config, share links, stored progress and the stored outbox.
//!
//! Each target starts from a valid document, applies a few random mutations
//! (delete a key, change a type, duplicate an element, huge or blank strings,
//! deep nesting, other version numbers, flipped/truncated/inserted bytes) and
//! decodes the result. Whatever comes in, decoding must not panic, must finish
//! quickly, and every error must name the field or the problem, in a message
//! of bounded length. What decodes is used (scored, re-encoded) to show it is
//! really usable.
//!
//! Deterministic by default and bounded to a few seconds in debug builds. For
//! a longer run: `B2BA_FUZZ_ITERS=20000 B2BA_FUZZ_SEED=$RANDOM cargo test
//! --release --test fuzz -- --nocapture` (iterations per target; the seed of a
//! failing case is in the failure message).

use b2b_assessment_core::config;
use b2b_assessment_core::domain::content::DEFAULT_JSON;
use b2b_assessment_core::domain::outbox::{Entry, EntryState, Outbox, Outcome};
use b2b_assessment_core::domain::progress::{Place, Progress};
use b2b_assessment_core::domain::{share, url, Answers, Content, Report, Step};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// Longest an error message may be: it names the problem, it does not repeat
/// a megabyte of input.
const MAX_MESSAGE: usize = 600;
/// Longest one decode may take, even for a megabyte in a debug build; far
/// above what linear code needs, far below what quadratic code takes.
const MAX_TIME: Duration = Duration::from_secs(3);

// ---------------------------------------------------------------------------
// A small deterministic PRNG (xorshift64*) and the run's parameters.

pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        // splitmix64 so that small seeds give unrelated streams.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(crate) fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

fn seed() -> u64 {
    std::env::var("B2BA_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x6232_6261)
}

fn iterations(default: usize) -> usize {
    std::env::var("B2BA_FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Runs `case` for each iteration with its own PRNG, so a failure names the
/// seed and iteration that reproduce it.
pub(crate) fn run(target: &'static str, default_iters: usize, mut case: impl FnMut(&mut Rng, &mut Log)) {
    let (seed, n) = (seed(), iterations(default_iters));
    let started = Instant::now();
    let (mut slowest, mut accepted) = (Duration::ZERO, 0);
    for i in 0..n {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x1000_0000_01B3));
        let mut log = Log {
            target,
            seed,
            iteration: i,
            steps: Vec::new(),
            input: String::new(),
            slowest: Duration::ZERO,
            accepted: false,
        };
        case(&mut rng, &mut log);
        slowest = slowest.max(log.slowest);
        accepted += usize::from(log.accepted);
    }
    eprintln!(
        "fuzz {target}: {n} cases ({accepted} accepted) in {:?} (slowest decode {slowest:?}), seed {seed}",
        started.elapsed()
    );
}

/// What was done to the input of one case, for the failure message.
pub(crate) struct Log {
    target: &'static str,
    seed: u64,
    iteration: usize,
    pub(crate) steps: Vec<String>,
    pub(crate) input: String,
    slowest: Duration,
    /// Whether the input was accepted (and then used).
    pub(crate) accepted: bool,
}

impl Log {
    pub(crate) fn fail(&self, what: &str) -> ! {
        panic!(
            "fuzz {} (B2BA_FUZZ_SEED={} iteration {}): {what}\n  mutations: {:?}\n  input: {}",
            self.target,
            self.seed,
            self.iteration,
            self.steps,
            clip(&self.input, 400)
        )
    }

    /// Calls `f` on the input, failing on a panic or when it takes too long.
    pub(crate) fn decode<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| self.fail("panicked"));
        let took = t.elapsed();
        if took > MAX_TIME {
            self.fail(&format!("took {took:?}"));
        }
        self.slowest = self.slowest.max(took);
        out
    }

    fn check_message(&self, message: &str, prefixes: &[&str]) {
        if message.len() > MAX_MESSAGE {
            self.fail(&format!("error of {} bytes: {}", message.len(), clip(message, 300)));
        }
        let Some(rest) = prefixes.iter().find_map(|p| message.strip_prefix(p)) else {
            self.fail(&format!("error {message:?} does not start with one of {prefixes:?}"))
        };
        if rest.trim().len() < 3 {
            self.fail(&format!("vague error {message:?}"));
        }
    }
}

pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.len() <= n {
        return s.to_string();
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…({} bytes)", &s[..end], s.len())
}

// ---------------------------------------------------------------------------
// Mutations of a JSON value and of its text.

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn nodes(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Seg::Key(k.clone()));
                nodes(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Seg::Index(i));
                nodes(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    path.iter().fold(v, |v, seg| match seg {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

fn show(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!(".{}", clip(k, 20)),
            Seg::Index(i) => format!("[{i}]"),
        })
        .collect()
}

/// Stands in for a deeply nested value until the document is text: a value
/// 100 000 levels deep would overflow the stack of serde_json's own
/// serializer and destructor, which is not what is under test.
const DEEP: &str = "\u{1}deep\u{1}";
const DEEP_JSON: &str = "\"\\u0001deep\\u0001\"";

fn interesting_number(rng: &mut Rng) -> Value {
    match rng.below(16) {
        0 => json!(0),
        1 => json!(-1),
        2 => json!(1),
        3 => json!(100),
        4 => json!(101),
        5 => json!(255),
        6 => json!(256),
        7 => json!(65_536),
        8 => json!(u32::MAX),
        9 => json!(u64::from(u32::MAX) + 1),
        10 => json!(u64::MAX),
        11 => json!(i64::MIN),
        12 => json!(1.5),
        13 => json!(1e300),
        14 => json!(-0.0),
        _ => json!(rng.below(40)),
    }
}

fn odd_string(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => String::new(),
        1 => "   ".into(),
        2 => "x".repeat(if rng.one_in(8) { 1 << 20 } else { 4096 + rng.below(60_000) }),
        3 => "あ😀\u{202e}\u{0}\t\n\"\\".repeat(1 + rng.below(3)),
        4 => "javascript:alert(1)".into(),
        5 => "roles".into(),
        6 => "yes".into(),
        7 => "https://example.com/x".into(),
        8 => "1.".into(),
        _ => format!("s{}", rng.below(1000)),
    }
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 | 3 => interesting_number(rng),
        4 | 5 => Value::String(odd_string(rng)),
        6 => json!([]),
        _ => json!({}),
    }
}

fn new_key(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => "k".repeat(65 + rng.below(2000)),
        1 => "".into(),
        2 => rng.pick(&["id", "en", "ja", "version", "v", "state", "fields", "content"]).to_string(),
        _ => format!("zz_{}", rng.below(100)),
    }
}

/// One random change to `v`, described in the returned string.
fn mutate_value(rng: &mut Rng, v: &mut Value) -> String {
    let mut all = Vec::new();
    nodes(v, &mut Vec::new(), &mut all);
    let path = rng.pick(&all).clone();
    let at = show(&path);
    match rng.below(10) {
        // Delete a key or an element.
        0 => {
            let Some((last, parent)) = path.split_last() else { return "delete root: skipped".into() };
            match (node_mut(v, parent), last) {
                (Value::Object(m), Seg::Key(k)) => {
                    m.remove(k);
                }
                (Value::Array(a), Seg::Index(i)) => {
                    a.remove(*i);
                }
                _ => {}
            }
            format!("delete {at}")
        }
        // Another type or value.
        1 | 2 => {
            let x = random_value(rng);
            let d = format!("{at} = {}", clip(&x.to_string(), 40));
            *node_mut(v, &path) = x;
            d
        }
        // Duplicate an element of an array (or empty it).
        3 => match node_mut(v, &path) {
            Value::Array(a) if !a.is_empty() && rng.one_in(5) => {
                a.clear();
                format!("empty {at}")
            }
            Value::Array(a) if !a.is_empty() => {
                let i = rng.below(a.len());
                // Many copies only of small elements: a 50 MB document tests
                // serde_json's speed, not ours.
                let small = a[i].to_string().len() < 10_000;
                let copies = if small && rng.one_in(10) { 50 } else { 1 };
                for _ in 0..copies {
                    let x = a[i].clone();
                    a.push(x);
                }
                format!("duplicate {at}[{i}] x{copies}")
            }
            _ => "duplicate: not an array".into(),
        },
        // A huge, blank or odd string where there is a string.
        4 => match node_mut(v, &path) {
            Value::String(s) => {
                *s = odd_string(rng);
                format!("{at} = string of {} bytes", s.len())
            }
            other => {
                *other = interesting_number(rng);
                format!("{at} = {other}")
            }
        },
        // Wrap in deep nesting (made real once the document is text).
        5 => {
            *node_mut(v, &path) = Value::String(DEEP.into());
            format!("deep nesting at {at}")
        }
        // Another version number.
        6 => {
            let x = rng
                .pick(&[
                    json!(0),
                    json!(2),
                    json!(999),
                    json!(-1),
                    json!(1.0),
                    json!(u64::MAX),
                    json!("1"),
                    Value::Null,
                    json!(true),
                ])
                .clone();
            let d = format!("versions = {x}");
            if let Value::Object(m) = v {
                for k in ["version", "v"] {
                    if m.contains_key(k) {
                        m.insert(k.into(), x.clone());
                    }
                }
            }
            d
        }
        // An unknown key, or a key renamed.
        7 => match node_mut(v, &path) {
            Value::Object(m) if !m.is_empty() && rng.one_in(2) => {
                let old = m.keys().nth(rng.below(m.len())).cloned().unwrap_or_default();
                let x = m.remove(&old).unwrap_or(Value::Null);
                let k = new_key(rng);
                let d = format!("rename {at}.{old} to {}", clip(&k, 20));
                m.insert(k, x);
                d
            }
            Value::Object(m) => {
                let k = new_key(rng);
                let d = format!("add {at}.{}", clip(&k, 20));
                m.insert(k, random_value(rng));
                d
            }
            _ => "add key: not an object".into(),
        },
        // Copy another node here (a duplicate id, a list where a text was…),
        // unless it contains this one.
        8 => {
            let from = rng.pick(&all).clone();
            let from_show = show(&from);
            if at.starts_with(&from_show) {
                return "copy: skipped".into();
            }
            let x = node_mut(v, &from).clone();
            *node_mut(v, &path) = x;
            format!("copy {from_show} to {at}")
        }
        // Numbers at their limits.
        _ => match node_mut(v, &path) {
            Value::Number(_) => {
                let x = interesting_number(rng);
                let d = format!("{at} = {x}");
                *node_mut(v, &path) = x;
                d
            }
            _ => "number: not a number".into(),
        },
    }
}

/// The value as text, with deep nesting put in.
fn to_text(rng: &mut Rng, v: &Value) -> String {
    let text =
        if rng.one_in(4) { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) }.expect("serializes");
    if !text.contains(DEEP_JSON) {
        return text;
    }
    let depth = *rng.pick(&[2usize, 64, 126, 127, 128, 129, 1000, 100_000]);
    let (open, close) = if rng.one_in(2) { ("[", "]") } else { ("{\"a\":", "}") };
    let nested = format!("{}0{}", open.repeat(depth), close.repeat(depth));
    text.replace(DEEP_JSON, &nested)
}

/// A random change to the bytes: flipped, inserted, deleted, truncated, repeated.
fn mutate_text(rng: &mut Rng, text: &str) -> (String, String) {
    let mut b = text.as_bytes().to_vec();
    let i = rng.below(b.len() + 1);
    let d = match rng.below(6) {
        0 if !b.is_empty() => {
            let i = i.min(b.len() - 1);
            b[i] ^= 1 << rng.below(8);
            format!("flip byte {i}")
        }
        1 => {
            let x = *rng.pick(b"\"{}[],:0-.\\ \x00\xff\xe3a");
            b.insert(i, x);
            format!("insert {x:#x} at {i}")
        }
        2 if !b.is_empty() => {
            let n = 1 + rng.below(8.min(b.len() - i.min(b.len() - 1)));
            let i = i.min(b.len() - 1);
            b.drain(i..(i + n).min(b.len()));
            format!("delete {n} at {i}")
        }
        3 => {
            b.truncate(i);
            format!("truncate at {i}")
        }
        4 if !b.is_empty() => {
            let j = i.min(b.len() - 1);
            let k = (j + 1 + rng.below(64)).min(b.len());
            let piece = b[j..k].to_vec();
            b.splice(k..k, piece);
            format!("repeat {j}..{k}")
        }
        _ => {
            b.extend_from_slice(b" trailing");
            "trailing text".into()
        }
    };
    (String::from_utf8_lossy(&b).into_owned(), d)
}

/// A mutated version of `base`: one to three value mutations, then sometimes
/// byte mutations. Returns the text and whether only the structure changed
/// (so the text is valid JSON and every key is one the mutations chose).
pub(crate) fn mutated(rng: &mut Rng, log: &mut Log, base: &Value) -> (String, bool) {
    let mut v = base.clone();
    for _ in 0..1 + rng.below(3) {
        let d = mutate_value(rng, &mut v);
        log.steps.push(d);
    }
    let mut text = to_text(rng, &v);
    let mut structural = true;
    if rng.one_in(4) {
        structural = false;
        for _ in 0..1 + rng.below(2) {
            let (t, d) = mutate_text(rng, &text);
            text = t;
            log.steps.push(d);
        }
    }
    log.input = text.clone();
    (text, structural)
}

// ---------------------------------------------------------------------------
// What decodes is used.

pub(crate) fn default_content() -> Content {
    Content::default_set().expect("default content")
}

pub(crate) fn random_answers(rng: &mut Rng, c: &Content) -> Answers {
    let mut a = Answers::new(c);
    for i in 0..c.step_count() {
        let step = Step::at(c, i).expect("step");
        let n = step.choice_count(c);
        if !rng.one_in(6) {
            a.set(c, step, rng.below(n)).expect("in range");
        }
    }
    a
}

/// Scores, reports and round-trips answers on a content set that validated.
fn use_content(rng: &mut Rng, log: &mut Log, c: &Content) {
    log.decode(|| {
        let a = random_answers(rng, c);
        let _ = Report::build_partial(c, &a);
        let link = share::encode(c, &a);
        assert_eq!(share::decode(c, &link), Ok(a.clone()), "share link round trip");
        let stored = Progress::encode(c, &a, Place::Question(c.step_count() - 1));
        assert_eq!(
            Progress::decode(c, &stored),
            Ok((a.clone(), Place::Question(c.step_count() - 1))),
            "progress round trip"
        );
        assert_eq!(Answers::from_sheet(c, &a.to_sheet(c)).ok(), Some(a), "answer sheet round trip");
    });
}

/// The value at a content error's path (`checks[3].text`, `.` for the root).
fn resolve<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if path == "." || path.is_empty() {
        return Some(v);
    }
    let mut cur = v;
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            cur = cur.get(name)?;
        }
        for ix in rest.split('[').filter(|s| !s.is_empty()) {
            cur = cur.get(ix.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(cur)
}

/// serde-style decoding errors, which must carry the spot in the text.
fn is_decoding_error(message: &str) -> bool {
    ["invalid type", "missing field", "unknown field", "invalid value", "invalid length"]
        .iter()
        .any(|m| message.contains(m))
}

fn check_content(rng: &mut Rng, log: &mut Log, text: &str, structural: bool) {
    match log.decode(|| Content::parse(text)) {
        Ok(c) => {
            log.accepted = true;
            use_content(rng, log, &c);
        }
        Err(e) => {
            log.check_message(&e.to_string(), &["content: ", "content."]);
            let e = crate::content_error(e);
            if e.path.is_empty() && !e.message.starts_with("not valid JSON") {
                log.fail(&format!("error without a path: {e}"));
            }
            if !structural {
                return;
            }
            // The path names a field that is there (unless it says it is missing),
            // and decoding errors say where in the text.
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                // Only nesting past serde_json's limit makes a structural change invalid.
                if !e.message.starts_with("not valid JSON: recursion limit exceeded") {
                    log.fail(&format!("the text is not JSON, but: {e}"));
                }
                return;
            };
            let missing = e.message == "missing" || e.message.starts_with("missing (");
            if !e.message.starts_with("not valid JSON") && !missing && resolve(&v, &e.path).is_none() {
                log.fail(&format!("path {:?} is not in the document: {e}", e.path));
            }
            if is_decoding_error(&e.message) && !e.message.contains(" at line ") {
                log.fail(&format!("no location: {e}"));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The targets.

#[test]
fn content_files() {
    let base: Value = serde_json::from_str(DEFAULT_JSON).expect("default content is JSON");
    run("content", 500, |rng, log| {
        let (text, structural) = mutated(rng, log, &base);
        check_content(rng, log, &text, structural);
    });
}

fn config_bases() -> Vec<Value> {
    let content: Value = serde_json::from_str(DEFAULT_JSON).expect("default content is JSON");
    vec![
        json!({
            "mode": "lead", "lang": "en", "cta": {"url": "https://example.com/report"},
            "theme": {"accent": "#7a1fa2", "radius": "4px", "font": "system-ui"}, "dataLayer": true, "contentUrl": "/content.json",
            "lead": {
                "gate": "soft", "hubspot": {"portalId": "123", "formId": "abc", "fields": {"score": "b2b_score"}},
                "fields": {"phone": "hidden", "job_title": "required", "email": "required"},
                "consentText": {"ja": "同意します", "en": "I agree"}, "privacyUrl": "/privacy", "recipient": "株式会社サンプル"
            }
        }),
        json!({
            "mode": "quiz", "cta": "../report.html", "data_layer": false, "content": "https://example.com/c.json",
            "lead": {"gate": "after", "salesforce": {"oid": "00D1", "url": "https://example.com/sf", "fields": {"score": "00N1"}},
                     "consent_text": "OK", "privacy_url": "https://example.com/p"}
        }),
        json!({"mode": "page", "lead": {"endpoint": "https://hooks.example.com/x"}, "content": content}),
    ]
}

fn attributes(rng: &mut Rng, log: &mut Log) -> b2b_assessment_core::domain::StrMap {
    const NAMES: [&str; 12] = [
        "mode",
        "lang",
        "cta-url",
        "content-url",
        "lead-gate",
        "lead-endpoint",
        "privacy-url",
        "lead-recipient",
        "data-layer",
        "theme-accent",
        "theme-shadow",
        "id",
    ];
    const VALUES: [&str; 14] = [
        "quiz",
        "lead",
        "page",
        "en-US",
        "ja",
        "soft",
        "/x",
        "https://a.example",
        "javascript:x",
        "off",
        "#fff",
        "",
        " ",
        "red;}",
    ];
    let mut attrs = b2b_assessment_core::domain::StrMap::new();
    for _ in 0..rng.below(4) {
        let name = rng.pick(&NAMES).to_string();
        let value = if rng.one_in(4) { odd_string(rng) } else { rng.pick(&VALUES).to_string() };
        log.steps.push(format!("attribute {name}={}", clip(&value, 20)));
        attrs.insert(name, value);
    }
    attrs
}

#[test]
fn configs() {
    let bases = config_bases();
    run("config", 1000, |rng, log| {
        let base = &bases[rng.below(bases.len())];
        let (text, _) = mutated(rng, log, base);
        let attrs = attributes(rng, log);
        match log.decode(|| config::parse(&attrs, Some(&text))) {
            Ok(cfg) => {
                log.accepted = true;
                if let Some(content) = &cfg.content {
                    let text = content.to_string();
                    check_content(rng, log, &text, false);
                }
            }
            Err(e) => log.check_message(&e.to_string(), &["config: ", "config.", "attribute "]),
        }
    });
}

/// Known problems a share link can have; an error names one of them.
const SHARE_PROBLEMS: [&str; 8] = [
    "too long",
    "no version",
    "is not a number",
    "is not supported",
    "answers for",
    "is not an answer",
    "does not exist",
    "no question",
];

pub(crate) fn mutate_link(rng: &mut Rng, link: &str) -> (String, String) {
    let mut chars: Vec<char> = link.chars().collect();
    const ALPHABET: [char; 16] = ['0', '1', '3', 'z', 'Z', 'A', '-', '.', '+', ' ', '\0', 'é', 'あ', '😀', '%', '#'];
    let i = rng.below(chars.len() + 1);
    let d = match rng.below(8) {
        0 if !chars.is_empty() => {
            let i = i.min(chars.len() - 1);
            chars[i] = *rng.pick(&ALPHABET);
            format!("replace char {i}")
        }
        1 => {
            chars.insert(i, *rng.pick(&ALPHABET));
            format!("insert at {i}")
        }
        2 if !chars.is_empty() => {
            chars.remove(i.min(chars.len() - 1));
            format!("delete at {i}")
        }
        3 => {
            chars.truncate(i);
            format!("truncate at {i}")
        }
        4 => {
            let v = *rng.pick(&["0", "2", "01", "+1", "-1", " 1", "1 ", "99999999999", "", "1.1", "x", "٣"]);
            let body: String = link.split_once('.').map_or(link, |(_, b)| b).to_string();
            return (format!("{v}.{body}"), format!("version {v:?}"));
        }
        5 => {
            let len = if rng.one_in(32) { 1 << 20 } else { *rng.pick(&[4095usize, 4096, 4097, 5000]) };
            let unit = if link.is_empty() { "1." } else { link };
            let mut s = unit.repeat(len / unit.len() + 1);
            let mut end = len;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.truncate(end);
            return (s, format!("repeat to {len} bytes"));
        }
        6 => {
            chars.retain(|c| *c != '.');
            "no dot".into()
        }
        _ => {
            let n = chars.len();
            chars.extend_from_within(2.min(n)..);
            "body twice".into()
        }
    };
    (chars.into_iter().collect(), d)
}

#[test]
fn share_links() {
    let c = default_content();
    run("share link", 4000, |rng, log| {
        let mut link = share::encode(&c, &random_answers(rng, &c));
        for _ in 0..1 + rng.below(3) {
            let (l, d) = mutate_link(rng, &link);
            link = l;
            log.steps.push(d);
        }
        log.input = link.clone();
        match log.decode(|| share::decode(&c, &link)) {
            Ok(a) => {
                log.accepted = true;
                if share::decode(&c, &share::encode(&c, &a)) != Ok(a) {
                    log.fail("decoded answers do not round-trip");
                }
            }
            Err(e) => {
                let m = e.to_string();
                log.check_message(&m, &["share link: "]);
                if !SHARE_PROBLEMS.iter().any(|p| m.contains(p)) {
                    log.fail(&format!("unexpected problem: {m}"));
                }
            }
        }
    });
}

/// Problems of a whole progress record (not one field of it).
const PROGRESS_PROBLEMS: [&str; 7] =
    ["too long", "not JSON", "no version", "version ", "missing field", "invalid type", "unknown field"];

#[test]
fn stored_progress() {
    let c = default_content();
    run("progress", 3000, |rng, log| {
        let a = random_answers(rng, &c);
        let place =
            if a.is_complete(&c) && rng.one_in(2) { Place::Report } else { Place::Question(rng.below(c.step_count())) };
        let mut base: Value = serde_json::from_str(&Progress::encode(&c, &a, place)).expect("progress is JSON");
        if rng.one_in(3) {
            let (link, d) = mutate_link(rng, base["answers"].as_str().unwrap_or(""));
            base["answers"] = Value::String(link);
            log.steps.push(format!("answers: {d}"));
        }
        let (text, _) = mutated(rng, log, &base);
        match log.decode(|| Progress::decode(&c, &text)) {
            Ok((a, place)) => {
                log.accepted = true;
                if Progress::decode(&c, &Progress::encode(&c, &a, place)) != Ok((a, place)) {
                    log.fail("decoded progress does not round-trip");
                }
            }
            Err(e) => {
                let e = e.to_string();
                log.check_message(&e, &["progress: "]);
                let rest = &e["progress: ".len()..];
                // Either a problem of the whole record, or `<field path>: …`.
                let field = rest.split_once(": ").is_some_and(|(p, m)| {
                    let path = !p.is_empty()
                        && p.len() <= 40
                        && p.chars().all(|c| c.is_ascii_alphanumeric() || "._[]".contains(c));
                    path || m.starts_with(&format!("unknown field `{p}`"))
                });
                if !field && !PROGRESS_PROBLEMS.iter().any(|p| rest.starts_with(p)) {
                    log.fail(&format!("error names neither a field nor a known problem: {e}"));
                }
            }
        }
    });
}

pub(crate) fn outbox_base() -> Value {
    let entry = |id: &str, state: EntryState| Entry {
        id: id.into(),
        request: b2b_assessment_core::domain::lead::OutgoingRequest {
            url: "https://example.com/leads".into(),
            content_type: "application/json".into(),
            headers: vec![("X-Idempotency-Key".into(), id.into())],
            body: format!(r#"{{"id":"{id}"}}"#),
            no_cors: false,
        },
        created_at_ms: 1_700_000_000_000.0,
        attempts: 2,
        next_at_ms: 1_700_000_004_000.0,
        state,
        last_error: Some("HTTP 503".into()),
    };
    let o = Outbox {
        v: 1,
        entries: vec![
            entry("a", EntryState::Pending),
            entry("b", EntryState::Sent { confirmed: true, at_ms: 1_700_000_001_000.0 }),
            entry("c", EntryState::Failed { reason: "HTTP 400".into(), at_ms: 1_700_000_002_000.0 }),
        ],
    };
    serde_json::from_str(&o.encode()).expect("outbox is JSON")
}

#[test]
fn stored_outbox() {
    let base = outbox_base();
    run("outbox", 1500, |rng, log| {
        let (text, structural) = mutated(rng, log, &base);
        let (mut o, warning) = log.decode(|| Outbox::decode(Some(&text)));
        // An entry whose URL the config would refuse is left out, with a warning.
        if o.entries.iter().any(|e| url::check(&e.request.url).is_err()) {
            log.fail("an entry with a refused URL was kept");
        }
        match warning.filter(|w| !w.starts_with("outbox: not sending ")) {
            Some(w) => {
                log.check_message(&w, &["outbox: "]);
                if !(w.starts_with("outbox: unknown version ") || w.starts_with("outbox: unreadable (")) {
                    log.fail(&format!("unexpected warning: {w}"));
                }
                if structural && is_decoding_error(&w) && !w.contains(" at line ") {
                    log.fail(&format!("no location: {w}"));
                }
                if !o.entries.is_empty() {
                    log.fail("entries kept from an unreadable outbox");
                }
            }
            None => {
                log.accepted = true;
                // The builds without a sender must never miss a pending lead.
                if o.next_wake().is_some() && !Outbox::may_have_pending(&text) {
                    log.fail("a pending entry that may_have_pending missed");
                }
                // What was read is used: every entry recorded, pruned, stored again.
                log.decode(|| {
                    let _ = (o.due(f64::MAX), o.next_wake());
                    let ids: Vec<String> = o.entries.iter().map(|e| e.id.clone()).collect();
                    for (i, id) in ids.iter().enumerate() {
                        let outcome = match i % 3 {
                            0 => Outcome::Retry("HTTP 503".into()),
                            1 => Outcome::Terminal("HTTP 400".into()),
                            _ => Outcome::Delivered { confirmed: false },
                        };
                        o.record(id, &outcome, 1_800_000_000_000.0, 0.5);
                    }
                    o.prune(1_900_000_000_000.0);
                    assert_eq!(Outbox::decode(Some(&o.encode())), (o.clone(), None), "outbox round trip");
                });
            }
        }
    });
}

// ---------------------------------------------------------------------------
// The widget's own JSON parser and writer against serde_json's.

/// Our parse of `text` against serde_json's: the same value (a float to the
/// bit) or the same error, message, line and column. What parses is written
/// back by our writer and must read as the same value; with no floats in it,
/// byte for byte what serde_json writes (floats are written in the shortest
/// form that reads back, which need not be ryu's spelling).
fn same_as_serde(text: &str) -> Result<bool, String> {
    use b2b_assessment_core::json;
    let ours = json::from_str(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (ours, theirs) {
        (Ok(o), Ok(t)) => {
            let written = o.to_string();
            let back: Value = serde_json::from_str(&written)
                .map_err(|e| format!("we wrote invalid JSON ({e}): {}", clip(&written, 300)))?;
            if !same_value(&back, &t) {
                return Err(format!(
                    "parsed differently:\n  ours   {}\n  serde  {}",
                    clip(&written, 300),
                    clip(&t.to_string(), 300)
                ));
            }
            if !has_float(&t) && written != *t.to_string() {
                return Err(format!(
                    "written differently:\n  ours   {}\n  serde  {}",
                    clip(&written, 300),
                    clip(&t.to_string(), 300)
                ));
            }
            Ok(true)
        }
        (Err(o), Err(t)) => {
            if o.to_string() != t.to_string() {
                return Err(format!("errors differ:\n  ours   {o}\n  serde  {t}"));
            }
            Ok(false)
        }
        (Ok(_), Err(t)) => Err(format!("we accepted what serde_json refuses: {t}")),
        (Err(o), Ok(_)) => Err(format!("we refused what serde_json accepts: {o}")),
    }
}

/// `==`, but a float equals only the same bits (and -0 is not 0).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            x.is_f64() && y.is_f64() && x.as_f64().map(f64::to_bits) == y.as_f64().map(f64::to_bits)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((ka, a), (kb, b))| ka == kb && same_value(a, b))
        }
        _ => a == b,
    }
}

fn has_float(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_f64(),
        Value::Array(a) => a.iter().any(has_float),
        Value::Object(o) => o.values().any(has_float),
        _ => false,
    }
}

#[test]
fn json_parser_agrees_with_serde_json() {
    // The edges of the grammar, one per line of serde_json's parser.
    let deep = |n: usize, open: &str, close: &str| format!("{}0{}", open.repeat(n), close.repeat(n));
    let mut table: Vec<String> = [
        "",
        " ",
        "\n\n  \n",
        "null",
        "nul",
        "nulx",
        "true",
        "tru",
        "trux",
        "false",
        "fals",
        "x",
        "1 2",
        "[1] x",
        "{}",
        "[]",
        "[ ]",
        "{ }",
        "0",
        "-0",
        "-",
        "-x",
        "01",
        "-01",
        "00",
        "1.",
        "1.x",
        "1.5",
        "-1.5",
        "1e",
        "1e+",
        "1e-",
        "1ex",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "0.1e1",
        "1e400",
        "-1e400",
        "1e-400",
        "0e99999999999",
        "1e99999999999",
        "1e-99999999999",
        "1.7976931348623157e308",
        "1.8e308",
        "5e-324",
        "2.2250738585072014e-308",
        "123456789012345678901234567890",
        "1234567890123456789012.5e-3",
        "18446744073709551615",
        "18446744073709551616",
        "18446744073709551615.5",
        "184467440737095516150",
        "-9223372036854775808",
        "-9223372036854775809",
        "0.000001",
        "1e-7",
        "1e16",
        "1e21",
        "12345678901234567",
        "3.0",
        "[1,2,3]",
        "[1,]",
        "[1 2]",
        "[,1]",
        "[1,,2]",
        "[",
        "[1",
        "[1,",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "{\"a\":1,}",
        "{1:2}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{,}",
        "{\"a\":1,2}",
        "{\"b\":1,\"a\":2,\"b\":3}",
        "{\"\":0}",
        "\"abc",
        "\"a\\",
        "\"a\\x\"",
        "\"\\u12\"",
        "\"\\u12g4\"",
        "\"\\u0041\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\ud800x\"",
        "\"\\ud800\\x\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\ud800\\ud800\"",
        "\"a\u{1}b\"",
        "\"\t\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"あ😀\u{7f}\"",
        "\"\\u0000\\u001f\\u007f\"",
        "[1,\n2,\n x]",
        "\r\n[\r\n1,\r\n]",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for n in [126, 127, 128, 129, 1000] {
        table.push(deep(n, "[", "]"));
        table.push(deep(n, "{\"a\":", "}"));
        table.push(deep(n, "[{\"a\":", "}]"));
    }
    let mut log = Log {
        target: "json table",
        seed: 0,
        iteration: 0,
        steps: Vec::new(),
        input: String::new(),
        slowest: Duration::ZERO,
        accepted: false,
    };
    for (i, text) in table.iter().enumerate() {
        (log.iteration, log.input) = (i, text.clone());
        if let Err(m) = same_as_serde(text) {
            log.fail(&m);
        }
    }

    // Mutations of every kind of document the widget reads.
    let mut bases = vec![serde_json::from_str::<Value>(DEFAULT_JSON).expect("default content"), outbox_base()];
    bases.extend(config_bases());
    run("json", 1500, |rng, log| {
        let base = rng.pick(&bases).clone();
        let (mut text, _) = mutated(rng, log, &base);
        if rng.one_in(2) {
            let (t, d) = mutate_text(rng, &text);
            (text, log.input) = (t.clone(), t);
            log.steps.push(d);
        }
        match log.decode(|| same_as_serde(&text)) {
            Ok(accepted) => log.accepted = accepted,
            Err(m) => log.fail(&m),
        }
    });
}
