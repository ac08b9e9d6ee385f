//! Live counters for the home page.

use serde::Serialize;

use crate::{Db, Result, on_db};

/// Platform-wide counters.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counters {
    /// Accounts with a confirmed e-mail.
    pub volunteers: i64,
    /// Organizations and initiative groups (not suspended).
    pub organizations: i64,
    /// Confirmed minutes in the volunteer book.
    pub confirmed_minutes: i64,
}

/// Counts volunteers, organizations and confirmed minutes in one statement.
pub async fn counters(db: &Db) -> Result<Counters> {
    const SQL: &str = "SELECT \
        (SELECT COUNT(*) FROM users WHERE email_confirmed_at IS NOT NULL), \
        (SELECT COUNT(*) FROM organizations WHERE status <> 'suspended'), \
        (SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) FROM hours_entries WHERE status = 'confirmed')";
    let (volunteers, organizations, confirmed_minutes): (i64, i64, i64) =
        on_db!(db, pool => sqlx::query_as(SQL).fetch_one(pool).await?);
    Ok(Counters {
        volunteers,
        organizations,
        confirmed_minutes,
    })
}
