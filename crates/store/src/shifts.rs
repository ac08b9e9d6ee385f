//! Shifts of an event: their times and places. What happens to applications is in
//! [`crate::applications`] (re-exported here, where it used to live); how an application
//! takes a place, in [`crate::placement`].

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Result, new_id, now, on_db};

pub use crate::applications::{
    ApplicationRow, Consent, MyApplication, Waiting, accept, application, applications_of,
    applications_of_event, apply, cancel, check_in, check_out, due_coordinator_reminders,
    due_shift_reminders, escalated, event_of_application, mark_no_show, median_response_minutes,
    mine, mine_in_event, move_to, notice, record_consent, reject, still_checked_in,
};

pub use crate::placement::{Notice, Tell, apply_and_tell};

/// A shift to add.
#[derive(Debug, Clone)]
pub struct NewShift {
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places.
    pub capacity: i64,
    /// What happens in it.
    pub description: Option<String>,
}

/// Adds one shift; the database refuses capacity ≤ 0 and an end before the start.
pub async fn add_shift(
    db: &Db,
    event: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i64,
) -> Result<Uuid> {
    let ids = add_shifts(
        db,
        event,
        &[NewShift {
            starts_at,
            ends_at,
            capacity,
            description: None,
        }],
    )
    .await?;
    Ok(ids[0])
}

/// Adds shifts in one transaction (all or none) and keeps the event's `next_start`.
pub async fn add_shifts(db: &Db, event: Uuid, shifts: &[NewShift]) -> Result<Vec<Uuid>> {
    let at = now();
    let mut ids = Vec::with_capacity(shifts.len());
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for s in shifts {
            let id = new_id();
            sqlx::query(
                "INSERT INTO shifts (id, event_id, starts_at, ends_at, capacity, description, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id).bind(event).bind(s.starts_at).bind(s.ends_at).bind(s.capacity).bind(&s.description).bind(at)
            .execute(&mut *tx).await?;
            ids.push(id);
        }
        if let Some(first) = shifts.iter().map(|s| s.starts_at).filter(|t| *t > at).min() {
            sqlx::query(
                "UPDATE events SET next_start = $2 WHERE id = $1 AND (next_start IS NULL OR next_start > $2 OR next_start <= $3)",
            ).bind(event).bind(first).bind(at).execute(&mut *tx).await?;
        }
        tx.commit().await?;
    });
    Ok(ids)
}

/// Changes a shift's capacity; never below the places already taken
/// (`Conflict("capacity_below_accepted")`).
pub async fn set_capacity(db: &Db, shift: Uuid, capacity: i64) -> Result<()> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE shifts SET capacity = $2 WHERE id = $1 AND accepted_count <= $2",
    ).bind(shift).bind(capacity).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("capacity_below_accepted"));
    }
    Ok(())
}

/// Places of a shift: (capacity, accepted by the counter, accepted applications, waitlisted).
pub async fn places(db: &Db, shift: Uuid) -> Result<(i64, i64, i64, i64)> {
    use crate::statuses::{one, sql};
    use domain::ApplicationStatus::{Accepted, Waitlisted};
    let query = sql!(
        "SELECT s.capacity, s.accepted_count, \
         (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status = {}), \
         (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status = {}) \
         FROM shifts s WHERE s.id = $1",
        one(Accepted),
        one(Waitlisted)
    );
    Ok(on_db!(db, pool => sqlx::query_as(query).bind(shift).fetch_one(pool).await?))
}

/// A shift with its places.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ShiftPlaces {
    /// Key.
    pub id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Capacity.
    pub capacity: i64,
    /// Accepted.
    pub accepted_count: i64,
    /// What happens in it.
    pub description: Option<String>,
}

/// The shifts of an event, by start.
pub async fn shifts_of(db: &Db, event: Uuid) -> Result<Vec<ShiftPlaces>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, ShiftPlaces>(
        "SELECT id, starts_at, ends_at, capacity, accepted_count, description FROM shifts WHERE event_id = $1 \
         ORDER BY starts_at, id",
    ).bind(event).fetch_all(pool).await?))
}

/// The event of a shift.
pub async fn event_of_shift(db: &Db, shift: Uuid) -> Result<Option<Uuid>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT event_id FROM shifts WHERE id = $1")
        .bind(shift).fetch_optional(pool).await?),
    )
}

/// A shift with its times (attendance checks its window).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Shift {
    /// Key.
    pub id: Uuid,
    /// The event.
    pub event_id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places.
    pub capacity: i64,
    /// Taken.
    pub accepted_count: i64,
    /// What happens in it.
    pub description: Option<String>,
}

/// One shift.
pub async fn shift(db: &Db, id: Uuid) -> Result<Option<Shift>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Shift>(
        "SELECT id, event_id, starts_at, ends_at, capacity, accepted_count, description FROM shifts WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?))
}
