// b2b-assessment loader: defines <b2b-assessment>, mounts on
// [data-b2b-assessment] elements, and exposes window.B2BAssessment.mount().
// It loads the wasm once, on first need; a quiz waits until it nears the
// viewport. Shipped as pkg/b2b-assessment.js by scripts/build.

const VERSION = "0.1.0";
const TAG = "b2b-assessment";
const DATA_ATTR = "data-b2b-assessment";
const STATE = Symbol("b2b-assessment");
const BASE = new URL(".", import.meta.url);

let wasm;
function loadWasm() {
  wasm ??= import(new URL("b2b_assessment.js", BASE).href).then(async (m) => {
    await m.default({ module_or_path: new URL("b2b_assessment_bg.wasm", BASE) });
    return m;
  });
  return wasm;
}

// Attributes as a plain object; on a data-attribute host, `data-mode` → `mode`.
function readAttributes(el) {
  const out = {};
  const custom = el.localName === TAG;
  for (const { name, value } of el.attributes) {
    if (custom) {
      out[name] = value;
    } else if (name.startsWith("data-") && name !== DATA_ATTR) {
      out[name.slice(5)] = value;
    }
  }
  return out;
}

function inlineConfig(el) {
  for (const child of el.children) {
    if (child.localName === "script" && child.type === "application/json") return child.textContent;
  }
  return null;
}

// The JSON's value for `key`, if the text parses; errors are Rust's to report.
function peek(text, key) {
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" ? v[key] : undefined;
  } catch {
    return undefined;
  }
}

async function fetchText(url, field) {
  const u = new URL(url, document.baseURI);
  if (u.protocol !== "https:" && u.origin !== location.origin) {
    throw new Error(`${field}: only https: or same-origin URLs are allowed, found ${JSON.stringify(url)}`);
  }
  let res;
  try {
    res = await fetch(u, { credentials: "same-origin" });
  } catch (e) {
    throw new Error(`${field}: could not fetch ${u.href} (${e.message})`);
  }
  if (!res.ok) throw new Error(`${field}: HTTP ${res.status} for ${u.href}`);
  return res.text();
}

async function start(el, configText) {
  const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  root.replaceChildren(container);
  const attrs = readAttributes(el);
  let text = configText ?? inlineConfig(el);
  let content = null;
  let error = null;
  try {
    if (attrs["config-url"]) text = await fetchText(attrs["config-url"], "attribute config-url");
    const contentUrl = attrs["content-url"] ?? peek(text, "contentUrl") ??
      (typeof peek(text, "content") === "string" ? peek(text, "content") : undefined);
    if (typeof contentUrl === "string") content = await fetchText(contentUrl, "content-url");
  } catch (e) {
    error = e.message;
  }
  const m = await loadWasm();
  if (!el.isConnected && !configText) return null;
  return error
    ? m.mountError(el, container, error)
    : m.mountWidget(el, container, JSON.stringify(attrs), text ?? undefined, content ?? undefined);
}

function wantsLazy(el) {
  const mode = readAttributes(el).mode ?? peek(inlineConfig(el), "mode");
  return mode === "quiz" && "IntersectionObserver" in window;
}

function schedule(el, configText) {
  if (el[STATE]) return el[STATE].ready;
  const state = {};
  el[STATE] = state;
  const go = () => {
    state.ready ??= start(el, configText).then(
      (handle) => (state.handle = handle),
      (e) => console.error("b2b-assessment: could not start:", e),
    );
    return state.ready;
  };
  if (configText === undefined && wantsLazy(el)) {
    state.ready = new Promise((resolve) => {
      state.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          state.observer.disconnect();
          state.ready = undefined;
          go().then(resolve);
        }
      }, { rootMargin: "600px 0px" });
      state.observer.observe(el);
    });
    return state.ready;
  }
  return go();
}

function destroy(el) {
  const state = el[STATE];
  if (!state) return;
  state.observer?.disconnect();
  Promise.resolve(state.ready).then(() => {
    state.handle?.destroy();
    state.handle = undefined;
    el.shadowRoot?.replaceChildren();
  });
  delete el[STATE];
}

class B2BAssessmentElement extends HTMLElement {
  connectedCallback() {
    schedule(this);
  }
  disconnectedCallback() {
    // A move within the page reconnects at once; only a real removal unmounts.
    queueMicrotask(() => {
      if (!this.isConnected) destroy(this);
    });
  }
}

/** Mounts on `element` with a config object; resolves to `{ destroy() }`. */
async function mount(element, config = {}) {
  if (!(element instanceof Element)) throw new TypeError("B2BAssessment.mount: element must be a DOM Element");
  destroy(element);
  await schedule(element, JSON.stringify(config));
  return { destroy: () => destroy(element) };
}

function mountAll(root = document) {
  for (const el of root.querySelectorAll(`[${DATA_ATTR}]`)) schedule(el);
}

if (!customElements.get(TAG)) customElements.define(TAG, B2BAssessmentElement);
if (!window.B2BAssessment) {
  Object.defineProperty(window, "B2BAssessment", {
    value: Object.freeze({ version: VERSION, mount, mountAll }),
  });
}
mountAll();
