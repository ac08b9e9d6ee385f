//! The store conformance suite: every test runs on SQLite, and on PostgreSQL whenever
//! ERIKTI_TEST_PG_URL is set (CI always sets it). Each test gets its own database.

mod accounts;
mod charity;
mod demo;
mod events;
mod help;
mod imports;
mod ledger;
mod migrations;
mod organizations;
mod reference;
mod shifts;
mod statements;
mod transfer;

use domain::ledger::{Head, Key, VerifyingKey};
use store::testing::TestDb;
use uuid::Uuid;

/// The platform's signing key of the suite.
pub fn key() -> Key {
    Key::from_secret(&[5u8; 32])
}

/// Signs a chain's head with [`key`].
pub fn sign(v: Uuid, seq: i64, hash: [u8; 32]) -> Head {
    key().sign_head(v, seq, hash)
}

/// The public half of [`key`], by its id.
pub fn keys(id: &str) -> Option<VerifyingKey> {
    let k = key();
    (k.id == id).then(|| k.public())
}

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
