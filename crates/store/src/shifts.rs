//! Events, shifts and applications. The invariants hold under any concurrency, on both
//! databases: accepted applications never exceed a shift's capacity (a guarded counter
//! update inside the transaction, plus a CHECK constraint), a volunteer never holds two
//! accepted shifts that overlap (her row is locked first), one application per volunteer
//! per shift (a unique key). A freed place goes to the first on the waitlist.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Pool, Result, new_id, now, on_db};

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

/// An application with what deciding it needs: (shift, volunteer, status, consent
/// required, consent recorded at).
type DecisionRow = (Uuid, Uuid, String, bool, Option<DateTime<Utc>>);

/// An application with what recording consent needs: (shift, volunteer, status, mode,
/// consent required, consent recorded at).
type ConsentRow = (Uuid, Uuid, String, String, bool, Option<DateTime<Utc>>);

/// A shift and its event as an application needs them.
#[derive(sqlx::FromRow)]
pub(crate) struct ApplyShift {
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) ends_at: DateTime<Utc>,
    pub(crate) event_id: Uuid,
    pub(crate) mode: String,
    pub(crate) status: String,
    pub(crate) title_kk: Option<String>,
    pub(crate) title_ru: Option<String>,
    pub(crate) title_en: Option<String>,
    #[sqlx(flatten)]
    pub(crate) admission: Admission,
}

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
    crate::batch::apply(
        db,
        crate::batch::Application {
            shift,
            volunteer,
            motivation: motivation.map(str::to_owned),
            admit: std::sync::Arc::new(move |_| Ok(hold)),
            tell: std::sync::Arc::new(|_| None),
        },
    )
    .await
}

/// What the rules of admission need to know of the event applied to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Admission {
    /// Activity type code.
    pub activity_type: String,
    /// Hazardous.
    pub hazardous: bool,
    /// Minimum age.
    pub min_age: i64,
}

/// Decides, inside the application's transaction, whether the volunteer may apply:
/// `Ok(hold)` (hold: the application waits whatever the mode) or
/// `Err(Error::Refused(code))`.
pub type Admit<'a> = &'a (dyn Fn(&Admission) -> Result<bool> + Send + Sync);

/// The message a change queues in its own transaction, composed from what the change made.
pub type Tell<'a> = &'a (dyn Fn(&Notice) -> Option<crate::outbox::Mail> + Send + Sync);

/// [`apply`], queueing the acknowledgment `tell` composes (if any) in the same
/// transaction: an application is never without its answer, nor an answer without it.
pub async fn apply_and_tell(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    admit: Admit<'_>,
    tell: Tell<'_>,
) -> Result<(Uuid, Outcome)> {
    with_retries(|| apply_once(db, shift, volunteer, motivation, admit, tell)).await
}

macro_rules! notice_row {
    () => {
        "SELECT a.id AS application_id, a.status, a.reason, u.email, u.display_name, u.preferred_lang AS lang, u.notify_off, \
         e.id AS event_id, e.title_kk, e.title_ru, e.title_en, s.starts_at \
         FROM applications a JOIN users u ON u.id = a.volunteer_id JOIN shifts s ON s.id = a.shift_id \
         JOIN events e ON e.id = a.event_id "
    };
}

async fn apply_once(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    admit: Admit<'_>,
    tell: Tell<'_>,
) -> Result<(Uuid, Outcome)> {
    let id = new_id();
    let at = now();
    let begin = db.begin_write();
    let lock_sql = if db.backend() == crate::Backend::Sqlite {
        // SQLite: the transaction already holds the database's write lock.
        "SELECT email, display_name, preferred_lang, notify_off FROM users WHERE id = $1"
    } else {
        "SELECT email, display_name, preferred_lang, notify_off FROM users WHERE id = $1 FOR UPDATE"
    };
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        // Her row first: two applications of one volunteer run one after the other. It
        // also brings what the acknowledgment needs.
        let me: Option<(String, String, String, String)> = sqlx::query_as(lock_sql)
            .bind(volunteer).fetch_optional(&mut *tx).await?;
        let Some((email, display_name, lang, notify_off)) = me else { return Err(Error::NotFound) };
        let row: Option<ApplyShift> = sqlx::query_as(
            "SELECT s.starts_at, s.ends_at, s.event_id, e.mode, e.status, e.title_kk, e.title_ru, e.title_en, \
             e.activity_type, e.hazardous, e.min_age FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id = $1",
        ).bind(shift).fetch_optional(&mut *tx).await?;
        let Some(ApplyShift { starts_at: starts, ends_at: ends, event_id: event, mode, status, title_kk, title_ru, title_en, admission }) = row
        else { return Err(Error::NotFound) };
        if status != "published" {
            return Err(Error::Conflict("event_not_open"));
        }
        let hold = admit(&admission)?;
        if starts <= at {
            return Err(Error::Conflict("shift_started"));
        }
        let overlapping: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             WHERE a.volunteer_id = $1 AND a.status IN ('accepted', 'checked_in') AND a.shift_id <> $2 \
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
            "INSERT INTO applications (id, shift_id, event_id, volunteer_id, status, motivation, created_at, consent_required) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id).bind(shift).bind(event).bind(volunteer).bind(outcome.code()).bind(motivation).bind(at).bind(hold)
        .execute(&mut *tx).await.map_err(|e| crate::conflict_on_unique(e, "already_applied"))?;
        let notice = Notice {
            application_id: id,
            status: outcome.code().to_owned(),
            reason: None,
            email,
            display_name,
            lang,
            notify_off,
            event_id: event,
            title_kk,
            title_ru,
            title_en,
            starts_at: starts,
        };
        if let Some(mail) = tell(&notice) {
            crate::outbox::enqueue_in!(tx, &mail);
        }
        tx.commit().await?;
        Ok((id, outcome))
    })
}

/// What [`take_place!`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Taken {
    /// A place is hers.
    Place,
    /// No place was left.
    Full,
    /// She holds an accepted shift at that time.
    Overlap,
}

/// Inside the caller's transaction: her row first (her accepted shifts change one at a
/// time), then no accepted shift of hers overlapping `$starts..$ends` (the application
/// `$except` aside), then the guarded increment of `$shift`'s places (under any concurrency
/// at most `capacity` succeed). Evaluates to a [`Taken`].
macro_rules! take_place {
    ($tx:ident, $volunteer:expr, $shift:expr, $starts:expr, $ends:expr, $except:expr) => {{
        let volunteer: Uuid = $volunteer;
        let except: Option<Uuid> = $except;
        sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1")
            .bind(volunteer)
            .execute(&mut *$tx)
            .await?;
        let busy: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             WHERE a.volunteer_id = $1 AND a.status IN ('accepted', 'checked_in') \
             AND s.starts_at < $2 AND s.ends_at > $3 AND ($4 IS NULL OR a.id <> $4)",
        )
        .bind(volunteer)
        .bind($ends)
        .bind($starts)
        .bind(except)
        .fetch_one(&mut *$tx)
        .await?;
        if busy > 0 {
            Taken::Overlap
        } else {
            let took = sqlx::query(
                "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
            )
            .bind($shift)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            if took == 1 { Taken::Place } else { Taken::Full }
        }
    }};
}

/// Gives a freed place of `$shift` to the first on its waitlist who holds no overlapping
/// shift (inside the caller's transaction, after the counter went down); evaluates to the
/// promoted application.
macro_rules! promote_first {
    ($tx:ident, $shift:expr, $at:expr) => {{
        let shift: Uuid = $shift;
        let (starts, ends): (DateTime<Utc>, DateTime<Utc>) =
            sqlx::query_as("SELECT starts_at, ends_at FROM shifts WHERE id = $1")
                .bind(shift)
                .fetch_one(&mut *$tx)
                .await?;
        let waiting: Vec<(Uuid, Uuid)> = sqlx::query_as(
            "SELECT id, volunteer_id FROM applications WHERE shift_id = $1 AND status = 'waitlisted' \
             ORDER BY created_at, id LIMIT 20",
        )
        .bind(shift)
        .fetch_all(&mut *$tx)
        .await?;
        let mut promoted = None;
        for (candidate, who) in waiting {
            match take_place!($tx, who, shift, starts, ends, None) {
                Taken::Overlap => continue,
                Taken::Full => break,
                Taken::Place => {}
            }
            sqlx::query(
                "UPDATE applications SET status = 'accepted', decided_at = $2 WHERE id = $1 AND status = 'waitlisted'",
            )
            .bind(candidate)
            .bind($at)
            .execute(&mut *$tx)
            .await?;
            promoted = Some(candidate);
            break;
        }
        promoted
    }};
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
            sqlx::query("UPDATE shifts SET accepted_count = accepted_count - 1 WHERE id = $1")
                .bind(shift).execute(&mut *tx).await?;
            promoted = promote_first!(tx, shift, at);
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
        let row: Option<DecisionRow> = sqlx::query_as(
            "SELECT shift_id, volunteer_id, status, consent_required, consent_recorded_at FROM applications WHERE id = $1",
        ).bind(application).fetch_optional(&mut *tx).await?;
        let Some((shift, volunteer, status, consent_required, consent)) = row else { return Err(Error::NotFound) };
        if status != "pending" && status != "waitlisted" {
            return Err(Error::Conflict("already_decided"));
        }
        if consent_required && consent.is_none() {
            return Err(Error::Conflict("consent_missing"));
        }
        let (starts, ends): (DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
            "SELECT starts_at, ends_at FROM shifts WHERE id = $1",
        ).bind(shift).fetch_one(&mut *tx).await?;
        match take_place!(tx, volunteer, shift, starts, ends, None) {
            Taken::Overlap => return Err(Error::Conflict("overlapping_shift")),
            Taken::Full => return Err(Error::Conflict("shift_full")),
            Taken::Place => {}
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

/// Rejects a pending or waitlisted application with a reason.
/// Errors: `NotFound`, `Conflict("already_decided")`.
pub async fn reject(db: &Db, application: Uuid, coordinator: Uuid, reason: &str) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE applications SET status = 'rejected', decided_at = $2, decided_by = $3, reason = $4 \
         WHERE id = $1 AND status IN ('pending', 'waitlisted')",
    ).bind(application).bind(at).bind(coordinator).bind(reason).execute(pool).await?.rows_affected());
    if n == 0 {
        return match status_of(db, application).await? {
            None => Err(Error::NotFound),
            Some(_) => Err(Error::Conflict("already_decided")),
        };
    }
    Ok(())
}

async fn status_of(db: &Db, application: Uuid) -> Result<Option<String>> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
        .bind(application).fetch_optional(pool).await?),
    )
}

/// Moves an application to another shift of the same event. An accepted one takes a
/// place there (`Conflict("shift_full")` when none) and frees its old place, which goes
/// to the first on that waitlist; a pending or waitlisted one keeps its status.
/// Returns the application promoted in the old shift, if any.
pub async fn move_to(
    db: &Db,
    application: Uuid,
    to_shift: Uuid,
    coordinator: Uuid,
) -> Result<Option<Uuid>> {
    with_retries(|| move_once(db, application, to_shift, coordinator)).await
}

async fn move_once(
    db: &Db,
    application: Uuid,
    to_shift: Uuid,
    coordinator: Uuid,
) -> Result<Option<Uuid>> {
    let at = now();
    let begin = db.begin_write();
    let promoted = on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let row: Option<(Uuid, Uuid, Uuid, String)> = sqlx::query_as(
            "SELECT shift_id, event_id, volunteer_id, status FROM applications WHERE id = $1",
        ).bind(application).fetch_optional(&mut *tx).await?;
        let Some((from, event, volunteer, status)) = row else { return Err(Error::NotFound) };
        if from == to_shift {
            return Ok(None);
        }
        let target: Option<(Uuid, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
            "SELECT event_id, starts_at, ends_at FROM shifts WHERE id = $1",
        ).bind(to_shift).fetch_optional(&mut *tx).await?;
        let Some((to_event, starts, ends)) = target else { return Err(Error::NotFound) };
        if to_event != event {
            return Err(Error::Conflict("other_event"));
        }
        if !matches!(status.as_str(), "accepted" | "pending" | "waitlisted") {
            return Err(Error::Conflict("already_decided"));
        }
        if status == "accepted" {
            match take_place!(tx, volunteer, to_shift, starts, ends, Some(application)) {
                Taken::Overlap => return Err(Error::Conflict("overlapping_shift")),
                Taken::Full => return Err(Error::Conflict("shift_full")),
                Taken::Place => {}
            }
            sqlx::query("UPDATE shifts SET accepted_count = accepted_count - 1 WHERE id = $1")
                .bind(from).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE applications SET shift_id = $2, decided_by = $3, decided_at = $4 WHERE id = $1")
            .bind(application).bind(to_shift).bind(coordinator).bind(at)
            .execute(&mut *tx).await.map_err(|e| crate::conflict_on_unique(e, "already_applied"))?;
        let promoted = if status == "accepted" { promote_first!(tx, from, at) } else { None };
        tx.commit().await?;
        Ok::<_, Error>(promoted)
    })?;
    Ok(promoted)
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
    /// The shift.
    pub shift_id: Uuid,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Public name.
    pub display_name: String,
    /// E-mail (for the organizer).
    pub email: String,
    /// Phone (for the organizer).
    pub phone: Option<String>,
    /// Birth date (to see minors).
    pub birth_date: Option<chrono::NaiveDate>,
    /// Status.
    pub status: String,
    /// Why she applies.
    pub motivation: Option<String>,
    /// Applied at.
    pub created_at: DateTime<Utc>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
    /// Reason of a rejection.
    pub reason: Option<String>,
    /// Waits for a parent's consent.
    pub consent_required: bool,
    /// Consent recorded at.
    pub consent_recorded_at: Option<DateTime<Utc>>,
    /// Checked in at.
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Checked out at.
    pub checked_out_at: Option<DateTime<Utc>>,
}

macro_rules! application_row {
    () => {
        "SELECT a.id, a.shift_id, a.volunteer_id, u.display_name, u.email, u.phone, u.birth_date, a.status, \
         a.motivation, a.created_at, a.decided_at, a.reason, a.consent_required, a.consent_recorded_at, \
         a.checked_in_at, a.checked_out_at FROM applications a JOIN users u ON u.id = a.volunteer_id "
    };
}

/// Applications of a shift, in order of arrival.
pub async fn applications_of(db: &Db, shift: Uuid) -> Result<Vec<ApplicationRow>> {
    const SQL: &str = concat!(
        application_row!(),
        "WHERE a.shift_id = $1 ORDER BY a.created_at, a.id"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, ApplicationRow>(SQL).bind(shift).fetch_all(pool).await?),
    )
}

/// Applications of all shifts of an event, by shift start then arrival (exports).
pub async fn applications_of_event(db: &Db, event: Uuid) -> Result<Vec<ApplicationRow>> {
    const SQL: &str = concat!(
        application_row!(),
        "JOIN shifts s ON s.id = a.shift_id WHERE a.event_id = $1 ORDER BY s.starts_at, s.id, a.created_at, a.id"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, ApplicationRow>(SQL).bind(event).fetch_all(pool).await?),
    )
}

/// One application.
pub async fn application(db: &Db, id: Uuid) -> Result<Option<ApplicationRow>> {
    const SQL: &str = concat!(application_row!(), "WHERE a.id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, ApplicationRow>(SQL).bind(id).fetch_optional(pool).await?),
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

/// Checks a volunteer in: her accepted application to `shift` becomes `checked_in`.
/// Errors: `NotFound` (no application), `Conflict("not_accepted")`.
pub async fn check_in(db: &Db, shift: Uuid, volunteer: Uuid, at: DateTime<Utc>) -> Result<Uuid> {
    let row: Option<(Uuid, String)> = on_db!(db, pool => sqlx::query_as(
        "UPDATE applications SET status = 'checked_in', checked_in_at = $3 \
         WHERE shift_id = $1 AND volunteer_id = $2 AND status = 'accepted' RETURNING id, status",
    ).bind(shift).bind(volunteer).bind(at).fetch_optional(pool).await?);
    if let Some((id, _)) = row {
        return Ok(id);
    }
    let status: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT status FROM applications WHERE shift_id = $1 AND volunteer_id = $2",
    ).bind(shift).bind(volunteer).fetch_optional(pool).await?);
    match status.as_deref() {
        None => Err(Error::NotFound),
        Some("checked_in" | "completed") => Err(Error::Conflict("already_checked_in")),
        Some(_) => Err(Error::Conflict("not_accepted")),
    }
}

/// Checks a volunteer out: `checked_in` → `completed`; her attendance becomes claimed hours
/// for the organization to confirm (minutes from check-in to check-out, at most the shift's
/// length), in the same transaction. Returns the hours entry (none for less than a
/// minute). Errors: `Conflict("not_checked_in")`.
pub async fn check_out(db: &Db, application: Uuid, at: DateTime<Utc>) -> Result<Option<Uuid>> {
    #[derive(sqlx::FromRow)]
    struct Attended {
        checked_in_at: Option<DateTime<Utc>>,
        volunteer_id: Uuid,
        shift_id: Uuid,
        event_id: Uuid,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        organization_id: Uuid,
        direction: Option<String>,
        activity_type: String,
        time_zone: String,
    }
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let n = sqlx::query(
            "UPDATE applications SET status = 'completed', checked_out_at = $2 WHERE id = $1 AND status = 'checked_in'",
        ).bind(application).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("not_checked_in"));
        }
        let a: Attended = sqlx::query_as(
            "SELECT a.checked_in_at, a.volunteer_id, a.shift_id, a.event_id, s.starts_at, s.ends_at, \
             e.organization_id, e.direction, e.activity_type, e.time_zone \
             FROM applications a JOIN shifts s ON s.id = a.shift_id JOIN events e ON e.id = a.event_id \
             WHERE a.id = $1",
        ).bind(application).fetch_one(&mut *tx).await?;
        let minutes = domain::opportunity::attended_minutes(
            a.checked_in_at.unwrap_or(at), at, a.starts_at, a.ends_at,
        );
        let hours = if minutes > 0 {
            let tz = domain::opportunity::time_zone(&a.time_zone).unwrap_or(domain::opportunity::DEFAULT_TZ);
            let h = crate::ledger::NewHours {
                volunteer_id: a.volunteer_id,
                organization_id: Some(a.organization_id),
                event_id: Some(a.event_id),
                shift_id: Some(a.shift_id),
                application_id: Some(application),
                minutes,
                work_date: a.starts_at.with_timezone(&tz).date_naive(),
                source: "attendance",
                description: None,
                direction: a.direction,
                activity_type: Some(a.activity_type),
                created_by: None,
            };
            Some(crate::ledger::insert_hours!(tx, &h))
        } else {
            None
        };
        tx.commit().await?;
        Ok(hours)
    })
}

/// Applications of an event still checked in, with their shift's end.
pub async fn still_checked_in(db: &Db, event: Uuid) -> Result<Vec<(Uuid, DateTime<Utc>)>> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT a.id, s.ends_at FROM applications a JOIN shifts s ON s.id = a.shift_id \
         WHERE a.event_id = $1 AND a.status = 'checked_in'",
    ).bind(event).fetch_all(pool).await?))
}

/// Marks an accepted volunteer who did not come: `accepted` → `no_show`.
pub async fn mark_no_show(db: &Db, application: Uuid, coordinator: Uuid) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE applications SET status = 'no_show', decided_at = $2, decided_by = $3 WHERE id = $1 AND status = 'accepted'",
    ).bind(application).bind(at).bind(coordinator).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(Error::Conflict("not_accepted"));
    }
    Ok(())
}

/// A parent's consent, as recorded by the organizer.
#[derive(Debug, Clone)]
pub struct Consent {
    /// Parent's name.
    pub parent_name: String,
    /// Parent's phone or e-mail.
    pub parent_contact: String,
    /// Date of the written consent.
    pub date: chrono::NaiveDate,
    /// Who recorded it.
    pub recorded_by: Uuid,
}

/// Records a parent's consent on a held application. In a first-come event the
/// application then takes a place if one is free (else the waitlist); in a moderated one it
/// stays pending for the coordinator. Errors: `Conflict("consent_not_required")`.
pub async fn record_consent(db: &Db, application: Uuid, c: &Consent) -> Result<Outcome> {
    with_retries(|| record_consent_once(db, application, c)).await
}

async fn record_consent_once(db: &Db, application: Uuid, c: &Consent) -> Result<Outcome> {
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let row: Option<ConsentRow> = sqlx::query_as(
            "SELECT a.shift_id, a.volunteer_id, a.status, e.mode, a.consent_required, a.consent_recorded_at \
             FROM applications a JOIN events e ON e.id = a.event_id WHERE a.id = $1",
        ).bind(application).fetch_optional(&mut *tx).await?;
        let Some((shift, volunteer, status, mode, required, recorded)) = row else { return Err(Error::NotFound) };
        if !required || recorded.is_some() || status != "pending" {
            return Err(Error::Conflict("consent_not_required"));
        }
        sqlx::query(
            "UPDATE applications SET consent_parent_name = $2, consent_parent_contact = $3, consent_date = $4, \
             consent_recorded_by = $5, consent_recorded_at = $6 WHERE id = $1",
        ).bind(application).bind(&c.parent_name).bind(&c.parent_contact).bind(c.date).bind(c.recorded_by).bind(at)
        .execute(&mut *tx).await?;
        let mut outcome = Outcome::Pending;
        if mode == "first_come" {
            let (starts, ends): (DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
                "SELECT starts_at, ends_at FROM shifts WHERE id = $1",
            ).bind(shift).fetch_one(&mut *tx).await?;
            outcome = match take_place!(tx, volunteer, shift, starts, ends, None) {
                Taken::Place => Outcome::Accepted,
                Taken::Full | Taken::Overlap => Outcome::Waitlisted,
            };
            sqlx::query("UPDATE applications SET status = $2, decided_at = $3 WHERE id = $1")
                .bind(application).bind(outcome.code()).bind(at).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    })
}

/// A volunteer's application with its event and shift (her list, her calendar).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyApplication {
    /// Key.
    pub id: Uuid,
    /// Status.
    pub status: String,
    /// The event.
    pub event_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Locality.
    pub locality: Option<String>,
    /// Online.
    pub online: bool,
    /// The shift.
    pub shift_id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Waits for a parent's consent.
    pub consent_required: bool,
    /// Consent recorded at.
    pub consent_recorded_at: Option<DateTime<Utc>>,
    /// Reason of a rejection or cancellation.
    pub reason: Option<String>,
}

/// A volunteer's applications, latest shifts first (at most 500).
pub async fn mine(db: &Db, volunteer: Uuid) -> Result<Vec<MyApplication>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, MyApplication>(
        "SELECT a.id, a.status, e.id AS event_id, e.title_kk, e.title_ru, e.title_en, e.address, e.locality, e.online, \
         s.id AS shift_id, s.starts_at, s.ends_at, a.consent_required, a.consent_recorded_at, a.reason \
         FROM applications a JOIN shifts s ON s.id = a.shift_id JOIN events e ON e.id = a.event_id \
         WHERE a.volunteer_id = $1 ORDER BY s.starts_at DESC, a.id LIMIT 500",
    ).bind(volunteer).fetch_all(pool).await?))
}

/// Someone to tell about an application, with what the message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    /// The application.
    pub application_id: Uuid,
    /// Status now.
    pub status: String,
    /// Reason of a rejection.
    pub reason: Option<String>,
    /// The volunteer's e-mail.
    pub email: String,
    /// Her name.
    pub display_name: String,
    /// Her language.
    pub lang: String,
    /// Categories she turned off.
    pub notify_off: String,
    /// The event.
    pub event_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Start of the shift.
    pub starts_at: DateTime<Utc>,
}

/// What a message about one application needs.
pub async fn notice(db: &Db, application: Uuid) -> Result<Option<Notice>> {
    const SQL: &str = concat!(notice_row!(), "WHERE a.id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Notice>(SQL).bind(application).fetch_optional(pool).await?),
    )
}

/// Accepted applications whose shift starts within `within` and whose volunteer was not yet
/// reminded; each is marked reminded in the same statement, so a reminder goes once.
pub async fn due_shift_reminders(db: &Db, within: chrono::Duration) -> Result<Vec<Notice>> {
    const MARK: &str = "UPDATE applications SET shift_reminded_at = $1 WHERE id IN (SELECT a.id FROM shifts s \
         CROSS JOIN applications a WHERE a.shift_id = s.id AND s.starts_at > $1 AND s.starts_at <= $2 \
         AND a.status = 'accepted' AND a.shift_reminded_at IS NULL LIMIT 500)";
    const SQL: &str = concat!(notice_row!(), "WHERE a.shift_reminded_at = $1");
    let at = now();
    let n = on_db!(db, pool => sqlx::query(MARK).bind(at).bind(at + within).execute(pool).await?.rows_affected());
    if n == 0 {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => sqlx::query_as::<_, Notice>(SQL).bind(at).fetch_all(pool).await?))
}

/// A pending application waiting too long, for a reminder or the front-office queue.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Waiting {
    /// The application.
    pub application_id: Uuid,
    /// The event.
    pub event_id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Region.
    pub region_code: String,
    /// Applied at.
    pub created_at: DateTime<Utc>,
}

macro_rules! waiting_row {
    () => {
        "SELECT a.id AS application_id, e.id AS event_id, e.organization_id, e.title_kk, e.title_ru, e.title_en, \
         e.region_code, a.created_at FROM applications a JOIN events e ON e.id = a.event_id "
    };
}

/// Pending applications older than `older` whose coordinators were not yet reminded;
/// marked reminded now (one reminder each).
pub async fn due_coordinator_reminders(db: &Db, older: chrono::Duration) -> Result<Vec<Waiting>> {
    const MARK: &str = "UPDATE applications SET coordinator_reminded_at = $1 WHERE id IN (SELECT id FROM applications \
         WHERE status = 'pending' AND coordinator_reminded_at IS NULL AND consent_required = FALSE \
         AND created_at <= $2 LIMIT 500)";
    const SQL: &str = concat!(
        waiting_row!(),
        "WHERE a.coordinator_reminded_at = $1 ORDER BY e.organization_id, a.created_at"
    );
    let at = now();
    let n = on_db!(db, pool => sqlx::query(MARK).bind(at).bind(at - older).execute(pool).await?.rows_affected());
    if n == 0 {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => sqlx::query_as::<_, Waiting>(SQL).bind(at).fetch_all(pool).await?))
}

/// Pending applications of a region older than `older`: the front-office's queue.
pub async fn escalated(db: &Db, region: &str, older: chrono::Duration) -> Result<Vec<Waiting>> {
    const SQL: &str = concat!(
        waiting_row!(),
        "WHERE a.status = 'pending' AND a.consent_required = FALSE AND a.created_at <= $2 AND e.region_code = $1 \
         AND e.status = 'published' ORDER BY a.created_at LIMIT 200"
    );
    let before = now() - older;
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Waiting>(SQL).bind(region).bind(before).fetch_all(pool).await?),
    )
}

/// Median minutes an organization took to decide moderated applications over the last
/// year (its latest 501 decisions), or None without any.
pub async fn median_response_minutes(db: &Db, organization: Uuid) -> Result<Option<i64>> {
    let since = now() - chrono::Duration::days(365);
    let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT a.created_at, a.decided_at FROM applications a JOIN events e ON e.id = a.event_id \
         WHERE e.organization_id = $1 AND e.mode = 'moderated' AND a.decided_by IS NOT NULL \
         AND a.status IN ('accepted', 'rejected', 'checked_in', 'completed', 'no_show') AND a.decided_at >= $2 \
         ORDER BY a.decided_at DESC LIMIT 501",
    ).bind(organization).bind(since).fetch_all(pool).await?);
    let mut minutes: Vec<i64> = rows
        .iter()
        .map(|(c, d)| (*d - *c).num_minutes().max(0))
        .collect();
    if minutes.is_empty() {
        return Ok(None);
    }
    minutes.sort_unstable();
    Ok(Some(minutes[minutes.len() / 2]))
}
