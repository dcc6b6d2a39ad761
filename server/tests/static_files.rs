//! Starts the router on a free port and talks raw HTTP/1.1 to it.

mod common;

use std::path::PathBuf;

use b2b_assessment_server::{app, bind, is_forbidden, Options, STRICT_CSP};
use common::{parse_reply, raw_strict, request_bytes, spawn_serve, temp_dir, Reply};

async fn get(addr: std::net::SocketAddr, raw_path: &str) -> Reply {
    get_with(addr, raw_path, &[]).await
}

/// `GET raw_path` with `headers`; the server must answer and close cleanly.
async fn get_with(addr: std::net::SocketAddr, raw_path: &str, headers: &[(&str, &str)]) -> Reply {
    parse_reply(&raw_strict(addr, &request_bytes(addr, "GET", raw_path, headers, b"")).await)
}

/// A fresh temp root with a few files, plus a secret outside it.
fn fixture(name: &str) -> PathBuf {
    let base = temp_dir("serve", name);
    let root = base.join("root");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::create_dir_all(root.join("examples")).unwrap();
    std::fs::write(base.join("secret.txt"), "TOP-SECRET").unwrap();
    std::fs::write(root.join("index.html"), "<!doctype html><p>hi</p>").unwrap();
    std::fs::write(root.join("examples/index.html"), "<p>examples</p>").unwrap();
    std::fs::write(root.join("pkg/x_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(root.join("pkg/x.js"), "export {};").unwrap();
    std::fs::write(root.join("style.css"), "p{}").unwrap();
    std::fs::write(root.join("examples/blog-article.html"), "<p>article</p>").unwrap();
    // Things that must never be served.
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/config"), "GIT-SECRET").unwrap();
    std::fs::create_dir_all(root.join(".tools/bin")).unwrap();
    std::fs::write(root.join(".tools/bin/tool"), "TOOL-SECRET").unwrap();
    std::fs::create_dir_all(root.join(".ci")).unwrap();
    std::fs::write(root.join(".ci/run"), "CI-SECRET").unwrap();
    std::fs::write(root.join(".env"), "ENV-SECRET").unwrap();
    std::fs::write(root.join("pkg/.hidden.js"), "HIDDEN-SECRET").unwrap();
    std::fs::create_dir_all(root.join("target/debug")).unwrap();
    std::fs::write(root.join("target/debug/out.txt"), "TARGET-SECRET").unwrap();
    std::fs::write(root.join("target/index.html"), "TARGET-SECRET").unwrap();
    root
}

async fn start(root: PathBuf) -> std::net::SocketAddr {
    let (listener, addr) = bind(0).await.unwrap();
    assert_ne!(addr.port(), 0);
    tokio::spawn(async move { axum::serve(listener, app(root)).await.unwrap() });
    addr
}

#[tokio::test]
async fn serves_static_files_with_correct_types() {
    let addr = start(fixture("types")).await;

    let r = get(addr, "/pkg/x_bg.wasm").await;
    assert_eq!(r.status, 200, "{}", r.head);
    assert_eq!(r.header("content-type").as_deref(), Some("application/wasm"));
    assert_eq!(r.header("cache-control").as_deref(), Some("no-cache"));
    assert_eq!(r.body, b"\0asm\x01\0\0\0");

    let r = get(addr, "/pkg/x.js").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type").as_deref(), Some("text/javascript; charset=utf-8"));

    let r = get(addr, "/style.css").await;
    assert_eq!(r.header("content-type").as_deref(), Some("text/css; charset=utf-8"));

    for path in ["/", "/index.html"] {
        let r = get(addr, path).await;
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some("text/html; charset=utf-8"), "{path}");
        assert!(String::from_utf8_lossy(&r.body).contains("<p>hi</p>"));
    }

    let r = get(addr, "/examples/").await;
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.body).contains("examples"));
    assert_eq!(r.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
}

#[tokio::test]
async fn missing_file_is_404_and_traversal_is_impossible() {
    let addr = start(fixture("404")).await;

    let r = get(addr, "/does-not-exist.wasm").await;
    assert_eq!(r.status, 404);
    assert_ne!(r.header("content-type").as_deref(), Some("application/wasm"));

    for path in [
        "/../secret.txt",
        "/pkg/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
    ] {
        let r = get(addr, path).await;
        assert!(r.status >= 400, "{path} -> {}", r.status);
        assert!(!String::from_utf8_lossy(&r.body).contains("TOP-SECRET"), "{path} leaked");
    }
}

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

#[tokio::test]
async fn strict_prefix_serves_same_files_with_csp() {
    assert_eq!(STRICT_CSP, CSP);
    let addr = start(fixture("strict")).await;

    for (strict, plain) in [
        ("/strict/", "/"),
        ("/strict/index.html", "/index.html"),
        ("/strict/examples/", "/examples/"),
        ("/strict/examples/blog-article.html", "/examples/blog-article.html"),
        ("/strict/pkg/x.js", "/pkg/x.js"),
        ("/strict/pkg/x_bg.wasm", "/pkg/x_bg.wasm"),
        ("/strict/style.css", "/style.css"),
        ("/strict/pkg/x.js?v=1", "/pkg/x.js?v=1"),
    ] {
        let s = get(addr, strict).await;
        let p = get(addr, plain).await;
        assert_eq!(s.status, 200, "{strict}: {}", s.head);
        assert_eq!(p.status, 200, "{plain}: {}", p.head);
        assert_eq!(s.body, p.body, "{strict} vs {plain}");
        assert_eq!(s.header("content-type"), p.header("content-type"), "{strict} vs {plain}");
        assert_eq!(s.header("cache-control").as_deref(), Some("no-cache"));
        assert_eq!(s.header("content-security-policy").as_deref(), Some(CSP), "{strict}");
        assert_eq!(p.header("content-security-policy"), None, "{plain}");
    }
    assert_eq!(get(addr, "/strict/pkg/x_bg.wasm").await.header("content-type").as_deref(), Some("application/wasm"));
    assert!(String::from_utf8_lossy(&get(addr, "/strict/").await.body).contains("<p>hi</p>"));

    // Errors and redirects under the prefix carry the CSP too, and redirects
    // stay under the prefix.
    let r = get(addr, "/strict/nope.html").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-security-policy").as_deref(), Some(CSP));
    let r = get(addr, "/nope.html").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-security-policy"), None);

    let r = get(addr, "/strict").await;
    assert!((300..400).contains(&r.status), "{}", r.head);
    assert_eq!(r.header("location").as_deref(), Some("/strict/"));
    assert_eq!(r.header("content-security-policy").as_deref(), Some(CSP));

    let r = get(addr, "/strict/examples").await;
    assert!((300..400).contains(&r.status), "{}", r.head);
    assert_eq!(r.header("location").as_deref(), Some("/strict/examples/"));
    assert_eq!(r.header("content-security-policy").as_deref(), Some(CSP));

    // Only the exact prefix segment counts.
    let r = get(addr, "/strictly/index.html").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-security-policy"), None);
}

#[tokio::test]
async fn dot_paths_and_target_are_404() {
    let addr = start(fixture("dot")).await;
    for base in ["", "/strict"] {
        for path in [
            "/.git/config",
            "/.git/",
            "/.git",
            "/.tools/bin/tool",
            "/.ci/run",
            "/.env",
            "/pkg/.hidden.js",
            "/%2egit/config",
            "/%2Eci/run",
            "//.git/config",
            "/pkg/%2e%2e/.git/config",
            "/target/",
            "/target",
            "/target/index.html",
            "/target/debug/out.txt",
            "/%74arget/debug/out.txt",
        ] {
            let full = format!("{base}{path}");
            let r = get(addr, &full).await;
            assert_eq!(r.status, 404, "{full} -> {}", r.head);
            assert!(!String::from_utf8_lossy(&r.body).contains("SECRET"), "{full} leaked");
        }
    }
    // Ordinary files next to them still work.
    for path in ["/pkg/x.js", "/examples/blog-article.html", "/style.css", "/"] {
        assert_eq!(get(addr, path).await.status, 200, "{path}");
    }
}

#[test]
fn forbidden_paths() {
    for p in ["/.git/config", "/a/.b", "/target/x", "/TARGET/", "/%2egit", "/a/%2E%2E/b"] {
        assert!(is_forbidden(p), "{p}");
    }
    for p in ["/", "/index.html", "/pkg/x.js", "/examples/", "/a/target/x", "/targets/x", "/a.b/c"] {
        assert!(!is_forbidden(p), "{p}");
    }
}

#[test]
fn parses_options() {
    let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(Options::parse(a(&[]), None).unwrap(), Options { root: ".".into(), port: 8080, ..Options::default() });
    assert_eq!(Options::parse(a(&[]), Some("9000".into())).unwrap().port, 9000);
    let o = Options::parse(a(&["--root", "/tmp", "--port=0"]), Some("9000".into())).unwrap();
    assert_eq!(o, Options { root: "/tmp".into(), port: 0, ..Options::default() });
    assert!(Options::parse(a(&["--port", "x"]), None).is_err());
    assert!(Options::parse(a(&["--bogus"]), None).is_err());
}

/// The binary prints its bound address as one line and stops on SIGTERM.
#[cfg(unix)]
#[tokio::test]
async fn binary_prints_listening_line_and_shuts_down() {
    let root = fixture("bin");
    let mut serve = spawn_serve(&root, &root.join("../leads.sqlite"), &[]).await;
    let addr = serve.addr;
    assert_eq!(addr.ip().to_string(), "127.0.0.1");
    assert_eq!(get(addr, "/pkg/x_bg.wasm").await.status, 200);

    let status = common::sigterm(&mut serve).await;
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_accept_them() {
    let root = fixture("precompressed");
    std::fs::write(root.join("pkg/x_bg.wasm.br"), b"BROTLI").unwrap();
    std::fs::write(root.join("pkg/x_bg.wasm.gz"), b"GZIP").unwrap();
    let addr = start(root).await;
    let br = get_with(addr, "/pkg/x_bg.wasm", &[("Accept-Encoding", "gzip, br")]).await;
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding").as_deref(), Some("br"));
    assert_eq!(br.header("content-type").as_deref(), Some("application/wasm"));
    assert_eq!(br.body, b"BROTLI");
    let gz = get_with(addr, "/pkg/x_bg.wasm", &[("Accept-Encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(gz.body, b"GZIP");
    let plain = get(addr, "/pkg/x_bg.wasm").await;
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.body, b"\0asm\x01\0\0\0");
    // Without a compressed copy, the file itself.
    let js = get_with(addr, "/pkg/x.js", &[("Accept-Encoding", "gzip, br")]).await;
    assert_eq!(js.header("content-encoding"), None);
    assert_eq!(js.body, b"export {};");
}
