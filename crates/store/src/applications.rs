//! Applications to shifts: applying, deciding, moving to another shift, a parent's consent,
//! attendance and the reminders. Every change that takes or frees a place goes through
//! [`crate::placement`], which keeps the invariants (capacity, no overlapping shifts, one
//! application per shift).

use chrono::{DateTime, Utc};
use domain::Transition;
use domain::admission::{Admission, Applicant};
use domain::application::{self as lifecycle, ApplicationStatus, OnConsent};
use domain::opportunity::{EventMode, EventStatus};
use serde::Serialize;
use uuid::Uuid;

use crate::placement::{promote_first, take_place, with_retries};
use crate::statuses::{from_of, list, one, read, sql, to_of};
use crate::{Db, Error, Result, now, on_db};

pub use crate::placement::{Notice, Tell, apply_and_tell};

/// The caller's applications to the shifts of an event: (shift, application, status).
pub async fn mine_in_event(
    db: &Db,
    event: Uuid,
    volunteer: Uuid,
) -> Result<Vec<(Uuid, Uuid, ApplicationStatus)>> {
    /// One of them (a tuple cannot read its status with `try_from`).
    #[derive(sqlx::FromRow)]
    struct Mine {
        shift_id: Uuid,
        id: Uuid,
        #[sqlx(try_from = "String")]
        status: ApplicationStatus,
    }
    let rows: Vec<Mine> = on_db!(db, pool => sqlx::query_as(
        "SELECT shift_id, id, status FROM applications WHERE event_id = $1 AND volunteer_id = $2",
    ).bind(event).bind(volunteer).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|m| (m.shift_id, m.id, m.status))
        .collect())
}

/// An application with what changing its status needs (its event's mode for a consent).
#[derive(sqlx::FromRow)]
struct Current {
    shift_id: Uuid,
    volunteer_id: Uuid,
    #[sqlx(try_from = "String")]
    status: ApplicationStatus,
    consent_required: bool,
    consent_recorded_at: Option<DateTime<Utc>>,
}

impl Current {
    /// Where it stands with a parent's consent.
    fn consent(&self) -> lifecycle::Consent {
        lifecycle::Consent::of(self.consent_required, self.consent_recorded_at.is_some())
    }
}

/// [`Current`], with its event's mode (recording a consent).
#[derive(sqlx::FromRow)]
struct ConsentRow {
    #[sqlx(flatten)]
    current: Current,
    #[sqlx(try_from = "String")]
    mode: EventMode,
}

/// The columns of [`Current`], of `applications a`.
const CURRENT: &str =
    "a.shift_id, a.volunteer_id, a.status, a.consent_required, a.consent_recorded_at";

/// Applies `volunteer` to `shift`, [`domain::admit`] deciding for `applicant` (a minor under
/// the consent age waits, pending whatever the mode, for a parent's consent). Errors:
/// `NotFound`; `Refused` by the law; `Conflict` with `event_not_open`, `shift_started`,
/// `overlapping_shift` or `already_applied`.
pub async fn apply(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    applicant: Applicant,
) -> Result<(Uuid, Admission)> {
    crate::batch::apply(
        db,
        crate::batch::Application {
            shift,
            volunteer,
            motivation: motivation.map(str::to_owned),
            applicant,
            tell: std::sync::Arc::new(|_| None),
        },
    )
    .await
}

macro_rules! notice_row {
    () => {
        "SELECT a.id AS application_id, a.status, a.reason, u.email, u.display_name, u.preferred_lang AS lang, u.notify_off, \
         e.id AS event_id, e.title_kk, e.title_ru, e.title_en, s.starts_at \
         FROM applications a JOIN users u ON u.id = a.volunteer_id JOIN shifts s ON s.id = a.shift_id \
         JOIN events e ON e.id = a.event_id "
    };
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
        let status = read(status)?;
        let to = lifecycle::cancel(status)?;
        let n = sqlx::query(
            "UPDATE applications SET status = $4, decided_at = $3 WHERE id = $1 AND status = $2",
        ).bind(application).bind(status.code()).bind(at).bind(to.code()).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Error::Conflict("state_changed"));
        }
        let mut promoted = None;
        if status.holds_place() {
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
        let row: Option<Current> = sqlx::query_as(sql!("SELECT {CURRENT} FROM applications a WHERE a.id = $1"))
            .bind(application).fetch_optional(&mut *tx).await?;
        let Some(c) = row else { return Err(Error::NotFound) };
        let to = lifecycle::accept(c.status, c.consent())?;
        let (starts, ends): (DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
            "SELECT starts_at, ends_at FROM shifts WHERE id = $1",
        ).bind(c.shift_id).fetch_one(&mut *tx).await?;
        take_place!(tx, c.volunteer_id, c.shift_id, starts, ends, None).for_acceptance()?;
        let n = sqlx::query(
            "UPDATE applications SET status = $5, decided_at = $2, decided_by = $3 WHERE id = $1 AND status = $4",
        ).bind(application).bind(at).bind(coordinator).bind(c.status.code()).bind(to.code())
        .execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(Transition::ALREADY_DECIDED.into());
        }
        tx.commit().await?;
        Ok(())
    })
}

/// Rejects a pending or waitlisted application with a reason.
/// Errors: `NotFound`, `Conflict("already_decided")`.
pub async fn reject(db: &Db, application: Uuid, coordinator: Uuid, reason: &str) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(sql!(
        "UPDATE applications SET status = {}, decided_at = $2, decided_by = $3, reason = $4 \
         WHERE id = $1 AND status IN ({})",
        to_of(lifecycle::reject),
        from_of(lifecycle::reject)
    )).bind(application).bind(at).bind(coordinator).bind(reason).execute(pool).await?.rows_affected());
    if n == 0 {
        return match status_of(db, application).await? {
            None => Err(Error::NotFound),
            // Rejectable now: it changed in between (answered, as always, `already_decided`).
            Some(s) => Err(lifecycle::reject(s)
                .err()
                .unwrap_or(Transition::ALREADY_DECIDED)
                .into()),
        };
    }
    Ok(())
}

async fn status_of(db: &Db, application: Uuid) -> Result<Option<ApplicationStatus>> {
    let code: Option<String> = on_db!(db, pool => sqlx::query_scalar("SELECT status FROM applications WHERE id = $1")
        .bind(application).fetch_optional(pool).await?);
    code.map(read).transpose()
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
        let status = lifecycle::move_to_shift(read(status)?)?;
        if status.holds_place() {
            take_place!(tx, volunteer, to_shift, starts, ends, Some(application)).for_acceptance()?;
            sqlx::query("UPDATE shifts SET accepted_count = accepted_count - 1 WHERE id = $1")
                .bind(from).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE applications SET shift_id = $2, decided_by = $3, decided_at = $4 WHERE id = $1")
            .bind(application).bind(to_shift).bind(coordinator).bind(at)
            .execute(&mut *tx).await.map_err(|e| crate::conflict_on_unique(e, "already_applied"))?;
        let promoted = if status.holds_place() { promote_first!(tx, from, at) } else { None };
        tx.commit().await?;
        Ok::<_, Error>(promoted)
    })?;
    Ok(promoted)
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
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
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

/// Checks a volunteer in: her accepted application to `shift` becomes `checked_in`.
/// Errors: `NotFound` (no application), `Conflict("not_accepted")`.
pub async fn check_in(db: &Db, shift: Uuid, volunteer: Uuid, at: DateTime<Utc>) -> Result<Uuid> {
    let id: Option<Uuid> = on_db!(db, pool => sqlx::query_scalar(sql!(
        "UPDATE applications SET status = {}, checked_in_at = $3 \
         WHERE shift_id = $1 AND volunteer_id = $2 AND status IN ({}) RETURNING id",
        to_of(lifecycle::check_in),
        from_of(lifecycle::check_in)
    )).bind(shift).bind(volunteer).bind(at).fetch_optional(pool).await?);
    if let Some(id) = id {
        return Ok(id);
    }
    let status: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT status FROM applications WHERE shift_id = $1 AND volunteer_id = $2",
    ).bind(shift).bind(volunteer).fetch_optional(pool).await?);
    match status.map(read).transpose()? {
        None => Err(Error::NotFound),
        // Accepted now: it changed in between (answered, as always, `not_accepted`).
        Some(s) => Err(lifecycle::check_in(s)
            .err()
            .unwrap_or(lifecycle::NOT_ACCEPTED)
            .into()),
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
        let n = sqlx::query(sql!(
            "UPDATE applications SET status = {}, checked_out_at = $2 WHERE id = $1 AND status IN ({})",
            to_of(lifecycle::check_out),
            from_of(lifecycle::check_out)
        )).bind(application).bind(at).execute(&mut *tx).await?.rows_affected();
        if n == 0 {
            return Err(lifecycle::NOT_CHECKED_IN.into());
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
    Ok(on_db!(db, pool => sqlx::query_as(sql!(
        "SELECT a.id, s.ends_at FROM applications a JOIN shifts s ON s.id = a.shift_id \
         WHERE a.event_id = $1 AND a.status = {}",
        one(ApplicationStatus::CheckedIn)
    )).bind(event).fetch_all(pool).await?))
}

/// Marks an accepted volunteer who did not come: `accepted` → `no_show`.
pub async fn mark_no_show(db: &Db, application: Uuid, coordinator: Uuid) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(sql!(
        "UPDATE applications SET status = {}, decided_at = $2, decided_by = $3 WHERE id = $1 AND status IN ({})",
        to_of(lifecycle::mark_no_show),
        from_of(lifecycle::mark_no_show)
    )).bind(application).bind(at).bind(coordinator).execute(pool).await?.rows_affected());
    if n == 0 {
        return Err(lifecycle::NOT_ACCEPTED.into());
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
pub async fn record_consent(db: &Db, application: Uuid, c: &Consent) -> Result<ApplicationStatus> {
    with_retries(|| record_consent_once(db, application, c)).await
}

async fn record_consent_once(db: &Db, application: Uuid, c: &Consent) -> Result<ApplicationStatus> {
    let at = now();
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let row: Option<ConsentRow> = sqlx::query_as(sql!(
            "SELECT {CURRENT}, e.mode FROM applications a JOIN events e ON e.id = a.event_id WHERE a.id = $1"
        )).bind(application).fetch_optional(&mut *tx).await?;
        let Some(ConsentRow { current: cur, mode }) = row else { return Err(Error::NotFound) };
        let next = lifecycle::record_consent(cur.status, cur.consent(), mode)?;
        sqlx::query(
            "UPDATE applications SET consent_parent_name = $2, consent_parent_contact = $3, consent_date = $4, \
             consent_recorded_by = $5, consent_recorded_at = $6 WHERE id = $1",
        ).bind(application).bind(&c.parent_name).bind(&c.parent_contact).bind(c.date).bind(c.recorded_by).bind(at)
        .execute(&mut *tx).await?;
        let mut status = cur.status;
        if next == OnConsent::SeeksPlace {
            let (starts, ends): (DateTime<Utc>, DateTime<Utc>) = sqlx::query_as(
                "SELECT starts_at, ends_at FROM shifts WHERE id = $1",
            ).bind(cur.shift_id).fetch_one(&mut *tx).await?;
            status = take_place!(tx, cur.volunteer_id, cur.shift_id, starts, ends, None).after_consent();
            sqlx::query("UPDATE applications SET status = $2, decided_at = $3 WHERE id = $1")
                .bind(application).bind(status.code()).bind(at).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(status)
    })
}

/// A volunteer's application with its event and shift (her list, her calendar).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MyApplication {
    /// Key.
    pub id: Uuid,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
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
    let mark = sql!(
        "UPDATE applications SET shift_reminded_at = $1 WHERE id IN (SELECT a.id FROM shifts s \
         CROSS JOIN applications a WHERE a.shift_id = s.id AND s.starts_at > $1 AND s.starts_at <= $2 \
         AND a.status = {} AND a.shift_reminded_at IS NULL LIMIT 500)",
        one(ApplicationStatus::Accepted)
    );
    const SQL: &str = concat!(notice_row!(), "WHERE a.shift_reminded_at = $1");
    let at = now();
    let n = on_db!(db, pool => sqlx::query(mark).bind(at).bind(at + within).execute(pool).await?.rows_affected());
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
    // Literal status, as the partial index `applications_unreminded_idx` has it.
    let mark = sql!(
        "UPDATE applications SET coordinator_reminded_at = $1 WHERE id IN (SELECT id FROM applications \
         WHERE status = {} AND coordinator_reminded_at IS NULL AND consent_required = FALSE \
         AND created_at <= $2 LIMIT 500)",
        one(ApplicationStatus::Pending)
    );
    const SQL: &str = concat!(
        waiting_row!(),
        "WHERE a.coordinator_reminded_at = $1 ORDER BY e.organization_id, a.created_at"
    );
    let at = now();
    let n = on_db!(db, pool => sqlx::query(mark).bind(at).bind(at - older).execute(pool).await?.rows_affected());
    if n == 0 {
        return Ok(Vec::new());
    }
    Ok(on_db!(db, pool => sqlx::query_as::<_, Waiting>(SQL).bind(at).fetch_all(pool).await?))
}

/// Pending applications of a region older than `older`: the front-office's queue.
pub async fn escalated(db: &Db, region: &str, older: chrono::Duration) -> Result<Vec<Waiting>> {
    let query = sql!(
        "{}WHERE a.status = {} AND a.consent_required = FALSE AND a.created_at <= $2 AND e.region_code = $1 \
         AND e.status = '{}' ORDER BY a.created_at LIMIT 200",
        waiting_row!(),
        one(ApplicationStatus::Pending),
        EventStatus::Published.code()
    );
    let before = now() - older;
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Waiting>(query).bind(region).bind(before).fetch_all(pool).await?),
    )
}

/// Median minutes an organization took to decide moderated applications over the last
/// year (its latest 501 decisions), or None without any.
pub async fn median_response_minutes(db: &Db, organization: Uuid) -> Result<Option<i64>> {
    let since = now() - chrono::Duration::days(365);
    let query = sql!(
        "SELECT a.created_at, a.decided_at FROM applications a JOIN events e ON e.id = a.event_id \
         WHERE e.organization_id = $1 AND e.mode = '{}' AND a.decided_by IS NOT NULL \
         AND a.status IN ({}) AND a.decided_at >= $2 \
         ORDER BY a.decided_at DESC LIMIT 501",
        EventMode::Moderated.code(),
        list(ApplicationStatus::is_decided)
    );
    let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = on_db!(db, pool => sqlx::query_as(query).bind(organization).bind(since).fetch_all(pool).await?);
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
