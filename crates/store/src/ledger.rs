//! The electronic volunteer book: hours entries and their workflow, and the append-only,
//! hash-chained ledger of confirmed hours (see `domain::ledger`).
//!
//! Hours entries move `claimed → confirmed | rejected | disputed`, a disputed one is
//! resolved by the region's front-office (confirmed or rejected), a confirmed one may be
//! reversed. Every confirmation and reversal appends one entry to the volunteer's chain in
//! the same transaction as the status change; the database refuses UPDATE and DELETE on
//! the ledger (triggers on both backends).

use chrono::{DateTime, NaiveDate, Utc};
use domain::ledger::{self, Entry, Head, Stored};
use serde::Serialize;
use uuid::Uuid;

use crate::{Db, Error, Result, now, on_db};

/// An hours entry of the book.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Hours {
    /// Key.
    pub id: Uuid,
    /// Whose.
    pub volunteer_id: Uuid,
    /// The organization that confirms them.
    pub organization_id: Option<Uuid>,
    /// The event, for attendance.
    pub event_id: Option<Uuid>,
    /// The shift, for attendance.
    pub shift_id: Option<Uuid>,
    /// Minutes.
    pub minutes: i64,
    /// The day of the activity.
    pub work_date: NaiveDate,
    /// `claimed`, `confirmed`, `rejected`, `disputed`, `reversed`.
    pub status: String,
    /// `attendance`, `claim`, `help_request`, `import`.
    pub source: String,
    /// What was done.
    pub description: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// Why rejected, disputed or reversed.
    pub reason: Option<String>,
    /// Recorded at.
    pub created_at: DateTime<Utc>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
    /// The region whose front-office decides, for hours without an organization (help
    /// requests, paper records).
    pub region_code: Option<String>,
}

const HOURS_COLUMNS: &str = "id, volunteer_id, organization_id, event_id, shift_id, minutes, \
    work_date, status, source, description, direction, activity_type, reason, created_at, \
    decided_at, region_code";

/// A new hours entry (claimed).
#[derive(Debug, Clone)]
pub struct NewHours {
    /// Whose.
    pub volunteer_id: Uuid,
    /// Who confirms them.
    pub organization_id: Option<Uuid>,
    /// Event and shift, for attendance.
    pub event_id: Option<Uuid>,
    /// Shift.
    pub shift_id: Option<Uuid>,
    /// Application, for attendance (one entry per application).
    pub application_id: Option<Uuid>,
    /// Minutes (> 0).
    pub minutes: i64,
    /// Day of the activity.
    pub work_date: NaiveDate,
    /// Source.
    pub source: &'static str,
    /// What was done.
    pub description: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: Option<String>,
    /// Who recorded it.
    pub created_by: Option<Uuid>,
}

/// Inserts `$h` (a [`NewHours`]) as claimed inside the transaction `$tx`; evaluates to
/// its key.
macro_rules! insert_hours {
    ($tx:ident, $h:expr) => {{
        let h: &$crate::ledger::NewHours = $h;
        let id = $crate::new_id();
        sqlx::query(
            "INSERT INTO hours_entries (id, volunteer_id, organization_id, event_id, shift_id, \
             application_id, minutes, work_date, status, source, description, direction, \
             activity_type, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'claimed', $9, $10, $11, $12, $13, $14)",
        )
        .bind(id)
        .bind(h.volunteer_id)
        .bind(h.organization_id)
        .bind(h.event_id)
        .bind(h.shift_id)
        .bind(h.application_id)
        .bind(h.minutes)
        .bind(h.work_date)
        .bind(h.source)
        .bind(&h.description)
        .bind(&h.direction)
        .bind(&h.activity_type)
        .bind(h.created_by)
        .bind($crate::now())
        .execute(&mut *$tx)
        .await?;
        id
    }};
}
pub(crate) use insert_hours;

mod certificates;
pub mod log;

pub use certificates::{
    Certificate, certificate, certificate_brief, certificates_of, documents_after,
    insert_certificate, revoke_certificate,
};

/// Records a claimed hours entry.
pub async fn create(db: &Db, h: &NewHours) -> Result<Uuid> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id = insert_hours!(tx, h);
        tx.commit().await?;
        Ok(id)
    })
}

/// One hours entry.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<Hours>> {
    let sql = format!("SELECT {HOURS_COLUMNS} FROM hours_entries WHERE id = $1");
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Hours>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(pool).await?),
    )
}

/// A volunteer's entries, newest first.
pub async fn of_volunteer(db: &Db, volunteer: Uuid, limit: i64) -> Result<Vec<Hours>> {
    page_of_volunteer(db, volunteer, limit, 0).await
}

/// A page of a volunteer's entries, newest first.
pub async fn page_of_volunteer(
    db: &Db,
    volunteer: Uuid,
    limit: i64,
    offset: i64,
) -> Result<Vec<Hours>> {
    let sql = format!(
        "SELECT {HOURS_COLUMNS} FROM hours_entries WHERE volunteer_id = $1 \
         ORDER BY work_date DESC, created_at DESC LIMIT $2 OFFSET $3"
    );
    Ok(
        on_db!(db, pool => sqlx::query_as::<_, Hours>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(volunteer).bind(limit).bind(offset).fetch_all(pool).await?),
    )
}

/// How many entries a volunteer's book holds (every status).
pub async fn count_of_volunteer(db: &Db, volunteer: Uuid) -> Result<i64> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM hours_entries WHERE volunteer_id = $1",
    ).bind(volunteer).fetch_one(pool).await?))
}

/// A volunteer's ledger summed four ways (confirmations less reversals): what her totals
/// and benefits are made of. A few rows however long her book: a month, an organization,
/// a direction or an activity type a row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookSums {
    /// By month (its first day), oldest first.
    pub by_month: Vec<(NaiveDate, i64)>,
    /// By organization (none for hours without one).
    pub by_organization: Vec<(Option<Uuid>, i64)>,
    /// By direction code.
    pub by_direction: Vec<(Option<String>, i64)>,
    /// By activity type code.
    pub by_activity_type: Vec<(Option<String>, i64)>,
}

/// [`BookSums`] of a volunteer's chain, each read from one index alone.
pub async fn book_sums(db: &Db, volunteer: Uuid) -> Result<BookSums> {
    let month = crate::dialect::month_start(db.backend(), "work_date");
    let by = |key: &str| {
        format!(
            "SELECT {key} AS k, CAST(SUM(minutes) AS BIGINT) AS m FROM ledger_entries \
             WHERE volunteer_id = $1 GROUP BY {key} ORDER BY {key}"
        )
    };
    let (m, o, d, a) = (
        by(&month),
        by("organization_id"),
        by("direction"),
        by("activity_type"),
    );
    Ok(BookSums {
        by_month: on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(m.as_str()))
            .bind(volunteer).fetch_all(pool).await?),
        by_organization: on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(o.as_str()))
            .bind(volunteer).fetch_all(pool).await?),
        by_direction: on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(d.as_str()))
            .bind(volunteer).fetch_all(pool).await?),
        by_activity_type: on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(a.as_str()))
            .bind(volunteer).fetch_all(pool).await?),
    })
}

/// An organization's entries waiting for its decision (claimed), oldest first, with the
/// volunteer's name.
pub async fn pending_of_organization(
    db: &Db,
    org: Uuid,
    limit: i64,
) -> Result<Vec<(String, Hours)>> {
    let sql = format!(
        "SELECT u.display_name, {} FROM hours_entries h JOIN users u ON u.id = h.volunteer_id \
         WHERE h.organization_id = $1 AND h.status = 'claimed' ORDER BY h.created_at LIMIT $2",
        hours_columns_of_h()
    );
    let rows: Vec<Named> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(org).bind(limit).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.display_name, r.hours))
        .collect())
}

/// An hours entry with its volunteer's name.
#[derive(sqlx::FromRow)]
struct Named {
    display_name: String,
    #[sqlx(flatten)]
    hours: Hours,
}

/// [`HOURS_COLUMNS`] of the table aliased `h`.
fn hours_columns_of_h() -> String {
    HOURS_COLUMNS
        .split(',')
        .map(|c| format!("h.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Someone to tell about her hours, with what the message needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    /// Her e-mail.
    pub email: String,
    /// Her name.
    pub display_name: String,
    /// Her language.
    pub lang: String,
    /// Categories she turned off.
    pub notify_off: String,
    /// Minutes of the entry.
    pub minutes: i64,
    /// Day of the activity.
    pub work_date: NaiveDate,
    /// Why (rejected, reversed).
    pub reason: Option<String>,
}

/// What a message about one hours entry needs.
pub async fn notice(db: &Db, id: Uuid) -> Result<Option<Notice>> {
    Ok(on_db!(db, pool => sqlx::query_as::<_, Notice>(
        "SELECT u.email, u.display_name, u.preferred_lang AS lang, u.notify_off, h.minutes, \
         h.work_date, h.reason FROM hours_entries h JOIN users u ON u.id = h.volunteer_id WHERE h.id = $1",
    ).bind(id).fetch_optional(pool).await?))
}

/// Signs a chain's new head (the platform's key, held by the caller).
pub type Sign<'a> = &'a (dyn Fn(Uuid, i64, [u8; 32]) -> Head + Send + Sync);

/// What a ledger entry repeats of its hours entry.
#[derive(sqlx::FromRow)]
pub(crate) struct HoursFacts {
    pub(crate) volunteer_id: Uuid,
    pub(crate) minutes: i64,
    pub(crate) work_date: NaiveDate,
    pub(crate) organization_id: Option<Uuid>,
    pub(crate) direction: Option<String>,
    pub(crate) activity_type: Option<String>,
    pub(crate) source: String,
}

/// Appends one entry to the chain of the hours entry `$hours` inside `$tx` (whose status
/// change has just been made), and signs the new head.
macro_rules! append {
    ($tx:ident, $hours:expr, $kind:expr, $reason:expr, $actor:expr, $sign:expr) => {{
        let hours: Uuid = $hours;
        let f: $crate::ledger::HoursFacts = sqlx::query_as(
            "SELECT volunteer_id, minutes, work_date, organization_id, direction, activity_type, source \
             FROM hours_entries WHERE id = $1",
        )
        .bind(hours)
        .fetch_one(&mut *$tx)
        .await?;
        // The log's counter first: its row stays locked until commit, so appends (to any
        // chain) run one after the other and committed leaves never leave a gap.
        let leaf: i64 = sqlx::query_scalar(
            "UPDATE ledger_log SET leaves = leaves + 1 WHERE id = 1 RETURNING leaves - 1",
        )
        .fetch_one(&mut *$tx)
        .await?;
        let last: Option<(i64, Vec<u8>)> = sqlx::query_as(
            "SELECT seq, hash FROM ledger_entries WHERE volunteer_id = $1 ORDER BY seq DESC LIMIT 1",
        )
        .bind(f.volunteer_id)
        .fetch_optional(&mut *$tx)
        .await?;
        let (seq, prev_hash) = match last {
            Some((s, h)) => (s + 1, <[u8; 32]>::try_from(h.as_slice()).unwrap_or(::domain::ledger::GENESIS)),
            None => (1, ::domain::ledger::GENESIS),
        };
        let kind: ::domain::ledger::EntryKind = $kind;
        let entry = ::domain::ledger::Entry {
            volunteer_id: f.volunteer_id,
            seq,
            hours_id: hours,
            kind: kind.code().to_owned(),
            minutes: match kind {
                ::domain::ledger::EntryKind::Confirm => f.minutes,
                ::domain::ledger::EntryKind::Reverse => -f.minutes,
            },
            work_date: f.work_date,
            organization_id: f.organization_id,
            direction: f.direction,
            activity_type: f.activity_type,
            source: f.source,
            reason: $reason,
            actor_id: $actor,
            recorded_at: $crate::now(),
            prev_hash,
        };
        let hash = entry.hash();
        sqlx::query(
            "INSERT INTO ledger_entries (volunteer_id, seq, hours_id, kind, minutes, work_date, \
             organization_id, direction, activity_type, source, reason, actor_id, recorded_at, \
             prev_hash, hash, leaf_index) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(entry.volunteer_id)
        .bind(entry.seq)
        .bind(entry.hours_id)
        .bind(&entry.kind)
        .bind(entry.minutes)
        .bind(entry.work_date)
        .bind(entry.organization_id)
        .bind(&entry.direction)
        .bind(&entry.activity_type)
        .bind(&entry.source)
        .bind(&entry.reason)
        .bind(entry.actor_id)
        .bind(entry.recorded_at)
        .bind(entry.prev_hash.as_slice())
        .bind(hash.as_slice())
        .bind(leaf)
        .execute(&mut *$tx)
        .await
        .map_err(|e| $crate::conflict_on_unique(e, "already_decided"))?;
        let sign: $crate::ledger::Sign<'_> = $sign;
        let head = sign(entry.volunteer_id, seq, hash);
        sqlx::query(
            "INSERT INTO ledger_heads (volunteer_id, seq, hash, key_id, signature, signed_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (volunteer_id) DO UPDATE SET \
             seq = excluded.seq, hash = excluded.hash, key_id = excluded.key_id, \
             signature = excluded.signature, signed_at = excluded.signed_at",
        )
        .bind(head.volunteer_id)
        .bind(head.seq)
        .bind(head.hash.as_slice())
        .bind(&head.key_id)
        .bind(head.signature.as_slice())
        .bind(entry.recorded_at)
        .execute(&mut *$tx)
        .await?;
    }};
}
pub(crate) use append;

/// Moves an entry from one of `from` to `to` (compare-and-set); false when it was not in
/// one of them.
macro_rules! set_status {
    ($tx:ident, $id:expr, $from:expr, $to:expr, $reason:expr, $actor:expr) => {{
        let sql = format!(
            "UPDATE hours_entries SET status = $2, reason = COALESCE($3, reason), decided_by = $4, \
             decided_at = $5 WHERE id = $1 AND status IN ({})",
            $from
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind($id)
            .bind($to)
            .bind($reason)
            .bind($actor)
            .bind(now())
            .execute(&mut *$tx)
            .await?
            .rows_affected()
            == 1
    }};
}

async fn decided_or_missing(db: &Db, id: Uuid) -> Error {
    match get(db, id).await {
        Ok(Some(_)) => Error::Conflict("already_decided"),
        Ok(None) => Error::NotFound,
        Err(e) => e,
    }
}

/// Confirms claimed (or disputed) hours: the entry enters the volunteer's chain. Errors:
/// `NotFound`, `Conflict("already_decided")` (another coordinator was first).
pub async fn confirm(db: &Db, id: Uuid, actor: Uuid, sign: Sign<'_>) -> Result<()> {
    let begin = db.begin_write();
    let done = on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        if !set_status!(tx, id, "'claimed', 'disputed'", "confirmed", None::<String>, actor) {
            false
        } else {
            append!(tx, id, ledger::EntryKind::Confirm, None, Some(actor), sign);
            tx.commit().await?;
            true
        }
    });
    if done {
        Ok(())
    } else {
        Err(decided_or_missing(db, id).await)
    }
}

/// Rejects claimed (or disputed) hours with a reason. Errors as [`confirm`].
pub async fn reject(db: &Db, id: Uuid, actor: Uuid, reason: &str) -> Result<()> {
    let done = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let ok = set_status!(tx, id, "'claimed', 'disputed'", "rejected", Some(reason), actor);
        tx.commit().await?;
        ok
    });
    if done {
        Ok(())
    } else {
        Err(decided_or_missing(db, id).await)
    }
}

/// The volunteer disputes claimed hours left unanswered (or rejected): the region's
/// front-office resolves them. Errors as [`confirm`].
pub async fn dispute(db: &Db, id: Uuid, volunteer: Uuid, reason: &str) -> Result<()> {
    let at = now();
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE hours_entries SET status = 'disputed', reason = $3, escalated_at = $4 \
         WHERE id = $1 AND volunteer_id = $2 AND status IN ('claimed', 'rejected')",
    ).bind(id).bind(volunteer).bind(reason).bind(at).execute(pool).await?.rows_affected());
    if n == 1 {
        Ok(())
    } else {
        Err(decided_or_missing(db, id).await)
    }
}

/// Takes back confirmed hours: a reversing entry (negative minutes, the reason, who) is
/// appended; nothing is changed in the ledger. Errors: `Conflict("not_confirmed")`.
pub async fn reverse(db: &Db, id: Uuid, actor: Uuid, reason: &str, sign: Sign<'_>) -> Result<()> {
    let begin = db.begin_write();
    let done = on_db!(db, pool => {
        let mut tx = pool.begin_with(begin).await?;
        if !set_status!(tx, id, "'confirmed'", "reversed", Some(reason), actor) {
            false
        } else {
            append!(tx, id, ledger::EntryKind::Reverse, Some(reason.to_owned()), Some(actor), sign);
            tx.commit().await?;
            true
        }
    });
    if done {
        Ok(())
    } else {
        match get(db, id).await? {
            Some(_) => Err(Error::Conflict("not_confirmed")),
            None => Err(Error::NotFound),
        }
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    volunteer_id: Uuid,
    seq: i64,
    hours_id: Uuid,
    kind: String,
    minutes: i64,
    work_date: NaiveDate,
    organization_id: Option<Uuid>,
    direction: Option<String>,
    activity_type: Option<String>,
    source: String,
    reason: Option<String>,
    actor_id: Option<Uuid>,
    recorded_at: DateTime<Utc>,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

fn bytes32(v: &[u8]) -> [u8; 32] {
    // A stored value of the wrong length cannot match any hash: all ones.
    <[u8; 32]>::try_from(v).unwrap_or([0xff; 32])
}

impl From<EntryRow> for Stored {
    fn from(r: EntryRow) -> Stored {
        Stored {
            hash: bytes32(&r.hash),
            entry: Entry {
                volunteer_id: r.volunteer_id,
                seq: r.seq,
                hours_id: r.hours_id,
                kind: r.kind,
                minutes: r.minutes,
                work_date: r.work_date,
                organization_id: r.organization_id,
                direction: r.direction,
                activity_type: r.activity_type,
                source: r.source,
                reason: r.reason,
                actor_id: r.actor_id,
                recorded_at: r.recorded_at,
                prev_hash: bytes32(&r.prev_hash),
            },
        }
    }
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    volunteer_id: Uuid,
    seq: i64,
    hash: Vec<u8>,
    key_id: String,
    signature: Vec<u8>,
}

impl From<HeadRow> for Head {
    fn from(r: HeadRow) -> Head {
        Head {
            volunteer_id: r.volunteer_id,
            seq: r.seq,
            hash: bytes32(&r.hash),
            key_id: r.key_id,
            signature: <[u8; 64]>::try_from(r.signature.as_slice()).unwrap_or([0; 64]),
        }
    }
}

const ENTRY_COLUMNS: &str = "volunteer_id, seq, hours_id, kind, minutes, work_date, \
    organization_id, direction, activity_type, source, reason, actor_id, recorded_at, \
    prev_hash, hash";

/// A volunteer's chain, in order, and its head.
pub async fn chain(db: &Db, volunteer: Uuid) -> Result<(Vec<Stored>, Option<Head>)> {
    let sql =
        format!("SELECT {ENTRY_COLUMNS} FROM ledger_entries WHERE volunteer_id = $1 ORDER BY seq");
    let rows: Vec<EntryRow> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(volunteer).fetch_all(pool).await?);
    let head: Option<HeadRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT volunteer_id, seq, hash, key_id, signature FROM ledger_heads WHERE volunteer_id = $1",
    ).bind(volunteer).fetch_optional(pool).await?);
    Ok((
        rows.into_iter().map(Stored::from).collect(),
        head.map(Head::from),
    ))
}

/// What [`verify_all`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Chains checked.
    pub chains: u64,
    /// Entries checked.
    pub entries: u64,
    /// Broken chains: (volunteer, what and where).
    pub broken: Vec<(Uuid, String)>,
}

/// Checks every chain and head against the published keys, streaming the ledger in chain
/// order: in as many ranges of volunteers as there are cores, read at the same time (each
/// over its own connection), since reading rows is most of the work.
pub async fn verify_all(
    db: &Db,
    keys: &(dyn Fn(&str) -> Option<ledger::VerifyingKey> + Sync),
) -> Result<Report> {
    // Heads first (a few hundred thousand rows), then the entries in chain order.
    let heads: Vec<HeadRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT volunteer_id, seq, hash, key_id, signature FROM ledger_heads",
    ).fetch_all(pool).await?);
    let heads: std::collections::HashMap<Uuid, Head> = heads
        .into_iter()
        .map(|h| (h.volunteer_id, Head::from(h)))
        .collect();
    // The keys the heads name, looked up once, for the ranges' own tasks.
    let mut known = std::collections::HashMap::new();
    for h in heads.values() {
        if !known.contains_key(&h.key_id)
            && let Some(k) = keys(&h.key_id)
        {
            known.insert(h.key_id.clone(), k);
        }
    }
    let known = std::sync::Arc::new(known);
    let mut ids: Vec<Uuid> = heads.keys().copied().collect();
    ids.sort_unstable();
    let parts = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    // Range i is [cuts[i], cuts[i + 1]), the last one open.
    let mut cuts = vec![Uuid::nil()];
    cuts.extend((1..parts).filter_map(|i| ids.get(ids.len() * i / parts).copied()));
    cuts.dedup();
    let heads = std::sync::Arc::new(heads);
    let tasks: Vec<_> = (0..cuts.len())
        .map(|i| {
            let (db, heads, known) = (db.clone(), heads.clone(), known.clone());
            let (from, to) = (cuts[i], cuts.get(i + 1).copied());
            tokio::spawn(async move {
                let lookup = |id: &str| known.get(id).copied();
                verify_range(&db, from, to, &heads, &lookup).await
            })
        })
        .collect();
    let mut report = Report::default();
    let mut seen = std::collections::HashSet::new();
    for t in tasks {
        let (part, saw) = t
            .await
            .map_err(|e| Error::Db(sqlx::Error::Protocol(e.to_string())))??;
        report.chains += part.chains;
        report.entries += part.entries;
        report.broken.extend(part.broken);
        seen.extend(saw);
    }
    // A head without entries: its chain was removed behind the application's back.
    let mut orphans: Vec<(&Uuid, &Head)> =
        heads.iter().filter(|(v, _)| !seen.contains(*v)).collect();
    orphans.sort_unstable_by_key(|(v, _)| **v);
    for (v, h) in orphans {
        report.chains += 1;
        if let Err(b) = ledger::verify_chain(&[], Some(h), keys) {
            report.broken.push((*v, b.to_string()));
        }
    }
    Ok(report)
}

/// Every chain walked from the ledger read once in log order ([`log::check_with`] shows
/// each leaf to the walk), then held to the signed heads: the same verdicts as
/// [`verify_all`] with half the reading. The heads' signatures are checked on as many
/// threads as there are cores.
#[derive(Default)]
pub struct Walks {
    chains: std::collections::HashMap<Uuid, ledger::ChainWalk>,
    entries: u64,
}

impl Walks {
    /// The next leaf of the log, with whether its stored hash is its fields'.
    pub fn observe(&mut self, leaf: &log::Leaf, intact: bool) {
        if let log::Leaf::Hours(s) = leaf {
            self.entries += 1;
            self.chains
                .entry(s.entry.volunteer_id)
                .or_default()
                .step(s, intact);
        }
    }

    /// The verdict on every chain, held to the stored heads (a head without entries: a
    /// chain removed behind the application's back).
    pub async fn finish(
        self,
        db: &Db,
        keys: &(dyn Fn(&str) -> Option<ledger::VerifyingKey> + Sync),
    ) -> Result<Report> {
        let heads: Vec<HeadRow> = on_db!(db, pool => sqlx::query_as(
            "SELECT volunteer_id, seq, hash, key_id, signature FROM ledger_heads",
        ).fetch_all(pool).await?);
        let mut heads: std::collections::HashMap<Uuid, Head> = heads
            .into_iter()
            .map(|h| (h.volunteer_id, Head::from(h)))
            .collect();
        let mut work: Vec<(Uuid, ledger::ChainWalk, Option<Head>)> = self
            .chains
            .into_iter()
            .map(|(v, w)| {
                let h = heads.remove(&v);
                (v, w, h)
            })
            .collect();
        // Heads left: their chains have no entries at all.
        work.extend(
            heads
                .into_iter()
                .map(|(v, h)| (v, ledger::ChainWalk::default(), Some(h))),
        );
        work.sort_unstable_by_key(|(v, _, _)| *v);
        let parts = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
        let chunk = work.len().div_ceil(parts).max(1);
        let broken: Vec<(Uuid, String)> = std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .filter_map(|(v, w, h)| {
                                w.finish(h.as_ref(), keys)
                                    .err()
                                    .map(|b| (*v, b.to_string()))
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        Ok(Report {
            chains: work.len() as u64,
            entries: self.entries,
            broken,
        })
    }
}

/// [`verify_all`] over the chains of volunteers from `from` (inclusive) up to `to`
/// (exclusive; none: to the end); also the volunteers whose chains it read.
async fn verify_range(
    db: &Db,
    from: Uuid,
    to: Option<Uuid>,
    heads: &std::collections::HashMap<Uuid, Head>,
    keys: &(dyn Fn(&str) -> Option<ledger::VerifyingKey> + Sync),
) -> Result<(Report, Vec<Uuid>)> {
    use futures_util::TryStreamExt;
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM ledger_entries WHERE volunteer_id >= $1{} ORDER BY volunteer_id, seq",
        if to.is_some() {
            " AND volunteer_id < $2"
        } else {
            ""
        }
    );
    let mut report = Report::default();
    let mut seen = Vec::new();
    let mut current: Vec<Stored> = Vec::new();
    let mut finish = |chain: &mut Vec<Stored>, report: &mut Report| {
        let Some(first) = chain.first() else { return };
        let v = first.entry.volunteer_id;
        seen.push(v);
        report.chains += 1;
        report.entries += chain.len() as u64;
        if let Err(b) = ledger::verify_chain(chain, heads.get(&v), keys) {
            report.broken.push((v, b.to_string()));
        }
        chain.clear();
    };
    on_db!(db, pool => {
        let mut q = sqlx::query_as::<_, EntryRow>(sqlx::AssertSqlSafe(sql.as_str())).bind(from);
        if let Some(to) = to {
            q = q.bind(to);
        }
        let mut rows = q.fetch(pool);
        while let Some(r) = rows.try_next().await? {
            if current.first().is_some_and(|c| c.entry.volunteer_id != r.volunteer_id) {
                finish(&mut current, &mut report);
            }
            current.push(Stored::from(r));
        }
    });
    finish(&mut current, &mut report);
    Ok((report, seen))
}

/// Confirmed minutes of a volunteer from the ledger (confirmations minus reversals).
pub async fn total_minutes(db: &Db, volunteer: Uuid) -> Result<i64> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT) FROM ledger_entries WHERE volunteer_id = $1",
    ).bind(volunteer).fetch_one(pool).await?))
}

/// Whether the volunteer shows her book publicly.
pub async fn public_book(db: &Db, volunteer: Uuid) -> Result<bool> {
    Ok(
        on_db!(db, pool => sqlx::query_scalar("SELECT public_book FROM users WHERE id = $1")
        .bind(volunteer).fetch_optional(pool).await?)
        .unwrap_or(false),
    )
}

/// Shows or hides her book publicly.
pub async fn set_public_book(db: &Db, volunteer: Uuid, public: bool) -> Result<()> {
    on_db!(db, pool => sqlx::query("UPDATE users SET public_book = $2 WHERE id = $1")
        .bind(volunteer).bind(public).execute(pool).await?.rows_affected());
    Ok(())
}

/// An organization's confirmed hours in a period, with the volunteer's name, by day.
pub async fn confirmed_of_organization(
    db: &Db,
    org: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<(String, Hours)>> {
    let sql = format!(
        "SELECT u.display_name, {} FROM hours_entries h JOIN users u ON u.id = h.volunteer_id \
         WHERE h.organization_id = $1 AND h.status = 'confirmed' \
         AND ($2 IS NULL OR h.work_date >= $2) AND ($3 IS NULL OR h.work_date <= $3) \
         ORDER BY h.work_date, h.created_at",
        hours_columns_of_h()
    );
    let keep = db.keeps_plans();
    let rows: Vec<Named> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).persistent(keep)
        .bind(org).bind(from).bind(to).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.display_name, r.hours))
        .collect())
}

/// Disputed hours of a region's organizations, oldest escalation first, with the
/// volunteer's name: (name, hours).
pub async fn disputed_in_region(db: &Db, region: &str) -> Result<Vec<(String, Hours)>> {
    let sql = format!(
        "SELECT u.display_name, {} FROM hours_entries h JOIN users u ON u.id = h.volunteer_id \
         JOIN organizations o ON o.id = h.organization_id \
         WHERE h.status = 'disputed' AND o.region_code = $1 ORDER BY h.escalated_at LIMIT 500",
        hours_columns_of_h()
    );
    let rows: Vec<Named> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(region).fetch_all(pool).await?);
    Ok(rows
        .into_iter()
        .map(|r| (r.display_name, r.hours))
        .collect())
}
