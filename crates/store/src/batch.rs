//! Applications arriving together are written together.
//!
//! Each application queues itself; whoever finds no batch running takes every queued one
//! (at most [`MAX_BATCH`]) and writes them in one transaction: the volunteers' rows and the
//! shifts' rows locked in key order, what they already hold read in one statement, every
//! decision made in order of arrival against the places left, then one counter update, one
//! insert of the applications and one of their acknowledgments. Nine statements for the
//! whole batch instead of nine for each application; the same invariants (capacity,
//! overlapping shifts, one application per shift, the law) hold because every decision is
//! made under the same locks the single path takes. A batch that fails as a whole (a
//! deadlock with another writer, say) is written again one application at a time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::oneshot;
use uuid::Uuid;

use crate::outbox::Mail;
use crate::shifts::{Admission, Notice, Outcome};
use crate::{Backend, Db, Error, Result, new_id, now, on_db};

/// Most applications one transaction writes.
pub const MAX_BATCH: usize = 128;

/// Decides whether the volunteer may apply (see [`crate::shifts::Admit`]).
pub type AdmitFn = Arc<dyn Fn(&Admission) -> Result<bool> + Send + Sync>;
/// Composes the acknowledgment (see [`crate::shifts::Tell`]).
pub type TellFn = Arc<dyn Fn(&Notice) -> Option<Mail> + Send + Sync>;

/// An application to write.
#[derive(Clone)]
pub struct Application {
    /// The shift.
    pub shift: Uuid,
    /// Who applies.
    pub volunteer: Uuid,
    /// Why (optional).
    pub motivation: Option<String>,
    /// The rules of admission.
    pub admit: AdmitFn,
    /// The acknowledgment.
    pub tell: TellFn,
}

struct Queued {
    app: Application,
    reply: oneshot::Sender<Result<(Uuid, Outcome)>>,
}

/// The queue of applications waiting to be written, and the right to write a batch.
#[derive(Default)]
pub struct Coalescer {
    queue: std::sync::Mutex<Vec<Queued>>,
    writing: tokio::sync::Mutex<()>,
    together: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Coalescer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coalescer").finish_non_exhaustive()
    }
}

impl Db {
    /// Applications written in a batch of more than one so far (through this handle).
    pub fn applications_written_together(&self) -> u64 {
        self.coalescer
            .together
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Applies, written together with whatever other applications arrive at the same time.
/// Answers as [`crate::shifts::apply_and_tell`].
pub async fn apply(db: &Db, app: Application) -> Result<(Uuid, Outcome)> {
    let (reply, mut answer) = oneshot::channel();
    let c = db.coalescer.clone();
    c.queue
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(Queued { app, reply });
    let _turn = c.writing.lock().await;
    if let Ok(done) = answer.try_recv() {
        return done;
    }
    let batch: Vec<Queued> = {
        let mut q = c.queue.lock().unwrap_or_else(|p| p.into_inner());
        let n = q.len().min(MAX_BATCH);
        q.drain(..n).collect()
    };
    // Written by a task of its own: a caller that goes away does not cut a batch short.
    let db2 = db.clone();
    let _ = tokio::spawn(async move { write(&db2, batch).await }).await;
    answer
        .await
        .unwrap_or_else(|_| Err(Error::Conflict("state_changed")))
}

async fn write(db: &Db, batch: Vec<Queued>) {
    // One application per volunteer per batch; a second one waits for the next turn.
    let mut seen = HashSet::new();
    let (first, again): (Vec<Queued>, Vec<Queued>) = batch
        .into_iter()
        .partition(|q| seen.insert(q.app.volunteer));
    if first.len() == 1 {
        alone(db, first).await;
    } else {
        let apps: Vec<&Application> = first.iter().map(|q| &q.app).collect();
        match together(db, &apps).await {
            Ok(results) => {
                db.coalescer
                    .together
                    .fetch_add(first.len() as u64, std::sync::atomic::Ordering::Relaxed);
                for (q, r) in first.into_iter().zip(results) {
                    let _ = q.reply.send(r);
                }
            }
            Err(e) => {
                tracing::info!(error = %e, n = first.len(), "a batch of applications is written one by one");
                alone(db, first).await;
            }
        }
    }
    alone(db, again).await;
}

async fn alone(db: &Db, items: Vec<Queued>) {
    for q in items {
        let a = &q.app;
        let r = crate::shifts::apply_and_tell(
            db,
            a.shift,
            a.volunteer,
            a.motivation.as_deref(),
            &*a.admit,
            &*a.tell,
        )
        .await;
        let _ = q.reply.send(r);
    }
}

/// `$from, $from+1, …` for `n` parameters.
fn params(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(sqlx::FromRow)]
struct Person {
    id: Uuid,
    email: String,
    display_name: String,
    preferred_lang: String,
    notify_off: String,
}

/// A shift with its places, and its event as an application needs them.
#[derive(sqlx::FromRow)]
struct Place {
    id: Uuid,
    capacity: i64,
    accepted_count: i64,
    #[sqlx(flatten)]
    shift: crate::shifts::ApplyShift,
}

#[derive(sqlx::FromRow)]
struct Held {
    volunteer_id: Uuid,
    shift_id: Uuid,
    status: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

/// Writes distinct volunteers' applications in one transaction; per application its answer.
/// Err: the transaction failed as a whole (nothing was written).
async fn together(db: &Db, apps: &[&Application]) -> Result<Vec<Result<(Uuid, Outcome)>>> {
    let at = now();
    let pg = db.backend() == Backend::Postgres;
    let mut vols: Vec<Uuid> = apps.iter().map(|a| a.volunteer).collect();
    vols.sort();
    let mut shifts: Vec<Uuid> = apps.iter().map(|a| a.shift).collect();
    shifts.sort();
    shifts.dedup();
    let (nv, ns) = (vols.len(), shifts.len());
    let people_sql = format!(
        "SELECT id, email, display_name, preferred_lang, notify_off FROM users WHERE id IN ({}) ORDER BY id{}",
        params(1, nv),
        if pg { " FOR UPDATE" } else { "" }
    );
    let places_sql = format!(
        "SELECT s.id, s.capacity, s.accepted_count, s.starts_at, s.ends_at, s.event_id, e.mode, e.status, \
         e.title_kk, e.title_ru, e.title_en, e.activity_type, e.hazardous, e.min_age \
         FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id IN ({}) ORDER BY s.id{}",
        params(1, ns),
        if pg { " FOR UPDATE OF s" } else { "" }
    );
    let held_sql = format!(
        "SELECT a.volunteer_id, a.shift_id, a.status, s.starts_at, s.ends_at FROM applications a \
         JOIN shifts s ON s.id = a.shift_id WHERE a.volunteer_id IN ({}) \
         AND (a.status IN ('accepted', 'checked_in') OR a.shift_id IN ({}))",
        params(1, nv),
        params(nv + 1, ns)
    );
    let begin = db.begin_write();
    on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        let mut q = sqlx::query_as::<_, Person>(sqlx::AssertSqlSafe(people_sql.as_str()));
        for v in &vols {
            q = q.bind(*v);
        }
        let people: HashMap<Uuid, Person> =
            q.fetch_all(&mut *tx).await?.into_iter().map(|p| (p.id, p)).collect();
        let mut q = sqlx::query_as::<_, Place>(sqlx::AssertSqlSafe(places_sql.as_str()));
        for s in &shifts {
            q = q.bind(*s);
        }
        let mut places: HashMap<Uuid, Place> =
            q.fetch_all(&mut *tx).await?.into_iter().map(|p| (p.id, p)).collect();
        let mut q = sqlx::query_as::<_, Held>(sqlx::AssertSqlSafe(held_sql.as_str()));
        for v in &vols {
            q = q.bind(*v);
        }
        for s in &shifts {
            q = q.bind(*s);
        }
        let held: Vec<Held> = q.fetch_all(&mut *tx).await?;

        // Decisions, in order of arrival.
        let mut results = Vec::with_capacity(apps.len());
        let mut rows: Vec<(Uuid, &Application, Uuid, Outcome, bool)> = Vec::new();
        let mut mails: Vec<Mail> = Vec::new();
        let mut taken: HashMap<Uuid, i64> = HashMap::new();
        for a in apps {
            let decided = (|| -> Result<(Uuid, Outcome, bool)> {
                let who = people.get(&a.volunteer).ok_or(Error::NotFound)?;
                let place = places.get_mut(&a.shift).ok_or(Error::NotFound)?;
                if place.shift.status != "published" {
                    return Err(Error::Conflict("event_not_open"));
                }
                let hold = (a.admit)(&place.shift.admission)?;
                if place.shift.starts_at <= at {
                    return Err(Error::Conflict("shift_started"));
                }
                let mine = held.iter().filter(|h| h.volunteer_id == a.volunteer);
                if mine.clone().any(|h| {
                    h.shift_id != a.shift
                        && matches!(h.status.as_str(), "accepted" | "checked_in")
                        && h.starts_at < place.shift.ends_at
                        && h.ends_at > place.shift.starts_at
                }) {
                    return Err(Error::Conflict("overlapping_shift"));
                }
                if mine.clone().any(|h| h.shift_id == a.shift) {
                    return Err(Error::Conflict("already_applied"));
                }
                let outcome = if place.shift.mode == "moderated" || hold {
                    Outcome::Pending
                } else if place.accepted_count < place.capacity {
                    place.accepted_count += 1;
                    *taken.entry(a.shift).or_default() += 1;
                    Outcome::Accepted
                } else {
                    Outcome::Waitlisted
                };
                let id = new_id();
                let notice = Notice {
                    application_id: id,
                    status: outcome.code().to_owned(),
                    reason: None,
                    email: who.email.clone(),
                    display_name: who.display_name.clone(),
                    lang: who.preferred_lang.clone(),
                    notify_off: who.notify_off.clone(),
                    event_id: place.shift.event_id,
                    title_kk: place.shift.title_kk.clone(),
                    title_ru: place.shift.title_ru.clone(),
                    title_en: place.shift.title_en.clone(),
                    starts_at: place.shift.starts_at,
                };
                if let Some(m) = (a.tell)(&notice) {
                    mails.push(m);
                }
                Ok((id, outcome, hold))
            })();
            match decided {
                Ok((id, outcome, hold)) => {
                    let event = places.get(&a.shift).map(|p| p.shift.event_id).unwrap_or_default();
                    rows.push((id, *a, event, outcome, hold));
                    results.push(Ok((id, outcome)));
                }
                Err(e) => results.push(Err(e)),
            }
        }

        if !taken.is_empty() {
            let mut cases = String::new();
            for i in 0..taken.len() {
                cases.push_str(&format!(" WHEN ${} THEN ${}", 2 * i + 1, 2 * i + 2));
            }
            let sql = format!(
                "UPDATE shifts SET accepted_count = accepted_count + CASE id{cases} ELSE 0 END \
                 WHERE id IN ({})",
                params(2 * taken.len() + 1, taken.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for (s, k) in &taken {
                q = q.bind(*s).bind(*k);
            }
            for s in taken.keys() {
                q = q.bind(*s);
            }
            q.execute(&mut *tx).await?;
        }
        if !rows.is_empty() {
            let values: Vec<String> = (0..rows.len())
                .map(|i| format!("({})", params(8 * i + 1, 8)))
                .collect();
            let sql = format!(
                "INSERT INTO applications (id, shift_id, event_id, volunteer_id, status, motivation, \
                 created_at, consent_required) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for (id, a, event, outcome, hold) in &rows {
                q = q
                    .bind(*id)
                    .bind(a.shift)
                    .bind(*event)
                    .bind(a.volunteer)
                    .bind(outcome.code())
                    .bind(a.motivation.as_deref())
                    .bind(at)
                    .bind(*hold);
            }
            q.execute(&mut *tx).await?;
        }
        if !mails.is_empty() {
            let values: Vec<String> = (0..mails.len())
                .map(|i| {
                    let p = 6 * i;
                    format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 6)
                })
                .collect();
            let sql = format!(
                "INSERT INTO outbox (id, to_addr, subject, body_text, kind, created_at, next_attempt_at) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
            for m in &mails {
                q = q
                    .bind(new_id())
                    .bind(&m.to)
                    .bind(&m.subject)
                    .bind(&m.body)
                    .bind(&m.kind)
                    .bind(now());
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(results)
    })
}
