//! The audit log: who did what to which object, when and why. Append-only: the store has
//! no function that changes or deletes an entry, and database triggers refuse it too.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Result, on_db};

/// An entry to record.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    /// Who (None: the system).
    pub actor_id: Option<Uuid>,
    /// What happened, e.g. `organization.created`, `verification.verify`.
    pub action: String,
    /// The kind of object, e.g. `organization`, `register_entry`, `role`.
    pub object_type: String,
    /// The object.
    pub object_id: Uuid,
    /// The organization concerned, if any (for its page).
    pub organization_id: Option<Uuid>,
    /// The region concerned, if any (for regional staff).
    pub region_code: Option<String>,
    /// What changed: a JSON object `{field: [old, new]}` or details.
    pub changes: serde_json::Value,
    /// Why (decisions with a reason).
    pub reason: Option<String>,
}

/// Inserts an audit entry with the executor `$exec` (a transaction, usually), so that the
/// entry commits or rolls back with the change it describes.
#[macro_export]
macro_rules! record_audit {
    ($exec:expr, $entry:expr) => {{
        let e: &$crate::audit::NewEntry = $entry;
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_id, action, object_type, object_id, organization_id, \
             region_code, changes, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind($crate::new_id())
        .bind($crate::now())
        .bind(e.actor_id)
        .bind(e.action.as_str())
        .bind(e.object_type.as_str())
        .bind(e.object_id)
        .bind(e.organization_id)
        .bind(e.region_code.as_deref())
        .bind(e.changes.to_string())
        .bind(e.reason.as_deref())
        .execute($exec)
        .await
    }};
}

/// A recorded entry, with the actor's public name.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Entry {
    /// Key.
    pub id: Uuid,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor_id: Option<Uuid>,
    /// The actor's public name.
    pub actor_name: Option<String>,
    /// What happened.
    pub action: String,
    /// Kind of object.
    pub object_type: String,
    /// The object.
    pub object_id: Uuid,
    /// Organization concerned.
    pub organization_id: Option<Uuid>,
    /// Region concerned.
    pub region_code: Option<String>,
    /// JSON of the changes.
    pub changes: String,
    /// Why.
    pub reason: Option<String>,
}

/// Records one entry on its own (when there is no transaction to join).
pub async fn record(db: &Db, entry: &NewEntry) -> Result<()> {
    on_db!(db, pool => record_audit!(pool, entry)?.rows_affected());
    Ok(())
}

/// Filters for browsing the log.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this object type.
    pub object_type: Option<String>,
    /// Only this object.
    pub object_id: Option<Uuid>,
    /// Only entries about this organization.
    pub organization_id: Option<Uuid>,
    /// Only this action prefix, e.g. `verification.`.
    pub action_prefix: Option<String>,
    /// Only this actor.
    pub actor_id: Option<Uuid>,
    /// Only this region.
    pub region_code: Option<String>,
}

/// Entries matching `filter`, newest first, one page.
pub async fn search(db: &Db, f: &Filter, limit: i64, offset: i64) -> Result<Vec<Entry>> {
    const SQL: &str = "SELECT a.id, a.at, a.actor_id, u.display_name AS actor_name, a.action, \
        a.object_type, a.object_id, a.organization_id, a.region_code, a.changes, a.reason \
        FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
        WHERE ($1 IS NULL OR a.object_type = $1) AND ($2 IS NULL OR a.object_id = $2) \
        AND ($3 IS NULL OR a.organization_id = $3) AND ($4 IS NULL OR a.action LIKE $4 ESCAPE '\\') \
        AND ($5 IS NULL OR a.actor_id = $5) AND ($6 IS NULL OR a.region_code = $6) \
        ORDER BY a.at DESC, a.id DESC LIMIT $7 OFFSET $8";
    let prefix = f
        .action_prefix
        .as_ref()
        .map(|p| format!("{}%", crate::like_escape(p)));
    let keep = db.keeps_plans();
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Entry>(SQL).persistent(keep)
        .bind(f.object_type.as_deref()).bind(f.object_id).bind(f.organization_id)
        .bind(prefix).bind(f.actor_id).bind(f.region_code.as_deref()).bind(limit).bind(offset)
        .fetch_all(pool).await?),
    )
}
