//! The ledger chains of a generated dataset: hashed, linked and signed as
//! `ledger::confirm` would have, written in bulk; and [`ledger_backfill`] for a dataset
//! loaded without a key.

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use domain::ledger::{Entry, EntryKind, GENESIS, Head, Stored};
use uuid::Uuid;

use super::events::UTC_OFFSET_HOURS;
use super::generator::Rng;
use super::loader::{BATCH_ROWS, SQLITE_CACHE_KIB};
use crate::ledger::{NewHours, Sign};
use crate::{Db, Result, dialect, now, on_db};

/// Source of the generated hours entries.
pub(super) const GENERATED_SOURCE: &str = "attendance";
/// Volunteers per transaction of [`ledger_backfill`].
pub(super) const BACKFILL_VOLUNTEERS: i64 = 5_000;

/// When a generated hours entry was confirmed: the morning after the activity (09:00 to
/// 19:00 in Kazakhstan, spread by the entry's key), never after `at` (the time of loading).
pub(super) fn confirmed_at(date: NaiveDate, id: Uuid, at: DateTime<Utc>) -> DateTime<Utc> {
    let b = id.as_bytes();
    let spread = i64::from(u16::from_be_bytes([b[14], b[15]]) % 600);
    let morning = date
        .checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(|d| d.and_utc() - Duration::hours(UTC_OFFSET_HOURS) + Duration::minutes(spread));
    morning.map_or(at, |t| t.min(at))
}

/// A confirmed hours entry on its way into its volunteer's chain.
pub(super) struct Confirmed {
    pub(super) id: Uuid,
    pub(super) minutes: i64,
    pub(super) date: NaiveDate,
    pub(super) org: Option<Uuid>,
    pub(super) direction: Option<String>,
    pub(super) activity_type: Option<String>,
    pub(super) source: String,
    pub(super) recorded_at: DateTime<Utc>,
}

/// What one transaction appends to the ledger: entries with their hashes, and each
/// chain's new signed head (with its time).
#[derive(Default)]
pub(super) struct Appends {
    pub(super) entries: Vec<Stored>,
    pub(super) heads: Vec<(Head, DateTime<Utc>)>,
}

impl Appends {
    /// Appends one volunteer's confirmed `hours`, in order of confirmation (then key),
    /// after her chain's `tail` (its last position and hash; 0 and [`GENESIS`] when it is
    /// empty), and signs the new head: what `ledger::confirm` does, one entry at a time.
    pub(super) fn chain(
        &mut self,
        volunteer: Uuid,
        tail: (i64, [u8; 32]),
        mut hours: Vec<Confirmed>,
        sign: Sign<'_>,
    ) {
        hours.sort_by_key(|h| (h.recorded_at, h.id));
        let (mut seq, mut prev) = tail;
        let mut last = None;
        for h in hours {
            seq += 1;
            let entry = Entry {
                volunteer_id: volunteer,
                seq,
                hours_id: h.id,
                kind: EntryKind::Confirm.code().to_owned(),
                minutes: h.minutes,
                work_date: h.date,
                organization_id: h.org,
                direction: h.direction,
                activity_type: h.activity_type,
                source: h.source,
                reason: None,
                actor_id: None,
                recorded_at: h.recorded_at,
                prev_hash: prev,
            };
            let hash = entry.hash();
            prev = hash;
            last = Some(h.recorded_at);
            self.entries.push(Stored { entry, hash });
        }
        if let Some(at) = last {
            self.heads.push((sign(volunteer, seq, prev), at));
        }
    }
}

/// Writes `$appends` (an [`Appends`]) inside the transaction `$tx`: multi-row inserts of the
/// entries, then the heads (inserted, or replaced for a chain that had one).
macro_rules! write_appends {
    ($tx:ident, $appends:expr) => {{
        let a: &Appends = $appends;
        // Their places in the log, in the order written (as appends one at a time would).
        let count = i64::try_from(a.entries.len()).unwrap_or(i64::MAX);
        let first: i64 = sqlx::query_scalar(
            "UPDATE ledger_log SET leaves = leaves + $1 WHERE id = 1 RETURNING leaves - $1",
        )
        .bind(count)
        .fetch_one(&mut *$tx)
        .await?;
        for (chunk, rows) in a.entries.chunks(BATCH_ROWS).enumerate() {
            let base = first + i64::try_from(chunk * BATCH_ROWS).unwrap_or(i64::MAX);
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO ledger_entries (volunteer_id, seq, hours_id, kind, minutes, work_date, \
                 organization_id, direction, activity_type, source, reason, actor_id, recorded_at, \
                 prev_hash, hash, leaf_index) ",
            );
            q.push_values(rows.iter().zip(base..), |mut b, (s, leaf)| {
                let e = &s.entry;
                b.push_bind(e.volunteer_id).push_bind(e.seq).push_bind(e.hours_id).push_bind(e.kind.as_str())
                    .push_bind(e.minutes).push_bind(e.work_date).push_bind(e.organization_id)
                    .push_bind(e.direction.as_deref()).push_bind(e.activity_type.as_deref())
                    .push_bind(e.source.as_str()).push_bind(e.reason.as_deref()).push_bind(e.actor_id)
                    .push_bind(e.recorded_at).push_bind(e.prev_hash.as_slice()).push_bind(s.hash.as_slice())
                    .push_bind(leaf);
            });
            q.build().execute(&mut *$tx).await?;
        }
        for rows in a.heads.chunks(BATCH_ROWS) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO ledger_heads (volunteer_id, seq, hash, key_id, signature, signed_at) ",
            );
            q.push_values(rows, |mut b, (h, at)| {
                b.push_bind(h.volunteer_id).push_bind(h.seq).push_bind(h.hash.as_slice())
                    .push_bind(h.key_id.as_str()).push_bind(h.signature.as_slice()).push_bind(*at);
            });
            q.push(
                " ON CONFLICT (volunteer_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, \
                 key_id = excluded.key_id, signature = excluded.signature, signed_at = excluded.signed_at",
            );
            q.build().execute(&mut *$tx).await?;
        }
    }};
}

pub(super) use write_appends;

/// What [`ledger_backfill`] appended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backfill {
    /// Chains that grew (each with a newly signed head).
    pub chains: u64,
    /// Entries appended.
    pub entries: u64,
}

pub(super) type BackfillRow = (
    Uuid,
    Uuid,
    i64,
    NaiveDate,
    Option<Uuid>,
    Option<String>,
    Option<String>,
    String,
    Option<DateTime<Utc>>,
);

/// Gives every confirmed hours entry that has no ledger entry its entry — a dataset loaded
/// before the ledger existed, or by [`load_plan`] without a key: appended to its
/// volunteer's chain (after what the chain holds) in order of confirmation, hashed with the
/// domain's canonical encoding, each grown chain's head signed with `sign`. Volunteers are
/// taken in key order, [`BACKFILL_VOLUNTEERS`] to a transaction, so an interrupted run
/// keeps what it did and the next one goes on. When the ledger already holds every
/// confirmed entry (one count of each table) it does nothing. Meant for a database no
/// server writes to: an append by a server at the same moment makes that transaction
/// fail (the chain's position is taken), it never forks a chain.
pub async fn ledger_backfill(
    db: &Db,
    sign: Sign<'_>,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<Backfill> {
    // Every confirmed entry has a confirmation, a reversed one a confirmation and a reversal.
    let (confirmed, in_ledger): (i64, i64) = on_db!(db, pool => sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM hours_entries WHERE status = 'confirmed'), \
         (SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'confirm' THEN 1 ELSE -1 END), 0) AS BIGINT) FROM ledger_entries)",
    ).fetch_one(pool).await?);
    let missing = u64::try_from(confirmed - in_ledger).unwrap_or(0);
    let mut done = Backfill::default();
    if missing == 0 {
        return Ok(done);
    }
    let at = now();
    let backend = db.backend();
    let mut after = Uuid::nil();
    loop {
        let page: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(
            "SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2",
        ).bind(after).bind(BACKFILL_VOLUNTEERS).fetch_all(pool).await?);
        let Some(&last) = page.last() else { break };
        let appends = on_db!(db, pool => {
            let mut tx = pool.begin_with(db.begin_write()).await?;
            if let Some(sql) = dialect::bulk_cache(backend, 262_144) {
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
            }
            let rows: Vec<BackfillRow> = sqlx::query_as(
                "SELECT h.id, h.volunteer_id, h.minutes, h.work_date, h.organization_id, h.direction, \
                 h.activity_type, h.source, h.decided_at FROM hours_entries h \
                 WHERE h.volunteer_id > $1 AND h.volunteer_id <= $2 AND h.status = 'confirmed' \
                 AND NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.hours_id = h.id AND l.kind = 'confirm') \
                 ORDER BY h.volunteer_id",
            ).bind(after).bind(last).fetch_all(&mut *tx).await?;
            // The last entry of each chain of the page.
            let tails: Vec<(Uuid, i64, Vec<u8>)> = sqlx::query_as(
                "SELECT l.volunteer_id, l.seq, l.hash FROM ledger_entries l \
                 WHERE l.volunteer_id > $1 AND l.volunteer_id <= $2 AND NOT EXISTS \
                 (SELECT 1 FROM ledger_entries n WHERE n.volunteer_id = l.volunteer_id AND n.seq = l.seq + 1)",
            ).bind(after).bind(last).fetch_all(&mut *tx).await?;
            let tails: HashMap<Uuid, (i64, [u8; 32])> = tails
                .into_iter()
                .map(|(v, seq, h)| (v, (seq, <[u8; 32]>::try_from(h.as_slice()).unwrap_or(GENESIS))))
                .collect();
            let mut appends = Appends::default();
            for mine in rows.chunk_by(|a, b| a.1 == b.1) {
                let volunteer = mine[0].1;
                let hours = mine.iter().map(|r| Confirmed {
                    id: r.0,
                    minutes: r.2,
                    date: r.3,
                    org: r.4,
                    direction: r.5.clone(),
                    activity_type: r.6.clone(),
                    source: r.7.clone(),
                    recorded_at: r.8.unwrap_or_else(|| confirmed_at(r.3, r.0, at)),
                }).collect();
                appends.chain(volunteer, tails.get(&volunteer).copied().unwrap_or((0, GENESIS)), hours, sign);
            }
            write_appends!(tx, &appends);
            if let Some(sql) = dialect::usual_cache(backend, SQLITE_CACHE_KIB) {
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
            }
            tx.commit().await?;
            appends
        });
        done.chains += appends.heads.len() as u64;
        done.entries += appends.entries.len() as u64;
        progress("ledger", done.entries.min(missing), missing);
        after = last;
    }
    progress("ledger", missing, missing);
    dialect::after_bulk_load(db, &["ledger_entries", "ledger_heads"]).await?;
    Ok(done)
}

/// Hours of one volunteer with a long book (the benchmark's: `erikti bench-book-prepare`):
/// `n` claims, about two a day going back from yesterday, with `orgs` (round the list) in
/// the directions and activity types of the reference data, 1 to 8 hours each. For the
/// same arguments, the same hours.
pub fn long_book_hours(
    volunteer: Uuid,
    orgs: &[Uuid],
    n: usize,
    today: NaiveDate,
) -> Vec<NewHours> {
    const DIRECTIONS: &[&str] = &["birlik", "bilim", "tarbie", "kelisim", "qamqor"];
    const ACTIVITIES: &[&str] = &["social_help", "environment", "emergencies", "other_useful"];
    let mut rng = Rng::new(u64::from_be_bytes(
        volunteer.as_bytes()[..8].try_into().unwrap_or([0; 8]),
    ));
    (0..n)
        .map(|i| {
            let back = 1 + (i as u64) / 2;
            NewHours {
                volunteer_id: volunteer,
                organization_id: (!orgs.is_empty()).then(|| orgs[i % orgs.len()]),
                event_id: None,
                shift_id: None,
                application_id: None,
                minutes: 60 * (1 + rng.below(8) as i64),
                work_date: today.checked_sub_days(Days::new(back)).unwrap_or(today),
                source: "claim",
                description: Some(format!(
                    "{} №{}",
                    rng.pick(&[
                        "Тазалық сенбілігі",
                        "Қарттарға көмек",
                        "Помощь приюту",
                        "Марафон"
                    ]),
                    i + 1
                )),
                direction: Some((*rng.pick(DIRECTIONS)).to_owned()),
                activity_type: Some((*rng.pick(ACTIVITIES)).to_owned()),
                created_by: Some(volunteer),
            }
        })
        .collect()
}
