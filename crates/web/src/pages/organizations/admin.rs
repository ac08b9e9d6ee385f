//! The national admin's pages of this area: regional coordinators and the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Me, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render, render_status};
use app::OpError;
use app::organizations;

use super::page::{AuditView, audit_views};

/// Regional coordinators: list, appoint, remove.
#[derive(Template)]
#[template(path = "coordinators.html")]
pub struct CoordinatorsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// (email, name, region code, region name).
    pub rows: Vec<(String, String, String, String)>,
    /// Region options.
    pub regions: Vec<Choice>,
    /// E-mail field.
    pub email: Field,
    /// Region error.
    pub region_error: Option<String>,
}

async fn coordinators_page(
    state: &AppState,
    ctx: Ctx,
    me: &SignedIn,
    errors: &Errors,
    (email, region): (&str, &str),
    status: StatusCode,
) -> PageResult {
    let rows = organizations::coordinators(state, me).await?;
    let lang = ctx.lang;
    let page = CoordinatorsPage {
        rows: rows
            .into_iter()
            .map(|(_, email, name, code)| {
                let region = domain::RegionCode::parse(&code)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default();
                (email, name, code, region)
            })
            .collect(),
        regions: domain::REGIONS
            .iter()
            .map(|r| {
                (
                    r.code.to_owned(),
                    lang.pick(r.kk, r.ru, r.en).to_owned(),
                    r.code == region,
                )
            })
            .collect(),
        email: Field::new(lang, "email", "email", email)
            .max(254)
            .with_errors(errors),
        region_error: errors.get("region").map(str::to_owned),
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /admin/coordinators
pub async fn coordinators(Signed { state, ctx, me }: Signed) -> PageResult {
    coordinators_page(
        &state,
        ctx.clone(),
        &me,
        &Errors::new(ctx.lang),
        ("", ""),
        StatusCode::OK,
    )
    .await
}

/// POST /admin/coordinators (appoint) and /admin/coordinators/remove
pub async fn set_coordinator(
    Signed { state, ctx, me }: Signed,
    Path(what): Path<String>,
    f: CsrfForm,
) -> PageResult {
    let appoint = match what.as_str() {
        "appoint" => true,
        "remove" => false,
        _ => return Err(PageError::not_found()),
    };
    match organizations::set_coordinator(
        &state,
        ctx.lang,
        &me,
        f.get("email"),
        f.get("region"),
        appoint,
    )
    .await
    {
        Ok(()) => Ok(redirect_with_flash(
            "/admin/coordinators",
            "flash_org_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            coordinators_page(
                &state,
                ctx,
                &me,
                &errors,
                (f.get("email"), f.get("region")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The whole audit log, filterable (national admin).
#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Entries.
    pub entries: Vec<AuditView>,
    /// Action prefix filter.
    pub action: String,
    /// Region filter options.
    pub regions: Vec<Choice>,
    /// Next page link.
    pub next: Option<String>,
}

/// Audit filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditParams {
    /// Action prefix.
    pub action: String,
    /// Region.
    pub region: String,
    /// Page from 1.
    pub page: Option<i64>,
}

/// Entries on a page of the audit log.
const AUDIT_PAGE: i64 = 50;

/// GET /admin/audit
pub async fn audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<AuditParams>,
    Me(me): Me,
) -> PageResult {
    let query = organizations::AuditQuery {
        action: &p.action,
        region: &p.region,
        page: p.page,
        ..Default::default()
    };
    let page = query.page();
    let entries = organizations::audit_log(&state, &me, &query, AUDIT_PAGE).await?;
    let lang = ctx.lang;
    let view = AuditPage {
        next: (entries.len() as i64 == AUDIT_PAGE).then(|| {
            format!(
                "/admin/audit?action={}&region={}&page={}",
                percent_encoding::utf8_percent_encode(
                    &p.action,
                    percent_encoding::NON_ALPHANUMERIC
                ),
                p.region,
                page + 1
            )
        }),
        entries: audit_views(lang, &entries),
        action: p.action.clone(),
        regions: domain::REGIONS
            .iter()
            .map(|r| {
                (
                    r.code.to_owned(),
                    lang.pick(r.kk, r.ru, r.en).to_owned(),
                    r.code == p.region,
                )
            })
            .collect(),
        ctx,
    };
    Ok(render(&view.ctx, &view))
}
