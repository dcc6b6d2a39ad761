//! The state machine's transitions, natively.

use b2b_assessment_core::config::Gate;
use b2b_assessment_core::config::Mode;
use b2b_assessment_core::domain::lead::Contact;
use b2b_assessment_core::domain::outbox::LeadStatus;
use b2b_assessment_core::domain::{Content, Locale};
use b2b_assessment_core::state::{Action, LeadSubmission, Phase, State};
use std::rc::Rc;

fn fresh() -> State {
    fresh_in(Mode::Page)
}

fn fresh_in(mode: Mode) -> State {
    State::new(Rc::new(Content::default_set().expect("default content")), Locale::Ja, mode)
}

fn run(mut s: State, actions: &[Action]) -> State {
    for a in actions {
        if let Some(next) = s.apply(a.clone()) {
            s = next;
        }
    }
    s
}

#[test]
fn transitions() {
    use Action::*;
    let n = fresh().step_count();
    let cases: Vec<(&str, Vec<Action>, Phase, bool)> = vec![
        ("starts at the intro", vec![], Phase::Intro, false),
        ("start shows the first question", vec![Start], Phase::Question(0), false),
        ("next without an answer stays and flags it", vec![Start, Next], Phase::Question(0), true),
        ("answering clears the flag", vec![Start, Next, Answer(1)], Phase::Question(0), false),
        ("answer then next moves on", vec![Start, Answer(1), Next], Phase::Question(1), false),
        ("back from the first question is the intro", vec![Start, Back], Phase::Intro, false),
        ("back from the second is the first", vec![Start, Answer(0), Next, Back], Phase::Question(0), false),
        ("an out-of-range answer is refused", vec![Start, Answer(99), Next], Phase::Question(0), true),
        ("next on the intro does nothing", vec![Next], Phase::Intro, false),
        ("restart returns to the intro", vec![Start, Answer(0), Next, Restart], Phase::Intro, false),
    ];
    for (name, actions, phase, missing) in cases {
        let s = run(fresh(), &actions);
        assert_eq!((s.phase, s.missing_answer), (phase, missing), "{name}");
    }
    // Answering everything reaches the report; back returns to the last question.
    let mut all = vec![Action::Start];
    for _ in 0..n {
        all.extend([Action::Answer(0), Action::Next]);
    }
    let done = run(fresh(), &all);
    assert_eq!(done.phase, Phase::Result);
    assert!(done.answers.is_complete(&done.content));
    assert_eq!(run(done.clone(), &[Action::Back]).phase, Phase::Question(n - 1));
    let restarted = run(done, &[Action::Restart]);
    assert_eq!((restarted.phase, restarted.answers.answered()), (Phase::Intro, 0));
}

#[test]
fn refused_actions_return_none_so_nothing_rerenders() {
    let s = fresh();
    assert!(s.apply(Action::Back).is_none());
    assert!(s.apply(Action::SetLocale(Locale::Ja)).is_none());
    let en = s.apply(Action::SetLocale(Locale::En)).expect("switch");
    assert_eq!((en.locale, en.phase), (Locale::En, Phase::Intro));
    let q = s.apply(Action::Start).and_then(|s| s.apply(Action::Answer(2))).expect("answered");
    assert!(q.apply(Action::Answer(2)).is_none(), "same answer again changes nothing");
}

#[test]
fn language_switch_keeps_answers_and_place() {
    let s = run(
        fresh(),
        &[Action::Start, Action::Answer(1), Action::Next, Action::Answer(0), Action::SetLocale(Locale::En)],
    );
    assert_eq!((s.phase, s.locale, s.answers.answered()), (Phase::Question(1), Locale::En, 2));
}

#[test]
fn lead_mode_gates_the_report() {
    let mut all = vec![Action::Start];
    for _ in 0..fresh().step_count() {
        all.extend([Action::Answer(0), Action::Next]);
    }
    let gated = run(fresh_in(Mode::Lead), &all);
    assert_eq!(gated.phase, Phase::Gate);
    let lead = LeadSubmission {
        id: "0123456789abcdef0123".into(),
        contact: Contact::default(),
        trap: String::new(),
        consent_at: "now".into(),
    };
    let unlocked = run(gated.clone(), &[Action::SubmitLead(Box::new(lead.clone()))]);
    assert_eq!((unlocked.phase, unlocked.lead.as_ref()), (Phase::Result, Some(&lead)));
    assert!(unlocked.apply(Action::SubmitLead(Box::new(lead.clone()))).is_none(), "one lead per visit");
    let sent = run(
        unlocked,
        &[Action::LeadStatus(LeadStatus::Queued), Action::LeadStatus(LeadStatus::Sent { confirmed: true })],
    );
    assert_eq!(sent.lead_status, Some(LeadStatus::Sent { confirmed: true }));
    assert!(gated.apply(Action::LeadStatus(LeadStatus::Queued)).is_none(), "no status without a lead");
    assert!(gated.apply(Action::Set(0, 1)).is_none(), "quiz actions do nothing outside the quiz");
    assert!(
        run(fresh(), &all).apply(Action::SubmitLead(Box::new(lead.clone()))).is_none(),
        "page mode has no form by default"
    );

    // Gate options on the page: `after` shows the report with the form below;
    // `soft` gates like `before`.
    let after = run(fresh().with_gate(Gate::After), &all);
    assert_eq!(after.phase, Phase::Result);
    assert_eq!(run(after, &[Action::SubmitLead(Box::new(lead.clone()))]).lead.as_ref(), Some(&lead));
    assert_eq!(run(fresh().with_gate(Gate::Soft), &all).phase, Phase::Gate);
    assert_eq!(run(fresh_in(Mode::Lead).with_gate(Gate::None), &all).phase, Phase::Result);
}

#[test]
fn quiz_mode_sets_answers_directly() {
    let q = fresh_in(Mode::Quiz);
    assert_eq!(q.phase, Phase::Quiz);
    let q = run(q, &[Action::Set(0, 2), Action::Set(5, 0), Action::Set(99, 0), Action::Set(2, 7)]);
    assert_eq!(q.answers.answered(), 2, "out-of-range flow index and choice are refused");
    assert!(q.apply(Action::Set(0, 2)).is_none());
    assert!(q.apply(Action::Start).is_none() && q.apply(Action::Next).is_none());
    assert_eq!(run(q, &[Action::Restart]).phase, Phase::Quiz);
}

#[test]
fn resuming_from_answers() {
    let base = fresh();
    let mut partial = base.answers.clone();
    let mut complete = base.answers.clone();
    for i in 0..base.step_count() {
        let step = b2b_assessment_core::domain::Step::at(&base.content, i).unwrap();
        complete.set(&base.content, step, 0).unwrap();
        if i < 3 {
            partial.set(&base.content, step, 0).unwrap();
        }
    }
    let c = base.content.clone();
    assert_eq!(State::resume(c.clone(), Locale::Ja, Mode::Page, complete.clone()).phase, Phase::Result);
    assert_eq!(State::resume(c.clone(), Locale::Ja, Mode::Lead, complete.clone()).phase, Phase::Gate);
    assert_eq!(State::resume(c.clone(), Locale::Ja, Mode::Page, partial).phase, Phase::Question(3));
    assert_eq!(State::resume(c.clone(), Locale::Ja, Mode::Quiz, complete).phase, Phase::Quiz);
    assert_eq!(State::resume(c, Locale::Ja, Mode::Page, base.answers.clone()).phase, Phase::Intro);
}

/// The loader's record of what a visitor did on a prerendered first view,
/// read as actions; what is not one of its entries, or names a question or
/// option the content lacks, is left out.
#[test]
fn inputs_on_a_prerendered_view_are_replayed_as_actions() {
    use b2b_assessment_core::state::{replayed, MAX_REPLAYED};
    use Action::*;
    let content = Content::default_set().expect("default content");
    let (yes, no) = content.switch_choices();
    assert_eq!((content.scale_index("yes"), content.scale_index("no")), (Some(yes), Some(no)));
    let last = content.checks.len() - 1;
    let rows: [(&str, Vec<Action>); 12] = [
        ("start", vec![Start]),
        ("lang:en;start", vec![SetLocale(Locale::En), Start]),
        ("profile:0:2;profile:3:0", vec![Set(0, 2), Set(3, 0)]),
        (&format!("switch:0:1;switch:{last}:0"), vec![Set(4, yes), Set(4 + last, no)]),
        (&format!("switch:{}:1", last + 1), vec![]),
        ("profile:4:0;profile:-1:0;profile:0:x", vec![]),
        ("lang:fr;lang;start:1;stop;;", vec![]),
        ("switch:0:true;switch:0", vec![]),
        ("", vec![]),
        ("[[\"start\"]]", vec![]),
        ("start:", vec![]),
        (&vec!["start"; MAX_REPLAYED + 5].join(";"), vec![Start; MAX_REPLAYED]),
    ];
    for (text, expected) in rows {
        assert_eq!(replayed(&content, text), expected, "{text}");
    }
    // Replayed on a quiz card, they are its answers.
    let s = run(fresh_in(Mode::Quiz), &replayed(&content, "profile:1:2;switch:2:1"));
    assert_eq!((s.answers.answered(), s.phase), (2, Phase::Quiz));
    // And Start on the intro leads to the first question.
    assert_eq!(run(fresh(), &replayed(&content, "start")).phase, Phase::Question(0));
}
