//! Events, shifts and applications: create and publish (members of a verified
//! organization), apply within the law's rules, cancel with promotion from the waitlist,
//! accept pending applications. The invariants live in the store's transactions.

use chrono::{DateTime, Utc};
use domain::opportunity::{self, EventMode, EventStatus};
use domain::{Action, Lang, OrgStatus};
use serde::Deserialize;
use store::shifts::{self as store_shifts, Event, NewEvent, Outcome};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::SignedIn;
use crate::orgs::{self, allow};
use crate::pages::forms::Errors;

/// Consent age (a parent's written consent below it), from the law's default.
pub const CONSENT_AGE: u32 = 16;

/// A new event, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EventInput {
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region: String,
    /// `first_come` or `moderated`.
    pub mode: String,
    /// Minimum age (0: none).
    pub min_age: u32,
    /// Hazardous.
    pub hazardous: bool,
}

/// Loads an event and its organization.
async fn load(
    state: &AppState,
    id: Uuid,
) -> Result<(Event, store::organizations::Organization), OpError> {
    let e = store_shifts::event(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = orgs::load(state, e.organization_id).await?;
    Ok((e, o))
}

/// Creates a draft event of an organization (its members).
pub async fn create(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    org: Uuid,
    i: &EventInput,
) -> Result<Uuid, OpError> {
    let o = orgs::load(state, org).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    let mut e = Errors::new(lang);
    let names = match domain::OrgNames::parse(&i.title_kk, &i.title_ru, &i.title_en) {
        Ok(n) => Some(n),
        Err(errs) => {
            for (field, err) in errs {
                e.invalid(&field.replace("name_", "title_"), &err);
            }
            None
        }
    };
    let activity = domain::reference::activity_type(&i.activity_type);
    if activity.is_none() {
        e.invalid(
            "activity_type",
            &if i.activity_type.is_empty() {
                domain::Invalid::Required
            } else {
                domain::Invalid::ChoiceUnknown
            },
        );
    }
    let region = e.check("region", domain::RegionCode::parse(&i.region));
    let mode = e.check(
        "mode",
        EventMode::parse(if i.mode.is_empty() {
            "first_come"
        } else {
            &i.mode
        }),
    );
    if i.min_age > 100 {
        e.invalid(
            "min_age",
            &domain::Invalid::NumberOutOfRange { min: 0, max: 100 },
        );
    }
    let (Some(names), Some(activity), Some(region), Some(mode)) = (names, activity, region, mode)
    else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    Ok(store_shifts::create_event(
        &state.db,
        &NewEvent {
            organization_id: o.id,
            title_kk: names.kk,
            title_ru: names.ru,
            title_en: names.en,
            activity_type: activity.code.to_owned(),
            region_code: region.as_str().to_owned(),
            mode: mode.code().to_owned(),
            status: EventStatus::Draft.code().to_owned(),
            min_age: i64::from(i.min_age),
            hazardous: i.hazardous,
        },
    )
    .await?)
}

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

/// Adds a shift to an event (its organization's members).
pub async fn add_shift(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    i: &ShiftInput,
) -> Result<Uuid, OpError> {
    let (ev, o) = load(state, event).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    if matches!(
        EventStatus::parse(&ev.status),
        Some(EventStatus::Cancelled | EventStatus::Completed)
    ) {
        return Err(OpError::Conflict("event_not_open"));
    }
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
    Ok(store_shifts::add_shift(&state.db, event, s, t, c).await?)
}

/// Publishes a draft: only a verified (so not suspended) organization publishes.
pub async fn publish(state: &AppState, me: &SignedIn, event: Uuid) -> Result<(), OpError> {
    let (ev, o) = load(state, event).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    let from = EventStatus::parse(&ev.status).unwrap_or(EventStatus::Draft);
    let org = OrgStatus::parse(&o.status).unwrap_or(OrgStatus::Registered);
    let to = opportunity::publish(from, org)?;
    store_shifts::set_event_status(&state.db, event, from.code(), to.code()).await?;
    Ok(())
}

/// Applies to a shift within the law: a minor never to activity types 3 and 4 or hazardous
/// events; under the consent age the application waits for a parent's consent.
pub async fn apply(
    state: &AppState,
    me: &SignedIn,
    shift: Uuid,
    motivation: Option<&str>,
) -> Result<(Uuid, Outcome), OpError> {
    let event = store_shifts::event_of_shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let (ev, _) = load(state, event).await?;
    if ev.status != EventStatus::Published.code() {
        return Err(OpError::Conflict("event_not_open"));
    }
    let activity = domain::reference::activity_type(&ev.activity_type).ok_or(OpError::NotFound)?;
    let age = me
        .user
        .birth_date
        .map(|b| domain::age_on(b, crate::today()));
    let eligibility = opportunity::eligibility(
        age,
        activity,
        ev.hazardous,
        u32::try_from(ev.min_age).unwrap_or(0),
        CONSENT_AGE,
        false,
    )
    .map_err(|i| OpError::Forbidden(i.code))?;
    let hold = eligibility == opportunity::Eligibility::NeedsConsent;
    let motivation = motivation.map(|m| m.chars().take(2000).collect::<String>());
    Ok(store_shifts::apply(&state.db, shift, me.user.id, motivation.as_deref(), hold).await?)
}

/// Cancels one's own application; returns the promoted application, if any.
pub async fn cancel(
    state: &AppState,
    me: &SignedIn,
    application: Uuid,
) -> Result<Option<Uuid>, OpError> {
    Ok(store_shifts::cancel(&state.db, application, me.user.id).await?)
}

/// Accepts a pending (or waitlisted) application: the event's organization's members.
pub async fn accept(state: &AppState, me: &SignedIn, application: Uuid) -> Result<(), OpError> {
    let event = store_shifts::event_of_application(&state.db, application)
        .await?
        .ok_or(OpError::NotFound)?;
    let (_, o) = load(state, event).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    Ok(store_shifts::accept(&state.db, application, me.user.id).await?)
}

/// The applications of a shift (its organization's members).
pub async fn applications(
    state: &AppState,
    me: &SignedIn,
    shift: Uuid,
) -> Result<Vec<store_shifts::ApplicationRow>, OpError> {
    let event = store_shifts::event_of_shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let (_, o) = load(state, event).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    Ok(store_shifts::applications_of(&state.db, shift).await?)
}

/// An event for its public page: drafts only for its organization's members.
pub async fn visible(
    state: &AppState,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<(Event, Vec<store_shifts::ShiftPlaces>), OpError> {
    let (ev, o) = load(state, id).await?;
    if ev.status == EventStatus::Draft.code()
        && !orgs::may(me, Action::PublishEvents, &orgs::resource(&o))
    {
        return Err(OpError::NotFound);
    }
    let shifts = store_shifts::shifts_of(&state.db, id).await?;
    Ok((ev, shifts))
}
