//! Applications over JSON: apply and cancel (the volunteer), accept, reject, move and
//! record consent (the organizer), one by one or in bulk.

use app::events::{self, BulkOutcome, ConsentInput};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::ReasonRequest;
use crate::api::ApiJson;
use crate::api::Caller;
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

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
    Caller { state, me, .. }: Caller,
    Id(shift): Id,
    ApiJson(r): ApiJson<ApplyRequest>,
) -> Result<Response, ApiError> {
    let (application, outcome) = events::apply(&state, &me, shift, r.motivation.as_deref()).await?;
    Ok((
        StatusCode::CREATED,
        Json(ApplicationDto {
            id: application,
            status: outcome.status().code().to_owned(),
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
    Caller { state, me, .. }: Caller,
    Id(application): Id,
) -> Result<Json<Cancelled>, ApiError> {
    let promoted = events::cancel(&state, &me, application).await?;
    Ok(Json(Cancelled { promoted }))
}

/// Accepts a pending or waitlisted application (members of the organization; escalated
/// ones also the region's front-office).
#[utoipa::path(post, path = "/api/v1/applications/{id}/accept", tag = "events", summary = "Accept an application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn accept(
    Caller { state, me, .. }: Caller,
    Id(application): Id,
) -> Result<StatusCode, ApiError> {
    events::accept(&state, &me, application).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rejects a pending or waitlisted application with a reason.
#[utoipa::path(post, path = "/api/v1/applications/{id}/reject", tag = "events", summary = "Reject an application", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reject(
    Caller { state, me, lang }: Caller,
    Id(application): Id,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    events::reject(&state, lang, &me, application, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A decision on several applications.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct BulkRequest {
    /// Applications (at most 500).
    #[schema(required = true, min_items = 1, max_items = 500)]
    pub applications: Vec<Uuid>,
    /// `accept` or `reject`.
    #[schema(required = true, pattern = r"^(accept|reject)$")]
    pub decision: String,
    /// Reason (required to reject).
    pub reason: String,
}

/// A decision on several applications as the document states it: rejecting needs a reason.
#[derive(Debug, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum BulkBody {
    /// Accept them.
    Accept(BulkAccept),
    /// Reject them, with a reason.
    Reject(BulkReject),
}

/// Accepting several applications.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct BulkAccept {
    /// Applications (1 to 500).
    #[schema(min_items = 1, max_items = 500)]
    applications: Vec<Uuid>,
    /// `accept`.
    #[schema(pattern = r"^accept$")]
    decision: String,
    /// Not needed to accept.
    #[schema(required = false)]
    reason: String,
}

/// Rejecting several applications.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct BulkReject {
    /// Applications (1 to 500).
    #[schema(min_items = 1, max_items = 500)]
    applications: Vec<Uuid>,
    /// `reject`.
    #[schema(pattern = r"^reject$")]
    decision: String,
    /// Why (sent to each volunteer).
    #[schema(
        min_length = 1,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    reason: String,
}

/// Accepts or rejects several applications; each is decided on its own and those that
/// cannot be (a full shift, already decided) are listed with their codes.
#[utoipa::path(post, path = "/api/v1/applications/decisions", tag = "events", summary = "Decide several applications", security(("bearer" = [])),
    request_body = BulkBody,
    responses((status = 200, body = BulkOutcome), (status = 422, body = ApiErrorResponse)))]
pub async fn bulk(
    Caller { state, me, lang }: Caller,
    ApiJson(r): ApiJson<BulkRequest>,
) -> Result<Json<BulkOutcome>, ApiError> {
    let accept_them = match r.decision.as_str() {
        "accept" => true,
        "reject" => false,
        _ => {
            let mut e = app::Errors::new(lang);
            e.invalid("decision", &domain::Invalid::ChoiceUnknown);
            return Err(ApiError::validation(lang, &e));
        }
    };
    let out =
        events::decide_bulk(&state, lang, &me, &r.applications, accept_them, &r.reason).await?;
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
    Caller { state, me, .. }: Caller,
    Id(application): Id,
    ApiJson(r): ApiJson<MoveRequest>,
) -> Result<StatusCode, ApiError> {
    events::move_to(&state, &me, application, r.shift_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records a parent's consent on an application held for it; returns the new status.
#[utoipa::path(post, path = "/api/v1/applications/{id}/consent", tag = "events", summary = "Record a parent's consent", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = ConsentInput,
    responses((status = 200, body = ApplicationDto), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn consent(
    Caller { state, me, lang }: Caller,
    Id(application): Id,
    ApiJson(i): ApiJson<ConsentInput>,
) -> Result<Json<ApplicationDto>, ApiError> {
    let status = events::record_consent(&state, lang, &me, application, &i).await?;
    Ok(Json(ApplicationDto {
        id: application,
        status: status.code().to_owned(),
    }))
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
    Caller { state, me, .. }: Caller,
    Id(shift): Id,
) -> Result<Json<Vec<ShiftApplicationDto>>, ApiError> {
    let rows = events::applications(&state, &me, shift).await?;
    Ok(Json(
        rows.into_iter()
            .map(|a| ShiftApplicationDto {
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                id: a.id,
                volunteer_id: a.volunteer_id,
                display_name: a.display_name,
                email: a.email,
                phone: a.phone,
                status: a.status.code().to_owned(),
                motivation: a.motivation,
                created_at: a.created_at,
                checked_in_at: a.checked_in_at,
                checked_out_at: a.checked_out_at,
            })
            .collect(),
    ))
}
