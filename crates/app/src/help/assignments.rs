//! What a volunteer does with a request: take it (exactly one gets it), decline an offer,
//! start, give it back, report it done with her time; her list, and her point.

use domain::Lang;
use domain::help::{self, HelpType};
use store::help::{self as store_help, HelpRequest};
use uuid::Uuid;

use super::intake::send_code;
use super::{MATCH_KM, box_deg, is_open, sees_private};
use crate::App;
use crate::Errors;
use crate::OpError;
use crate::auth::SignedIn;
use crate::i18n::Arg;

/// She takes a request offered to her (her offer not answered yet): exactly one volunteer
/// gets it; the others offered it are told it is taken. A minor never takes a home visit.
/// Refusals: `not_found` for a request she may not see (no longer open, and neither hers
/// nor ever offered to her); `help_not_offered` (403) for an open request without an open
/// offer to her, held by the store in the statement that assigns it; `request_taken` (409)
/// when another volunteer it was offered to was quicker.
pub async fn take(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if !is_open(&r)
        && !sees_private(Some(me), &r)
        && store_help::offer_to(&state.db, id, me.user.id)
            .await?
            .is_none()
    {
        return Err(OpError::NotFound);
    }
    let help_type = HelpType::parse(&r.help_type).map_err(|_| OpError::NotFound)?;
    let age = me
        .user
        .birth_date
        .map(|b| domain::age_on(b, crate::today()));
    help::may_take(age, help_type).map_err(|e| OpError::Forbidden(e.code))?;
    let others = match store_help::take(&state.db, id, me.user.id).await {
        Ok(others) => others,
        // Taken meanwhile: said to the volunteers it was offered to; to the others it is gone.
        Err(store::Error::Conflict(code)) => {
            return Err(
                if store_help::offer_to(&state.db, id, me.user.id)
                    .await?
                    .is_some()
                {
                    OpError::Conflict(code)
                } else {
                    OpError::NotFound
                },
            );
        }
        Err(e) => return Err(e.into()),
    };
    for v in others {
        if let Some(u) = store::accounts::user_by_id(&state.db, v).await? {
            let l = Lang::parse(&u.preferred_lang).unwrap_or_default();
            let args = [(
                "help",
                Arg::Str(crate::i18n::t(l, &format!("help_type_{}", r.help_type))),
            )];
            if let Err(e) = crate::mail::send_with(state, &u.email, l, "help_taken", &args).await {
                tracing::warn!(error = %e, "queueing an e-mail failed");
            }
        }
    }
    Ok(())
}

/// She declines an offer.
pub async fn decline(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    store_help::decline(&state.db, id, me.user.id).await?;
    Ok(())
}

/// The assignee starts.
pub async fn start(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    store_help::start(&state.db, id, me.user.id).await?;
    Ok(())
}

/// The assignee gives the request back (it returns to the queue for another volunteer).
pub async fn release(state: &App, me: &SignedIn, id: Uuid) -> Result<(), OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.assignee_id != Some(me.user.id) {
        return Err(OpError::NotFound);
    }
    store_help::transition(
        &state.db,
        id,
        &["assigned", "in_progress"],
        "triaged",
        None,
        None,
    )
    .await?;
    Ok(())
}

/// The assignee reports it done with the time she spent: a pending hours entry for the
/// front-office, and a code to the person's phone to confirm.
pub async fn complete(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    id: Uuid,
    minutes: &str,
) -> Result<Uuid, OpError> {
    let r = store_help::get(&state.db, id)
        .await?
        .ok_or(OpError::NotFound)?;
    if r.assignee_id != Some(me.user.id) {
        return Err(OpError::NotFound);
    }
    let mut e = Errors::new(lang);
    let minutes = e.check(
        "minutes",
        match minutes.trim().parse::<i64>() {
            Ok(m) if (1..=crate::book::MAX_CLAIM_MINUTES).contains(&m) => Ok(m),
            _ => Err(domain::Invalid::NumberOutOfRange {
                min: 1,
                max: crate::book::MAX_CLAIM_MINUTES,
            }),
        },
    );
    let Some(minutes) = minutes else {
        return Err(OpError::Invalid(e));
    };
    let activity = match HelpType::parse(&r.help_type) {
        Ok(HelpType::OnlineConsultation) => "7",
        _ => "2",
    };
    let hours = store_help::complete(
        &state.db,
        id,
        me.user.id,
        minutes,
        Some("qamqor"),
        domain::reference::activity_type_by_number(activity.parse().unwrap_or(2)).map(|a| a.code),
    )
    .await?;
    if let Err(e) = send_code(state, &r, None, "done").await {
        tracing::warn!(error = ?e, "the completion code was not sent");
    }
    Ok(hours)
}

/// A volunteer's requests, and where she looks for more.
#[derive(Debug, Clone)]
pub struct ForVolunteer {
    /// Requests she holds or was offered (`true`: offered, not answered yet).
    pub mine: Vec<(HelpRequest, bool)>,
    /// Requests open near her point (or in her region), nobody's yet: what kind, where
    /// roughly, how urgent, never the person (the front-office offers them; she takes one
    /// once it is offered to her).
    pub near: Vec<HelpRequest>,
    /// Her point (private), if she set one.
    pub point: Option<(f64, f64)>,
}

/// Requests a volunteer holds or was offered, and those open near her point (or in her
/// region).
pub async fn for_volunteer(state: &App, me: &SignedIn) -> Result<ForVolunteer, OpError> {
    let mine = store_help::of_volunteer(&state.db, me.user.id).await?;
    let point = home_point(state, me).await?;
    let near = match point {
        Some((lat, lon)) => {
            let (dlat, dlon) = box_deg(lat, MATCH_KM);
            store_help::open_near(
                &state.db,
                (lat - dlat, lat + dlat),
                (lon - dlon, lon + dlon),
                100,
            )
            .await?
        }
        None => match &me.user.region_code {
            Some(region) => store_help::queue(&state.db, region, &["triaged", "offered"], 100)
                .await?
                .into_iter()
                .filter(|r| r.assignee_id.is_none())
                .collect(),
            None => Vec::new(),
        },
    };
    Ok(ForVolunteer { mine, near, point })
}

async fn home_point(state: &App, me: &SignedIn) -> Result<Option<(f64, f64)>, OpError> {
    Ok(store_help::home_point(&state.db, me.user.id).await?)
}

/// Sets or forgets her point (inside Kazakhstan), for requests and calls near her.
pub async fn set_home_point(
    state: &App,
    lang: Lang,
    me: &SignedIn,
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<(), OpError> {
    let point = match (lat, lon) {
        (Some(a), Some(b)) => Some(domain::opportunity::point(a, b).map_err(|e| {
            let mut errors = Errors::new(lang);
            errors.invalid("lat", &e);
            OpError::Invalid(errors)
        })?),
        _ => None,
    };
    store_help::set_home_point(&state.db, me.user.id, point).await?;
    Ok(())
}
