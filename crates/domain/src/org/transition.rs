//! The refusal of a state transition, shared by every lifecycle (organizations, register
//! entries, applications, opportunities, help requests).

use std::fmt;

/// A refused state transition, with a stable code (API error code and Fluent message id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Transition {
    /// Stable snake_case code, e.g. `already_decided`.
    pub code: &'static str,
}

impl Transition {
    /// The refusal with `code`.
    pub const fn new(code: &'static str) -> Transition {
        Transition { code }
    }

    /// The request or application has already been decided.
    pub const ALREADY_DECIDED: Transition = Transition::new("already_decided");
    /// Verification has already been requested and awaits a decision.
    pub const ALREADY_REQUESTED: Transition = Transition::new("already_requested");
    /// There is no pending verification request to decide.
    pub const NOT_REQUESTED: Transition = Transition::new("not_requested");
    /// The organization is suspended.
    pub const SUSPENDED: Transition = Transition::new("suspended");
    /// The organization is not suspended, so it cannot be restored.
    pub const NOT_SUSPENDED: Transition = Transition::new("not_suspended");
    /// The organization is already suspended.
    pub const ALREADY_SUSPENDED: Transition = Transition::new("already_suspended");
    /// The register entry is not included, so it cannot be excluded.
    pub const NOT_INCLUDED: Transition = Transition::new("not_included");
    /// Any other transition that the lifecycle does not allow.
    pub const INVALID_TRANSITION: Transition = Transition::new("invalid_transition");
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl std::error::Error for Transition {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transition_codes() {
        let all = [
            (Transition::ALREADY_DECIDED, "already_decided"),
            (Transition::ALREADY_REQUESTED, "already_requested"),
            (Transition::NOT_REQUESTED, "not_requested"),
            (Transition::SUSPENDED, "suspended"),
            (Transition::NOT_SUSPENDED, "not_suspended"),
            (Transition::ALREADY_SUSPENDED, "already_suspended"),
            (Transition::NOT_INCLUDED, "not_included"),
            (Transition::INVALID_TRANSITION, "invalid_transition"),
        ];
        for (t, code) in all {
            assert_eq!(t.code, code);
            assert_eq!(t.to_string(), code);
        }
        let e: Box<dyn std::error::Error> = Box::new(Transition::SUSPENDED);
        assert_eq!(e.to_string(), "suspended");
    }
}
