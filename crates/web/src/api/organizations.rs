//! Organizations, verification, members, coordinators and the audit log over JSON.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::ApiJson;
use crate::api::ApiQuery;
use crate::api::Caller;
use crate::auth::signed_in;
use crate::ctx::{Id, IdAnd};
use crate::error::{ApiError, ApiErrorResponse};
use app::organizations::{
    self, Details, DirectoryParams, OrgInput, OrgView, Organization, PAGE_SIZE,
};
use domain::OrgStatus;

/// A line of the directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgCardDto {
    /// Key.
    pub id: Uuid,
    /// Kind code.
    pub kind: String,
    /// Names.
    pub name_kk: Option<String>,
    /// Names.
    pub name_ru: Option<String>,
    /// Names.
    pub name_en: Option<String>,
    /// Region code.
    pub region: String,
    /// Locality.
    pub locality: Option<String>,
    /// Carries the verified badge.
    pub verified: bool,
}

/// One page of the directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct DirectoryDto {
    /// Organizations on this page.
    pub items: Vec<OrgCardDto>,
    /// Matches in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// The public directory: filter by region, direction, kind, verified; search names in any language.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations", summary = "Directory of organizations",
    params(("q" = Option<String>, Query, description = "Text in a name"), ("region" = Option<String>, Query, description = "Region code"),
        ("direction" = Option<String>, Query, description = "Direction code"), ("kind" = Option<String>, Query, description = "Kind code"),
        ("verified" = Option<String>, Query, description = "1: verified only"), ("page" = Option<i64>, Query, description = "Page from 1")),
    responses((status = 200, body = DirectoryDto)))]
pub async fn directory(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<DirectoryParams>,
) -> Result<Json<DirectoryDto>, ApiError> {
    let found = organizations::directory(&state, &p).await?;
    Ok(Json(DirectoryDto {
        items: found
            .cards
            .into_iter()
            .map(|c| OrgCardDto {
                verified: c.status == domain::OrgStatus::Verified,
                id: c.id,
                kind: c.kind.code().to_owned(),
                name_kk: c.name_kk,
                name_ru: c.name_ru,
                name_en: c.name_en,
                region: c.region_code,
                locality: c.locality,
            })
            .collect(),
        total: found.total,
        page: found.page,
        per_page: PAGE_SIZE,
    }))
}

/// An organization.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgDto {
    /// Key.
    pub id: Uuid,
    /// What it says about itself.
    #[serde(flatten)]
    pub details: Details,
    /// Verified badge.
    pub verified: bool,
    /// Status: only for members and staff.
    pub status: Option<OrgStatus>,
    /// Members' public names and roles.
    pub members: Vec<MemberDto>,
}

/// A member.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    /// The user.
    pub user_id: Uuid,
    /// Public name.
    pub display_name: String,
    /// `org_owner` or `org_coordinator`.
    pub role: String,
}

impl From<OrgView> for OrgDto {
    fn from(v: OrgView) -> Self {
        let OrgView {
            organization:
                Organization {
                    id,
                    details,
                    status,
                    ..
                },
            members,
            private,
        } = v;
        OrgDto {
            id,
            details,
            verified: status == OrgStatus::Verified,
            status: private.then_some(status),
            members: members
                .into_iter()
                .map(|m| MemberDto {
                    user_id: m.user_id,
                    display_name: m.display_name,
                    role: m.role,
                })
                .collect(),
        }
    }
}

/// An organization as the caller sees it.
async fn org_dto(
    state: &AppState,
    me: Option<&crate::auth::SignedIn>,
    id: Uuid,
) -> Result<OrgDto, ApiError> {
    Ok(organizations::show(state, me, id).await?.into())
}

/// Creates an organization; the caller becomes its owner.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", summary = "Create an organization", security(("bearer" = [])),
    request_body = OrgInput,
    responses((status = 201, body = OrgDto), (status = 401, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules of the domain that the schema cannot carry: the BIN's check digit (`bin_checksum`), a BIN required of NGOs and state institutions (`required`), a name in at least one language (`at_least_one_name`).", body = ApiErrorResponse)))]
pub async fn create(
    Caller { state, me, lang }: Caller,
    ApiJson(input): ApiJson<OrgInput>,
) -> Result<Response, ApiError> {
    let id = organizations::create(&state, lang, &me, &input).await?;
    let view = organizations::created(&state, &me, id).await?;
    Ok((StatusCode::CREATED, Json(OrgDto::from(view))).into_response())
}

/// One organization (status and private details for members and staff only).
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations", summary = "An organization",
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = OrgDto), (status = 404, body = ApiErrorResponse)))]
pub async fn show(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Id(org): Id,
) -> Result<Json<OrgDto>, ApiError> {
    let me = signed_in(&state, &headers).await?;
    Ok(Json(org_dto(&state, me.as_ref(), org).await?))
}

/// Replaces the details; legal changes of a verified organization send it back to review.
#[utoipa::path(put, path = "/api/v1/organizations/{id}", tag = "organizations", summary = "Edit an organization", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = OrgInput,
    responses((status = 200, body = OrgDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules of the domain that the schema cannot carry: the BIN's check digit (`bin_checksum`), a BIN required of NGOs and state institutions (`required`), a name in at least one language (`at_least_one_name`).", body = ApiErrorResponse)))]
pub async fn edit(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(input): ApiJson<OrgInput>,
) -> Result<Json<OrgDto>, ApiError> {
    organizations::edit(&state, lang, &me, org, &input).await?;
    Ok(Json(org_dto(&state, Some(&me), org).await?))
}

/// Asks the region's front-office for verification.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/verification", tag = "organizations", summary = "Ask for verification", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 202), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn request_verification(
    Caller { state, me, .. }: Caller,
    Id(org): Id,
) -> Result<StatusCode, ApiError> {
    organizations::request_verification(&state, &me, org).await?;
    Ok(StatusCode::ACCEPTED)
}

/// A request waiting in a region's queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueueItemDto {
    /// Request key (decide with it).
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Names.
    pub name_kk: Option<String>,
    /// Names.
    pub name_ru: Option<String>,
    /// Names.
    pub name_en: Option<String>,
    /// Kind code.
    pub kind: String,
    /// When it was asked.
    pub requested_at: DateTime<Utc>,
    /// Hours waited.
    pub waited_hours: i64,
}

/// The verification queue of a region, oldest first (its coordinators and the national admin).
#[utoipa::path(get, path = "/api/v1/front-office/{region}/queue", tag = "front-office", summary = "Verification queue of a region", security(("bearer" = [])),
    params(("region" = String, Path, description = "Region code, e.g. KZ-55")),
    responses((status = 200, body = [QueueItemDto]), (status = 403, body = ApiErrorResponse)))]
pub async fn queue(
    Caller { state, me, .. }: Caller,
    axum::extract::Path(region): axum::extract::Path<String>,
) -> Result<Json<Vec<QueueItemDto>>, ApiError> {
    let items = organizations::verification_queue(&state, &me, &region).await?;
    let now = Utc::now();
    Ok(Json(
        items
            .into_iter()
            .map(|q| QueueItemDto {
                waited_hours: (now - q.requested_at).num_hours().max(0),
                id: q.id,
                organization_id: q.organization_id,
                name_kk: q.name_kk,
                name_ru: q.name_ru,
                name_en: q.name_en,
                kind: q.kind.code().to_owned(),
                requested_at: q.requested_at,
            })
            .collect(),
    ))
}

/// A verification decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionRequest {
    /// `verify`, `reject` or `request_changes`.
    #[schema(pattern = r"^(verify|reject|request_changes)$")]
    pub decision: String,
    /// Required to reject or to ask for changes.
    #[serde(default)]
    pub reason: String,
}

/// Decides a verification request; exactly one of concurrent decisions wins (409 for the others).
#[utoipa::path(post, path = "/api/v1/verification/{id}/decision", tag = "front-office", summary = "Decide a verification request", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Request")), request_body = DecisionRequest,
    responses((status = 200, body = OrgDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn decide(
    Caller { state, me, lang }: Caller,
    Id(req): Id,
    ApiJson(d): ApiJson<DecisionRequest>,
) -> Result<Json<OrgDto>, ApiError> {
    let decided = organizations::decide(&state, lang, &me, req, &d.decision, &d.reason).await?;
    Ok(Json(
        org_dto(&state, Some(&me), decided.organization_id).await?,
    ))
}

/// Suspension or restoration.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SuspensionRequest {
    /// true: suspend; false: restore.
    pub suspend: bool,
    /// Why.
    #[schema(
        min_length = 1,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub reason: String,
}

/// Suspends or restores an organization (national admin), with a reason.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/suspension", tag = "organizations", summary = "Suspend or restore", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = SuspensionRequest,
    responses((status = 200, body = OrgDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn suspension(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(r): ApiJson<SuspensionRequest>,
) -> Result<Json<OrgDto>, ApiError> {
    organizations::set_suspended(&state, lang, &me, org, r.suspend, &r.reason).await?;
    Ok(Json(org_dto(&state, Some(&me), org).await?))
}

/// An invitation to send.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteRequest {
    /// E-mail of the future coordinator.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
}

/// Invites a coordinator by e-mail (owner).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/invitations", tag = "organizations", summary = "Invite a coordinator", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = InviteRequest,
    responses((status = 202), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn invite(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(r): ApiJson<InviteRequest>,
) -> Result<StatusCode, ApiError> {
    organizations::invite(&state, lang, &me, org, &r.email).await?;
    Ok(StatusCode::ACCEPTED)
}

/// An invitation token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptRequest {
    /// The `token` of the invitation link.
    #[schema(min_length = 1)]
    pub token: String,
}

/// The organization joined.
#[derive(Debug, Serialize, ToSchema)]
pub struct JoinedDto {
    /// The organization.
    pub organization_id: Uuid,
}

/// Accepts an invitation (once, before it expires).
#[utoipa::path(post, path = "/api/v1/invitations/accept", tag = "organizations", summary = "Accept an invitation", security(("bearer" = [])),
    request_body = AcceptRequest,
    responses((status = 200, body = JoinedDto), (status = 404, description = "`invitation_invalid`: unknown, used or expired", body = ApiErrorResponse)))]
pub async fn accept(
    Caller { state, me, .. }: Caller,
    ApiJson(r): ApiJson<AcceptRequest>,
) -> Result<Json<JoinedDto>, ApiError> {
    match organizations::accept_invitation(&state, &me, &r.token).await {
        Ok(org) => Ok(Json(JoinedDto {
            organization_id: org,
        })),
        Err(app::OpError::BadToken) => Err(ApiError::status(
            StatusCode::NOT_FOUND,
            "invitation_invalid",
        )),
        Err(e) => Err(e.into()),
    }
}

/// Removes a member (owner), or leaves (the member themself; not the owner).
#[utoipa::path(delete, path = "/api/v1/organizations/{id}/members/{user}", tag = "organizations", summary = "Remove a member or leave", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("user" = Uuid, Path, description = "Member")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn remove_member(
    Caller { state, me, .. }: Caller,
    IdAnd(org, user): IdAnd,
) -> Result<StatusCode, ApiError> {
    let user = Uuid::parse_str(&user).map_err(|_| ApiError::not_found())?;
    organizations::remove_member(&state, &me, org, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The new owner.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OwnerRequest {
    /// A coordinator of the organization.
    pub user_id: Uuid,
}

/// Hands ownership to a coordinator (owner).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/owner", tag = "organizations", summary = "Hand over ownership", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = OwnerRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn transfer(
    Caller { state, me, .. }: Caller,
    Id(org): Id,
    ApiJson(r): ApiJson<OwnerRequest>,
) -> Result<StatusCode, ApiError> {
    organizations::transfer(&state, &me, org, r.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A coordinator appointment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CoordinatorRequest {
    /// E-mail of the account.
    #[schema(
        max_length = 254,
        pattern = r"^[A-Za-z0-9_+-]{1,32}(\.[A-Za-z0-9_+-]{1,16})?@([A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){1,3}[A-Za-z]{2,12}$"
    )]
    pub email: String,
    /// Region code.
    #[schema(
        pattern = r"^(KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    pub region: String,
    /// true: appoint; false: remove.
    pub appoint: bool,
}

/// Appoints or removes a regional coordinator (national admin).
#[utoipa::path(post, path = "/api/v1/admin/coordinators", tag = "admin", summary = "Appoint or remove a regional coordinator", security(("bearer" = [])),
    request_body = CoordinatorRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn coordinator(
    Caller { state, me, lang }: Caller,
    ApiJson(r): ApiJson<CoordinatorRequest>,
) -> Result<StatusCode, ApiError> {
    organizations::set_coordinator(&state, lang, &me, &r.email, &r.region, r.appoint).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An audit entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditDto {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor_id: Option<Uuid>,
    /// Their public name.
    pub actor_name: Option<String>,
    /// What, e.g. `verification.verify`.
    pub action: String,
    /// Kind of object.
    pub object_type: String,
    /// The object.
    pub object_id: Uuid,
    /// Changes as JSON.
    pub changes: serde_json::Value,
    /// Why.
    pub reason: Option<String>,
}

fn audit_dtos(entries: Vec<app::organizations::AuditEntry>) -> Vec<AuditDto> {
    entries
        .into_iter()
        .map(|e| AuditDto {
            changes: serde_json::from_str(&e.changes).unwrap_or(serde_json::Value::Null),
            at: e.at,
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            reason: e.reason,
        })
        .collect()
}

/// The audit log of an organization (its owner, its region's coordinators, national admin).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/audit", tag = "organizations", summary = "Audit log of an organization", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = [AuditDto]), (status = 403, body = ApiErrorResponse)))]
pub async fn org_audit(
    Caller { state, me, .. }: Caller,
    Id(org): Id,
) -> Result<Json<Vec<AuditDto>>, ApiError> {
    let entries = organizations::organization_audit(&state, &me, org, 200).await?;
    Ok(Json(audit_dtos(entries)))
}

/// Filters of the whole log.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// Action prefix, e.g. `verification.`.
    pub action: String,
    /// Region code.
    pub region: String,
    /// Object type.
    pub object_type: String,
    /// Page from 1.
    pub page: Option<i64>,
}

/// The whole audit log, newest first (national admin).
#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "admin", summary = "The audit log", security(("bearer" = [])),
    params(("action" = Option<String>, Query, description = "Action prefix"), ("region" = Option<String>, Query, description = "Region code"),
        ("object_type" = Option<String>, Query, description = "Object type"), ("page" = Option<i64>, Query, description = "Page from 1")),
    responses((status = 200, body = [AuditDto]), (status = 403, body = ApiErrorResponse)))]
pub async fn audit(
    Caller { state, me, .. }: Caller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditDto>>, ApiError> {
    let query = organizations::AuditQuery {
        action: &q.action,
        region: &q.region,
        object_type: &q.object_type,
        page: q.page,
    };
    let entries = organizations::audit_log(&state, &me, &query, 100).await?;
    Ok(Json(audit_dtos(entries)))
}
