//! The people, organizations and hours of a dataset: a seeded generator (no I/O).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use uuid::Uuid;

use super::words::{
    KK_FEMALE, KK_MALE, KK_SURNAMES, ORG_PREFIX_KK, ORG_PREFIX_RU, REGION_WEIGHTS, RU_FEMALE,
    RU_MALE, RU_SURNAMES, SKILLS,
};

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

pub(super) fn surname_for(surname: &str, female: bool) -> String {
    match (female, surname) {
        (false, s) | (true, s @ ("Ким" | "Ли" | "Шевченко")) => s.to_owned(),
        (true, s) => format!("{s}а"),
    }
}

pub(super) struct Org {
    pub(super) id: Uuid,
    pub(super) kind: &'static str,
    pub(super) name_kk: String,
    pub(super) name_ru: String,
    pub(super) region: String,
    pub(super) status: &'static str,
}

pub(super) struct Volunteer {
    pub(super) id: Uuid,
    pub(super) email: String,
    pub(super) display_name: String,
    pub(super) first_name: &'static str,
    pub(super) last_name: String,
    pub(super) birth: NaiveDate,
    pub(super) iin: String,
    pub(super) region: String,
    pub(super) languages: &'static str,
    pub(super) skills: String,
    pub(super) lang: &'static str,
}

pub(super) struct Hours {
    pub(super) id: Uuid,
    pub(super) volunteer: Uuid,
    pub(super) org: Uuid,
    pub(super) minutes: i64,
    pub(super) date: NaiveDate,
}

/// A deterministic generator of the dataset, row by row.
pub(super) struct Generator {
    pub(super) rng: Rng,
    pub(super) regions: Vec<String>,
    pub(super) total_weight: u64,
    pub(super) today: NaiveDate,
    pub(super) iin_serials: HashMap<NaiveDate, u64>,
}

impl Generator {
    pub(super) fn region(&mut self) -> String {
        let mut x = self.rng.below(self.total_weight);
        for (i, w) in REGION_WEIGHTS.iter().enumerate() {
            if x < *w {
                return self.regions[i].clone();
            }
            x -= w;
        }
        self.regions[0].clone()
    }

    pub(super) fn org(&mut self, i: u64) -> Org {
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

    pub(super) fn volunteer(&mut self, i: u64) -> Volunteer {
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

    pub(super) fn hours(&mut self, volunteer: Uuid, orgs: &[Uuid]) -> Hours {
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

/// `total` spread over `weights` in proportion, the running total rounded (exact sum).
pub(super) fn spread(total: usize, weights: &[u64]) -> Vec<u64> {
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
pub(super) fn demo_iin(birth: NaiveDate, female: bool, serial: u64) -> String {
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
