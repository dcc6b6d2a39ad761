//! `b2b-serve`: serves the widget's static files on 127.0.0.1.
//!
//! Prints exactly one line `listening on http://127.0.0.1:PORT/` to stdout
//! once bound (scripts read it to learn the port when `--port 0` is used).

use std::io::Write;
use std::process::ExitCode;

use b2b_assessment_server::{app, bind, shutdown_signal, Options};

#[tokio::main]
async fn main() -> ExitCode {
    let opts = match Options::parse(std::env::args().skip(1), std::env::var("PORT").ok()) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    if !opts.root.is_dir() {
        eprintln!("b2b-serve: root {:?} is not a directory", opts.root);
        return ExitCode::from(2);
    }
    let (listener, addr) = match bind(opts.port).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("b2b-serve: cannot bind 127.0.0.1:{}: {e}", opts.port);
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}/");
        let _ = out.flush();
    }
    eprintln!("b2b-serve: serving {}", opts.root.display());

    let result = axum::serve(listener, app(opts.root))
        .with_graceful_shutdown(shutdown_signal())
        .await;
    match result {
        Ok(()) => {
            eprintln!("b2b-serve: shut down");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("b2b-serve: {e}");
            ExitCode::FAILURE
        }
    }
}
