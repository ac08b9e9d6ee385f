//! Organizations and initiative groups: details, members, invitations, verification by the
//! regional front-office, suspension, and the public directory. Every state change writes
//! its audit entry in the same transaction. State changes are compare-and-set on the
//! current status, so two staff deciding at the same moment cannot both win.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::NewEntry;
use crate::{Db, Error, Result, conflict_on_unique, new_id, now, on_db, record_audit};

/// Opens a verification request inside the caller's transaction; the partial unique index
/// turns a second open request into `Conflict("already_requested")`.
macro_rules! open_request {
    ($exec:expr, $org:expr, $region:expr, $by:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO verification_requests (id, organization_id, region_code, status, requested_at, requested_by) \
             VALUES ($1, $2, $3, 'open', $4, $5)",
        )
        .bind(new_id())
        .bind($org)
        .bind($region)
        .bind($at)
        .bind($by)
        .execute($exec)
        .await
        .map_err(|e| conflict_on_unique(e, "already_requested"))
    };
}

/// An organization as stored (without the logo bytes).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Organization {
    /// Key.
    pub id: Uuid,
    /// `ngo`, `state_institution`, `initiative_group`.
    pub kind: String,
    /// BIN (registered legal entities).
    pub bin: Option<String>,
    /// Name in Kazakh.
    pub name_kk: Option<String>,
    /// Name in Russian.
    pub name_ru: Option<String>,
    /// Name in English.
    pub name_en: Option<String>,
    /// Description in Kazakh.
    pub description_kk: Option<String>,
    /// Description in Russian.
    pub description_ru: Option<String>,
    /// Description in English.
    pub description_en: Option<String>,
    /// Region code.
    pub region_code: String,
    /// Town or village.
    pub locality: Option<String>,
    /// JSON array of direction codes.
    pub directions: String,
    /// JSON array of activity type codes.
    pub activity_types: String,
    /// Public contact e-mail.
    pub contact_email: Option<String>,
    /// Public contact phone.
    pub contact_phone: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Content type of the logo, when there is one.
    pub logo_type: Option<String>,
    /// Lifecycle status.
    pub status: String,
    /// Status to go back to when restored.
    pub status_before_suspension: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

const ORG_COLUMNS: &str = "id, kind, bin, name_kk, name_ru, name_en, description_kk, description_ru, \
    description_en, region_code, locality, directions, activity_types, contact_email, contact_phone, \
    website, logo_type, status, status_before_suspension, created_at, updated_at";

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

impl Organization {
    /// Direction codes.
    pub fn direction_list(&self) -> Vec<String> {
        json_list(&self.directions)
    }
    /// Activity type codes.
    pub fn activity_type_list(&self) -> Vec<String> {
        json_list(&self.activity_types)
    }
}

/// The editable details of an organization, validated by the domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Details {
    /// Kind code.
    pub kind: String,
    /// BIN.
    pub bin: Option<String>,
    /// Names.
    pub name_kk: Option<String>,
    /// Names.
    pub name_ru: Option<String>,
    /// Names.
    pub name_en: Option<String>,
    /// Descriptions.
    pub description_kk: Option<String>,
    /// Descriptions.
    pub description_ru: Option<String>,
    /// Descriptions.
    pub description_en: Option<String>,
    /// Region code.
    pub region_code: String,
    /// Locality.
    pub locality: Option<String>,
    /// Direction codes.
    pub directions: Vec<String>,
    /// Activity type codes.
    pub activity_types: Vec<String>,
    /// Contact e-mail.
    pub contact_email: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
    /// Website.
    pub website: Option<String>,
}

impl Details {
    /// The details of a stored organization.
    pub fn of(o: &Organization) -> Details {
        Details {
            kind: o.kind.clone(),
            bin: o.bin.clone(),
            name_kk: o.name_kk.clone(),
            name_ru: o.name_ru.clone(),
            name_en: o.name_en.clone(),
            description_kk: o.description_kk.clone(),
            description_ru: o.description_ru.clone(),
            description_en: o.description_en.clone(),
            region_code: o.region_code.clone(),
            locality: o.locality.clone(),
            directions: o.direction_list(),
            activity_types: o.activity_type_list(),
            contact_email: o.contact_email.clone(),
            contact_phone: o.contact_phone.clone(),
            website: o.website.clone(),
        }
    }

    /// Lower-case names for search in any language.
    pub fn search_text(&self) -> String {
        [&self.name_kk, &self.name_ru, &self.name_en]
            .iter()
            .filter_map(|n| n.as_deref())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// `{field: [old, new]}` for every field that differs.
    pub fn diff(&self, new: &Details) -> serde_json::Value {
        let old = serde_json::to_value(self).unwrap_or_default();
        let new = serde_json::to_value(new).unwrap_or_default();
        let mut out = serde_json::Map::new();
        if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
            for (k, v) in n {
                if o.get(k) != Some(v) {
                    out.insert(k.clone(), serde_json::json!([o.get(k), v]));
                }
            }
        }
        serde_json::Value::Object(out)
    }

    /// True when the legal details (kind, BIN, names, region) differ: a verified
    /// organization goes back to review.
    pub fn legal_change(&self, new: &Details) -> bool {
        (
            &self.kind,
            &self.bin,
            &self.name_kk,
            &self.name_ru,
            &self.name_en,
            &self.region_code,
        ) != (
            &new.kind,
            &new.bin,
            &new.name_kk,
            &new.name_ru,
            &new.name_en,
            &new.region_code,
        )
    }
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).expect("strings serialise")
}

/// Creates an organization owned by `owner`; `Conflict("bin_taken")` when the BIN exists.
pub async fn create(db: &Db, d: &Details, owner: Uuid) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    let audit = NewEntry {
        actor_id: Some(owner),
        action: "organization.created".into(),
        object_type: "organization".into(),
        object_id: id,
        organization_id: Some(id),
        region_code: Some(d.region_code.clone()),
        changes: Details::default().diff(d),
        reason: None,
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO organizations (id, kind, bin, name_kk, name_ru, name_en, description_kk, \
             description_ru, description_en, region_code, locality, directions, activity_types, \
             contact_email, contact_phone, website, status, search_text, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'registered', $17, $18, $18)",
        )
        .bind(id).bind(&d.kind).bind(&d.bin).bind(&d.name_kk).bind(&d.name_ru).bind(&d.name_en)
        .bind(&d.description_kk).bind(&d.description_ru).bind(&d.description_en).bind(&d.region_code)
        .bind(&d.locality).bind(json(&d.directions)).bind(json(&d.activity_types))
        .bind(&d.contact_email).bind(&d.contact_phone).bind(&d.website).bind(d.search_text()).bind(at)
        .execute(&mut *tx).await.map_err(|e| conflict_on_unique(e, "bin_taken"))?;
        sqlx::query(
            "INSERT INTO role_assignments (id, user_id, role, organization_id, created_at) VALUES ($1, $2, 'org_owner', $3, $4)",
        )
        .bind(new_id()).bind(owner).bind(id).bind(at).execute(&mut *tx).await?;
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(id)
}

/// One organization.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Organization>> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM organizations WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Organization>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// Names of several organizations in one statement: (key, kk, ru, en).
pub async fn names(
    db: &Db,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, Option<String>, Option<String>, Option<String>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = (1..=ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql =
        format!("SELECT id, name_kk, name_ru, name_en FROM organizations WHERE id IN ({list})");
    Ok(on_db!(db, pool => {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()));
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    }))
}

/// Saves new details if the organization is still in `expected_status`, moving it to
/// `new_status` (a verified one goes back to review when legal details change).
/// `Conflict("state_changed")` when someone changed the status meanwhile.
pub async fn update(
    db: &Db,
    id: Uuid,
    old: &Details,
    d: &Details,
    expected_status: &str,
    new_status: &str,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    let mut changes = old.diff(d);
    if expected_status != new_status
        && let Some(m) = changes.as_object_mut()
    {
        m.insert(
            "status".into(),
            serde_json::json!([expected_status, new_status]),
        );
    }
    let audit = NewEntry {
        actor_id: Some(actor),
        action: "organization.edited".into(),
        object_type: "organization".into(),
        object_id: id,
        organization_id: Some(id),
        region_code: Some(d.region_code.clone()),
        changes,
        reason: None,
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query(
            "UPDATE organizations SET kind = $2, bin = $3, name_kk = $4, name_ru = $5, name_en = $6, \
             description_kk = $7, description_ru = $8, description_en = $9, region_code = $10, \
             locality = $11, directions = $12, activity_types = $13, contact_email = $14, \
             contact_phone = $15, website = $16, search_text = $17, status = $18, updated_at = $19 \
             WHERE id = $1 AND status = $20",
        )
        .bind(id).bind(&d.kind).bind(&d.bin).bind(&d.name_kk).bind(&d.name_ru).bind(&d.name_en)
        .bind(&d.description_kk).bind(&d.description_ru).bind(&d.description_en).bind(&d.region_code)
        .bind(&d.locality).bind(json(&d.directions)).bind(json(&d.activity_types))
        .bind(&d.contact_email).bind(&d.contact_phone).bind(&d.website).bind(d.search_text())
        .bind(new_status).bind(at).bind(expected_status)
        .execute(&mut *tx).await.map_err(|e| conflict_on_unique(e, "bin_taken"))?
        .rows_affected();
        if n == 0 {
            return Err(Error::Conflict("state_changed"));
        }
        if new_status == "verification_requested" && expected_status != new_status {
            open_request!(&mut *tx, id, &d.region_code, actor, at)?;
        }
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

/// The logo bytes and content type.
pub async fn logo(db: &Db, id: Uuid) -> Result<Option<(Vec<u8>, String)>> {
    let row: Option<(Option<Vec<u8>>, Option<String>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT logo, logo_type FROM organizations WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?);
    Ok(row.and_then(|(b, t)| Some((b?, t?))))
}

/// Replaces the logo (already checked and typed by the domain).
pub async fn set_logo(
    db: &Db,
    id: Uuid,
    bytes: &[u8],
    content_type: &str,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    let audit = NewEntry {
        actor_id: Some(actor),
        action: "organization.logo".into(),
        object_type: "organization".into(),
        object_id: id,
        organization_id: Some(id),
        changes: serde_json::json!({"logo": {"bytes": bytes.len(), "type": content_type}}),
        ..Default::default()
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE organizations SET logo = $2, logo_type = $3, updated_at = $4 WHERE id = $1")
            .bind(id).bind(bytes).bind(content_type).bind(at).execute(&mut *tx).await?;
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

// ---------------------------------------------------------------- verification

/// Asks for verification: moves the organization from `expected_status` to
/// `verification_requested` and opens a request for its region's front-office.
pub async fn request_verification(
    db: &Db,
    id: Uuid,
    expected_status: &str,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let region: Option<String> = sqlx::query_scalar(
            "UPDATE organizations SET status = 'verification_requested', updated_at = $2 \
             WHERE id = $1 AND status = $3 RETURNING region_code",
        )
        .bind(id).bind(at).bind(expected_status).fetch_optional(&mut *tx).await?;
        let Some(region) = region else { return Err(Error::Conflict("state_changed")) };
        open_request!(&mut *tx, id, &region, actor, at)?;
        let audit = NewEntry {
            actor_id: Some(actor),
            action: "verification.requested".into(),
            object_type: "organization".into(),
            object_id: id,
            organization_id: Some(id),
            region_code: Some(region),
            changes: serde_json::json!({"status": [expected_status, "verification_requested"]}),
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
    pub kind: String,
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

/// Decides an open request: `decision` is `verify`, `reject` or `request_changes`, and the
/// organization moves to `org_status`. Exactly one of several concurrent deciders wins;
/// the others get `Conflict("already_decided")`.
pub async fn decide(
    db: &Db,
    request_id: Uuid,
    decision: &str,
    org_status: &str,
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
        .bind(request_id).bind(decision).bind(at).bind(actor).bind(reason)
        .fetch_optional(&mut *tx).await?;
        let Some((org, region)) = won else { return Err(Error::Conflict("already_decided")) };
        let n = sqlx::query(
            "UPDATE organizations SET status = $2, updated_at = $3 WHERE id = $1 AND status = 'verification_requested'",
        )
        .bind(org).bind(org_status).bind(at).execute(&mut *tx).await?.rows_affected();
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
            changes: serde_json::json!({"status": ["verification_requested", org_status]}),
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
    expected_status: &str,
    new_status: &str,
    reason: &str,
    actor: Uuid,
) -> Result<()> {
    let at = now();
    let suspend = new_status == "suspended";
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let region: Option<String> = sqlx::query_scalar(
            "UPDATE organizations SET status = $2, status_before_suspension = $3, updated_at = $4 \
             WHERE id = $1 AND status = $5 RETURNING region_code",
        )
        .bind(id).bind(new_status).bind(suspend.then_some(expected_status)).bind(at).bind(expected_status)
        .fetch_optional(&mut *tx).await?;
        let Some(region) = region else { return Err(Error::Conflict("state_changed")) };
        let audit = NewEntry {
            actor_id: Some(actor),
            action: if suspend { "organization.suspended" } else { "organization.restored" }.into(),
            object_type: "organization".into(),
            object_id: id,
            organization_id: Some(id),
            region_code: Some(region),
            changes: serde_json::json!({"status": [expected_status, new_status]}),
            reason: Some(reason.to_owned()),
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

// ---------------------------------------------------------------- members

/// A member as shown on the organization's page.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Member {
    /// The user.
    pub user_id: Uuid,
    /// Public name.
    pub display_name: String,
    /// `org_owner` or `org_coordinator`.
    pub role: String,
}

/// Members, owner first.
pub async fn members(db: &Db, org: Uuid) -> Result<Vec<Member>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Member>(
        "SELECT r.user_id, u.display_name, r.role FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.organization_id = $1 ORDER BY r.role DESC, u.display_name",
    ).bind(org).fetch_all(pool).await?))
}

/// Removes a coordinator (never the owner); false when there was none.
pub async fn remove_member(
    db: &Db,
    org: Uuid,
    user: Uuid,
    actor: Uuid,
    action: &str,
) -> Result<bool> {
    let audit = NewEntry {
        actor_id: Some(actor),
        action: action.into(),
        object_type: "role".into(),
        object_id: user,
        organization_id: Some(org),
        changes: serde_json::json!({"role": ["org_coordinator", null]}),
        ..Default::default()
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query(
            "DELETE FROM role_assignments WHERE organization_id = $1 AND user_id = $2 AND role = 'org_coordinator'",
        ).bind(org).bind(user).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Ok(false);
        }
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Hands ownership to a coordinator; the old owner becomes a coordinator. The organization
/// has exactly one owner before and after.
pub async fn transfer_ownership(db: &Db, org: Uuid, from: Uuid, to: Uuid) -> Result<()> {
    let audit = NewEntry {
        actor_id: Some(from),
        action: "organization.ownership_transferred".into(),
        object_type: "role".into(),
        object_id: to,
        organization_id: Some(org),
        changes: serde_json::json!({"owner": [from, to]}),
        ..Default::default()
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let promoted = sqlx::query(
            "UPDATE role_assignments SET role = 'org_owner' WHERE organization_id = $1 AND user_id = $2 AND role = 'org_coordinator'",
        ).bind(org).bind(to).execute(&mut *tx).await?.rows_affected();
        let demoted = sqlx::query(
            "UPDATE role_assignments SET role = 'org_coordinator' WHERE organization_id = $1 AND user_id = $2 AND role = 'org_owner'",
        ).bind(org).bind(from).execute(&mut *tx).await?.rows_affected();
        if promoted != 1 || demoted != 1 {
            return Err(Error::Conflict("not_a_member"));
        }
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Stores an invitation (only the token's hash).
pub async fn invite(
    db: &Db,
    org: Uuid,
    email: &str,
    token_hash: &str,
    by: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    let audit = NewEntry {
        actor_id: Some(by),
        action: "member.invited".into(),
        object_type: "invitation".into(),
        object_id: id,
        organization_id: Some(org),
        changes: serde_json::json!({"email": email}),
        ..Default::default()
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO invitations (id, organization_id, email, token_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        ).bind(id).bind(org).bind(email).bind(token_hash).bind(by).bind(at).bind(expires_at)
            .execute(&mut *tx).await?;
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
    });
    Ok(id)
}

/// Accepts an invitation once, before it expires: the user becomes a coordinator.
/// Returns the organization; `Conflict("invitation_invalid")` otherwise.
pub async fn accept_invitation(db: &Db, token_hash: &str, user: Uuid) -> Result<Uuid> {
    let at = now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let org: Option<Uuid> = sqlx::query_scalar(
            "UPDATE invitations SET accepted_at = $2, accepted_by = $3 \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 RETURNING organization_id",
        ).bind(token_hash).bind(at).bind(user).fetch_optional(&mut *tx).await?;
        let Some(org) = org else { return Err(Error::Conflict("invitation_invalid")) };
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM role_assignments WHERE organization_id = $1 AND user_id = $2",
        ).bind(org).bind(user).fetch_one(&mut *tx).await?;
        if held == 0 {
            sqlx::query(
                "INSERT INTO role_assignments (id, user_id, role, organization_id, created_at) VALUES ($1, $2, 'org_coordinator', $3, $4)",
            ).bind(new_id()).bind(user).bind(org).bind(at).execute(&mut *tx).await?;
        }
        let audit = NewEntry {
            actor_id: Some(user),
            action: "member.joined".into(),
            object_type: "role".into(),
            object_id: user,
            organization_id: Some(org),
            changes: serde_json::json!({"role": [null, "org_coordinator"]}),
            ..Default::default()
        };
        record_audit!(&mut *tx, &audit)?;
        tx.commit().await?;
        Ok(org)
    })
}

// ---------------------------------------------------------------- directory

/// Filters of the public directory.
#[derive(Debug, Clone, Default)]
pub struct DirectoryQuery {
    /// Region code.
    pub region: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Kind code.
    pub kind: Option<String>,
    /// Only verified organizations.
    pub verified_only: bool,
    /// Text in a name, any language.
    pub q: Option<String>,
}

/// A line of the directory.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Card {
    /// Key.
    pub id: Uuid,
    /// Kind.
    pub kind: String,
    /// Names.
    pub name_kk: Option<String>,
    /// Names.
    pub name_ru: Option<String>,
    /// Names.
    pub name_en: Option<String>,
    /// Region.
    pub region_code: String,
    /// Locality.
    pub locality: Option<String>,
    /// Status (`verified` carries the badge).
    pub status: String,
    /// Total rows matching (the same on every row).
    pub total: i64,
}

/// One page of the directory (suspended organizations are not listed), verified first.
pub async fn directory(
    db: &Db,
    q: &DirectoryQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Card>, i64)> {
    const SQL: &str = "SELECT id, kind, name_kk, name_ru, name_en, region_code, locality, status, \
        COUNT(*) OVER () AS total FROM organizations \
        WHERE status <> 'suspended' AND ($1 IS NULL OR region_code = $1) \
        AND ($2 IS NULL OR directions LIKE $2 ESCAPE '\\') AND ($3 IS NULL OR kind = $3) \
        AND ($4 = FALSE OR status = 'verified') AND ($5 IS NULL OR search_text LIKE $5 ESCAPE '\\') \
        ORDER BY CASE WHEN status = 'verified' THEN 0 ELSE 1 END, search_text, id LIMIT $6 OFFSET $7";
    let direction = q
        .direction
        .as_ref()
        .map(|d| format!("%\"{}\"%", crate::like_escape(d)));
    let text =
        q.q.as_ref()
            .map(|t| format!("%{}%", crate::like_escape(&t.to_lowercase())));
    let keep = db.keeps_plans();
    let rows = on_db!(db, pool => sqlx::query_as::<_, Card>(SQL).persistent(keep)
        .bind(q.region.as_deref()).bind(direction).bind(q.kind.as_deref()).bind(q.verified_only)
        .bind(text).bind(limit).bind(offset).fetch_all(pool).await?);
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    Ok((rows, total))
}

/// Names of the organizations of a region (every region without one) that are not
/// suspended, by name: what a form offers to choose from.
pub async fn choices(
    db: &Db,
    region: Option<&str>,
    limit: i64,
) -> Result<Vec<(Uuid, Option<String>, Option<String>, Option<String>)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT id, name_kk, name_ru, name_en FROM organizations \
         WHERE status <> 'suspended' AND ($1 IS NULL OR region_code = $1) ORDER BY search_text, id LIMIT $2",
    ).persistent(db.keeps_plans()).bind(region).bind(limit).fetch_all(pool).await?))
}

/// The organizations a user belongs to, with the role.
pub async fn of_user(
    db: &Db,
    user: Uuid,
) -> Result<
    Vec<(
        Uuid,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    )>,
> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT o.id, r.role, o.name_kk, o.name_ru, o.name_en, o.status FROM role_assignments r \
         JOIN organizations o ON o.id = r.organization_id WHERE r.user_id = $1 ORDER BY o.created_at",
    ).bind(user).fetch_all(pool).await?))
}

/// E-mail and preferred language of the owners (for notifications).
pub async fn owner_contacts(db: &Db, org: Uuid) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT u.email, u.preferred_lang FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.organization_id = $1 AND r.role = 'org_owner'",
    ).bind(org).fetch_all(pool).await?))
}

/// A member to write to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberContact {
    /// E-mail.
    pub email: String,
    /// Public name.
    pub display_name: String,
    /// Language of the site for them.
    pub preferred_lang: String,
}

/// Members' addresses (owner and coordinators).
pub async fn member_contacts(db: &Db, org: Uuid) -> Result<Vec<MemberContact>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, MemberContact>(
        "SELECT u.email, u.display_name, u.preferred_lang FROM role_assignments r JOIN users u ON u.id = r.user_id \
         WHERE r.organization_id = $1 ORDER BY r.role DESC, u.display_name",
    ).bind(org).fetch_all(pool).await?))
}
