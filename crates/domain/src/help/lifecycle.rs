//! The lifecycle of a help request and who may take one.

use super::HelpType;
use crate::ADULT_AGE;
use crate::opportunity::Ineligible;
use crate::org::Transition;
use crate::values::codes;

codes! {
    /// The lifecycle of a help request.
    pub enum HelpStatus {
        /// Filed; awaits triage.
        New = "new",
        /// Checked by the front-office; volunteers may be offered it.
        Triaged = "triaged",
        /// Offered to one or more volunteers.
        Offered = "offered",
        /// A volunteer has taken it.
        Assigned = "assigned",
        /// The volunteer is on it.
        InProgress = "in_progress",
        /// Done (closed).
        Completed = "completed",
        /// Called off (closed).
        Cancelled = "cancelled",
        /// Refused at triage (closed).
        Rejected = "rejected",
        /// The same as another request (closed).
        Duplicate = "duplicate",
    }
}

/// The request is closed (completed, cancelled, rejected or a duplicate).
pub const HELP_CLOSED: Transition = Transition::new("help_closed");
/// Another volunteer has already taken the request.
pub const HELP_TAKEN: Transition = Transition::new("help_taken");
/// She was not offered the request (or has answered her offer): a volunteer takes only a
/// request its front-office offered her, while her offer is open. The store holds the
/// taking to it in the same statement that assigns the request.
pub const HELP_NOT_OFFERED: Ineligible = Ineligible {
    code: "help_not_offered",
};

impl HelpStatus {
    /// Whether nothing more happens: completed, cancelled, rejected, duplicate.
    pub fn is_closed(&self) -> bool {
        matches!(
            self,
            HelpStatus::Completed
                | HelpStatus::Cancelled
                | HelpStatus::Rejected
                | HelpStatus::Duplicate
        )
    }
}

/// The refusal for a transition not allowed from `from`: [`HELP_CLOSED`] from a closed
/// state, otherwise [`Transition::INVALID_TRANSITION`].
fn refused(from: HelpStatus) -> Transition {
    if from.is_closed() {
        HELP_CLOSED
    } else {
        Transition::INVALID_TRANSITION
    }
}

/// Triage accepts a new request: `new → triaged`.
pub fn approve(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::New => Ok(HelpStatus::Triaged),
        _ => Err(refused(from)),
    }
}

/// Triage refuses a request: `new | triaged | offered → rejected`.
pub fn reject(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::New | HelpStatus::Triaged | HelpStatus::Offered => Ok(HelpStatus::Rejected),
        _ => Err(refused(from)),
    }
}

/// Triage finds the request filed twice: `new | triaged → duplicate`.
pub fn mark_duplicate(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::New | HelpStatus::Triaged => Ok(HelpStatus::Duplicate),
        _ => Err(refused(from)),
    }
}

/// The front-office offers the request to (more) volunteers: `triaged | offered → offered`.
pub fn offer(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::Triaged | HelpStatus::Offered => Ok(HelpStatus::Offered),
        HelpStatus::Assigned | HelpStatus::InProgress => Err(HELP_TAKEN),
        _ => Err(refused(from)),
    }
}

/// A volunteer takes the request offered to her ([`HELP_NOT_OFFERED`] otherwise):
/// `triaged | offered → assigned`. Already taken: [`HELP_TAKEN`].
pub fn accept(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::Triaged | HelpStatus::Offered => Ok(HelpStatus::Assigned),
        HelpStatus::Assigned | HelpStatus::InProgress => Err(HELP_TAKEN),
        _ => Err(refused(from)),
    }
}

/// The volunteer sets off: `assigned → in_progress`.
pub fn start(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::Assigned => Ok(HelpStatus::InProgress),
        _ => Err(refused(from)),
    }
}

/// The help is done: `in_progress | assigned → completed`.
pub fn complete(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::Assigned | HelpStatus::InProgress => Ok(HelpStatus::Completed),
        _ => Err(refused(from)),
    }
}

/// The request is called off: any open state `→ cancelled`.
pub fn cancel(from: HelpStatus) -> Result<HelpStatus, Transition> {
    if from.is_closed() {
        Err(HELP_CLOSED)
    } else {
        Ok(HelpStatus::Cancelled)
    }
}

/// The volunteer gives the request back: `assigned | in_progress → triaged`.
pub fn release(from: HelpStatus) -> Result<HelpStatus, Transition> {
    match from {
        HelpStatus::Assigned | HelpStatus::InProgress => Ok(HelpStatus::Triaged),
        _ => Err(refused(from)),
    }
}

/// Whether a volunteer of this age may take this help: a minor, or someone whose age is
/// unknown, never takes a home visit (refusal code `minor_home_visit`); anyone may take an
/// online consultation. Either way only once it is offered to her ([`HELP_NOT_OFFERED`]).
pub fn may_take(age: Option<u32>, help: HelpType) -> Result<(), Ineligible> {
    if help.is_home_visit() && age.is_none_or(|a| a < ADULT_AGE) {
        return Err(Ineligible {
            code: "minor_home_visit",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for s in HelpStatus::ALL {
            assert_eq!(HelpStatus::from_code(s.code()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
        assert_eq!(HelpStatus::from_code("done"), None);
        let closed: Vec<_> = HelpStatus::ALL
            .into_iter()
            .filter(HelpStatus::is_closed)
            .collect();
        assert_eq!(
            closed,
            [
                HelpStatus::Completed,
                HelpStatus::Cancelled,
                HelpStatus::Rejected,
                HelpStatus::Duplicate
            ]
        );
        assert_eq!(
            serde_json::to_string(&HelpType::OnlineConsultation).unwrap(),
            "\"online_consultation\""
        );
    }

    // --- transitions -------------------------------------------------------------------

    type Step = fn(HelpStatus) -> Result<HelpStatus, Transition>;

    #[test]
    fn every_transition_from_every_state() {
        use HelpStatus::*;
        let steps: [(&str, Step); 9] = [
            ("approve", approve),
            ("reject", reject),
            ("mark_duplicate", mark_duplicate),
            ("offer", offer),
            ("accept", accept),
            ("start", start),
            ("complete", complete),
            ("cancel", cancel),
            ("release", release),
        ];
        // Expected outcome per step, per state in `HelpStatus::ALL` order:
        // new, triaged, offered, assigned, in_progress, completed, cancelled, rejected, duplicate.
        const X: Result<HelpStatus, &str> = Err("invalid_transition");
        const C: Result<HelpStatus, &str> = Err("help_closed");
        const T: Result<HelpStatus, &str> = Err("help_taken");
        let table: [[Result<HelpStatus, &str>; 9]; 9] = [
            // approve
            [Ok(Triaged), X, X, X, X, C, C, C, C],
            // reject
            [Ok(Rejected), Ok(Rejected), Ok(Rejected), X, X, C, C, C, C],
            // mark_duplicate
            [Ok(Duplicate), Ok(Duplicate), X, X, X, C, C, C, C],
            // offer
            [X, Ok(Offered), Ok(Offered), T, T, C, C, C, C],
            // accept
            [X, Ok(Assigned), Ok(Assigned), T, T, C, C, C, C],
            // start
            [X, X, X, Ok(InProgress), X, C, C, C, C],
            // complete
            [X, X, X, Ok(Completed), Ok(Completed), C, C, C, C],
            // cancel
            [
                Ok(Cancelled),
                Ok(Cancelled),
                Ok(Cancelled),
                Ok(Cancelled),
                Ok(Cancelled),
                C,
                C,
                C,
                C,
            ],
            // release
            [X, X, X, Ok(Triaged), Ok(Triaged), C, C, C, C],
        ];
        for ((name, step), row) in steps.iter().zip(table) {
            for (from, want) in HelpStatus::ALL.into_iter().zip(row) {
                let got = step(from).map_err(|t| t.code);
                assert_eq!(got, want, "{name} from {}", from.code());
            }
        }
    }

    #[test]
    fn minors_never_visit_homes() {
        let refused = Err(Ineligible {
            code: "minor_home_visit",
        });
        for h in HelpType::ALL {
            let home = h.is_home_visit();
            assert_eq!(may_take(Some(18), h), Ok(()));
            assert_eq!(may_take(Some(70), h), Ok(()));
            let want = if home { refused } else { Ok(()) };
            assert_eq!(may_take(Some(17), h), want, "{}", h.code());
            assert_eq!(may_take(Some(14), h), want, "{}", h.code());
            assert_eq!(may_take(None, h), want, "{}", h.code());
        }
    }
}
