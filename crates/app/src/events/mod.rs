//! Events, shifts and applications: create, edit, publish and cancel events (members of a
//! verified organization), shifts one by one or as a series, apply within the law's rules,
//! cancel with promotion from the waitlist, decide one by one or in bulk, move between
//! shifts, parents' consent, attendance (by the coordinator or a signed QR code), and the
//! e-mail that tells volunteers. The invariants live in the store's transactions.
//!
//! One file per part: [`editing`] (the event form, projects, publishing), [`shifts`] (shifts
//! and the management page), [`applications`] (applying and deciding), [`attendance`]
//! (check-in), [`search`] (the public search and an event's page), [`notices`] (the e-mail)
//! and [`volunteer`] (a volunteer's own applications, e-mail choices and calendar feed).
//! Everything is re-exported here: callers write `app::events::apply`.

pub mod applications;
pub mod attendance;
pub mod editing;
pub mod notices;
pub mod search;
pub mod shifts;
pub mod volunteer;

pub use applications::*;
pub use attendance::*;
pub use editing::*;
pub use notices::*;
pub use search::*;
pub use shifts::*;
pub use volunteer::*;

use domain::Action;
use store::events::{self as store_events};

/// An event and a project (a series of events) as the store reads them.
pub use store::events::{Event, Project};
use store::organizations::Organization;
use uuid::Uuid;

use crate::App;
use crate::OpError;
use crate::auth::SignedIn;
use crate::organizations::{self, allow};

/// Trimmed text cut to `max` characters; none when blank.
fn opt(s: &str, max: usize) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.chars().take(max).collect())
}

/// Loads an event and its organization.
pub async fn load(state: &App, id: Uuid) -> Result<(Event, Organization), OpError> {
    let e = store_events::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = organizations::load(state, e.organization_id).await?;
    Ok((e, o))
}

/// Loads an event for one of its organization's members.
pub async fn load_managed(
    state: &App,
    me: &SignedIn,
    id: Uuid,
) -> Result<(Event, Organization), OpError> {
    let (e, o) = load(state, id).await?;
    allow(
        Some(me),
        Action::PublishEvents,
        &organizations::resource(&o),
    )?;
    Ok((e, o))
}

/// Whether `me` manages the event's organization.
pub fn manages(me: Option<&SignedIn>, o: &Organization) -> bool {
    organizations::may(me, Action::PublishEvents, &organizations::resource(o))
}

/// Whether `me` may decide applications: the organization's members, and (for escalated
/// applications) its region's front-office and the national admin.
fn may_decide(me: &SignedIn, o: &Organization) -> bool {
    manages(Some(me), o)
        || organizations::may(
            Some(me),
            Action::VerifyOrganization,
            &organizations::resource(o),
        )
}
