//! Register pages: the public register (with CSV and XLSX exports), the application form,
//! and the national admin's queue.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::Lang;
use uuid::Uuid;

use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::{PageError, PageResult, error_page};
use crate::export::Download;
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render, render_status};
use app::OpError;
use app::register::{self, ApplicationInput, PAGE_SIZE, RegisterParams};

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

fn row_view(lang: Lang, e: &app::register::Entry) -> RowView {
    RowView {
        id: e.id,
        name: e.public_name.clone(),
        kind: app::i18n::t(lang, &format!("register_kind_{}", e.applicant_kind)),
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
        status: app::i18n::t(lang, &format!("register_status_{}", e.status)),
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

/// GET /register
pub async fn public(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<RegisterParams>,
) -> PageResult {
    let lang = ctx.lang;
    let page = p.page();
    let (entries, total) = register::public(&state, &p).await?;
    let refs = state.reference.get(&state.db).await?;
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
        next: (page * PAGE_SIZE < total).then(|| format!("/register?{qs}&page={}", page + 1)),
        qs,
        ctx,
    };
    Ok(render(&view.ctx, &view))
}

/// GET /register/export.csv and /register/export.xlsx
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(format): Path<String>,
    Query(p): Query<RegisterParams>,
) -> PageResult {
    let ext = match format.as_str() {
        "export.csv" => "csv",
        "export.xlsx" => "xlsx",
        _ => return Err(PageError::not_found()),
    };
    let table = register::export_table(&state, ctx.lang, &p).await?;
    Ok(table
        .download(ext, "erikti-register")
        .ok_or_else(PageError::not_found)??)
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
    me: &SignedIn,
    i: &ApplicationInput,
    errors: Errors,
    status: StatusCode,
) -> PageResult {
    let lang = ctx.lang;
    let mine = register::mine(state, me).await?;
    let refs = state.reference.get(&state.db).await?;
    let chosen = match (&*i.applicant, i.organization_id) {
        ("organization", Some(id)) => id.to_string(),
        _ => "volunteer".to_owned(),
    };
    let mut applicants = vec![(
        "volunteer".to_owned(),
        ctx.t("register_as_volunteer"),
        chosen == "volunteer",
    )];
    for o in &mine.owned {
        let name = app::i18n::in_lang(lang, &o.name_kk, &o.name_ru, &o.name_en);
        applicants.push((o.id.to_string(), name, chosen == o.id.to_string()));
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
        mine: mine.entries.iter().map(|e| row_view(lang, e)).collect(),
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /register/apply
pub async fn apply_form(Signed { state, ctx, me }: Signed) -> PageResult {
    let i = ApplicationInput {
        participants: "1".into(),
        ..Default::default()
    };
    apply_page(
        &state,
        ctx.clone(),
        &me,
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
pub async fn apply(Signed { state, ctx, me }: Signed, f: CsrfForm) -> PageResult {
    let i = input(&f);
    match register::apply(&state, ctx.lang, &me, &i).await {
        Ok(_) => Ok(redirect_with_flash(
            "/register/apply",
            "flash_register_submitted",
        )),
        Err(OpError::Invalid(errors)) => {
            apply_page(
                &state,
                ctx,
                &me,
                &i,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(OpError::Conflict(code)) => {
            let mut errors = Errors::new(ctx.lang);
            errors.code("applicant", code);
            apply_page(&state, ctx, &me, &i, errors, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
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
pub async fn admin(Signed { state, ctx, me }: Signed) -> PageResult {
    let rows = register::queue(&state, &me).await?;
    let page = AdminPage {
        rows: rows.iter().map(|e| row_view(ctx.lang, e)).collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /admin/register/{id}
pub async fn decide(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
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
        Ok(()) => Ok(redirect_with_flash(
            "/admin/register",
            "flash_decision_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            let code = errors
                .iter()
                .next()
                .map(|(_, (c, _))| c.clone())
                .unwrap_or_default();
            Ok(error_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &code))
        }
        Err(e) => Err(e.into()),
    }
}
