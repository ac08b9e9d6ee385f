//! What everyone reads over JSON: an event with its shifts, and the search.

use app::events::{self, SearchParams};
use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::ApiQuery;
use crate::auth::signed_in;
use crate::ctx::Id;
use crate::error::{ApiError, ApiErrorResponse};

/// A shift with its free places.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShiftDto {
    /// Key.
    pub id: Uuid,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places.
    pub capacity: i64,
    /// Free places.
    pub free: i64,
    /// What happens in it.
    pub description: Option<String>,
}

/// An event with its shifts.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    /// The event.
    #[serde(flatten)]
    pub event: events::Event,
    /// Shifts by start.
    pub shifts: Vec<ShiftDto>,
}

/// An event with its shifts and free places (drafts for members only).
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", summary = "An event",
    params(("id" = Uuid, Path, description = "Event")),
    responses((status = 200, body = EventDto), (status = 404, body = ApiErrorResponse)))]
pub async fn show(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Id(ev): Id,
) -> Result<Json<EventDto>, ApiError> {
    let me = signed_in(&state, &headers).await?;
    let (e, _, shifts) = events::visible(&state, me.as_ref(), ev).await?;
    Ok(Json(EventDto {
        event: e,
        shifts: shifts
            .into_iter()
            .map(|s| ShiftDto {
                id: s.id,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                capacity: s.capacity,
                free: s.capacity - s.accepted_count,
                description: s.description,
            })
            .collect(),
    }))
}

/// A search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventCardDto {
    /// Key.
    pub id: Uuid,
    /// Titles.
    pub title_kk: Option<String>,
    /// Titles.
    pub title_ru: Option<String>,
    /// Titles.
    pub title_en: Option<String>,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region: String,
    /// Locality.
    pub locality: Option<String>,
    /// Online.
    pub online: bool,
    /// Map point.
    pub lat: Option<f64>,
    /// Map point.
    pub lon: Option<f64>,
    /// Start of the next shift.
    pub next_start: DateTime<Utc>,
    /// Free places over its coming shifts.
    pub free: i64,
}

/// A page of the search.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    /// Matching events.
    pub total: i64,
    /// Page (from 1).
    pub page: i64,
    /// This page's events (50 at most).
    pub items: Vec<EventCardDto>,
}

/// Published events with a coming shift: filters, "suitable for me", "near me"; by date or distance.
#[utoipa::path(get, path = "/api/v1/events", tag = "events", summary = "Search events",
    params(SearchParams),
    responses((status = 200, body = SearchPage)))]
pub async fn search(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<SearchPage>, ApiError> {
    let me = if p.suitable == "1" {
        signed_in(&state, &headers).await?
    } else {
        None
    };
    let (rows, total) = events::search(&state, me.as_ref(), &p).await?;
    Ok(Json(SearchPage {
        total,
        page: p.page(),
        items: rows
            .into_iter()
            .map(|c| EventCardDto {
                id: c.id,
                title_kk: c.title_kk,
                title_ru: c.title_ru,
                title_en: c.title_en,
                activity_type: c.activity_type,
                region: c.region_code,
                locality: c.locality,
                online: c.online,
                lat: c.lat,
                lon: c.lon,
                next_start: c.next_start,
                free: c.free,
            })
            .collect(),
    }))
}
