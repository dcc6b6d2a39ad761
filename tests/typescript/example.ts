// A site's script using the typings (js/b2b-assessment.d.ts): `scripts/test`
// type-checks it with `tsc --noEmit` (tests/typescript/tsconfig.json maps the
// package name to the file). It mounts a widget, listens to every event and
// reads each detail; the @ts-expect-error lines must stay errors.
import type { B2BAssessmentConfig, B2BAssessmentHandle } from "b2b-assessment";

const config: B2BAssessmentConfig = {
  mode: "lead",
  lang: "ja",
  theme: { accent: "#0b5cad", "font-size": "15px" },
  lead: {
    gate: "soft",
    hubspot: { portalId: "1234567", formId: "f", fields: { summary: "b2b_summary", family_name: "lastname" } },
    fields: { department: "required", phone: "hidden" },
    consentText: { ja: "同意します。", en: "I agree." },
    purposes: ["診断結果のご説明のため", { ja: "セミナーのご案内", en: "Seminar invitations" }],
  },
};

// @ts-expect-error: not a mode
const wrongMode: B2BAssessmentConfig = { mode: "popup" };
// @ts-expect-error: not a gate
const wrongGate: B2BAssessmentConfig = { lead: { gate: "always" } };
void wrongMode;
void wrongGate;

export async function mountOne(el: HTMLElement): Promise<B2BAssessmentHandle> {
  const handle = await window.B2BAssessment.mount(el, config);
  console.log(window.B2BAssessment.version);
  window.B2BAssessment.mountAll(document);
  return handle;
}

const el = document.querySelector("b2b-assessment");
el?.addEventListener("b2b-assessment:start", (e) => console.log(e.detail.mode, e.detail.lang));
el?.addEventListener("b2b-assessment:answer", (e) => {
  const { question, answer, step, answered, total } = e.detail;
  console.log(question, answer ?? "none", step + answered + total);
});
document.addEventListener("b2b-assessment:complete", (e) => {
  const score: number = e.detail.score;
  const sales: number | undefined = e.detail.categories["sales_alignment"];
  console.log(score, e.detail.level, sales);
});
document.addEventListener("b2b-assessment:cta", (e) => console.log(e.detail.url, e.detail.score));
document.addEventListener("b2b-assessment:error", (e) => console.log(e.detail.message, e.detail.code === "crash"));
window.addEventListener("b2b-assessment:lead-queued", (e) => console.log(e.detail.id, e.detail.persisted));
document.addEventListener("b2b-assessment:lead-sent", (e) => console.log(e.detail.confirmed, e.detail.attempts));
document.addEventListener("b2b-assessment:lead-failed", (e) => console.log(e.detail.reason, e.detail.attempts));
// @ts-expect-error: the complete event has no `email` (no personal data in events)
document.addEventListener("b2b-assessment:complete", (e) => console.log(e.detail.email));

const typed: HTMLElement = document.createElement("b2b-assessment");
void typed;
