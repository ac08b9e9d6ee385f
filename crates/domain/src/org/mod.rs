//! Organizations: kinds, the verification lifecycle, names, website and logo.
//!
//! Lifecycle (DOMAIN.md §4): `registered → verification_requested → verified | rejected |
//! changes_requested`, resubmission from `rejected` or `changes_requested`, a verified
//! organization that edits its legal details goes back to `verification_requested`, and the
//! national admin can suspend any organization and restore it to where it was.
//!
//! Transitions are pure functions from the current status to the next one; the store applies
//! them with a conditional update so that two concurrent decisions cannot both win.
//!
//! The parts: [`Transition`] (a refused transition, shared with the other lifecycles), the
//! kinds, statuses and decisions ([`OrgKind`], [`OrgStatus`], [`VerificationDecision`]), the
//! lifecycle's transitions and decision [`reason`]s, and the organization as typed: its
//! [`OrgNames`], [`website`] and logo ([`sniff_image`]). Every item is used as
//! `domain::org::X`; the files are private.

mod kinds;
mod lifecycle;
mod logo;
mod names;
mod transition;
mod website;

pub use kinds::{OrgKind, OrgStatus, VerificationDecision};
pub use lifecycle::{
    MAX_REASON_CHARS, can_publish, decide_verification, legal_details_edited, reason,
    request_verification, restore, suspend,
};
pub(crate) use logo::image_type;
pub use logo::{LOGO_MAX_BYTES, sniff_image};
pub use names::{MAX_ORG_NAME_CHARS, OrgNames};
pub use transition::Transition;
pub use website::{MAX_WEBSITE_CHARS, website};
