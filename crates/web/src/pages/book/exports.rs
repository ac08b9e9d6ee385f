//! The book and an organization's confirmed hours as files: CSV, XLSX and (the book) PDF.

use std::collections::HashMap;

use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::IntoResponse;

use crate::ctx::{Ctx, IdAnd, Signed};
use crate::error::{PageError, PageResult};
use crate::export::{Download, Table};
use app::book;

/// A table as `STEM.csv` or `STEM.xlsx` (the format from the file name); another name is
/// not found.
pub(crate) fn table_download(table: Table, file: &str, stem: &str) -> PageResult {
    let format = file.strip_prefix(&format!("{stem}.")).unwrap_or("");
    match table.download(format, &format!("erikti-{stem}")) {
        Some(r) => Ok(r?),
        None => Err(PageError::not_found()),
    }
}

/// Columns of the book's PDF: (left edge, characters kept).
const BOOK_PDF_COLUMNS: [(f32, usize); 5] = [
    (40.0, 24),
    (150.0, 44),
    (365.0, 8),
    (410.0, 18),
    (490.0, 16),
];

/// The book as a PDF: her name, total and the day, then every entry.
async fn book_pdf(ctx: &Ctx, me: &app::auth::SignedIn, b: book::BookExport) -> PageResult {
    let lang = ctx.lang;
    let title = ctx.t("book_title");
    let lines = vec![
        app::certificates::holder_name(me),
        format!(
            "{}: {} {}",
            ctx.t("book_total"),
            domain::format_hours(b.totals.minutes, lang),
            ctx.t("cert_hours_unit")
        ),
        format!(
            "{}: {}",
            ctx.t("cert_issued"),
            domain::format_date(app::today(), lang)
        ),
    ];
    let header: Vec<String> = [
        "field_date",
        "book_organization",
        "book_hours",
        "book_source",
        "book_status",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect();
    let rows: Vec<Vec<String>> = b
        .entries
        .iter()
        .map(|e| {
            vec![
                domain::format_date(e.work_date, lang),
                b.names.get(&e.organization_id).cloned().unwrap_or_default(),
                domain::format_hours(e.minutes, lang),
                ctx.t(&format!("hours_source_{}", e.source)),
                ctx.t(&format!("hours_status_{}", e.status)),
            ]
        })
        .collect();
    let bytes = app::certificates::table_pdf_blocking(
        title,
        lines,
        header,
        rows,
        BOOK_PDF_COLUMNS.to_vec(),
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"erikti-book.pdf\"",
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET /me/book/{file} — her book as `book.csv`, `book.xlsx` or `book.pdf`.
pub async fn export_mine(
    Signed { state, ctx, me }: Signed,
    Path(file): Path<String>,
) -> PageResult {
    let b = book::book_export(&state, &me, ctx.lang).await?;
    if file == "book.pdf" {
        return book_pdf(&ctx, &me, b).await;
    }
    let rows = b
        .entries
        .iter()
        .map(|e| {
            vec![
                e.work_date.to_string(),
                b.names.get(&e.organization_id).cloned().unwrap_or_default(),
                format!("{:.2}", e.minutes as f64 / 60.0),
                ctx.t(&format!("hours_source_{}", e.source)),
                ctx.t(&format!("hours_status_{}", e.status)),
                e.description.clone().unwrap_or_default(),
                e.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let table = Table {
        header: [
            "field_date",
            "book_organization",
            "book_hours",
            "book_source",
            "book_status",
            "book_description",
            "field_reason",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows,
        numeric: vec![2],
    };
    table_download(table, &file, "book")
}

/// GET /organizations/{id}/hours/{file} — its confirmed hours (`?from=&to=`) as
/// `confirmed.csv` or `confirmed.xlsx` (its members and front-office).
pub async fn export_org(
    Signed { state, ctx, me }: Signed,
    IdAnd(org, file): IdAnd,
    Query(period): Query<HashMap<String, String>>,
) -> PageResult {
    let day = |k: &str| {
        period
            .get(k)
            .and_then(|v| domain::parse_date(v.trim()).ok())
    };
    let rows = book::confirmed_of_organization(&state, &me, org, day("from"), day("to")).await?;
    let table = Table {
        header: [
            "org_hours_volunteer",
            "field_date",
            "book_hours",
            "book_source",
            "book_description",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: rows
            .iter()
            .map(|(name, h)| {
                vec![
                    name.clone(),
                    h.work_date.to_string(),
                    format!("{:.2}", h.minutes as f64 / 60.0),
                    ctx.t(&format!("hours_source_{}", h.source)),
                    h.description.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        numeric: vec![2],
    };
    table_download(table, &file, "confirmed")
}
