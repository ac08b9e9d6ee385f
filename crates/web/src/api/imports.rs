//! Paper records of hours over JSON: upload a CSV or XLSX file (checked and kept as a
//! preview), read the preview and its refusals, apply it or throw it away.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::ApiMultipart;
use crate::api::Caller;
use crate::ctx::{Id, Upload};
use crate::error::{ApiError, ApiErrorResponse};
use app::imports;

/// A refused row (line 0: the file as a whole).
#[derive(Debug, Serialize, ToSchema)]
pub struct RowErrorDto {
    /// Line in the file (the header is line 1).
    pub line: i64,
    /// Column (template name), or "".
    pub column: String,
    /// Stable code.
    pub code: String,
    /// The code in words, in the caller's language.
    pub message: String,
}

/// An import.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportDto {
    /// Key.
    pub id: Uuid,
    /// File name.
    pub file_name: String,
    /// Region (none: national).
    pub region: Option<String>,
    /// `preview`, `applying`, `applied`, `discarded`.
    pub status: String,
    /// Data rows.
    pub total_rows: i64,
    /// Valid rows (what applying imports or holds).
    pub valid_rows: i64,
    /// Refused rows.
    pub bad_rows: i64,
    /// Rows done while applying.
    pub done_rows: i64,
    /// Rows that went into a book.
    pub imported_rows: i64,
    /// Rows held until their volunteer signs up.
    pub held_rows: i64,
    /// Every refusal, in file order.
    pub errors: Vec<RowErrorDto>,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
}

/// An import and its progress (rows done while it is being applied here) as the API
/// shows them.
fn dto(lang: domain::Lang, i: app::imports::Import, progress: Option<u64>) -> ImportDto {
    ImportDto {
        id: i.id,
        file_name: i.file_name.clone(),
        region: i.region_code.clone(),
        status: match (progress, i.status.as_str()) {
            (Some(_), "preview") => "applying".into(),
            (_, s) => s.into(),
        },
        total_rows: i.total_rows,
        valid_rows: i.valid_rows,
        bad_rows: i.bad_rows,
        done_rows: match i.status.as_str() {
            "applied" => i.valid_rows,
            _ => progress.unwrap_or(0) as i64,
        },
        imported_rows: i.imported_rows,
        held_rows: i.held_rows,
        errors: imports::errors_of(&i)
            .into_iter()
            .map(|e| RowErrorDto {
                message: imports::message(lang, &e.column, &e.code),
                line: e.line,
                column: e.column,
                code: e.code,
            })
            .collect(),
        created_at: i.created_at,
    }
}

/// The upload form (multipart).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ImportForm {
    /// The CSV or XLSX file (the template's columns).
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
    /// Region code, e.g. `KZ-55`; empty: the national admin's country-wide import.
    #[schema(
        required = false,
        pattern = r"^(|KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    region: String,
}

/// Uploads paper records (multipart: `file` CSV or XLSX, `region` e.g. `KZ-55`, empty for
/// the national admin's country-wide import). Nothing is imported yet: the answer is the
/// preview with every refused row.
#[utoipa::path(post, path = "/api/v1/imports", tag = "book", summary = "Upload paper records of hours", security(("bearer" = [])),
    request_body(content = ImportForm, content_type = "multipart/form-data", description = "`file` (CSV or XLSX) and `region`"),
    responses((status = 201, body = ImportDto), (status = 403, body = ApiErrorResponse), (status = 413, body = ApiErrorResponse)))]
pub async fn upload(
    Caller { state, me, lang }: Caller,
    ApiMultipart(form): ApiMultipart,
) -> Result<Response, ApiError> {
    let up = Upload::read(form, "file", None)
        .await
        .map_err(|(status, code)| ApiError::status(status, code))?;
    let i = imports::upload(
        &state,
        &me,
        up.fields.get("region"),
        &up.file_name,
        &up.bytes,
    )
    .await?;
    // A new preview is not being applied yet.
    Ok((StatusCode::CREATED, Json(dto(lang, i, None))).into_response())
}

/// An import: its preview, progress or outcome.
#[utoipa::path(get, path = "/api/v1/imports/{id}", tag = "book", summary = "An import", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import")),
    responses((status = 200, body = ImportDto), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    Caller { state, me, lang }: Caller,
    Id(id): Id,
) -> Result<Json<ImportDto>, ApiError> {
    let (i, progress) = imports::status(&state, &me, id).await?;
    Ok(Json(dto(lang, i, progress)))
}

/// Imports the valid rows of a preview (in the background, in one transaction): each into
/// the book of the account with its IIN or e-mail, or held until she signs up.
#[utoipa::path(post, path = "/api/v1/imports/{id}/apply", tag = "book", summary = "Apply an import", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import")),
    responses((status = 202), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn apply(Caller { state, me, .. }: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    imports::apply(&state, &me, id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Throws a preview away.
#[utoipa::path(post, path = "/api/v1/imports/{id}/discard", tag = "book", summary = "Discard an import", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Import")),
    responses((status = 204), (status = 404, body = ApiErrorResponse), (status = 409, body = ApiErrorResponse)))]
pub async fn discard(Caller { state, me, .. }: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    imports::discard(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
