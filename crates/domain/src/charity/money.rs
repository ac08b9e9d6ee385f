//! Amounts of money: tenge (KZT, ₸) counted in whole tiyn, 1 ₸ = 100 tiyn, as typed by a
//! person and as shown in each language.

use serde::{Deserialize, Serialize};

use crate::format::{decimal_separator, format_number};
use crate::{Invalid, Lang};

/// Tiyn in one tenge.
pub const TIYN_PER_KZT: i64 = 100;
/// Largest amount a person may enter, in tenge (one trillion).
pub const MAX_KZT: i64 = 1_000_000_000_000;
/// Largest amount a person may enter, in tiyn.
pub const MAX_TIYN: i64 = MAX_KZT * TIYN_PER_KZT;

/// A strictly positive amount of tenge, in tiyn, at most [`MAX_TIYN`]: what a person enters
/// (a target, a donation at a cash box, an expense) or a provider notifies.
///
/// Serialised as the integer number of tiyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Tiyn(i64);

/// Characters accepted between groups of thousands: space, no-break space, narrow no-break
/// space, thin space.
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Digits grouped by threes with spaces or `group` (`1 500`, `1.500.000`), or not grouped
/// at all (`1500`); `None` when malformed.
fn grouped_digits(s: &str, group: Option<char>) -> Option<String> {
    let parts: Vec<&str> = s
        .split(|c: char| is_space_separator(c) || Some(c) == group)
        .collect();
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    if parts.len() > 1 && (parts[0].len() > 3 || parts[1..].iter().any(|p| p.len() != 3)) {
        return None;
    }
    Some(parts.concat())
}

/// The magnitude of a typed amount in tiyn, saturating far above [`MAX_TIYN`]; errors:
/// [`Invalid::AmountMalformed`], [`Invalid::AmountFractionalTiyn`].
fn magnitude(s: &str) -> Result<i64, Invalid> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    // The decimal separator, if any, and the punctuation that groups thousands, if any.
    let (decimal, group) = match (commas, dots) {
        (0, 0) => (None, None),
        (1, 0) => (Some(','), None),
        (0, 1) => (Some('.'), None),
        (_, 0) => (None, Some(',')),
        (0, _) => (None, Some('.')),
        _ => {
            // Both: the last one is the decimal separator and appears once.
            let last = s.rfind([',', '.']).and_then(|i| s[i..].chars().next());
            match last {
                Some(',') if commas == 1 => (Some(','), Some('.')),
                Some('.') if dots == 1 => (Some('.'), Some(',')),
                _ => return Err(Invalid::AmountMalformed),
            }
        }
    };
    let (whole, fraction) = match decimal {
        Some(d) => s.split_once(d).ok_or(Invalid::AmountMalformed)?,
        None => (s, ""),
    };
    let whole = grouped_digits(whole, group).ok_or(Invalid::AmountMalformed)?;
    if decimal.is_some() && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Invalid::AmountMalformed);
    }
    if fraction.len() > 2 {
        return Err(Invalid::AmountFractionalTiyn);
    }
    let significant = whole.trim_start_matches('0');
    if significant.len() > 15 {
        // Far above the largest amount; `parse` would not overflow, but need not try.
        return Ok(i64::MAX);
    }
    let kzt: i64 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| Invalid::AmountMalformed)?
    };
    let tiyn = match fraction.len() {
        0 => 0,
        1 => {
            fraction
                .parse::<i64>()
                .map_err(|_| Invalid::AmountMalformed)?
                * 10
        }
        _ => fraction
            .parse::<i64>()
            .map_err(|_| Invalid::AmountMalformed)?,
    };
    Ok(kzt.saturating_mul(TIYN_PER_KZT).saturating_add(tiyn))
}

impl Tiyn {
    /// Parses an amount of tenge as a person types it: `1500`, `1 500`, `1 500,50`, `1500.5`,
    /// `1\u{a0}500,05`, `1.500,50`, `1,500.50`, optionally followed by `₸`.
    ///
    /// Spaces (also no-break and thin ones) group thousands by threes; a comma or a dot
    /// that appears once is the decimal separator (at most two decimals), one that appears
    /// several times groups thousands, and with both the last is the decimal separator.
    /// A lone `1,500` or `1.500` is therefore refused ([`Invalid::AmountFractionalTiyn`])
    /// rather than guessed to be 1.5 ₸ or 1 500 ₸.
    ///
    /// Errors: empty [`Invalid::Required`]; zero or negative [`Invalid::AmountNotPositive`];
    /// more than two decimals [`Invalid::AmountFractionalTiyn`]; above [`MAX_KZT`]
    /// [`Invalid::AmountTooLarge`]; anything else [`Invalid::AmountMalformed`].
    pub fn parse_kzt(s: &str) -> Result<Tiyn, Invalid> {
        let t = s.trim();
        let t = t.strip_suffix('₸').unwrap_or(t).trim();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        let (negative, t) = match t.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        let tiyn = magnitude(t)?;
        if negative {
            return Err(Invalid::AmountNotPositive);
        }
        Tiyn::from_tiyn(tiyn)
    }

    /// An amount given as a whole number of tiyn: zero or negative is
    /// [`Invalid::AmountNotPositive`], above [`MAX_TIYN`] [`Invalid::AmountTooLarge`].
    pub fn from_tiyn(tiyn: i64) -> Result<Tiyn, Invalid> {
        if tiyn <= 0 {
            Err(Invalid::AmountNotPositive)
        } else if tiyn > MAX_TIYN {
            Err(Invalid::AmountTooLarge)
        } else {
            Ok(Tiyn(tiyn))
        }
    }

    /// The amount in tiyn (always positive).
    pub fn get(self) -> i64 {
        self.0
    }

    /// The amount written for `lang`, as [`format_kzt`] writes it.
    pub fn format(self, lang: Lang) -> String {
        format_kzt(self.0, lang)
    }
}

impl TryFrom<i64> for Tiyn {
    type Error = Invalid;
    fn try_from(tiyn: i64) -> Result<Self, Self::Error> {
        Tiyn::from_tiyn(tiyn)
    }
}

impl From<Tiyn> for i64 {
    fn from(t: Tiyn) -> i64 {
        t.0
    }
}

/// An amount in tiyn (any sign) written in tenge for `lang`: `1 500 ₸`, `1 500,50 ₸` in
/// kk/ru (no-break spaces), `1,500 ₸`, `1,500.50 ₸` in en. Tiyn are shown only when there
/// are some; a negative amount starts with `-`.
pub fn format_kzt(tiyn: i64, lang: Lang) -> String {
    let sign = if tiyn < 0 { "-" } else { "" };
    let magnitude = tiyn.unsigned_abs();
    let whole = format_number(i64::try_from(magnitude / 100).unwrap_or(i64::MAX), lang);
    match magnitude % 100 {
        0 => format!("{sign}{whole}\u{a0}₸"),
        cents => format!("{sign}{whole}{}{cents:02}\u{a0}₸", decimal_separator(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kzt(s: &str) -> Result<i64, Invalid> {
        Tiyn::parse_kzt(s).map(Tiyn::get)
    }

    #[test]
    fn amounts_as_people_type_them() {
        for (typed, tiyn) in [
            ("1500", 150_000),
            ("1 500", 150_000),
            ("1 500,50", 150_050),
            ("1500.5", 150_050),
            ("1\u{a0}500,05", 150_005),
            ("1\u{202f}500", 150_000),
            ("  1 500 ₸ ", 150_000),
            ("1500₸", 150_000),
            ("1.500,50", 150_050),
            ("1,500.50", 150_050),
            ("1,500,000", 150_000_000),
            ("1.500.000", 150_000_000),
            ("1 000 000,00", 100_000_000),
            ("0,01", 1),
            ("0.5", 50),
            ("007", 700),
            ("12 345 678", 1_234_567_800),
            ("1000000000000", MAX_TIYN),
            ("1 000 000 000 000,00", MAX_TIYN),
        ] {
            assert_eq!(kzt(typed), Ok(tiyn), "{typed:?}");
        }
    }

    #[test]
    fn refused_amounts() {
        for (typed, why) in [
            ("", Invalid::Required),
            ("  ", Invalid::Required),
            ("₸", Invalid::Required),
            ("0", Invalid::AmountNotPositive),
            ("0,00", Invalid::AmountNotPositive),
            ("-5", Invalid::AmountNotPositive),
            ("- 1 500,50", Invalid::AmountNotPositive),
            ("\u{2212}100", Invalid::AmountNotPositive),
            ("1500,505", Invalid::AmountFractionalTiyn),
            ("0.001", Invalid::AmountFractionalTiyn),
            // Three decimals are never read as grouped thousands: say it rather than guess.
            ("1,500", Invalid::AmountFractionalTiyn),
            ("1.000", Invalid::AmountFractionalTiyn),
            ("1000000000000,01", Invalid::AmountTooLarge),
            ("1000000000001", Invalid::AmountTooLarge),
            ("99999999999999999999999999", Invalid::AmountTooLarge),
            ("abc", Invalid::AmountMalformed),
            ("-abc", Invalid::AmountMalformed),
            ("12a", Invalid::AmountMalformed),
            ("1e5", Invalid::AmountMalformed),
            ("+5", Invalid::AmountMalformed),
            ("1 50", Invalid::AmountMalformed),
            ("15 00", Invalid::AmountMalformed),
            ("1500 0", Invalid::AmountMalformed),
            ("1  500", Invalid::AmountMalformed),
            ("1500.", Invalid::AmountMalformed),
            (",50", Invalid::AmountMalformed),
            ("1.500.50", Invalid::AmountMalformed),
            ("1,5,0", Invalid::AmountMalformed),
            ("1.500,000.5", Invalid::AmountMalformed),
            ("1,50.5", Invalid::AmountMalformed),
            ("1,5.0,0", Invalid::AmountMalformed),
            ("١٥٠٠", Invalid::AmountMalformed),
            ("1500 тг", Invalid::AmountMalformed),
        ] {
            assert_eq!(kzt(typed), Err(why), "{typed:?}");
        }
    }

    #[test]
    fn whole_tiyn() {
        assert_eq!(Tiyn::from_tiyn(1).map(Tiyn::get), Ok(1));
        assert_eq!(Tiyn::from_tiyn(MAX_TIYN).map(Tiyn::get), Ok(MAX_TIYN));
        assert_eq!(Tiyn::from_tiyn(0), Err(Invalid::AmountNotPositive));
        assert_eq!(Tiyn::from_tiyn(-1), Err(Invalid::AmountNotPositive));
        assert_eq!(Tiyn::from_tiyn(i64::MIN), Err(Invalid::AmountNotPositive));
        assert_eq!(Tiyn::from_tiyn(MAX_TIYN + 1), Err(Invalid::AmountTooLarge));
        let t = Tiyn::from_tiyn(150_050).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "150050");
        assert_eq!(serde_json::from_str::<Tiyn>("150050").unwrap(), t);
        assert!(serde_json::from_str::<Tiyn>("0").is_err());
        assert_eq!(i64::from(t), 150_050);
        assert_eq!(Tiyn::try_from(-3), Err(Invalid::AmountNotPositive));
    }

    #[test]
    fn formatting_follows_the_language() {
        assert_eq!(format_kzt(150_050, Lang::Kk), "1\u{a0}500,50\u{a0}₸");
        assert_eq!(format_kzt(150_050, Lang::Ru), "1\u{a0}500,50\u{a0}₸");
        assert_eq!(format_kzt(150_050, Lang::En), "1,500.50\u{a0}₸");
        assert_eq!(format_kzt(150_000, Lang::Ru), "1\u{a0}500\u{a0}₸");
        assert_eq!(format_kzt(150_000, Lang::En), "1,500\u{a0}₸");
        assert_eq!(format_kzt(5, Lang::En), "0.05\u{a0}₸");
        assert_eq!(format_kzt(0, Lang::Kk), "0\u{a0}₸");
        assert_eq!(format_kzt(-150_005, Lang::Kk), "-1\u{a0}500,05\u{a0}₸");
        assert_eq!(
            format_kzt(i64::MIN, Lang::En),
            "-92,233,720,368,547,758.08\u{a0}₸"
        );
        assert_eq!(
            Tiyn::from_tiyn(MAX_TIYN).unwrap().format(Lang::Ru),
            "1\u{a0}000\u{a0}000\u{a0}000\u{a0}000\u{a0}₸"
        );
        // What is written reads back (in English, whole thousands excepted: `1,500 ₸` is
        // refused as ambiguous).
        for tiyn in [1, 99, 100, 150_050, 123_456_789, MAX_TIYN] {
            for lang in [Lang::Kk, Lang::Ru] {
                assert_eq!(kzt(&format_kzt(tiyn, lang)), Ok(tiyn), "{tiyn} {lang}");
            }
        }
        for tiyn in [1, 99, 100, 99_900, 150_050, 123_456_789] {
            assert_eq!(kzt(&format_kzt(tiyn, Lang::En)), Ok(tiyn), "{tiyn}");
        }
        assert_eq!(
            kzt(&format_kzt(150_000, Lang::En)),
            Err(Invalid::AmountFractionalTiyn)
        );
    }
}
