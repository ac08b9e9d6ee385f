//! Why a value was rejected: one stable code per reason, shared by forms, the API and Fluent.

use std::fmt;

/// A reason why an input value is not acceptable.
///
/// [`Invalid::code`] is stable: it is the API error code and the suffix of the Fluent message id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    /// The value is empty but required.
    Required,
    /// The value has more than `max` characters.
    TooLong {
        /// Largest accepted number of characters.
        max: usize,
    },
    /// The value has fewer than `min` characters.
    TooShort {
        /// Smallest accepted number of characters.
        min: usize,
    },
    /// The e-mail address is not of the form `local@domain.tld`.
    EmailMalformed,
    /// The password has fewer than `min` characters.
    PasswordTooShort {
        /// Smallest accepted number of characters.
        min: usize,
    },
    /// The password has more than `max` characters.
    PasswordTooLong {
        /// Largest accepted number of characters.
        max: usize,
    },
    /// The password is on the list of common passwords or trivially guessable.
    PasswordTooCommon,
    /// The password equals the e-mail address or its local part.
    PasswordSameAsEmail,
    /// The IIN is not 12 digits encoding a birth date and century.
    IinMalformed,
    /// The IIN's check digit is wrong.
    IinChecksum,
    /// The IIN encodes a birth date other than the one given.
    IinBirthDateMismatch,
    /// The phone number is not a valid Kazakh or international number.
    PhoneMalformed,
    /// The date is not of the form YYYY-MM-DD.
    DateMalformed,
    /// The date lies in the future.
    DateInFuture,
    /// The date lies implausibly far in the past.
    DateTooOld,
    /// The text contains characters not allowed here.
    NameMalformed,
    /// The region code is not one of the 20 regions of Kazakhstan.
    RegionUnknown,
    /// The value is not one of the offered choices.
    ChoiceUnknown,
}

impl Invalid {
    /// Stable snake_case code (API error code and Fluent message id suffix).
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::Required => "required",
            Invalid::TooLong { .. } => "too_long",
            Invalid::TooShort { .. } => "too_short",
            Invalid::EmailMalformed => "email_malformed",
            Invalid::PasswordTooShort { .. } => "password_too_short",
            Invalid::PasswordTooLong { .. } => "password_too_long",
            Invalid::PasswordTooCommon => "password_too_common",
            Invalid::PasswordSameAsEmail => "password_same_as_email",
            Invalid::IinMalformed => "iin_malformed",
            Invalid::IinChecksum => "iin_checksum",
            Invalid::IinBirthDateMismatch => "iin_birth_date_mismatch",
            Invalid::PhoneMalformed => "phone_malformed",
            Invalid::DateMalformed => "date_malformed",
            Invalid::DateInFuture => "date_in_future",
            Invalid::DateTooOld => "date_too_old",
            Invalid::NameMalformed => "name_malformed",
            Invalid::RegionUnknown => "region_unknown",
            Invalid::ChoiceUnknown => "choice_unknown",
        }
    }

    /// Named numeric arguments for the message (e.g. `("max", 254)`), empty when there are none.
    pub fn args(&self) -> Vec<(&'static str, i64)> {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        match self {
            Invalid::TooLong { max } | Invalid::PasswordTooLong { max } => vec![("max", n(*max))],
            Invalid::TooShort { min } | Invalid::PasswordTooShort { min } => {
                vec![("min", n(*min))]
            }
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for Invalid {}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Invalid> {
        vec![
            Invalid::Required,
            Invalid::TooLong { max: 5 },
            Invalid::TooShort { min: 2 },
            Invalid::EmailMalformed,
            Invalid::PasswordTooShort { min: 10 },
            Invalid::PasswordTooLong { max: 128 },
            Invalid::PasswordTooCommon,
            Invalid::PasswordSameAsEmail,
            Invalid::IinMalformed,
            Invalid::IinChecksum,
            Invalid::IinBirthDateMismatch,
            Invalid::PhoneMalformed,
            Invalid::DateMalformed,
            Invalid::DateInFuture,
            Invalid::DateTooOld,
            Invalid::NameMalformed,
            Invalid::RegionUnknown,
            Invalid::ChoiceUnknown,
        ]
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let codes: Vec<&str> = all().iter().map(Invalid::code).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        for c in codes {
            assert!(
                c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{c}"
            );
        }
    }

    #[test]
    fn args_and_display() {
        assert_eq!(Invalid::TooLong { max: 254 }.args(), vec![("max", 254)]);
        assert_eq!(
            Invalid::PasswordTooShort { min: 10 }.args(),
            vec![("min", 10)]
        );
        assert!(Invalid::Required.args().is_empty());
        assert_eq!(Invalid::IinChecksum.to_string(), "iin_checksum");
        let e: Box<dyn std::error::Error> = Box::new(Invalid::Required);
        assert_eq!(e.to_string(), "required");
    }
}
