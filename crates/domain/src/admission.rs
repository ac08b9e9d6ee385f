//! Admission to a shift: the one decision of what becomes of a new application (DOMAIN.md §5).
//!
//! The store gathers the facts inside the application's transaction, under its locks (her
//! row, the shift's row), asks [`admit`], and writes what it answers; the single path
//! (`store::placement`) and the batched one (`store::batch`) ask the same question with the
//! same facts, so they cannot disagree. The database keeps its own last word on capacity
//! (the guarded counter update and the CHECK constraint) and on one application per
//! volunteer per shift (the unique key).

use std::fmt;

use chrono::{DateTime, Utc};

use crate::application::ApplicationStatus;
use crate::opportunity::{Eligibility, EventMode, EventStatus, Ineligible, eligibility};
use crate::reference::ActivityType;

/// Who applies, as the law sees her: what the operation knows before the store is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Applicant {
    /// Her age today; `None` without a birth date (refused where the event has age rules).
    pub age: Option<u32>,
    /// Under this age a parent's consent is needed (the `opportunities.consent_age` setting).
    pub consent_age: u32,
}

/// What [`admit`] decides on: the event, the shift and her other applications as the store
/// reads them in the application's transaction, and the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdmissionFacts {
    /// The transaction's clock.
    pub now: DateTime<Utc>,
    /// The event's status: only a published event takes applications.
    pub event_status: EventStatus,
    /// How the event decides: places at once, or a coordinator.
    pub mode: EventMode,
    /// The event's activity type (minors never take the adults-only ones).
    pub activity: &'static ActivityType,
    /// The event is hazardous (no minors).
    pub hazardous: bool,
    /// The event's minimum age (0: none).
    pub min_age: u32,
    /// Who applies.
    pub applicant: Applicant,
    /// When the shift starts: one that has begun takes no more applications.
    pub starts_at: DateTime<Utc>,
    /// The shift's places.
    pub capacity: i64,
    /// Places taken (the shift's `accepted_count`, every application that
    /// [holds a place](ApplicationStatus::holds_place)).
    pub accepted: i64,
    /// She holds another shift at an overlapping time (see [`clashes`]).
    pub overlapping: bool,
    /// She already has an application to this shift, whatever its status.
    pub already_applied: bool,
}

/// What becomes of an admitted application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Admission {
    /// First-come event with a place left: the place is hers (the store takes it with the
    /// guarded counter update).
    Accepted,
    /// First-come event, full: she joins the waitlist.
    Waitlisted,
    /// Moderated event: a coordinator decides.
    Pending,
    /// A minor under the consent age: held (pending, whatever the mode) until a parent's
    /// consent is recorded.
    AwaitingConsent,
}

impl Admission {
    /// The status the application is stored with.
    pub fn status(self) -> ApplicationStatus {
        match self {
            Admission::Accepted => ApplicationStatus::Accepted,
            Admission::Waitlisted => ApplicationStatus::Waitlisted,
            Admission::Pending | Admission::AwaitingConsent => ApplicationStatus::Pending,
        }
    }

    /// Whether it is held for a parent's consent (stored as `consent_required`).
    pub fn consent_required(self) -> bool {
        self == Admission::AwaitingConsent
    }

    /// Whether it takes one of the shift's places now.
    pub fn takes_place(self) -> bool {
        self == Admission::Accepted
    }
}

/// Why an application, or a place, is refused; [`Refusal::code`] is the API error code and
/// the Fluent message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `event_not_open`: the event is not published (a draft, completed or cancelled).
    EventNotOpen,
    /// The law refuses her: `age_unknown`, `below_min_age`, `minor_activity_type`,
    /// `minor_hazardous` (see [`crate::opportunity::eligibility`]).
    Ineligible(Ineligible),
    /// `shift_started`: the shift has begun.
    ShiftStarted,
    /// `overlapping_shift`: she holds another shift at that time.
    OverlappingShift,
    /// `already_applied`: she already applied to this shift.
    AlreadyApplied,
    /// `shift_full`: no place left (a coordinator's acceptance or a move; a new
    /// application is waitlisted instead).
    ShiftFull,
}

impl Refusal {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::EventNotOpen => "event_not_open",
            Refusal::Ineligible(i) => i.code,
            Refusal::ShiftStarted => "shift_started",
            Refusal::OverlappingShift => "overlapping_shift",
            Refusal::AlreadyApplied => "already_applied",
            Refusal::ShiftFull => "shift_full",
        }
    }

    /// Whether the law refuses her (forbidden, the store's `Error::Refused`) rather than the
    /// state of the event or the shift (a conflict, the store's `Error::Conflict`).
    pub fn by_law(self) -> bool {
        matches!(self, Refusal::Ineligible(_))
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for Refusal {}

/// Admits a new application, or refuses it. The checks, in this order (the first that
/// fails answers): the event is published; the law ([`eligibility`]; a minor under the
/// consent age is held); the shift has not begun; she holds no overlapping shift; she has
/// not applied to it yet. Then: held for consent → [`Admission::AwaitingConsent`];
/// moderated → [`Admission::Pending`]; a place left → [`Admission::Accepted`]; else
/// [`Admission::Waitlisted`].
///
/// A store that finds the place gone when it takes it (its guarded counter update changed
/// no row: another transaction took the last one) asks again with `accepted: capacity` and
/// gets [`Admission::Waitlisted`].
pub fn admit(f: &AdmissionFacts) -> Result<Admission, Refusal> {
    if f.event_status != EventStatus::Published {
        return Err(Refusal::EventNotOpen);
    }
    let law = eligibility(
        f.applicant.age,
        f.activity,
        f.hazardous,
        f.min_age,
        f.applicant.consent_age,
        // A new application has no consent recorded yet.
        false,
    )
    .map_err(Refusal::Ineligible)?;
    if f.starts_at <= f.now {
        return Err(Refusal::ShiftStarted);
    }
    if f.overlapping {
        return Err(Refusal::OverlappingShift);
    }
    if f.already_applied {
        return Err(Refusal::AlreadyApplied);
    }
    Ok(if law == Eligibility::NeedsConsent {
        Admission::AwaitingConsent
    } else if f.mode == EventMode::Moderated {
        Admission::Pending
    } else if f.accepted < f.capacity {
        Admission::Accepted
    } else {
        Admission::Waitlisted
    })
}

/// Whether two spans of time overlap (a shift ending when the other starts does not).
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Whether one of her applications, with `status` for a shift at `held`, keeps her from
/// another shift at `wanted`: it [occupies her time](ApplicationStatus::occupies_time) and
/// the times [overlap](overlaps). (Her application to the wanted shift itself never counts;
/// the store leaves it out by its id.)
pub fn clashes(
    status: ApplicationStatus,
    held: (DateTime<Utc>, DateTime<Utc>),
    wanted: (DateTime<Utc>, DateTime<Utc>),
) -> bool {
    status.occupies_time() && overlaps(held, wanted)
}

/// What seeking a place in a shift found, for an application that already exists (a
/// coordinator's acceptance, a move, a promotion from the waitlist, a recorded consent):
/// the store checks her overlapping shifts, then takes a place with the guarded update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seat {
    /// The place is hers.
    Taken,
    /// No place was left.
    Full,
    /// She holds another shift at that time.
    Overlap,
}

impl Seat {
    /// For a coordinator's acceptance or a move of an accepted application: the place, or
    /// [`Refusal::OverlappingShift`] / [`Refusal::ShiftFull`].
    pub fn for_acceptance(self) -> Result<(), Refusal> {
        match self {
            Seat::Taken => Ok(()),
            Seat::Full => Err(Refusal::ShiftFull),
            Seat::Overlap => Err(Refusal::OverlappingShift),
        }
    }

    /// For a held application whose consent was just recorded in a first-come event:
    /// accepted with the place, waitlisted without one (also when she holds an overlapping
    /// shift: she may be promoted once that one is gone).
    pub fn after_consent(self) -> ApplicationStatus {
        match self {
            Seat::Taken => ApplicationStatus::Accepted,
            Seat::Full | Seat::Overlap => ApplicationStatus::Waitlisted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::activity_type;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 5, 1, 9, 0, 0).unwrap()
    }

    /// An adult applying to tomorrow's shift of a published first-come event with places.
    fn base() -> AdmissionFacts {
        AdmissionFacts {
            now: now(),
            event_status: EventStatus::Published,
            mode: EventMode::FirstCome,
            activity: activity_type("environment").unwrap(),
            hazardous: false,
            min_age: 0,
            applicant: Applicant {
                age: Some(30),
                consent_age: 16,
            },
            starts_at: now() + Duration::days(1),
            capacity: 10,
            accepted: 3,
            overlapping: false,
            already_applied: false,
        }
    }

    fn law(code: &'static str) -> Result<Admission, Refusal> {
        Err(Refusal::Ineligible(Ineligible { code }))
    }

    /// Every branch, each from the base case with one or two facts changed.
    #[test]
    fn every_branch() {
        type Change = fn(&mut AdmissionFacts);
        let cases: &[(&str, Change, Result<Admission, Refusal>)] = &[
            ("a place left", |_| {}, Ok(Admission::Accepted)),
            (
                "the last place",
                |f| f.accepted = 9,
                Ok(Admission::Accepted),
            ),
            ("full", |f| f.accepted = 10, Ok(Admission::Waitlisted)),
            (
                "overfull (never, but safe)",
                |f| f.accepted = 11,
                Ok(Admission::Waitlisted),
            ),
            (
                "moderated",
                |f| f.mode = EventMode::Moderated,
                Ok(Admission::Pending),
            ),
            (
                "moderated and full",
                |f| {
                    f.mode = EventMode::Moderated;
                    f.accepted = 10;
                },
                Ok(Admission::Pending),
            ),
            (
                "a minor under the consent age",
                |f| f.applicant.age = Some(15),
                Ok(Admission::AwaitingConsent),
            ),
            (
                "a minor under the consent age, moderated",
                |f| {
                    f.applicant.age = Some(15);
                    f.mode = EventMode::Moderated;
                },
                Ok(Admission::AwaitingConsent),
            ),
            (
                "a minor under the consent age, full",
                |f| {
                    f.applicant.age = Some(15);
                    f.accepted = 10;
                },
                Ok(Admission::AwaitingConsent),
            ),
            (
                "a minor at the consent age",
                |f| f.applicant.age = Some(16),
                Ok(Admission::Accepted),
            ),
            (
                "no birth date, no age rules",
                |f| f.applicant.age = None,
                Ok(Admission::Accepted),
            ),
            (
                "a draft",
                |f| f.event_status = EventStatus::Draft,
                Err(Refusal::EventNotOpen),
            ),
            (
                "completed",
                |f| f.event_status = EventStatus::Completed,
                Err(Refusal::EventNotOpen),
            ),
            (
                "cancelled",
                |f| f.event_status = EventStatus::Cancelled,
                Err(Refusal::EventNotOpen),
            ),
            (
                "no birth date, a minimum age",
                |f| {
                    f.applicant.age = None;
                    f.min_age = 14;
                },
                law("age_unknown"),
            ),
            (
                "below the minimum age",
                |f| {
                    f.applicant.age = Some(15);
                    f.min_age = 16;
                },
                law("below_min_age"),
            ),
            (
                "a minor, adults-only activity",
                |f| {
                    f.applicant.age = Some(17);
                    f.activity = activity_type("emergencies").unwrap();
                },
                law("minor_activity_type"),
            ),
            (
                "a minor, hazardous",
                |f| {
                    f.applicant.age = Some(17);
                    f.hazardous = true;
                },
                law("minor_hazardous"),
            ),
            (
                "starts now",
                |f| f.starts_at = f.now,
                Err(Refusal::ShiftStarted),
            ),
            (
                "began an hour ago",
                |f| f.starts_at = f.now - Duration::hours(1),
                Err(Refusal::ShiftStarted),
            ),
            (
                "starts in a second",
                |f| f.starts_at = f.now + Duration::seconds(1),
                Ok(Admission::Accepted),
            ),
            (
                "an overlapping shift",
                |f| f.overlapping = true,
                Err(Refusal::OverlappingShift),
            ),
            (
                "applied already",
                |f| f.already_applied = true,
                Err(Refusal::AlreadyApplied),
            ),
        ];
        for (name, change, want) in cases {
            let mut f = base();
            change(&mut f);
            assert_eq!(admit(&f), *want, "{name}");
        }
    }

    /// When several checks fail, the first in order answers: event, law, start, overlap,
    /// already applied.
    #[test]
    fn the_order_of_the_checks() {
        let mut f = base();
        f.already_applied = true;
        assert_eq!(admit(&f), Err(Refusal::AlreadyApplied));
        f.overlapping = true;
        assert_eq!(admit(&f), Err(Refusal::OverlappingShift));
        f.starts_at = f.now;
        assert_eq!(admit(&f), Err(Refusal::ShiftStarted));
        f.applicant.age = Some(17);
        f.hazardous = true;
        assert_eq!(admit(&f), law("minor_hazardous"));
        f.event_status = EventStatus::Draft;
        assert_eq!(admit(&f), Err(Refusal::EventNotOpen));
    }

    /// Over every combination of the facts: refusals never depend on the places; a decision
    /// always stores an initial status; and the store's fallback holds (an acceptance asked
    /// again with no place left is a waitlisting).
    #[test]
    fn over_every_combination() {
        let statuses = [
            EventStatus::Draft,
            EventStatus::Published,
            EventStatus::Completed,
            EventStatus::Cancelled,
        ];
        let people = [Some(30), Some(16), Some(15), Some(12), None];
        let mut seen = std::collections::HashSet::new();
        for event_status in statuses {
            for mode in [EventMode::FirstCome, EventMode::Moderated] {
                for age in people {
                    for (hazardous, min_age) in [(false, 0), (true, 0), (false, 14)] {
                        for starts in [-1, 0, 1] {
                            for overlapping in [false, true] {
                                for already_applied in [false, true] {
                                    for accepted in [0, 9, 10] {
                                        let f = AdmissionFacts {
                                            event_status,
                                            mode,
                                            hazardous,
                                            min_age,
                                            applicant: Applicant {
                                                age,
                                                consent_age: 16,
                                            },
                                            starts_at: now() + Duration::hours(starts),
                                            overlapping,
                                            already_applied,
                                            accepted,
                                            ..base()
                                        };
                                        check(&f);
                                        seen.insert(format!("{:?}", admit(&f)));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Every outcome happens somewhere: 4 admissions, 4 refusals besides the law's, and
        // 3 of the law's (age unknown, below the minimum age, a minor and hazardous).
        assert_eq!(seen.len(), 4 + 4 + 3, "{seen:?}");
    }

    fn check(f: &AdmissionFacts) {
        let got = admit(f);
        let full = AdmissionFacts {
            accepted: f.capacity,
            ..*f
        };
        let empty = AdmissionFacts { accepted: 0, ..*f };
        match got {
            Err(r) => {
                assert_eq!(admit(&full), Err(r), "{f:?}");
                assert_eq!(admit(&empty), Err(r), "{f:?}");
                assert!(
                    r != Refusal::ShiftFull,
                    "a new application is never refused a place"
                );
            }
            Ok(a) => {
                assert!(
                    matches!(
                        a.status(),
                        ApplicationStatus::Pending
                            | ApplicationStatus::Waitlisted
                            | ApplicationStatus::Accepted
                    ),
                    "{f:?}"
                );
                assert_eq!(a.consent_required(), a == Admission::AwaitingConsent);
                assert_eq!(a.takes_place(), a.status().holds_place());
                if a == Admission::Accepted {
                    assert_eq!(admit(&full), Ok(Admission::Waitlisted), "{f:?}");
                    assert_eq!(f.mode, EventMode::FirstCome);
                }
                if a == Admission::Waitlisted {
                    assert_eq!(admit(&empty), Ok(Admission::Accepted), "{f:?}");
                }
            }
        }
    }

    #[test]
    fn admissions_and_refusals_say_what_they_store() {
        assert_eq!(
            [
                Admission::Accepted,
                Admission::Waitlisted,
                Admission::Pending,
                Admission::AwaitingConsent
            ]
            .map(|a| (a.status().code(), a.consent_required(), a.takes_place())),
            [
                ("accepted", false, true),
                ("waitlisted", false, false),
                ("pending", false, false),
                ("pending", true, false)
            ]
        );
        let all = [
            Refusal::EventNotOpen,
            Refusal::Ineligible(Ineligible {
                code: "minor_hazardous",
            }),
            Refusal::ShiftStarted,
            Refusal::OverlappingShift,
            Refusal::AlreadyApplied,
            Refusal::ShiftFull,
        ];
        assert_eq!(
            all.map(Refusal::code),
            [
                "event_not_open",
                "minor_hazardous",
                "shift_started",
                "overlapping_shift",
                "already_applied",
                "shift_full"
            ]
        );
        assert_eq!(
            all.map(Refusal::by_law),
            [false, true, false, false, false, false]
        );
        assert_eq!(Refusal::ShiftFull.to_string(), "shift_full");
    }

    #[test]
    fn overlaps_and_clashes() {
        let h = |a: i64, b: i64| (now() + Duration::hours(a), now() + Duration::hours(b));
        assert!(overlaps(h(10, 14), h(12, 16)));
        assert!(overlaps(h(12, 16), h(10, 14)));
        assert!(overlaps(h(10, 14), h(11, 12)));
        assert!(overlaps(h(11, 12), h(10, 14)));
        assert!(overlaps(h(10, 14), h(10, 14)));
        assert!(
            !overlaps(h(10, 14), h(14, 18)),
            "touching ends do not overlap"
        );
        assert!(!overlaps(h(14, 18), h(10, 14)));
        assert!(!overlaps(h(10, 12), h(13, 15)));
        for s in ApplicationStatus::ALL {
            assert_eq!(clashes(s, h(10, 14), h(12, 16)), s.occupies_time(), "{s}");
            assert!(!clashes(s, h(10, 14), h(14, 16)), "{s}");
        }
    }

    #[test]
    fn seats() {
        assert_eq!(Seat::Taken.for_acceptance(), Ok(()));
        assert_eq!(Seat::Full.for_acceptance(), Err(Refusal::ShiftFull));
        assert_eq!(
            Seat::Overlap.for_acceptance(),
            Err(Refusal::OverlappingShift)
        );
    }
}
