// Types for the b2b-assessment loader (b2b-assessment.js): the script API on
// `window.B2BAssessment`, the config object, and the `b2b-assessment:*`
// events the widget dispatches on its host element (they bubble and are
// composed, so `document` hears them too). docs/embedding.md describes them;
// CHANGELOG.md says what may change between versions.

/** A language of the widget. */
export type B2BAssessmentLang = "ja" | "en";

/** How the widget presents itself. */
export type B2BAssessmentMode = "page" | "quiz" | "lead";

/** Where the lead form stands relative to the report. */
export type B2BAssessmentGate = "none" | "after" | "before" | "soft";

/** A text in both languages, or one text for both. */
export type B2BAssessmentText = string | { ja: string; en: string };

/** Whether a contact field is on the form, and whether it must be filled. */
export type B2BAssessmentFieldRule = "required" | "optional" | "hidden";

/** The contact fields of the lead form (`name` sets both parts of the name). */
export type B2BAssessmentField =
  | "family_name"
  | "given_name"
  | "name"
  | "company"
  | "department"
  | "email"
  | "job_title"
  | "phone";

/** A CRM field mapping: our key (docs/leads.md lists them all) → the CRM's field name. */
export type B2BAssessmentFieldMapping = { [ourKey: string]: string };

/** The lead form and where its leads go (docs/leads.md). */
export interface B2BAssessmentLeadConfig {
  gate?: B2BAssessmentGate;
  /** A JSON webhook (https: or relative); `/api/leads` by default. */
  endpoint?: string;
  hubspot?: { portalId: string; formId: string; fields?: B2BAssessmentFieldMapping };
  salesforce?: { oid: string; url?: string; fields?: B2BAssessmentFieldMapping };
  fields?: { [field in B2BAssessmentField]?: B2BAssessmentFieldRule };
  consentText?: B2BAssessmentText;
  privacyUrl?: string;
  /** Who receives the lead, named in the transmission notice. */
  recipient?: string;
  /** What the recipient uses the lead for: 1 to 5 texts. */
  purposes?: B2BAssessmentText[];
}

/** Theme values (CSS values, at most 200 bytes, no resource-loading functions). */
export interface B2BAssessmentTheme {
  accent?: string;
  "accent-text"?: string;
  background?: string;
  text?: string;
  muted?: string;
  border?: string;
  radius?: string;
  font?: string;
  "font-size"?: string;
}

/** The config object of `B2BAssessment.mount` (the same keys as the inline JSON config). */
export interface B2BAssessmentConfig {
  mode?: B2BAssessmentMode;
  lang?: B2BAssessmentLang;
  /** The quiz's call to action: the full report's page. */
  cta?: string | { url: string };
  theme?: B2BAssessmentTheme;
  /** Push events to `window.dataLayer` when it exists (default true). */
  dataLayer?: boolean;
  /** A custom content file's URL (https: or relative). */
  contentUrl?: string;
  /** A custom content document, or its URL. */
  content?: object | string;
  lead?: B2BAssessmentLeadConfig;
}

/** A mounted widget. */
export interface B2BAssessmentHandle {
  /** Unmounts the widget and frees its memory. */
  destroy(): void;
}

/** `window.B2BAssessment`. */
export interface B2BAssessmentApi {
  /** The loader's version (the package's). */
  readonly version: string;
  /** Mounts a widget on `element` (replacing one already there). */
  mount(element: Element, config?: B2BAssessmentConfig): Promise<B2BAssessmentHandle>;
  /** Mounts on every `[data-b2b-assessment]` element under `root` (the document by default). */
  mountAll(root?: ParentNode): void;
}

/** What every assessment event says. */
export interface B2BAssessmentBaseDetail {
  mode: B2BAssessmentMode;
  lang: B2BAssessmentLang;
}

/** `b2b-assessment:answer`: stable ids, e.g. `question: "mql_definition_agreed", answer: "yes"`. */
export interface B2BAssessmentAnswerDetail extends B2BAssessmentBaseDetail {
  question: string;
  answer: string | null;
  /** 1-based. */
  step: number;
  answered: number;
  total: number;
}

/** `b2b-assessment:complete`. */
export interface B2BAssessmentCompleteDetail extends B2BAssessmentBaseDetail {
  /** 0–100. */
  score: number;
  /** The level's id, e.g. `"foundations"`. */
  level: string | null;
  /** Score per category id, 0–100. */
  categories: { [categoryId: string]: number };
  answered: number;
  total: number;
}

/** `b2b-assessment:cta`: the complete detail and where the button leads. */
export interface B2BAssessmentCtaDetail extends B2BAssessmentCompleteDetail {
  url: string;
}

/**
 * `b2b-assessment:error`: a bad config or content (`message` names the field),
 * or, from the loader, `code: "crash"` / `code: "load"`.
 */
export interface B2BAssessmentErrorDetail {
  message: string;
  code?: "crash" | "load";
}

/** `b2b-assessment:lead-queued`: saved in the browser before the first send. */
export interface B2BAssessmentLeadQueuedDetail {
  id: string;
  /** False when storage was unavailable (the lead is then kept in memory). */
  persisted: boolean;
}

/** `b2b-assessment:lead-sent`. */
export interface B2BAssessmentLeadSentDetail {
  id: string;
  /** False when the destination's answer cannot be read (Salesforce Web-to-Lead). */
  confirmed: boolean;
  attempts: number;
}

/** `b2b-assessment:lead-failed`: refused for good; kept in storage. */
export interface B2BAssessmentLeadFailedDetail {
  id: string;
  reason: string;
  attempts: number;
}

/** Every event by name, with its `detail`. */
export interface B2BAssessmentEventMap {
  "b2b-assessment:start": CustomEvent<B2BAssessmentBaseDetail>;
  "b2b-assessment:answer": CustomEvent<B2BAssessmentAnswerDetail>;
  "b2b-assessment:complete": CustomEvent<B2BAssessmentCompleteDetail>;
  "b2b-assessment:cta": CustomEvent<B2BAssessmentCtaDetail>;
  "b2b-assessment:error": CustomEvent<B2BAssessmentErrorDetail>;
  "b2b-assessment:lead-queued": CustomEvent<B2BAssessmentLeadQueuedDetail>;
  "b2b-assessment:lead-sent": CustomEvent<B2BAssessmentLeadSentDetail>;
  "b2b-assessment:lead-failed": CustomEvent<B2BAssessmentLeadFailedDetail>;
}

/** The `<b2b-assessment>` element. */
export interface B2BAssessmentElement extends HTMLElement {}

declare global {
  interface Window {
    B2BAssessment: B2BAssessmentApi;
  }
  // The events bubble out of the host element (and the shadow root) to the document.
  interface HTMLElementEventMap extends B2BAssessmentEventMap {}
  interface DocumentEventMap extends B2BAssessmentEventMap {}
  interface WindowEventMap extends B2BAssessmentEventMap {}
  interface HTMLElementTagNameMap {
    "b2b-assessment": B2BAssessmentElement;
  }
}
