// b2b-assessment first views: what the loader (b2b-assessment.js) imports at
// once for a page or lead widget, before any wasm: the stylesheets the page
// and full builds share, and the intro prerendered from the default content
// by the widget's own components. It shows that intro when the wasm's first
// render will be exactly it, keeps what the visitor does on it (Start, the
// language switch) and hands that over for the wasm to replay. Never loaded
// for a quiz card, whose build carries its own styles.
// Shipped as pkg/b2b-assessment-first.js; scripts/build's prerender step
// (prerender/src/main.rs) fills in the four constants below.

// [styles/base.css, styles/overrides.css], squeezed.
export const css = [];
// { page: { ja, en } }: the intro's HTML (the lead mode's is the same but for its data-mode).
const views = {};
// From the Rust side, so the two cannot drift: the theme keys a config may
// set (config::THEME_KEYS) and the stored progress's key prefix.
const THEME_KEYS = [];
const PROGRESS_KEY = "";

// "ja" or "en" for a language tag (domain::Locale::from_tag), else null.
function localeOf(tag) {
  const l = String(tag ?? "").trim().split(/[-_]/)[0].toLowerCase();
  return l === "ja" || l === "en" ? l : null;
}

// Theme values set here before the wasm (which checks them and sets the
// same): only plain ones; anything else waits for the wasm's checks.
const PLAIN_CSS_VALUE = /^[\w\s#.,%"'-]{1,200}$/;

// The view for a host, when the wasm's first render will be exactly it: a
// page or lead widget with the default content, no stored progress or share
// link, its language known here, a theme of plain values. Else null.
function viewFor(attrs, text) {
  if (attrs["config-url"] !== undefined || attrs["content-url"] !== undefined) return null;
  let cfg = {};
  if (text != null) {
    try {
      cfg = JSON.parse(text);
    } catch {
      return null;
    }
    if (!cfg || typeof cfg !== "object" || Array.isArray(cfg)) return null;
  }
  if (cfg.content !== undefined || cfg.contentUrl !== undefined) return null;
  const mode = String(attrs.mode ?? cfg.mode ?? "page").trim();
  if (mode !== "page" && mode !== "lead") return null;
  if (/(^#|&)b2ba=/.test(location.hash)) return null;
  try {
    if (localStorage.getItem(PROGRESS_KEY + mode) !== null) return null;
  } catch { /* no storage: no stored progress either */ }
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
  return { mode, lang, theme };
}

function html(mode, lang) {
  const page = views.page[lang];
  return mode === "lead" ? page.replace('data-mode="page"', 'data-mode="lead"') : page;
}

/**
 * Shows the prerendered view in `container` (empty, in `host`'s shadow root,
 * the shared sheets adopted) when there is one for this host. Returns what
 * the loader gives back to `replayOf` once the wasm is ready, or null.
 */
export function show(host, container, attrs, text) {
  const view = viewFor(attrs, text);
  if (!view) return null;
  for (const [k, v] of view.theme) host.style.setProperty(`--b2ba-${k}`, v.trim());
  const first = { container, lang: view.lang, initial: view.lang, started: false };
  // Our own markup from the build (no host data in it).
  container.innerHTML = html(view.mode, first.lang);
  // Until the wasm has rendered in its place (tests wait for it to go).
  container.dataset.prerendered = "";
  container.addEventListener("click", (e) => {
    if (first.started || first.done) return;
    if (e.target.closest?.(".b2ba-lang")) {
      // The other language's view at once; the wasm starts in it too.
      first.lang = first.lang === "ja" ? "en" : "ja";
      container.innerHTML = html(view.mode, first.lang);
      container.querySelector(".b2ba-lang")?.focus();
    }
    const start = e.target.closest?.(".b2ba-start");
    if (start) {
      // Live, not dead: the click is kept, and the button shows it is on its way.
      first.started = true;
      start.setAttribute("aria-busy", "true");
    }
  });
  return first;
}

/**
 * What the visitor did on the view, for the wasm's MountHandle.replay (the
 * language they switched to, Start, as JSON), and which button had focus, to
 * give it back after the render (-1: none, or Start was pressed).
 */
export function replayOf(first, root) {
  first.done = true;
  const inputs = [];
  if (first.lang !== first.initial) inputs.push(["lang", first.lang]);
  if (first.started) inputs.push(["start"]);
  const buttons = [...first.container.querySelectorAll("button")];
  return { inputs: JSON.stringify(inputs), focus: first.started ? -1 : buttons.indexOf(root.activeElement) };
}
