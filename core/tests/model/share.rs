//! Share-link encoding: round trips, and hostile input never panics.

use b2b_assessment_core::domain::share::{cta_href, decode, encode, from_fragment, link, locale_from_fragment};
use b2b_assessment_core::domain::{Answers, Content, Locale, Step};

fn content() -> Content {
    Content::default_set().expect("default content")
}

#[test]
fn round_trips_every_shape() {
    let c = content();
    let n = c.step_count();
    // Empty, complete with each choice, partial, and a pseudo-random mix.
    let mut shapes: Vec<Answers> = vec![Answers::new(&c)];
    for choice in 0..4 {
        let mut a = Answers::new(&c);
        for i in 0..n {
            let step = Step::at(&c, i).unwrap();
            let _ = a.set(&c, step, choice.min(step.choice_count(&c) - 1));
        }
        shapes.push(a);
    }
    let mut seed = 7u64;
    for _ in 0..200 {
        let mut a = Answers::new(&c);
        for i in 0..n {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let step = Step::at(&c, i).unwrap();
            let pick = (seed >> 33) as usize % (step.choice_count(&c) + 1);
            if pick < step.choice_count(&c) {
                a.set(&c, step, pick).unwrap();
            }
        }
        shapes.push(a);
    }
    for a in shapes {
        let s = encode(&c, &a);
        assert_eq!(s.len(), 2 + n, "{s}");
        assert_eq!(decode(&c, &s).as_ref(), Ok(&a), "{s}");
    }
}

#[test]
fn malformed_links_are_refused_with_a_reason() {
    let c = content();
    let good = "1.0110000000000000000";
    assert!(decode(&c, good).is_ok());
    let cases = [
        ("", "no version"),
        ("1", "no version"),
        ("x.0120", "not a number"),
        ("2.0110000000000000000", "version 2 is not supported"),
        ("1.012", "3 answers for 19 questions"),
        ("1.01200000000000000000", "20 answers"),
        ("1.0110000000000000!00", "'!' at position 17"),
        ("1.9110000000000000000", "answer '9' at position 1 does not exist"),
        ("1.0120000000000000000", "answer '2' at position 3 does not exist"),
        ("1.0110000000000000004", "position 19 does not exist"),
    ];
    for (input, want) in cases {
        let err = decode(&c, input).expect_err(input).to_string();
        assert!(err.contains(want), "{input:?}: {err:?} should contain {want:?}");
    }
}

#[test]
fn random_and_truncated_input_never_panics() {
    let c = content();
    let good = encode(&c, &Answers::new(&c));
    for cut in 0..good.len() {
        let _ = decode(&c, &good[..cut]);
    }
    for s in random_strings(99, "0123456789abcdefghijklmnopqrstuvwxyz.-_~%あ😀\u{202e}\0", 64) {
        let _ = decode(&c, &s);
        let _ = decode(&c, &format!("1.{s}"));
    }
    assert!(decode(&c, &"1.".repeat(5000)).unwrap_err().to_string().contains("too long"));
}

#[test]
fn finds_the_value_in_a_fragment() {
    assert_eq!(from_fragment("#b2ba=1.01-"), Some("1.01-"));
    assert_eq!(from_fragment("#x=1&b2ba=1.0"), Some("1.0"));
    assert_eq!(from_fragment("#b2bax=1"), None);
    assert_eq!(from_fragment(""), None);
    // The language beside the answers, before or after them, is not them.
    assert_eq!(from_fragment("#b2ba=1.0&b2ba-lang=en"), Some("1.0"));
    assert_eq!(from_fragment("#b2ba-lang=en&b2ba=1.0"), Some("1.0"));
    assert_eq!(from_fragment("#b2ba-lang=en"), None);
}

#[test]
fn a_link_carries_the_reports_language() {
    let c = content();
    let mut a = Answers::new(&c);
    for i in 0..c.step_count() {
        let step = Step::at(&c, i).unwrap();
        a.set(&c, step, i % step.choice_count(&c)).unwrap();
    }
    let value = encode(&c, &a);
    let cases = [
        (
            "https://example.jp/assessment/",
            Locale::En,
            format!("https://example.jp/assessment/#b2ba={value}&b2ba-lang=en"),
        ),
        (
            "/report?utm_source=x#b2ba=1.0&b2ba-lang=en",
            Locale::Ja,
            format!("/report?utm_source=x#b2ba={value}&b2ba-lang=ja"),
        ),
        ("", Locale::En, format!("#b2ba={value}&b2ba-lang=en")),
    ];
    for (url, locale, want) in cases {
        let got = link(url, &c, &a, locale);
        assert_eq!(got, want, "{url}");
        let fragment = got.split_once('#').map(|(_, f)| f).unwrap_or_default();
        assert_eq!(from_fragment(fragment).map(|v| decode(&c, v)), Some(Ok(a.clone())), "{got}");
        assert_eq!(locale_from_fragment(fragment), Some(locale), "{got}");
        // The quiz card's button hands its language on too.
        let cta = cta_href(url, &c, &Answers::new(&c), locale);
        assert_eq!(cta.split_once('#').and_then(|(_, f)| locale_from_fragment(f)), Some(locale), "{cta}");
    }
}

#[test]
fn the_language_of_a_fragment_and_unknown_ones_ignored() {
    let cases = [
        ("#b2ba=1.0&b2ba-lang=en", Some(Locale::En)),
        ("#b2ba=1.0&b2ba-lang=ja", Some(Locale::Ja)),
        ("#b2ba-lang=en&b2ba=1.0", Some(Locale::En)),
        ("b2ba=1.0&b2ba-lang=en", Some(Locale::En)),
        ("#x=1&b2ba-lang=en&y", Some(Locale::En)),
        // Tags as people write them, like the `lang` attribute.
        ("#b2ba-lang=EN", Some(Locale::En)),
        ("#b2ba-lang=en-US", Some(Locale::En)),
        ("#b2ba-lang=ja_JP", Some(Locale::Ja)),
        // The first one counts, as for the answers.
        ("#b2ba-lang=en&b2ba-lang=ja", Some(Locale::En)),
        ("#b2ba-lang=fr&b2ba-lang=ja", None),
        // Old links, and languages this widget does not have or cannot read.
        ("#b2ba=1.0", None),
        ("", None),
        ("#", None),
        ("#b2ba-lang", None),
        ("#b2ba-lang=", None),
        ("#b2ba-lang=fr", None),
        ("#b2ba-lang=english", None),
        ("#b2ba-lang=e", None),
        ("#b2ba-lang=%65n", None),
        ("#b2ba-lang=\u{202e}ne", None),
        ("#b2ba-lang=en\0", None),
        ("#b2ba-lang=日本語", None),
        ("#b2ba-lang=😀", None),
        ("#b2ba-lang=<script>", None),
        ("#b2ba-langs=en", None),
        ("#x-b2ba-lang=en", None),
        ("#lang=en", None),
    ];
    for (fragment, want) in cases {
        assert_eq!(locale_from_fragment(fragment), want, "{fragment:?}");
    }
    // Random and huge values are ignored without a panic.
    for s in random_strings(5, "enja-_=&#%.EJ あ😀\u{202e}\0", 40) {
        let _ = locale_from_fragment(&s);
        let _ = locale_from_fragment(&format!("#b2ba-lang={s}"));
    }
    assert_eq!(locale_from_fragment(&format!("#b2ba-lang={}", "en".repeat(1 << 20))), None);
}

/// 50 strings of each length below `max_len`, drawn from `alphabet` by a
/// seeded generator (the same strings on every run).
fn random_strings(seed: u64, alphabet: &str, max_len: usize) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut seed = seed;
    let mut out = Vec::new();
    for len in 0..max_len {
        for _ in 0..50 {
            out.push(
                (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        alphabet[(seed >> 33) as usize % alphabet.len()]
                    })
                    .collect(),
            );
        }
    }
    out
}
