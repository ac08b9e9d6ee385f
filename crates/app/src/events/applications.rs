//! Applications: apply within the law's rules, cancel one's own (a freed place goes to the
//! first on the waitlist), and what the organizer does with them: accept or reject one by
//! one or in bulk, move to another shift, record a parent's consent.

use domain::{Admission, ApplicationStatus, Lang};
use serde::Deserialize;
use store::applications::ApplicationRow;
use store::events::Event;
use store::organizations::Organization;
use store::shifts::{self as store_shifts, Shift, ShiftPlaces};
use uuid::Uuid;

use super::attendance::{Attendance, attendance};
use super::notices::{Category, compose_notice, notify};
use super::{load, load_managed, manages, may_decide};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;

/// Applies to a shift within the law: a minor never to activity types 3 and 4 or hazardous
/// events; under the consent age the application waits for a parent's consent. The
/// volunteer gets the answer at once and an e-mail acknowledging it.
pub async fn apply(
    state: &App,
    me: &SignedIn,
    shift: Uuid,
    motivation: Option<&str>,
) -> Result<(Uuid, Admission), OpError> {
    // The law judges her in the application's own transaction against the event as it is.
    let applicant = domain::Applicant {
        age: me
            .user
            .birth_date
            .map(|b| domain::age_on(b, crate::today())),
        consent_age: state.settings.opportunities.consent_age,
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
            applicant,
            tell: std::sync::Arc::new(tell),
        },
    )
    .await?;
    state.mail_wake.notify_one();
    Ok((id, outcome))
}

/// An application made from its event's page.
#[derive(Debug, Clone, Copy)]
pub struct Applied {
    /// The application.
    pub id: Uuid,
    /// What happened to it.
    pub outcome: Admission,
    /// The shift's event (where the volunteer goes back to).
    pub event: Uuid,
}

/// Applies to a shift like [`apply`], and says which event it belongs to.
pub async fn apply_with_event(
    state: &App,
    me: &SignedIn,
    shift: Uuid,
    motivation: Option<&str>,
) -> Result<Applied, OpError> {
    let event = store_shifts::event_of_shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let (id, outcome) = apply(state, me, shift, motivation).await?;
    Ok(Applied { id, outcome, event })
}

/// Cancels one's own application; returns the promoted application, if any (told).
pub async fn cancel(
    state: &App,
    me: &SignedIn,
    application: Uuid,
) -> Result<Option<Uuid>, OpError> {
    let promoted = store_shifts::cancel(&state.db, application, me.user.id).await?;
    if let Some(p) = promoted {
        notify(state, p, "promoted", Category::Waitlist).await;
    }
    Ok(promoted)
}

/// Cancels one's own application like [`cancel`]; returns its event (where the volunteer
/// goes back to).
pub async fn cancel_with_event(
    state: &App,
    me: &SignedIn,
    application: Uuid,
) -> Result<Uuid, OpError> {
    let event = store_shifts::event_of_application(&state.db, application)
        .await?
        .ok_or(OpError::NotFound)?;
    cancel(state, me, application).await?;
    Ok(event)
}

/// Loads an application's event for whoever may decide it (see [`may_decide`]).
pub(super) async fn decidable(
    state: &App,
    me: &SignedIn,
    application: Uuid,
) -> Result<(Event, Organization), OpError> {
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
pub async fn accept(state: &App, me: &SignedIn, application: Uuid) -> Result<(), OpError> {
    decidable(state, me, application).await?;
    store_shifts::accept(&state.db, application, me.user.id).await?;
    notify(state, application, "accepted", Category::Decisions).await;
    Ok(())
}

/// Rejects a pending or waitlisted application with a reason.
pub async fn reject(
    state: &App,
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
    #[schema(value_type = Vec<Vec<String>>)]
    pub refused: Vec<(Uuid, String)>,
}

/// Accepts or rejects several applications, each in its own transaction: those that
/// cannot be decided (a full shift, already decided) are reported, the others decided.
pub async fn decide_bulk(
    state: &App,
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
    state: &App,
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
    state: &App,
    lang: Lang,
    me: &SignedIn,
    application: Uuid,
    i: &ConsentInput,
) -> Result<ApplicationStatus, OpError> {
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
    let status = store_shifts::record_consent(
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
    Ok(status)
}

/// What the organizer does with one application from a shift's list.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Accept it.
    Accept,
    /// Reject it with this reason.
    Reject(String),
    /// Move it to this shift of the same event.
    Move(Uuid),
    /// Record a parent's consent.
    Consent(ConsentInput),
    /// Take attendance.
    Attendance(Attendance),
}

/// A decision taken from a shift's list, and the shift the application was on before it
/// (the list to go back to, whether or not the decision was taken).
#[derive(Debug)]
pub struct Decided {
    /// The application's shift before the decision (none when it does not exist).
    pub shift: Option<Uuid>,
    /// Whether the decision was taken.
    pub result: Result<(), OpError>,
}

/// Takes one decision on an application (see [`accept`], [`reject`], [`move_to`],
/// [`record_consent`], [`attendance`] for who may).
pub async fn decide(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    application: Uuid,
    decision: Decision,
) -> Decided {
    // Only a link back depends on it: a failed lookup leads home.
    let shift = store_shifts::application(&state.db, application)
        .await
        .ok()
        .flatten()
        .map(|a| a.shift_id);
    let result = match decision {
        Decision::Accept => accept(state, me, application).await,
        Decision::Reject(reason) => reject(state, lang, me, application, &reason).await,
        Decision::Move(to) => move_to(state, me, application, to).await,
        Decision::Consent(i) => record_consent(state, lang, me, application, &i)
            .await
            .map(|_| ()),
        Decision::Attendance(what) => attendance(state, me, application, what).await,
    };
    Decided { shift, result }
}

/// The applications of a shift (its organization's members).
pub async fn applications(
    state: &App,
    me: &SignedIn,
    shift: Uuid,
) -> Result<Vec<store_shifts::ApplicationRow>, OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    load_managed(state, me, s.event_id).await?;
    let rows = store_shifts::applications_of(&state.db, shift).await?;
    Ok(as_the_organizer_sees(rows))
}

/// Applications as their organizer sees them: a volunteer's phone only once she has a place
/// ([`domain::ApplicationStatus::shares_phone`]).
pub(crate) fn as_the_organizer_sees(mut rows: Vec<ApplicationRow>) -> Vec<ApplicationRow> {
    for row in &mut rows {
        if !row.status.shares_phone() {
            row.phone = None;
        }
    }
    rows
}

/// A shift's list of applications as the organizer sees it.
#[derive(Debug, Clone)]
pub struct ShiftApplications {
    /// The shift.
    pub shift: Shift,
    /// Its event.
    pub event: Event,
    /// Its applications, in order of arrival.
    pub applications: Vec<ApplicationRow>,
    /// The event's shifts (to move an application to another).
    pub shifts: Vec<ShiftPlaces>,
}

/// The list of a shift's applications (its organization's members).
pub async fn shift_applications(
    state: &App,
    me: &SignedIn,
    shift: Uuid,
) -> Result<ShiftApplications, OpError> {
    let s = store_shifts::shift(&state.db, shift)
        .await?
        .ok_or(OpError::NotFound)?;
    let (event, _) = load_managed(state, me, s.event_id).await?;
    let applications =
        as_the_organizer_sees(store::applications::applications_of(&state.db, shift).await?);
    let shifts = store_shifts::shifts_of(&state.db, event.id).await?;
    Ok(ShiftApplications {
        shift: s,
        event,
        applications,
        shifts,
    })
}
