//! Applications arriving together are written together.
//!
//! Each application queues itself; whoever finds no batch running takes every queued one
//! (at most [`MAX_BATCH`]) and writes them in one transaction: the volunteers' rows and the
//! shifts' rows locked in key order, what they already hold read in one statement, every
//! decision made by [`domain::admit`] in order of arrival against the places left, then one
//! counter update, one insert of the applications and one of their acknowledgments. Nine
//! statements for the whole batch instead of nine for each application; the same
//! invariants (capacity, overlapping shifts, one application per shift, the law) hold
//! because every decision is made by the same rule, under the same locks the single path
//! takes. A batch that fails as a whole (a
//! deadlock with another writer, say) is written again one application at a time.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::ApplicationStatus;
use domain::admission::{Admission, Applicant, clashes};
use tokio::sync::oneshot;
use uuid::Uuid;

use crate::outbox::Mail;
use crate::placement::{APPLY_SHIFT_COLUMNS, ApplyShift, Notice};
use crate::statuses::list;
use crate::{Db, Error, Result, dialect, new_id, now, on_db};

/// Most applications one transaction writes.
pub const MAX_BATCH: usize = 128;

/// Composes the acknowledgment (see [`crate::placement::Tell`]).
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
    /// Who applies, as the law sees her; [`domain::admit`] decides.
    pub applicant: Applicant,
    /// The acknowledgment.
    pub tell: TellFn,
}

struct Queued {
    app: Application,
    reply: oneshot::Sender<Result<(Uuid, Admission)>>,
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
/// Answers as [`crate::placement::apply_and_tell`].
pub async fn apply(db: &Db, app: Application) -> Result<(Uuid, Admission)> {
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
        let r = crate::placement::apply_and_tell(
            db,
            a.shift,
            a.volunteer,
            a.motivation.as_deref(),
            a.applicant,
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
    #[sqlx(flatten)]
    shift: ApplyShift,
}

#[derive(sqlx::FromRow)]
struct Held {
    volunteer_id: Uuid,
    shift_id: Uuid,
    #[sqlx(try_from = "String")]
    status: ApplicationStatus,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

/// Writes distinct volunteers' applications in one transaction; per application its answer.
/// Err: the transaction failed as a whole (nothing was written).
async fn together(db: &Db, apps: &[&Application]) -> Result<Vec<Result<(Uuid, Admission)>>> {
    let at = now();
    let backend = db.backend();
    let mut vols: Vec<Uuid> = apps.iter().map(|a| a.volunteer).collect();
    vols.sort();
    let mut shifts: Vec<Uuid> = apps.iter().map(|a| a.shift).collect();
    shifts.sort();
    shifts.dedup();
    let (nv, ns) = (vols.len(), shifts.len());
    let people_sql = format!(
        "SELECT id, email, display_name, preferred_lang, notify_off FROM users WHERE id IN ({}) ORDER BY id{}",
        params(1, nv),
        dialect::for_update(backend)
    );
    let places_sql = format!(
        "SELECT s.id, {APPLY_SHIFT_COLUMNS} \
         FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id IN ({}) ORDER BY s.id{}",
        params(1, ns),
        dialect::for_update_of(backend, "s")
    );
    // What could keep them out: what occupies their time, and any application to these
    // shifts.
    let held_sql = format!(
        "SELECT a.volunteer_id, a.shift_id, a.status, s.starts_at, s.ends_at FROM applications a \
         JOIN shifts s ON s.id = a.shift_id WHERE a.volunteer_id IN ({}) \
         AND (a.status IN ({}) OR a.shift_id IN ({}))",
        params(1, nv),
        list(ApplicationStatus::occupies_time),
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

        // Decisions, in order of arrival, each against the places the ones before it left.
        let mut results = Vec::with_capacity(apps.len());
        let mut rows: Vec<(Uuid, &Application, Uuid, Admission)> = Vec::new();
        let mut mails: Vec<Mail> = Vec::new();
        let mut taken: HashMap<Uuid, i64> = HashMap::new();
        for a in apps {
            let decided = (|| -> Result<(Uuid, Admission)> {
                let who = people.get(&a.volunteer).ok_or(Error::NotFound)?;
                let place = places.get_mut(&a.shift).ok_or(Error::NotFound)?;
                let s = &mut place.shift;
                let mine = held.iter().filter(|h| h.volunteer_id == a.volunteer);
                let overlapping = mine.clone().any(|h| {
                    h.shift_id != a.shift
                        && clashes(h.status, (h.starts_at, h.ends_at), (s.starts_at, s.ends_at))
                });
                let already_applied = mine.clone().any(|h| h.shift_id == a.shift);
                let admission = domain::admit(&s.facts(at, a.applicant, overlapping, already_applied)?)?;
                if admission.takes_place() {
                    // Exact: the shifts' rows are locked, the counter moves only here.
                    s.accepted_count += 1;
                    *taken.entry(a.shift).or_default() += 1;
                }
                let id = new_id();
                let notice = Notice {
                    application_id: id,
                    status: admission.status(),
                    reason: None,
                    email: who.email.clone(),
                    display_name: who.display_name.clone(),
                    lang: who.preferred_lang.clone(),
                    notify_off: who.notify_off.clone(),
                    event_id: s.event_id,
                    title_kk: s.title_kk.clone(),
                    title_ru: s.title_ru.clone(),
                    title_en: s.title_en.clone(),
                    starts_at: s.starts_at,
                };
                if let Some(m) = (a.tell)(&notice) {
                    mails.push(m);
                }
                Ok((id, admission))
            })();
            match decided {
                Ok((id, admission)) => {
                    let event = places.get(&a.shift).map(|p| p.shift.event_id).unwrap_or_default();
                    rows.push((id, *a, event, admission));
                    results.push(Ok((id, admission)));
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
            for (id, a, event, admission) in &rows {
                q = q
                    .bind(*id)
                    .bind(a.shift)
                    .bind(*event)
                    .bind(a.volunteer)
                    .bind(admission.status().code())
                    .bind(a.motivation.as_deref())
                    .bind(at)
                    .bind(admission.consent_required());
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
