//! Event pages for everyone: the search, an event with its shifts and free places, apply
//! and cancel, check in with a scanned code, "my applications" with notification choices
//! and a calendar feed, and .ics files.

use app::OpError;
use app::events::{self, Category, SearchParams};
use app::i18n::in_lang as title;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Admission;
use domain::opportunity::{EventMode, EventStatus};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::ctx::{CsrfForm, Ctx, Id, Signed};
use crate::error::PageResult;
use crate::pages::profile::Choice;
use crate::pages::{redirect_with_flash, render};

/// A search result.
pub struct CardView {
    /// Key.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Activity type.
    pub activity: String,
    /// Region and locality, or "online".
    pub place: String,
    /// Next shift, formatted.
    pub next: String,
    /// Free places.
    pub free: i64,
    /// Distance from the searched point, formatted (km).
    pub distance: Option<String>,
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
    /// Filters as typed.
    pub p: SearchParams,
    /// Region options.
    pub regions: Vec<Choice>,
    /// Direction options.
    pub directions: Vec<Choice>,
    /// Activity type options.
    pub types: Vec<Choice>,
    /// Previous page link.
    pub prev: Option<String>,
    /// Next page link.
    pub next: Option<String>,
}

fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    6371.0 * 2.0 * a.sqrt().asin()
}

fn page_link(p: &SearchParams, page: i64) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("q", &p.q),
        ("region", &p.region),
        ("direction", &p.direction),
        ("activity_type", &p.activity_type),
        ("from", &p.from),
        ("to", &p.to),
        ("online", &p.online),
        ("suitable", &p.suitable),
        ("lat", &p.lat),
        ("lon", &p.lon),
        ("km", &p.km),
        ("sort", &p.sort),
    ] {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    s.append_pair("page", &page.to_string());
    format!("/events?{}", s.finish())
}

/// GET /events
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> PageResult {
    let lang = ctx.lang;
    let (rows, total) = events::search(&state, ctx.user.as_ref(), &p).await?;
    let refs = state.reference.get(&state.db).await?;
    let origin = p.query(None).near;
    let page = p.page();
    let page_view = EventsPage {
        cards: rows
            .iter()
            .map(|c| CardView {
                id: c.id,
                title: title(lang, &c.title_kk, &c.title_ru, &c.title_en),
                activity: domain::reference::activity_type(&c.activity_type)
                    .map(|a| a.name(lang).to_owned())
                    .unwrap_or_default(),
                place: if c.online {
                    ctx.t("event_online")
                } else {
                    let region = domain::RegionCode::parse(&c.region_code)
                        .map(|r| r.name(lang).to_owned())
                        .unwrap_or_default();
                    match &c.locality {
                        Some(l) => format!("{l}, {region}"),
                        None => region,
                    }
                },
                next: domain::format_datetime(c.next_start, lang),
                free: c.free,
                distance: match (origin, c.lat, c.lon) {
                    (Some(o), Some(lat), Some(lon)) => {
                        let tenths = (km(o.lat, o.lon, lat, lon) * 10.0).round() as i64;
                        Some(domain::format_tenths(tenths, lang))
                    }
                    _ => None,
                },
            })
            .collect(),
        total: ctx.num(total),
        regions: refs.region_choices(lang, &p.region),
        directions: refs.direction_choices(lang, &p.direction),
        types: refs.activity_choices(lang, |c| c == p.activity_type),
        prev: (page > 1).then(|| page_link(&p, page - 1)),
        next: (page * events::PAGE_SIZE < total).then(|| page_link(&p, page + 1)),
        p,
        ctx,
    };
    Ok(render(&page_view.ctx, &page_view))
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
    /// Places.
    pub capacity: i64,
    /// What happens.
    pub description: String,
    /// Already begun.
    pub past: bool,
    /// The caller's application here: (id, status translated, may cancel).
    pub mine: Option<(Uuid, String, bool)>,
}

/// An event's page.
#[derive(Template)]
#[template(path = "event.html")]
pub struct EventPage {
    /// Layout context.
    pub ctx: Ctx,
    /// Key.
    pub id: Uuid,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Activity type.
    pub activity: String,
    /// Direction.
    pub direction: String,
    /// Region, locality, address or "online".
    pub place: String,
    /// Map point, if any: (lat, lon).
    pub point: Option<(String, String)>,
    /// Organization (id, name).
    pub org: (Uuid, String),
    /// Status, translated, when not published.
    pub status: Option<String>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// Requirements, translated lines.
    pub requirements: Vec<String>,
    /// Contact person and phone.
    pub contact: Option<String>,
    /// `moderated` events: a coordinator decides.
    pub moderated: bool,
    /// Shifts.
    pub shifts: Vec<ShiftView>,
    /// Applications are open.
    pub open: bool,
    /// The caller manages the event.
    pub manager: bool,
}

/// GET /events/{id}
pub async fn show(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let lang = ctx.lang;
    let events::EventView {
        event: ev,
        organization: org,
        shifts,
        mine,
        manager,
    } = events::event_view(&state, ctx.user.as_ref(), id).await?;
    let now = chrono::Utc::now();
    let mut requirements = Vec::new();
    if ev.min_age > 0 {
        requirements.push(ctx.tn("event_min_age", "n", ev.min_age));
    }
    if ev.hazardous {
        requirements.push(ctx.t("event_hazardous"));
    }
    if !ev.skills.is_empty() {
        requirements.push(format!(
            "{}: {}",
            ctx.t("field_skills"),
            ev.skills.join(", ")
        ));
    }
    let langs: Vec<String> = ev
        .languages
        .iter()
        .filter_map(|l| domain::Lang::parse(l))
        .map(|l| l.native_name().to_owned())
        .collect();
    if !langs.is_empty() {
        requirements.push(format!(
            "{}: {}",
            ctx.t("field_languages"),
            langs.join(", ")
        ));
    }
    let region = domain::RegionCode::parse(&ev.region_code)
        .map(|r| r.name(lang).to_owned())
        .unwrap_or_default();
    let place = if ev.online {
        ctx.t("event_online")
    } else {
        [ev.address.clone(), ev.locality.clone(), Some(region)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let page = EventPage {
        id,
        title: title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en),
        description: title(
            lang,
            &ev.description_kk,
            &ev.description_ru,
            &ev.description_en,
        ),
        activity: domain::reference::activity_type(&ev.activity_type)
            .map(|a| a.name(lang).to_owned())
            .unwrap_or_default(),
        direction: ev
            .direction
            .as_deref()
            .and_then(domain::reference::direction)
            .map(|d| d.name(lang).to_owned())
            .unwrap_or_default(),
        place,
        point: ev
            .lat
            .zip(ev.lon)
            .filter(|_| !ev.online)
            .map(|(a, b)| (format!("{a:.5}"), format!("{b:.5}"))),
        org: (
            org.id,
            app::organizations::display_name(&org, lang).to_owned(),
        ),
        status: (ev.status != EventStatus::Published)
            .then(|| ctx.t(&format!("event_status_{}", ev.status))),
        cancel_reason: ev.cancel_reason.clone(),
        requirements,
        contact: match (&ev.contact_name, &ev.contact_phone) {
            (None, None) => None,
            (a, b) => Some(
                [a.clone(), b.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
        moderated: ev.mode == EventMode::Moderated,
        open: ev.status == EventStatus::Published,
        manager,
        shifts: shifts
            .iter()
            .map(|s| ShiftView {
                id: s.id,
                starts: domain::format_datetime(s.starts_at, lang),
                ends: domain::format_datetime(s.ends_at, lang),
                free: s.capacity - s.accepted_count,
                capacity: s.capacity,
                description: s.description.clone().unwrap_or_default(),
                past: s.starts_at <= now,
                mine: mine.iter().find(|m| m.0 == s.id).map(|(_, app, st)| {
                    (
                        *app,
                        ctx.t(&format!("application_status_{st}")),
                        st.is_open(),
                    )
                }),
            })
            .collect(),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /shifts/{id}/apply
pub async fn apply(Signed { state, me, .. }: Signed, Id(shift): Id, f: CsrfForm) -> PageResult {
    let motivation = Some(f.get("motivation")).filter(|m| !m.trim().is_empty());
    let applied = events::apply_with_event(&state, &me, shift, motivation).await?;
    let flash = match applied.outcome {
        Admission::Accepted => "flash_application_accepted",
        Admission::Waitlisted => "flash_application_waitlisted",
        Admission::Pending | Admission::AwaitingConsent => "flash_application_pending",
    };
    Ok(redirect_with_flash(
        &format!("/events/{}", applied.event),
        flash,
    ))
}

/// POST /applications/{id}/cancel
pub async fn cancel(
    Signed { state, me, .. }: Signed,
    Id(application): Id,
    f: CsrfForm,
) -> PageResult {
    let event = events::cancel_with_event(&state, &me, application).await?;
    let back = if f.get("back") == "mine" {
        "/me/applications".to_owned()
    } else {
        format!("/events/{event}")
    };
    Ok(redirect_with_flash(&back, "flash_application_cancelled"))
}

/// The check-in confirmation page.
#[derive(Template)]
#[template(path = "check_in.html")]
pub struct CheckInPage {
    /// Layout context.
    pub ctx: Ctx,
    /// The scanned code.
    pub code: String,
}

/// The code in a check-in link.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeParam {
    /// Signed code.
    pub code: String,
}

/// GET /check-in?code=… — what the QR code opens; signed-in volunteers confirm.
pub async fn check_in_page(ctx: Ctx, Query(q): Query<CodeParam>) -> Response {
    if ctx.user.is_none() {
        let next = format!("/check-in?code={}", q.code);
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("next", &next);
        return Redirect::to(&format!("/login?{}", s.finish())).into_response();
    }
    let page = CheckInPage { code: q.code, ctx };
    render(&page.ctx, &page)
}

/// POST /check-in
pub async fn check_in(Signed { state, me, .. }: Signed, f: CsrfForm) -> PageResult {
    let event = events::check_in_with_code(&state, &me, f.get("code")).await?;
    Ok(redirect_with_flash(
        &format!("/events/{event}"),
        "flash_checked_in",
    ))
}

/// One line of "my applications".
pub struct MineView {
    /// Application.
    pub id: Uuid,
    /// Event.
    pub event_id: Uuid,
    /// Event title.
    pub title: String,
    /// When.
    pub when: String,
    /// Status translated.
    pub status: String,
    /// Status code (for styling).
    pub code: String,
    /// Why it is pending / was rejected.
    pub note: Option<String>,
    /// May cancel.
    pub can_cancel: bool,
}

/// "My applications".
#[derive(Template)]
#[template(path = "my_applications.html")]
pub struct MinePage {
    /// Layout context.
    pub ctx: Ctx,
    /// Applications.
    pub items: Vec<MineView>,
    /// Notification categories: (code, label, on).
    pub categories: Vec<Choice>,
    /// The calendar feed URL, if enabled.
    pub calendar: Option<String>,
}

/// GET /me/applications
pub async fn mine(Signed { state, ctx, me }: Signed) -> PageResult {
    let lang = ctx.lang;
    let mine = events::my_applications_and_settings(&state, &me).await?;
    let page = MinePage {
        items: mine
            .items
            .iter()
            .map(|a| MineView {
                id: a.id,
                event_id: a.event_id,
                title: title(lang, &a.title_kk, &a.title_ru, &a.title_en),
                when: format!(
                    "{} — {}",
                    domain::format_datetime(a.starts_at, lang),
                    domain::format_datetime(a.ends_at, lang)
                ),
                status: ctx.t(&format!("application_status_{}", a.status)),
                code: a.status.code().to_owned(),
                note: if a.consent_required && a.consent_recorded_at.is_none() {
                    Some(ctx.tn(
                        "application_needs_consent",
                        "age",
                        i64::from(state.settings.opportunities.consent_age),
                    ))
                } else if a.reason.as_deref() == Some("event_cancelled") {
                    Some(ctx.t("application_event_cancelled"))
                } else {
                    a.reason.clone()
                },
                can_cancel: a.status.is_open(),
            })
            .collect(),
        categories: Category::ALL
            .iter()
            .map(|c| {
                (
                    c.code().to_owned(),
                    ctx.t(&format!("notify_{}", c.code())),
                    mine.notifications.contains(c),
                )
            })
            .collect(),
        calendar: mine.calendar_token.map(|t| {
            format!(
                "{}/calendar/{t}.ics",
                state.settings.public_url.trim_end_matches('/')
            )
        }),
        ctx,
    };
    Ok(render(&page.ctx, &page))
}

/// POST /me/notifications
pub async fn notifications(Signed { state, me, .. }: Signed, f: CsrfForm) -> PageResult {
    let on: Vec<Category> = f
        .all("on")
        .iter()
        .filter_map(|c| Category::parse(c))
        .collect();
    events::set_notifications(&state, &me, &on).await?;
    Ok(redirect_with_flash("/me/applications", "flash_saved"))
}

/// POST /me/calendar — `action=create` makes a new secret URL (the old one stops
/// working), `action=revoke` turns the feed off.
pub async fn calendar_settings(Signed { state, me, .. }: Signed, f: CsrfForm) -> PageResult {
    events::set_calendar_feed(&state, &me, f.get("action") == "create").await?;
    Ok(redirect_with_flash("/me/applications", "flash_saved"))
}

fn ics(body: String, name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}.ics\""),
            ),
            (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// GET /calendar/{token}.ics — a volunteer's accepted shifts (the token is the secret).
pub async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    // A feed reader gets a bare status, never a page.
    let feed = match events::calendar_feed(&state, token).await {
        Ok(feed) => feed,
        Err(OpError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "calendar feed failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let lang = feed.lang;
    let base = state.settings.public_url.trim_end_matches('/');
    let entries: Vec<crate::ical::Entry> = feed
        .items
        .iter()
        .map(|a| crate::ical::Entry {
            uid: a.id,
            starts: a.starts_at,
            ends: a.ends_at,
            summary: title(lang, &a.title_kk, &a.title_ru, &a.title_en),
            location: if a.online {
                app::i18n::t(lang, "event_online")
            } else {
                [a.address.clone(), a.locality.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            url: format!("{base}/events/{}", a.event_id),
        })
        .collect();
    ics(
        crate::ical::calendar(&app::i18n::t(lang, "calendar_name"), &entries),
        "erikti",
    )
}

/// GET /events/{id}/calendar.ics — an event's shifts.
pub async fn event_ics(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> PageResult {
    let lang = ctx.lang;
    let (ev, _, shifts) = events::visible(&state, ctx.user.as_ref(), id).await?;
    let name = title(lang, &ev.title_kk, &ev.title_ru, &ev.title_en);
    let location = if ev.online {
        ctx.t("event_online")
    } else {
        [ev.address.clone(), ev.locality.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    };
    let url = format!(
        "{}/events/{id}",
        state.settings.public_url.trim_end_matches('/')
    );
    let entries: Vec<crate::ical::Entry> = shifts
        .iter()
        .map(|s| crate::ical::Entry {
            uid: s.id,
            starts: s.starts_at,
            ends: s.ends_at,
            summary: name.clone(),
            location: location.clone(),
            url: url.clone(),
        })
        .collect();
    Ok(ics(crate::ical::calendar(&name, &entries), "event"))
}
