//! A book's totals from the ledger: confirmed minus reversed, by year, direction,
//! organization and activity type.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use domain::ledger::EntryKind;
use serde::Serialize;
use store::ledger as store_ledger;
use uuid::Uuid;

/// Totals of a book, in minutes, from the ledger (confirmed minus reversed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Totals {
    /// All confirmed minutes.
    pub minutes: i64,
    /// By year (the key is the year, e.g. `"2026"`).
    #[schema(value_type = BTreeMap<String, i64>)]
    pub by_year: BTreeMap<i32, i64>,
    /// By direction code (`none` for hours without one).
    #[serde(serialize_with = "with_none")]
    pub by_direction: BTreeMap<String, i64>,
    /// By organization key (`none` for hours without one).
    #[serde(serialize_with = "with_none")]
    pub by_organization: BTreeMap<String, i64>,
    /// By activity type code (`none` for hours without one).
    #[serde(serialize_with = "with_none")]
    pub by_activity_type: BTreeMap<String, i64>,
}

/// A group's key as clients read it: the code, or `none` (the pages read "" as "other").
fn with_none<S: serde::Serializer>(map: &BTreeMap<String, i64>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut out = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        out.serialize_entry(if k.is_empty() { "none" } else { k }, v)?;
    }
    out.end()
}

impl Totals {
    /// Adds minutes of one day, organization, direction and activity type.
    pub fn add(
        &mut self,
        day: NaiveDate,
        organization: Option<Uuid>,
        direction: Option<&str>,
        activity_type: Option<&str>,
        minutes: i64,
    ) {
        self.minutes += minutes;
        *self.by_year.entry(day.year()).or_default() += minutes;
        *self
            .by_direction
            .entry(direction.unwrap_or_default().to_owned())
            .or_default() += minutes;
        *self
            .by_organization
            .entry(organization.map(|o| o.to_string()).unwrap_or_default())
            .or_default() += minutes;
        *self
            .by_activity_type
            .entry(activity_type.unwrap_or_default().to_owned())
            .or_default() += minutes;
    }

    /// Drops the groups that sum to nothing (a confirmation and its reversal).
    fn settle(mut self) -> Totals {
        self.by_year.retain(|_, m| *m != 0);
        self.by_direction.retain(|_, m| *m != 0);
        self.by_organization.retain(|_, m| *m != 0);
        self.by_activity_type.retain(|_, m| *m != 0);
        self
    }
}

/// Sums a chain; only ledger entries count (what is confirmed, less what was reversed).
pub fn totals(
    chain: &[domain::ledger::Stored],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Totals {
    let mut t = Totals::default();
    for s in chain {
        let e = &s.entry;
        if from.is_some_and(|f| e.work_date < f) || to.is_some_and(|x| e.work_date > x) {
            continue;
        }
        debug_assert!(EntryKind::from_code(&e.kind).is_some());
        t.add(
            e.work_date,
            e.organization_id,
            e.direction.as_deref(),
            e.activity_type.as_deref(),
            e.minutes,
        );
    }
    t.settle()
}

/// The same totals from the ledger's sums (what the book page reads).
pub fn totals_of_sums(sums: &store_ledger::BookSums) -> Totals {
    let mut t = Totals::default();
    for (month, m) in &sums.by_month {
        t.minutes += m;
        *t.by_year.entry(month.year()).or_default() += m;
    }
    let key = |k: &Option<String>| k.clone().unwrap_or_default();
    for (o, m) in &sums.by_organization {
        *t.by_organization
            .entry(o.map(|o| o.to_string()).unwrap_or_default())
            .or_default() += m;
    }
    for (d, m) in &sums.by_direction {
        *t.by_direction.entry(key(d)).or_default() += m;
    }
    for (a, m) in &sums.by_activity_type {
        *t.by_activity_type.entry(key(a)).or_default() += m;
    }
    t.settle()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ledger::{Entry, GENESIS, Stored};

    fn entry(seq: i64, minutes: i64, kind: &str, date: (i32, u32, u32)) -> Stored {
        let entry = Entry {
            volunteer_id: Uuid::from_u128(1),
            seq,
            hours_id: Uuid::from_u128(seq as u128),
            kind: kind.into(),
            minutes,
            work_date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            organization_id: Some(Uuid::from_u128(7)),
            direction: Some("social".into()),
            activity_type: Some("1".into()),
            source: "attendance".into(),
            reason: None,
            actor_id: None,
            recorded_at: chrono::Utc::now(),
            prev_hash: GENESIS,
        };
        Stored {
            hash: entry.hash(),
            entry,
        }
    }

    #[test]
    fn totals_are_confirmations_less_reversals_in_every_grouping() {
        // Deterministic pseudo-random books: the totals always equal the signed sum.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200 {
            let mut chain = Vec::new();
            let mut expected = 0;
            for seq in 1..=30 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let minutes = (x % 600) as i64 + 1;
                let reverse = x.is_multiple_of(5) && !chain.is_empty();
                let m = if reverse { -minutes } else { minutes };
                expected += m;
                let year = 2024 + (x % 3) as i32;
                chain.push(entry(
                    seq,
                    m,
                    if reverse { "reverse" } else { "confirm" },
                    (year, 1 + (x % 12) as u32, 1),
                ));
            }
            let t = totals(&chain, None, None);
            // The book page sums the ledger in SQL four ways: the same totals.
            let mut sums = store_ledger::BookSums::default();
            let mut by_month: BTreeMap<NaiveDate, i64> = BTreeMap::new();
            let mut by_org: BTreeMap<Option<Uuid>, i64> = BTreeMap::new();
            for s in &chain {
                let d = s.entry.work_date;
                *by_month.entry(d.with_day(1).unwrap()).or_default() += s.entry.minutes;
                *by_org.entry(s.entry.organization_id).or_default() += s.entry.minutes;
            }
            sums.by_month = by_month.into_iter().collect();
            sums.by_organization = by_org.into_iter().collect();
            sums.by_direction = vec![(Some("social".into()), expected)];
            sums.by_activity_type = vec![(Some("1".into()), expected)];
            assert_eq!(totals_of_sums(&sums), t);
            assert_eq!(t.minutes, expected);
            assert_eq!(t.by_year.values().sum::<i64>(), expected);
            assert_eq!(t.by_direction.values().sum::<i64>(), expected);
            assert_eq!(t.by_organization.values().sum::<i64>(), expected);
            assert_eq!(t.by_activity_type.values().sum::<i64>(), expected);
        }
    }
}
