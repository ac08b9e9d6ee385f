//! A small, realistic demo dataset in Kazakh and Russian, deterministic for a seed,
//! so that a first run shows life. Demo accounts cannot log in (no usable password).

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use crate::reference::embedded_regions;
use crate::{Db, Result, new_id, now, on_db};

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

fn surname_for(surname: &str, female: bool, kazakh: bool) -> String {
    if !female {
        return surname.to_owned();
    }
    if kazakh || surname.ends_with("ов") || surname.ends_with("ев") || surname.ends_with("ин")
    {
        match surname {
            "Ким" | "Ли" | "Шевченко" => surname.to_owned(),
            s => format!("{s}а"),
        }
    } else {
        surname.to_owned()
    }
}

/// True when demo data is already loaded.
pub async fn is_loaded(db: &Db) -> Result<bool> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email LIKE '%@demo.erikti.kz'",
    ).fetch_one(pool).await?);
    Ok(n > 0)
}

/// Loads `volunteers` demo volunteers (and organizations and hours proportionally) for `seed`.
/// Does nothing when demo data is already present.
pub async fn load(db: &Db, seed: u64, volunteers: u64, today: NaiveDate) -> Result<DemoSummary> {
    if is_loaded(db).await? {
        return Ok(DemoSummary::default());
    }
    let regions = embedded_regions();
    let total_weight: u64 = REGION_WEIGHTS.iter().sum();
    let mut rng = Rng::new(seed);
    let at = now();
    let mut summary = DemoSummary::default();

    let pick_region = |rng: &mut Rng| {
        let mut x = rng.below(total_weight);
        for (i, w) in REGION_WEIGHTS.iter().enumerate() {
            if x < *w {
                return regions[i].code.clone();
            }
            x -= w;
        }
        regions[0].code.clone()
    };

    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // Organizations: one per ~15 volunteers, at least 3.
        let n_orgs = (volunteers / 15).max(3);
        let mut orgs: Vec<(Uuid, String)> = Vec::new();
        for i in 0..n_orgs {
            let id = new_id();
            let region = pick_region(&mut rng);
            let k = rng.below(ORG_PREFIX_KK.len() as u64) as usize;
            let kind = match i % 3 { 0 => "ngo", 1 => "initiative_group", _ => "state_institution" };
            sqlx::query(
                "INSERT INTO organizations (id, kind, name_kk, name_ru, name_en, region_code, status, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $7)",
            )
            .bind(id).bind(kind)
            .bind(format!("«{}» №{}", ORG_PREFIX_KK[k], i + 1))
            .bind(format!("«{}» №{}", ORG_PREFIX_RU[k], i + 1))
            .bind(&region).bind(if i % 4 == 0 { "registered" } else { "verified" }).bind(at)
            .execute(&mut *tx).await?;
            orgs.push((id, region));
            summary.organizations += 1;
        }
        for i in 0..volunteers {
            let id = new_id();
            let kazakh = rng.below(100) < 70;
            let female = rng.below(100) < 58;
            let (first, last) = match (kazakh, female) {
                (true, false) => (*rng.pick(KK_MALE), *rng.pick(KK_SURNAMES)),
                (true, true) => (*rng.pick(KK_FEMALE), *rng.pick(KK_SURNAMES)),
                (false, false) => (*rng.pick(RU_MALE), *rng.pick(RU_SURNAMES)),
                (false, true) => (*rng.pick(RU_FEMALE), *rng.pick(RU_SURNAMES)),
            };
            let last = surname_for(last, female, kazakh);
            // Ages 14–75, with a share of minors and of seniors.
            let age = match rng.below(100) {
                0..=11 => 14 + rng.below(4),
                12..=91 => 18 + rng.below(42),
                _ => 60 + rng.below(16),
            };
            let birth = today
                .checked_sub_days(Days::new(age * 365 + rng.below(365)))
                .unwrap_or(today);
            let iin = demo_iin(birth, female, i);
            let region = pick_region(&mut rng);
            let langs = if kazakh { r#"["kk","ru"]"# } else { r#"["ru"]"# };
            let skills = serde_json::to_string(&[*rng.pick(SKILLS), *rng.pick(SKILLS)]).expect("json");
            sqlx::query(
                "INSERT INTO users (id, email, password_hash, email_confirmed_at, display_name, first_name, \
                 last_name, birth_date, iin, region_code, languages, skills, preferred_lang, created_at, updated_at) \
                 VALUES ($1, $2, '!', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $3, $3)",
            )
            .bind(id).bind(format!("volunteer{:05}@demo.erikti.kz", i + 1)).bind(at)
            .bind(format!("{first} {}", last.chars().next().unwrap_or(' ')))
            .bind(first).bind(&last).bind(birth).bind(&iin).bind(&region).bind(langs)
            .bind(&skills).bind(if kazakh { "kk" } else { "ru" })
            .execute(&mut *tx).await?;
            summary.volunteers += 1;
            // A few confirmed entries in the volunteer book.
            for _ in 0..rng.below(4) {
                let (org, _) = rng.pick(&orgs).clone();
                let minutes = 60 * (1 + rng.below(6)) as i64;
                let date = today.checked_sub_days(Days::new(1 + rng.below(300))).unwrap_or(today);
                sqlx::query(
                    "INSERT INTO hours_entries (id, volunteer_id, organization_id, minutes, work_date, status, source, created_at) \
                     VALUES ($1, $2, $3, $4, $5, 'confirmed', 'attendance', $6)",
                )
                .bind(new_id()).bind(id).bind(org).bind(minutes).bind(date).bind(at)
                .execute(&mut *tx).await?;
                summary.hours_entries += 1;
            }
        }
        tx.commit().await?;
    });
    Ok(summary)
}

/// A valid IIN for a birth date; `serial` keeps it unique within the dataset.
fn demo_iin(birth: NaiveDate, female: bool, serial: u64) -> String {
    use chrono::Datelike;
    let century = match (birth.year() >= 2000, female) {
        (false, false) => 3,
        (false, true) => 4,
        (true, false) => 5,
        (true, true) => 6,
    };
    for bump in 0..10 {
        let first11 = format!(
            "{:02}{:02}{:02}{}{:04}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            century,
            (serial * 10 + bump) % 10_000
        );
        if let Some(iin) = domain::iin_with_check_digit(&first11) {
            return iin;
        }
    }
    unreachable!("one of ten serials has a valid check digit")
}
