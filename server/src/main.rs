//! `b2b-serve`: serves the widget's static files on 127.0.0.1 and receives
//! leads at `POST /api/leads` (stored in SQLite); `b2b-serve export` writes
//! the stored leads as CSV to stdout.
//!
//! Prints exactly one line `listening on http://127.0.0.1:PORT/` to stdout
//! once bound (scripts read it to learn the port when `--port 0` is used).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use b2b_assessment_server::{app_with_receiver, bind, serve_with, Cli, Command, Options, Receiver, Store};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    // A bad flag: clap's error and exit 2; `--help`: the usage and exit 0.
    let command = Cli::parse().into_command(std::env::var("PORT").ok()).unwrap_or_else(|e| e.exit());
    match command {
        Command::Export { db } => export(&db),
        Command::Serve(opts) => run(opts).await,
    }
}

fn export(db: &Path) -> ExitCode {
    if !db.is_file() {
        eprintln!("b2b-serve export: no database at {}", db.display());
        return ExitCode::from(2);
    }
    let store = match Store::open_existing(db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("b2b-serve export: cannot open {}: {e}", db.display());
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match store.export_csv(&mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("b2b-serve export: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(mut opts: Options) -> ExitCode {
    if !opts.root.is_dir() {
        eprintln!("b2b-serve: root {:?} is not a directory", opts.root);
        return ExitCode::from(2);
    }
    if opts.receiver.export_token.is_none() {
        opts.receiver.export_token = std::env::var("B2B_SERVE_EXPORT_TOKEN").ok().filter(|t| !t.is_empty());
    }
    let store = match Store::open(&opts.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("b2b-serve: cannot open database {}: {e}", opts.db.display());
            return ExitCode::FAILURE;
        }
    };
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
    let cfg = &opts.receiver;
    eprintln!("b2b-serve: serving {}", opts.root.display());
    eprintln!(
        "b2b-serve: leads: POST /api/leads -> {} (rate limit: {}, read timeout: {} s, CORS origins: {})",
        opts.db.display(),
        if cfg.rate_limit == 0 { "off".to_owned() } else { format!("{}/min per IP", cfg.rate_limit) },
        cfg.read_timeout.as_secs_f64(),
        if cfg.cors_origins.is_empty() { "none".to_owned() } else { cfg.cors_origins.join(" ") }
    );
    if cfg.export_token.is_some() {
        eprintln!("b2b-serve: export enabled: GET /api/leads.csv, /api/leads/count (bearer token)");
    }
    if cfg.faults {
        eprintln!("b2b-serve: FAULT INJECTION ENABLED (/__faults) - for tests only");
    }

    let read_timeout = opts.receiver.read_timeout;
    let receiver = Receiver::new(store, opts.receiver.clone());
    let app = app_with_receiver(opts.root, &receiver);
    match serve_with(listener, app, true, read_timeout).await {
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
