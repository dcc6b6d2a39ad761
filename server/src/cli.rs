//! The command line of `b2b-serve`. Scripts, tests and people start the
//! server with flags; a maintained parser gives them one usage text, `--help`
//! that describes every flag, and the same clear error (exit 2) for anything
//! it does not know, instead of a hand-written loop to keep in step with all
//! of that. What the flags mean stays in [`Options`] and [`Command`].

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::NonEmptyStringValueParser;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand};

use crate::ReceiverConfig;

/// Command-line options of `b2b-serve` (serving).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    /// SQLite database of received leads (`--db`, default `leads.sqlite`).
    pub db: PathBuf,
    /// CORS, rate limit, export token, faults.
    pub receiver: ReceiverConfig,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            root: PathBuf::from("."),
            port: 8080,
            db: PathBuf::from(DEFAULT_DB),
            receiver: ReceiverConfig::default(),
        }
    }
}

/// Default database file, relative to the current directory.
pub const DEFAULT_DB: &str = "leads.sqlite";

/// What `b2b-serve` was asked to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Serve files and receive leads.
    Serve(Options),
    /// `b2b-serve export [--db PATH]`: write the leads as CSV to stdout.
    Export { db: PathBuf },
}

/// Serves the widget's static files on 127.0.0.1 and receives leads at
/// POST /api/leads (stored in SQLite).
///
/// Prints one line "listening on http://127.0.0.1:PORT/" to stdout once bound.
#[derive(Debug, Parser)]
#[command(
    name = "b2b-serve",
    // `b2b-serve export` takes only its own flags, and serving flags come
    // without `export`.
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    // A flag given twice: the last one wins, as with the hand-written parser
    // before (scripts/serve puts B2BA_SERVE_ARGS after its own --root, --port
    // and --db, so they can override those).
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    export: Option<Export>,

    /// Directory to serve (dot-files and /target/ are never served)
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,

    /// Port on 127.0.0.1; 0 = any free port [default: $PORT, else 8080]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    port: Option<u16>,

    /// SQLite file for leads, created if missing
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    db: PathBuf,

    /// Allow cross-origin POST /api/leads from ORIGIN (repeatable; * = any)
    #[arg(long, value_name = "ORIGIN", value_parser = NonEmptyStringValueParser::new())]
    cors_origin: Vec<String>,

    /// POST /api/leads per client IP per minute; 0 = off
    #[arg(
        long,
        value_name = "N",
        default_value_t = ReceiverConfig::default().rate_limit,
        allow_negative_numbers = true
    )]
    rate_limit: u32,

    /// Seconds a connection gets to send a request's head, and again a POST
    /// its body (0.1 to 3600); also the keep-alive idle limit
    // 10 = crate::DEFAULT_READ_TIMEOUT (Duration has no Display for
    // default_value_t); the tests check the defaults equal Options::default().
    #[arg(
        long,
        value_name = "SECS",
        default_value = "10",
        value_parser = parse_seconds,
        allow_negative_numbers = true
    )]
    read_timeout: Duration,

    /// Enable GET /api/leads.csv and /api/leads/count with
    /// 'Authorization: Bearer TOKEN' [default: $B2B_SERVE_EXPORT_TOKEN]
    #[arg(long, value_name = "TOKEN", value_parser = NonEmptyStringValueParser::new())]
    export_token: Option<String>,

    /// Enable fault injection via /__faults (for tests only)
    #[arg(long)]
    faults: bool,
}

#[derive(Debug, Subcommand)]
enum Export {
    /// Write the stored leads as CSV to stdout
    Export {
        /// SQLite file to read
        #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
        db: PathBuf,
    },
}

impl Cli {
    /// What was asked for. `env_port` is `$PORT`, used (when not empty)
    /// unless `--port` is given.
    pub fn into_command(self, env_port: Option<String>) -> Result<Command, clap::Error> {
        if let Some(Export::Export { db }) = self.export {
            return Ok(Command::Export { db });
        }
        let port = match self.port {
            Some(p) => p,
            None => match env_port.filter(|p| !p.is_empty()) {
                Some(p) => p.parse::<u16>().map_err(|e| {
                    Cli::command().error(ErrorKind::InvalidValue, format!("bad port {p:?} in $PORT: {e}"))
                })?,
                None => Options::default().port,
            },
        };
        Ok(Command::Serve(Options {
            root: self.root,
            port,
            db: self.db,
            receiver: ReceiverConfig {
                cors_origins: self.cors_origin,
                rate_limit: self.rate_limit,
                export_token: self.export_token,
                faults: self.faults,
                read_timeout: self.read_timeout,
            },
        }))
    }
}

/// The program name clap expects first.
fn with_bin_name<I: IntoIterator<Item = String>>(args: I) -> impl Iterator<Item = String> {
    std::iter::once("b2b-serve".to_owned()).chain(args)
}

impl Command {
    /// Parses the arguments after the program name: `export [--db PATH]` or
    /// the serve options (see [`Cli`]).
    pub fn parse<I: IntoIterator<Item = String>>(args: I, env_port: Option<String>) -> Result<Command, clap::Error> {
        Cli::try_parse_from(with_bin_name(args))?.into_command(env_port)
    }
}

impl Options {
    /// Parses the serve options (see [`Cli`]); `export` is refused.
    pub fn parse<I: IntoIterator<Item = String>>(args: I, env_port: Option<String>) -> Result<Options, clap::Error> {
        match Command::parse(args, env_port)? {
            Command::Serve(opts) => Ok(opts),
            Command::Export { .. } => {
                Err(Cli::command().error(ErrorKind::UnknownArgument, "export: not a serve option"))
            }
        }
    }
}

/// Seconds (decimals allowed) from 0.1 to 3600 as a duration.
fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s.trim().parse().map_err(|_| "seconds from 0.1 to 3600".to_owned())?;
    (0.1..=3600.0)
        .contains(&secs)
        .then(|| Duration::from_secs_f64(secs))
        .ok_or_else(|| "seconds from 0.1 to 3600".to_owned())
}
