//! The closing report of a collection over JSON: published by its organization when the
//! collection is closed (what happens to the remainder), read by anyone with the figures of
//! the money trail at the checkpoint they were computed at.

use app::charity::report::{self, ReportForm, ReportView};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::api::{ApiJson, ApiLang, Caller};
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// A collection's closing report: what happens to the remainder, money raised, spent (by
/// category) and left, the estimated value of gifts in kind (not money), the donations, and
/// the checkpoint the figures were computed at. 404 before it is published.
#[utoipa::path(get, path = "/api/v1/collections/{id}/report", tag = "charity", summary = "A collection's closing report",
    params(("id" = uuid::Uuid, Path, description = "Collection")),
    responses((status = 200, body = ReportView), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Json<ReportView>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    report::report(&state, me.as_ref(), lang, id)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Publishes the closing report of a closed collection (its owner or coordinators):
/// `closed → reported`. The figures are computed from the money trail at the latest signed
/// checkpoint; while some of the collection's entries are not in one yet the answer is 409
/// `report_entries_pending` (the scheduler signs a checkpoint every minute).
#[utoipa::path(post, path = "/api/v1/collections/{id}/report", tag = "charity", summary = "Publish the closing report", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "Collection")), request_body = ReportForm,
    responses((status = 201, body = ReportView), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`collection_not_allowed`, `collection_forbidden`, `collection_changed`, `report_entries_pending`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn publish(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(form): ApiJson<ReportForm>,
) -> Result<Response, ApiError> {
    report::publish(&state, &me, lang, id, &form).await?;
    let view = report::report(&state, Some(&me), lang, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}
