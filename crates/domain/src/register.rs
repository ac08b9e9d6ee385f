//! The register of volunteer activity (the ministry's rules of 2024).
//!
//! Lifecycle (DOMAIN.md §4): `submitted → under_review → included | refused`, and an included
//! entry can later be `excluded`. Refusal and exclusion come with a reason
//! ([`crate::org::reason`]).

use crate::Invalid;
use crate::org::Transition;
use crate::values::codes;

codes! {
    /// Where an application to the register stands.
    pub enum RegisterStatus {
        /// Sent, not yet opened by the national admin.
        Submitted = "submitted",
        /// Opened by the national admin.
        UnderReview = "under_review",
        /// Included in the public register.
        Included = "included",
        /// Refused (with a reason).
        Refused = "refused",
        /// Included, then excluded (with a reason).
        Excluded = "excluded",
    }
}

impl RegisterStatus {
    /// Whether the application still awaits a decision (`submitted` or `under_review`).
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            RegisterStatus::Submitted | RegisterStatus::UnderReview
        )
    }
}

codes! {
    /// Who applies to the register.
    pub enum ApplicantKind {
        /// A volunteer, for themself.
        Volunteer = "volunteer",
        /// An organization, by its owner.
        Organization = "organization",
    }
}

/// The national admin opens an application: `submitted → under_review`.
///
/// Refusals: `already_decided` once included, refused or excluded; `invalid_transition` when
/// already under review.
pub fn start_review(from: RegisterStatus) -> Result<RegisterStatus, Transition> {
    match from {
        RegisterStatus::Submitted => Ok(RegisterStatus::UnderReview),
        RegisterStatus::UnderReview => Err(Transition::INVALID_TRANSITION),
        RegisterStatus::Included | RegisterStatus::Refused | RegisterStatus::Excluded => {
            Err(Transition::ALREADY_DECIDED)
        }
    }
}

/// The national admin includes (`include`) or refuses an application, from `submitted` or
/// `under_review`; otherwise `already_decided`.
pub fn decide(from: RegisterStatus, include: bool) -> Result<RegisterStatus, Transition> {
    match from {
        RegisterStatus::Submitted | RegisterStatus::UnderReview => Ok(if include {
            RegisterStatus::Included
        } else {
            RegisterStatus::Refused
        }),
        RegisterStatus::Included | RegisterStatus::Refused | RegisterStatus::Excluded => {
            Err(Transition::ALREADY_DECIDED)
        }
    }
}

/// The national admin excludes an included entry: `included → excluded`; otherwise
/// `not_included`.
pub fn exclude(from: RegisterStatus) -> Result<RegisterStatus, Transition> {
    match from {
        RegisterStatus::Included => Ok(RegisterStatus::Excluded),
        RegisterStatus::Submitted
        | RegisterStatus::UnderReview
        | RegisterStatus::Refused
        | RegisterStatus::Excluded => Err(Transition::NOT_INCLUDED),
    }
}

/// Fewest participants an application may declare.
pub const MIN_PARTICIPANTS: i64 = 1;
/// Most participants an application may declare.
pub const MAX_PARTICIPANTS: i64 = 1_000_000;

/// The number of participants: a whole number from 1 to 1,000,000. Digit-group spaces
/// (`1 000`, also no-break spaces) are ignored; empty is [`Invalid::Required`]; anything else,
/// including text that is not a whole number, is [`Invalid::NumberOutOfRange`].
pub fn participants(s: &str) -> Result<i64, Invalid> {
    let out_of_range = Invalid::NumberOutOfRange {
        min: MIN_PARTICIPANTS,
        max: MAX_PARTICIPANTS,
    };
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    let compact: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if !compact.bytes().all(|b| b.is_ascii_digit()) {
        return Err(out_of_range);
    }
    match compact.parse::<i64>() {
        Ok(n) if (MIN_PARTICIPANTS..=MAX_PARTICIPANTS).contains(&n) => Ok(n),
        _ => Err(out_of_range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use RegisterStatus::*;

    #[test]
    fn statuses_and_kinds_round_trip() {
        let codes = [
            "submitted",
            "under_review",
            "included",
            "refused",
            "excluded",
        ];
        for (st, code) in RegisterStatus::ALL.into_iter().zip(codes) {
            assert_eq!(st.code(), code);
            assert_eq!(RegisterStatus::from_code(code), Some(st));
            assert_eq!(st.to_string(), code);
        }
        assert_eq!(RegisterStatus::from_code("Included"), None);
        assert!(Submitted.is_pending() && UnderReview.is_pending());
        assert!(!Included.is_pending() && !Refused.is_pending() && !Excluded.is_pending());
        for (k, code) in ApplicantKind::ALL
            .into_iter()
            .zip(["volunteer", "organization"])
        {
            assert_eq!(k.code(), code);
            assert_eq!(ApplicantKind::parse(code), Ok(k));
            assert_eq!(k.to_string(), code);
        }
        assert_eq!(ApplicantKind::parse(" "), Err(Invalid::Required));
        assert_eq!(ApplicantKind::parse("company"), Err(Invalid::ChoiceUnknown));
    }

    #[test]
    fn start_review_every_status() {
        let expected: [(RegisterStatus, Result<RegisterStatus, Transition>); 5] = [
            (Submitted, Ok(UnderReview)),
            (UnderReview, Err(Transition::INVALID_TRANSITION)),
            (Included, Err(Transition::ALREADY_DECIDED)),
            (Refused, Err(Transition::ALREADY_DECIDED)),
            (Excluded, Err(Transition::ALREADY_DECIDED)),
        ];
        for (from, to) in expected {
            assert_eq!(start_review(from), to, "{from:?}");
        }
    }

    #[test]
    fn decide_every_status() {
        let expected: [(RegisterStatus, bool, Result<RegisterStatus, Transition>); 10] = [
            (Submitted, true, Ok(Included)),
            (Submitted, false, Ok(Refused)),
            (UnderReview, true, Ok(Included)),
            (UnderReview, false, Ok(Refused)),
            (Included, true, Err(Transition::ALREADY_DECIDED)),
            (Included, false, Err(Transition::ALREADY_DECIDED)),
            (Refused, true, Err(Transition::ALREADY_DECIDED)),
            (Refused, false, Err(Transition::ALREADY_DECIDED)),
            (Excluded, true, Err(Transition::ALREADY_DECIDED)),
            (Excluded, false, Err(Transition::ALREADY_DECIDED)),
        ];
        for (from, include, to) in expected {
            assert_eq!(decide(from, include), to, "{from:?} {include}");
        }
    }

    #[test]
    fn exclude_every_status() {
        let expected: [(RegisterStatus, Result<RegisterStatus, Transition>); 5] = [
            (Submitted, Err(Transition::NOT_INCLUDED)),
            (UnderReview, Err(Transition::NOT_INCLUDED)),
            (Included, Ok(Excluded)),
            (Refused, Err(Transition::NOT_INCLUDED)),
            (Excluded, Err(Transition::NOT_INCLUDED)),
        ];
        for (from, to) in expected {
            assert_eq!(exclude(from), to, "{from:?}");
        }
        assert_eq!(exclude(Refused).unwrap_err().code, "not_included");
    }

    #[test]
    fn participants_range() {
        let range = Invalid::NumberOutOfRange {
            min: 1,
            max: 1_000_000,
        };
        assert_eq!(participants("1"), Ok(1));
        assert_eq!(participants(" 25 "), Ok(25));
        assert_eq!(participants("1000000"), Ok(1_000_000));
        assert_eq!(participants("1 000 000"), Ok(1_000_000));
        assert_eq!(participants("12\u{a0}500"), Ok(12_500));
        assert_eq!(participants("007"), Ok(7));
        assert_eq!(participants(""), Err(Invalid::Required));
        assert_eq!(participants("   "), Err(Invalid::Required));
        for bad in [
            "0",
            "-1",
            "+5",
            "1000001",
            "99999999999999999999999",
            "1.5",
            "1,5",
            "ten",
            "5 people",
            "٣",
            "１",
        ] {
            assert_eq!(participants(bad), Err(range.clone()), "{bad:?}");
        }
    }
}
