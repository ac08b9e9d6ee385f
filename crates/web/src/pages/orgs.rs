//! Organization pages: directory, public page, create/edit, verification by the regional
//! front-office, members, suspension, coordinators and the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Action, Lang, Resource};
use serde::Deserialize;
use store::organizations::{self as store_orgs, Card, Details, DirectoryQuery, Organization};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx};
use crate::error::{error_page, store_failure};
use crate::orgs::{self, OrgInput, may};
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{op_error_page, redirect_with_flash, render, render_status};

/// Page size of the directory.
pub const PAGE_SIZE: i64 = 20;

fn parse_id(s: &str) -> Option<Uuid> {
    Uuid::parse_str(s).ok()
}

/// A directory line, ready to show.
pub struct CardView {
    /// Key.
    pub id: Uuid,
    /// Name in the page's language.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Region, translated.
    pub region: String,
    /// Locality.
    pub locality: String,
    /// Carries the badge.
    pub verified: bool,
}

/// The public directory.
#[derive(Template)]
#[template(path = "directory.html")]
pub struct DirectoryPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Results.
    pub cards: Vec<CardView>,
    /// Total matches, formatted.
    pub total: String,
    /// Text searched.
    pub q: String,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Direction options.
    pub directions: Vec<Choice>,
    /// Kind options.
    pub kinds: Vec<Choice>,
    /// Only verified.
    pub verified: bool,
    /// Link to the previous page.
    pub prev: Option<String>,
    /// Link to the next page.
    pub next: Option<String>,
}

/// Directory filters from the query string.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryParams {
    /// Text.
    pub q: String,
    /// Region.
    pub region: String,
    /// Direction.
    pub direction: String,
    /// Kind.
    pub kind: String,
    /// Only verified (`1`).
    pub verified: String,
    /// Page, from 1.
    pub page: Option<i64>,
}

impl DirectoryParams {
    /// The store query, ignoring unknown values.
    pub fn query(&self) -> DirectoryQuery {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        DirectoryQuery {
            region: domain::RegionCode::parse(&self.region)
                .ok()
                .map(|r| r.as_str().to_owned()),
            direction: domain::reference::direction(&self.direction).map(|d| d.code.to_owned()),
            kind: domain::OrgKind::parse(&self.kind)
                .ok()
                .map(|k| k.code().to_owned()),
            verified_only: self.verified == "1" || self.verified == "true",
            q: some(&self.q).map(|q| q.chars().take(100).collect()),
        }
    }
    /// The page, from 1, bounded.
    pub fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }
    fn link(&self, page: i64) -> String {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        format!(
            "/organizations?q={}&region={}&direction={}&kind={}&verified={}&page={page}",
            enc(&self.q),
            enc(&self.region),
            enc(&self.direction),
            enc(&self.kind),
            enc(&self.verified)
        )
    }
}

/// Region, direction and kind choices for selects.
pub async fn choices(
    state: &AppState,
    lang: Lang,
    region: &str,
    direction: &str,
    kind: &str,
) -> Result<(Vec<Choice>, Vec<Choice>, Vec<Choice>), store::Error> {
    let refs = state.reference.get(&state.db).await?;
    let directions = &refs.directions;
    Ok((
        refs.region_choices(lang, region),
        directions
            .iter()
            .filter(|d| d.parent_code.is_some())
            .map(|d| (d.code.clone(), d.name(lang).to_owned(), d.code == direction))
            .collect(),
        domain::OrgKind::ALL
            .iter()
            .map(|k| {
                (
                    k.code().to_owned(),
                    crate::i18n::t(lang, &format!("org_kind_{}", k.code())),
                    k.code() == kind,
                )
            })
            .collect(),
    ))
}

/// A card for the page's language.
pub fn card_view(lang: Lang, c: &Card, regions: &[Choice]) -> CardView {
    let name = crate::i18n::in_lang(lang, &c.name_kk, &c.name_ru, &c.name_en);
    CardView {
        id: c.id,
        name,
        kind: crate::i18n::t(lang, &format!("org_kind_{}", c.kind)),
        region: regions
            .iter()
            .find(|r| r.0 == c.region_code)
            .map(|r| r.1.clone())
            .unwrap_or_default(),
        locality: c.locality.clone().unwrap_or_default(),
        verified: c.status == "verified",
    }
}

/// GET /organizations
pub async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<DirectoryParams>,
) -> Response {
    let q = p.query();
    let page = p.page();
    let result = store_orgs::directory(&state.db, &q, PAGE_SIZE, (page - 1) * PAGE_SIZE).await;
    let (cards, total) = match result {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let (regions, directions, kinds) = match choices(
        &state,
        ctx.lang,
        q.region.as_deref().unwrap_or(""),
        q.direction.as_deref().unwrap_or(""),
        q.kind.as_deref().unwrap_or(""),
    )
    .await
    {
        Ok(c) => c,
        Err(e) => return store_failure(ctx, e),
    };
    let page_view = DirectoryPage {
        cards: cards
            .iter()
            .map(|c| card_view(ctx.lang, c, &regions))
            .collect(),
        total: ctx.num(total),
        q: p.q.clone(),
        regions,
        directions,
        kinds,
        verified: q.verified_only,
        prev: (page > 1).then(|| p.link(page - 1)),
        next: (page * PAGE_SIZE < total).then(|| p.link(page + 1)),
        ctx,
    };
    render(&page_view.ctx, &page_view)
}

/// The organization form (create and edit).
#[derive(Template)]
#[template(path = "org_form.html")]
pub struct OrgFormPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Title.
    pub title: String,
    /// Where it posts.
    pub action: String,
    /// Text inputs.
    pub fields: Vec<Field>,
    /// Descriptions: (name, label, value, error).
    pub descriptions: Vec<(String, String, String, Option<String>)>,
    /// Kind options.
    pub kinds: Vec<Choice>,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Direction checkboxes.
    pub directions: Vec<Choice>,
    /// Activity type checkboxes.
    pub activity_types: Vec<Choice>,
    /// Errors of the selects and checkboxes.
    pub errors: Errors,
    /// A form-wide message.
    pub form_error: Option<String>,
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    title: &str,
    action: String,
    i: &OrgInput,
    errors: Errors,
) -> Result<OrgFormPage, store::Error> {
    let lang = ctx.lang;
    let (regions, directions, kinds) = choices(state, lang, &i.region, "", &i.kind).await?;
    let directions = directions
        .into_iter()
        .map(|(c, n, _)| {
            let sel = i.directions.contains(&c);
            (c, n, sel)
        })
        .collect();
    let activity_types = state
        .reference
        .get(&state.db)
        .await?
        .activity_choices(lang, |c| i.activity_types.iter().any(|t| t == c));
    let f = |name: &'static str, kind: &'static str, value: &str, max: usize| {
        Field::new(lang, name, kind, value)
            .max(max)
            .with_errors(&errors)
    };
    let fields = vec![
        f("name_kk", "text", &i.name_kk, 200).hint(lang, "org_names_hint"),
        f("name_ru", "text", &i.name_ru, 200),
        f("name_en", "text", &i.name_en, 200),
        f("bin", "text", &i.bin, 20).hint(lang, "bin_hint"),
        f("locality", "text", &i.locality, 100),
        f("contact_email", "email", &i.contact_email, 254),
        f("contact_phone", "tel", &i.contact_phone, 30),
        f("website", "url", &i.website, 300),
    ];
    let descriptions = [
        ("description_kk", &i.description_kk),
        ("description_ru", &i.description_ru),
        ("description_en", &i.description_en),
    ]
    .into_iter()
    .map(|(n, v)| {
        (
            n.to_owned(),
            crate::i18n::t(lang, &format!("field_{n}")),
            v.clone(),
            errors.get(n).map(str::to_owned),
        )
    })
    .collect();
    Ok(OrgFormPage {
        title: ctx.t(title),
        action,
        fields,
        descriptions,
        kinds,
        regions,
        directions,
        activity_types,
        form_error: (!errors.is_empty()).then(|| ctx.t("validation_failed")),
        errors,
        ctx,
    })
}

/// Reads the organization form.
pub fn input_from_form(f: &CsrfForm) -> OrgInput {
    OrgInput {
        kind: f.get("kind").to_owned(),
        bin: f.get("bin").to_owned(),
        name_kk: f.get("name_kk").to_owned(),
        name_ru: f.get("name_ru").to_owned(),
        name_en: f.get("name_en").to_owned(),
        description_kk: f.get("description_kk").to_owned(),
        description_ru: f.get("description_ru").to_owned(),
        description_en: f.get("description_en").to_owned(),
        region: f.get("region").to_owned(),
        locality: f.get("locality").to_owned(),
        directions: f.all("directions"),
        activity_types: f.all("activity_types"),
        contact_email: f.get("contact_email").to_owned(),
        contact_phone: f.get("contact_phone").to_owned(),
        website: f.get("website").to_owned(),
    }
}

async fn show_form(
    state: &AppState,
    ctx: Ctx,
    title: &str,
    action: String,
    i: &OrgInput,
    errors: Errors,
    status: StatusCode,
) -> Response {
    match form_page(state, ctx.clone(), title, action, i, errors).await {
        Ok(p) => render_status(&ctx, status, &p),
        Err(e) => store_failure(ctx, e),
    }
}

/// GET /organizations/new
pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Response {
    if !ctx.signed_in() {
        return Redirect::to("/login").into_response();
    }
    let input = OrgInput {
        kind: "initiative_group".into(),
        ..Default::default()
    };
    show_form(
        &state,
        ctx.clone(),
        "org_new_title",
        "/organizations".into(),
        &input,
        Errors::new(ctx.lang),
        StatusCode::OK,
    )
    .await
}

/// POST /organizations
pub async fn create(State(state): State<AppState>, ctx: Ctx, form: CsrfForm) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let input = input_from_form(&form);
    match orgs::create(&state, ctx.lang, &me, &input).await {
        Ok(id) => redirect_with_flash(&format!("/organizations/{id}"), "flash_org_saved"),
        Err(OpError::Invalid(errors)) => {
            show_form(
                &state,
                ctx,
                "org_new_title",
                "/organizations".into(),
                &input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// GET /organizations/{id}/edit
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let o = match orgs::load(&state, id).await {
        Ok(o) => o,
        Err(e) => return op_error_page(ctx, e),
    };
    if let Err(e) = orgs::allow(
        ctx.user.as_ref(),
        Action::EditOrganization,
        &orgs::resource(&o),
    ) {
        return op_error_page(ctx, e);
    }
    let input = OrgInput::from_details(&Details::of(&o));
    show_form(
        &state,
        ctx.clone(),
        "org_edit_title",
        format!("/organizations/{id}/edit"),
        &input,
        Errors::new(ctx.lang),
        StatusCode::OK,
    )
    .await
}

/// POST /organizations/{id}/edit
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let input = input_from_form(&form);
    match orgs::edit(&state, ctx.lang, &me, id, &input).await {
        Ok(()) => redirect_with_flash(&format!("/organizations/{id}"), "flash_org_saved"),
        Err(OpError::Invalid(errors)) => {
            show_form(
                &state,
                ctx,
                "org_edit_title",
                format!("/organizations/{id}/edit"),
                &input,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

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
pub fn audit_views(lang: Lang, entries: &[store::audit::Entry]) -> Vec<AuditView> {
    entries
        .iter()
        .map(|e| AuditView {
            at: domain::format_datetime(e.at, lang),
            actor: e.actor_name.clone().unwrap_or_else(|| "—".into()),
            action: crate::i18n::t(lang, &format!("audit_{}", e.action.replace('.', "_"))),
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

fn is_member(me: Option<&SignedIn>, id: Uuid) -> bool {
    me.is_some_and(|m| m.roles.iter().any(|r| r.org() == Some(id)))
}

async fn org_page(
    state: &AppState,
    ctx: Ctx,
    o: Organization,
    errors: &Errors,
) -> Result<OrgPage, store::Error> {
    let lang = ctx.lang;
    let me = ctx.user.as_ref();
    let res = orgs::resource(&o);
    let private = may(me, Action::ViewOrganizationPrivate, &res);
    let refs = state.reference.get(&state.db).await?;
    let regions = &refs.regions;
    let members = store_orgs::members(&state.db, o.id).await?;
    let last = if private {
        store_orgs::requests_of(&state.db, o.id)
            .await?
            .into_iter()
            .next()
    } else {
        None
    };
    let show_audit = may(me, Action::ViewAuditLog, &res);
    let audit = if show_audit {
        store::audit::search(
            &state.db,
            &store::audit::Filter {
                organization_id: Some(o.id),
                ..Default::default()
            },
            100,
            0,
        )
        .await?
    } else {
        Vec::new()
    };
    let status = domain::OrgStatus::parse(&o.status).unwrap_or(domain::OrgStatus::Registered);
    let description = crate::i18n::in_lang(
        lang,
        &o.description_kk,
        &o.description_ru,
        &o.description_en,
    );
    let name = orgs::display_name(&o, lang).to_owned();
    let other_names = [&o.name_kk, &o.name_ru, &o.name_en]
        .iter()
        .filter_map(|n| (*n).clone())
        .filter(|n| *n != name)
        .collect();
    let median_response = store::shifts::median_response_minutes(&state.db, o.id)
        .await?
        .map(|m| {
            if m < 60 {
                ctx.tn("duration_minutes", "n", m)
            } else {
                ctx.ts("duration_hours", "n", &domain::format_hours(m, lang))
            }
        });
    let projects = store::events::projects_of(&state.db, o.id)
        .await?
        .iter()
        .map(|p| {
            let d = |x: Option<chrono::NaiveDate>| {
                x.map(|d| domain::format_date(d, lang)).unwrap_or_default()
            };
            (
                crate::i18n::in_lang(lang, &p.title_kk, &p.title_ru, &p.title_en),
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
        status: private.then(|| ctx.t(&format!("org_status_{}", o.status))),
        description,
        directions: o
            .direction_list()
            .iter()
            .filter_map(|d| domain::reference::direction(d))
            .map(|d| d.name(lang).to_owned())
            .collect(),
        activity_types: o
            .activity_type_list()
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
        members: members
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
        last_request: last.map(|r| {
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
        can_edit: may(me, Action::EditOrganization, &res),
        can_request: may(me, Action::RequestVerification, &res)
            && domain::request_verification(status).is_ok(),
        can_manage: may(me, Action::InviteMember, &res),
        can_leave: is_member(me, o.id) && may(me, Action::LeaveOrganization, &res),
        can_suspend: may(me, Action::SuspendOrganization, &res)
            && status != domain::OrgStatus::Suspended,
        can_restore: may(me, Action::RestoreOrganization, &res)
            && status == domain::OrgStatus::Suspended,
        audit: audit_views(lang, &audit),
        show_audit,
        has_logo: o.logo_type.is_some(),
        logo_error: errors.get("logo").map(str::to_owned),
        invite: Field::new(lang, "email", "email", "")
            .max(254)
            .with_errors(errors),
        ctx,
    })
}

async fn show_org(
    state: &AppState,
    ctx: Ctx,
    id: Uuid,
    errors: &Errors,
    status: StatusCode,
) -> Response {
    let o = match orgs::load(state, id).await {
        Ok(o) => o,
        Err(e) => return op_error_page(ctx, e),
    };
    let suspended = o.status == "suspended";
    if suspended
        && !may(
            ctx.user.as_ref(),
            Action::ViewOrganizationPrivate,
            &orgs::resource(&o),
        )
    {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    }
    match org_page(state, ctx.clone(), o, errors).await {
        Ok(p) => render_status(&ctx, status, &p),
        Err(e) => store_failure(ctx, e),
    }
}

/// GET /organizations/{id}
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
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
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    match orgs::request_verification(&state, &me, id).await {
        Ok(()) => redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_verification_requested",
        ),
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /organizations/{id}/suspend and /restore
pub async fn suspend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let suspend = match what.as_str() {
        "suspend" => true,
        "restore" => false,
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    match orgs::set_suspended(&state, ctx.lang, &me, id, suspend, f.get("reason")).await {
        Ok(()) => redirect_with_flash(&format!("/organizations/{id}"), "flash_org_saved"),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /organizations/{id}/invite
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    match orgs::invite(&state, ctx.lang, &me, id, f.get("email")).await {
        Ok(()) => redirect_with_flash(&format!("/organizations/{id}"), "flash_invitation_sent"),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /organizations/{id}/members/{user}/remove (the user themself: leave) and
/// /organizations/{id}/members/{user}/owner (hand over ownership).
pub async fn member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user, what)): Path<(String, String, String)>,
    _f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let (Some(id), Some(user)) = (parse_id(&id), parse_id(&user)) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let (done, flash) = match what.as_str() {
        "remove" => (
            orgs::remove_member(&state, &me, id, user).await,
            "flash_member_removed",
        ),
        "owner" => (
            orgs::transfer(&state, &me, id, user).await,
            "flash_org_saved",
        ),
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    match done {
        Ok(()) => redirect_with_flash(&format!("/organizations/{id}"), flash),
        Err(e) => op_error_page(ctx, e),
    }
}

/// The invitation page: accept with one button.
#[derive(Template)]
#[template(path = "invitation.html")]
pub struct InvitationPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The token, for the form.
    pub token: String,
}

/// The `?token=` of an invitation link.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenParam {
    /// The token.
    pub token: String,
}

/// GET /invitations/accept?token=
pub async fn invitation(ctx: Ctx, Query(q): Query<TokenParam>) -> Response {
    if !ctx.signed_in() {
        return error_page(ctx, StatusCode::UNAUTHORIZED, "invitation_log_in");
    }
    let page = InvitationPage {
        token: q.token,
        ctx,
    };
    render(&page.ctx, &page)
}

/// POST /invitations/accept
pub async fn accept(State(state): State<AppState>, ctx: Ctx, f: CsrfForm) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    match orgs::accept_invitation(&state, &me, f.get("token")).await {
        Ok(org) => redirect_with_flash(
            &format!("/organizations/{org}"),
            "flash_invitation_accepted",
        ),
        Err(OpError::BadToken) => error_page(ctx, StatusCode::BAD_REQUEST, "invitation_invalid"),
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /organizations/{id}/logo (multipart: `_csrf`, `logo`).
pub async fn upload_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::Extension(csrf): axum::Extension<crate::security::CsrfToken>,
    form: axum::extract::Multipart,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let bytes = match crate::ctx::Upload::read(form, "logo", Some(&csrf)).await {
        Ok(up) => up.bytes,
        Err((status, code)) => return error_page(ctx, status, code),
    };
    match orgs::set_logo(&state, ctx.lang, &me, id, &bytes).await {
        Ok(()) => redirect_with_flash(&format!("/organizations/{id}"), "flash_org_saved"),
        Err(OpError::Invalid(errors)) => {
            show_org(&state, ctx, id, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// GET /organizations/{id}/logo — served with its sniffed type, never as HTML.
pub async fn logo(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(id) = parse_id(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match store_orgs::logo(&state.db, id).await {
        Ok(Some((bytes, ct))) => {
            let ct = HeaderValue::from_str(&ct)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let mut res = (StatusCode::OK, bytes).into_response();
            res.headers_mut().insert(header::CONTENT_TYPE, ct);
            res.headers_mut().insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; sandbox"),
            );
            res.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            );
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "logo");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

// ---------------------------------------------------------------- front-office

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
pub async fn front_office(ctx: Ctx) -> Response {
    let Some(me) = &ctx.user else {
        return Redirect::to("/login").into_response();
    };
    let first = me
        .roles
        .iter()
        .find_map(|r| r.region().map(|c| c.as_str().to_owned()));
    match (first, me.is_national_admin()) {
        (Some(code), _) => Redirect::to(&format!("/front-office/{code}")).into_response(),
        (None, true) => Redirect::to("/front-office/KZ-71").into_response(),
        (None, false) => error_page(ctx, StatusCode::FORBIDDEN, "forbidden"),
    }
}

fn waited(lang: Lang, since: chrono::DateTime<chrono::Utc>) -> String {
    let hours = (chrono::Utc::now() - since).num_hours().max(0);
    if hours < 48 {
        crate::i18n::t_args(lang, "waited_hours", &[("n", crate::i18n::Arg::Num(hours))])
    } else {
        crate::i18n::t_args(
            lang,
            "waited_days",
            &[("n", crate::i18n::Arg::Num(hours / 24))],
        )
    }
}

/// GET /front-office/{region} — only that region's coordinators and the national admin.
pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(region): Path<String>,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Ok(code) = domain::RegionCode::parse(&region) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    if let Err(e) = orgs::allow(
        Some(&me),
        Action::ViewVerificationQueue,
        &Resource::Region(code.clone()),
    ) {
        return op_error_page(ctx, e);
    }
    let lang = ctx.lang;
    let items = match store_orgs::queue(&state.db, code.as_str()).await {
        Ok(i) => i,
        Err(e) => return store_failure(ctx, e),
    };
    let my_regions = if me.is_national_admin() {
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
    };
    let escalate = chrono::Duration::days(state.settings.opportunities.escalate_after_days);
    let escalated = match store::shifts::escalated(&state.db, code.as_str(), escalate).await {
        Ok(e) => e,
        Err(e) => return store_failure(ctx, e),
    };
    let disputed = match store::ledger::disputed_in_region(&state.db, code.as_str()).await {
        Ok(d) => d
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
        Err(e) => return store_failure(ctx, e),
    };
    let page = QueuePage {
        disputed,
        escalated: escalated
            .iter()
            .map(|w| {
                (
                    w.application_id,
                    w.event_id,
                    crate::i18n::in_lang(lang, &w.title_kk, &w.title_ru, &w.title_en),
                    waited(lang, w.created_at),
                )
            })
            .collect(),
        code: code.as_str().to_owned(),
        region: code.name(lang).to_owned(),
        my_regions,
        items: items
            .iter()
            .map(|q| {
                let name = crate::i18n::in_lang(lang, &q.name_kk, &q.name_ru, &q.name_en);
                (
                    q.id,
                    name,
                    crate::i18n::t(lang, &format!("org_kind_{}", q.kind)),
                    domain::format_datetime(q.requested_at, lang),
                    waited(lang, q.requested_at),
                )
            })
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
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
    id: Uuid,
    errors: &Errors,
    (decision, reason): (&str, &str),
    status: StatusCode,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let req = match store_orgs::request(&state.db, id).await {
        Ok(Some(r)) => r,
        Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        Err(e) => return store_failure(ctx, e),
    };
    let o = match orgs::load(state, req.organization_id).await {
        Ok(o) => o,
        Err(e) => return op_error_page(ctx, e),
    };
    if let Err(e) = orgs::allow(Some(&me), Action::VerifyOrganization, &orgs::resource(&o)) {
        return op_error_page(ctx, e);
    }
    let org = match org_page(state, ctx.clone(), o, errors).await {
        Ok(p) => p,
        Err(e) => return store_failure(ctx, e),
    };
    let page = VerificationPage {
        id,
        org,
        open: req.status == "open",
        decision_error: errors.get("decision").map(str::to_owned),
        reason_error: errors.get("reason").map(str::to_owned),
        reason: reason.to_owned(),
        decision: decision.to_owned(),
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// GET /verification/{id}
pub async fn verification(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    verification_page(
        &state,
        ctx.clone(),
        id,
        &Errors::new(ctx.lang),
        ("", ""),
        StatusCode::OK,
    )
    .await
}

/// POST /verification/{id}
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Some(id) = parse_id(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    match orgs::decide(
        &state,
        ctx.lang,
        &me,
        id,
        f.get("decision"),
        f.get("reason"),
    )
    .await
    {
        Ok(org) => {
            let region = store_orgs::get(&state.db, org)
                .await
                .ok()
                .flatten()
                .map(|o| o.region_code)
                .unwrap_or_default();
            redirect_with_flash(&format!("/front-office/{region}"), "flash_decision_saved")
        }
        Err(OpError::Invalid(errors)) => {
            verification_page(
                &state,
                ctx,
                id,
                &errors,
                (f.get("decision"), f.get("reason")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

// ---------------------------------------------------------------- national admin

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
    errors: &Errors,
    email: &str,
    region: &str,
    status: StatusCode,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Err(e) = orgs::allow(Some(&me), Action::AssignRoles, &Resource::Site) {
        return op_error_page(ctx, e);
    }
    let lang = ctx.lang;
    let rows = match store::accounts::coordinators(&state.db).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
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
    render_status(&page.ctx, status, &page)
}

/// GET /admin/coordinators
pub async fn coordinators(State(state): State<AppState>, ctx: Ctx) -> Response {
    coordinators_page(
        &state,
        ctx.clone(),
        &Errors::new(ctx.lang),
        "",
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /admin/coordinators (appoint) and /admin/coordinators/remove
pub async fn set_coordinator(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(what): Path<String>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let appoint = match what.as_str() {
        "appoint" => true,
        "remove" => false,
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    match orgs::set_coordinator(
        &state,
        ctx.lang,
        &me,
        f.get("email"),
        f.get("region"),
        appoint,
    )
    .await
    {
        Ok(()) => redirect_with_flash("/admin/coordinators", "flash_org_saved"),
        Err(OpError::Invalid(errors)) => {
            coordinators_page(
                &state,
                ctx,
                &errors,
                f.get("email"),
                f.get("region"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
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

/// GET /admin/audit
pub async fn audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<AuditParams>,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Err(e) = orgs::allow(Some(&me), Action::ViewAuditLog, &Resource::Site) {
        return op_error_page(ctx, e);
    }
    let page = p.page.unwrap_or(1).clamp(1, 10_000);
    let filter = store::audit::Filter {
        action_prefix: (!p.action.trim().is_empty())
            .then(|| p.action.trim().chars().take(60).collect()),
        region_code: domain::RegionCode::parse(&p.region)
            .ok()
            .map(|r| r.as_str().to_owned()),
        ..Default::default()
    };
    let entries = match store::audit::search(&state.db, &filter, 50, (page - 1) * 50).await {
        Ok(e) => e,
        Err(e) => return store_failure(ctx, e),
    };
    let lang = ctx.lang;
    let view = AuditPage {
        next: (entries.len() == 50).then(|| {
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
    render(&view.ctx, &view)
}
