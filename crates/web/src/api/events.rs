//! Events, shifts and applications over JSON (first slice: create, publish, apply, cancel,
//! accept, see an event with its free places).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::account::op_error;
use crate::api::{ApiJson, ApiLang, ApiUser};
use crate::auth::signed_in;
use crate::error::{ApiError, ApiErrorResponse};
use crate::events::{self, EventInput, ShiftInput};

fn id(lang: domain::Lang, s: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(s).map_err(|_| ApiError::new(lang, StatusCode::NOT_FOUND, "not_found"))
}

/// A created object.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Key.
    pub id: Uuid,
}

/// Creates a draft event (members of the organization).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/events", tag = "events", summary = "Create an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = EventInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(org): Path<String>,
    ApiJson(i): ApiJson<EventInput>,
) -> Result<Response, ApiError> {
    let ev = events::create(&state, lang, &me, id(lang, &org)?, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: ev })).into_response())
}

/// Adds a shift (members of the organization).
#[utoipa::path(post, path = "/api/v1/events/{id}/shifts", tag = "events", summary = "Add a shift", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = ShiftInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn add_shift(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
    ApiJson(i): ApiJson<ShiftInput>,
) -> Result<Response, ApiError> {
    let s = events::add_shift(&state, lang, &me, id(lang, &ev)?, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok((StatusCode::CREATED, Json(Created { id: s })).into_response())
}

/// Publishes a draft event (only a verified organization).
#[utoipa::path(post, path = "/api/v1/events/{id}/publish", tag = "events", summary = "Publish an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn publish(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
) -> Result<StatusCode, ApiError> {
    events::publish(&state, &me, id(lang, &ev)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A shift with its free places.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftDto {
    /// Key.
    pub id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places.
    pub capacity: i64,
    /// Free places.
    pub free: i64,
}

/// An event with its shifts.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    /// Key.
    pub id: Uuid,
    /// The organization.
    pub organization_id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region: String,
    /// `first_come` or `moderated`.
    pub mode: String,
    /// `draft`, `published`, `completed`, `cancelled`.
    pub status: String,
    /// Minimum age.
    pub min_age: i64,
    /// Hazardous.
    pub hazardous: bool,
    /// Shifts by start.
    pub shifts: Vec<ShiftDto>,
}

/// An event with its shifts and free places (drafts for members only).
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", summary = "An event",
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 200, body = EventDto), (status = 404, body = ApiErrorResponse)))]
pub async fn show(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: axum::http::HeaderMap,
    Path(ev): Path<String>,
) -> Result<Json<EventDto>, ApiError> {
    let me = signed_in(&state, &headers)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    let (e, shifts) = events::visible(&state, me.as_ref(), id(lang, &ev)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(EventDto {
        shifts: shifts
            .into_iter()
            .map(|s| ShiftDto {
                id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                capacity: s.capacity,
                free: s.capacity - s.accepted_count,
            })
            .collect(),
        id: e.id,
        organization_id: e.organization_id,
        title_kk: e.title_kk,
        title_ru: e.title_ru,
        title_en: e.title_en,
        activity_type: e.activity_type,
        region: e.region_code,
        mode: e.mode,
        status: e.status,
        min_age: e.min_age,
        hazardous: e.hazardous,
    }))
}

/// An application to a shift.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ApplyRequest {
    /// Why you want to help (optional).
    pub motivation: Option<String>,
}

/// The application and what happened to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationDto {
    /// Key.
    pub id: Uuid,
    /// `accepted`, `waitlisted` or `pending`.
    pub status: String,
}

/// Applies to a shift; acknowledged at once with its status.
#[utoipa::path(post, path = "/api/v1/shifts/{id}/applications", tag = "events", summary = "Apply to a shift", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Shift")), request_body = ApplyRequest,
    responses((status = 201, body = ApplicationDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn apply(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(shift): Path<String>,
    ApiJson(r): ApiJson<ApplyRequest>,
) -> Result<Response, ApiError> {
    let (app, outcome) = events::apply(&state, &me, id(lang, &shift)?, r.motivation.as_deref())
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok((
        StatusCode::CREATED,
        Json(ApplicationDto {
            id: app,
            status: outcome.code().to_owned(),
        }),
    )
        .into_response())
}

/// A cancellation's effect.
#[derive(Debug, Serialize, ToSchema)]
pub struct Cancelled {
    /// The waitlisted application promoted to the freed place, if any.
    pub promoted: Option<Uuid>,
}

/// Cancels one's own application; a freed place goes to the first on the waitlist.
#[utoipa::path(delete, path = "/api/v1/applications/{id}", tag = "events", summary = "Cancel my application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")),
    responses((status = 200, body = Cancelled), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn cancel(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
) -> Result<Json<Cancelled>, ApiError> {
    let promoted = events::cancel(&state, &me, id(lang, &app)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(Cancelled { promoted }))
}

/// Accepts a pending or waitlisted application (members of the organization).
#[utoipa::path(post, path = "/api/v1/applications/{id}/accept", tag = "events", summary = "Accept an application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn accept(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
) -> Result<StatusCode, ApiError> {
    events::accept(&state, &me, id(lang, &app)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// An application as the coordinator sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftApplicationDto {
    /// Key.
    pub id: Uuid,
    /// The volunteer.
    pub volunteer_id: Uuid,
    /// Public name.
    pub display_name: String,
    /// Status.
    pub status: String,
    /// Applied at.
    pub created_at: DateTime<Utc>,
}

/// The applications of a shift, in order of arrival (members of the organization).
#[utoipa::path(get, path = "/api/v1/shifts/{id}/applications", tag = "events", summary = "Applications of a shift", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Shift")),
    responses((status = 200, body = [ShiftApplicationDto]), (status = 403, body = ApiErrorResponse)))]
pub async fn applications(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(shift): Path<String>,
) -> Result<Json<Vec<ShiftApplicationDto>>, ApiError> {
    let rows = events::applications(&state, &me, id(lang, &shift)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(
        rows.into_iter()
            .map(|a| ShiftApplicationDto {
                id: a.id,
                volunteer_id: a.volunteer_id,
                display_name: a.display_name,
                status: a.status,
                created_at: a.created_at,
            })
            .collect(),
    ))
}
