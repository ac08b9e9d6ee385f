//! The register of volunteer activity (rules of 2024): applications by volunteers and
//! organizations, decisions by the national admin, the public register.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, new_id, now, on_db, record_audit};

/// An application to the register, as given.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// `volunteer` or `organization`.
    pub applicant_kind: String,
    /// The volunteer applying.
    pub user_id: Option<Uuid>,
    /// The organization applying.
    pub organization_id: Option<Uuid>,
    /// The name shown in the public register.
    pub public_name: String,
    /// Region.
    pub region_code: String,
    /// Main activity type codes.
    pub activity_types: Vec<String>,
    /// Number of participants.
    pub participants: i64,
    /// Projects (free text).
    pub projects: String,
    /// Who submitted it.
    pub submitted_by: Uuid,
}

/// An entry of the register.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Entry {
    /// Key.
    pub id: Uuid,
    /// `volunteer` or `organization`.
    pub applicant_kind: String,
    /// Volunteer.
    pub user_id: Option<Uuid>,
    /// Organization.
    pub organization_id: Option<Uuid>,
    /// Public name.
    pub public_name: String,
    /// Region.
    pub region_code: String,
    /// JSON array of activity type codes.
    pub activity_types: String,
    /// Participants.
    pub participants: i64,
    /// Projects.
    pub projects: String,
    /// `submitted`, `under_review`, `included`, `refused`, `excluded`.
    pub status: String,
    /// Submitted at.
    pub submitted_at: DateTime<Utc>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
    /// Reason of a refusal or exclusion.
    pub reason: Option<String>,
    /// Rows matching the query (lists only).
    pub total: i64,
}

impl Entry {
    /// Activity type codes.
    pub fn activity_type_list(&self) -> Vec<String> {
        serde_json::from_str(&self.activity_types).unwrap_or_default()
    }
}

const COLUMNS: &str = "id, applicant_kind, user_id, organization_id, public_name, region_code, \
    activity_types, participants, projects, status, submitted_at, decided_at, reason";

/// Submits an application; `Conflict("already_applied")` while another one of the same
/// applicant is pending or included.
pub async fn apply(db: &Db, a: &NewApplication) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    let types = serde_json::to_string(&a.activity_types).expect("strings serialise");
    let audit = NewEntry {
        actor_id: Some(a.submitted_by),
        action: "register.submitted".into(),
        object_type: "register_entry".into(),
        object_id: id,
        organization_id: a.organization_id,
        region_code: Some(a.region_code.clone()),
        changes: serde_json::json!({"applicant_kind": a.applicant_kind, "activity_types": a.activity_types,
            "participants": a.participants, "projects": a.projects}),
        reason: None,
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let pending: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM register_entries WHERE status IN ('submitted', 'under_review', 'included') \
             AND ((user_id = $1 AND applicant_kind = 'volunteer') OR organization_id = $2)",
        ).bind(a.user_id).bind(a.organization_id).fetch_one(&mut *tx).await?;
        if pending > 0 {
            return Err(Error::Conflict("already_applied"));
        }
        sqlx::query(
            "INSERT INTO register_entries (id, applicant_kind, user_id, organization_id, public_name, region_code, \
             activity_types, participants, projects, status, submitted_at, submitted_by, search_text) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10, $11, $12)",
        )
        .bind(id).bind(&a.applicant_kind).bind(a.user_id).bind(a.organization_id).bind(&a.public_name)
        .bind(&a.region_code).bind(&types).bind(a.participants).bind(&a.projects).bind(at)
        .bind(a.submitted_by).bind(a.public_name.to_lowercase())
        .execute(&mut *tx).await?;
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(id)
}

/// One entry.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Entry>> {
    let sql =
        format!("SELECT {COLUMNS}, CAST(0 AS BIGINT) AS total FROM register_entries WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// Moves an entry from `expected` to `new_status` with a reason (decisions, exclusion);
/// exactly one of concurrent deciders wins, the others get `Conflict("already_decided")`.
pub async fn transition(
    db: &Db,
    id: Uuid,
    expected: &str,
    new_status: &str,
    reason: Option<&str>,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let row: Option<(Option<Uuid>, String)> = sqlx::query_as(
            "UPDATE register_entries SET status = $2, decided_at = $3, decided_by = $4, reason = $5 \
             WHERE id = $1 AND status = $6 RETURNING organization_id, region_code",
        )
        .bind(id).bind(new_status).bind(at).bind(actor).bind(reason).bind(expected)
        .fetch_optional(&mut *tx).await?;
        let Some((org, region)) = row else { return Err(Error::Conflict("already_decided")) };
        let audit = NewEntry {
            actor_id: Some(actor),
            action: format!("register.{new_status}"),
            object_type: "register_entry".into(),
            object_id: id,
            organization_id: org,
            region_code: Some(region),
            changes: serde_json::json!({"status": [expected, new_status]}),
            reason: reason.map(str::to_owned),
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Filters of the register.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Statuses to list (the public register: `included` only).
    pub statuses: Vec<String>,
    /// Region.
    pub region: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// `volunteer` or `organization`.
    pub kind: Option<String>,
    /// Text in the name.
    pub q: Option<String>,
}

/// Entries matching, oldest submission first; `limit` None for an export of all.
pub async fn search(
    db: &Db,
    q: &Query,
    limit: Option<i64>,
    offset: i64,
) -> Result<(Vec<Entry>, i64)> {
    // Statuses are a short fixed list: each is checked against it, then inlined.
    let allowed = [
        "submitted",
        "under_review",
        "included",
        "refused",
        "excluded",
    ];
    let list = q
        .statuses
        .iter()
        .filter_map(|s| allowed.iter().find(|a| **a == s.as_str()))
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let list = if list.is_empty() {
        "'included'".to_owned()
    } else {
        list
    };
    let sql = format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM register_entries WHERE status IN ({list}) \
         AND ($1 IS NULL OR region_code = $1) AND ($2 IS NULL OR activity_types LIKE $2 ESCAPE '\\') \
         AND ($3 IS NULL OR applicant_kind = $3) AND ($4 IS NULL OR search_text LIKE $4 ESCAPE '\\') \
         ORDER BY submitted_at, id LIMIT $5 OFFSET $6"
    );
    let activity = q
        .activity_type
        .as_ref()
        .map(|a| format!("%\"{}\"%", crate::like_escape(a)));
    let text =
        q.q.as_ref()
            .map(|t| format!("%{}%", crate::like_escape(&t.to_lowercase())));
    let keep = db.keeps_plans();
    let rows = on_db!(db, pool => sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql.as_str())).persistent(keep)
        .bind(q.region.as_deref()).bind(activity).bind(q.kind.as_deref()).bind(text)
        .bind(limit.unwrap_or(i64::MAX)).bind(offset).fetch_all(pool).await?);
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    Ok((rows, total))
}

/// The entries of a volunteer or an organization, newest first.
pub async fn of_applicant(db: &Db, user: Option<Uuid>, org: Option<Uuid>) -> Result<Vec<Entry>> {
    let sql = format!(
        "SELECT {COLUMNS}, CAST(0 AS BIGINT) AS total FROM register_entries WHERE (applicant_kind = 'volunteer' AND user_id = $1) \
         OR organization_id = $2 ORDER BY submitted_at DESC"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Entry>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(user).bind(org).fetch_all(pool).await?),
    )
}
