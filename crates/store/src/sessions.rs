//! Sessions live in the database, so several servers can share one database.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::accounts::User;
use crate::{Db, Result, new_id, now, on_db};

/// Stores a new session (only the token's hash).
pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: Uuid,
    expires_at: DateTime<Utc>,
    user_agent: Option<&str>,
) -> Result<()> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (id, token_hash, user_id, created_at, expires_at, user_agent) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    ).bind(id).bind(token_hash).bind(user_id).bind(at).bind(expires_at).bind(user_agent)
        .execute(pool).await?.rows_affected());
    Ok(())
}

/// The user of a live session.
pub async fn user_of(db: &Db, token_hash: &str) -> Result<Option<User>> {
    let at = now();
    let sql = format!(
        "SELECT {} FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
        crate::accounts::USER_COLUMNS_U
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(token_hash).bind(at).fetch_optional(pool).await?),
    )
}

/// The user of a live session and her roles, in one statement (every page asks).
pub async fn user_and_roles_of(
    db: &Db,
    token_hash: &str,
) -> Result<Option<(User, Vec<crate::accounts::RoleRow>)>> {
    let at = now();
    let sql = format!(
        "SELECT {} FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN role_assignments r ON r.user_id = u.id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 ORDER BY r.created_at",
        crate::accounts::user_with_role_columns()
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, crate::accounts::UserWithRole>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(token_hash).bind(at).fetch_all(pool).await?);
    Ok(crate::accounts::fold_roles(rows))
}

/// Ends one session.
pub async fn delete(db: &Db, token_hash: &str) -> Result<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash).execute(pool).await?.rows_affected());
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn purge_expired(db: &Db) -> Result<u64> {
    let at = now();
    Ok(
        on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(at).execute(pool).await?.rows_affected()),
    )
}
