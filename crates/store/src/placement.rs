//! Placement: how one application takes a place of a shift, waits for one, or is given a
//! freed one. The invariants hold under any concurrency, on both databases: accepted
//! applications never exceed a shift's capacity (a guarded counter update inside the
//! transaction, plus a CHECK constraint), a volunteer never holds two accepted shifts that
//! overlap (her row is locked first), one application per volunteer per shift (a unique
//! key). A freed place goes to the first on the waitlist. What becomes of a new application
//! [`domain::admit`] decides, with the facts read here under those locks; the guarded
//! statements confirm. [`crate::batch`] and [`crate::applications`] both build on it; it
//! depends on neither.

use chrono::{DateTime, Utc};
use domain::admission::{Admission, AdmissionFacts, Applicant};
use domain::application::ApplicationStatus;
use domain::opportunity::{EventMode, EventStatus};
use uuid::Uuid;

use crate::statuses::{list, sql};
use crate::{Db, Error, Result, dialect, new_id, now, on_db};

/// A shift (its places as its locked row holds them) and its event, as an application
/// needs them.
#[derive(sqlx::FromRow)]
pub(crate) struct ApplyShift {
    pub(crate) starts_at: DateTime<Utc>,
    pub(crate) ends_at: DateTime<Utc>,
    pub(crate) capacity: i64,
    pub(crate) accepted_count: i64,
    pub(crate) event_id: Uuid,
    #[sqlx(try_from = "String")]
    pub(crate) mode: EventMode,
    #[sqlx(try_from = "String")]
    pub(crate) status: EventStatus,
    pub(crate) title_kk: Option<String>,
    pub(crate) title_ru: Option<String>,
    pub(crate) title_en: Option<String>,
    /// The event's activity type code (the law looks it up).
    pub(crate) activity_type: String,
    /// The event is hazardous.
    pub(crate) hazardous: bool,
    /// The event's minimum age.
    pub(crate) min_age: i64,
}

/// The columns of [`ApplyShift`], for `FROM shifts s JOIN events e ON e.id = s.event_id`.
pub(crate) const APPLY_SHIFT_COLUMNS: &str = "s.starts_at, s.ends_at, s.capacity, s.accepted_count, s.event_id, \
    e.mode, e.status, e.title_kk, e.title_ru, e.title_en, e.activity_type, e.hazardous, e.min_age";

impl ApplyShift {
    /// What [`domain::admit`] decides on: this shift and its event, who applies, and what
    /// the caller found of her other applications.
    pub(crate) fn facts(
        &self,
        now: DateTime<Utc>,
        applicant: Applicant,
        overlapping: bool,
        already_applied: bool,
    ) -> Result<AdmissionFacts> {
        let activity = domain::activity_type(&self.activity_type).ok_or(Error::NotFound)?;
        Ok(AdmissionFacts {
            now,
            event_status: self.status,
            mode: self.mode,
            activity,
            hazardous: self.hazardous,
            min_age: u32::try_from(self.min_age).unwrap_or(0),
            applicant,
            starts_at: self.starts_at,
            capacity: self.capacity,
            accepted: self.accepted_count,
            overlapping,
            already_applied,
        })
    }
}

/// The message a change queues in its own transaction, composed from what the change made.
pub type Tell<'a> = &'a (dyn Fn(&Notice) -> Option<crate::outbox::Mail> + Send + Sync);

/// Someone to tell about an application, with what the message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    /// The application.
    pub application_id: Uuid,
    /// Status now.
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
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

pub(crate) async fn with_retries<T, F, Fut>(f: F) -> Result<T>
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

/// [`crate::applications::apply`], queueing the acknowledgment `tell` composes (if any) in the same
/// transaction: an application is never without its answer, nor an answer without it.
pub async fn apply_and_tell(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    applicant: Applicant,
    tell: Tell<'_>,
) -> Result<(Uuid, Admission)> {
    with_retries(|| apply_once(db, shift, volunteer, motivation, applicant, tell)).await
}

async fn apply_once(
    db: &Db,
    shift: Uuid,
    volunteer: Uuid,
    motivation: Option<&str>,
    applicant: Applicant,
    tell: Tell<'_>,
) -> Result<(Uuid, Admission)> {
    let id = new_id();
    let at = now();
    let begin = db.begin_write();
    let lock_sql = format!(
        "SELECT email, display_name, preferred_lang, notify_off FROM users WHERE id = $1{}",
        dialect::for_update(db.backend())
    );
    let shift_sql = format!(
        "SELECT {APPLY_SHIFT_COLUMNS} FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id = $1{}",
        dialect::for_update_of(db.backend(), "s")
    );
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        // Her row first: two applications of one volunteer run one after the other. It
        // also brings what the acknowledgment needs. Then the shift's row, whose places
        // the decision reads.
        let me: Option<(String, String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(lock_sql.as_str()))
            .bind(volunteer).fetch_optional(&mut *tx).await?;
        let Some((email, display_name, lang, notify_off)) = me else { return Err(Error::NotFound) };
        let row: Option<ApplyShift> = sqlx::query_as(sqlx::AssertSqlSafe(shift_sql.as_str()))
            .bind(shift).fetch_optional(&mut *tx).await?;
        let Some(s) = row else { return Err(Error::NotFound) };
        let overlapping: i64 = sqlx::query_scalar(sql!(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             WHERE a.volunteer_id = $1 AND a.status IN ({}) AND a.shift_id <> $2 \
             AND s.starts_at < $3 AND s.ends_at > $4",
            list(ApplicationStatus::occupies_time)
        )).bind(volunteer).bind(shift).bind(s.ends_at).bind(s.starts_at).fetch_one(&mut *tx).await?;
        // Whether she applied already, the unique key answers (`admit` asks it last).
        let facts = s.facts(at, applicant, overlapping > 0, false)?;
        let mut admission = domain::admit(&facts)?;
        if admission.takes_place() {
            // The guarded increment confirms: under any concurrency at most `capacity`
            // succeed. None left after all: asked again, full.
            let took = sqlx::query(
                "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
            ).bind(shift).execute(&mut *tx).await?.rows_affected();
            if took == 0 {
                admission = domain::admit(&AdmissionFacts { accepted: facts.capacity, ..facts })?;
            }
        }
        let status = admission.status();
        sqlx::query(
            "INSERT INTO applications (id, shift_id, event_id, volunteer_id, status, motivation, created_at, consent_required) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id).bind(shift).bind(s.event_id).bind(volunteer).bind(status.code()).bind(motivation).bind(at)
        .bind(admission.consent_required())
        .execute(&mut *tx).await.map_err(|e| crate::conflict_on_unique(e, "already_applied"))?;
        let notice = Notice {
            application_id: id,
            status,
            reason: None,
            email,
            display_name,
            lang,
            notify_off,
            event_id: s.event_id,
            title_kk: s.title_kk,
            title_ru: s.title_ru,
            title_en: s.title_en,
            starts_at: s.starts_at,
        };
        if let Some(mail) = tell(&notice) {
            crate::outbox::enqueue_in!(tx, &mail);
        }
        tx.commit().await?;
        Ok((id, admission))
    })
}

/// Inside the caller's transaction: her row first (her accepted shifts change one at a
/// time), then no shift of hers that [occupies her time](ApplicationStatus::occupies_time)
/// overlapping `$starts..$ends` (the application `$except` aside), then the guarded
/// increment of `$shift`'s places (under any concurrency at most `capacity` succeed).
/// Evaluates to a [`domain::admission::Seat`].
macro_rules! take_place {
    ($tx:ident, $volunteer:expr, $shift:expr, $starts:expr, $ends:expr, $except:expr) => {{
        let volunteer: ::uuid::Uuid = $volunteer;
        let except: Option<::uuid::Uuid> = $except;
        sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1")
            .bind(volunteer)
            .execute(&mut *$tx)
            .await?;
        let busy: i64 = sqlx::query_scalar($crate::statuses::sql!(
            "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
             WHERE a.volunteer_id = $1 AND a.status IN ({}) \
             AND s.starts_at < $2 AND s.ends_at > $3 AND ($4 IS NULL OR a.id <> $4)",
            $crate::statuses::list(::domain::ApplicationStatus::occupies_time)
        ))
        .bind(volunteer)
        .bind($ends)
        .bind($starts)
        .bind(except)
        .fetch_one(&mut *$tx)
        .await?;
        if busy > 0 {
            ::domain::admission::Seat::Overlap
        } else {
            let took = sqlx::query(
                "UPDATE shifts SET accepted_count = accepted_count + 1 WHERE id = $1 AND accepted_count < capacity",
            )
            .bind($shift)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            if took == 1 {
                ::domain::admission::Seat::Taken
            } else {
                ::domain::admission::Seat::Full
            }
        }
    }};
}

/// Gives a freed place of `$shift` to the first on its waitlist (the applications
/// [`promote`](domain::application::promote) takes) who holds no overlapping shift (inside
/// the caller's transaction, after the counter went down); evaluates to the promoted
/// application.
macro_rules! promote_first {
    ($tx:ident, $shift:expr, $at:expr) => {{
        let shift: ::uuid::Uuid = $shift;
        let (starts, ends): (::chrono::DateTime<::chrono::Utc>, ::chrono::DateTime<::chrono::Utc>) =
            sqlx::query_as("SELECT starts_at, ends_at FROM shifts WHERE id = $1")
                .bind(shift)
                .fetch_one(&mut *$tx)
                .await?;
        let waiting: Vec<(::uuid::Uuid, ::uuid::Uuid)> = sqlx::query_as($crate::statuses::sql!(
            "SELECT id, volunteer_id FROM applications WHERE shift_id = $1 AND status IN ({}) \
             ORDER BY created_at, id LIMIT 20",
            $crate::statuses::from_of(::domain::application::promote)
        ))
        .bind(shift)
        .fetch_all(&mut *$tx)
        .await?;
        let mut promoted = None;
        for (candidate, who) in waiting {
            match $crate::placement::take_place!($tx, who, shift, starts, ends, None) {
                ::domain::admission::Seat::Overlap => continue,
                ::domain::admission::Seat::Full => break,
                ::domain::admission::Seat::Taken => {}
            }
            sqlx::query($crate::statuses::sql!(
                "UPDATE applications SET status = {}, decided_at = $2 WHERE id = $1 AND status IN ({})",
                $crate::statuses::to_of(::domain::application::promote),
                $crate::statuses::from_of(::domain::application::promote)
            ))
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

pub(crate) use {promote_first, take_place};
