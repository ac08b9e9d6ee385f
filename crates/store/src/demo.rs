//! Demo and benchmark datasets in Kazakh and Russian, deterministic for a seed: the same
//! seed gives the same people, events, shifts and applications on both databases (for the
//! same day: the shifts are laid out around today). Written in bulk (multi-row inserts in
//! one transaction), so that the national scale loads in minutes. Demo accounts cannot log
//! in (no usable password).
//!
//! The generated events, shifts and applications look as the application writes them:
//! `accepted_count` of a shift is the number of its applications that hold a place
//! (accepted, checked in, completed, no-show) and never exceeds its capacity, `next_start`
//! of an event is the start of its first coming shift (relative to the time of loading),
//! `search_text` and `languages_mask` are built as `events::create_with_status` builds them,
//! keys are time-ordered (UUID v7) for the time the row was created. With a signing key
//! ([`load_plan_with_ledger`]) every confirmed hours entry is in its volunteer's ledger
//! chain, hashed and linked as `ledger::confirm` links it, the head signed; a dataset
//! loaded without one gets its chains from [`ledger_backfill`].

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use domain::ledger::{Entry, EntryKind, GENESIS, Head, Stored};
use uuid::Uuid;

use crate::ledger::{NewHours, Sign};
use crate::reference::{Region, embedded_regions};
use crate::{Db, Result, now, on_db};

/// How much data to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A first run that shows life: 200 volunteers.
    Small,
    /// One large region's worth: 20,000 volunteers.
    Region,
    /// Kazakhstan: 300,000 volunteers, 4,300 organizations, 5,000,000 hours entries.
    National,
}

impl Scale {
    /// Parses `small`, `region` or `national`.
    pub fn parse(s: &str) -> Option<Scale> {
        match s {
            "small" => Some(Scale::Small),
            "region" => Some(Scale::Region),
            "national" => Some(Scale::National),
            _ => None,
        }
    }
    /// (volunteers, organizations, hours entries).
    pub fn counts(self) -> (u64, u64, u64) {
        let c = self.plan();
        (c.volunteers, c.organizations, c.hours_entries)
    }
    /// Everything the scale creates.
    pub fn plan(self) -> Counts {
        match self {
            Scale::Small => Counts {
                volunteers: 200,
                organizations: 12,
                hours_entries: 600,
                events: 40,
                shifts: 300,
                applications: 2_000,
            },
            Scale::Region => Counts {
                volunteers: 20_000,
                organizations: 290,
                hours_entries: 330_000,
                events: 1_500,
                shifts: 15_000,
                applications: 140_000,
            },
            Scale::National => Counts {
                volunteers: 300_000,
                organizations: 4_300,
                hours_entries: 5_000_000,
                events: 20_000,
                shifts: 200_000,
                applications: 2_000_000,
            },
        }
    }
}

/// The sizes of a dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Volunteers.
    pub volunteers: u64,
    /// Organizations (three in four verified).
    pub organizations: u64,
    /// Confirmed hours entries.
    pub hours_entries: u64,
    /// Events, of verified organizations (none without a verified organization).
    pub events: u64,
    /// Shifts of those events, from 60 days ago to 120 days ahead (at least one per event).
    pub shifts: u64,
    /// Applications to those shifts (drafts have none).
    pub applications: u64,
}

impl Counts {
    /// The same proportions for `volunteers` volunteers: at least 3 organizations, and
    /// (when there are events) at least 3 events and a shift per event.
    pub fn for_volunteers(self, volunteers: u64) -> Counts {
        let base = u128::from(self.volunteers.max(1));
        let scale = |x: u64| (u128::from(x) * u128::from(volunteers) / base) as u64;
        let events = if self.events == 0 {
            0
        } else {
            scale(self.events).max(3)
        };
        Counts {
            volunteers,
            organizations: scale(self.organizations).max(3),
            hours_entries: scale(self.hours_entries),
            events,
            shifts: scale(self.shifts).max(events),
            applications: scale(self.applications),
        }
    }
}

/// What [`load`] created.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Volunteers created.
    pub volunteers: u64,
    /// Organizations created.
    pub organizations: u64,
    /// Hours entries created.
    pub hours_entries: u64,
    /// Events created.
    pub events: u64,
    /// Shifts created.
    pub shifts: u64,
    /// Applications created.
    pub applications: u64,
    /// Ledger entries appended (one per confirmed hours entry, with a signing key).
    pub ledger_entries: u64,
}

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// A key derived from the stream (deterministic, unlike time-ordered keys).
    pub fn uuid(&mut self) -> Uuid {
        let hi = self.next_u64();
        let lo = self.next_u64();
        uuid::Builder::from_random_bytes(((u128::from(hi) << 64) | u128::from(lo)).to_be_bytes())
            .into_uuid()
    }
    /// A time-ordered key (UUID v7) for the instant `at`, its random bits from the stream:
    /// the kind of key the application makes ([`crate::new_id`]), deterministic.
    pub fn uuid_at(&mut self, at: DateTime<Utc>) -> Uuid {
        let a = self.next_u64().to_be_bytes();
        let b = self.next_u64().to_be_bytes();
        let mut bits = [0u8; 10];
        bits[..8].copy_from_slice(&a);
        bits[8..].copy_from_slice(&b[..2]);
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or(0);
        uuid::Builder::from_unix_timestamp_millis(ms, &bits).into_uuid()
    }
    /// A fraction in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const KK_MALE: &[&str] = &[
    "Айбек",
    "Нұрлан",
    "Ерлан",
    "Дәурен",
    "Асқар",
    "Бауыржан",
    "Ержан",
    "Мұрат",
    "Санжар",
    "Тимур",
    "Арман",
    "Әлихан",
    "Дархан",
    "Қайрат",
];
const KK_FEMALE: &[&str] = &[
    "Айгерім",
    "Әсел",
    "Гүлнар",
    "Жанар",
    "Динара",
    "Мөлдір",
    "Салтанат",
    "Аружан",
    "Ақбота",
    "Назерке",
    "Томирис",
    "Жұлдыз",
    "Аяулым",
    "Іңкәр",
];
const KK_SURNAMES: &[&str] = &[
    "Сейітов",
    "Нұрланов",
    "Әбенов",
    "Жақсылықов",
    "Омаров",
    "Қасымов",
    "Тоқтаров",
    "Мұқанов",
    "Бекенов",
    "Серікбаев",
    "Ахметов",
    "Жұмабаев",
];
const RU_MALE: &[&str] = &[
    "Александр",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Максим",
    "Игорь",
    "Виктор",
    "Павел",
];
const RU_FEMALE: &[&str] = &[
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Мария",
    "Татьяна",
    "Ирина",
    "Светлана",
];
const RU_SURNAMES: &[&str] = &[
    "Иванов",
    "Ким",
    "Петров",
    "Шевченко",
    "Смирнов",
    "Попов",
    "Ли",
    "Кузнецов",
];
const SKILLS: &[&str] = &[
    "первая помощь",
    "вождение",
    "ағылшын тілі",
    "фотография",
    "IT",
    "педагогика",
    "психология",
    "кулинария",
    "спорт",
    "медицина",
];
const ORG_PREFIX_KK: &[&str] = &[
    "Жастар еріктілері",
    "Мейірім",
    "Таза әлем",
    "Қамқор",
    "Үміт",
    "Асыл мұра",
];
const ORG_PREFIX_RU: &[&str] = &[
    "Волонтёры молодёжи",
    "Милосердие",
    "Чистый мир",
    "Забота",
    "Надежда",
    "Наследие",
];

/// Population weights of the 20 regions (thousands, rounded), in the order of `regions.csv`.
pub const REGION_WEIGHTS: [u64; 20] = [
    610, 790, 930, 1520, 700, 690, 1220, 700, 1130, 830, 830, 780, 750, 530, 2130, 220, 730, 1450,
    2230, 1230,
];

/// SQLite page cache of a pooled connection (KiB, negative), as `Db::connect` sets it; the
/// loading connection gets 1 GiB while it loads and this back before it returns to the pool.
const SQLITE_CACHE_KIB: i64 = -32_000;

/// Rows per multi-row insert: under both backends' bind-parameter limits.
const BATCH_ROWS: usize = 1_500;

fn surname_for(surname: &str, female: bool) -> String {
    match (female, surname) {
        (false, s) | (true, s @ ("Ким" | "Ли" | "Шевченко")) => s.to_owned(),
        (true, s) => format!("{s}а"),
    }
}

/// True when demo data is already loaded.
pub async fn is_loaded(db: &Db) -> Result<bool> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.erikti.kz'",
    ).fetch_one(pool).await?);
    Ok(n > 0)
}

struct Org {
    id: Uuid,
    kind: &'static str,
    name_kk: String,
    name_ru: String,
    region: String,
    status: &'static str,
}

struct Volunteer {
    id: Uuid,
    email: String,
    display_name: String,
    first_name: &'static str,
    last_name: String,
    birth: NaiveDate,
    iin: String,
    region: String,
    languages: &'static str,
    skills: String,
    lang: &'static str,
}

struct Hours {
    id: Uuid,
    volunteer: Uuid,
    org: Uuid,
    minutes: i64,
    date: NaiveDate,
}

/// A deterministic generator of the dataset, row by row.
struct Generator {
    rng: Rng,
    regions: Vec<String>,
    total_weight: u64,
    today: NaiveDate,
    iin_serials: HashMap<NaiveDate, u64>,
}

impl Generator {
    fn region(&mut self) -> String {
        let mut x = self.rng.below(self.total_weight);
        for (i, w) in REGION_WEIGHTS.iter().enumerate() {
            if x < *w {
                return self.regions[i].clone();
            }
            x -= w;
        }
        self.regions[0].clone()
    }

    fn org(&mut self, i: u64) -> Org {
        let k = self.rng.below(ORG_PREFIX_KK.len() as u64) as usize;
        Org {
            id: self.rng.uuid(),
            // Initiative groups outnumber registered NGOs about four to one.
            kind: match i % 5 {
                0 => "ngo",
                4 if i % 10 == 4 => "state_institution",
                _ => "initiative_group",
            },
            name_kk: format!("«{}» №{}", ORG_PREFIX_KK[k], i + 1),
            name_ru: format!("«{}» №{}", ORG_PREFIX_RU[k], i + 1),
            region: self.region(),
            status: if i.is_multiple_of(4) {
                "registered"
            } else {
                "verified"
            },
        }
    }

    fn volunteer(&mut self, i: u64) -> Volunteer {
        let rng = &mut self.rng;
        let kazakh = rng.below(100) < 70;
        let female = rng.below(100) < 58;
        let (first, last) = match (kazakh, female) {
            (true, false) => (*rng.pick(KK_MALE), *rng.pick(KK_SURNAMES)),
            (true, true) => (*rng.pick(KK_FEMALE), *rng.pick(KK_SURNAMES)),
            (false, false) => (*rng.pick(RU_MALE), *rng.pick(RU_SURNAMES)),
            (false, true) => (*rng.pick(RU_FEMALE), *rng.pick(RU_SURNAMES)),
        };
        let last = surname_for(last, female);
        // Ages 14–75, with a share of minors and of "silver" volunteers.
        let age = match rng.below(100) {
            0..=11 => 14 + rng.below(4),
            12..=91 => 18 + rng.below(42),
            _ => 60 + rng.below(16),
        };
        let birth = self
            .today
            .checked_sub_days(Days::new(age * 365 + rng.below(365)))
            .unwrap_or(self.today);
        let skills = serde_json::to_string(&[*rng.pick(SKILLS), *rng.pick(SKILLS)]).expect("json");
        let serial = self.iin_serials.entry(birth).or_insert(0);
        let iin = demo_iin(birth, female, *serial);
        *serial += 1;
        Volunteer {
            id: self.rng.uuid(),
            email: format!("volunteer{:06}@demo.erikti.kz", i + 1),
            display_name: format!("{first} {}.", last.chars().next().unwrap_or(' ')),
            first_name: first,
            last_name: last,
            birth,
            iin,
            region: self.region(),
            languages: if kazakh {
                r#"["kk","ru"]"#
            } else {
                r#"["ru"]"#
            },
            skills,
            lang: if kazakh { "kk" } else { "ru" },
        }
    }

    fn hours(&mut self, volunteer: Uuid, orgs: &[Uuid]) -> Hours {
        Hours {
            id: self.rng.uuid(),
            volunteer,
            org: *self.rng.pick(orgs),
            minutes: 30 * (1 + self.rng.below(12)) as i64,
            date: self
                .today
                .checked_sub_days(Days::new(1 + self.rng.below(730)))
                .unwrap_or(self.today),
        }
    }
}

// ---------------------------------------------------------------- the ledger

/// Source of the generated hours entries.
const GENERATED_SOURCE: &str = "attendance";
/// Volunteers per transaction of [`ledger_backfill`].
const BACKFILL_VOLUNTEERS: i64 = 5_000;

/// When a generated hours entry was confirmed: the morning after the activity (09:00 to
/// 19:00 in Kazakhstan, spread by the entry's key), never after `at` (the time of loading).
fn confirmed_at(date: NaiveDate, id: Uuid, at: DateTime<Utc>) -> DateTime<Utc> {
    let b = id.as_bytes();
    let spread = i64::from(u16::from_be_bytes([b[14], b[15]]) % 600);
    let morning = date
        .checked_add_days(Days::new(1))
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(|d| d.and_utc() - Duration::hours(UTC_OFFSET_HOURS) + Duration::minutes(spread));
    morning.map_or(at, |t| t.min(at))
}

/// A confirmed hours entry on its way into its volunteer's chain.
struct Confirmed {
    id: Uuid,
    minutes: i64,
    date: NaiveDate,
    org: Option<Uuid>,
    direction: Option<String>,
    activity_type: Option<String>,
    source: String,
    recorded_at: DateTime<Utc>,
}

/// What one transaction appends to the ledger: entries with their hashes, and each
/// chain's new signed head (with its time).
#[derive(Default)]
struct Appends {
    entries: Vec<Stored>,
    heads: Vec<(Head, DateTime<Utc>)>,
}

impl Appends {
    /// Appends one volunteer's confirmed `hours`, in order of confirmation (then key),
    /// after her chain's `tail` (its last position and hash; 0 and [`GENESIS`] when it is
    /// empty), and signs the new head: what `ledger::confirm` does, one entry at a time.
    fn chain(
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
        for rows in a.entries.chunks(BATCH_ROWS) {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO ledger_entries (volunteer_id, seq, hours_id, kind, minutes, work_date, \
                 organization_id, direction, activity_type, source, reason, actor_id, recorded_at, \
                 prev_hash, hash) ",
            );
            q.push_values(rows, |mut b, s| {
                let e = &s.entry;
                b.push_bind(e.volunteer_id).push_bind(e.seq).push_bind(e.hours_id).push_bind(e.kind.as_str())
                    .push_bind(e.minutes).push_bind(e.work_date).push_bind(e.organization_id)
                    .push_bind(e.direction.as_deref()).push_bind(e.activity_type.as_deref())
                    .push_bind(e.source.as_str()).push_bind(e.reason.as_deref()).push_bind(e.actor_id)
                    .push_bind(e.recorded_at).push_bind(e.prev_hash.as_slice()).push_bind(s.hash.as_slice());
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

/// What [`ledger_backfill`] appended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backfill {
    /// Chains that grew (each with a newly signed head).
    pub chains: u64,
    /// Entries appended.
    pub entries: u64,
}

type BackfillRow = (
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
    let sqlite = db.backend() == crate::Backend::Sqlite;
    let mut after = Uuid::nil();
    loop {
        let page: Vec<Uuid> = on_db!(db, pool => sqlx::query_scalar(
            "SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2",
        ).bind(after).bind(BACKFILL_VOLUNTEERS).fetch_all(pool).await?);
        let Some(&last) = page.last() else { break };
        let appends = on_db!(db, pool => {
            let mut tx = pool.begin_with(db.begin_write()).await?;
            if sqlite {
                sqlx::query("PRAGMA cache_size = -262144").execute(&mut *tx).await?;
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
            if sqlite {
                sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = {SQLITE_CACHE_KIB}")))
                    .execute(&mut *tx).await?;
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
    match &db.pool {
        crate::Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        crate::Pool::Postgres(pool) => {
            sqlx::query("ANALYZE ledger_entries").execute(pool).await?;
            sqlx::query("ANALYZE ledger_heads").execute(pool).await?;
        }
    }
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

async fn load_inner(
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
    let sqlite = db.backend() == crate::Backend::Sqlite;
    let summary = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        if sqlite {
            // The indexes of millions of rows: a cache that holds them while loading.
            sqlx::query("PRAGMA cache_size = -1048576").execute(&mut *tx).await?;
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
                let mut q = sqlx::QueryBuilder::new(
                    "INSERT INTO events (id, organization_id, title_kk, title_ru, title_en, description_kk, \
                     description_ru, description_en, direction, activity_type, region_code, locality, address, lat, lon, \
                     online, time_zone, min_age, hazardous, skills, languages, languages_mask, contact_name, contact_phone, \
                     mode, status, search_text, next_start, cancel_reason, created_at, updated_at) ",
                );
                q.push_values(rows, |mut b, e| {
                    b.push_bind(e.id).push_bind(e.org).push_bind(&e.title_kk).push_bind(&e.title_ru)
                        .push_bind(&e.title_en).push_bind(&e.description_kk).push_bind(&e.description_ru)
                        .push_bind(&e.description_en).push_bind(e.direction).push_bind(e.activity)
                        .push_bind(&e.region_code).push_bind(&e.locality).push_bind(&e.address).push_bind(e.lat)
                        .push_bind(e.lon).push_bind(e.online).push_bind(TIME_ZONE).push_bind(e.min_age)
                        .push_bind(e.hazardous).push_bind(&e.skills_json).push_bind(e.languages)
                        .push_bind(e.languages_mask).push_bind(&e.contact_name).push_bind(&e.contact_phone)
                        .push_bind(e.mode).push_bind(e.status).push_bind(&e.search_text).push_bind(e.next_start)
                        .push_bind(e.cancel_reason).push_bind(e.created_at).push_bind(e.updated_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            let skills: Vec<(Uuid, &str)> = c.events.iter()
                .flat_map(|e| e.skills.iter().map(move |s| (e.id, *s))).collect();
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
                        .push_bind(a.status).push_bind(a.motivation).push_bind(a.created_at).push_bind(a.decided_at)
                        .push_bind(a.reason).push_bind(a.consent_required).push_bind(a.checked_in_at)
                        .push_bind(a.checked_out_at).push_bind(a.shift_reminded_at)
                        .push_bind(a.coordinator_reminded_at);
                });
                q.build().execute(&mut *tx).await?;
            }
            progress("applications", plan.apps_done, n_apps.max(1));
        }
        if sqlite {
            sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = {SQLITE_CACHE_KIB}")))
                .execute(&mut *tx).await?;
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
        })
    })?;
    reminders_already_sent(db).await?;
    match &db.pool {
        // SQLite: fold the write-ahead log into the database now, not at the next start.
        crate::Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        // PostgreSQL: planner statistics for the millions of new rows now, as autovacuum
        // would gather them on a running server (and never does where it is turned off).
        crate::Pool::Postgres(pool) => {
            sqlx::query("ANALYZE").execute(pool).await?;
        }
    }
    Ok(summary)
}

/// A running platform has already sent the reminders that were due before now: generated
/// applications carry them as sent (the day-before reminder for shifts of the next two days,
/// the coordinators' reminder for applications pending more than two days), so a server
/// started on the dataset does not send thousands of e-mails in its first minutes.
async fn reminders_already_sent(db: &Db) -> Result<()> {
    let at = crate::now();
    on_db!(db, pool => {
        sqlx::query(
            "UPDATE applications SET shift_reminded_at = created_at WHERE shift_reminded_at IS NULL \
             AND status = 'accepted' AND shift_id IN (SELECT id FROM shifts WHERE starts_at > $1 AND starts_at <= $2)",
        ).bind(at).bind(at + Duration::days(2)).execute(pool).await?;
        sqlx::query(
            "UPDATE applications SET coordinator_reminded_at = created_at WHERE coordinator_reminded_at IS NULL \
             AND status = 'pending' AND created_at <= $1",
        ).bind(at - Duration::days(2)).execute(pool).await?;
    });
    Ok(())
}

// ---------------------------------------------------------------- events

/// Time zone of the generated events (Kazakhstan keeps one time, UTC+5).
const TIME_ZONE: &str = "Asia/Almaty";
/// UTC offset of [`TIME_ZONE`], in hours.
const UTC_OFFSET_HOURS: i64 = 5;
/// Below this age an application waits for a parent's consent (as `web::events::CONSENT_AGE`).
const CONSENT_AGE: u32 = 16;
/// The scheduler reminds a volunteer of her shift this many hours before it (`web::jobs`)...
const SHIFT_REMINDER_HOURS: i64 = 24;
/// ... and a coordinator of an application pending this many days (the default setting).
const COORDINATOR_REMINDER_DAYS: i64 = 3;
/// Events per chunk (each chunk: its events, shifts and applications, parents first).
const EVENT_CHUNK: usize = 500;
/// Rows per multi-row insert of events (31 columns).
const EVENT_BATCH_ROWS: usize = 500;
/// Shifts begin from this many days before today...
const WINDOW_PAST_DAYS: i64 = 60;
/// ... to this many days after it.
const WINDOW_AHEAD_DAYS: i64 = 120;

/// What an event is about, in the three languages.
struct Theme {
    activity: &'static str,
    direction: Option<&'static str>,
    kk: &'static str,
    ru: &'static str,
    en: &'static str,
    skills: &'static [&'static str],
    /// May be held online.
    online: bool,
    /// May be hazardous (closed to minors).
    risky: bool,
}

const fn theme(
    activity: &'static str,
    direction: Option<&'static str>,
    (kk, ru, en): (&'static str, &'static str, &'static str),
    skills: &'static [&'static str],
    online: bool,
    risky: bool,
) -> Theme {
    Theme {
        activity,
        direction,
        kk,
        ru,
        en,
        skills,
        online,
        risky,
    }
}

/// Relative frequency of the law's activity types among events.
const ACTIVITY_WEIGHTS: &[(&str, u64)] = &[
    ("social_help", 20),
    ("social_services", 15),
    ("victims_help", 4),
    ("emergencies", 4),
    ("search_missing", 4),
    ("environment", 25),
    ("other_useful", 28),
];

const THEMES: &[Theme] = &[
    // 1. Social help
    theme(
        "social_help",
        Some("qamqor"),
        (
            "Азық-түлік себеттерін жинау және тарату",
            "Сбор и раздача продуктовых наборов",
            "Food parcel collection and delivery",
        ),
        &["вождение"],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("birlik"),
        (
            "Көп балалы отбасыларға киім жинау",
            "Сбор одежды для многодетных семей",
            "Clothes drive for large families",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("umit"),
        (
            "Балалар үйінде сабаққа көмек",
            "Помощь детскому дому с уроками",
            "Homework help at a children's home",
        ),
        &["педагогика"],
        true,
        false,
    ),
    theme(
        "social_help",
        Some("umit"),
        (
            "Мектепке дайындық: оқу құралдарын жинау",
            "Собери ребёнка в школу",
            "Back-to-school supplies drive",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_help",
        Some("qamqor"),
        (
            "Қайырымдылық асханасында кезекшілік",
            "Дежурство в благотворительной столовой",
            "Charity canteen shift",
        ),
        &["кулинария"],
        false,
        false,
    ),
    // 2. Social services
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Қарттарға үйге азық-түлік жеткізу",
            "Доставка продуктов пожилым на дом",
            "Grocery delivery for elderly people",
        ),
        &["вождение"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Қарттар үйіне бару: әңгіме және серуен",
            "Визит в дом престарелых: беседы и прогулки",
            "Care home visit: talks and walks",
        ),
        &["психология"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("qamqor"),
        (
            "Мүгедектігі бар адамдарды сүйемелдеу",
            "Сопровождение людей с инвалидностью",
            "Accompanying people with disabilities",
        ),
        &["первая помощь"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("qamqor"),
        (
            "Қолжетімді орта: пандустарды тексеру",
            "Доступная среда: проверка пандусов",
            "Accessibility audit of ramps",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("umit"),
        (
            "Жетім балалармен шығармашылық сабақ",
            "Творческое занятие с детьми-сиротами",
            "Art class with orphaned children",
        ),
        &["педагогика"],
        false,
        false,
    ),
    theme(
        "social_services",
        Some("sabaqtastyq"),
        (
            "Жалғызбасты қарттардың ауласын тазалау",
            "Уборка двора у одиноких пенсионеров",
            "Yard clean-up for lonely pensioners",
        ),
        &[],
        false,
        false,
    ),
    // 3. Help to victims (adults only)
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Су тасқынынан зардап шеккендерге көмек",
            "Помощь пострадавшим от паводка",
            "Flood relief",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Гуманитарлық көмек қоймасында сұрыптау",
            "Сортировка на складе гуманитарной помощи",
            "Sorting at a humanitarian aid warehouse",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "victims_help",
        Some("birlik"),
        (
            "Босқындарға аударма және кеңес",
            "Перевод и консультации для беженцев",
            "Translation and advice for refugees",
        ),
        &["ағылшын тілі"],
        true,
        false,
    ),
    theme(
        "victims_help",
        Some("qamqor"),
        (
            "Өрттен зардап шеккен отбасыларға көмек",
            "Помощь семьям, пострадавшим от пожара",
            "Help for families affected by a fire",
        ),
        &[],
        false,
        true,
    ),
    // 4. Emergencies (adults only)
    theme(
        "emergencies",
        None,
        (
            "Су тасқынына дайындық: қап толтыру",
            "Подготовка к паводку: заполнение мешков",
            "Flood preparation: filling sandbags",
        ),
        &[],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Өрт қауіпсіздігі рейді",
            "Рейд по пожарной безопасности",
            "Fire safety patrol",
        ),
        &[],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Құтқарушыларға көмек: оқу-жаттығу",
            "Помощь спасателям: учения",
            "Assisting rescuers: drill",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "emergencies",
        None,
        (
            "Өзен жағасын нығайту",
            "Укрепление берегов реки",
            "Riverbank reinforcement",
        ),
        &["вождение"],
        false,
        true,
    ),
    // 5. Search for missing people
    theme(
        "search_missing",
        None,
        (
            "Жоғалған адамды іздеу: орманды тексеру",
            "Поиск пропавшего: прочёсывание леса",
            "Missing person search: forest sweep",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "search_missing",
        None,
        (
            "Іздеу отрядының оқу-жаттығуы",
            "Учебные сборы поискового отряда",
            "Search team training",
        ),
        &["первая помощь"],
        false,
        true,
    ),
    theme(
        "search_missing",
        None,
        (
            "Жоғалған адамдар туралы парақшалар тарату",
            "Расклейка ориентировок о пропавших",
            "Missing-person flyers",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "search_missing",
        None,
        (
            "Іздеу штабында кезекшілік",
            "Дежурство в штабе поиска",
            "Duty at the search headquarters",
        ),
        &["it"],
        true,
        false,
    ),
    // 6. Environment
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Саябақтағы сенбілік",
            "Субботник в парке",
            "Park clean-up day",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Ағаш отырғызу акциясы",
            "Акция по посадке деревьев",
            "Tree planting",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Өзен жағасын тазалау",
            "Очистка берега реки",
            "Riverbank clean-up",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Қалдықтарды бөлек жинау акциясы",
            "Акция по раздельному сбору отходов",
            "Recycling drive",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Жануарлар баспанасына көмек",
            "Помощь приюту для животных",
            "Animal shelter help",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "environment",
        Some("taza_alem"),
        (
            "Таза тау: соқпақты тазалау",
            "Чистые горы: уборка тропы",
            "Clean mountains: trail clean-up",
        ),
        &["спорт"],
        false,
        true,
    ),
    // 7. Other useful activity
    theme(
        "other_useful",
        Some("tarbie"),
        (
            "Қалалық марафондағы еріктілер",
            "Волонтёры городского марафона",
            "City marathon volunteers",
        ),
        &["спорт"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("asyl_mura"),
        (
            "Мәдени фестивальге көмек",
            "Помощь на культурном фестивале",
            "Culture festival volunteers",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("fo_bilim"),
        (
            "Зейнеткерлерге цифрлық сауаттылық",
            "Цифровая грамотность для пенсионеров",
            "Digital literacy for seniors",
        ),
        &["it"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("asyl_mura"),
        (
            "Мұражайда экскурсия жүргізу",
            "Экскурсии в музее",
            "Museum tour guide",
        ),
        &["ағылшын тілі"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("saulyq"),
        (
            "Донор күнін ұйымдастыру",
            "Организация Дня донора",
            "Blood donation day",
        ),
        &["медицина"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("bilim"),
        (
            "Оқушыларға онлайн репетиторлық",
            "Онлайн-репетиторство для школьников",
            "Online tutoring for pupils",
        ),
        &["педагогика"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("bilim"),
        (
            "Кітапханада балаларға кітап оқу",
            "Чтение книг детям в библиотеке",
            "Reading to children at the library",
        ),
        &[],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("tarbie"),
        (
            "Аулалық спорт жарыстарын өткізу",
            "Дворовые спортивные соревнования",
            "Neighbourhood sports day",
        ),
        &["спорт"],
        false,
        false,
    ),
    theme(
        "other_useful",
        Some("kelisim"),
        (
            "Медиация: көршілер арасындағы дау",
            "Медиация соседских споров",
            "Mediation of neighbour disputes",
        ),
        &["психология"],
        true,
        false,
    ),
    theme(
        "other_useful",
        Some("saulyq"),
        (
            "Салауатты өмір салты туралы дәріс",
            "Лекция о здоровом образе жизни",
            "Healthy lifestyle talk",
        ),
        &["медицина"],
        true,
        false,
    ),
];

/// Towns besides the regional centres: (region, kk, ru, en, lat, lon).
const TOWNS: &[(&str, &str, &str, &str, f64, f64)] = &[
    ("KZ-10", "Аягөз", "Аягоз", "Ayagoz", 47.965, 80.439),
    ("KZ-10", "Курчатов", "Курчатов", "Kurchatov", 50.756, 78.541),
    (
        "KZ-11",
        "Степногорск",
        "Степногорск",
        "Stepnogorsk",
        52.350,
        71.880,
    ),
    ("KZ-11", "Щучинск", "Щучинск", "Shchuchinsk", 52.934, 70.189),
    ("KZ-15", "Хромтау", "Хромтау", "Khromtau", 50.253, 58.435),
    (
        "KZ-15",
        "Қандыағаш",
        "Кандыагаш",
        "Kandyagash",
        49.456,
        57.418,
    ),
    ("KZ-19", "Талғар", "Талгар", "Talgar", 43.303, 77.240),
    ("KZ-19", "Қаскелең", "Каскелен", "Kaskelen", 43.200, 76.620),
    ("KZ-19", "Есік", "Есик", "Yesik", 43.357, 77.452),
    ("KZ-23", "Құлсары", "Кульсары", "Kulsary", 46.953, 54.019),
    ("KZ-27", "Ақсай", "Аксай", "Aksay", 51.171, 52.995),
    ("KZ-31", "Шу", "Шу", "Shu", 43.598, 73.761),
    ("KZ-31", "Қаратау", "Каратау", "Karatau", 43.178, 70.466),
    ("KZ-33", "Текелі", "Текели", "Tekeli", 44.830, 78.824),
    ("KZ-33", "Жаркент", "Жаркент", "Zharkent", 44.163, 80.001),
    ("KZ-35", "Теміртау", "Темиртау", "Temirtau", 50.065, 72.965),
    ("KZ-35", "Балқаш", "Балхаш", "Balkhash", 46.848, 74.995),
    ("KZ-39", "Рудный", "Рудный", "Rudny", 52.972, 63.117),
    ("KZ-39", "Лисаков", "Лисаковск", "Lisakovsk", 52.544, 62.499),
    ("KZ-43", "Арал", "Аральск", "Aral", 46.800, 61.667),
    ("KZ-47", "Жаңаөзен", "Жанаозен", "Zhanaozen", 43.341, 52.862),
    (
        "KZ-55",
        "Екібастұз",
        "Экибастуз",
        "Ekibastuz",
        51.729,
        75.322,
    ),
    ("KZ-55", "Ақсу", "Аксу", "Aksu", 52.041, 76.927),
    ("KZ-59", "Тайынша", "Тайынша", "Tayynsha", 53.848, 69.764),
    ("KZ-61", "Кентау", "Кентау", "Kentau", 43.516, 68.505),
    ("KZ-61", "Сарыағаш", "Сарыагаш", "Saryagash", 41.454, 69.170),
    ("KZ-62", "Сәтбаев", "Сатпаев", "Satbayev", 47.900, 67.533),
    ("KZ-63", "Риддер", "Риддер", "Ridder", 50.344, 83.513),
    ("KZ-63", "Алтай", "Алтай", "Altai", 49.728, 84.273),
];

/// Streets: (kk, ru).
const STREETS: &[(&str, &str)] = &[
    ("Абай даңғылы", "проспект Абая"),
    ("Тәуелсіздік көшесі", "улица Тәуелсіздік"),
    ("Достық көшесі", "улица Достык"),
    ("Бейбітшілік көшесі", "улица Бейбитшилик"),
    ("Наурыз көшесі", "улица Наурыз"),
    ("Сәтбаев көшесі", "улица Сатпаева"),
    ("Желтоқсан көшесі", "улица Желтоксан"),
    ("Қабанбай батыр көшесі", "улица Кабанбай батыра"),
    ("Жамбыл көшесі", "улица Жамбыла"),
    ("Гагарин көшесі", "улица Гагарина"),
];

/// Opening, practical note of a description: (kk, ru, en).
const INTROS: &[(&str, &str, &str)] = &[
    (
        "Еріктілерді шақырамыз!",
        "Приглашаем волонтёров!",
        "Volunteers wanted!",
    ),
    ("Бізге қосылыңыз!", "Присоединяйтесь!", "Join us!"),
    (
        "Сіздің көмегіңіз керек.",
        "Нужна ваша помощь.",
        "We need your help.",
    ),
    (
        "Бірге жақсы іс жасайық.",
        "Сделаем доброе дело вместе.",
        "Let us do good together.",
    ),
];
const NOTES: &[(&str, &str, &str)] = &[
    (
        "Жайлы киім киіп келіңіз.",
        "Приходите в удобной одежде.",
        "Wear comfortable clothes.",
    ),
    (
        "Су мен бас киім алыңыз.",
        "Возьмите воду и головной убор.",
        "Bring water and a hat.",
    ),
    (
        "Жеке куәлікті ұмытпаңыз.",
        "Не забудьте удостоверение личности.",
        "Bring your ID card.",
    ),
    (
        "Қолғап пен құралдарды береміз.",
        "Перчатки и инвентарь выдадим.",
        "Gloves and tools are provided.",
    ),
    (
        "Координатор кіреберісте күтеді.",
        "Координатор встретит у входа.",
        "The coordinator meets you at the entrance.",
    ),
];
const MOTIVATIONS: &[&str] = &[
    "Көмектескім келеді",
    "Хочу помочь",
    "Бұрын да осындай іс-шараға қатыстым",
    "Уже участвовал в подобных акциях",
    "Есть свободное время по выходным",
    "Досыммен бірге келемін",
];
const REJECT_REASONS: &[&str] = &[
    "Команда толық жиналды",
    "Команда уже набрана",
    "Уақыт сәйкес келмейді",
    "Нужен опыт работы с детьми",
];
const CANCEL_REASONS: &[&str] = &[
    "Ауа райының қолайсыздығына байланысты",
    "Из-за неблагоприятной погоды",
    "Ұйымдастырушылық себептер бойынша",
    "По организационным причинам",
];

/// Languages of an event: (JSON list, mask, kk, ru, en) and how often (per cent).
const EVENT_LANGUAGES: &[(u64, &str, i64, bool, bool, bool)] = &[
    (55, r#"["kk","ru"]"#, 3, true, true, false),
    (15, r#"["kk"]"#, 1, true, false, false),
    (20, r#"["ru"]"#, 2, false, true, false),
    (7, r#"["kk","ru","en"]"#, 7, true, true, true),
    (3, r#"["ru","en"]"#, 6, false, true, true),
];

/// The event's search text, as `events::create_with_status` writes it: titles, locality,
/// descriptions, each cut at 300 characters and lower-cased, joined with " | ".
fn event_search_text(parts: [&Option<String>; 7]) -> String {
    parts
        .iter()
        .filter_map(|t| t.as_deref())
        .map(|t| t.chars().take(300).collect::<String>().to_lowercase())
        .collect::<Vec<_>>()
        .join(" | ")
}

/// A volunteer as the applications need her: key and age today.
struct Vol {
    id: Uuid,
    age: u8,
}

/// The volunteers, by region, with the places they hold (minutes from the start of today).
struct Vols {
    all: Vec<Vol>,
    by_region: Vec<Vec<u32>>,
    busy: Vec<Vec<(i32, i32)>>,
}

impl Vols {
    fn new(n: usize, regions: usize) -> Vols {
        Vols {
            all: Vec::with_capacity(n),
            by_region: vec![Vec::new(); regions],
            busy: Vec::with_capacity(n),
        }
    }

    fn push(&mut self, v: &Volunteer, regions: &[String], today: NaiveDate) {
        let region = regions.iter().position(|r| *r == v.region).unwrap_or(0);
        let i = self.all.len() as u32;
        self.all.push(Vol {
            id: v.id,
            age: domain::age_on(v.birth, today).min(255) as u8,
        });
        self.by_region[region].push(i);
        self.busy.push(Vec::new());
    }

    fn overlaps(&self, v: u32, start: i32, end: i32) -> bool {
        self.busy[v as usize]
            .iter()
            .any(|&(s, e)| s < end && e > start)
    }
}

struct EventRow {
    id: Uuid,
    org: Uuid,
    title_kk: Option<String>,
    title_ru: Option<String>,
    title_en: Option<String>,
    description_kk: Option<String>,
    description_ru: Option<String>,
    description_en: Option<String>,
    direction: Option<&'static str>,
    activity: &'static str,
    region_code: String,
    locality: Option<String>,
    address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    online: bool,
    min_age: i64,
    hazardous: bool,
    skills: Vec<&'static str>,
    skills_json: String,
    languages: &'static str,
    languages_mask: i64,
    contact_name: String,
    contact_phone: String,
    mode: &'static str,
    status: &'static str,
    search_text: String,
    next_start: Option<DateTime<Utc>>,
    cancel_reason: Option<&'static str>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    // What the applications need.
    region: usize,
    /// Youngest age that may apply (the law's adult-only types and hazard: 18).
    min_age_any: u32,
    cancelled_at: Option<DateTime<Utc>>,
    shifts: std::ops::Range<usize>,
}

struct ShiftRow {
    id: Uuid,
    event: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    capacity: i64,
    accepted: i64,
    created_at: DateTime<Utc>,
    /// Minutes from the start of today (negative: before).
    start_min: i32,
    end_min: i32,
    weight: f64,
}

struct AppRow {
    id: Uuid,
    shift: Uuid,
    event: Uuid,
    volunteer: Uuid,
    status: &'static str,
    motivation: Option<&'static str>,
    created_at: DateTime<Utc>,
    decided_at: Option<DateTime<Utc>>,
    reason: Option<&'static str>,
    consent_required: bool,
    checked_in_at: Option<DateTime<Utc>>,
    checked_out_at: Option<DateTime<Utc>>,
    shift_reminded_at: Option<DateTime<Utc>>,
    coordinator_reminded_at: Option<DateTime<Utc>>,
}

/// Events, shifts and applications of one chunk, ready to insert.
struct Chunk {
    events: Vec<EventRow>,
    shifts: Vec<ShiftRow>,
    applications: Vec<AppRow>,
}

/// The events and shifts, laid out before loading; the applications are made a chunk at a
/// time (they need the volunteers, made in the same transaction).
struct EventPlan {
    rng: Rng,
    events: Vec<EventRow>,
    shifts: Vec<ShiftRow>,
    /// Start of today in Kazakhstan.
    day0: DateTime<Utc>,
    n_apps: u64,
    /// The time of loading.
    now: DateTime<Utc>,
    total_weight: f64,
    /// Weight of the shifts already given applications; applications given so far.
    weight_done: f64,
    apps_allotted: u64,
    /// Applications a shift could not find volunteers for, carried to the next.
    carry: u64,
    apps_done: u64,
    next_event: usize,
}

fn minutes(m: i64) -> Duration {
    Duration::minutes(m)
}

impl EventPlan {
    fn new(
        seed: u64,
        counts: &Counts,
        orgs: &[Org],
        regions: &[Region],
        today: NaiveDate,
        at: DateTime<Utc>,
    ) -> EventPlan {
        let day0 = today.and_hms_opt(0, 0, 0).expect("midnight").and_utc()
            - Duration::hours(UTC_OFFSET_HOURS);
        let mut p = EventPlan {
            rng: Rng::new(seed ^ 0x0E7E_4700_5EED_0001),
            events: Vec::new(),
            shifts: Vec::new(),
            day0,
            n_apps: counts.applications,
            now: at,
            total_weight: 0.0,
            weight_done: 0.0,
            apps_allotted: 0,
            carry: 0,
            apps_done: 0,
            next_event: 0,
        };
        let verified: Vec<&Org> = orgs.iter().filter(|o| o.status == "verified").collect();
        if verified.is_empty() || counts.events == 0 {
            return p;
        }
        let n_events = counts.events as usize;
        let n_shifts = (counts.shifts as usize).max(n_events);
        // Shifts per event: one each, the rest by weight (many small events, some long series).
        let weights: Vec<u64> = (0..n_events)
            .map(|_| match p.rng.below(100) {
                0..=44 => p.rng.below(4),
                45..=79 => 4 + p.rng.below(12),
                _ => 14 + p.rng.below(26),
            })
            .collect();
        let per_event = spread(n_shifts - n_events, &weights);
        p.events.reserve(n_events);
        p.shifts.reserve(n_shifts);
        for k in per_event {
            p.event(&verified, regions, 1 + k as usize, at);
        }
        // In the order they were created, as the application would have written them: the
        // time-ordered keys then arrive mostly in order, and the indexes grow at their end.
        p.events.sort_by_key(|e| (e.created_at, e.id));
        let mut shifts = Vec::with_capacity(p.shifts.len());
        for e in &mut p.events {
            let from = shifts.len();
            shifts.extend(p.shifts[e.shifts.clone()].iter().map(|s| ShiftRow { ..*s }));
            e.shifts = from..shifts.len();
        }
        p.shifts = shifts;
        p.total_weight = p.shifts.iter().map(|s| s.weight).sum();
        p
    }

    /// The instant `m` minutes from the start of today.
    fn at_min(&self, m: i64) -> DateTime<Utc> {
        self.day0 + minutes(m)
    }

    fn event(&mut self, orgs: &[&Org], regions: &[Region], n_shifts: usize, at: DateTime<Utc>) {
        let rng = &mut self.rng;
        // A few organizations are much busier than the rest.
        let u = rng.unit();
        let org = orgs[((u * u * orgs.len() as f64) as usize).min(orgs.len() - 1)];
        let org_region = regions
            .iter()
            .position(|r| r.code == org.region)
            .unwrap_or(0);
        let region = if rng.below(100) < 90 {
            org_region
        } else {
            rng.below(regions.len() as u64) as usize
        };
        let r = &regions[region];
        let mut x = rng.below(ACTIVITY_WEIGHTS.iter().map(|(_, w)| w).sum());
        let activity = ACTIVITY_WEIGHTS
            .iter()
            .find(|(_, w)| {
                let hit = x < *w;
                if !hit {
                    x -= w;
                }
                hit
            })
            .map_or("other_useful", |(a, _)| *a);
        let themes: Vec<&Theme> = THEMES.iter().filter(|t| t.activity == activity).collect();
        let t = *rng.pick(&themes);
        let adults_only = domain::reference::activity_type(activity).is_some_and(|a| a.adults_only);
        let online = t.online && rng.below(100) < 45;
        let hazardous = t.risky && !online && rng.below(100) < 40;
        let min_age: i64 = if adults_only || hazardous {
            18
        } else {
            match rng.below(100) {
                0..=69 => 0,
                70..=81 => 14,
                82..=91 => 16,
                _ => 18,
            }
        };
        let mut l = rng.below(100);
        let &(_, languages, languages_mask, kk, ru, en) = EVENT_LANGUAGES
            .iter()
            .find(|e| {
                let hit = l < e.0;
                if !hit {
                    l -= e.0;
                }
                hit
            })
            .unwrap_or(&EVENT_LANGUAGES[0]);
        // Where: the regional centre or another town of the region, a street address.
        let towns: Vec<_> = TOWNS.iter().filter(|t| t.0 == r.code).collect();
        let (town_kk, town_ru, town_en, lat0, lon0) = if towns.is_empty() || rng.below(100) < 65 {
            (
                r.center_kk.as_str(),
                r.center_ru.as_str(),
                r.center_en.as_str(),
                r.lat,
                r.lon,
            )
        } else {
            let t = *rng.pick(&towns);
            (t.1, t.2, t.3, t.4, t.5)
        };
        let (locality, address, lat, lon) = if online {
            (None, None, None, None)
        } else {
            let street = *rng.pick(STREETS);
            let house = 1 + rng.below(150);
            let jitter = |rng: &mut Rng| (rng.unit() - 0.5) * 0.06;
            let (lat, lon) = (lat0 + jitter(rng), lon0 + jitter(rng) * 1.5);
            let (locality, street) = if kk {
                (town_kk, street.0)
            } else {
                (town_ru, street.1)
            };
            (
                Some(locality.to_owned()),
                Some(format!("{street}, {house}")),
                Some((lat * 1e5).round() / 1e5),
                Some((lon * 1e5).round() / 1e5),
            )
        };
        let (where_kk, where_ru, where_en) = if online {
            (
                "онлайн".to_owned(),
                "онлайн".to_owned(),
                "online".to_owned(),
            )
        } else {
            (town_kk.to_owned(), town_ru.to_owned(), town_en.to_owned())
        };
        let intro = *rng.pick(INTROS);
        let note = *rng.pick(NOTES);
        let title = |name: &str, place: &str| format!("{name} — {place}");
        let describe = |intro: &str, name: &str, what: &str, place: &str, org: &str, note: &str| {
            format!("{intro} {name}. {what}: {place}. {org}. {note}")
        };
        let title_kk = kk.then(|| title(t.kk, &where_kk));
        let title_ru = ru.then(|| title(t.ru, &where_ru));
        let title_en = en.then(|| title(t.en, &where_en));
        let description_kk = kk.then(|| {
            describe(
                intro.0,
                t.kk,
                "Өтетін орны",
                &where_kk,
                &format!("Ұйымдастырушы: {}", org.name_kk),
                note.0,
            )
        });
        let description_ru = ru.then(|| {
            describe(
                intro.1,
                t.ru,
                "Место",
                &where_ru,
                &format!("Организатор: {}", org.name_ru),
                note.1,
            )
        });
        let description_en = en.then(|| {
            describe(
                intro.2,
                t.en,
                "Where",
                &where_en,
                &format!("Organizer: {}", org.name_ru),
                note.2,
            )
        });
        let search_text = event_search_text([
            &title_kk,
            &title_ru,
            &title_en,
            &locality,
            &description_kk,
            &description_ru,
            &description_en,
        ]);
        let skills: Vec<&'static str> = t
            .skills
            .iter()
            .copied()
            .filter(|_| rng.below(100) < 60)
            .collect();
        let female = rng.below(100) < 60;
        let (first, last) = if kk {
            (
                if female {
                    *rng.pick(KK_FEMALE)
                } else {
                    *rng.pick(KK_MALE)
                },
                *rng.pick(KK_SURNAMES),
            )
        } else {
            (
                if female {
                    *rng.pick(RU_FEMALE)
                } else {
                    *rng.pick(RU_MALE)
                },
                *rng.pick(RU_SURNAMES),
            )
        };
        let contact_name = format!("{first} {}", surname_for(last, female));
        let contact_phone = format!(
            "+77{}{:07}",
            rng.pick(&["01", "02", "05", "07", "47", "75", "76", "77", "78"]),
            rng.below(10_000_000)
        );
        let mode = if rng.below(100) < 80 {
            "first_come"
        } else {
            "moderated"
        };
        let u = rng.unit();
        let popularity = 0.15 + 3.5 * u * u * u;
        let capacity = 5 + (45.0 * rng.unit().powf(1.6)) as i64;

        // When: n shifts over one day or a series of days, 2 to 6 hours each.
        let mut per_day = match n_shifts {
            0..=5 => 1,
            6..=11 => 1 + rng.below(2) as usize,
            _ => 1 + rng.below(3) as usize,
        };
        per_day = per_day.max(n_shifts.div_ceil(170));
        let days = n_shifts.div_ceil(per_day) as i64;
        let mut step = if days == 1 {
            0
        } else {
            *rng.pick(&[1, 1, 2, 3, 7, 7])
        };
        if (days - 1) * step > 170 {
            step = 1;
        }
        let span = (days - 1) * step;
        let first_day = -WINDOW_PAST_DAYS
            + rng.below((WINDOW_PAST_DAYS + WINDOW_AHEAD_DAYS - span) as u64) as i64;
        let base = 8 * 60 + 30 * rng.below(7) as i64;
        let slots = per_day.min(3) as i64;
        let longest = ((23 * 60 - base) / slots / 60).clamp(2, 6);
        let hours = 2 + rng.below((longest - 1) as u64) as i64;
        let first_shift = self.shifts.len();
        let mut starts = Vec::with_capacity(n_shifts);
        for i in 0..n_shifts {
            let day = first_day + (i / per_day) as i64 * step;
            let slot = (i % per_day) as i64 % slots;
            let start = day * 1440 + base + slot * hours * 60;
            starts.push((start, start + hours * 60));
        }
        let first_start = self.at_min(starts[0].0);
        let last_start = starts.iter().map(|s| s.0).max().unwrap_or(0);
        // Created before its first shift and before today; published a little later.
        let rng = &mut self.rng;
        let before_first = first_start - minutes(2 * 1440 + rng.below(28 * 1440) as i64);
        let before_today = self.day0 - minutes(120 + rng.below(20 * 1440) as i64);
        let created_at = before_first.min(before_today);
        let roll = rng.below(100);
        let all_past = last_start < 0;
        let (status, cancelled_at) = if roll < 4 && starts[0].0 > 0 {
            ("draft", None)
        } else if roll < 7 {
            // Called off before its first shift.
            let until = first_start.min(self.day0);
            let span = (until - created_at).num_minutes().max(121) - 120;
            (
                "cancelled",
                Some(created_at + minutes(60 + rng.below(span as u64) as i64)),
            )
        } else if all_past && roll < 80 {
            ("completed", None)
        } else {
            ("published", None)
        };
        let last_end = self.day0 + minutes(starts.iter().map(|s| s.1).max().unwrap_or(0));
        let updated_at = match status {
            "cancelled" => cancelled_at.unwrap_or(created_at),
            "completed" => (last_end + minutes(60 + rng.below(2 * 1440) as i64)).min(self.day0),
            "published" => (created_at + minutes(rng.below(2 * 1440) as i64)).min(self.day0),
            _ => created_at,
        };
        let id = rng.uuid_at(created_at);
        // The start of the first coming shift: kept on drafts and published events, cleared
        // on cancel, and refreshed to nothing once every shift has begun.
        let next_start = match status {
            "draft" | "published" => starts
                .iter()
                .map(|s| self.day0 + minutes(s.0))
                .filter(|t| *t > at)
                .min(),
            _ => None,
        };
        for (i, (s, e)) in starts.iter().enumerate() {
            let rng = &mut self.rng;
            let cap = (capacity + rng.below(5) as i64 - 2).clamp(5, 50);
            let ahead_days = s / 1440;
            let soon = if ahead_days <= 7 {
                1.0
            } else {
                (1.0 - ahead_days as f64 / 160.0).max(0.25)
            };
            let weight = if status == "draft" {
                0.0
            } else {
                popularity * cap as f64 * soon * (0.6 + 0.8 * rng.unit())
            };
            let created = created_at + Duration::seconds(1 + i as i64 / 50);
            self.shifts.push(ShiftRow {
                id: rng.uuid_at(created),
                event: id,
                starts_at: self.day0 + minutes(*s),
                ends_at: self.day0 + minutes(*e),
                capacity: cap,
                accepted: 0,
                created_at: created,
                start_min: *s as i32,
                end_min: *e as i32,
                weight,
            });
        }
        self.events.push(EventRow {
            id,
            org: org.id,
            title_kk,
            title_ru,
            title_en,
            description_kk,
            description_ru,
            description_en,
            direction: t.direction.filter(|_| self.rng.below(100) < 90),
            activity,
            region_code: r.code.clone(),
            locality,
            address,
            lat,
            lon,
            online,
            min_age,
            hazardous,
            skills_json: serde_json::to_string(&skills).expect("json"),
            skills,
            languages,
            languages_mask,
            contact_name,
            contact_phone,
            mode,
            status,
            search_text,
            next_start,
            cancel_reason: cancelled_at.map(|_| *self.rng.pick(CANCEL_REASONS)),
            created_at,
            updated_at,
            region,
            min_age_any: min_age as u32,
            cancelled_at,
            shifts: first_shift..self.shifts.len(),
        });
    }

    /// The next chunk of events with their shifts and applications; None when all are out.
    fn next_chunk(&mut self, vols: &mut Vols) -> Option<Chunk> {
        if self.next_event >= self.events.len() {
            return None;
        }
        let end = (self.next_event + EVENT_CHUNK).min(self.events.len());
        let mut applications = Vec::new();
        for e in self.next_event..end {
            for s in self.events[e].shifts.clone() {
                // Applications by weight, the running total rounded: the sum is exact.
                self.weight_done += self.shifts[s].weight;
                let due = if self.total_weight > 0.0 {
                    ((self.weight_done / self.total_weight) * self.n_apps as f64).round() as u64
                } else {
                    0
                }
                .min(self.n_apps);
                let want = due - self.apps_allotted + self.carry;
                self.apps_allotted = due;
                let made = self.applications(e, s, want as usize, vols, &mut applications);
                self.carry = want - made as u64;
            }
        }
        let events: Vec<EventRow> = self.events[self.next_event..end]
            .iter_mut()
            .map(|e| EventRow {
                title_kk: e.title_kk.take(),
                title_ru: e.title_ru.take(),
                title_en: e.title_en.take(),
                description_kk: e.description_kk.take(),
                description_ru: e.description_ru.take(),
                description_en: e.description_en.take(),
                region_code: std::mem::take(&mut e.region_code),
                locality: e.locality.take(),
                address: e.address.take(),
                skills: std::mem::take(&mut e.skills),
                skills_json: std::mem::take(&mut e.skills_json),
                contact_name: std::mem::take(&mut e.contact_name),
                contact_phone: std::mem::take(&mut e.contact_phone),
                search_text: std::mem::take(&mut e.search_text),
                shifts: e.shifts.clone(),
                ..*e
            })
            .collect();
        let first_shift = events.first().map_or(0, |e| e.shifts.start);
        let last_shift = events.last().map_or(0, |e| e.shifts.end);
        let shifts = self.shifts[first_shift..last_shift]
            .iter()
            .map(|s| ShiftRow { ..*s })
            .collect();
        self.next_event = end;
        self.apps_done += applications.len() as u64;
        Some(Chunk {
            events,
            shifts,
            applications,
        })
    }

    /// Up to `n` applications to shift `s` of event `e`, in the order they arrived; returns
    /// how many were made (fewer when not enough volunteers are free and old enough).
    fn applications(
        &mut self,
        e: usize,
        s: usize,
        n: usize,
        vols: &mut Vols,
        out: &mut Vec<AppRow>,
    ) -> usize {
        if n == 0 || vols.all.is_empty() {
            return 0;
        }
        let ev = &self.events[e];
        let sh = &self.shifts[s];
        let (start, end) = (sh.start_min, sh.end_min);
        let past = start < 0;
        let moderated = ev.mode == "moderated";
        // They applied between the event's publication and the shift (and before today, and
        // before a cancellation).
        let from = ev.created_at + minutes(30);
        let mut until = (sh.starts_at - minutes(60)).min(self.day0);
        if let Some(c) = ev.cancelled_at {
            until = until.min(c - minutes(1));
        }
        let span = (until - from).num_seconds().max(60) as u64;
        let mut chosen: Vec<u32> = Vec::with_capacity(n);
        let mut tries = 0;
        while chosen.len() < n && tries < n * 20 + 40 {
            tries += 1;
            let v = if !ev.online
                && self.rng.below(100) < 85
                && !vols.by_region[ev.region].is_empty()
            {
                *self.rng.pick(&vols.by_region[ev.region])
            } else {
                self.rng.below(vols.all.len() as u64) as u32
            };
            let age = u32::from(vols.all[v as usize].age);
            if age < ev.min_age_any
                || (past && age < CONSENT_AGE)
                || chosen.contains(&v)
                || vols.overlaps(v, start, end)
            {
                continue;
            }
            chosen.push(v);
        }
        let mut times: Vec<u64> = (0..chosen.len()).map(|_| self.rng.below(span)).collect();
        times.sort_unstable();
        let mut accepted = 0i64;
        let capacity = sh.capacity;
        for (v, t) in chosen.iter().zip(times) {
            let rng = &mut self.rng;
            let created_at = from + Duration::seconds(t as i64);
            let vol = &vols.all[*v as usize];
            let later = |rng: &mut Rng, hours: u64| {
                let d = created_at + minutes(10 + rng.below(hours * 60) as i64);
                d.min(until.max(created_at))
            };
            let mut a = AppRow {
                id: rng.uuid_at(created_at),
                shift: sh.id,
                event: ev.id,
                volunteer: vol.id,
                status: "waitlisted",
                motivation: (rng.below(100) < 15).then(|| *rng.pick(MOTIVATIONS)),
                created_at,
                decided_at: None,
                reason: None,
                consent_required: false,
                checked_in_at: None,
                checked_out_at: None,
                shift_reminded_at: None,
                coordinator_reminded_at: None,
            };
            let r = rng.below(100);
            let mut holds = false;
            if r < 5 {
                // Withdrawn by the volunteer before the shift.
                a.status = "cancelled";
                a.decided_at = Some(later(rng, 72));
            } else if let Some(c) = ev.cancelled_at {
                a.status = "cancelled";
                a.decided_at = Some(c);
                a.reason = Some("event_cancelled");
            } else if u32::from(vol.age) < CONSENT_AGE {
                // A young minor: held until a parent's consent is recorded.
                a.status = "pending";
                a.consent_required = true;
            } else if moderated {
                if r < 15 || (past && accepted >= capacity) {
                    a.status = "rejected";
                    a.decided_at = Some(later(rng, 48));
                    a.reason = Some(*rng.pick(REJECT_REASONS));
                } else if !past && (r < 50 || accepted >= capacity) {
                    a.status = "pending";
                } else {
                    a.decided_at = Some(later(rng, 48));
                    holds = true;
                }
            } else if accepted < capacity {
                holds = true;
            }
            if holds {
                // As the scheduler would have by now: the volunteer reminded a day before
                // her shift (or at once when accepted later).
                let accepted_at = a.decided_at.unwrap_or(created_at);
                if sh.starts_at <= self.now + Duration::hours(SHIFT_REMINDER_HOURS) {
                    a.shift_reminded_at = Some(
                        (sh.starts_at - Duration::hours(SHIFT_REMINDER_HOURS))
                            .max(accepted_at)
                            .min(self.now),
                    );
                }
                accepted += 1;
                vols.busy[*v as usize].push((start, end));
                a.status = "accepted";
                if past {
                    if rng.below(100) < 86 {
                        a.status = "completed";
                        a.checked_in_at = Some(sh.starts_at + minutes(rng.below(20) as i64 - 10));
                        a.checked_out_at = Some(sh.ends_at - minutes(rng.below(15) as i64));
                    } else {
                        a.status = "no_show";
                        let room = (self.day0 - sh.ends_at).num_minutes().max(1) as u64;
                        a.decided_at =
                            Some(sh.ends_at + minutes(rng.below(room.min(24 * 60)) as i64));
                    }
                }
            }
            // ... and the coordinator reminded of an application pending for some days.
            let remind_at = created_at + Duration::days(COORDINATOR_REMINDER_DAYS);
            if a.status == "pending" && !a.consent_required && remind_at <= self.now {
                a.coordinator_reminded_at = Some(remind_at);
            }
            out.push(a);
        }
        self.shifts[s].accepted = accepted;
        chosen.len()
    }
}

/// `total` spread over `weights` in proportion, the running total rounded (exact sum).
fn spread(total: usize, weights: &[u64]) -> Vec<u64> {
    let sum: u64 = weights.iter().sum();
    if sum == 0 {
        let n = weights.len().max(1);
        return (0..weights.len())
            .map(|i| ((i + 1) * total / n - i * total / n) as u64)
            .collect();
    }
    let mut acc = 0u128;
    let mut given = 0u64;
    weights
        .iter()
        .map(|w| {
            acc += u128::from(*w);
            let due = (acc * total as u128 / u128::from(sum)) as u64;
            let k = due - given;
            given = due;
            k
        })
        .collect()
}

/// A valid IIN for a birth date; `serial` (per birth date) keeps it unique.
fn demo_iin(birth: NaiveDate, female: bool, serial: u64) -> String {
    let century = match (birth.year() >= 2000, female) {
        (false, false) => 3,
        (false, true) => 4,
        (true, false) => 5,
        (true, true) => 6,
    };
    // The last serial digit only moves the second check-digit pass: one of ten works.
    (0..10)
        .find_map(|bump| {
            let first11 = format!(
                "{:02}{:02}{:02}{}{:04}",
                birth.year() % 100,
                birth.month(),
                birth.day(),
                century,
                (serial * 10 + bump) % 10_000
            );
            domain::iin_with_check_digit(&first11)
        })
        .unwrap_or_default()
}

#[cfg(all(test, feature = "test-support"))]
mod tests {
    use super::*;
    use crate::testing::TestDb;

    /// Statuses that hold a place of a shift.
    const HOLDING: &str = "('accepted', 'checked_in', 'completed', 'no_show')";

    async fn scalar(db: &Db, sql: &str, at: DateTime<Utc>) -> i64 {
        on_db!(db, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
            .bind(at).fetch_one(pool).await.unwrap())
    }

    #[tokio::test]
    async fn generated_events_look_like_real_ones_on_every_backend() {
        let today = (Utc::now() + Duration::hours(UTC_OFFSET_HOURS)).date_naive();
        let mut fingerprints = Vec::new();
        for t in TestDb::all().await {
            let (db, name) = (&t.db, t.name);
            let counts = Scale::Small.plan();
            let before = now();
            let s = load_plan(db, 11, &counts, today, &|_, _, _| {})
                .await
                .unwrap();
            assert_eq!((s.events, s.shifts), (40, 300), "{name}");
            assert_eq!(
                s.applications, 2_000,
                "{name}: every application found a volunteer"
            );
            let at = now();
            let count = |sql: &'static str| scalar(db, sql, at);
            assert_eq!(
                count("SELECT COUNT(*) FROM events WHERE $1 IS NOT NULL").await,
                40
            );
            assert_eq!(
                count("SELECT COUNT(*) FROM shifts WHERE $1 IS NOT NULL").await,
                300
            );
            assert_eq!(
                count("SELECT COUNT(*) FROM applications WHERE $1 IS NOT NULL").await,
                2_000
            );
            // The counter of a shift is its applications that hold a place.
            let sql = format!(
                "SELECT COUNT(*) FROM shifts s WHERE $1 IS NOT NULL AND (s.accepted_count > s.capacity \
                 OR s.accepted_count <> (SELECT COUNT(*) FROM applications a WHERE a.shift_id = s.id \
                 AND a.status IN {HOLDING}))"
            );
            assert_eq!(scalar(db, &sql, at).await, 0, "{name}: accepted_count");
            // Some shifts are full with a waitlist; some applications of each kind.
            assert!(count("SELECT COUNT(*) FROM applications WHERE status = 'waitlisted' AND $1 IS NOT NULL").await > 0);
            for st in ["accepted", "completed", "no_show", "cancelled", "pending"] {
                let sql = format!(
                    "SELECT COUNT(*) FROM applications WHERE status = '{st}' AND $1 IS NOT NULL"
                );
                assert!(scalar(db, &sql, at).await > 0, "{name}: some {st}");
            }
            // next_start: the first coming shift of a draft or published event, else none.
            let wrong_next = count(
                "SELECT COUNT(*) FROM events e WHERE CASE WHEN e.status IN ('draft', 'published') \
                 THEN e.next_start IS DISTINCT FROM (SELECT MIN(s.starts_at) FROM shifts s \
                 WHERE s.event_id = e.id AND s.starts_at > $1) ELSE e.next_start IS NOT NULL END",
            )
            .await;
            assert!(
                wrong_next == 0 || at - before > Duration::seconds(1),
                "{name}: next_start"
            );
            assert!(
                count("SELECT COUNT(*) FROM events WHERE status = 'published' AND next_start > $1")
                    .await
                    > 10
            );
            // Only verified organizations publish; drafts have no applications; minors stay
            // out of adult events; nobody holds two places at once.
            assert_eq!(count("SELECT COUNT(*) FROM events e JOIN organizations o ON o.id = e.organization_id \
                              WHERE o.status <> 'verified' AND $1 IS NOT NULL").await, 0);
            assert_eq!(
                count(
                    "SELECT COUNT(*) FROM applications a JOIN events e ON e.id = a.event_id \
                              WHERE e.status = 'draft' AND $1 IS NOT NULL"
                )
                .await,
                0
            );
            let adult_cut = today.checked_sub_days(Days::new(18 * 366)).unwrap();
            let minors: i64 = on_db!(db, pool => sqlx::query_scalar(
                "SELECT COUNT(*) FROM applications a JOIN events e ON e.id = a.event_id \
                 JOIN users u ON u.id = a.volunteer_id WHERE e.min_age >= 18 AND u.birth_date > $1",
            ).bind(adult_cut).fetch_one(pool).await.unwrap());
            assert_eq!(minors, 0, "{name}: minors in adult events");
            let sql = format!(
                "SELECT COUNT(*) FROM applications a JOIN shifts s ON s.id = a.shift_id \
                 JOIN applications b ON b.volunteer_id = a.volunteer_id AND b.id <> a.id \
                 JOIN shifts t ON t.id = b.shift_id WHERE a.status IN {HOLDING} AND b.status IN {HOLDING} \
                 AND s.starts_at < t.ends_at AND t.starts_at < s.ends_at AND $1 IS NOT NULL"
            );
            assert_eq!(scalar(db, &sql, at).await, 0, "{name}: overlapping places");
            // What the scheduler would have done already: nothing due.
            let day = Duration::hours(24);
            let unreminded = crate::shifts::due_shift_reminders(db, day - Duration::minutes(1))
                .await
                .unwrap();
            assert!(unreminded.is_empty(), "{name}: shift reminders due");
            let waiting = crate::shifts::due_coordinator_reminders(
                db,
                Duration::days(3) + Duration::minutes(1),
            )
            .await
            .unwrap();
            assert!(waiting.is_empty(), "{name}: coordinator reminders due");
            assert!(
                count("SELECT COUNT(*) FROM applications WHERE shift_reminded_at < $1").await > 0
            );
            // Shifts: 60 days back to 120 ahead, 2 to 6 hours, 5 to 50 places.
            type ShiftCheck = (Uuid, DateTime<Utc>, DateTime<Utc>, i64, i64);
            let shifts: Vec<ShiftCheck> = on_db!(db, pool => sqlx::query_as(
                "SELECT id, starts_at, ends_at, capacity, accepted_count FROM shifts",
            ).fetch_all(pool).await.unwrap());
            let day0 =
                today.and_hms_opt(0, 0, 0).unwrap().and_utc() - Duration::hours(UTC_OFFSET_HOURS);
            for (_, s, e, cap, _) in &shifts {
                assert!(*s >= day0 - Duration::days(60) && *s < day0 + Duration::days(120));
                assert!(
                    (2..=6).contains(&(*e - *s).num_hours()) && (*e - *s).num_minutes() % 60 == 0
                );
                assert!((5..=50).contains(cap));
            }
            // The same seed makes the same rows on every backend.
            let mut events: Vec<(Uuid, String, String)> = on_db!(db, pool => sqlx::query_as(
                "SELECT id, status, search_text FROM events",
            ).fetch_all(pool).await.unwrap());
            events.sort();
            let mut apps: Vec<(Uuid, Uuid, String)> = on_db!(db, pool => sqlx::query_as(
                "SELECT id, volunteer_id, status FROM applications",
            ).fetch_all(pool).await.unwrap());
            apps.sort();
            let mut shifts = shifts;
            shifts.sort_by_key(|s| s.0);
            fingerprints.push((
                format!("{events:?}"),
                format!("{shifts:?}"),
                format!("{apps:?}"),
            ));
            // search_text and languages_mask as the application writes them.
            let ids: Vec<(Uuid, Uuid, String, i64)> = on_db!(db, pool => sqlx::query_as(
                "SELECT id, organization_id, search_text, languages_mask FROM events",
            ).fetch_all(pool).await.unwrap());
            for (id, org, text, mask) in ids.iter().take(12) {
                let e = crate::events::get(db, *id).await.unwrap().unwrap();
                let copy = crate::events::create_with_status(db, *org, &e.fields(), "draft")
                    .await
                    .unwrap();
                let (t2, m2): (String, i64) = on_db!(db, pool => sqlx::query_as(
                    "SELECT search_text, languages_mask FROM events WHERE id = $1",
                ).bind(copy).fetch_one(pool).await.unwrap());
                assert_eq!((text, mask), (&t2, &m2), "{name}: event {id}");
                assert!(!text.is_empty() && *mask > 0);
            }
            // The public search finds them.
            let found = crate::events::search(db, &crate::events::EventQuery::default(), 50, 0)
                .await
                .unwrap();
            assert!(!found.is_empty(), "{name}: search");
            t.drop_db().await;
        }
        assert!(
            fingerprints.windows(2).all(|w| w[0] == w[1]),
            "same data on every backend"
        );
    }

    #[test]
    fn counts_scale_with_volunteers() {
        let c = Scale::National.plan().for_volunteers(30_000);
        assert_eq!(
            (
                c.volunteers,
                c.organizations,
                c.events,
                c.shifts,
                c.applications
            ),
            (30_000, 430, 2_000, 20_000, 200_000)
        );
        assert_eq!(Scale::Small.counts(), (200, 12, 600));
        assert_eq!(spread(10, &[1, 0, 3]), vec![2, 0, 8]);
        assert_eq!(spread(5, &[0, 0]).iter().sum::<u64>(), 5);
    }
}
