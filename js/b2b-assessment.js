// b2b-assessment loader: defines <b2b-assessment>, mounts on
// [data-b2b-assessment] elements, and exposes window.B2BAssessment.mount().
// It loads a wasm bundle once, on first need; a quiz waits until it nears the
// viewport. Shipped as pkg/b2b-assessment.js by scripts/build, joined with
// the first-view module it imports (one file, one request: see below).

// The stylesheets every build shares and the code that shows a widget's
// prerendered first view (js/b2b-assessment-first.js). Two sources to read;
// scripts/build joins them into the one shipped file (this import goes), so
// a page makes one request for both and gzip sees them together (−0.4 KB).
import { config, css, localeOf, viewFor, viewFile, show, replayOf } from "./b2b-assessment-first.js";

// Cargo.toml's version, written here by scripts/build (the one place it is set).
const VERSION = "0.0.0-source";
// Host-facing names. The wasm side's (event prefix, storage keys, Web Lock,
// console prefix) are in src/web/names.rs; this file cannot import them, so
// keep the two in step (both say "b2b-assessment").
const TAG = "b2b-assessment";
const DATA_ATTR = "data-b2b-assessment";
const STATE = Symbol("b2b-assessment");
const BASE = new URL(".", import.meta.url);

// Three builds of the widget: the full one; the standalone page's, without
// the lead form; and the article quiz's, without the question flow and the
// report either. Each is loaded once, on first need.
const FULL = "b2b_assessment";
const PAGE = "b2b_assessment_page";
const QUIZ = "b2b_assessment_quiz";
const bundles = {};
// Each prerendered view is a small module of its own
// (b2b-assessment-view-{quiz,page}-{ja,en}.js): imported for each widget at
// once (a quiz: when it comes within 1,500 px of the viewport), before any wasm.
// A quiz's view is fetched when it comes within this many px of the
// viewport, its wasm within WASM_MARGIN (or at the first input on its view).
const VIEW_MARGIN = 1500;
const WASM_MARGIN = 600;
// Set once a wasm has trapped (a panic, out of memory): its state is then
// undefined, so no instance may call into it again.
let crashed = null;
const mounted = new Set();

const TEXT = {
  crash: {
    ja: "診断の表示中に問題が起きました。ページを再読み込みすると、この端末に保存された回答から続けられます。",
    en: "Something went wrong in the assessment. Reload the page to continue; answers saved in this browser are kept.",
  },
  load: {
    ja: "診断を読み込めませんでした。接続を確認して、ページを再読み込みしてください。",
    en: "The assessment could not be loaded. Check your connection and reload the page.",
  },
};

function lang(el) {
  const l = (el.shadowRoot?.querySelector("[lang]")?.lang ?? el.getAttribute("lang") ?? el.getAttribute("data-lang") ?? document.documentElement.lang ?? "").toLowerCase();
  return l.startsWith("en") ? "en" : "ja";
}

// Replaces the widget with a plain message (`code`: "crash" or "load"); no wasm involved.
function showMessage(el, code) {
  const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
  const l = lang(el);
  const box = document.createElement("p");
  box.setAttribute("role", "alert");
  box.lang = l;
  // CSSOM, not a style attribute: a strict CSP allows only the former. `all`
  // drops what the host page's text styles pass down (letter-spacing,
  // text-align, text-shadow, …) but leaves `direction`, set here; in Chromium
  // it also drops the locale `lang` sets for the choice of glyphs, set again
  // here (-webkit-locale; a browser without it ignores it). The full width as
  // the wrapper's in start(). Same look on every page: tests/browser/e2e.rs.
  box.style.cssText = ("all:initial;display:block;box-sizing:border-box;width:100%;direction:ltr;" +
    `-webkit-locale:"${l}";margin:0;padding:16px;border:1px solid #b42318;border-radius:8px;` +
    "background:#fff;color:#1d2430;font:16px/1.5 system-ui,sans-serif");
  box.textContent = TEXT[code][l];
  root.replaceChildren(box);
  el.dispatchEvent(new CustomEvent(`${TAG}:error`, {
    bubbles: true, composed: true,
    detail: { code, message: code === "crash" ? "internal error" : "could not load the widget" },
  }));
}

// A trap of our module: its stack runs through our wasm or its JS glue.
// (No WebAssembly at all, as in Safari's Lockdown Mode: never ours.)
function ours(err) {
  return typeof WebAssembly === "object" && err instanceof WebAssembly.RuntimeError &&
    /b2b_assessment(_quiz|_page)?(_bg\.wasm|\.js)/.test(String(err.stack));
}

function crash(err) {
  if (crashed) return;
  crashed = err;
  console.error("b2b-assessment: the widget stopped after an internal error; please report it.", err);
  for (const el of mounted) showMessage(el, "crash");
}

// A trap surfaces as an uncaught error (event listeners, timers) or an
// unhandled rejection (futures); other scripts on the page keep running.
addEventListener("error", (e) => ours(e.error) && crash(e.error));
addEventListener("unhandledrejection", (e) => ours(e.reason) && crash(e.reason));

// User Timing entries (DevTools' performance panel, scripts/bench).
function measure(what, start) {
  try { performance.measure(`${TAG}: ${what}`, { start }); } catch { /* old browser */ }
}

function loadWasm(name) {
  const t0 = performance.now();
  bundles[name] ??= import(new URL(`${name}.js`, BASE).href).then(async (m) => {
    await m.default({ module_or_path: new URL(`${name}_bg.wasm`, BASE) });
    measure("load", t0);
    return m;
  });
  return bundles[name];
}

// Without a lead gate, the quiz build for a quiz and the page build for a
// page (the default mode), as far as the attributes and the JSON say; the
// full one otherwise. Only the full build reads a lead section, and the quiz
// build reads only the compiled-in content: a quiz with custom content gets
// the page build. Only a guess to save bytes: a smaller build refuses
// anything it cannot show (needsFull), and the loader then takes the full one.
function bundleFor(attrs, text, content) {
  const lead = peek(text, "lead");
  const gate = attrs["lead-gate"] ?? (lead && typeof lead === "object" ? lead.gate : undefined);
  if (gate !== undefined && !(typeof gate === "string" && gate.trim() === "none")) return FULL;
  if (lead !== undefined) return FULL;
  const m = modeOf(attrs, text);
  if (m === "quiz") return content === null && quizAttributes(text) ? QUIZ : PAGE;
  return m === "page" ? PAGE : FULL;
}

// A JSON config as the attributes it stands for, when it has only what the
// quiz build reads (it reads attributes only: its wasm has no JSON parser):
// mode, lang, cta, theme and dataLayer, of the right types. Else null: the
// page build reads it, and names a bad field as the config's.
function quizAttributes(text) {
  const cfg = config(text);
  if (!cfg) return null;
  const plain = (v) => v && typeof v === "object" && !Array.isArray(v);
  const out = {};
  for (const [k, v] of Object.entries(cfg)) {
    if ((k === "mode" || k === "lang") && typeof v === "string") out[k] = v;
    else if (k === "cta" && typeof v === "string") out["cta-url"] = v;
    else if (k === "cta" && plain(v) && Object.keys(v).join() === "url" && typeof v.url === "string") out["cta-url"] = v.url;
    else if (k === "theme" && plain(v) && Object.values(v).every((x) => typeof x === "string")) {
      for (const [t, x] of Object.entries(v)) out[`theme-${t}`] = x;
    } else if ((k === "dataLayer" || k === "data_layer") && typeof v === "boolean") out["data-layer"] = String(v);
    else return null;
  }
  return out;
}

// Attributes for the wasm: name, value, … joined by NUL, a backslash or a
// NUL inside written \\ or \0 (web::mount::string_map).
function pairs(attrs) {
  return Object.entries(attrs).flat().map((s) => s.replaceAll("\\", "\\\\").replaceAll("\0", "\\0")).join("\0");
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

// The JSON's value for `key`, if the text is a JSON object; errors are Rust's to report.
function peek(text, key) {
  return config(text)?.[key];
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

// A module next to the loader, imported once per page.
const modules = {};
function load(file) {
  modules[file] ??= import(new URL(file, BASE).href);
  return modules[file];
}

// The shared stylesheets in a shadow root: [base, overrides], or for a quiz
// [base and the quiz card's rules (`quiz`, from its view module), overrides];
// each build's own goes between them (web::mount). Each sheet is made once
// per page; a browser without constructable stylesheets gets none, as the
// wasm's own.
const sheets = {};
function sheet(name, text) {
  if (!(name in sheets)) {
    try {
      sheets[name] = new CSSStyleSheet();
      sheets[name].replaceSync(text);
    } catch {
      sheets[name] = null;
    }
  }
  return sheets[name];
}
function adoptShared(root, quiz) {
  const first = quiz === undefined ? sheet("base", css[0]) : sheet("quiz", css[0] + quiz);
  root.adoptedStyleSheets = [first, sheet("overrides", css[1])].filter(Boolean);
}

// The quiz card's rules, exported by its view modules (only a quiz
// downloads them): from the one in the widget's language, which is also the
// one its view came from, if any.
function quizCss(attrs, text) {
  const tag = attrs.lang ?? peek(text, "lang") ?? document.documentElement.lang;
  return load(viewFile("quiz", localeOf(tag) ?? "ja")).then((m) => m.css);
}

// The mode as the wasm reads it (config::Mode: attributes win, trimmed;
// "" for a value that is not a string, which the wasm then refuses).
function modeOf(attrs, text) {
  const mode = attrs.mode ?? peek(text, "mode") ?? "page";
  return typeof mode === "string" ? mode.trim() : "";
}

// Shows the widget's box at once: the shadow root and, when the wasm's first
// render will be exactly it (the first-view module decides), the prerendered
// first view, well before the wasm. The module keeps what the visitor does on
// it (state.first) and the wasm replays it (start).
function paint(el, state, configText) {
  const root = el.shadowRoot ?? el.attachShadow({ mode: "open" });
  const container = document.createElement("div");
  // Reset like the widget's own root (.b2ba, styles/base.css), so nothing the
  // host's text styles pass down can reach in through this wrapper either.
  // `all` leaves the --b2ba-* theme (custom properties) to pass, and
  // `direction`, set here; the font family passes on purpose: the widget takes
  // the page's font. The full width also in a host with vertical text, where
  // this horizontal box would otherwise shrink to fit its content.
  container.style.cssText = "all:initial;display:block;width:100%;direction:ltr;font-family:inherit";
  root.replaceChildren(container);
  adoptShared(root);
  state.container = container;
  const attrs = readAttributes(el);
  const text = configText ?? inlineConfig(el);
  const reveal = () => {
    // Only a view the wasm's first render will equal (viewFor decides), and
    // only its own module.
    const v = viewFor(attrs, text);
    if (!v) return;
    load(viewFile(v.mode, v.lang)).then((html) => {
      if (el[STATE] !== state || state.rendered || container.firstChild) return;
      if (v.mode === "quiz") adoptShared(root, html.css);
      state.first = show(el, container, v, html.default, load, () => state.kick?.());
    }, () => { /* no view then: the wasm renders the widget as before */ });
  };
  if (!wantsLazy(el) || configText !== undefined || near(el, VIEW_MARGIN)) return reveal();
  // A quiz far down an article: its view when it comes within 1,500 px.
  state.near = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    state.near.disconnect();
    reveal();
  }, { rootMargin: `${VIEW_MARGIN}px 0px` });
  state.near.observe(el);
}

async function start(el, state, configText) {
  const root = el.shadowRoot;
  const container = state.container;
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
  const bundle = bundleFor(attrs, text, content);
  const wasm = loadWasm(bundle);
  // A quiz's card needs its own rules, whichever build renders it; a module
  // that cannot load is reported like a wasm that cannot.
  const quiz = !error && modeOf(attrs, text) === "quiz" ? await quizCss(attrs, text) : undefined;
  adoptShared(root, quiz);
  let m = await wasm;
  // Compiling the wasm, reading the settings and the first render are three
  // tasks, not one long one: the host page stays responsive in between.
  await nextTask();
  if (!el.isConnected && !configText) return null;
  mounted.add(el);
  if (crashed) {
    showMessage(el, "crash");
    return null;
  }
  let handle = null;
  try {
    const t0 = performance.now();
    // The quiz build reads a JSON config as the attributes it stands for
    // (attributes win, as in the config's own rules).
    const given = bundle === QUIZ ? { ...quizAttributes(text), ...attrs } : attrs;
    const prepare = (a) => error
      ? m.mountError(el, container, error)
      : m.prepareWidget(el, container, pairs(a), text ?? undefined, content ?? undefined);
    try {
      handle = prepare(given);
    } finally {
      measure("mount", t0);
    }
    if (handle.needsFull) {
      // A smaller build cannot show this widget (another mode, a lead gate, a
      // lead left to send): the full one can.
      handle.free();
      const wasm = loadWasm(FULL);
      adoptShared(root, quiz);
      m = await wasm;
      await nextTask();
      if (crashed) return null;
      handle = prepare(attrs);
    }
    await nextTask();
    if (crashed) return null; // another widget's crash ended this wasm instance
    if (!el.isConnected && !configText) {
      mounted.delete(el);
      handle.destroy();
      return null;
    }
    const replay = state.first && replayOf(state.first, root);
    if (replay) handle.replay(replay.inputs);
    const t1 = performance.now();
    try {
      // In place of the prerendered view, in this task: no frame between.
      handle.render();
    } finally {
      measure("render", t1);
    }
    state.rendered = true;
    state.first = null;
    if (replay?.focus >= 0 || replay?.cta) {
      // Yew renders in a microtask: its DOM is there in the next task.
      await nextTask();
      if (replay.focus >= 0) container.querySelectorAll("button, select, input, a[href]")[replay.focus]?.focus();
    }
    delete container.dataset.prerendered;
    // The call to action clicked before the wasm: followed now, with the
    // answers in its address (and the widget's `cta` event).
    if (replay?.cta) container.querySelector(".b2ba-cta")?.click();
    return handle;
  } catch (e) {
    if (!ours(e)) throw e;
    crash(e);
    return null;
  }
}

// A new task: scheduler.yield() where there is one (it resumes before other
// queued work), else a zero timeout.
function nextTask() {
  return globalThis.scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0));
}

// Whether `el` is within `margin` px of the viewport now. Asked when the
// loader runs: the layout it needs is one the page's first frame does anyway,
// and a quiz already near gets its view at once, not after an observer's
// first report (a frame later, after the host page's first paint).
function near(el, margin) {
  const r = el.getBoundingClientRect();
  return (r.width > 0 || r.height > 0) && r.top < innerHeight + margin && r.bottom > -margin;
}

function wantsLazy(el) {
  return modeOf(readAttributes(el), inlineConfig(el)) === "quiz" && "IntersectionObserver" in window;
}

function schedule(el, configText) {
  if (el[STATE]) return el[STATE].ready;
  const state = {};
  el[STATE] = state;
  paint(el, state, configText);
  const go = () => {
    state.ready ??= start(el, state, configText).then(
      (handle) => (state.handle = handle),
      (e) => {
        // The wasm or its glue did not arrive (network, a wrong path, a CSP
        // without 'wasm-unsafe-eval'): say so in the widget, not only the console.
        console.error("b2b-assessment: could not start:", e);
        if (el.isConnected && !crashed) showMessage(el, "load");
      },
    );
    return state.ready;
  };
  if (configText === undefined && wantsLazy(el)) {
    // A quiz fetches its wasm when it nears the viewport, or at the
    // visitor's first input on its prerendered card, whichever comes first.
    state.ready = new Promise((resolve) => {
      state.kick = () => {
        state.kick = undefined;
        if (el[STATE] !== state) return; // destroyed meanwhile
        state.observer.disconnect();
        state.ready = undefined;
        go().then(resolve);
      };
      state.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) state.kick?.();
      }, { rootMargin: `${WASM_MARGIN}px 0px` });
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
  state.near?.disconnect();
  mounted.delete(el);
  Promise.resolve(state.ready).then(() => {
    if (!crashed) state.handle?.destroy();
    state.handle = undefined;
    // A mount that followed (B2BAssessment.mount again, before this one had
    // loaded) has put its own container in the shadow root: leave it.
    if (!el[STATE]) el.shadowRoot?.replaceChildren();
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
