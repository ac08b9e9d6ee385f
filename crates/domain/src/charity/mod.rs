//! Charitable collections: an organization collects money (or goods) for a stated purpose
//! into its own bank account, the front-office registers and oversees the collection, and
//! every tenge in and out is on a public money trail.
//!
//! Lifecycle: `draft → submitted → registered → active → closed → reported`, with
//! `rejected` (the organization withdraws it to `draft`, edits and resubmits) and
//! `suspended` (the front-office stops an active collection and may resume it); each step
//! names who may take it ([`Steward`]). The closing report is due [`REPORT_DUE_DAYS`] days
//! after the end ([`report_due`], [`report_overdue`]).
//!
//! The parts: amounts in tiyn ([`Tiyn`], [`format_kzt`]), the account ([`Iban`], never a
//! card), the collection as typed ([`CollectionInput`]) and its lifecycle
//! ([`CollectionStatus::step`]), expenses approved by a second person ([`approve`]) with a
//! receipt ([`ReceiptKind::sniff`]), the money trail without personal data ([`MoneyEntry`],
//! [`MoneyTotals`]) and the payment providers' notifications: one interface
//! ([`provider`]), erikti's documented generic format ([`webhook`]) and Halyk Bank ePay's
//! ([`halyk`]).
//! Every item is used as `domain::charity::X`; the files are private, but [`webhook`],
//! [`provider`] and [`halyk`], whose documentation describes the formats, are public.
//! So is [`statement`], the bank statement import: a statement of the organization's
//! account read in either encoding, and each transfer in matched to its collection.

mod collection;
mod entry;
mod expense;
mod figures;
pub mod halyk;
mod iban;
mod in_kind;
mod kinds;
mod money;
pub mod provider;
mod receipt;
mod report;
pub mod statement;
pub mod webhook;

pub use collection::{
    COLLECTION_FORBIDDEN, COLLECTION_NOT_ALLOWED, CollectionInput, CollectionStatus,
    CollectionStep, MAX_BANK_NAME_CHARS, MAX_PURPOSE_CHARS, MAX_REGISTRATION_NUMBER_CHARS,
    REPORT_DUE_DAYS, Reason, RegistrationNumber, Steward, ValidCollection, report_due,
    report_overdue,
};
pub use entry::{MoneyEntry, MoneyKind, MoneyTotals};
pub use expense::{
    EXPENSE_FOUR_EYES, EXPENSE_OVER_BALANCE, ExpenseInput, ExpenseStatus,
    MAX_EXPENSE_DESCRIPTION_CHARS, ValidExpense, approve, rejection_reason,
};
pub use figures::{ByCategory, ByChannel, Figures, Sum};
pub use iban::{IBAN_LEN, Iban, iban_with_check_digits, is_card_number};
pub use in_kind::{
    GIFT_PHOTO_MAX_BYTES, GIFT_UPLOAD_MAX_BYTES, GoodsCondition, GoodsUnit, HANDOVER_ACT_MAX_BYTES,
    InKindInput, MAX_GIFT_PHOTOS, MAX_ITEMS_CHARS, MAX_QUANTITY, Quantity, ValidInKind,
    sniff_gift_photo,
};
pub use kinds::{BeneficiaryCategory, Channel, ExpenseCategory};
pub use money::{MAX_KZT, MAX_TIYN, TIYN_PER_KZT, Tiyn, format_kzt};
pub use receipt::{RECEIPT_MAX_BYTES, ReceiptKind};
pub use report::{
    MAX_REPORT_CHARS, OWES_REPORT, REPORT_ENTRIES_PENDING, REPORT_REMINDER_DAYS, RemainderUse,
    ReportFigures, ReportInput, ReportReminder, ValidReport,
};
pub use webhook::{Donor, Notification};

/// The Fluent message id of each value's label, by prefix: `collection_status_active`,
/// `beneficiary_children`, `expense_category_medical`, `channel_card`,
/// `expense_status_pending`, `money_kind_donation`.
pub mod labels {
    /// Prefix of [`CollectionStatus`](super::CollectionStatus) labels.
    pub const COLLECTION_STATUS: &str = "collection_status_";
    /// Prefix of [`BeneficiaryCategory`](super::BeneficiaryCategory) labels.
    pub const BENEFICIARY: &str = "beneficiary_";
    /// Prefix of [`ExpenseCategory`](super::ExpenseCategory) labels.
    pub const EXPENSE_CATEGORY: &str = "expense_category_";
    /// Prefix of [`Channel`](super::Channel) labels.
    pub const CHANNEL: &str = "channel_";
    /// Prefix of [`ExpenseStatus`](super::ExpenseStatus) labels.
    pub const EXPENSE_STATUS: &str = "expense_status_";
    /// Prefix of [`MoneyKind`](super::MoneyKind) labels.
    pub const MONEY_KIND: &str = "money_kind_";
    /// Prefix of [`GoodsCondition`](super::GoodsCondition) labels.
    pub const GOODS_CONDITION: &str = "goods_condition_";
    /// Prefix of [`GoodsUnit`](super::GoodsUnit) labels.
    pub const GOODS_UNIT: &str = "goods_unit_";
    /// Prefix of [`RemainderUse`](super::RemainderUse) labels.
    pub const REMAINDER_USE: &str = "remainder_use_";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invalid::tests::locale_keys;

    #[test]
    fn every_refusal_and_label_is_translated() {
        let mut wanted: Vec<String> = [
            COLLECTION_NOT_ALLOWED,
            COLLECTION_FORBIDDEN,
            EXPENSE_FOUR_EYES,
            EXPENSE_OVER_BALANCE,
        ]
        .iter()
        .map(|t| t.code.to_owned())
        .collect();
        let label = |prefix: &str, code: &str| format!("{prefix}{code}");
        wanted.extend(CollectionStatus::ALL.map(|v| label(labels::COLLECTION_STATUS, v.code())));
        wanted.extend(BeneficiaryCategory::ALL.map(|v| label(labels::BENEFICIARY, v.code())));
        wanted.extend(ExpenseCategory::ALL.map(|v| label(labels::EXPENSE_CATEGORY, v.code())));
        wanted.extend(Channel::ALL.map(|v| label(labels::CHANNEL, v.code())));
        wanted.extend(ExpenseStatus::ALL.map(|v| label(labels::EXPENSE_STATUS, v.code())));
        wanted.extend(MoneyKind::ALL.map(|v| label(labels::MONEY_KIND, v.code())));
        let en = locale_keys("en");
        for lang in ["kk", "ru", "en"] {
            let keys = locale_keys(lang);
            for k in &wanted {
                assert!(keys.contains(k), "{lang}: {k}");
            }
            // The same keys in every language.
            assert_eq!(keys, en, "{lang}");
        }
    }
}
