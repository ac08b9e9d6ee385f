//! Secrets of this installation (e.g. the key of signed check-in codes), made once on the
//! first start and kept in the database.

use crate::{Db, Result, now, on_db};

/// The secret named `name`, created from `fresh` when there is none yet (the first writer
/// wins; every caller gets the same value).
pub async fn get_or_create(db: &Db, name: &str, fresh: &str) -> Result<String> {
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
    ).bind(name).bind(fresh).bind(at).execute(pool).await?.rows_affected());
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
        .bind(name).fetch_one(pool).await?),
    )
}
