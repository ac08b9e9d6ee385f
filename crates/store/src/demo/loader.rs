//! Loading a dataset: every table in multi-row inserts inside one transaction.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use domain::ledger::GENESIS;
use uuid::Uuid;

use super::charity::{self, write_charity};
use super::events::{EVENT_BATCH_ROWS, EventPlan, Vols};
use super::generator::{Generator, Org, Rng, Volunteer};
use super::ledger::{Appends, Confirmed, GENERATED_SOURCE, confirmed_at, write_appends};
use super::words::REGION_WEIGHTS;
use super::{Counts, DemoSummary, Scale, is_loaded};
use crate::ledger::Sign;
use crate::reference::embedded_regions;
use crate::{Db, Result, dialect, now, on_db};

/// SQLite page cache of a pooled connection (KiB, negative), as `Db::connect` sets it; the
/// loading connection gets 1 GiB while it loads and this back before it returns to the pool.
pub(super) const SQLITE_CACHE_KIB: i64 = -32_000;

/// Rows per multi-row insert: under both backends' bind-parameter limits.
pub(super) const BATCH_ROWS: usize = 1_500;

/// Loads the dataset of `scale` for `seed`; `progress(what, done, total)` is called as it
/// goes. Does nothing when demo data is already present.
pub async fn load(
    db: &Db,
    seed: u64,
    scale: Scale,
    today: NaiveDate,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    load_plan(db, seed, &scale.plan(), today, progress).await
}

/// Same as [`load`] with explicit (volunteers, organizations, hours entries) and no
/// events.
pub async fn load_counts(
    db: &Db,
    seed: u64,
    (volunteers, organizations, hours_entries): (u64, u64, u64),
    today: NaiveDate,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    let counts = Counts {
        volunteers,
        organizations,
        hours_entries,
        ..Counts::default()
    };
    load_plan(db, seed, &counts, today, progress).await
}

/// Same as [`load`] with explicit counts. `today` is the calendar day in Kazakhstan: the
/// shifts are laid out from 60 days before it to 120 days after it. The confirmed hours get
/// no ledger entries (no key to sign with): see [`load_plan_with_ledger`].
pub async fn load_plan(
    db: &Db,
    seed: u64,
    counts: &Counts,
    today: NaiveDate,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    load_inner(db, seed, counts, today, None, progress).await
}

/// Same as [`load_plan`], and every confirmed hours entry enters its volunteer's ledger
/// chain as the application would have put it there (in order of confirmation, hashed with
/// the domain's canonical encoding), each chain's head signed with `sign` (the server's
/// active key), in the same transaction. The same people, hours and events as
/// [`load_plan`] for a seed. Does nothing when demo data is already present (see
/// [`ledger_backfill`] for a dataset loaded without a ledger).
pub async fn load_plan_with_ledger(
    db: &Db,
    seed: u64,
    counts: &Counts,
    today: NaiveDate,
    sign: Sign<'_>,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    load_inner(db, seed, counts, today, Some(sign), progress).await
}

pub(super) async fn load_inner(
    db: &Db,
    seed: u64,
    counts: &Counts,
    today: NaiveDate,
    sign: Option<Sign<'_>>,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    if is_loaded(db).await? {
        return Ok(DemoSummary::default());
    }
    let Counts {
        volunteers: n_volunteers,
        organizations: n_orgs,
        hours_entries: n_hours,
        ..
    } = *counts;
    let regions = embedded_regions();
    let mut g = Generator {
        rng: Rng::new(seed),
        regions: regions.iter().map(|r| r.code.clone()).collect(),
        total_weight: REGION_WEIGHTS.iter().sum(),
        today,
        iin_serials: HashMap::new(),
    };
    let at = now();
    let n_orgs = n_orgs.max(1);
    let orgs: Vec<Org> = (0..n_orgs).map(|i| g.org(i)).collect();
    let org_ids: Vec<Uuid> = orgs.iter().map(|o| o.id).collect();
    // Events: their own stream, so that the people stay what they were for a seed.
    let mut plan = EventPlan::new(seed, counts, &orgs, &regions, today, at);
    let mut vols = Vols::new(n_volunteers as usize, regions.len());
    let backend = db.backend();
    let summary = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // The indexes of millions of rows: a cache that holds them while loading.
        if let Some(sql) = dialect::bulk_cache(backend, 1_048_576) {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
        for chunk in orgs.chunks(BATCH_ROWS) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO organizations (id, kind, name_kk, name_ru, region_code, status, created_at, updated_at) ",
            );
            q.push_values(chunk, |mut b, o| {
                b.push_bind(o.id).push_bind(o.kind).push_bind(o.name_kk.clone()).push_bind(o.name_ru.clone())
                    .push_bind(o.region.clone()).push_bind(o.status).push_bind(at).push_bind(at);
            });
            q.build().execute(&mut *tx).await?;
        }
        progress("organizations", n_orgs, n_orgs);
        // Hours are spread over volunteers: each gets n_hours / n_volunteers on average.
        let mut hours_left = n_hours;
        let mut done = 0u64;
        let mut hours_done = 0u64;
        let mut ledger_done = 0u64;
        // Who opened and decided the collections: the first volunteers.
        let mut creators: Vec<Uuid> = Vec::new();
        while done < n_volunteers {
            let batch: Vec<Volunteer> = (done..(done + BATCH_ROWS as u64).min(n_volunteers)).map(|i| g.volunteer(i)).collect();
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO users (id, email, password_hash, email_confirmed_at, display_name, first_name, \
                 last_name, birth_date, iin, region_code, languages, skills, preferred_lang, created_at, updated_at) ",
            );
            q.push_values(&batch, |mut b, v| {
                b.push_bind(v.id).push_bind(v.email.clone()).push_bind("!").push_bind(at)
                    .push_bind(v.display_name.clone()).push_bind(v.first_name).push_bind(v.last_name.clone())
                    .push_bind(v.birth).push_bind(v.iin.clone()).push_bind(v.region.clone())
                    .push_bind(v.languages).push_bind(v.skills.clone()).push_bind(v.lang).push_bind(at).push_bind(at);
            });
            q.build().execute(&mut *tx).await?;
            creators.extend(batch.iter().take(1_000usize.saturating_sub(creators.len())).map(|v| v.id));
            let mut entries = Vec::new();
            for v in &batch {
                vols.push(v, &g.regions, today);
                let remaining_people = n_volunteers - done;
                let share = hours_left / remaining_people.max(1);
                let n = if share == 0 { u64::from(g.rng.below(remaining_people) < hours_left) } else { share * 2 * g.rng.below(1000) / 999 };
                // The last volunteer takes what is left, so the total is exact.
                let n = if remaining_people == 1 { hours_left } else { n.min(hours_left) };
                for _ in 0..n {
                    entries.push(g.hours(v.id, &org_ids));
                }
                hours_left -= n;
                done += 1;
            }
            for chunk in entries.chunks(BATCH_ROWS * 2) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO hours_entries (id, volunteer_id, organization_id, minutes, work_date, status, source, \
                     created_at, decided_at) ",
                );
                q.push_values(chunk, |mut b, h| {
                    b.push_bind(h.id).push_bind(h.volunteer).push_bind(h.org).push_bind(h.minutes)
                        .push_bind(h.date).push_bind("confirmed").push_bind(GENERATED_SOURCE).push_bind(at)
                        .push_bind(confirmed_at(h.date, h.id, at));
                });
                q.build().execute(&mut *tx).await?;
            }
            hours_done += entries.len() as u64;
            if let Some(sign) = sign {
                // A volunteer's hours are generated one after another: one chain each.
                let mut appends = Appends::default();
                for mine in entries.chunk_by(|a, b| a.volunteer == b.volunteer) {
                    let hours = mine.iter().map(|h| Confirmed {
                        id: h.id,
                        minutes: h.minutes,
                        date: h.date,
                        org: Some(h.org),
                        direction: None,
                        activity_type: None,
                        source: GENERATED_SOURCE.to_owned(),
                        recorded_at: confirmed_at(h.date, h.id, at),
                    }).collect();
                    appends.chain(mine[0].volunteer, (0, GENESIS), hours, sign);
                }
                write_appends!(tx, &appends);
                ledger_done += appends.entries.len() as u64;
            }
            progress("volunteers", done, n_volunteers);
        }
        // Events, their shifts and the applications to them, a chunk of events at a time
        // (parents before children: the foreign keys are checked at once).
        let (n_events, n_shifts, n_apps) = (plan.events.len() as u64, plan.shifts.len() as u64, plan.n_apps);
        while let Some(c) = plan.next_chunk(&mut vols) {
            for rows in c.events.chunks(EVENT_BATCH_ROWS) {
                let mut q = sqlx::QueryBuilder::new(concat!(
                    "INSERT INTO events (id, organization_id, ",
                    crate::events::field_columns!(),
                    ", status, next_start, cancel_reason, created_at, updated_at) ",
                ));
                q.push_values(rows, |mut b, e| {
                    b.push_bind(e.id).push_bind(e.org);
                    crate::events::bind_fields!(b, push_bind, &e.fields)
                        .push_bind(e.status).push_bind(e.next_start).push_bind(e.cancel_reason)
                        .push_bind(e.created_at).push_bind(e.updated_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            let skills: Vec<(Uuid, &str)> = c.events.iter()
                .flat_map(|e| e.fields.skills.iter().map(move |s| (e.id, s.as_str()))).collect();
            for rows in skills.chunks(BATCH_ROWS) {
                let mut q = sqlx::QueryBuilder::new("INSERT INTO event_skills (event_id, skill) ");
                q.push_values(rows, |mut b, (e, s)| {
                    b.push_bind(*e).push_bind(*s);
                });
                q.build().execute(&mut *tx).await?;
            }
            for rows in c.shifts.chunks(BATCH_ROWS) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO shifts (id, event_id, starts_at, ends_at, capacity, accepted_count, created_at) ",
                );
                q.push_values(rows, |mut b, s| {
                    b.push_bind(s.id).push_bind(s.event).push_bind(s.starts_at).push_bind(s.ends_at)
                        .push_bind(s.capacity).push_bind(s.accepted).push_bind(s.created_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            for rows in c.applications.chunks(BATCH_ROWS) {
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO applications (id, shift_id, event_id, volunteer_id, status, motivation, created_at, \
                     decided_at, reason, consent_required, checked_in_at, checked_out_at, shift_reminded_at, \
                     coordinator_reminded_at) ",
                );
                q.push_values(rows, |mut b, a| {
                    b.push_bind(a.id).push_bind(a.shift).push_bind(a.event).push_bind(a.volunteer)
                        .push_bind(a.status.code()).push_bind(a.motivation).push_bind(a.created_at).push_bind(a.decided_at)
                        .push_bind(a.reason).push_bind(a.consent_required).push_bind(a.checked_in_at)
                        .push_bind(a.checked_out_at).push_bind(a.shift_reminded_at)
                        .push_bind(a.coordinator_reminded_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            progress("applications", plan.apps_done, n_apps.max(1));
        }
        // Charity: its own stream, so that everything above stays what it was for a seed.
        let verified: Vec<&Org> = orgs.iter().filter(|o| o.status == "verified").collect();
        let mut crng = Rng::new(seed ^ 0x00C4_A817);
        let (n_collections, n_donations) = if verified.is_empty() || creators.len() < 2 {
            (0, 0)
        } else {
            (counts.collections, counts.donations)
        };
        let (mut collections_done, mut donations_done) = (0u64, 0u64);
        while collections_done < n_collections {
            let k = 100.min(n_collections - collections_done);
            let share = (n_donations - donations_done) * k / (n_collections - collections_done);
            let b = charity::batch(&mut crng, &verified, &creators, k, share, today, at);
            write_charity!(tx, &b);
            collections_done += k;
            donations_done += b.donations.len() as u64;
            progress("donations", donations_done, n_donations.max(1));
        }
        if let Some(sql) = dialect::usual_cache(backend, SQLITE_CACHE_KIB) {
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok::<_, crate::Error>(DemoSummary {
            volunteers: n_volunteers,
            organizations: n_orgs,
            hours_entries: hours_done,
            events: n_events,
            shifts: n_shifts,
            applications: plan.apps_done,
            ledger_entries: ledger_done,
            collections: collections_done,
            donations: donations_done,
        })
    })?;
    reminders_already_sent(db).await?;
    dialect::after_bulk_load(db, &[]).await?;
    Ok(summary)
}

/// A running platform has already sent the reminders that were due before now: generated
/// applications carry them as sent (the day-before reminder for shifts of the next two days,
/// the coordinators' reminder for applications pending more than two days), so a server
/// started on the dataset does not send thousands of e-mails in its first minutes.
pub(super) async fn reminders_already_sent(db: &Db) -> Result<()> {
    use crate::statuses::{one, sql};
    use domain::ApplicationStatus::{Accepted, Pending};
    let shift_sql = sql!(
        "UPDATE applications SET shift_reminded_at = created_at WHERE shift_reminded_at IS NULL \
         AND status = {} AND shift_id IN (SELECT id FROM shifts WHERE starts_at > $1 AND starts_at <= $2)",
        one(Accepted)
    );
    let coordinator_sql = sql!(
        "UPDATE applications SET coordinator_reminded_at = created_at WHERE coordinator_reminded_at IS NULL \
         AND status = {} AND created_at <= $1",
        one(Pending)
    );
    let at = crate::now();
    on_db!(db, pool => {
        sqlx::query(shift_sql).bind(at).bind(at + Duration::days(2)).execute(pool).await?;
        sqlx::query(coordinator_sql).bind(at - Duration::days(2)).execute(pool).await?;
    });
    Ok(())
}
