//! The source line printed under every figure.

use super::Ctx;
use crate::domain::content::Source;
use crate::domain::Locale;
use crate::i18n::{colon, t, Key};
use yew::prelude::*;

/// Properties of [`SourceNote`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SourceNoteProps {
    /// The source to cite.
    pub source: Source,
}

/// "Source: MarkeZine survey (2023) · Respondents: 104 · Note: …".
#[function_component(SourceNote)]
pub fn source_note(props: &SourceNoteProps) -> Html {
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let s = &props.source;
    let year = match l {
        Locale::Ja => format!("（{}年）", s.year),
        Locale::En => format!(" ({})", s.year),
    };
    let sep = colon(l);
    html! {
        <p class="b2ba-source">
            <span class="b2ba-source-name">{ t(l, Key::SourceLabel) }{ sep }{ s.name.get(l) }{ year }</span>
            if let Some(n) = s.sample {
                <span class="b2ba-source-sample">{ t(l, Key::RespondentsLabel) }{ sep }{ n }</span>
            }
            if let Some(c) = &s.caveat {
                <span class="b2ba-source-caveat">{ t(l, Key::CaveatLabel) }{ sep }{ c.get(l) }</span>
            }
        </p>
    }
}
