//! Phone numbers, normalised to E.164.

use std::fmt;

use crate::Invalid;
use crate::values::text_value;

/// A phone number in E.164 form (`+77012345678`).
///
/// Personal data: `Debug` prints only the masked form, and there is deliberately no `Display`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

/// Whether ten national digits after +7 form a Kazakh or Russian number (area codes 3..=9).
fn plausible_plus7(national: &str) -> bool {
    national.len() == 10 && matches!(national.as_bytes()[0], b'3'..=b'9')
}

impl Phone {
    /// Parses a phone number typed in any usual way: `8 (701) 234-56-78`, `+7 701 234 56 78`,
    /// `7012345678`, `+49 30 1234567`.
    pub fn parse(s: &str) -> Result<Phone, Invalid> {
        let compact: String = s
            .chars()
            .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '(' | ')' | '.')))
            .collect();
        if compact.is_empty() {
            return Err(Invalid::Required);
        }
        let (plus, digits) = match compact.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::PhoneMalformed);
        }
        let national = match (plus, digits.len()) {
            (true, _) if digits.starts_with('7') => &digits[1..],
            (true, 8..=15) if !digits.starts_with('0') => return Ok(Phone(compact)),
            (true, _) => return Err(Invalid::PhoneMalformed),
            // Domestic trunk prefix 8 or the country code without "+".
            (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
            // A Kazakh number typed without any prefix: 701 234 56 78.
            (false, 10) if digits.starts_with('7') || digits.starts_with('6') => digits,
            (false, _) => return Err(Invalid::PhoneMalformed),
        };
        if !plausible_plus7(national) {
            return Err(Invalid::PhoneMalformed);
        }
        Ok(Phone(format!("+7{national}")))
    }

    /// The E.164 form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a Kazakh number (+7 6xx / +7 7xx).
    pub fn is_kazakhstan(&self) -> bool {
        self.0.starts_with("+76") || self.0.starts_with("+77")
    }

    fn plus7_national(&self) -> Option<&str> {
        self.0.strip_prefix("+7").filter(|n| n.len() == 10)
    }

    /// Human-readable form: `+7 701 234 56 78` for +7 numbers, E.164 otherwise.
    pub fn display(&self) -> String {
        match self.plus7_national() {
            Some(n) => format!("+7 {} {} {} {}", &n[..3], &n[3..6], &n[6..8], &n[8..]),
            None => self.0.clone(),
        }
    }

    /// The form safe to show widely: `+7 701 *** ** 78`.
    pub fn masked(&self) -> String {
        match self.plus7_national() {
            Some(n) => format!("+7 {} *** ** {}", &n[..3], &n[8..]),
            None => {
                let digits = &self.0[1..];
                let hidden = "*".repeat(digits.len() - 4);
                format!(
                    "+{} {} {}",
                    &digits[..2],
                    hidden,
                    &digits[digits.len() - 2..]
                )
            }
        }
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

text_value!(private Phone);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_forms_normalise() {
        for s in [
            "+7 701 234 56 78",
            "+77012345678",
            "8 (701) 234-56-78",
            "87012345678",
            "7 701 234 56 78",
            "77012345678",
            "701 234 56 78",
            "701.234.56.78",
            "+7\u{a0}701\u{a0}234\u{a0}56\u{a0}78",
        ] {
            assert_eq!(
                Phone::parse(s).map(|p| p.0),
                Ok("+77012345678".to_owned()),
                "{s}"
            );
        }
        assert_eq!(
            Phone::parse("8 7172 55 12 34").unwrap().as_str(),
            "+77172551234"
        );
        assert_eq!(
            Phone::parse("+7 (600) 123 45 67").unwrap().as_str(),
            "+76001234567"
        );
    }

    #[test]
    fn international_numbers() {
        assert_eq!(
            Phone::parse("+49 30 1234567").unwrap().as_str(),
            "+49301234567"
        );
        assert_eq!(
            Phone::parse("+998 90 123 45 67").unwrap().as_str(),
            "+998901234567"
        );
        // Russia shares +7.
        assert_eq!(
            Phone::parse("+7 912 345 67 89").unwrap().as_str(),
            "+79123456789"
        );
        assert!(!Phone::parse("+7 912 345 67 89").unwrap().is_kazakhstan());
        assert!(Phone::parse("87012345678").unwrap().is_kazakhstan());
    }

    #[test]
    fn malformed() {
        assert_eq!(Phone::parse(" - "), Err(Invalid::Required));
        for s in [
            "12345",
            "+7 701 234 56",
            "+7 701 234 56 789",
            "+7 012 345 67 89",
            "8 701 234 56",
            "97012345678",
            "+1234567",
            "+1234567890123456",
            "+0123456789",
            "+",
            "++77012345678",
            "+7701234567a",
            "phone",
            "5012345678",
        ] {
            assert_eq!(Phone::parse(s), Err(Invalid::PhoneMalformed), "{s}");
        }
    }

    #[test]
    fn display_and_mask() {
        let p = Phone::parse("87012345678").unwrap();
        assert_eq!(p.display(), "+7 701 234 56 78");
        assert_eq!(p.masked(), "+7 701 *** ** 78");
        assert_eq!(format!("{p:?}"), "Phone(+7 701 *** ** 78)");
        let de = Phone::parse("+49301234567").unwrap();
        assert_eq!(de.display(), "+49301234567");
        assert_eq!(de.masked(), "+49 ******* 67");
    }
}
