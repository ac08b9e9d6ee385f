//! Organizations: kinds, the verification lifecycle, names, website and logo.
//!
//! Lifecycle (DOMAIN.md §4): `registered → verification_requested → verified | rejected |
//! changes_requested`, resubmission from `rejected` or `changes_requested`, a verified
//! organization that edits its legal details goes back to `verification_requested`, and the
//! national admin can suspend any organization and restore it to where it was.
//!
//! Transitions are pure functions from the current status to the next one; the store applies
//! them with a conditional update so that two concurrent decisions cannot both win.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{optional_text, required_multiline_text};
use crate::{Invalid, Lang};

/// A refused state transition, with a stable code (API error code and Fluent message id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Transition {
    /// Stable snake_case code, e.g. `already_decided`.
    pub code: &'static str,
}

impl Transition {
    /// The request or application has already been decided.
    pub const ALREADY_DECIDED: Transition = Transition {
        code: "already_decided",
    };
    /// Verification has already been requested and awaits a decision.
    pub const ALREADY_REQUESTED: Transition = Transition {
        code: "already_requested",
    };
    /// There is no pending verification request to decide.
    pub const NOT_REQUESTED: Transition = Transition {
        code: "not_requested",
    };
    /// The organization is suspended.
    pub const SUSPENDED: Transition = Transition { code: "suspended" };
    /// The organization is not suspended, so it cannot be restored.
    pub const NOT_SUSPENDED: Transition = Transition {
        code: "not_suspended",
    };
    /// The organization is already suspended.
    pub const ALREADY_SUSPENDED: Transition = Transition {
        code: "already_suspended",
    };
    /// The register entry is not included, so it cannot be excluded.
    pub const NOT_INCLUDED: Transition = Transition {
        code: "not_included",
    };
    /// Any other transition that the lifecycle does not allow.
    pub const INVALID_TRANSITION: Transition = Transition {
        code: "invalid_transition",
    };
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl std::error::Error for Transition {}

/// The kind of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A registered non-governmental organization (has a BIN).
    Ngo,
    /// A state institution (has a BIN).
    StateInstitution,
    /// An unregistered initiative group (no BIN).
    InitiativeGroup,
}

impl OrgKind {
    /// Every kind.
    pub const ALL: [OrgKind; 3] = [
        OrgKind::Ngo,
        OrgKind::StateInstitution,
        OrgKind::InitiativeGroup,
    ];

    /// Stable code: `ngo`, `state_institution`, `initiative_group`.
    pub fn code(&self) -> &'static str {
        match self {
            OrgKind::Ngo => "ngo",
            OrgKind::StateInstitution => "state_institution",
            OrgKind::InitiativeGroup => "initiative_group",
        }
    }

    /// Parses a code (trimmed); empty is [`Invalid::Required`], anything else unknown
    /// [`Invalid::ChoiceUnknown`].
    pub fn parse(s: &str) -> Result<OrgKind, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        OrgKind::ALL
            .into_iter()
            .find(|k| k.code() == t)
            .ok_or(Invalid::ChoiceUnknown)
    }

    /// Whether an organization of this kind must give a BIN (NGOs and state institutions do;
    /// initiative groups have none).
    pub fn needs_bin(&self) -> bool {
        match self {
            OrgKind::Ngo | OrgKind::StateInstitution => true,
            OrgKind::InitiativeGroup => false,
        }
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where an organization stands in verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    /// Created, verification not (yet) asked for.
    Registered,
    /// Waiting in its region's verification queue.
    VerificationRequested,
    /// The front-office asked for changes; the organization edits and resubmits.
    ChangesRequested,
    /// Verified by the front-office: carries the badge.
    Verified,
    /// Verification refused (with a reason); it may resubmit.
    Rejected,
    /// Suspended by the national admin: cannot publish.
    Suspended,
}

impl OrgStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [OrgStatus; 6] = [
        OrgStatus::Registered,
        OrgStatus::VerificationRequested,
        OrgStatus::ChangesRequested,
        OrgStatus::Verified,
        OrgStatus::Rejected,
        OrgStatus::Suspended,
    ];

    /// Stable code as stored: `registered`, `verification_requested`, `changes_requested`,
    /// `verified`, `rejected`, `suspended`.
    pub fn code(&self) -> &'static str {
        match self {
            OrgStatus::Registered => "registered",
            OrgStatus::VerificationRequested => "verification_requested",
            OrgStatus::ChangesRequested => "changes_requested",
            OrgStatus::Verified => "verified",
            OrgStatus::Rejected => "rejected",
            OrgStatus::Suspended => "suspended",
        }
    }

    /// Rebuilds a status from its stored code; `None` if unknown.
    pub fn parse(s: &str) -> Option<OrgStatus> {
        OrgStatus::ALL.into_iter().find(|st| st.code() == s)
    }
}

impl fmt::Display for OrgStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A front-office decision on a verification request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationDecision {
    /// Verify the organization.
    Verify,
    /// Reject it (with a reason).
    Reject,
    /// Ask for changes (with a reason); the organization edits and resubmits.
    RequestChanges,
}

impl VerificationDecision {
    /// Every decision.
    pub const ALL: [VerificationDecision; 3] = [
        VerificationDecision::Verify,
        VerificationDecision::Reject,
        VerificationDecision::RequestChanges,
    ];

    /// Stable code: `verify`, `reject`, `request_changes`.
    pub fn code(&self) -> &'static str {
        match self {
            VerificationDecision::Verify => "verify",
            VerificationDecision::Reject => "reject",
            VerificationDecision::RequestChanges => "request_changes",
        }
    }

    /// Parses a code (trimmed); empty is [`Invalid::Required`], anything else unknown
    /// [`Invalid::ChoiceUnknown`].
    pub fn parse(s: &str) -> Result<VerificationDecision, Invalid> {
        let t = s.trim();
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        VerificationDecision::ALL
            .into_iter()
            .find(|d| d.code() == t)
            .ok_or(Invalid::ChoiceUnknown)
    }

    /// Whether the decision must come with a reason (rejecting and asking for changes do).
    pub fn needs_reason(&self) -> bool {
        match self {
            VerificationDecision::Verify => false,
            VerificationDecision::Reject | VerificationDecision::RequestChanges => true,
        }
    }

    /// The status the decision leads to.
    pub fn outcome(&self) -> OrgStatus {
        match self {
            VerificationDecision::Verify => OrgStatus::Verified,
            VerificationDecision::Reject => OrgStatus::Rejected,
            VerificationDecision::RequestChanges => OrgStatus::ChangesRequested,
        }
    }
}

impl fmt::Display for VerificationDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The organization asks for verification: from `registered`, `changes_requested` or
/// `rejected` to `verification_requested`.
pub fn request_verification(from: OrgStatus) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::Registered | OrgStatus::ChangesRequested | OrgStatus::Rejected => {
            Ok(OrgStatus::VerificationRequested)
        }
        OrgStatus::VerificationRequested => Err(Transition::ALREADY_REQUESTED),
        OrgStatus::Verified => Err(Transition::INVALID_TRANSITION),
        OrgStatus::Suspended => Err(Transition::SUSPENDED),
    }
}

/// The front-office decides a pending request: only from `verification_requested`.
///
/// Refusals: `already_decided` from `verified`, `rejected` or `changes_requested` (the
/// request was decided, e.g. by another coordinator a moment earlier), `not_requested`
/// otherwise.
pub fn decide_verification(
    from: OrgStatus,
    d: VerificationDecision,
) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::VerificationRequested => Ok(d.outcome()),
        OrgStatus::Verified | OrgStatus::Rejected | OrgStatus::ChangesRequested => {
            Err(Transition::ALREADY_DECIDED)
        }
        OrgStatus::Registered | OrgStatus::Suspended => Err(Transition::NOT_REQUESTED),
    }
}

/// The organization edited its legal details (kind, BIN, names): a verified organization
/// goes back to review; any other status is unchanged.
pub fn legal_details_edited(from: OrgStatus) -> OrgStatus {
    match from {
        OrgStatus::Verified => OrgStatus::VerificationRequested,
        other => other,
    }
}

/// The national admin suspends an organization (from any status but `suspended`).
/// Store the status before suspension: [`restore`] needs it.
pub fn suspend(from: OrgStatus) -> Result<OrgStatus, Transition> {
    match from {
        OrgStatus::Suspended => Err(Transition::ALREADY_SUSPENDED),
        _ => Ok(OrgStatus::Suspended),
    }
}

/// The national admin restores a suspended organization to `previous`, its status before
/// suspension (or `registered` if that is unknown and recorded as `suspended`).
pub fn restore(previous: OrgStatus, from: OrgStatus) -> Result<OrgStatus, Transition> {
    match (from, previous) {
        (OrgStatus::Suspended, OrgStatus::Suspended) => Ok(OrgStatus::Registered),
        (OrgStatus::Suspended, previous) => Ok(previous),
        _ => Err(Transition::NOT_SUSPENDED),
    }
}

/// Whether an organization in this status may publish projects, events and shifts
/// (every status but `suspended`).
pub fn can_publish(status: OrgStatus) -> bool {
    status != OrgStatus::Suspended
}

/// Longest accepted decision reason, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// A decision reason (rejection, changes asked, suspension, exclusion): trimmed, required
/// ([`Invalid::ReasonRequired`]), at most 2000 characters, line breaks allowed.
pub fn reason(s: &str) -> Result<String, Invalid> {
    required_multiline_text(s, MAX_REASON_CHARS).map_err(|e| match e {
        Invalid::Required => Invalid::ReasonRequired,
        other => other,
    })
}

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

/// Longest accepted organization name, in characters.
pub const MAX_ORG_NAME_CHARS: usize = 200;

/// An organization's names in up to three languages; at least one is present.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgNames {
    /// Name in Kazakh.
    pub kk: Option<String>,
    /// Name in Russian.
    pub ru: Option<String>,
    /// Name in English.
    pub en: Option<String>,
}

impl OrgNames {
    /// Parses the three form fields: each optional, trimmed, at most 200 characters, one line.
    ///
    /// Errors are per field (`name_kk`, `name_ru`, `name_en`); when all three are empty, each
    /// field gets [`Invalid::AtLeastOneName`].
    pub fn parse(kk: &str, ru: &str, en: &str) -> Result<OrgNames, Vec<(&'static str, Invalid)>> {
        let mut errors = Vec::new();
        let mut field = |name: &'static str, s: &str| match optional_text(s, MAX_ORG_NAME_CHARS) {
            Ok(v) => v,
            Err(e) => {
                errors.push((name, e));
                None
            }
        };
        let names = OrgNames {
            kk: field("name_kk", kk),
            ru: field("name_ru", ru),
            en: field("name_en", en),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        if names.kk.is_none() && names.ru.is_none() && names.en.is_none() {
            return Err(vec![
                ("name_kk", Invalid::AtLeastOneName),
                ("name_ru", Invalid::AtLeastOneName),
                ("name_en", Invalid::AtLeastOneName),
            ]);
        }
        Ok(names)
    }

    /// The name in `lang`, if given.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Kk => self.kk.as_deref(),
            Lang::Ru => self.ru.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The name to show in `lang`: the one in `lang`, else the first given of kk, ru, en
    /// (empty only for a value not built by [`OrgNames::parse`]).
    pub fn display(&self, lang: Lang) -> &str {
        self.get(lang)
            .or(self.kk.as_deref())
            .or(self.ru.as_deref())
            .or(self.en.as_deref())
            .unwrap_or("")
    }
}

/// Largest accepted logo, in bytes (512 KiB).
pub const LOGO_MAX_BYTES: usize = 512 * 1024;

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
const JPEG_MAGIC: &[u8] = b"\xFF\xD8\xFF";

/// The content type of a logo from its magic bytes: `image/png`, `image/jpeg` or `image/webp`.
///
/// Empty is [`Invalid::Required`]; any other type (SVG, GIF, …) [`Invalid::ImageUnsupported`];
/// more than [`LOGO_MAX_BYTES`] [`Invalid::ImageTooLarge`]. The declared content type and file
/// name are never trusted: serve the logo with the type returned here.
pub fn sniff_image(bytes: &[u8]) -> Result<&'static str, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::Required);
    }
    let content_type = if bytes.starts_with(PNG_MAGIC) {
        "image/png"
    } else if bytes.starts_with(JPEG_MAGIC) {
        "image/jpeg"
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        "image/webp"
    } else {
        return Err(Invalid::ImageUnsupported);
    };
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Invalid::ImageTooLarge {
            max_kib: (LOGO_MAX_BYTES / 1024) as i64,
        });
    }
    Ok(content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    use OrgStatus::*;
    use VerificationDecision::*;

    #[test]
    fn kinds() {
        assert_eq!(OrgKind::parse("ngo"), Ok(OrgKind::Ngo));
        assert_eq!(
            OrgKind::parse(" state_institution "),
            Ok(OrgKind::StateInstitution)
        );
        assert_eq!(
            OrgKind::parse("initiative_group"),
            Ok(OrgKind::InitiativeGroup)
        );
        assert_eq!(OrgKind::parse(""), Err(Invalid::Required));
        assert_eq!(OrgKind::parse("  "), Err(Invalid::Required));
        assert_eq!(OrgKind::parse("NGO"), Err(Invalid::ChoiceUnknown));
        assert_eq!(OrgKind::parse("company"), Err(Invalid::ChoiceUnknown));
        assert!(OrgKind::Ngo.needs_bin());
        assert!(OrgKind::StateInstitution.needs_bin());
        assert!(!OrgKind::InitiativeGroup.needs_bin());
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.code()), Ok(k));
            assert_eq!(k.to_string(), k.code());
        }
    }

    #[test]
    fn statuses_and_decisions_round_trip() {
        let codes = [
            "registered",
            "verification_requested",
            "changes_requested",
            "verified",
            "rejected",
            "suspended",
        ];
        for (st, code) in OrgStatus::ALL.into_iter().zip(codes) {
            assert_eq!(st.code(), code);
            assert_eq!(OrgStatus::parse(code), Some(st));
            assert_eq!(st.to_string(), code);
        }
        assert_eq!(OrgStatus::parse("Verified"), None);
        assert_eq!(OrgStatus::parse(""), None);
        for (d, code) in
            VerificationDecision::ALL
                .into_iter()
                .zip(["verify", "reject", "request_changes"])
        {
            assert_eq!(d.code(), code);
            assert_eq!(VerificationDecision::parse(code), Ok(d));
        }
        assert_eq!(VerificationDecision::parse(""), Err(Invalid::Required));
        assert_eq!(
            VerificationDecision::parse("approve"),
            Err(Invalid::ChoiceUnknown)
        );
        assert!(!Verify.needs_reason());
        assert!(Reject.needs_reason() && RequestChanges.needs_reason());
    }

    #[test]
    fn request_verification_every_status() {
        let expected: [(OrgStatus, Result<OrgStatus, Transition>); 6] = [
            (Registered, Ok(VerificationRequested)),
            (VerificationRequested, Err(Transition::ALREADY_REQUESTED)),
            (ChangesRequested, Ok(VerificationRequested)),
            (Verified, Err(Transition::INVALID_TRANSITION)),
            (Rejected, Ok(VerificationRequested)),
            (Suspended, Err(Transition::SUSPENDED)),
        ];
        for (from, to) in expected {
            assert_eq!(request_verification(from), to, "{from:?}");
        }
        assert_eq!(
            request_verification(VerificationRequested)
                .unwrap_err()
                .code,
            "already_requested"
        );
    }

    #[test]
    fn decide_verification_every_status_and_decision() {
        for (d, outcome) in [
            (Verify, Verified),
            (Reject, Rejected),
            (RequestChanges, ChangesRequested),
        ] {
            assert_eq!(decide_verification(VerificationRequested, d), Ok(outcome));
            for from in [Verified, Rejected, ChangesRequested] {
                assert_eq!(
                    decide_verification(from, d),
                    Err(Transition::ALREADY_DECIDED),
                    "{from:?} {d:?}"
                );
            }
            for from in [Registered, Suspended] {
                assert_eq!(
                    decide_verification(from, d),
                    Err(Transition::NOT_REQUESTED),
                    "{from:?} {d:?}"
                );
            }
        }
        // Two coordinators at the same moment: the second sees the first one's outcome.
        let first = decide_verification(VerificationRequested, Verify).unwrap();
        assert_eq!(
            decide_verification(first, Reject).unwrap_err().code,
            "already_decided"
        );
    }

    #[test]
    fn editing_legal_details_sends_verified_back_to_review() {
        let expected = [
            (Registered, Registered),
            (VerificationRequested, VerificationRequested),
            (ChangesRequested, ChangesRequested),
            (Verified, VerificationRequested),
            (Rejected, Rejected),
            (Suspended, Suspended),
        ];
        for (from, to) in expected {
            assert_eq!(legal_details_edited(from), to, "{from:?}");
        }
    }

    #[test]
    fn suspend_and_restore() {
        for from in [
            Registered,
            VerificationRequested,
            ChangesRequested,
            Verified,
            Rejected,
        ] {
            assert_eq!(suspend(from), Ok(Suspended), "{from:?}");
            assert_eq!(restore(from, Suspended), Ok(from), "{from:?}");
            assert!(can_publish(from), "{from:?}");
            for previous in OrgStatus::ALL {
                assert_eq!(
                    restore(previous, from),
                    Err(Transition::NOT_SUSPENDED),
                    "{previous:?} {from:?}"
                );
            }
        }
        assert_eq!(suspend(Suspended), Err(Transition::ALREADY_SUSPENDED));
        assert_eq!(restore(Suspended, Suspended), Ok(Registered));
        assert!(!can_publish(Suspended));
    }

    #[test]
    fn transition_codes() {
        let all = [
            (Transition::ALREADY_DECIDED, "already_decided"),
            (Transition::ALREADY_REQUESTED, "already_requested"),
            (Transition::NOT_REQUESTED, "not_requested"),
            (Transition::SUSPENDED, "suspended"),
            (Transition::NOT_SUSPENDED, "not_suspended"),
            (Transition::ALREADY_SUSPENDED, "already_suspended"),
            (Transition::NOT_INCLUDED, "not_included"),
            (Transition::INVALID_TRANSITION, "invalid_transition"),
        ];
        for (t, code) in all {
            assert_eq!(t.code, code);
            assert_eq!(t.to_string(), code);
        }
        let e: Box<dyn std::error::Error> = Box::new(Transition::SUSPENDED);
        assert_eq!(e.to_string(), "suspended");
    }

    #[test]
    fn reasons() {
        assert_eq!(reason(""), Err(Invalid::ReasonRequired));
        assert_eq!(reason(" \n\t "), Err(Invalid::ReasonRequired));
        assert_eq!(
            reason("  Жарғы жоқ.\r\nУстав не приложен. "),
            Ok("Жарғы жоқ.\nУстав не приложен.".to_owned())
        );
        assert_eq!(
            reason(&"ә".repeat(2000)).map(|r| r.chars().count()),
            Ok(2000)
        );
        assert_eq!(
            reason(&"ә".repeat(2001)),
            Err(Invalid::TooLong { max: 2000 })
        );
        assert_eq!(reason("a\u{0}b"), Err(Invalid::NameMalformed));
    }

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

    #[test]
    fn names_need_at_least_one() {
        let all_empty = vec![
            ("name_kk", Invalid::AtLeastOneName),
            ("name_ru", Invalid::AtLeastOneName),
            ("name_en", Invalid::AtLeastOneName),
        ];
        assert_eq!(OrgNames::parse("", "", ""), Err(all_empty.clone()));
        assert_eq!(OrgNames::parse(" ", "\t", "  "), Err(all_empty));
        let names = OrgNames::parse("", " Помощь рядом ", "").unwrap();
        assert_eq!(names.kk, None);
        assert_eq!(names.ru.as_deref(), Some("Помощь рядом"));
        assert_eq!(names.en, None);
        assert_eq!(names.display(Lang::Kk), "Помощь рядом");
        assert_eq!(names.display(Lang::En), "Помощь рядом");
        assert_eq!(names.get(Lang::Kk), None);
    }

    #[test]
    fn names_display_falls_back_in_order() {
        let all = OrgNames::parse("Көмек", "Помощь", "Help").unwrap();
        assert_eq!(all.display(Lang::Kk), "Көмек");
        assert_eq!(all.display(Lang::Ru), "Помощь");
        assert_eq!(all.display(Lang::En), "Help");
        let ru_en = OrgNames::parse("", "Помощь", "Help").unwrap();
        assert_eq!(ru_en.display(Lang::Kk), "Помощь");
        assert_eq!(ru_en.display(Lang::En), "Help");
        let en = OrgNames::parse("", "", "Help").unwrap();
        assert_eq!(en.display(Lang::Kk), "Help");
        assert_eq!(en.display(Lang::Ru), "Help");
        let kk_en = OrgNames::parse("Көмек", "", "Help").unwrap();
        assert_eq!(kk_en.display(Lang::Ru), "Көмек");
        let none = OrgNames {
            kk: None,
            ru: None,
            en: None,
        };
        assert_eq!(none.display(Lang::Kk), "");
    }

    #[test]
    fn names_field_errors() {
        assert_eq!(
            OrgNames::parse(&"ә".repeat(201), "Помощь", "a\u{7}b"),
            Err(vec![
                ("name_kk", Invalid::TooLong { max: 200 }),
                ("name_en", Invalid::NameMalformed),
            ])
        );
        assert_eq!(
            OrgNames::parse("", "Помощь\nрядом", ""),
            Err(vec![("name_ru", Invalid::NameMalformed)])
        );
        assert!(OrgNames::parse(&"ә".repeat(200), "", "").is_ok());
    }

    /// A complete 1×1 PNG (67 bytes).
    const PNG_1X1: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\
        \x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\
        \r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82";
    /// The start of a JFIF JPEG.
    const JPEG_JFIF: &[u8] =
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00";
    /// The start of an Exif JPEG (camera photo).
    const JPEG_EXIF: &[u8] = b"\xFF\xD8\xFF\xE1\x00\x16Exif\x00\x00";
    /// The start of a lossy WebP.
    const WEBP: &[u8] = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00";

    #[test]
    fn sniffs_supported_images() {
        assert_eq!(PNG_1X1.len(), 67);
        assert_eq!(sniff_image(PNG_1X1), Ok("image/png"));
        assert_eq!(sniff_image(JPEG_JFIF), Ok("image/jpeg"));
        assert_eq!(sniff_image(JPEG_EXIF), Ok("image/jpeg"));
        assert_eq!(sniff_image(WEBP), Ok("image/webp"));
    }

    #[test]
    fn refuses_other_files() {
        assert_eq!(sniff_image(b""), Err(Invalid::Required));
        for bad in [
            &b"GIF89a\x01\x00\x01\x00\x80\x00\x00"[..],
            b"GIF87a\x01\x00\x01\x00",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"<?xml version=\"1.0\"?><svg/>",
            b"%PDF-1.7\n",
            b"RIFF\x24\x00\x00\x00WAVEfmt ",
            b"RIFF\x24\x00\x00\x00WEB",
            b"\x89PNG\r\n\x1a",
            b"\xFF\xD8",
            b"BM\x3a\x00\x00\x00",
            b"<html><script>alert(1)</script>",
        ] {
            assert_eq!(sniff_image(bad), Err(Invalid::ImageUnsupported), "{bad:?}");
        }
    }

    #[test]
    fn refuses_large_images() {
        let mut big = PNG_1X1.to_vec();
        big.resize(LOGO_MAX_BYTES, 0);
        assert_eq!(sniff_image(&big), Ok("image/png"));
        big.push(0);
        assert_eq!(
            sniff_image(&big),
            Err(Invalid::ImageTooLarge { max_kib: 512 })
        );
        let mut gif = b"GIF89a".to_vec();
        gif.resize(LOGO_MAX_BYTES + 1, 0);
        assert_eq!(sniff_image(&gif), Err(Invalid::ImageUnsupported));
    }
}
