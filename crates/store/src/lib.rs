//! erikti store: one [`Db`] handle over SQLite or PostgreSQL.
//!
//! Every query is one SQL text in the portable subset (`$N` placeholders, `RETURNING`,
//! `ON CONFLICT`, CTEs); the [`on_db!`] macro runs it on whichever pool is open.
//! Dialects are branched explicitly, in one visible place ([`dialect`]), only where they
//! really differ.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod batch;
pub mod charity;
pub mod counted;
pub mod demo;
pub mod dialect;
pub mod events;
pub mod giving;
pub mod help;
pub mod imports;
pub mod ledger;
pub mod organizations;
pub mod outbox;
pub mod placement;
pub mod reference;
pub mod register;
pub mod secrets;
pub mod sessions;
pub mod shifts;
pub mod stats;
mod statuses;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod transfer;

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

/// Runs `$body` with `$pool` bound to the open pool, whichever backend it is.
/// The body is compiled once per backend, so one SQL text serves both.
/// `$pool` is a [`counted::Pool`]: every statement executed through it, or through a
/// transaction it begins, counts one on the handle (see [`Db::statements`]).
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {{
        let db: &$crate::Db = $db;
        match &db.pool {
            $crate::Pool::Sqlite(pool) => {
                let $pool = $crate::counted::Pool::new(pool, db.statement_counter());
                $body
            }
            $crate::Pool::Postgres(pool) => {
                let $pool = $crate::counted::Pool::new(pool, db.statement_counter());
                $body
            }
        }
    }};
}

/// Errors of the store; the cause is for logs, never for users.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A unique constraint was hit; the payload names what was taken.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Something the caller referred to does not exist.
    #[error("not found")]
    NotFound,
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Refused by a rule of the caller (the code says which, e.g. `minor_activity_type`).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// Migrations failed.
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A copy of the database (backup, restore, move) cannot go on: what and where, for the
    /// operator.
    #[error("{0}")]
    Copy(String),
}

/// A refusal of [`domain::admit`] or of a seat: the law's (`by_law`) is
/// [`Error::Refused`], the event's or the shift's state a [`Error::Conflict`]; same codes.
impl From<domain::Refusal> for Error {
    fn from(r: domain::Refusal) -> Self {
        if r.by_law() {
            Error::Refused(r.code())
        } else {
            Error::Conflict(r.code())
        }
    }
}

/// A transition the lifecycle refuses (e.g. `already_decided`) is a [`Error::Conflict`].
impl From<domain::Transition> for Error {
    fn from(t: domain::Transition) -> Self {
        Error::Conflict(t.code)
    }
}

/// Result of a store operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Maps a unique violation to [`Error::Conflict`] with `what`; other errors pass through.
pub(crate) fn conflict_on_unique(e: sqlx::Error, what: &'static str) -> Error {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => Error::Conflict(what),
        _ => Error::Db(e),
    }
}

/// Escapes `%`, `_` and `\\` for a `LIKE ... ESCAPE '\\'` pattern.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A list of strings kept as a JSON array in a TEXT column (an event's skills and
/// languages): read with `#[sqlx(try_from = "String")]`, written as [`JsonList::to_json`],
/// serialised as the array. Text that is not such an array reads as an empty list.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct JsonList(pub Vec<String>);

impl JsonList {
    /// The stored text: a JSON array.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".into())
    }
}

/// Reads stored text (what `#[sqlx(try_from = "String")]` calls, through `TryFrom`).
impl From<String> for JsonList {
    fn from(s: String) -> Self {
        JsonList(serde_json::from_str(&s).unwrap_or_default())
    }
}

impl From<Vec<String>> for JsonList {
    fn from(v: Vec<String>) -> Self {
        JsonList(v)
    }
}

impl std::ops::Deref for JsonList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a JsonList {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite (WAL).
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A pool over SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub enum Pool {
    /// SQLite pool.
    Sqlite(SqlitePool),
    /// PostgreSQL pool.
    Postgres(PgPool),
}

/// The database handle: a pool, and a count of the statements issued through it (the
/// query-discipline test reads it to catch a query per row).
#[derive(Clone, Debug)]
pub struct Db {
    /// The pool.
    pub pool: Pool,
    statements: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Applications waiting to be written together.
    pub(crate) coalescer: std::sync::Arc<batch::Coalescer>,
}

/// Connection settings.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Maximum connections in the pool.
    pub max_connections: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
        }
    }
}

/// The current instant, truncated to microseconds (what PostgreSQL keeps), so that
/// values compare equal after a round trip on either backend.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A new time-ordered key made by the application (no sequences).
pub fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

impl Db {
    pub(crate) fn new(pool: Pool) -> Db {
        Db {
            pool,
            statements: Default::default(),
            coalescer: Default::default(),
        }
    }

    /// Counts one statement (kept for callers that run one outside [`on_db!`]).
    #[doc(hidden)]
    pub fn count_statement(&self) {
        self.statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// The counter [`on_db!`]'s pool counts executed statements on.
    #[doc(hidden)]
    pub fn statement_counter(&self) -> &std::sync::atomic::AtomicU64 {
        &self.statements
    }

    /// Statements executed through this handle (and its clones) so far: each statement of
    /// a transaction counts one (its `BEGIN` and `COMMIT` do not).
    pub fn statements(&self) -> u64 {
        self.statements.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Opens a pool for `url` (`sqlite://path`, `postgres://...`); SQLite files and their
    /// parent folder are created when missing.
    pub async fn connect(url: &str, opts: &ConnectOptions) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::new(Pool::Postgres(pool)))
        } else {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .pragma("cache_size", "-8000")
                .pragma("temp_store", "memory")
                // Rows come from the connection's thread through a channel; at the default
                // 50 a long read (a book, the ledger's check) hands over every few rows.
                .row_buffer_size(1024);
            if let Some(parent) = options.get_filename().parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent).map_err(|e| Error::Db(sqlx::Error::Io(e)))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(opts.max_connections)
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::new(Pool::Sqlite(pool)))
        }
    }

    /// Whether a query with optional filters may keep its prepared statement
    /// (see [`dialect::keeps_plans`]).
    pub fn keeps_plans(&self) -> bool {
        dialect::keeps_plans(self.backend())
    }

    /// How a write transaction begins (see [`dialect::begin_write`]).
    pub fn begin_write(&self) -> &'static str {
        dialect::begin_write(self.backend())
    }

    /// Which backend this handle talks to.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations of this backend, then loads the reference data.
    pub async fn migrate(&self) -> Result<()> {
        dialect::migrate(self).await?;
        reference::load(self).await?;
        Ok(())
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    /// Pool use: (open connections, idle connections, maximum).
    pub fn pool_state(&self) -> (u32, u32, u32) {
        on_db!(self, pool => (
            pool.size(),
            pool.num_idle() as u32,
            pool.options().get_max_connections()
        ))
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}
