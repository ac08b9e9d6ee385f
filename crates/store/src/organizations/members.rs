//! Members of an organization: the list, removal, ownership, invitations.

use crate::audit::NewEntry;
use crate::{Db, Error, Result, new_id, now, on_db, record_audit};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

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

/// Makes a member of `org` its treasurer (`on`), or no longer (`!on`); false when she is
/// not a member (to make one) or not a treasurer (to unmake).
pub async fn set_treasurer(db: &Db, org: Uuid, user: Uuid, on: bool, actor: Uuid) -> Result<bool> {
    let audit = NewEntry {
        actor_id: Some(actor),
        action: if on {
            "treasurer.appointed"
        } else {
            "treasurer.removed"
        }
        .into(),
        object_type: "role".into(),
        object_id: user,
        organization_id: Some(org),
        changes: serde_json::json!({"role": if on { [None, Some("org_treasurer")] } else { [Some("org_treasurer"), None] }}),
        ..Default::default()
    };
    on_db!(db, pool => {
        let mut tx = pool.begin_with(db.begin_write()).await?;
        let roles: Vec<String> = sqlx::query_scalar(
            "SELECT role FROM role_assignments WHERE organization_id = $1 AND user_id = $2",
        ).bind(org).bind(user).fetch_all(&mut *tx).await?;
        let is_treasurer = roles.iter().any(|r| r == "org_treasurer");
        let changed = if on {
            if roles.is_empty() || is_treasurer {
                false
            } else {
                sqlx::query(
                    "INSERT INTO role_assignments (id, user_id, role, organization_id, granted_by, created_at) \
                     VALUES ($1, $2, 'org_treasurer', $3, $4, $5)",
                ).bind(new_id()).bind(user).bind(org).bind(actor).bind(now()).execute(&mut *tx).await?;
                true
            }
        } else {
            sqlx::query(
                "DELETE FROM role_assignments WHERE organization_id = $1 AND user_id = $2 AND role = 'org_treasurer'",
            ).bind(org).bind(user).execute(&mut *tx).await?.rows_affected() > 0
        };
        if changed {
            record_audit!(&mut *tx, &audit)?;
        }
        tx.commit().await?;
        Ok(changed)
    })
}
