//! Event pages for organizers: the event form, the event's management page (status, shift
//! series, exports), a shift's applications (decide one by one or in bulk, move, consent,
//! attendance) and its check-in QR code.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::ctx::{CsrfForm, Ctx};
use crate::error::{error_page, store_failure};
use crate::events::{self, Attendance, EventInput, SeriesInput};
use crate::i18n::in_lang as title;
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{op_error_page, redirect_with_flash, render, render_status};

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

fn input_from_event(e: &store::events::Event) -> EventInput {
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
        mode: e.mode.clone(),
        min_age: u32::try_from(e.min_age).unwrap_or(0),
        hazardous: e.hazardous,
        skills: e.skill_list(),
        languages: e.language_list(),
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
    org: Uuid,
    i: &EventInput,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let lang = ctx.lang;
    let refs = match state.reference.get(&state.db).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let projects = match store::events::projects_of(&state.db, org).await {
        Ok(p) => p,
        Err(e) => return store_failure(ctx, e),
    };
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
        "first_come"
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
        modes: ["first_come", "moderated"]
            .iter()
            .map(|m| {
                (
                    (*m).to_owned(),
                    ctx.t(&format!("event_mode_{m}")),
                    *m == mode,
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
    render_status(&page.ctx, status, &page)
}

fn merge(mut errors: Errors, bad: Vec<(&'static str, domain::Invalid)>) -> Errors {
    for (f, e) in bad {
        errors.invalid(f, &e);
    }
    errors
}

/// GET /organizations/{id}/events/new
pub async fn new_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let me = signed_in_or_login!(ctx);
    let org = uuid_or_404!(ctx, &id);
    let o = try_page!(ctx, crate::orgs::load(&state, org).await);
    if !events::manages(Some(&me), &o) {
        return error_page(ctx, StatusCode::FORBIDDEN, "forbidden");
    }
    let i = EventInput {
        region: o.region_code.clone(),
        ..Default::default()
    };
    let lang = ctx.lang;
    form_page(
        &state,
        ctx,
        "event_new_title",
        format!("/organizations/{org}/events"),
        org,
        &i,
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /organizations/{id}/events
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let org = uuid_or_404!(ctx, &id);
    save(&state, ctx, &me, &f, Target::New(org)).await
}

/// What the event form saves: a new event of an organization, or an existing event.
#[derive(Clone, Copy)]
enum Target {
    New(Uuid),
    Existing(Uuid),
}

/// Checks and saves the event form; on refusal the form again with the errors beside the
/// fields and what was typed.
async fn save(
    state: &AppState,
    ctx: Ctx,
    me: &crate::auth::SignedIn,
    f: &CsrfForm,
    target: Target,
) -> Response {
    let (i, bad) = input_from_form(f);
    let r = if bad.is_empty() {
        match target {
            Target::New(org) => events::create(state, ctx.lang, me, org, &i).await,
            Target::Existing(id) => events::update(state, ctx.lang, me, id, &i)
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
        Ok(id) => return redirect_with_flash(&format!("/events/{id}/manage"), "flash_event_saved"),
        Err(OpError::Invalid(errors)) => errors,
        Err(e) => return op_error_page(ctx, e),
    };
    let (title, action, org) = match target {
        Target::New(org) => (
            "event_new_title",
            format!("/organizations/{org}/events"),
            org,
        ),
        Target::Existing(id) => match store::events::get(&state.db, id).await {
            Ok(Some(e)) => (
                "event_edit_title",
                format!("/events/{id}/edit"),
                e.organization_id,
            ),
            Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
            Err(e) => return store_failure(ctx, e),
        },
    };
    form_page(
        state,
        ctx,
        title,
        action,
        org,
        &i,
        errors,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// GET /events/{id}/edit
pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    let (ev, _) = try_page!(ctx, events::load_managed(&state, &me, id).await);
    let lang = ctx.lang;
    form_page(
        &state,
        ctx,
        "event_edit_title",
        format!("/events/{id}/edit"),
        ev.organization_id,
        &input_from_event(&ev),
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /events/{id}/edit
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    save(&state, ctx, &me, &f, Target::Existing(id)).await
}

/// A shift on the management page.
pub struct ManagedShift {
    /// Key.
    pub id: Uuid,
    /// When.
    pub when: String,
    /// Taken / capacity, formatted.
    pub places: String,
    /// What happens.
    pub description: String,
}

/// The management page of an event.
#[derive(Template)]
#[template(path = "event_manage.html")]
pub struct ManagePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Key.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Status code.
    pub status: String,
    /// Status translated.
    pub status_text: String,
    /// Mode translated.
    pub mode_text: String,
    /// Time zone of the shifts.
    pub time_zone: String,
    /// The organization is verified (may publish).
    pub can_publish: bool,
    /// Shifts.
    pub shifts: Vec<ManagedShift>,
    /// The series form.
    pub series: Vec<Field>,
    /// Weekday options (1..7, name, checked).
    pub weekdays: Vec<Choice>,
    /// Errors of the series or cancel form.
    pub errors: Errors,
}

async fn manage_page(
    state: &AppState,
    ctx: Ctx,
    id: Uuid,
    s: &SeriesInput,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let lang = ctx.lang;
    let (ev, o) = try_page!(ctx, events::load_managed(state, &me, id).await);
    let shifts = try_page!(ctx, store::shifts::shifts_of(&state.db, id).await);
    let field = |name: &'static str, ty: &'static str, value: &str| {
        Field::new(lang, name, ty, value).with_errors(&errors)
    };
    let weekday_keys = [
        "weekday_mon",
        "weekday_tue",
        "weekday_wed",
        "weekday_thu",
        "weekday_fri",
        "weekday_sat",
        "weekday_sun",
    ];
    let page = ManagePage {
        id,
        title: title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en),
        status_text: ctx.t(&format!("event_status_{}", ev.status)),
        mode_text: ctx.t(&format!("event_mode_{}", ev.mode)),
        status: ev.status.clone(),
        time_zone: ev.time_zone.clone(),
        can_publish: o.status == "verified",
        shifts: shifts
            .iter()
            .map(|sh| ManagedShift {
                id: sh.id,
                when: format!(
                    "{} — {}",
                    domain::format_datetime(sh.starts_at, lang),
                    domain::format_datetime(sh.ends_at, lang)
                ),
                places: format!("{} / {}", ctx.num(sh.accepted_count), ctx.num(sh.capacity)),
                description: sh.description.clone().unwrap_or_default(),
            })
            .collect(),
        series: vec![
            field("date_from", "date", &s.date_from).required(),
            field("date_to", "date", &s.date_to).hint(lang, "series_date_to_hint"),
            field("start_time", "time", &s.start_time).required(),
            field("end_time", "time", &s.end_time).required(),
            field("capacity", "number", &s.capacity).required(),
            field("description", "text", &s.description),
        ],
        weekdays: weekday_keys
            .iter()
            .enumerate()
            .map(|(n, k)| {
                let d = (n + 1) as u8;
                ((d).to_string(), ctx.t(k), s.weekdays.contains(&d))
            })
            .collect(),
        errors,
        ctx,
    };
    render_status(&page.ctx, status, &page)
}

/// GET /events/{id}/manage
pub async fn manage(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let id = uuid_or_404!(ctx, &id);
    let lang = ctx.lang;
    manage_page(
        &state,
        ctx,
        id,
        &SeriesInput::default(),
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /events/{id}/shifts — a series (a single shift is a series of one day).
pub async fn add_series(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    let s = SeriesInput {
        date_from: f.get("date_from").to_owned(),
        date_to: f.get("date_to").to_owned(),
        weekdays: f
            .all("weekdays")
            .iter()
            .filter_map(|d| d.parse().ok())
            .collect(),
        start_time: f.get("start_time").to_owned(),
        end_time: f.get("end_time").to_owned(),
        capacity: f.get("capacity").to_owned(),
        description: f.get("description").to_owned(),
    };
    match events::add_series(&state, ctx.lang, &me, id, &s).await {
        Ok(ids) => {
            let mut res =
                redirect_with_flash(&format!("/events/{id}/manage"), "flash_shifts_added");
            res.headers_mut().insert(
                "x-shifts-added",
                header::HeaderValue::from(ids.len() as u64),
            );
            res
        }
        Err(OpError::Invalid(errors)) => {
            manage_page(
                &state,
                ctx,
                id,
                &s,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /events/{id}/{publish|complete|cancel}
pub async fn status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let id = uuid_or_404!(ctx, &id);
    let r = match what.as_str() {
        "publish" => events::publish(&state, &me, id).await,
        "complete" => events::complete(&state, &me, id).await,
        "cancel" => events::cancel_event(&state, ctx.lang, &me, id, f.get("reason")).await,
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    match r {
        Ok(()) => redirect_with_flash(&format!("/events/{id}/manage"), "flash_event_saved"),
        Err(OpError::Invalid(errors)) => {
            let lang = ctx.lang;
            let _ = lang;
            manage_page(
                &state,
                ctx,
                id,
                &SeriesInput::default(),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// An application on the shift's list.
pub struct ApplicantView {
    /// Application.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// E-mail and phone.
    pub contact: String,
    /// Under 18.
    pub minor: bool,
    /// Status code.
    pub status: String,
    /// Status translated.
    pub status_text: String,
    /// Why she applies.
    pub motivation: String,
    /// Applied at.
    pub applied: String,
    /// Waits for a parent's consent.
    pub needs_consent: bool,
    /// Attendance times.
    pub attendance: String,
}

/// A shift's applications.
#[derive(Template)]
#[template(path = "shift_applications.html")]
pub struct ApplicationsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The event (id, title).
    pub event: (Uuid, String),
    /// The shift.
    pub shift: Uuid,
    /// When.
    pub when: String,
    /// Taken / capacity.
    pub places: String,
    /// Applications.
    pub items: Vec<ApplicantView>,
    /// Other shifts to move to: (id, when).
    pub others: Vec<(Uuid, String)>,
}

/// GET /shifts/{id}/applications
pub async fn applications(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let lang = ctx.lang;
    let shift_id = uuid_or_404!(ctx, &id);
    let rows = try_page!(ctx, events::applications(&state, &me, shift_id).await);
    let shift = match store::shifts::shift(&state.db, shift_id).await {
        Ok(Some(s)) => s,
        Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        Err(e) => return store_failure(ctx, e),
    };
    let (ev, _) = try_page!(ctx, events::load(&state, shift.event_id).await);
    let siblings = try_page!(ctx, store::shifts::shifts_of(&state.db, ev.id).await);
    let today = crate::today();
    let fmt = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| domain::format_datetime(t, lang))
            .unwrap_or_default()
    };
    let page = ApplicationsPage {
        event: (ev.id, title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en)),
        shift: shift_id,
        when: format!(
            "{} — {}",
            domain::format_datetime(shift.starts_at, lang),
            domain::format_datetime(shift.ends_at, lang)
        ),
        places: format!(
            "{} / {}",
            ctx.num(shift.accepted_count),
            ctx.num(shift.capacity)
        ),
        items: rows
            .iter()
            .map(|a| ApplicantView {
                id: a.id,
                name: a.display_name.clone(),
                contact: [Some(a.email.clone()), a.phone.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                minor: a.birth_date.is_some_and(|b| domain::is_minor(b, today)),
                status: a.status.clone(),
                status_text: ctx.t(&format!("application_status_{}", a.status)),
                motivation: a.motivation.clone().unwrap_or_default(),
                applied: domain::format_datetime(a.created_at, lang),
                needs_consent: a.consent_required && a.consent_recorded_at.is_none(),
                attendance: match (a.checked_in_at, a.checked_out_at) {
                    (None, None) => String::new(),
                    (i, o) => format!("{} — {}", fmt(i), fmt(o)),
                },
            })
            .collect(),
        others: siblings
            .iter()
            .filter(|s| s.id != shift_id)
            .map(|s| (s.id, domain::format_datetime(s.starts_at, lang)))
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
}

async fn back_to_shift(state: &AppState, application: Uuid) -> String {
    match store::shifts::application(&state.db, application).await {
        Ok(Some(a)) => format!("/shifts/{}/applications", a.shift_id),
        _ => "/".to_owned(),
    }
}

/// POST /applications/{id}/{accept|reject|move|consent|check_in|check_out|no_show}
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, what)): Path<(String, String)>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let app = uuid_or_404!(ctx, &id);
    let back = match f.get("back") {
        b if b.starts_with("/front-office/") && !b.contains("//") => b.to_owned(),
        _ => back_to_shift(&state, app).await,
    };
    let lang = ctx.lang;
    let r = match what.as_str() {
        "accept" => events::accept(&state, &me, app).await,
        "reject" => events::reject(&state, lang, &me, app, f.get("reason")).await,
        "move" => match Uuid::parse_str(f.get("shift")) {
            Ok(to) => events::move_to(&state, &me, app, to).await,
            Err(_) => Err(OpError::NotFound),
        },
        "consent" => events::record_consent(
            &state,
            lang,
            &me,
            app,
            &events::ConsentInput {
                parent_name: f.get("parent_name").to_owned(),
                parent_contact: f.get("parent_contact").to_owned(),
                consent_date: f.get("consent_date").to_owned(),
            },
        )
        .await
        .map(|_| ()),
        "check_in" => events::attendance(&state, &me, app, Attendance::CheckIn).await,
        "check_out" => events::attendance(&state, &me, app, Attendance::CheckOut).await,
        "no_show" => events::attendance(&state, &me, app, Attendance::NoShow).await,
        _ => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    };
    match r {
        Ok(()) => redirect_with_flash(&back, "flash_saved"),
        Err(OpError::Invalid(errors)) => {
            let msg = errors
                .iter()
                .map(|(_, (_, m))| m.clone())
                .collect::<Vec<_>>()
                .join(" ");
            crate::error::message_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &msg, &back)
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /shifts/{id}/decisions — accept or reject the ticked applications.
pub async fn bulk(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let shift = uuid_or_404!(ctx, &id);
    let ids: Vec<Uuid> = f
        .all("applications")
        .iter()
        .filter_map(|s| Uuid::parse_str(s).ok())
        .collect();
    let back = format!("/shifts/{shift}/applications");
    let accept_them = f.get("decision") == "accept";
    match events::decide_bulk(&state, ctx.lang, &me, &ids, accept_them, f.get("reason")).await {
        Ok(out) if out.refused.is_empty() => redirect_with_flash(&back, "flash_saved"),
        Ok(out) => {
            let msg = ctx.tn("bulk_refused", "n", out.refused.len() as i64)
                + " "
                + &out
                    .refused
                    .iter()
                    .map(|(_, code)| ctx.t(code))
                    .collect::<Vec<_>>()
                    .join("; ");
            crate::error::message_page(ctx, StatusCode::CONFLICT, &msg, &back)
        }
        Err(OpError::Invalid(errors)) => {
            let msg = errors
                .iter()
                .map(|(_, (_, m))| m.clone())
                .collect::<Vec<_>>()
                .join(" ");
            crate::error::message_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &msg, &back)
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// The check-in QR page (shown on the organizer's phone).
#[derive(Template)]
#[template(path = "shift_qr.html")]
pub struct QrPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The event (id, title).
    pub event: (Uuid, String),
    /// The link in the code.
    pub link: String,
    /// The QR code as inline SVG (generated here; no user text inside).
    pub svg: String,
    /// Valid until, formatted.
    pub until: String,
    /// Seconds before the page renews the code.
    pub refresh: i64,
}

/// GET /shifts/{id}/qr
pub async fn qr(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let me = signed_in_or_login!(ctx);
    let lang = ctx.lang;
    let shift = uuid_or_404!(ctx, &id);
    let (code, expires) = try_page!(ctx, events::check_in_code(&state, &me, shift).await);
    let s = match store::shifts::shift(&state.db, shift).await {
        Ok(Some(s)) => s,
        Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        Err(e) => return store_failure(ctx, e),
    };
    let (ev, _) = try_page!(ctx, events::load(&state, s.event_id).await);
    let link = format!(
        "{}/check-in?code={code}",
        state.settings.public_url.trim_end_matches('/')
    );
    let svg = match qrcode::QrCode::new(link.as_bytes()) {
        Ok(q) => q
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(280, 280)
            .quiet_zone(true)
            .build()
            .split_once("<svg")
            .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"QR\"{rest}"))
            .unwrap_or_default(),
        Err(e) => {
            tracing::error!(error = %e, "QR encoding failed");
            return error_page(ctx, StatusCode::SERVICE_UNAVAILABLE, "unavailable");
        }
    };
    let page = QrPage {
        event: (ev.id, title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en)),
        link,
        svg,
        until: domain::format_datetime(expires, lang),
        refresh: (state.settings.opportunities.qr_minutes * 60 - 30).max(30),
        ctx,
    };
    let mut res = render(&page.ctx, &page);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}

/// GET /events/{id}/participants.{csv|xlsx} — names, contacts, statuses; never the IIN.
pub async fn participants(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let lang = ctx.lang;
    let id = uuid_or_404!(ctx, &id);
    let Some(format) = file.strip_prefix("participants.") else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    try_page!(ctx, events::load_managed(&state, &me, id).await);
    let rows = try_page!(
        ctx,
        store::shifts::applications_of_event(&state.db, id).await
    );
    let shifts = try_page!(ctx, store::shifts::shifts_of(&state.db, id).await);
    let when = |s: Uuid| {
        shifts
            .iter()
            .find(|x| x.id == s)
            .map(|x| domain::format_datetime(x.starts_at, lang))
            .unwrap_or_default()
    };
    let fmt = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| domain::format_datetime(t, lang))
            .unwrap_or_default()
    };
    let table = crate::export::Table {
        header: [
            "export_shift",
            "export_name",
            "field_email",
            "field_phone",
            "export_status",
            "export_applied",
            "export_checked_in",
            "export_checked_out",
        ]
        .iter()
        .map(|k| ctx.t(k))
        .collect(),
        rows: rows
            .iter()
            .map(|a| {
                vec![
                    when(a.shift_id),
                    a.display_name.clone(),
                    a.email.clone(),
                    a.phone.clone().unwrap_or_default(),
                    ctx.t(&format!("application_status_{}", a.status)),
                    domain::format_datetime(a.created_at, lang),
                    fmt(a.checked_in_at),
                    fmt(a.checked_out_at),
                ]
            })
            .collect(),
        numeric: Vec::new(),
    };
    match table.download(format, "erikti-participants") {
        Some(Ok(r)) => r,
        Some(Err(e)) => op_error_page(ctx, e),
        None => error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
    }
}

/// POST /organizations/{id}/projects
pub async fn create_project(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let me = signed_in_or_login!(ctx);
    let org = uuid_or_404!(ctx, &id);
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
        Ok(_) => redirect_with_flash(&back, "flash_saved"),
        Err(OpError::Invalid(errors)) => {
            let msg = errors
                .iter()
                .map(|(_, (_, m))| m.clone())
                .collect::<Vec<_>>()
                .join(" ");
            crate::error::message_page(ctx, StatusCode::UNPROCESSABLE_ENTITY, &msg, &back)
        }
        Err(e) => op_error_page(ctx, e),
    }
}
