//! Interface strings and number formatting per locale.
//!
//! Content texts (questions, advice, benchmarks) come from the content file;
//! the few words of the interface itself live here, in one `match` per key so
//! a missing translation is a compile error.

use crate::domain::content::JpyRange;
use crate::domain::recommend::BudgetFit;
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
    FamilyName,
    GivenName,
    Department,
    Company,
    WorkEmail,
    EmailInvalid,
    ConsentText,
    ConsentRequired,
    ToConfirm,
    ArticlePrice,
    StaffMonthly,
    StaffLine,
    AllYearly,
    ReportDate,
    CompanyName,
    TopThree,
    MoreActions,
    HowScored,
    CreditRule,
    MeanRule,
    UnknownRule,
    LevelsRule,
    WeightsBasis,
    AnswerSheet,
    Question,
    Answer,
    Points,
    ForReference,
    RelatedCheck,
    YourAnswer,
    DedicatedShare,
    Send,
    OrNotAnswered,
    ScoreTable,
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
            ChooseAnswer => "回答をお選びのうえ、次へお進みください。",
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
            YourBand => "貴社の区分",
            NoFigureForBand => "出典にはこの区分の数値がありません。",
            YouHaveDedicated => "貴社には専任担当者がいます。",
            YouLackDedicated => "貴社には専任担当者がいません（兼務のみ）。",
            BudgetRemainder => "その他の予算帯",
            OrgModel => "貴社の規模に合った体制モデル",
            MainProblem => "よくある課題",
            Setup => "おすすめの体制",
            WhatToOutsource => "外注する範囲",
            Focus => "重点",
            Coordination => "連携のしかた",
            Sourcing => "内製と外注の分け方",
            KeepInHouse => "社内に残す",
            CanOutsource => "外注できる",
            CostEstimate => "費用の試算",
            ArticlesLine => "記事制作",
            SupportLine => "戦略立案・業務支援",
            MonthlyTotal => "外部への支払い（月額）",
            YearlyTotal => "外部への支払い（年額）",
            NextActions => "次に取り組むこと（優先順）",
            PartlyInPlace => "一部対応",
            NotInPlace => "未対応",
            AllInPlace => "15項目すべてが整っています。今の仕組みを維持し、より高度な施策へ広げましょう。",
            PrintReport => "印刷 / PDFで保存",
            ContentErrorTitle => "診断を表示できませんでした",
            ArticlesPerMonth => "外注する記事の本数（月）",
            IncludeSupport => "戦略立案・業務支援を外部に依頼する",
            NotIncluded => "含めない",
            ShareLink => "この結果の共有リンク",
            ShareLinkHint => "回答はリンクの「#」以降に入っており、サーバーには送られません。",
            CopyLink => "リンクをコピー",
            Copied => "コピーしました",
            CopyFailed => "コピーできませんでした。お手数ですが、上の欄のリンクを選択してコピーをお願いいたします。",
            RadarTitle => "カテゴリ別スコアのレーダーチャート",
            JobTitle => "役職",
            Phone => "電話番号",
            RequiredMark => "（必須）",
            OptionalMark => "（任意）",
            FieldMissing => "ご入力ください。",
            PhoneInvalid => "電話番号の形式をご確認ください（例：03-1234-5678）。",
            FieldTooLong => "200文字以内でご入力ください。",
            FieldInvalid => "使用できない文字が含まれています。",
            PrivacyPolicy => "プライバシーポリシー",
            TransmissionTitle => "送信される情報について",
            TransmissionTo => "送信先",
            TransmissionWhat => "送信される情報",
            TransmissionWhatText => "入力した連絡先、診断の回答・スコア・比較データ、このページのURL・参照元ページ・広告計測用パラメータ（utm_*）",
            TransmissionWhy => "利用目的",
            TransmissionWhyText => "この診断の結果について、送信先から貴社へご連絡するため",
            ViaHubSpot => "このサイトの運営者（HubSpot経由）",
            ViaSalesforce => "このサイトの運営者（Salesforce経由）",
            SendAndShow => "送信してレポートを見る",
            StatusQueued => "送信しています…",
            StatusRetrying => "送信できなかったため、自動で再送します。ページを閉じても、次に開いたときに送信されます。",
            StatusSent => "送信しました。ありがとうございます。",
            StatusSentUnconfirmed => "送信しました（送信先の仕組み上、受信の確認まではできません）。",
            StatusFailed => "送信先に受け付けられませんでした。お手数ですが、サイトのお問い合わせ窓口へご連絡ください。",
            LeadOptionalTitle => "結果について相談する",
            OptionalIntro => "ご連絡先をお送りいただければ、担当者から診断結果についてご連絡します。",
            ChoosePlaceholder => "お選びください",
            SwitchOnWhatIsInPlace => "できている項目をオンにしてください",
            ScoreSoFar => "いまのスコア",
            StartWith => "まず取り組むこと",
            SeeFullReport => "詳しいレポートを見る",
            GateTitle => "レポートの表示の前に、ご連絡先をご入力ください",
            GateIntro => "ご連絡先をご入力いただくと、診断結果のレポートが表示されます。",
            FamilyName => "姓",
            GivenName => "名",
            Department => "部署名",
            Company => "会社名",
            WorkEmail => "勤務先のメールアドレス",
            EmailInvalid => "メールアドレスの形式をご確認ください（例：name@example.co.jp）。",
            ConsentText => "入力した情報と診断結果をこのサイトの運営者に提供することに同意します。",
            ConsentRequired => "レポートを表示するには同意が必要です。",
            ToConfirm => "要確認",
            ArticlePrice => "記事1本あたりの単価（円）",
            StaffMonthly => "社内の人件費（月額・円、貴社の想定）",
            StaffLine => "社内の人件費（年額）",
            AllYearly => "人件費を含む総額（年額）",
            ReportDate => "診断日",
            CompanyName => "貴社名（任意。印刷とPDFにのみ表示され、どこにも送信されません）",
            TopThree => "今期に取り組む3つのこと",
            MoreActions => "その他の取り組み",
            HowScored => "スコアの計算方法",
            CreditRule => "各項目は、回答に応じて配点の一部を得ます。",
            MeanRule => "カテゴリのスコアは、獲得した点の割合（0〜100）です。総合スコアは、カテゴリのスコアを重みで加重平均し、四捨五入した値です。各項目の配点は回答シートに記載しています。",
            UnknownRule => "「わからない」は「まだできていない」と同じく0点として数え、次に取り組むことでは「要確認」と表示します。",
            LevelsRule => "レベルの区切り（総合スコア）",
            WeightsBasis => "チェック項目は出典記事のチェックリストに基づきます。重みは本診断が設定したもので、その理由を各カテゴリに記しています。",
            AnswerSheet => "回答シート",
            Question => "質問",
            Answer => "回答",
            Points => "配点",
            ForReference => "参考",
            RelatedCheck => "関連するチェック項目",
            YourAnswer => "貴社の回答",
            DedicatedShare => "専任担当者の割合（調査値）",
            Send => "送信する",
            OrNotAnswered => "未回答",
            ScoreTable => "カテゴリ別スコアの表",
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
            YouLackDedicated => "You have no dedicated person (shared duties only).",
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
            CostEstimate => "Cost estimate",
            ArticlesLine => "Article writing",
            SupportLine => "Strategy and operations support",
            MonthlyTotal => "Outside spend per month",
            YearlyTotal => "Outside spend per year",
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
            TransmissionWhyText => "So that the recipient can contact you about these results",
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
            FamilyName => "Family name",
            GivenName => "Given name",
            Department => "Department",
            Company => "Company",
            WorkEmail => "Work e-mail",
            EmailInvalid => "Check the e-mail address (for example name@example.com).",
            ConsentText => "I agree to share these details and my results with the owner of this site.",
            ConsentRequired => "Your consent is needed to show the report.",
            ToConfirm => "To confirm",
            ArticlePrice => "Price per article (¥)",
            StaffMonthly => "In-house staff cost per month (¥, your own figure)",
            StaffLine => "In-house staff, per year",
            AllYearly => "All in, with staff, per year",
            ReportDate => "Date",
            CompanyName => "Company name (optional; shown only when printed, never sent anywhere)",
            TopThree => "Three things to do this quarter",
            MoreActions => "Further steps",
            HowScored => "How the score is computed",
            CreditRule => "Each check earns a share of its points, by answer.",
            MeanRule => "A category's score is the share of its points earned (0–100). The overall score is the mean of the category scores weighted as below, rounded half up. Each check's points are in the answer sheet.",
            UnknownRule => "“Don't know” counts as “not yet” (no points); among the next steps it is tagged “to confirm”.",
            LevelsRule => "Level thresholds (overall score)",
            WeightsBasis => "The checks follow the source article's checklist. The weights are this check-up's own, with the reason given for each category.",
            AnswerSheet => "Answer sheet",
            Question => "Question",
            Answer => "Answer",
            Points => "Points",
            ForReference => "For reference",
            RelatedCheck => "Related check",
            YourAnswer => "Your answer",
            DedicatedShare => "Share with a dedicated person (survey)",
            Send => "Send",
            OrNotAnswered => "Not answered",
            ScoreTable => "Category scores as a table",
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

/// "19 questions, about 3 minutes" (about ten seconds a question, to the nearest minute).
pub fn question_count(locale: Locale, n: usize) -> String {
    let minutes = ((n * 10 + 30) / 60).max(1);
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

/// The verdict on the outside spend against the visitor's budget band (`band`, its label).
pub fn budget_fit(locale: Locale, fit: BudgetFit, band: &str) -> String {
    use BudgetFit::*;
    match (locale, fit) {
        (Locale::Ja, Within) => format!("外部への支払いの見積もりは、貴社の予算区分（{band}）の下限以下で、予算の一部に収まります。"),
        (Locale::Ja, Depends) => format!("見積もりは貴社の予算区分（{band}）の範囲内です。予算のどの程度を占めるかは、実際の予算額によります。"),
        (Locale::Ja, Reaches) => format!("見積もりの上限は、貴社の予算区分（{band}）の上限に達します。予算額によっては、この費用だけで予算の全額を使い切るか、上回ります。"),
        (Locale::Ja, Exceeds) => format!("見積もりは、貴社の予算区分（{band}）の上限以上です。この費用だけで、マーケティング予算の全額を使い切るか、上回ります。外注の範囲を絞り、優先度の高いものから始めることをおすすめします。"),
        (Locale::Ja, Unknown) => "予算がわからないとのご回答のため、予算区分との比較はしていません。".into(),
        (Locale::En, Within) => format!("The outside spend is at or below the bottom of your budget band ({band}): it fits within your budget."),
        (Locale::En, Depends) => format!("The estimate lies within your budget band ({band}); how much of your budget it takes depends on the actual amount."),
        (Locale::En, Reaches) => format!("The top of the estimate reaches the top of your budget band ({band}): depending on your budget, this alone takes all of it or more."),
        (Locale::En, Exceeds) => format!("The estimate is at or above the top of your budget band ({band}): this alone takes your whole marketing budget or more. Outsource less, starting with the highest priorities."),
        (Locale::En, Unknown) => "You answered that you do not know your budget, so the estimate is not compared with one.".into(),
    }
}

/// The separator after a label: `：` in Japanese, `: ` in English.
#[inline]
pub fn colon(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "：",
        Locale::En => ": ",
    }
}

/// Text in brackets after a space-less Japanese word or a space in English:
/// `（4件）`, ` (4)`.
pub fn bracket(locale: Locale, inner: &str) -> String {
    match locale {
        Locale::Ja => format!("（{inner}）"),
        Locale::En => format!(" ({inner})"),
    }
}

/// A monthly amount: `月30万円〜50万円`, `¥300k–¥500k a month`.
pub fn monthly(locale: Locale, r: JpyRange) -> String {
    match locale {
        Locale::Ja => format!("月{}", jpy_range(locale, r)),
        Locale::En => format!("{} a month", jpy_range(locale, r)),
    }
}

/// A level's threshold: `30点以上`, `from 30`.
pub fn from_score(locale: Locale, min: u8) -> String {
    match locale {
        Locale::Ja => format!("{min}点以上"),
        Locale::En => format!("from {min}"),
    }
}

/// A category's weight and size: `重み 30/100・5項目`, `weight 30/100 · 5 checks`.
pub fn weight_line(locale: Locale, weight: u32, total: u32, checks: usize) -> String {
    match locale {
        Locale::Ja => format!("重み {weight}/{total}・{checks}項目"),
        Locale::En => format!("weight {weight}/{total} · {checks} checks"),
    }
}

/// What a check is worth: `7.5点`, `7.5 pts`.
pub fn worth(locale: Locale, points: f64) -> String {
    match locale {
        Locale::Ja => format!("{points:.1}点"),
        Locale::En => format!("{points:.1} pts"),
    }
}

/// A date: `2026年12月6日`, `6 December 2026`.
pub fn date(locale: Locale, (y, m, d): (u32, u32, u32)) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match locale {
        Locale::Ja => format!("{y}年{m}月{d}日"),
        Locale::En => format!("{d} {} {y}", MONTHS.get(m.wrapping_sub(1) as usize).unwrap_or(&"")),
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

/// A lead's one-line summary for sales: `スコア 49/100（レベル2 基盤づくり期）｜優先課題: A／B／C`,
/// `Score 49/100 (Level 2: Building foundations) | Priorities: A; B; C`.
/// The actions are the report's top ones; none: `なし`, `none`.
pub fn lead_summary(locale: Locale, overall: u8, level: Option<&str>, actions: &[&str]) -> String {
    let level = level.map(|l| bracket(locale, l)).unwrap_or_default();
    match locale {
        Locale::Ja => {
            let actions = if actions.is_empty() { "なし".to_string() } else { actions.join("／") };
            format!("スコア {overall}/100{level}｜優先課題: {actions}")
        }
        Locale::En => {
            let actions = if actions.is_empty() { "none".to_string() } else { actions.join("; ") };
            format!("Score {overall}/100{level} | Priorities: {actions}")
        }
    }
}

/// A test lead's contact (the Builder's "send a test lead"): family name,
/// given name and company, plainly no one's, so nobody mistakes the lead for
/// a visitor's: `テスト 送信`, `Test Lead`.
pub fn test_lead_contact(locale: Locale) -> (&'static str, &'static str, &'static str) {
    match locale {
        Locale::Ja => ("テスト", "送信", "（テスト送信）診断ビルダー"),
        Locale::En => ("Lead", "Test", "(test lead) Assessment Builder"),
    }
}

/// A test lead's summary: the lead's own behind a marker that a salesperson
/// who reads only the summary cannot miss.
pub fn test_lead_summary(locale: Locale, summary: &str) -> String {
    match locale {
        Locale::Ja => format!("【テスト】{summary}"),
        Locale::En => format!("[TEST] {summary}"),
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
