//! The region's front-office: its queue, triage decisions, corrections, and the person's
//! confirmation taken by phone.

use domain::Lang;
use domain::help::{self, RequestInput};
use store::help::{self as store_help, HelpRequest};
use uuid::Uuid;

use super::{invalid, managed, manages};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;

/// Refuses whoever does not run help in `region`: the front-office's own forms (phone
/// intake, raising a call) open only for them.
pub fn authorize_desk(me: &SignedIn, region: &str) -> Result<(), OpError> {
    if manages(me, region) {
        Ok(())
    } else {
        Err(OpError::Forbidden("forbidden"))
    }
}

/// The region's queue: new requests (phone confirmed) by urgency and age.
pub async fn queue(
    state: &App,
    me: &SignedIn,
    region: &str,
    statuses: &[&str],
) -> Result<Vec<HelpRequest>, OpError> {
    authorize_desk(me, region)?;
    Ok(store_help::queue(&state.db, region, statuses, 500).await?)
}

/// A region's help desk, as its front-office works through it: the requests at each stage
/// and the region's open emergency calls.
#[derive(Debug, Clone)]
pub struct Desk {
    /// New requests (phone confirmed), waiting for triage.
    pub new: Vec<HelpRequest>,
    /// Approved and waiting for a volunteer (`triaged`, `offered`).
    pub open: Vec<HelpRequest>,
    /// Taken by a volunteer (`assigned`, `in_progress`).
    pub taken: Vec<HelpRequest>,
    /// Done (`completed`).
    pub done: Vec<HelpRequest>,
    /// The region's open emergency calls.
    pub calls: Vec<store_help::Call>,
}

/// The region's help desk (its front-office, or the national admin).
pub async fn desk(state: &App, me: &SignedIn, region: &str) -> Result<Desk, OpError> {
    authorize_desk(me, region)?;
    let stage =
        |statuses: &'static [&'static str]| store_help::queue(&state.db, region, statuses, 500);
    let new = stage(&["new"]).await?;
    let open = stage(&["triaged", "offered"]).await?;
    let taken = stage(&["assigned", "in_progress"]).await?;
    let done = stage(&["completed"]).await?;
    let calls = store_help::open_calls(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.region_code.as_deref() == Some(region))
        .collect();
    Ok(Desk {
        new,
        open,
        taken,
        done,
        calls,
    })
}

/// Triage decisions: `approve`, `reject` (with a reason), `duplicate` (of another request
/// of the region), `cancel` (with a reason).
pub async fn decide(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    action: &str,
    reason: &str,
    duplicate_of: Option<Uuid>,
) -> Result<(), OpError> {
    let r = managed(state, me, id).await?;
    let from = help::HelpStatus::from_code(&r.status).ok_or(OpError::Conflict("state_changed"))?;
    let reason = reason.trim();
    let needs_reason = matches!(action, "reject" | "cancel");
    if needs_reason && reason.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let to = match action {
        "approve" => help::approve(from)?,
        "reject" => help::reject(from)?,
        "cancel" => help::cancel(from)?,
        "duplicate" => {
            let of = duplicate_of.ok_or(OpError::NotFound)?;
            let original = managed(state, me, of).await?;
            if original.id == r.id {
                return Err(OpError::Conflict("state_changed"));
            }
            help::mark_duplicate(from)?
        }
        _ => return Err(OpError::NotFound),
    };
    store_help::transition(
        &state.db,
        id,
        &[from.code()],
        to.code(),
        needs_reason.then_some(reason),
        duplicate_of.filter(|_| action == "duplicate"),
    )
    .await?;
    Ok(())
}

/// Corrects a request before it is taken.
pub async fn edit(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    input: &RequestInput,
) -> Result<(), OpError> {
    let r = managed(state, me, id).await?;
    let mut input = input.clone();
    input.region = r.region_code.clone();
    input.phone = r.phone.clone().unwrap_or_default();
    let v = help::validate(&input, store::now()).map_err(|e| invalid(lang, e))?;
    store_help::edit(
        &state.db,
        id,
        &store_help::Edit {
            category: v.category.to_owned(),
            help_type: v.help.code().to_owned(),
            description: v.description.clone(),
            locality: v.locality.clone(),
            address: v.address.clone(),
            point: v.point,
            urgency: v.urgency.code().to_owned(),
            preferred: v.preferred,
        },
    )
    .await?;
    Ok(())
}

/// The operator records that the person confirmed by phone.
pub async fn confirm_done_by_operator(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    feedback: &str,
) -> Result<(), OpError> {
    managed(state, me, id).await?;
    let feedback = domain::optional_text(feedback, 2000).ok().flatten();
    store_help::confirm_done(&state.db, id, feedback.as_deref(), None).await?;
    Ok(())
}
