//! Charitable activity: collections opened by verified organizations and registered by
//! their region's front-office, donations (entered by a treasurer, or notified by a
//! payment provider), expenses approved by a second member, and the public view of a
//! collection whose totals come from the money trail in the transparency log.
//!
//! Who may do what is `domain::authz`'s: `ManageCollections` (owner, coordinators),
//! `HandleMoney` (owner, treasurers), `ViewDonors`, `RegisterCollections` (the region's
//! front-office). A donor's identity never leaves the organization and the front-office.

pub mod collections;
pub mod concerns;
pub mod figures;
pub mod in_kind;
pub mod money;
pub mod payments;
pub mod receipts;
pub mod report;
pub mod statements;
pub mod trail;
pub mod view;

use domain::charity::CollectionStatus;
use domain::{Action, Resource};
use store::charity::Collection;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::organizations::{allow, may};
use crate::{App, OpError};

/// A receipt's public check code: the certificates' kind of code.
pub(crate) fn receipt_code() -> String {
    crate::certificates::new_code()
}

/// The authorization resource of a collection: its organization, in its region.
pub fn resource(c: &Collection) -> Resource {
    Resource::Organization {
        id: c.organization_id,
        region: domain::RegionCode::parse(&c.region_code).expect("stored regions are valid"),
    }
}

/// The region of a collection, as a resource for the front-office's actions.
pub fn region_resource(c: &Collection) -> Resource {
    Resource::Region(domain::RegionCode::parse(&c.region_code).expect("stored regions are valid"))
}

/// Loads a collection the caller may see: a public one for anyone, any other only for
/// those who may see its donors (its organization, its front-office). Else `NotFound`.
pub async fn visible(state: &App, me: Option<&SignedIn>, id: Uuid) -> Result<Collection, OpError> {
    let c = store::charity::collection(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if c.status.is_public() || may(me, Action::ViewDonors, &resource(&c)) {
        Ok(c)
    } else {
        Err(OpError::NotFound)
    }
}

/// Loads a collection for an action of its organization (`action` on it), else the
/// refusal (`NotFound` for one the caller may not even see).
pub(crate) async fn for_org(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    action: Action,
) -> Result<Collection, OpError> {
    let c = visible(state, Some(me), id).await?;
    allow(Some(me), action, &resource(&c))?;
    Ok(c)
}

/// Whether the caller sees donors' identities of this collection.
pub fn sees_donors(me: Option<&SignedIn>, c: &Collection) -> bool {
    may(me, Action::ViewDonors, &resource(c))
}

/// Statuses shown in the public directory.
pub const LISTED: [CollectionStatus; 4] = [
    CollectionStatus::Active,
    CollectionStatus::Registered,
    CollectionStatus::Closed,
    CollectionStatus::Reported,
];

/// A collection's donation boxes (number, location).
pub async fn boxes(state: &App, c: &Collection) -> Result<Vec<(i32, String)>, OpError> {
    Ok(store::charity::boxes(&state.db, c.id).await?)
}

/// Appoints (`on`) or removes a treasurer among the organization's members: its owner
/// only. `NotFound` when she is not a member (to appoint) or not a treasurer (to remove).
pub async fn set_treasurer(
    state: &App,
    me: &SignedIn,
    org: Uuid,
    user: Uuid,
    on: bool,
) -> Result<(), OpError> {
    let o = crate::organizations::load(state, org).await?;
    allow(
        Some(me),
        Action::ManageMembers,
        &crate::organizations::resource(&o),
    )?;
    if store::organizations::set_treasurer(&state.db, org, user, on, me.user.id).await? {
        Ok(())
    } else {
        Err(OpError::NotFound)
    }
}
