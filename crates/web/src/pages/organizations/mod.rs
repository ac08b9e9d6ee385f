//! Organization pages: directory, public page, create/edit, verification by the regional
//! front-office, members, suspension, coordinators and the audit log. Each handler
//! extracts, calls one operation of [`app::organizations`] and renders.

mod admin;
mod directory;
mod form;
mod front_office;
mod members;
mod page;

pub use admin::{AuditPage, AuditParams, CoordinatorsPage, audit, coordinators, set_coordinator};
pub use app::organizations::{DirectoryParams, PAGE_SIZE};
pub use directory::{CardView, DirectoryPage, card_view, choices, directory};
pub use form::{OrgFormPage, create, edit, edit_form, input_from_form, new_form};
pub use front_office::{QueuePage, VerificationPage, decide, front_office, queue, verification};
pub use members::{
    InvitationPage, TokenParam, accept, invitation, invite, logo, member, upload_logo,
};
pub use page::{AuditView, OrgPage, audit_views, request_verification, show, suspend};
