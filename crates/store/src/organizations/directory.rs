//! The public directory of organizations, and who to write to about one.

use crate::{Db, Result, on_db};
use domain::{OrgKind, OrgStatus};
use serde::Serialize;
use uuid::Uuid;

/// Filters of the public directory.
#[derive(Debug, Clone, Default)]
pub struct DirectoryQuery {
    /// Region code.
    pub region: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Kind.
    pub kind: Option<OrgKind>,
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
    #[sqlx(try_from = "String")]
    pub kind: OrgKind,
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
    /// Status (verified carries the badge).
    #[sqlx(try_from = "String")]
    pub status: OrgStatus,
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
        .bind(q.region.as_deref()).bind(direction).bind(q.kind.map(|k| k.code())).bind(q.verified_only)
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

/// The organizations a user belongs to, with the role: (key, role, names kk/ru/en, status).
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
        OrgStatus,
    )>,
> {
    /// One of them (a tuple cannot read its status with `try_from`).
    #[derive(sqlx::FromRow)]
    struct Membership {
        id: Uuid,
        role: String,
        name_kk: Option<String>,
        name_ru: Option<String>,
        name_en: Option<String>,
        #[sqlx(try_from = "String")]
        status: OrgStatus,
    }
    let rows: Vec<Membership> = on_db!(db, pool => sqlx::query_as(
        "SELECT o.id, r.role, o.name_kk, o.name_ru, o.name_en, o.status FROM role_assignments r \
         JOIN organizations o ON o.id = r.organization_id WHERE r.user_id = $1 ORDER BY o.created_at",
    ).bind(user).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|m| (m.id, m.role, m.name_kk, m.name_ru, m.name_en, m.status))
        .collect())
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
