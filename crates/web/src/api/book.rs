//! The electronic volunteer book over JSON: the caller's book and claims, decisions on
//! hours, and the published signing keys.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::AppState;
use crate::api::ApiJson;
use crate::api::ApiQuery;
use crate::api::Caller;
use crate::api::events::{Created, ReasonRequest};
use crate::ctx::Id;
use crate::ctx::PageQuery;
use crate::error::{ApiError, ApiErrorResponse};
use app::book::{self, ClaimInput, Totals};
use app::certificates;
use app::keys::PublicKey;

/// An hours entry.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursDto {
    /// Key.
    pub id: Uuid,
    /// Organization.
    pub organization_id: Option<Uuid>,
    /// Event, for attendance.
    pub event_id: Option<Uuid>,
    /// Minutes.
    pub minutes: i64,
    /// Day of the activity.
    pub date: NaiveDate,
    /// `claimed`, `confirmed`, `rejected`, `disputed`, `reversed`.
    pub status: String,
    /// `attendance`, `claim`, `help_request`, `import`.
    pub source: String,
    /// What was done.
    pub description: Option<String>,
    /// Why rejected, disputed or reversed.
    pub reason: Option<String>,
    /// Recorded at.
    pub created_at: DateTime<Utc>,
}

impl From<app::book::Hours> for HoursDto {
    fn from(h: app::book::Hours) -> Self {
        HoursDto {
            id: h.id,
            organization_id: h.organization_id,
            event_id: h.event_id,
            minutes: h.minutes,
            date: h.work_date,
            status: h.status,
            source: h.source,
            description: h.description,
            reason: h.reason,
            created_at: h.created_at,
        }
    }
}

/// A volunteer's book.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookDto {
    /// Confirmed minutes (from the ledger), in total and by year, direction, organization
    /// and activity type.
    pub totals: Totals,
    /// Progress toward each benefit rule in force (confirmed hours only).
    #[schema(value_type = Vec<Object>)]
    pub benefits: Vec<domain::benefits::Progress>,
    /// Entries, newest first: the page asked for (`?page=N`, 100 to a page).
    pub entries: Vec<HoursDto>,
    /// Entries in all.
    pub entries_total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Entries to a page.
    pub per_page: i64,
}

/// The caller's book.
#[utoipa::path(get, path = "/api/v1/me/book", tag = "book", summary = "My volunteer book", security(("bearer" = [])),
    params(("page" = Option<i64>, Query, description = "Page of entries, from 1 (100 to a page)")),
    responses((status = 200, body = BookDto), (status = 401, body = ApiErrorResponse)))]
pub async fn mine(
    Caller { state, me, .. }: Caller,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<BookDto>, ApiError> {
    let b = book::book(&state, &me, q.page.unwrap_or(1)).await?;
    Ok(Json(BookDto {
        totals: b.totals,
        benefits: b.benefits,
        entries: b.entries.into_iter().map(HoursDto::from).collect(),
        entries_total: b.entries_total,
        page: b.page,
        per_page: book::BOOK_PAGE,
    }))
}

/// Claims hours for past activity with an organization (it confirms or rejects them).
#[utoipa::path(post, path = "/api/v1/me/hours", tag = "book", summary = "Claim hours", security(("bearer" = [])),
    request_body = ClaimInput,
    responses((status = 201, body = Created),
        (status = 404, description = "No organization has this `organization_id` (`not_found`).", body = ApiErrorResponse),
        (status = 422, body = ApiErrorResponse)))]
pub async fn claim(
    Caller { state, me, lang }: Caller,
    ApiJson(i): ApiJson<ClaimInput>,
) -> Result<Response, ApiError> {
    let id = book::claim(&state, lang, &me, &i).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// Hours of an organization waiting for its decision (its members).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/hours", tag = "book", summary = "Hours to confirm", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = Vec<HoursDto>), (status = 403, body = ApiErrorResponse)))]
pub async fn pending(
    Caller { state, me, .. }: Caller,
    Id(org): Id,
) -> Result<Json<Vec<HoursDto>>, ApiError> {
    let queue = book::pending(&state, &me, org).await?;
    Ok(Json(
        queue
            .items
            .into_iter()
            .map(|(_, h)| HoursDto::from(h))
            .collect(),
    ))
}

/// Confirms hours (the organization's members; disputed ones the region's front-office).
#[utoipa::path(post, path = "/api/v1/hours/{id}/confirm", tag = "book", summary = "Confirm hours", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hours entry")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn confirm(Caller { state, me, .. }: Caller, Id(h): Id) -> Result<StatusCode, ApiError> {
    book::confirm(&state, &me, h).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rejects hours with a reason.
#[utoipa::path(post, path = "/api/v1/hours/{id}/reject", tag = "book", summary = "Reject hours", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hours entry")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reject(
    Caller { state, me, lang }: Caller,
    Id(h): Id,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    book::reject(&state, lang, &me, h, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes back confirmed hours with a reason: a reversing entry is added to the ledger.
#[utoipa::path(post, path = "/api/v1/hours/{id}/reverse", tag = "book", summary = "Reverse confirmed hours", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hours entry")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reverse(
    Caller { state, me, lang }: Caller,
    Id(h): Id,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    book::reverse(&state, lang, &me, h, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Escalates one's own hours to the region's front-office (rejected, or unanswered for
/// 14 days).
#[utoipa::path(post, path = "/api/v1/hours/{id}/dispute", tag = "book", summary = "Dispute hours", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Hours entry")), request_body = ReasonRequest,
    responses((status = 204), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn dispute(
    Caller { state, me, lang }: Caller,
    Id(h): Id,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    book::dispute(&state, lang, &me, h, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The platform's published signing keys.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeySet {
    /// Every key that signed or signs records (Ed25519), oldest first.
    pub keys: Vec<PublicKey>,
}

/// The published public keys (also at `/.well-known/erikti-keys.json`).
#[utoipa::path(get, path = "/api/v1/keys", tag = "book", summary = "Signing keys",
    responses((status = 200, body = KeySet)))]
pub async fn keys(State(state): State<AppState>) -> Json<KeySet> {
    Json(KeySet {
        keys: state.keys.published(),
    })
}

/// An issued certificate.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedDto {
    /// Public code.
    pub code: String,
    /// The public verify page.
    pub verify_url: String,
}

/// Issues a certificate of the caller's confirmed hours (all, a period or one organization).
#[utoipa::path(post, path = "/api/v1/me/certificates", tag = "book", summary = "Request a certificate", security(("bearer" = [])),
    request_body = certificates::CertificateRequest,
    responses((status = 201, body = IssuedDto),
        (status = 404, description = "No organization has this `organization_id` (`not_found`).", body = ApiErrorResponse),
        (status = 422, body = ApiErrorResponse)))]
pub async fn issue(
    Caller { state, me, lang }: Caller,
    ApiJson(r): ApiJson<certificates::CertificateRequest>,
) -> Result<Response, ApiError> {
    let code = certificates::issue(&state, lang, &me, &r).await?;
    let verify_url = certificates::verify_url(&state, &code);
    Ok((StatusCode::CREATED, Json(IssuedDto { code, verify_url })).into_response())
}

/// A certificate as its holder lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CertificateDto {
    /// Public code.
    pub code: String,
    /// Language.
    pub lang: String,
    /// Issued at.
    pub issued_at: DateTime<Utc>,
    /// Revoked at, if revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The caller's certificates, newest first.
#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "book", summary = "My certificates", security(("bearer" = [])),
    responses((status = 200, body = Vec<CertificateDto>)))]
pub async fn certificates(
    Caller { state, me, .. }: Caller,
) -> Result<Json<Vec<CertificateDto>>, ApiError> {
    let rows = certificates::mine(&state, &me).await?;
    Ok(Json(
        rows.into_iter()
            .map(|c| CertificateDto {
                code: c.code,
                lang: c.lang,
                issued_at: c.issued_at,
                revoked_at: c.revoked_at,
            })
            .collect(),
    ))
}

/// What anyone learns by checking a certificate.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationDto {
    /// Public code.
    pub code: String,
    /// The signature holds under a published key.
    pub signature_valid: bool,
    /// Revoked by staff.
    pub revoked: bool,
    /// Why.
    pub revoked_reason: Option<String>,
    /// What the public log says of the records behind it: `recorded` (in the log at the
    /// checkpoint named, none reversed since), `reversed` (one was reversed after issue),
    /// `broken` (the proof or the log no longer holds), `no_proof` (issued before the log).
    pub log_status: String,
    /// For `recorded`: the checkpoint's tree size.
    pub log_checkpoint: Option<u64>,
    /// For `recorded`: when that checkpoint was signed; for `reversed`: when the first
    /// record was reversed.
    pub log_at: Option<DateTime<Utc>>,
    /// For `broken`: what does not hold.
    pub log_problem: Option<String>,
    /// The signed document (statement, key, signature). Its log proof
    /// (`statement.log`, one inclusion proof per entry counted) only with `proofs=true`:
    /// without it the signature does not cover what is shown.
    #[schema(value_type = Object)]
    pub certificate: domain::certificate::Signed,
}

/// How much of the document to return.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// Include the log proof (large for a long book), so that the document verifies.
    #[serde(default)]
    pub proofs: bool,
}

/// Checks a certificate by its code (public).
#[utoipa::path(get, path = "/api/v1/certificates/{code}", tag = "book", summary = "Verify a certificate",
    params(("code" = String, Path, description = "Certificate code"), VerifyQuery),
    responses((status = 200, body = VerificationDto), (status = 404, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn verify(
    State(state): State<AppState>,
    Path(code): Path<String>,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Json<VerificationDto>, ApiError> {
    let c = certificates::check(&state, &code).await?;
    let certificate = if q.proofs {
        (*c.signed).clone()
    } else {
        domain::certificate::Signed {
            statement: c.signed.statement.without_log(),
            key_id: c.signed.key_id.clone(),
            signature: c.signed.signature.clone(),
        }
    };
    Ok(Json(VerificationDto {
        code: c.row.code,
        signature_valid: c.valid,
        revoked: c.row.revoked_at.is_some(),
        revoked_reason: c.row.revoked_reason,
        log_status: c.log.code().to_owned(),
        log_checkpoint: match &c.log {
            certificates::LogStatus::Recorded { size, .. } => Some(*size),
            _ => None,
        },
        log_at: match &c.log {
            certificates::LogStatus::Recorded { at, .. } => Some(*at),
            certificates::LogStatus::Reversed { on } => Some(*on),
            _ => None,
        },
        log_problem: match &c.log {
            certificates::LogStatus::Broken(p) => Some(p.clone()),
            _ => None,
        },
        certificate,
    }))
}

/// Revokes a certificate with a reason (national admin).
#[utoipa::path(post, path = "/api/v1/certificates/{code}/revoke", tag = "book", summary = "Revoke a certificate", security(("bearer" = [])),
    params(("code" = String, Path, description = "Certificate code")), request_body = ReasonRequest,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn revoke(
    Caller { state, me, lang }: Caller,
    Path(code): Path<String>,
    ApiJson(r): ApiJson<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    certificates::revoke(&state, lang, &me, &code, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether the caller's book is public.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Visibility {
    /// Shown to anyone at `/volunteers/{id}/book` and `GET /api/v1/volunteers/{id}/book`.
    pub public: bool,
}

/// Shows or hides the caller's book publicly.
#[utoipa::path(put, path = "/api/v1/me/book/visibility", tag = "book", summary = "Make my book public or private", security(("bearer" = [])),
    request_body = Visibility,
    responses((status = 200, body = Visibility), (status = 401, body = ApiErrorResponse)))]
pub async fn set_visibility(
    Caller { state, me, .. }: Caller,
    ApiJson(v): ApiJson<Visibility>,
) -> Result<Json<Visibility>, ApiError> {
    book::set_public(&state, &me, v.public).await?;
    Ok(Json(v))
}

/// A volunteer's book, if she made it public (404 otherwise): no personal data.
#[utoipa::path(get, path = "/api/v1/volunteers/{id}/book", tag = "book", summary = "A public volunteer book",
    params(("id" = Uuid, Path, description = "Volunteer")),
    responses((status = 200, body = book::PublicBook), (status = 404, body = ApiErrorResponse)))]
pub async fn public(
    State(state): State<AppState>,
    Id(v): Id,
) -> Result<Json<book::PublicBook>, ApiError> {
    book::public_book(&state, v)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}
