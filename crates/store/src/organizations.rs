//! Organizations and initiative groups: details, members, invitations, verification by the
//! regional front-office, suspension, and the public directory. Every state change writes
//! its audit entry in the same transaction. State changes are compare-and-set on the
//! current status, so two staff deciding at the same moment cannot both win.

use std::ops::Deref;

use chrono::{DateTime, Utc};
use domain::{OrgKind, OrgStatus};
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
        .bind($crate::new_id())
        .bind($org)
        .bind($region)
        .bind($at)
        .bind($by)
        .execute($exec)
        .await
        .map_err(|e| $crate::conflict_on_unique(e, "already_requested"))
    };
}

mod directory;
mod members;
mod verification;

pub use directory::{
    Card, DirectoryQuery, MemberContact, choices, directory, member_contacts, of_user,
    owner_contacts,
};
pub use members::{
    Member, accept_invitation, invite, members, remove_member, set_treasurer, transfer_ownership,
};
pub use verification::{
    QueueItem, Request, decide, queue, request, request_verification, requests_of, set_suspended,
};

/// An organization as stored (without the logo bytes): its key and state around its
/// [`Details`], whose fields it reads through (`org.name_kk`).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Organization {
    /// Key.
    pub id: Uuid,
    /// What it says about itself.
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub details: Details,
    /// Content type of the logo, when there is one.
    pub logo_type: Option<String>,
    /// Lifecycle status.
    #[sqlx(try_from = "String")]
    pub status: OrgStatus,
    /// Status to go back to when restored.
    #[sqlx(try_from = "StoredStatus")]
    pub status_before_suspension: Option<OrgStatus>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl Deref for Organization {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.details
    }
}

/// A nullable status column as stored, read back as an `Option<OrgStatus>` (a tuple struct
/// because `#[sqlx(try_from)]` cannot name `Option<String>` itself).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
struct StoredStatus(Option<String>);

impl TryFrom<StoredStatus> for Option<OrgStatus> {
    type Error = domain::Invalid;
    fn try_from(s: StoredStatus) -> std::result::Result<Self, Self::Error> {
        s.0.map(OrgStatus::try_from).transpose()
    }
}

/// A list of codes as stored: a JSON array in a text column, read back as a `Vec<String>`
/// (empty when the text is not such an array).
#[derive(sqlx::Type)]
#[sqlx(transparent)]
struct StoredCodes(String);

impl From<StoredCodes> for Vec<String> {
    fn from(s: StoredCodes) -> Self {
        serde_json::from_str(&s.0).unwrap_or_default()
    }
}

const ORG_COLUMNS: &str = "id, kind, bin, name_kk, name_ru, name_en, description_kk, description_ru, \
    description_en, region_code, locality, directions, activity_types, contact_email, contact_phone, \
    website, logo_type, status, status_before_suspension, created_at, updated_at";

/// What an organization says about itself: the details its owners edit.
// The one definition of these fields: the stored row flattens them, the API answers them
// with the names serde gives (the region as `region`), the audit records their changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = OrgDetails)]
pub struct Details {
    /// What it is.
    #[sqlx(try_from = "String")]
    pub kind: OrgKind,
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
    #[serde(rename = "region")]
    pub region_code: String,
    /// Town or village.
    pub locality: Option<String>,
    /// Direction codes.
    #[sqlx(try_from = "StoredCodes")]
    pub directions: Vec<String>,
    /// Activity type codes.
    #[sqlx(try_from = "StoredCodes")]
    pub activity_types: Vec<String>,
    /// Public contact e-mail.
    pub contact_email: Option<String>,
    /// Public contact phone.
    pub contact_phone: Option<String>,
    /// Website.
    pub website: Option<String>,
}

/// The column of a field of [`Details`] named `key` when serialised: the audit names
/// changes by their columns.
fn column(key: &str) -> &str {
    match key {
        "region" => "region_code",
        other => other,
    }
}

impl Details {
    /// Lower-case names for search in any language.
    pub fn search_text(&self) -> String {
        [&self.name_kk, &self.name_ru, &self.name_en]
            .iter()
            .filter_map(|n| n.as_deref())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// `{column: [old, new]}` for every field that differs.
    pub fn diff(&self, new: &Details) -> serde_json::Value {
        let old = serde_json::to_value(self).unwrap_or_default();
        let new = serde_json::to_value(new).unwrap_or_default();
        let mut out = serde_json::Map::new();
        if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
            for (k, v) in n {
                if o.get(k) != Some(v) {
                    out.insert(column(k).to_owned(), serde_json::json!([o.get(k), v]));
                }
            }
        }
        serde_json::Value::Object(out)
    }

    /// `{field: [empty, new]}` for every field given, as the audit of a creation has it
    /// (the kind, never empty, always; it was typed as a string once, empty before).
    fn as_created(&self) -> serde_json::Value {
        let mut changes = Details::default().diff(self);
        if let Some(m) = changes.as_object_mut() {
            m.insert("kind".into(), serde_json::json!(["", self.kind]));
        }
        changes
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

/// Binds the columns of [`Details`] in their order (`kind` … `website`), then the
/// `search_text` they make: what [`create`] and [`update`] write.
macro_rules! bind_details {
    ($q:expr, $d:expr) => {{
        let d: &Details = $d;
        $q.bind(d.kind.code())
            .bind(&d.bin)
            .bind(&d.name_kk)
            .bind(&d.name_ru)
            .bind(&d.name_en)
            .bind(&d.description_kk)
            .bind(&d.description_ru)
            .bind(&d.description_en)
            .bind(&d.region_code)
            .bind(&d.locality)
            .bind(json(&d.directions))
            .bind(json(&d.activity_types))
            .bind(&d.contact_email)
            .bind(&d.contact_phone)
            .bind(&d.website)
            .bind(d.search_text())
    }};
}

/// Creates an organization owned by `owner`; `Conflict("bin_taken")` when the BIN exists.
pub async fn create(db: &Db, d: &Details, owner: Uuid) -> Result<Uuid> {
    const INSERT: &str = "INSERT INTO organizations (id, kind, bin, name_kk, name_ru, name_en, description_kk, \
        description_ru, description_en, region_code, locality, directions, activity_types, \
        contact_email, contact_phone, website, search_text, status, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'registered', $18, $18)";
    let id = new_id();
    let at = now();
    let audit = NewEntry {
        actor_id: Some(owner),
        action: "organization.created".into(),
        object_type: "organization".into(),
        object_id: id,
        organization_id: Some(id),
        region_code: Some(d.region_code.clone()),
        changes: d.as_created(),
        reason: None,
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(INSERT).bind(id);
        bind_details!(q, d).bind(at)
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
    expected_status: OrgStatus,
    new_status: OrgStatus,
    actor: Uuid,
) -> Result<()> {
    const UPDATE: &str = "UPDATE organizations SET kind = $2, bin = $3, name_kk = $4, name_ru = $5, name_en = $6, \
        description_kk = $7, description_ru = $8, description_en = $9, region_code = $10, \
        locality = $11, directions = $12, activity_types = $13, contact_email = $14, \
        contact_phone = $15, website = $16, search_text = $17, status = $18, updated_at = $19 \
        WHERE id = $1 AND status = $20";
    let at = now();
    let mut changes = old.diff(d);
    if expected_status != new_status
        && let Some(m) = changes.as_object_mut()
    {
        m.insert(
            "status".into(),
            serde_json::json!([expected_status.code(), new_status.code()]),
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
        let q = sqlx::query(UPDATE).bind(id);
        let n = bind_details!(q, d)
        .bind(new_status.code()).bind(at).bind(expected_status.code())
        .execute(&mut *tx).await.map_err(|e| conflict_on_unique(e, "bin_taken"))?
        .rows_affected();
        if n == 0 {
            return Err(Error::Conflict("state_changed"));
        }
        if new_status == OrgStatus::VerificationRequested && expected_status != new_status {
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
