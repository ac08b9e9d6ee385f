//! Authorisation: the one function that says who may do what to which resource.
//!
//! Roles are scoped: a coordinator of organization A can do nothing to organization B, a
//! regional coordinator of KZ-55 nothing in KZ-75. Every signed-in user is a volunteer.

use std::fmt;

use uuid::Uuid;

use crate::RegionCode;

/// A role held by a user, with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Role {
    /// Ministry / national front-office: register decisions, reference data, national statistics.
    NationalAdmin,
    /// Regional front-office coordinator of one region.
    RegionalCoordinator {
        /// The region coordinated.
        region: RegionCode,
    },
    /// Owner of one organization (manages its members).
    OrgOwner {
        /// The organization owned.
        org: Uuid,
    },
    /// Coordinator of one organization (runs its events).
    OrgCoordinator {
        /// The organization coordinated.
        org: Uuid,
    },
    /// Treasurer of one organization (records its donations, imports its bank statements,
    /// submits and approves its expenses).
    OrgTreasurer {
        /// The organization whose money is handled.
        org: Uuid,
    },
}

impl Role {
    /// Stable code as stored: `national_admin`, `regional_coordinator`, `org_owner`,
    /// `org_coordinator`, `org_treasurer`.
    pub fn code(&self) -> &'static str {
        match self {
            Role::NationalAdmin => "national_admin",
            Role::RegionalCoordinator { .. } => "regional_coordinator",
            Role::OrgOwner { .. } => "org_owner",
            Role::OrgCoordinator { .. } => "org_coordinator",
            Role::OrgTreasurer { .. } => "org_treasurer",
        }
    }

    /// Rebuilds a role from its stored parts; `None` if the code is unknown or its scope missing.
    /// A scope the role does not use is ignored.
    pub fn from_parts(code: &str, org: Option<Uuid>, region: Option<&str>) -> Option<Role> {
        match code {
            "national_admin" => Some(Role::NationalAdmin),
            "regional_coordinator" => {
                let region = RegionCode::parse(region?).ok()?;
                Some(Role::RegionalCoordinator { region })
            }
            "org_owner" => Some(Role::OrgOwner { org: org? }),
            "org_coordinator" => Some(Role::OrgCoordinator { org: org? }),
            "org_treasurer" => Some(Role::OrgTreasurer { org: org? }),
            _ => None,
        }
    }

    /// The organization this role is scoped to, if any.
    pub fn org(&self) -> Option<Uuid> {
        match self {
            Role::OrgOwner { org } | Role::OrgCoordinator { org } | Role::OrgTreasurer { org } => {
                Some(*org)
            }
            Role::NationalAdmin | Role::RegionalCoordinator { .. } => None,
        }
    }

    /// The region this role is scoped to, if any.
    pub fn region(&self) -> Option<&RegionCode> {
        match self {
            Role::RegionalCoordinator { region } => Some(region),
            Role::NationalAdmin
            | Role::OrgOwner { .. }
            | Role::OrgCoordinator { .. }
            | Role::OrgTreasurer { .. } => None,
        }
    }
}

/// Who is asking: an anonymous visitor, or a signed-in user (a volunteer) with roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The signed-in user; `None` for an anonymous visitor.
    pub user_id: Option<Uuid>,
    /// The roles the user holds (empty for a plain volunteer).
    pub roles: Vec<Role>,
}

impl Actor {
    /// An anonymous visitor.
    pub fn visitor() -> Actor {
        Actor {
            user_id: None,
            roles: Vec::new(),
        }
    }

    /// A signed-in user with these roles.
    pub fn user(id: Uuid, roles: Vec<Role>) -> Actor {
        Actor {
            user_id: Some(id),
            roles,
        }
    }

    /// Whether someone is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.user_id.is_some()
    }

    /// Whether this is the given user.
    pub fn is_user(&self, id: Uuid) -> bool {
        self.user_id == Some(id)
    }

    /// Whether the actor is a national admin.
    pub fn is_national_admin(&self) -> bool {
        self.roles.contains(&Role::NationalAdmin)
    }

    /// The regions the actor coordinates.
    pub fn regions(&self) -> Vec<&RegionCode> {
        self.roles.iter().filter_map(Role::region).collect()
    }

    /// Whether the actor coordinates this region.
    pub fn coordinates_region(&self, region: &RegionCode) -> bool {
        self.roles.iter().any(|r| r.region() == Some(region))
    }

    /// Whether the actor owns this organization.
    pub fn owns_org(&self, org: Uuid) -> bool {
        self.roles.contains(&Role::OrgOwner { org })
    }

    /// Whether the actor is an owner or coordinator of this organization.
    pub fn is_org_member(&self, org: Uuid) -> bool {
        self.roles.iter().any(|r| {
            matches!(r, Role::OrgOwner { org: o } | Role::OrgCoordinator { org: o } if *o == org)
        })
    }

    /// Whether the actor handles this organization's money: its owner or a treasurer.
    pub fn handles_money(&self, org: Uuid) -> bool {
        self.roles.iter().any(
            |r| matches!(r, Role::OrgOwner { org: o } | Role::OrgTreasurer { org: o } if *o == org),
        )
    }

    /// The organizations the actor owns, coordinates or keeps the money of, without repeats.
    pub fn orgs(&self) -> Vec<Uuid> {
        let mut orgs: Vec<Uuid> = Vec::new();
        for org in self.roles.iter().filter_map(Role::org) {
            if !orgs.contains(&org) {
                orgs.push(org);
            }
        }
        orgs
    }
}

/// What an action is done to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Resource {
    /// The platform as a whole.
    Site,
    /// A user's account and profile; `region` is the region in the user's profile.
    User {
        /// The user.
        id: Uuid,
        /// The user's region, if given.
        region: Option<RegionCode>,
    },
    /// An organization or initiative group.
    Organization {
        /// The organization.
        id: Uuid,
        /// Its region (whose front-office verifies it).
        region: RegionCode,
    },
    /// A region.
    Region(RegionCode),
}

/// Something an actor wants to do. Adding one forces a decision in [`authorize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See public pages and data (anyone).
    ViewPublic,
    /// See one's own account (on `User`: only that user).
    ViewOwnAccount,
    /// Change one's own profile (on `User`: only that user).
    EditProfile,
    /// See a user's IIN, phone, birth date, address (on `User`: the user, their region's
    /// coordinator, national admin).
    ViewPersonalData,
    /// Create and revoke one's own API tokens (on `User`: only that user).
    ManageApiTokens,
    /// Read the outgoing mail box (national admin).
    ViewMailbox,
    /// Grant and withdraw roles (national admin).
    AssignRoles,
    /// Edit directions, activity types, categories (national admin).
    ManageReferenceData,
    /// Read the audit log (national admin; on `Organization` also its owner and its region's coordinator).
    ViewAuditLog,
    /// Register a new organization (on `Site`: any signed-in user).
    CreateOrganization,
    /// Edit an organization (on `Organization`: its owner or coordinators).
    EditOrganization,
    /// Add and remove members (on `Organization`: its owner).
    ManageMembers,
    /// Create and publish projects, events, shifts (on `Organization`: its owner or coordinators).
    PublishEvents,
    /// Verify or reject an organization (on `Organization`: its region's coordinator, national admin).
    VerifyOrganization,
    /// Suspend an organization (national admin).
    SuspendOrganization,
    /// Decide on register applications (national admin).
    DecideRegister,
    /// See a region's statistics (on `Region`: its coordinator, national admin).
    ViewRegionStats,
    /// See national statistics (national admin).
    ViewNationalStats,
    /// See an organization's private details: its members' contacts, its audit on its page
    /// (on `Organization`: its owner or coordinators, its region's coordinator, national admin).
    ViewOrganizationPrivate,
    /// Invite a coordinator by e-mail (on `Organization`: its owner).
    InviteMember,
    /// Remove a member (on `Organization`: its owner).
    RemoveMember,
    /// Hand ownership to another member (on `Organization`: its owner).
    TransferOwnership,
    /// Leave an organization (on `Organization`: any of its members except its owner, who is
    /// refused with [`Denied::OWNER_CANNOT_LEAVE`] and must hand over ownership first).
    LeaveOrganization,
    /// Ask for verification (on `Organization`: its owner or coordinators).
    RequestVerification,
    /// See a region's verification queue (on `Region`: its coordinator, national admin).
    ViewVerificationQueue,
    /// Restore a suspended organization (national admin).
    RestoreOrganization,
    /// Apply for inclusion in the register of volunteer activity (on `Site`: any signed-in
    /// user, as a volunteer; on `Organization`: its owner, for the organization).
    ApplyToRegister,
    /// See the register applications awaiting a decision (national admin).
    ViewRegisterQueue,
    /// Appoint and remove a region's coordinators (national admin; used on `Region`).
    AppointCoordinator,
    /// Import paper records of volunteer hours (on `Region`: its coordinator, national admin).
    ImportHours,
    /// Triage help requests, see their private details, file them for callers, rank and
    /// offer volunteers, raise emergency calls (on `Region`: its coordinator, national admin).
    ManageHelp,
    /// Open, edit, submit, activate, close and report charitable collections (on
    /// `Organization`: its owner or coordinators).
    ManageCollections,
    /// Record donations, import bank statements, submit and approve expenses, reverse
    /// donations (on `Organization`: its owner or treasurers).
    HandleMoney,
    /// See donors' identities and the private side of collections (on `Organization`: its
    /// owner, coordinators and treasurers, its region's coordinator, national admin).
    ViewDonors,
    /// Register, reject, suspend and resume collections, and handle concerns about them (on
    /// `Region`: its coordinator, national admin).
    RegisterCollections,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 35] = [
        Action::ViewPublic,
        Action::ViewOwnAccount,
        Action::EditProfile,
        Action::ViewPersonalData,
        Action::ManageApiTokens,
        Action::ViewMailbox,
        Action::AssignRoles,
        Action::ManageReferenceData,
        Action::ViewAuditLog,
        Action::CreateOrganization,
        Action::EditOrganization,
        Action::ManageMembers,
        Action::PublishEvents,
        Action::VerifyOrganization,
        Action::SuspendOrganization,
        Action::DecideRegister,
        Action::ViewRegionStats,
        Action::ViewNationalStats,
        Action::ViewOrganizationPrivate,
        Action::InviteMember,
        Action::RemoveMember,
        Action::TransferOwnership,
        Action::LeaveOrganization,
        Action::RequestVerification,
        Action::ViewVerificationQueue,
        Action::RestoreOrganization,
        Action::ApplyToRegister,
        Action::ViewRegisterQueue,
        Action::AppointCoordinator,
        Action::ImportHours,
        Action::ManageHelp,
        Action::ManageCollections,
        Action::HandleMoney,
        Action::ViewDonors,
        Action::RegisterCollections,
    ];
}

/// Why an action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Denied {
    /// `forbidden`, `unauthenticated` when signing in could help, or a more specific
    /// refusal such as `owner_cannot_leave` (all but `unauthenticated` are HTTP 403).
    pub code: &'static str,
}

impl Denied {
    /// Signed in, but not allowed.
    pub const FORBIDDEN: Denied = Denied { code: "forbidden" };
    /// Not signed in; signing in might help.
    pub const UNAUTHENTICATED: Denied = Denied {
        code: "unauthenticated",
    };
    /// The owner tried to leave their own organization (an organization always has an owner:
    /// hand over ownership first).
    pub const OWNER_CANNOT_LEAVE: Denied = Denied {
        code: "owner_cannot_leave",
    };

    /// Whether signing in might help.
    pub fn is_unauthenticated(&self) -> bool {
        *self == Denied::UNAUTHENTICATED
    }
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl std::error::Error for Denied {}

/// Decides whether `actor` may do `action` to `resource`.
///
/// Actions reserved to the national admin are allowed to them whatever the resource, since
/// their scope is the whole country; every other rule names the resource it applies to, and
/// anything not named is forbidden.
pub fn authorize(actor: &Actor, action: Action, resource: &Resource) -> Result<(), Denied> {
    if action == Action::ViewPublic {
        return Ok(());
    }
    let Some(me) = actor.user_id else {
        return Err(Denied::UNAUTHENTICATED);
    };
    let admin = actor.is_national_admin();
    let allowed = match action {
        Action::ViewPublic => true,
        Action::ViewOwnAccount | Action::EditProfile | Action::ManageApiTokens => {
            matches!(resource, Resource::User { id, .. } if *id == me)
        }
        Action::ViewPersonalData => match resource {
            Resource::User { id, region } => {
                *id == me || admin || region.as_ref().is_some_and(|r| actor.coordinates_region(r))
            }
            Resource::Site | Resource::Organization { .. } | Resource::Region(_) => false,
        },
        Action::ViewMailbox
        | Action::AssignRoles
        | Action::ManageReferenceData
        | Action::SuspendOrganization
        | Action::DecideRegister
        | Action::ViewNationalStats
        | Action::RestoreOrganization
        | Action::ViewRegisterQueue
        | Action::AppointCoordinator => admin,
        Action::ViewAuditLog => {
            admin
                || match resource {
                    Resource::Organization { id, region } => {
                        actor.owns_org(*id) || actor.coordinates_region(region)
                    }
                    Resource::Site | Resource::User { .. } | Resource::Region(_) => false,
                }
        }
        Action::CreateOrganization => matches!(resource, Resource::Site),
        Action::EditOrganization | Action::PublishEvents => {
            matches!(resource, Resource::Organization { id, .. } if actor.is_org_member(*id))
        }
        Action::ManageMembers
        | Action::InviteMember
        | Action::RemoveMember
        | Action::TransferOwnership => {
            matches!(resource, Resource::Organization { id, .. } if actor.owns_org(*id))
        }
        Action::RequestVerification => {
            matches!(resource, Resource::Organization { id, .. } if actor.is_org_member(*id))
        }
        Action::LeaveOrganization => match resource {
            Resource::Organization { id, .. } if actor.owns_org(*id) => {
                return Err(Denied::OWNER_CANNOT_LEAVE);
            }
            Resource::Organization { id, .. } => actor.is_org_member(*id),
            Resource::Site | Resource::User { .. } | Resource::Region(_) => false,
        },
        Action::ViewOrganizationPrivate => matches!(
            resource,
            Resource::Organization { id, region }
                if admin || actor.is_org_member(*id) || actor.coordinates_region(region)
        ),
        Action::ApplyToRegister => match resource {
            Resource::Site => true,
            Resource::Organization { id, .. } => actor.owns_org(*id),
            Resource::User { .. } | Resource::Region(_) => false,
        },
        Action::VerifyOrganization => matches!(
            resource,
            Resource::Organization { region, .. } if admin || actor.coordinates_region(region)
        ),
        Action::ManageCollections => {
            matches!(resource, Resource::Organization { id, .. } if actor.is_org_member(*id))
        }
        Action::HandleMoney => {
            matches!(resource, Resource::Organization { id, .. } if actor.handles_money(*id))
        }
        Action::ViewDonors => matches!(
            resource,
            Resource::Organization { id, region }
                if admin
                    || actor.is_org_member(*id)
                    || actor.handles_money(*id)
                    || actor.coordinates_region(region)
        ),
        Action::ViewRegionStats
        | Action::ViewVerificationQueue
        | Action::ImportHours
        | Action::ManageHelp
        | Action::RegisterCollections => matches!(
            resource,
            Resource::Region(region) if admin || actor.coordinates_region(region)
        ),
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::FORBIDDEN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str) -> RegionCode {
        RegionCode::parse(code).unwrap()
    }

    /// Fixed ids so that failures are readable.
    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    const ORG_A: u128 = 0xA; // KZ-55
    const ORG_B: u128 = 0xB; // KZ-75
    const ORG_C: u128 = 0xC; // KZ-55, another organization in the same region

    /// The actors of the table, each with its own user id.
    fn actors() -> [(&'static str, Actor); 6] {
        [
            ("visitor", Actor::visitor()),
            ("volunteer", Actor::user(id(1), vec![])),
            (
                "owner_a",
                Actor::user(id(2), vec![Role::OrgOwner { org: id(ORG_A) }]),
            ),
            (
                "coord_a",
                Actor::user(id(3), vec![Role::OrgCoordinator { org: id(ORG_A) }]),
            ),
            (
                "regional_55",
                Actor::user(
                    id(4),
                    vec![Role::RegionalCoordinator {
                        region: region("KZ-55"),
                    }],
                ),
            ),
            ("admin", Actor::user(id(5), vec![Role::NationalAdmin])),
        ]
    }

    /// The resources of the table, seen from `actor` (`u` is the actor's own account).
    /// Letters: S site; u self (KZ-55); k other user KZ-55; a other user KZ-75; n other user
    /// without region; A org A (KZ-55); C org C (KZ-55); B org B (KZ-75); R region KZ-55; Q KZ-75.
    fn resources(actor: &Actor) -> Vec<(char, Resource)> {
        let user = |n, r: Option<&str>| Resource::User {
            id: id(n),
            region: r.map(region),
        };
        let org = |n, r| Resource::Organization {
            id: id(n),
            region: region(r),
        };
        let me = actor.user_id.unwrap_or(id(999));
        vec![
            ('S', Resource::Site),
            (
                'u',
                Resource::User {
                    id: me,
                    region: Some(region("KZ-55")),
                },
            ),
            ('k', user(100, Some("KZ-55"))),
            ('a', user(101, Some("KZ-75"))),
            ('n', user(102, None)),
            ('A', org(ORG_A, "KZ-55")),
            ('C', org(ORG_C, "KZ-55")),
            ('B', org(ORG_B, "KZ-75")),
            ('R', Resource::Region(region("KZ-55"))),
            ('Q', Resource::Region(region("KZ-75"))),
        ]
    }

    /// Expected allowed resources per action, for actors in the order of [`actors`]:
    /// visitor, volunteer, owner_a, coord_a, regional_55, admin. `*` = every resource.
    /// A visitor's refusals are `unauthenticated`, everyone else's `forbidden` unless listed in
    /// [`REFUSED_WITH`].
    const EXPECTED: [(Action, [&str; 6]); 35] = [
        (Action::ViewPublic, ["*", "*", "*", "*", "*", "*"]),
        (Action::ViewOwnAccount, ["", "u", "u", "u", "u", "u"]),
        (Action::EditProfile, ["", "u", "u", "u", "u", "u"]),
        (Action::ViewPersonalData, ["", "u", "u", "u", "uk", "ukan"]),
        (Action::ManageApiTokens, ["", "u", "u", "u", "u", "u"]),
        (Action::ViewMailbox, ["", "", "", "", "", "*"]),
        (Action::AssignRoles, ["", "", "", "", "", "*"]),
        (Action::ManageReferenceData, ["", "", "", "", "", "*"]),
        (Action::ViewAuditLog, ["", "", "A", "", "AC", "*"]),
        (Action::CreateOrganization, ["", "S", "S", "S", "S", "S"]),
        (Action::EditOrganization, ["", "", "A", "A", "", ""]),
        (Action::ManageMembers, ["", "", "A", "", "", ""]),
        (Action::PublishEvents, ["", "", "A", "A", "", ""]),
        (Action::VerifyOrganization, ["", "", "", "", "AC", "ACB"]),
        (Action::SuspendOrganization, ["", "", "", "", "", "*"]),
        (Action::DecideRegister, ["", "", "", "", "", "*"]),
        (Action::ViewRegionStats, ["", "", "", "", "R", "RQ"]),
        (Action::ViewNationalStats, ["", "", "", "", "", "*"]),
        (
            Action::ViewOrganizationPrivate,
            ["", "", "A", "A", "AC", "ACB"],
        ),
        (Action::InviteMember, ["", "", "A", "", "", ""]),
        (Action::RemoveMember, ["", "", "A", "", "", ""]),
        (Action::TransferOwnership, ["", "", "A", "", "", ""]),
        (Action::LeaveOrganization, ["", "", "", "A", "", ""]),
        (Action::RequestVerification, ["", "", "A", "A", "", ""]),
        (Action::ViewVerificationQueue, ["", "", "", "", "R", "RQ"]),
        (Action::RestoreOrganization, ["", "", "", "", "", "*"]),
        (Action::ApplyToRegister, ["", "S", "SA", "S", "S", "S"]),
        (Action::ViewRegisterQueue, ["", "", "", "", "", "*"]),
        (Action::AppointCoordinator, ["", "", "", "", "", "*"]),
        (Action::ImportHours, ["", "", "", "", "R", "RQ"]),
        (Action::ManageHelp, ["", "", "", "", "R", "RQ"]),
        (Action::ManageCollections, ["", "", "A", "A", "", ""]),
        (Action::HandleMoney, ["", "", "A", "", "", ""]),
        (Action::ViewDonors, ["", "", "A", "A", "AC", "ACB"]),
        (Action::RegisterCollections, ["", "", "", "", "R", "RQ"]),
    ];

    /// Refusals with a code other than `forbidden`: (action, actor, resource letter, refusal).
    const REFUSED_WITH: [(Action, &str, char, Denied); 1] = [(
        Action::LeaveOrganization,
        "owner_a",
        'A',
        Denied::OWNER_CANNOT_LEAVE,
    )];

    /// Exhaustive on purpose: a new `Action` fails to compile here until the table covers it.
    fn position(action: Action) -> usize {
        match action {
            Action::ViewPublic => 0,
            Action::ViewOwnAccount => 1,
            Action::EditProfile => 2,
            Action::ViewPersonalData => 3,
            Action::ManageApiTokens => 4,
            Action::ViewMailbox => 5,
            Action::AssignRoles => 6,
            Action::ManageReferenceData => 7,
            Action::ViewAuditLog => 8,
            Action::CreateOrganization => 9,
            Action::EditOrganization => 10,
            Action::ManageMembers => 11,
            Action::PublishEvents => 12,
            Action::VerifyOrganization => 13,
            Action::SuspendOrganization => 14,
            Action::DecideRegister => 15,
            Action::ViewRegionStats => 16,
            Action::ViewNationalStats => 17,
            Action::ViewOrganizationPrivate => 18,
            Action::InviteMember => 19,
            Action::RemoveMember => 20,
            Action::TransferOwnership => 21,
            Action::LeaveOrganization => 22,
            Action::RequestVerification => 23,
            Action::ViewVerificationQueue => 24,
            Action::RestoreOrganization => 25,
            Action::ApplyToRegister => 26,
            Action::ViewRegisterQueue => 27,
            Action::AppointCoordinator => 28,
            Action::ImportHours => 29,
            Action::ManageHelp => 30,
            Action::ManageCollections => 31,
            Action::HandleMoney => 32,
            Action::ViewDonors => 33,
            Action::RegisterCollections => 34,
        }
    }

    #[test]
    fn table_covers_every_action_once() {
        assert_eq!(Action::ALL.len(), EXPECTED.len());
        for (i, action) in Action::ALL.iter().enumerate() {
            assert_eq!(position(*action), i, "{action:?}");
            assert_eq!(EXPECTED[i].0, *action, "EXPECTED row {i}");
        }
    }

    #[test]
    fn authorization_table() {
        let mut checked = 0;
        for (action, row) in EXPECTED {
            for ((who, actor), allowed) in actors().iter().zip(row) {
                for (letter, resource) in resources(actor) {
                    let special = REFUSED_WITH
                        .iter()
                        .find(|(a, w, l, _)| *a == action && w == who && *l == letter);
                    let expected = if allowed == "*" || allowed.contains(letter) {
                        Ok(())
                    } else if let Some((_, _, _, denied)) = special {
                        Err(*denied)
                    } else if actor.user_id.is_none() {
                        Err(Denied::UNAUTHENTICATED)
                    } else {
                        Err(Denied::FORBIDDEN)
                    };
                    assert_eq!(
                        authorize(actor, action, &resource),
                        expected,
                        "{who} {action:?} on {letter} ({resource:?})"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, Action::ALL.len() * 6 * 10);
    }

    #[test]
    fn roles_combine_but_stay_scoped() {
        // Owner of B and regional coordinator of KZ-55: each role works only in its own scope.
        let actor = Actor::user(
            id(7),
            vec![
                Role::OrgOwner { org: id(ORG_B) },
                Role::RegionalCoordinator {
                    region: region("KZ-55"),
                },
            ],
        );
        let org_a = Resource::Organization {
            id: id(ORG_A),
            region: region("KZ-55"),
        };
        let org_b = Resource::Organization {
            id: id(ORG_B),
            region: region("KZ-75"),
        };
        assert_eq!(authorize(&actor, Action::ManageMembers, &org_b), Ok(()));
        assert_eq!(
            authorize(&actor, Action::ManageMembers, &org_a),
            Err(Denied::FORBIDDEN)
        );
        assert_eq!(
            authorize(&actor, Action::VerifyOrganization, &org_a),
            Ok(())
        );
        assert_eq!(
            authorize(&actor, Action::VerifyOrganization, &org_b),
            Err(Denied::FORBIDDEN)
        );
        assert_eq!(authorize(&actor, Action::ViewAuditLog, &org_a), Ok(()));
        assert_eq!(authorize(&actor, Action::ViewAuditLog, &org_b), Ok(()));
        assert_eq!(actor.regions(), vec![&region("KZ-55")]);
        assert_eq!(actor.orgs(), vec![id(ORG_B)]);
    }

    #[test]
    fn owner_cannot_leave_even_when_also_coordinator() {
        let org_a = Resource::Organization {
            id: id(ORG_A),
            region: region("KZ-55"),
        };
        let org_b = Resource::Organization {
            id: id(ORG_B),
            region: region("KZ-75"),
        };
        let both = Actor::user(
            id(8),
            vec![
                Role::OrgOwner { org: id(ORG_A) },
                Role::OrgCoordinator { org: id(ORG_A) },
            ],
        );
        assert_eq!(
            authorize(&both, Action::LeaveOrganization, &org_a),
            Err(Denied::OWNER_CANNOT_LEAVE)
        );
        // Coordinator of A and owner of B: may leave A, not B.
        let mixed = Actor::user(
            id(9),
            vec![
                Role::OrgCoordinator { org: id(ORG_A) },
                Role::OrgOwner { org: id(ORG_B) },
            ],
        );
        assert_eq!(authorize(&mixed, Action::LeaveOrganization, &org_a), Ok(()));
        assert_eq!(
            authorize(&mixed, Action::LeaveOrganization, &org_b),
            Err(Denied::OWNER_CANNOT_LEAVE)
        );
        assert_eq!(Denied::OWNER_CANNOT_LEAVE.to_string(), "owner_cannot_leave");
        assert!(!Denied::OWNER_CANNOT_LEAVE.is_unauthenticated());
        // The national admin is no member: leaving is not theirs to do.
        let admin = Actor::user(id(5), vec![Role::NationalAdmin]);
        assert_eq!(
            authorize(&admin, Action::LeaveOrganization, &org_a),
            Err(Denied::FORBIDDEN)
        );
    }

    #[test]
    fn roles_round_trip_through_parts() {
        let roles = [
            Role::NationalAdmin,
            Role::RegionalCoordinator {
                region: region("KZ-71"),
            },
            Role::OrgOwner { org: id(ORG_A) },
            Role::OrgCoordinator { org: id(ORG_B) },
        ];
        for role in roles {
            let rebuilt = Role::from_parts(
                role.code(),
                role.org(),
                role.region().map(RegionCode::as_str),
            );
            assert_eq!(rebuilt, Some(role));
        }
        assert_eq!(Role::from_parts("org_owner", None, None), None);
        assert_eq!(
            Role::from_parts("regional_coordinator", None, Some("KZ-99")),
            None
        );
        assert_eq!(Role::from_parts("regional_coordinator", None, None), None);
        assert_eq!(Role::from_parts("superuser", Some(id(1)), None), None);
        assert_eq!(
            Role::from_parts("national_admin", Some(id(1)), None),
            Some(Role::NationalAdmin)
        );
    }

    #[test]
    fn actor_helpers() {
        let visitor = Actor::visitor();
        assert!(!visitor.is_signed_in());
        assert!(!visitor.is_national_admin());
        assert!(visitor.regions().is_empty());
        let both = Actor::user(
            id(8),
            vec![
                Role::OrgOwner { org: id(ORG_A) },
                Role::OrgCoordinator { org: id(ORG_A) },
            ],
        );
        assert!(both.is_user(id(8)));
        assert!(both.owns_org(id(ORG_A)) && both.is_org_member(id(ORG_A)));
        assert!(!both.is_org_member(id(ORG_B)));
        assert_eq!(both.orgs(), vec![id(ORG_A)]);
        assert_eq!(Denied::FORBIDDEN.to_string(), "forbidden");
        assert!(Denied::UNAUTHENTICATED.is_unauthenticated());
    }

    /// A treasurer of A handles A's money and sees its donors, and nothing of a member's
    /// (events, edits, members) nor any other organization's money.
    #[test]
    fn a_treasurer_handles_money_and_nothing_else() {
        let t = Actor::user(id(6), vec![Role::OrgTreasurer { org: id(ORG_A) }]);
        let a = Resource::Organization {
            id: id(ORG_A),
            region: region("KZ-55"),
        };
        let c = Resource::Organization {
            id: id(ORG_C),
            region: region("KZ-55"),
        };
        for action in Action::ALL {
            let on_a = authorize(&t, action, &a).is_ok();
            let want = matches!(
                action,
                Action::ViewPublic | Action::HandleMoney | Action::ViewDonors
            );
            assert_eq!(on_a, want, "{action:?} on A");
            let on_c = authorize(&t, action, &c).is_ok();
            assert_eq!(on_c, action == Action::ViewPublic, "{action:?} on C");
        }
        assert_eq!(
            Role::from_parts("org_treasurer", Some(id(ORG_A)), None),
            Some(Role::OrgTreasurer { org: id(ORG_A) })
        );
        assert_eq!(t.orgs(), vec![id(ORG_A)]);
        assert!(!t.is_org_member(id(ORG_A)));
    }
}
