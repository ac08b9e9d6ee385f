//! Help requests: a person in need (no account) asks for help, the region's front-office
//! triages, erikti ranks nearby suitable volunteers, one of them takes it and does it.
//!
//! Lifecycle: `new → triaged → offered → assigned → in_progress → completed`, with
//! `rejected` and `duplicate` decided at triage, `cancelled` from any open state, and
//! `release` (the volunteer gives it back) returning an assigned request to `triaged`.
//! Transitions are pure functions; the store applies them with a conditional update.
//!
//! The parts: [`HelpType`] and [`Urgency`] (what is asked), the lifecycle ([`HelpStatus`],
//! its transitions, [`may_take`]), the ranking of volunteers ([`rank`]), the phone's
//! one-time codes ([`new_code`], [`code_matches`]) and the request as typed ([`validate`]).
//! Every item is used as `domain::help::X`; the files are private.

mod input;
mod kinds;
mod lifecycle;
mod phone_code;
mod ranking;

pub use input::{
    MAX_ADDRESS_CHARS, MAX_DESCRIPTION_CHARS, MAX_LOCALITY_CHARS, MAX_REQUEST_NAME_CHARS,
    RequestInput, ValidRequest, validate,
};
pub use kinds::{HelpType, Urgency};
pub use lifecycle::{
    HELP_CLOSED, HELP_NOT_OFFERED, HELP_TAKEN, HelpStatus, accept, approve, cancel, complete,
    mark_duplicate, may_take, offer, reject, release, start,
};
pub use phone_code::{code_hash, code_matches, new_code};
pub use ranking::{
    Candidate, Ranked, Reason, RequestFacts, SCORE_APPROXIMATE, SCORE_BUSY, SCORE_FREE,
    SCORE_LANGUAGE, SCORE_PER_KM, SCORE_PER_LOAD, SCORE_PER_NO_SHOW, SCORE_SKILLS, box_deg,
    distance_km, rank, ranking_settled,
};
