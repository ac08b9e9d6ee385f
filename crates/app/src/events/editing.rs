//! Editing events: the event form (as typed, checked field by field), creating and editing
//! drafts, publishing, completing and cancelling, and the organization's projects.

use domain::opportunity::{self, EventMode, EventStatus};
use domain::{Action, Lang};
use serde::Deserialize;
use store::events::{self as store_events, Event, EventFields, Project};
use store::organizations::Organization;
use store::shifts as store_shifts;
use uuid::Uuid;

use super::notices::{Category, link, mail, off};
use super::{load_managed, manages, opt};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;
use crate::organizations::{self, allow};

/// An event, as typed.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EventInput {
    /// Title in Kazakh.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_kk: String,
    /// Title in Russian.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_ru: String,
    /// Title in English.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_en: String,
    /// Description in Kazakh.
    #[schema(max_length = 5000)]
    pub description_kk: String,
    /// Description in Russian.
    #[schema(max_length = 5000)]
    pub description_ru: String,
    /// Description in English.
    #[schema(max_length = 5000)]
    pub description_en: String,
    /// Direction code (optional).
    #[schema(
        pattern = r"^(|apk|birlik|bilim|tarbie|kelisim|front_office|fo_bilim|qamqor|umit|sabaqtastyq|taza_alem|saulyq|asyl_mura)$"
    )]
    pub direction: String,
    /// Activity type code.
    #[schema(
        required = true,
        pattern = r"^(social_help|social_services|victims_help|emergencies|search_missing|environment|other_useful)$"
    )]
    pub activity_type: String,
    /// Region code.
    #[schema(
        required = true,
        pattern = r"^(KZ-10|KZ-11|KZ-15|KZ-19|KZ-23|KZ-27|KZ-31|KZ-33|KZ-35|KZ-39|KZ-43|KZ-47|KZ-55|KZ-59|KZ-61|KZ-62|KZ-63|KZ-71|KZ-75|KZ-79)$"
    )]
    pub region: String,
    /// Locality.
    pub locality: String,
    /// Street address (on site).
    pub address: String,
    /// Map point (latitude), inside Kazakhstan.
    #[schema(minimum = 40.5, maximum = 55.5)]
    pub lat: Option<f64>,
    /// Map point (longitude).
    #[schema(minimum = 46.4, maximum = 87.4)]
    pub lon: Option<f64>,
    /// Online rather than on site.
    pub online: bool,
    /// IANA time zone of the shifts (default Asia/Almaty).
    #[schema(
        pattern = r"^(|Asia/Almaty|Asia/Aqtobe|Asia/Aqtau|Asia/Atyrau|Asia/Oral|Asia/Qostanay|Asia/Qyzylorda|UTC)$"
    )]
    pub time_zone: String,
    /// `first_come` (default) or `moderated`.
    #[schema(pattern = r"^(|first_come|moderated)$")]
    pub mode: String,
    /// Minimum age (0: none).
    #[schema(maximum = 100)]
    pub min_age: u32,
    /// Hazardous (closed to minors).
    pub hazardous: bool,
    /// Required skills.
    pub skills: Vec<String>,
    /// Languages spoken (kk, ru, en).
    #[schema(pattern = r"^(kk|ru|en)$")]
    pub languages: Vec<String>,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    #[schema(pattern = r"^(|\+770[0-9]{8})$")]
    pub contact_phone: String,
    /// Project of the organization it belongs to (optional).
    pub project_id: Option<Uuid>,
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
            EventMode::default().code()
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
        skills: normalize_skills(&i.skills).into(),
        languages: languages.into(),
        contact_name: opt(&i.contact_name, 200),
        contact_phone: phone,
        mode,
        project_id: None,
    })
}

/// Validates an event and its project (one of the same organization's).
async fn with_project(
    state: &App,
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
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_kk: String,
    /// Title in Russian.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_ru: String,
    /// Title in English.
    #[schema(max_length = 200, pattern = r"^[^\x00-\x1f\x7f-\x9f]*$")]
    pub title_en: String,
    /// Goals.
    #[schema(max_length = 5000)]
    pub goals: String,
    /// First day (YYYY-MM-DD, optional).
    #[schema(pattern = r"^(|20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))$")]
    pub starts_on: String,
    /// Last day (YYYY-MM-DD, optional, not before the first).
    #[schema(pattern = r"^(|20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8]))$")]
    pub ends_on: String,
}

/// Creates a project of an organization (its members).
pub async fn create_project(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    org: Uuid,
    i: &ProjectInput,
) -> Result<Uuid, OpError> {
    let o = organizations::load(state, org).await?;
    allow(
        Some(me),
        Action::PublishEvents,
        &organizations::resource(&o),
    )?;
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

/// The projects of an organization (public: anyone may see them).
pub async fn projects(state: &App, org: Uuid) -> Result<Vec<Project>, OpError> {
    Ok(store_events::projects_of(&state.db, org).await?)
}

/// Creates a draft event of an organization (its members).
pub async fn create(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    org: Uuid,
    i: &EventInput,
) -> Result<Uuid, OpError> {
    let o = organizations::load(state, org).await?;
    allow(
        Some(me),
        Action::PublishEvents,
        &organizations::resource(&o),
    )?;
    let fields = with_project(state, lang, o.id, i).await?;
    Ok(store_events::create(&state.db, o.id, &fields).await?)
}

/// Edits an event (draft or published).
pub async fn update(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    event: Uuid,
    i: &EventInput,
) -> Result<(), OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    if !matches!(ev.status, EventStatus::Draft | EventStatus::Published) {
        return Err(OpError::Conflict("event_not_open"));
    }
    let fields = with_project(state, lang, ev.organization_id, i).await?;
    store_events::update(&state.db, event, &fields).await?;
    state.search_counts.clear();
    Ok(())
}

/// What the event form is for: a new event of an organization, or an existing event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormFor {
    /// A new event of this organization.
    NewEvent(Uuid),
    /// This event.
    Event(Uuid),
}

/// What the event form shows besides the values typed: whose event it is and the projects
/// it may belong to.
#[derive(Debug, Clone)]
pub struct EventForm {
    /// The organization the event belongs to.
    pub organization: Organization,
    /// The event, when it exists.
    pub event: Option<Event>,
    /// The organization's projects.
    pub projects: Vec<Project>,
}

/// The event form of a new or an existing event (its organization's members).
pub async fn event_form(state: &App, me: &SignedIn, of: FormFor) -> Result<EventForm, OpError> {
    let (organization, event) = match of {
        FormFor::NewEvent(org) => {
            let o = organizations::load(state, org).await?;
            if !manages(Some(me), &o) {
                return Err(OpError::Forbidden("forbidden"));
            }
            (o, None)
        }
        FormFor::Event(id) => {
            let (e, o) = load_managed(state, me, id).await?;
            (o, Some(e))
        }
    };
    let projects = store_events::projects_of(&state.db, organization.id).await?;
    Ok(EventForm {
        organization,
        event,
        projects,
    })
}

/// Publishes a draft: only a verified (so not suspended) organization publishes.
pub async fn publish(state: &App, me: &SignedIn, event: Uuid) -> Result<(), OpError> {
    let (ev, o) = load_managed(state, me, event).await?;
    let from = ev.status;
    let to = opportunity::publish(from, o.status)?;
    store_events::set_status(&state.db, event, from, to).await?;
    state.search_counts.clear();
    Ok(())
}

/// Marks a published event completed.
pub async fn complete(state: &App, me: &SignedIn, event: Uuid) -> Result<(), OpError> {
    let (ev, _) = load_managed(state, me, event).await?;
    if ev.status != EventStatus::Published {
        return Err(OpError::Conflict("event_not_open"));
    }
    store_events::set_status(
        &state.db,
        event,
        EventStatus::Published,
        EventStatus::Completed,
    )
    .await?;
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
    state: &App,
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
    opportunity::cancel(ev.status)?;
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
