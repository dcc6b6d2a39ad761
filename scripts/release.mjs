// Assembles the release folder from a release build in pkg/ (scripts/release
// calls this; it then zips the folder and packs it for npm).
//   node scripts/release.mjs VERSION
// Writes dist/b2b-assessment-VERSION/: the loader, host CSS, the three builds
// with their .br/.gz, the typings, the standalone page and the demo pages
// (paths rewritten for the flat folder), content/default.json, LICENSE,
// INSTALL.md, CHANGELOG.md, package.json and SNIPPET.html with SRI hashes;
// prints the snippet.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const version = process.argv[2];
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? "")) {
  console.error(`release.mjs: expected a semver version, got ${JSON.stringify(version)}`);
  process.exit(2);
}
const name = `b2b-assessment-${version}`;
const out = join(root, "dist", name);
const pkg = join(root, "pkg");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "examples"), { recursive: true });
mkdirSync(join(out, "content"), { recursive: true });

// The built files, flat: the loader finds the builds next to itself.
const built = readdirSync(pkg).filter((f) => /\.(js|wasm|css)(\.br|\.gz)?$/.test(f));
for (const f of ["b2b-assessment.js", "b2b-assessment-view-quiz-ja.js", "b2b-assessment.css", "b2b_assessment_bg.wasm", "b2b_assessment_page_bg.wasm", "b2b_assessment_quiz_bg.wasm"]) {
  if (!built.includes(f)) {
    console.error(`release.mjs: pkg/${f} is missing (run a release scripts/build)`);
    process.exit(1);
  }
}
if (!readFileSync(join(pkg, "b2b-assessment.js"), "utf8").includes(`"${version}"`)) {
  console.error(`release.mjs: pkg/b2b-assessment.js does not carry version ${version} (stale build?)`);
  process.exit(1);
}
for (const f of built) cpSync(join(pkg, f), join(out, f));
cpSync(join(root, "js", "b2b-assessment.d.ts"), join(out, "b2b-assessment.d.ts"));
cpSync(join(root, "content", "default.json"), join(out, "content", "default.json"));
cpSync(join(root, "styles", "page.css"), join(out, "page.css"));
for (const f of ["LICENSE", "CHANGELOG.md"]) cpSync(join(root, f), join(out, f));

// Pages: the repository's paths become the folder's; the links to b2b-serve's
// /strict/ copies go (a plain static server has no such path).
const page = (html, up) =>
  html
    .replaceAll(`${up}pkg/`, up)
    .replaceAll('href="styles/page.css"', 'href="page.css"')
    .replace(/\s*<a href="(\.\.\/)?strict\/[^"]*">[^<]*<\/a>/g, "")
    .replace(/\s*<p class="note">((?:(?!<\/p>)[\s\S])*)<\/p>/g, (p, inner) => (inner.includes("/strict/") ? "" : p));
writeFileSync(join(out, "index.html"), page(readFileSync(join(root, "index.html"), "utf8"), ""));
for (const f of readdirSync(join(root, "examples"))) {
  const src = join(root, "examples", f);
  if (f.endsWith(".html")) writeFileSync(join(out, "examples", f), page(readFileSync(src, "utf8"), "../"));
  else cpSync(src, join(out, "examples", f));
}

// The Builder (builder/, issue 20): its page and wasm in builder/, reading the
// widget from the folder above; release.json gives it the hashes for its snippets.
mkdirSync(join(out, "builder"), { recursive: true });
cpSync(join(pkg, "builder"), join(out, "builder"), { recursive: true, filter: (f) => !f.endsWith(".d.ts") });
for (const f of ["index.html", "start.js"]) {
  writeFileSync(join(out, "builder", f), page(readFileSync(join(root, "builder", f), "utf8"), "../"));
}
cpSync(join(root, "builder", "builder.css"), join(out, "builder", "builder.css"));

// SRI: what the browser checks before it runs the loader or applies the CSS.
const sri = (f) => "sha384-" + createHash("sha384").update(readFileSync(join(out, f))).digest("base64");
const loaderSri = sri("b2b-assessment.js");
const cssSri = sri("b2b-assessment.css");
const tags = (base) =>
  `<link rel="stylesheet" href="${base}b2b-assessment.css" integrity="${cssSri}" crossorigin="anonymous">\n` +
  `<script type="module" src="${base}b2b-assessment.js" integrity="${loaderSri}" crossorigin="anonymous"></script>`;
const snippet = `<!-- b2b-assessment ${version}: paste the two tags into <head>, and the element where the widget goes. -->

<!-- A. Self-hosted: this folder's files copied to /b2b-assessment/ on your site. -->
${tags("/b2b-assessment/")}

<!-- B. From an npm CDN, pinned to this version (allow the CDN in your CSP: script-src, style-src
     and connect-src, with 'wasm-unsafe-eval'). jsDelivr; unpkg is https://unpkg.com/b2b-assessment@${version}/ -->
${tags(`https://cdn.jsdelivr.net/npm/b2b-assessment@${version}/`)}

<!-- Then, where the widget goes (mode: page, quiz or lead; lang: ja or en): -->
<b2b-assessment mode="page" lang="ja"></b2b-assessment>
`;
writeFileSync(join(out, "SNIPPET.html"), snippet);
writeFileSync(
  join(out, "release.json"),
  JSON.stringify({ version, integrity: { "b2b-assessment.js": loaderSri, "b2b-assessment.css": cssSri } }, null, 2) + "\n",
);

const install = readFileSync(join(root, "scripts", "release-INSTALL.md"), "utf8")
  .replaceAll("{{VERSION}}", version)
  .replaceAll("{{LOADER_SRI}}", loaderSri)
  .replaceAll("{{CSS_SRI}}", cssSri);
writeFileSync(join(out, "INSTALL.md"), install);

const manifest = {
  name: "b2b-assessment",
  version,
  description:
    "An embeddable self-assessment of a B2B marketing organisation (WebAssembly, Japanese and English): score, survey benchmarks, a report and lead capture, in a Shadow DOM under a strict CSP.",
  license: "MIT",
  type: "module",
  main: "./b2b-assessment.js",
  types: "./b2b-assessment.d.ts",
  exports: {
    ".": { types: "./b2b-assessment.d.ts", default: "./b2b-assessment.js" },
    "./b2b-assessment.css": "./b2b-assessment.css",
    "./content/default.json": "./content/default.json",
    "./package.json": "./package.json",
    "./*": "./*",
  },
  // The loader defines <b2b-assessment> and window.B2BAssessment when imported.
  sideEffects: ["./b2b-assessment.js", "./b2b-assessment.css"],
  files: [
    "b2b-assessment.js",
    "b2b-assessment-view-*.js",
    "b2b-assessment.css",
    "b2b-assessment.d.ts",
    "b2b_assessment*.js",
    "b2b_assessment*.wasm",
    "*.br",
    "*.gz",
    "content/",
    "SNIPPET.html",
    "INSTALL.md",
    "CHANGELOG.md",
  ],
  keywords: ["b2b", "marketing", "assessment", "quiz", "lead-generation", "webassembly", "web-component"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(manifest, null, 2) + "\n");

console.log(snippet);
