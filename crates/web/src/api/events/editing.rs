//! Editing events over JSON: create and edit them, add shifts one by one or as a series,
//! publish, complete or cancel, and the organization's projects.

use app::events::{self, EventInput, ProjectInput, SeriesInput, ShiftInput};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Created, CreatedMany, ReasonRequest};
use crate::AppState;
use crate::api::ApiJson;
use crate::api::Caller;
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// Creates a draft event (members of the organization).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/events", tag = "events", summary = "Create an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = EventInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules of the domain that the schema cannot carry: a title in at least one language (`at_least_one_name`), `lat` and `lon` given together (`required` on `lat`), a project of the same organization (`choice_unknown` on `project_id`).", body = ApiErrorResponse)))]
pub async fn create(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(i): ApiJson<EventInput>,
) -> Result<Response, ApiError> {
    let ev = events::create(&state, lang, &me, org, &i).await?;
    Ok((StatusCode::CREATED, Json(Created { id: ev })).into_response())
}

/// Edits an event (draft or published; members of the organization).
#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", summary = "Edit an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = EventInput,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse),
        (status = 422, description = "Invalid fields (`validation_failed` with `fields`), among them rules of the domain that the schema cannot carry: a title in at least one language (`at_least_one_name`), `lat` and `lon` given together (`required` on `lat`), a project of the same organization (`choice_unknown` on `project_id`).", body = ApiErrorResponse)))]
pub async fn update(
    Caller { state, me, lang }: Caller,
    Id(ev): Id,
    ApiJson(i): ApiJson<EventInput>,
) -> Result<StatusCode, ApiError> {
    events::update(&state, lang, &me, ev, &i).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a shift (members of the organization).
#[utoipa::path(post, path = "/api/v1/events/{id}/shifts", tag = "events", summary = "Add a shift", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = ShiftInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn add_shift(
    Caller { state, me, lang }: Caller,
    Id(ev): Id,
    ApiJson(i): ApiJson<ShiftInput>,
) -> Result<Response, ApiError> {
    let s = events::add_shift(&state, lang, &me, ev, &i).await?;
    Ok((StatusCode::CREATED, Json(Created { id: s })).into_response())
}

/// Adds a series of shifts: every chosen weekday of a date range (all or none).
#[utoipa::path(post, path = "/api/v1/events/{id}/shifts/series", tag = "events", summary = "Add a series of shifts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = SeriesInput,
    responses((status = 201, body = CreatedMany), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn add_series(
    Caller { state, me, lang }: Caller,
    Id(ev): Id,
    ApiJson(i): ApiJson<SeriesInput>,
) -> Result<Response, ApiError> {
    let ids = events::add_series(&state, lang, &me, ev, &i).await?;
    Ok((StatusCode::CREATED, Json(CreatedMany { ids })).into_response())
}

/// Publishes a draft event (only a verified organization).
#[utoipa::path(post, path = "/api/v1/events/{id}/publish", tag = "events", summary = "Publish an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn publish(Caller { state, me, .. }: Caller, Id(ev): Id) -> Result<StatusCode, ApiError> {
    events::publish(&state, &me, ev).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks a published event completed.
#[utoipa::path(post, path = "/api/v1/events/{id}/complete", tag = "events", summary = "Complete an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn complete(
    Caller { state, me, .. }: Caller,
    Id(ev): Id,
) -> Result<StatusCode, ApiError> {
    events::complete(&state, &me, ev).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels an event with a reason; everyone who applied is told.
#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events", summary = "Cancel an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn cancel_event(
    Caller { state, me, lang }: Caller,
    Id(ev): Id,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    events::cancel_event(&state, lang, &me, ev, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Creates a project (a programme with goals and dates) of an organization (its members).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/projects", tag = "events", summary = "Create a project", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = ProjectInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn create_project(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(i): ApiJson<ProjectInput>,
) -> Result<Response, ApiError> {
    let p = events::create_project(&state, lang, &me, org, &i).await?;
    Ok((StatusCode::CREATED, Json(Created { id: p })).into_response())
}

/// A project.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectDto {
    /// Key.
    pub id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Goals.
    pub goals: Option<String>,
    /// First day.
    pub starts_on: Option<chrono::NaiveDate>,
    /// Last day.
    pub ends_on: Option<chrono::NaiveDate>,
}

/// The projects of an organization (public).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/projects", tag = "events", summary = "Projects of an organization",
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = [ProjectDto])))]
pub async fn projects(
    State(state): State<AppState>,
    Id(org): Id,
) -> Result<Json<Vec<ProjectDto>>, ApiError> {
    let rows = events::projects(&state, org).await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| ProjectDto {
                id: p.id,
                title_kk: p.title_kk,
                title_ru: p.title_ru,
                title_en: p.title_en,
                goals: p.goals,
                starts_on: p.starts_on,
                ends_on: p.ends_on,
            })
            .collect(),
    ))
}
