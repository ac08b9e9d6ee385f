//! Demo and benchmark datasets in Kazakh and Russian, deterministic for a seed: the same
//! seed gives the same people on both databases. Written in bulk (multi-row inserts in one
//! transaction), so that the national scale loads in minutes. Demo accounts cannot log in
//! (no usable password).

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use uuid::Uuid;

use crate::reference::embedded_regions;
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
        match self {
            Scale::Small => (200, 12, 600),
            Scale::Region => (20_000, 290, 330_000),
            Scale::National => (300_000, 4_300, 5_000_000),
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

/// Loads the dataset of `scale` for `seed`; `progress(what, done, total)` is called as it
/// goes. Does nothing when demo data is already present.
pub async fn load(
    db: &Db,
    seed: u64,
    scale: Scale,
    today: NaiveDate,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    load_counts(db, seed, scale.counts(), today, progress).await
}

/// Same as [`load`] with explicit (volunteers, organizations, hours entries).
pub async fn load_counts(
    db: &Db,
    seed: u64,
    (n_volunteers, n_orgs, n_hours): (u64, u64, u64),
    today: NaiveDate,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Result<DemoSummary> {
    if is_loaded(db).await? {
        return Ok(DemoSummary::default());
    }
    let mut g = Generator {
        rng: Rng::new(seed),
        regions: embedded_regions().into_iter().map(|r| r.code).collect(),
        total_weight: REGION_WEIGHTS.iter().sum(),
        today,
        iin_serials: HashMap::new(),
    };
    let at = now();
    let n_orgs = n_orgs.max(1);
    let orgs: Vec<Org> = (0..n_orgs).map(|i| g.org(i)).collect();
    let org_ids: Vec<Uuid> = orgs.iter().map(|o| o.id).collect();
    let hours_done = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
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
                    "INSERT INTO hours_entries (id, volunteer_id, organization_id, minutes, work_date, status, source, created_at) ",
                );
                q.push_values(chunk, |mut b, h| {
                    b.push_bind(h.id).push_bind(h.volunteer).push_bind(h.org).push_bind(h.minutes)
                        .push_bind(h.date).push_bind("confirmed").push_bind("attendance").push_bind(at);
                });
                q.build().execute(&mut *tx).await?;
            }
            hours_done += entries.len() as u64;
            progress("volunteers", done, n_volunteers);
        }
        tx.commit().await?;
        Ok::<_, crate::Error>(hours_done)
    })?;
    // SQLite: fold the write-ahead log into the database now, not at the next start.
    if let crate::Pool::Sqlite(pool) = &db.pool {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(pool)
            .await?;
    }
    Ok(DemoSummary {
        volunteers: n_volunteers,
        organizations: n_orgs,
        hours_entries: hours_done,
    })
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
