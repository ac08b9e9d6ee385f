//! The organization form: create and edit.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, Me, Signed};
use crate::error::PageResult;
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render_status};
use app::OpError;
use app::organizations::{self, OrgInput};

use super::directory::choices;

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
) -> Result<OrgFormPage, app::StoreError> {
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
            app::i18n::t(lang, &format!("field_{n}")),
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
) -> PageResult {
    let page = form_page(state, ctx.clone(), title, action, i, errors).await?;
    Ok(render_status(&ctx, status, &page))
}

/// GET /organizations/new
pub async fn new_form(State(state): State<AppState>, ctx: Ctx, _me: Me) -> PageResult {
    let input = OrgInput {
        kind: domain::OrgKind::default().code().to_owned(),
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
pub async fn create(Signed { state, ctx, me }: Signed, form: CsrfForm) -> PageResult {
    let input = input_from_form(&form);
    match organizations::create(&state, ctx.lang, &me, &input).await {
        Ok(id) => Ok(redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_org_saved",
        )),
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
        Err(e) => Err(e.into()),
    }
}

/// GET /organizations/{id}/edit
pub async fn edit_form(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let input = organizations::edit_input(&state, ctx.user.as_ref(), id).await?;
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
pub async fn edit(Signed { state, ctx, me }: Signed, Id(id): Id, form: CsrfForm) -> PageResult {
    let input = input_from_form(&form);
    match organizations::edit(&state, ctx.lang, &me, id, &input).await {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/organizations/{id}"),
            "flash_org_saved",
        )),
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
        Err(e) => Err(e.into()),
    }
}
