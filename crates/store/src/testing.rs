//! Test databases: a fresh SQLite file always, and a fresh PostgreSQL database whenever
//! `ERIKTI_TEST_PG_URL` is set. With `CI=true` (or `ERIKTI_REQUIRE_PG=1`) a missing
//! PostgreSQL is an error, not a skip; a skip is written where a plain `cargo test` shows it.
//!
//! Each backend migrates one template per set of migrations, which every test copies:
//! SQLite a file (in the temporary directory, named by the migrations' hash, shared by
//! concurrent test processes), PostgreSQL a database `erikti_tpl_<hash>` created once under
//! an advisory lock and copied with `CREATE DATABASE ... TEMPLATE`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::OnceCell;

use crate::{ConnectOptions, Db};

/// A database made for one test; [`TestDb::drop_db`] removes it.
pub struct TestDb {
    /// The handle.
    pub db: Db,
    /// `sqlite` or `postgres`.
    pub name: &'static str,
    /// The URL it was opened with.
    pub url: String,
    admin_url: Option<String>,
    db_name: Option<String>,
    _dir: Option<tempdir::TempDir>,
}

mod tempdir {
    /// A temporary directory removed on drop.
    pub struct TempDir(pub std::path::PathBuf);
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

static SKIP_NOTED: AtomicBool = AtomicBool::new(false);

/// Says that `what` was skipped, on the process's real standard error: the test harness
/// captures `eprintln!` (and shows it only for a failing test), not writes to the handle,
/// so the line shows in a plain `cargo test`.
pub fn note_skip(what: &str) {
    let line = format!("SKIPPED: {what}\n");
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line.as_bytes());
    let _ = err.flush();
}

/// True when PostgreSQL tests are required (CI).
pub fn pg_required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var("ERIKTI_REQUIRE_PG").is_ok_and(|v| v == "1")
}

/// The PostgreSQL server URL for tests, if any.
pub fn pg_url() -> Option<String> {
    match std::env::var("ERIKTI_TEST_PG_URL") {
        Ok(u) if !u.is_empty() => Some(u),
        _ => {
            assert!(
                !pg_required(),
                "CI requires PostgreSQL tests: set ERIKTI_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test)"
            );
            if !SKIP_NOTED.swap(true, Ordering::Relaxed) {
                note_skip("PostgreSQL half of the suite (set ERIKTI_TEST_PG_URL to run it)");
            }
            None
        }
    }
}

/// A hash of `migrations` (version and checksum of each): the name of their template.
fn migrations_hash(migrations: &sqlx::migrate::Migrator) -> String {
    // FNV-1a: stable across processes and compiler versions.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for m in migrations.iter() {
        for b in m.version.to_le_bytes().iter().chain(m.checksum.iter()) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The migrated SQLite template file, made once (per set of migrations, for every test
/// process: it is written under another name and renamed into place).
async fn sqlite_template() -> &'static Path {
    static TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let hash = migrations_hash(&sqlx::migrate!("./migrations/sqlite"));
            let path = std::env::temp_dir().join(format!("erikti-template-{hash}.db"));
            if path.exists() {
                return path;
            }
            let building = std::env::temp_dir().join(format!(
                "erikti-template-{hash}-{}.building",
                uuid::Uuid::new_v4().simple()
            ));
            let url = format!("sqlite://{}", building.display());
            let db = Db::connect(&url, &ConnectOptions { max_connections: 1 })
                .await
                .expect("sqlite template opens");
            db.migrate().await.expect("sqlite migrations");
            if let crate::Pool::Sqlite(pool) = &db.pool {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await
                    .expect("template checkpoint");
                sqlx::query("PRAGMA journal_mode = DELETE")
                    .execute(pool)
                    .await
                    .expect("template journal mode");
            }
            db.close().await;
            std::fs::rename(&building, &path).expect("template in place");
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
            }
            path
        })
        .await
}

/// The migrated PostgreSQL template database on the server at `admin_url`, made once (per
/// set of migrations, under an advisory lock, so that concurrent test processes make it
/// once between them).
async fn postgres_template(admin_url: &str) -> &'static str {
    static TEMPLATE: OnceCell<String> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let hash = migrations_hash(&sqlx::migrate!("./migrations/postgres"));
            let name = format!("erikti_tpl_{hash}");
            let admin = Db::connect(admin_url, &ConnectOptions { max_connections: 1 })
                .await
                .expect("PostgreSQL test server reachable");
            let crate::Pool::Postgres(pool) = &admin.pool else {
                unreachable!("a PostgreSQL URL")
            };
            let mut conn = pool.acquire().await.expect("admin connection");
            // One key for every erikti template: templates are made one at a time.
            sqlx::query("SELECT pg_advisory_lock(7020061121)")
                .execute(&mut *conn)
                .await
                .expect("advisory lock");
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
                    .bind(&name)
                    .fetch_one(&mut *conn)
                    .await
                    .expect("look for the template");
            if !exists {
                // Built under another name and renamed: a template is whole or absent.
                let building = format!("{name}_building");
                for sql in [
                    format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"),
                    format!("CREATE DATABASE {building}"),
                ] {
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .execute(&mut *conn)
                        .await
                        .expect("create the template");
                }
                let db = Db::connect(
                    &with_db_name(admin_url, &building),
                    &ConnectOptions { max_connections: 1 },
                )
                .await
                .expect("template opens");
                db.migrate().await.expect("postgres migrations");
                db.close().await;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "ALTER DATABASE {building} RENAME TO {name}"
                )))
                .execute(&mut *conn)
                .await
                .expect("template in place");
            }
            sqlx::query("SELECT pg_advisory_unlock(7020061121)")
                .execute(&mut *conn)
                .await
                .expect("advisory unlock");
            drop(conn);
            admin.close().await;
            name
        })
        .await
}

fn with_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.rfind('/') {
        Some(i) if i > base.find("://").map_or(0, |p| p + 2) => &base[..i],
        _ => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl TestDb {
    /// A fresh, migrated SQLite database in a temporary directory (a copy of the template).
    pub async fn sqlite() -> TestDb {
        let template = sqlite_template().await;
        TestDb::new_sqlite(Some(template)).await
    }

    /// A fresh, migrated PostgreSQL database (a copy of the template), or None when no
    /// server is configured.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = pg_url()?;
        let template = postgres_template(&admin_url).await;
        Some(TestDb::new_postgres(admin_url, Some(template)).await)
    }

    /// A fresh SQLite database migrated by itself (no template): what a new installation
    /// gets (the migrations test compares it with PostgreSQL's).
    pub async fn sqlite_migrated() -> TestDb {
        TestDb::new_sqlite(None).await
    }

    /// A fresh PostgreSQL database migrated by itself (no template), or None when no
    /// server is configured.
    pub async fn postgres_migrated() -> Option<TestDb> {
        Some(TestDb::new_postgres(pg_url()?, None).await)
    }

    /// A SQLite database in a new temporary directory: a copy of `template` with the
    /// reference data loaded, or, without one, migrated from scratch.
    async fn new_sqlite(template: Option<&Path>) -> TestDb {
        let dir =
            std::env::temp_dir().join(format!("erikti-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("test.db");
        if let Some(template) = template {
            std::fs::copy(template, &file).expect("copy of the template");
        }
        let url = format!("sqlite://{}", file.display());
        let db = Db::connect(&url, &ConnectOptions { max_connections: 8 })
            .await
            .expect("sqlite opens");
        TestDb::prepare(&db, template.is_some()).await;
        TestDb {
            db,
            name: "sqlite",
            url,
            admin_url: None,
            db_name: None,
            _dir: Some(tempdir::TempDir(dir)),
        }
    }

    /// A new PostgreSQL database on the server of `admin_url`: a copy of the `template`
    /// database with the reference data loaded, or, without one, migrated from scratch.
    async fn new_postgres(admin_url: String, template: Option<&str>) -> TestDb {
        let name = format!("erikti_t_{}", uuid::Uuid::new_v4().simple());
        let admin = Db::connect(&admin_url, &ConnectOptions { max_connections: 1 })
            .await
            .expect("PostgreSQL test server reachable");
        if let crate::Pool::Postgres(pool) = &admin.pool {
            let from = template.map_or(String::new(), |t| format!(" TEMPLATE {t}"));
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}{from}")))
                .execute(pool)
                .await
                .expect("create test database");
        }
        admin.close().await;
        let url = with_db_name(&admin_url, &name);
        let db = Db::connect(&url, &ConnectOptions { max_connections: 8 })
            .await
            .expect("test database opens");
        TestDb::prepare(&db, template.is_some()).await;
        TestDb {
            db,
            name: "postgres",
            url,
            admin_url: Some(admin_url),
            db_name: Some(name),
            _dir: None,
        }
    }

    /// A copy of a template gets the reference data (what a server loads at start-up); a
    /// database without one is migrated.
    async fn prepare(db: &Db, from_template: bool) {
        if from_template {
            crate::reference::load(db)
                .await
                .expect("reference data loads");
        } else {
            db.migrate().await.expect("migrations apply");
        }
    }

    /// Every backend available here: SQLite, and PostgreSQL when configured.
    pub async fn all() -> Vec<TestDb> {
        let mut v = vec![TestDb::sqlite().await];
        if let Some(pg) = TestDb::postgres().await {
            v.push(pg);
        }
        v
    }

    /// Closes the pool and removes the database.
    pub async fn drop_db(self) {
        self.db.close().await;
        if let (Some(admin_url), Some(name)) = (&self.admin_url, &self.db_name)
            && let Ok(Db {
                pool: crate::Pool::Postgres(pool),
                ..
            }) = Db::connect(admin_url, &ConnectOptions { max_connections: 1 }).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&pool)
            .await;
            pool.close().await;
        }
    }
}

/// Moves an application's arrival back in time (tests of reminders and escalation).
pub async fn backdate_application(
    db: &crate::Db,
    application: uuid::Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::Result<()> {
    crate::on_db!(db, pool => sqlx::query("UPDATE applications SET created_at = $1 WHERE id = $2")
        .bind(at).bind(application).execute(pool).await?.rows_affected());
    Ok(())
}

/// Moves a shift in time behind the application's back (tests of attendance windows).
pub async fn move_shift(
    db: &crate::Db,
    shift: uuid::Uuid,
    starts: chrono::DateTime<chrono::Utc>,
    ends: chrono::DateTime<chrono::Utc>,
) -> crate::Result<()> {
    crate::on_db!(db, pool => sqlx::query("UPDATE shifts SET starts_at = $1, ends_at = $2 WHERE id = $3")
        .bind(starts).bind(ends).bind(shift).execute(pool).await?.rows_affected());
    Ok(())
}

/// Moves a check-in back in time (tests of hours from attendance).
pub async fn backdate_check_in(
    db: &crate::Db,
    application: uuid::Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::Result<()> {
    crate::on_db!(db, pool => sqlx::query("UPDATE applications SET checked_in_at = $1 WHERE id = $2")
        .bind(at).bind(application).execute(pool).await?.rows_affected());
    Ok(())
}

/// The number a `SELECT COUNT(*) ...` statement answers (tests).
pub async fn count(db: &crate::Db, sql: &str) -> crate::Result<i64> {
    Ok(
        crate::on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await?),
    )
}

/// Moves a help request's closing time (tests of the erasure of personal data).
pub async fn backdate_help_closed(
    db: &crate::Db,
    request: uuid::Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::Result<()> {
    crate::on_db!(db, pool => sqlx::query("UPDATE help_requests SET closed_at = $1 WHERE id = $2")
        .bind(at).bind(request).execute(pool).await?.rows_affected());
    Ok(())
}

/// Runs `sql` on the ledger behind the application's back, as someone with direct access
/// to the database would: with the append-only triggers out of the way for that statement
/// only (tests of `erikti ledger verify`).
pub async fn tamper_ledger(db: &crate::Db, sql: &str) -> crate::Result<u64> {
    let (aside, back) = crate::dialect::ledger_triggers_aside(db.backend());
    crate::on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for statement in aside {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        let n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        for statement in back {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(n)
    })
}

/// What an operator with direct access would do to hide deleted entries: renumbers the
/// leaves of both tables the log is made of (the book's entries and the money entries) to
/// 0..N in their order, with the append-only triggers out of the way; the log's tree and
/// checkpoints are for the caller to drop (tests of the witness).
pub async fn renumber_log_leaves(db: &crate::Db) -> crate::Result<u64> {
    let (aside, back) = crate::dialect::ledger_triggers_aside(db.backend());
    crate::on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for statement in aside {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        let leaves: Vec<(i64, bool)> = sqlx::query_as(
            "SELECT leaf_index, FALSE FROM ledger_entries UNION ALL \
             SELECT leaf_index, TRUE FROM money_entries ORDER BY 1",
        )
        .fetch_all(&mut *tx)
        .await?;
        // Out of the way first (negative), then into place: no two rows share an index.
        for sql in [
            "UPDATE ledger_entries SET leaf_index = -1 - leaf_index",
            "UPDATE money_entries SET leaf_index = -1 - leaf_index",
        ] {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        for (n, (leaf, money)) in leaves.iter().enumerate() {
            let sql = if *money {
                "UPDATE money_entries SET leaf_index = $1 WHERE leaf_index = $2"
            } else {
                "UPDATE ledger_entries SET leaf_index = $1 WHERE leaf_index = $2"
            };
            sqlx::query(sql)
                .bind(i64::try_from(n).unwrap_or(i64::MAX))
                .bind(-1 - leaf)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE ledger_log SET leaves = $1")
            .bind(i64::try_from(leaves.len()).unwrap_or(i64::MAX))
            .execute(&mut *tx)
            .await?;
        for statement in back {
            sqlx::query(*statement).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(leaves.len() as u64)
    })
}

/// The first row of a query giving a key and a number (tests that pick a row to alter).
pub async fn query_pair(db: &crate::Db, sql: &str) -> crate::Result<(uuid::Uuid, i64)> {
    Ok(crate::on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await?))
}

/// Runs one statement as the application would (no trigger is set aside).
pub async fn execute(db: &crate::Db, sql: &str) -> crate::Result<u64> {
    Ok(
        crate::on_db!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?.rows_affected()),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_name_is_replaced() {
        assert_eq!(
            super::with_db_name("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            super::with_db_name("postgres://u@h/test?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
    }
}
