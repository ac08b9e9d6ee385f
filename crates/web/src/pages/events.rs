//! Event pages (first slice): search published events, an event with its shifts and free
//! places, apply and cancel with a form.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::shifts::{self as store_shifts, EventQuery, Outcome};
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx};
use crate::error::{error_page, store_failure};
use crate::pages::profile::Choice;
use crate::pages::{op_error_page, redirect_with_flash, render};

use crate::i18n::in_lang as title;

/// A search result.
pub struct CardView {
    /// Key.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Activity type.
    pub activity: String,
    /// Region.
    pub region: String,
    /// Next shift, formatted.
    pub next: String,
    /// Free places.
    pub free: String,
}

/// The search page.
#[derive(Template)]
#[template(path = "events.html")]
pub struct EventsPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Results.
    pub cards: Vec<CardView>,
    /// Total, formatted.
    pub total: String,
    /// Text.
    pub q: String,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Activity type options.
    pub types: Vec<Choice>,
}

/// Search filters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    /// Text.
    pub q: String,
    /// Region.
    pub region: String,
    /// Activity type.
    pub activity_type: String,
}

/// GET /events
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Response {
    let lang = ctx.lang;
    let q = EventQuery {
        q: (!p.q.trim().is_empty()).then(|| p.q.trim().chars().take(100).collect()),
        region: domain::RegionCode::parse(&p.region)
            .ok()
            .map(|r| r.as_str().to_owned()),
        activity_type: domain::reference::activity_type(&p.activity_type)
            .map(|a| a.code.to_owned()),
    };
    let (rows, total) = match store_shifts::search(&state.db, &q, 50, 0).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let refs = match state.reference.get(&state.db).await {
        Ok(r) => r,
        Err(e) => return store_failure(ctx, e),
    };
    let page = EventsPage {
        cards: rows
            .iter()
            .map(|c| CardView {
                id: c.id,
                title: title(lang, &c.title_kk, &c.title_ru, &c.title_en),
                activity: domain::reference::activity_type(&c.activity_type)
                    .map(|a| a.name(lang).to_owned())
                    .unwrap_or_default(),
                region: domain::RegionCode::parse(&c.region_code)
                    .map(|r| r.name(lang).to_owned())
                    .unwrap_or_default(),
                next: domain::format_datetime(c.next_start, lang),
                free: ctx.num(c.free),
            })
            .collect(),
        total: ctx.num(total),
        q: p.q.clone(),
        regions: refs.region_choices(lang, &p.region),
        types: refs.activity_choices(lang, |c| c == p.activity_type),
        ctx,
    };
    render(&page.ctx, &page)
}

/// A shift as the event page shows it.
pub struct ShiftView {
    /// Key.
    pub id: Uuid,
    /// Start, formatted.
    pub starts: String,
    /// End, formatted.
    pub ends: String,
    /// Free places.
    pub free: i64,
    /// The caller's application here: (id, status translated, may cancel).
    pub mine: Option<(Uuid, String, bool)>,
}

/// An event's page.
#[derive(Template)]
#[template(path = "event.html")]
pub struct EventPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Title.
    pub title: String,
    /// Activity type.
    pub activity: String,
    /// Region.
    pub region: String,
    /// Organization (id, name).
    pub org: (Uuid, String),
    /// Status, translated, when not published.
    pub status: Option<String>,
    /// Shifts.
    pub shifts: Vec<ShiftView>,
    /// Applications are open.
    pub open: bool,
}

/// GET /events/{id}
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Response {
    let Ok(id) = Uuid::parse_str(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let lang = ctx.lang;
    let (ev, shifts) = match crate::events::visible(&state, ctx.user.as_ref(), id).await {
        Ok(r) => r,
        Err(e) => return op_error_page(ctx, e),
    };
    let org = match crate::orgs::load(&state, ev.organization_id).await {
        Ok(o) => o,
        Err(e) => return op_error_page(ctx, e),
    };
    let mine = match &ctx.user {
        Some(me) => match store_shifts::mine_in_event(&state.db, id, me.user.id).await {
            Ok(m) => m,
            Err(e) => return store_failure(ctx, e),
        },
        None => Vec::new(),
    };
    let page = EventPage {
        title: title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en),
        activity: domain::reference::activity_type(&ev.activity_type)
            .map(|a| a.name(lang).to_owned())
            .unwrap_or_default(),
        region: domain::RegionCode::parse(&ev.region_code)
            .map(|r| r.name(lang).to_owned())
            .unwrap_or_default(),
        org: (org.id, crate::orgs::display_name(&org, lang).to_owned()),
        status: (ev.status != "published").then(|| ctx.t(&format!("event_status_{}", ev.status))),
        open: ev.status == "published",
        shifts: shifts
            .iter()
            .map(|s| ShiftView {
                id: s.id,
                starts: domain::format_datetime(s.starts_at, lang),
                ends: domain::format_datetime(s.ends_at, lang),
                free: s.capacity - s.accepted_count,
                mine: mine.iter().find(|m| m.0 == s.id).map(|(_, app, st)| {
                    (
                        *app,
                        ctx.t(&format!("application_status_{st}")),
                        matches!(st.as_str(), "accepted" | "waitlisted" | "pending"),
                    )
                }),
            })
            .collect(),
        ctx,
    };
    render(&page.ctx, &page)
}

/// POST /shifts/{id}/apply
pub async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Ok(shift) = Uuid::parse_str(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let motivation = Some(f.get("motivation")).filter(|m| !m.trim().is_empty());
    let event = match store_shifts::event_of_shift(&state.db, shift).await {
        Ok(Some(e)) => e,
        Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        Err(e) => return store_failure(ctx, e),
    };
    match crate::events::apply(&state, &me, shift, motivation).await {
        Ok((_, outcome)) => {
            let flash = match outcome {
                Outcome::Accepted => "flash_application_accepted",
                Outcome::Waitlisted => "flash_application_waitlisted",
                Outcome::Pending => "flash_application_pending",
            };
            redirect_with_flash(&format!("/events/{event}"), flash)
        }
        Err(e) => op_error_page(ctx, e),
    }
}

/// POST /applications/{id}/cancel
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    _f: CsrfForm,
) -> Response {
    let Some(me) = ctx.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let Ok(app) = Uuid::parse_str(&id) else {
        return error_page(ctx, StatusCode::NOT_FOUND, "not_found");
    };
    let event = match store_shifts::event_of_application(&state.db, app).await {
        Ok(Some(e)) => e,
        Ok(None) => return error_page(ctx, StatusCode::NOT_FOUND, "not_found"),
        Err(e) => return store_failure(ctx, e),
    };
    match crate::events::cancel(&state, &me, app).await {
        Ok(_) => redirect_with_flash(&format!("/events/{event}"), "flash_application_cancelled"),
        Err(e) => op_error_page(ctx, e),
    }
}
