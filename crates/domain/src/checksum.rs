//! The check digit shared by the IIN and the BIN (same published algorithm for both).
//!
//! The first 11 digits are weighted 1..=11 and summed modulo 11; if that gives 10, they are
//! weighted 3..=11, 1, 2 instead; if that gives 10 again, no number with these 11 digits is valid.

const FIRST_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

fn weighted(digits: &[u32], weights: &[u32; 11]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11
}

/// The digits of an all-ASCII-digit string, or `None` if it holds anything else.
pub(crate) fn digits(s: &str) -> Option<Vec<u32>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}

/// The check digit for the first 11 digits, or `None` when both weightings give 10.
pub(crate) fn check_digit(first11: &[u32]) -> Option<u32> {
    debug_assert_eq!(first11.len(), 11);
    match weighted(first11, &FIRST_WEIGHTS) {
        10 => match weighted(first11, &SECOND_WEIGHTS) {
            10 => None,
            d => Some(d),
        },
        d => Some(d),
    }
}

/// Whether 12 digits end with the right check digit.
pub(crate) fn is_valid(digits12: &[u32]) -> bool {
    digits12.len() == 12 && check_digit(&digits12[..11]) == Some(digits12[11])
}

/// Appends the check digit to 11 ASCII digits; `None` if the input is not 11 digits or no
/// check digit exists.
pub(crate) fn with_check_digit(first11: &str) -> Option<String> {
    if first11.len() != 11 {
        return None;
    }
    let check = check_digit(&digits(first11)?)?;
    Some(format!("{first11}{check}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_weightings() {
        // 1·1+2·2+…+9·9+0·10+1·11 = 296 ≡ 10: second weights, 1·3+2·4+…+9·11+0·1+1·2 = 377 ≡ 3.
        assert_eq!(
            with_check_digit("12345678901").as_deref(),
            Some("123456789013")
        );
        assert!(is_valid(&digits("123456789013").unwrap()));
        assert!(!is_valid(&digits("123456789010").unwrap()));
        // 1·1+1·2+…+1·11 = 66 ≡ 0: the first weighting suffices.
        assert_eq!(
            with_check_digit("11111111111").as_deref(),
            Some("111111111110")
        );
        assert!(!is_valid(&digits("12345678901").unwrap()));
        assert_eq!(with_check_digit("1234567890"), None);
        assert_eq!(with_check_digit("1234567890a"), None);
        assert_eq!(digits("12a"), None);
        assert_eq!(digits(""), Some(vec![]));
    }
}
