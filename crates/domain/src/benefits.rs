//! Benefit rules over confirmed hours: configurable and versioned (a rule's code may have
//! several versions; the one in force is the newest whose `valid_from` has come). Only
//! confirmed hours count: the caller passes the ledger (confirmations and reversals).
//!
//! Two kinds: tiers counted per academic year (1 September – 31 August) with a cap — the
//! student social voucher: 20 hours → first tier, 50 → second, at most 70 hours a year
//! counted — and a threshold over all years (a badge at 500 hours).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A tier of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    /// Code (translated as `benefit_tier_{code}`).
    pub code: String,
    /// Hours needed.
    pub hours: i64,
}

/// What a rule counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kind {
    /// Tiers reached by the hours of the current academic year, at most `cap_hours` counted.
    AcademicYearTiers {
        /// Tiers, lowest first.
        tiers: Vec<Tier>,
        /// Hours counted at most in one academic year.
        cap_hours: i64,
    },
    /// All confirmed hours reach a threshold.
    Total {
        /// Hours needed.
        hours: i64,
    },
}

/// One version of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Code (translated as `benefit_{code}`).
    pub code: String,
    /// Version number.
    pub version: u32,
    /// In force from this day.
    pub valid_from: NaiveDate,
    /// What it counts.
    #[serde(flatten)]
    pub kind: Kind,
}

/// The rules erikti starts with.
pub fn default_rules() -> Vec<Rule> {
    let from = NaiveDate::from_ymd_opt(2024, 9, 1).expect("a valid date");
    vec![
        Rule {
            code: "student_voucher".into(),
            version: 1,
            valid_from: from,
            kind: Kind::AcademicYearTiers {
                tiers: vec![
                    Tier {
                        code: "first".into(),
                        hours: 20,
                    },
                    Tier {
                        code: "second".into(),
                        hours: 50,
                    },
                ],
                cap_hours: 70,
            },
        },
        Rule {
            code: "badge_500".into(),
            version: 1,
            valid_from: from,
            kind: Kind::Total { hours: 500 },
        },
    ]
}

/// The versions in force on `day`: for each code, the newest version already valid.
pub fn in_force(rules: &[Rule], day: NaiveDate) -> Vec<&Rule> {
    let mut out: Vec<&Rule> = Vec::new();
    for r in rules.iter().filter(|r| r.valid_from <= day) {
        match out.iter_mut().find(|o| o.code == r.code) {
            Some(o) if (o.valid_from, o.version) < (r.valid_from, r.version) => *o = r,
            Some(_) => {}
            None => out.push(r),
        }
    }
    out
}

/// The first day of the academic year that `day` belongs to.
pub fn academic_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 9, 1).expect("1 September exists")
}

/// Where a volunteer stands with one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Rule code.
    pub code: String,
    /// Version applied.
    pub version: u32,
    /// Minutes counted (capped, within the period).
    pub counted_minutes: i64,
    /// Minutes needed for the whole rule (the top tier, or the threshold).
    pub goal_minutes: i64,
    /// The highest tier reached (tiered rules).
    pub tier: Option<String>,
    /// The next tier or the threshold, and the minutes still missing.
    pub next: Option<(String, i64)>,
    /// Reached (the threshold, or the top tier).
    pub achieved: bool,
}

/// Evaluates the rules in force on `today` over `ledger`: (day, minutes) of each confirmed
/// entry, reversals negative.
pub fn evaluate(rules: &[Rule], ledger: &[(NaiveDate, i64)], today: NaiveDate) -> Vec<Progress> {
    in_force(rules, today)
        .into_iter()
        .map(|r| match &r.kind {
            Kind::AcademicYearTiers { tiers, cap_hours } => {
                let start = academic_year_start(today);
                let year: i64 = ledger
                    .iter()
                    .filter(|(d, _)| *d >= start && *d <= today)
                    .map(|(_, m)| m)
                    .sum();
                let counted = year.clamp(0, cap_hours * 60);
                let tier = tiers
                    .iter()
                    .filter(|t| counted >= t.hours * 60)
                    .max_by_key(|t| t.hours)
                    .map(|t| t.code.clone());
                let next = tiers
                    .iter()
                    .filter(|t| counted < t.hours * 60)
                    .min_by_key(|t| t.hours)
                    .map(|t| (t.code.clone(), t.hours * 60 - counted));
                Progress {
                    code: r.code.clone(),
                    version: r.version,
                    counted_minutes: counted,
                    goal_minutes: tiers.iter().map(|t| t.hours * 60).max().unwrap_or(0),
                    achieved: next.is_none() && tier.is_some(),
                    tier,
                    next,
                }
            }
            Kind::Total { hours } => {
                let total: i64 = ledger.iter().map(|(_, m)| m).sum::<i64>().max(0);
                let goal = hours * 60;
                Progress {
                    code: r.code.clone(),
                    version: r.version,
                    counted_minutes: total,
                    goal_minutes: goal,
                    tier: None,
                    next: (total < goal).then(|| (r.code.clone(), goal - total)),
                    achieved: total >= goal,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_student_voucher_counts_this_academic_year_up_to_seventy_hours() {
        let rules = default_rules();
        let today = d(2026, 11, 21);
        // 15 h last academic year (not counted), 25 h this one.
        let ledger = [(d(2026, 5, 1), 15 * 60), (d(2026, 9, 10), 25 * 60)];
        let p = &evaluate(&rules, &ledger, today)[0];
        assert_eq!(p.counted_minutes, 25 * 60);
        assert_eq!(p.tier.as_deref(), Some("first"));
        assert_eq!(p.next, Some(("second".into(), 25 * 60)));
        assert!(!p.achieved);
        // 90 h this year: capped at 70, the top tier.
        let ledger = [(d(2026, 10, 1), 90 * 60)];
        let p = &evaluate(&rules, &ledger, today)[0];
        assert_eq!(
            (p.counted_minutes, p.tier.as_deref(), p.achieved),
            (70 * 60, Some("second"), true)
        );
        // A reversal takes hours back.
        let ledger = [(d(2026, 10, 1), 30 * 60), (d(2026, 10, 2), -15 * 60)];
        let p = &evaluate(&rules, &ledger, today)[0];
        assert_eq!((p.counted_minutes, p.tier.as_deref()), (15 * 60, None));
    }

    #[test]
    fn the_badge_counts_every_year() {
        let today = d(2026, 11, 21);
        let ledger = [(d(2020, 1, 1), 300 * 60), (d(2026, 1, 1), 199 * 60)];
        let p = &evaluate(&default_rules(), &ledger, today)[1];
        assert_eq!(
            (p.achieved, p.next.clone()),
            (false, Some(("badge_500".into(), 60)))
        );
        let ledger = [(d(2020, 1, 1), 500 * 60)];
        assert!(evaluate(&default_rules(), &ledger, today)[1].achieved);
    }

    #[test]
    fn the_newest_version_in_force_applies() {
        let mut rules = default_rules();
        let mut v2 = rules[1].clone();
        v2.version = 2;
        v2.valid_from = d(2027, 1, 1);
        v2.kind = Kind::Total { hours: 400 };
        rules.push(v2);
        let ledger = [(d(2026, 1, 1), 450 * 60)];
        let before = evaluate(&rules, &ledger, d(2026, 12, 31));
        assert_eq!((before[1].version, before[1].achieved), (1, false));
        let after = evaluate(&rules, &ledger, d(2027, 1, 1));
        assert_eq!((after[1].version, after[1].achieved), (2, true));
        // Rules read from configuration (JSON or TOML alike).
        let parsed: Vec<Rule> = serde_json::from_str(
            r#"[{"code": "badge_100", "version": 1, "valid_from": "2025-01-01", "kind": "total", "hours": 100}]"#,
        )
        .unwrap();
        assert_eq!(parsed[0].kind, Kind::Total { hours: 100 });
    }
}
