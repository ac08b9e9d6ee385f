//! A collection as pages and the API show it: its fields, its purpose in the reader's
//! language (another when that one is missing), its status in words, its counters and
//! whether its closing report is overdue.

use chrono::{DateTime, NaiveDate, Utc};
use domain::Lang;
use domain::charity::{labels, report_due, report_overdue};
use serde::Serialize;
use store::charity::Collection;
use uuid::Uuid;

/// A collection, shown.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CollectionView {
    /// Key.
    pub id: Uuid,
    /// The organization collecting.
    pub organization_id: Uuid,
    /// Its region.
    pub region: String,
    /// `draft`, `submitted`, `registered`, `active`, `closed`, `reported`, `rejected`, `suspended`.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    /// The purpose in the reader's language (or another).
    pub purpose: String,
    /// Purpose in Kazakh.
    pub purpose_kk: Option<String>,
    /// Purpose in Russian.
    pub purpose_ru: Option<String>,
    /// Purpose in English.
    pub purpose_en: Option<String>,
    /// Beneficiary category code.
    pub beneficiary: String,
    /// Target, tiyn.
    pub target_tiyn: i64,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// The account donations go to.
    pub iban: String,
    /// Its bank.
    pub bank: String,
    /// The holder's BIN.
    pub holder_bin: String,
    /// The front-office's registration or notification number.
    pub registration_number: Option<String>,
    /// Why rejected or suspended.
    pub status_reason: Option<String>,
    /// Money raised less refunds, tiyn (as recorded; the proven figures come with a checkpoint).
    pub raised_tiyn: i64,
    /// Money spent, tiyn.
    pub spent_tiyn: i64,
    /// Raised less spent, tiyn.
    pub remainder_tiyn: i64,
    /// Donations recorded.
    pub donations: i64,
    /// The closing report.
    pub report: Option<String>,
    /// When it was published.
    pub reported_at: Option<DateTime<Utc>>,
    /// The closing report is due on.
    pub report_due: NaiveDate,
    /// The closing report is overdue.
    pub report_overdue: bool,
    /// What donors write in the purpose of a bank transfer for the statement import to
    /// find this collection (`ERK-7QK2M9`).
    pub transfer_reference: String,
}

impl CollectionView {
    /// The view of `c` for a reader of `lang`.
    pub fn of(lang: Lang, c: &Collection) -> CollectionView {
        let by_lang = match lang {
            Lang::Kk => [&c.purpose_kk, &c.purpose_ru, &c.purpose_en],
            Lang::Ru => [&c.purpose_ru, &c.purpose_kk, &c.purpose_en],
            Lang::En => [&c.purpose_en, &c.purpose_ru, &c.purpose_kk],
        };
        let purpose = by_lang
            .into_iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_default();
        CollectionView {
            id: c.id,
            organization_id: c.organization_id,
            region: c.region_code.clone(),
            status: c.status.code().to_owned(),
            status_label: crate::i18n::t(
                lang,
                &format!("{}{}", labels::COLLECTION_STATUS, c.status.code()),
            ),
            purpose,
            purpose_kk: c.purpose_kk.clone(),
            purpose_ru: c.purpose_ru.clone(),
            purpose_en: c.purpose_en.clone(),
            beneficiary: c.beneficiary_category.code().to_owned(),
            target_tiyn: c.target_tiyn,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            iban: c.iban.clone(),
            bank: c.bank.clone(),
            holder_bin: c.holder_bin.clone(),
            registration_number: c.registration_number.clone(),
            status_reason: c.status_reason.clone(),
            raised_tiyn: c.raised_tiyn,
            spent_tiyn: c.spent_tiyn,
            remainder_tiyn: c.remainder(),
            donations: c.donations,
            report: c.report.clone(),
            reported_at: c.reported_at,
            report_due: report_due(c.ends_on),
            report_overdue: report_overdue(c.status, c.ends_on, crate::today()),
            transfer_reference: domain::charity::statement::transfer_reference(c.id),
        }
    }
}
