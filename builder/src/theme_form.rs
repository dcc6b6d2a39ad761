//! The theme's fields, each with the WCAG AA contrast of the pairs the
//! widget draws text with; the preview shows the theme.

use crate::config_fields::Cfg;
use crate::labels::tr;
use crate::theme::{check, value, AA, KEYS, PAIRS};
use yew::prelude::*;

/// The theme panel.
pub fn view(cfg: &Cfg) -> Html {
    let l = cfg.l;
    let name = |k: &str| match k {
        "accent" => tr(l, "アクセント色（ボタン、スコア）", "Accent (buttons, score)"),
        "accent-text" => tr(l, "アクセント上の文字色", "Text on the accent"),
        "text" => tr(l, "文字色", "Text"),
        "muted" => tr(l, "補足の文字色", "Secondary text"),
        "background" => tr(l, "背景色", "Background"),
        "radius" => tr(l, "角の丸み（例: 12px）", "Corner radius (e.g. 12px)"),
        _ => tr(
            l,
            "フォント（例: inherit、\"Noto Sans JP\", sans-serif）",
            "Font (e.g. inherit, \"Noto Sans JP\", sans-serif)",
        ),
    };
    let fields = KEYS.iter().map(|(k, default)| cfg.input(&format!("theme.{k}"), name(k), default));
    let pairs = PAIRS.iter().map(|(fg, bg)| {
        let verdict = check(cfg.config, fg, bg);
        let (class, text) = match verdict {
            Some(r) if r >= AA => ("pass", format!("{r:.2}:1 — AA {}", tr(l, "適合", "pass"))),
            Some(r) => ("fail", format!("{r:.2}:1 — {}", tr(l, "AA（4.5:1）に足りません", "below AA (4.5:1)"))),
            None => ("unknown", tr(l, "この値は確認できません（#rrggbb か rgb() でご指定ください）", "Cannot check this value (use #rrggbb or rgb())").to_string()),
        };
        html! {
            <tr class={class}>
                <th scope="row">{ format!("{} / {}", name(fg), name(bg)) }</th>
                <td><span class="swatch-text">{ format!("{} on {}", value(cfg.config, fg), value(cfg.config, bg)) }</span></td>
                <td class="ratio">{ text }</td>
            </tr>
        }
    });
    html! {
        <section class="theme-form">
            <h2>{ tr(l, "デザイン", "Theme") }</h2>
            <p class="hint">{ tr(l, "空欄はウィジェットの標準値です。変更はプレビューに反映されます。", "Empty fields keep the widget's default. The preview shows your changes.") }</p>
            { for fields }
            <table class="contrast">
                <caption>{ tr(l, "文字と背景のコントラスト（WCAG AA は 4.5:1 以上）", "Contrast of text and background (WCAG AA: 4.5:1 or more)") }</caption>
                <tbody>{ for pairs }</tbody>
            </table>
        </section>
    }
}
