//! What an organization is ([`OrgKind`]), where it stands in verification ([`OrgStatus`])
//! and what the front-office may decide ([`VerificationDecision`]): enums with stable codes.

use crate::values::codes;

codes! {
    /// The kind of an organization; a new one is an initiative group (it needs no BIN) until
    /// it says otherwise. Serialised (and documented) as its code.
    #[derive(Default)]
    pub enum OrgKind {
        /// A registered non-governmental organization (has a BIN).
        Ngo = "ngo",
        /// A state institution (has a BIN).
        StateInstitution = "state_institution",
        /// An unregistered initiative group (no BIN).
        #[default]
        InitiativeGroup = "initiative_group",
    }
}

impl OrgKind {
    /// Whether an organization of this kind must give a BIN (NGOs and state institutions do;
    /// initiative groups have none).
    pub fn needs_bin(&self) -> bool {
        match self {
            OrgKind::Ngo | OrgKind::StateInstitution => true,
            OrgKind::InitiativeGroup => false,
        }
    }
}

codes! {
    /// Where an organization stands in verification. Serialised (and documented) as its code.
    pub enum OrgStatus {
        /// Created, verification not (yet) asked for.
        Registered = "registered",
        /// Waiting in its region's verification queue.
        VerificationRequested = "verification_requested",
        /// The front-office asked for changes; the organization edits and resubmits.
        ChangesRequested = "changes_requested",
        /// Verified by the front-office: carries the badge.
        Verified = "verified",
        /// Verification refused (with a reason); it may resubmit.
        Rejected = "rejected",
        /// Suspended by the national admin: cannot publish.
        Suspended = "suspended",
    }
}

codes! {
    /// A front-office decision on a verification request.
    pub enum VerificationDecision {
        /// Verify the organization.
        Verify = "verify",
        /// Reject it (with a reason).
        Reject = "reject",
        /// Ask for changes (with a reason); the organization edits and resubmits.
        RequestChanges = "request_changes",
    }
}

impl VerificationDecision {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invalid;

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
            assert_eq!(OrgStatus::from_code(code), Some(st));
            assert_eq!(st.to_string(), code);
        }
        assert_eq!(OrgStatus::from_code("Verified"), None);
        assert_eq!(OrgStatus::from_code(""), None);
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
        let codes: Vec<_> = OrgKind::ALL.into_iter().map(OrgKind::code).collect();
        assert_eq!(enum_of(OrgKind::schema()), serde_json::json!(codes));
        for st in OrgStatus::ALL {
            assert_eq!(serde_json::to_value(st).unwrap(), st.code());
        }
        let codes: Vec<_> = OrgStatus::ALL.into_iter().map(OrgStatus::code).collect();
        assert_eq!(enum_of(OrgStatus::schema()), serde_json::json!(codes));
    }
}
