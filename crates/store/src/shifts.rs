//! Events, shifts and applications. The invariants hold under any concurrency, on both
//! databases: accepted applications never exceed a shift's capacity (a guarded counter
//! update inside the transaction, plus a CHECK constraint), a volunteer never holds two
//! accepted shifts that overlap (her row is locked first), one application per volunteer
//! per shift (a unique key). A freed place goes to the first on the waitlist.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Pool, Result, new_id, now, on_db};

/// A new event (the fields the invariants and search need; the rest grows with the pages).
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The organization.
    pub organization_id: Uuid,
    /// Title in Kazakh.
    pub title_kk: Option<String>,
    /// Title in Russian.
    pub title_ru: Option<String>,
    /// Title in English.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region_code: String,
    /// `first_come` or `moderated`.
    pub mode: String,
    /// `draft` or `published`.
    pub status: String,
    /// Minimum age.
    pub min_age: i64,
    /// Hazardous.
    pub hazardous: bool,
}

/// Creates an event.
pub async fn create_event(db: &Db, e: &NewEvent) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO events (id, organization_id, title_kk, title_ru, title_en, activity_type, region_code, \
         mode, status, min_age, hazardous, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $13, $12, $12)",
    )
    .bind(id).bind(e.organization_id).bind(&e.title_kk).bind(&e.title_ru).bind(&e.title_en)
    .bind(&e.activity_type).bind(&e.region_code).bind(&e.mode).bind(&e.status).bind(e.min_age)
    .bind(e.hazardous).bind(at).bind(search_text(e)).execute(pool).await?.rows_affected());
    Ok(id)
}

fn search_text(e: &NewEvent) -> String {
    [&e.title_kk, &e.title_ru, &e.title_en]
        .iter()
        .filter_map(|t| t.as_deref())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Filters of the public search.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Text in a title, any language.
    pub q: Option<String>,
    /// Region code.
    pub region: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
}

/// A line of the search: a published event with its next shift and free places there.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EventCard {
    /// Key.
    pub id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region_code: String,
    /// Start of the next shift.
    pub next_start: DateTime<Utc>,
    /// Free places over its coming shifts.
    pub free: i64,
    /// Rows matching.
    pub total: i64,
}

/// Published events with a coming shift, soonest first.
pub async fn search(
    db: &Db,
    q: &EventQuery,
    limit: i64,
    offset: i64,
) -> Result<(Vec<EventCard>, i64)> {
    const SQL: &str = "SELECT e.id, e.title_kk, e.title_ru, e.title_en, e.activity_type, e.region_code, \
        MIN(s.starts_at) AS next_start, CAST(SUM(s.capacity - s.accepted_count) AS BIGINT) AS free, \
        COUNT(*) OVER () AS total \
        FROM events e JOIN shifts s ON s.event_id = e.id AND s.starts_at > $1 \
        WHERE e.status = 'published' AND ($2 IS NULL OR e.region_code = $2) \
        AND ($3 IS NULL OR e.activity_type = $3) AND ($4 IS NULL OR e.search_text LIKE $4 ESCAPE '\\') \
        GROUP BY e.id, e.title_kk, e.title_ru, e.title_en, e.activity_type, e.region_code \
        ORDER BY next_start, e.id LIMIT $5 OFFSET $6";
    let text =
        q.q.as_ref()
            .map(|t| format!("%{}%", crate::like_escape(&t.to_lowercase())));
    let at = now();
    let rows = on_db!(db, pool => sqlx::query_as::<_, EventCard>(SQL)
        .bind(at).bind(q.region.as_deref()).bind(q.activity_type.as_deref()).bind(text)
        .bind(limit).bind(offset).fetch_all(pool).await?);
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    Ok((rows, total))
}

/// The caller's applications to the shifts of an event: (shift, application, status).
pub async fn mine_in_event(
    db: &Db,
    event: Uuid,
    volunteer: Uuid,
) -> Result<Vec<(Uuid, Uuid, String)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT shift_id, id, status FROM applications WHERE event_id = $1 AND volunteer_id = $2",
    ).bind(event).bind(volunteer).fetch_all(pool).await?))
}

/// Adds a shift; the database refuses capacity ≤ 0 and an end before the start.
pub async fn add_shift(
    db: &Db,
    event: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i64,
) -> Result<Uuid> {
    let id = new_id();
    let at = now();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO shifts (id, event_id, starts_at, ends_at, capacity, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id).bind(event).bind(starts_at).bind(ends_at).bind(capacity).bind(at)
    .execute(pool).await?.rows_affected());
    Ok(id)
}

/// A shift with what applying needs of its event: (starts, ends, event, mode, status).
type ShiftRow = (DateTime<Utc>, DateTime<Utc>, Uuid, String, String);

/// What happened to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Accepted at once (first come, a place was free).
    Accepted,
    /// On the waitlist (first come, full).
    Waitlisted,
    /// Waiting for a coordinator (moderated).
    Pending,
}

impl Outcome {
    /// Stored status.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Waitlisted => "waitlisted",
            Outcome::Pending => "pending",
        }
    }
}

/// PostgreSQL serialization failures and deadlocks are retried; SQLite has neither here
/// (writes begin IMMEDIATE).
fn retryable(e: &Error) -> bool {
    match e {
        Error::Db(sqlx::Error::Database(d)) => {
            matches!(d.code().as_deref(), Some("40001" | "40P01"))
        }
        _ => false,
    }
}

async fn with_retries<T, F, Fut>(f: F) -> Result<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut attempt = 0;
    loop {
        match f().await {
            Err(e) if retryable(&e) && attempt < 5 => attempt += 1,
            other => return other,
        }
    }
}

impl Db {
    /// How a write transaction begins: SQLite takes the write lock at once (a read-then-write
    /// transaction cannot fail to upgrade), PostgreSQL locks rows as it goes.
    pub fn begin_write(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite(_) => "BEGIN IMMEDIATE",
            Pool::Postgres(_) => "BEGIN",
        }
    }
}

/// Applies `volunteer` to `shift`. Errors: `NotFound`; `Conflict` with `event_not_open`,
/// `overlapping_shift` or `already_applied`.
/// With `hold`, the application waits (pending) whatever the mode: a minor under the consent
/// age waits for a parent's consent.
pub async fn apply(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    hold: bool,
) -> Result<(Uuid, Outcome)> {
    with_retries(|| apply_once(db, shift, volunteer, motivation, hold)).await
}

async fn apply_once(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    hold: bool,
) -> Result<(Uuid, Outcome)> {
    let id = new_id();
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        // Her row first: two applications of one volunteer run one after the other.
        let me = sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1")
            .bind(volunteer).execute(&mut *tx).await?.rows_affected();
        if me == 0 {
            return Err(Error::NotFound);
        }
        let row: Option<ShiftRow> = sqlx::query_as(
            "SELECT s.starts_at, s.ends_at, s.event_id, e.mode, e.status FROM shifts s \
             JOIN events e ON e.id = s.event_id WHERE s.id = $1",
        ).bind(shift).fetch_optional(&mut *tx).await?;
        let Some((starts, ends, event, mode, status)) = row else { return Err(Error::NotFound) };
        if status != "published" {
            return Err(Error::Conflict("event_not_open"));
        }
        let overlapping: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             WHERE a.volunteer_id = $1 AND a.status = 'accepted' AND a.shift_id <> $2 \
             AND s.starts_at < $3 AND s.ends_at > $4",
        ).bind(volunteer).bind(shift).bind(ends).bind(starts).fetch_one(&mut *tx).await?;
        if overlapping > 0 {
            return Err(Error::Conflict("overlapping_shift"));
        }
        let outcome = if mode == "moderated" || hold {
            Outcome::Pending
        } else {
            // The guarded increment: under any concurrency at most `capacity` succeed.
            let took = sqlx::query(
                "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
            ).bind(shift).execute(&mut *tx).await?.rows_affected();
            if took == 1 { Outcome::Accepted } else { Outcome::Waitlisted }
        };
        sqlx::query(
            "INSERT INTO applications (id, shift_id, event_id, volunteer_id, status, motivation, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id).bind(shift).bind(event).bind(volunteer).bind(outcome.code()).bind(motivation).bind(at)
        .execute(&mut *tx).await.map_err(|e| crate::conflict_on_unique(e, "already_applied"))?;
        tx.commit().await?;
        Ok((id, outcome))
    })
}

/// Cancels an application of `volunteer`; a freed place goes to the first on the waitlist
/// (returned, to be told). Errors: `NotFound`, `Conflict("not_cancellable")`.
pub async fn cancel(db: &Db, application: Uuid, volunteer: Uuid) -> Result<Option<Uuid>> {
    with_retries(|| cancel_once(db, application, volunteer)).await
}

async fn cancel_once(db: &Db, application: Uuid, volunteer: Uuid) -> Result<Option<Uuid>> {
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let row: Option<(Uuid, String)> = sqlx::query_as(
            "SELECT shift_id, status FROM applications WHERE id = $1 AND volunteer_id = $2",
        ).bind(application).bind(volunteer).fetch_optional(&mut *tx).await?;
        let Some((shift, status)) = row else { return Err(Error::NotFound) };
        if !matches!(status.as_str(), "accepted" | "waitlisted" | "pending") {
            return Err(Error::Conflict("not_cancellable"));
        }
        let n = sqlx::query(
            "UPDATE applications SET status = 'cancelled', decided_at = $3 WHERE id = $1 AND status = $2",
        ).bind(application).bind(&status).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("state_changed"));
        }
        let mut promoted = None;
        if status == "accepted" {
            // Locks the shift's row: cancellations of one shift promote one after another.
            sqlx::query("UPDATE shifts SET accepted_count = accepted_count - 1 WHERE id = $1")
                .bind(shift).execute(&mut *tx).await?;
            let (starts, ends): (DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
                "SELECT starts_at, ends_at FROM shifts WHERE id = $1",
            ).bind(shift).fetch_one(&mut *tx).await?;
            let waiting: Vec<(Uuid, Uuid)> = sqlx::query_as(
                "SELECT id, volunteer_id FROM applications WHERE shift_id = $1 AND status = 'waitlisted' \
                 ORDER BY created_at, id LIMIT 20",
            ).bind(shift).fetch_all(&mut *tx).await?;
            for (candidate, who) in waiting {
                let busy: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
                     WHERE a.volunteer_id = $1 AND a.status = 'accepted' AND s.starts_at < $2 AND s.ends_at > $3",
                ).bind(who).bind(ends).bind(starts).fetch_one(&mut *tx).await?;
                if busy > 0 {
                    continue;
                }
                let took = sqlx::query(
                    "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
                ).bind(shift).execute(&mut *tx).await?.rows_affected();
                if took == 0 {
                    break;
                }
                sqlx::query("UPDATE applications SET status = 'accepted', decided_at = $2 WHERE id = $1 AND status = 'waitlisted'")
                    .bind(candidate).bind(at).execute(&mut *tx).await?;
                promoted = Some(candidate);
                break;
            }
        }
        tx.commit().await?;
        Ok(promoted)
    })
}

/// Accepts a pending application (moderated events). Errors: `Conflict("shift_full")`,
/// `Conflict("already_decided")`, `NotFound`.
pub async fn accept(db: &Db, application: Uuid, coordinator: Uuid) -> Result<()> {
    with_retries(|| accept_once(db, application, coordinator)).await
}

async fn accept_once(db: &Db, application: Uuid, coordinator: Uuid) -> Result<()> {
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let row: Option<(Uuid, String)> = sqlx::query_as(
            "SELECT shift_id, status FROM applications WHERE id = $1",
        ).bind(application).fetch_optional(&mut *tx).await?;
        let Some((shift, status)) = row else { return Err(Error::NotFound) };
        if status != "pending" && status != "waitlisted" {
            return Err(Error::Conflict("already_decided"));
        }
        let took = sqlx::query(
            "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
        ).bind(shift).execute(&mut *tx).await?.rows_affected();
        if took == 0 {
            return Err(Error::Conflict("shift_full"));
        }
        let n = sqlx::query(
            "UPDATE applications SET status = 'accepted', decided_at = $2, decided_by = $3 WHERE id = $1 AND status = $4",
        ).bind(application).bind(at).bind(coordinator).bind(&status).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("already_decided"));
        }
        tx.commit().await?;
        Ok(())
    })
}

/// Places of a shift: (capacity, accepted by the counter, accepted applications, waitlisted).
pub async fn places(db: &Db, shift: Uuid) -> Result<(i64, i64, i64, i64)> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT s.capacity, s.accepted_count, \
         (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status = 'accepted'), \
         (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id AND a.status = 'waitlisted') \
         FROM shifts s WHERE s.id = $1",
    ).bind(shift).fetch_one(pool).await?))
}

/// An event as stored (the fields of this first slice).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Event {
    /// Key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region_code: String,
    /// `first_come` or `moderated`.
    pub mode: String,
    /// `draft`, `published`, `completed`, `cancelled`.
    pub status: String,
    /// Minimum age.
    pub min_age: i64,
    /// Hazardous.
    pub hazardous: bool,
}

/// One event.
pub async fn event(db: &Db, id: Uuid) -> Result<Option<Event>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Event>(
        "SELECT id, organization_id, title_kk, title_ru, title_en, activity_type, region_code, mode, status, \
         min_age, hazardous FROM events WHERE id = $1",
    ).bind(id).fetch_optional(pool).await?))
}

/// Moves an event from `expected` to `new_status` (compare-and-set).
pub async fn set_event_status(db: &Db, id: Uuid, expected: &str, new_status: &str) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE events SET status = $2, updated_at = $3 WHERE id = $1 AND status = $4",
    ).bind(id).bind(new_status).bind(at).bind(expected).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("state_changed"));
    }
    Ok(())
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
}

/// The shifts of an event, by start.
pub async fn shifts_of(db: &Db, event: Uuid) -> Result<Vec<ShiftPlaces>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, ShiftPlaces>(
        "SELECT id, starts_at, ends_at, capacity, accepted_count FROM shifts WHERE event_id = $1 ORDER BY starts_at, id",
    ).bind(event).fetch_all(pool).await?))
}

/// The event of a shift.
pub async fn event_of_shift(db: &Db, shift: Uuid) -> Result<Option<Uuid>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT event_id FROM shifts WHERE id = $1")
        .bind(shift).fetch_optional(pool).await?),
    )
}

/// The event of an application.
pub async fn event_of_application(db: &Db, application: Uuid) -> Result<Option<Uuid>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT event_id FROM applications WHERE id = $1")
        .bind(application).fetch_optional(pool).await?),
    )
}

/// An application as its coordinator sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApplicationRow {
    /// Key.
    pub id: Uuid,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Public name.
    pub display_name: String,
    /// Status.
    pub status: String,
    /// Applied at.
    pub created_at: DateTime<Utc>,
}

/// Applications of a shift, in order of arrival.
pub async fn applications_of(db: &Db, shift: Uuid) -> Result<Vec<ApplicationRow>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, ApplicationRow>(
        "SELECT a.id, a.volunteer_id, u.display_name, a.status, a.created_at FROM applications a \
         JOIN users u ON u.id = a.volunteer_id WHERE a.shift_id = $1 ORDER BY a.created_at, a.id",
    ).bind(shift).fetch_all(pool).await?))
}
