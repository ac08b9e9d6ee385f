//! Applications to shifts: their statuses and the transitions between them (DOMAIN.md §5).
//!
//! Lifecycle: an application is born `accepted`, `waitlisted` or `pending` (see
//! [`crate::admission::admit`]). A coordinator accepts or rejects a pending or waitlisted one;
//! a freed place promotes the first on the waitlist; a held minor's application leaves
//! `pending` when a parent's consent is recorded. An accepted volunteer is checked in, then
//! out (`completed`), or marked `no_show`. The volunteer, or the event's cancellation,
//! cancels any open application. `rejected`, `cancelled`, `completed` and `no_show` are final.
//!
//! Transitions are pure functions from the current status to the next one, each refusing
//! with the code the store and the API have always answered; the store applies them with a
//! conditional update so that two concurrent changes cannot both win.

use crate::Invalid;
use crate::opportunity::EventMode;
use crate::org::Transition;
use crate::values::codes;

codes! {
    /// Where an application to a shift stands; stored as its [`code`](ApplicationStatus::code),
    /// also the suffix of the `application_status_*` messages.
    pub enum ApplicationStatus {
        /// Waiting for a coordinator (moderated event) or for a parent's consent (a minor).
        Pending = "pending",
        /// The shift was full (first-come event); a freed place goes to the first in line.
        Waitlisted = "waitlisted",
        /// Has a place in the shift.
        Accepted = "accepted",
        /// Came: checked in at the shift, still there.
        CheckedIn = "checked_in",
        /// Came and left: the attendance became hours (final).
        Completed = "completed",
        /// Accepted but did not come (final; the place stays counted).
        NoShow = "no_show",
        /// Refused by a coordinator, with a reason (final).
        Rejected = "rejected",
        /// Withdrawn by the volunteer or called off with the event (final).
        Cancelled = "cancelled",
    }
}

use ApplicationStatus::*;

impl ApplicationStatus {
    /// Still open: pending, waitlisted or accepted. The volunteer may cancel it, a
    /// coordinator may move it to another shift, and cancelling the event cancels it.
    pub fn is_open(self) -> bool {
        matches!(self, Pending | Waitlisted | Accepted)
    }

    /// Awaits a coordinator's decision: pending or waitlisted (accept and reject apply).
    pub fn awaits_decision(self) -> bool {
        matches!(self, Pending | Waitlisted)
    }

    /// Counts against the shift's capacity (its `accepted_count`): accepted, checked in,
    /// completed, and no-show (a place that was given stays given).
    pub fn holds_place(self) -> bool {
        matches!(self, Accepted | CheckedIn | Completed | NoShow)
    }

    /// Her organizer may see her phone: she holds a place (accepted, checked in, completed or
    /// no-show), as her profile promises ("only organizers of your accepted shifts"). Until
    /// then the organizer sees her name and e-mail only.
    pub fn shares_phone(self) -> bool {
        self.holds_place()
    }

    /// Occupies the volunteer's time: accepted or checked in. She may not hold another shift
    /// that overlaps one of these.
    pub fn occupies_time(self) -> bool {
        matches!(self, Accepted | CheckedIn)
    }

    /// She comes or came: accepted, checked in or completed (her calendar shows these).
    pub fn attends(self) -> bool {
        matches!(self, Accepted | CheckedIn | Completed)
    }

    /// A coordinator decided it: accepted or rejected, and what follows acceptance (the
    /// organization's response time counts these).
    pub fn is_decided(self) -> bool {
        matches!(self, Accepted | CheckedIn | Completed | NoShow | Rejected)
    }

    /// Nothing more happens to it: completed, no-show, rejected or cancelled.
    pub fn is_final(self) -> bool {
        matches!(self, Completed | NoShow | Rejected | Cancelled)
    }

    /// Whether the lifecycle allows going from `self` to `to` (a status never "becomes"
    /// itself; a move to another shift keeps the status and is [`move_to_shift`]).
    pub fn can_become(self, to: ApplicationStatus) -> bool {
        matches!(
            (self, to),
            (Pending, Accepted | Waitlisted | Rejected | Cancelled)
                | (Waitlisted, Accepted | Rejected | Cancelled)
                | (Accepted, CheckedIn | NoShow | Cancelled)
                | (CheckedIn, Completed)
        )
    }

    /// `to`, if [`can_become`](ApplicationStatus::can_become) allows it, otherwise
    /// [`Transition::INVALID_TRANSITION`]. The named steps below say why more precisely.
    pub fn transition(self, to: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        if self.can_become(to) {
            Ok(to)
        } else {
            Err(Transition::INVALID_TRANSITION)
        }
    }
}

impl TryFrom<&str> for ApplicationStatus {
    type Error = Invalid;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// The volunteer can no longer cancel it (it is not open).
pub const NOT_CANCELLABLE: Transition = Transition::new("not_cancellable");
/// A held minor's application cannot be accepted before a parent's consent is recorded.
pub const CONSENT_MISSING: Transition = Transition::new("consent_missing");
/// The application does not wait for a consent (never held, already recorded, or no longer
/// pending).
pub const CONSENT_NOT_REQUIRED: Transition = Transition::new("consent_not_required");
/// Only an accepted application is checked in or marked as a no-show.
pub const NOT_ACCEPTED: Transition = Transition::new("not_accepted");
/// She is already checked in (or already checked out).
pub const ALREADY_CHECKED_IN: Transition = Transition::new("already_checked_in");
/// Only a checked-in volunteer is checked out.
pub const NOT_CHECKED_IN: Transition = Transition::new("not_checked_in");

/// Where an application stands with a parent's consent (stored as `consent_required` and
/// `consent_recorded_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Consent {
    /// She was not held for a consent.
    NotRequired,
    /// Held: a parent's consent is needed and not yet recorded.
    Missing,
    /// Held, and the consent is recorded.
    Recorded,
}

impl Consent {
    /// From the stored columns: whether the application was held, whether a consent was
    /// recorded (a recorded consent without a hold counts as not required).
    pub fn of(required: bool, recorded: bool) -> Consent {
        match (required, recorded) {
            (false, _) => Consent::NotRequired,
            (true, false) => Consent::Missing,
            (true, true) => Consent::Recorded,
        }
    }
}

/// A coordinator accepts: `pending | waitlisted → accepted`, otherwise
/// [`Transition::ALREADY_DECIDED`]; a held minor needs her consent first
/// ([`CONSENT_MISSING`]). The place itself is then sought ([`crate::admission::Seat`]).
pub fn accept(from: ApplicationStatus, consent: Consent) -> Result<ApplicationStatus, Transition> {
    if !from.awaits_decision() {
        return Err(Transition::ALREADY_DECIDED);
    }
    if consent == Consent::Missing {
        return Err(CONSENT_MISSING);
    }
    Ok(Accepted)
}

/// A coordinator rejects, with a reason: `pending | waitlisted → rejected`, otherwise
/// [`Transition::ALREADY_DECIDED`]. An accepted volunteer is never rejected.
pub fn reject(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    if from.awaits_decision() {
        Ok(Rejected)
    } else {
        Err(Transition::ALREADY_DECIDED)
    }
}

/// The volunteer withdraws: any open status `→ cancelled`, otherwise [`NOT_CANCELLABLE`].
/// Cancelling an accepted one frees its place for the first on the waitlist.
pub fn cancel(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    if from.is_open() {
        Ok(Cancelled)
    } else {
        Err(NOT_CANCELLABLE)
    }
}

/// The event is cancelled: every open application `→ cancelled` (reason `event_cancelled`);
/// the others stay as they are ([`Transition::INVALID_TRANSITION`]).
pub fn cancel_with_event(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    if from.is_open() {
        Ok(Cancelled)
    } else {
        Err(Transition::INVALID_TRANSITION)
    }
}

/// A freed place goes to the first on the waitlist: `waitlisted → accepted`.
pub fn promote(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    match from {
        Waitlisted => Ok(Accepted),
        _ => Err(Transition::INVALID_TRANSITION),
    }
}

/// A coordinator moves it to another shift of the same event: an open application keeps its
/// status (an accepted one needs a place there and frees its old one); otherwise
/// [`Transition::ALREADY_DECIDED`].
pub fn move_to_shift(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    if from.is_open() {
        Ok(from)
    } else {
        Err(Transition::ALREADY_DECIDED)
    }
}

/// She arrives: `accepted → checked_in`; [`ALREADY_CHECKED_IN`] when checked in or out
/// already, [`NOT_ACCEPTED`] otherwise.
pub fn check_in(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    match from {
        Accepted => Ok(CheckedIn),
        CheckedIn | Completed => Err(ALREADY_CHECKED_IN),
        _ => Err(NOT_ACCEPTED),
    }
}

/// She leaves: `checked_in → completed` (her attendance becomes hours), otherwise
/// [`NOT_CHECKED_IN`].
pub fn check_out(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    match from {
        CheckedIn => Ok(Completed),
        _ => Err(NOT_CHECKED_IN),
    }
}

/// She did not come: `accepted → no_show` (the place stays counted), otherwise
/// [`NOT_ACCEPTED`].
pub fn mark_no_show(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
    match from {
        Accepted => Ok(NoShow),
        _ => Err(NOT_ACCEPTED),
    }
}

/// What a held application does once a parent's consent is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnConsent {
    /// Moderated event: it stays pending for the coordinator.
    StaysPending,
    /// First-come event: it seeks a place now; [`crate::admission::Seat::after_consent`]
    /// says whether it becomes accepted or waitlisted.
    SeeksPlace,
}

/// A parent's consent is recorded on a held application: only a pending one whose consent
/// is missing takes it ([`CONSENT_NOT_REQUIRED`] otherwise); what follows depends on `mode`.
pub fn record_consent(
    from: ApplicationStatus,
    consent: Consent,
    mode: EventMode,
) -> Result<OnConsent, Transition> {
    if from != Pending || consent != Consent::Missing {
        return Err(CONSENT_NOT_REQUIRED);
    }
    Ok(match mode {
        EventMode::Moderated => OnConsent::StaysPending,
        EventMode::FirstCome => OnConsent::SeeksPlace,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::Seat;

    #[test]
    fn the_phone_is_shared_with_the_organizer_once_she_has_a_place() {
        let shared: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|s| s.shares_phone())
            .collect();
        assert_eq!(shared, [Accepted, CheckedIn, Completed, NoShow]);
    }

    #[test]
    fn codes_round_trip_as_stored() {
        for s in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::from_code(s.code()), Some(s));
            assert_eq!(s.code().parse::<ApplicationStatus>(), Ok(s));
            assert_eq!(ApplicationStatus::try_from(s.code().to_owned()), Ok(s));
            assert_eq!(ApplicationStatus::try_from(s.code()), Ok(s));
            assert_eq!(s.to_string(), s.code());
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
            assert_eq!(serde_json::from_str::<ApplicationStatus>(&json).unwrap(), s);
        }
        for bad in ["", "Accepted", " accepted", "withdrawn", "awaiting_consent"] {
            assert_eq!(ApplicationStatus::from_code(bad), None, "{bad:?}");
            assert_eq!(
                ApplicationStatus::try_from(bad.to_owned()),
                Err(Invalid::ChoiceUnknown)
            );
        }
        let codes: Vec<_> = ApplicationStatus::ALL.map(ApplicationStatus::code).into();
        assert_eq!(
            codes,
            [
                "pending",
                "waitlisted",
                "accepted",
                "checked_in",
                "completed",
                "no_show",
                "rejected",
                "cancelled"
            ]
        );
    }

    /// The lists the store's SQL spells out (`status IN (...)`), one per predicate.
    #[test]
    fn predicates_are_the_lists_the_queries_use() {
        fn codes(p: fn(ApplicationStatus) -> bool) -> Vec<&'static str> {
            ApplicationStatus::ALL
                .into_iter()
                .filter(|s| p(*s))
                .map(ApplicationStatus::code)
                .collect()
        }
        assert_eq!(
            codes(ApplicationStatus::is_open),
            ["pending", "waitlisted", "accepted"]
        );
        assert_eq!(
            codes(ApplicationStatus::awaits_decision),
            ["pending", "waitlisted"]
        );
        assert_eq!(
            codes(ApplicationStatus::holds_place),
            ["accepted", "checked_in", "completed", "no_show"]
        );
        assert_eq!(
            codes(ApplicationStatus::occupies_time),
            ["accepted", "checked_in"]
        );
        assert_eq!(
            codes(ApplicationStatus::attends),
            ["accepted", "checked_in", "completed"]
        );
        assert_eq!(
            codes(ApplicationStatus::is_decided),
            ["accepted", "checked_in", "completed", "no_show", "rejected"]
        );
        assert_eq!(
            codes(ApplicationStatus::is_final),
            ["completed", "no_show", "rejected", "cancelled"]
        );
        // Final statuses go nowhere; every other status goes somewhere.
        for s in ApplicationStatus::ALL {
            let goes = ApplicationStatus::ALL.into_iter().any(|t| s.can_become(t));
            assert_eq!(goes, !s.is_final(), "{s}");
        }
        // A place is held exactly from acceptance on; leaving `accepted` for `cancelled` is
        // the only way a place is given back.
        for (from, to) in pairs() {
            if from.can_become(to) && from.holds_place() && !to.holds_place() {
                assert_eq!((from, to), (Accepted, Cancelled));
            }
        }
    }

    fn pairs() -> impl Iterator<Item = (ApplicationStatus, ApplicationStatus)> {
        ApplicationStatus::ALL
            .into_iter()
            .flat_map(|f| ApplicationStatus::ALL.into_iter().map(move |t| (f, t)))
    }

    /// Every (from, to) pair against the table, read row by row.
    #[test]
    fn the_transition_table_exhaustively() {
        // Columns in `ALL` order: pending, waitlisted, accepted, checked_in, completed,
        // no_show, rejected, cancelled.
        const O: bool = true;
        const X: bool = false;
        let table: [[bool; 8]; 8] = [
            /* pending    */ [X, O, O, X, X, X, O, O],
            /* waitlisted */ [X, X, O, X, X, X, O, O],
            /* accepted   */ [X, X, X, O, X, O, X, O],
            /* checked_in */ [X, X, X, X, O, X, X, X],
            /* completed  */ [X, X, X, X, X, X, X, X],
            /* no_show    */ [X, X, X, X, X, X, X, X],
            /* rejected   */ [X, X, X, X, X, X, X, X],
            /* cancelled  */ [X, X, X, X, X, X, X, X],
        ];
        let mut allowed = 0;
        for (i, from) in ApplicationStatus::ALL.into_iter().enumerate() {
            for (j, to) in ApplicationStatus::ALL.into_iter().enumerate() {
                let ok = table[i][j];
                assert_eq!(from.can_become(to), ok, "{from} → {to}");
                let want = if ok {
                    Ok(to)
                } else {
                    Err(Transition::INVALID_TRANSITION)
                };
                assert_eq!(from.transition(to), want, "{from} → {to}");
                allowed += usize::from(ok);
            }
        }
        assert_eq!(allowed, 11);
    }

    type Step = fn(ApplicationStatus) -> Result<ApplicationStatus, Transition>;

    fn accept_with_consent(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        accept(from, Consent::Recorded)
    }
    fn accept_without_consent(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        accept(from, Consent::NotRequired)
    }
    fn accept_held(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        accept(from, Consent::Missing)
    }
    /// Consent in a first-come event, then the place sought: found, or not.
    fn consent_and_seat(
        seat: Seat,
    ) -> impl Fn(ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        move |from| match record_consent(from, Consent::Missing, EventMode::FirstCome)? {
            OnConsent::SeeksPlace => Ok(seat.after_consent()),
            OnConsent::StaysPending => Ok(from),
        }
    }
    fn consent_taken(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        consent_and_seat(Seat::Taken)(from)
    }
    fn consent_full(from: ApplicationStatus) -> Result<ApplicationStatus, Transition> {
        consent_and_seat(Seat::Full)(from)
    }

    fn steps() -> [(&'static str, Step); 12] {
        [
            ("accept", accept_without_consent),
            ("accept (consent recorded)", accept_with_consent),
            ("accept (consent missing)", accept_held),
            ("reject", reject),
            ("cancel", cancel),
            ("cancel_with_event", cancel_with_event),
            ("promote", promote),
            ("move_to_shift", move_to_shift),
            ("check_in", check_in),
            ("check_out", check_out),
            ("mark_no_show", mark_no_show),
            ("consent, place found", consent_taken),
        ]
    }

    /// Every named step from every status, with the code the store answers today.
    #[test]
    fn every_step_from_every_status() {
        const D: Result<ApplicationStatus, &str> = Err("already_decided");
        const I: Result<ApplicationStatus, &str> = Err("invalid_transition");
        const NC: Result<ApplicationStatus, &str> = Err("not_cancellable");
        const CM: Result<ApplicationStatus, &str> = Err("consent_missing");
        const NA: Result<ApplicationStatus, &str> = Err("not_accepted");
        const AC: Result<ApplicationStatus, &str> = Err("already_checked_in");
        const NI: Result<ApplicationStatus, &str> = Err("not_checked_in");
        const CN: Result<ApplicationStatus, &str> = Err("consent_not_required");
        // Columns in `ALL` order: pending, waitlisted, accepted, checked_in, completed,
        // no_show, rejected, cancelled.
        let table: [[Result<ApplicationStatus, &str>; 8]; 12] = [
            // accept
            [Ok(Accepted), Ok(Accepted), D, D, D, D, D, D],
            // accept (consent recorded)
            [Ok(Accepted), Ok(Accepted), D, D, D, D, D, D],
            // accept (consent missing)
            [CM, CM, D, D, D, D, D, D],
            // reject
            [Ok(Rejected), Ok(Rejected), D, D, D, D, D, D],
            // cancel
            [
                Ok(Cancelled),
                Ok(Cancelled),
                Ok(Cancelled),
                NC,
                NC,
                NC,
                NC,
                NC,
            ],
            // cancel_with_event
            [Ok(Cancelled), Ok(Cancelled), Ok(Cancelled), I, I, I, I, I],
            // promote
            [I, Ok(Accepted), I, I, I, I, I, I],
            // move_to_shift (keeps the status)
            [Ok(Pending), Ok(Waitlisted), Ok(Accepted), D, D, D, D, D],
            // check_in
            [NA, NA, Ok(CheckedIn), AC, AC, NA, NA, NA],
            // check_out
            [NI, NI, NI, Ok(Completed), NI, NI, NI, NI],
            // mark_no_show
            [NA, NA, Ok(NoShow), NA, NA, NA, NA, NA],
            // consent recorded in a first-come event, a place found
            [Ok(Accepted), CN, CN, CN, CN, CN, CN, CN],
        ];
        for ((name, step), row) in steps().into_iter().zip(table) {
            for (from, want) in ApplicationStatus::ALL.into_iter().zip(row) {
                assert_eq!(step(from).map_err(|t| t.code), want, "{name} from {from}");
            }
        }
    }

    /// The named steps make exactly the transitions the table allows: none outside it, and
    /// every allowed one by some step.
    #[test]
    fn the_steps_are_the_table() {
        let mut made = std::collections::HashSet::new();
        let extra: [(&str, Step); 1] = [("consent, no place", consent_full)];
        for (name, step) in steps().into_iter().chain(extra) {
            for from in ApplicationStatus::ALL {
                if let Ok(to) = step(from) {
                    if to == from {
                        // A move keeps the status; so does consent in a moderated event.
                        continue;
                    }
                    assert!(from.can_become(to), "{name}: {from} → {to}");
                    made.insert((from, to));
                }
            }
        }
        for (from, to) in pairs() {
            assert_eq!(
                made.contains(&(from, to)),
                from.can_become(to),
                "{from} → {to}"
            );
        }
    }

    #[test]
    fn consent() {
        assert_eq!(Consent::of(false, false), Consent::NotRequired);
        assert_eq!(Consent::of(false, true), Consent::NotRequired);
        assert_eq!(Consent::of(true, false), Consent::Missing);
        assert_eq!(Consent::of(true, true), Consent::Recorded);
        for mode in [EventMode::FirstCome, EventMode::Moderated] {
            for from in ApplicationStatus::ALL {
                for c in [Consent::NotRequired, Consent::Missing, Consent::Recorded] {
                    let want = match (from, c, mode) {
                        (Pending, Consent::Missing, EventMode::Moderated) => {
                            Ok(OnConsent::StaysPending)
                        }
                        (Pending, Consent::Missing, EventMode::FirstCome) => {
                            Ok(OnConsent::SeeksPlace)
                        }
                        _ => Err(CONSENT_NOT_REQUIRED),
                    };
                    assert_eq!(record_consent(from, c, mode), want, "{from} {c:?} {mode:?}");
                }
            }
        }
        assert_eq!(Seat::Taken.after_consent(), Accepted);
        assert_eq!(Seat::Full.after_consent(), Waitlisted);
        assert_eq!(Seat::Overlap.after_consent(), Waitlisted);
    }
}
