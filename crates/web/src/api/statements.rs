//! Bank statements over JSON, for an organization's treasurers: upload a statement (CSV in
//! UTF-8 or Windows-1251, or XLSX; kept as a preview with its column mapping and every
//! refused row), change its columns, record it in the background, throw it away, and
//! assign the transfers that named no collection.

use app::charity::statements::{self, MappingForm, Outcome, Outlook, Preview, Statement};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Lang;
use domain::charity::statement::{Mapping, StatementStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::charity::RecordedDto;
use crate::api::imports::RowErrorDto;
use crate::api::{ApiJson, ApiMultipart, Caller};
use crate::ctx::{Id, IdAnd, Upload};
use crate::error::{ApiError, ApiErrorResponse};

/// A transfer of a preview and what recording it would do.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferDto {
    /// Line in the file.
    pub line: i64,
    /// The bank's transaction id.
    pub transaction_id: String,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// The day.
    pub date: NaiveDate,
    /// Who paid (private).
    pub payer: Option<String>,
    /// The purpose the payer wrote.
    pub purpose: Option<String>,
    /// `donation` (a new donation to `collection_id`), `waiting` (kept for assignment) or
    /// `known` (taken in before: nothing changes).
    pub outcome: String,
    /// The collection it goes to.
    pub collection_id: Option<Uuid>,
}

/// A statement: its columns, what reading it found and what recording it would do or did.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementDto {
    /// Key.
    pub id: Uuid,
    /// The file's name.
    pub file_name: String,
    /// `utf-8`, `windows-1251`, or empty for a spreadsheet.
    pub encoding: String,
    /// `preview`, `applying`, `applied`, `discarded`.
    pub status: String,
    /// The header's line and the column (0-based) of each field.
    pub mapping: Mapping,
    /// The header's cells, to choose columns from (a preview's only).
    pub columns: Vec<String>,
    /// Data rows.
    pub total_rows: i64,
    /// Transfers in.
    pub credit_rows: i64,
    /// Money out (skipped).
    pub debit_rows: i64,
    /// Rows refused.
    pub bad_rows: i64,
    /// What recording it would do (a preview's only).
    pub outlook: Option<Outlook>,
    /// Its first 50 transfers in (a preview's only).
    pub transfers: Vec<TransferDto>,
    /// Transfers done while it is being recorded.
    pub done_rows: i64,
    /// Recorded as new donations.
    pub recorded_rows: i64,
    /// Taken in before, or repeated in the file.
    pub duplicate_rows: i64,
    /// Kept for manual assignment.
    pub waiting_rows: i64,
    /// Every refusal, in file order (line 0: the file).
    pub errors: Vec<RowErrorDto>,
    /// Uploaded at.
    pub created_at: DateTime<Utc>,
}

fn dto(lang: Lang, s: Statement, p: Option<Preview>) -> StatementDto {
    let (mapping, columns, outlook, rows, progress) = match p {
        Some(p) => (p.mapping, p.columns, p.outlook, p.rows, p.progress),
        None => (s.mapping(), Vec::new(), None, Vec::new(), None),
    };
    StatementDto {
        id: s.id,
        file_name: s.file_name.clone(),
        encoding: s.encoding.clone(),
        status: match (progress, s.status) {
            (Some(_), StatementStatus::Preview) => StatementStatus::Applying,
            (_, st) => st,
        }
        .code()
        .to_owned(),
        mapping,
        columns,
        total_rows: s.total_rows,
        credit_rows: s.credit_rows,
        debit_rows: s.debit_rows,
        bad_rows: s.bad_rows,
        outlook,
        transfers: rows
            .into_iter()
            .map(|r| {
                let (outcome, collection_id) = match r.outcome {
                    Outcome::Donation { collection, .. } => ("donation", Some(collection)),
                    Outcome::Waiting => ("waiting", None),
                    Outcome::Known => ("known", None),
                };
                TransferDto {
                    line: r.row.line,
                    transaction_id: r.row.transaction_id,
                    amount_tiyn: r.row.amount.get(),
                    date: r.row.date,
                    payer: r.row.payer,
                    purpose: r.row.purpose,
                    outcome: outcome.to_owned(),
                    collection_id,
                }
            })
            .collect(),
        done_rows: match s.status {
            StatementStatus::Applied => s.credit_rows,
            _ => progress.map_or(0, |d| i64::try_from(d).unwrap_or(i64::MAX)),
        },
        recorded_rows: s.recorded_rows,
        duplicate_rows: s.duplicate_rows,
        waiting_rows: s.unmatched_rows,
        errors: statements::errors_of(&s)
            .into_iter()
            .map(|e| RowErrorDto {
                message: statements::message(lang, &e.column, &e.code),
                line: e.line,
                column: e.column,
                code: e.code,
            })
            .collect(),
        created_at: s.created_at,
    }
}

fn statement_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::not_found())
}

/// The upload form (multipart).
#[derive(Debug, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct StatementForm {
    /// The statement as the bank exported it: CSV (UTF-8 or Windows-1251; `;`, `,` or tab)
    /// or XLSX.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    file: Vec<u8>,
}

/// Uploads a bank statement (multipart `file`). Nothing is recorded yet: the answer is the
/// preview, with the columns recognised from the headings, what recording it would do and
/// every refused row (`statement_row_unreadable` for a row that does not line up with the
/// header). A file that cannot be read is refused (`fields.file.code`:
/// `statement_unreadable`).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/statements", tag = "charity", summary = "Upload a bank statement", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    request_body(content = StatementForm, content_type = "multipart/form-data"),
    responses((status = 201, body = StatementDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 413, body = ApiErrorResponse), (status = 422, description = "`statement_unreadable`, `required`, `file_too_large` on `file`", body = ApiErrorResponse)))]
pub async fn upload(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiMultipart(form): ApiMultipart,
) -> Result<Response, ApiError> {
    let up = Upload::read(form, "file", None)
        .await
        .map_err(|(status, code)| ApiError::status(status, code))?;
    let s = statements::upload(&state, &me, lang, org, &up.file_name, &up.bytes).await?;
    let p = statements::preview(&state, &me, lang, org, s.id).await?;
    Ok((
        StatusCode::CREATED,
        Json(dto(lang, p.statement.clone(), Some(p))),
    )
        .into_response())
}

/// An organization's latest statements (without their transfers), newest first.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/statements", tag = "charity", summary = "Bank statements", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = Vec<StatementDto>), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn list(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
) -> Result<Json<Vec<StatementDto>>, ApiError> {
    let (list, _) = statements::recent(&state, &me, org).await?;
    Ok(Json(list.into_iter().map(|s| dto(lang, s, None)).collect()))
}

/// A statement: its preview (columns, what recording would do, first transfers), its
/// progress while being recorded, or what recording it did.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/statements/{statement}", tag = "charity", summary = "A bank statement", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("statement" = Uuid, Path, description = "Statement")),
    responses((status = 200, body = StatementDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn get(
    Caller { state, me, lang }: Caller,
    IdAnd(org, id): IdAnd,
) -> Result<Json<StatementDto>, ApiError> {
    let id = statement_id(&id)?;
    let p = statements::preview(&state, &me, lang, org, id).await?;
    Ok(Json(dto(lang, p.statement.clone(), Some(p))))
}

/// Reads a preview again with other columns: `header_line` from 1, each field's column from
/// 0 (null: not in the file; `transaction_id`, `date` and `credit` are required).
#[utoipa::path(put, path = "/api/v1/organizations/{id}/statements/{statement}/mapping", tag = "charity", summary = "Change a statement's columns", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("statement" = Uuid, Path, description = "Statement")),
    request_body = MappingForm,
    responses((status = 200, body = StatementDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`statement_not_preview`", body = ApiErrorResponse), (status = 422, description = "`required`, `choice_unknown`, `number_out_of_range` by field", body = ApiErrorResponse)))]
pub async fn remap(
    Caller { state, me, lang }: Caller,
    IdAnd(org, id): IdAnd,
    ApiJson(form): ApiJson<MappingForm>,
) -> Result<Json<StatementDto>, ApiError> {
    let id = statement_id(&id)?;
    statements::remap(&state, &me, lang, org, id, &form).await?;
    let p = statements::preview(&state, &me, lang, org, id).await?;
    Ok(Json(dto(lang, p.statement.clone(), Some(p))))
}

/// Records a preview in the background: each transfer in becomes a donation (channel bank
/// transfer) of the collection it names, once, or waits for assignment. Follow its
/// progress with `GET` (`status` `applying`, then `applied`).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/statements/{statement}/apply", tag = "charity", summary = "Record a bank statement", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("statement" = Uuid, Path, description = "Statement")),
    responses((status = 202), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`statement_not_preview`, `statement_nothing_to_record`", body = ApiErrorResponse)))]
pub async fn apply(
    Caller { state, me, .. }: Caller,
    IdAnd(org, id): IdAnd,
) -> Result<StatusCode, ApiError> {
    let id = statement_id(&id)?;
    statements::apply(&state, &me, org, id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Throws a preview away.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/statements/{statement}/discard", tag = "charity", summary = "Discard a bank statement", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization"), ("statement" = Uuid, Path, description = "Statement")),
    responses((status = 204), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`statement_not_preview`", body = ApiErrorResponse)))]
pub async fn discard(
    Caller { state, me, .. }: Caller,
    IdAnd(org, id): IdAnd,
) -> Result<StatusCode, ApiError> {
    let id = statement_id(&id)?;
    statements::discard(&state, &me, org, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A transfer waiting for assignment.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitingDto {
    /// The bank's transaction id.
    pub transaction_id: String,
    /// Tiyn.
    pub amount_tiyn: i64,
    /// The day.
    pub date: NaiveDate,
    /// Who paid (private).
    pub payer: Option<String>,
    /// The purpose the payer wrote.
    pub purpose: Option<String>,
    /// The statement it came with.
    pub statement_id: Option<Uuid>,
    /// Its line there.
    pub line: Option<i64>,
}

/// The transfers that named no collection, oldest first (at most 500).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/statements/waiting", tag = "charity", summary = "Transfers to assign", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    responses((status = 200, body = Vec<WaitingDto>), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse)))]
pub async fn waiting(
    Caller { state, me, .. }: Caller,
    Id(org): Id,
) -> Result<Json<Vec<WaitingDto>>, ApiError> {
    let (rows, _) = statements::waiting(&state, &me, org).await?;
    Ok(Json(
        rows.into_iter()
            .map(|w| WaitingDto {
                transaction_id: w.transaction_id,
                amount_tiyn: w.amount_tiyn,
                date: w.occurred_on,
                payer: w.payer,
                purpose: w.details,
                statement_id: w.statement_id,
                line: w.line,
            })
            .collect(),
    ))
}

/// A waiting transfer and the collection it is for.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AssignInput {
    /// The bank's transaction id.
    #[schema(min_length = 1, max_length = 100)]
    pub transaction_id: String,
    /// An active collection of the organization.
    #[schema(format = Uuid)]
    pub collection_id: String,
}

/// Assigns a waiting transfer to an active collection of the organization: its donation is
/// recorded (201), once (the same transfer again answers 200 with `duplicate`).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/statements/waiting", tag = "charity", summary = "Assign a transfer", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Organization")),
    request_body = AssignInput,
    responses((status = 201, body = RecordedDto), (status = 200, description = "Recorded before", body = RecordedDto), (status = 403, body = ApiErrorResponse), (status = 404, body = ApiErrorResponse), (status = 409, description = "`statement_row_assigned`, `collection_not_active`", body = ApiErrorResponse), (status = 422, description = "`transaction`: `required`; `collection`: `choice_unknown`", body = ApiErrorResponse)))]
pub async fn assign(
    Caller { state, me, lang }: Caller,
    Id(org): Id,
    ApiJson(input): ApiJson<AssignInput>,
) -> Result<Response, ApiError> {
    let r = statements::assign(
        &state,
        &me,
        lang,
        org,
        &input.transaction_id,
        &input.collection_id,
    )
    .await?;
    let (status, duplicate) = match r {
        statements::Recorded::New(_) => (StatusCode::CREATED, false),
        statements::Recorded::Duplicate(_) => (StatusCode::OK, true),
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
