//! Saved progress: round trips, and corrupt or foreign data is refused.

use b2b_assessment_core::domain::progress::{Place, Progress};
use b2b_assessment_core::domain::{Answers, Content, Step};

#[test]
fn round_trip_and_refusals() {
    let c = Content::default_set().expect("content");
    let mut a = Answers::new(&c);
    for i in 0..5 {
        a.set(&c, Step::at(&c, i).unwrap(), 0).unwrap();
    }
    let saved = Progress::encode(&c, &a, Place::Question(5));
    assert_eq!(Progress::decode(&c, &saved), Ok((a.clone(), Place::Question(5))));

    let cases = [
        ("", "not JSON"),
        ("{", "not JSON"),
        ("[]", "no version"),
        (r#"{"v":2,"answers":"1.0","place":{"at":"report"}}"#, "version 2 is not supported"),
        (r#"{"v":1,"answers":"1.0","place":{"at":"report"}}"#, "1 answers for 19 questions"),
        (r#"{"v":1,"answers":"1.0000-----------------","place":{"at":"question","step":99}}"#, "19 questions"),
        (r#"{"v":1,"answers":"1.0000---------------","place":{"at":"question","step":99}}"#, "no question 99"),
        (r#"{"v":1,"answers":"1.0000---------------","place":{"at":"report"}}"#, "report without all answers"),
        (r#"{"v":1,"answers":"1.0000---------------","place":{"at":"question","step":1},"extra":1}"#, "unknown field"),
        (r#"{"v":1,"answers":7,"place":{"at":"report"}}"#, "invalid type"),
    ];
    for (text, want) in cases {
        let err = Progress::decode(&c, text).expect_err(text).to_string();
        assert!(err.starts_with("progress: ") && err.contains(want), "{text}: {err:?} should contain {want:?}");
    }
    assert!(Progress::decode(&c, &"x".repeat(20_000)).unwrap_err().to_string().contains("too long"));
}
