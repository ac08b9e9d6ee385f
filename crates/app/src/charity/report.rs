//! The closing report of a collection: the organization publishes it when the collection is
//! closed, saying what happens to the remainder; its figures are computed from the money
//! trail at the latest signed checkpoint and kept with it. The scheduler reminds the
//! organization's owner and treasurers a week before it is due and when it is overdue.

use chrono::{DateTime, Utc};
use domain::charity::{
    COLLECTION_FORBIDDEN, CollectionStep, OWES_REPORT, ReportFigures, ReportInput, ReportReminder,
    Steward, labels, report_due,
};
use domain::{Action, Lang};
use serde::{Deserialize, Serialize};
use store::charity::{self as store_charity, NewReport};
use uuid::Uuid;

use super::{region_resource, resource, visible};
use crate::auth::SignedIn;
use crate::i18n::{self, Arg};
use crate::organizations::may;
use crate::{App, Errors, OpError};

/// The closing report as the organization writes it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReportForm {
    /// `returned_to_donors`, `moved_to_collection` or `kept_for_purpose`.
    #[schema(pattern = r"^(returned_to_donors|moved_to_collection|kept_for_purpose)$")]
    pub remainder_use: String,
    /// What happens to the remainder, in words (required, at most 4000 characters).
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі0-9 ,.()«»-]{1,4000}$"
    )]
    pub remainder_text: String,
}

/// Publishes the closing report of a closed collection (its owner or coordinators):
/// `closed → reported`, with the figures of its money trail at the latest checkpoint.
/// Refusals: invalid fields (422), `collection_forbidden` for the front-office,
/// `collection_not_allowed` when not closed, `report_entries_pending` when some of its
/// money entries are not in a signed checkpoint yet, `collection_changed` (409).
pub async fn publish(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    id: Uuid,
    form: &ReportForm,
) -> Result<(), OpError> {
    let c = visible(state, Some(me), id).await?;
    if !may(Some(me), Action::ManageCollections, &resource(&c)) {
        return Err(
            if may(Some(me), Action::RegisterCollections, &region_resource(&c)) {
                COLLECTION_FORBIDDEN.into()
            } else {
                OpError::Forbidden("forbidden")
            },
        );
    }
    let input = ReportInput {
        remainder_use: form.remainder_use.clone(),
        remainder_text: form.remainder_text.clone(),
    };
    let valid = match input.parse() {
        Ok(v) => v,
        Err(list) => {
            let mut errors = Errors::new(lang);
            for (field, e) in list {
                errors.invalid(field, &e);
            }
            return Err(OpError::Invalid(errors));
        }
    };
    c.status
        .step(&CollectionStep::Report, Steward::Organization)?;
    let latest = store::ledger::log::latest(&state.db).await?;
    let size = latest.as_ref().map_or(0, |k| k.size);
    let trail = store_charity::trail(&state.db, c.id, None).await?;
    let figures = ReportFigures::proven(trail.iter().map(|m| (m.leaf_index, &m.entry)), size)?;
    store_charity::publish_report(
        &state.db,
        c.id,
        &NewReport {
            remainder_use: valid.remainder_use,
            remainder_text: &valid.remainder_text,
            figures: &figures,
            checkpoint_size: size,
            checkpoint_at: latest.map(|k| k.created_at),
            by: me.user.id,
        },
    )
    .await?;
    Ok(())
}

/// Money spent on one category, as the report states it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SpentOn {
    /// The expense category's code.
    pub category: String,
    /// In words.
    pub label: String,
    /// Tiyn.
    pub amount_tiyn: i64,
}

/// A published closing report, as anyone sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    /// `returned_to_donors`, `moved_to_collection` or `kept_for_purpose`.
    pub remainder_use: String,
    /// The choice in words.
    pub remainder_use_label: String,
    /// What happens to the remainder, in words.
    pub remainder_text: String,
    /// Money raised, less refunds, tiyn.
    pub raised_tiyn: i64,
    /// Money refunded, tiyn.
    pub reversed_tiyn: i64,
    /// Money spent, tiyn.
    pub spent_tiyn: i64,
    /// Money spent by category.
    pub spent_by_category: Vec<SpentOn>,
    /// The estimated value of gifts in kind, tiyn (an estimate, not money).
    pub in_kind_estimate_tiyn: i64,
    /// Money left, tiyn.
    pub remainder_tiyn: i64,
    /// Donations standing (money and in kind).
    pub donations: i64,
    /// The size of the checkpoint's tree the figures were computed in.
    pub checkpoint_size: u64,
    /// When that checkpoint was signed.
    pub checkpoint_at: Option<DateTime<Utc>>,
    /// When the report was published.
    pub published_at: DateTime<Utc>,
}

/// The closing report of a collection the caller may see, in `lang`; none before it is
/// published.
pub async fn report(
    state: &App,
    me: Option<&SignedIn>,
    lang: Lang,
    id: Uuid,
) -> Result<Option<ReportView>, OpError> {
    let c = visible(state, me, id).await?;
    let Some(r) = store_charity::report(&state.db, c.id).await? else {
        return Ok(None);
    };
    let f = r.figures;
    Ok(Some(ReportView {
        remainder_use: r.remainder_use.code().to_owned(),
        remainder_use_label: i18n::t(
            lang,
            &format!("{}{}", labels::REMAINDER_USE, r.remainder_use.code()),
        ),
        remainder_text: r.remainder_text,
        raised_tiyn: f.raised,
        reversed_tiyn: f.reversed,
        spent_tiyn: f.spent,
        spent_by_category: f
            .spent_by_category
            .iter()
            .map(|(category, amount)| SpentOn {
                category: category.code().to_owned(),
                label: i18n::t(
                    lang,
                    &format!("{}{}", labels::EXPENSE_CATEGORY, category.code()),
                ),
                amount_tiyn: *amount,
            })
            .collect(),
        in_kind_estimate_tiyn: f.in_kind_estimate,
        remainder_tiyn: f.remainder,
        donations: f.donations,
        checkpoint_size: r.checkpoint_size,
        checkpoint_at: r.checkpoint_at,
        published_at: r.published_at,
    }))
}

/// Sends the closing reports' reminders due today: to the owner and treasurers of each
/// collection whose report is due within a week, and of each whose report is overdue, in
/// their language. Each reminder is taken in the store before it is sent, so none goes
/// twice, even when two passes run at once. The number of collections reminded.
pub async fn remind(state: &App) -> Result<usize, store::Error> {
    let today = crate::today();
    let base = state.settings.public_url.trim_end_matches('/').to_owned();
    let mut reminded = 0;
    for kind in ReportReminder::ALL {
        let due = store_charity::take_report_reminders(
            &state.db,
            kind,
            &OWES_REPORT,
            kind.end_dates(today),
        )
        .await?;
        let stem = format!("collection_{}", kind.code());
        for c in &due {
            for m in store_charity::money_contacts(&state.db, c.organization_id).await? {
                let lang = Lang::parse(&m.preferred_lang).unwrap_or_default();
                let args = [
                    ("name", Arg::Str(m.display_name.clone())),
                    (
                        "purpose",
                        Arg::Str(super::view::CollectionView::of(lang, c).purpose),
                    ),
                    (
                        "due",
                        Arg::Str(domain::format_date(report_due(c.ends_on), lang)),
                    ),
                    (
                        "link",
                        Arg::Str(format!("{base}/collections/{}/manage", c.id)),
                    ),
                ];
                if let Err(e) = crate::mail::send_with(state, &m.email, lang, &stem, &args).await {
                    tracing::warn!(error = %e, "queueing a report reminder failed");
                }
            }
        }
        reminded += due.len();
    }
    Ok(reminded)
}
