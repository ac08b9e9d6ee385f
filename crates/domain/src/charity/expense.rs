//! A collection's expenses: recorded by one coordinator with a receipt, approved by another
//! (four eyes), never more than the collection holds.

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::{ExpenseCategory, Tiyn};
use crate::Invalid;
use crate::dates::parse_date;
use crate::org::{Transition, reason};
use crate::text::required_multiline_text;
use crate::values::codes;

codes! {
    /// Where an expense stands.
    pub enum ExpenseStatus {
        /// Recorded, waiting for a second person's approval.
        Pending = "pending",
        /// Approved: it enters the money trail.
        Approved = "approved",
        /// Refused, with a reason.
        Rejected = "rejected",
    }
}

/// The one who recorded an expense cannot approve it: a second person must.
pub const EXPENSE_FOUR_EYES: Transition = Transition::new("expense_four_eyes");
/// The expense is more than the collection holds.
pub const EXPENSE_OVER_BALANCE: Transition = Transition::new("expense_over_balance");

/// Longest description of an expense, in characters.
pub const MAX_EXPENSE_DESCRIPTION_CHARS: usize = 2000;

impl ExpenseStatus {
    /// Whether an expense in this status may still be decided (approved or rejected): only
    /// a pending one, else [`Transition::ALREADY_DECIDED`].
    pub fn decide(self) -> Result<(), Transition> {
        match self {
            ExpenseStatus::Pending => Ok(()),
            ExpenseStatus::Approved | ExpenseStatus::Rejected => Err(Transition::ALREADY_DECIDED),
        }
    }
}

/// Whether `approver` may approve an expense of `amount` tiyn recorded by `submitted_by`
/// against a collection holding `balance` tiyn (its [`MoneyTotals::remainder`] before this
/// expense). Refusals: [`EXPENSE_FOUR_EYES`] when the approver recorded it herself,
/// [`EXPENSE_OVER_BALANCE`] when `amount` is above `balance`.
///
/// Check the status with [`ExpenseStatus::decide`] too; the store holds the balance to the
/// approval in the same transaction.
///
/// [`MoneyTotals::remainder`]: super::MoneyTotals::remainder
pub fn approve(
    submitted_by: Uuid,
    approver: Uuid,
    balance: i64,
    amount: i64,
) -> Result<(), Transition> {
    if submitted_by == approver {
        return Err(EXPENSE_FOUR_EYES);
    }
    if amount > balance {
        return Err(EXPENSE_OVER_BALANCE);
    }
    Ok(())
}

/// Why an expense is rejected: required ([`Invalid::ReasonRequired`]), at most 2000
/// characters, line breaks allowed. Anyone who may decide may reject, also the one who
/// recorded it (taking it back).
pub fn rejection_reason(s: &str) -> Result<String, Invalid> {
    reason(s)
}

/// An expense as typed in a form or sent as JSON: every field a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ExpenseInput {
    /// [`ExpenseCategory`] code.
    pub category: String,
    /// Amount in tenge, as typed.
    pub amount: String,
    /// What was paid for, and to whom.
    pub description: String,
    /// The day of the payment, `YYYY-MM-DD`.
    pub spent_on: String,
    /// Goods handed out in kind rather than money paid (`true`, `on`, `1`; default no).
    pub in_kind: String,
}

/// A checked expense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidExpense {
    /// What it paid for.
    pub category: ExpenseCategory,
    /// How much.
    pub amount: Tiyn,
    /// What was paid for, and to whom (trimmed, line breaks kept).
    pub description: String,
    /// The day of the payment (not after today).
    pub spent_on: NaiveDate,
    /// Goods handed out in kind.
    pub in_kind: bool,
}

impl ExpenseInput {
    /// Checks an expense. Errors are `(field, reason)` with the [`ExpenseInput`] field names:
    /// the category is required, the amount read by [`Tiyn::parse_kzt`], the description
    /// required (at most 2000 characters), the day not after `today`
    /// ([`Invalid::DateInFuture`]).
    pub fn parse(&self, today: NaiveDate) -> Result<ValidExpense, Vec<(&'static str, Invalid)>> {
        let mut errs = Vec::new();
        let category = ExpenseCategory::parse(&self.category)
            .map_err(|e| errs.push(("category", e)))
            .ok();
        let amount = Tiyn::parse_kzt(&self.amount)
            .map_err(|e| errs.push(("amount", e)))
            .ok();
        let description = required_multiline_text(&self.description, MAX_EXPENSE_DESCRIPTION_CHARS)
            .map_err(|e| errs.push(("description", e)))
            .ok();
        let spent_on = parse_date(&self.spent_on)
            .and_then(|d| {
                if d > today {
                    Err(Invalid::DateInFuture)
                } else {
                    Ok(d)
                }
            })
            .map_err(|e| errs.push(("spent_on", e)))
            .ok();
        let in_kind = match self.in_kind.trim().to_ascii_lowercase().as_str() {
            "" | "false" | "off" | "0" | "no" => Some(false),
            "true" | "on" | "1" | "yes" => Some(true),
            _ => {
                errs.push(("in_kind", Invalid::ChoiceUnknown));
                None
            }
        };
        match (category, amount, description, spent_on, in_kind) {
            (Some(category), Some(amount), Some(description), Some(spent_on), Some(in_kind))
                if errs.is_empty() =>
            {
                Ok(ValidExpense {
                    category,
                    amount,
                    description,
                    spent_on,
                    in_kind,
                })
            }
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_eyes_and_the_balance() {
        let (ali, dana) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(approve(ali, dana, 10_000, 10_000), Ok(()));
        assert_eq!(approve(ali, dana, 10_000, 1), Ok(()));
        assert_eq!(approve(ali, ali, 10_000, 1), Err(EXPENSE_FOUR_EYES));
        assert_eq!(
            approve(ali, dana, 10_000, 10_001),
            Err(EXPENSE_OVER_BALANCE)
        );
        assert_eq!(approve(ali, dana, 0, 1), Err(EXPENSE_OVER_BALANCE));
        assert_eq!(approve(ali, dana, -5, 1), Err(EXPENSE_OVER_BALANCE));
        // Four eyes is said first: the balance is no business of the one who recorded it.
        assert_eq!(approve(ali, ali, 0, 1), Err(EXPENSE_FOUR_EYES));
        assert_eq!(EXPENSE_FOUR_EYES.code, "expense_four_eyes");
        assert_eq!(EXPENSE_OVER_BALANCE.code, "expense_over_balance");
    }

    #[test]
    fn only_a_pending_expense_is_decided() {
        assert_eq!(ExpenseStatus::Pending.decide(), Ok(()));
        assert_eq!(
            ExpenseStatus::Approved.decide(),
            Err(Transition::ALREADY_DECIDED)
        );
        assert_eq!(
            ExpenseStatus::Rejected.decide(),
            Err(Transition::ALREADY_DECIDED)
        );
        assert_eq!(rejection_reason("  "), Err(Invalid::ReasonRequired));
        assert_eq!(rejection_reason(" Чек жоқ "), Ok("Чек жоқ".to_owned()));
        for s in ExpenseStatus::ALL {
            assert_eq!(ExpenseStatus::from_code(s.code()), Some(s));
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn expenses_as_typed() {
        let i = ExpenseInput {
            category: "medical".into(),
            amount: "45 000,50".into(),
            description: "Дәрі-дәрмек, «Europharma» дәріханасы".into(),
            spent_on: "2026-06-01".into(),
            in_kind: "on".into(),
        };
        let v = i.parse(today()).unwrap();
        assert_eq!(v.category, ExpenseCategory::Medical);
        assert_eq!(v.amount.get(), 4_500_050);
        assert_eq!(v.spent_on, today());
        assert!(v.in_kind);
        let v = ExpenseInput {
            in_kind: String::new(),
            ..i.clone()
        }
        .parse(today())
        .unwrap();
        assert!(!v.in_kind);
        let codes = |i: &ExpenseInput| -> Vec<(&str, &str)> {
            i.parse(today())
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|(f, e)| (f, e.code()))
                .collect()
        };
        assert_eq!(
            codes(&ExpenseInput::default()),
            vec![
                ("category", "required"),
                ("amount", "required"),
                ("description", "required"),
                ("spent_on", "required"),
            ]
        );
        let bad = ExpenseInput {
            category: "bribes".into(),
            amount: "-100".into(),
            description: "d".repeat(MAX_EXPENSE_DESCRIPTION_CHARS + 1),
            spent_on: "2026-06-02".into(),
            in_kind: "maybe".into(),
        };
        assert_eq!(
            codes(&bad),
            vec![
                ("category", "choice_unknown"),
                ("amount", "amount_not_positive"),
                ("description", "too_long"),
                ("spent_on", "date_in_future"),
                ("in_kind", "choice_unknown"),
            ]
        );
    }
}
