//! Events, shifts and applications: create, edit, publish and cancel events (members of a
//! verified organization), shifts one by one or as a series, apply within the law's rules,
//! cancel with promotion from the waitlist, decide one by one or in bulk, move between
//! shifts, parents' consent, attendance (by the coordinator or a signed QR code), and the
//! e-mail that tells volunteers. The invariants live in the store's transactions.

use chrono::{DateTime, Utc};
use domain::opportunity::{self, EventMode, EventStatus};
use domain::{Action, Lang, OrgStatus};
use serde::Deserialize;
use store::events::{self as store_events, Event, EventFields};
use store::shifts::{self as store_shifts, Outcome};
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::orgs::{self, allow};
use crate::pages::forms::Errors;

/// An event, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EventInput {
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Kazakh.
    pub description_kk: String,
    /// Description in Russian.
    pub description_ru: String,
    /// Description in English.
    pub description_en: String,
    /// Direction code (optional).
    pub direction: String,
    /// Activity type code.
    pub activity_type: String,
    /// Region code.
    pub region: String,
    /// Locality.
    pub locality: String,
    /// Street address (on site).
    pub address: String,
    /// Map point (latitude), inside Kazakhstan.
    pub lat: Option<f64>,
    /// Map point (longitude).
    pub lon: Option<f64>,
    /// Online rather than on site.
    pub online: bool,
    /// IANA time zone of the shifts (default Asia/Almaty).
    pub time_zone: String,
    /// `first_come` (default) or `moderated`.
    pub mode: String,
    /// Minimum age (0: none).
    pub min_age: u32,
    /// Hazardous (closed to minors).
    pub hazardous: bool,
    /// Required skills.
    pub skills: Vec<String>,
    /// Languages spoken (kk, ru, en).
    pub languages: Vec<String>,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Project of the organization it belongs to (optional).
    pub project_id: Option<Uuid>,
}

fn opt(s: &str, max: usize) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.chars().take(max).collect())
}

/// Normalized skills: lower case, trimmed, no separators, at most 20 of 60 characters.
pub fn normalize_skills<'a>(raw: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = raw
        .into_iter()
        .flat_map(|s| s.split([',', ';', '\n']))
        .map(|s| {
            s.trim()
                .to_lowercase()
                .chars()
                .filter(|c| !matches!(c, '%' | '_' | '\\'))
                .take(60)
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out.truncate(20);
    out
}

/// Checks an event as typed; every problem is reported next to its field.
pub fn validate(lang: Lang, i: &EventInput) -> Result<EventFields, Errors> {
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
    for (field, v) in [
        ("description_kk", &i.description_kk),
        ("description_ru", &i.description_ru),
        ("description_en", &i.description_en),
    ] {
        if v.chars().count() > 5000 {
            e.invalid(field, &domain::Invalid::TooLong { max: 5000 });
        }
    }
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
    let direction = match i.direction.trim() {
        "" => Some(None),
        d => match domain::reference::direction(d) {
            Some(x) => Some(Some(x.code.to_owned())),
            None => {
                e.invalid("direction", &domain::Invalid::ChoiceUnknown);
                None
            }
        },
    };
    let region = e.check("region", domain::RegionCode::parse(&i.region));
    let mode = e.check(
        "mode",
        EventMode::parse(if i.mode.is_empty() {
            "first_come"
        } else {
            &i.mode
        }),
    );
    let tz = e.check("time_zone", opportunity::time_zone(&i.time_zone));
    if i.min_age > 100 {
        e.invalid(
            "min_age",
            &domain::Invalid::NumberOutOfRange { min: 0, max: 100 },
        );
    }
    let point = match (i.lat, i.lon) {
        (None, None) => Some(None),
        (Some(lat), Some(lon)) => e.check("lat", opportunity::point(lat, lon).map(Some)),
        _ => {
            e.invalid("lat", &domain::Invalid::Required);
            None
        }
    };
    let mut languages: Vec<String> = Vec::new();
    for l in &i.languages {
        match Lang::parse(l) {
            Some(x) => languages.push(x.code().to_owned()),
            None => e.invalid("languages", &domain::Invalid::ChoiceUnknown),
        }
    }
    languages.sort();
    languages.dedup();
    let phone = match i.contact_phone.trim() {
        "" => Some(None),
        p => e.check(
            "contact_phone",
            domain::Phone::parse(p).map(|p| Some(p.as_str().to_owned())),
        ),
    };
    let (
        Some(names),
        Some(activity),
        Some(region),
        Some(mode),
        Some(tz),
        Some(point),
        Some(direction),
        Some(phone),
    ) = (names, activity, region, mode, tz, point, direction, phone)
    else {
        return Err(e);
    };
    if !e.is_empty() {
        return Err(e);
    }
    Ok(EventFields {
        title_kk: names.kk,
        title_ru: names.ru,
        title_en: names.en,
        description_kk: opt(&i.description_kk, 5000),
        description_ru: opt(&i.description_ru, 5000),
        description_en: opt(&i.description_en, 5000),
        direction,
        activity_type: activity.code.to_owned(),
        region_code: region.as_str().to_owned(),
        locality: opt(&i.locality, 200),
        address: opt(&i.address, 300),
        lat: point.map(|p| p.0),
        lon: point.map(|p| p.1),
        online: i.online,
        time_zone: tz.name().to_owned(),
        min_age: i64::from(i.min_age),
        hazardous: i.hazardous,
        skills: normalize_skills(&i.skills),
        languages,
        contact_name: opt(&i.contact_name, 200),
        contact_phone: phone,
        mode: mode.code().to_owned(),
        project_id: None,
    })
}

/// Validates an event and its project (one of the same organization's).
async fn with_project(
    state: &AppState,
    lang: Lang,
    org: Uuid,
    i: &EventInput,
) -> Result<EventFields, OpError> {
    let project_ok = match i.project_id {
        None => true,
        Some(p) => store_events::project(&state.db, p)
            .await?
            .is_some_and(|p| p.organization_id == org),
    };
    match (validate(lang, i), project_ok) {
        (Ok(mut f), true) => {
            f.project_id = i.project_id;
            Ok(f)
        }
        (r, ok) => {
            let mut e = r.err().unwrap_or_else(|| Errors::new(lang));
            if !ok {
                e.invalid("project_id", &domain::Invalid::ChoiceUnknown);
            }
            Err(OpError::Invalid(e))
        }
    }
}

/// A project, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProjectInput {
    /// Title in Kazakh.
    pub title_kk: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Goals.
    pub goals: String,
    /// First day (YYYY-MM-DD, optional).
    pub starts_on: String,
    /// Last day (YYYY-MM-DD, optional, not before the first).
    pub ends_on: String,
}

/// Creates a project of an organization (its members).
pub async fn create_project(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    org: Uuid,
    i: &ProjectInput,
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
    if i.goals.chars().count() > 5000 {
        e.invalid("goals", &domain::Invalid::TooLong { max: 5000 });
    }
    let day = |e: &mut Errors, f: &str, v: &str| match v.trim() {
        "" => Some(None),
        v => e.check(f, domain::parse_date(v).map(Some)),
    };
    let starts = day(&mut e, "starts_on", &i.starts_on);
    let ends = day(&mut e, "ends_on", &i.ends_on);
    if let (Some(Some(a)), Some(Some(b))) = (starts, ends)
        && b < a
    {
        e.invalid("ends_on", &domain::Invalid::EndBeforeStart);
    }
    let (Some(names), Some(starts_on), Some(ends_on)) = (names, starts, ends) else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    Ok(store_events::create_project(
        &state.db,
        o.id,
        &store_events::Project {
            title_kk: names.kk,
            title_ru: names.ru,
            title_en: names.en,
            goals: opt(&i.goals, 5000),
            starts_on,
            ends_on,
            ..Default::default()
        },
    )
    .await?)
}

/// Loads an event and its organization.
pub async fn load(
    state: &AppState,
    id: Uuid,
) -> Result<(Event, store::organizations::Organization), OpError> {
    let e = store_events::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    let o = orgs::load(state, e.organization_id).await?;
    Ok((e, o))
}

/// Loads an event for one of its organization's members.
pub async fn load_managed(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
) -> Result<(Event, store::organizations::Organization), OpError> {
    let (e, o) = load(state, id).await?;
    allow(Some(me), Action::PublishEvents, &orgs::resource(&o))?;
    Ok((e, o))
}

/// Whether `me` manages the event's organization.
pub fn manages(me: Option<&SignedIn>, o: &store::organizations::Organization) -> bool {
    orgs::may(me, Action::PublishEvents, &orgs::resource(o))
}

/// Whether `me` may decide applications: the organization's members, and (for escalated
/// applications) its region's front-office and the national admin.
fn may_decide(me: &SignedIn, o: &store::organizations::Organization) -> bool {
    manages(Some(me), o) || orgs::may(Some(me), Action::VerifyOrganization, &orgs::resource(o))
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
    let fields = with_project(state, lang, o.id, i).await?;
    Ok(store_events::create(&state.db, o.id, &fields).await?)
}

/// Edits an event (draft or published).
pub async fn update(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    i: &EventInput,
) -> Result<(), OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    if !matches!(
        EventStatus::parse(&ev.status),
        Some(EventStatus::Draft | EventStatus::Published)
    ) {
        return Err(OpError::Conflict("event_not_open"));
    }
    let fields = with_project(state, lang, ev.organization_id, i).await?;
    store_events::update(&state.db, event, &fields).await?;
    state.search_counts.clear();
    Ok(())
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
    if matches!(
        EventStatus::parse(&ev.status),
        Some(EventStatus::Cancelled | EventStatus::Completed)
    ) {
        return Err(OpError::Conflict("event_not_open"));
    }
    Ok(())
}

/// Adds a shift to an event (its organization's members).
pub async fn add_shift(
    state: &AppState,
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
    state: &AppState,
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

/// Publishes a draft: only a verified (so not suspended) organization publishes.
pub async fn publish(state: &AppState, me: &SignedIn, event: Uuid) -> Result<(), OpError> {
    let (ev, o) = load_managed(state, me, event).await?;
    let from = EventStatus::parse(&ev.status).unwrap_or(EventStatus::Draft);
    let org = OrgStatus::parse(&o.status).unwrap_or(OrgStatus::Registered);
    let to = opportunity::publish(from, org)?;
    store_events::set_status(&state.db, event, from.code(), to.code()).await?;
    state.search_counts.clear();
    Ok(())
}

/// Marks a published event completed.
pub async fn complete(state: &AppState, me: &SignedIn, event: Uuid) -> Result<(), OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    if ev.status != EventStatus::Published.code() {
        return Err(OpError::Conflict("event_not_open"));
    }
    store_events::set_status(&state.db, event, "published", "completed").await?;
    state.search_counts.clear();
    // Whoever is still checked in leaves now (at most at her shift's end): her attendance
    // becomes hours to confirm.
    let now = store::now();
    for (application, ends) in store_shifts::still_checked_in(&state.db, event).await? {
        match store_shifts::check_out(&state.db, application, now.min(ends)).await {
            Ok(_) | Err(store::Error::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Cancels an event with a reason; everyone who applied is told.
pub async fn cancel_event(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let from = EventStatus::parse(&ev.status).unwrap_or(EventStatus::Draft);
    opportunity::cancel(from)?;
    let reason: String = reason.chars().take(1000).collect();
    let told = store_events::cancel(&state.db, event, &reason).await?;
    state.search_counts.clear();
    for r in told {
        if off(&r.notify_off, Category::Cancellations) {
            continue;
        }
        let l = Lang::parse(&r.lang).unwrap_or_default();
        let title = crate::i18n::in_lang(l, &ev.title_kk, &ev.title_ru, &ev.title_en);
        mail(
            state,
            &r.email,
            l,
            "event_cancelled",
            &[
                ("name", Arg::Str(r.display_name.clone())),
                ("event", Arg::Str(title)),
                ("reason", Arg::Str(reason.clone())),
                ("link", Arg::Str(link(state, &format!("/events/{event}")))),
            ],
        )
        .await;
    }
    Ok(())
}

/// Kinds of e-mail a volunteer can turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Acknowledgements and decisions on her applications.
    Decisions,
    /// Promotion from the waitlist.
    Waitlist,
    /// Cancelled events.
    Cancellations,
    /// Reminders the day before a shift.
    Reminders,
}

impl Category {
    /// Every category, in the order of the settings page.
    pub const ALL: [Category; 4] = [
        Category::Decisions,
        Category::Waitlist,
        Category::Cancellations,
        Category::Reminders,
    ];
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Decisions => "decisions",
            Category::Waitlist => "waitlist",
            Category::Cancellations => "cancellations",
            Category::Reminders => "reminders",
        }
    }
}

/// Whether the stored list of turned-off categories holds `c`.
pub fn off(list: &str, c: Category) -> bool {
    list.split(',').any(|x| x == c.code())
}

fn link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.settings.public_url.trim_end_matches('/'))
}

async fn mail(state: &AppState, to: &str, lang: Lang, stem: &str, args: &[(&str, Arg)]) {
    if let Err(e) = crate::mail::send_with(state, to, lang, stem, args).await {
        tracing::warn!(error = %e, stem, "queueing an e-mail failed");
    }
}

/// Tells the volunteer of an application about it (`mail_{stem}_*`), unless she turned the
/// category off. Failures are logged: the decision itself is already committed.
pub async fn notify(state: &AppState, application: Uuid, stem: &str, category: Category) {
    let n = match store_shifts::notice(&state.db, application).await {
        Ok(Some(n)) => n,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, "loading a notice failed");
            return;
        }
    };
    send_notice(state, &n, stem, category).await;
}

/// Sends one notice (see [`notify`]).
pub async fn send_notice(
    state: &AppState,
    n: &store_shifts::Notice,
    stem: &str,
    category: Category,
) {
    let Some(m) = compose_notice(state, n, stem, category) else {
        return;
    };
    match store::outbox::enqueue(&state.db, &m.to, &m.subject, &m.body, &m.kind).await {
        Ok(_) => state.mail_wake.notify_one(),
        Err(e) => tracing::warn!(error = %e, stem, "queueing an e-mail failed"),
    }
}

/// The message of one notice in the volunteer's language (`mail_{stem}_*`), or none when
/// she turned the category off.
pub fn compose_notice(
    state: &AppState,
    n: &store_shifts::Notice,
    stem: &str,
    category: Category,
) -> Option<store::outbox::Mail> {
    if off(&n.notify_off, category) {
        return None;
    }
    let l = Lang::parse(&n.lang).unwrap_or_default();
    let title = crate::i18n::in_lang(l, &n.title_kk, &n.title_ru, &n.title_en);
    let status = crate::i18n::t(l, &format!("application_status_{}", n.status));
    let args = [
        ("name", Arg::Str(n.display_name.clone())),
        ("event", Arg::Str(title)),
        ("start", Arg::Str(domain::format_datetime(n.starts_at, l))),
        ("status", Arg::Str(status)),
        ("reason", Arg::Str(n.reason.clone().unwrap_or_default())),
        (
            "link",
            Arg::Str(link(state, &format!("/events/{}", n.event_id))),
        ),
    ];
    Some(crate::mail::compose(n.email.clone(), l, stem, &args))
}

/// Applies to a shift within the law: a minor never to activity types 3 and 4 or hazardous
/// events; under the consent age the application waits for a parent's consent. The
/// volunteer gets the answer at once and an e-mail acknowledging it.
pub async fn apply(
    state: &AppState,
    me: &SignedIn,
    shift: Uuid,
    motivation: Option<&str>,
) -> Result<(Uuid, Outcome), OpError> {
    let age = me
        .user
        .birth_date
        .map(|b| domain::age_on(b, crate::today()));
    let consent_age = state.settings.opportunities.consent_age;
    // The law, checked in the application's own transaction against the event as it is.
    let admit = move |a: &store_shifts::Admission| {
        let activity =
            domain::reference::activity_type(&a.activity_type).ok_or(store::Error::NotFound)?;
        let eligibility = opportunity::eligibility(
            age,
            activity,
            a.hazardous,
            u32::try_from(a.min_age).unwrap_or(0),
            consent_age,
            false,
        )
        .map_err(|i| store::Error::Refused(i.code))?;
        Ok(eligibility == opportunity::Eligibility::NeedsConsent)
    };
    let motivation = motivation.map(|m| m.chars().take(2000).collect::<String>());
    let told = state.clone();
    let tell = move |n: &store_shifts::Notice| {
        compose_notice(&told, n, "application_received", Category::Decisions)
    };
    // Written together with the applications that arrive at the same moment.
    let (id, outcome) = store::batch::apply(
        &state.db,
        store::batch::Application {
            shift,
            volunteer: me.user.id,
            motivation,
            admit: std::sync::Arc::new(admit),
            tell: std::sync::Arc::new(tell),
        },
    )
    .await?;
    state.mail_wake.notify_one();
    Ok((id, outcome))
}

/// Cancels one's own application; returns the promoted application, if any (told).
pub async fn cancel(
    state: &AppState,
    me: &SignedIn,
    application: Uuid,
) -> Result<Option<Uuid>, OpError> {
    let promoted = store_shifts::cancel(&state.db, application, me.user.id).await?;
    if let Some(p) = promoted {
        notify(state, p, "promoted", Category::Waitlist).await;
    }
    Ok(promoted)
}

async fn decidable(
    state: &AppState,
    me: &SignedIn,
    application: Uuid,
) -> Result<(Event, store::organizations::Organization), OpError> {
    let event = store_shifts::event_of_application(&state.db, application)
        .await?
        .ok_or(OpError::NotFound)?;
    let (ev, o) = load(state, event).await?;
    if !may_decide(me, &o) {
        return Err(OpError::Forbidden("forbidden"));
    }
    Ok((ev, o))
}

/// Accepts a pending (or waitlisted) application.
pub async fn accept(state: &AppState, me: &SignedIn, application: Uuid) -> Result<(), OpError> {
    decidable(state, me, application).await?;
    store_shifts::accept(&state.db, application, me.user.id).await?;
    notify(state, application, "accepted", Category::Decisions).await;
    Ok(())
}

/// Rejects a pending or waitlisted application with a reason.
pub async fn reject(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    application: Uuid,
    reason: &str,
) -> Result<(), OpError> {
    decidable(state, me, application).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let reason: String = reason.chars().take(1000).collect();
    store_shifts::reject(&state.db, application, me.user.id, &reason).await?;
    notify(state, application, "rejected", Category::Decisions).await;
    Ok(())
}

/// The outcome of a bulk decision: decided, and refused with their codes.
#[derive(Debug, Default, serde::Serialize, utoipa::ToSchema)]
pub struct BulkOutcome {
    /// Applications decided.
    pub decided: Vec<Uuid>,
    /// Applications not decided, with the error code (e.g. `shift_full`).
    pub refused: Vec<(Uuid, String)>,
}

/// Accepts or rejects several applications, each in its own transaction: those that
/// cannot be decided (a full shift, already decided) are reported, the others decided.
pub async fn decide_bulk(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    applications: &[Uuid],
    accept_them: bool,
    reason: &str,
) -> Result<BulkOutcome, OpError> {
    if !accept_them && reason.trim().is_empty() {
        let mut e = Errors::new(lang);
        e.invalid("reason", &domain::Invalid::ReasonRequired);
        return Err(OpError::Invalid(e));
    }
    let mut out = BulkOutcome::default();
    for &a in applications.iter().take(500) {
        let r = if accept_them {
            accept(state, me, a).await
        } else {
            reject(state, lang, me, a, reason).await
        };
        match r {
            Ok(()) => out.decided.push(a),
            Err(e) => out.refused.push((a, e.code().to_owned())),
        }
    }
    Ok(out)
}

/// Moves an application to another shift of the same event.
pub async fn move_to(
    state: &AppState,
    me: &SignedIn,
    application: Uuid,
    to_shift: Uuid,
) -> Result<(), OpError> {
    let (_, o) = decidable(state, me, application).await?;
    if !manages(Some(me), &o) {
        return Err(OpError::Forbidden("forbidden"));
    }
    let promoted = store_shifts::move_to(&state.db, application, to_shift, me.user.id).await?;
    notify(state, application, "moved", Category::Decisions).await;
    if let Some(p) = promoted {
        notify(state, p, "promoted", Category::Waitlist).await;
    }
    Ok(())
}

/// A parent's consent, as typed by the organizer.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ConsentInput {
    /// Parent's full name.
    pub parent_name: String,
    /// Parent's phone or e-mail.
    pub parent_contact: String,
    /// Date of the written consent (YYYY-MM-DD), not in the future.
    pub consent_date: String,
}

/// Records a parent's consent for a held application (the organization's members).
pub async fn record_consent(
    state: &AppState,
    lang: Lang,
    me: &SignedIn,
    application: Uuid,
    i: &ConsentInput,
) -> Result<Outcome, OpError> {
    let (_, o) = decidable(state, me, application).await?;
    if !manages(Some(me), &o) {
        return Err(OpError::Forbidden("forbidden"));
    }
    let mut e = Errors::new(lang);
    let name = e.check("parent_name", domain::PersonName::parse(&i.parent_name));
    let contact = i.parent_contact.trim();
    let contact = if contact.is_empty() {
        e.invalid("parent_contact", &domain::Invalid::Required);
        None
    } else if contact.contains('@') {
        e.check(
            "parent_contact",
            domain::Email::parse(contact).map(|m| m.as_str().to_owned()),
        )
    } else {
        e.check(
            "parent_contact",
            domain::Phone::parse(contact).map(|p| p.as_str().to_owned()),
        )
    };
    let date = e.check("consent_date", domain::parse_date(&i.consent_date));
    if let Some(d) = date
        && d > crate::today()
    {
        e.invalid("consent_date", &domain::Invalid::DateInFuture);
    }
    let (Some(name), Some(contact), Some(date)) = (name, contact, date) else {
        return Err(OpError::Invalid(e));
    };
    if !e.is_empty() {
        return Err(OpError::Invalid(e));
    }
    let outcome = store_shifts::record_consent(
        &state.db,
        application,
        &store_shifts::Consent {
            parent_name: name.as_str().to_owned(),
            parent_contact: contact,
            date,
            recorded_by: me.user.id,
        },
    )
    .await?;
    notify(state, application, "consent_recorded", Category::Decisions).await;
    Ok(outcome)
}

/// Attendance taken by the organizer from the shift's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// Came.
    CheckIn,
    /// Left.
    CheckOut,
    /// Did not come.
    NoShow,
}

/// Takes attendance of one application (the organization's members).
pub async fn attendance(
    state: &AppState,
    me: &SignedIn,
    application: Uuid,
    what: Attendance,
) -> Result<(), OpError> {
    let (_, o) = decidable(state, me, application).await?;
    if !manages(Some(me), &o) {
        return Err(OpError::Forbidden("forbidden"));
    }
    let app = store_shifts::application(&state.db, application)
        .await?
        .ok_or(OpError::NotFound)?;
    let shift = store_shifts::shift(&state.db, app.shift_id)
        .await?
        .ok_or(OpError::NotFound)?;
    let now = store::now();
    match what {
        Attendance::CheckIn => {
            opportunity::check_in_open(shift.starts_at, shift.ends_at, now)
                .map_err(OpError::Conflict)?;
            store_shifts::check_in(&state.db, shift.id, app.volunteer_id, now).await?;
        }
        Attendance::CheckOut => {
            // Leaving is recorded at most at the shift's end.
            store_shifts::check_out(&state.db, application, now.min(shift.ends_at)).await?;
        }
        Attendance::NoShow => {
            if now < shift.starts_at {
                return Err(OpError::Conflict("check_in_not_yet"));
            }
            store_shifts::mark_no_show(&state.db, application, me.user.id).await?;
        }
    }
    Ok(())
}

/// The server's secret for check-in codes (made on first use, then kept).
pub async fn check_in_secret(state: &AppState) -> Result<Vec<u8>, OpError> {
    let secret = state
        .check_in_secret
        .get_or_try_init(|| async {
            let fresh = crate::auth::random_token();
            store::secrets::get_or_create(&state.db, "check_in_v1", &fresh)
                .await
                .map(String::into_bytes)
        })
        .await?;
    Ok(secret.clone())
}

/// A fresh check-in code for a shift, valid a few minutes (the organizer's phone shows it).
pub async fn check_in_code(
    state: &AppState,
    me: &SignedIn,
    shift: Uuid,
) -> Result<(String, DateTime<Utc>), OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    load_managed(state, me, s.event_id).await?;
    let secret = check_in_secret(state).await?;
    let expires = Utc::now() + chrono::Duration::minutes(state.settings.opportunities.qr_minutes);
    Ok((
        opportunity::check_in_token::sign(&secret, shift, expires),
        expires,
    ))
}

/// Checks the signed-in volunteer in with a scanned code; returns the event.
pub async fn check_in_with_code(
    state: &AppState,
    me: &SignedIn,
    token: &str,
) -> Result<Uuid, OpError> {
    let secret = check_in_secret(state).await?;
    let shift = opportunity::check_in_token::verify(&secret, token, Utc::now())
        .map_err(OpError::Forbidden)?;
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let now = store::now();
    opportunity::check_in_open(s.starts_at, s.ends_at, now).map_err(OpError::Conflict)?;
    store_shifts::check_in(&state.db, shift, me.user.id, now).await?;
    Ok(s.event_id)
}

/// The applications of a shift (its organization's members).
pub async fn applications(
    state: &AppState,
    me: &SignedIn,
    shift: Uuid,
) -> Result<Vec<store_shifts::ApplicationRow>, OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    load_managed(state, me, s.event_id).await?;
    Ok(store_shifts::applications_of(&state.db, shift).await?)
}

/// An event for its public page: drafts only for its organization's members.
pub async fn visible(
    state: &AppState,
    me: Option<&SignedIn>,
    id: Uuid,
) -> Result<
    (
        Event,
        store::organizations::Organization,
        Vec<store_shifts::ShiftPlaces>,
    ),
    OpError,
> {
    let (ev, o) = load(state, id).await?;
    if ev.status == EventStatus::Draft.code() && !manages(me, &o) {
        return Err(OpError::NotFound);
    }
    let shifts = store_shifts::shifts_of(&state.db, id).await?;
    Ok((ev, o, shifts))
}

/// Filters of the public search, as in the query string (pages and API alike).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
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
            q: (!self.q.trim().is_empty()).then(|| self.q.trim().chars().take(100).collect()),
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
    state: &AppState,
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
