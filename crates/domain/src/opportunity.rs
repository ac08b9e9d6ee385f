//! Events, shifts and who may apply: the lifecycle of an event, the checks of a shift, and
//! the law's rules for minors (DOMAIN.md §5).

use chrono::{DateTime, Utc};

use crate::org::{OrgStatus, Transition};
use crate::reference::ActivityType;
use crate::{ADULT_AGE, Invalid};

/// How applications are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventMode {
    /// Accepted at once while places remain, then waitlisted.
    FirstCome,
    /// Pending until a coordinator decides.
    Moderated,
}

impl EventMode {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            EventMode::FirstCome => "first_come",
            EventMode::Moderated => "moderated",
        }
    }
    /// Parses a code.
    pub fn parse(s: &str) -> Result<EventMode, Invalid> {
        match s.trim() {
            "" => Err(Invalid::Required),
            "first_come" => Ok(EventMode::FirstCome),
            "moderated" => Ok(EventMode::Moderated),
            _ => Err(Invalid::ChoiceUnknown),
        }
    }
}

/// The lifecycle of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    /// Being prepared; not public.
    Draft,
    /// Public; takes applications.
    Published,
    /// Done.
    Completed,
    /// Called off; everyone who applied is told.
    Cancelled,
}

impl EventStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Completed => "completed",
            EventStatus::Cancelled => "cancelled",
        }
    }
    /// Parses a code.
    pub fn parse(s: &str) -> Option<EventStatus> {
        [
            EventStatus::Draft,
            EventStatus::Published,
            EventStatus::Completed,
            EventStatus::Cancelled,
        ]
        .into_iter()
        .find(|e| e.code() == s)
    }
}

/// Publishes a draft; only a verified organization publishes (a suspended one never).
pub fn publish(from: EventStatus, org: OrgStatus) -> Result<EventStatus, Transition> {
    if org != OrgStatus::Verified {
        return Err(Transition {
            code: "org_not_verified",
        });
    }
    match from {
        EventStatus::Draft => Ok(EventStatus::Published),
        _ => Err(Transition::INVALID_TRANSITION),
    }
}

/// Cancels a draft or published event.
pub fn cancel(from: EventStatus) -> Result<EventStatus, Transition> {
    match from {
        EventStatus::Draft | EventStatus::Published => Ok(EventStatus::Cancelled),
        _ => Err(Transition::INVALID_TRANSITION),
    }
}

/// The longest shift, in hours.
pub const MAX_SHIFT_HOURS: i64 = 24;
/// The largest capacity of a shift.
pub const MAX_CAPACITY: i64 = 10_000;

/// Checks a shift's times: the end after the start, not in the past, at most a day long.
pub fn shift_times(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Invalid> {
    if ends <= starts {
        return Err(Invalid::EndBeforeStart);
    }
    if starts < now {
        return Err(Invalid::InPast);
    }
    if (ends - starts).num_hours() > MAX_SHIFT_HOURS {
        return Err(Invalid::TooLongSpan {
            max_hours: MAX_SHIFT_HOURS,
        });
    }
    Ok(())
}

/// Parses a capacity: a whole number from 1 to [`MAX_CAPACITY`].
pub fn capacity(s: &str) -> Result<i64, Invalid> {
    let out = Invalid::NumberOutOfRange {
        min: 1,
        max: MAX_CAPACITY,
    };
    match s.trim() {
        "" => Err(Invalid::Required),
        t => t
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_CAPACITY).contains(n))
            .ok_or(out),
    }
}

/// Whether a volunteer may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eligibility {
    /// Yes.
    Eligible,
    /// Yes, but the application is held until a parent's consent is recorded.
    NeedsConsent,
}

/// Why a volunteer may not apply: `age_unknown`, `below_min_age`, `minor_activity_type`,
/// `minor_hazardous` (also the message ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ineligible {
    /// Stable code.
    pub code: &'static str,
}

/// The law for one application: minors never take activity types 3 and 4 or hazardous
/// events; under `consent_age` a parent's consent is needed; the event's minimum age holds.
pub fn eligibility(
    age: Option<u32>,
    activity: &ActivityType,
    hazardous: bool,
    min_age: u32,
    consent_age: u32,
    has_consent: bool,
) -> Result<Eligibility, Ineligible> {
    let Some(age) = age else {
        // Without a birth date the law cannot be applied; ask for it whenever it matters.
        return if activity.adults_only || hazardous || min_age > 0 {
            Err(Ineligible {
                code: "age_unknown",
            })
        } else {
            Ok(Eligibility::Eligible)
        };
    };
    if age < min_age {
        return Err(Ineligible {
            code: "below_min_age",
        });
    }
    if age < ADULT_AGE && activity.adults_only {
        return Err(Ineligible {
            code: "minor_activity_type",
        });
    }
    if age < ADULT_AGE && hazardous {
        return Err(Ineligible {
            code: "minor_hazardous",
        });
    }
    if age < consent_age && !has_consent {
        return Ok(Eligibility::NeedsConsent);
    }
    Ok(Eligibility::Eligible)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::activity_type;
    use chrono::Duration;

    #[test]
    fn only_verified_organizations_publish() {
        assert_eq!(
            publish(EventStatus::Draft, OrgStatus::Verified),
            Ok(EventStatus::Published)
        );
        for org in [
            OrgStatus::Registered,
            OrgStatus::VerificationRequested,
            OrgStatus::Suspended,
            OrgStatus::Rejected,
        ] {
            assert_eq!(
                publish(EventStatus::Draft, org).unwrap_err().code,
                "org_not_verified"
            );
        }
        assert!(publish(EventStatus::Published, OrgStatus::Verified).is_err());
        assert_eq!(cancel(EventStatus::Published), Ok(EventStatus::Cancelled));
        assert!(cancel(EventStatus::Cancelled).is_err());
    }

    #[test]
    fn shifts_end_after_they_start_and_lie_ahead() {
        let now = Utc::now();
        let t = now + Duration::days(1);
        assert_eq!(shift_times(t, t + Duration::hours(4), now), Ok(()));
        assert_eq!(shift_times(t, t, now), Err(Invalid::EndBeforeStart));
        assert_eq!(
            shift_times(t, t - Duration::hours(1), now),
            Err(Invalid::EndBeforeStart)
        );
        assert_eq!(
            shift_times(now - Duration::hours(2), now + Duration::hours(2), now),
            Err(Invalid::InPast)
        );
        assert_eq!(
            shift_times(t, t + Duration::hours(25), now),
            Err(Invalid::TooLongSpan { max_hours: 24 })
        );
        assert_eq!(capacity("20"), Ok(20));
        for bad in ["0", "-5", "10001", "abc", "2.5"] {
            assert_eq!(
                capacity(bad),
                Err(Invalid::NumberOutOfRange {
                    min: 1,
                    max: 10_000
                }),
                "{bad}"
            );
        }
        assert_eq!(capacity(" "), Err(Invalid::Required));
        assert_eq!(EventMode::parse("moderated"), Ok(EventMode::Moderated));
        assert_eq!(EventMode::parse("x"), Err(Invalid::ChoiceUnknown));
        assert_eq!(
            EventStatus::parse("published"),
            Some(EventStatus::Published)
        );
    }

    #[test]
    fn the_law_for_minors() {
        let emergencies = activity_type("emergencies").unwrap();
        let ecology = activity_type("environment").unwrap();
        let e = |age, a, hazardous, min_age, consent| {
            eligibility(age, a, hazardous, min_age, 16, consent)
        };
        assert_eq!(
            e(Some(17), emergencies, false, 0, false),
            Err(Ineligible {
                code: "minor_activity_type"
            })
        );
        assert_eq!(
            e(Some(18), emergencies, false, 0, false),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(17), ecology, true, 0, false),
            Err(Ineligible {
                code: "minor_hazardous"
            })
        );
        assert_eq!(
            e(Some(15), ecology, false, 0, false),
            Ok(Eligibility::NeedsConsent)
        );
        assert_eq!(
            e(Some(15), ecology, false, 0, true),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(16), ecology, false, 0, false),
            Ok(Eligibility::Eligible)
        );
        assert_eq!(
            e(Some(15), ecology, false, 16, true),
            Err(Ineligible {
                code: "below_min_age"
            })
        );
        assert_eq!(e(None, ecology, false, 0, false), Ok(Eligibility::Eligible));
        assert_eq!(
            e(None, emergencies, false, 0, false),
            Err(Ineligible {
                code: "age_unknown"
            })
        );
    }
}
