//! Every difference between SQLite and PostgreSQL, in one place. Everywhere else a query
//! is one SQL text for both backends; where the two really differ, the module asks here
//! for its piece of SQL (or its step) instead of branching on the backend itself.

use crate::{Backend, Db, Pool, Result};

/// How a write transaction begins: SQLite takes the write lock at once (a read-then-write
/// transaction cannot fail to upgrade), PostgreSQL locks rows as it goes.
pub fn begin_write(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    }
}

/// The suffix that locks the rows a `SELECT` reads until the transaction ends: nothing on
/// SQLite, whose write transaction (see [`begin_write`]) already holds the database's lock.
pub fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " FOR UPDATE",
    }
}

/// [`for_update`] for the rows of one table (by its alias) of a join.
pub fn for_update_of(backend: Backend, alias: &str) -> String {
    match backend {
        Backend::Sqlite => String::new(),
        Backend::Postgres => format!(" FOR UPDATE OF {alias}"),
    }
}

/// The first day of the month of a `DATE` column, as a `DATE`.
pub fn month_start(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("date({column}, 'start of month')"),
        Backend::Postgres => format!("CAST(date_trunc('month', {column}) AS DATE)"),
    }
}

/// Whether a query with optional filters (`$n IS NULL OR col = $n`) may keep its
/// prepared statement. PostgreSQL plans a kept statement once for any values after a
/// few calls (a generic plan), which cannot use the filter's index: the event search
/// went from 0.5 ms to 40–140 ms with one. Such queries are sent unnamed there
/// (`persistent(false)`): planned for the values at hand on every call, while every
/// other statement keeps its plan. SQLite plans alike either way and keeps them.
pub fn keeps_plans(backend: Backend) -> bool {
    match backend {
        Backend::Sqlite => true,
        Backend::Postgres => false,
    }
}

/// The statement that sizes the connection's page cache for a bulk load (`kib` KiB), or
/// none: SQLite's cache is per connection and small by default, PostgreSQL's is the
/// server's shared buffers.
pub fn bulk_cache(backend: Backend, kib: i64) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("PRAGMA cache_size = -{kib}")),
        Backend::Postgres => None,
    }
}

/// The statement that gives the connection its usual page cache back after a bulk load
/// (`cache_size` as SQLite takes it: negative for KiB), or none (see [`bulk_cache`]).
pub fn usual_cache(backend: Backend, cache_size: i64) -> Option<String> {
    match backend {
        Backend::Sqlite => Some(format!("PRAGMA cache_size = {cache_size}")),
        Backend::Postgres => None,
    }
}

/// What follows a bulk load of `tables` (every table when empty), outside its transaction.
/// SQLite: fold the write-ahead log into the database now, not at the next start.
/// PostgreSQL: planner statistics for the new rows now, as autovacuum would gather them on
/// a running server (and never does where it is turned off).
pub async fn after_bulk_load(db: &Db, tables: &[&str]) -> Result<()> {
    match &db.pool {
        Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        Pool::Postgres(pool) => {
            if tables.is_empty() {
                sqlx::query("ANALYZE").execute(pool).await?;
            }
            for table in tables {
                sqlx::query(sqlx::AssertSqlSafe(format!("ANALYZE {table}")))
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(())
}

/// The statement that lists the database's own tables by name (sorted), without the
/// backend's bookkeeping (SQLite's `sqlite_*` tables; PostgreSQL's other schemas).
pub fn tables(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    }
}

/// How many windows of the ledger to read at once when it is read whole (the log's build
/// and check): PostgreSQL serves each over its own backend, so two go twice as fast;
/// SQLite's two readers only contend (5 million leaves: 124 s with two, 78–103 s with one).
pub fn parallel_reads(backend: Backend) -> usize {
    match backend {
        Backend::Postgres => 2,
        Backend::Sqlite => 1,
    }
}

/// The hours entries whose row disagrees with the ledger (see
/// `ledger::log::hours_mismatches`), in the form each planner runs best over millions of
/// rows: PostgreSQL hashes two joins (6 s over 5 million entries, where the correlated
/// subqueries took 70 s); SQLite, which has no hash join, probes the ledger's
/// `(hours_id, kind)` index from each row (46 s, where the joins took 106 s).
pub fn hours_mismatches(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => {
            "SELECT h.id, h.status FROM hours_entries h \
             LEFT JOIN ledger_entries c ON c.hours_id = h.id AND c.kind = 'confirm' \
             LEFT JOIN ledger_entries r ON r.hours_id = h.id AND r.kind = 'reverse' WHERE \
             (h.status IN ('confirmed', 'reversed') AND (c.hours_id IS NULL OR c.minutes <> h.minutes \
                OR c.volunteer_id <> h.volunteer_id OR c.organization_id IS DISTINCT FROM h.organization_id)) \
             OR (h.status = 'confirmed' AND r.hours_id IS NOT NULL) \
             OR (h.status = 'reversed' AND r.hours_id IS NULL) \
             OR (h.status NOT IN ('confirmed', 'reversed') AND (c.hours_id IS NOT NULL OR r.hours_id IS NOT NULL)) \
             ORDER BY h.id"
        }
        Backend::Sqlite => {
            "SELECT h.id, h.status FROM hours_entries h WHERE \
             (h.status IN ('confirmed', 'reversed') AND NOT EXISTS (SELECT 1 FROM ledger_entries l \
                WHERE l.hours_id = h.id AND l.kind = 'confirm' AND l.minutes = h.minutes \
                AND l.volunteer_id = h.volunteer_id AND l.organization_id IS h.organization_id)) \
             OR (h.status = 'confirmed' AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.hours_id = h.id AND l.kind = 'reverse')) \
             OR (h.status = 'reversed' AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.hours_id = h.id AND l.kind = 'reverse')) \
             OR (h.status NOT IN ('confirmed', 'reversed') AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.hours_id = h.id)) \
             ORDER BY h.id"
        }
    }
}

/// How a transaction begins that reads one state of the whole database while others
/// write: SQLite's read transaction sees the database as of its first read (in WAL mode
/// the writers go on beside it); PostgreSQL's default (read committed) sees each commit
/// as it comes, repeatable read sees one snapshot throughout.
pub fn begin_snapshot(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    }
}

/// Whether `e` says that another process held the write lock past the busy timeout:
/// SQLite answers SQLITE_BUSY (5, with its extended codes); PostgreSQL waits for row locks
/// instead and never answers so.
pub fn is_busy(e: &crate::Error) -> bool {
    match e {
        crate::Error::Db(sqlx::Error::Database(d)) => d
            .code()
            .and_then(|c| c.parse::<i32>().ok())
            .is_some_and(|c| c & 0xff == 5),
        _ => false,
    }
}

/// Applies the embedded migrations: one folder per backend.
pub(crate) async fn migrate(db: &Db) -> Result<()> {
    match &db.pool {
        Pool::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
        Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
    }
    Ok(())
}

/// The statements that set the ledger's (and the money trail's) append-only triggers aside inside a transaction,
/// and those that put them back (tests of tampering). SQLite cannot disable a trigger: it
/// drops them and creates them again.
#[cfg(feature = "test-support")]
pub(crate) fn ledger_triggers_aside(
    backend: Backend,
) -> (&'static [&'static str], &'static [&'static str]) {
    match backend {
        Backend::Sqlite => (
            &[
                "DROP TRIGGER ledger_no_update",
                "DROP TRIGGER ledger_no_delete",
                "DROP TRIGGER hours_confirmed_fixed",
                "DROP TRIGGER money_no_update",
                "DROP TRIGGER money_no_delete",
            ],
            &[
                "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries \
                 BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END",
                "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries \
                 BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END",
                "CREATE TRIGGER hours_confirmed_fixed BEFORE UPDATE OF minutes, volunteer_id, organization_id \
                 ON hours_entries WHEN OLD.status IN ('confirmed', 'reversed') \
                 AND (NEW.minutes IS NOT OLD.minutes OR NEW.volunteer_id IS NOT OLD.volunteer_id \
                 OR NEW.organization_id IS NOT OLD.organization_id) \
                 BEGIN SELECT RAISE(ABORT, 'confirmed hours are in the ledger and do not change'); END",
                "CREATE TRIGGER money_no_update BEFORE UPDATE ON money_entries \
                 BEGIN SELECT RAISE(ABORT, 'the money trail is append-only'); END",
                "CREATE TRIGGER money_no_delete BEFORE DELETE ON money_entries \
                 BEGIN SELECT RAISE(ABORT, 'the money trail is append-only'); END",
            ],
        ),
        Backend::Postgres => (
            &[
                "ALTER TABLE ledger_entries DISABLE TRIGGER USER",
                "ALTER TABLE hours_entries DISABLE TRIGGER USER",
                "ALTER TABLE money_entries DISABLE TRIGGER USER",
            ],
            &[
                "ALTER TABLE ledger_entries ENABLE TRIGGER USER",
                "ALTER TABLE hours_entries ENABLE TRIGGER USER",
                "ALTER TABLE money_entries ENABLE TRIGGER USER",
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_locks_nothing_row_by_row_postgres_does() {
        assert_eq!(for_update(Backend::Sqlite), "");
        assert_eq!(for_update(Backend::Postgres), " FOR UPDATE");
        assert_eq!(for_update_of(Backend::Postgres, "s"), " FOR UPDATE OF s");
        assert_eq!(for_update_of(Backend::Sqlite, "s"), "");
    }
}
