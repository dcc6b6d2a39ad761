// b2b-assessment first views: what the loader (b2b-assessment.js) imports for
// every widget before any wasm (scripts/build joins the two into the one
// shipped pkg/b2b-assessment.js). It carries the stylesheets every build shares
// and shows a widget's first screen, prerendered at build time from the
// default content by the widget's own components (one small module per mode
// and language, b2b-assessment-view-*.js), when the wasm's first render will
// be exactly that screen. What the visitor does on it (Start, the language
// switch, the quiz card's selects and switches, its call to action) is kept
// and handed over for the wasm to replay.
// scripts/build's prerender step (prerender/src/main.rs) fills in the three
// constants below before the join.

// [styles/base.css, styles/overrides.css], squeezed.
export const css = [];
// From the Rust side, so the two cannot drift: the theme keys a config may
// set (config::THEME_KEYS) and the stored progress's key prefix.
const THEME_KEYS = [];
const PROGRESS_KEY = "";

// "ja" or "en" for a language tag (domain::Locale::from_tag), else null.
export function localeOf(tag) {
  const l = String(tag ?? "").trim().split(/[-_]/)[0].toLowerCase();
  return l === "ja" || l === "en" ? l : null;
}

// Theme values set here before the wasm (which checks them and sets the
// same): only plain ones; anything else waits for the wasm's checks.
const PLAIN_CSS_VALUE = /^[\w\s#.,%"'-]{1,200}$/;
// A call to action's address shown before the wasm has checked it: only an
// https: or a plainly relative one (domain::url::check allows no more).
const PLAIN_URL = /^(https:\/\/[^\s\\]+|\/(?![/\\])[^\s\\]*|\.{1,2}\/[^\s\\]*|[\w-][\w.~%/-]*(\?[^\s\\]*)?)$/;

/**
 * A JSON config's text as an object: {} for none, null when it is not a JSON
 * object (the wasm then names what is wrong with it).
 */
export function config(text) {
  if (text == null || text.trim() === "") return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The view for a host (its attributes and JSON config text), when the wasm's
 * first render will be exactly it: the default content, no stored progress
 * or share link (page and lead), the language known here, plain theme values
 * and call to action. Else null: the widget appears when its wasm renders.
 */
export function viewFor(attrs, text) {
  if (attrs["config-url"] !== undefined || attrs["content-url"] !== undefined) return null;
  const cfg = config(text);
  if (!cfg) return null;
  if (cfg.content !== undefined || cfg.contentUrl !== undefined || cfg.content_url !== undefined) return null;
  const mode = String(attrs.mode ?? cfg.mode ?? "page").trim();
  if (mode !== "page" && mode !== "lead" && mode !== "quiz") return null;
  if (mode !== "quiz") {
    if (/(^#|&)b2ba=/.test(location.hash)) return null;
    try {
      if (localStorage.getItem(PROGRESS_KEY + mode) !== null) return null;
    } catch { /* no storage: no stored progress either */ }
  }
  const asked = attrs.lang ?? cfg.lang;
  const lang = asked === undefined ? localeOf(document.documentElement.getAttribute("lang")) ?? "ja" : localeOf(asked);
  if (!lang) return null;
  const theme = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("theme-")) theme.push([k.slice(6), v]);
  }
  if (cfg.theme !== undefined) {
    if (!cfg.theme || typeof cfg.theme !== "object") return null;
    for (const [k, v] of Object.entries(cfg.theme)) {
      if (attrs[`theme-${k}`] === undefined) theme.push([k, v]);
    }
  }
  if (!theme.every(([k, v]) => THEME_KEYS.includes(k) && typeof v === "string" && PLAIN_CSS_VALUE.test(v))) return null;
  const cta = attrs["cta-url"] ?? (typeof cfg.cta === "string" ? cfg.cta : cfg.cta?.url);
  if (mode === "quiz" && cta !== undefined && !(typeof cta === "string" && PLAIN_URL.test(cta.trim()))) return null;
  return { mode, lang, theme, cta: mode === "quiz" ? cta?.trim() : undefined };
}

/** The view module's file name for a mode and language. */
export function viewFile(mode, lang) {
  return `b2b-assessment-view-${mode === "quiz" ? "quiz" : "page"}-${lang}.js`;
}

// Writes a view into `container`: the lead mode's intro is the page's with
// its mode; the quiz card's call to action gets the site's address (with the
// fragment the widget gives it before any answer) or goes.
function write(container, view, html) {
  container.innerHTML = view.mode === "lead" ? html.replace('data-mode="page"', 'data-mode="lead"') : html;
  const link = container.querySelector(".b2ba-cta");
  if (!link) return;
  if (view.cta === undefined) {
    link.remove();
  } else {
    const href = link.getAttribute("href") ?? "";
    link.setAttribute("href", view.cta.split("#")[0] + href.slice(href.indexOf("#")));
  }
}

// The quiz card's answers as the visitor set them: selects, then switches.
function controls(container) {
  return [...container.querySelectorAll("select[id], input[role=switch][id]")];
}

/**
 * Shows `view` (from viewFor; `html` from its view module) in `container`,
 * empty in `host`'s shadow root with the shared sheets adopted, and keeps
 * what the visitor does on it. `load(file)` imports another view module (the
 * language switch); `onInput()` is called at each input (a lazy quiz's wasm
 * fetch starts at the first). Returns what `replayOf` reads.
 */
export function show(host, container, view, html, load, onInput) {
  for (const [k, v] of view.theme) host.style.setProperty(`--b2ba-${k}`, v.trim());
  const first = { container, lang: view.lang, initial: view.lang, started: false, cta: false, done: false };
  // Our own markup from the build (no host data in it but the checked address).
  write(container, view, html);
  // Until the wasm has rendered in its place (tests wait for it to go).
  container.dataset.prerendered = "";
  for (const type of ["pointerdown", "focusin", "keydown", "change"]) {
    container.addEventListener(type, () => first.done || onInput());
  }
  container.addEventListener("click", (e) => {
    if (first.done) return;
    onInput();
    if (first.started) return;
    if (e.target.closest?.(".b2ba-lang")) {
      // The other language's view, as soon as its module is there; the
      // quiz card's answers so far go with it, and the wasm starts in it.
      const lang = first.lang === "ja" ? "en" : "ja";
      first.lang = lang;
      load(viewFile(view.mode, lang)).then((m) => {
        if (first.done || first.lang !== lang) return;
        const kept = controls(container).map((c) => [c.id, c.value, c.checked]);
        write(container, { ...view, lang }, m.default);
        for (const [id, value, checked] of kept) {
          const c = container.querySelector(`[id="${id}"]`);
          if (c?.localName === "select") c.value = value;
          else if (c) c.checked = checked;
        }
        container.querySelector(".b2ba-lang")?.focus();
      }, () => { /* the wasm renders the language anyway */ });
    }
    const start = e.target.closest?.(".b2ba-start");
    if (start) {
      // Live, not dead: the click is kept, and the button shows it is on its way.
      first.started = true;
      start.setAttribute("aria-busy", "true");
    }
    const cta = e.target.closest?.(".b2ba-cta");
    if (cta) {
      // The address carries the answers, which only the wasm can write: the
      // click is kept and followed once it is there.
      e.preventDefault();
      first.cta = true;
      cta.setAttribute("aria-busy", "true");
    }
  });
  return first;
}

/**
 * What the visitor did on the view, for the wasm's MountHandle.replay
 * (state::replayed's record: the language switched to, the quiz card's
 * selects and switches as they stand, Start), which control had focus (its index among the view's
 * controls, -1 for none or after Start), and whether the call to action was
 * followed. After this, the view's listeners do nothing.
 */
export function replayOf(first, root) {
  first.done = true;
  const inputs = [];
  if (first.lang !== first.initial) inputs.push(`lang:${first.lang}`);
  for (const c of controls(first.container)) {
    const n = /-[ps](\d+)$/.exec(c.id);
    if (!n) continue;
    if (c.localName === "select" && c.value !== "") inputs.push(`profile:${n[1]}:${c.value}`);
    if (c.localName === "input" && c.checked) inputs.push(`switch:${n[1]}:1`);
  }
  if (first.started) inputs.push("start");
  const focusable = [...first.container.querySelectorAll("button, select, input, a[href]")];
  return {
    inputs: inputs.join(";"),
    focus: first.started ? -1 : focusable.indexOf(root.activeElement),
    cta: first.cta,
  };
}
