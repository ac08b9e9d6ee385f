//! Events, shifts and applications over JSON: everything the pages do.

use axum::Json;
use axum::extract::{Path, Query, State};
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
use crate::events::{
    self, Attendance, BulkOutcome, ConsentInput, EventInput, ProjectInput, SearchParams,
    SeriesInput, ShiftInput,
};

fn id(lang: domain::Lang, s: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(s).map_err(|_| ApiError::new(lang, StatusCode::NOT_FOUND, "not_found"))
}

/// A created object.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// Key.
    pub id: Uuid,
}

/// Created objects.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedMany {
    /// Keys, in order.
    pub ids: Vec<Uuid>,
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

/// Edits an event (draft or published; members of the organization).
#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", summary = "Edit an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = EventInput,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
    ApiJson(i): ApiJson<EventInput>,
) -> Result<StatusCode, ApiError> {
    events::update(&state, lang, &me, id(lang, &ev)?, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
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

/// Adds a series of shifts: every chosen weekday of a date range (all or none).
#[utoipa::path(post, path = "/api/v1/events/{id}/shifts/series", tag = "events", summary = "Add a series of shifts", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = SeriesInput,
    responses((status = 201, body = CreatedMany), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn add_series(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
    ApiJson(i): ApiJson<SeriesInput>,
) -> Result<Response, ApiError> {
    let ids = events::add_series(&state, lang, &me, id(lang, &ev)?, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok((StatusCode::CREATED, Json(CreatedMany { ids })).into_response())
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

/// Marks a published event completed.
#[utoipa::path(post, path = "/api/v1/events/{id}/complete", tag = "events", summary = "Complete an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn complete(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
) -> Result<StatusCode, ApiError> {
    events::complete(&state, &me, id(lang, &ev)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A reason.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReasonRequest {
    /// Why (required).
    pub reason: String,
}

/// Cancels an event with a reason; everyone who applied is told.
#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events", summary = "Cancel an event", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Event")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn cancel_event(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(ev): Path<String>,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    events::cancel_event(&state, lang, &me, id(lang, &ev)?, &r.reason)
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
    /// What happens in it.
    pub description: Option<String>,
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
    /// Descriptions.
    pub description_kk: Option<String>,
    /// Descriptions.
    pub description_ru: Option<String>,
    /// Descriptions.
    pub description_en: Option<String>,
    /// Direction code.
    pub direction: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region: String,
    /// Locality.
    pub locality: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Map point.
    pub lat: Option<f64>,
    /// Map point.
    pub lon: Option<f64>,
    /// Online.
    pub online: bool,
    /// IANA time zone.
    pub time_zone: String,
    /// `first_come` or `moderated`.
    pub mode: String,
    /// `draft`, `published`, `completed`, `cancelled`.
    pub status: String,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// Minimum age.
    pub min_age: i64,
    /// Hazardous.
    pub hazardous: bool,
    /// Required skills.
    pub skills: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Contact person.
    pub contact_name: Option<String>,
    /// Contact phone.
    pub contact_phone: Option<String>,
    /// Project it belongs to.
    pub project_id: Option<Uuid>,
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
    let (e, _, shifts) = events::visible(&state, me.as_ref(), id(lang, &ev)?)
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
                description: s.description,
            })
            .collect(),
        skills: e.skill_list(),
        languages: e.language_list(),
        id: e.id,
        project_id: e.project_id,
        organization_id: e.organization_id,
        title_kk: e.title_kk,
        title_ru: e.title_ru,
        title_en: e.title_en,
        description_kk: e.description_kk,
        description_ru: e.description_ru,
        description_en: e.description_en,
        direction: e.direction,
        activity_type: e.activity_type,
        region: e.region_code,
        locality: e.locality,
        address: e.address,
        lat: e.lat,
        lon: e.lon,
        online: e.online,
        time_zone: e.time_zone,
        mode: e.mode,
        status: e.status,
        cancel_reason: e.cancel_reason,
        min_age: e.min_age,
        hazardous: e.hazardous,
        contact_name: e.contact_name,
        contact_phone: e.contact_phone,
    }))
}

/// A search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventCardDto {
    /// Key.
    pub id: Uuid,
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
    /// Locality.
    pub locality: Option<String>,
    /// Online.
    pub online: bool,
    /// Map point.
    pub lat: Option<f64>,
    /// Map point.
    pub lon: Option<f64>,
    /// Start of the next shift.
    pub next_start: DateTime<Utc>,
    /// Free places over its coming shifts.
    pub free: i64,
}

/// A page of the search.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// Matching events.
    pub total: i64,
    /// Page (from 1).
    pub page: i64,
    /// This page's events (50 at most).
    pub items: Vec<EventCardDto>,
}

/// Published events with a coming shift: filters, "suitable for me", "near me"; by date or distance.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", summary = "Search events",
    params(SearchParams),
    responses((status = 200, body = SearchPage)))]
pub async fn search(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: axum::http::HeaderMap,
    Query(p): Query<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let me = if p.suitable == "1" {
        signed_in(&state, &headers)
            .await
            .map_err(|e| ApiError::store(lang, e))?
    } else {
        None
    };
    let (rows, total) = events::search(&state, me.as_ref(), &p)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(SearchPage {
        total,
        page: p.page(),
        items: rows
            .into_iter()
            .map(|c| EventCardDto {
                id: c.id,
                title_kk: c.title_kk,
                title_ru: c.title_ru,
                title_en: c.title_en,
                activity_type: c.activity_type,
                region: c.region_code,
                locality: c.locality,
                online: c.online,
                lat: c.lat,
                lon: c.lon,
                next_start: c.next_start,
                free: c.free,
            })
            .collect(),
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

/// Accepts a pending or waitlisted application (members of the organization; escalated
/// ones also the region's front-office).
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

/// Rejects a pending or waitlisted application with a reason.
#[utoipa::path(post, path = "/api/v1/applications/{id}/reject", tag = "events", summary = "Reject an application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reject(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    events::reject(&state, lang, &me, id(lang, &app)?, &r.reason)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A decision on several applications.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BulkRequest {
    /// Applications (at most 500).
    pub applications: Vec<Uuid>,
    /// `accept` or `reject`.
    pub decision: String,
    /// Reason (required to reject).
    pub reason: String,
}

/// Accepts or rejects several applications; each is decided on its own and those that
/// cannot be (a full shift, already decided) are listed with their codes.
#[utoipa::path(post, path = "/api/v1/applications/decisions", tag = "events", summary = "Decide several applications", security(("bearer" = [])),
    request_body = BulkRequest,
    responses((status = 200, body = BulkOutcome), (status = 422, body = ApiErrorResponse)))]
pub async fn bulk(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    ApiJson(r): ApiJson<BulkRequest>,
) -> Result<Json<BulkOutcome>, ApiError> {
    let accept_them = match r.decision.as_str() {
        "accept" => true,
        "reject" => false,
        _ => {
            let mut e = crate::pages::forms::Errors::new(lang);
            e.invalid("decision", &domain::Invalid::ChoiceUnknown);
            return Err(ApiError::validation(lang, &e));
        }
    };
    let out = events::decide_bulk(&state, lang, &me, &r.applications, accept_them, &r.reason)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(out))
}

/// A move to another shift.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MoveRequest {
    /// The shift of the same event.
    pub shift_id: Uuid,
}

/// Moves an application to another shift of the same event (an accepted one needs a free place there).
#[utoipa::path(post, path = "/api/v1/applications/{id}/move", tag = "events", summary = "Move to another shift", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = MoveRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn move_to(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
    ApiJson(r): ApiJson<MoveRequest>,
) -> Result<StatusCode, ApiError> {
    events::move_to(&state, &me, id(lang, &app)?, r.shift_id)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a parent's consent on an application held for it; returns the new status.
#[utoipa::path(post, path = "/api/v1/applications/{id}/consent", tag = "events", summary = "Record a parent's consent", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = ConsentInput,
    responses((status = 200, body = ApplicationDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn consent(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
    ApiJson(i): ApiJson<ConsentInput>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let app = id(lang, &app)?;
    let outcome = events::record_consent(&state, lang, &me, app, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(ApplicationDto {
        id: app,
        status: outcome.code().to_owned(),
    }))
}

/// Attendance taken by the organizer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceRequest {
    /// `check_in`, `check_out` or `no_show`.
    pub action: String,
}

/// Takes attendance: check-in (from an hour before the start), check-out, no-show (after the start).
#[utoipa::path(post, path = "/api/v1/applications/{id}/attendance", tag = "events", summary = "Take attendance", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = AttendanceRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn attendance(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(app): Path<String>,
    ApiJson(r): ApiJson<AttendanceRequest>,
) -> Result<StatusCode, ApiError> {
    let what = match r.action.as_str() {
        "check_in" => Attendance::CheckIn,
        "check_out" => Attendance::CheckOut,
        "no_show" => Attendance::NoShow,
        _ => {
            let mut e = crate::pages::forms::Errors::new(lang);
            e.invalid("action", &domain::Invalid::ChoiceUnknown);
            return Err(ApiError::validation(lang, &e));
        }
    };
    events::attendance(&state, &me, id(lang, &app)?, what)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(StatusCode::NO_CONTENT)
}

/// A check-in code.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CheckInCode {
    /// The signed code (in the QR code as /check-in?code=…).
    pub code: String,
    /// Valid until.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A fresh signed, time-limited check-in code for a shift (members of the organization).
#[utoipa::path(post, path = "/api/v1/shifts/{id}/check-in-code", tag = "events", summary = "A check-in code", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Shift")),
    responses((status = 200, body = CheckInCode), (status = 403, body = ApiErrorResponse)))]
pub async fn check_in_code(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(shift): Path<String>,
) -> Result<Json<CheckInCode>, ApiError> {
    let (code, expires) = events::check_in_code(&state, &me, id(lang, &shift)?)
        .await
        .map_err(|e| op_error(lang, e))?;
    Ok(Json(CheckInCode {
        code,
        expires_at: Some(expires),
    }))
}

/// Checks the caller in with a scanned code (her accepted application to that shift).
#[utoipa::path(post, path = "/api/v1/check-in", tag = "events", summary = "Check in with a code", security(("bearer" = [])),
    request_body = CheckInCode,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn check_in(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    ApiJson(c): ApiJson<CheckInCode>,
) -> Result<StatusCode, ApiError> {
    events::check_in_with_code(&state, &me, &c.code)
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
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: Option<String>,
    /// Status.
    pub status: String,
    /// Why she applies.
    pub motivation: Option<String>,
    /// Waits for a parent's consent.
    pub needs_consent: bool,
    /// Applied at.
    pub created_at: DateTime<Utc>,
    /// Checked in at.
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Checked out at.
    pub checked_out_at: Option<DateTime<Utc>>,
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
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                id: a.id,
                volunteer_id: a.volunteer_id,
                display_name: a.display_name,
                email: a.email,
                phone: a.phone,
                status: a.status,
                motivation: a.motivation,
                created_at: a.created_at,
                checked_in_at: a.checked_in_at,
                checked_out_at: a.checked_out_at,
            })
            .collect(),
    ))
}

/// One of the caller's applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyApplicationDto {
    /// Key.
    pub id: Uuid,
    /// Status.
    pub status: String,
    /// The event.
    pub event_id: Uuid,
    /// The shift.
    pub shift_id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Waits for a parent's consent.
    pub needs_consent: bool,
    /// Reason of a rejection.
    pub reason: Option<String>,
}

/// The caller's applications, latest shifts first.
#[utoipa::path(get, path = "/api/v1/me/applications", tag = "events", summary = "My applications", security(("bearer" = [])),
    responses((status = 200, body = [MyApplicationDto]), (status = 401, body = ApiErrorResponse)))]
pub async fn mine(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
) -> Result<Json<Vec<MyApplicationDto>>, ApiError> {
    let rows = store::shifts::mine(&state.db, me.user.id)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(Json(
        rows.into_iter()
            .map(|a| MyApplicationDto {
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                id: a.id,
                status: a.status,
                event_id: a.event_id,
                shift_id: a.shift_id,
                starts_at: a.starts_at,
                ends_at: a.ends_at,
                reason: a.reason,
            })
            .collect(),
    ))
}

/// The e-mail categories a volunteer receives.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct NotificationSettings {
    /// Categories turned on, of `decisions`, `waitlist`, `cancellations`, `reminders`.
    pub on: Vec<String>,
}

/// Which e-mail about applications the caller receives.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "events", summary = "My notification settings", security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings), (status = 401, body = ApiErrorResponse)))]
pub async fn notifications(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
) -> Result<Json<NotificationSettings>, ApiError> {
    let (off, _) = store::accounts::notify_and_calendar(&state.db, me.user.id)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(Json(NotificationSettings {
        on: events::Category::ALL
            .iter()
            .filter(|c| !events::off(&off, **c))
            .map(|c| c.code().to_owned())
            .collect(),
    }))
}

/// Chooses which e-mail about applications the caller receives (unknown codes: 422).
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "events", summary = "Set my notification settings", security(("bearer" = [])),
    request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings), (status = 422, body = ApiErrorResponse)))]
pub async fn set_notifications(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    ApiJson(s): ApiJson<NotificationSettings>,
) -> Result<Json<NotificationSettings>, ApiError> {
    let all = events::Category::ALL;
    if s.on.iter().any(|c| !all.iter().any(|x| x.code() == c)) {
        let mut e = crate::pages::forms::Errors::new(lang);
        e.invalid("on", &domain::Invalid::ChoiceUnknown);
        return Err(ApiError::validation(lang, &e));
    }
    let off: Vec<&str> = all
        .iter()
        .map(|c| c.code())
        .filter(|c| !s.on.iter().any(|x| x == c))
        .collect();
    store::accounts::set_notify_off(&state.db, me.user.id, &off.join(","))
        .await
        .map_err(|e| ApiError::store(lang, e))?;
    Ok(Json(NotificationSettings {
        on: all
            .iter()
            .map(|c| c.code().to_owned())
            .filter(|c| s.on.contains(c))
            .collect(),
    }))
}

/// Creates a project (a programme with goals and dates) of an organization (its members).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/projects", tag = "events", summary = "Create a project", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = ProjectInput,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn create_project(
    State(state): State<AppState>,
    ApiUser(me, lang): ApiUser,
    Path(org): Path<String>,
    ApiJson(i): ApiJson<ProjectInput>,
) -> Result<Response, ApiError> {
    let p = events::create_project(&state, lang, &me, id(lang, &org)?, &i)
        .await
        .map_err(|e| op_error(lang, e))?;
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
    ApiLang(lang): ApiLang,
    Path(org): Path<String>,
) -> Result<Json<Vec<ProjectDto>>, ApiError> {
    let rows = store::events::projects_of(&state.db, id(lang, &org)?)
        .await
        .map_err(|e| ApiError::store(lang, e))?;
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
