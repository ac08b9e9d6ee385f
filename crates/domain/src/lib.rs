//! erikti's domain: the types and rules of the volunteer platform, with no I/O.
//!
//! Values that exist are valid ("parse, don't validate"); every rejection carries an
//! [`Invalid`] with a stable code that is also the Fluent message id.

#![warn(missing_docs)]

pub mod admission;
pub mod application;
pub mod authz;
pub mod benefits;
pub mod bin;
pub mod certificate;
pub mod charity;
mod checksum;
pub mod dates;
pub mod email;
pub mod format;
pub mod help;
pub mod iin;
pub mod import;
pub mod invalid;
pub mod lang;
pub mod ledger;
pub mod opportunity;
pub mod org;
pub mod password;
pub mod phone;
pub mod reference;
pub mod region;
pub mod register;
pub mod text;
pub mod tlog;
pub mod token;
mod values;

pub use admission::{Admission, AdmissionFacts, Applicant, Refusal, Seat, admit};
pub use application::{ApplicationStatus, Consent};
pub use authz::{Action, Actor, Denied, Resource, Role, authorize};
pub use bin::{Bin, bin_with_check_digit};
pub use dates::{ADULT_AGE, SENIOR_AGE, age_on, is_minor, is_senior, parse_birth_date, parse_date};
pub use email::Email;
pub use format::{
    format_date, format_datetime, format_hours, format_month, format_number, format_tenths,
};
pub use iin::{Iin, Sex, iin_with_check_digit};
pub use invalid::Invalid;
pub use lang::{Lang, negotiate};
pub use org::{
    LOGO_MAX_BYTES, OrgKind, OrgNames, OrgStatus, Transition, VerificationDecision, can_publish,
    decide_verification, legal_details_edited, request_verification, sniff_image,
};
pub use password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, Password};
pub use phone::Phone;
pub use reference::{
    ACTIVITY_TYPES, ActivityType, BENEFICIARY_CATEGORIES, DIRECTIONS, RefItem, activity_type,
    beneficiary_category, direction,
};
pub use region::{REGION_CODES, REGIONS, RegionCode, RegionInfo};
pub use register::{ApplicantKind, RegisterStatus};
pub use text::{PersonName, optional_text, required_text};
pub use token::token_hash;
