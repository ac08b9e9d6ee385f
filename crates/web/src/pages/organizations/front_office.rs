//! The regional front-office: a region's queue (verification requests, escalated
//! applications, disputed hours) and the verification decision.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use domain::Lang;
use uuid::Uuid;

use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, Me, Signed};
use crate::error::PageResult;
use crate::pages::forms::Errors;
use crate::pages::{redirect_with_flash, render, render_status};
use app::OpError;
use app::organizations;

use super::page::{OrgPage, org_page};

/// A region's verification queue.
#[derive(Template)]
#[template(path = "queue.html")]
pub struct QueuePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Region name.
    pub region: String,
    /// Other regions the caller coordinates: (code, name).
    pub my_regions: Vec<(String, String)>,
    /// Requests: (request id, organization name, kind, requested at, waited).
    pub items: Vec<(Uuid, String, String, String, String)>,
    /// Applications unanswered too long: (application, event id, event title, waited).
    pub escalated: Vec<(Uuid, Uuid, String, String)>,
    /// Disputed hours: (id, volunteer, hours, date, reason).
    pub disputed: Vec<(Uuid, String, String, String, String)>,
    /// The region's code (forms come back here).
    pub code: String,
}

/// GET /front-office — the queue of the caller's (first) region.
pub async fn front_office(Me(me): Me) -> PageResult {
    let code = organizations::home_region(&me)?;
    Ok(Redirect::to(&format!("/front-office/{code}")).into_response())
}

fn waited(lang: Lang, since: chrono::DateTime<chrono::Utc>) -> String {
    let hours = (chrono::Utc::now() - since).num_hours().max(0);
    if hours < 48 {
        app::i18n::t_args(lang, "waited_hours", &[("n", app::i18n::Arg::Num(hours))])
    } else {
        app::i18n::t_args(
            lang,
            "waited_days",
            &[("n", app::i18n::Arg::Num(hours / 24))],
        )
    }
}

/// The regions whose front-office the caller may open: (code, name).
fn my_regions(me: &SignedIn, lang: Lang) -> Vec<(String, String)> {
    if me.is_national_admin() {
        domain::REGIONS
            .iter()
            .map(|r| (r.code.to_owned(), lang.pick(r.kk, r.ru, r.en).to_owned()))
            .collect()
    } else {
        me.roles
            .iter()
            .filter_map(|r| r.region())
            .map(|c| (c.as_str().to_owned(), c.name(lang).to_owned()))
            .collect()
    }
}

/// GET /front-office/{region} — only that region's coordinators and the national admin.
pub async fn queue(Signed { state, ctx, me }: Signed, Path(region): Path<String>) -> PageResult {
    let fo = organizations::front_office(&state, &me, &region).await?;
    let lang = ctx.lang;
    let page = QueuePage {
        disputed: fo
            .disputed
            .into_iter()
            .map(|(name, h)| {
                (
                    h.id,
                    name,
                    domain::format_hours(h.minutes, lang),
                    domain::format_date(h.work_date, lang),
                    h.reason.unwrap_or_default(),
                )
            })
            .collect(),
        escalated: fo
            .escalated
            .iter()
            .map(|w| {
                (
                    w.application_id,
                    w.event_id,
                    app::i18n::in_lang(lang, &w.title_kk, &w.title_ru, &w.title_en),
                    waited(lang, w.created_at),
                )
            })
            .collect(),
        code: fo.region.as_str().to_owned(),
        region: fo.region.name(lang).to_owned(),
        my_regions: my_regions(&me, lang),
        items: fo
            .queue
            .iter()
            .map(|q| {
                let name = app::i18n::in_lang(lang, &q.name_kk, &q.name_ru, &q.name_en);
                (
                    q.id,
                    name,
                    app::i18n::t(lang, &format!("org_kind_{}", q.kind)),
                    domain::format_datetime(q.requested_at, lang),
                    waited(lang, q.requested_at),
                )
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// A request with the decision form.
#[derive(Template)]
#[template(path = "verification.html")]
pub struct VerificationPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Request key.
    pub id: Uuid,
    /// The organization.
    pub org: OrgPage,
    /// Still open.
    pub open: bool,
    /// Decision error.
    pub decision_error: Option<String>,
    /// Reason error.
    pub reason_error: Option<String>,
    /// Typed reason.
    pub reason: String,
    /// Chosen decision (kept after an error).
    pub decision: String,
}

async fn verification_page(
    state: &AppState,
    ctx: Ctx,
    me: &SignedIn,
    id: Uuid,
    errors: &Errors,
    (decision, reason): (&str, &str),
    status: StatusCode,
) -> PageResult {
    let v = organizations::verification(state, me, id).await?;
    let org = org_page(state, ctx.clone(), v.overview, errors).await?;
    let page = VerificationPage {
        id,
        org,
        open: v.request.status == "open",
        decision_error: errors.get("decision").map(str::to_owned),
        reason_error: errors.get("reason").map(str::to_owned),
        reason: reason.to_owned(),
        decision: decision.to_owned(),
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /verification/{id}
pub async fn verification(
    State(state): State<AppState>,
    ctx: Ctx,
    Id(id): Id,
    Me(me): Me,
) -> PageResult {
    verification_page(
        &state,
        ctx.clone(),
        &me,
        id,
        &Errors::new(ctx.lang),
        ("", ""),
        StatusCode::OK,
    )
    .await
}

/// POST /verification/{id}
pub async fn decide(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    match organizations::decide(
        &state,
        ctx.lang,
        &me,
        id,
        f.get("decision"),
        f.get("reason"),
    )
    .await
    {
        Ok(d) => Ok(redirect_with_flash(
            &format!("/front-office/{}", d.region_code),
            "flash_decision_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            verification_page(
                &state,
                ctx,
                &me,
                id,
                &errors,
                (f.get("decision"), f.get("reason")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
