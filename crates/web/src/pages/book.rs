//! Pages of the electronic volunteer book: the volunteer's book (totals, entries, claims,
//! disputes) and an organization's hours to confirm.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::book::{self, ClaimInput};
use crate::ctx::{CsrfForm, Ctx};
use crate::error::store_failure;
use crate::pages::forms::Errors;
use crate::pages::{op_error_page, redirect_with_flash, render, render_status};

/// A line of totals: label and hours, formatted.
pub struct TotalLine {
    /// What.
    pub label: String,
    /// Hours, formatted.
    pub hours: String,
}

/// An entry as the book shows it.
pub struct EntryView {
    /// Key.
    pub id: Uuid,
    /// Date, formatted.
    pub date: String,
    /// Organization name.
    pub organization: String,
    /// Hours, formatted.
    pub hours: String,
    /// Source, translated.
    pub source: String,
    /// Status code.
    pub code: String,
    /// Status, translated.
    pub status: String,
    /// What was done, or why it was rejected.
    pub note: String,
    /// She may escalate it now.
    pub can_dispute: bool,
}

/// The volunteer's book.
#[derive(Template)]
#[template(path = "book.html")]
pub struct BookPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Confirmed hours, formatted.
    pub total: String,
    /// Totals by year, direction, organization and activity type: (title key, lines).
    pub groups: Vec<(&'static str, Vec<TotalLine>)>,
    /// Hours as typed in the claim.
    pub hours_typed: String,
    /// Entries.
    pub entries: Vec<EntryView>,
    /// Organizations to claim hours with: (id, name, selected).
    pub organizations: Vec<(String, String, bool)>,
    /// Organizations of her confirmed hours, for a certificate of one: (key, name).
    pub certificate_organizations: Vec<(String, String)>,
    /// The claim as typed.
    pub claim: ClaimInput,
    /// Errors of the claim.
    pub errors: Errors,
    /// Her certificates: (code, issued, revoked).
    pub certificates: Vec<(String, String, bool)>,
    /// Benefits: (title, counted minutes, goal minutes, what it says).
    pub benefits: Vec<(String, i64, i64, String)>,
    /// She shows her book publicly.
    pub public: bool,
    /// Where her public book is.
    pub public_url: String,
    /// Entries in all.
    pub entries_total: i64,
    /// The page of entries shown, from 1.
    pub page_no: i64,
    /// Pages of entries.
    pub pages: i64,
}

async fn org_name(state: &AppState, id: Option<Uuid>, lang: domain::Lang) -> String {
    match id {
        Some(id) => match store::organizations::get(&state.db, id).await {
            Ok(Some(o)) => crate::orgs::display_name(&o, lang).to_owned(),
            _ => String::new(),
        },
        None => String::new(),
    }
}

/// Names of the organizations of some entries and of a book's totals, looked up once each.
async fn org_names(
    state: &AppState,
    ids: impl Iterator<Item = Option<Uuid>>,
    totals: &book::Totals,
    lang: domain::Lang,
) -> HashMap<Option<Uuid>, String> {
    let keys = totals
        .by_organization
        .keys()
        .map(|k| Uuid::parse_str(k).ok());
    book::org_names(state, ids.chain(keys), lang)
        .await
        .unwrap_or_default()
}

/// A book's totals by year, direction, organization and activity type, as tables.
fn total_groups(
    ctx: &Ctx,
    totals: &book::Totals,
    names: &HashMap<Option<Uuid>, String>,
) -> Vec<(&'static str, Vec<TotalLine>)> {
    let lang = ctx.lang;
    let other = || ctx.t("book_other");
    let lines = |map: Vec<(String, i64)>| -> Vec<TotalLine> {
        map.into_iter()
            .map(|(label, m)| TotalLine {
                label,
                hours: domain::format_hours(m, lang),
            })
            .collect()
    };
    let by_year = lines(
        totals
            .by_year
            .iter()
            .rev()
            .map(|(y, m)| (y.to_string(), *m))
            .collect(),
    );
    let by_direction = lines(
        totals
            .by_direction
            .iter()
            .map(|(d, m)| {
                let name = domain::reference::direction(d).map(|x| x.name(lang).to_owned());
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    let by_organization = lines(
        totals
            .by_organization
            .iter()
            .map(|(o, m)| {
                let name = names
                    .get(&Uuid::parse_str(o).ok())
                    .filter(|n| !n.is_empty())
                    .cloned();
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    let by_activity = lines(
        totals
            .by_activity_type
            .iter()
            .map(|(a, m)| {
                let name = domain::reference::activity_type(a).map(|x| x.name(lang).to_owned());
                (name.unwrap_or_else(other), *m)
            })
            .collect(),
    );
    vec![
        ("book_by_year", by_year),
        ("book_by_direction", by_direction),
        ("book_by_organization", by_organization),
        ("book_by_activity", by_activity),
    ]
}

async fn book_page(
    state: &AppState,
    ctx: Ctx,
    claim: ClaimInput,
    hours_typed: &str,
    errors: Errors,
    status: StatusCode,
    page_no: i64,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login?next=/me/book").into_response();
    };
    let lang = ctx.lang;
    let page_no = page_no.max(1);
    let (totals, benefits, entries, count) = match book::book(
        state,
        me.user.id,
        book::BOOK_PAGE,
        (page_no - 1) * book::BOOK_PAGE,
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return op_error_page(ctx, e),
    };
    let hours = |m: i64| domain::format_hours(m, lang);
    let names = org_names(
        state,
        entries.iter().map(|e| e.organization_id),
        &totals,
        lang,
    )
    .await;
    let orgs =
        match store::organizations::choices(&state.db, me.user.region_code.as_deref(), 500).await {
            Ok(rows) => rows,
            Err(e) => return store_failure(ctx, e),
        };
    let certificates = match store::ledger::certificates_of(&state.db, me.user.id).await {
        Ok(c) => c
            .into_iter()
            .map(|c| {
                (
                    c.code,
                    domain::format_date(c.issued_at.date_naive(), lang),
                    c.revoked_at.is_some(),
                )
            })
            .collect(),
        Err(e) => return store_failure(ctx, e),
    };
    let public = match store::ledger::public_book(&state.db, me.user.id).await {
        Ok(p) => p,
        Err(e) => return store_failure(ctx, e),
    };
    let mut certificate_organizations: Vec<(String, String)> = totals
        .by_organization
        .keys()
        .filter_map(|k| Uuid::parse_str(k).ok())
        .map(|id| {
            let name = names.get(&Some(id)).cloned().unwrap_or_default();
            (id.to_string(), name)
        })
        .collect();
    certificate_organizations.sort_by(|a, b| a.1.cmp(&b.1));
    let days = state.settings.opportunities.hours_escalate_after_days;
    let now = store::now();
    let page = BookPage {
        total: hours(totals.minutes),
        hours_typed: hours_typed.to_owned(),
        groups: total_groups(&ctx, &totals, &names),
        entries: entries
            .iter()
            .map(|e| EntryView {
                id: e.id,
                date: domain::format_date(e.work_date, lang),
                organization: names.get(&e.organization_id).cloned().unwrap_or_default(),
                hours: hours(e.minutes),
                source: ctx.t(&format!("hours_source_{}", e.source)),
                code: e.status.clone(),
                status: ctx.t(&format!("hours_status_{}", e.status)),
                note: match e.status.as_str() {
                    "rejected" | "disputed" | "reversed" => e.reason.clone().unwrap_or_default(),
                    _ => e.description.clone().unwrap_or_default(),
                },
                can_dispute: e.status == "rejected"
                    || (e.status == "claimed"
                        && now - e.created_at >= chrono::Duration::days(days)),
            })
            .collect(),
        organizations: orgs
            .into_iter()
            .map(|(id, kk, ru, en)| {
                let id = id.to_string();
                let selected = id == claim.organization_id;
                let name = lang
                    .pick_present(kk.as_deref(), ru.as_deref(), en.as_deref())
                    .unwrap_or_default()
                    .to_owned();
                (id, name, selected)
            })
            .collect(),
        certificate_organizations,
        claim,
        errors,
        certificates,
        benefits: benefits
            .iter()
            .map(|p| {
                let counted = format!("{} / {}", hours(p.counted_minutes), hours(p.goal_minutes));
                let status = match (&p.tier, &p.next, p.achieved) {
                    (_, _, true) if p.tier.is_none() => ctx.t("benefit_achieved"),
                    (Some(t), _, true) => ctx.t(&format!("benefit_tier_{t}")),
                    (Some(t), Some((_, left)), false) => format!(
                        "{}; {}",
                        ctx.t(&format!("benefit_tier_{t}")),
                        ctx.ts("benefit_left", "hours", &hours(*left))
                    ),
                    (None, Some((_, left)), _) => ctx.ts("benefit_left", "hours", &hours(*left)),
                    _ => String::new(),
                };
                (
                    ctx.t(&format!("benefit_{}", p.code)),
                    p.counted_minutes.min(p.goal_minutes),
                    p.goal_minutes.max(1),
                    format!("{counted} — {status}"),
                )
            })
            .collect(),
        public,
        public_url: format!("/volunteers/{}/book", me.user.id),
        entries_total: count,
        page_no,
        pages: ((count + book::BOOK_PAGE - 1) / book::BOOK_PAGE).max(1),
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// Which page of a list.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    /// From 1.
    pub page: Option<i64>,
}

/// GET /me/book[?page=N] — her totals and benefits, and her entries 100 to a page.
pub async fn mine(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(q): axum::extract::Query<PageQuery>,
) -> Response {
    let lang = ctx.lang;
    book_page(
        &state,
        ctx,
        ClaimInput::default(),
        "",
        Errors::new(lang),
        StatusCode::OK,
        q.page.unwrap_or(1),
    )
    .await
}

/// POST /me/hours — a claim from the book page.
pub async fn claim(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login?next=/me/book").into_response();
    };
    let input = ClaimInput {
        organization_id: f.get("organization_id").to_owned(),
        minutes: hours_to_minutes(f.get("hours")),
        date: f.get("date").to_owned(),
        description: f.get("description").to_owned(),
    };
    match book::claim(&state, ctx.lang, &me, &input).await {
        Ok(_) => redirect_with_flash("/me/book", "flash_hours_claimed"),
        Err(OpError::Invalid(errors)) => {
            let typed = f.get("hours").to_owned();
            book_page(
                &state,
                ctx,
                input,
                &typed,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
                1,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /me/book/public — shows (`public=on`) or hides her book.
pub async fn set_public(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> Response {
    let me = signed_in_or_login!(ctx);
    let public = f.get("public") == "on";
    match book::set_public(&state, &me, public).await {
        Ok(()) => redirect_with_flash(
            "/me/book#public",
            if public {
                "flash_book_public"
            } else {
                "flash_book_private"
            },
        ),
        Err(e) => op_error_page(ctx, e),
    }
}

/// A book as the public sees it.
#[derive(Template)]
#[template(path = "public_book.html")]
pub struct PublicBookPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Given name and initial.
    pub name: String,
    /// Region, translated.
    pub region: String,
    /// Confirmed hours, formatted.
    pub total: String,
    /// Totals as tables.
    pub groups: Vec<(&'static str, Vec<TotalLine>)>,
    /// Entries: (date, organization, hours, direction, a reversal).
    pub entries: Vec<(String, String, String, String, bool)>,
}

/// GET /volunteers/{id}/book — a book its holder made public (404 otherwise).
pub async fn public(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let id = uuid_or_404!(ctx, &id);
    let b = match book::public_book(&state, id).await {
        Ok(Some(b)) => b,
        Ok(None) => return op_error_page(ctx, OpError::NotFound),
        Err(e) => return op_error_page(ctx, e),
    };
    let lang = ctx.lang;
    let names = org_names(
        &state,
        b.entries.iter().map(|e| e.organization_id),
        &b.totals,
        lang,
    )
    .await;
    let page = PublicBookPage {
        name: b.name.clone(),
        region: b
            .region_code
            .as_deref()
            .and_then(|r| domain::RegionCode::parse(r).ok())
            .map(|r| r.name(lang).to_owned())
            .unwrap_or_default(),
        total: domain::format_hours(b.totals.minutes, lang),
        groups: total_groups(&ctx, &b.totals, &names),
        entries: b
            .entries
            .iter()
            .map(|e| {
                (
                    domain::format_date(e.date, lang),
                    names.get(&e.organization_id).cloned().unwrap_or_default(),
                    domain::format_hours(e.minutes, lang),
                    e.direction
                        .as_deref()
                        .and_then(domain::reference::direction)
                        .map(|d| d.name(lang).to_owned())
                        .unwrap_or_default(),
                    e.kind == "reversal",
                )
            })
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
}

/// "1.5" or "1,5" hours → "90" minutes; anything else is passed on to be refused.
fn hours_to_minutes(s: &str) -> String {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite())
        .map(|h| ((h * 60.0).round() as i64).to_string())
        .unwrap_or_else(|| s.to_owned())
}

/// POST /hours/{id}/dispute
pub async fn dispute(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    match book::dispute(&state, ctx.lang, &me, id, f.get("reason")).await {
        Ok(()) => redirect_with_flash("/me/book", "flash_hours_disputed"),
        Err(e) => op_error_page(ctx, e),
    }
}

/// A pending entry as the organization sees it.
pub struct PendingView {
    /// Key.
    pub id: Uuid,
    /// Volunteer's name.
    pub volunteer: String,
    /// Date, formatted.
    pub date: String,
    /// Hours, formatted.
    pub hours: String,
    /// Source, translated.
    pub source: String,
    /// Status, translated.
    pub status: String,
    /// What was done.
    pub note: String,
}

/// An organization's hours to confirm.
#[derive(Template)]
#[template(path = "org_hours.html")]
pub struct OrgHoursPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Organization (id, name).
    pub org: (Uuid, String),
    /// Entries waiting.
    pub items: Vec<PendingView>,
}

/// GET /organizations/{id}/hours
pub async fn org_hours(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    let lang = ctx.lang;
    let list = match book::pending(&state, &me, id).await {
        Ok(l) => l,
        Err(e) => return op_error_page(ctx, e),
    };
    let name = org_name(&state, Some(id), lang).await;
    let mut items = Vec::with_capacity(list.len());
    for (volunteer, h) in list {
        items.push(PendingView {
            id: h.id,
            volunteer,
            date: domain::format_date(h.work_date, lang),
            hours: domain::format_hours(h.minutes, lang),
            source: ctx.t(&format!("hours_source_{}", h.source)),
            status: ctx.t(&format!("hours_status_{}", h.status)),
            note: h.description.unwrap_or_default(),
        });
    }
    let page = OrgHoursPage {
        org: (id, name),
        items,
        ctx,
    };
    render(&page.ctx, &page)
}

/// POST /organizations/{id}/hours — confirm or reject the chosen entries (each on its own;
/// one already decided by someone else does not stop the rest).
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let org = uuid_or_404!(ctx, &id);
    let chosen: Vec<Uuid> = f
        .all("hours")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let reject = f.get("action") == "reject";
    for h in chosen {
        let r = if reject {
            book::reject(&state, ctx.lang, &me, h, f.get("reason")).await
        } else {
            book::confirm(&state, &me, h).await
        };
        match r {
            Ok(()) | Err(OpError::Conflict(_)) => {}
            Err(e) => return op_error_page(ctx, e),
        }
    }
    redirect_with_flash(
        &format!("/organizations/{org}/hours"),
        "flash_decision_saved",
    )
}

#[cfg(test)]
mod tests {
    use super::hours_to_minutes;

    #[test]
    fn hours_are_typed_with_a_comma_or_a_point() {
        assert_eq!(hours_to_minutes("1,5"), "90");
        assert_eq!(hours_to_minutes(" 2.25 "), "135");
        assert_eq!(hours_to_minutes("abc"), "abc");
    }
}

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
}

/// GET /verify/{code} — anyone checks a certificate.
pub async fn verify(State(state): State<AppState>, ctx: Ctx, Path(code): Path<String>) -> Response {
    let c = match crate::certificates::check(&state, &code).await {
        Ok(c) => c,
        Err(OpError::NotFound) => {
            return crate::error::error_page(ctx, StatusCode::NOT_FOUND, "certificate_unknown");
        }
        Err(e) => return op_error_page(ctx, e),
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
    let page = VerifyPage {
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
    render(&page.ctx, &page)
}

/// GET /certificates/{file} — `CODE.pdf` or `CODE.json`, for the holder.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login?next=/me/book").into_response();
    };
    let (code, pdf) = match (file.strip_suffix(".pdf"), file.strip_suffix(".json")) {
        (Some(c), _) => (c.to_owned(), true),
        (_, Some(c)) => (c.to_owned(), false),
        _ => return op_error_page(ctx, OpError::NotFound),
    };
    let c = match crate::certificates::own(&state, &me, &code).await {
        Ok(c) => c,
        Err(e) => return op_error_page(ctx, e),
    };
    let disposition = format!(
        "attachment; filename=\"erikti-{}.{}\"",
        c.row.code,
        if pdf { "pdf" } else { "json" }
    );
    if pdf {
        let state2 = state.clone();
        let statement = c.signed.statement.clone();
        let made =
            tokio::task::spawn_blocking(move || crate::certificates::pdf(&state2, &statement))
                .await;
        match made {
            Ok(Ok(bytes)) => (
                [
                    (
                        axum::http::header::CONTENT_TYPE,
                        "application/pdf".to_owned(),
                    ),
                    (axum::http::header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response(),
            Ok(Err(e)) => op_error_page(ctx, e),
            Err(e) => op_error_page(ctx, OpError::Internal(e.to_string())),
        }
    } else {
        (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/json; charset=utf-8".to_owned(),
                ),
                (axum::http::header::CONTENT_DISPOSITION, disposition),
            ],
            c.row.document,
        )
            .into_response()
    }
}

/// POST /me/certificates — from the book page.
pub async fn issue(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login?next=/me/book").into_response();
    };
    let r = crate::certificates::CertificateRequest {
        from: f.get("from").to_owned(),
        to: f.get("to").to_owned(),
        organization_id: f.get("organization_id").to_owned(),
        lang: f.get("lang").to_owned(),
    };
    match crate::certificates::issue(&state, ctx.lang, &me, &r).await {
        Ok(_) => redirect_with_flash("/me/book#certificates", "flash_certificate_issued"),
        Err(e) => op_error_page(ctx, e),
    }
}

/// A table as `STEM.csv` or `STEM.xlsx` (the format from the file name).
pub(crate) fn table_download(
    table: crate::export::Table,
    file: &str,
    stem: &str,
    ctx: Ctx,
) -> Response {
    let format = file.strip_prefix(&format!("{stem}.")).unwrap_or("");
    match table.download(format, &format!("erikti-{stem}")) {
        Some(Ok(r)) => r,
        Some(Err(e)) => op_error_page(ctx, e),
        None => op_error_page(ctx, OpError::NotFound),
    }
}

/// GET /me/book/{file} — her book as `book.csv` or `book.xlsx`.
pub async fn export_mine(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login?next=/me/book").into_response();
    };
    let lang = ctx.lang;
    let (totals, _, entries, _) = match book::book(&state, me.user.id, 100_000, 0).await {
        Ok(r) => r,
        Err(e) => return op_error_page(ctx, e),
    };
    // One lookup per organization, not per row.
    let names = org_names(
        &state,
        entries.iter().map(|e| e.organization_id),
        &book::Totals::default(),
        lang,
    )
    .await;
    if file == "book.pdf" {
        let title = ctx.t("book_title");
        let holder = crate::certificates::holder_name(&me);
        let lines = vec![
            holder,
            format!(
                "{}: {} {}",
                ctx.t("book_total"),
                domain::format_hours(totals.minutes, lang),
                ctx.t("cert_hours_unit")
            ),
            format!(
                "{}: {}",
                ctx.t("cert_issued"),
                domain::format_date(crate::today(), lang)
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
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                vec![
                    domain::format_date(e.work_date, lang),
                    names.get(&e.organization_id).cloned().unwrap_or_default(),
                    domain::format_hours(e.minutes, lang),
                    ctx.t(&format!("hours_source_{}", e.source)),
                    ctx.t(&format!("hours_status_{}", e.status)),
                ]
            })
            .collect();
        let made = tokio::task::spawn_blocking(move || {
            crate::certificates::table_pdf(
                &title,
                &lines,
                &header,
                &rows,
                &[
                    (40.0, 24),
                    (150.0, 44),
                    (365.0, 8),
                    (410.0, 18),
                    (490.0, 16),
                ],
            )
        })
        .await;
        return match made {
            Ok(Ok(bytes)) => (
                [
                    (axum::http::header::CONTENT_TYPE, "application/pdf"),
                    (
                        axum::http::header::CONTENT_DISPOSITION,
                        "attachment; filename=\"erikti-book.pdf\"",
                    ),
                ],
                bytes,
            )
                .into_response(),
            Ok(Err(e)) => op_error_page(ctx, e),
            Err(e) => op_error_page(ctx, OpError::Internal(e.to_string())),
        };
    }
    let mut rows = Vec::with_capacity(entries.len());
    for e in &entries {
        rows.push(vec![
            e.work_date.to_string(),
            names.get(&e.organization_id).cloned().unwrap_or_default(),
            format!("{:.2}", e.minutes as f64 / 60.0),
            ctx.t(&format!("hours_source_{}", e.source)),
            ctx.t(&format!("hours_status_{}", e.status)),
            e.description.clone().unwrap_or_default(),
            e.reason.clone().unwrap_or_default(),
        ]);
    }
    let table = crate::export::Table {
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
    table_download(table, &file, "book", ctx)
}

/// GET /organizations/{id}/hours/{file} — its confirmed hours (`?from=&to=`) as
/// `confirmed.csv` or `confirmed.xlsx` (its members and front-office).
pub async fn export_org(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
    axum::extract::Query(period): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let org = uuid_or_404!(ctx, &id);
    if let Err(e) = book::pending(&state, &me, org).await {
        return op_error_page(ctx, e);
    }
    let day = |k: &str| {
        period
            .get(k)
            .and_then(|v| domain::parse_date(v.trim()).ok())
    };
    let rows = match store::ledger::confirmed_of_organization(
        &state.db,
        org,
        day("from"),
        day("to"),
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let table = crate::export::Table {
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
    table_download(table, &file, "confirmed", ctx)
}

/// POST /hours/{id}/decision — confirm, reject (with a reason) or reverse one entry; back to
/// a local page (`back`, e.g. the front-office queue).
pub async fn decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    let r = match f.get("action") {
        "confirm" => book::confirm(&state, &me, id).await,
        "reject" => book::reject(&state, ctx.lang, &me, id, f.get("reason")).await,
        "reverse" => book::reverse(&state, ctx.lang, &me, id, f.get("reason")).await,
        _ => Err(OpError::NotFound),
    };
    let back = f.get("back");
    let back = if back.starts_with('/') && !back.starts_with("//") {
        back
    } else {
        "/me/book"
    };
    match r {
        Ok(()) => redirect_with_flash(back, "flash_decision_saved"),
        Err(e) => op_error_page(ctx, e),
    }
}
