//! The release bundle as a site owner installs it (issue 19): the zip
//! unpacked into an empty folder and served by a plain static server
//! (Python's `http.server`: no b2b-serve, no precompressed files, no headers
//! of ours) runs all three modes; the npm tarball installed into an empty
//! project serves the same files from `node_modules/b2b-assessment/`, and a
//! page using the printed snippet with its SRI hashes works under the strict
//! CSP; a wrong hash makes the browser refuse the loader.
//!
//! `scripts/test e2e` runs `scripts/release` first; without `dist/` these
//! tests skip (they fail instead with `B2BA_E2E_REQUIRED`).

use crate::common::{browser, content, js, require_env, shadow_find};
use b2b_assessment::domain::{share, Answers, Step};
use fantoccini::{Client, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The strict policy of b2b-serve's `/strict/` pages, as a page's meta tag.
const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `Cargo.toml`'s version: the release's name.
fn version() -> String {
    let toml = std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml");
    toml.lines()
        .find_map(|l| l.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')))
        .expect("a version line")
        .to_string()
}

/// `dist/b2b-assessment-<version>` (the folder; `.zip` and `.tgz` beside it),
/// or `None` (the test skips) when `scripts/release` has not run.
fn dist() -> Option<PathBuf> {
    let d = repo().join("dist").join(format!("b2b-assessment-{}", version()));
    let beside = |ext: &str| d.with_file_name(format!("b2b-assessment-{}.{ext}", version()));
    if d.exists() && beside("zip").exists() && beside("tgz").exists() {
        return Some(d);
    }
    assert!(std::env::var_os("B2BA_E2E_REQUIRED").is_none(), "{} is missing (scripts/release)", d.display());
    eprintln!("skipped: no release bundle (scripts/release)");
    None
}

/// An empty folder under `test-artifacts/release/`.
fn fresh_dir(name: &str) -> PathBuf {
    let d = repo().join("test-artifacts/release").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("mkdir");
    d
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `python3 -m http.server` on `dir`, stopped when dropped.
struct StaticServer {
    child: Child,
    url: String,
}

/// A CDN as the widget meets it, for [`StaticServer::cdn`]: Python's
/// static server plus `Access-Control-Allow-Origin: *`, and `.wasm` served
/// as `application/octet-stream` (a host that does not know the type).
const CDN_PY: &str = r#"
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/octet-stream"}
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[2])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"#;

impl StaticServer {
    /// `python3 -m http.server`: no settings of ours.
    fn start(dir: &Path) -> StaticServer {
        Self::spawn(dir, |port, dir| {
            let mut cmd = Command::new("python3");
            cmd.args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string(), "--directory"]).arg(dir);
            cmd
        })
    }

    /// Another origin with CORS and a wrong `.wasm` type (see [`CDN_PY`]).
    fn cdn(dir: &Path) -> StaticServer {
        Self::spawn(dir, |port, dir| {
            let mut cmd = Command::new("python3");
            cmd.args(["-c", CDN_PY, &port.to_string()]).arg(dir);
            cmd
        })
    }

    fn spawn(dir: &Path, command: impl Fn(u16, &Path) -> Command) -> StaticServer {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
        let child =
            command(port, dir).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("python3 static server");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the static server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer { child, url: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The SRI hashes `scripts/release` printed into SNIPPET.html: (CSS, loader).
fn snippet_hashes(dist: &Path) -> (String, String) {
    let snippet = std::fs::read_to_string(dist.join("SNIPPET.html")).expect("SNIPPET.html");
    let hash = |file: &str| {
        let line = snippet.lines().find(|l| l.contains(&format!("/b2b-assessment/{file}\""))).expect("a snippet line");
        let at = line.find("integrity=\"").expect("integrity") + "integrity=\"".len();
        line[at..].split('"').next().expect("hash").to_string()
    };
    (hash("b2b-assessment.css"), hash("b2b-assessment.js"))
}

/// A complete set of answers as a share link's fragment (the lead gate opens at once).
fn link() -> String {
    let c = content();
    let mut a = Answers::new(&c);
    for i in 0..c.step_count() {
        a.set(&c, Step::at(&c, i).expect("step"), 0).expect("answer");
    }
    share::encode(&c, &a)
}

#[tokio::test]
async fn the_zip_on_a_plain_static_server_runs_all_three_modes() {
    let e = require_env!();
    let Some(dist) = dist() else { return };
    let name = dist.file_name().expect("name").to_string_lossy().to_string();
    let dir = fresh_dir("zip");
    let zip = dist.with_file_name(format!("{name}.zip"));
    run(Command::new("python3").args(["-m", "zipfile", "-e"]).arg(&zip).arg(&dir));
    let server = StaticServer::start(&dir);
    let c = browser(&e.webdriver).await;
    let base = format!("{}/{name}", server.url);
    c.goto(&format!("{base}/index.html")).await.expect("goto");
    shadow_find(&c, "b2b-assessment", ".b2ba-start").await.click().await.expect("start");
    shadow_find(&c, "b2b-assessment", ".b2ba-question").await;
    c.goto(&format!("{base}/examples/plain-quiz.html")).await.expect("goto");
    js(&c, "document.querySelector(arguments[0]).scrollIntoView(); return true", "b2b-assessment").await;
    shadow_find(&c, "b2b-assessment", ".b2ba-quiz .b2ba-cta").await;
    c.goto(&format!("{base}/examples/lead-form.html#b2ba={}", link())).await.expect("goto");
    shadow_find(&c, "#lead", ".b2ba-lead input[autocomplete=family-name]").await;
    let version = js(&c, "return window.B2BAssessment.version", "").await;
    assert_eq!(version, json!(self::version()), "the loader says the release's version");

    // The Builder runs from the folder too, and its snippets carry the release's hashes.
    c.goto(&format!("{base}/builder/index.html")).await.expect("goto");
    shadow_find(&c, "#preview", ".b2ba").await;
    c.find(Locator::Css("button.tab.export")).await.expect("export tab").click().await.expect("click");
    let (css, loader) = snippet_hashes(&dist);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let snippet =
            js(&c, "const t = document.querySelector('.snippet.page textarea'); return t ? t.value : ''", "").await;
        let snippet = snippet.as_str().unwrap_or_default();
        if snippet.contains(&loader) && snippet.contains(&css) {
            break;
        }
        assert!(Instant::now() < deadline, "the Builder's snippet lacks the release's hashes: {snippet}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.close().await.expect("close");
}

/// `csp-watch.js` in `dir`: records what the policy refuses in
/// `window.cspViolations` (a file: inline scripts are what the policy forbids).
fn csp_watcher(dir: &Path) {
    std::fs::write(
        dir.join("csp-watch.js"),
        "window.cspViolations = [];\ndocument.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI), true);\n",
    )
    .expect("write csp-watch.js");
}

/// A page of the npm project using the snippet (self-hosted form, the
/// package's folder as the path) under the strict CSP; `loader_hash` replaces
/// the printed hash when given.
fn npm_page(project: &Path, file: &str, css_hash: &str, loader_hash: &str) {
    let base = "node_modules/b2b-assessment/";
    csp_watcher(project);
    let html = format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{STRICT_CSP}\">\n<title>npm snippet</title>\n\
         <script src=\"csp-watch.js\"></script>\n\
         <link rel=\"stylesheet\" href=\"{base}b2b-assessment.css\" integrity=\"{css_hash}\" crossorigin=\"anonymous\">\n\
         <script type=\"module\" src=\"{base}b2b-assessment.js\" integrity=\"{loader_hash}\" crossorigin=\"anonymous\"></script>\n\
         </head><body>\n<b2b-assessment mode=\"page\" lang=\"ja\"></b2b-assessment>\n</body></html>\n"
    );
    std::fs::write(project.join(file), html).expect("write the page");
}

#[tokio::test]
async fn the_npm_package_serves_the_snippet_under_the_strict_csp_and_a_wrong_hash_is_refused() {
    let e = require_env!();
    let Some(dist) = dist() else { return };
    let name = dist.file_name().expect("name").to_string_lossy().to_string();
    let project = fresh_dir("npm-project");
    let tgz = dist.with_file_name(format!("{name}.tgz"));
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"])
        .arg(&tgz)
        .current_dir(&project));
    let installed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("node_modules/b2b-assessment/package.json")).expect("installed"),
    )
    .expect("package.json");
    assert_eq!(installed["version"], json!(version()));
    for f in [
        "b2b-assessment.js",
        "b2b-assessment.d.ts",
        "b2b_assessment_bg.wasm",
        "b2b_assessment_page_bg.wasm",
        "b2b_assessment_quiz_bg.wasm",
    ] {
        assert!(project.join("node_modules/b2b-assessment").join(f).exists(), "the package has {f}");
    }
    let (css_hash, loader_hash) = snippet_hashes(&dist);
    npm_page(&project, "page.html", &css_hash, &loader_hash);
    // One character of the hash changed: the same file no longer matches.
    let mut wrong = loader_hash.clone().into_bytes();
    let last = wrong.len() - 2;
    wrong[last] = if wrong[last] == b'A' { b'B' } else { b'A' };
    npm_page(&project, "wrong-hash.html", &css_hash, &String::from_utf8(wrong).expect("ascii"));
    let server = StaticServer::start(&project);
    let c = browser(&e.webdriver).await;

    c.goto(&format!("{}/page.html", server.url)).await.expect("goto");
    shadow_find(&c, "b2b-assessment", ".b2ba-start").await.click().await.expect("start");
    shadow_find(&c, "b2b-assessment", ".b2ba-question").await;
    let violations = js(&c, "return window.cspViolations", "").await;
    assert_eq!(violations, json!([]), "nothing the strict policy refuses");
    let reserved = js(&c, "return getComputedStyle(document.querySelector('b2b-assessment')).minHeight", "").await;
    assert_eq!(reserved, json!("380px"), "the host CSS (checked by its hash) applies");

    c.goto(&format!("{}/wrong-hash.html", server.url)).await.expect("goto");
    // The module never runs: wait (bounded) for the page to finish loading, then look.
    let deadline = Instant::now() + Duration::from_secs(10);
    while js(&c, "return document.readyState", "").await != json!("complete") {
        assert!(Instant::now() < deadline, "the page did not finish loading");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    settle_a_second(&c).await;
    let state = js(
        &c,
        "return [typeof window.B2BAssessment, !!document.querySelector('b2b-assessment').shadowRoot, customElements.get('b2b-assessment') === undefined]",
        "",
    )
    .await;
    assert_eq!(state, json!(["undefined", false, true]), "a loader that does not match its hash never runs");
    c.close().await.expect("close");
}

/// Lets anything the page might still start (a module that was not refused) run.
async fn settle_a_second(c: &Client) {
    c.execute_async("const done = arguments[arguments.length - 1]; setTimeout(done, 1000)", vec![])
        .await
        .expect("wait");
}

/// The snippet's CDN case: the loader on another origin (with CORS, as
/// jsDelivr and unpkg answer) finds its builds next to its own URL, under a
/// strict policy that allows that origin; and the `.wasm` there comes as
/// `application/octet-stream`, which the widget survives (docs/hosting.md).
#[tokio::test]
async fn from_another_origin_with_a_wrong_wasm_type_the_loader_finds_its_builds() {
    let e = require_env!();
    let Some(dist) = dist() else { return };
    let cdn = StaticServer::cdn(&dist);
    let site = fresh_dir("cdn-site");
    let (css_hash, loader_hash) = snippet_hashes(&dist);
    let origin = &cdn.url;
    csp_watcher(&site);
    let csp = format!(
        "default-src 'self'; script-src 'self' {origin} 'wasm-unsafe-eval'; style-src 'self' {origin}; connect-src 'self' {origin}"
    );
    std::fs::write(
        site.join("page.html"),
        format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<title>cdn</title>\n\
             <script src=\"csp-watch.js\"></script>\n\
             <link rel=\"stylesheet\" href=\"{origin}/b2b-assessment.css\" integrity=\"{css_hash}\" crossorigin=\"anonymous\">\n\
             <script type=\"module\" src=\"{origin}/b2b-assessment.js\" integrity=\"{loader_hash}\" crossorigin=\"anonymous\"></script>\n\
             </head><body>\n<b2b-assessment mode=\"page\" lang=\"en\"></b2b-assessment>\n</body></html>\n"
        ),
    )
    .expect("write the page");
    let server = StaticServer::start(&site);
    let c = browser(&e.webdriver).await;
    c.goto(&format!("{}/page.html", server.url)).await.expect("goto");
    shadow_find(&c, "b2b-assessment", ".b2ba-start").await.click().await.expect("start");
    shadow_find(&c, "b2b-assessment", ".b2ba-question").await;
    let wasm =
        js(&c, "return performance.getEntriesByType('resource').map(r => r.name).filter(n => n.endsWith('.wasm'))", "")
            .await;
    assert_eq!(
        wasm,
        json!([format!("{origin}/b2b_assessment_page_bg.wasm")]),
        "the page build, from the loader's origin"
    );
    assert_eq!(js(&c, "return window.cspViolations", "").await, json!([]), "nothing the policy refuses");
    c.close().await.expect("close");
}
