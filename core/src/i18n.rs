//! Interface strings and number formatting per locale.
//!
//! Content texts (questions, advice, benchmarks) come from the content file;
//! the few words of the interface itself live here, in one `match` per key so
//! a missing translation is a compile error.

use crate::domain::content::JpyRange;
use crate::domain::Locale;

/// A fixed interface string.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Start,
    Next,
    Back,
    SeeReport,
    StartOver,
    SwitchLanguage,
    OtherLanguageName,
    Progress,
    ChooseAnswer,
    ProfileSection,
    ChecksSection,
    YourScore,
    OutOf100,
    MaturityLevel,
    CategoryScores,
    Category,
    Score,
    CostliestAnswers,
    NothingLost,
    Benchmarks,
    SourceLabel,
    CaveatLabel,
    RespondentsLabel,
    YourBand,
    NoFigureForBand,
    YouHaveDedicated,
    YouLackDedicated,
    BudgetRemainder,
    OrgModel,
    MainProblem,
    Setup,
    WhatToOutsource,
    Focus,
    Coordination,
    Sourcing,
    KeepInHouse,
    CanOutsource,
    CostEstimate,
    ArticlesLine,
    SupportLine,
    MonthlyTotal,
    YearlyTotal,
    FitWithin,
    FitDepends,
    FitExceeds,
    FitUnknown,
    NextActions,
    PartlyInPlace,
    NotInPlace,
    AllInPlace,
    PrintReport,
    ContentErrorTitle,
    ArticlesPerMonth,
    IncludeSupport,
    NotIncluded,
    ShareLink,
    ShareLinkHint,
    CopyLink,
    Copied,
    CopyFailed,
    RadarTitle,
    JobTitle,
    Phone,
    RequiredMark,
    OptionalMark,
    FieldMissing,
    PhoneInvalid,
    FieldTooLong,
    FieldInvalid,
    PrivacyPolicy,
    TransmissionTitle,
    TransmissionTo,
    TransmissionWhat,
    TransmissionWhatText,
    TransmissionWhy,
    TransmissionWhyText,
    ViaHubSpot,
    ViaSalesforce,
    SendAndShow,
    StatusQueued,
    StatusRetrying,
    StatusSent,
    StatusSentUnconfirmed,
    StatusFailed,
    LeadOptionalTitle,
    OptionalIntro,
    ChoosePlaceholder,
    SwitchOnWhatIsInPlace,
    ScoreSoFar,
    StartWith,
    SeeFullReport,
    GateTitle,
    GateIntro,
    FullName,
    Company,
    WorkEmail,
    EmailInvalid,
    ConsentText,
    ConsentRequired,
}

/// The string for `key` in `locale`.
// `#[inline]`: a call with a constant key then folds to its string in the
// widget crate, so a build carries only the strings it shows (the quiz build
// none of the report's or the lead form's: 7 KB of data when this crate
// was split off without it).
#[inline]
pub fn t(locale: Locale, key: Key) -> &'static str {
    use Key::*;
    match locale {
        Locale::Ja => match key {
            Start => "診断をはじめる",
            Next => "次へ",
            Back => "戻る",
            SeeReport => "結果を見る",
            StartOver => "最初からやり直す",
            SwitchLanguage => "Switch to English",
            OtherLanguageName => "English",
            Progress => "進捗",
            ChooseAnswer => "回答を選んでから次へ進んでください。",
            ProfileSection => "会社について",
            ChecksSection => "体制チェック",
            YourScore => "総合スコア",
            OutOf100 => "/ 100点",
            MaturityLevel => "成熟度",
            CategoryScores => "カテゴリ別のスコア",
            Category => "カテゴリ",
            Score => "スコア",
            CostliestAnswers => "スコアを大きく下げている回答",
            NothingLost => "減点された回答はありません。",
            Benchmarks => "調査データとの比較",
            SourceLabel => "出典",
            CaveatLabel => "注意",
            RespondentsLabel => "回答者数",
            YourBand => "あなたの区分",
            NoFigureForBand => "出典にはこの区分の数値がありません。",
            YouHaveDedicated => "御社には専任担当者がいます。",
            YouLackDedicated => "御社にはまだ専任担当者がいません。",
            BudgetRemainder => "その他の予算帯",
            OrgModel => "御社の規模に合った体制",
            MainProblem => "よくある課題",
            Setup => "おすすめの体制",
            WhatToOutsource => "外注する範囲",
            Focus => "重点",
            Coordination => "連携のしかた",
            Sourcing => "内製と外注の分け方",
            KeepInHouse => "社内に残す",
            CanOutsource => "外注できる",
            CostEstimate => "外部に頼む場合の費用感",
            ArticlesLine => "記事制作",
            SupportLine => "戦略・運用の支援",
            MonthlyTotal => "月額の合計",
            YearlyTotal => "年額の合計",
            FitWithin => "ご回答の予算帯に十分収まる金額です。",
            FitDepends => "ご回答の予算帯の中でどこに位置するかによって、予算の大きな部分を占める可能性があります。",
            FitExceeds => "ご回答の予算帯を上回ります。外注する範囲を絞り、優先度の高いものから始めましょう。",
            FitUnknown => "予算帯が未回答のため、予算との比較はしていません。",
            NextActions => "次にやること（優先順）",
            PartlyInPlace => "一部できている",
            NotInPlace => "未対応",
            AllInPlace => "15項目すべてが整っています。今の仕組みを維持し、より高度な施策へ広げましょう。",
            PrintReport => "印刷 / PDFで保存",
            ContentErrorTitle => "診断を表示できませんでした",
            ArticlesPerMonth => "外注する記事の本数（月）",
            IncludeSupport => "戦略・運用の外部支援を含める",
            NotIncluded => "含めない",
            ShareLink => "この結果の共有リンク",
            ShareLinkHint => "回答はリンクの「#」以降に入っており、サーバーには送られません。",
            CopyLink => "リンクをコピー",
            Copied => "コピーしました",
            CopyFailed => "コピーできませんでした。上の欄から選択してコピーしてください。",
            RadarTitle => "カテゴリ別スコアのレーダーチャート",
            JobTitle => "役職",
            Phone => "電話番号",
            RequiredMark => "（必須）",
            OptionalMark => "（任意）",
            FieldMissing => "入力してください。",
            PhoneInvalid => "電話番号の形式を確認してください（例: 03-1234-5678）。",
            FieldTooLong => "200文字以内で入力してください。",
            FieldInvalid => "使用できない文字が含まれています。",
            PrivacyPolicy => "プライバシーポリシー",
            TransmissionTitle => "送信される情報について",
            TransmissionTo => "送信先",
            TransmissionWhat => "送信される情報",
            TransmissionWhatText => "入力した連絡先、診断の回答・スコア・比較データ、このページのURL・参照元ページ・広告計測用パラメータ（utm_*）",
            TransmissionWhy => "利用目的",
            TransmissionWhyText => "診断結果についてのご連絡と、関連するサービスのご案内のため",
            ViaHubSpot => "このサイトの運営者（HubSpot経由）",
            ViaSalesforce => "このサイトの運営者（Salesforce経由）",
            SendAndShow => "送信してレポートを見る",
            StatusQueued => "送信しています…",
            StatusRetrying => "送信できなかったため、自動で再送します。ページを閉じても、次に開いたときに送信されます",
            StatusSent => "送信しました。ありがとうございます。",
            StatusSentUnconfirmed => "送信しました（送信先の仕組み上、受信の確認まではできません）。",
            StatusFailed => "送信先に受け付けられませんでした。お手数ですが、サイトのお問い合わせ窓口へご連絡ください",
            LeadOptionalTitle => "結果について相談する",
            OptionalIntro => "連絡先をお送りいただければ、担当者から診断結果についてご連絡します。",
            ChoosePlaceholder => "選択してください",
            SwitchOnWhatIsInPlace => "できている項目をオンにしてください",
            ScoreSoFar => "いまのスコア",
            StartWith => "まず取り組むこと",
            SeeFullReport => "詳しいレポートを見る",
            GateTitle => "レポートを見る前に、連絡先を教えてください",
            GateIntro => "連絡先を入力すると、診断結果のレポートが表示されます。",
            FullName => "お名前",
            Company => "会社名",
            WorkEmail => "勤務先のメールアドレス",
            EmailInvalid => "メールアドレスの形式を確認してください（例: name@example.co.jp）。",
            ConsentText => "入力した情報と診断結果をこのサイトの運営者に提供することに同意します。",
            ConsentRequired => "レポートを表示するには同意が必要です。",
        },
        Locale::En => match key {
            Start => "Start the check-up",
            Next => "Next",
            Back => "Back",
            SeeReport => "See my report",
            StartOver => "Start over",
            SwitchLanguage => "日本語に切り替え",
            OtherLanguageName => "日本語",
            Progress => "Progress",
            ChooseAnswer => "Choose an answer to continue.",
            ProfileSection => "About your company",
            ChecksSection => "Organisation check",
            YourScore => "Overall score",
            OutOf100 => "/ 100",
            MaturityLevel => "Maturity",
            CategoryScores => "Scores by category",
            Category => "Category",
            Score => "Score",
            CostliestAnswers => "Answers that cost the most points",
            NothingLost => "No answer cost any points.",
            Benchmarks => "How you compare with published surveys",
            SourceLabel => "Source",
            CaveatLabel => "Note",
            RespondentsLabel => "Respondents",
            YourBand => "Your band",
            NoFigureForBand => "The source gives no figure for this band.",
            YouHaveDedicated => "You have a dedicated person.",
            YouLackDedicated => "You do not have a dedicated person yet.",
            BudgetRemainder => "Other budget sizes",
            OrgModel => "The setup that fits your size",
            MainProblem => "Typical problem",
            Setup => "Recommended setup",
            WhatToOutsource => "What to outsource",
            Focus => "Focus",
            Coordination => "How to coordinate",
            Sourcing => "What to keep in-house, what to outsource",
            KeepInHouse => "Keep in-house",
            CanOutsource => "Can be outsourced",
            CostEstimate => "What outside help costs",
            ArticlesLine => "Article writing",
            SupportLine => "Strategy and operations support",
            MonthlyTotal => "Per month",
            YearlyTotal => "Per year",
            FitWithin => "This fits comfortably within your budget band.",
            FitDepends => "Depending on where you sit in your budget band, this could take a large share of it.",
            FitExceeds => "This is more than your budget band. Outsource less and start with the highest-priority items.",
            FitUnknown => "You did not give a budget band, so this is not compared with a budget.",
            NextActions => "Next steps, in order",
            PartlyInPlace => "Partly in place",
            NotInPlace => "Not in place",
            AllInPlace => "All fifteen checks are in place. Keep the mechanisms running and expand into more advanced work.",
            PrintReport => "Print / save as PDF",
            ContentErrorTitle => "The check-up could not be shown",
            ArticlesPerMonth => "Outsourced articles per month",
            IncludeSupport => "Include outside strategy and operations support",
            NotIncluded => "Not included",
            ShareLink => "Link to this result",
            ShareLinkHint => "Your answers are in the part after “#”, which is never sent to a server.",
            CopyLink => "Copy link",
            Copied => "Copied",
            CopyFailed => "Could not copy; select the link above and copy it.",
            RadarTitle => "Radar chart of the category scores",
            JobTitle => "Job title",
            Phone => "Phone",
            RequiredMark => " (required)",
            OptionalMark => " (optional)",
            FieldMissing => "Please fill this in.",
            PhoneInvalid => "Check the phone number (for example +81 3 1234 5678).",
            FieldTooLong => "Please keep this under 200 characters.",
            FieldInvalid => "This contains characters that cannot be used.",
            PrivacyPolicy => "Privacy policy",
            TransmissionTitle => "What is sent, to whom, and why",
            TransmissionTo => "Sent to",
            TransmissionWhat => "What is sent",
            TransmissionWhatText => "The contact details above, your answers, scores and the benchmarks shown, this page's URL, the referring page and campaign parameters (utm_*)",
            TransmissionWhy => "Why",
            TransmissionWhyText => "To follow up on your results and tell you about related services",
            ViaHubSpot => "the owner of this site (via HubSpot)",
            ViaSalesforce => "the owner of this site (via Salesforce)",
            SendAndShow => "Send and see my report",
            StatusQueued => "Sending…",
            StatusRetrying => "Could not send yet; retrying automatically. If you close the page, it is sent the next time you open it",
            StatusSent => "Sent. Thank you.",
            StatusSentUnconfirmed => "Sent (the destination does not let us confirm that it arrived).",
            StatusFailed => "The destination refused the submission. Please contact the site directly",
            LeadOptionalTitle => "Talk to us about your results",
            OptionalIntro => "Leave your details and we will get in touch about your results.",
            ChoosePlaceholder => "Choose…",
            SwitchOnWhatIsInPlace => "Switch on what is already in place",
            ScoreSoFar => "Your score so far",
            StartWith => "Start with",
            SeeFullReport => "See the full report",
            GateTitle => "Before your report: how can we reach you?",
            GateIntro => "Enter your details to see your report.",
            FullName => "Name",
            Company => "Company",
            WorkEmail => "Work e-mail",
            EmailInvalid => "Check the e-mail address (for example name@example.com).",
            ConsentText => "I agree to share these details and my results with the owner of this site.",
            ConsentRequired => "Your consent is needed to show the report.",
        },
    }
}

/// "Question 3 of 19".
pub fn step_of(locale: Locale, n: usize, total: usize) -> String {
    match locale {
        Locale::Ja => format!("質問 {n} / {total}"),
        Locale::En => format!("Question {n} of {total}"),
    }
}

/// "19 questions, about 3 minutes" (about ten seconds a question).
pub fn question_count(locale: Locale, n: usize) -> String {
    let minutes = (n * 10).div_ceil(60).max(1);
    match locale {
        Locale::Ja => format!("全{n}問・約{minutes}分"),
        Locale::En => format!("{n} questions, about {minutes} minutes"),
    }
}

/// "-4.7 points".
pub fn points_lost(locale: Locale, points: f64) -> String {
    let p = format!("{:.1}", points);
    match locale {
        Locale::Ja => format!("-{p}点"),
        Locale::En => format!("-{p} points"),
    }
}

/// "37% of companies in your band".
pub fn share_of_band(locale: Locale, percent: &str) -> String {
    match locale {
        Locale::Ja => format!("同じ区分の企業の{percent}%"),
        Locale::En => format!("{percent}% of companies in your band"),
    }
}

/// "10 articles × ¥50k".
pub fn articles_times(locale: Locale, n: u32, unit: u64) -> String {
    match locale {
        Locale::Ja => format!("月{n}本 × {}", jpy(locale, unit)),
        Locale::En => format!("{n} a month × {}", jpy(locale, unit)),
    }
}

/// Who receives a lead sent to the site's own webhook at `host`, for the
/// transmission notice.
pub fn site_owner(locale: Locale, host: &str) -> String {
    match locale {
        Locale::Ja => format!("このサイトの運営者（{host}）"),
        Locale::En => format!("the owner of this site ({host})"),
    }
}

/// That a share link's answers were not used. Only this: the decoder's
/// reason is English and technical, and goes to the console.
pub fn unreadable_link(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "リンクに含まれる回答を読み込めませんでした。お手数ですが、最初からご回答ください。",
        Locale::En => "The answers in this link could not be read, so the check-up starts afresh.",
    }
}

/// An amount in yen, the way people say it: `50万円`, `1.2億円`; `¥500k`, `¥1.2M`.
pub fn jpy(locale: Locale, amount: u64) -> String {
    match locale {
        Locale::Ja => {
            if amount >= 100_000_000 {
                format!("{}億円", decimal(amount, 100_000_000))
            } else if amount >= 10_000 {
                format!("{}万円", group(decimal(amount, 10_000)))
            } else {
                format!("{}円", group(amount.to_string()))
            }
        }
        Locale::En => {
            if amount >= 1_000_000_000 {
                format!("¥{}B", decimal(amount, 1_000_000_000))
            } else if amount >= 1_000_000 {
                format!("¥{}M", decimal(amount, 1_000_000))
            } else if amount >= 1_000 {
                format!("¥{}k", decimal(amount, 1_000))
            } else {
                format!("¥{amount}")
            }
        }
    }
}

/// A yen range: `30万円〜50万円`, `¥300k–¥500k`; open-ended `1億円以上`, `¥100M or more`.
pub fn jpy_range(locale: Locale, r: JpyRange) -> String {
    match (locale, r.max) {
        (_, Some(max)) if max == r.min => jpy(locale, max),
        (Locale::Ja, Some(max)) => format!("{}〜{}", jpy(locale, r.min), jpy(locale, max)),
        (Locale::En, Some(max)) => format!("{}–{}", jpy(locale, r.min), jpy(locale, max)),
        (Locale::Ja, None) => format!("{}以上", jpy(locale, r.min)),
        (Locale::En, None) => format!("{} or more", jpy(locale, r.min)),
    }
}

/// `amount / unit` with at most one decimal, trailing `.0` dropped.
fn decimal(amount: u64, unit: u64) -> String {
    let tenths = (amount * 10 + unit / 2) / unit;
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// Thousands separators on the integer part: `1200` → `1,200`.
fn group(s: String) -> String {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), format!(".{f}")),
        None => (s, String::new()),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out + &frac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_amounts_read_naturally() {
        let cases = [
            (Locale::Ja, 50_000, "5万円"),
            (Locale::Ja, 500_000, "50万円"),
            (Locale::Ja, 10_000_000, "1,000万円"),
            (Locale::Ja, 9_600_000, "960万円"),
            (Locale::Ja, 100_000_000, "1億円"),
            (Locale::Ja, 120_000_000, "1.2億円"),
            (Locale::Ja, 3_000_000_000, "30億円"),
            (Locale::Ja, 999, "999円"),
            (Locale::En, 50_000, "¥50k"),
            (Locale::En, 9_600_000, "¥9.6M"),
            (Locale::En, 100_000_000, "¥100M"),
            (Locale::En, 30_000_000_000, "¥30B"),
            (Locale::En, 0, "¥0"),
        ];
        for (l, n, want) in cases {
            assert_eq!(jpy(l, n), want, "{l} {n}");
        }
    }

    #[test]
    fn yen_ranges() {
        assert_eq!(jpy_range(Locale::Ja, JpyRange { min: 300_000, max: Some(500_000) }), "30万円〜50万円");
        assert_eq!(jpy_range(Locale::En, JpyRange { min: 100_000_000, max: None }), "¥100M or more");
    }
}
