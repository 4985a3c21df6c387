//! The event store: coded documents and events in SQLite, stories of near-duplicate articles, GDELT-style merged
//! events, exports.
//!
//! An edge crate over [`dyad_pipeline`]: the pipeline codes, the store keeps. The CLI's `ingest`, `recode`,
//! `runs` and `export`, the server and the Python wheel read and write stores only through this crate.
//!
//! - [`Store::open`] creates or opens a store file: WAL journal, foreign keys on, a busy timeout for a second
//!   writer, and the [`schema`] migrations applied (a store from a newer dyad is refused).
//! - [`ingest`]: documents and their events written in batched transactions, idempotent by (content hash, URL)
//!   and safe to kill at any moment: a batch is committed whole or not at all, and the same command again picks
//!   up what is missing.
//! - [`dedup`]: MinHash signatures and LSH bands; each new document joins the story of its most similar stored
//!   document (estimated Jaccard ≥ [`dedup::DUPLICATE_SIMILARITY`]) or starts one.
//! - [`query`]: filters (always bound as SQL parameters), raw events and merged events: the events of one story
//!   with the same source, target, CAMEO code, place and day, with `num_mentions`, `num_sources`, `num_articles`.
//! - [`cube`]: one generation's events in memory, column by column, for the aggregates (timeline, map,
//!   network, actors) at interactive speed on millions of events; the same answers as the SQL.
//! - [`export`]: JSONL, CSV (RFC 4180), GDELT 1.0's event table (57 columns and SOURCEURL) and PLOVER JSON,
//!   streamed.
//! - [`recode`]: the stored documents coded again with other dictionaries, as a new generation; old generations
//!   stay queryable and [`Store::changes`] says what changed per CAMEO root.
//!
//! Nothing here prints; errors name the store file.

pub mod cube;
pub mod dedup;
pub mod export;
pub mod ingest;
pub mod query;
pub mod recode;
pub mod schema;

pub use export::{export, ExportFormat};
pub use ingest::{Batch, Ingested, Prepared, RunInfo, RunKind};
pub use query::Filter;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another writer's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What went wrong with a store; every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a dyad store (not an SQLite database, or damaged): {source}")]
    NotAStore {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{path}: written by a newer dyad (store schema {found}, this dyad knows up to {known}); use a newer dyad")]
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: locked by another writer; try again when it has finished")]
    Locked { path: String },
    #[error(
        "{path}: disk full; the last batch was rolled back and the store is as it was before it"
    )]
    Full { path: String },
    #[error(
        "{path}: read-only (the file, its directory or its file system is not writable): {reason}"
    )]
    ReadOnly { path: String, reason: String },
    #[error("{path}: no such store")]
    Missing { path: String },
    #[error("{path}: {context}: {source}")]
    Sql {
        path: String,
        context: String,
        source: rusqlite::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path` for reading and writing, creating it if missing, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify(path, "open", e))?;
        // SQLite falls back to reading when it cannot write the file; a store opened to write must be writable.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path: path.display().to_string(),
                reason: "opened read-only".into(),
            });
        }
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure(false)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store for reading only (queries and exports); never creates or migrates it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| classify(path, "open", e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure(true)?;
        let found = store.user_version()?;
        if found > schema::version() {
            return Err(StoreError::Newer {
                path: store.name(),
                found,
                known: schema::version(),
            });
        }
        if found < schema::version() {
            return Err(store.invalid(format!(
                "store schema {found} is older than this dyad's ({}); open it once for writing (e.g. `dyad ingest`) to migrate it",
                schema::version()
            )));
        }
        Ok(store)
    }

    /// The store file as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store file's name for messages.
    pub fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// How long a write waits for another writer before failing with [`StoreError::Locked`] (default
    /// [`BUSY_TIMEOUT`]).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(timeout)
            .map_err(|e| self.sql("set busy timeout", e))
    }

    /// The SQLite connection, for callers that query the store directly (the server).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn configure(&self, read_only: bool) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| self.sql("set busy timeout", e))?;
        // The first statement that reads the file: a file that is not SQLite fails here.
        let pragmas = if read_only {
            "PRAGMA foreign_keys = ON; PRAGMA query_only = ON;"
        } else {
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
        };
        self.conn
            .execute_batch(pragmas)
            .map_err(|e| classify(&self.path, "configure", e))?;
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| classify(&self.path, "read schema", e))?;
        Ok(())
    }

    fn user_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&self.path, "read schema version", e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found = self.user_version()?;
        let known = schema::version();
        if found > known {
            return Err(StoreError::Newer {
                path: self.name(),
                found,
                known,
            });
        }
        if found == 0 {
            // A database that is not empty but has no schema version is someone else's.
            let tables: i64 = self
                .conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
                .map_err(|e| classify(&self.path, "read schema", e))?;
            if tables > 0 {
                return Err(self.invalid(
                    "an SQLite database with tables but no dyad schema version; not a dyad store"
                        .into(),
                ));
            }
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(|e| classify(&self.path, "begin migration", e))?;
            tx.execute_batch(sql)
                .map_err(|e| classify(&self.path, &format!("migration {}", i + 1), e))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| classify(&self.path, "set schema version", e))?;
            tx.commit()
                .map_err(|e| classify(&self.path, "commit migration", e))?;
        }
        Ok(())
    }

    /// The coding generation queries read by default: the latest finished `recode`, else the first ingest's.
    pub fn generation(&self) -> Result<Option<i64>, StoreError> {
        self.meta("generation")
            .map(|v| v.and_then(|v| v.parse().ok()))
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql("read meta", e))
    }

    pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map(|_| ())
    }

    /// Counts of what the store holds: documents, stories, raw events of the default generation.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let generation = self.generation()?.unwrap_or(0);
        let one = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Result<i64, StoreError> {
            self.conn
                .query_row(sql, p, |r| r.get(0))
                .map_err(|e| self.sql("count", e))
        };
        Ok(Counts {
            documents: one("SELECT count(*) FROM documents", &[])?,
            stories: one("SELECT count(DISTINCT story) FROM documents", &[])?,
            events: one(
                "SELECT count(*) FROM events WHERE generation = ?1",
                &[&generation],
            )?,
        })
    }

    pub(crate) fn sql(&self, context: &str, source: rusqlite::Error) -> StoreError {
        classify(&self.path, context, source)
    }

    pub(crate) fn invalid(&self, message: String) -> StoreError {
        StoreError::Invalid {
            path: self.name(),
            message,
        }
    }
}

/// What a store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub documents: i64,
    pub stories: i64,
    pub events: i64,
}

/// An SQLite error as the store error a user can act on: busy, full, read-only, not a database.
pub(crate) fn classify(path: &Path, context: &str, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let path_s = path.display().to_string();
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        match f.code {
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Locked { path: path_s }
            }
            ErrorCode::DiskFull => return StoreError::Full { path: path_s },
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied
                if context != "open" || path.exists() =>
            {
                return StoreError::ReadOnly {
                    path: path_s,
                    reason: e.to_string(),
                }
            }
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => {
                return StoreError::NotAStore {
                    path: path_s,
                    source: e,
                }
            }
            _ => {}
        }
    }
    StoreError::Sql {
        path: path_s,
        context: context.to_string(),
        source: e,
    }
}

/// The time now as ISO 8601 UTC (seconds), for run records.
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_timestamps_are_iso() {
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'), "{t}");
    }
}
