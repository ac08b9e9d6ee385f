//! Whole databases, for backups, restores and moves: the tables and their rows, whether a
//! database holds data, one consistent state read while the server writes (a SQLite copy,
//! an exported PostgreSQL snapshot), and the copy of a SQLite database into PostgreSQL
//! ([`to_postgres`]).
//!
//! A SQLite backup is `VACUUM INTO` a new file: one statement, a read transaction (so a
//! consistent state; in WAL mode the server's writers go on beside it) that writes a
//! compact copy. SQLite's online backup API would give the same, but sqlx does not expose
//! it (it would take the raw handle and unsafe calls into the C library).

mod convert;
mod copy;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;

pub use copy::{Moved, to_postgres};

use crate::ledger::log::Kept;
use crate::{Backend, Db, Error, Pool, Result, dialect, on_db};

/// Rows per table, by table name.
pub type Counts = BTreeMap<String, u64>;

/// The tables that any start fills on an empty database: the migrations' own record, the
/// log's counter (at 0) and the reference data (regions, directions, activity types,
/// beneficiary categories). A database whose other tables are all empty holds no data;
/// a move replaces these rows with the source's.
pub const FILLED_AT_START: &[&str] = &[
    "_sqlx_migrations",
    "ledger_log",
    "regions",
    "directions",
    "activity_types",
    "beneficiary_categories",
];

/// The table that records applied migrations (each database applies its own).
pub const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// One state of a database: the rows of every table and the latest checkpoint of the log,
/// read in one transaction.
#[derive(Debug, Clone)]
pub struct State {
    /// Rows of every table (the migrations' own included).
    pub counts: Counts,
    /// The latest signed checkpoint, if the log has one.
    pub checkpoint: Option<Kept>,
    /// Leaves of the log (entries appended after the latest checkpoint included).
    pub leaves: u64,
}

/// A name quoted as an SQL identifier (both backends).
pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub(crate) fn count_sql(table: &str) -> String {
    format!("SELECT COUNT(*) FROM {}", ident(table))
}

/// Reads a [`State`] on `$conn` (a connection in a snapshot transaction of `$backend`).
macro_rules! read_state {
    ($conn:expr, $backend:expr) => {{
        let names: Vec<String> = sqlx::query_scalar($crate::dialect::tables($backend))
            .fetch_all(&mut *$conn)
            .await?;
        let mut counts = $crate::transfer::Counts::new();
        for t in &names {
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe($crate::transfer::count_sql(t)))
                .fetch_one(&mut *$conn)
                .await?;
            counts.insert(t.clone(), u64::try_from(n).unwrap_or(0));
        }
        let latest: Option<$crate::ledger::log::KeptRow> = if counts.contains_key("log_checkpoints")
        {
            sqlx::query_as($crate::ledger::log::LATEST_CHECKPOINT)
                .fetch_optional(&mut *$conn)
                .await?
        } else {
            None
        };
        let leaves: Option<i64> = if counts.contains_key("ledger_log") {
            sqlx::query_scalar($crate::ledger::log::LEAVES)
                .fetch_optional(&mut *$conn)
                .await?
        } else {
            None
        };
        $crate::transfer::State {
            counts,
            checkpoint: latest.map($crate::ledger::log::Kept::from),
            leaves: leaves.map_or(0, |n| u64::try_from(n).unwrap_or(0)),
        }
    }};
}
pub(crate) use read_state;

/// The database's tables, by name (sorted bytewise, whatever the database's collation).
pub async fn tables(db: &Db) -> Result<Vec<String>> {
    let sql = dialect::tables(db.backend());
    let mut names: Vec<String> = on_db!(db, pool => sqlx::query_scalar(sql).fetch_all(pool).await?);
    names.sort();
    Ok(names)
}

/// The rows of every table and the latest checkpoint, read in one transaction.
pub async fn state(db: &Db) -> Result<State> {
    let backend = db.backend();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(dialect::begin_snapshot(backend)).await?;
        let state = read_state!(tx, backend);
        tx.rollback().await?;
        Ok(state)
    })
}

/// The tables that hold rows, with their counts, other than those any start fills
/// ([`FILLED_AT_START`]): empty when the database holds no data (a new database, or one
/// only migrated).
pub async fn holds_data(db: &Db) -> Result<Vec<(String, u64)>> {
    let counts = state(db).await?.counts;
    Ok(counts
        .into_iter()
        .filter(|(t, n)| *n > 0 && !FILLED_AT_START.contains(&t.as_str()))
        .collect())
}

/// What [`holds_data`] found, in words: the first tables and their rows.
pub fn describe(data: &[(String, u64)]) -> String {
    let mut shown: Vec<String> = data
        .iter()
        .take(4)
        .map(|(t, n)| format!("{t}: {n} rows"))
        .collect();
    if data.len() > 4 {
        shown.push(format!("{} more tables", data.len() - 4));
    }
    shown.join(", ")
}

/// The file of a SQLite database URL (`sqlite://path`); an in-memory database has none.
pub fn sqlite_file(url: &str) -> Result<PathBuf> {
    let options = SqliteConnectOptions::from_str(url)?;
    let path = options.get_filename();
    if path.as_os_str().is_empty() || url.contains(":memory:") || url.contains("mode=memory") {
        return Err(Error::Copy(format!("{url} names no file")));
    }
    Ok(path.to_owned())
}

/// Opens a copy of a SQLite database in `path` to read it (one connection, read-only and
/// immutable: nothing, not even a journal, is written beside it).
pub async fn open_sqlite_copy(path: &Path) -> Result<Db> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    Ok(Db::new(Pool::Sqlite(pool)))
}

/// Writes a consistent copy of the SQLite database `db` to `to` (a new file) while others
/// write: `VACUUM INTO` (see the module's documentation). The copy is not flushed to disk
/// by SQLite: the caller syncs it.
pub async fn sqlite_copy(db: &Db, to: &Path) -> Result<()> {
    let Pool::Sqlite(pool) = &db.pool else {
        return Err(Error::Copy(
            "a file copy is SQLite's; PostgreSQL is dumped".into(),
        ));
    };
    let target = to
        .to_str()
        .ok_or_else(|| Error::Copy(format!("{}: not a UTF-8 path", to.display())))?;
    db.count_statement();
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await?;
    Ok(())
}

/// A PostgreSQL transaction that holds one state of the database and exports it, so that
/// `pg_dump --snapshot` dumps that very state while the counts and the latest checkpoint
/// are read from it. Keep it until the dump is done.
pub struct PgSnapshot {
    tx: sqlx::Transaction<'static, sqlx::Postgres>,
    id: String,
}

impl PgSnapshot {
    /// Begins the transaction and exports its snapshot.
    pub async fn begin(db: &Db) -> Result<PgSnapshot> {
        let Pool::Postgres(pool) = &db.pool else {
            return Err(Error::Copy(
                "an exported snapshot is PostgreSQL's; SQLite is copied".into(),
            ));
        };
        let mut tx = pool
            .begin_with(dialect::begin_snapshot(Backend::Postgres))
            .await?;
        let id: String = sqlx::query_scalar("SELECT pg_export_snapshot()")
            .fetch_one(&mut *tx)
            .await?;
        Ok(PgSnapshot { tx, id })
    }

    /// The snapshot's name, for `pg_dump --snapshot`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The rows of every table and the latest checkpoint in the snapshot.
    pub async fn state(&mut self) -> Result<State> {
        Ok(read_state!(self.tx, Backend::Postgres))
    }

    /// Ends the transaction (it wrote nothing).
    pub async fn end(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}
