//! Certificates of confirmed hours: issued from the book page, downloaded by their holder
//! (PDF or signed JSON), checked by anyone on the verify page.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use super::TotalLine;
use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::{redirect_with_flash, render};
use app::OpError;
use app::certificates::{self, CertificateRequest, Format};
use app::i18n::{self, Arg};

/// A certificate as the verify page shows it.
#[derive(Template)]
#[template(path = "verify.html")]
pub struct VerifyPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Code.
    pub code: String,
    /// Holder.
    pub holder: String,
    /// Total, formatted.
    pub total: String,
    /// Period, formatted (or "no hours").
    pub period: String,
    /// Only this organization, if limited.
    pub organization: Option<String>,
    /// By direction and by organization: (title key, lines).
    pub groups: Vec<(&'static str, Vec<TotalLine>)>,
    /// Issued on, formatted.
    pub issued: String,
    /// The signature holds.
    pub valid: bool,
    /// Revoked: the reason.
    pub revoked: Option<String>,
    /// What the public log says: `recorded`, `reversed`, `broken`, `no_proof`.
    pub log_status: &'static str,
    /// The same in words.
    pub log_text: String,
}

/// GET /verify/{code} — anyone checks a certificate.
pub async fn verify(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> PageResult {
    let c = match certificates::check(&state, &code).await {
        Ok(c) => c,
        Err(OpError::NotFound) => {
            return Err(PageError::Status(
                StatusCode::NOT_FOUND,
                "certificate_unknown",
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let lang = ctx.lang;
    let s = &c.signed.statement;
    let hours = |m: i64| {
        format!(
            "{} {}",
            domain::format_hours(m, lang),
            ctx.t("cert_hours_unit")
        )
    };
    let lines = |v: &[domain::certificate::Line]| {
        v.iter()
            .map(|l| TotalLine {
                label: l.name.clone(),
                hours: hours(l.minutes),
            })
            .collect::<Vec<_>>()
    };
    let log_text = match &c.log {
        certificates::LogStatus::Recorded { size, at } => i18n::t_args(
            lang,
            "verify_log_recorded",
            &[
                ("n", Arg::Num(i64::try_from(*size).unwrap_or(i64::MAX))),
                ("date", Arg::Str(domain::format_date(at.date_naive(), lang))),
            ],
        ),
        certificates::LogStatus::Reversed { on } => ctx.ts(
            "verify_log_reversed",
            "date",
            &domain::format_date(on.date_naive(), lang),
        ),
        certificates::LogStatus::Broken(_) => ctx.t("verify_log_broken"),
        certificates::LogStatus::NoProof => ctx.t("verify_log_none"),
    };
    let page = VerifyPage {
        log_status: c.log.code(),
        log_text,
        code: s.code.clone(),
        holder: s.holder.clone(),
        total: hours(s.total_minutes),
        period: match (s.first_day, s.last_day) {
            (Some(a), Some(b)) => format!(
                "{} — {}",
                domain::format_date(a, lang),
                domain::format_date(b, lang)
            ),
            _ => ctx.t("cert_no_hours"),
        },
        organization: s.organization.as_ref().map(|o| o.name.clone()),
        groups: vec![
            ("book_by_direction", lines(&s.by_direction)),
            ("book_by_organization", lines(&s.by_organization)),
        ],
        issued: domain::format_date(s.issued_at.date_naive(), lang),
        valid: c.valid,
        revoked: c
            .row
            .revoked_at
            .map(|_| c.row.revoked_reason.clone().unwrap_or_default()),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// GET /certificates/{file} — `CODE.pdf` or `CODE.json`, for the holder.
pub async fn download(Signed { state, me, .. }: Signed, Path(file): Path<String>) -> PageResult {
    let (code, format) = match (file.strip_suffix(".pdf"), file.strip_suffix(".json")) {
        (Some(c), _) => (c, Format::Pdf),
        (_, Some(c)) => (c, Format::Json),
        _ => return Err(PageError::not_found()),
    };
    let (code, bytes) = certificates::file(&state, &me, code, format).await?;
    let (content_type, extension) = match format {
        Format::Pdf => ("application/pdf", "pdf"),
        Format::Json => ("application/json; charset=utf-8", "json"),
    };
    let disposition = format!("attachment; filename=\"erikti-{code}.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// POST /me/certificates — from the book page.
pub async fn issue(Signed { state, ctx, me }: Signed, f: CsrfForm) -> PageResult {
    let r = CertificateRequest {
        from: f.get("from").to_owned(),
        to: f.get("to").to_owned(),
        organization_id: f.get("organization_id").to_owned(),
        lang: f.get("lang").to_owned(),
    };
    certificates::issue(&state, ctx.lang, &me, &r).await?;
    Ok(redirect_with_flash(
        "/me/book#certificates",
        "flash_certificate_issued",
    ))
}
