//! The figures of charitable activity over a period, folded from the money trail: what an
//! organization's annual charity report states (received by channel, in kind, spent by
//! category, the balance carried in and out), and what the front-offices and the ministry
//! add up by region and by month.
//!
//! The store sums the trail's entries by kind, channel or category, goods or money, and
//! whether they fall before the period (the balance carried in) or inside it ([`Sum`]);
//! [`Figures::fold`] turns those sums into the report. A reversal carries the day of the
//! gift it takes back: a refund in March of a January gift lowers January.

use serde::Serialize;

use super::{Channel, ExpenseCategory, MoneyKind};

/// One sum of money entries as the store groups them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    /// Donation, expense or reversal.
    pub kind: MoneyKind,
    /// The channel code (donations and reversals) or the expense category code.
    pub code: String,
    /// Goods in kind (by value) rather than money.
    pub in_kind: bool,
    /// The entries fall before the period: they make the balance carried in.
    pub before: bool,
    /// The sum of their amounts in tiyn (reversals negative).
    pub amount: i64,
    /// How many entries.
    pub entries: i64,
}

/// Money received through one channel in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ByChannel {
    /// The channel.
    pub channel: Channel,
    /// Tiyn donated through it (before reversals).
    pub amount: i64,
    /// How many donations.
    pub donations: i64,
}

/// Money spent on one category in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ByCategory {
    /// The category.
    pub category: ExpenseCategory,
    /// Tiyn spent on it.
    pub amount: i64,
    /// How many approved expenses.
    pub expenses: i64,
}

/// The figures of a period (tiyn throughout).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Money held at the start: received, less reversed, less spent, before the period.
    pub opening: i64,
    /// Money received in the period by channel, in [`Channel::ALL`] order, channels with
    /// nothing left out.
    pub received: Vec<ByChannel>,
    /// Money given back in the period (refunds, chargebacks).
    pub reversed: i64,
    /// Money spent in the period by category, in [`ExpenseCategory::ALL`] order, categories
    /// with nothing left out.
    pub spent: Vec<ByCategory>,
    /// Estimated value of goods received in kind in the period, less those given back.
    pub in_kind_received: i64,
    /// Value of goods handed out in kind in the period.
    pub in_kind_given: i64,
}

impl Figures {
    /// Folds the store's sums. Sums with a code the enums do not know count in the
    /// balance and under "other", so nothing recorded drops out of the totals.
    pub fn fold(sums: impl IntoIterator<Item = Sum>) -> Figures {
        let mut f = Figures::default();
        let mut received = [(0i64, 0i64); Channel::ALL.len()];
        let mut spent = [(0i64, 0i64); ExpenseCategory::ALL.len()];
        for s in sums {
            if s.before {
                if !s.in_kind {
                    // Reversals are stored negative: donations and reversals simply add up.
                    let signed = match s.kind {
                        MoneyKind::Expense => -s.amount,
                        MoneyKind::Donation | MoneyKind::Reversal => s.amount,
                    };
                    f.opening = f.opening.saturating_add(signed);
                }
                continue;
            }
            let magnitude = i64::try_from(s.amount.unsigned_abs()).unwrap_or(i64::MAX);
            match (s.kind, s.in_kind) {
                (MoneyKind::Donation, false) => {
                    let c = Channel::from_code(&s.code).unwrap_or(Channel::Other);
                    let slot = &mut received[index_of(&Channel::ALL, c)];
                    slot.0 = slot.0.saturating_add(magnitude);
                    slot.1 += s.entries;
                }
                (MoneyKind::Reversal, false) => f.reversed = f.reversed.saturating_add(magnitude),
                (MoneyKind::Expense, false) => {
                    let c = ExpenseCategory::from_code(&s.code).unwrap_or(ExpenseCategory::Other);
                    let slot = &mut spent[index_of(&ExpenseCategory::ALL, c)];
                    slot.0 = slot.0.saturating_add(magnitude);
                    slot.1 += s.entries;
                }
                (MoneyKind::Donation, true) => {
                    f.in_kind_received = f.in_kind_received.saturating_add(magnitude);
                }
                (MoneyKind::Reversal, true) => {
                    f.in_kind_received = f.in_kind_received.saturating_sub(magnitude);
                }
                (MoneyKind::Expense, true) => {
                    f.in_kind_given = f.in_kind_given.saturating_add(magnitude);
                }
            }
        }
        f.received = Channel::ALL
            .iter()
            .zip(received)
            .filter(|(_, (amount, n))| *amount != 0 || *n != 0)
            .map(|(&channel, (amount, donations))| ByChannel {
                channel,
                amount,
                donations,
            })
            .collect();
        f.spent = ExpenseCategory::ALL
            .iter()
            .zip(spent)
            .filter(|(_, (amount, n))| *amount != 0 || *n != 0)
            .map(|(&category, (amount, expenses))| ByCategory {
                category,
                amount,
                expenses,
            })
            .collect();
        f
    }

    /// Money received in the period, all channels, before reversals.
    pub fn received_total(&self) -> i64 {
        self.received
            .iter()
            .fold(0i64, |a, c| a.saturating_add(c.amount))
    }

    /// Donations received in the period, all channels.
    pub fn donations(&self) -> i64 {
        self.received.iter().map(|c| c.donations).sum()
    }

    /// Money spent in the period, all categories.
    pub fn spent_total(&self) -> i64 {
        self.spent
            .iter()
            .fold(0i64, |a, c| a.saturating_add(c.amount))
    }

    /// Money held at the end: the opening balance, plus received, less reversed, less
    /// spent.
    pub fn closing(&self) -> i64 {
        self.opening
            .saturating_add(self.received_total())
            .saturating_sub(self.reversed)
            .saturating_sub(self.spent_total())
    }

    /// Whether nothing at all was recorded, before or in the period.
    pub fn is_empty(&self) -> bool {
        *self == Figures::default()
    }
}

fn index_of<T: PartialEq>(all: &[T], v: T) -> usize {
    all.iter().position(|x| *x == v).unwrap_or(all.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(kind: MoneyKind, code: &str, in_kind: bool, before: bool, amount: i64) -> Sum {
        Sum {
            kind,
            code: code.into(),
            in_kind,
            before,
            amount,
            entries: 1,
        }
    }

    #[test]
    fn a_year_of_a_collection_adds_up() {
        use MoneyKind::*;
        let f = Figures::fold([
            // Carried in: 1,000 ₸ given, 200 ₸ refunded, 300 ₸ spent → 500 ₸.
            sum(Donation, "card", false, true, 100_000),
            sum(Reversal, "card", false, true, -20_000),
            sum(Expense, "food", false, true, 30_000),
            // Goods before the period do not make money.
            sum(Donation, "other", true, true, 999_999),
            // The period.
            sum(Donation, "bank_transfer", false, false, 500_000),
            sum(Donation, "card", false, false, 70_000),
            sum(Donation, "card", false, false, 30_000),
            sum(Reversal, "card", false, false, -30_000),
            sum(Expense, "medical", false, false, 250_000),
            sum(Expense, "bank_fees", false, false, 1_500),
            sum(Donation, "other", true, false, 40_000),
            sum(Reversal, "other", true, false, -10_000),
            sum(Expense, "direct_aid", true, false, 25_000),
        ]);
        assert_eq!(f.opening, 50_000);
        assert_eq!(
            f.received,
            vec![
                ByChannel {
                    channel: Channel::BankTransfer,
                    amount: 500_000,
                    donations: 1
                },
                ByChannel {
                    channel: Channel::Card,
                    amount: 100_000,
                    donations: 2
                },
            ]
        );
        assert_eq!(f.received_total(), 600_000);
        assert_eq!(f.donations(), 3);
        assert_eq!(f.reversed, 30_000);
        // Categories in their fixed order, whatever order the sums came in.
        assert_eq!(
            f.spent.iter().map(|c| c.category).collect::<Vec<_>>(),
            [ExpenseCategory::Medical, ExpenseCategory::BankFees]
        );
        assert_eq!(f.spent_total(), 251_500);
        assert_eq!(f.in_kind_received, 30_000);
        assert_eq!(f.in_kind_given, 25_000);
        assert_eq!(f.closing(), 50_000 + 600_000 - 30_000 - 251_500);
        assert!(!f.is_empty());
        assert!(Figures::fold([]).is_empty());
        assert_eq!(Figures::fold([]).closing(), 0);
    }

    #[test]
    fn unknown_codes_count_under_other() {
        let f = Figures::fold([
            sum(MoneyKind::Donation, "telegraph", false, false, 5),
            sum(MoneyKind::Expense, "bribes", false, false, 3),
        ]);
        assert_eq!(f.received[0].channel, Channel::Other);
        assert_eq!(f.spent[0].category, ExpenseCategory::Other);
        assert_eq!(f.closing(), 2);
    }
}
