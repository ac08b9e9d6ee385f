//! The store conformance suite: every test runs on SQLite, and on PostgreSQL whenever
//! ERIKTI_TEST_PG_URL is set (CI always sets it). Each test gets its own database.

mod accounts;
mod demo;
mod imports;
mod ledger;
mod organizations;
mod reference;
mod shifts;

use store::testing::TestDb;

/// Runs `f` on every backend, each with a fresh database.
pub async fn on_every_backend<F, Fut>(f: F)
where
    F: Fn(store::Db, &'static str) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for t in TestDb::all().await {
        let name = t.name;
        eprintln!("-- backend: {name}");
        f(t.db.clone(), name).await;
        t.drop_db().await;
    }
}
