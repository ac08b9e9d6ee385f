//! Charity in figures as pages and files: an organization's annual charity report (public;
//! also PDF, XLSX and CSV), a region's year by month for its front-office, the country's
//! year by region for the national admin. Every figure comes from the money trail inside
//! the latest signed checkpoint, and the page says which.

use app::charity::figures::{self, AnnualReport, AtCheckpoint, YearQuery};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::IntoResponse;
use domain::Lang;
use domain::charity::{Figures, format_kzt};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{Ctx, Id, Signed};
use crate::error::{PageError, PageResult};
use crate::export::{Download, Table};
use crate::pages::render;

/// One line of the figures: what, how much, how many.
pub struct Line {
    /// Stable id of the line (for tests and anchors).
    pub id: String,
    /// Its label.
    pub label: String,
    /// The amount, formatted.
    pub amount: String,
    /// The count, formatted (empty: not counted).
    pub count: String,
    /// A total line (shown bold).
    pub total: bool,
    /// The amount in tiyn.
    pub tiyn: i64,
    /// The count, if counted.
    pub n: Option<i64>,
}

/// The lines of a period's figures, in the report's order.
fn lines(ctx: &Ctx, f: &Figures) -> Vec<Line> {
    let kzt = |t: i64| format_kzt(t, ctx.lang);
    let line = |id: &str, label: String, amount: i64, count: Option<i64>, total: bool| Line {
        id: id.to_owned(),
        label,
        amount: kzt(amount),
        count: count.map(|n| ctx.num(n)).unwrap_or_default(),
        total,
        tiyn: amount,
        n: count,
    };
    let mut out = vec![line(
        "opening",
        ctx.t("charity_figures_opening"),
        f.opening,
        None,
        true,
    )];
    for c in &f.received {
        out.push(line(
            &format!("received-{}", c.channel.code()),
            format!(
                "{}: {}",
                ctx.t("charity_figures_received"),
                ctx.t(&format!("channel_{}", c.channel.code()))
            ),
            c.amount,
            Some(c.donations),
            false,
        ));
    }
    out.push(line(
        "received",
        ctx.t("charity_figures_received_total"),
        f.received_total(),
        Some(f.donations()),
        true,
    ));
    out.push(line(
        "reversed",
        ctx.t("charity_figures_reversed"),
        f.reversed,
        None,
        false,
    ));
    for c in &f.spent {
        out.push(line(
            &format!("spent-{}", c.category.code()),
            format!(
                "{}: {}",
                ctx.t("charity_figures_spent"),
                ctx.t(&format!("expense_category_{}", c.category.code()))
            ),
            c.amount,
            Some(c.expenses),
            false,
        ));
    }
    out.push(line(
        "spent",
        ctx.t("charity_figures_spent_total"),
        f.spent_total(),
        None,
        true,
    ));
    out.push(line(
        "in-kind-received",
        ctx.t("charity_figures_in_kind_received"),
        f.in_kind_received,
        None,
        false,
    ));
    out.push(line(
        "in-kind-given",
        ctx.t("charity_figures_in_kind_given"),
        f.in_kind_given,
        None,
        false,
    ));
    out.push(line(
        "closing",
        ctx.t("charity_figures_closing"),
        f.closing(),
        None,
        true,
    ));
    out
}

/// A part of an aggregate: a month of a region, a region of the country.
pub struct Part {
    /// Its name.
    pub name: String,
    /// Where its own figures are (a region's page), if anywhere.
    pub link: Option<String>,
    /// Received (before reversals).
    pub received: String,
    /// Given back.
    pub reversed: String,
    /// Spent.
    pub spent: String,
    /// Held at its end.
    pub closing: String,
    /// Donations received.
    pub donations: String,
}

fn part(ctx: &Ctx, name: String, link: Option<String>, f: &Figures) -> Part {
    let kzt = |t: i64| format_kzt(t, ctx.lang);
    Part {
        name,
        link,
        received: kzt(f.received_total()),
        reversed: kzt(f.reversed),
        spent: kzt(f.spent_total()),
        closing: kzt(f.closing()),
        donations: ctx.num(f.donations()),
    }
}

/// The figures page (all three scopes).
#[derive(Template)]
#[template(path = "charity_figures.html")]
pub struct FiguresPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The page's title.
    pub title: String,
    /// Whose figures (the organization, the region, the country).
    pub subject: String,
    /// Where the subject's own page is.
    pub subject_link: Option<String>,
    /// The year.
    pub year: i32,
    /// The page's own path (years are `?year=`).
    pub path: String,
    /// Links to the files (`2026.pdf`, …): (format, href).
    pub files: Vec<(&'static str, String)>,
    /// The year's lines.
    pub lines: Vec<Line>,
    /// The parts (months, regions): their heading, and the parts.
    pub parts_title: String,
    /// The parts.
    pub parts: Vec<Part>,
    /// The organization's collections: (id, purpose, status, raised, spent).
    pub collections: Vec<(Uuid, String, String, String, String)>,
    /// "Computed from the public log at checkpoint N of DATE".
    pub checkpoint: String,
    /// Nothing recorded at all.
    pub empty: bool,
}

fn checkpoint_line(ctx: &Ctx, at: AtCheckpoint) -> String {
    match at.signed_at {
        Some(t) => app::i18n::t_args(
            ctx.lang,
            "charity_figures_checkpoint",
            &[
                (
                    "size",
                    app::i18n::Arg::Num(i64::try_from(at.size).unwrap_or(i64::MAX)),
                ),
                (
                    "date",
                    app::i18n::Arg::Str(domain::format_datetime(t, ctx.lang)),
                ),
            ],
        ),
        None => ctx.t("charity_figures_no_checkpoint"),
    }
}

fn org_name(r: &AnnualReport, lang: Lang) -> String {
    app::organizations::display_name(&r.organization, lang).to_owned()
}

/// GET /organizations/{id}/charity?year= — the annual charity report.
pub async fn annual(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let year = q.year();
    let r = figures::annual(&state, ctx.user.as_ref(), id, year).await?;
    let base = format!("/organizations/{id}/charity");
    let collections = r
        .collections
        .iter()
        .map(|c| {
            let v = app::charity::view::CollectionView::of(ctx.lang, c);
            (
                c.id,
                v.purpose,
                ctx.t(&format!("collection_status_{}", c.status.code())),
                format_kzt(c.raised_tiyn, ctx.lang),
                format_kzt(c.spent_tiyn, ctx.lang),
            )
        })
        .collect();
    let page = FiguresPage {
        title: ctx.t("charity_annual_title"),
        subject: org_name(&r, ctx.lang),
        subject_link: Some(format!("/organizations/{id}")),
        year,
        files: ["pdf", "xlsx", "csv"]
            .into_iter()
            .map(|f| (f, format!("{base}/{year}.{f}")))
            .collect(),
        path: base,
        lines: lines(&ctx, &r.figures),
        parts_title: String::new(),
        parts: Vec::new(),
        collections,
        checkpoint: checkpoint_line(&ctx, r.at),
        empty: r.figures.is_empty(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// The annual report as a table: item, amount, count. For a spreadsheet (`formatted`
/// false) the amounts are plain numbers of tenge (`1234.50`), for print as people read them.
fn annual_table(ctx: &Ctx, r: &AnnualReport, formatted: bool) -> Table {
    let rows = lines(ctx, &r.figures)
        .into_iter()
        .map(|l| {
            if formatted {
                vec![l.label, l.amount, l.count]
            } else {
                let sign = if l.tiyn < 0 { "-" } else { "" };
                let t = l.tiyn.unsigned_abs();
                vec![
                    l.label,
                    format!("{sign}{}.{:02}", t / 100, t % 100),
                    l.n.map(|n| n.to_string()).unwrap_or_default(),
                ]
            }
        })
        .collect();
    Table {
        header: vec![
            ctx.t("charity_figures_item"),
            ctx.t("charity_figures_amount"),
            ctx.t("charity_figures_count"),
        ],
        rows,
        numeric: vec![1, 2],
    }
}

/// GET /organizations/{id}/charity/{file} — `2026.pdf`, `2026.xlsx` or `2026.csv`.
pub async fn annual_file(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: Ctx,
    crate::ctx::IdAnd(id, file): crate::ctx::IdAnd,
) -> PageResult {
    let Some((year, format)) = file.split_once('.') else {
        return Err(PageError::not_found());
    };
    let year: i32 = year.parse().map_err(|_| PageError::not_found())?;
    let r = figures::annual(&state, ctx.user.as_ref(), id, year).await?;
    let table = annual_table(&ctx, &r, format == "pdf");
    let stem = format!("erikti-charity-{year}");
    if format == "pdf" {
        let title = format!("{} {year}", ctx.t("charity_annual_title"));
        let lines = vec![org_name(&r, ctx.lang), checkpoint_line(&ctx, r.at)];
        let bytes = app::certificates::table_pdf_blocking(
            title,
            lines,
            table.header,
            table.rows,
            vec![(40.0, 60), (380.0, 20), (500.0, 10)],
        )
        .await?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{stem}.pdf\""),
                ),
            ],
            bytes,
        )
            .into_response());
    }
    match table.download(format, &stem) {
        Some(r) => Ok(r?),
        None => Err(PageError::not_found()),
    }
}

/// GET /front-office/{region}/charity?year= — a region's year by month.
pub async fn regional(
    Signed { state, ctx, me }: Signed,
    Path(region): Path<String>,
    Query(q): Query<YearQuery>,
) -> PageResult {
    let year = q.year();
    let a = figures::regional(&state, &me, &region, year).await?;
    let parts = a
        .parts
        .iter()
        .map(|(month, f)| {
            let name = chrono::NaiveDate::parse_from_str(month, "%Y-%m-%d")
                .map(|d| domain::format_month(d, ctx.lang))
                .unwrap_or_else(|_| month.clone());
            part(&ctx, name, None, f)
        })
        .collect();
    let subject = a
        .region
        .as_ref()
        .map(|r| r.name(ctx.lang).to_owned())
        .unwrap_or_default();
    let page = FiguresPage {
        title: ctx.t("charity_regional_title"),
        subject,
        subject_link: Some(format!("/front-office/{region}/collections")),
        year,
        files: Vec::new(),
        path: format!("/front-office/{region}/charity"),
        lines: lines(&ctx, &a.total),
        parts_title: ctx.t("charity_figures_by_month"),
        parts,
        collections: Vec::new(),
        checkpoint: checkpoint_line(&ctx, a.at),
        empty: a.total.is_empty(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// GET /admin/charity?year= — the country's year by region.
pub async fn national(Signed { state, ctx, me }: Signed, Query(q): Query<YearQuery>) -> PageResult {
    let year = q.year();
    let a = figures::national(&state, &me, year).await?;
    let parts = a
        .parts
        .iter()
        .map(|(code, f)| {
            let name = domain::RegionCode::parse(code)
                .map(|r| r.name(ctx.lang).to_owned())
                .unwrap_or_else(|_| code.clone());
            part(
                &ctx,
                name,
                Some(format!("/front-office/{code}/charity?year={year}")),
                f,
            )
        })
        .collect();
    let page = FiguresPage {
        title: ctx.t("charity_national_title"),
        subject: ctx.t("charity_national_subject"),
        subject_link: None,
        year,
        files: Vec::new(),
        path: "/admin/charity".to_owned(),
        lines: lines(&ctx, &a.total),
        parts_title: ctx.t("charity_figures_by_region"),
        parts,
        collections: Vec::new(),
        checkpoint: checkpoint_line(&ctx, a.at),
        empty: a.total.is_empty(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}
