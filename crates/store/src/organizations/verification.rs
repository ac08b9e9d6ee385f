//! Verification of organizations by the regional front-office, and suspension.

use crate::audit::NewEntry;
use crate::{Db, Error, Result, now, on_db, record_audit};
use chrono::{DateTime, Utc};
use domain::{OrgKind, OrgStatus, VerificationDecision};
use serde::Serialize;
use uuid::Uuid;

/// Asks for verification: moves the organization from `expected_status` to
/// `verification_requested` and opens a request for its region's front-office.
pub async fn request_verification(
    db: &Db,
    id: Uuid,
    expected_status: OrgStatus,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let region: Option<String> = sqlx::query_scalar(
            "UPDATE organizations SET status = 'verification_requested', updated_at = $2 \
             WHERE id = $1 AND status = $3 RETURNING region_code",
        )
        .bind(id).bind(at).bind(expected_status.code()).fetch_optional(&mut *tx).await?;
        let Some(region) = region else { return Err(Error::Conflict("state_changed")) };
        open_request!(&mut *tx, id, &region, actor, at)?;
        let audit = NewEntry {
            actor_id: Some(actor),
            action: "verification.requested".into(),
            object_type: "organization".into(),
            object_id: id,
            organization_id: Some(id),
            region_code: Some(region),
            changes: serde_json::json!({"status": [expected_status.code(), "verification_requested"]}),
            reason: None,
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

/// A request in a region's queue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct QueueItem {
    /// Request key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Its names.
    pub name_kk: Option<String>,
    /// Its names.
    pub name_ru: Option<String>,
    /// Its names.
    pub name_en: Option<String>,
    /// Its kind.
    #[sqlx(try_from = "String")]
    pub kind: OrgKind,
    /// Region.
    pub region_code: String,
    /// When it was asked.
    pub requested_at: DateTime<Utc>,
}

/// Open requests of a region, oldest first.
pub async fn queue(db: &Db, region: &str) -> Result<Vec<QueueItem>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, QueueItem>(
        "SELECT v.id, v.organization_id, o.name_kk, o.name_ru, o.name_en, o.kind, v.region_code, v.requested_at \
         FROM verification_requests v JOIN organizations o ON o.id = v.organization_id \
         WHERE v.region_code = $1 AND v.status = 'open' ORDER BY v.requested_at, v.id LIMIT 500",
    ).bind(region).fetch_all(pool).await?))
}

/// A verification request with its outcome.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Request {
    /// Key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Region of the front-office that decides.
    pub region_code: String,
    /// `open`, `verify`, `reject`, `request_changes`.
    pub status: String,
    /// Asked at.
    pub requested_at: DateTime<Utc>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
    /// Reason of a rejection or of the changes asked.
    pub reason: Option<String>,
}

/// One request.
pub async fn request(db: &Db, id: Uuid) -> Result<Option<Request>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Request>(
        "SELECT id, organization_id, region_code, status, requested_at, decided_at, reason \
         FROM verification_requests WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?))
}

/// The requests of an organization, newest first.
pub async fn requests_of(db: &Db, org: Uuid) -> Result<Vec<Request>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Request>(
        "SELECT id, organization_id, region_code, status, requested_at, decided_at, reason \
         FROM verification_requests WHERE organization_id = $1 ORDER BY requested_at DESC LIMIT 50",
    ).bind(org).fetch_all(pool).await?))
}

/// Decides an open request (stored as the decision's code), moving the organization to
/// `org_status`. Exactly one of several concurrent deciders wins;
/// the others get `Conflict("already_decided")`.
pub async fn decide(
    db: &Db,
    request_id: Uuid,
    decision: VerificationDecision,
    org_status: OrgStatus,
    reason: Option<&str>,
    actor: Uuid,
) -> Result<Uuid> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let won: Option<(Uuid, String)> = sqlx::query_as(
            "UPDATE verification_requests SET status = $2, decided_at = $3, decided_by = $4, reason = $5 \
             WHERE id = $1 AND status = 'open' RETURNING organization_id, region_code",
        )
        .bind(request_id).bind(decision.code()).bind(at).bind(actor).bind(reason)
        .fetch_optional(&mut *tx).await?;
        let Some((org, region)) = won else { return Err(Error::Conflict("already_decided")) };
        let n = sqlx::query(
            "UPDATE organizations SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'verification_requested'",
        )
        .bind(org).bind(org_status.code()).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("state_changed"));
        }
        let audit = NewEntry {
            actor_id: Some(actor),
            action: format!("verification.{decision}"),
            object_type: "organization".into(),
            object_id: org,
            organization_id: Some(org),
            region_code: Some(region),
            changes: serde_json::json!({"status": ["verification_requested", org_status.code()]}),
            reason: reason.map(str::to_owned),
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
        Ok(org)
    })
}

/// Suspends (`suspend = true`) or restores an organization, with a reason; CAS on the status.
pub async fn set_suspended(
    db: &Db,
    id: Uuid,
    expected_status: OrgStatus,
    new_status: OrgStatus,
    reason: &str,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    let suspend = new_status == OrgStatus::Suspended;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let region: Option<String> = sqlx::query_scalar(
            "UPDATE organizations SET status = $2, status_before_suspension = $3, updated_at = $4 \
             WHERE id = $1 AND status = $5 RETURNING region_code",
        )
        .bind(id).bind(new_status.code()).bind(suspend.then_some(expected_status.code())).bind(at)
        .bind(expected_status.code())
        .fetch_optional(&mut *tx).await?;
        let Some(region) = region else { return Err(Error::Conflict("state_changed")) };
        let audit = NewEntry {
            actor_id: Some(actor),
            action: if suspend { "organization.suspended" } else { "organization.restored" }.into(),
            object_type: "organization".into(),
            object_id: id,
            organization_id: Some(id),
            region_code: Some(region),
            changes: serde_json::json!({"status": [expected_status.code(), new_status.code()]}),
            reason: Some(reason.to_owned()),
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}
