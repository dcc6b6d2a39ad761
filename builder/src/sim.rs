//! The score simulator: a set of answers scored by the widget's own scoring,
//! and warnings about the content's scoring (levels no answers can reach, a
//! check worth more than a whole category).

use b2b_assessment_core::domain::{scoring, Answers, Content, Locale, Score, Step};

/// The simulated answers' score.
pub fn score(content: &Content, choices: &[usize]) -> Score {
    let mut answers = Answers::new(content);
    for (i, choice) in choices.iter().enumerate().take(content.checks.len()) {
        // A choice past a shortened scale counts as unanswered.
        let _ = answers.set(content, Step::Check(i), *choice);
    }
    scoring::score(content, &answers)
}

/// Most checks the reachability warning looks at (its cost grows with them).
pub const MAX_REACH_CHECKS: usize = 300;

/// The overall scores (0–100) some set of complete answers gets, by the
/// widget's rounding; `None` past [`MAX_REACH_CHECKS`] checks.
pub fn reachable(content: &Content) -> Option<[bool; 101]> {
    if content.checks.len() > MAX_REACH_CHECKS {
        return None;
    }
    let worth = score(content, &[]).worth;
    // Exact sums in thousandths of a point: 0..=100_000, and room for each
    // check's rounding.
    let steps = 100_000 + content.checks.len();
    let mut sums = vec![false; steps + 1];
    sums[0] = true;
    let credits: Vec<f64> = content.answer_scale.iter().map(|c| f64::from(c.credit) / 100.0).collect();
    for w in worth {
        let mut next = vec![false; steps + 1];
        for c in &credits {
            let add = (w * c * 1000.0).round() as usize;
            for (s, _) in sums.iter().enumerate().filter(|(_, on)| **on) {
                if s + add <= steps {
                    next[s + add] = true;
                }
            }
        }
        sums = next;
    }
    let mut out = [false; 101];
    for (s, on) in sums.iter().enumerate() {
        if *on {
            out[((s as f64 / 1000.0).round() as usize).min(100)] = true;
        }
    }
    Some(out)
}

/// A warning about the content's scoring.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// No complete set of answers lands in this level (index).
    Unreachable(usize),
    /// This check (index) is worth more overall than this whole category (index).
    OutweighsCategory(usize, usize),
}

/// The warnings for `content`.
pub fn warnings(content: &Content) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(reach) = reachable(content) {
        for (i, level) in content.levels.iter().enumerate() {
            let top = content.levels.get(i + 1).map_or(101, |n| usize::from(n.min_score));
            if !(usize::from(level.min_score)..top.min(101)).any(|s| reach[s]) {
                out.push(Warning::Unreachable(i));
            }
        }
    }
    let total: f64 = content.categories.iter().map(|c| f64::from(c.weight)).sum();
    let worth = score(content, &[]).worth;
    for (i, w) in worth.iter().enumerate() {
        let smallest = content
            .categories
            .iter()
            .enumerate()
            .map(|(k, c)| (k, f64::from(c.weight) / total * 100.0))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, share)) = smallest {
            if *w > share + 1e-9 && content.category_index(&content.checks[i].category) != Some(k) {
                out.push(Warning::OutweighsCategory(i, k));
            }
        }
    }
    out
}

/// A warning in words.
pub fn describe(content: &Content, l: Locale, w: &Warning) -> String {
    match *w {
        Warning::Unreachable(i) => {
            let name = content.levels.get(i).map_or("", |x| x.name.get(l));
            match l {
                Locale::Ja => {
                    format!("「{name}」には、どの回答の組み合わせでも届きません（下限スコアを見直してください）。")
                }
                Locale::En => format!("No set of answers reaches “{name}”: check its lowest score."),
            }
        }
        Warning::OutweighsCategory(i, k) => {
            let check = content.checks.get(i).map_or("", |c| c.text.get(l));
            let cat = content.categories.get(k).map_or("", |c| c.label.get(l));
            match l {
                Locale::Ja => format!("「{check}」1項目の配点が、カテゴリ「{cat}」全体より大きくなっています。"),
                Locale::En => format!("“{check}” alone is worth more than the whole category “{cat}”."),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default() -> Content {
        Content::default_set().expect("default")
    }

    #[test]
    fn the_simulated_score_is_the_widgets() {
        let c = default();
        let no = c.scale_index("no").expect("no");
        let mut choices = vec![0; c.checks.len()];
        choices[0] = no;
        let mut answers = Answers::new(&c);
        for (i, ch) in choices.iter().enumerate() {
            answers.set(&c, Step::Check(i), *ch).expect("set");
        }
        assert_eq!(score(&c, &choices), scoring::score(&c, &answers));
        assert_eq!(score(&c, &vec![0; c.checks.len()]).overall, 100);
    }

    #[test]
    fn the_default_content_draws_no_warning_and_bad_scoring_does() {
        let c = default();
        assert_eq!(warnings(&c), vec![]);
        let reach = reachable(&c).expect("small");
        assert!(reach[0] && reach[100]);

        let mut gap = default();
        // Only full or no credit, one check: 0 or 100, nothing between.
        gap.answer_scale.retain(|s| s.credit == 0 || s.credit == 100);
        gap.checks.truncate(1);
        let keep = gap.checks[0].category.clone();
        gap.categories.retain(|k| k.id == keep);
        let w = warnings(&gap);
        assert!(w.contains(&Warning::Unreachable(1)) && w.contains(&Warning::Unreachable(2)), "{w:?}");
        assert!(!w.contains(&Warning::Unreachable(0)));

        let mut heavy = default();
        let big = heavy.checks.iter().position(|k| k.category == "sales_alignment").expect("a check");
        heavy.checks[big].points = 50;
        let w = warnings(&heavy);
        assert!(w.iter().any(|x| matches!(x, Warning::OutweighsCategory(i, _) if *i == big)), "{w:?}");
        assert!(describe(&heavy, Locale::Ja, &w[0]).contains("カテゴリ"));
    }
}
