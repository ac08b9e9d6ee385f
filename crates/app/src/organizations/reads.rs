//! What the pages and the API show of organizations: the public directory, one
//! organization as the caller may see it, its logo, the audit log. Each read is authorised
//! like the writes: a suspended organization is not found by those who may not see it.

use domain::{Action, OrgStatus, Resource};
use serde::Deserialize;
use store::organizations::{
    self as store_orgs, Card, DirectoryQuery, Member, Organization, Request,
};
use uuid::Uuid;

use super::{allow, load, may, resource};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// Page size of the directory (pages and API).
pub const PAGE_SIZE: i64 = 20;

/// Directory filters from the query string; unknown values are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryParams {
    /// Text.
    pub q: String,
    /// Region.
    pub region: String,
    /// Direction.
    pub direction: String,
    /// Kind.
    pub kind: String,
    /// Only verified (`1`).
    pub verified: String,
    /// Page, from 1.
    pub page: Option<i64>,
}

impl DirectoryParams {
    /// The store query, ignoring unknown values.
    pub fn query(&self) -> DirectoryQuery {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        DirectoryQuery {
            region: domain::RegionCode::parse(&self.region)
                .ok()
                .map(|r| r.as_str().to_owned()),
            direction: domain::reference::direction(&self.direction).map(|d| d.code.to_owned()),
            kind: domain::OrgKind::parse(&self.kind).ok(),
            verified_only: self.verified == "1" || self.verified == "true",
            q: some(&self.q).map(|q| q.chars().take(100).collect()),
        }
    }
    /// The page, from 1, bounded.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }
}

/// One page of the directory.
#[derive(Debug, Clone)]
pub struct Directory {
    /// Organizations on this page.
    pub cards: Vec<Card>,
    /// Matches in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
}

/// The public directory (anyone): one page of `PAGE_SIZE` organizations.
pub async fn directory(state: &App, p: &DirectoryParams) -> Result<Directory, OpError> {
    let page = p.page();
    let (cards, total) =
        store_orgs::directory(&state.db, &p.query(), PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    Ok(Directory { cards, total, page })
}

/// An organization with its members, as the caller may see it.
#[derive(Debug, Clone)]
pub struct OrgView {
    /// The organization.
    pub organization: Organization,
    /// Its members, owner first.
    pub members: Vec<Member>,
    /// The caller may see its status and private details (members and staff).
    pub private: bool,
}

/// One organization; a suspended one only for those who may see its private details
/// (anyone else: not found).
pub async fn show(state: &App, me: Option<&SignedIn>, id: Uuid) -> Result<OrgView, OpError> {
    let o = load(state, id).await?;
    let private = may(me, Action::ViewOrganizationPrivate, &resource(&o));
    if o.status == OrgStatus::Suspended && !private {
        return Err(OpError::NotFound);
    }
    let members = store_orgs::members(&state.db, id).await?;
    Ok(OrgView {
        organization: o,
        members,
        private,
    })
}

/// The organization just created, as its creator sees it now: their roles are read again,
/// since they became its owner (on a failure to read them, as they were).
pub async fn created(state: &App, me: &SignedIn, id: Uuid) -> Result<OrgView, OpError> {
    let roles = match store::accounts::roles_of(&state.db, me.user.id).await {
        Ok(rs) => rs
            .into_iter()
            .filter_map(|r| {
                domain::Role::from_parts(&r.role, r.organization_id, r.region_code.as_deref())
            })
            .collect(),
        Err(_) => me.roles.clone(),
    };
    let me = SignedIn {
        roles,
        ..me.clone()
    };
    show(state, Some(&me), id).await
}

/// Everything the organization's page shows, as the caller may see it, with what the
/// caller may do there.
pub struct Overview {
    /// The organization.
    pub organization: Organization,
    /// Its members, owner first.
    pub members: Vec<Member>,
    /// The caller may see its status and private details.
    pub private: bool,
    /// Latest verification request (private).
    pub last_request: Option<Request>,
    /// The caller may see its audit log.
    pub show_audit: bool,
    /// Its audit log, newest first (when the caller may see it).
    pub audit: Vec<store::audit::Entry>,
    /// Median minutes to answer an application (moderated events, last year).
    pub median_response_minutes: Option<i64>,
    /// Its projects.
    pub projects: Vec<store::events::Project>,
    /// May edit it.
    pub can_edit: bool,
    /// May ask for verification now.
    pub can_request: bool,
    /// May invite and remove members.
    pub can_manage: bool,
    /// May leave it.
    pub can_leave: bool,
    /// May suspend it.
    pub can_suspend: bool,
    /// May restore it.
    pub can_restore: bool,
}

fn is_member(me: Option<&SignedIn>, id: Uuid) -> bool {
    me.is_some_and(|m| m.roles.iter().any(|r| r.org() == Some(id)))
}

/// The organization's page; a suspended one only for those who may see its private
/// details (anyone else: not found).
pub async fn overview(state: &App, me: Option<&SignedIn>, id: Uuid) -> Result<Overview, OpError> {
    let o = load(state, id).await?;
    if o.status == OrgStatus::Suspended && !may(me, Action::ViewOrganizationPrivate, &resource(&o))
    {
        return Err(OpError::NotFound);
    }
    build_overview(state, me, o).await
}

/// The page of `o` for `me`, once the caller was allowed to see it.
pub(super) async fn build_overview(
    state: &App,
    me: Option<&SignedIn>,
    o: Organization,
) -> Result<Overview, OpError> {
    let res = resource(&o);
    let private = may(me, Action::ViewOrganizationPrivate, &res);
    let members = store_orgs::members(&state.db, o.id).await?;
    let last_request = if private {
        store_orgs::requests_of(&state.db, o.id)
            .await?
            .into_iter()
            .next()
    } else {
        None
    };
    let show_audit = may(me, Action::ViewAuditLog, &res);
    let audit = if show_audit {
        store::audit::search(
            &state.db,
            &store::audit::Filter {
                organization_id: Some(o.id),
                ..Default::default()
            },
            100,
            0,
        )
        .await?
    } else {
        Vec::new()
    };
    let median_response_minutes = store::shifts::median_response_minutes(&state.db, o.id).await?;
    let projects = store::events::projects_of(&state.db, o.id).await?;
    let status = o.status;
    Ok(Overview {
        private,
        members,
        last_request,
        show_audit,
        audit,
        median_response_minutes,
        projects,
        can_edit: may(me, Action::EditOrganization, &res),
        can_request: may(me, Action::RequestVerification, &res)
            && domain::request_verification(status).is_ok(),
        can_manage: may(me, Action::InviteMember, &res),
        can_leave: is_member(me, o.id) && may(me, Action::LeaveOrganization, &res),
        can_suspend: may(me, Action::SuspendOrganization, &res) && status != OrgStatus::Suspended,
        can_restore: may(me, Action::RestoreOrganization, &res) && status == OrgStatus::Suspended,
        organization: o,
    })
}

/// The details of an organization as its edit form starts from (those who may edit it).
pub async fn edit_input(
    state: &App,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<super::OrgInput, OpError> {
    let o = load(state, id).await?;
    allow(me, Action::EditOrganization, &resource(&o))?;
    Ok(super::OrgInput::from_details(&o))
}

/// The logo's bytes and sniffed type (anyone); None when there is none.
pub async fn logo(state: &App, id: Uuid) -> Result<Option<(Vec<u8>, String)>, OpError> {
    Ok(store_orgs::logo(&state.db, id).await?)
}

/// The whole audit log, newest first, filtered (national admin).
pub async fn audit_log(
    state: &App,
    me: &SignedIn,
    query: &AuditQuery<'_>,
    per_page: i64,
) -> Result<Vec<store::audit::Entry>, OpError> {
    allow(Some(me), Action::ViewAuditLog, &Resource::Site)?;
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().chars().take(60).collect());
    let filter = store::audit::Filter {
        action_prefix: text(query.action),
        region_code: domain::RegionCode::parse(query.region.trim())
            .ok()
            .map(|r| r.as_str().to_owned()),
        object_type: text(query.object_type),
        ..Default::default()
    };
    let offset = (query.page() - 1) * per_page;
    Ok(store::audit::search(&state.db, &filter, per_page, offset).await?)
}

/// What a reader of the whole audit log asks for, as typed: a blank field (or a region code
/// that is none) means any.
#[derive(Debug, Default, Clone, Copy)]
pub struct AuditQuery<'a> {
    /// The start of the action's name (`organization.`, `application.accept`).
    pub action: &'a str,
    /// A region code.
    pub region: &'a str,
    /// The type of the object acted on.
    pub object_type: &'a str,
    /// The page, from 1 (at most 10,000).
    pub page: Option<i64>,
}

impl AuditQuery<'_> {
    /// The page asked for, within 1..=10,000.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }
}

/// The audit log of one organization, newest first (its owner, its region's coordinators,
/// the national admin).
pub async fn organization_audit(
    state: &App,
    me: &SignedIn,
    id: Uuid,
    limit: i64,
) -> Result<Vec<store::audit::Entry>, OpError> {
    let o = load(state, id).await?;
    allow(Some(me), Action::ViewAuditLog, &resource(&o))?;
    let filter = store::audit::Filter {
        organization_id: Some(o.id),
        ..Default::default()
    };
    Ok(store::audit::search(&state.db, &filter, limit, 0).await?)
}
