//! A Kazakh bank account (IBAN) into which a collection's donations go, and the refusal of
//! a personal payment card in its place.
//!
//! A Kazakh IBAN has 20 characters: `KZ`, two check digits, a 3-digit bank code and a
//! 13-character account (letters or digits). The check digits are ISO 13616's: the first
//! four characters moved to the end, letters read as 10–35, the number modulo 97 is 1.
//!
//! The account is the organization's, published so that donors can check it: it has a
//! `Display` (grouped by four, as printed on bank documents).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::values::text_value;

/// Characters in a Kazakh IBAN.
pub const IBAN_LEN: usize = 20;

/// A valid Kazakh IBAN, stored in capitals without spaces (`KZ86125KZT5004100100`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

/// The remainder modulo 97 of an IBAN (ASCII letters and digits) read the ISO 13616 way.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.bytes().chain(head.bytes()).fold(0u32, |r, b| match b {
        b'0'..=b'9' => (r * 10 + u32::from(b - b'0')) % 97,
        _ => (r * 100 + u32::from(b.to_ascii_uppercase() - b'A') + 10) % 97,
    })
}

/// Whether the digits pass the Luhn check (payment card numbers).
fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether `s`, without spaces and dashes, looks like a payment card number: 13 to 19
/// digits that pass the Luhn check.
pub fn is_card_number(s: &str) -> bool {
    let mut digits = Vec::with_capacity(19);
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        if !c.is_ascii_digit() {
            return false;
        }
        digits.push(c as u8);
    }
    (13..=19).contains(&digits.len()) && luhn(&digits)
}

/// `KZ`, the check digits and `bban` (16 letters or digits, the bank code and account): the
/// valid IBAN of this account, in capitals; `None` if `bban` is not 16 ASCII letters or
/// digits. For tests and demonstration data.
pub fn iban_with_check_digits(bban: &str) -> Option<String> {
    if bban.len() != IBAN_LEN - 4 || !bban.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let bban = bban.to_ascii_uppercase();
    let check = 98 - mod97(&format!("KZ00{bban}"));
    Some(format!("KZ{check:02}{bban}"))
}

impl Iban {
    /// Parses a Kazakh IBAN: spaces (also no-break ones) and dashes are ignored, small
    /// letters are read as capitals.
    ///
    /// Errors: empty [`Invalid::Required`]; a payment card number (13–19 digits passing
    /// the Luhn check) [`Invalid::AccountIsCard`]; not `KZ` + 2 digits + 16 letters or digits
    /// [`Invalid::IbanMalformed`]; wrong check digits [`Invalid::IbanChecksum`].
    pub fn parse(s: &str) -> Result<Iban, Invalid> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if compact.is_empty() {
            return Err(Invalid::Required);
        }
        if is_card_number(&compact) {
            return Err(Invalid::AccountIsCard);
        }
        let iban = compact.to_ascii_uppercase();
        let b = iban.as_bytes();
        if b.len() != IBAN_LEN
            || !iban.starts_with("KZ")
            || !b[2..4].iter().all(u8::is_ascii_digit)
            || !b[4..].iter().all(u8::is_ascii_alphanumeric)
        {
            return Err(Invalid::IbanMalformed);
        }
        // 00, 01 and 99 are never check digits (ISO 13616 gives 02–98).
        if matches!(&iban[2..4], "00" | "01" | "99") || mod97(&iban) != 1 {
            return Err(Invalid::IbanChecksum);
        }
        Ok(Iban(iban))
    }

    /// The 20 characters, capitals, no spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 3-digit code of the bank that keeps the account.
    pub fn bank_code(&self) -> &str {
        &self.0[4..7]
    }
}

text_value!(private Iban);

/// Grouped by four, as on bank documents: `KZ86 125K ZT50 0410 0100`.
impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            // ASCII only (checked by `parse`).
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl AsRef<str> for Iban {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Iban {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::parse(&s)
    }
}

impl From<Iban> for String {
    fn from(v: Iban) -> String {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_kazakh_ibans() {
        // Published examples of Kazakh IBANs (checked by hand: each is 1 modulo 97).
        for s in [
            "KZ86125KZT5004100100",
            "KZ244350000012344567",
            "KZ75125KZT2069100100",
        ] {
            let iban = Iban::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(iban.as_str(), s);
            assert_eq!(iban_with_check_digits(&s[4..]).as_deref(), Some(s));
        }
        let iban = Iban::parse("KZ86125KZT5004100100").unwrap();
        assert_eq!(iban.to_string(), "KZ86 125K ZT50 0410 0100");
        assert_eq!(iban.bank_code(), "125");
    }

    #[test]
    fn typed_forms_are_normalised() {
        for typed in [
            "kz86 125k zt50 0410 0100",
            " KZ86-125K-ZT50-0410-0100 ",
            "KZ86\u{a0}125KZT5004100100",
            "Kz86125kzt5004100100",
        ] {
            assert_eq!(
                Iban::parse(typed).map(String::from),
                Ok("KZ86125KZT5004100100".to_owned()),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn computed_ibans_are_valid_and_any_change_is_caught() {
        for n in 0..200u64 {
            let bban = format!("{:03}{:013}", 100 + n % 900, n * 7_919_993);
            let iban = iban_with_check_digits(&bban).unwrap();
            assert!(Iban::parse(&iban).is_ok(), "{iban}");
            // Any one changed digit of the account, or two swapped, is caught.
            let mut bytes = iban.clone().into_bytes();
            let i = 4 + (n as usize % 16);
            bytes[i] = if bytes[i] == b'9' { b'0' } else { bytes[i] + 1 };
            let changed = String::from_utf8(bytes).unwrap();
            assert_eq!(
                Iban::parse(&changed),
                Err(Invalid::IbanChecksum),
                "{changed}"
            );
        }
        assert_eq!(iban_with_check_digits("125KZT500410010"), None);
        assert_eq!(iban_with_check_digits("125KZT50041001000"), None);
        assert_eq!(iban_with_check_digits("125KZT500410010!"), None);
    }

    #[test]
    fn wrong_check_digits() {
        for s in [
            "KZ87125KZT5004100100",
            "KZ86125KZT5004100101",
            "KZ86125KZT5004101000",
            "KZ68125KZT5004100100",
        ] {
            assert_eq!(Iban::parse(s), Err(Invalid::IbanChecksum), "{s}");
        }
        // `01` can satisfy the arithmetic but is never a check digit.
        let bban = (0..)
            .map(|n| format!("125{n:013}"))
            .find(|b| iban_with_check_digits(b).is_some_and(|i| &i[2..4] == "98"))
            .unwrap();
        assert_eq!(mod97(&format!("KZ01{bban}")), 1);
        assert_eq!(
            Iban::parse(&format!("KZ01{bban}")),
            Err(Invalid::IbanChecksum)
        );
    }

    #[test]
    fn malformed() {
        assert_eq!(Iban::parse(""), Err(Invalid::Required));
        assert_eq!(Iban::parse(" - "), Err(Invalid::Required));
        for s in [
            "KZ86125KZT500410010",   // 19
            "KZ86125KZT50041001000", // 21
            "RU86125KZT5004100100",
            "DE89370400440532013000",
            "KZ8X125KZT5004100100",
            "KZ86125KZT50041001_0",
            "KZ86125КZT5004100100", // Cyrillic К
            "1234567890",
            "KZ",
        ] {
            assert_eq!(Iban::parse(s), Err(Invalid::IbanMalformed), "{s}");
        }
    }

    #[test]
    fn a_card_number_is_not_an_account() {
        for card in [
            "4400 4301 2345 6789",
            "4400-4301-2345-6789",
            "4400430123456789",
            "5169 4931 2345 6785",
            "4111111111111111",
            "4222222222222",       // 13 digits
            "6011000990139424009", // 19 digits
        ] {
            assert!(luhn(
                &card.bytes().filter(u8::is_ascii_digit).collect::<Vec<_>>()
            ));
            assert!(is_card_number(card), "{card}");
            assert_eq!(Iban::parse(card), Err(Invalid::AccountIsCard), "{card}");
        }
        // Digits that fail the Luhn check, or are too short or long, are simply not an IBAN.
        for s in ["4400430123456780", "440043012345", "44004301234567800005"] {
            assert!(!is_card_number(s), "{s}");
            assert_eq!(Iban::parse(s), Err(Invalid::IbanMalformed), "{s}");
        }
        assert!(!is_card_number("KZ86125KZT5004100100"));
    }

    #[test]
    fn string_conversions_used_by_serde() {
        let iban = Iban::parse("KZ86125KZT5004100100").unwrap();
        let json = serde_json::to_string(&iban).unwrap();
        assert_eq!(json, "\"KZ86125KZT5004100100\"");
        assert_eq!(serde_json::from_str::<Iban>(&json).unwrap(), iban);
        assert!(serde_json::from_str::<Iban>("\"KZ87125KZT5004100100\"").is_err());
        assert_eq!("kz86 125k zt50 0410 0100".parse::<Iban>(), Ok(iban.clone()));
        assert_eq!(iban.as_ref(), "KZ86125KZT5004100100");
    }
}
