//! An organization's website, normalised: `http(s)://` and a dotted domain name, nothing that
//! could smuggle another host or a script into the link.

use crate::Invalid;

/// Longest accepted website address, in characters (after normalisation).
pub const MAX_WEBSITE_CHARS: usize = 300;

/// Characters that never appear unescaped in an address (RFC 3986), besides spaces and controls.
const URL_FORBIDDEN: &str = "\"<>\\^`{|}";

fn url_label_ok(label: &str) -> bool {
    !label.is_empty()
        && label.chars().count() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

fn url_tld_ok(tld: &str) -> bool {
    // Letters of any script (".kz", ".қаз"), or a punycode label ("xn--80ao21a").
    (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        || (tld.starts_with("xn--") && tld.len() > 4)
}

/// The host (lower-cased) and the port part (`:8080` or empty) of an authority.
fn url_authority(authority: &str) -> Option<(String, &str)> {
    if authority.contains('@') {
        return None; // user info: `https://good.kz@evil.com` is a classic trick
    }
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => {
            let n: u16 = port.parse().ok()?;
            if n == 0 || !port.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (host, &authority[host.len()..])
        }
        None => (authority, ""),
    };
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || !labels.iter().all(|l| url_label_ok(l)) {
        return None;
    }
    if !url_tld_ok(labels[labels.len() - 1]) {
        return None;
    }
    Some((host.to_lowercase(), port))
}

/// An organization's website: empty is `None`; otherwise an `http://` or `https://` address
/// with a dotted domain name, no spaces, at most 300 characters. A bare `example.kz` gets
/// `https://` prepended; the scheme and host are lower-cased. Anything else is
/// [`Invalid::UrlMalformed`] (too long: [`Invalid::TooLong`]).
pub fn website(s: &str) -> Result<Option<String>, Invalid> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars()
        .any(|c| c.is_whitespace() || c.is_control() || URL_FORBIDDEN.contains(c))
    {
        return Err(Invalid::UrlMalformed);
    }
    // A scheme is letters, digits, `+`, `-`, `.` before `://`; otherwise the input is bare.
    let explicit = t.split_once("://").filter(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let (scheme, rest) = match explicit {
        Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
            "http" => ("http", rest),
            "https" => ("https", rest),
            _ => return Err(Invalid::UrlMalformed),
        },
        None => ("https", t),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = url_authority(authority).ok_or(Invalid::UrlMalformed)?;
    let url = format!("{scheme}://{host}{port}{tail}");
    if url.chars().count() > MAX_WEBSITE_CHARS {
        return Err(Invalid::TooLong {
            max: MAX_WEBSITE_CHARS,
        });
    }
    Ok(Some(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_are_normalised() {
        let ok = [
            ("", None),
            ("   ", None),
            ("example.kz", Some("https://example.kz")),
            (" Example.KZ/About ", Some("https://example.kz/About")),
            ("www.example.kz", Some("https://www.example.kz")),
            ("http://example.kz", Some("http://example.kz")),
            (
                "HTTPS://Sub.Example.kz/a?b=c#d",
                Some("https://sub.example.kz/a?b=c#d"),
            ),
            (
                "https://example.kz:8443/x",
                Some("https://example.kz:8443/x"),
            ),
            ("мысал.қаз", Some("https://мысал.қаз")),
            (
                "https://xn--80ao21a.xn--80ao21a",
                Some("https://xn--80ao21a.xn--80ao21a"),
            ),
            (
                "example.kz/go?to=https://other.kz",
                Some("https://example.kz/go?to=https://other.kz"),
            ),
        ];
        for (input, expected) in ok {
            assert_eq!(website(input), Ok(expected.map(str::to_owned)), "{input:?}");
        }
    }

    #[test]
    fn websites_rejected() {
        for bad in [
            "localhost",
            "https://localhost",
            "http://",
            "https:///path",
            "ftp://example.kz",
            "javascript:alert(1)",
            "javascript://example.kz/%0aalert(1)",
            "mailto:info@example.kz",
            "https://good.kz@evil.com",
            "https://example.kz:0",
            "https://example.kz:99999",
            "https://example.kz:",
            "https://example.kz:80a",
            "example .kz",
            "https://example.kz/a b",
            "https://exa_mple.kz",
            "https://-example.kz",
            "https://example.kz.",
            "https://example..kz",
            "https://example.k",
            "https://192.168.0.1",
            "https://[::1]",
            "https://example.kz/<script>",
            "//example.kz",
        ] {
            assert_eq!(website(bad), Err(Invalid::UrlMalformed), "{bad:?}");
        }
        let long = format!("https://example.kz/{}", "a".repeat(282));
        assert_eq!(long.chars().count(), 301);
        assert_eq!(website(&long), Err(Invalid::TooLong { max: 300 }));
        assert!(website(&long[..300]).is_ok());
    }
}
