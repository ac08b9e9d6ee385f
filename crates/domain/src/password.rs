//! Passwords chosen at sign-up and reset (the policy only; hashing lives outside the domain).

use std::collections::HashSet;
use std::fmt;
use std::sync::LazyLock;

use crate::{Email, Invalid};

/// Fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Most characters a password may have (bounds the cost of hashing).
pub const MAX_PASSWORD_CHARS: usize = 128;

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Runs of keys that people type as "passwords"; also matched reversed and wrapping around.
const SEQUENCES: &[&str] = &[
    "0123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "`1234567890-=",
    "qwertyuiop[]\\",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю.",
];

/// A password that satisfies the policy. Its `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// True when the whole password is a short unit repeated ("aaaaaaaaaa", "1212121212", "abcabcabca").
fn is_repetition(chars: &[char]) -> bool {
    (1..=4).any(|unit| {
        chars.len() > unit && chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit])
    })
}

/// True when the password is a run along the alphabet, the digits or a keyboard row.
fn is_sequence(lower: &str) -> bool {
    let len = lower.chars().count();
    SEQUENCES.iter().any(|seq| {
        let times = len / seq.chars().count() + 2;
        let forward = seq.repeat(times);
        let backward: String = forward.chars().rev().collect();
        forward.contains(lower) || backward.contains(lower)
    })
}

/// True when the password is on the common list or is trivially guessable.
fn is_too_common(pw: &str) -> bool {
    let lower = pw.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    COMMON_PASSWORDS.contains(lower.as_str()) || is_repetition(&chars) || is_sequence(&lower)
}

impl Password {
    /// Checks a new password against the policy; `email` is the account's address, if known.
    pub fn parse(pw: &str, email: Option<&Email>) -> Result<Password, Invalid> {
        if pw.is_empty() {
            return Err(Invalid::Required);
        }
        let n = pw.chars().count();
        if n < MIN_PASSWORD_CHARS {
            return Err(Invalid::PasswordTooShort {
                min: MIN_PASSWORD_CHARS,
            });
        }
        if n > MAX_PASSWORD_CHARS {
            return Err(Invalid::PasswordTooLong {
                max: MAX_PASSWORD_CHARS,
            });
        }
        if is_too_common(pw) {
            return Err(Invalid::PasswordTooCommon);
        }
        if let Some(email) = email {
            let lower = pw.to_lowercase();
            if lower == email.as_str() || lower == email.local_part() {
                return Err(Invalid::PasswordSameAsEmail);
            }
        }
        Ok(Password(pw.to_owned()))
    }

    /// The secret itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pw: &str) -> Result<Password, Invalid> {
        Password::parse(pw, None)
    }

    #[test]
    fn list_is_loaded_and_long_enough() {
        assert!(COMMON_PASSWORDS.len() >= 300, "{}", COMMON_PASSWORDS.len());
        for p in COMMON_PASSWORDS.iter() {
            assert_eq!(*p, p.to_lowercase(), "list entries are lower case");
            assert!(
                p.chars().count() >= MIN_PASSWORD_CHARS,
                "{p} could never match"
            );
        }
    }

    #[test]
    fn lengths() {
        assert_eq!(parse(""), Err(Invalid::Required));
        assert_eq!(
            parse("Kx7#pQ2m9"),
            Err(Invalid::PasswordTooShort { min: 10 })
        );
        assert!(parse("Kx7#pQ2m9w").is_ok());
        assert!(parse(&"Kx7#pQ2m9w".repeat(12)).is_ok());
        assert!(parse(&format!("{}abcdefgh", "Kx7#pQ2m9w".repeat(12))).is_ok());
        assert_eq!(
            parse(&format!("{}abcdefghi", "Kx7#pQ2m9w".repeat(12))),
            Err(Invalid::PasswordTooLong { max: 128 })
        );
        // Characters, not bytes: ten Cyrillic letters are enough.
        assert!(parse("жылқыбауыр").is_ok());
    }

    #[test]
    fn common_passwords_rejected_case_insensitively() {
        for pw in [
            "password123",
            "PASSWORD123",
            "qwertyuiop",
            "1234567890",
            "1q2w3e4r5t",
            "qwerty123456",
            "iloveyou12",
            "йцукенгшщз",
            "ЙЦУКЕНГШЩЗ",
            "qwertyuiop[]",
            "parol12345",
            "Kazakhstan",
            "astana2024",
            "almaty1234",
        ] {
            assert_eq!(parse(pw), Err(Invalid::PasswordTooCommon), "{pw}");
        }
    }

    #[test]
    fn repetitions_and_sequences_rejected() {
        for pw in [
            "aaaaaaaaaa",
            "          ",
            "ӘӘӘӘӘӘӘӘӘӘ",
            "1212121212",
            "abcabcabcabc",
            "abcdabcdabcd",
            "abcdefghijklm",
            "ZYXWVUTSRQ",
            "3456789012",
            "9876543210",
            "asdfghjkl;'",
            "фывапролджэ",
            "абвгдеёжзий",
        ] {
            assert_eq!(parse(pw), Err(Invalid::PasswordTooCommon), "{pw}");
        }
        assert!(parse("abcde12345xyz").is_ok());
    }

    #[test]
    fn same_as_email() {
        let email = Email::parse("Aigerim.Saparova@mail.kz").unwrap();
        assert_eq!(
            Password::parse("aigerim.saparova@mail.kz", Some(&email)),
            Err(Invalid::PasswordSameAsEmail)
        );
        assert_eq!(
            Password::parse("AIGERIM.SAPAROVA", Some(&email)),
            Err(Invalid::PasswordSameAsEmail)
        );
        assert!(Password::parse("aigerim.saparova@mail.kz", None).is_ok());
        assert!(Password::parse("Saparova-Қарағанды-2024", Some(&email)).is_ok());
    }

    #[test]
    fn debug_hides_the_secret() {
        let pw = parse("Tauelsizdik-1991").unwrap();
        assert_eq!(format!("{pw:?}"), "Password(***)");
        assert_eq!(pw.expose(), "Tauelsizdik-1991");
    }
}
