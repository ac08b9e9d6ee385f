//! Certificates of hours: issued from the ledger, looked up by code, revoked.

use crate::{Db, Error, Result, now, on_db};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

/// A certificate as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Certificate {
    /// Public code.
    pub code: String,
    /// Holder.
    pub volunteer_id: Uuid,
    /// Language.
    pub lang: String,
    /// The signed JSON document.
    pub document: String,
    /// Issued at.
    pub issued_at: DateTime<Utc>,
    /// Revoked at.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why.
    pub revoked_reason: Option<String>,
}

const CERT_COLUMNS: &str =
    "code, volunteer_id, lang, document, issued_at, revoked_at, revoked_reason";

/// Stores an issued certificate.
pub async fn insert_certificate(
    db: &Db,
    code: &str,
    volunteer: Uuid,
    lang: &str,
    document: &str,
    issued_at: DateTime<Utc>,
) -> Result<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO certificates (code, volunteer_id, lang, document, issued_at) VALUES ($1, $2, $3, $4, $5)",
    ).bind(code).bind(volunteer).bind(lang).bind(document).bind(issued_at)
    .execute(pool).await.map_err(|e| crate::conflict_on_unique(e, "code_taken"))?.rows_affected());
    Ok(())
}

/// One certificate by its code.
pub async fn certificate(db: &Db, code: &str) -> Result<Option<Certificate>> {
    let sql = format!("SELECT {CERT_COLUMNS} FROM certificates WHERE code = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Certificate>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(code).fetch_optional(pool).await?),
    )
}

/// Every stored certificate's code and document, a page at a time after `after` (for
/// the check of the whole ledger).
pub async fn documents_after(db: &Db, after: &str, limit: i64) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT code, document FROM certificates WHERE code > $1 ORDER BY code LIMIT $2",
    ).bind(after).bind(limit).fetch_all(pool).await?))
}

/// A certificate's row without its document, and the document's length (whether a
/// document already checked is the one stored).
pub async fn certificate_brief(db: &Db, code: &str) -> Result<Option<(Certificate, i64)>> {
    #[derive(sqlx::FromRow)]
    struct Brief {
        #[sqlx(flatten)]
        row: Certificate,
        length: i64,
    }
    let found: Option<Brief> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, volunteer_id, lang, '' AS document, issued_at, revoked_at, revoked_reason, \
         CAST(OCTET_LENGTH(document) AS BIGINT) AS length FROM certificates WHERE code = $1",
    ).bind(code).fetch_optional(pool).await?);
    Ok(found.map(|b| (b.row, b.length)))
}

/// A volunteer's certificates, newest first.
pub async fn certificates_of(db: &Db, volunteer: Uuid) -> Result<Vec<Certificate>> {
    let sql = format!(
        "SELECT {CERT_COLUMNS} FROM certificates WHERE volunteer_id = $1 ORDER BY issued_at DESC"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Certificate>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(volunteer).fetch_all(pool).await?),
    )
}

/// Revokes a certificate with a reason (once). Errors: `NotFound`, `Conflict("already_revoked")`.
pub async fn revoke_certificate(db: &Db, code: &str, by: Uuid, reason: &str) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE certificates SET revoked_at = $2, revoked_by = $3, revoked_reason = $4 \
         WHERE code = $1 AND revoked_at IS NULL",
    ).bind(code).bind(at).bind(by).bind(reason).execute(pool).await?.rows_affected());
    if n == 1 {
        return Ok(());
    }
    match certificate(db, code).await? {
        Some(_) => Err(Error::Conflict("already_revoked")),
        None => Err(Error::NotFound),
    }
}
