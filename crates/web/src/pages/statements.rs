//! Pages of the bank statement import, for an organization's treasurers: the list of
//! statements and the upload form, a statement's column mapping and what recording it would
//! do (every refused row with its line), the progress of one being recorded and what became
//! of it, and the transfers waiting to be assigned to a collection by hand.

use app::OpError;
use app::charity::statements::{self, MappingForm, Outcome, Preview};
use app::charity::view::CollectionView;
use askama::Template;
use axum::extract::{Multipart, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::charity::format_kzt;
use domain::charity::statement::{Field, StatementStatus};
use uuid::Uuid;

use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Signed, Upload};
use crate::error::{PageError, PageResult};
use crate::pages::forms::Errors;
use crate::pages::{redirect_with_flash, render_status};

/// A statement of the list: (id, file, uploaded, status in words, transfers in, refused).
pub type StatementLine = (Uuid, String, String, String, i64, i64);

/// The organization's statements and the upload form.
#[derive(Template)]
#[template(path = "statements.html")]
pub struct StatementsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The organization.
    pub org: Uuid,
    /// Its latest statements.
    pub items: Vec<StatementLine>,
    /// Transfers waiting for assignment.
    pub waiting: i64,
    /// What is wrong with the file sent, in words.
    pub file_error: Option<String>,
}

async fn list_page(
    state: &crate::AppState,
    ctx: Ctx,
    me: &app::auth::SignedIn,
    org: Uuid,
    file_error: Option<String>,
) -> PageResult {
    let (list, waiting) = statements::recent(state, me, org).await?;
    let lang = ctx.lang;
    let status = if file_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = StatementsPage {
        org,
        items: list
            .into_iter()
            .map(|s| {
                (
                    s.id,
                    s.file_name,
                    domain::format_datetime(s.created_at, lang),
                    ctx.t(&format!("statement_status_{}", s.status.code())),
                    s.credit_rows,
                    s.bad_rows,
                )
            })
            .collect(),
        waiting: i64::try_from(waiting).unwrap_or(i64::MAX),
        file_error,
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /organizations/{id}/statements
pub async fn list(Signed { state, ctx, me }: Signed, Id(org): Id) -> PageResult {
    list_page(&state, ctx, &me, org, None).await
}

/// POST /organizations/{id}/statements (multipart: `_csrf`, `file`)
pub async fn upload(
    Signed { state, ctx, me }: Signed,
    Id(org): Id,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: Multipart,
) -> PageResult {
    let up = Upload::read(form, "file", Some(&csrf))
        .await
        .map_err(|(status, code)| PageError::Status(status, code))?;
    match statements::upload(&state, &me, ctx.lang, org, &up.file_name, &up.bytes).await {
        Ok(s) => {
            Ok(Redirect::to(&format!("/organizations/{org}/statements/{}", s.id)).into_response())
        }
        Err(OpError::Invalid(e)) => {
            let msg = e.get("file").map(str::to_owned);
            list_page(&state, ctx, &me, org, msg).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A field of the mapping form: (name, label, options of (value, label, selected), error).
pub type MappingField = (String, String, Vec<(String, String, bool)>, Option<String>);

/// A transfer of the preview.
pub struct TransferLine {
    /// Line in the file.
    pub line: i64,
    /// The bank's transaction id.
    pub transaction: String,
    /// Amount, formatted.
    pub amount: String,
    /// Day, formatted.
    pub date: String,
    /// Who paid.
    pub payer: String,
    /// The purpose.
    pub purpose: String,
    /// What recording it does, in words.
    pub outcome: String,
    /// The collection it goes to (id, reference).
    pub collection: Option<(Uuid, String)>,
}

/// A refusal as the page shows it: (line, column in words, message).
pub type RefusalLine = (i64, String, String);

/// One statement.
#[derive(Template)]
#[template(path = "statement.html")]
pub struct StatementPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The organization.
    pub org: Uuid,
    /// The statement.
    pub id: Uuid,
    /// File name.
    pub file: String,
    /// Encoding (`utf-8`, `windows-1251`, or empty for a spreadsheet).
    pub encoding: String,
    /// `preview`, `applying`, `applied`, `discarded`.
    pub status: String,
    /// Status in words.
    pub status_text: String,
    /// Rows, transfers in, money out, refused.
    pub counts: (i64, i64, i64, i64),
    /// While a preview: new donations, waiting, known.
    pub outlook: Option<(i64, i64, i64)>,
    /// Once recorded: recorded, duplicates, waiting.
    pub outcome: (i64, i64, i64),
    /// Transfers done while recording.
    pub done: i64,
    /// The header's line and its error.
    pub header: (usize, Option<String>),
    /// Lines the header may be on.
    pub header_max: usize,
    /// The mapping form's fields.
    pub fields: Vec<MappingField>,
    /// Refusals (at most 1,000 shown).
    pub errors: Vec<RefusalLine>,
    /// All refusals, when more than are shown.
    pub more_errors: Option<i64>,
    /// The first transfers in.
    pub rows: Vec<TransferLine>,
}

/// Most refusals listed on the page.
const SHOWN_ERRORS: usize = 1_000;

fn statement_page(ctx: Ctx, org: Uuid, p: Preview, errors: &Errors) -> Response {
    let lang = ctx.lang;
    let s = &p.statement;
    let status = match (p.progress, s.status) {
        (Some(_), StatementStatus::Preview) => StatementStatus::Applying,
        (_, st) => st,
    };
    let mapping = p.mapping;
    let fields = Field::ALL
        .iter()
        .map(|f| {
            let mut options = vec![(
                String::new(),
                ctx.t("statement_column_none"),
                mapping.get(*f).is_none(),
            )];
            options.extend(p.columns.iter().enumerate().map(|(i, h)| {
                let label = if h.is_empty() {
                    format!("{}.", i + 1)
                } else {
                    format!("{}. {h}", i + 1)
                };
                (i.to_string(), label, mapping.get(*f) == Some(i))
            }));
            (
                f.code().to_owned(),
                ctx.t(&format!("statement_field_{}", f.code())),
                options,
                errors.get(f.code()).map(str::to_owned),
            )
        })
        .collect();
    let all_errors = statements::errors_of(s);
    let column = |c: &str| {
        if c.is_empty() {
            String::new()
        } else {
            ctx.t(&format!("statement_field_{c}"))
        }
    };
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let (outcome, collection) = match &r.outcome {
                Outcome::Donation {
                    collection,
                    reference,
                    purpose,
                } => (
                    format!("{} {purpose}", ctx.t("statement_outcome_donation")),
                    Some((*collection, reference.clone())),
                ),
                Outcome::Waiting => (ctx.t("statement_outcome_waiting"), None),
                Outcome::Known => (ctx.t("statement_outcome_known"), None),
            };
            TransferLine {
                line: r.row.line,
                transaction: r.row.transaction_id.clone(),
                amount: format_kzt(r.row.amount.get(), lang),
                date: domain::format_date(r.row.date, lang),
                payer: r.row.payer.clone().unwrap_or_default(),
                purpose: r.row.purpose.clone().unwrap_or_default(),
                outcome,
                collection,
            }
        })
        .collect();
    let page = StatementPage {
        org,
        id: s.id,
        file: s.file_name.clone(),
        encoding: s.encoding.clone(),
        status: status.code().to_owned(),
        status_text: ctx.t(&format!("statement_status_{}", status.code())),
        counts: (s.total_rows, s.credit_rows, s.debit_rows, s.bad_rows),
        outlook: p.outlook.map(|o| (o.donations, o.waiting, o.known)),
        outcome: (s.recorded_rows, s.duplicate_rows, s.unmatched_rows),
        done: p
            .progress
            .map_or(0, |d| i64::try_from(d).unwrap_or(i64::MAX)),
        header: (mapping.header_line, errors.get("header").map(str::to_owned)),
        header_max: p
            .lines
            .clamp(1, domain::charity::statement::HEADER_SEARCH_ROWS),
        fields,
        more_errors: (all_errors.len() > SHOWN_ERRORS)
            .then(|| i64::try_from(all_errors.len()).unwrap_or(i64::MAX)),
        errors: all_errors
            .iter()
            .take(SHOWN_ERRORS)
            .map(|e| {
                (
                    e.line,
                    column(&e.column),
                    statements::message(lang, &e.column, &e.code),
                )
            })
            .collect(),
        rows,
        ctx,
    };
    let code = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    render_status(&page.ctx, code, &page)
}

fn statement_id(raw: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(raw).map_err(|_| PageError::not_found())
}

/// GET /organizations/{id}/statements/{statement}
pub async fn show(Signed { state, ctx, me }: Signed, IdAnd(org, id): IdAnd) -> PageResult {
    let id = statement_id(&id)?;
    let p = statements::preview(&state, &me, ctx.lang, org, id).await?;
    let errors = Errors::new(ctx.lang);
    Ok(statement_page(ctx, org, p, &errors))
}

/// A column as the mapping form sends it: empty is none, anything else a number (what is
/// no number is no column the file has).
fn column(v: &str) -> Option<i64> {
    match v.trim() {
        "" => None,
        t => Some(t.parse().unwrap_or(-1)),
    }
}

/// POST /organizations/{id}/statements/{statement}/{mapping|apply|discard}
pub async fn act(
    Signed { state, ctx, me }: Signed,
    Path((org, id, what)): Path<(String, String, String)>,
    f: CsrfForm,
) -> PageResult {
    let org = statement_id(&org)?;
    let id = statement_id(&id)?;
    let back = format!("/organizations/{org}/statements/{id}");
    match what.as_str() {
        "mapping" => {
            let form = MappingForm {
                header_line: column(f.get("header")),
                transaction_id: column(f.get(Field::TransactionId.code())),
                date: column(f.get(Field::Date.code())),
                credit: column(f.get(Field::Credit.code())),
                debit: column(f.get(Field::Debit.code())),
                payer: column(f.get(Field::Payer.code())),
                purpose: column(f.get(Field::Purpose.code())),
                account: column(f.get(Field::Account.code())),
            };
            match statements::remap(&state, &me, ctx.lang, org, id, &form).await {
                Ok(()) => Ok(redirect_with_flash(&back, "flash_saved")),
                Err(OpError::Invalid(errors)) => {
                    let p = statements::preview(&state, &me, ctx.lang, org, id).await?;
                    Ok(statement_page(ctx, org, p, &errors))
                }
                Err(e) => Err(e.into()),
            }
        }
        "apply" => {
            statements::apply(&state, &me, org, id).await?;
            Ok(redirect_with_flash(&back, "flash_statement_started"))
        }
        "discard" => {
            statements::discard(&state, &me, org, id).await?;
            Ok(redirect_with_flash(
                &format!("/organizations/{org}/statements"),
                "flash_statement_discarded",
            ))
        }
        _ => Err(PageError::not_found()),
    }
}

/// A transfer waiting for assignment.
pub struct WaitingLine {
    /// The bank's transaction id.
    pub transaction: String,
    /// Amount, formatted.
    pub amount: String,
    /// Day, formatted.
    pub date: String,
    /// Who paid.
    pub payer: String,
    /// The purpose.
    pub purpose: String,
    /// What is wrong with its assignment, in words.
    pub error: Option<String>,
}

/// The transfers waiting for assignment.
#[derive(Template)]
#[template(path = "statement_waiting.html")]
pub struct WaitingPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The organization.
    pub org: Uuid,
    /// The transfers.
    pub rows: Vec<WaitingLine>,
    /// Active collections: (id, purpose and reference).
    pub collections: Vec<(Uuid, String)>,
}

async fn waiting_page(
    state: &crate::AppState,
    ctx: Ctx,
    me: &app::auth::SignedIn,
    org: Uuid,
    failed: Option<(String, Errors)>,
) -> PageResult {
    let (rows, collections) = statements::waiting(state, me, org).await?;
    let lang = ctx.lang;
    let status = if failed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = WaitingPage {
        org,
        rows: rows
            .into_iter()
            .map(|w| WaitingLine {
                error: failed
                    .as_ref()
                    .filter(|(t, _)| *t == w.transaction_id)
                    .and_then(|(_, e)| e.iter().next().map(|(_, (_, m))| m.clone())),
                amount: format_kzt(w.amount_tiyn, lang),
                date: domain::format_date(w.occurred_on, lang),
                payer: w.payer.unwrap_or_default(),
                purpose: w.details.unwrap_or_default(),
                transaction: w.transaction_id,
            })
            .collect(),
        collections: collections
            .iter()
            .map(|c| {
                let v = CollectionView::of(lang, c);
                (
                    c.id,
                    format!(
                        "{} ({})",
                        v.purpose,
                        domain::charity::statement::transfer_reference(c.id)
                    ),
                )
            })
            .collect(),
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /organizations/{id}/statements/waiting
pub async fn waiting(Signed { state, ctx, me }: Signed, Id(org): Id) -> PageResult {
    waiting_page(&state, ctx, &me, org, None).await
}

/// POST /organizations/{id}/statements/waiting (`transaction`, `collection`)
pub async fn assign(Signed { state, ctx, me }: Signed, Id(org): Id, f: CsrfForm) -> PageResult {
    let transaction = f.get("transaction").to_owned();
    match statements::assign(
        &state,
        &me,
        ctx.lang,
        org,
        &transaction,
        f.get("collection"),
    )
    .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &format!("/organizations/{org}/statements/waiting"),
            "flash_statement_assigned",
        )),
        Err(OpError::Invalid(errors)) => {
            waiting_page(&state, ctx, &me, org, Some((transaction, errors))).await
        }
        Err(e) => Err(e.into()),
    }
}
