//! E-mail addresses.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::values::text_value;

/// Longest accepted address, in characters (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest accepted local part, in characters.
pub const MAX_LOCAL_PART_CHARS: usize = 64;
const MAX_LABEL_CHARS: usize = 63;

/// A syntactically plausible, lower-cased e-mail address (`local@domain.tld`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

fn local_part_ok(local: &str) -> bool {
    if local.is_empty()
        || local.chars().count() > MAX_LOCAL_PART_CHARS
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return false;
    }
    local
        .chars()
        .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
}

fn label_ok(label: &str) -> bool {
    !label.is_empty()
        && label.chars().count() <= MAX_LABEL_CHARS
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

fn tld_ok(tld: &str) -> bool {
    // Letters of any script (".kz", ".қаз"), or a punycode label ("xn--80ao21a").
    (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        || (tld.starts_with("xn--") && tld.len() > 4)
}

impl Email {
    /// Parses an address: trimmed, lower-cased, at most 254 characters, `local@domain.tld`.
    pub fn parse(s: &str) -> Result<Email, Invalid> {
        let t = s.trim().to_lowercase();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        if t.chars().count() > MAX_EMAIL_CHARS {
            return Err(Invalid::TooLong {
                max: MAX_EMAIL_CHARS,
            });
        }
        if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Invalid::EmailMalformed);
        }
        let Some((local, domain)) = t.split_once('@') else {
            return Err(Invalid::EmailMalformed);
        };
        if domain.contains('@') || !local_part_ok(local) {
            return Err(Invalid::EmailMalformed);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
            return Err(Invalid::EmailMalformed);
        }
        if !labels.last().is_some_and(|tld| tld_ok(tld)) {
            return Err(Invalid::EmailMalformed);
        }
        Ok(Email(t))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.split_once('@').map_or("", |(local, _)| local)
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, domain)| domain)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.0)
    }
}

text_value!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        let e = Email::parse("  Aigul.Nurlanovna+vol@Mail.KZ ").unwrap();
        assert_eq!(e.as_str(), "aigul.nurlanovna+vol@mail.kz");
        assert_eq!(e.local_part(), "aigul.nurlanovna+vol");
        assert_eq!(e.domain(), "mail.kz");
        assert_eq!(e.to_string(), "aigul.nurlanovna+vol@mail.kz");
        for ok in [
            "a@b.co",
            "user_name@sub.domain.kz",
            "x-y@my-host.org",
            "айгүл@пошта.қаз",
            "test@xn--80ao21a.xn--80ao21a",
            "o'brien@example.com",
            "123@456.kz",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "plain",
            "@mail.kz",
            "a@",
            "a@@mail.kz",
            "a@b@mail.kz",
            "a@mail",
            "a@mail.k",
            "a@mail.k2",
            "a@-mail.kz",
            "a@mail-.kz",
            "a@mail..kz",
            "a@.mail.kz",
            "a@mail.kz.",
            "a..b@mail.kz",
            ".a@mail.kz",
            "a.@mail.kz",
            "a b@mail.kz",
            "a@ma il.kz",
            "a\u{7}@mail.kz",
            "a<b>@mail.kz",
            "a@mail_x.kz",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailMalformed), "{bad}");
        }
    }

    #[test]
    fn required_and_lengths() {
        assert_eq!(Email::parse("   "), Err(Invalid::Required));
        let local64 = "a".repeat(64);
        assert!(Email::parse(&format!("{local64}@mail.kz")).is_ok());
        let local65 = "a".repeat(65);
        assert_eq!(
            Email::parse(&format!("{local65}@mail.kz")),
            Err(Invalid::EmailMalformed)
        );
        let long = format!("a@{}.kz", vec!["b".repeat(60); 5].join("."));
        assert_eq!(Email::parse(&long), Err(Invalid::TooLong { max: 254 }));
    }

    #[test]
    fn string_conversions() {
        let e: Email = "A@B.kz".parse().unwrap();
        assert_eq!(String::from(e.clone()), "a@b.kz");
        assert_eq!(Email::try_from("a@b.kz".to_owned()), Ok(e));
    }
}
