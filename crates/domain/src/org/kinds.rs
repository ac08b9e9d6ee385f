//! What an organization is ([`OrgKind`]), where it stands in verification ([`OrgStatus`])
//! and what the front-office may decide ([`VerificationDecision`]): enums with stable codes.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Invalid;

/// The kind of an organization; a new one is an initiative group (it needs no BIN) until
/// it says otherwise. Serialised (and documented) as its code.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A registered non-governmental organization (has a BIN).
    Ngo,
    /// A state institution (has a BIN).
    StateInstitution,
    /// An unregistered initiative group (no BIN).
    #[default]
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

impl std::str::FromStr for OrgKind {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgKind::parse(s)
    }
}

/// Reads a stored code (what `#[sqlx(try_from = "String")]` calls).
impl TryFrom<String> for OrgKind {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Where an organization stands in verification. Serialised (and documented) as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
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

impl std::str::FromStr for OrgStatus {
    type Err = Invalid;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrgStatus::parse(s).ok_or(Invalid::ChoiceUnknown)
    }
}

/// Reads a stored code (what `#[sqlx(try_from = "String")]` calls).
impl TryFrom<String> for OrgStatus {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
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

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(OrgKind::try_from(k.code().to_owned()), Ok(k));
        }
        assert_eq!(OrgKind::default(), OrgKind::InitiativeGroup);
    }

    #[test]
    fn stored_statuses_read_back() {
        for st in OrgStatus::ALL {
            assert_eq!(OrgStatus::try_from(st.code().to_owned()), Ok(st));
            assert_eq!(st.code().parse::<OrgStatus>(), Ok(st));
        }
        assert_eq!(
            OrgStatus::try_from("closed".to_owned()),
            Err(Invalid::ChoiceUnknown)
        );
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
    fn kinds_and_statuses_serialise_and_are_documented_as_their_codes() {
        use utoipa::PartialSchema;
        let enum_of = |schema: utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>| {
            let v = serde_json::to_value(schema).expect("a schema serialises");
            assert_eq!(v["type"], "string", "{v}");
            v["enum"].clone()
        };
        for k in OrgKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        let codes: Vec<_> = OrgKind::ALL.iter().map(OrgKind::code).collect();
        assert_eq!(enum_of(OrgKind::schema()), serde_json::json!(codes));
        for st in OrgStatus::ALL {
            assert_eq!(serde_json::to_value(st).unwrap(), st.code());
        }
        let codes: Vec<_> = OrgStatus::ALL.iter().map(OrgStatus::code).collect();
        assert_eq!(enum_of(OrgStatus::schema()), serde_json::json!(codes));
    }
}
