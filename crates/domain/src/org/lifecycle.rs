//! The verification lifecycle's transitions, pure functions from the current status to the
//! next one, and the reason that comes with a refusal, a request for changes or a suspension.

use super::{OrgStatus, Transition, VerificationDecision};
use crate::Invalid;
use crate::text::required_multiline_text;

/// The organization asks for verification: from `registered`, `changes_requested` or
/// `rejected` to `verification_requested`.
pub fn request_verification(from: OrgStatus) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::Registered | OrgStatus::ChangesRequested | OrgStatus::Rejected => {
            Ok(OrgStatus::VerificationRequested)
        }
        OrgStatus::VerificationRequested => Err(Transition::ALREADY_REQUESTED),
        OrgStatus::Verified => Err(Transition::INVALID_TRANSITION),
        OrgStatus::Suspended => Err(Transition::SUSPENDED),
    }
}

/// The front-office decides a pending request: only from `verification_requested`.
///
/// Refusals: `already_decided` from `verified`, `rejected` or `changes_requested` (the
/// request was decided, e.g. by another coordinator a moment earlier), `not_requested`
/// otherwise.
pub fn decide_verification(
    from: OrgStatus,
    d: VerificationDecision,
) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::VerificationRequested => Ok(d.outcome()),
        OrgStatus::Verified | OrgStatus::Rejected | OrgStatus::ChangesRequested => {
            Err(Transition::ALREADY_DECIDED)
        }
        OrgStatus::Registered | OrgStatus::Suspended => Err(Transition::NOT_REQUESTED),
    }
}

/// The organization edited its legal details (kind, BIN, names): a verified organization
/// goes back to review; any other status is unchanged.
pub fn legal_details_edited(from: OrgStatus) -> OrgStatus {
    match from {
        OrgStatus::Verified => OrgStatus::VerificationRequested,
        other => other,
    }
}

/// The national admin suspends an organization (from any status but `suspended`).
/// Store the status before suspension: [`restore`] needs it.
pub fn suspend(from: OrgStatus) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::Suspended => Err(Transition::ALREADY_SUSPENDED),
        _ => Ok(OrgStatus::Suspended),
    }
}

/// The national admin restores a suspended organization to `previous`, its status before
/// suspension (or `registered` if that is unknown and recorded as `suspended`).
pub fn restore(previous: OrgStatus, from: OrgStatus) -> Result<OrgStatus, Transition> {
    match (from, previous) {
        (OrgStatus::Suspended, OrgStatus::Suspended) => Ok(OrgStatus::Registered),
        (OrgStatus::Suspended, previous) => Ok(previous),
        _ => Err(Transition::NOT_SUSPENDED),
    }
}

/// Whether an organization in this status may publish projects, events and shifts
/// (every status but `suspended`).
pub fn can_publish(status: OrgStatus) -> bool {
    status != OrgStatus::Suspended
}

/// Longest accepted decision reason, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// A decision reason (rejection, changes asked, suspension, exclusion): trimmed, required
/// ([`Invalid::ReasonRequired`]), at most 2000 characters, line breaks allowed.
pub fn reason(s: &str) -> Result<String, Invalid> {
    required_multiline_text(s, MAX_REASON_CHARS).map_err(|e| match e {
        Invalid::Required => Invalid::ReasonRequired,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use OrgStatus::*;
    use VerificationDecision::*;

    #[test]
    fn request_verification_every_status() {
        let expected: [(OrgStatus, Result<OrgStatus, Transition>); 6] = [
            (Registered, Ok(VerificationRequested)),
            (VerificationRequested, Err(Transition::ALREADY_REQUESTED)),
            (ChangesRequested, Ok(VerificationRequested)),
            (Verified, Err(Transition::INVALID_TRANSITION)),
            (Rejected, Ok(VerificationRequested)),
            (Suspended, Err(Transition::SUSPENDED)),
        ];
        for (from, to) in expected {
            assert_eq!(request_verification(from), to, "{from:?}");
        }
        assert_eq!(
            request_verification(VerificationRequested)
                .unwrap_err()
                .code,
            "already_requested"
        );
    }

    #[test]
    fn decide_verification_every_status_and_decision() {
        for (d, outcome) in [
            (Verify, Verified),
            (Reject, Rejected),
            (RequestChanges, ChangesRequested),
        ] {
            assert_eq!(decide_verification(VerificationRequested, d), Ok(outcome));
            for from in [Verified, Rejected, ChangesRequested] {
                assert_eq!(
                    decide_verification(from, d),
                    Err(Transition::ALREADY_DECIDED),
                    "{from:?} {d:?}"
                );
            }
            for from in [Registered, Suspended] {
                assert_eq!(
                    decide_verification(from, d),
                    Err(Transition::NOT_REQUESTED),
                    "{from:?} {d:?}"
                );
            }
        }
        // Two coordinators at the same moment: the second sees the first one's outcome.
        let first = decide_verification(VerificationRequested, Verify).unwrap();
        assert_eq!(
            decide_verification(first, Reject).unwrap_err().code,
            "already_decided"
        );
    }

    #[test]
    fn editing_legal_details_sends_verified_back_to_review() {
        let expected = [
            (Registered, Registered),
            (VerificationRequested, VerificationRequested),
            (ChangesRequested, ChangesRequested),
            (Verified, VerificationRequested),
            (Rejected, Rejected),
            (Suspended, Suspended),
        ];
        for (from, to) in expected {
            assert_eq!(legal_details_edited(from), to, "{from:?}");
        }
    }

    #[test]
    fn suspend_and_restore() {
        for from in [
            Registered,
            VerificationRequested,
            ChangesRequested,
            Verified,
            Rejected,
        ] {
            assert_eq!(suspend(from), Ok(Suspended), "{from:?}");
            assert_eq!(restore(from, Suspended), Ok(from), "{from:?}");
            assert!(can_publish(from), "{from:?}");
            for previous in OrgStatus::ALL {
                assert_eq!(
                    restore(previous, from),
                    Err(Transition::NOT_SUSPENDED),
                    "{previous:?} {from:?}"
                );
            }
        }
        assert_eq!(suspend(Suspended), Err(Transition::ALREADY_SUSPENDED));
        assert_eq!(restore(Suspended, Suspended), Ok(Registered));
        assert!(!can_publish(Suspended));
    }

    #[test]
    fn reasons() {
        assert_eq!(reason(""), Err(Invalid::ReasonRequired));
        assert_eq!(reason(" \n\t "), Err(Invalid::ReasonRequired));
        assert_eq!(
            reason("  Жарғы жоқ.\r\nУстав не приложен. "),
            Ok("Жарғы жоқ.\nУстав не приложен.".to_owned())
        );
        assert_eq!(
            reason(&"ә".repeat(2000)).map(|r| r.chars().count()),
            Ok(2000)
        );
        assert_eq!(
            reason(&"ә".repeat(2001)),
            Err(Invalid::TooLong { max: 2000 })
        );
        assert_eq!(reason("a\u{0}b"), Err(Invalid::NameMalformed));
    }
}
