//! One-time codes sent to the person's phone: she confirms the help was done by reading
//! the code to the volunteer.

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// A 6-digit one-time code (leading zeros kept) from 4 random bytes.
pub fn new_code(rng_bytes: [u8; 4]) -> String {
    format!("{:06}", u32::from_be_bytes(rng_bytes) % 1_000_000)
}

fn code_mac(phone_e164: &str, code: &str, secret: &[u8]) -> HmacSha256 {
    let mut m = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    m.update(b"erikti-phone-code-v1");
    m.update(phone_e164.as_bytes());
    m.update(&[0]);
    m.update(code.as_bytes());
    m
}

/// What is stored for a sent code: lower-case hex HMAC-SHA-256 under the server's secret
/// of the phone (E.164) and the code (64 characters).
pub fn code_hash(phone_e164: &str, code: &str, secret: &[u8]) -> String {
    hex::encode(code_mac(phone_e164, code, secret).finalize().into_bytes())
}

/// Whether the code typed (spaces and dashes ignored) matches the stored hash, compared in
/// constant time.
pub fn code_matches(expected_hash: &str, phone: &str, typed: &str, secret: &[u8]) -> bool {
    let Ok(expected) = hex::decode(expected_hash.trim()) else {
        return false;
    };
    let mut buf = [0u8; 16];
    let mut n = 0;
    for b in typed.bytes().filter(|b| !matches!(b, b' ' | b'-')) {
        if n == buf.len() {
            return false;
        }
        buf[n] = b;
        n += 1;
    }
    let Ok(typed) = std::str::from_utf8(&buf[..n]) else {
        return false;
    };
    code_mac(phone, typed, secret)
        .verify_slice(&expected)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_six_digits() {
        assert_eq!(new_code([0, 0, 0, 0]), "000000");
        assert_eq!(new_code([0, 0, 0, 42]), "000042");
        assert_eq!(new_code([255, 255, 255, 255]), "967295");
        for b in 0..=255u8 {
            let c = new_code([b, b.wrapping_mul(7), 3, b]);
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|d| d.is_ascii_digit()));
        }
    }

    #[test]
    fn code_hash_and_match() {
        let secret = b"server secret";
        let h = code_hash("+77012345678", "012345", secret);
        assert_eq!(h.len(), 64);
        assert_eq!(h, code_hash("+77012345678", "012345", secret));
        assert_ne!(h, code_hash("+77012345679", "012345", secret));
        assert_ne!(h, code_hash("+77012345678", "012346", secret));
        assert_ne!(h, code_hash("+77012345678", "012345", b"other"));
        assert!(code_matches(&h, "+77012345678", "012345", secret));
        assert!(code_matches(&h, "+77012345678", " 012 345 ", secret));
        assert!(code_matches(&h, "+77012345678", "012-345", secret));
        assert!(!code_matches(&h, "+77012345678", "012346", secret));
        assert!(!code_matches(&h, "+77012345678", "12345", secret));
        assert!(!code_matches(&h, "+77012345679", "012345", secret));
        assert!(!code_matches(&h, "+77012345678", "012345", b"other"));
        assert!(!code_matches("zz", "+77012345678", "012345", secret));
        assert!(!code_matches(&h[..62], "+77012345678", "012345", secret));
        assert!(!code_matches(&h, "+77012345678", &"1".repeat(40), secret));
        assert!(!code_matches(&h, "+77012345678", "", secret));
    }
}
