//! Shifts of an event: one by one or as a series of weekdays, and what the event's
//! management page and its exports show (its shifts, its participants).

use chrono::{DateTime, Utc};
use domain::Lang;
use domain::opportunity::{self, EventStatus};
use serde::Deserialize;
use store::applications::ApplicationRow;
use store::events::Event;
use store::organizations::Organization;
use store::shifts::{self as store_shifts, ShiftPlaces};
use uuid::Uuid;

use super::{load_managed, opt};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;

/// A shift, as typed (RFC 3339 instants).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ShiftInput {
    /// Start, e.g. 2026-12-05T10:00:00+05:00.
    pub starts_at: String,
    /// End.
    pub ends_at: String,
    /// Places.
    pub capacity: String,
    /// What happens in it (optional).
    pub description: String,
}

fn instant(e: &mut Errors, field: &str, s: &str) -> Option<DateTime<Utc>> {
    if s.trim().is_empty() {
        e.invalid(field, &domain::Invalid::Required);
        return None;
    }
    match DateTime::parse_from_rfc3339(s.trim()) {
        Ok(t) => Some(t.with_timezone(&Utc)),
        Err(_) => {
            e.invalid(field, &domain::Invalid::DateMalformed);
            None
        }
    }
}

fn open_for_shifts(ev: &Event) -> Result<(), OpError> {
    if matches!(ev.status, EventStatus::Cancelled | EventStatus::Completed) {
        return Err(OpError::Conflict("event_not_open"));
    }
    Ok(())
}

/// Adds a shift to an event (its organization's members).
pub async fn add_shift(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    i: &ShiftInput,
) -> Result<Uuid, OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    open_for_shifts(&ev)?;
    let mut e = Errors::new(lang);
    let starts = instant(&mut e, "starts_at", &i.starts_at);
    let ends = instant(&mut e, "ends_at", &i.ends_at);
    let capacity = e.check("capacity", opportunity::capacity(&i.capacity));
    if let (Some(s), Some(t)) = (starts, ends)
        && let Err(err) = opportunity::shift_times(s, t, Utc::now())
    {
        let field = if matches!(err, domain::Invalid::InPast) {
            "starts_at"
        } else {
            "ends_at"
        };
        e.invalid(field, &err);
    }
    let (Some(s), Some(t), Some(c)) = (starts, ends, capacity) else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    let ids = store_shifts::add_shifts(
        &state.db,
        event,
        &[store_shifts::NewShift {
            starts_at: s,
            ends_at: t,
            capacity: c,
            description: opt(&i.description, 500),
        }],
    )
    .await?;
    state.search_counts.clear();
    Ok(ids[0])
}

/// Several shifts at once: every chosen weekday of a date range, same hours and places.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SeriesInput {
    /// First day (YYYY-MM-DD).
    pub date_from: String,
    /// Last day (YYYY-MM-DD); empty: the first day only.
    pub date_to: String,
    /// Weekdays 1 (Monday) … 7 (Sunday); empty: every day.
    #[schema(minimum = 1, maximum = 7)]
    pub weekdays: Vec<u8>,
    /// Local start, HH:MM, in the event's time zone.
    pub start_time: String,
    /// Local end, HH:MM (at or before the start: the next day).
    pub end_time: String,
    /// Places in each shift.
    pub capacity: String,
    /// What happens (optional).
    pub description: String,
}

/// Adds a series of shifts (all or none).
pub async fn add_series(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    i: &SeriesInput,
) -> Result<Vec<Uuid>, OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    open_for_shifts(&ev)?;
    let mut e = Errors::new(lang);
    let from = e.check("date_from", domain::parse_date(&i.date_from));
    let to = if i.date_to.trim().is_empty() {
        from
    } else {
        e.check("date_to", domain::parse_date(&i.date_to))
    };
    let start = e.check("start_time", opportunity::time_of_day(&i.start_time));
    let end = e.check("end_time", opportunity::time_of_day(&i.end_time));
    let capacity = e.check("capacity", opportunity::capacity(&i.capacity));
    let mut weekdays = Vec::new();
    for d in &i.weekdays {
        match d {
            1..=7 => {
                weekdays.push(chrono::Weekday::try_from(d - 1).unwrap_or(chrono::Weekday::Mon))
            }
            _ => e.invalid("weekdays", &domain::Invalid::ChoiceUnknown),
        }
    }
    let tz = opportunity::time_zone(&ev.time_zone).unwrap_or(opportunity::DEFAULT_TZ);
    let (Some(from), Some(to), Some(start), Some(end), Some(capacity)) =
        (from, to, start, end, capacity)
    else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    let series = opportunity::Series {
        from,
        to,
        weekdays,
        start,
        end,
    };
    let times = match opportunity::series(&series, tz, Utc::now()) {
        Ok(t) => t,
        Err((field, err)) => {
            e.invalid(field, &err);
            return Err(OpError::Invalid(e));
        }
    };
    let description = opt(&i.description, 500);
    let shifts: Vec<store_shifts::NewShift> = times
        .into_iter()
        .map(|(a, b)| store_shifts::NewShift {
            starts_at: a,
            ends_at: b,
            capacity,
            description: description.clone(),
        })
        .collect();
    let ids = store_shifts::add_shifts(&state.db, event, &shifts).await?;
    state.search_counts.clear();
    Ok(ids)
}

/// An event as its management page shows it.
#[derive(Debug, Clone)]
pub struct Management {
    /// The event.
    pub event: Event,
    /// Its organization.
    pub organization: Organization,
    /// Its shifts with their places.
    pub shifts: Vec<ShiftPlaces>,
}

/// The management page of an event (its organization's members).
pub async fn management(state: &App, me: &SignedIn, event: Uuid) -> Result<Management, OpError> {
    let (event, organization) = load_managed(state, me, event).await?;
    let shifts = store_shifts::shifts_of(&state.db, event.id).await?;
    Ok(Management {
        event,
        organization,
        shifts,
    })
}

/// Who applied to an event's shifts, for the organizer's export.
#[derive(Debug, Clone)]
pub struct Participants {
    /// The applications, by shift.
    pub applications: Vec<ApplicationRow>,
    /// The event's shifts.
    pub shifts: Vec<ShiftPlaces>,
}

/// The participants of an event (its organization's members).
pub async fn participants(
    state: &App,
    me: &SignedIn,
    event: Uuid,
) -> Result<Participants, OpError> {
    load_managed(state, me, event).await?;
    let applications = super::as_the_organizer_sees(
        store::applications::applications_of_event(&state.db, event).await?,
    );
    let shifts = store_shifts::shifts_of(&state.db, event).await?;
    Ok(Participants {
        applications,
        shifts,
    })
}
