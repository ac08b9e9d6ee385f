//! Attendance over JSON: taken by the organizer, or by the volunteer with a signed code.

use app::events::{self, Attendance};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::ApiJson;
use crate::api::Caller;
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// Attendance taken by the organizer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AttendanceRequest {
    /// `check_in`, `check_out` or `no_show`.
    #[schema(pattern = r"^(check_in|check_out|no_show)$")]
    pub action: String,
}

/// Takes attendance: check-in (from an hour before the start), check-out, no-show (after the start).
#[utoipa::path(post, path = "/api/v1/applications/{id}/attendance", tag = "events", summary = "Take attendance", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Application")), request_body = AttendanceRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn attendance(
    Caller { state, me, lang }: Caller,
    Id(application): Id,
    ApiJson(r): ApiJson<AttendanceRequest>,
) -> Result<StatusCode, ApiError> {
    let what = match r.action.as_str() {
        "check_in" => Attendance::CheckIn,
        "check_out" => Attendance::CheckOut,
        "no_show" => Attendance::NoShow,
        _ => {
            let mut e = app::Errors::new(lang);
            e.invalid("action", &domain::Invalid::ChoiceUnknown);
            return Err(ApiError::validation(lang, &e));
        }
    };
    events::attendance(&state, &me, application, what).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A check-in code.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CheckInCode {
    /// The signed code (in the QR code as /check-in?code=…).
    #[schema(min_length = 1)]
    pub code: String,
    /// Valid until.
    #[schema(
        pattern = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z$"
    )]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A fresh signed, time-limited check-in code for a shift (members of the organization).
#[utoipa::path(post, path = "/api/v1/shifts/{id}/check-in-code", tag = "events", summary = "A check-in code", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Shift")),
    responses((status = 200, body = CheckInCode), (status = 403, body = ApiErrorResponse)))]
pub async fn check_in_code(
    Caller { state, me, .. }: Caller,
    Id(shift): Id,
) -> Result<Json<CheckInCode>, ApiError> {
    let (code, expires) = events::check_in_code(&state, &me, shift).await?;
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
    Caller { state, me, .. }: Caller,
    ApiJson(c): ApiJson<CheckInCode>,
) -> Result<StatusCode, ApiError> {
    events::check_in_with_code(&state, &me, &c.code).await?;
    Ok(StatusCode::NO_CONTENT)
}
