//! The Kazakh individual identification number (ЖСН / ИИН).
//!
//! Layout: `YYMMDD` birth date, a century-and-sex digit (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s;
//! odd = male, even = female), four serial digits and a check digit.

use std::fmt;

use chrono::NaiveDate;

use crate::Invalid;
use crate::checksum;
use crate::values::text_value;

/// Sex as encoded in the seventh digit of an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Odd century digit.
    Male,
    /// Even century digit.
    Female,
}

/// A valid IIN: 12 digits, a real birth date, a known century digit and a correct check digit.
///
/// Personal data: `Debug` prints only the masked form, and there is deliberately no `Display`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin(String);

/// Appends the check digit to 11 ASCII digits; `None` if the input is not 11 digits or no
/// check digit exists. The birth date is not checked (demo-data generators choose it).
pub fn iin_with_check_digit(first11: &str) -> Option<String> {
    checksum::with_check_digit(first11)
}

/// The birth date encoded in the first seven digits, if they are a real date and a known century.
fn encoded_birth_date(digits: &[u32]) -> Option<NaiveDate> {
    let century = match digits[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = century + i32::try_from(digits[0] * 10 + digits[1]).ok()?;
    NaiveDate::from_ymd_opt(year, digits[2] * 10 + digits[3], digits[4] * 10 + digits[5])
}

impl Iin {
    /// Parses an IIN; spaces are ignored.
    pub fn parse(s: &str) -> Result<Iin, Invalid> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(Invalid::Required);
        }
        if compact.len() != 12 || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::IinMalformed);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        if encoded_birth_date(&digits).is_none() {
            return Err(Invalid::IinMalformed);
        }
        if !checksum::is_valid(&digits) {
            return Err(Invalid::IinChecksum);
        }
        Ok(Iin(compact))
    }

    /// The encoded birth date.
    pub fn birth_date(&self) -> NaiveDate {
        let digits: Vec<u32> = self.0.bytes().map(|b| u32::from(b - b'0')).collect();
        encoded_birth_date(&digits).expect("a parsed IIN encodes a valid date")
    }

    /// The encoded sex.
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[6] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// `Ok` when the IIN encodes `birth`, else [`Invalid::IinBirthDateMismatch`].
    pub fn check_birth_date(&self, birth: NaiveDate) -> Result<(), Invalid> {
        if self.birth_date() == birth {
            Ok(())
        } else {
            Err(Invalid::IinBirthDateMismatch)
        }
    }

    /// The form the public may see: first two and last two digits, e.g. `99********23`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..2], &self.0[10..])
    }

    /// All 12 digits (personal data: show only to those allowed to see it).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iin({})", self.masked())
    }
}

text_value!(private Iin);

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // Check digits below were computed by hand from the published weights.
    #[test]
    fn valid_iins() {
        let cases = [
            ("990115400006", date(1999, 1, 15), Sex::Female),
            ("050220501234", date(2005, 2, 20), Sex::Male),
            ("850723304565", date(1985, 7, 23), Sex::Male),
            ("001231607898", date(2000, 12, 31), Sex::Female),
            ("751231412341", date(1975, 12, 31), Sex::Female),
            ("920229300017", date(1992, 2, 29), Sex::Male),
            ("881231100424", date(1888, 12, 31), Sex::Male),
        ];
        for (s, birth, sex) in cases {
            let iin = Iin::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(iin.as_str(), s);
            assert_eq!(iin.birth_date(), birth, "{s}");
            assert_eq!(iin.sex(), sex, "{s}");
            assert_eq!(iin.check_birth_date(birth), Ok(()));
            assert_eq!(
                iin.check_birth_date(birth.succ_opt().unwrap()),
                Err(Invalid::IinBirthDateMismatch)
            );
        }
    }

    #[test]
    fn spaces_are_ignored() {
        assert_eq!(
            Iin::parse(" 9901 1540 0006 ").unwrap().as_str(),
            "990115400006"
        );
    }

    #[test]
    fn wrong_check_digit() {
        for s in ["990115400007", "050220501230", "850723304569"] {
            assert_eq!(Iin::parse(s), Err(Invalid::IinChecksum), "{s}");
        }
    }

    #[test]
    fn weight_fallback_branch() {
        // 9·1+9·2+0·3+1·4+1·5+5·6+4·7+0·8+0·9+7·10+0·11 = 164 ≡ 10 (mod 11): second weights apply,
        // 9·3+9·4+0·5+1·6+1·7+5·8+4·9+0·10+0·11+7·1+0·2 = 159 ≡ 5.
        assert_eq!(
            iin_with_check_digit("99011540070").as_deref(),
            Some("990115400705")
        );
        assert!(Iin::parse("990115400705").is_ok());
        assert_eq!(Iin::parse("990115400700"), Err(Invalid::IinChecksum));
        // Both weightings give 10: no check digit can make this valid.
        assert_eq!(iin_with_check_digit("99011540078"), None);
        for last in 0..=9 {
            assert_eq!(
                Iin::parse(&format!("99011540078{last}")),
                Err(Invalid::IinChecksum)
            );
        }
    }

    #[test]
    fn helper_agrees_with_parse() {
        for serial in 0..200 {
            let first11 = format!("0506306{serial:04}");
            match iin_with_check_digit(&first11) {
                Some(iin) => assert!(Iin::parse(&iin).is_ok(), "{iin}"),
                None => {
                    assert!((0..=9).all(|d| Iin::parse(&format!("{first11}{d}")).is_err()));
                }
            }
        }
        assert_eq!(iin_with_check_digit("1234567890"), None);
        assert_eq!(iin_with_check_digit("1234567890a"), None);
    }

    #[test]
    fn malformed() {
        assert_eq!(Iin::parse(""), Err(Invalid::Required));
        assert_eq!(Iin::parse("   "), Err(Invalid::Required));
        for s in [
            "99011540000",
            "9901154000061",
            "99011540000a",
            "99-115400006",
            "９９０１１５４０００６",
        ] {
            assert_eq!(Iin::parse(s), Err(Invalid::IinMalformed), "{s}");
        }
    }

    #[test]
    fn bad_dates_and_centuries() {
        let bad = [
            "99131540000", // month 13
            "99003140000", // month 0
            "99010040000", // day 0
            "99023040000", // 30 February
            "93022930000", // 29 February 1993
            "99043140000", // 31 April
            "99011500000", // century digit 0
            "99011570000", // century digit 7
            "99011580000", // century digit 8
            "99011590000", // century digit 9
        ];
        for first11 in bad {
            // Give each a correct check digit so that only the date or century is at fault.
            let iin = iin_with_check_digit(first11)
                .or_else(|| iin_with_check_digit(&format!("{}1", &first11[..10])))
                .unwrap();
            assert_eq!(Iin::parse(&iin), Err(Invalid::IinMalformed), "{iin}");
        }
    }

    #[test]
    fn masked_everywhere_but_as_str() {
        let iin = Iin::parse("990115400006").unwrap();
        assert_eq!(iin.masked(), "99********06");
        assert_eq!(format!("{iin:?}"), "Iin(99********06)");
        assert!(!format!("{:?}", Some(&iin)).contains("0115"));
    }
}
