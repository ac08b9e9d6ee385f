//! Verification by the regional front-office: asking, the region's queue (with what else
//! waits there: escalated applications, disputed hours), deciding; suspension by the
//! national admin.

use domain::{Action, Lang, OrgStatus, RegionCode, Resource};
use store::organizations::{self as store_orgs, QueueItem, Request};
use uuid::Uuid;

use super::reads::{Overview, build_overview};
use super::{allow, load, notify_owners, resource};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;

/// Asks the region's front-office for verification.
pub async fn request_verification(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::RequestVerification, &resource(&o))?;
    domain::request_verification(o.status)?;
    store_orgs::request_verification(&state.db, id, o.status, me.user.id).await?;
    Ok(())
}

/// The organization a verification decision was about.
#[derive(Debug, Clone)]
pub struct Decided {
    /// The organization (its page shows the outcome).
    pub organization_id: Uuid,
    /// Its region (the front-office goes back to that region's queue).
    pub region_code: String,
}

/// Decides a verification request: only a coordinator of the organization's region (or
/// the national admin); exactly one concurrent decision wins.
pub async fn decide(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    request_id: Uuid,
    decision: &str,
    reason: &str,
) -> Result<Decided, OpError> {
    let req = store_orgs::request(&state.db, request_id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = load(state, req.organization_id).await?;
    allow(Some(me), Action::VerifyOrganization, &resource(&o))?;
    let mut e = Errors::new(lang);
    let decision = e.check("decision", domain::VerificationDecision::parse(decision));
    let reason = match decision {
        Some(d) if d.needs_reason() => e.check("reason", domain::org::reason(reason)),
        _ => e
            .check(
                "reason",
                domain::text::optional_multiline_text(reason, domain::org::MAX_REASON_CHARS),
            )
            .flatten(),
    };
    let Some(decision) = decision.filter(|_| e.is_empty()) else {
        return Err(OpError::Invalid(e));
    };
    if req.status != "open" {
        return Err(OpError::Conflict("already_decided"));
    }
    let to = domain::decide_verification(o.status, decision)?;
    store_orgs::decide(
        &state.db,
        request_id,
        decision,
        to,
        reason.as_deref(),
        me.user.id,
    )
    .await?;
    notify_owners(
        state,
        &o,
        &format!("org_{}", decision.code()),
        reason.as_deref(),
    )
    .await?;
    Ok(Decided {
        organization_id: o.id,
        region_code: o.details.region_code,
    })
}

/// Suspends or restores an organization (national admin), with a reason.
pub async fn set_suspended(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    suspend: bool,
    reason: &str,
) -> Result<(), OpError> {
    let o = load(state, id).await?;
    let action = if suspend {
        Action::SuspendOrganization
    } else {
        Action::RestoreOrganization
    };
    allow(Some(me), action, &resource(&o))?;
    let mut e = Errors::new(lang);
    let Some(reason) = e.check("reason", domain::org::reason(reason)) else {
        return Err(OpError::Invalid(e));
    };
    let from = o.status;
    let to = if suspend {
        domain::org::suspend(from)?
    } else {
        let previous = o.status_before_suspension.unwrap_or(OrgStatus::Registered);
        domain::org::restore(previous, from)?
    };
    store_orgs::set_suspended(&state.db, id, from, to, &reason, me.user.id).await?;
    notify_owners(
        state,
        &o,
        if suspend {
            "org_suspended"
        } else {
            "org_restored"
        },
        Some(&reason),
    )
    .await
}

/// The region of a queue, when the caller may see it: its coordinators and the national
/// admin; an unknown region is not found.
fn queue_region(me: &SignedIn, region: &str) -> Result<RegionCode, OpError> {
    let code = RegionCode::parse(region).map_err(|_| OpError::NotFound)?;
    allow(
        Some(me),
        Action::ViewVerificationQueue,
        &Resource::Region(code.clone()),
    )?;
    Ok(code)
}

/// The open verification requests of a region, oldest first (its coordinators and the
/// national admin).
pub async fn verification_queue(
    state: &App,
    me: &SignedIn,
    region: &str,
) -> Result<Vec<QueueItem>, OpError> {
    let code = queue_region(me, region)?;
    Ok(store_orgs::queue(&state.db, code.as_str()).await?)
}

/// What waits for a region's front-office.
#[derive(Debug, Clone)]
pub struct FrontOffice {
    /// The region.
    pub region: RegionCode,
    /// Open verification requests, oldest first.
    pub queue: Vec<QueueItem>,
    /// Applications unanswered longer than the settings allow.
    pub escalated: Vec<store::shifts::Waiting>,
    /// Disputed hours, with the volunteer's public name.
    pub disputed: Vec<(String, store::ledger::Hours)>,
}

/// The front-office of a region: its verification queue, the applications escalated to it
/// and the disputed hours of its organizations (its coordinators and the national admin).
pub async fn front_office(
    state: &App,
    me: &SignedIn,
    region: &str,
) -> Result<FrontOffice, OpError> {
    let code = queue_region(me, region)?;
    let queue = store_orgs::queue(&state.db, code.as_str()).await?;
    let escalate = chrono::Duration::days(state.settings.opportunities.escalate_after_days);
    let escalated = store::shifts::escalated(&state.db, code.as_str(), escalate).await?;
    let disputed = store::ledger::disputed_in_region(&state.db, code.as_str()).await?;
    Ok(FrontOffice {
        region: code,
        queue,
        escalated,
        disputed,
    })
}

/// The region whose front-office the caller opens first: their first coordinated region,
/// Astana for the national admin; nobody else has one.
pub fn home_region(me: &SignedIn) -> Result<String, OpError> {
    let first = me
        .roles
        .iter()
        .find_map(|r| r.region().map(|c| c.as_str().to_owned()));
    match (first, me.is_national_admin()) {
        (Some(code), _) => Ok(code),
        (None, true) => Ok("KZ-71".to_owned()),
        (None, false) => Err(OpError::Forbidden("forbidden")),
    }
}

/// A verification request with the organization's page, for those who may decide it.
pub struct VerificationView {
    /// The request.
    pub request: Request,
    /// The organization, as the decider sees it.
    pub overview: Overview,
}

/// A verification request to decide: only a coordinator of the organization's region (or
/// the national admin) sees it.
pub async fn verification(
    state: &App,
    me: &SignedIn,
    id: Uuid,
) -> Result<VerificationView, OpError> {
    let request = store_orgs::request(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = load(state, request.organization_id).await?;
    allow(Some(me), Action::VerifyOrganization, &resource(&o))?;
    let overview = build_overview(state, Some(me), o).await?;
    Ok(VerificationView { request, overview })
}
