//! Register pages: the public register (with CSV and XLSX exports), the application form,
//! and the national admin's queue.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Action, Lang, Resource};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::ctx::{CsrfForm, Ctx};
use crate::error::{error_page, store_failure};
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{op_error_page, redirect_with_flash, render, render_status};
use crate::register::{self, ApplicationInput, RegisterParams};

/// An entry as a row.
pub struct RowView {
    /// Key.
    pub id: Uuid,
    /// Public name.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Region.
    pub region: String,
    /// Activity types.
    pub types: String,
    /// Participants.
    pub participants: String,
    /// Projects.
    pub projects: String,
    /// Status, translated.
    pub status: String,
    /// Status code.
    pub status_code: String,
}

fn row_view(lang: Lang, e: &store::register::Entry) -> RowView {
    RowView {
        id: e.id,
        name: e.public_name.clone(),
        kind: crate::i18n::t(lang, &format!("register_kind_{}", e.applicant_kind)),
        region: domain::RegionCode::parse(&e.region_code)
            .map(|r| r.name(lang).to_owned())
            .unwrap_or_default(),
        types: e
            .activity_type_list()
            .iter()
            .filter_map(|a| domain::reference::activity_type(a))
            .map(|a| a.name(lang).to_owned())
            .collect::<Vec<_>>()
            .join("; "),
        participants: domain::format_number(e.participants, lang),
        projects: e.projects.clone(),
        status: crate::i18n::t(lang, &format!("register_status_{}", e.status)),
        status_code: e.status.clone(),
    }
}

/// The public register.
#[derive(Template)]
#[template(path = "register.html")]
pub struct RegisterPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Rows.
    pub rows: Vec<RowView>,
    /// Total, formatted.
    pub total: String,
    /// Text searched.
    pub q: String,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Activity type options.
    pub types: Vec<Choice>,
    /// Kind options.
    pub kinds: Vec<Choice>,
    /// Query string of the filters (exports).
    pub qs: String,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
}

const PAGE: i64 = 50;

/// GET /register
pub async fn public(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<RegisterParams>,
) -> Response {
    let lang = ctx.lang;
    let page = p.page();
    let (entries, total) =
        match store::register::search(&state.db, &p.query(), Some(PAGE), (page - 1) * PAGE).await {
            Ok(r) => r,
            Err(e) => return store_failure(ctx, e),
        };
    let refs = match state.reference.get(&state.db).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let qs = p.query_string();
    let view = RegisterPage {
        rows: entries.iter().map(|e| row_view(lang, e)).collect(),
        total: ctx.num(total),
        q: p.q.clone(),
        regions: refs.region_choices(lang, &p.region),
        types: refs.activity_choices(lang, |c| c == p.activity_type),
        kinds: ["volunteer", "organization"]
            .iter()
            .map(|k| {
                (
                    (*k).to_owned(),
                    ctx.t(&format!("register_kind_{k}")),
                    *k == p.kind,
                )
            })
            .collect(),
        prev: (page > 1).then(|| format!("/register?{qs}&page={}", page - 1)),
        next: (page * PAGE < total).then(|| format!("/register?{qs}&page={}", page + 1)),
        qs,
        ctx,
    };
    render(&view.ctx, &view)
}

/// GET /register/export.csv and /register/export.xlsx
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(format): Path<String>,
    Query(p): Query<RegisterParams>,
) -> Response {
    let ext = match format.as_str() {
        "export.csv" => "csv",
        "export.xlsx" => "xlsx",
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    let table = match register::export_table(&state, ctx.lang, &p).await {
        Ok(t) => t,
        Err(e) => return op_error_page(ctx, e),
    };
    match table.download(ext, "erikti-register") {
        Some(Ok(r)) => r,
        Some(Err(e)) => op_error_page(ctx, e),
        None => error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    }
}

/// The application form.
#[derive(Template)]
#[template(path = "register_apply.html")]
pub struct ApplyPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Who applies: ("volunteer" | org id, label, selected).
    pub applicants: Vec<Choice>,
    /// Activity type checkboxes.
    pub types: Vec<Choice>,
    /// Participants.
    pub participants: Field,
    /// Projects (textarea): value, error.
    pub projects: (String, Option<String>),
    /// Errors of the choices.
    pub errors: Errors,
    /// The caller's applications: (name, status, reason).
    pub mine: Vec<RowView>,
}

async fn apply_page(
    state: &AppState,
    ctx: Ctx,
    i: &ApplicationInput,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let lang = ctx.lang;
    let owned = match store::organizations::of_user(&state.db, me.user.id).await {
        Ok(o) => o,
        Err(e) => return store_failure(ctx, e),
    };
    let refs = match state.reference.get(&state.db).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let chosen = match (&*i.applicant, i.organization_id) {
        ("organization", Some(id)) => id.to_string(),
        _ => "volunteer".to_owned(),
    };
    let mut applicants = vec![(
        "volunteer".to_owned(),
        ctx.t("register_as_volunteer"),
        chosen == "volunteer",
    )];
    for (id, _, kk, ru, en, _) in owned.iter().filter(|o| o.1 == "org_owner") {
        let name = crate::i18n::in_lang(lang, kk, ru, en);
        applicants.push((id.to_string(), name, chosen == id.to_string()));
    }
    let org_ids: Vec<Uuid> = owned.iter().map(|o| o.0).collect();
    let mut mine = Vec::new();
    for org in std::iter::once(None).chain(org_ids.into_iter().map(Some)) {
        let user = if org.is_none() {
            Some(me.user.id)
        } else {
            None
        };
        match store::register::of_applicant(&state.db, user, org).await {
            Ok(entries) => mine.extend(entries.iter().map(|e| row_view(lang, e))),
            Err(e) => return store_failure(ctx, e),
        }
    }
    let page = ApplyPage {
        applicants,
        types: refs.activity_choices(lang, |c| i.activity_types.iter().any(|t| t == c)),
        participants: Field::new(lang, "participants", "number", &i.participants)
            .max(8)
            .required()
            .with_errors(&errors),
        projects: (
            i.projects.clone(),
            errors.get("projects").map(str::to_owned),
        ),
        errors,
        mine,
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// GET /register/apply
pub async fn apply_form(State(state): State<AppState>, ctx: Ctx) -> Response {
    let i = ApplicationInput {
        participants: "1".into(),
        ..Default::default()
    };
    apply_page(
        &state,
        ctx.clone(),
        &i,
        Errors::new(ctx.lang),
        StatusCode::OK,
    )
    .await
}

fn input(f: &CsrfForm) -> ApplicationInput {
    let who = f.get("applicant");
    let organization_id = Uuid::parse_str(who).ok();
    ApplicationInput {
        applicant: if organization_id.is_some() {
            "organization".into()
        } else {
            who.to_owned()
        },
        organization_id,
        activity_types: f.all("activity_types"),
        participants: f.get("participants").to_owned(),
        projects: f.get("projects").to_owned(),
    }
}

/// POST /register/apply
pub async fn apply(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let i = input(&f);
    match register::apply(&state, ctx.lang, &me, &i).await {
        Ok(_) => redirect_with_flash("/register/apply", "flash_register_submitted"),
        Err(OpError::Invalid(errors)) => {
            apply_page(&state, ctx, &i, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(OpError::Conflict(code)) => {
            let mut errors = Errors::new(ctx.lang);
            errors.code("applicant", code);
            apply_page(&state, ctx, &i, errors, StatusCode::CONFLICT).await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// The national admin's register queue.
#[derive(Template)]
#[template(path = "register_admin.html")]
pub struct AdminPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Pending and included entries.
    pub rows: Vec<RowView>,
}

/// GET /admin/register
pub async fn admin(State(state): State<AppState>, ctx: Ctx) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Err(e) = crate::orgs::allow(Some(&me), Action::ViewRegisterQueue, &Resource::Site) {
        return op_error_page(ctx, e);
    }
    let q = store::register::Query {
        statuses: vec!["submitted".into(), "under_review".into(), "included".into()],
        ..Default::default()
    };
    let rows = match store::register::search(&state.db, &q, Some(500), 0).await {
        Ok((r, _)) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let page = AdminPage {
        rows: rows.iter().map(|e| row_view(ctx.lang, e)).collect(),
        ctx,
    };
    render(&page.ctx, &page)
}

/// POST /admin/register/{id}
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    match register::decide(
        &state,
        ctx.lang,
        &me,
        id,
        f.get("decision"),
        f.get("reason"),
    )
    .await
    {
        Ok(()) => redirect_with_flash("/admin/register", "flash_decision_saved"),
        Err(OpError::Invalid(errors)) => {
            let code = errors
                .iter()
                .next()
                .map(|(_, (c, _))| c.clone())
                .unwrap_or_default();
            error_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &code)
        }
        Err(e) => op_error_page(ctx, e),
    }
}
