//! The share link: the answers in the URL fragment, never sent to a server.

use super::Ctx;
use crate::i18n::{t, Key};
use yew::prelude::*;

/// Properties of [`ShareLink`].
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ShareLinkProps {
    /// The link (built once by the report, which also prints it).
    pub url: AttrValue,
    /// Prefix for element ids.
    pub instance: AttrValue,
}

/// A read-only field with the link, and a copy button.
#[function_component(ShareLink)]
pub fn share_link(props: &ShareLinkProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let Some(ctx) = use_context::<Ctx>() else { return html! {} };
    let l = ctx.locale;
    let url = props.url.clone();
    let onclick = {
        let (copied, url) = (copied.clone(), url.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, url) = (copied.clone(), url.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(crate::web::copy_text(&url).await));
            });
        })
    };
    let id = format!("{}-share", props.instance);
    html! {
        <section class="b2ba-share b2ba-no-print">
            <label for={id.clone()} class="b2ba-share-label">{ t(l, Key::ShareLink) }</label>
            <div class="b2ba-share-row">
                <input id={id} class="b2ba-share-url" type="text" readonly=true value={url} />
                <button type="button" class="b2ba-secondary b2ba-copy" {onclick}>{ t(l, Key::CopyLink) }</button>
            </div>
            <p class="b2ba-fine" role="status">
                { match *copied {
                    Some(true) => t(l, Key::Copied),
                    Some(false) => t(l, Key::CopyFailed),
                    None => t(l, Key::ShareLinkHint),
                } }
            </p>
        </section>
    }
}
