//! The state machine's transitions, natively.
#![cfg(not(target_arch = "wasm32"))]

use b2b_assessment::domain::{Content, Locale};
use b2b_assessment::state::{Action, Phase, State};
use std::rc::Rc;

fn fresh() -> State {
    State::new(Rc::new(Content::default_set().expect("default content")), Locale::Ja)
}

fn run(mut s: State, actions: &[Action]) -> State {
    for a in actions {
        if let Some(next) = s.apply(*a) {
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
    let s = run(fresh(), &[Action::Start, Action::Answer(1), Action::Next, Action::Answer(0), Action::SetLocale(Locale::En)]);
    assert_eq!((s.phase, s.locale, s.answers.answered()), (Phase::Question(1), Locale::En, 2));
}
