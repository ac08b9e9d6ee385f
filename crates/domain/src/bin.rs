//! The Kazakh business identification number (БСН / БИН) of a legal entity.
//!
//! Layout: `YYMM` of registration, an entity-type digit (4 resident legal entity,
//! 5 non-resident legal entity, 6 joint individual entrepreneurship), an attribute digit
//! (0 head office, 1 branch, 2 representative office, 3 peasant farm, 4 other), five serial
//! digits and a check digit computed exactly as for the IIN.
//!
//! A BIN identifies an organization, not a person: it is public, so it has a `Display`.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::checksum;
use crate::values::text_value;

/// A valid BIN: 12 digits, a registration month, a known entity type and attribute, and a
/// correct check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bin(String);

/// Appends the check digit to 11 ASCII digits; `None` if the input is not 11 digits or no
/// check digit exists. The month, entity type and attribute are not checked (demo-data
/// generators choose them), so give e.g. `YYMM40` + 5 serial digits.
pub fn bin_with_check_digit(first11: &str) -> Option<String> {
    checksum::with_check_digit(first11)
}

/// Whether the first six digits are a month 01–12, an entity type 4/5/6 and an attribute 0–4.
fn structure_ok(digits: &[u32]) -> bool {
    let month = digits[2] * 10 + digits[3];
    (1..=12).contains(&month) && matches!(digits[4], 4..=6) && digits[5] <= 4
}

impl Bin {
    /// Parses a BIN; spaces are ignored.
    pub fn parse(s: &str) -> Result<Bin, Invalid> {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(Invalid::Required);
        }
        let digits = match checksum::digits(&compact) {
            Some(d) if d.len() == 12 => d,
            _ => return Err(Invalid::BinMalformed),
        };
        if !structure_ok(&digits) {
            return Err(Invalid::BinMalformed);
        }
        if !checksum::is_valid(&digits) {
            return Err(Invalid::BinChecksum);
        }
        Ok(Bin(compact))
    }

    /// All 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

text_value!(Bin);

#[cfg(test)]
mod tests {
    use super::*;

    // Check digits below were computed by hand from the published weights.
    #[test]
    fn valid_bins() {
        // 0·1+4·2+0·3+5·4+4·5+0·6+0·7+0·8+1·9+2·10+3·11 = 110 ≡ 0.
        // 9·1+9·2+1·3+2·4+4·5+1·6+0+0+0+0+1·11 = 75 ≡ 9.
        // 1·1+5·2+0·3+2·4+6·5+0·6+0+0+0+4·10+2·11 = 111 ≡ 1.
        // 1·1+0·2+1·3+0·4+4·5+3·6+0+0+0+0+5·11 = 97 ≡ 9.
        for s in [
            "040540001230",
            "991241000019",
            "150260000421",
            "101043000059",
        ] {
            let bin = Bin::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(bin.as_str(), s);
            assert_eq!(bin.to_string(), s);
            assert_eq!(bin_with_check_digit(&s[..11]).as_deref(), Some(s));
        }
    }

    #[test]
    fn spaces_are_ignored() {
        assert_eq!(
            Bin::parse(" 0405 4000 1230 ").unwrap().as_str(),
            "040540001230"
        );
        assert_eq!(
            Bin::parse("040540\u{a0}001230").unwrap().as_str(),
            "040540001230"
        );
    }

    #[test]
    fn wrong_check_digit() {
        for s in ["040540001231", "991241000010", "150260000420"] {
            assert_eq!(Bin::parse(s), Err(Invalid::BinChecksum), "{s}");
        }
    }

    #[test]
    fn weight_fallback_branch() {
        // 2·1+1·2+0·3+3·4+5·5+2·6+0·7+0·8+7·9+7·10+7·11 = 263 ≡ 10 (mod 11): second weights,
        // 2·3+1·4+0·5+3·6+5·7+2·8+0·9+0·10+7·11+7·1+7·2 = 177 ≡ 1.
        assert_eq!(
            bin_with_check_digit("21035200777").as_deref(),
            Some("210352007771")
        );
        assert!(Bin::parse("210352007771").is_ok());
        assert_eq!(Bin::parse("210352007770"), Err(Invalid::BinChecksum));
        // 1+4+0+12+20+0+0+0+0+50+77 = 164 ≡ 10 and 3+8+0+18+28+0+0+0+0+5+14 = 76 ≡ 10:
        // no check digit can make this valid.
        assert_eq!(bin_with_check_digit("12034000057"), None);
        for last in 0..=9 {
            assert_eq!(
                Bin::parse(&format!("12034000057{last}")),
                Err(Invalid::BinChecksum)
            );
        }
    }

    #[test]
    fn helper_agrees_with_parse() {
        for serial in 0..300 {
            let first11 = format!("230540{serial:05}");
            match bin_with_check_digit(&first11) {
                Some(bin) => assert!(Bin::parse(&bin).is_ok(), "{bin}"),
                None => {
                    assert!((0..=9).all(|d| Bin::parse(&format!("{first11}{d}")).is_err()));
                }
            }
        }
        assert_eq!(bin_with_check_digit("0405400012"), None);
        assert_eq!(bin_with_check_digit("0405400012a"), None);
    }

    #[test]
    fn malformed() {
        assert_eq!(Bin::parse(""), Err(Invalid::Required));
        assert_eq!(Bin::parse("  "), Err(Invalid::Required));
        for s in [
            "04054000123",
            "0405400012300",
            "04054000123a",
            "0405-4000123",
            "０４０５４０００１２３０",
        ] {
            assert_eq!(Bin::parse(s), Err(Invalid::BinMalformed), "{s}");
        }
    }

    #[test]
    fn bad_month_type_or_attribute() {
        let bad = [
            "04004000123", // month 00
            "04134000123", // month 13
            "04053000123", // entity type 3 (an IIN's century digit)
            "04057000123", // entity type 7
            "04050000123", // entity type 0
            "04054500123", // attribute 5
            "04054900123", // attribute 9
        ];
        for first11 in bad {
            // Give each a correct check digit so that only the structure is at fault.
            let bin = bin_with_check_digit(first11)
                .or_else(|| bin_with_check_digit(&format!("{}1", &first11[..10])))
                .unwrap();
            assert_eq!(Bin::parse(&bin), Err(Invalid::BinMalformed), "{bin}");
        }
        // Every accepted entity type and attribute.
        for kind in 4..=6 {
            for attribute in 0..=4 {
                let bin = bin_with_check_digit(&format!("2412{kind}{attribute}00010"))
                    .or_else(|| bin_with_check_digit(&format!("2412{kind}{attribute}00011")))
                    .unwrap();
                assert!(Bin::parse(&bin).is_ok(), "{bin}");
            }
        }
    }

    #[test]
    fn string_conversions_used_by_serde() {
        let bin = Bin::parse("040540001230").unwrap();
        let s: String = bin.clone().into();
        assert_eq!(s, "040540001230");
        assert_eq!(Bin::try_from(s), Ok(bin.clone()));
        assert_eq!("040540001230".parse::<Bin>(), Ok(bin));
        assert_eq!(
            Bin::try_from("040540001231".to_owned()),
            Err(Invalid::BinChecksum)
        );
    }
}
