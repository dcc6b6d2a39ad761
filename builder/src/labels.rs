//! The Builder's words: field names, sections and the messages it adds to
//! the decoder's, in Japanese and English.

use b2b_assessment_core::domain::Locale;
use serde_json::Value;

/// `ja` or `en` by the Builder's language.
pub fn tr(l: Locale, ja: &'static str, en: &'static str) -> &'static str {
    match l {
        Locale::Ja => ja,
        Locale::En => en,
    }
}

/// The content file's members in the order the Builder shows them (the
/// order of the types in the core); members not listed follow by name.
const ORDER: [&str; 66] = [
    "id",
    "schema",
    "version",
    "title",
    "tagline",
    "intro",
    "label",
    "name",
    "text",
    "statement",
    "category",
    "headcount",
    "band",
    "field",
    "option",
    "min_score",
    "credit",
    "weight",
    "priority",
    "points",
    "percent",
    "hint",
    "meaning",
    "caption",
    "note",
    "remainder_note",
    "action",
    "step",
    "step_for",
    "first_for",
    "options",
    "annual_jpy",
    "min",
    "max",
    "shares",
    "source",
    "year",
    "sample",
    "caveat",
    "check",
    "dedicated_share",
    "main_problem",
    "setup",
    "outsource",
    "coordination",
    "keep_in_house",
    "why",
    "advice",
    "support_monthly_jpy",
    "article_jpy",
    "articles_per_month",
    "support",
    "defaults",
    "basis",
    "defaults_note",
    "staff_note",
    "revenue",
    "dedicated_staff",
    "budget",
    "team_size",
    "nurturing",
    "article",
    "profile",
    "benchmarks",
    "sourcing",
    "costs",
];

/// Sort rank of a member.
pub fn rank(key: &str) -> usize {
    ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len())
}

/// A member's name for people.
pub fn field(l: Locale, key: &str, v: &Value) -> String {
    let (ja, en) = match key {
        "title" => ("タイトル", "Title"),
        "tagline" => ("見出し", "Heading"),
        "intro" => ("説明文", "Introduction"),
        "answer_scale" => ("回答の選択肢", "Answer choices"),
        "id" => ("ID（英数字）", "Id (letters and digits)"),
        "label" => ("表示名", "Label"),
        "credit" => ("得点の割合（%）", "Credit (%)"),
        "categories" => ("カテゴリ", "Categories"),
        "weight" => ("重み", "Weight"),
        "priority" => ("優先順（1が最優先）", "Priority (1 first)"),
        "note" => ("注記", "Note"),
        "checks" => ("チェック項目", "Checks"),
        "category" => ("カテゴリ", "Category"),
        "points" if v.is_array() => ("要点", "Findings"),
        "points" => ("点数", "Points"),
        "text" => ("質問文", "Question"),
        "hint" => ("補足", "Hint"),
        "action" => ("おすすめの取り組み", "Recommended action"),
        "step" => ("最初の一歩", "First step"),
        "step_for" => ("人数別の最初の一歩", "First step by team size"),
        "headcount" => ("人数区分", "Team size band"),
        "first_for" => ("この回答なら最優先", "First for these answers"),
        "field" => ("プロフィール質問", "Profile question"),
        "option" => ("選択肢ID", "Option id"),
        "levels" => ("レベル", "Levels"),
        "min_score" => ("下限スコア（0〜100）", "Lowest score (0–100)"),
        "name" => ("名称", "Name"),
        "meaning" => ("説明", "Meaning"),
        "profile" => ("プロフィール質問", "Profile questions"),
        "revenue" => ("売上高", "Revenue"),
        "dedicated_staff" => ("専任担当者", "Dedicated staff"),
        "budget" => ("予算", "Budget"),
        "options" => ("選択肢", "Options"),
        "annual_jpy" => ("年額の範囲（円）", "Annual range (JPY)"),
        "min" => ("下限", "From"),
        "max" => ("上限（空欄は上限なし）", "To (empty: no limit)"),
        "benchmarks" => ("ベンチマーク", "Benchmarks"),
        "statement" => ("見出し", "Statement"),
        "caption" => ("数値の説明", "Caption"),
        "shares" => ("区分ごとの割合", "Shares by band"),
        "band" => ("区分（選択肢ID）", "Band (option id)"),
        "percent" => ("割合（%）", "Percent"),
        "remainder_note" => ("残りについての注記", "Note on the remainder"),
        "source" => ("出典", "Source"),
        "year" => ("発行年", "Year"),
        "sample" => ("回答数", "Sample size"),
        "caveat" => ("注意書き", "Caveat"),
        "team_size" => ("体制の規模", "Team size"),
        "nurturing" => ("ナーチャリング", "Nurturing"),
        "check" => ("関係するチェック項目ID", "Related check id"),
        "org_models" => ("組織モデル", "Organisation models"),
        "dedicated_share" => ("専任担当者のいる割合", "Share with a dedicated person"),
        "main_problem" => ("主な課題", "Main problem"),
        "setup" => ("体制", "Setup"),
        "outsource" if v.is_array() => ("外注できること", "Can be outsourced"),
        "outsource" => ("外注すること", "Outsource"),
        "coordination" => ("連携の方法", "Coordination"),
        "sourcing" => ("内製と外注", "In-house and outsourcing"),
        "keep_in_house" => ("内製すること", "Keep in-house"),
        "why" => ("理由", "Why"),
        "advice" => ("助言", "Advice"),
        "costs" => ("費用の前提", "Cost assumptions"),
        "support_monthly_jpy" => ("外部支援の月額（円）", "Outside support per month (JPY)"),
        "article_jpy" => ("記事1本の単価（円）", "Price per article (JPY)"),
        "articles_per_month" => ("月の記事本数", "Articles per month"),
        "defaults" => ("人数別の初期値", "Starting values by team size"),
        "support" => ("外部支援を含める", "Include outside support"),
        "basis" => ("金額の根拠", "Basis of the prices"),
        "defaults_note" => ("初期値の説明", "On the starting values"),
        "staff_note" => ("人件費についての注記", "On staff costs"),
        "article" => ("出典記事", "Source article"),
        "org_note" => ("組織モデルの注記", "Note on the models"),
        other => return other.to_string(),
    };
    tr(l, ja, en).to_string()
}

/// The Builder's sections: the content file's parts, then the simulator,
/// theme, leads and export.
pub const SECTIONS: [&str; 14] = [
    "basics",
    "answer_scale",
    "categories",
    "checks",
    "levels",
    "profile",
    "benchmarks",
    "org_models",
    "sourcing",
    "costs",
    "simulate",
    "theme",
    "lead",
    "export",
];

/// A section's name.
pub fn section(l: Locale, s: &str) -> String {
    let (ja, en) = match s {
        "basics" => ("基本情報", "Basics"),
        "simulate" => ("スコアの試算", "Score simulator"),
        "theme" => ("デザイン", "Theme"),
        "lead" => ("リード送信", "Leads"),
        "export" => ("書き出し・読み込み", "Export and import"),
        other => return field(l, other, &Value::Null),
    };
    tr(l, ja, en).to_string()
}

/// The section a content path belongs to (`title` and the other top-level
/// texts are in "basics").
pub fn section_of(head: &str) -> &'static str {
    SECTIONS.iter().find(|s| **s == head).copied().unwrap_or("basics")
}

/// The decoder's message, said in the Builder's language when it is one of
/// the common ones; the decoder's own words follow in either case.
pub fn explain(l: Locale, message: &str) -> String {
    let known = if message == "blank text" {
        Some(("空欄です。日本語と英語の両方をご入力ください。", "Empty: fill in both Japanese and English."))
    } else if message.starts_with("blank id") {
        Some(("IDが空欄です。", "The id is empty."))
    } else if message.starts_with("invalid type: string") {
        Some(("数値をご入力ください。", "Enter a number."))
    } else if message == "must be greater than 0" {
        Some(("1以上の数値をご入力ください。", "Enter 1 or more."))
    } else if message == "missing" {
        Some(("必須の項目です。", "Required."))
    } else if message.starts_with("duplicate") {
        Some(("同じIDがほかにもあります。", "Another item has the same id."))
    } else if message.starts_with("no check") || message.starts_with("no category") || message.contains("no headcount")
    {
        Some(("存在しないIDを指しています。", "Refers to an id that does not exist."))
    } else {
        None
    };
    match known {
        Some((ja, en)) => format!("{} ({message})", tr(l, ja, en)),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_of_the_default_content_has_a_name_and_a_place() {
        fn walk(v: &Value, missing: &mut Vec<String>) {
            match v {
                Value::Object(o) => {
                    for (k, x) in o {
                        if !["ja", "en", "schema", "version"].contains(&k.as_str()) {
                            if field(Locale::Ja, k, x) == *k {
                                missing.push(format!("name of {k}"));
                            }
                            if rank(k) == ORDER.len()
                                && !matches!(x, Value::Array(_))
                                && !super::super::draft::is_text(x)
                            {
                                missing.push(format!("order of {k}"));
                            }
                        }
                        walk(x, missing);
                    }
                }
                Value::Array(a) => a.iter().for_each(|x| walk(x, missing)),
                _ => {}
            }
        }
        let mut missing = Vec::new();
        walk(&crate::draft::default_content(), &mut missing);
        missing.sort();
        missing.dedup();
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn common_messages_are_said_in_both_languages_with_the_decoders_words() {
        assert!(explain(Locale::Ja, "blank text").starts_with("空欄です"));
        assert!(explain(Locale::En, "blank text").ends_with("(blank text)"));
        assert_eq!(explain(Locale::Ja, "something new"), "something new");
    }
}
