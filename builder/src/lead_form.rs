//! The lead section of the config: gate, form fields, consent, purposes,
//! privacy and recipient, where leads go (the reference receiver or a
//! webhook, HubSpot, Salesforce) with a mapping table from the lead's keys
//! to CRM property names, and the "send a test lead" button.

use crate::config_fields::Cfg;
use crate::draft::{Doc, Edit, Path};
use crate::labels::tr;
use b2b_assessment_core::domain::lead::{self, Field};
use b2b_assessment_core::domain::{Content, Locale};
use serde_json::{json, Value};
use yew::prelude::*;

/// Where leads go, as the config says.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `lead.endpoint` (the reference receiver by default).
    Webhook,
    /// `lead.hubspot`.
    HubSpot,
    /// `lead.salesforce`.
    Salesforce,
}

/// The destination the config names.
pub fn kind(config: &Value) -> Kind {
    let lead = &config["lead"];
    if lead.get("hubspot").is_some() {
        Kind::HubSpot
    } else if lead.get("salesforce").is_some() {
        Kind::Salesforce
    } else {
        Kind::Webhook
    }
}

/// The keys a CRM mapping may name, with their values for the simulated
/// answers (what the mapping table lists).
pub fn mappable_keys(content: &Content, choices: &[usize], l: Locale) -> Vec<(String, String)> {
    let env = crate::test_lead::envelope(content, choices, l, "", "preview", "2026-01-01T00:00:00Z");
    lead::mappable(&env)
        .into_iter()
        .map(|(k, v)| {
            let shown = match k.as_str() {
                "lead_id" => tr(l, "（リードごとのID）", "(an id per lead)").to_string(),
                "created_at" => tr(l, "（送信日時）", "(when it was sent)").to_string(),
                "test" => tr(l, "true（テストリードだけにあります）", "true (on test leads only)").to_string(),
                "name" | "family_name" | "given_name" | "company" | "email" => {
                    format!("{v} {}", tr(l, "（テストリードの例）", "(test lead's)"))
                }
                _ => v,
            };
            (k, shown)
        })
        .collect()
}

/// The result of the last test lead, in words.
#[derive(Clone, PartialEq)]
pub enum TestLead {
    /// None sent yet.
    Idle,
    /// On its way.
    Sending,
    /// The answer: whether it went through, and what to show.
    Done(bool, String),
}

/// The lead section's fields.
pub fn view(cfg: &Cfg, content: Option<&Content>, choices: &[usize], test: &TestLead, on_test: Callback<()>) -> Html {
    let l = cfg.l;
    let gate_choices = [
        (
            "",
            tr(
                l,
                "モードに合わせる（lead モードは結果の前、ほかは表示しない）",
                "By mode (before the report in lead mode, none otherwise)",
            )
            .to_string(),
        ),
        ("none", tr(l, "表示しない", "No form").to_string()),
        ("after", tr(l, "結果の下に任意で表示", "Optional, under the report").to_string()),
        ("before", tr(l, "結果の前に入力をお願いする", "Before the report").to_string()),
        ("soft", tr(l, "結果をぼかして見せ、入力で表示する", "Blurred report, revealed by the form").to_string()),
    ];
    let rule_choices = [
        ("", tr(l, "標準", "Default").to_string()),
        ("required", tr(l, "必須", "Required").to_string()),
        ("optional", tr(l, "任意", "Optional").to_string()),
        ("hidden", tr(l, "表示しない", "Hidden").to_string()),
    ];
    let field_name = |f: Field| match f {
        Field::FamilyName => tr(l, "姓", "Family name"),
        Field::GivenName => tr(l, "名", "Given name"),
        Field::Company => tr(l, "会社名", "Company"),
        Field::Department => tr(l, "部署名", "Department"),
        Field::Email => tr(l, "メールアドレス（常に必須）", "E-mail (always required)"),
        Field::JobTitle => tr(l, "役職", "Job title"),
        Field::Phone => tr(l, "電話番号", "Phone"),
    };
    let fields = Field::ALL
        .iter()
        .filter(|f| **f != Field::Email)
        .map(|f| cfg.select(&format!("lead.fields.{}", f.key()), field_name(*f), &rule_choices));
    let purposes: Vec<Value> = cfg.config["lead"]["purposes"].as_array().cloned().unwrap_or_default();
    let purpose_rows = purposes.iter().enumerate().map(|(i, _)| {
        let remove = {
            let (edit, list) = (cfg.edit.clone(), purposes.clone());
            Callback::from(move |_: MouseEvent| {
                let mut list = list.clone();
                list.remove(i);
                let p = Path::parse("lead.purposes");
                edit.emit(if list.is_empty() { Edit::Remove(Doc::Config, p) } else { Edit::Set(Doc::Config, p, Value::Array(list.clone())) });
            })
        };
        html! {
            <fieldset class="item purpose">
                <legend>{ format!("{} {}", tr(l, "目的", "Purpose"), i + 1) }</legend>
                <div class="tools"><button type="button" class="remove" onclick={remove}
                    aria-label={format!("{} {} {}", tr(l, "目的", "Purpose"), i + 1, tr(l, "を削除", "remove"))}>{ tr(l, "削除", "Remove") }</button></div>
                { cfg.text_pair(&format!("lead.purposes[{i}]"), tr(l, "目的", "Purpose")) }
            </fieldset>
        }
    });
    let add_purpose = {
        let (edit, list) = (cfg.edit.clone(), purposes.clone());
        Callback::from(move |_: MouseEvent| {
            let mut list = list.clone();
            list.push(json!({"ja": "", "en": ""}));
            edit.emit(Edit::Set(Doc::Config, Path::parse("lead.purposes"), Value::Array(list.clone())));
        })
    };
    let k = kind(cfg.config);
    let switch = |to: Kind| {
        let edit = cfg.edit.clone();
        let keep = cfg.config.clone();
        Callback::from(move |_: Event| {
            let mut c = keep.clone();
            if let Some(lead) = c.get_mut("lead").and_then(Value::as_object_mut) {
                lead.remove("endpoint");
                lead.remove("hubspot");
                lead.remove("salesforce");
                match to {
                    Kind::Webhook => {
                        lead.insert("endpoint".into(), json!("/api/leads"));
                    }
                    Kind::HubSpot => {
                        lead.insert("hubspot".into(), json!({"portalId": "", "formId": ""}));
                    }
                    Kind::Salesforce => {
                        lead.insert("salesforce".into(), json!({"oid": ""}));
                    }
                }
            }
            edit.emit(Edit::Replace(Doc::Config, c));
        })
    };
    let radio = |to: Kind, label: &str| {
        html! {
            <label class="radio"><input type="radio" name="destination" checked={k == to} onchange={switch(to)} />{ label.to_string() }</label>
        }
    };
    let mapping = |crm: &str| -> Html {
        let Some(content) = content else {
            return html! { <p>{ tr(l, "内容の問題を直すと、対応表が表示されます。", "Fix the content's problems to see the mapping table.") }</p> };
        };
        let keys = mappable_keys(content, choices, l);
        html! {
            <table class="mapping">
                <caption>{ tr(l, "送信する項目と、CRM側のプロパティ名の対応（空欄の項目は送りません）", "What a lead carries and the CRM property each goes to (empty: not sent)") }</caption>
                <thead><tr>
                    <th scope="col">{ tr(l, "項目", "Key") }</th>
                    <th scope="col">{ tr(l, "試算の回答での値", "Value for the simulated answers") }</th>
                    <th scope="col">{ tr(l, "プロパティ名", "Property name") }</th>
                </tr></thead>
                <tbody>
                    { for keys.into_iter().map(|(key, sample)| {
                        let path = format!("lead.{crm}.fields.{key}");
                        let p = Path::parse(&path);
                        let id = p.dom_id(Doc::Config);
                        html! {
                            <tr>
                                <th scope="row"><label for={id.clone()}><code>{ key.clone() }</code></label></th>
                                <td class="sample">{ sample.chars().take(60).collect::<String>() }</td>
                                <td><input id={id} value={cfg.string(&path)} oninput={cfg.setter::<InputEvent>(&p)} spellcheck="false" />{ cfg.note(&p) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        }
    };
    let destination = match k {
        Kind::Webhook => html! {
            { cfg.input("lead.endpoint", tr(l, "送信先URL（https: または同じサイト内のパス）", "Endpoint URL (https: or a path on this site)"), "/api/leads") }
        },
        Kind::HubSpot => html! { <>
            { cfg.input("lead.hubspot.portalId", tr(l, "ポータルID（数字）", "Portal id (digits)"), "1234567") }
            { cfg.input("lead.hubspot.formId", tr(l, "フォームID", "Form id"), "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx") }
            { mapping("hubspot") }
        </> },
        Kind::Salesforce => html! { <>
            { cfg.input("lead.salesforce.oid", tr(l, "組織ID（oid）", "Organisation id (oid)"), "00D…") }
            { cfg.input("lead.salesforce.url", tr(l, "送信先URL（空欄は Web-to-Lead の標準）", "Endpoint (empty: the standard Web-to-Lead one)"), "") }
            { mapping("salesforce") }
        </> },
    };
    let result = match test {
        TestLead::Idle => html! {},
        TestLead::Sending => html! { <p class="test-result" role="status">{ tr(l, "送信中…", "Sending…") }</p> },
        TestLead::Done(ok, text) => html! {
            <p class={classes!("test-result", if *ok { "ok" } else { "failed" })} role="status">{ text.clone() }</p>
        },
    };
    let can_send = cfg.problem.is_none() && content.is_some();
    html! {
        <section class="lead-form">
            <h2>{ tr(l, "リード送信", "Leads") }</h2>
            { cfg.select("lead.gate", tr(l, "フォームの位置", "Where the form stands"), &gate_choices) }
            <fieldset class="group"><legend>{ tr(l, "入力項目", "Form fields") }</legend>{ for fields }</fieldset>
            <fieldset class="group"><legend>{ tr(l, "同意と送信先の表示", "Consent and notice") }</legend>
                { cfg.text_pair("lead.consentText", tr(l, "同意文（空欄は標準の文）", "Consent text (empty: the default)")) }
                { cfg.input("lead.privacyUrl", tr(l, "プライバシーポリシーのURL", "Privacy policy URL"), "https://") }
                { cfg.input("lead.recipient", tr(l, "受け取る会社名（送信の前に表示）", "Recipient (named before sending)"), "") }
                <h3>{ tr(l, "利用目的（1〜5件、空なら標準の目的）", "Purposes (1 to 5; none: the default)") }</h3>
                { for purpose_rows }
                if purposes.len() < lead::MAX_PURPOSES {
                    <button type="button" class="append" onclick={add_purpose}>{ tr(l, "＋ 目的を追加", "＋ Add a purpose") }</button>
                }
            </fieldset>
            <fieldset class="group destination"><legend>{ tr(l, "送信先", "Where leads go") }</legend>
                { radio(Kind::Webhook, tr(l, "Webhook（付属の受信サーバーなど）", "Webhook (such as the reference receiver)")) }
                { radio(Kind::HubSpot, "HubSpot") }
                { radio(Kind::Salesforce, "Salesforce") }
                { destination }
            </fieldset>
            <div class="test-lead">
                <button type="button" class="send-test" disabled={!can_send || *test == TestLead::Sending} onclick={on_test.reform(|_| ())}>
                    { tr(l, "テストリードを送信", "Send a test lead") }
                </button>
                <p class="hint">{ tr(l,
                    "試算の回答と架空の連絡先で、テストと明記したリードを上の送信先へ1件送ります。",
                    "Sends one lead, marked as a test, with the simulated answers and a made-up contact, to the destination above.") }</p>
                { result }
            </div>
        </section>
    }
}
