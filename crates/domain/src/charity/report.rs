//! The closing report of a collection: what happens to the money that remains, in a choice
//! and in words, with the figures of the money trail at the checkpoint it was computed at;
//! and the reminders that it is due soon or overdue.
//!
//! The figures are folded from the collection's money entries in a signed checkpoint's
//! tree ([`ReportFigures::proven`]): a report is published only when every entry of the
//! collection is in that tree, so that anyone can recompute its figures from the log.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::collection::REPORT_DUE_DAYS;
use super::{CollectionStatus, ExpenseCategory, MoneyEntry, MoneyKind, MoneyTotals};
use crate::Invalid;
use crate::org::Transition;
use crate::text::required_multiline_text;
use crate::values::codes;

/// Longest statement of what happens to the remainder, in characters.
pub const MAX_REPORT_CHARS: usize = 4000;
/// Days before the closing report's deadline when its organization is reminded.
pub const REPORT_REMINDER_DAYS: u64 = 7;
/// Some money entries of the collection are not yet in a signed checkpoint: the report
/// waits for the next one (the scheduler signs one every minute).
pub const REPORT_ENTRIES_PENDING: Transition = Transition::new("report_entries_pending");
/// The statuses of a collection that owes a closing report (the ones
/// [`report_overdue`](super::report_overdue) can be true of).
pub const OWES_REPORT: [CollectionStatus; 3] = [
    CollectionStatus::Active,
    CollectionStatus::Suspended,
    CollectionStatus::Closed,
];

codes! {
    /// What happens to the money left when a collection ends.
    pub enum RemainderUse {
        /// Given back to the donors.
        ReturnedToDonors = "returned_to_donors",
        /// Moved to another collection of the organization.
        MovedToCollection = "moved_to_collection",
        /// Kept and spent later for the same purpose.
        KeptForPurpose = "kept_for_purpose",
    }
}

codes! {
    /// A reminder to the organization of a collection's closing report.
    pub enum ReportReminder {
        /// The report is due within [`REPORT_REMINDER_DAYS`] days.
        DueSoon = "report_due_soon",
        /// The report is past its deadline.
        Overdue = "report_overdue",
    }
}

impl ReportReminder {
    /// Whether this reminder is for a collection in `status` that ended on `end_date`,
    /// on `today`: it owes a report, and the deadline is at most [`REPORT_REMINDER_DAYS`]
    /// days away (due soon) or past (overdue).
    pub fn applies(self, status: CollectionStatus, end_date: NaiveDate, today: NaiveDate) -> bool {
        if !OWES_REPORT.contains(&status) {
            return false;
        }
        let (from, to) = self.end_dates(today);
        end_date <= to && from.is_none_or(|f| end_date >= f)
    }

    /// The end dates this reminder is for on `today`, as the store selects them: from
    /// (inclusive; none: any earlier day) to (inclusive).
    pub fn end_dates(self, today: NaiveDate) -> (Option<NaiveDate>, NaiveDate) {
        let back = |days: u64| {
            today
                .checked_sub_days(Days::new(days))
                .unwrap_or(NaiveDate::MIN)
        };
        match self {
            ReportReminder::DueSoon => (
                Some(back(REPORT_DUE_DAYS)),
                back(REPORT_DUE_DAYS - REPORT_REMINDER_DAYS),
            ),
            ReportReminder::Overdue => (None, back(REPORT_DUE_DAYS + 1)),
        }
    }
}

/// The closing report as typed: the choice and the words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ReportInput {
    /// A [`RemainderUse`] code.
    pub remainder_use: String,
    /// What happens to the remainder, in words (to whom it goes back, which collection).
    pub remainder_text: String,
}

/// A checked closing report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReport {
    /// What happens to the remainder.
    pub remainder_use: RemainderUse,
    /// In words (trimmed, line breaks kept).
    pub remainder_text: String,
}

impl ReportInput {
    /// Checks a report. Errors are `(field, reason)` with the [`ReportInput`] field names:
    /// the choice is required and one of [`RemainderUse`]; the words are required, at most
    /// [`MAX_REPORT_CHARS`], line breaks allowed.
    pub fn parse(&self) -> Result<ValidReport, Vec<(&'static str, Invalid)>> {
        let choice = RemainderUse::parse(&self.remainder_use);
        let text = required_multiline_text(&self.remainder_text, MAX_REPORT_CHARS);
        match (choice, text) {
            (Ok(remainder_use), Ok(remainder_text)) => Ok(ValidReport {
                remainder_use,
                remainder_text,
            }),
            (choice, text) => Err([
                ("remainder_use", choice.err()),
                ("remainder_text", text.err()),
            ]
            .into_iter()
            .filter_map(|(f, e)| e.map(|e| (f, e)))
            .collect()),
        }
    }
}

/// What a closing report states, folded from the collection's money trail: tiyn, money and
/// goods in kind apart (the estimate of goods is never money raised, spent or left).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFigures {
    /// Money donated and not reversed.
    pub raised: i64,
    /// Money of reversed donations.
    pub reversed: i64,
    /// Money spent (approved expenses).
    pub spent: i64,
    /// Money spent by category, in [`ExpenseCategory::ALL`] order, categories with none left out.
    pub spent_by_category: Vec<(ExpenseCategory, i64)>,
    /// The estimated value of the goods given in kind and not given back.
    pub in_kind_estimate: i64,
    /// Money left: raised less spent.
    pub remainder: i64,
    /// Donations standing (money and in kind).
    pub donations: i64,
}

impl ReportFigures {
    /// The figures of one collection's entries (in any order).
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a MoneyEntry>) -> ReportFigures {
        let mut totals = MoneyTotals::default();
        let mut by_category = [0i64; ExpenseCategory::ALL.len()];
        for e in entries {
            totals.add(e);
            if e.kind == MoneyKind::Expense
                && !e.in_kind
                && let Some(i) = ExpenseCategory::ALL
                    .iter()
                    .position(|c| c.code() == e.channel_or_category)
            {
                by_category[i] = by_category[i].saturating_add(e.amount.max(0));
            }
        }
        ReportFigures {
            raised: totals.net_raised(),
            reversed: totals.reversed,
            spent: totals.spent,
            spent_by_category: ExpenseCategory::ALL
                .into_iter()
                .zip(by_category)
                .filter(|(_, amount)| *amount != 0)
                .collect(),
            in_kind_estimate: totals.in_kind_received,
            remainder: totals.remainder(),
            donations: totals.donations,
        }
    }

    /// The figures of a collection's entries, each with its leaf index, at a checkpoint of
    /// `size` leaves; [`REPORT_ENTRIES_PENDING`] when an entry is not in that tree yet.
    pub fn proven<'a>(
        entries: impl IntoIterator<Item = (u64, &'a MoneyEntry)>,
        size: u64,
    ) -> Result<ReportFigures, Transition> {
        let entries: Vec<(u64, &MoneyEntry)> = entries.into_iter().collect();
        if entries.iter().any(|(leaf, _)| *leaf >= size) {
            return Err(REPORT_ENTRIES_PENDING);
        }
        Ok(ReportFigures::of(entries.into_iter().map(|(_, e)| e)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::charity::{Channel, report_due, report_overdue};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn entry(n: u128, kind: MoneyKind, amount: i64, code: &str, in_kind: bool) -> MoneyEntry {
        MoneyEntry {
            id: Uuid::from_u128(n),
            collection_id: Uuid::from_u128(100),
            organization_id: Uuid::from_u128(200),
            kind,
            amount,
            channel_or_category: code.into(),
            in_kind,
            occurred_on: d(2026, 5, 1),
            reverses: (kind == MoneyKind::Reversal).then(|| Uuid::from_u128(1)),
            recorded_at: DateTime::<Utc>::from_timestamp_micros(1_780_000_000_000_000).unwrap(),
        }
    }

    fn trail() -> Vec<MoneyEntry> {
        use MoneyKind::*;
        vec![
            entry(1, Donation, 500_000, "card", false),
            entry(2, Donation, 300_000, "bank_transfer", false),
            entry(3, Reversal, -500_000, "card", false),
            entry(4, Donation, 90_000, "other", true),
            entry(5, Donation, 0, "other", true),
            entry(6, Expense, 100_000, "medical", false),
            entry(7, Expense, 20_000, "transport", false),
            entry(8, Expense, 30_000, "medical", false),
            entry(9, Expense, 40_000, "direct_aid", true),
        ]
    }

    #[test]
    fn the_figures_of_a_trail() {
        let f = ReportFigures::of(&trail());
        assert_eq!(
            f,
            ReportFigures {
                raised: 300_000,
                reversed: 500_000,
                spent: 150_000,
                spent_by_category: vec![
                    (ExpenseCategory::Medical, 130_000),
                    (ExpenseCategory::Transport, 20_000),
                ],
                in_kind_estimate: 90_000,
                remainder: 150_000,
                donations: 3,
            }
        );
        assert_eq!(ReportFigures::of(&[]), ReportFigures::default());
        // The same as the totals the public page shows.
        let t = MoneyTotals::of(&trail());
        assert_eq!((f.raised, f.remainder), (t.net_raised(), t.remainder()));
        assert_eq!(
            f.spent,
            f.spent_by_category.iter().map(|(_, a)| a).sum::<i64>()
        );
        let _ = Channel::Card;
    }

    #[test]
    fn figures_are_proven_only_when_every_entry_is_in_the_checkpoint() {
        let t = trail();
        let leaves = || t.iter().enumerate().map(|(i, e)| (i as u64 * 3, e));
        let last = (t.len() as u64 - 1) * 3;
        assert_eq!(
            ReportFigures::proven(leaves(), last + 1),
            Ok(ReportFigures::of(&t))
        );
        assert_eq!(
            ReportFigures::proven(leaves(), last),
            Err(REPORT_ENTRIES_PENDING)
        );
        assert_eq!(
            ReportFigures::proven(std::iter::empty(), 0),
            Ok(ReportFigures::default())
        );
    }

    #[test]
    fn reports_as_typed() {
        let v = ReportInput {
            remainder_use: " moved_to_collection ".into(),
            remainder_text: "Қалдық «Жылы үй» жинауына\r\nаударылды.".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(v.remainder_use, RemainderUse::MovedToCollection);
        assert_eq!(v.remainder_text, "Қалдық «Жылы үй» жинауына\nаударылды.");
        let codes = |i: ReportInput| -> Vec<(&str, &str)> {
            i.parse()
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|(f, e)| (f, e.code()))
                .collect()
        };
        assert_eq!(
            codes(ReportInput::default()),
            vec![
                ("remainder_use", "required"),
                ("remainder_text", "required")
            ]
        );
        assert_eq!(
            codes(ReportInput {
                remainder_use: "burned".into(),
                remainder_text: "x".repeat(MAX_REPORT_CHARS + 1),
            }),
            vec![
                ("remainder_use", "choice_unknown"),
                ("remainder_text", "too_long")
            ]
        );
        for u in RemainderUse::ALL {
            assert_eq!(RemainderUse::from_code(u.code()), Some(u));
        }
    }

    #[test]
    fn reminders_seven_days_before_the_deadline_and_after_it() {
        let end = d(2026, 5, 31);
        let due = report_due(end);
        assert_eq!(due, d(2026, 6, 30));
        let on =
            |r: ReportReminder, today: NaiveDate| r.applies(CollectionStatus::Closed, end, today);
        assert!(!on(ReportReminder::DueSoon, d(2026, 6, 22)));
        assert!(
            on(ReportReminder::DueSoon, d(2026, 6, 23)),
            "seven days before"
        );
        assert!(on(ReportReminder::DueSoon, d(2026, 6, 30)), "the due day");
        assert!(!on(ReportReminder::DueSoon, d(2026, 7, 1)));
        assert!(!on(ReportReminder::Overdue, d(2026, 6, 30)));
        assert!(on(ReportReminder::Overdue, d(2026, 7, 1)));
        assert!(on(ReportReminder::Overdue, d(2027, 7, 1)));
        // Overdue exactly when the collection page says so, for every status.
        for s in CollectionStatus::ALL {
            for today in [d(2026, 6, 30), d(2026, 7, 1), d(2026, 9, 1)] {
                assert_eq!(
                    ReportReminder::Overdue.applies(s, end, today),
                    report_overdue(s, end, today),
                    "{s} {today}"
                );
            }
            assert_eq!(
                ReportReminder::DueSoon.applies(s, end, d(2026, 6, 25)),
                OWES_REPORT.contains(&s),
                "{s}"
            );
        }
        // The store's range and the rule agree, day by day.
        let today = d(2026, 7, 10);
        for r in ReportReminder::ALL {
            let (from, to) = r.end_dates(today);
            for back in 0..80 {
                let end = today.checked_sub_days(Days::new(back)).unwrap();
                let in_range = end <= to && from.is_none_or(|f| end >= f);
                assert_eq!(
                    in_range,
                    r.applies(CollectionStatus::Active, end, today),
                    "{r} {end}"
                );
            }
        }
        assert_eq!(
            ReportReminder::Overdue.end_dates(NaiveDate::MIN),
            (None, NaiveDate::MIN)
        );
    }

    #[test]
    fn every_label_and_refusal_is_translated() {
        use crate::invalid::tests::locale_keys;
        let mut wanted = vec![REPORT_ENTRIES_PENDING.code.to_owned()];
        wanted.extend(RemainderUse::ALL.map(|u| format!("remainder_use_{}", u.code())));
        wanted.extend(
            super::super::GoodsCondition::ALL.map(|c| format!("goods_condition_{}", c.code())),
        );
        wanted.extend(super::super::GoodsUnit::ALL.map(|u| format!("goods_unit_{}", u.code())));
        wanted.extend(ReportReminder::ALL.map(|r| format!("mail_collection_{}_subject", r.code())));
        wanted.extend(ReportReminder::ALL.map(|r| format!("mail_collection_{}_body", r.code())));
        for lang in ["kk", "ru", "en"] {
            let keys = locale_keys(lang);
            for k in &wanted {
                assert!(keys.contains(k), "{lang}: {k}");
            }
        }
    }
}
