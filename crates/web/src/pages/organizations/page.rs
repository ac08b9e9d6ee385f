//! The organization's page, and what is done from it: asking for verification, suspension.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use domain::Lang;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::forms::{Errors, Field};
use crate::pages::{redirect_with_flash, render_status};
use app::OpError;
use app::organizations::{self, Overview};

/// A line of the audit log, ready to show.
pub struct AuditView {
    /// When, formatted.
    pub at: String,
    /// Who.
    pub actor: String,
    /// What, translated.
    pub action: String,
    /// Changes (JSON).
    pub changes: String,
    /// Why.
    pub reason: String,
}

/// Audit entries for display.
pub fn audit_views(lang: Lang, entries: &[app::organizations::AuditEntry]) -> Vec<AuditView> {
    entries
        .iter()
        .map(|e| AuditView {
            at: domain::format_datetime(e.at, lang),
            actor: e.actor_name.clone().unwrap_or_else(|| "—".into()),
            action: app::i18n::t(lang, &format!("audit_{}", e.action.replace('.', "_"))),
            changes: e.changes.clone(),
            reason: e.reason.clone().unwrap_or_default(),
        })
        .collect()
}

/// The organization's page.
#[derive(Template)]
#[template(path = "org.html")]
pub struct OrgPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Median time to answer an application (moderated events), formatted.
    pub median_response: Option<String>,
    /// Projects: (title, dates, goals).
    pub projects: Vec<(String, String, String)>,
    /// Key.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Other names.
    pub other_names: Vec<String>,
    /// Kind.
    pub kind: String,
    /// BIN.
    pub bin: Option<String>,
    /// Region.
    pub region: String,
    /// Locality.
    pub locality: String,
    /// Verified badge.
    pub verified: bool,
    /// Status (translated) for members and staff.
    pub status: Option<String>,
    /// Description in the page's language (or another).
    pub description: String,
    /// Directions, translated.
    pub directions: Vec<String>,
    /// Activity types, translated.
    pub activity_types: Vec<String>,
    /// Contacts.
    pub contact_email: Option<String>,
    /// Contacts.
    pub contact_phone: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Members: (user id, public name, role translated, is owner).
    pub members: Vec<(Uuid, String, String, bool)>,
    /// Latest verification outcome: (status translated, reason, tone `success`/`error`).
    pub last_request: Option<(String, String, &'static str)>,
    /// Buttons the caller may use.
    pub can_edit: bool,
    /// May ask for verification now.
    pub can_request: bool,
    /// May invite and remove members.
    pub can_manage: bool,
    /// May leave.
    pub can_leave: bool,
    /// May suspend.
    pub can_suspend: bool,
    /// May restore.
    pub can_restore: bool,
    /// The audit log, for those who may see it.
    pub audit: Vec<AuditView>,
    /// Shows the audit section.
    pub show_audit: bool,
    /// Invitation e-mail field.
    pub invite: Field,
    /// Has a logo.
    pub has_logo: bool,
    /// Logo upload error.
    pub logo_error: Option<String>,
}

/// The page of an organization, from what the caller may see of it.
pub(super) async fn org_page(
    state: &AppState,
    ctx: Ctx,
    ov: Overview,
    errors: &Errors,
) -> Result<OrgPage, app::StoreError> {
    let lang = ctx.lang;
    let refs = state.reference.get(&state.db).await?;
    let regions = &refs.regions;
    let o = ov.organization;
    let status = o.status;
    let description = app::i18n::in_lang(
        lang,
        &o.description_kk,
        &o.description_ru,
        &o.description_en,
    );
    let name = organizations::display_name(&o, lang).to_owned();
    let other_names = [&o.name_kk, &o.name_ru, &o.name_en]
        .iter()
        .filter_map(|n| (*n).clone())
        .filter(|n| *n != name)
        .collect();
    let median_response = ov.median_response_minutes.map(|m| {
        if m < 60 {
            ctx.tn("duration_minutes", "n", m)
        } else {
            ctx.ts("duration_hours", "n", &domain::format_hours(m, lang))
        }
    });
    let projects = ov
        .projects
        .iter()
        .map(|p| {
            let d = |x: Option<chrono::NaiveDate>| {
                x.map(|d| domain::format_date(d, lang)).unwrap_or_default()
            };
            (
                app::i18n::in_lang(lang, &p.title_kk, &p.title_ru, &p.title_en),
                match (p.starts_on, p.ends_on) {
                    (None, None) => String::new(),
                    (a, b) => format!("{} — {}", d(a), d(b)),
                },
                p.goals.clone().unwrap_or_default(),
            )
        })
        .collect();
    Ok(OrgPage {
        projects,
        median_response,
        id: o.id,
        other_names,
        name,
        kind: ctx.t(&format!("org_kind_{}", o.kind)),
        bin: o.bin.clone(),
        region: regions
            .iter()
            .find(|r| r.code == o.region_code)
            .map(|r| r.name(lang).to_owned())
            .unwrap_or_default(),
        locality: o.locality.clone().unwrap_or_default(),
        verified: status == domain::OrgStatus::Verified,
        status: ov
            .private
            .then(|| ctx.t(&format!("org_status_{}", o.status))),
        description,
        directions: o
            .directions
            .iter()
            .filter_map(|d| domain::reference::direction(d))
            .map(|d| d.name(lang).to_owned())
            .collect(),
        activity_types: o
            .activity_types
            .iter()
            .filter_map(|a| domain::reference::activity_type(a))
            .map(|a| a.name(lang).to_owned())
            .collect(),
        contact_email: o.contact_email.clone(),
        contact_phone: o
            .contact_phone
            .as_deref()
            .and_then(|p| domain::Phone::parse(p).ok())
            .map(|p| p.display()),
        website: o.website.clone(),
        members: ov
            .members
            .iter()
            .map(|m| {
                (
                    m.user_id,
                    m.display_name.clone(),
                    ctx.t(&format!("role_{}", m.role)),
                    m.role == "org_owner",
                )
            })
            .collect(),
        last_request: ov.last_request.map(|r| {
            let tone = if r.status == "verify" || r.status == "open" {
                "success"
            } else {
                "error"
            };
            (
                ctx.t(&format!("request_status_{}", r.status)),
                r.reason.unwrap_or_default(),
                tone,
            )
        }),
        can_edit: ov.can_edit,
        can_request: ov.can_request,
        can_manage: ov.can_manage,
        can_leave: ov.can_leave,
        can_suspend: ov.can_suspend,
        can_restore: ov.can_restore,
        audit: audit_views(lang, &ov.audit),
        show_audit: ov.show_audit,
        has_logo: o.logo_type.is_some(),
        logo_error: errors.get("logo").map(str::to_owned),
        invite: Field::new(lang, "email", "email", "")
            .max(254)
            .with_errors(errors),
        ctx,
    })
}

/// The organization's page with `errors` (of a form on it) and `status`.
pub(super) async fn show_org(
    state: &AppState,
    ctx: Ctx,
    id: Uuid,
    errors: &Errors,
    status: StatusCode,
) -> PageResult {
    let ov = organizations::overview(state, ctx.user.as_ref(), id).await?;
    let page = org_page(state, ctx.clone(), ov, errors).await?;
    Ok(render_status(&ctx, status, &page))
}

/// GET /organizations/{id}
pub async fn show(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    show_org(
        &state,
        ctx.clone(),
        id,
        &Errors::new(ctx.lang),
        StatusCode::OK,
    )
    .await
}

/// POST /organizations/{id}/verification
pub async fn request_verification(
    Signed { state, me, .. }: Signed,
    Id(id): Id,
    _f: CsrfForm,
) -> PageResult {
    organizations::request_verification(&state, &me, id).await?;
    Ok(redirect_with_flash(
        &format!("/organizations/{id}"),
        "flash_verification_requested",
    ))
}

/// POST /organizations/{id}/suspend and /restore
pub async fn suspend(
    Signed { state, ctx, me }: Signed,
    IdAnd(id, what): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let suspend = match what.as_str() {
        "suspend" => true,
        "restore" => false,
        _ => return Err(PageError::not_found()),
    };
    match organizations::set_suspended(&state, ctx.lang, &me, id, suspend, f.get("reason")).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_org_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
