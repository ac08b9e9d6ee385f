//! Birth dates and the age rules built on them.

use chrono::{Datelike, NaiveDate};

use crate::Invalid;

/// Age of majority: below it, law-restricted activity types are closed.
pub const ADULT_AGE: u32 = 18;
/// Age from which a volunteer counts as a "silver" (senior) volunteer.
pub const SENIOR_AGE: u32 = 60;

/// Earliest accepted birth date.
pub fn earliest_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date")
}

/// Parses a `YYYY-MM-DD` birth date that is neither after `today` nor before 1900-01-01.
pub fn parse_birth_date(s: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Invalid::Required);
    }
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(Invalid::DateMalformed);
    }
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| Invalid::DateMalformed)?;
    if date > today {
        return Err(Invalid::DateInFuture);
    }
    if date < earliest_birth_date() {
        return Err(Invalid::DateTooOld);
    }
    Ok(date)
}

/// Completed years between `birth` and `today` (0 if `birth` is later). Someone born on
/// 29 February comes of age on 1 March in common years.
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> u32 {
    if birth >= today {
        return 0;
    }
    let years = today.year() - birth.year();
    let had_birthday = (today.month(), today.day()) >= (birth.month(), birth.day());
    u32::try_from(if had_birthday { years } else { years - 1 }).unwrap_or(0)
}

/// Under [`ADULT_AGE`] on `today`.
pub fn is_minor(birth: NaiveDate, today: NaiveDate) -> bool {
    age_on(birth, today) < ADULT_AGE
}

/// [`SENIOR_AGE`] or older on `today` (a "silver" volunteer).
pub fn is_senior(birth: NaiveDate, today: NaiveDate) -> bool {
    age_on(birth, today) >= SENIOR_AGE
}

/// Parses a calendar date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<NaiveDate, Invalid> {
    let s = s.trim();
    if s.is_empty() {
        return Err(Invalid::Required);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Invalid::DateMalformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parse_birth_dates() {
        let today = d(2026, 11, 21);
        assert_eq!(parse_birth_date(" 2000-02-29 ", today), Ok(d(2000, 2, 29)));
        assert_eq!(parse_birth_date("2026-11-21", today), Ok(today));
        assert_eq!(parse_birth_date("1900-01-01", today), Ok(d(1900, 1, 1)));
        assert_eq!(parse_birth_date("", today), Err(Invalid::Required));
        for bad in [
            "2001-02-29",
            "2000-13-01",
            "2000-1-5",
            "21.11.2000",
            "2000/01/05",
            "20000105",
            "2000-01-5x",
            "+2000-01-05",
            "abcd-ef-gh",
        ] {
            assert_eq!(
                parse_birth_date(bad, today),
                Err(Invalid::DateMalformed),
                "{bad}"
            );
        }
        assert_eq!(
            parse_birth_date("2026-11-22", today),
            Err(Invalid::DateInFuture)
        );
        assert_eq!(
            parse_birth_date("1899-12-31", today),
            Err(Invalid::DateTooOld)
        );
    }

    #[test]
    fn ages() {
        let birth = d(2008, 11, 21);
        assert_eq!(age_on(birth, d(2026, 11, 20)), 17);
        assert_eq!(age_on(birth, d(2026, 11, 21)), 18);
        assert_eq!(age_on(birth, d(2008, 11, 21)), 0);
        assert_eq!(age_on(birth, d(2000, 1, 1)), 0);
        assert!(is_minor(birth, d(2026, 11, 20)));
        assert!(!is_minor(birth, d(2026, 11, 21)));
    }

    #[test]
    fn leap_day_birthdays() {
        let birth = d(2008, 2, 29);
        assert_eq!(age_on(birth, d(2026, 2, 28)), 17);
        assert_eq!(age_on(birth, d(2026, 3, 1)), 18);
        assert_eq!(age_on(birth, d(2028, 2, 29)), 20);
    }

    #[test]
    fn seniors() {
        let birth = d(1966, 5, 9);
        assert!(!is_senior(birth, d(2026, 5, 8)));
        assert!(is_senior(birth, d(2026, 5, 9)));
        assert!(!is_minor(birth, d(2026, 5, 9)));
    }
}
