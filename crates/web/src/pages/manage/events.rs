//! The event form (new and existing events) and the organization's project form.

use app::OpError;
use app::events::Project;
use app::events::{self, EventInput, FormFor};
use app::i18n::in_lang as title;
use askama::Template;
use axum::http::StatusCode;
use domain::opportunity::EventMode;
use uuid::Uuid;

use super::messages;
use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render_status};

/// The event form.
#[derive(Template)]
#[template(path = "event_form.html")]
pub struct EventFormPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Heading.
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    /// Text inputs.
    pub fields: Vec<Field>,
    /// Descriptions: (name, label, value, error).
    pub descriptions: Vec<(String, String, String, Option<String>)>,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Direction options.
    pub directions: Vec<Choice>,
    /// Activity type options.
    pub types: Vec<Choice>,
    /// Mode options.
    pub modes: Vec<Choice>,
    /// The organization's projects.
    pub projects: Vec<Choice>,
    /// Language options.
    pub languages: Vec<Choice>,
    /// Online.
    pub online: bool,
    /// Hazardous.
    pub hazardous: bool,
    /// Errors.
    pub errors: Errors,
}

fn num_text(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The form's fields as typed, and errors of values that did not even parse.
fn input_from_form(f: &CsrfForm) -> (EventInput, Vec<(&'static str, domain::Invalid)>) {
    let mut bad = Vec::new();
    let mut float = |name: &'static str| match f.get(name).trim() {
        "" => None,
        s => match s.replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                bad.push((name, domain::Invalid::OutsideKazakhstan));
                Some(f64::NAN)
            }
        },
    };
    let lat = float("lat");
    let lon = float("lon");
    let min_age = match f.get("min_age").trim() {
        "" => 0,
        s => s.parse::<u32>().unwrap_or_else(|_| {
            bad.push((
                "min_age",
                domain::Invalid::NumberOutOfRange { min: 0, max: 100 },
            ));
            0
        }),
    };
    let i = EventInput {
        title_kk: f.get("title_kk").to_owned(),
        title_ru: f.get("title_ru").to_owned(),
        title_en: f.get("title_en").to_owned(),
        description_kk: f.get("description_kk").to_owned(),
        description_ru: f.get("description_ru").to_owned(),
        description_en: f.get("description_en").to_owned(),
        direction: f.get("direction").to_owned(),
        activity_type: f.get("activity_type").to_owned(),
        region: f.get("region").to_owned(),
        locality: f.get("locality").to_owned(),
        address: f.get("address").to_owned(),
        lat: lat.filter(|v| !v.is_nan()),
        lon: lon.filter(|v| !v.is_nan()),
        online: !f.get("online").is_empty(),
        time_zone: f.get("time_zone").to_owned(),
        mode: f.get("mode").to_owned(),
        min_age,
        hazardous: !f.get("hazardous").is_empty(),
        skills: vec![f.get("skills").to_owned()],
        languages: f.all("languages"),
        contact_name: f.get("contact_name").to_owned(),
        contact_phone: f.get("contact_phone").to_owned(),
        project_id: Uuid::parse_str(f.get("project_id")).ok(),
    };
    (i, bad)
}

fn input_from_event(e: &app::events::Event) -> EventInput {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    EventInput {
        title_kk: s(&e.title_kk),
        title_ru: s(&e.title_ru),
        title_en: s(&e.title_en),
        description_kk: s(&e.description_kk),
        description_ru: s(&e.description_ru),
        description_en: s(&e.description_en),
        direction: s(&e.direction),
        activity_type: e.activity_type.clone(),
        region: e.region_code.clone(),
        locality: s(&e.locality),
        address: s(&e.address),
        lat: e.lat,
        lon: e.lon,
        online: e.online,
        time_zone: e.time_zone.clone(),
        mode: e.mode.code().to_owned(),
        min_age: u32::try_from(e.min_age).unwrap_or(0),
        hazardous: e.hazardous,
        skills: e.skills.to_vec(),
        languages: e.languages.to_vec(),
        contact_name: s(&e.contact_name),
        contact_phone: s(&e.contact_phone),
        project_id: e.project_id,
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: Ctx,
    heading: &str,
    action: String,
    projects: &[Project],
    i: &EventInput,
    errors: Errors,
    status: StatusCode,
) -> PageResult {
    let lang = ctx.lang;
    let refs = state.reference.get(&state.db).await?;
    let field = |name: &'static str, ty: &'static str, value: &str| {
        Field::new(lang, name, ty, value).with_errors(&errors)
    };
    let fields = vec![
        field("title_kk", "text", &i.title_kk),
        field("title_ru", "text", &i.title_ru),
        field("title_en", "text", &i.title_en),
        field("locality", "text", &i.locality),
        field("address", "text", &i.address),
        field("lat", "text", &num_text(i.lat)).hint(lang, "event_point_hint"),
        field("lon", "text", &num_text(i.lon)),
        field(
            "time_zone",
            "text",
            if i.time_zone.is_empty() {
                "Asia/Almaty"
            } else {
                &i.time_zone
            },
        ),
        field("min_age", "number", &i.min_age.to_string()),
        field("skills", "text", &i.skills.join(", ")).hint(lang, "event_skills_hint"),
        field("contact_name", "text", &i.contact_name),
        field("contact_phone", "tel", &i.contact_phone),
    ];
    let descriptions = [
        ("description_kk", &i.description_kk),
        ("description_ru", &i.description_ru),
        ("description_en", &i.description_en),
    ]
    .iter()
    .map(|(n, v)| {
        (
            (*n).to_owned(),
            ctx.t(&format!("field_{n}")),
            (*v).clone(),
            errors.get(n).map(str::to_owned),
        )
    })
    .collect();
    let mode = if i.mode.is_empty() {
        EventMode::default().code()
    } else {
        &i.mode
    };
    let page = EventFormPage {
        heading: ctx.t(heading),
        action,
        fields,
        descriptions,
        regions: refs.region_choices(lang, &i.region),
        directions: refs.direction_choices(lang, &i.direction),
        types: refs.activity_choices(lang, |c| c == i.activity_type),
        modes: EventMode::ALL
            .iter()
            .map(|m| {
                (
                    m.code().to_owned(),
                    ctx.t(&format!("event_mode_{m}")),
                    m.code() == mode,
                )
            })
            .collect(),
        languages: domain::Lang::ALL
            .iter()
            .map(|l| {
                (
                    l.code().to_owned(),
                    l.native_name().to_owned(),
                    i.languages.iter().any(|x| x == l.code()),
                )
            })
            .collect(),
        projects: projects
            .iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    title(lang, &p.title_kk, &p.title_ru, &p.title_en),
                    i.project_id == Some(p.id),
                )
            })
            .collect(),
        online: i.online,
        hazardous: i.hazardous,
        errors,
        ctx,
    };
    Ok(render_status(&page.ctx, status, &page))
}

fn merge(mut errors: Errors, bad: Vec<(&'static str, domain::Invalid)>) -> Errors {
    for (f, e) in bad {
        errors.invalid(f, &e);
    }
    errors
}

/// GET /organizations/{id}/events/new
pub async fn new_form(Signed { state, ctx, me }: Signed, Id(org): Id) -> PageResult {
    let form = events::event_form(&state, &me, FormFor::NewEvent(org)).await?;
    let i = EventInput {
        region: form.organization.region_code.clone(),
        ..Default::default()
    };
    let lang = ctx.lang;
    form_page(
        &state,
        ctx,
        "event_new_title",
        format!("/organizations/{org}/events"),
        &form.projects,
        &i,
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /organizations/{id}/events
pub async fn create(Signed { state, ctx, me }: Signed, Id(org): Id, f: CsrfForm) -> PageResult {
    save(&state, ctx, &me, &f, FormFor::NewEvent(org)).await
}

/// Checks and saves the event form; on refusal the form again with the errors beside the
/// fields and what was typed.
async fn save(
    state: &AppState,
    ctx: Ctx,
    me: &SignedIn,
    f: &CsrfForm,
    target: FormFor,
) -> PageResult {
    let (i, bad) = input_from_form(f);
    let r = if bad.is_empty() {
        match target {
            FormFor::NewEvent(org) => events::create(state, ctx.lang, me, org, &i).await,
            FormFor::Event(id) => events::update(state, ctx.lang, me, id, &i)
                .await
                .map(|()| id),
        }
    } else {
        Err(OpError::Invalid(merge(
            events::validate(ctx.lang, &i)
                .err()
                .unwrap_or_else(|| Errors::new(ctx.lang)),
            bad,
        )))
    };
    let errors = match r {
        Ok(id) => {
            return Ok(redirect_with_flash(
                &format!("/events/{id}/manage"),
                "flash_event_saved",
            ));
        }
        Err(OpError::Invalid(errors)) => errors,
        Err(e) => return Err(e.into()),
    };
    let form = events::event_form(state, me, target).await?;
    let (title, action) = match target {
        FormFor::NewEvent(org) => ("event_new_title", format!("/organizations/{org}/events")),
        FormFor::Event(id) => ("event_edit_title", format!("/events/{id}/edit")),
    };
    form_page(
        state,
        ctx,
        title,
        action,
        &form.projects,
        &i,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// GET /events/{id}/edit
pub async fn edit_form(Signed { state, ctx, me }: Signed, Id(id): Id) -> PageResult {
    let form = events::event_form(&state, &me, FormFor::Event(id)).await?;
    let Some(ev) = &form.event else {
        return Err(PageError::not_found());
    };
    let lang = ctx.lang;
    form_page(
        &state,
        ctx,
        "event_edit_title",
        format!("/events/{id}/edit"),
        &form.projects,
        &input_from_event(ev),
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /events/{id}/edit
pub async fn edit(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
    save(&state, ctx, &me, &f, FormFor::Event(id)).await
}

/// POST /organizations/{id}/projects
pub async fn create_project(
    Signed { state, ctx, me }: Signed,
    Id(org): Id,
    f: CsrfForm,
) -> PageResult {
    let i = events::ProjectInput {
        title_kk: f.get("title_kk").to_owned(),
        title_ru: f.get("title_ru").to_owned(),
        title_en: f.get("title_en").to_owned(),
        goals: f.get("goals").to_owned(),
        starts_on: f.get("starts_on").to_owned(),
        ends_on: f.get("ends_on").to_owned(),
    };
    let back = format!("/organizations/{org}");
    match events::create_project(&state, ctx.lang, &me, org, &i).await {
        Ok(_) => Ok(redirect_with_flash(&back, "flash_saved")),
        Err(OpError::Invalid(errors)) => Ok(crate::error::message_page(
            ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &messages(&errors),
            &back,
        )),
        Err(e) => Err(e.into()),
    }
}
