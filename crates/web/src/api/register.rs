//! The register of volunteer activity over JSON.

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
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};
use app::register::{self, ApplicationInput, RegisterParams};

/// An entry of the register.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterEntryDto {
    /// Key.
    pub id: Uuid,
    /// `volunteer` or `organization`.
    pub applicant_kind: String,
    /// Public name.
    pub public_name: String,
    /// Region code.
    pub region: String,
    /// Activity type codes.
    pub activity_types: Vec<String>,
    /// Participants.
    pub participants: i64,
    /// Projects.
    pub projects: String,
    /// `submitted`, `included`, `refused`, `excluded`.
    pub status: String,
    /// Submitted at.
    pub submitted_at: DateTime<Utc>,
    /// Decided at.
    pub decided_at: Option<DateTime<Utc>>,
}

fn dto(e: app::register::Entry) -> RegisterEntryDto {
    RegisterEntryDto {
        activity_types: e.activity_type_list(),
        id: e.id,
        applicant_kind: e.applicant_kind,
        public_name: e.public_name,
        region: e.region_code,
        participants: e.participants,
        projects: e.projects,
        status: e.status,
        submitted_at: e.submitted_at,
        decided_at: e.decided_at,
    }
}

/// One page of the public register.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterPageDto {
    /// Entries.
    pub items: Vec<RegisterEntryDto>,
    /// Matches in all.
    pub total: i64,
}

/// The public register (included entries), filterable.
#[utoipa::path(get, path = "/api/v1/register", tag = "register", summary = "The public register",
    params(("q" = Option<String>, Query, description = "Text in the name"), ("region" = Option<String>, Query, description = "Region code"),
        ("activity_type" = Option<String>, Query, description = "Activity type code"), ("kind" = Option<String>, Query, description = "volunteer or organization"),
        ("page" = Option<i64>, Query, description = "Page from 1")),
    responses((status = 200, body = RegisterPageDto)))]
pub async fn public(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<RegisterParams>,
) -> Result<Json<RegisterPageDto>, ApiError> {
    let (rows, total) = register::public(&state, &p).await?;
    Ok(Json(RegisterPageDto {
        items: rows.into_iter().map(dto).collect(),
        total,
    }))
}

/// The created application.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedDto {
    /// Key.
    pub id: Uuid,
}

/// Applies for inclusion in the register (a volunteer for themself, an owner for the organization).
#[utoipa::path(post, path = "/api/v1/register/applications", tag = "register", summary = "Apply to the register", security(("bearer" = [])),
    request_body = ApplicationInput,
    responses((status = 201, body = CreatedDto), (status = 403, body = ApiErrorResponse),
        (status = 404, description = "No organization has this `organization_id` (`not_found`).", body = ApiErrorResponse),
        (status = 409, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules that depend on the applicant: a volunteer's profile names her region (`register_profile_region` on `applicant`), an organization's application names it (`required` on `organization_id`).", body = ApiErrorResponse)))]
pub async fn apply(
    Caller { state, me, lang }: Caller,
    ApiJson(i): ApiJson<ApplicationInput>,
) -> Result<Response, ApiError> {
    let id = register::apply(&state, lang, &me, &i).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })).into_response())
}

/// Pending and included entries (national admin).
#[utoipa::path(get, path = "/api/v1/admin/register", tag = "register", summary = "Register applications to decide", security(("bearer" = [])),
    responses((status = 200, body = [RegisterEntryDto]), (status = 403, body = ApiErrorResponse)))]
pub async fn queue(
    Caller { state, me, .. }: Caller,
) -> Result<Json<Vec<RegisterEntryDto>>, ApiError> {
    let rows = register::queue(&state, &me).await?;
    Ok(Json(rows.into_iter().map(dto).collect()))
}

/// A register decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RegisterDecision {
    /// `include`, `refuse` or `exclude`.
    #[schema(pattern = r"^(include|refuse|exclude)$")]
    pub decision: String,
    /// Required to refuse or exclude.
    #[serde(default)]
    pub reason: String,
}

/// Includes, refuses or excludes an entry (national admin); concurrent decisions: one wins.
#[utoipa::path(post, path = "/api/v1/admin/register/{id}/decision", tag = "register", summary = "Decide a register application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Entry")), request_body = RegisterDecision,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn decide(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(d): ApiJson<RegisterDecision>,
) -> Result<StatusCode, ApiError> {
    register::decide(&state, lang, &me, id, &d.decision, &d.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}
