//! Property tests: decoders of everything that comes from outside (share
//! links, stored progress, the outbox, content, config) never panic, and
//! what is encoded decodes to the same answers.

use b2b_assessment_core::config;
use b2b_assessment_core::domain::outbox::Outbox;
use b2b_assessment_core::domain::progress::{Place, Progress};
use b2b_assessment_core::domain::share::{decode, encode};
use b2b_assessment_core::domain::{Answers, Content, Step};
use proptest::prelude::*;

fn content() -> Content {
    Content::default_set().expect("content")
}

/// Any answer set: each step unanswered or one of its choices.
fn answers(c: &Content) -> impl Strategy<Value = Answers> {
    let steps: Vec<usize> = (0..c.step_count()).map(|i| Step::at(c, i).unwrap().choice_count(c)).collect();
    let c = c.clone();
    steps.into_iter().map(|n| proptest::option::of(0..n)).collect::<Vec<_>>().prop_map(move |picks| {
        let mut a = Answers::new(&c);
        for (i, p) in picks.into_iter().enumerate() {
            if let Some(choice) = p {
                a.set(&c, Step::at(&c, i).unwrap(), choice).unwrap();
            }
        }
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn share_links_round_trip(a in answers(&content())) {
        let c = content();
        prop_assert_eq!(decode(&c, &encode(&c, &a)), Ok(a));
    }

    #[test]
    fn share_link_decoding_never_panics(s in ".{0,64}") {
        let c = content();
        if let Err(e) = decode(&c, &s) {
            prop_assert!(e.to_string().starts_with("share link: "));
        }
        let _ = decode(&c, &format!("1.{s}"));
    }

    #[test]
    fn truncated_links_are_refused(a in answers(&content()), cut in 0usize..21) {
        let c = content();
        let s = encode(&c, &a);
        let cut = cut.min(s.len());
        if cut < s.len() {
            prop_assert!(decode(&c, &s[..cut]).is_err());
        }
    }

    #[test]
    fn progress_round_trips_and_garbage_is_refused(a in answers(&content()), step in 0usize..19, junk in ".{0,80}") {
        let c = content();
        let text = Progress::encode(&c, &a, Place::Question(step));
        prop_assert_eq!(Progress::decode(&c, &text), Ok((a, Place::Question(step))));
        if let Err(e) = Progress::decode(&c, &junk) {
            prop_assert!(e.to_string().starts_with("progress: "));
        }
    }

    #[test]
    fn outbox_decoding_never_panics(junk in ".{0,120}") {
        let (o, _) = Outbox::decode(Some(&junk));
        prop_assert!(o.entries.len() <= 1);
    }

    #[test]
    fn content_parsing_never_panics(junk in ".{0,200}") {
        if let Err(e) = Content::parse(&junk) {
            prop_assert!(e.to_string().starts_with("content"));
        }
    }

    #[test]
    fn config_parsing_never_panics(json in ".{0,120}", mode in ".{0,12}", lang in ".{0,8}", url in ".{0,40}") {
        let attrs: b2b_assessment_core::domain::StrMap =
            [("mode", mode), ("lang", lang), ("cta-url", url)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let _ = config::parse(&attrs, Some(&json));
        let _ = config::parse(&b2b_assessment_core::domain::StrMap::new(), Some(&json));
    }
}
