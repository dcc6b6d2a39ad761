//! SQLite storage of leads (one table, `leads`, keyed by the idempotency id)
//! and their CSV export.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OpenFlags};

use crate::envelope::Lead;
use b2b_assessment_core::domain::lead;

/// The schema. `id` is the envelope's idempotency id; `payload` the request
/// body exactly as received; `test` 1 for a test lead (`"test": true`), else 0.
pub const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS leads (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT,
    name TEXT,
    score INTEGER,
    level TEXT,
    lang TEXT,
    page_url TEXT,
    payload TEXT NOT NULL,
    test INTEGER NOT NULL DEFAULT 0
)";

/// Adds `test` to a table made before it existed. Its rows are all real
/// leads: the receiver that stored them refused the envelope version that
/// has `test`.
const ADD_TEST_COLUMN: &str = "ALTER TABLE leads ADD COLUMN test INTEGER NOT NULL DEFAULT 0";

/// The CSV export's first columns; the rest are the envelope's mappable
/// values (`b2b_assessment_core::domain::lead::mappable`, the keys a CRM
/// field mapping names), in their order. `test` is `1` for a test lead and
/// empty for a real one, so a spreadsheet filter on it shows one or the other.
pub const CSV_FIRST_COLUMNS: [&str; 3] = ["id", "received_at", "test"];

/// Whether [`Store::insert`] added a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    Stored,
    Duplicate,
}

/// A shared SQLite connection (WAL mode). Cheap to clone; calls block, so
/// async code runs them in `spawn_blocking`.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and the table.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// Opens an existing database without creating it (for export).
    pub fn open_existing(path: &Path) -> rusqlite::Result<Store> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::init(conn)
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> rusqlite::Result<Store> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> rusqlite::Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // In-memory databases answer "memory"; that is fine.
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous=NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        let has_test: bool =
            conn.query_row("SELECT COUNT(*) > 0 FROM pragma_table_info('leads') WHERE name = 'test'", [], |r| {
                r.get(0)
            })?;
        if !has_test {
            conn.execute_batch(ADD_TEST_COLUMN)?;
        }
        Ok(Store { conn: Arc::new(Mutex::new(conn)) })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Inserts a lead unless its id is already there (bound parameters only).
    pub fn insert(&self, lead: &Lead, received_at: &str, payload: &str) -> rusqlite::Result<Inserted> {
        let conn = self.lock();
        let n = conn.execute(
            "INSERT INTO leads (id, received_at, email, company, name, score, level, lang, page_url, payload, test)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(id) DO NOTHING",
            params![
                lead.id,
                received_at,
                lead.email,
                lead.company,
                lead.name,
                lead.score,
                lead.level,
                lead.lang,
                lead.page_url,
                payload,
                lead.test
            ],
        )?;
        Ok(if n == 1 { Inserted::Stored } else { Inserted::Duplicate })
    }

    /// Number of stored leads.
    pub fn count(&self) -> rusqlite::Result<i64> {
        self.lock().query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0))
    }

    /// Writes all leads as CSV, oldest first, CRLF line ends: `id`,
    /// `received_at`, `test` (`1` for a test lead, else empty), then every
    /// mappable value of the stored envelopes (readable labels, summary and
    /// top actions beside the ids), the union of all rows' keys in the order
    /// they first appear; a key a row lacks (a version 1 lead's labels) is an
    /// empty cell. See [`csv_cell`].
    pub fn export_csv<W: Write>(&self, out: &mut W) -> Result<(), String> {
        let rows = {
            let conn = self.lock();
            let mut stmt = conn
                .prepare(
                    "SELECT id, received_at, payload, email, name, company, score, level, lang, page_url, test
                     FROM leads ORDER BY received_at, rowid",
                )
                .map_err(|e| e.to_string())?;
            let rows = stmt.query_map([], |r| {
                let text = |i: usize| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
                let values = match b2b_assessment_core::json::from_str(&text(2)?) {
                    Ok(env) => lead::mappable(&env),
                    // Stored payloads passed the receiver's JSON check; this is
                    // for a database edited by hand: its columns still export.
                    Err(_) => {
                        let mut v = Vec::new();
                        for (i, key) in [(3, "email"), (4, "name"), (5, "company")] {
                            v.push((key.to_owned(), text(i)?));
                        }
                        v.push((
                            "score".to_owned(),
                            r.get::<_, Option<i64>>(6)?.map(|n| n.to_string()).unwrap_or_default(),
                        ));
                        for (i, key) in [(7, "level"), (8, "lang"), (9, "page_url")] {
                            v.push((key.to_owned(), text(i)?));
                        }
                        v
                    }
                };
                let test = r.get::<_, bool>(10)?;
                Ok((text(0)?, text(1)?, test, values))
            });
            rows.and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>).map_err(|e| e.to_string())?
        };
        let mut columns: Vec<String> = Vec::new();
        for (_, _, _, values) in &rows {
            for (k, _) in values {
                // `id` and `test` are among the first columns already.
                if k != "lead_id" && k != "test" && !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
        }
        let io = |e: std::io::Error| e.to_string();
        let header: Vec<&str> = CSV_FIRST_COLUMNS.iter().copied().chain(columns.iter().map(String::as_str)).collect();
        out.write_all(header.join(",").as_bytes()).map_err(io)?;
        out.write_all(b"\r\n").map_err(io)?;
        for (id, received_at, test, values) in &rows {
            let mut cells = vec![csv_cell(id), csv_cell(received_at), (if *test { "1" } else { "" }).to_owned()];
            for c in &columns {
                cells.push(csv_cell(values.iter().find(|(k, _)| k == c).map_or("", |(_, v)| v.as_str())));
            }
            out.write_all(cells.join(",").as_bytes()).map_err(io)?;
            out.write_all(b"\r\n").map_err(io)?;
        }
        out.flush().map_err(io)
    }

    /// All leads as a CSV string (see [`Store::export_csv`]).
    pub fn export_csv_string(&self) -> Result<String, String> {
        let mut buf = Vec::new();
        self.export_csv(&mut buf)?;
        String::from_utf8(buf).map_err(|e| e.to_string())
    }
}

/// One CSV cell: cells starting with `=`, `+`, `-`, `@` (or tab / CR) get a
/// leading `'` so spreadsheets do not evaluate them as formulas; cells with a
/// comma, quote, CR or LF are quoted, inner quotes doubled (RFC 4180).
pub fn csv_cell(value: &str) -> String {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The current time as RFC 3339 UTC with milliseconds, e.g.
/// `2026-11-24T01:23:45.678Z`.
pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// Formats a time as RFC 3339 UTC with milliseconds.
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}
