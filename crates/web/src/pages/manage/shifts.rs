//! An event's management page: its status, its shifts and the form that adds a series.

use app::OpError;
use app::events::{self, SeriesInput};
use app::i18n::in_lang as title;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use uuid::Uuid;

use crate::AppState;
use crate::auth::SignedIn;
use crate::ctx::{CsrfForm, Ctx, Id, IdAnd, Me, Signed};
use crate::error::{PageError, PageResult};
use crate::pages::forms::{Errors, Field};
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render_status};

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
    me: &SignedIn,
    id: Uuid,
    s: &SeriesInput,
    errors: Errors,
    status: StatusCode,
) -> PageResult {
    let lang = ctx.lang;
    let events::Management {
        event: ev,
        organization: o,
        shifts,
    } = events::management(state, me, id).await?;
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
        status: ev.status.code().to_owned(),
        time_zone: ev.time_zone.clone(),
        can_publish: o.status == domain::OrgStatus::Verified,
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
    Ok(render_status(&page.ctx, status, &page))
}

/// GET /events/{id}/manage
pub async fn manage(State(state): State<AppState>, ctx: Ctx, Id(id): Id, Me(me): Me) -> PageResult {
    let lang = ctx.lang;
    manage_page(
        &state,
        ctx,
        &me,
        id,
        &SeriesInput::default(),
        Errors::new(lang),
        StatusCode::OK,
    )
    .await
}

/// POST /events/{id}/shifts — a series (a single shift is a series of one day).
pub async fn add_series(Signed { state, ctx, me }: Signed, Id(id): Id, f: CsrfForm) -> PageResult {
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
            Ok(res)
        }
        Err(OpError::Invalid(errors)) => {
            manage_page(
                &state,
                ctx,
                &me,
                id,
                &s,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /events/{id}/{publish|complete|cancel}
pub async fn status(
    Signed { state, ctx, me }: Signed,
    IdAnd(id, what): IdAnd,
    f: CsrfForm,
) -> PageResult {
    let r = match what.as_str() {
        "publish" => events::publish(&state, &me, id).await,
        "complete" => events::complete(&state, &me, id).await,
        "cancel" => events::cancel_event(&state, ctx.lang, &me, id, f.get("reason")).await,
        _ => return Err(PageError::not_found()),
    };
    match r {
        Ok(()) => Ok(redirect_with_flash(
            &format!("/events/{id}/manage"),
            "flash_event_saved",
        )),
        Err(OpError::Invalid(errors)) => {
            manage_page(
                &state,
                ctx,
                &me,
                id,
                &SeriesInput::default(),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
