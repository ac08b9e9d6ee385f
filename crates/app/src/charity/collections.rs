//! Collections: opened in draft by a verified organization, submitted, registered (or
//! rejected) by the region's front-office, active, closed and reported; suspended and
//! resumed by the front-office. Every step is audited by the store with the change.

use domain::charity::{
    BeneficiaryCategory, CollectionInput, CollectionStatus, CollectionStep, MoneyTotals, Steward,
};
use domain::org::OrgStatus;
use domain::{Action, Lang};
use serde::Deserialize;
use store::charity::{self as store_charity, Collection, CollectionFields, CollectionFilter};
use uuid::Uuid;

use super::{LISTED, for_org, region_resource, resource, visible};
use crate::auth::SignedIn;
use crate::organizations::{allow, load, may};
use crate::{App, Errors, OpError};

/// A donation box as typed: its number and where it stands.
#[derive(Debug, Clone, Default, serde::Serialize, Deserialize, utoipa::ToSchema)]
pub struct BoxInput {
    /// Its number (1, 2, …).
    pub number: i32,
    /// Where it stands (public).
    pub location: String,
}

/// A collection's fields as typed, and its donation boxes.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CollectionForm {
    /// Purpose in Kazakh.
    pub purpose_kk: String,
    /// Purpose in Russian.
    pub purpose_ru: String,
    /// Purpose in English.
    pub purpose_en: String,
    /// Beneficiary category code.
    pub beneficiary: String,
    /// Target in tenge, as typed.
    pub target: String,
    /// First day, YYYY-MM-DD.
    pub start_date: String,
    /// Last day, YYYY-MM-DD.
    pub end_date: String,
    /// IBAN (KZ…), never a card.
    pub iban: String,
    /// The bank.
    pub bank_name: String,
    /// BIN of the account's holder.
    pub holder_bin: String,
    /// Donation boxes.
    pub boxes: Vec<BoxInput>,
}

fn fields(lang: Lang, f: &CollectionForm) -> Result<CollectionFields, OpError> {
    let input = CollectionInput {
        purpose_kk: f.purpose_kk.clone(),
        purpose_ru: f.purpose_ru.clone(),
        purpose_en: f.purpose_en.clone(),
        beneficiary: f.beneficiary.clone(),
        target: f.target.clone(),
        start_date: f.start_date.clone(),
        end_date: f.end_date.clone(),
        iban: f.iban.clone(),
        bank_name: f.bank_name.clone(),
        holder_bin: f.holder_bin.clone(),
    };
    let mut errors = Errors::new(lang);
    let valid = match input.parse() {
        Ok(v) => Some(v),
        Err(list) => {
            for (field, e) in list {
                errors.invalid(field, &e);
            }
            None
        }
    };
    let mut boxes = Vec::with_capacity(f.boxes.len());
    for (i, b) in f.boxes.iter().enumerate() {
        let location = domain::required_text(&b.location, 300);
        match location {
            Ok(l) if b.number > 0 && !boxes.iter().any(|(n, _)| *n == b.number) => {
                boxes.push((b.number, l));
            }
            Ok(_) => errors.code(&format!("boxes[{i}].number"), "box_number_taken"),
            Err(e) => errors.invalid(&format!("boxes[{i}].location"), &e),
        }
    }
    match valid {
        Some(v) if errors.is_empty() => Ok(CollectionFields {
            purpose_kk: v.purpose_kk,
            purpose_ru: v.purpose_ru,
            purpose_en: v.purpose_en,
            beneficiary_category: v.beneficiary,
            target_tiyn: v.target.get(),
            starts_on: v.start_date,
            ends_on: v.end_date,
            iban: v.iban.as_str().to_owned(),
            bank: v.bank_name,
            holder_bin: v.holder_bin.as_str().to_owned(),
            boxes,
        }),
        _ => Err(OpError::Invalid(errors)),
    }
}

/// Opens a collection in draft for an organization the caller manages. Only a verified
/// organization collects (`organization_not_verified`, 409).
pub async fn open(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    org: Uuid,
    form: &CollectionForm,
) -> Result<Uuid, OpError> {
    let o = load(state, org).await?;
    allow(
        Some(me),
        Action::ManageCollections,
        &crate::organizations::resource(&o),
    )?;
    if o.status != OrgStatus::Verified {
        return Err(OpError::Conflict("organization_not_verified"));
    }
    let f = fields(lang, form)?;
    Ok(store_charity::create_collection(&state.db, org, &o.region_code, &f, me.user.id).await?)
}

/// Rewrites a draft (or rejected) collection.
pub async fn edit(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    id: Uuid,
    form: &CollectionForm,
) -> Result<(), OpError> {
    let c = for_org(state, me, id, Action::ManageCollections).await?;
    if !matches!(
        c.status,
        CollectionStatus::Draft | CollectionStatus::Rejected
    ) {
        return Err(OpError::Conflict("collection_not_editable"));
    }
    let f = fields(lang, form)?;
    Ok(store_charity::update_collection(&state.db, id, &f, me.user.id).await?)
}

/// A step of a collection's lifecycle as asked: its code (`submit`, `register`, `reject`,
/// `activate`, `suspend`, `resume`, `close`, `report`, `withdraw`) and what it records.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StepForm {
    /// The step.
    pub step: String,
    /// The registration or notification number (register).
    pub number: String,
    /// Why (reject, suspend).
    pub reason: String,
    /// The closing report: what happens to the remainder, in words (report).
    pub report: String,
    /// The closing report: `returned_to_donors`, `moved_to_collection` or
    /// `kept_for_purpose` (report).
    pub remainder_use: String,
}

/// Takes a step: as the organization (its owner or coordinators) or as the front-office
/// of its region, whichever the caller is and the step allows. Refusals: `forbidden`,
/// `collection_forbidden` (a step of the other side), `collection_not_allowed` (not from
/// this status), `collection_changed` (moved meanwhile), invalid number or reason.
pub async fn step(
    state: &App,
    me: &SignedIn,
    lang: Lang,
    id: Uuid,
    form: &StepForm,
) -> Result<CollectionStatus, OpError> {
    let c = visible(state, Some(me), id).await?;
    let org_side = may(Some(me), Action::ManageCollections, &resource(&c));
    let office_side = may(Some(me), Action::RegisterCollections, &region_resource(&c));
    if !org_side && !office_side {
        return Err(OpError::Forbidden("forbidden"));
    }
    if form.step == "report" {
        let report = super::report::ReportForm {
            remainder_use: form.remainder_use.clone(),
            remainder_text: form.report.clone(),
        };
        super::report::publish(state, me, lang, id, &report).await?;
        return Ok(CollectionStatus::Reported);
    }
    let mut errors = Errors::new(lang);
    let step = match form.step.as_str() {
        "submit" => Some(CollectionStep::Submit),
        "register" => errors.check("number", CollectionStep::register(&form.number)),
        "reject" => errors.check("reason", CollectionStep::reject(&form.reason)),
        "activate" => Some(CollectionStep::Activate),
        "suspend" => errors.check("reason", CollectionStep::suspend(&form.reason)),
        "resume" => Some(CollectionStep::Resume),
        "close" => Some(CollectionStep::Close),
        "report" => Some(CollectionStep::Report),
        "withdraw" => Some(CollectionStep::Withdraw),
        _ => {
            errors.invalid("step", &domain::Invalid::ChoiceUnknown);
            None
        }
    };
    let Some(step) = step.filter(|_| errors.is_empty()) else {
        return Err(OpError::Invalid(errors));
    };
    let by = if org_side && step.allowed_for(Steward::Organization) {
        Steward::Organization
    } else if office_side {
        Steward::FrontOffice
    } else {
        Steward::Organization
    };
    let to = c.status.step(&step, by)?;
    let (number, reason) = match &step {
        CollectionStep::Register { number } => (Some(number.as_str()), None),
        CollectionStep::Reject { reason } | CollectionStep::Suspend { reason } => {
            (None, Some(reason.as_str()))
        }
        _ => (None, None),
    };
    let action = format!("collection.{}", step.code());
    store_charity::step_collection(
        &state.db,
        id,
        &store_charity::Step {
            from: c.status,
            to,
            number,
            reason,
            report: None,
            by: me.user.id,
            action: &action,
        },
    )
    .await?;
    Ok(to)
}

/// What the public directory is filtered by.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct DirectoryQuery {
    /// Region code.
    pub region: String,
    /// Beneficiary category code.
    pub category: String,
    /// Organization id.
    pub organization: String,
    /// Page, from 1.
    pub page: Option<u32>,
}

/// Collections in a page of the directory.
pub const PAGE: i64 = 30;

/// The public directory: active collections first by default (and those registered,
/// closed or reported), filtered by region, category and organization.
pub async fn directory(state: &App, q: &DirectoryQuery) -> Result<Vec<Collection>, OpError> {
    let region = (!q.region.is_empty())
        .then(|| domain::RegionCode::parse(&q.region).map(|r| r.as_str().to_owned()))
        .transpose()
        .map_err(|_| OpError::NotFound)?;
    let category = (!q.category.is_empty())
        .then(|| BeneficiaryCategory::parse(&q.category))
        .transpose()
        .map_err(|_| OpError::NotFound)?;
    let organization = (!q.organization.is_empty())
        .then(|| Uuid::parse_str(&q.organization))
        .transpose()
        .map_err(|_| OpError::NotFound)?;
    let page = i64::from(q.page.unwrap_or(1).clamp(1, 10_000));
    let filter = CollectionFilter {
        statuses: LISTED.to_vec(),
        region,
        category,
        organization,
    };
    Ok(store_charity::collections(&state.db, &filter, PAGE, (page - 1) * PAGE).await?)
}

/// The collections of an organization, every status, for its members.
pub async fn of_organization(
    state: &App,
    me: &SignedIn,
    org: Uuid,
) -> Result<Vec<Collection>, OpError> {
    let o = load(state, org).await?;
    allow(
        Some(me),
        Action::ViewDonors,
        &crate::organizations::resource(&o),
    )?;
    let filter = CollectionFilter {
        organization: Some(org),
        ..CollectionFilter::default()
    };
    Ok(store_charity::collections(&state.db, &filter, 500, 0).await?)
}

/// A region's front-office queue: collections submitted for registration.
pub async fn queue(state: &App, me: &SignedIn, region: &str) -> Result<Vec<Collection>, OpError> {
    let code = domain::RegionCode::parse(region).map_err(|_| OpError::NotFound)?;
    allow(
        Some(me),
        Action::RegisterCollections,
        &domain::Resource::Region(code.clone()),
    )?;
    let filter = CollectionFilter {
        statuses: vec![CollectionStatus::Submitted],
        region: Some(code.as_str().to_owned()),
        ..CollectionFilter::default()
    };
    Ok(store_charity::collections(&state.db, &filter, 500, 0).await?)
}

/// A collection's totals as the log proves them: computed from its money entries in the
/// tree of the latest signed checkpoint, with that checkpoint's size and time; entries
/// recorded since are counted apart (`pending`), to be proven at the next checkpoint.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ProvenTotals {
    /// Raised (money, before reversals), tiyn.
    pub raised: i64,
    /// Reversed (refunds), tiyn.
    pub reversed: i64,
    /// Spent (approved expenses), tiyn.
    pub spent: i64,
    /// Raised less reversed less spent, tiyn.
    pub remainder: i64,
    /// Donations standing (money and in kind).
    pub donations: i64,
    /// Goods received in kind, estimated value, tiyn.
    pub in_kind_received: i64,
    /// The checkpoint's tree size (0: none yet).
    pub checkpoint: u64,
    /// When it was signed.
    pub checkpoint_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Money entries recorded after the checkpoint.
    pub pending: u64,
}

/// The totals of `c` at the latest checkpoint (see [`ProvenTotals`]).
pub async fn proven_totals(state: &App, c: &Collection) -> Result<ProvenTotals, OpError> {
    let latest = store::ledger::log::latest(&state.db).await?;
    let size = latest.as_ref().map_or(0, |k| k.size);
    let (sums, pending) = store_charity::proven_sums(&state.db, c.id, size).await?;
    let mut t = MoneyTotals::default();
    for (kind, in_kind, amount, entries) in sums {
        t.add_sum(kind, in_kind, amount, entries);
    }
    Ok(ProvenTotals {
        raised: t.raised,
        reversed: t.reversed,
        spent: t.spent,
        remainder: t.remainder(),
        donations: t.donations,
        in_kind_received: t.in_kind_received,
        checkpoint: size,
        checkpoint_at: latest.map(|k| k.created_at),
        pending,
    })
}
