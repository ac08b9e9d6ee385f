//! Gifts in kind over JSON: a collection's gifts (the donor by the name she chose), a gift
//! recorded with its photos and handover act (multipart), a gift's photos for everyone and
//! its act for the organization and the front-office.

use app::charity::in_kind::{self, GiftForm, PublicGift};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::events::Created;
use crate::api::{ApiMultipart, Caller};
use crate::ctx::{Id, Uploads};
use crate::error::{ApiError, ApiErrorResponse};

/// A gift in kind as the API shows it: the donor's name and the act only to the
/// organization and the front-office.
#[derive(Debug, Serialize, ToSchema)]
pub struct GiftDto {
    /// What anyone sees.
    #[serde(flatten)]
    pub public: PublicGift,
    /// The donor's name (organization and front-office only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub donor_name: Option<String>,
    /// The handover act's address (organization and front-office only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub act_url: Option<String>,
}

/// A collection's gifts in kind, newest first (at most 100): what was given, how many, in
/// what condition, the estimated value (an estimate, never counted as money raised) and the
/// photos' addresses.
#[utoipa::path(get, path = "/api/v1/collections/{id}/in-kind", tag = "charity", summary = "A collection's gifts in kind",
    params(("id" = Uuid, Path, description = "Collection")),
    responses((status = 200, body = Vec<GiftDto>), (status = 404, body = ApiErrorResponse)))]
pub async fn gifts(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Json<Vec<GiftDto>>, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let list = in_kind::gifts(&state, me.as_ref(), id, |g, n| {
        format!("/api/v1/donations/{g}/photos/{n}")
    })
    .await?;
    Ok(Json(
        list.into_iter()
            .map(|g| GiftDto {
                act_url: g
                    .act
                    .then(|| format!("/api/v1/donations/{}/act", g.public.id)),
                donor_name: g.donor_name,
                public: g.public,
            })
            .collect(),
    ))
}

/// The gift form (multipart).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct GiftUpload {
    /// Photos of the goods: one to five PNG, JPEG or WebP images of at most 4 MiB each,
    /// each sent as a `photos` part.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1, max_items = 5)]
    photos: Vec<Vec<u8>>,
    /// The signed handover act: a PDF or an image (PNG, JPEG, WebP) of at most 10 MiB.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    act: Vec<u8>,
    /// What was given (no beneficiary's name).
    #[schema(pattern = r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі0-9 ,.()-]{1,200}$")]
    items: String,
    /// How many: more than zero, up to three decimals (`10`, `2,5`).
    #[schema(pattern = r"^[1-9][0-9]{0,5}([.,][0-9]{1,3})?$")]
    quantity: String,
    /// The unit.
    #[schema(pattern = r"^(piece|pair|set|pack|box|kg|litre|metre)$")]
    unit: String,
    /// The condition.
    #[schema(pattern = r"^(new|like_new|good|used|needs_repair)$")]
    condition: String,
    /// The estimated value in tenge (empty: not valued).
    #[schema(required = false, pattern = r"^([1-9][0-9]{0,8}([.,][0-9]{1,2})?)?$")]
    estimate: String,
    /// The day of the handover, YYYY-MM-DD (not after today).
    #[schema(pattern = r"^20(1[0-9]|2[0-5])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$")]
    date: String,
    /// The donor's name (private).
    #[schema(
        required = false,
        pattern = r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .-]{0,100}$"
    )]
    donor_name: String,
    /// The donor's e-mail for the receipt (private).
    #[schema(required = false, pattern = r"^([a-z0-9.]{1,30}@[a-z0-9]{1,20}\.kz)?$")]
    donor_email: String,
    /// The name shown publicly (empty: anonymous).
    #[schema(
        required = false,
        pattern = r"^[A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі .-]{0,100}$"
    )]
    public_name: String,
}

/// Records a gift in kind with its photos and handover act (multipart), on an active
/// collection: the organization's owner or treasurer. Its estimated value goes into the
/// money trail flagged in kind (0 when not valued) and is never counted as money raised.
#[utoipa::path(post, path = "/api/v1/collections/{id}/in-kind", tag = "charity", summary = "Record a gift in kind", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Collection")),
    request_body(content = GiftUpload, content_type = "multipart/form-data"),
    responses((status = 201, body = Created), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`collection_not_active`", body = ApiErrorResponse), (status = 413, body = ApiErrorResponse), (status = 422, body = ApiErrorResponse)))]
pub async fn record(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
    ApiMultipart(form): ApiMultipart,
) -> Result<Response, ApiError> {
    let up = Uploads::read(form, &["photos", "act"], None)
        .await
        .map_err(|(status, code)| ApiError::status(status, code))?;
    let f = |name: &str| up.fields.get(name).to_owned();
    let form = GiftForm {
        items: f("items"),
        quantity: f("quantity"),
        unit: f("unit"),
        condition: f("condition"),
        estimate: f("estimate"),
        date: f("date"),
        donor_name: f("donor_name"),
        donor_email: f("donor_email"),
        public_name: f("public_name"),
    };
    let photos = up.files("photos");
    let act = up.files("act").into_iter().next().unwrap_or_default();
    let gift = in_kind::record(&state, &me, lang, id, &form, &photos, &act).await?;
    Ok((StatusCode::CREATED, Json(Created { id: gift })).into_response())
}

fn file(bytes: Vec<u8>, content_type: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, "inline".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// A photo of a gift in kind (`n` from 0), for anyone who may see its collection.
#[utoipa::path(get, path = "/api/v1/donations/{id}/photos/{n}", tag = "charity", summary = "A photo of a gift in kind",
    params(("id" = Uuid, Path, description = "The gift (a donation in kind)"), ("n" = u32, Path, description = "The photo's number, from 0", maximum = 4)),
    responses((status = 200, description = "The photo, of the type its bytes say", content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/webp"))), (status = 404, body = ApiErrorResponse)))]
pub async fn photo(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (Ok(id), Ok(n)) = (Uuid::parse_str(&id), n.parse::<u32>()) else {
        return Err(ApiError::not_found());
    };
    let me = crate::auth::signed_in(&state, &headers).await?;
    let (bytes, kind) = in_kind::photo(&state, me.as_ref(), id, n).await?;
    Ok(file(bytes, kind))
}

/// The handover act of a gift in kind: the organization and the front-office only.
#[utoipa::path(get, path = "/api/v1/donations/{id}/act", tag = "charity", summary = "The handover act of a gift in kind", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The gift (a donation in kind)")),
    responses((status = 200, description = "The act, of the type its bytes say", content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/webp"))), (status = 404, body = ApiErrorResponse)))]
pub async fn act(
    State(state): State<AppState>,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Response, ApiError> {
    let me = crate::auth::signed_in(&state, &headers).await?;
    let (bytes, kind) = in_kind::act(&state, me.as_ref(), id).await?;
    Ok(file(bytes, kind))
}
