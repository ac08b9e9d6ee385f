//! Charitable activity over JSON: collections and their lifecycle, donations, expenses
//! with receipts, the money trail with its proofs, card payments (checkout and the
//! provider's signed notifications), the front-office's queue and a donor's own list.

use app::charity::collections::{self, CollectionForm, DirectoryQuery, ProvenTotals, StepForm};
use app::charity::money::{self, DonationForm, ExpenseForm, PublicDonation};
use app::charity::payments::{self, CardForm, Outcome};
use app::charity::{self, view::CollectionView};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::events::Created;
use crate::api::{ApiJson, ApiLang, ApiMultipart, ApiQuery, Caller};
use crate::ctx::{Id, IdAnd, Upload};
use crate::error::{ApiError, ApiErrorResponse};

/// The public directory of collections (active, registered, closed, reported), newest
/// first, 30 a page.
#[utoipa::path(get, path = "/api/v1/collections", tag = "charity", summary = "Collections",
    params(DirectoryQuery),
    responses((status = 200, body = Vec<CollectionView>), (status = 404, body = ApiErrorResponse)))]
pub async fn directory(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
) -> Result<Json<Vec<CollectionView>>, ApiError> {
    let list = collections::directory(&state, &q).await?;
    Ok(Json(
        list.iter().map(|c| CollectionView::of(lang, c)).collect(),
    ))
}

/// Opens a collection in draft (an owner or coordinator of a verified organization).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/collections", tag = "charity", summary = "Open a collection", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")), request_body = CollectionForm,
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 409, description = "`organization_not_verified`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn open(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(form): ApiJson<CollectionForm>,
) -> Result<Response, ApiError> {
    let id = collections::open(&state, &me, lang, org, &form).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// An organization's collections, every status (its members and front-office).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/collections", tag = "charity", summary = "An organization's collections", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = Vec<CollectionView>), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn of_organization(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
) -> Result<Json<Vec<CollectionView>>, ApiError> {
    let list = collections::of_organization(&state, &me, org).await?;
    Ok(Json(
        list.iter().map(|c| CollectionView::of(lang, c)).collect(),
    ))
}

/// A collection with its totals as proven by the log.
#[derive(Debug, Serialize, ToSchema)]
pub struct CollectionDetail {
    /// The collection.
    #[serde(flatten)]
    pub collection: CollectionView,
    /// Its totals at the latest checkpoint.
    pub proven: ProvenTotals,
    /// Its donation boxes: number and location.
    pub boxes: Vec<BoxView>,
}

/// A donation box.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoxView {
    /// Number.
    pub number: i32,
    /// Where it stands.
    pub location: String,
}

/// A collection: public ones for everyone, others for its organization and front-office.
#[utoipa::path(get, path = "/api/v1/collections/{id}", tag = "charity", summary = "A collection",
    params(("id" = Uuid, Path, description = "Collection")),
    responses((status = 200, body = CollectionDetail), (status = 404, body = ApiErrorResponse)))]
pub async fn show(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Json<CollectionDetail>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let c = charity::visible(&state, me.as_ref(), id).await?;
    let proven = collections::proven_totals(&state, &c).await?;
    let boxes = charity::boxes(&state, &c).await?;
    Ok(Json(CollectionDetail {
        collection: CollectionView::of(lang, &c),
        proven,
        boxes: boxes
            .into_iter()
            .map(|(number, location)| BoxView { number, location })
            .collect(),
    }))
}

/// Rewrites a collection in draft (or rejected).
#[utoipa::path(put, path = "/api/v1/collections/{id}", tag = "charity", summary = "Edit a collection", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Collection")), request_body = CollectionForm,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn edit(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(form): ApiJson<CollectionForm>,
) -> Result<StatusCode, ApiError> {
    collections::edit(&state, &me, lang, id, &form).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The status after a step.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusDto {
    /// The collection's status now.
    pub status: String,
}

/// A step of the lifecycle: `submit`, `activate`, `close`, `report`, `withdraw` by the
/// organization; `register` (with `number`), `reject` and `suspend` (with `reason`),
/// `resume` by the region's front-office; `activate` and `close` by either.
#[utoipa::path(post, path = "/api/v1/collections/{id}/steps", tag = "charity", summary = "A step of a collection's lifecycle", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Collection")), request_body = StepForm,
    responses((status = 200, body = StatusDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn step(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(form): ApiJson<StepForm>,
) -> Result<Json<StatusDto>, ApiError> {
    let to = collections::step(&state, &me, lang, id, &form).await?;
    Ok(Json(StatusDto {
        status: to.code().to_owned(),
    }))
}

/// A region's collections awaiting registration (its front-office).
#[utoipa::path(get, path = "/api/v1/front-office/{region}/collections", tag = "charity", summary = "Collections to register", security(("bearer" = [])),
    params(("region" = String, Path, description = "Region code")),
    responses((status = 200, body = Vec<CollectionView>), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn queue(
    Caller { state, me, lang }: Caller,
    Path(region): Path<String>,
) -> Result<Json<Vec<CollectionView>>, ApiError> {
    let list = collections::queue(&state, &me, &region).await?;
    Ok(Json(
        list.iter().map(|c| CollectionView::of(lang, c)).collect(),
    ))
}

/// A donation as the API shows it: the donor's identity only to the organization and
/// the front-office.
#[derive(Debug, Serialize, ToSchema)]
pub struct DonationDto {
    /// What the public sees.
    #[serde(flatten)]
    pub public: PublicDonation,
    /// The donor's name (organization and front-office only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub donor_name: Option<String>,
    /// The donor's e-mail (organization and front-office only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub donor_email: Option<String>,
    /// The receipt's check code (organization and front-office only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt_code: Option<String>,
}

/// A page of donations.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page, from 1 (50 a page).
    #[param(minimum = 1, maximum = 10000)]
    pub page: Option<u32>,
}

/// A collection's donations, newest first: public names or anonymous for everyone.
#[utoipa::path(get, path = "/api/v1/collections/{id}/donations", tag = "charity", summary = "A collection's donations",
    params(("id" = Uuid, Path, description = "Collection"), PageQuery),
    responses((status = 200, body = Vec<DonationDto>), (status = 404, body = ApiErrorResponse)))]
pub async fn donations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> Result<Json<Vec<DonationDto>>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let (list, private) = money::donations(&state, me.as_ref(), id, q.page.unwrap_or(1)).await?;
    Ok(Json(
        list.iter()
            .map(|d| DonationDto {
                public: PublicDonation::from(d),
                donor_name: d.donor_name.clone().filter(|_| private),
                donor_email: d.donor_email.clone().filter(|_| private),
                receipt_code: private.then(|| d.receipt_code.clone()),
            })
            .collect(),
    ))
}

/// A donation recorded (or found recorded with the same bank document).
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedDto {
    /// The donation.
    pub id: Uuid,
    /// True when it had been recorded before (nothing changed).
    pub duplicate: bool,
}

/// Records a donation (the organization's owner or treasurer). A bank transfer names its
/// document: the same document again answers 200 with the donation recorded before.
#[utoipa::path(post, path = "/api/v1/collections/{id}/donations", tag = "charity", summary = "Record a donation", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Collection")), request_body = DonationForm,
    responses((status = 201, body = RecordedDto), (status = 200, description = "Recorded before", body = RecordedDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`collection_not_active`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn record(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(form): ApiJson<DonationForm>,
) -> Result<Response, ApiError> {
    let r = money::record(&state, &me, lang, id, &form).await?;
    let (status, duplicate) = match r {
        money::Recorded::New(_) => (StatusCode::CREATED, false),
        money::Recorded::Duplicate(_) => (StatusCode::OK, true),
    };
    Ok((
        status,
        Json(RecordedDto {
            id: r.id(),
            duplicate,
        }),
    )
        .into_response())
}

/// Why.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonInput {
    /// Why (required).
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// Reverses a donation (a refund, or an entry made in error).
#[utoipa::path(post, path = "/api/v1/donations/{id}/reverse", tag = "charity", summary = "Reverse a donation", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Donation")), request_body = ReasonInput,
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`already_reversed`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn reverse(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiJson(r): ApiJson<ReasonInput>,
) -> Result<StatusCode, ApiError> {
    money::reverse(&state, &me, lang, id, &r.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An expense as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExpenseDto {
    /// Key.
    pub id: Uuid,
    /// `pending`, `approved`, `rejected`.
    pub status: String,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// Category code.
    pub category: String,
    /// Goods handed out rather than money.
    pub in_kind: bool,
    /// What for.
    pub purpose: String,
    /// Paid to this organization.
    pub payee_organization: Option<String>,
    /// Or given to this many beneficiaries.
    pub beneficiaries: Option<i32>,
    /// Spent on.
    pub spent_on: chrono::NaiveDate,
    /// The receipt's address.
    pub receipt_url: String,
    /// Why rejected.
    pub reason: Option<String>,
}

impl From<&money::Expense> for ExpenseDto {
    fn from(e: &money::Expense) -> Self {
        ExpenseDto {
            id: e.id,
            status: e.status.code().to_owned(),
            amount_tiyn: e.amount_tiyn,
            category: e.category.code().to_owned(),
            in_kind: e.in_kind,
            purpose: e.purpose.clone(),
            payee_organization: e.payee_organization.clone(),
            beneficiaries: e.beneficiaries,
            spent_on: e.spent_on,
            receipt_url: format!("/api/v1/expenses/{}/receipt", e.id),
            reason: e.reason.clone(),
        }
    }
}

/// A collection's expenses: approved ones for everyone, all for its organization.
#[utoipa::path(get, path = "/api/v1/collections/{id}/expenses", tag = "charity", summary = "A collection's expenses",
    params(("id" = Uuid, Path, description = "Collection")),
    responses((status = 200, body = Vec<ExpenseDto>), (status = 404, body = ApiErrorResponse)))]
pub async fn expenses(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Json<Vec<ExpenseDto>>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let list = money::expenses(&state, me.as_ref(), id).await?;
    Ok(Json(list.iter().map(ExpenseDto::from).collect()))
}

/// The expense form (multipart).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ExpenseUpload {
    /// The receipt: a PDF or an image (PNG, JPEG, WebP).
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    receipt: Vec<u8>,
    /// Category code.
    #[schema(
        pattern = r"^(purchase_goods|medical|food|transport|rent|services|direct_aid|bank_fees|other)$"
    )]
    category: String,
    /// Amount in tenge, e.g. `15 000` or `1500,50`.
    #[schema(pattern = r"^[1-9][0-9]{0,8}([.,][0-9]{1,2})?$")]
    amount: String,
    /// What for (no beneficiary's name).
    #[schema(pattern = r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі0-9 ,.()-]{1,200}$")]
    description: String,
    /// Spent on, YYYY-MM-DD.
    #[schema(pattern = r"^20(1[0-9]|2[0-5])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$")]
    spent_on: String,
    /// `true` for goods handed out.
    #[schema(required = false, pattern = r"^(|true|false)$")]
    in_kind: String,
    /// Paid to this organization.
    #[schema(required = false, pattern = r"^[A-Za-zА-Яа-яЁё0-9 «»№.,-]{0,200}$")]
    payee_organization: String,
    /// Or to this many beneficiaries.
    #[schema(required = false, pattern = r"^([1-9][0-9]{0,5})?$")]
    beneficiaries: String,
}

/// Submits an expense with its receipt (multipart); pending until a second person of the
/// organization approves it.
#[utoipa::path(post, path = "/api/v1/collections/{id}/expenses", tag = "charity", summary = "Submit an expense", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Collection")),
    request_body(content = ExpenseUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse), (status = 413, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn submit_expense(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiMultipart(form): ApiMultipart,
) -> Result<Response, ApiError> {
    let up = Upload::read(form, "receipt", None)
        .await
        .map_err(|(status, code)| ApiError::status(status, code))?;
    let f = ExpenseForm {
        category: up.fields.get("category").to_owned(),
        amount: up.fields.get("amount").to_owned(),
        description: up.fields.get("description").to_owned(),
        spent_on: up.fields.get("spent_on").to_owned(),
        in_kind: up.fields.get("in_kind").to_owned(),
        payee_organization: up.fields.get("payee_organization").to_owned(),
        beneficiaries: up.fields.get("beneficiaries").trim().parse().ok(),
    };
    let id = money::submit_expense(&state, &me, lang, id, &f, &up.bytes).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

/// Approves or rejects an expense (`approve`, `reject` with a reason): a second person of
/// the organization, within the balance, once.
#[utoipa::path(post, path = "/api/v1/expenses/{id}/{decision}", tag = "charity", summary = "Decide on an expense", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Expense"), ("decision" = String, Path, description = "`approve` or `reject`")),
    request_body(content = Option<ReasonInput>, description = "`reason` when rejecting"),
    responses((status = 204), (status = 403, description = "`expense_four_eyes`", body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`already_decided`, `expense_over_balance`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn decide(
    Caller { state, me, lang }: Caller,
    IdAnd(id, decision): IdAnd,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    match decision.as_str() {
        "approve" => money::approve_expense(&state, &me, id).await?,
        "reject" => {
            let reason = serde_json::from_slice::<ReasonInput>(&body)
                .map(|r| r.reason)
                .unwrap_or_default();
            money::reject_expense(&state, &me, lang, id, &reason).await?;
        }
        _ => return Err(ApiError::not_found()),
    }
    Ok(StatusCode::NO_CONTENT)
}

/// An expense's receipt (an approved one's for everyone).
#[utoipa::path(get, path = "/api/v1/expenses/{id}/receipt", tag = "charity", summary = "An expense's receipt",
    params(("id" = Uuid, Path, description = "Expense")),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = ApiErrorResponse)))]
pub async fn receipt(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let (bytes, kind) = money::receipt(&state, me.as_ref(), id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The money trail with proofs.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrailQuery {
    /// Also each entry's inclusion proof in the latest checkpoint's tree.
    pub proofs: Option<bool>,
}

/// A collection's money trail: each entry's leaf index and canonical encoding (base64),
/// the checkpoint it is proven at and, with `proofs=true`, its inclusion proof: anyone
/// can recompute the totals and check them against the signed checkpoint.
#[utoipa::path(get, path = "/api/v1/collections/{id}/trail", tag = "charity", summary = "A collection's money trail",
    params(("id" = Uuid, Path, description = "Collection"), TrailQuery),
    responses((status = 200, body = charity::trail::Trail), (status = 404, body = ApiErrorResponse)))]
pub async fn trail(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
    ApiQuery(q): ApiQuery<TrailQuery>,
) -> Result<Json<charity::trail::Trail>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let t = charity::trail::trail(&state, me.as_ref(), id, q.proofs.unwrap_or(false)).await?;
    Ok(Json(t))
}

/// Where to pay.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckoutDto {
    /// The provider's hosted payment page.
    pub url: String,
}

/// Starts a card donation: the address of the provider's hosted payment page.
#[utoipa::path(post, path = "/api/v1/collections/{id}/checkout", tag = "charity", summary = "Give by card",
    params(("id" = Uuid, Path, description = "Collection")), request_body = CardForm,
    responses((status = 200, body = CheckoutDto), (status = 404, body = ApiErrorResponse), (status = 409, description = "`collection_not_active`, `payments_not_configured`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn checkout(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    headers: HeaderMap,
    Id(id): Id,
    ApiJson(form): ApiJson<CardForm>,
) -> Result<Json<CheckoutDto>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let url = payments::checkout(&state, me.as_ref(), lang, id, &form).await?;
    Ok(Json(CheckoutDto { url }))
}

/// What a notification did.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotifiedDto {
    /// `recorded`, `refunded` or `duplicate`.
    pub outcome: Outcome,
}

/// A payment provider's notification, in the configured provider's format: Halyk Bank
/// ePay's `postLink` for `halyk` (authenticated by the `secret_hash` made for its invoice
/// under the shared secret), erikti's generic format for any other name (signed:
/// `X-Erikti-Signature: sha256=HEX`, the HMAC-SHA256 of the raw body under the shared
/// secret). The formats are described in the documentation of payments. Records a paid
/// donation once; a refund reverses it once.
#[utoipa::path(post, path = "/api/v1/payments/{provider}/notify", tag = "charity", summary = "A payment provider's notification",
    params(("provider" = String, Path, description = "The provider's name")),
    request_body(content = String, content_type = "application/json"),
    responses((status = 200, body = NotifiedDto), (status = 401, description = "`signature_invalid`", body = ApiErrorResponse), (status = 409, description = "`collection_not_active`, `payment_unknown`, `payments_not_configured`", body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn notify(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(provider): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<NotifiedDto>, ApiError> {
    let signature = headers
        .get(domain::charity::webhook::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok());
    match payments::notify(&state, &provider, &body, signature).await {
        Ok(outcome) => Ok(Json(NotifiedDto { outcome })),
        Err(app::OpError::Forbidden(code)) => {
            Err(ApiError::new(lang, StatusCode::UNAUTHORIZED, code))
        }
        Err(e) => Err(ApiError::op(lang, e)),
    }
}

/// The caller's own donations (given while signed in).
#[utoipa::path(get, path = "/api/v1/me/donations", tag = "charity", summary = "My donations", security(("bearer" = [])),
    responses((status = 200, body = Vec<DonationDto>), (status = 401, body = ApiErrorResponse)))]
pub async fn mine(Caller { state, me, .. }: Caller) -> Result<Json<Vec<DonationDto>>, ApiError> {
    let list = money::mine(&state, &me).await?;
    Ok(Json(
        list.iter()
            .map(|d| DonationDto {
                public: PublicDonation::from(d),
                donor_name: d.donor_name.clone(),
                donor_email: d.donor_email.clone(),
                receipt_code: Some(d.receipt_code.clone()),
            })
            .collect(),
    ))
}

/// Appoints a member as the organization's treasurer (`PUT`) or removes her (`DELETE`):
/// the owner only.
#[utoipa::path(put, path = "/api/v1/organizations/{id}/treasurers/{user}", tag = "charity", summary = "Appoint a treasurer", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("user" = Uuid, Path, description = "A member")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn appoint(
    Caller { state, me, .. }: Caller,
    IdAnd(org, user): IdAnd,
) -> Result<StatusCode, ApiError> {
    let user = Uuid::parse_str(&user).map_err(|_| ApiError::not_found())?;
    charity::set_treasurer(&state, &me, org, user, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a treasurer (the owner only).
#[utoipa::path(delete, path = "/api/v1/organizations/{id}/treasurers/{user}", tag = "charity", summary = "Remove a treasurer", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("user" = Uuid, Path, description = "A treasurer")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn dismiss(
    Caller { state, me, .. }: Caller,
    IdAnd(org, user): IdAnd,
) -> Result<StatusCode, ApiError> {
    let user = Uuid::parse_str(&user).map_err(|_| ApiError::not_found())?;
    charity::set_treasurer(&state, &me, org, user, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A donation receipt's public check: what was given, to which collection, when, and its
/// leaf in the public log (never the donor's identity).
#[utoipa::path(get, path = "/api/v1/receipts/{code}", tag = "charity", summary = "Check a donation receipt",
    params(("code" = String, Path, description = "The receipt's code")),
    responses((status = 200, body = app::charity::receipts::ReceiptView), (status = 404, body = ApiErrorResponse)))]
pub async fn receipt_check(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<app::charity::receipts::ReceiptView>, ApiError> {
    Ok(Json(
        app::charity::receipts::check(&state, lang, &code).await?,
    ))
}
