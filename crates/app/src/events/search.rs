//! What everyone sees: the public search with its filters and counts, and an event's page
//! (drafts only for its organization's members).

use domain::ApplicationStatus;
use domain::opportunity::{self, EventStatus};
use serde::Deserialize;
use store::events::{self as store_events, Event};
use store::organizations::Organization;
use store::shifts::{self as store_shifts, ShiftPlaces};
use uuid::Uuid;

use super::editing::normalize_skills;
use super::{load, manages};
use crate::App;
use crate::OpError;
use crate::auth::SignedIn;

/// An event for its public page: drafts only for its organization's members.
pub async fn visible(
    state: &App,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<(Event, Organization, Vec<ShiftPlaces>), OpError> {
    let (ev, o) = load(state, id).await?;
    if ev.status == EventStatus::Draft && !manages(me, &o) {
        return Err(OpError::NotFound);
    }
    let shifts = store_shifts::shifts_of(&state.db, id).await?;
    Ok((ev, o, shifts))
}

/// An event as its public page shows it to the caller.
#[derive(Debug, Clone)]
pub struct EventView {
    /// The event.
    pub event: Event,
    /// Its organization.
    pub organization: Organization,
    /// Its shifts with their places.
    pub shifts: Vec<ShiftPlaces>,
    /// The caller's applications to its shifts: (shift, application, status).
    pub mine: Vec<(Uuid, Uuid, ApplicationStatus)>,
    /// The caller manages the event (the page links to its management).
    pub manager: bool,
}

/// An event's public page like [`visible`], with the caller's own applications to it.
pub async fn event_view(
    state: &App,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<EventView, OpError> {
    let (event, organization, shifts) = visible(state, me, id).await?;
    let mine = match me {
        Some(me) => store::applications::mine_in_event(&state.db, id, me.user.id).await?,
        None => Vec::new(),
    };
    let manager = manages(me, &organization);
    Ok(EventView {
        event,
        organization,
        shifts,
        mine,
        manager,
    })
}

/// Filters of the public search, as in the query string (pages and API alike).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default)]
pub struct SearchParams {
    /// Text in a title, description or locality (any language).
    pub q: String,
    /// Region code.
    pub region: String,
    /// Direction code.
    pub direction: String,
    /// Activity type code.
    pub activity_type: String,
    /// With a shift on or after this day (YYYY-MM-DD).
    pub from: String,
    /// With a shift on or before this day (YYYY-MM-DD).
    pub to: String,
    /// `1` online only, `0` on site only.
    pub online: String,
    /// `1`: only what suits the signed-in volunteer (age, the law for minors, skills,
    /// languages).
    pub suitable: String,
    /// Near this point (latitude).
    pub lat: String,
    /// Near this point (longitude).
    pub lon: String,
    /// Radius around the point in km (default 25).
    pub km: String,
    /// `date` (default) or `distance`.
    pub sort: String,
    /// Page, from 1.
    pub page: String,
}

/// Results per page.
pub const PAGE_SIZE: i64 = 50;

impl SearchParams {
    /// The store's query; unknown codes and malformed values are ignored (a search never
    /// fails on a hand-edited URL). Needs the profile for "suitable for me".
    pub fn query(&self, me: Option<&SignedIn>) -> store_events::EventQuery {
        let tz = opportunity::DEFAULT_TZ;
        let day = |s: &str| domain::parse_date(s).ok();
        let suitable = (self.suitable == "1").then_some(me).flatten().map(|m| {
            let age = m
                .user
                .birth_date
                .map(|b| domain::age_on(b, crate::today()))
                .unwrap_or(0);
            store_events::Suitability {
                age: i64::from(age),
                minor: age < domain::ADULT_AGE,
                skills: normalize_skills(&m.user.skill_list()),
                languages: m.user.language_list(),
            }
        });
        let near = match (
            self.lat.trim().parse::<f64>(),
            self.lon.trim().parse::<f64>(),
        ) {
            (Ok(lat), Ok(lon)) if opportunity::point(lat, lon).is_ok() => {
                Some(store_events::Near {
                    lat,
                    lon,
                    km: self
                        .km
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|k| *k > 0.0 && *k <= 2000.0)
                        .unwrap_or(25.0),
                    by_distance: self.sort == "distance",
                })
            }
            _ => None,
        };
        store_events::EventQuery {
            // Control characters (a NUL byte, which PostgreSQL refuses in text) never match
            // anything a person wrote: they are dropped.
            q: Some(
                self.q
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
                    .trim()
                    .chars()
                    .take(100)
                    .collect::<String>(),
            )
            .filter(|q| !q.is_empty()),
            region: domain::RegionCode::parse(&self.region)
                .ok()
                .map(|r| r.as_str().to_owned()),
            direction: domain::reference::direction(&self.direction).map(|d| d.code.to_owned()),
            activity_type: domain::reference::activity_type(&self.activity_type)
                .map(|a| a.code.to_owned()),
            from: day(&self.from)
                .map(|d| opportunity::local_to_utc(tz, d.and_time(chrono::NaiveTime::MIN))),
            to: day(&self.to)
                .and_then(|d| d.succ_opt())
                .map(|d| opportunity::local_to_utc(tz, d.and_time(chrono::NaiveTime::MIN))),
            online: match self.online.as_str() {
                "1" => Some(true),
                "0" => Some(false),
                _ => None,
            },
            suitable,
            near,
        }
    }

    /// The page number (1-based, at most 200).
    pub fn page(&self) -> i64 {
        self.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 200)
    }
}

/// One page of the search and the total (counted at most every few seconds per filter).
pub async fn search(
    state: &App,
    me: Option<&SignedIn>,
    p: &SearchParams,
) -> Result<(Vec<store_events::EventCard>, i64), OpError> {
    let q = p.query(me);
    let page = p.page();
    let rows = store_events::search(&state.db, &q, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let key = format!("{q:?}");
    let total = match state.search_counts.get(&key) {
        crate::Cached::Fresh(n) | crate::Cached::Stale(n) => n,
        crate::Cached::Refresh(_) if page == 1 && (rows.len() as i64) < PAGE_SIZE => {
            let n = rows.len() as i64;
            state.search_counts.put(key, n);
            n
        }
        crate::Cached::Refresh(stale) => match store_events::count(&state.db, &q).await {
            Ok(n) => {
                state.search_counts.put(key, n);
                n
            }
            // A failed count never blocks the page when an older one is known.
            Err(e) => match stale {
                Some(n) => {
                    tracing::warn!(error = %e, "counting the search failed");
                    state.search_counts.put(key, n);
                    n
                }
                None => return Err(e.into()),
            },
        },
    };
    Ok((rows, total))
}
