//! Test databases: a fresh SQLite file always, and a fresh PostgreSQL database whenever
//! `ERIKTI_TEST_PG_URL` is set. With `CI=true` (or `ERIKTI_REQUIRE_PG=1`) a missing
//! PostgreSQL is an error, not a skip.

use std::sync::atomic::{AtomicBool, Ordering};

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
                eprintln!(
                    "SKIPPED: PostgreSQL half of the suite (set ERIKTI_TEST_PG_URL to run it)"
                );
            }
            None
        }
    }
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
    /// A fresh, migrated SQLite database in a temporary directory.
    pub async fn sqlite() -> TestDb {
        let dir =
            std::env::temp_dir().join(format!("erikti-test-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let db = Db::connect(&url, &ConnectOptions { max_connections: 8 })
            .await
            .expect("sqlite opens");
        db.migrate().await.expect("sqlite migrations");
        TestDb {
            db,
            name: "sqlite",
            url,
            admin_url: None,
            db_name: None,
            _dir: Some(tempdir::TempDir(dir)),
        }
    }

    /// A fresh, migrated PostgreSQL database, or None when no server is configured.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = pg_url()?;
        let name = format!("erikti_t_{}", uuid::Uuid::new_v4().simple());
        let admin = Db::connect(&admin_url, &ConnectOptions { max_connections: 1 })
            .await
            .expect("PostgreSQL test server reachable");
        if let crate::Pool::Postgres(pool) = &admin.pool {
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(pool)
                .await
                .expect("create test database");
        }
        admin.close().await;
        let url = with_db_name(&admin_url, &name);
        let db = Db::connect(&url, &ConnectOptions { max_connections: 8 })
            .await
            .expect("test database opens");
        db.migrate().await.expect("postgres migrations");
        Some(TestDb {
            db,
            name: "postgres",
            url,
            admin_url: Some(admin_url),
            db_name: Some(name),
            _dir: None,
        })
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
    const NO_UPDATE: &str = "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger_entries \
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END";
    const NO_DELETE: &str = "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries \
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END";
    match &db.pool {
        crate::Pool::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("DROP TRIGGER ledger_no_update")
                .execute(&mut *tx)
                .await?;
            sqlx::query("DROP TRIGGER ledger_no_delete")
                .execute(&mut *tx)
                .await?;
            let n = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query(NO_UPDATE).execute(&mut *tx).await?;
            sqlx::query(NO_DELETE).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(n)
        }
        crate::Pool::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("ALTER TABLE ledger_entries DISABLE TRIGGER USER")
                .execute(&mut *tx)
                .await?;
            let n = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("ALTER TABLE ledger_entries ENABLE TRIGGER USER")
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(n)
        }
    }
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
