//! Concerns about collections, in their region's front-office queue.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Result, new_id, now, on_db};

/// A concern about a collection, raised by anyone, in its region's front-office queue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Concern {
    /// Key.
    pub id: Uuid,
    /// The collection.
    pub collection_id: Uuid,
    /// What worries the person.
    pub text: String,
    /// How to reach her, if she wants an answer (private).
    pub contact: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    /// Raised at.
    pub created_at: DateTime<Utc>,
}

/// Files a concern; its id.
pub async fn file_concern(
    db: &Db,
    collection: Uuid,
    text: &str,
    contact: Option<&str>,
) -> Result<Uuid> {
    let id = new_id();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO collection_concerns (id, collection_id, text, contact, status, created_at) \
         VALUES ($1, $2, $3, $4, 'open', $5)",
    ).bind(id).bind(collection).bind(text).bind(contact).bind(now()).execute(pool).await?.rows_affected());
    Ok(id)
}

/// The open concerns about collections of `region`, oldest first.
pub async fn open_concerns(db: &Db, region: &str) -> Result<Vec<Concern>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, k.collection_id, k.text, k.contact, k.status, k.created_at \
         FROM collection_concerns k JOIN collections c ON c.id = k.collection_id \
         WHERE c.region_code = $1 AND k.status = 'open' ORDER BY k.created_at, k.id",
    ).bind(region).fetch_all(pool).await?))
}

/// The region of the collection a concern is about.
pub async fn concern_region(db: &Db, id: Uuid) -> Result<Option<String>> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT c.region_code FROM collection_concerns k JOIN collections c ON c.id = k.collection_id WHERE k.id = $1",
    ).bind(id).fetch_optional(pool).await?))
}

/// Closes an open concern (handled). Errors: `Conflict("already_decided")`.
pub async fn close_concern(db: &Db, id: Uuid, by: Uuid) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE collection_concerns SET status = 'closed', closed_by = $2, closed_at = $3 WHERE id = $1 AND status = 'open'",
    ).bind(id).bind(by).bind(now()).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("already_decided"));
    }
    Ok(())
}
