//! Pages of the paper-records import: the front-office's list and upload form, the
//! preview of a file (every refused row with its line, the valid rows), the progress of an
//! import being applied, and what became of each row.

use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, IdAnd, Signed, Upload};
use crate::error::{PageError, PageResult};
use crate::pages::{redirect_with_flash, render};
use app::imports;

/// The front-office's imports.
#[derive(Template)]
#[template(path = "imports.html")]
pub struct ImportsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Regions she may import for: (code, name); empty with `national`.
    pub regions: Vec<(String, String)>,
    /// The national admin (may import for every region).
    pub national: bool,
    /// Recent imports: (id, file, uploaded, status, rows, valid, refused).
    pub items: Vec<(Uuid, String, String, String, i64, i64, i64)>,
}

fn region_name(code: &str, lang: domain::Lang) -> String {
    domain::RegionCode::parse(code)
        .map(|r| r.name(lang).to_owned())
        .unwrap_or_else(|_| code.to_owned())
}

/// GET /front-office/imports
pub async fn list(Signed { state, ctx, me }: Signed) -> PageResult {
    let lang = ctx.lang;
    let recent = imports::recent(&state, &me).await?;
    let page = ImportsPage {
        regions: recent
            .regions
            .iter()
            .map(|r| (r.as_str().to_owned(), r.name(lang).to_owned()))
            .collect(),
        national: recent.national,
        items: recent
            .items
            .into_iter()
            .map(|i| {
                (
                    i.id,
                    i.file_name,
                    domain::format_datetime(i.created_at, lang),
                    ctx.t(&format!("import_status_{}", i.status)),
                    i.total_rows,
                    i.valid_rows,
                    i.bad_rows,
                )
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /front-office/imports (multipart: `_csrf`, `region`, `file`)
pub async fn upload(
    Signed { state, me, .. }: Signed,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: axum::extract::Multipart,
) -> PageResult {
    let up = Upload::read(form, "file", Some(&csrf))
        .await
        .map_err(|(status, code)| PageError::Status(status, code))?;
    let i = imports::upload(
        &state,
        &me,
        up.fields.get("region"),
        &up.file_name,
        &up.bytes,
    )
    .await?;
    Ok(Redirect::to(&format!("/front-office/imports/{}", i.id)).into_response())
}

/// A refusal as the preview shows it.
pub struct ErrorView {
    /// Line (0: the file).
    pub line: i64,
    /// Column, translated ("" for the row or the file).
    pub column: String,
    /// What is wrong, translated.
    pub message: String,
}

/// One import.
#[derive(Template)]
#[template(path = "import.html")]
pub struct ImportPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Key.
    pub id: Uuid,
    /// File name.
    pub file: String,
    /// Region, translated (or "all").
    pub region: String,
    /// `preview`, `applying`, `applied`, `discarded`.
    pub status: String,
    /// Status, translated.
    pub status_text: String,
    /// Data rows, valid ones, refused ones.
    pub counts: (i64, i64, i64),
    /// Imported into books, held.
    pub outcome: (i64, i64),
    /// Rows done while applying.
    pub done: i64,
    /// Refusals (at most 1,000 shown).
    pub errors: Vec<ErrorView>,
    /// All refusals, when more than are shown.
    pub more_errors: Option<i64>,
    /// Valid rows (at most 200 shown): (line, name, date, hours, status).
    pub rows: Vec<(i64, String, String, String, String)>,
}

/// Most refusals listed on the page.
const SHOWN_ERRORS: usize = 1_000;

/// GET /front-office/imports/{id} (and the template, `template.csv` or `template.xlsx`)
pub async fn show(Signed { state, ctx, me }: Signed, Path(id): Path<String>) -> PageResult {
    if id.starts_with("template.") {
        return template(&me, &id);
    }
    let id = Uuid::parse_str(&id).map_err(|_| PageError::not_found())?;
    let imports::Preview {
        import: i,
        rows,
        progress,
    } = imports::preview(&state, &me, id).await?;
    let lang = ctx.lang;
    let status = match (&progress, i.status.as_str()) {
        (Some(_), "preview") => "applying".to_owned(),
        (_, s) => s.to_owned(),
    };
    let all_errors = imports::errors_of(&i);
    let page = ImportPage {
        id,
        file: i.file_name.clone(),
        region: i
            .region_code
            .as_deref()
            .map(|r| region_name(r, lang))
            .unwrap_or_else(|| ctx.t("import_all_regions")),
        status_text: ctx.t(&format!("import_status_{status}")),
        status,
        counts: (i.total_rows, i.valid_rows, i.bad_rows),
        outcome: (i.imported_rows, i.held_rows),
        done: progress.unwrap_or(0) as i64,
        more_errors: (all_errors.len() > SHOWN_ERRORS).then_some(all_errors.len() as i64),
        errors: all_errors
            .iter()
            .take(SHOWN_ERRORS)
            .map(|e| ErrorView {
                line: e.line,
                column: if e.column.is_empty() {
                    String::new()
                } else {
                    ctx.t(&format!("import_column_{}", e.column))
                },
                message: imports::message(lang, &e.column, &e.code),
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.full_name.clone(),
                    domain::format_date(r.work_date, lang),
                    domain::format_hours(r.minutes, lang),
                    ctx.t(&format!("import_row_{}", r.status)),
                )
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /front-office/imports/{id}/{apply|discard}
pub async fn act(
    Signed { state, me, .. }: Signed,
    IdAnd(id, what): IdAnd,
    _f: CsrfForm,
) -> PageResult {
    match what.as_str() {
        "apply" => {
            imports::apply(&state, &me, id).await?;
            Ok(redirect_with_flash(
                &format!("/front-office/imports/{id}"),
                "flash_import_started",
            ))
        }
        "discard" => {
            imports::discard(&state, &me, id).await?;
            Ok(redirect_with_flash(
                "/front-office/imports",
                "flash_import_discarded",
            ))
        }
        _ => Err(PageError::not_found()),
    }
}

/// GET /front-office/imports/template.{csv,xlsx}
fn template(me: &SignedIn, file: &str) -> PageResult {
    crate::pages::book::table_download(imports::template_for(me)?, file, "template")
}
